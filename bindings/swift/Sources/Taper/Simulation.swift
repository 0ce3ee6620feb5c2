import CTaper

// A plan through time (docs/simulation.md): pharmacokinetics, occupancy, the adaptation
// research model and virtual populations, over the C ABI's taper_simulate and
// taper_simulate_population. Series and per-person columns are read in bulk (one copy of
// each C array). A model for research and teaching, never a prediction for one person.

final class SimulationHandle: @unchecked Sendable {
    let raw: OpaquePointer
    init(raw: OpaquePointer) { self.raw = raw }
    deinit { taper_simulation_free(raw) }
}

final class PopulationHandle: @unchecked Sendable {
    let raw: OpaquePointer
    init(raw: OpaquePointer) { self.raw = raw }
    deinit { taper_population_free(raw) }
}

/// What to simulate. `adaptationTimeConstantDays` nil: without the adaptation model (no
/// source gives a time constant or threshold, so neither has a default).
public struct SimulationOptions: Sendable {
    public var resolutionHours: Double = 1
    public var afterEndDays: Double? = nil
    public var alternateDay = false
    public var adaptationTimeConstantDays: Double? = nil
    public var thresholdPoints: Double = 0
    public var bodyWeightKg: Double? = nil
    public init() {}

    var c: taper_simulation_options {
        var o = taper_simulation_options()
        o.struct_size = UInt32(MemoryLayout<taper_simulation_options>.size)
        o.resolution_hours = resolutionHours
        o.after_end_days = afterEndDays ?? .nan
        o.alternate_day = alternateDay ? 1 : 0
        o.adaptation_time_constant_days = adaptationTimeConstantDays ?? 0
        o.adaptation_threshold_points = thresholdPoints
        o.body_weight_kg = bodyWeightKg ?? 0
        return o
    }
}

/// Variability of a virtual population: SDs of the log of each parameter (0: none).
public struct PopulationOptions: Sendable {
    public var people: Int
    public var firstPerson: Int = 0
    public var seed: UInt64
    public var ed50LogSD: Double = 0
    public var halfLifeLogSD: Double = 0
    public var volumeLogSD: Double = 0
    public var adaptationTimeConstantLogSD: Double = 0
    public var threads: Int = 0
    public init(people: Int, seed: UInt64) {
        self.people = people
        self.seed = seed
    }
}

typealias DoubleColumn = (OpaquePointer?, UnsafeMutablePointer<UnsafePointer<Double>?>?,
                          UnsafeMutablePointer<Int>?, UnsafeMutablePointer<OpaquePointer?>?) -> taper_status

private func column(_ raw: OpaquePointer, _ read: DoubleColumn) throws(TaperError) -> [Double] {
    var values: UnsafePointer<Double>? = nil
    var count = 0
    try check { read(raw, &values, &count, $0) }
    guard let values, count > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: values, count: count))
}

/// The course's summary figures (docs/simulation.md, "Metrics"); the pressure figures are
/// NaN without the adaptation model.
public struct SimulationMetrics: Sendable {
    public var lengthDays: Double
    public var largestStepChangePoints: Double
    public var largestDayToDayChangePoints: Double
    public var largestWithinDayFluctuationPoints: Double
    public var largestTwoDaySwingPoints: Double
    public var peakPressurePoints: Double
    public var timeAboveThresholdHours: Double
    public var areaAboveThresholdPointHours: Double
    public var largestTwoDayAmountRatio: Double
    public var dosesTaken: Int
    public var halfLifeHours: Double
    public var absorptionPerHour: Double
    public var eliminationPerHour: Double

    init(_ m: taper_simulation_metrics) {
        lengthDays = m.length_days
        largestStepChangePoints = m.largest_step_change_points
        largestDayToDayChangePoints = m.largest_day_to_day_change_points
        largestWithinDayFluctuationPoints = m.largest_within_day_fluctuation_points
        largestTwoDaySwingPoints = m.largest_two_day_swing_points
        peakPressurePoints = m.peak_pressure_points
        timeAboveThresholdHours = m.time_above_threshold_hours
        areaAboveThresholdPointHours = m.area_above_threshold_point_hours
        largestTwoDayAmountRatio = m.largest_two_day_amount_ratio
        dosesTaken = Int(m.doses_taken)
        halfLifeHours = m.half_life_hours
        absorptionPerHour = m.absorption_per_hour
        eliminationPerHour = m.elimination_per_hour
    }
}

/// A population's summary.
public struct PopulationSummary: Sendable {
    public var people: Int
    public var firstPerson: Int
    public var timeSteps: Int  // per person
    public var hasAdaptation: Bool
    public var shareAboveThresholdPercent: Double

    init(_ s: taper_population_summary) {
        people = Int(s.people)
        firstPerson = Int(s.first_person)
        timeSteps = Int(s.time_steps)
        hasAdaptation = s.has_adaptation != 0
        shareAboveThresholdPercent = s.share_above_threshold_percent
    }
}

/// A simulated course: the series at each sample and the summary metrics.
public struct Simulation: Sendable {
    let handle: SimulationHandle
    public let metrics: SimulationMetrics

    public func timeHours() throws(TaperError) -> [Double] { try column(handle.raw, taper_simulation_time_hours) }
    public func amountMg() throws(TaperError) -> [Double] { try column(handle.raw, taper_simulation_amount_mg) }
    public func concentrationNgPerMl() throws(TaperError) -> [Double] {
        try column(handle.raw, taper_simulation_concentration_ng_per_ml)
    }
    public func occupancyPoints() throws(TaperError) -> [Double] {
        try column(handle.raw, taper_simulation_occupancy_points)
    }
    public func setPointPoints() throws(TaperError) -> [Double] {
        try column(handle.raw, taper_simulation_set_point_points)
    }
    public func pressurePoints() throws(TaperError) -> [Double] {
        try column(handle.raw, taper_simulation_pressure_points)
    }
}

/// A simulated virtual population: one value per person, in person order.
public struct Population: Sendable {
    let handle: PopulationHandle
    public let summary: PopulationSummary

    public func person() throws(TaperError) -> [Int64] {
        var values: UnsafePointer<Int64>? = nil
        var count = 0
        try check { taper_population_person(handle.raw, &values, &count, $0) }
        guard let values, count > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: values, count: count))
    }
    public func ed50Factor() throws(TaperError) -> [Double] { try column(handle.raw, taper_population_ed50_factor) }
    public func halfLifeFactor() throws(TaperError) -> [Double] {
        try column(handle.raw, taper_population_half_life_factor)
    }
    public func volumeFactor() throws(TaperError) -> [Double] { try column(handle.raw, taper_population_volume_factor) }
    public func adaptationFactor() throws(TaperError) -> [Double] {
        try column(handle.raw, taper_population_adaptation_factor)
    }
    public func largestDayToDayChangePoints() throws(TaperError) -> [Double] {
        try column(handle.raw, taper_population_largest_day_to_day_change_points)
    }
    public func largestWithinDayFluctuationPoints() throws(TaperError) -> [Double] {
        try column(handle.raw, taper_population_largest_within_day_fluctuation_points)
    }
    public func largestTwoDaySwingPoints() throws(TaperError) -> [Double] {
        try column(handle.raw, taper_population_largest_two_day_swing_points)
    }
    public func peakPressurePoints() throws(TaperError) -> [Double] {
        try column(handle.raw, taper_population_peak_pressure_points)
    }
    public func timeAboveThresholdHours() throws(TaperError) -> [Double] {
        try column(handle.raw, taper_population_time_above_threshold_hours)
    }
}

extension Schedule {
    /// Simulates the plan from steady state on its starting dose. A drug whose data lack a
    /// parameter is refused with .missingData naming it.
    public func simulate(_ options: SimulationOptions = SimulationOptions()) throws(TaperError) -> Simulation {
        var raw: OpaquePointer? = nil
        var o = options.c
        try check { taper_simulate(&raw, handle.raw, &o, $0) }
        let h = SimulationHandle(raw: raw!)
        var m = taper_simulation_metrics()
        m.struct_size = UInt32(MemoryLayout<taper_simulation_metrics>.size)
        try check { taper_simulation_metrics_get(h.raw, &m, $0) }
        return Simulation(handle: h, metrics: SimulationMetrics(m))
    }

    /// Simulates people [firstPerson, firstPerson + people) of the population `seed`: the same
    /// numbers whatever the thread count or the split into person ranges.
    public func simulatePopulation(_ population: PopulationOptions,
                                   _ options: SimulationOptions = SimulationOptions()) throws(TaperError) -> Population
    {
        var p = taper_population_options()
        p.struct_size = UInt32(MemoryLayout<taper_population_options>.size)
        p.people = Int64(population.people)
        p.first_person = Int64(population.firstPerson)
        p.seed = population.seed
        p.ed50_log_sd = population.ed50LogSD
        p.half_life_log_sd = population.halfLifeLogSD
        p.volume_log_sd = population.volumeLogSD
        p.adaptation_time_constant_log_sd = population.adaptationTimeConstantLogSD
        p.threads = UInt32(max(0, population.threads))
        var o = options.c
        var raw: OpaquePointer? = nil
        try check { taper_simulate_population(&raw, handle.raw, &o, &p, $0) }
        let h = PopulationHandle(raw: raw!)
        var s = taper_population_summary()
        s.struct_size = UInt32(MemoryLayout<taper_population_summary>.size)
        try check { taper_population_summary_get(h.raw, &s, $0) }
        return Population(handle: h, summary: PopulationSummary(s))
    }
}
