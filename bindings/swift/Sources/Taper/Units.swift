import CTaper

/// A mass, kept in milligrams: the unit of every dose in the C ABI. A type of its own so
/// that a dose can never be passed where a volume or a percentage was meant.
///
///     let dose: Mass = .mg(20)
///     let parsed = try Mass(parsing: "500 mcg")   // 0.5 mg
public struct Mass: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var milligrams: Double

    public init(milligrams: Double) { self.milligrams = milligrams }

    public static func mg(_ value: Double) -> Mass { Mass(milligrams: value) }
    public static func mcg(_ value: Double) -> Mass { Mass(milligrams: value / 1000) }
    public static func g(_ value: Double) -> Mass { Mass(milligrams: value * 1000) }
    public static let zero = Mass(milligrams: 0)

    /// Parses "2.5 mg", "500 mcg", "1 g" with the library's parser (TaperError.parse).
    public init(parsing text: String) throws(TaperError) {
        try ensureABI()
        var mg = 0.0
        try check { taper_parse_mass(&mg, text, $0) }
        milligrams = mg
    }

    /// As the library formats a mass (taper_format_mass), e.g. "2.5 mg".
    public var description: String {
        (try? formatMass(milligrams)) ?? "\(milligrams) mg"
    }

    public static func < (a: Mass, b: Mass) -> Bool { a.milligrams < b.milligrams }
    public static func + (a: Mass, b: Mass) -> Mass { Mass(milligrams: a.milligrams + b.milligrams) }
    public static func - (a: Mass, b: Mass) -> Mass { Mass(milligrams: a.milligrams - b.milligrams) }
    public static func * (a: Mass, k: Double) -> Mass { Mass(milligrams: a.milligrams * k) }
    public static func * (k: Double, a: Mass) -> Mass { Mass(milligrams: a.milligrams * k) }
    public static func / (a: Mass, k: Double) -> Mass { Mass(milligrams: a.milligrams / k) }
}

/// A volume, kept in millilitres.
public struct Volume: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var millilitres: Double

    public init(millilitres: Double) { self.millilitres = millilitres }

    public static func mL(_ value: Double) -> Volume { Volume(millilitres: value) }
    public static let zero = Volume(millilitres: 0)

    /// Parses "2.5 mL", "1 L" (TaperError.parse).
    public init(parsing text: String) throws(TaperError) {
        try ensureABI()
        var ml = 0.0
        try check { taper_parse_volume(&ml, text, $0) }
        millilitres = ml
    }

    public var description: String { "\(millilitres) mL" }
    public static func < (a: Volume, b: Volume) -> Bool { a.millilitres < b.millilitres }
}

/// A concentration, kept in mg/mL.
public struct Concentration: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var milligramsPerMillilitre: Double

    public init(milligramsPerMillilitre: Double) { self.milligramsPerMillilitre = milligramsPerMillilitre }

    public static func mgPerML(_ value: Double) -> Concentration { Concentration(milligramsPerMillilitre: value) }

    /// Parses "20 mg/mL", "10 mg/5 mL" (TaperError.parse).
    public init(parsing text: String) throws(TaperError) {
        try ensureABI()
        var value = 0.0
        try check { taper_parse_concentration(&value, text, $0) }
        milligramsPerMillilitre = value
    }

    public var description: String { "\(milligramsPerMillilitre) mg/mL" }
    public static func < (a: Concentration, b: Concentration) -> Bool {
        a.milligramsPerMillilitre < b.milligramsPerMillilitre
    }
}

/// Durations are plain days (Double) in this API, with "Days" in every name; this parses
/// "14 d", "4 weeks", "12 h" into days with the library's parser (TaperError.parse).
public func parseDays(_ text: String) throws(TaperError) -> Double {
    try ensureABI()
    var days = 0.0
    try check { taper_parse_duration(&days, text, $0) }
    return days
}

/// A civil date (no time, no time zone): when a step starts.
public struct CalendarDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int  // 1...12
    public var day: Int    // 1...31

    /// Not checked here: the library refuses an impossible date where it is used.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses ISO 8601 "2026-12-01" (TaperError.parse, also for impossible dates).
    public init(parsing text: String) throws(TaperError) {
        try ensureABI()
        var date = taper_date()
        try check { taper_parse_date(&date, text, $0) }
        self.init(date)
    }

    init(_ date: taper_date) {
        self.init(year: Int(date.year), month: Int(date.month), day: Int(date.day))
    }

    /// "2026-12-01".
    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let digits = String(abs(n))
            return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// The library's formatting of a mass (taper_format_mass): a buffer string, snprintf style.
func formatMass(_ mg: Double) throws(TaperError) -> String {
    try ensureABI()
    var size = 64
    while true {
        var buffer = [CChar](repeating: 0, count: size)
        var needed = 0
        var error: OpaquePointer? = nil
        let status = buffer.withUnsafeMutableBufferPointer { taper_format_mass($0.baseAddress, size, &needed, mg, &error) }
        if status == TAPER_ERROR_BUFFER_TOO_SMALL && needed > size {
            taper_error_free(error)
            size = needed
            continue
        }
        try throwIfFailed(status, error)
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
