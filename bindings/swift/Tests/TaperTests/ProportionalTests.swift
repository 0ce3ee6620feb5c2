// The proportional strategies through the Swift binding: the cases of
// tests/unit/strategies/proportional_test.cpp, with the same hand-computed numbers (to 1e-9
// where the C++ test has them exactly, else recomputed from 20 · 0.9^n).
import Taper
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Proportional strategies")
struct ProportionalTests {
    let db: Database
    init() throws { db = try Database.embedded }

    @Test("10% of the most recent dose: 18, 16.2, 14.58, 13.122, 11.8098 ...")
    func tenPercentOfTheMostRecentDose() throws {
        let s = try db.plan(citalopram20(), strategy: .proportional(percent: 10))
        #expect(s.strategy == "proportional")
        try #require(s.steps.count >= 5)
        for (i, expected) in [18.0, 16.2, 14.58, 13.122, 11.8098].enumerated() {
            #expect(near(s.steps[i].equivalentDailyDose.milligrams, expected, 1e-9), "step \(i + 1)")
            #expect(near(s.steps[i].changePercent, 10.0, 1e-9), "step \(i + 1)")
        }
    }

    @Test("Stops at 1/40 of the start: 36 reductions, then the stop step to 0")
    func stopsAtOneFortiethOfTheStart() throws {
        // Final dose 20/40 = 0.5 mg. 20 · 0.9^35 = 0.50063 (still above), 20 · 0.9^36 = 0.45057.
        let s = try db.plan(citalopram20(), strategy: .proportional(percent: 10))
        try #require(s.steps.count == 37)
        #expect(near(s.steps[34].equivalentDailyDose.milligrams, 0.50063, 1e-5))
        #expect(near(s.steps[35].equivalentDailyDose.milligrams, 0.45057, 1e-5))
        #expect(near(s.steps[34].equivalentDailyDose.milligrams, 20 * pow(0.9, 35), 1e-9))
        #expect(near(s.steps[35].equivalentDailyDose.milligrams, 20 * pow(0.9, 36), 1e-9))
        #expect(s.steps[35].phase == .reduce)
        #expect(s.steps[36].phase == .stop)
        #expect(s.steps[36].equivalentDailyDose.milligrams == 0)
    }

    @Test("10% of the starting dose: 2 mg every step, 18 down to 0")
    func tenPercentOfTheStartingDose() throws {
        let s = try db.plan(citalopram20(), strategy: .proportionalOfStart(percent: 10))
        #expect(s.strategy == "proportional-of-start")
        try #require(s.steps.count == 10)
        for i in 0..<10 {
            #expect(near(s.steps[i].equivalentDailyDose.milligrams, 18.0 - 2.0 * Double(i), 1e-9), "step \(i + 1)")
            #expect(near(s.steps[i].change.milligrams, 2.0, 1e-9), "step \(i + 1)")
        }
        #expect(s.steps.last?.phase == .stop)
        // The last cut, 2 of 2 mg, is 100% of the dose: why "of the start" is not the 10% rule.
        #expect(near(s.steps.last?.changePercent ?? .nan, 100.0, 1e-9))
    }

    @Test("The request's final dose stops it (held at 10 mg, then stop)")
    func theRequestsFinalDoseStopsIt() throws {
        var r = citalopram20()
        r.finalDose = .mg(10)
        let s = try db.plan(r, strategy: .proportional(percent: 10))
        try #require(s.steps.count == 8)
        #expect(near(s.steps[5].equivalentDailyDose.milligrams, 10.62882, 1e-9))
        #expect(near(s.steps[6].equivalentDailyDose.milligrams, 10.0, 1e-9))
        #expect(s.steps[7].phase == .stop)
    }

    @Test("Its own final fraction: 25% steps to half the start")
    func ownFinalFraction() throws {
        // 20 · 0.75 = 15, 11.25, 8.4375 (<= 10): 3 reductions, then stop.
        let s = try db.plan(citalopram20(), strategy: .proportional(percent: 25, finalFraction: 0.5))
        try #require(s.steps.count == 4)
        #expect(near(s.steps[2].equivalentDailyDose.milligrams, 8.4375, 1e-9))
    }

    @Test("Bad percentages are errors carrying the library's message", arguments: [0.0, -5.0, 100.0, 150.0, .nan])
    func rejectsBadPercentages(percent: Double) throws {
        let error = expectTaperError("percent \(percent)") {
            _ = try db.plan(citalopram20(), strategy: .proportional(percent: percent))
        }
        guard case .strategy(let message, _)? = error else {
            Issue.record("percent \(percent): expected TaperError.strategy, got \(String(describing: error))")
            return
        }
        #expect(message.hasPrefix("proportional strategy: percent: expected a percentage between 0 and 100 (exclusive), not "),
                "\(message)")
        #expect(error?.code == 7)
    }

    @Test("A final fraction of 1 is refused")
    func rejectsFinalFractionOne() throws {
        let error = expectTaperError {
            _ = try db.plan(citalopram20(), strategy: .proportional(percent: 10, finalFraction: 1.0))
        }
        guard case .strategy(let message, let detail)? = error else {
            Issue.record("expected TaperError.strategy, got \(String(describing: error))")
            return
        }
        #expect(message == "proportional strategy: final_fraction: expected a share of a dose between 0 and 1 (exclusive), not 1")
        #expect(detail.kind == .strategyOption && detail.option == "final_fraction")
    }

    @Test("Options that do not apply are refused")
    func fromOptions() throws {
        // Of the start reaches zero by itself: a final fraction does not apply.
        let ofStart = expectTaperError {
            _ = try db.plan(citalopram20(), strategy: .named("proportional-of-start",
                                                             options: StrategyOptions(percent: 25, finalFraction: 0.1)))
        }
        #expect(ofStart?.code == 7)
        #expect(ofStart?.message.contains("final_fraction") == true, "\(String(describing: ofStart))")
        let points = expectTaperError {
            _ = try db.plan(citalopram20(), strategy: .named("proportional", options: StrategyOptions(points: 5)))
        }
        #expect(points?.code == 7)
        #expect(points?.message.contains("\"points\" does not apply") == true, "\(String(describing: points))")
    }
}
