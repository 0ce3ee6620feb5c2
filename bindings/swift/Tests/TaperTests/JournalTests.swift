// The journal, the assessment and replanning through the Swift binding: the scenario of
// tests/unit/journal/assess_test.cpp (docs/assessment.md).
import Taper
import Testing

@Suite("Journal, assessment and replanning")
struct JournalTests {
    let db: Database
    init() throws { db = try Database.embedded }

    // Sertraline 50 mg, 12.5 mg every 28 days from 2026-12-01: 37.5 mg, then 25 mg from
    // 2026-12-29. Dizziness and shocks two days after that cut, eased a day after going back
    // to 37.5 mg. The last entry's rating 7 is not 0-3: it is left out and reported.
    let journalJSON = """
        {"drug": "sertraline", "baseline": ["low_mood"], "entries": [
        {"date": "2026-12-28", "doses": [{"mg": 37.5}]},
        {"date": "2026-12-29", "doses": [{"mg": 25}]},
        {"date": "2026-12-31", "doses": [{"mg": 25}], "symptoms": {"dizziness": 2, "electric_shocks": 2}},
        {"date": "2027-01-01", "doses": [{"mg": 25}], "symptoms": {"dizziness": 3, "anxiety": 1}},
        {"date": "2027-01-02", "doses": [{"mg": 37.5}], "symptoms": {"dizziness": 3, "electric_shocks": 1}},
        {"date": "2027-01-03", "doses": [{"mg": 37.5}], "symptoms": {"dizziness": 1}},
        {"date": "2027-01-04", "symptoms": {"dizziness": 7}}]}
        """

    @Test("A bad entry is reported with its field; the rest is kept")
    func badEntryReported() throws {
        let j = try Journal.fromJSON(journalJSON)
        #expect(j.entryCount == 6)
        try #require(j.problems.count == 1)
        #expect(j.problems[0].entry == 6)
        #expect(j.problems[0].field == "symptoms.dizziness")
        #expect(j.problems[0].code == .journalSeverityOutOfRange)
        let again = try Journal.fromCSV(try j.csv())
        #expect(again.entryCount == 6 && again.problems.isEmpty)
    }

    @Test("Withdrawal pattern, then a hold of 14 days at 37.5 mg")
    func withdrawalThenHold() throws {
        let request = PlanRequest(drug: "sertraline", dailyDose: .mg(50), start: CalendarDate(year: 2026, month: 12, day: 1))
        let plan = try db.plan(request, strategy: .linear(amount: .mg(12.5)))
        let j = try Journal.fromJSON(journalJSON)
        let a = try db.assess(plan, journal: j)
        #expect(a.latest == .consistentWithWithdrawal)
        #expect(!a.seekHelpNow)
        #expect(a.json.contains("\"onset_soon_after_cut\""))
        let held = try db.replan(plan, journal: j, strategy: .linear(amount: .mg(12.5)), action: .hold,
                                 today: CalendarDate(year: 2027, month: 1, day: 4), tolerableDays: 14)
        #expect(held.steps[0].phase == .hold)
        #expect(abs(held.steps[0].dailyDose.milligrams - 37.5) < 1e-9)
        #expect(held.messages.first?.code == MessageCode.replanHold)
    }

    @Test("Patient pacing: the next cut only when the journal says ready, lowered if asked")
    func patientPacing() throws {
        // Tolerable since 2027-01-03 (01-02 rated dizziness 3; the 01-04 entry is left out):
        // 2 days on 2027-01-04. Now 37.5 mg (the last recorded); the plan's next dose is 25 mg,
        // half that cut 31.25 mg.
        let request = PlanRequest(drug: "sertraline", dailyDose: .mg(50), start: CalendarDate(year: 2026, month: 12, day: 1))
        let plan = try db.plan(request, strategy: .linear(amount: .mg(12.5)))
        let j = try Journal.fromJSON(journalJSON)
        let today = CalendarDate(year: 2027, month: 1, day: 4)
        let notYet = try db.offerNextCut(plan, journal: j, today: today)
        #expect(!notYet.ready)
        #expect(abs(notYet.tolerableDays - 2) < 1e-9)
        #expect(notYet.reasonsJSON.contains("\"not_ready_for_next_cut\""))
        let ready = try db.offerNextCut(plan, journal: j, today: today, tolerableDays: 2, shareOfCut: 0.5)
        #expect(ready.ready)
        #expect(abs(ready.current.milligrams - 37.5) < 1e-9)
        #expect(abs(ready.offered.milligrams - 31.25) < 1e-9)
        #expect(ready.reasonsJSON.contains("\"cut_lowered_by_person\""))
        // Every plan ends by pointing to who can help (the support directory), coded.
        #expect(plan.messages.last?.code == MessageCode.whoCanHelp)
    }

    @Test("Three drugs one at a time, with the interaction note")
    func threeDrugs() throws {
        let start = CalendarDate(year: 2027, month: 1, day: 4)
        let p = try db.planSeveral([
            (request: PlanRequest(drug: "diazepam", dailyDose: .mg(10), start: start), strategy: .linear(amount: .mg(2.5))),
            (request: PlanRequest(drug: "fluoxetine", dailyDose: .mg(20), start: start), strategy: .linear(amount: .mg(10))),
            (request: PlanRequest(drug: "aripiprazole", dailyDose: .mg(10), start: start), strategy: .linear(amount: .mg(5))),
        ], start: start, gapDays: 14)
        #expect(p.planCount == 3)
        #expect(p.json.contains("\"interaction_level_may_fall\""))
    }
}
