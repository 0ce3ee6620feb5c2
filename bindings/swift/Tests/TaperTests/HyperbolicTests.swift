// The hyperbolic strategy through the Swift binding: the cases of
// tests/unit/strategies/hyperbolic_test.cpp, with the same hand-computed numbers. The C++ test
// prints them to 4-5 significant figures; here each is also recomputed from the closed form
// (Support.swift) and compared to 1e-9.
import Taper
import Testing

@Suite("Hyperbolic strategy")
struct HyperbolicTests {
    let db: Database
    init() throws { db = try Database.embedded }

    /// occ(20) = 83.98 · 20 / 22.33 = 75.2172 %.
    let startOccupancy = Sorensen2022.occupancy(20)

    @Test("5-point steps: 14 reductions from 75.2172 % down to 5.2172 %, then stop")
    func fivePointSteps() throws {
        let s = try db.plan(citalopram20(), strategy: .hyperbolic(points: 5))
        try #require(s.steps.count == 16)
        #expect(s.strategy == "hyperbolic")
        #expect(s.occupancyModel == "sert-striatum-sorensen2022")
        #expect(near(s.startOccupancyPercent ?? .nan, startOccupancy, 1e-9))
        #expect(near(startOccupancy, 75.2172, 1e-4))

        // The C++ test's hand-computed doses (mg), step index -> value, tolerance.
        let printed: [(Int, Double, Double)] = [
            (0, 11.8876, 1e-4), (1, 8.0988, 1e-4), (2, 5.9044, 1e-4), (3, 4.4730, 1e-4),
            (9, 0.99989, 1e-5), (13, 0.15434, 1e-5),
        ]
        for (i, value, tolerance) in printed {
            #expect(near(s.steps[i].equivalentDailyDose.milligrams, value, tolerance), "step \(i + 1)")
        }
        for i in 0..<14 {
            let target = startOccupancy - 5.0 * Double(i + 1)
            let step = s.steps[i]
            #expect(step.phase == .reduce, "step \(i + 1)")
            #expect(step.number == i + 1)
            #expect(near(step.equivalentDailyDose.milligrams, Sorensen2022.dose(target), 1e-9), "step \(i + 1)")
            #expect(near(step.dailyDose.milligrams, Sorensen2022.dose(target), 1e-9), "step \(i + 1)")
            #expect(near(step.occupancyPercent ?? .nan, target, 1e-9), "step \(i + 1)")
            #expect(near(step.changePoints ?? .nan, 5.0, 1e-9), "step \(i + 1)")
            #expect(step.lengthDays == 28)
        }
        // 5.2172% is left after 14 cuts, more than one step: two halves of 2.6086 points,
        // so the stop is no larger than a step (docs/safety.md).
        let half = (startOccupancy - 70.0) / 2
        #expect(s.steps[14].phase == .reduce)
        #expect(near(s.steps[14].equivalentDailyDose.milligrams, Sorensen2022.dose(half), 1e-9))
        #expect(near(s.steps[14].equivalentDailyDose.milligrams, 0.074695, 1e-6))
        #expect(s.steps[15].phase == .stop)
        #expect(s.steps[15].equivalentDailyDose == .zero)
        #expect(near(s.steps[15].changePoints ?? .nan, half, 1e-9))
        #expect(s.finalDose == .zero)
        // Dates: 16 steps of 28 days from 2026-12-01; the README's plan ends on 2028-02-21.
        #expect(s.steps[1].start == CalendarDate(year: 2026, month: 12, day: 29))
        #expect(s.end == CalendarDate(year: 2028, month: 2, day: 22))
        #expect(s.totalDays == 448)
    }

    @Test("Notes are coded messages: hyperbolic's target occupancy, code 101")
    func notesAreCodes() throws {
        let s = try db.plan(citalopram20(), strategy: .hyperbolic(points: 5))
        let note = try #require(s.steps[0].messages.first)
        #expect(note.code == .targetOccupancy)
        #expect(note.code.rawValue == 101)
        #expect(note.code.id == "target_occupancy")
        #expect(note.severity == .note)
        #expect(note.text == s.steps[0].notes.first)
        // Plan-wide: the evidence status of the occupancy model used (326), citalopram's one
        // caution in the data (327: the drops deliver about 25% more than tablets) and the
        // pointer to who can help that every plan ends with (800); nothing else.
        #expect(s.messages.map(\.code) == [MessageCode.occupancyModelEvidence, MessageCode.drugCaution,
                                           MessageCode.whoCanHelp])
        #expect(s.messages[1].text.contains("25% more drug"))
        #expect(MessageCode.abruptStopSeizureRisk.rawValue == 214)
        #expect(MessageCode(rawValue: 99999).id == "")
    }

    @Test("10-point steps: 6 reductions, the 15.2 points left in two halves, then stop")
    func tenPointSteps() throws {
        let s = try db.plan(citalopram20(), strategy: .hyperbolic(points: 10))
        try #require(s.steps.count == 8)
        let printed = [8.0988, 4.4730, 2.7180, 1.6828, 0.99989, 0.51563]
        for i in 0..<6 {
            let target = startOccupancy - 10.0 * Double(i + 1)
            #expect(near(s.steps[i].equivalentDailyDose.milligrams, printed[i], 1e-4), "step \(i + 1)")
            #expect(near(s.steps[i].equivalentDailyDose.milligrams, Sorensen2022.dose(target), 1e-9), "step \(i + 1)")
            #expect(near(s.steps[i].changePoints ?? .nan, 10.0, 1e-9), "step \(i + 1)")
        }
        // 15.2172 % left: two halves of 7.6086 points (docs/safety.md): 2.33 · 7.6086 / 76.3714 = 0.23213 mg.
        let half = (startOccupancy - 60.0) / 2
        #expect(near(s.steps[6].equivalentDailyDose.milligrams, 0.23213, 1e-5))
        #expect(near(s.steps[6].changePoints ?? .nan, half, 1e-9))
        #expect(s.steps[7].phase == .stop)
        #expect(near(s.steps[7].changePoints ?? .nan, half, 1e-9))
    }

    @Test("Explicit occupancy targets 60, 40, 20 %")
    func explicitTargets() throws {
        // 60 %: 2.33 · 60 / 23.98 = 5.8299 mg; 40 %: 93.2 / 43.98 = 2.1191 mg; 20 %: 46.6 / 63.98 = 0.72835 mg.
        let s = try db.plan(citalopram20(), strategy: .hyperbolic(occupancyTargets: [60, 40, 20]))
        try #require(s.steps.count == 4)
        let printed = [(5.8299, 1e-4), (2.1191, 1e-4), (0.72835, 1e-5)]
        for (i, target) in [60.0, 40.0, 20.0].enumerated() {
            #expect(near(s.steps[i].equivalentDailyDose.milligrams, printed[i].0, printed[i].1))
            #expect(near(s.steps[i].equivalentDailyDose.milligrams, Sorensen2022.dose(target), 1e-9))
        }
        #expect(s.steps[3].phase == .stop)
    }

    @Test("A final fraction of 0.1 stops once at or below 2 mg")
    func finalFractionStopsEarlier() throws {
        // 5-point doses: ... 2.7180 (> 2), 2.1412 (> 2), 1.6828 (<= 2): 8 reductions, then stop.
        let s = try db.plan(citalopram20(), strategy: .hyperbolic(finalFraction: 0.1))
        try #require(s.steps.count == 9)
        #expect(near(s.steps[7].equivalentDailyDose.milligrams, 1.6828, 1e-4))
        #expect(near(s.steps[7].equivalentDailyDose.milligrams, Sorensen2022.dose(startOccupancy - 40), 1e-9))
        #expect(s.steps[8].phase == .stop)
    }

    @Test("A drug without an occupancy model: an error that suggests the proportional strategy")
    func needsAnOccupancyModel() throws {
        var r = citalopram20()
        r.drug = "mirtazapine"
        r.dailyDose = .mg(30)
        let error = expectTaperError { _ = try db.plan(r, strategy: .hyperbolic()) }
        guard case .plan(let message, _)? = error else {
            Issue.record("expected TaperError.plan, got \(String(describing: error))")
            return
        }
        #expect(message.contains("proportional"), "\(message)")
        #expect(message.contains("hyperbolic"), "\(message)")
        #expect(error?.statusName == "TAPER_ERROR_PLAN")
    }

    @Test("Bad settings are errors carrying the library's message")
    func rejectsBadSettings() throws {
        // By name, bad options are refused when the strategy is made (TAPER_ERROR_STRATEGY) ...
        for points in [0.0, 100.0] {
            let error = expectTaperError { _ = try db.plan(citalopram20(), strategy: .hyperbolic(points: points)) }
            // The status and the exact message (`description`); the detail names the option.
            #expect(error?.description == TaperError.strategy(
                "hyperbolic strategy: points: expected receptor occupancy points between 0 and 100 (exclusive), not \(Int(points)) pp").description)
            #expect(error?.detail.kind == .strategyOption && error?.detail.option == "points")
        }
        let rising = expectTaperError { _ = try db.plan(citalopram20(), strategy: .hyperbolic(occupancyTargets: [40, 60])) }
        #expect(rising?.description == TaperError.strategy("hyperbolic strategy: occupancy targets must strictly decrease (40 then 60)").description)
        // ... and checks against the drug's model wait for planning (TAPER_ERROR_PLAN).
        let aboveEmax = expectTaperError { _ = try db.plan(citalopram20(), strategy: .hyperbolic(occupancyTargets: [90])) }
        #expect(aboveEmax?.description == TaperError.plan("hyperbolic strategy: occupancy target 90% is outside 0 up to the model's Emax (83.98%)").description)
    }

    @Test("Options the strategy cannot use, or contradictory ones, are refused")
    func fromOptions() throws {
        let both = expectTaperError {
            _ = try db.plan(citalopram20(), strategy: .named("hyperbolic", options: StrategyOptions(points: 10, occupancyTargets: [50])))
        }
        #expect(both?.description == TaperError.strategy("hyperbolic strategy: give occupancy points per step or a list of occupancy targets, not both").description)
        let amount = expectTaperError {
            _ = try db.plan(citalopram20(), strategy: .named("hyperbolic", options: StrategyOptions(amount: .mg(1))))
        }
        guard case .strategy(let message, _)? = amount else {
            Issue.record("expected TaperError.strategy, got \(String(describing: amount))")
            return
        }
        #expect(message.contains("\"amount\" does not apply"), "\(message)")
        // Options that do apply: 10 points with a floor of 20 %: 65.2, 55.2, 45.2, 35.2, 25.2 %, then
        // 15.2 % is below the floor: 5 reductions, then stop.
        let floored = try db.plan(citalopram20(),
                                  strategy: .named("hyperbolic", options: StrategyOptions(points: 10, occupancyFloor: 20)))
        #expect(floored.steps.count == 6)
        #expect(near(floored.steps[4].equivalentDailyDose.milligrams, Sorensen2022.dose(startOccupancy - 50), 1e-9))
    }
}
