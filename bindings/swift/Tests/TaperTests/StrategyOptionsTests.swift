// Strategy options read from the library's schemas (not restated in Swift), set by name.
import Taper
import Testing

@Suite("Strategy options")
struct StrategyOptionsTests {
    let db: Database
    init() throws { db = try Database.embedded }

    @Test("Hyperbolic's schema comes from the library")
    func schemaFromTheLibrary() throws {
        let options = try StrategyRegistry.builtin().options(for: "hyperbolic")
        #expect(options.map(\.name) == ["points", "occupancy_targets", "occupancy_floor", "final_fraction"])
        let points = options[0]
        #expect(points.kind == "occupancy_points" && points.unit == "pp" && points.role == "step_size")
        #expect(points.defaultNumber == 5 && points.minimum == 0 && !points.minimumInclusive && points.maximum == 100)
        let curve = try StrategyRegistry.builtin().options(for: "tapering-strip")[0]
        #expect(curve.kind == "choice" && curve.defaultText == "hyperbolic")
        #expect(curve.choices == ["hyperbolic", "proportional"])
        #expect(try StrategyRegistry.builtin().schemaJSON().contains("\"taper-strategy-schemas\""))
    }

    @Test("Any option by name, sent by the kind its schema gives it")
    func byName() throws {
        let request = PlanRequest(drug: "alprazolam", dailyDose: .mg(1.5), start: CalendarDate(year: 2026, month: 12, day: 1))
        let options = StrategyOptions(byName: ["step_length": .days(14), "tail_step": .mass(.mg(1))])
        let s = try db.plan(request, strategy: .named("diazepam-crossover", options: options))
        #expect(s.steps[0].lengthDays == 14)
        #expect(throws: TaperError.self) {
            try db.plan(request, strategy: .named("diazepam-crossover",
                                                  options: StrategyOptions(byName: ["tail_stp": .mass(.mg(1))])))
        }
    }

    @Test("The default strategy for a drug")
    func suggestion() throws {
        #expect(try db.suggestStrategy(for: "olanzapine").name == "antipsychotic")
        #expect(try db.suggestStrategy(for: "olanzapine", step: "percent").name == "proportional")
        #expect(try db.suggestStrategy(for: "citalopram", table: true).name == "table")
        #expect(throws: TaperError.self) { try db.suggestStrategy(for: "citaloparm") }
    }
}
