import CTaper

/// The phase of a step (the C ABI's pinned taper_phase values).
public enum Phase: Int32, Sendable, Hashable, CaseIterable, CustomStringConvertible {
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
public struct DoseTime: Sendable, Hashable {
    public var time: String
    public var dose: Mass
    public init(_ time: String, _ dose: Mass) {
        self.time = time
        self.dose = dose
    }
}

/// Stay on the dose of step `afterStep` (1-based) for an extra `days`.
public struct Hold: Sendable, Hashable {
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
public struct PlanRequest: Sendable, Hashable {
    /// Name, alias or brand.
    public var drug: String
    /// What is taken per day now.
    public var dailyDose: Mass
    /// How it is split across the day; empty means once daily. Must add up to `dailyDose`.
    public var split: [DoseTime] = []
    /// First day of step 1.
    public var start: CalendarDate
    /// Length of each step, days.
    public var intervalDays: Double = 28
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
    public var minChange: Mass = .zero
    /// The last dose before stopping.
    public var finalDose: Mass?
    /// End on this dose instead of stopping.
    public var maintenance: Mass = .zero
    /// The plan must finish within this many steps ...
    public var maxSteps: Int?
    /// ... or within this many days.
    public var maxDurationDays: Double?
    public var holds: [Hold] = []
    /// Slower, smaller steps for short half-lives.
    public var halfLifePacing = false

    /// Occupancy model id; "" means the drug's default.
    public var occupancyModel = ""
    /// Diazepam-equivalence table ("ashton", "va-dod-2021").
    public var equivalenceTable = "ashton"
    /// Formulation id in use (for whole-unit warnings); "" means none.
    public var currentFormulation = ""

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

/// A taper_request made from a PlanRequest for one call, freed afterwards.
final class RequestHandle {
    let raw: OpaquePointer

    init(_ r: PlanRequest) throws(TaperError) {
        try ensureABI()
        var made: OpaquePointer? = nil
        try check { taper_request_create(&made, $0) }
        raw = made!
        try check { taper_request_set_drug(raw, r.drug, $0) }
        try check { taper_request_set_daily_dose_mg(raw, r.dailyDose.milligrams, $0) }
        for dose in r.split {
            try check { taper_request_add_dose_time(raw, dose.time, dose.dose.milligrams, $0) }
        }
        try check {
            taper_request_set_start_date(raw, Int32(clamping: r.start.year), Int32(clamping: r.start.month),
                                         Int32(clamping: r.start.day), $0)
        }
        try check { taper_request_set_interval_days(raw, r.intervalDays, $0) }
        for (phase, days) in r.phaseIntervalDays.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            try check { taper_request_set_phase_interval_days(raw, phase.c, days, $0) }
        }
        if let v = r.maxStep { try check { taper_request_set_max_step_mg(raw, v.milligrams, $0) } }
        if let v = r.maxStepPercent { try check { taper_request_set_max_step_percent(raw, v, $0) } }
        if let v = r.maxStepPoints { try check { taper_request_set_max_step_points(raw, v, $0) } }
        try check { taper_request_set_min_change_mg(raw, r.minChange.milligrams, $0) }
        if let v = r.finalDose { try check { taper_request_set_final_dose_mg(raw, v.milligrams, $0) } }
        try check { taper_request_set_maintenance_mg(raw, r.maintenance.milligrams, $0) }
        if let v = r.maxSteps {
            guard let steps = Int32(exactly: v) else {
                throw .invalidArgument("maxSteps \(v) does not fit the C ABI's 32-bit step count")
            }
            try check { taper_request_set_max_steps(raw, steps, $0) }
        }
        if let v = r.maxDurationDays { try check { taper_request_set_max_duration_days(raw, v, $0) } }
        for hold in r.holds {
            guard let after = Int32(exactly: hold.afterStep) else {
                throw .invalidArgument("hold after step \(hold.afterStep) does not fit the C ABI's 32-bit step number")
            }
            try check { taper_request_add_hold(raw, after, hold.days, $0) }
        }
        try check { taper_request_set_half_life_pacing(raw, r.halfLifePacing ? 1 : 0, $0) }
        try check { taper_request_set_occupancy_model(raw, r.occupancyModel, $0) }
        try check { taper_request_set_equivalence_table(raw, r.equivalenceTable, $0) }
        try check { taper_request_set_current_formulation(raw, r.currentFormulation, $0) }
    }

    deinit { taper_request_free(raw) }
}
