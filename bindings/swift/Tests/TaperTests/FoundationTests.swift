// Foundation, Codable and Identifiable (issue 9): errors say the library's message through
// localizedDescription, calendar days convert to DateComponents and Date, and value types
// round-trip through JSON.
#if canImport(Foundation)
import Foundation
import Taper
import Testing

@Suite("Foundation and Codable")
struct FoundationTests {
    @Test("localizedDescription is the library's message")
    func localizedDescription() throws {
        let db = try Database.embedded
        var r = citalopram20()
        r.maxStepPercent = 100
        let error = expectTaperError { try r.validate(in: db) }
        let described = (error as (any Error)?)?.localizedDescription ?? ""
        #expect(described == error?.message)
        #expect(described.contains("max step percent"), "\(described)")
    }

    @Test("A calendar day as DateComponents and as a Date")
    func dates() throws {
        let day = CalendarDate(year: 2026, month: 12, day: 1)
        #expect(day.dateComponents.year == 2026 && day.dateComponents.month == 12 && day.dateComponents.day == 1)
        #expect(CalendarDate(day.dateComponents) == day)
        // 2026-12-01T00:00:00Z is 1,796,083,200 s after 1970-01-01 (20,788 days of 86,400 s).
        let date = try #require(day.startOfDayUTC)
        #expect(date.timeIntervalSince1970 == 1_796_083_200)
        #expect(CalendarDate(year: 2026, month: 2, day: 30).startOfDayUTC == nil)
        #expect(CalendarDate(DateComponents(year: 2026, month: 12)) == nil)
    }

    @Test("Requests and steps round-trip through JSON; steps are identified by their number")
    func codable() throws {
        var r = citalopram20()
        r.split = [DoseTime("morning", .mg(10)), DoseTime("night", .mg(10))]
        r.maxStepPercent = 25
        r.phaseIntervalDays = [.hold: 14]
        let back = try JSONDecoder().decode(PlanRequest.self, from: JSONEncoder().encode(r))
        #expect(back == r)
        let s = try Database.embedded.plan(citalopram20(), strategy: .proportional(percent: 10))
        let steps = try JSONDecoder().decode([Step].self, from: JSONEncoder().encode(s.steps))
        #expect(steps == s.steps)
        #expect(s.steps.map(\.id) == Array(1...s.steps.count))
    }
}
#endif
