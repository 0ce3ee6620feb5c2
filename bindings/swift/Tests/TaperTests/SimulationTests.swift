// The simulation through the Swift binding: series in bulk, the closed-form steady state,
// populations the same whatever the threads and person ranges, refusals by what is missing.
import Foundation
import Taper
import Testing

@Suite("Simulation and populations")
struct SimulationTests {
    let db: Database
    init() throws { db = try Database.embedded }

    @Test("Citalopram is eliminated at ke = ln 2 / 35 h and the series come in bulk")
    func steadyState() throws {
        let s = try db.plan(citalopram20(), strategy: .linear(amount: .mg(5)))
        var o = SimulationOptions()
        o.adaptationTimeConstantDays = 14
        o.thresholdPoints = 5
        let course = try s.simulate(o)
        // data/pharmacokinetics.json (Celexa label): t½ 35 h.
        let ke = log(2.0) / 35
        #expect(abs(course.metrics.eliminationPerHour - ke) < 1e-12)
        let amount = try course.amountMg()
        let time = try course.timeHours()
        #expect(amount.count == time.count && amount.count % 24 == 0)
        // Two weeks after the stop only elimination is left: a day divides it by e^(ke·24 h).
        let n = amount.count
        #expect(abs(amount[n - 1] / amount[n - 25] - exp(-ke * 24)) < 1e-6)
        let occupancy = try course.occupancyPoints()
        let setPoint = try course.setPointPoints()
        let pressure = try course.pressurePoints()
        #expect(abs(pressure[300] - (setPoint[300] - occupancy[300])) < 1e-9)
        #expect(try course.concentrationNgPerMl().isEmpty)  // no body weight for the per-kg volume
    }

    @Test("A population is the same whatever the threads, and shards join to it")
    func population() throws {
        let s = try db.plan(citalopram20(), strategy: .linear(amount: .mg(5)))
        var o = SimulationOptions()
        o.adaptationTimeConstantDays = 14
        o.thresholdPoints = 5
        var p = PopulationOptions(people: 8, seed: 5)
        p.halfLifeLogSD = 0.3
        p.threads = 1
        let whole = try s.simulatePopulation(p, o)
        p.threads = 2
        let threaded = try s.simulatePopulation(p, o)
        p.firstPerson = 4
        p.people = 4
        let shard = try s.simulatePopulation(p, o)
        #expect(try whole.peakPressurePoints() == threaded.peakPressurePoints())
        #expect(Array(try whole.peakPressurePoints()[4...]) == (try shard.peakPressurePoints()))
        #expect(try shard.person() == [4, 5, 6, 7])
        #expect(whole.summary.people == 8 && whole.summary.hasAdaptation)
        #expect(try whole.volumeFactor().allSatisfy { $0 == 1 })
        #expect(try whole.halfLifeFactor().count == 8)
        _ = try whole.ed50Factor()
        _ = try whole.adaptationFactor()
        _ = try whole.largestDayToDayChangePoints()
        _ = try whole.largestWithinDayFluctuationPoints()
        _ = try whole.largestTwoDaySwingPoints()
        #expect(try whole.timeAboveThresholdHours().count == 8)
    }

    @Test("Fluoxetine is refused: norfluoxetine's fraction formed has no source")
    func refusal() throws {
        let request = PlanRequest(drug: "fluoxetine", dailyDose: .mg(20),
                                  start: CalendarDate(year: 2026, month: 12, day: 1))
        let s = try db.plan(request, strategy: .linear(amount: .mg(5)))
        let error = expectTaperError { _ = try s.simulate() }
        guard case .missingData(let message, _) = error else {
            Issue.record("expected .missingData, got \(String(describing: error))")
            return
        }
        #expect(message.contains("norfluoxetine"))
    }
}
