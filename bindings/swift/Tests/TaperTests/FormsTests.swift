// Realization, dispensing, conversions and exports through the Swift binding. The expected
// numbers are the worked examples of docs/realization.md and docs/conversions.md.
import Foundation
import Taper
import Testing

@Suite("Forms, realization, conversions and exports")
struct FormsTests {
    let db: Database
    init() throws { db = try Database.embedded }

    @Test("Forms on hand parse against the drug's data")
    func formsOnHand() throws {
        let forms = try Forms.parse("10 mg tablet, 2 mg/mL liquid", drug: "citalopram", in: db)
        try #require(forms.items.count == 2)
        #expect(forms.items[0].kind == .tablet)
        #expect(forms.items[0].unitStrength == .mg(10))
        #expect(forms.items[1].kind == .liquid)
        #expect(forms.items[1].liquidStrength == .mgPerML(2))
        #expect(forms.items[0].label == "10 mg tablet")

        // Every product in the data: the UK 10, 20 and 40 mg tablets, 40 mg/mL drops, the US
        // 2 mg/mL liquid and the US 20 and 40 mg tablets (a product of its own).
        let all = try Forms.all(drug: "citalopram", in: db)
        #expect(all.items.count == 7)
        let both = try forms.appending(all)
        #expect(both.items.count == forms.items.count + all.items.count)
        #expect(try Forms.empty().items.isEmpty)

        // A strength the drug does not have: the message lists what it has.
        let error = expectTaperError { _ = try Forms.parse("15 mg tablet", drug: "citalopram", in: db) }
        #expect(error?.code == 6)
        #expect(error?.message.contains("10 mg tablet") == true, "\(String(describing: error))")
    }

    @Test("One dose from drops: 4 drops = 8 mg on the label ≡ 10 mg as tablets")
    func realizeOneDose() throws {
        let drops = try Forms.parse("40 mg/mL drops", drug: "citalopram", in: db)
        let one = try drops.realizeDose(.mg(10))
        #expect(one.instruction == "4 drops of 40 mg/mL drops = 8 mg on the label ≡ 10 mg as tablets")
        #expect(near(one.realized.milligrams, 10, 1e-9))
        #expect(one.withinTolerance)
    }

    @Test("Tablets while they make the dose, then the liquid: 15 (1½), 10 (1), 7.5 (¾), 3 mg (1.5 mL)")
    func realizeAPlan() throws {
        var request = citalopram20()
        request.currentFormulation = "tablet"
        let plan = try db.plan(request, strategy: .table([TableRow(.mg(15)), TableRow(.mg(10)),
                                                          TableRow(.mg(7.5)), TableRow(.mg(3))]))
        let forms = try Forms.parse("10 mg tablet, 2 mg/mL liquid", drug: "citalopram", in: db)
        let r = try plan.realize(using: forms)
        try #require(r.steps.count == 5)
        #expect(r.schedule.steps.count == 5)

        func onlyPart(_ step: Int) throws -> RecipePart {
            let recipe = try #require(r.steps[step].recipes.first)
            #expect(r.steps[step].recipes.count == 1)
            #expect(recipe.withinTolerance)
            return try #require(recipe.parts.first)
        }
        let tablets = [(0, 1.5), (1, 1.0), (2, 0.75)]
        for (step, count) in tablets {
            let part = try onlyPart(step)
            #expect(part.kind == .units, "step \(step + 1)")
            #expect(part.count == count, "step \(step + 1)")
            #expect(near(r.steps[step].realizedDaily.milligrams, 10 * count, 1e-9), "step \(step + 1)")
            #expect(!r.steps[step].formChanged, "step \(step + 1)")
        }
        // 3 mg: ¼ tablet is 2.5 mg, 16.7% off; 1.5 mL of 2 mg/mL liquid is exact.
        let liquid = try onlyPart(3)
        #expect(liquid.kind == .liquid)
        #expect(near(liquid.volume.millilitres, 1.5, 1e-9))
        #expect(near(r.steps[3].realizedDaily.milligrams, 3, 1e-9))
        #expect(r.steps[3].formChanged)
        #expect(r.steps[3].messages.contains { $0.code == .switchPoint }, "\(r.steps[3].messages)")
        #expect(r.messages.contains { $0.code == .formEquivalenceAssumed })

        // Supplies for step 1: 1½ tablets a day for 28 days = 42 tablets.
        let byStep = try r.dispenseByStep()
        try #require(byStep.count >= 1)
        let first = try #require(byStep[0].lines.first { $0.formulationId.hasPrefix("tablet") })
        #expect(first.units == 42)
        #expect(byStep[0].start == CalendarDate(year: 2026, month: 12, day: 1))
        // Per 28 days (the steps' own length): 42, 28 and 21 tablets (1½, 1, ¾ a day), then
        // 1.5 mL × 28 = 42 mL of liquid; the stop step needs nothing, so four periods.
        let byPeriod = try r.dispenseByPeriod(days: 28)
        try #require(byPeriod.count == 4)
        for (i, tablets) in [42.0, 28.0, 21.0].enumerated() {
            #expect(byPeriod[i].lines.count == 1)
            #expect(byPeriod[i].lines.first?.units == tablets, "period \(i + 1)")
        }
        #expect(near(byPeriod[3].lines.first?.totalVolume.millilitres ?? .nan, 42, 1e-9))
    }

    @Test("Citalopram 10 mg as tablets → drops: 8 mg = 0.2 mL = 4 drops")
    func convertForm() throws {
        let c = try db.convertForm("citalopram", dose: .mg(10), from: "tablet", to: "drops")
        #expect(near(c.fromLabelled.milligrams, 10, 1e-9))
        #expect(near(c.toLabelled.milligrams, 8, 1e-9))
        #expect(near(c.toVolume?.millilitres ?? .nan, 0.2, 1e-9))
        #expect(near(c.toDrops ?? .nan, 4, 1e-9))
        #expect(near(c.bioavailabilityRatio, 0.8, 1e-9))
        #expect(c.toTablets == nil)
        #expect(c.text.contains("4 drops"), "\(c.text)")
        #expect(!c.equivalence.isEmpty)
        #expect(expectTaperError { _ = try db.convertForm("citalopram", dose: .mg(10), from: "tablet", to: "beads") } != nil)
    }

    @Test("1 mg alprazolam ≈ 20 mg diazepam ≈ 2 mg lorazepam (Ashton)")
    func classEquivalent() throws {
        let e = try db.classEquivalent(from: "alprazolam", dose: .mg(1), to: "lorazepam")
        #expect(near(e.dose.milligrams, 2, 1e-9))
        #expect(near(e.diazepamEquivalent.milligrams, 20, 1e-9))
        #expect(e.table == "ashton")
        // 3 mg lorazepam -> diazepam, va-dod-2021: 3 · 10/2 = 15 mg.
        let va = try db.classEquivalent(from: "lorazepam", dose: .mg(3), to: "diazepam", table: "va-dod-2021")
        #expect(near(va.dose.milligrams, 15, 1e-9))
        // 1 mg loprazolam -> lorazepam: low end 1 mg, high end 0.5 mg.
        let low = try db.classEquivalent(from: "loprazolam", dose: .mg(1), to: "lorazepam")
        let high = try db.classEquivalent(from: "loprazolam", dose: .mg(1), to: "lorazepam", useHighEnd: true)
        #expect(near(low.dose.milligrams, 1, 1e-9))
        #expect(near(high.dose.milligrams, 0.5, 1e-9))
        #expect(expectTaperError { _ = try db.classEquivalent(from: "citalopram", dose: .mg(1), to: "lorazepam") } != nil)
    }

    @Test("JSON, CSV and columns carry the same numbers as the steps")
    func exports() throws {
        let s = try db.plan(citalopram20(), strategy: .hyperbolic(points: 5))
        let json = try s.json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.count == s.steps.count)

        let csv = try s.csv()
        let lines = csv.split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(lines.count == s.steps.count + 1, "header + one line per step")

        let columns = try s.columns()
        #expect(columns.equivalentDailyDoseMg == s.steps.map(\.equivalentDailyDose.milligrams))
        #expect(columns.dayOffset == s.steps.map { Double($0.dayOffset) })
        #expect(columns.phase == s.steps.map(\.phase))
        #expect(columns.changePoints.prefix(14).allSatisfy { near($0, 5, 1e-9) })
    }
}
