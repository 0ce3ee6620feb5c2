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
public struct TableRow: Sendable, Hashable {
    public var dailyDose: Mass
    public var lengthDays: Double?
    public init(_ dailyDose: Mass, lengthDays: Double? = nil) {
        self.dailyDose = dailyDose
        self.lengthDays = lengthDays
    }
}

/// The settings a strategy is made from by name. Each strategy reads what it needs and
/// refuses (TaperError.strategy) any setting it cannot use, rather than ignoring it.
public struct StrategyOptions: Sendable, Hashable {
    /// Occupancy points per step.
    public var points: Double?
    /// Percent per step.
    public var percent: Double?
    /// Amount per step.
    public var amount: Mass?
    /// Explicit occupancy targets, %, strictly decreasing.
    public var occupancyTargets: [Double] = []
    /// %.
    public var occupancyFloor: Double?
    /// Of the starting dose.
    public var finalFraction: Double?
    /// A preset's own step length, days.
    public var stepLengthDays: Double?
    /// The `table` strategy's rows.
    public var table: [TableRow] = []
    /// `tapering-strip`: "hyperbolic" or "proportional".
    public var curve: String?
    /// `tapering-strip`: days per roll.
    public var rollLengthDays: Double?
    /// Anything else by name (e.g. "range_end": "low"), for user strategies too.
    public var extra: [String: String] = [:]

    public init(points: Double? = nil, percent: Double? = nil, amount: Mass? = nil,
                occupancyTargets: [Double] = [], occupancyFloor: Double? = nil,
                finalFraction: Double? = nil, stepLengthDays: Double? = nil, table: [TableRow] = [],
                curve: String? = nil, rollLengthDays: Double? = nil, extra: [String: String] = [:])
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
    }
}

/// A taper_strategy_options made for one call, freed afterwards.
final class OptionsHandle {
    let raw: OpaquePointer

    init(_ o: StrategyOptions) throws(TaperError) {
        try ensureABI()
        var made: OpaquePointer? = nil
        try check { taper_strategy_options_create(&made, $0) }
        raw = made!
        if let v = o.points { try check { taper_strategy_options_set_points(raw, v, $0) } }
        if let v = o.percent { try check { taper_strategy_options_set_percent(raw, v, $0) } }
        if let v = o.amount { try check { taper_strategy_options_set_amount_mg(raw, v.milligrams, $0) } }
        for v in o.occupancyTargets {
            try check { taper_strategy_options_add_occupancy_target(raw, v, $0) }
        }
        if let v = o.occupancyFloor { try check { taper_strategy_options_set_occupancy_floor(raw, v, $0) } }
        if let v = o.finalFraction { try check { taper_strategy_options_set_final_fraction(raw, v, $0) } }
        if let v = o.stepLengthDays { try check { taper_strategy_options_set_step_length_days(raw, v, $0) } }
        for row in o.table {
            try check { taper_strategy_options_add_table_row(raw, row.dailyDose.milligrams, row.lengthDays ?? 0, $0) }
        }
        if let v = o.curve { try check { taper_strategy_options_set_curve(raw, v, $0) } }
        if let v = o.rollLengthDays { try check { taper_strategy_options_set_roll_length_days(raw, v, $0) } }
        for (key, value) in o.extra.sorted(by: { $0.key < $1.key }) {
            try check { taper_strategy_options_set_extra(raw, key, value, $0) }
        }
    }

    deinit { taper_strategy_options_free(raw) }
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
            var n = 0
            try check { taper_strategy_context_step_count(raw, &n, $0) }
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

    /// A numeric option the strategy was made with (nil: not set). Only the numeric fields:
    /// points, percent, amount (mg), occupancyFloor, finalFraction, stepLengthDays,
    /// rollLengthDays.
    public func option(_ field: NumericOption) throws(TaperError) -> Double? {
        let raw = try live()
        var options: OpaquePointer? = nil
        try check { taper_strategy_context_options(raw, &options, $0) }
        var value = 0.0
        var isSet: Int32 = 0
        try check { taper_strategy_options_get_number(options, &value, &isSet, field.c, $0) }
        return isSet != 0 ? value : nil
    }

    /// An extra option the strategy was made with, or nil.
    public func extra(_ key: String) throws(TaperError) -> String? {
        let raw = try live()
        var options: OpaquePointer? = nil
        try check { taper_strategy_context_options(raw, &options, $0) }
        var value: UnsafePointer<CChar>? = nil
        try check { taper_strategy_options_get_extra(options, &value, key, $0) }
        return value.map { String(cString: $0) }
    }

    public enum NumericOption: Sendable {
        case points, percent, amountMg, occupancyFloor, finalFraction, stepLengthDays, rollLengthDays

        var c: taper_option_field {
            switch self {
            case .points: return TAPER_OPTION_POINTS
            case .percent: return TAPER_OPTION_PERCENT
            case .amountMg: return TAPER_OPTION_AMOUNT_MG
            case .occupancyFloor: return TAPER_OPTION_OCCUPANCY_FLOOR
            case .finalFraction: return TAPER_OPTION_FINAL_FRACTION
            case .stepLengthDays: return TAPER_OPTION_STEP_LENGTH_DAYS
            case .rollLengthDays: return TAPER_OPTION_ROLL_LENGTH_DAYS
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
/// (its message in out->note).
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
        out.pointee.note = target.note.flatMap(keepNote)
        return 1
    } catch let error as TaperError {
        out.pointee.note = keepNote(error.message)
        return -1
    } catch {
        out.pointee.note = keepNote(String(describing: error))
        return -1
    }
}

/// The vtable's `destroy`: gives back the retain taken at registration.
private func customStrategyDestroy(_ userData: UnsafeMutableRawPointer?) {
    guard let userData else { return }
    Unmanaged<CustomStrategy>.fromOpaque(userData).release()
}

/// The library copies a target's note just *after* `next` returns, so the text must outlive
/// the call. Each thread keeps its latest note (a strdup'd copy) in thread-local storage and
/// frees it on its next note, or when the thread ends.
private let noteKey: pthread_key_t = {
    var key = pthread_key_t()
    let rc = pthread_key_create(&key) { free($0) }
    precondition(rc == 0, "pthread_key_create failed (\(rc))")
    return key
}()

private func keepNote(_ text: String) -> UnsafePointer<CChar>? {
    if let previous = pthread_getspecific(noteKey) { free(previous) }
    guard let copy = strdup(text) else { return nil }
    pthread_setspecific(noteKey, copy)
    return UnsafePointer(copy)
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

    /// Every strategy's name and description, sorted by name.
    public var strategies: [(name: String, description: String)] {
        get throws(TaperError) {
            var n = 0
            try check { taper_registry_count(raw, &n, $0) }
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
