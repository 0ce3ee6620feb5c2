"""What docs/python.md and the docstrings say about units and signs (issue 9's doc errors)."""
from __future__ import annotations

import numpy as np

import taper


def test_dose_mg_is_diazepam_equivalent_in_a_crossover() -> None:
    schedule = taper.plan(taper.PlanRequest("alprazolam", "1 mg", start="2026-12-01"), "diazepam-crossover")
    assert schedule.basis is taper.Basis.DIAZEPAM_MG
    arrays = schedule.to_numpy()
    np.testing.assert_array_equal(arrays.dose_mg, arrays.equivalent_daily_dose_mg)
    switched = arrays.daily_dose_mg == 0.0  # no alprazolam left, diazepam still taken
    assert switched.any()
    assert (arrays.dose_mg[switched][:-1] > 0).all()
    # Ashton's table: alprazolam 0.5 mg ~ diazepam 10 mg, so 1 mg a day starts at 20 mg diazepam-eq.
    assert schedule.start_equivalent_dose_mg == 20.0


def test_change_mg_is_previous_minus_this_in_the_plans_basis() -> None:
    schedule = taper.plan(taper.PlanRequest("citalopram", "20 mg", start="2026-12-01"), "linear", amount="5 mg")
    previous = schedule.start_equivalent_dose_mg
    for step in schedule.steps:
        assert step.change_mg == previous - step.equivalent_daily_dose_mg
        assert step.change_mg > 0  # a reduction is positive
        previous = step.equivalent_daily_dose_mg
    # 20 -> 15 -> 10 -> 5 -> 0 mg in 5 mg cuts
    assert [s.change_mg for s in schedule.steps] == [5.0, 5.0, 5.0, 5.0]


def test_format_mass_writes_full_precision() -> None:
    assert taper.format_mass(11.887553957817733) == "11.887553957817733 mg"
    assert taper.parse_mass(taper.format_mass(0.1 + 0.2)) == 0.1 + 0.2


def test_realization_schedule_holds_the_planned_doses(db: taper.Database) -> None:
    request = taper.PlanRequest("citalopram", "20 mg", start="2026-12-01", current_formulation="tablet")
    plan = db.plan(request, "table", table=["15 mg", "11 mg"])
    realized = taper.realize(plan, db.forms_on_hand("citalopram", "10 mg tablet"))
    planned = [s.daily_dose_mg for s in realized.schedule.steps]
    assert planned[:2] == [15.0, 11.0]
    # 11 mg cannot be made of halves and quarters of a 10 mg tablet: what is taken differs
    taken = realized.steps[1].realized_daily_mg
    assert taken != 11.0
    assert realized.steps[1].difference_mg == taken - 11.0
