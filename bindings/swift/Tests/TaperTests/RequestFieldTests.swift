// Request fields by key (docs/swift.md, "Requests"; docs/c-api.md, "Every field by key"): the
// names, units, bounds and defaults come from the library, and the keyed setters check each
// value as the planner does. The same cases as the Python suite's test_units_and_request.py.
import Taper
import Testing

@Suite("Request fields")
struct RequestFieldTests {
    @Test("Every field is described by the library, with the planner's ranges")
    func described() throws {
        let fields = try RequestField.all()
        #expect(fields.count == 19)
        let byKey = Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0) })
        let interval = try #require(byKey["interval"])
        #expect(interval.kind == .number && interval.unit == "days" && interval.defaultNumber == 28)
        #expect(interval.minimum == 0.5 && interval.maximum == 3653)
        let percent = try #require(byKey["max_step_percent"])
        #expect(percent.optional && percent.defaultNumber == nil && percent.unit == "%")
        #expect(percent.minimum == 0 && !percent.minimumInclusive && percent.maximum == 100 && !percent.maximumInclusive)
        #expect(byKey["equivalence_table"]?.defaultText == "ashton")
        #expect(byKey["start_date"]?.kind == .date && byKey["start_date"]?.required == true)
        #expect(byKey["max_steps"]?.kind == .count && byKey["max_steps"]?.minimum == 1)
        #expect(try RequestField.named("daily_dose").unit == "mg")
    }

    @Test("An unknown key suggests the nearest")
    func unknownKey() {
        let error = expectTaperError { _ = try RequestField.named("max_step_precent") }
        guard case .invalidArgument(_, let detail)? = error else {
            Issue.record("expected TaperError.invalidArgument, got \(String(describing: error))")
            return
        }
        #expect(detail.suggestions == ["max_step_percent"])
    }

    @Test("PlanRequest's defaults are the library's")
    func defaults() {
        let r = citalopram20()
        #expect(r.intervalDays == 28)
        #expect(r.equivalenceTable == "ashton")
        #expect(r.minChange == .zero && r.maintenance == .zero && !r.halfLifePacing)
    }

    @Test("A value out of its field's bounds is the planner's error naming the field")
    func outOfBounds() throws {
        let db = try Database.embedded
        var r = citalopram20()
        r.maxStepPercent = 100
        var error = expectTaperError { try r.validate(in: db) }
        #expect(error?.code == 6 && error?.detail.option == "max step percent")
        r.maxStepPercent = nil
        r.maxSteps = 1 << 40
        error = expectTaperError { try r.validate(in: db) }
        #expect(error?.code == 6 && error?.detail.option == "max steps")
    }
}

@Suite("Durations")
struct DurationTests {
    @Test("Step lengths, intervals and holds as Duration")
    func durations() throws {
        var r = citalopram20()
        #expect(r.interval == .seconds(28 * 86_400))
        r.interval = .seconds(14 * 86_400)
        #expect(r.intervalDays == 14)
        r.maxDuration = .seconds(3_650 * 86_400)
        #expect(r.maxDurationDays == 3_650)
        r.holds = [Hold(afterStep: 2, length: .seconds(7 * 86_400))]
        #expect(r.holds[0].days == 7 && r.holds[0].length == .seconds(604_800))
        let s = try Database.embedded.plan(r, strategy: .proportional(percent: 10))
        #expect(s.steps[0].length == .seconds(14 * 86_400))
    }
}
