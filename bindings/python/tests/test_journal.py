"""The journal, the assessment and replanning from Python: the scenario of
tests/unit/journal/assess_test.cpp (docs/assessment.md)."""
from __future__ import annotations

import json

import pytest

import taper

# Sertraline 50 mg, 12.5 mg every 28 days from 2026-12-01: 37.5 mg, then 25 mg from 2026-12-29.
# Dizziness and electric shocks two days after that cut, worst on day 3, eased a day after going
# back to 37.5 mg: consistent with withdrawal. The last entry rates dizziness 7 (not 0-3).
JOURNAL = {
    "drug": "sertraline",
    "baseline": ["low_mood"],
    "entries": [
        {"date": "2026-12-28", "doses": [{"mg": 37.5}]},
        {"date": "2026-12-29", "doses": [{"mg": 25}]},
        {"date": "2026-12-31", "doses": [{"mg": 25}], "symptoms": {"dizziness": 2, "electric_shocks": 2}},
        {"date": "2027-01-01", "doses": [{"mg": 25}], "symptoms": {"dizziness": 3, "anxiety": 1}},
        {"date": "2027-01-02", "doses": [{"mg": 37.5}], "symptoms": {"dizziness": 3, "electric_shocks": 1}},
        {"date": "2027-01-03", "doses": [{"mg": 37.5}], "symptoms": {"dizziness": 1}},
        {"date": "2027-01-04", "symptoms": {"dizziness": 7}},
    ],
}


@pytest.fixture
def sertraline_plan(db: taper.Database) -> taper.Schedule:
    request = taper.PlanRequest("sertraline", "50 mg", start="2026-12-01")
    return db.plan(request, "linear", amount="12.5 mg")


def test_a_bad_entry_is_reported_and_the_rest_kept() -> None:
    j = taper.Journal.from_json(json.dumps(JOURNAL))
    assert j.entry_count == 6
    assert len(j.problems) == 1
    p = j.problems[0]
    assert (p.entry, p.field, p.input) == (6, "symptoms.dizziness", "7")
    assert p.code is taper.MessageCode.JOURNAL_SEVERITY_OUT_OF_RANGE
    again = taper.Journal.from_csv(j.to_csv())
    assert again.entry_count == 6 and not again.problems
    with pytest.raises(taper.InvalidArgumentError):
        taper.Journal.from_json("not json")


def test_assess_withdrawal_then_replan_hold(db: taper.Database, sertraline_plan: taper.Schedule) -> None:
    j = taper.Journal.from_json(json.dumps(JOURNAL))
    a = taper.assess(sertraline_plan, j)
    assert a["latest"] == "consistent_with_withdrawal"
    assert a["seek_help_now"] is False
    ids = [m["id"] for m in a["periods"][-1]["reasons"]]
    assert "onset_soon_after_cut" in ids and "eased_on_reinstatement" in ids
    held = taper.replan(sertraline_plan, j, "linear", action="hold", today="2027-01-04", tolerable_days=14,
                        database=db, amount="12.5 mg")
    assert held.steps[0].phase is taper.Phase.HOLD
    assert held.steps[0].daily_dose_mg == pytest.approx(37.5)
    assert held.steps[0].length_days == pytest.approx(14)
    assert held.messages[0].code is taper.MessageCode.REPLAN_HOLD


def test_patient_pacing_offers_the_next_cut_only_when_ready(sertraline_plan: taper.Schedule) -> None:
    # On 2027-01-04 the journal has been tolerable since 2027-01-03 (the day before rated
    # dizziness 3; the 01-04 entry is left out): 2 days. The dose now is the last recorded,
    # 37.5 mg; the plan's next dose below it is 25 mg, half that cut 31.25 mg.
    j = taper.Journal.from_json(json.dumps(JOURNAL))
    not_yet = taper.offer_next_cut(sertraline_plan, j, today="2027-01-04")
    assert not not_yet.ready
    assert not_yet.tolerable_days == pytest.approx(2)
    assert not_yet.offered_mg == pytest.approx(37.5)
    assert [r["id"] for r in not_yet.reasons] == ["not_ready_for_next_cut"]
    ready = taper.offer_next_cut(sertraline_plan, j, today="2027-01-04", tolerable_days=2, share_of_cut=0.5)
    assert ready.ready and ready.current_mg == pytest.approx(37.5)
    assert ready.offered_mg == pytest.approx(31.25)
    assert [r["id"] for r in ready.reasons] == ["ready_for_next_cut", "cut_lowered_by_person"]
    with pytest.raises(taper.PlanError):
        taper.offer_next_cut(sertraline_plan, j, today="2027-01-04", share_of_cut=0)


def test_three_drugs_one_at_a_time_with_interaction_notes() -> None:
    # An antidepressant, a benzodiazepine and an antipsychotic (issue 13): fluoxetine inhibits
    # CYP2D6, so reducing it may lower aripiprazole's level (data/interactions.json).
    p = taper.plan_several(
        [(taper.PlanRequest("diazepam", "10 mg"), taper.Strategy("linear", amount="2.5 mg")),
         (taper.PlanRequest("fluoxetine", "20 mg"), taper.Strategy("linear", amount="10 mg")),
         (taper.PlanRequest("aripiprazole", "10 mg"), taper.Strategy("linear", amount="5 mg"))],
        start="2027-01-04", gap_days=14)
    assert p["drugs"] == ["diazepam", "fluoxetine", "aripiprazole"]
    assert len(p["plans"]) == 3
    # One at a time: each plan starts after the one before has ended.
    starts = [plan["start"] for plan in p["plans"]]
    assert starts == sorted(starts) and len(set(starts)) == 3
    assert any(n["id"] == "interaction_level_may_fall" and n["affected"] == "aripiprazole" for n in p["interactions"])
    with pytest.raises(taper.PlanError):
        taper.plan_several([], start="2027-01-04", gap_days=14)


def test_every_plan_points_to_who_can_help(sertraline_plan: taper.Schedule) -> None:
    # The coded pointer to the support directory reaches Python as the last plan-wide message.
    last = sertraline_plan.messages[-1]
    assert last.code is taper.MessageCode.WHO_CAN_HELP
    assert "sertraline" in last.text
