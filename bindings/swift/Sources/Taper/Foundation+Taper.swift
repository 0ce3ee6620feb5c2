// What Foundation adds where it is present (every Swift toolchain on Apple platforms and
// Linux ships it): errors that say the library's message through `localizedDescription`, and
// calendar days as `DateComponents` and `Date`. The rest of the binding needs no Foundation.
#if canImport(Foundation)
import Foundation

extension TaperError: LocalizedError {
    /// The library's message, so that `error.localizedDescription` says what went wrong
    /// (without this: "The operation could not be completed. (Taper.TaperError error 2.)").
    public var errorDescription: String? { message }
}

extension CalendarDate {
    /// Year, month and day as date components (no calendar or time zone is implied).
    public var dateComponents: DateComponents { DateComponents(year: year, month: month, day: day) }

    /// The day of `components`; nil unless it has a year, a month and a day.
    public init?(_ components: DateComponents) {
        guard let year = components.year, let month = components.month, let day = components.day else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Midnight UTC at the start of this day in the Gregorian calendar (taper's days are
    /// civil days, with no time zone of their own); nil for an impossible date.
    public var startOfDayUTC: Date? {
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(identifier: "UTC") else { return nil }
        calendar.timeZone = utc
        let date = calendar.date(from: dateComponents)
        // Foundation rolls an impossible date over (February 30 -> March 2): refuse it instead.
        guard let date, CalendarDate(calendar.dateComponents([.year, .month, .day], from: date)) == self else {
            return nil
        }
        return date
    }
}
#endif

extension Step: Identifiable {
    /// The step's number (1-based): unique within its schedule.
    public var id: Int { number }
}
