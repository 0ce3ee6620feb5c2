// The library's error detail as data (docs/swift.md, "Errors"): what kind, the input, what
// was expected, the option at fault and suggestions, read without parsing the message. The
// same cases as the Python suite's test_strategy_options.py and test_errors.py.
import Taper
import Testing

@Suite("Error detail")
struct ErrorDetailTests {
    let db: Database
    init() throws { db = try Database.embedded }

    func alprazolam() -> PlanRequest {
        PlanRequest(drug: "alprazolam", dailyDose: .mg(1.5), start: CalendarDate(year: 2026, month: 12, day: 1))
    }

    @Test("A bad option value names the option, the input and what was expected")
    func optionValue() throws {
        let error = expectTaperError {
            _ = try db.plan(alprazolam(), strategy: .named("diazepam-crossover",
                                                           options: StrategyOptions(byName: ["range_end": .text("middle")])))
        }
        #expect(error?.code == 7)
        let detail = try #require(error?.detail)
        #expect(detail.kind == .strategyOption)
        #expect(detail.option == "range_end")
        #expect(detail.input == "middle")
        // range_end is a choice of "low" or "high" (docs/strategies/diazepam-crossover.md).
        #expect(detail.expected.contains("low") && detail.expected.contains("high"), "\(detail.expected)")
        #expect(detail.suggestions.isEmpty)
    }

    @Test("A misspelt option suggests the strategy's own name for it")
    func misspeltOption() throws {
        let error = expectTaperError {
            _ = try db.plan(alprazolam(), strategy: .named("diazepam-crossover",
                                                           options: StrategyOptions(byName: ["tail_stp": .mass(.mg(1))])))
        }
        guard case .strategy(_, let detail)? = error else {
            Issue.record("expected TaperError.strategy, got \(String(describing: error))")
            return
        }
        #expect(detail.kind == .strategyOption)
        #expect(detail.option == "tail_stp")
        #expect(detail.suggestions == ["tail_step"])
    }

    @Test("An unknown drug carries the input and the nearest names")
    func unknownDrug() throws {
        let lookup = expectTaperError { _ = try db.lookup("citaloprem") }
        guard case .unknownDrug(_, let detail)? = lookup else {
            Issue.record("expected TaperError.unknownDrug, got \(String(describing: lookup))")
            return
        }
        #expect(detail.kind == .unknownDrug)
        #expect(detail.input == "citaloprem")
        #expect(detail.suggestions.first == "citalopram", "\(detail.suggestions)")

        // The same through planning.
        let request = PlanRequest(drug: "citaloprem", dailyDose: .mg(20), start: CalendarDate(year: 2026, month: 12, day: 1))
        let planned = expectTaperError { _ = try db.plan(request, strategy: .proportional()) }
        #expect(planned?.detail.kind == .unknownDrug)
        #expect(planned?.detail.suggestions.first == "citalopram")
    }

    @Test("An error made in Swift, or one the library gives no detail for, has an empty detail")
    func noDetail() throws {
        #expect(TaperError.parse("bad").detail == ErrorDetail())
        #expect(TaperError.parse("bad").detail.kind == .unspecified)
        let made = ErrorDetail(kind: .planRequest, input: "x", option: "max step")
        #expect(TaperError(code: 6, message: "m", detail: made) == .plan("m", detail: made))
        #expect(TaperError(code: 6, message: "m", detail: made) != .plan("m"))
    }
}
