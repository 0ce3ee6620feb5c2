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
