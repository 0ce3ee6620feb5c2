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

    /// The vertices of the chart's simulated-occupancy path ("M x y L x y L ...").
    func simulatedPoints(_ svg: String) -> Int? {
        let marker = "class=\"simulated-occupancy\" d=\""
        guard let start = svg.range(of: marker) else { return nil }
        let path = svg[start.upperBound...].prefix { $0 != "\"" }
        return path.filter { $0 == "M" || $0 == "L" }.count
    }

    @Test("The chart and the page draw the simulated occupancy, one point a day or every sample")
    func chartAndPage() throws {
        let s = try db.plan(citalopram20(), strategy: .linear(amount: .mg(5)))
        let course = try s.simulate()
        let samples = try course.timeHours().count
        // One point per whole day (each day's mean): the plan's days and the 14 after it.
        let days = Int(course.metrics.lengthDays) + 14
        let daily = try course.svg()
        #expect(daily.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(simulatedPoints(daily) == days)
        #expect(simulatedPoints(try course.svg(daily: false)) == samples)
        let page = try course.html()
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(simulatedPoints(page) == days)
        #expect(simulatedPoints(try course.html(daily: false)) == samples)
    }

    @Test("Mirtazapine simulates but has no occupancy to draw")
    func chartNeedsOccupancy() throws {
        let request = PlanRequest(drug: "mirtazapine", dailyDose: .mg(15),
                                  start: CalendarDate(year: 2026, month: 12, day: 1))
        let course = try db.plan(request, strategy: .linear(amount: .mg(3.75))).simulate()
        for draw in [{ _ = try course.svg() }, { _ = try course.html(daily: false) }] as [() throws -> Void] {
            let error = expectTaperError { try draw() }
            guard case .missingData(let message, _) = error else {
                Issue.record("expected .missingData, got \(String(describing: error))")
                continue
            }
            #expect(message.contains("occupancy"))
        }
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
