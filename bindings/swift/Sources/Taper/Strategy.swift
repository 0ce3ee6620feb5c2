import CTaper

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One row of the `table` strategy: a daily dose and how long to take it (nil: the
/// request's interval).
public struct TableRow: Sendable, Hashable, Codable {
    public var dailyDose: Mass
    public var lengthDays: Double?
    public init(_ dailyDose: Mass, lengthDays: Double? = nil) {
        self.dailyDose = dailyDose
        self.lengthDays = lengthDays
    }
}

/// A value of a strategy option, by what it is; the strategy's schema (read from the
/// library, `StrategyRegistry.options(for:)`) says the option's kind, and numbers are sent in
/// that kind's unit.
public enum OptionValue: Sendable, Hashable {
    case number(Double)
    case mass(Mass)
    case days(Double)
    case text(String)
    case occupancyList([Double])
    case rows([TableRow])
}

/// The settings a strategy is made from by name. Each strategy reads what it needs and
/// refuses (TaperError.strategy) any setting it cannot use, rather than ignoring it. The
/// named fields are conveniences for the built-ins' usual options; `byName` sets any
/// option by its schema name.
public struct StrategyOptions: Sendable, Hashable {
    /// Occupancy points per step ("points").
    public var points: Double?
    /// Percent per step ("percent").
    public var percent: Double?
    /// Amount per step ("amount").
    public var amount: Mass?
    /// Explicit occupancy targets, %, strictly decreasing ("occupancy_targets").
    public var occupancyTargets: [Double] = []
    /// % ("occupancy_floor").
    public var occupancyFloor: Double?
    /// Of the starting dose ("final_fraction").
    public var finalFraction: Double?
    /// A preset's own step length, days ("step_length").
    public var stepLengthDays: Double?
    /// The `table` strategy's rows ("table").
    public var table: [TableRow] = []
    /// `tapering-strip`: "hyperbolic" or "proportional" ("curve").
    public var curve: String?
    /// `tapering-strip`: days per roll ("roll_length").
    public var rollLengthDays: Double?
    /// Text options by name (e.g. "range_end": "low"), for user strategies too.
    public var extra: [String: String] = [:]
    /// Any option by its schema name.
    public var byName: [String: OptionValue] = [:]

    public init(points: Double? = nil, percent: Double? = nil, amount: Mass? = nil,
                occupancyTargets: [Double] = [], occupancyFloor: Double? = nil,
                finalFraction: Double? = nil, stepLengthDays: Double? = nil, table: [TableRow] = [],
                curve: String? = nil, rollLengthDays: Double? = nil, extra: [String: String] = [:],
                byName: [String: OptionValue] = [:])
    {
        self.points = points
        self.percent = percent
        self.amount = amount
        self.occupancyTargets = occupancyTargets
        self.occupancyFloor = occupancyFloor
        self.finalFraction = finalFraction
        self.stepLengthDays = stepLengthDays
        self.table = table
        self.curve = curve
        self.rollLengthDays = rollLengthDays
        self.extra = extra
        self.byName = byName
    }

    /// Every option that is set, by its schema name.
    var named: [(String, OptionValue)] {
        var out: [(String, OptionValue)] = []
        if let v = points { out.append(("points", .number(v))) }
        if let v = percent { out.append(("percent", .number(v))) }
        if let v = amount { out.append(("amount", .mass(v))) }
        if !occupancyTargets.isEmpty { out.append(("occupancy_targets", .occupancyList(occupancyTargets))) }
        if let v = occupancyFloor { out.append(("occupancy_floor", .number(v))) }
        if let v = finalFraction { out.append(("final_fraction", .number(v))) }
        if let v = stepLengthDays { out.append(("step_length", .days(v))) }
        if !table.isEmpty { out.append(("table", .rows(table))) }
        if let v = curve { out.append(("curve", .text(v))) }
        if let v = rollLengthDays { out.append(("roll_length", .days(v))) }
        for (key, value) in extra.sorted(by: { $0.key < $1.key }) { out.append((key, .text(value))) }
        for (key, value) in byName.sorted(by: { $0.key < $1.key }) { out.append((key, value)) }
        return out
    }
}

/// One option of a strategy's schema, as the library declares it. Numbers are in `unit`
/// ("mg", "%", "pp", "fraction", "days"); bounds of an occupancy list apply to each item.
public struct OptionInfo: Sendable, Hashable {
    public var name: String
    /// "mass", "percent", "occupancy_points", "fraction", "days", "choice", "occupancy_list", "table_rows".
    public var kind: String
    public var unit: String
    public var description: String
    /// "none", "step_size" or "step_length".
    public var role: String
    public var required: Bool
    public var defaultNumber: Double?
    public var defaultText: String?
    public var minimum: Double?
    public var minimumInclusive: Bool
    public var maximum: Double?
    public var maximumInclusive: Bool
    public var choices: [String]
}

let optionKindNames = ["mass", "percent", "occupancy_points", "fraction", "days", "choice", "occupancy_list",
                       "table_rows"]

/// A taper_strategy_options made for one call, freed afterwards: each value sent by the kind
/// the strategy's schema gives its option.
final class OptionsHandle {
    let raw: OpaquePointer

    init(_ o: StrategyOptions, strategy: String, registry: OpaquePointer) throws(TaperError) {
        var made: OpaquePointer? = nil
        try check { taper_strategy_options_create(&made, $0) }
        raw = made!
        let kinds = try declaredKinds(strategy, in: registry)
        for (name, value) in o.named {
            try set(name, value, kind: kinds[name])
        }
    }

    private func set(_ name: String, _ value: OptionValue, kind declared: taper_option_kind?) throws(TaperError) {
        let raw = self.raw
        switch value {
        case .number(let v):
            // Undeclared (a Swift strategy's own option): read back as given (StrategyContext.option).
            let kind = declared ?? TAPER_OPTION_KIND_PERCENT
            try check { taper_strategy_options_set_number(raw, name, kind, v, $0) }
        case .mass(let m):
            try check { taper_strategy_options_set_number(raw, name, TAPER_OPTION_KIND_MASS, m.milligrams, $0) }
        case .days(let d):
            try check { taper_strategy_options_set_number(raw, name, TAPER_OPTION_KIND_DAYS, d, $0) }
        case .text(let t):
            try check { taper_strategy_options_set_text(raw, name, t, $0) }
        case .occupancyList(let list):
            for v in list { try check { taper_strategy_options_add_occupancy(raw, name, v, $0) } }
        case .rows(let rows):
            for row in rows {
                try check {
                    taper_strategy_options_add_table_row(raw, name, row.dailyDose.milligrams, row.lengthDays ?? 0, $0)
                }
            }
        }
    }

    deinit { taper_strategy_options_free(raw) }
}

/// {option name: kind} of a strategy's schema; empty for a name the registry does not have
/// (planning says so).
func declaredKinds(_ strategy: String, in registry: OpaquePointer) throws(TaperError) -> [String: taper_option_kind] {
    var count = 0
    if taper_registry_option_count(registry, strategy, &count, nil) != TAPER_OK { return [:] }
    var out: [String: taper_option_kind] = [:]
    for index in 0..<count {
        var info = taper_option_info()
        info.struct_size = UInt32(MemoryLayout<taper_option_info>.size)
        try check { taper_registry_option(registry, strategy, index, &info, $0) }
        out[String(cString: info.name)] = info.kind
    }
    return out
}

/// How the next step is chosen: a strategy by name with its options, or a Swift closure.
///
///     .hyperbolic(points: 5)                    // equal steps of receptor occupancy
///     .proportional(percent: 10)                // 10% of the most recent dose
///     .named("tapering-strip", options: StrategyOptions(curve: "hyperbolic"))
///     .custom("minus-5") { context in ... }     // your own, in Swift
public struct Strategy: Sendable {
    /// The registry name.
    public var name: String
    public var options: StrategyOptions
    /// Set for `.custom`: planned through a registry of its own.
    let custom: CustomStrategy?

    /// A strategy from a registry by name (the built-ins unless you plan with a registry
    /// that has your own).
    public static func named(_ name: String, options: StrategyOptions = StrategyOptions()) -> Strategy {
        Strategy(name: name, options: options, custom: nil)
    }

    /// The same amount off at every step.
    public static func linear(amount: Mass) -> Strategy {
        .named("linear", options: StrategyOptions(amount: amount))
    }

    /// A percentage of the most recent dose at every step, until `finalFraction` of the
    /// starting dose (library defaults: 10%, 1/40).
    public static func proportional(percent: Double? = nil, finalFraction: Double? = nil) -> Strategy {
        .named("proportional", options: StrategyOptions(percent: percent, finalFraction: finalFraction))
    }

    /// A percentage of the starting dose at every step (equal mg steps).
    public static func proportionalOfStart(percent: Double? = nil) -> Strategy {
        .named("proportional-of-start", options: StrategyOptions(percent: percent))
    }

    /// Equal steps of receptor occupancy from the drug's model (default 5 points), or explicit
    /// occupancy targets, down to an occupancy floor or a share of the starting dose.
    public static func hyperbolic(points: Double? = nil, occupancyTargets: [Double] = [],
                                  occupancyFloor: Double? = nil, finalFraction: Double? = nil) -> Strategy
    {
        .named("hyperbolic", options: StrategyOptions(points: points, occupancyTargets: occupancyTargets,
                                                      occupancyFloor: occupancyFloor, finalFraction: finalFraction))
    }

    /// The D2 rules for antipsychotics.
    public static func antipsychotic(percent: Double? = nil, points: Double? = nil,
                                     stepLengthDays: Double? = nil, finalFraction: Double? = nil) -> Strategy
    {
        .named("antipsychotic", options: StrategyOptions(points: points, percent: percent, finalFraction: finalFraction,
                                                         stepLengthDays: stepLengthDays))
    }

    /// Benzodiazepines and z-drugs: a crossover to diazepam, then reductions.
    /// `extra` takes "range_end" ("low" / "high") and "tail_step" (mg).
    public static func diazepamCrossover(percent: Double? = nil, stepLengthDays: Double? = nil,
                                         extra: [String: String] = [:]) -> Strategy
    {
        .named("diazepam-crossover", options: StrategyOptions(percent: percent, stepLengthDays: stepLengthDays,
                                                              extra: extra))
    }

    /// A dose for every day, in rolls of pouches, along a "hyperbolic" or "proportional" curve.
    public static func taperingStrip(curve: String? = nil, rollLengthDays: Double? = nil,
                                     points: Double? = nil, occupancyFloor: Double? = nil,
                                     percent: Double? = nil, finalFraction: Double? = nil) -> Strategy
    {
        .named("tapering-strip", options: StrategyOptions(points: points, percent: percent, occupancyFloor: occupancyFloor,
                                                          finalFraction: finalFraction, curve: curve,
                                                          rollLengthDays: rollLengthDays))
    }

    /// Your own list of daily doses, checked like any other plan.
    public static func table(_ rows: [TableRow]) -> Strategy {
        .named("table", options: StrategyOptions(table: rows))
    }

    /// A strategy written in Swift. `next` is called for every step with what has been
    /// planned so far; return the next target, or nil to stop (the planner adds the stop
    /// step). Throwing fails the plan with TaperError.plan naming the strategy and carrying
    /// your error's description. `next` may be called from several threads at once when
    /// several plans run concurrently, hence @Sendable.
    public static func custom(_ name: String, description: String = "",
                              options: StrategyOptions = StrategyOptions(),
                              next: @escaping @Sendable (StrategyContext) throws -> StrategyTarget?) -> Strategy
    {
        Strategy(name: name, options: options, custom: CustomStrategy(name: name, description: description, next: next))
    }
}

/// What a custom strategy proposes for the next step.
public struct StrategyTarget: Sendable, Hashable {
    /// The daily dose of the drug (custom strategies plan in the drug's own mg).
    public var dailyDose: Mass
    /// `.reduce` or `.hold` (to stop, return nil instead).
    public var phase: Phase
    /// This step's length; nil: the request's interval.
    public var lengthDays: Double?
    /// Shown on the step.
    public var note: String?

    public init(dailyDose: Mass, phase: Phase = .reduce, lengthDays: Double? = nil, note: String? = nil) {
        self.dailyDose = dailyDose
        self.phase = phase
        self.lengthDays = lengthDays
        self.note = note
    }
}

/// What a custom strategy may read while it is being called. Valid only during the call:
/// after the call returns every accessor throws TaperError.invalidArgument. Not Sendable:
/// it must not leave the callback's thread.
public final class StrategyContext {
    private var raw: OpaquePointer?

    init(raw: OpaquePointer) { self.raw = raw }
    func invalidate() { raw = nil }

    private func live() throws(TaperError) -> OpaquePointer {
        guard let raw else {
            throw .invalidArgument("a StrategyContext was used after its strategy callback returned")
        }
        return raw
    }

    /// The daily dose the plan starts from.
    public var startDose: Mass {
        get throws(TaperError) {
            let raw = try live()
            var mg = 0.0
            try check { taper_strategy_context_start_dose_mg(raw, &mg, $0) }
            return .mg(mg)
        }
    }

    /// The most recent daily dose: the last step's, or the start.
    public var latestDose: Mass {
        get throws(TaperError) {
            let raw = try live()
            var mg = 0.0
            try check { taper_strategy_context_latest_dose_mg(raw, &mg, $0) }
            return .mg(mg)
        }
    }

    /// Number of steps planned so far.
    public var stepCount: Int {
        get throws(TaperError) {
            let raw = try live()
            let n = taper_strategy_context_step_count(raw)
            return n
        }
    }

    /// Step `index` (0-based) planned so far. The C ABI gives a strategy the numbers of a
    /// step only: its `doses`, `notes` and `warnings` are empty here.
    public func step(at index: Int) throws(TaperError) -> Step {
        let raw = try live()
        var info = taper_step_info()
        info.struct_size = UInt32(MemoryLayout<taper_step_info>.size)
        try check { taper_strategy_context_step(raw, &info, index, $0) }
        return try Step(info: info, doses: [], notes: [], warnings: [])
    }

    /// The drug's canonical name.
    public var drug: String {
        get throws(TaperError) {
            let raw = try live()
            var name: UnsafePointer<CChar>? = nil
            try check { taper_strategy_context_drug(raw, &name, $0) }
            return string(name)
        }
    }

    /// Occupancy (%) at a daily dose with the plan's model. TaperError.missingData when the
    /// drug has no usable model.
    public func occupancy(at dailyDose: Mass) throws(TaperError) -> Double {
        let raw = try live()
        var percent = 0.0
        try check { taper_strategy_context_occupancy(raw, &percent, dailyDose.milligrams, $0) }
        return percent
    }

    /// The daily dose for an occupancy with the plan's model.
    public func dose(forOccupancy percent: Double) throws(TaperError) -> Mass {
        let raw = try live()
        var mg = 0.0
        try check { taper_strategy_context_dose_for_occupancy(raw, &mg, percent, $0) }
        return .mg(mg)
    }

    /// A number option the strategy was made with, in its kind's unit (mg, %, points,
    /// days); nil when it is not set or not a number.
    public func option(named name: String) throws(TaperError) -> Double? {
        let raw = try live()
        var options: OpaquePointer? = nil
        try check { taper_strategy_context_options(raw, &options, $0) }
        var value = 0.0
        var isSet: Int32 = 0
        for kind in [TAPER_OPTION_KIND_MASS, TAPER_OPTION_KIND_OCCUPANCY_POINTS, TAPER_OPTION_KIND_DAYS,
                     TAPER_OPTION_KIND_PERCENT]
        {
            try check { taper_strategy_options_get_number(options, name, kind, &value, &isSet, $0) }
            if isSet != 0 { return value }
        }
        return nil
    }

    /// A number option by the field of StrategyOptions that sets it.
    public func option(_ field: NumericOption) throws(TaperError) -> Double? {
        try option(named: field.name)
    }

    /// A text option the strategy was made with, or nil.
    public func extra(_ key: String) throws(TaperError) -> String? {
        let raw = try live()
        var options: OpaquePointer? = nil
        try check { taper_strategy_context_options(raw, &options, $0) }
        var value: UnsafePointer<CChar>? = nil
        try check { taper_strategy_options_get_text(options, key, &value, $0) }
        return value.map { String(cString: $0) }
    }

    public enum NumericOption: Sendable {
        case points, percent, amountMg, occupancyFloor, finalFraction, stepLengthDays, rollLengthDays

        /// The option's schema name.
        var name: String {
            switch self {
            case .points: return "points"
            case .percent: return "percent"
            case .amountMg: return "amount"
            case .occupancyFloor: return "occupancy_floor"
            case .finalFraction: return "final_fraction"
            case .stepLengthDays: return "step_length"
            case .rollLengthDays: return "roll_length"
            }
        }
    }
}

/// A Swift closure registered as a strategy: the object behind the C vtable's user_data.
/// Each registration retains it once (Unmanaged.passRetained); the library's destroy
/// callback releases that retain when the registry and every plan using it are done.
final class CustomStrategy: Sendable {
    let name: String
    let description: String
    let next: @Sendable (StrategyContext) throws -> StrategyTarget?

    init(name: String, description: String, next: @escaping @Sendable (StrategyContext) throws -> StrategyTarget?) {
        self.name = name
        self.description = description
        self.next = next
    }

    /// Registers this strategy with a C registry.
    func register(in registry: OpaquePointer) throws(TaperError) {
        var vtable = taper_strategy_vtable()
        vtable.struct_size = UInt32(MemoryLayout<taper_strategy_vtable>.size)
        vtable.version = UInt32(TAPER_STRATEGY_VTABLE_VERSION)
        vtable.next = customStrategyNext
        vtable.destroy = customStrategyDestroy
        let retained = Unmanaged.passRetained(self)
        do {
            try check { taper_registry_add(registry, name, description, &vtable, retained.toOpaque(), $0) }
        } catch {
            retained.release()  // on failure the library takes nothing and never calls destroy
            throw error
        }
    }
}

/// The vtable's `next`: calls the Swift closure; 1 = a target, 0 = stop, -1 = an error
/// (its message as the note). Notes go through taper_strategy_context_set_note, which copies
/// the text during the call, so a temporary C string is enough.
private func customStrategyNext(_ userData: UnsafeMutableRawPointer?, _ context: OpaquePointer?,
                                _ out: UnsafeMutablePointer<taper_target>?) -> Int32
{
    guard let userData, let context, let out else { return -1 }
    let strategy = Unmanaged<CustomStrategy>.fromOpaque(userData).takeUnretainedValue()
    let swiftContext = StrategyContext(raw: context)
    defer { swiftContext.invalidate() }
    do {
        guard let target = try strategy.next(swiftContext) else { return 0 }
        out.pointee.daily_dose_mg = target.dailyDose.milligrams
        out.pointee.phase = target.phase.rawValue
        out.pointee.length_days = target.lengthDays ?? 0
        if let note = target.note { setNote(context, note) }
        return 1
    } catch let error as TaperError {
        setNote(context, error.message)
        return -1
    } catch {
        setNote(context, String(describing: error))
        return -1
    }
}

/// The vtable's `destroy`: gives back the retain taken at registration.
private func customStrategyDestroy(_ userData: UnsafeMutableRawPointer?) {
    guard let userData else { return }
    Unmanaged<CustomStrategy>.fromOpaque(userData).release()
}

private func setNote(_ context: OpaquePointer, _ text: String) {
    _ = taper_strategy_context_set_note(context, text, nil)  // copied during the call
}

/// Strategies by name: the built-ins, plus your own written in Swift. Immutable: `adding`
/// returns a new registry, so a registry can be shared between threads and tasks and used
/// by any number of plans at once (the C ABI's rule for reading a registry).
///
///     let registry = try StrategyRegistry.builtin().adding("minus-5", description: "5 mg a step") { context in
///         let latest = try context.latestDose
///         return latest > .mg(5) ? StrategyTarget(dailyDose: latest - .mg(5)) : nil
///     }
///     let plan = try db.plan(request, strategy: .named("minus-5"), registry: registry)
public final class StrategyRegistry: @unchecked Sendable {
    // @unchecked: `raw` is only read after init (never changed), and a taper_registry may be
    // read by any number of threads at once; everything else is immutable and Sendable.
    let raw: OpaquePointer
    private let withBuiltins: Bool
    private let customs: [CustomStrategy]

    private init(withBuiltins: Bool, customs: [CustomStrategy]) throws(TaperError) {
        try ensureABI()
        var made: OpaquePointer? = nil
        if withBuiltins {
            try check { taper_registry_create_builtin(&made, $0) }
        } else {
            try check { taper_registry_create_empty(&made, $0) }
        }
        raw = made!
        self.withBuiltins = withBuiltins
        self.customs = customs
        for custom in customs { try custom.register(in: raw) }
    }

    deinit { taper_registry_free(raw) }

    /// The built-in strategies (linear, proportional, proportional-of-start, hyperbolic,
    /// antipsychotic, diazepam-crossover, tapering-strip, table).
    public static func builtin() throws(TaperError) -> StrategyRegistry {
        try StrategyRegistry(withBuiltins: true, customs: [])
    }

    /// One registry of the built-ins for the process (its schemas convert options by kind).
    private static let sharedBuiltins: StrategyRegistry? = try? StrategyRegistry.builtin()

    static func shared() throws(TaperError) -> StrategyRegistry {
        if let registry = sharedBuiltins { return registry }
        return try builtin()
    }

    /// No strategies at all.
    public static func empty() throws(TaperError) -> StrategyRegistry {
        try StrategyRegistry(withBuiltins: false, customs: [])
    }

    /// A new registry with this one's strategies and a Swift strategy. TaperError.strategy
    /// for an empty or taken name. See `Strategy.custom` for what `next` does.
    public func adding(_ name: String, description: String = "",
                       next: @escaping @Sendable (StrategyContext) throws -> StrategyTarget?) throws(TaperError)
        -> StrategyRegistry
    {
        try adding(CustomStrategy(name: name, description: description, next: next))
    }

    func adding(_ custom: CustomStrategy) throws(TaperError) -> StrategyRegistry {
        try StrategyRegistry(withBuiltins: withBuiltins, customs: customs + [custom])
    }

    /// The options strategy `strategy` declares (its schema), in declaration order.
    /// TaperError.strategy for an unknown name.
    public func options(for strategy: String) throws(TaperError) -> [OptionInfo] {
        var count = 0
        try check { taper_registry_option_count(raw, strategy, &count, $0) }
        var out: [OptionInfo] = []
        for index in 0..<count {
            var info = taper_option_info()
            info.struct_size = UInt32(MemoryLayout<taper_option_info>.size)
            try check { taper_registry_option(raw, strategy, index, &info, $0) }
            var choices: [String] = []
            for c in 0..<info.choice_count {
                var choice: UnsafePointer<CChar>? = nil
                try check { taper_registry_option_choice(raw, strategy, index, c, &choice, $0) }
                choices.append(string(choice))
            }
            let kind = Int(info.kind.rawValue)
            let roles = ["none", "step_size", "step_length"]
            let role = Int(info.role.rawValue)
            out.append(OptionInfo(
                name: String(cString: info.name),
                kind: kind < optionKindNames.count ? optionKindNames[kind] : "unknown",
                unit: String(cString: info.unit), description: String(cString: info.description),
                role: role < roles.count ? roles[role] : "none", required: info.required != 0,
                defaultNumber: info.has_default != 0 && info.default_text == nil ? info.default_number : nil,
                defaultText: info.default_text.map { String(cString: $0) },
                minimum: info.has_minimum != 0 ? info.minimum : nil, minimumInclusive: info.minimum_inclusive != 0,
                maximum: info.has_maximum != 0 ? info.maximum : nil, maximumInclusive: info.maximum_inclusive != 0,
                choices: choices))
        }
        return out
    }

    /// Every strategy's schema as JSON (docs/strategy-options.md).
    public func schemaJSON() throws(TaperError) -> String {
        var out: UnsafeMutablePointer<CChar>? = nil
        try check { taper_registry_schema_json(raw, &out, $0) }
        return take(out)
    }

    /// Every strategy's name and description, sorted by name.
    public var strategies: [(name: String, description: String)] {
        get throws(TaperError) {
            let n = taper_registry_count(raw)
            var out: [(name: String, description: String)] = []
            for index in 0..<n {
                var name: UnsafePointer<CChar>? = nil
                var description: UnsafePointer<CChar>? = nil
                try check { taper_registry_entry(raw, &name, &description, index, $0) }
                out.append((string(name), string(description)))
            }
            return out
        }
    }
}
