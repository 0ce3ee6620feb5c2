import CTaper

/// The phase of a step (the C ABI's pinned taper_phase values).
public enum Phase: Int32, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// A reduction.
    case reduce = 0
    /// Part of a crossover to another drug; the equivalent dose is unchanged.
    case switchOver = 1
    /// The same dose, held longer.
    case hold = 2
    /// The last step: zero, or the maintenance dose.
    case stop = 3

    /// "reduce", "switch", "hold", "stop", as in the JSON export.
    public var description: String {
        String(cString: taper_phase_name(taper_phase(rawValue: .init(truncatingIfNeeded: rawValue))))
    }

    init(code: Int32) throws(TaperError) {
        guard let phase = Phase(rawValue: code) else {
            throw .abiMismatch("the library returned step phase \(code), which this binding does not know")
        }
        self = phase
    }

    var c: taper_phase { taper_phase(rawValue: .init(truncatingIfNeeded: rawValue)) }
}

/// One dose-time of the day: "morning", 10 mg.
public struct DoseTime: Sendable, Hashable, Codable {
    public var time: String
    public var dose: Mass
    public init(_ time: String, _ dose: Mass) {
        self.time = time
        self.dose = dose
    }
}

/// Stay on the dose of step `afterStep` (1-based) for an extra `days`.
public struct Hold: Sendable, Hashable, Codable {
    public var afterStep: Int
    public var days: Double
    public init(afterStep: Int, days: Double) {
        self.afterStep = afterStep
        self.days = days
    }
}

/// What a person asks for: the drug, the dose they take now and how, when to start, and the
/// limits the schedule must respect. A plain value; the planner checks it (TaperError.plan
/// naming the field) when you plan or call `validate(in:)`.
///
///     var request = PlanRequest(drug: "citalopram", dailyDose: .mg(20),
///                               start: CalendarDate(year: 2026, month: 12, day: 1))
///     request.maxStepPercent = 25
public struct PlanRequest: Sendable, Hashable, Codable {
    /// Name, alias or brand.
    public var drug: String
    /// What is taken per day now.
    public var dailyDose: Mass
    /// How it is split across the day; empty means once daily. Must add up to `dailyDose`.
    public var split: [DoseTime] = []
    /// First day of step 1.
    public var start: CalendarDate
    /// Length of each step, days (the library's default: 28).
    public var intervalDays: Double = RequestField.defaultNumber(TAPER_REQUEST_INTERVAL)
    /// Per-phase step lengths, days (e.g. switch steps of a crossover).
    public var phaseIntervalDays: [Phase: Double] = [:]

    // Limits. Reductions are measured in the plan's basis: the drug's own mg, or
    // diazepam-equivalent mg in a crossover.

    /// Largest cut per step.
    public var maxStep: Mass?
    /// Largest cut per step, % of the most recent dose.
    public var maxStepPercent: Double?
    /// Largest cut per step, receptor-occupancy percentage points.
    public var maxStepPoints: Double?
    /// A smaller change is not worth a step.
    public var minChange: Mass = .mg(RequestField.defaultNumber(TAPER_REQUEST_MIN_CHANGE))
    /// The last dose before stopping.
    public var finalDose: Mass?
    /// End on this dose instead of stopping.
    public var maintenance: Mass = .mg(RequestField.defaultNumber(TAPER_REQUEST_MAINTENANCE))
    /// The plan must finish within this many steps ...
    public var maxSteps: Int?
    /// ... or within this many days.
    public var maxDurationDays: Double?
    public var holds: [Hold] = []
    /// Slower, smaller steps for short half-lives.
    public var halfLifePacing = RequestField.defaultNumber(TAPER_REQUEST_HALF_LIFE_PACING) == 1

    /// Occupancy model id; "" means the drug's default.
    public var occupancyModel = RequestField.defaultText(TAPER_REQUEST_OCCUPANCY_MODEL)
    /// Diazepam-equivalence table ("ashton", "va-dod-2021").
    public var equivalenceTable = RequestField.defaultText(TAPER_REQUEST_EQUIVALENCE_TABLE)
    /// Formulation id in use (for whole-unit warnings); "" means none.
    public var currentFormulation = RequestField.defaultText(TAPER_REQUEST_CURRENT_FORMULATION)

    public init(drug: String, dailyDose: Mass, start: CalendarDate) {
        self.drug = drug
        self.dailyDose = dailyDose
        self.start = start
    }

    /// Checks the request against a database without planning. TaperError.plan naming the
    /// field, .unknownDrug, .missingData.
    public func validate(in database: Database) throws(TaperError) {
        let handle = try RequestHandle(self)
        try check { taper_request_validate(handle.raw, database.storage.raw, $0) }
    }
}

/// One field of a plan request as the library describes it (taper_request_field_describe):
/// its key ("max_step_percent"), kind, unit ("mg", "days", "%", "points" for numbers and each
/// item of a list; "" otherwise), bounds and default. A required or optional field (unset by
/// default, and then not applied) and a list have no default.
public struct RequestField: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case text, number, count, flag, date, list
    }
    public var key: String
    public var kind: Kind
    public var unit: String
    public var description: String
    public var required: Bool
    public var optional: Bool
    public var defaultNumber: Double?
    public var defaultText: String?
    public var minimum: Double?
    public var minimumInclusive: Bool
    public var maximum: Double?
    public var maximumInclusive: Bool

    /// Every field, in the library's order.
    public static func all() throws(TaperError) -> [RequestField] {
        try ensureABI()
        var out: [RequestField] = []
        for index in 0..<taper_request_field_count() {
            out.append(try describe(taper_request_field(rawValue: .init(truncatingIfNeeded: index))))
        }
        return out
    }

    /// The field with key `key`; TaperError.invalidArgument (with the nearest key as a
    /// suggestion) for an unknown one.
    public static func named(_ key: String) throws(TaperError) -> RequestField {
        try ensureABI()
        var field = taper_request_field(rawValue: 0)
        try check { taper_request_field_from_name(key, &field, $0) }
        return try describe(field)
    }

    static func describe(_ field: taper_request_field) throws(TaperError) -> RequestField {
        var info = taper_request_field_info()
        info.struct_size = UInt32(MemoryLayout<taper_request_field_info>.size)
        try check { taper_request_field_describe(field, &info, $0) }
        let kinds: [Kind] = [.text, .number, .count, .flag, .date, .list]
        let kind = Int(info.kind.rawValue)
        guard kind < kinds.count else {
            throw .abiMismatch("the library described a request field of kind \(kind), which this binding does not know")
        }
        let textual = kinds[kind] == .text || kinds[kind] == .date
        return RequestField(
            key: String(cString: info.name), kind: kinds[kind], unit: String(cString: info.unit),
            description: String(cString: info.description), required: info.required != 0,
            optional: info.optional != 0,
            defaultNumber: info.has_default != 0 && !textual ? info.default_number : nil,
            defaultText: info.has_default != 0 && textual ? info.default_text.map { String(cString: $0) } : nil,
            minimum: info.has_minimum != 0 ? info.minimum : nil, minimumInclusive: info.minimum_inclusive != 0,
            maximum: info.has_maximum != 0 ? info.maximum : nil, maximumInclusive: info.maximum_inclusive != 0)
    }

    /// The library's default of a number or flag field, for PlanRequest's stored defaults; NaN
    /// (refused when planning, never a silent value) if the library cannot say.
    static func defaultNumber(_ field: taper_request_field) -> Double {
        (try? describe(field))?.defaultNumber ?? .nan
    }

    /// The library's default of a text field; "" if the library cannot say.
    static func defaultText(_ field: taper_request_field) -> String {
        (try? describe(field))?.defaultText ?? ""
    }
}

/// A taper_request made from a PlanRequest for one call, freed afterwards. Every field is set
/// by its typed key (taper_request_set_number / set_text), which checks it as the planner does.
final class RequestHandle {
    let raw: OpaquePointer

    init(_ r: PlanRequest) throws(TaperError) {
        try ensureABI()
        var made: OpaquePointer? = nil
        try check { taper_request_create(&made, $0) }
        raw = made!
        func number(_ field: taper_request_field, _ value: Double?) throws(TaperError) {
            guard let value else { return }
            try check { taper_request_set_number(raw, field, value, $0) }
        }
        func text(_ field: taper_request_field, _ value: String) throws(TaperError) {
            try check { taper_request_set_text(raw, field, value, $0) }
        }
        try text(TAPER_REQUEST_DRUG, r.drug)
        try number(TAPER_REQUEST_DAILY_DOSE, r.dailyDose.milligrams)
        for dose in r.split {
            try check { taper_request_add_dose_time(raw, dose.time, dose.dose.milligrams, $0) }
        }
        try check {
            taper_request_set_start_date(raw, Int32(clamping: r.start.year), Int32(clamping: r.start.month),
                                         Int32(clamping: r.start.day), $0)
        }
        try number(TAPER_REQUEST_INTERVAL, r.intervalDays)
        for (phase, days) in r.phaseIntervalDays.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            try check { taper_request_set_phase_interval_days(raw, phase.c, days, $0) }
        }
        try number(TAPER_REQUEST_MAX_STEP_MG, r.maxStep?.milligrams)
        try number(TAPER_REQUEST_MAX_STEP_PERCENT, r.maxStepPercent)
        try number(TAPER_REQUEST_MAX_STEP_POINTS, r.maxStepPoints)
        try number(TAPER_REQUEST_MIN_CHANGE, r.minChange.milligrams)
        try number(TAPER_REQUEST_FINAL_DOSE, r.finalDose?.milligrams)
        try number(TAPER_REQUEST_MAINTENANCE, r.maintenance.milligrams)
        try number(TAPER_REQUEST_MAX_STEPS, r.maxSteps.map(Double.init))
        try number(TAPER_REQUEST_MAX_DURATION, r.maxDurationDays)
        for hold in r.holds {
            guard let after = Int32(exactly: hold.afterStep) else {
                throw .invalidArgument("hold after step \(hold.afterStep) does not fit the C ABI's 32-bit step number")
            }
            try check { taper_request_add_hold(raw, after, hold.days, $0) }
        }
        try number(TAPER_REQUEST_HALF_LIFE_PACING, r.halfLifePacing ? 1 : 0)
        try text(TAPER_REQUEST_OCCUPANCY_MODEL, r.occupancyModel)
        try text(TAPER_REQUEST_EQUIVALENCE_TABLE, r.equivalenceTable)
        try text(TAPER_REQUEST_CURRENT_FORMULATION, r.currentFormulation)
    }

    deinit { taper_request_free(raw) }
}

// Durations as Swift's `Duration` beside the day counts the C ABI takes (taper's steps are
// whole days; a fraction of a day rounds to the nearest day when planned).
extension Duration {
    /// `days` days of 86,400 s.
    static func taperDays(_ days: Double) -> Duration { .seconds(days * 86_400) }
    /// In days of 86,400 s.
    var taperDays: Double {
        let (seconds, attoseconds) = components
        return (Double(seconds) + Double(attoseconds) * 1e-18) / 86_400
    }
}

extension PlanRequest {
    /// The length of each step (`intervalDays` as a Duration).
    public var interval: Duration {
        get { .taperDays(intervalDays) }
        set { intervalDays = newValue.taperDays }
    }

    /// The plan must finish within this long (`maxDurationDays` as a Duration).
    public var maxDuration: Duration? {
        get { maxDurationDays.map(Duration.taperDays) }
        set { maxDurationDays = newValue?.taperDays }
    }
}

extension Hold {
    /// Stay on the dose of step `afterStep` (1-based) for an extra `length`.
    public init(afterStep: Int, length: Duration) { self.init(afterStep: afterStep, days: length.taperDays) }

    /// `days` as a Duration.
    public var length: Duration { .taperDays(days) }
}

extension Step {
    /// `lengthDays` as a Duration.
    public var length: Duration { .taperDays(lengthDays) }
}
