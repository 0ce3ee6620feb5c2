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
}
