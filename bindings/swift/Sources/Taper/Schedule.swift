import CTaper

/// What a plan's doses are measured in.
public enum DoseBasis: Int32, Sendable, Hashable, Codable, CustomStringConvertible {
    /// mg of the drug itself.
    case ownMg = 0
    /// mg diazepam-equivalent (crossover plans).
    case diazepamMg = 1

    /// "own_mg", "diazepam_mg", as in the JSON export.
    public var description: String {
        String(cString: taper_basis_name(taper_basis(rawValue: .init(truncatingIfNeeded: rawValue))))
    }
}

/// A dose of one drug at one time of day. During a crossover a step has lines of both drugs.
public struct DoseLine: Sendable, Hashable, Codable {
    public var drug: String
    public var time: String
    public var amount: Mass
}

/// One step of a schedule: from a date, for a while, take these doses.
public struct Step: Sendable, Hashable, Codable {
    /// 1-based.
    public var number: Int
    public var phase: Phase
    public var start: CalendarDate
    /// The day after the last day.
    public var end: CalendarDate
    /// Days from the schedule's start to this step's.
    public var dayOffset: Int
    public var lengthDays: Double
    public var doses: [DoseLine]
    /// Of the drug being tapered (0 once switched away).
    public var dailyDose: Mass
    /// In the plan's basis: own mg or diazepam-equivalent mg.
    public var equivalentDailyDose: Mass
    /// Reduction from the previous step (basis mg; positive = lower).
    public var change: Mass
    /// Reduction as % of the previous step's dose.
    public var changePercent: Double
    /// Where the drug has a model.
    public var occupancyPercent: Double?
    /// Occupancy reduction, percentage points, where the drug has a model.
    public var changePoints: Double?
    public var notes: [String]
    public var warnings: [String]
    /// The notes and warnings as codes (docs/messages.md), in the order they were written.
    public var messages: [Message]

    init(info i: taper_step_info, doses: [DoseLine], notes: [String], warnings: [String],
         messages: [Message] = []) throws(TaperError) {
        number = Int(i.number)
        phase = try Phase(code: i.phase)
        start = CalendarDate(i.start)
        end = CalendarDate(i.end)
        dayOffset = Int(i.day_offset)
        lengthDays = i.length_days
        self.doses = doses
        dailyDose = .mg(i.daily_dose_mg)
        equivalentDailyDose = .mg(i.equivalent_daily_dose_mg)
        change = .mg(i.change_mg)
        changePercent = i.change_percent
        occupancyPercent = known(i.occupancy_percent)
        changePoints = known(i.change_points)
        self.notes = notes
        self.warnings = warnings
        self.messages = messages
    }
}

/// Every step's numbers as columns (one array per field, one element per step), read in
/// one call through the C ABI's bulk accessor.
public struct ScheduleColumns: Sendable, Hashable {
    public var dayOffset: [Double] = []
    public var lengthDays: [Double] = []
    public var dailyDoseMg: [Double] = []
    public var equivalentDailyDoseMg: [Double] = []
    public var changeMg: [Double] = []
    public var changePercent: [Double] = []
    /// NaN without a model.
    public var occupancyPercent: [Double] = []
    /// NaN without a model.
    public var changePoints: [Double] = []
    public var phase: [Phase] = []
}

/// Owns one taper_schedule. @unchecked Sendable: a taper_schedule is immutable once made and
/// any number of threads may read it (the C ABI's rule); the pointer itself never changes.
final class ScheduleHandle: @unchecked Sendable {
    let raw: OpaquePointer
    init(raw: OpaquePointer) { self.raw = raw }
    deinit { taper_schedule_free(raw) }
}

/// A dated reduction schedule: the output of planning. A value: the steps and every field
/// are read out of the library once; the JSON and CSV exports and realization still use
/// the library's (immutable) schedule, which the value keeps alive.
public struct Schedule: Sendable {
    public var drug: String
    public var strategy: String
    public var basis: DoseBasis
    /// Daily, of the drug, as requested.
    public var startDose: Mass
    /// The same in the plan's basis.
    public var startEquivalentDose: Mass
    public var startOccupancyPercent: Double?
    /// The starting split (at least one dose-time, "daily").
    public var startSplit: [DoseTime]
    /// Id of the occupancy model used, nil if none.
    public var occupancyModel: String?
    public var occupancyReceptor: String?
    /// For diazepam-basis plans.
    public var equivalenceTable: String?
    public var start: CalendarDate
    /// The day after the last day.
    public var end: CalendarDate
    public var totalDays: Int
    /// The last step's dose, in the plan's basis.
    public var finalDose: Mass
    public var steps: [Step]
    /// About the plan as a whole.
    public var warnings: [String]
    /// The same as codes (docs/messages.md).
    public var messages: [Message]

    /// What it was planned from (realization needs it again).
    public let request: PlanRequest
    let database: Database
    let handle: ScheduleHandle

    init(handle: ScheduleHandle, request: PlanRequest, database: Database) throws(TaperError) {
        let raw = handle.raw
        var info = taper_schedule_info()
        info.struct_size = UInt32(MemoryLayout<taper_schedule_info>.size)
        try check { taper_schedule_get_info(raw, &info, $0) }
        guard let basis = DoseBasis(rawValue: info.basis) else {
            throw .abiMismatch("the library returned dose basis \(info.basis), which this binding does not know")
        }
        drug = string(info.drug)
        strategy = string(info.strategy)
        self.basis = basis
        startDose = .mg(info.start_dose_mg)
        startEquivalentDose = .mg(info.start_equivalent_dose_mg)
        startOccupancyPercent = known(info.start_occupancy_percent)
        occupancyModel = nonEmpty(info.occupancy_model)
        occupancyReceptor = nonEmpty(info.occupancy_receptor)
        equivalenceTable = nonEmpty(info.equivalence_table)
        start = CalendarDate(info.start)
        end = CalendarDate(info.end)
        totalDays = Int(info.total_days)
        finalDose = .mg(info.final_dose_mg)

        var split: [DoseTime] = []
        for index in 0..<info.start_dose_time_count {
            var time: UnsafePointer<CChar>? = nil
            var mg = 0.0
            try check { taper_schedule_start_dose_time(raw, &time, &mg, index, $0) }
            split.append(DoseTime(string(time), .mg(mg)))
        }
        startSplit = split

        var warnings: [String] = []
        for index in 0..<info.warning_count {
            var text: UnsafePointer<CChar>? = nil
            try check { taper_schedule_warning(raw, &text, index, $0) }
            warnings.append(string(text))
        }
        self.warnings = warnings
        var planMessages: [Message] = []
        for index in 0..<info.warning_count {
            var m = blankMessageInfo()
            try check { taper_schedule_message(raw, &m, index, $0) }
            planMessages.append(try Message(info: m))
        }
        self.messages = planMessages

        var steps: [Step] = []
        steps.reserveCapacity(info.step_count)
        for s in 0..<info.step_count {
            var si = taper_step_info()
            si.struct_size = UInt32(MemoryLayout<taper_step_info>.size)
            try check { taper_schedule_step(raw, &si, s, $0) }
            var doses: [DoseLine] = []
            for line in 0..<si.dose_count {
                var d: UnsafePointer<CChar>? = nil
                var t: UnsafePointer<CChar>? = nil
                var mg = 0.0
                try check { taper_schedule_step_dose(raw, &d, &t, &mg, s, line, $0) }
                doses.append(DoseLine(drug: string(d), time: string(t), amount: .mg(mg)))
            }
            var notes: [String] = []
            for index in 0..<si.note_count {
                var text: UnsafePointer<CChar>? = nil
                try check { taper_schedule_step_note(raw, &text, s, index, $0) }
                notes.append(string(text))
            }
            var stepWarnings: [String] = []
            for index in 0..<si.warning_count {
                var text: UnsafePointer<CChar>? = nil
                try check { taper_schedule_step_warning(raw, &text, s, index, $0) }
                stepWarnings.append(string(text))
            }
            var count = 0
            try check { taper_schedule_step_message_count(raw, &count, s, $0) }
            var stepMessages: [Message] = []
            for index in 0..<count {
                var m = blankMessageInfo()
                try check { taper_schedule_step_message(raw, &m, s, index, $0) }
                stepMessages.append(try Message(info: m))
            }
            steps.append(try Step(info: si, doses: doses, notes: notes, warnings: stepWarnings, messages: stepMessages))
        }
        self.steps = steps
        self.request = request
        self.database = database
        self.handle = handle
    }

    /// The schedule as JSON (docs/schedule.schema.json), exactly as the C++ exporter writes it.
    public func json() throws(TaperError) -> String {
        var text: UnsafeMutablePointer<CChar>? = nil
        try check { taper_schedule_to_json(handle.raw, &text, $0) }
        return take(text)
    }

    /// The schedule as CSV (RFC 4180, CRLF line ends).
    public func csv() throws(TaperError) -> String {
        var text: UnsafeMutablePointer<CChar>? = nil
        try check { taper_schedule_to_csv(handle.raw, &text, $0) }
        return take(text)
    }

    /// Every step's numbers as columns, in one call.
    public func columns() throws(TaperError) -> ScheduleColumns {
        let raw = handle.raw
        let count = steps.count  // read from the same immutable schedule
        var c = ScheduleColumns()
        guard count > 0 else { return c }
        // One block of 8 columns of doubles, then the phases.
        var block = [Double](repeating: .nan, count: 8 * count)
        var phases = [Int32](repeating: 0, count: count)
        var written = 0
        try block.withUnsafeMutableBufferPointer { (b) throws(TaperError) in
            try phases.withUnsafeMutableBufferPointer { (p) throws(TaperError) in
                let base = b.baseAddress!
                var arrays = taper_schedule_column_arrays()
                arrays.struct_size = UInt32(MemoryLayout<taper_schedule_column_arrays>.size)
                arrays.day_offset = base
                arrays.length_days = base + count
                arrays.daily_dose_mg = base + 2 * count
                arrays.equivalent_daily_dose_mg = base + 3 * count
                arrays.change_mg = base + 4 * count
                arrays.change_percent = base + 5 * count
                arrays.occupancy_percent = base + 6 * count
                arrays.change_points = base + 7 * count
                arrays.phase = p.baseAddress
                try check { taper_schedule_columns(raw, &arrays, &written, count, $0) }
            }
        }
        func column(_ k: Int) -> [Double] { Array(block[(k * count)..<((k + 1) * count)]) }
        c.dayOffset = column(0)
        c.lengthDays = column(1)
        c.dailyDoseMg = column(2)
        c.equivalentDailyDoseMg = column(3)
        c.changeMg = column(4)
        c.changePercent = column(5)
        c.occupancyPercent = column(6)
        c.changePoints = column(7)
        c.phase = []
        c.phase.reserveCapacity(count)
        for code in phases { c.phase.append(try Phase(code: code)) }
        return c
    }
}

extension Database {
    /// The default strategy for `drug` and why: the library's policy, as `taper plan` uses it.
    /// `step` is the kind of a step size given ("occupancy_points", "percent" or "mass"),
    /// `table` whether a table of doses is given. TaperError.unknownDrug.
    public func suggestStrategy(for drug: String, step: String? = nil, table: Bool = false) throws(TaperError)
        -> (name: String, reason: String)
    {
        var kind: Int32 = -1
        if let step {
            guard let index = optionKindNames.firstIndex(of: step) else {
                throw TaperError.invalidArgument("step: expected one of \(optionKindNames), not \(step)")
            }
            kind = Int32(index)
        }
        var name: UnsafePointer<CChar>? = nil
        var reason: UnsafePointer<CChar>? = nil
        try check { taper_suggest_strategy(storage.raw, drug, kind, table ? 1 : 0, &name, &reason, $0) }
        return (string(name), string(reason))
    }

    /// Plans `request` with `strategy`. Built-in strategies come from `registry` (nil: the
    /// built-ins); a `.custom` strategy brings its own. TaperError.plan (naming the field or
    /// the strategy), .strategy (unknown name, options the strategy cannot use),
    /// .unknownDrug, .missingData, .invalidArgument.
    ///
    /// Thread-safe: plan from as many threads or tasks as you like with one database.
    public func plan(_ request: PlanRequest, strategy: Strategy, registry: StrategyRegistry? = nil)
        throws(TaperError) -> Schedule
    {
        let requestHandle = try RequestHandle(request)
        var own: StrategyRegistry? = nil
        if let custom = strategy.custom {
            let base: StrategyRegistry
            if let registry { base = registry } else { base = try StrategyRegistry.empty() }
            own = try base.adding(custom)
        }
        let chosen = own ?? registry
        // Options are sent by the kinds the chosen registry's schema gives them.
        let schemaSource: StrategyRegistry
        if let chosen { schemaSource = chosen } else { schemaSource = try StrategyRegistry.shared() }
        let options = try OptionsHandle(strategy.options, strategy: strategy.name, registry: schemaSource.raw)
        var raw: OpaquePointer? = nil
        defer { withExtendedLifetime((chosen, requestHandle, options, schemaSource)) {} }
        try check {
            taper_plan(&raw, storage.raw, requestHandle.raw, chosen?.raw, strategy.name, options.raw, $0)
        }
        return try Schedule(handle: ScheduleHandle(raw: raw!), request: request, database: self)
    }
}
