import CTaper

/// A formulation's kind.
public enum FormKind: Int32, Sendable, Hashable, CustomStringConvertible {
    case tablet = 0, capsule = 1, beads = 2, liquid = 3, drops = 4

    public var description: String {
        String(cString: taper_form_kind_name(taper_form_kind(rawValue: .init(truncatingIfNeeded: rawValue))))
    }
}

/// One product on hand: one strength of one formulation.
public struct FormInfo: Sendable, Hashable {
    public var kind: FormKind
    public var drug: String
    public var formulationId: String
    /// "10 mg tablet", "2 mg/mL liquid".
    public var label: String
    /// Shown with every recipe that uses it; nil if none.
    public var caution: String?
    public var bioavailabilitySource: String?
    /// Tablets and capsules (beads: per capsule).
    public var unitStrength: Mass?
    /// Liquids and drops.
    public var liquidStrength: Concentration?
    /// Drug delivered per labelled mg, relative to tablets (1 when the data says nothing).
    public var bioavailability: Double
    public var bioavailabilityKnown: Bool
    /// Drops with a known drop size.
    public var dropVolume: Volume?
    /// Beads with a known count.
    public var beadsPerCapsule: Double?
    public var maySplit: Bool
    public var mustDilute: Bool
    public var dispersible: Bool
}

/// Owns one taper_forms. @unchecked Sendable: never changed after it is made (the binding
/// builds a new list instead of appending), and an unchanging list may be read by any
/// number of threads (the C ABI's rule).
final class FormsHandle: @unchecked Sendable {
    let raw: OpaquePointer
    init(raw: OpaquePointer) { self.raw = raw }
    deinit { taper_forms_free(raw) }
}

/// The products a person has, or can get.
///
///     let forms = try Forms.parse("10 mg tablet, 2 mg/mL liquid", drug: "citalopram", in: db)
///     let realized = try plan.realize(using: forms)
public struct Forms: Sendable {
    public let items: [FormInfo]
    let handle: FormsHandle

    init(handle: FormsHandle) throws(TaperError) {
        let n = taper_forms_count(handle.raw)
        var items: [FormInfo] = []
        for index in 0..<n {
            var i = taper_form_info()
            i.struct_size = UInt32(MemoryLayout<taper_form_info>.size)
            try check { taper_forms_item(handle.raw, &i, index, $0) }
            guard let kind = FormKind(rawValue: i.kind) else {
                throw .abiMismatch("the library returned form kind \(i.kind), which this binding does not know")
            }
            items.append(FormInfo(
                kind: kind, drug: string(i.drug), formulationId: string(i.formulation_id), label: string(i.label),
                caution: nonEmpty(i.caution), bioavailabilitySource: nonEmpty(i.bioavailability_source),
                unitStrength: known(i.unit_strength_mg).map(Mass.mg),
                liquidStrength: known(i.liquid_strength_mg_per_ml).map(Concentration.mgPerML),
                bioavailability: i.bioavailability, bioavailabilityKnown: i.bioavailability_known != 0,
                dropVolume: known(i.drop_volume_ml).map(Volume.mL), beadsPerCapsule: known(i.beads_per_capsule),
                maySplit: i.may_split != 0, mustDilute: i.must_dilute != 0, dispersible: i.dispersible != 0))
        }
        self.items = items
        self.handle = handle
    }

    /// Parses "10 mg tablet, 2 mg/mL liquid, 40 mg/mL drops" against the drug's data.
    /// TaperError.parse, .plan (naming the item and listing what the drug has), .unknownDrug.
    public static func parse(_ text: String, drug: String, in database: Database) throws(TaperError) -> Forms {
        var raw: OpaquePointer? = nil
        try check { taper_forms_parse(&raw, database.storage.raw, drug, text, $0) }
        return try Forms(handle: FormsHandle(raw: raw!))
    }

    /// Every product the database has for the drug.
    public static func all(drug: String, in database: Database) throws(TaperError) -> Forms {
        var raw: OpaquePointer? = nil
        try check { taper_forms_all(&raw, database.storage.raw, drug, $0) }
        return try Forms(handle: FormsHandle(raw: raw!))
    }

    /// No products.
    public static func empty() throws(TaperError) -> Forms {
        try ensureABI()
        var raw: OpaquePointer? = nil
        try check { taper_forms_create_empty(&raw, $0) }
        return try Forms(handle: FormsHandle(raw: raw!))
    }

    /// These products and those of `other` (e.g. diazepam's forms for a crossover).
    public func appending(_ other: Forms) throws(TaperError) -> Forms {
        var raw: OpaquePointer? = nil
        try check { taper_forms_create_empty(&raw, $0) }
        let combined = FormsHandle(raw: raw!)
        try check { taper_forms_append(combined.raw, handle.raw, $0) }
        try check { taper_forms_append(combined.raw, other.handle.raw, $0) }
        return try Forms(handle: combined)
    }

    /// The best recipe for one dose (tablet-equivalent) with these products.
    /// TaperError.plan for unusable forms or tools.
    public func realizeDose(_ target: Mass, options: RealizationOptions = RealizationOptions())
        throws(TaperError) -> DoseRealization
    {
        var instruction: UnsafeMutablePointer<CChar>? = nil
        var realized = 0.0
        var within: Int32 = 0
        try options.withC { (o) throws(TaperError) in
            try check { taper_realize_dose(&instruction, &realized, &within, handle.raw, target.milligrams, o, $0) }
        }
        return DoseRealization(instruction: take(instruction), realized: .mg(realized), withinTolerance: within != 0)
    }
}

/// One dose made from the products on hand.
public struct DoseRealization: Sendable, Hashable {
    /// "1 x 10 mg tablet + 1.7 mL liquid = 13.4 mg".
    public var instruction: String
    /// Tablet-equivalent.
    public var realized: Mass
    public var withinTolerance: Bool
}

/// How realization measures and chooses. Each nil field takes the library's default
/// (shown in brackets).
public struct RealizationOptions: Sendable, Hashable {
    /// Liquid volumes are multiples of this (0.1 mL).
    public var syringeResolution: Volume?
    /// Smallest volume measured reliably (0.2 mL).
    public var minVolume: Volume?
    /// Largest single measurement (10 mL).
    public var maxVolume: Volume?
    /// Quarter tablets where halves are allowed (true).
    public var allowQuarters: Bool?
    /// Most drops counted for one dose (40).
    public var maxDrops: Int?
    /// A dose further off gets a warning (5%).
    public var tolerancePercent: Double?
    /// Absolute tolerance for tiny doses (0.01 mg).
    public var toleranceFloor: Mass?
    /// Differences within this are ties (1%).
    public var tiePercent: Double?
    /// E.g. tablet + liquid top-up (true).
    public var allowMixtures: Bool?
    /// Dispersing a tablet in water (true).
    public var allowDilution: Bool?
    /// Change form only when needed (true).
    public var keepFormsInUse: Bool?
    /// Pieces + measurements per dose-time, 1...64 (8).
    public var maxPieces: Int?
    /// Water volumes for dispersing (10, 20, 50, 100 mL).
    public var dilutionVolumes: [Volume]?
    /// For dispensing: the bottle size (not known).
    public var bottleVolume: Volume?

    public init() {}

    /// Fills a C options struct (library defaults, then the fields set here) for one call.
    func withC<R>(_ body: (UnsafePointer<taper_realization_options>) throws(TaperError) -> R) throws(TaperError) -> R {
        try ensureABI()
        var o = taper_realization_options()
        o.struct_size = UInt32(MemoryLayout<taper_realization_options>.size)
        try check { taper_realization_options_init(&o, $0) }
        if let v = syringeResolution { o.syringe_resolution_ml = v.millilitres }
        if let v = minVolume { o.min_volume_ml = v.millilitres }
        if let v = maxVolume { o.max_volume_ml = v.millilitres }
        if let v = allowQuarters { o.allow_quarters = v ? 1 : 0 }
        if let v = maxDrops { o.max_drops = Int32(clamping: v) }
        if let v = tolerancePercent { o.tolerance_percent = v }
        if let v = toleranceFloor { o.tolerance_floor_mg = v.milligrams }
        if let v = tiePercent { o.tie_percent = v }
        if let v = allowMixtures { o.allow_mixtures = v ? 1 : 0 }
        if let v = allowDilution { o.allow_dilution = v ? 1 : 0 }
        if let v = keepFormsInUse { o.keep_forms_in_use = v ? 1 : 0 }
        if let v = maxPieces { o.max_pieces = Int32(clamping: v) }
        if let v = bottleVolume { o.bottle_volume_ml = v.millilitres }
        let volumes = dilutionVolumes?.map(\.millilitres) ?? []
        return try volumes.withUnsafeBufferPointer { (buffer) throws(TaperError) -> R in
            if dilutionVolumes != nil {
                o.dilution_volumes_ml = buffer.baseAddress
                o.dilution_volume_count = buffer.count
            }
            return try body(&o)
        }
    }
}

/// One part of a recipe.
public struct RecipePart: Sendable, Hashable {
    public enum Kind: Int32, Sendable, Hashable, CustomStringConvertible {
        /// Whole or split tablets / capsules.
        case units = 0
        case liquid = 1
        case drops = 2
        case beads = 3
        /// A tablet dispersed in water, part of it taken.
        case dilution = 4

        public var description: String {
            String(cString: taper_component_kind_name(taper_component_kind(rawValue: .init(truncatingIfNeeded: rawValue))))
        }
    }

    public var kind: Kind
    public var formulationId: String
    /// "10 mg tablet".
    public var label: String
    /// "1 x 10 mg tablet", "1.7 mL of 2 mg/mL liquid".
    public var instruction: String
    /// Tablets (0.5, 0.25 ...), capsules, drops or beads.
    public var count: Double
    /// Liquid / dilution volume to take; 0 otherwise.
    public var volume: Volume
    /// mg on the label this part contains.
    public var labelled: Mass
    /// mg as tablets.
    public var equivalent: Mass
    /// Tablets / capsules used up from the pack.
    public var unitsUsed: Double
    /// Dilution: the water the tablet is dispersed in; 0 otherwise.
    public var dispersedIn: Volume
}

/// How to take one dose-time.
public struct Recipe: Sendable, Hashable {
    public var drug: String
    public var time: String
    /// "1 x 10 mg tablet + 1.7 mL liquid = 13.4 mg".
    public var instruction: String
    /// The schedule's target (tablet-equivalent).
    public var target: Mass
    /// What the recipe delivers (tablet-equivalent).
    public var realized: Mass
    public var withinTolerance: Bool
    public var parts: [RecipePart]
    public var warnings: [String]
}

/// One realized step.
public struct RealizedStep: Sendable, Hashable {
    /// The schedule's step (inserted steps included).
    public var planned: Step
    /// Added because rounding would have broken a limit.
    public var inserted: Bool
    /// A switch point: the forms differ from the previous step.
    public var formChanged: Bool
    /// Tablet-equivalent per day, as taken.
    public var realizedDaily: Mass
    /// realizedDaily − planned.equivalentDailyDose.
    public var difference: Mass
    /// One per dose-time.
    public var recipes: [Recipe]
    public var notes: [String]
    public var warnings: [String]
    /// Realization's notes and warnings as codes (docs/messages.md, 400-499): check `code`.
    public var messages: [Message] = []
}

/// What to dispense for one period (a step, or a number of days).
public struct DispensingPeriod: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        public var formulationId: String
        public var label: String
        /// Whole tablets / capsules / pouches to supply.
        public var units: Double
        /// Liquids and drops.
        public var totalVolume: Volume
        /// When a bottle volume is known; else 0.
        public var bottles: Int
    }

    public var start: CalendarDate
    /// The day after the last day.
    public var end: CalendarDate
    public var lines: [Line]
}

/// Owns one taper_realization (immutable: any number of threads may read it).
final class RealizationHandle: @unchecked Sendable {
    let raw: OpaquePointer
    init(raw: OpaquePointer) { self.raw = raw }
    deinit { taper_realization_free(raw) }
}

/// A schedule made takeable: each dose-time of each step as a recipe from the products on hand.
public struct Realization: Sendable {
    /// The realized steps as a schedule (inserted steps included; steps[i] is steps[i].planned).
    public var schedule: Schedule
    public var steps: [RealizedStep]
    /// Each bioavailability conversion used.
    public var equivalences: [String]
    public var warnings: [String]
    /// The whole realization's messages as codes (equivalences, what the forms cannot do).
    public var messages: [Message]
    let handle: RealizationHandle

    init(handle: RealizationHandle, request: PlanRequest, database: Database) throws(TaperError) {
        let raw = handle.raw
        var info = taper_realization_info()
        info.struct_size = UInt32(MemoryLayout<taper_realization_info>.size)
        try check { taper_realization_get_info(raw, &info, $0) }

        var scheduleRaw: OpaquePointer? = nil
        try check { taper_realization_schedule(&scheduleRaw, raw, $0) }
        schedule = try Schedule(handle: ScheduleHandle(raw: scheduleRaw!), request: request, database: database)

        func strings(_ count: Int, _ read: (UnsafeMutablePointer<UnsafePointer<CChar>?>, Int,
                                           UnsafeMutablePointer<OpaquePointer?>) -> taper_status) throws(TaperError) -> [String]
        {
            var out: [String] = []
            for index in 0..<count {
                var text: UnsafePointer<CChar>? = nil
                try check { read(&text, index, $0) }
                out.append(string(text))
            }
            return out
        }
        equivalences = try strings(info.equivalence_count) { taper_realization_equivalence(raw, $0, $1, $2) }
        warnings = try strings(info.warning_count) { taper_realization_warning(raw, $0, $1, $2) }
        let wholeCount = taper_realization_message_count(raw)
        var wholeMessages: [Message] = []
        for index in 0..<wholeCount {
            var m = blankMessageInfo()
            try check { taper_realization_message(raw, &m, index, $0) }
            wholeMessages.append(try Message(info: m))
        }
        messages = wholeMessages

        var steps: [RealizedStep] = []
        for s in 0..<info.step_count {
            var si = taper_realized_step_info()
            si.struct_size = UInt32(MemoryLayout<taper_realized_step_info>.size)
            try check { taper_realization_step(raw, &si, s, $0) }
            var recipes: [Recipe] = []
            for r in 0..<si.recipe_count {
                var ri = taper_recipe_info()
                ri.struct_size = UInt32(MemoryLayout<taper_recipe_info>.size)
                try check { taper_realization_recipe(raw, &ri, s, r, $0) }
                var parts: [RecipePart] = []
                for p in 0..<ri.part_count {
                    var pi = taper_recipe_part_info()
                    pi.struct_size = UInt32(MemoryLayout<taper_recipe_part_info>.size)
                    try check { taper_realization_recipe_part(raw, &pi, s, r, p, $0) }
                    guard let kind = RecipePart.Kind(rawValue: pi.kind) else {
                        throw .abiMismatch("the library returned recipe part kind \(pi.kind), which this binding does not know")
                    }
                    parts.append(RecipePart(
                        kind: kind, formulationId: string(pi.formulation_id), label: string(pi.label),
                        instruction: string(pi.instruction), count: pi.count, volume: .mL(pi.volume_ml),
                        labelled: .mg(pi.labelled_mg), equivalent: .mg(pi.equivalent_mg), unitsUsed: pi.units_used,
                        dispersedIn: .mL(pi.dispersed_in_ml)))
                }
                let recipeWarnings = try strings(ri.warning_count) {
                    taper_realization_recipe_warning(raw, $0, s, r, $1, $2)
                }
                recipes.append(Recipe(
                    drug: string(ri.drug), time: string(ri.time), instruction: string(ri.instruction),
                    target: .mg(ri.target_mg), realized: .mg(ri.realized_mg), withinTolerance: ri.within_tolerance != 0,
                    parts: parts, warnings: recipeWarnings))
            }
            let notes = try strings(si.note_count) { taper_realization_step_note(raw, $0, s, $1, $2) }
            let stepWarnings = try strings(si.warning_count) { taper_realization_step_warning(raw, $0, s, $1, $2) }
            guard s < schedule.steps.count else {
                throw .internal("the realization has \(info.step_count) steps but its schedule \(schedule.steps.count)")
            }
            var stepCount = 0
            try check { taper_realization_step_message_count(raw, &stepCount, s, $0) }
            var stepMessages: [Message] = []
            for index in 0..<stepCount {
                var m = blankMessageInfo()
                try check { taper_realization_step_message(raw, &m, s, index, $0) }
                stepMessages.append(try Message(info: m))
            }
            steps.append(RealizedStep(
                planned: schedule.steps[s], inserted: si.inserted != 0, formChanged: si.form_changed != 0,
                realizedDaily: .mg(si.realized_daily_mg), difference: .mg(si.difference_mg), recipes: recipes,
                notes: notes, warnings: stepWarnings, messages: stepMessages))
        }
        self.steps = steps
        self.handle = handle
    }

    /// Supplies per step. The options this was realized with give bottle counts (`bottleVolume`).
    public func dispenseByStep() throws(TaperError) -> [DispensingPeriod] {
        var raw: OpaquePointer? = nil
        try check { taper_dispense_by_step(&raw, handle.raw, $0) }
        return try readDispensing(raw!)
    }

    /// Supplies per period of `periodDays` from the plan's start.
    public func dispenseByPeriod(days periodDays: Double = 28) throws(TaperError) -> [DispensingPeriod] {
        var raw: OpaquePointer? = nil
        try check { taper_dispense_by_period(&raw, handle.raw, periodDays, $0) }
        return try readDispensing(raw!)
    }

    private func readDispensing(_ raw: OpaquePointer) throws(TaperError) -> [DispensingPeriod] {
        defer { taper_dispensing_free(raw) }
        let n = taper_dispensing_period_count(raw)
        var periods: [DispensingPeriod] = []
        for index in 0..<n {
            var pi = taper_dispensing_period_info()
            pi.struct_size = UInt32(MemoryLayout<taper_dispensing_period_info>.size)
            try check { taper_dispensing_period(raw, &pi, index, $0) }
            var lines: [DispensingPeriod.Line] = []
            for line in 0..<pi.line_count {
                var li = taper_dispensing_line_info()
                li.struct_size = UInt32(MemoryLayout<taper_dispensing_line_info>.size)
                try check { taper_dispensing_line(raw, &li, index, line, $0) }
                lines.append(.init(formulationId: string(li.formulation_id), label: string(li.label), units: li.units,
                                   totalVolume: .mL(li.total_volume_ml), bottles: Int(li.bottles)))
            }
            periods.append(DispensingPeriod(start: CalendarDate(pi.start), end: CalendarDate(pi.end), lines: lines))
        }
        return periods
    }
}

extension Schedule {
    /// Realizes this schedule with the products on hand: a recipe for each dose-time of each
    /// step. TaperError.plan when nothing on hand can make any dose or the options are
    /// unusable. The schedule carries its request and drug, so nothing else is passed.
    public func realize(using forms: Forms, options: RealizationOptions = RealizationOptions())
        throws(TaperError) -> Realization
    {
        var raw: OpaquePointer? = nil
        try options.withC { (o) throws(TaperError) in
            try check { taper_realize(&raw, handle.raw, forms.handle.raw, o, $0) }
        }
        return try Realization(handle: RealizationHandle(raw: raw!), request: request, database: database)
    }
}
