"""The proportional strategy, both meanings: tests/unit/strategies/proportional_test.cpp."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import taper
from taper import Phase


def test_ten_percent_of_the_most_recent_dose(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    # 20 * 0.9 = 18, * 0.9 = 16.2, 14.58, 13.122, 11.8098 ...
    s = db.plan(citalopram_20, "proportional", percent=10)
    assert s.strategy == "proportional"
    assert len(s.steps) >= 5
    for i, want in enumerate([18.0, 16.2, 14.58, 13.122, 11.8098]):
        assert s.steps[i].equivalent_daily_dose_mg == pytest.approx(want, abs=1e-9), f"step {i + 1}"
        assert s.steps[i].change_percent == pytest.approx(10.0, abs=1e-9)


def test_stops_at_one_fortieth_of_the_start(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    # Final dose 20/40 = 0.5 mg. 20 * 0.9^35 = 0.50063 (above), 20 * 0.9^36 = 0.45057 (the
    # first at or below): 36 reductions, then the stop step to 0.
    s = db.plan(citalopram_20, "proportional", percent=10)
    assert len(s.steps) == 37
    assert s.steps[34].equivalent_daily_dose_mg == pytest.approx(0.50063, abs=1e-5)
    assert s.steps[35].equivalent_daily_dose_mg == pytest.approx(0.45057, abs=1e-5)
    assert s.steps[35].phase is Phase.REDUCE
    assert s.steps[36].phase is Phase.STOP
    assert s.steps[36].equivalent_daily_dose_mg == 0.0
    # Every reduction is 20 * 0.9^n, to 1e-9.
    a = s.to_numpy()
    np.testing.assert_allclose(a.dose_mg[:36], 20 * 0.9 ** np.arange(1, 37), rtol=0, atol=1e-9)


def test_ten_percent_of_the_starting_dose(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    # 10 % of 20 mg = 2 mg every step: 18, 16, ..., 2, 0.
    s = db.plan(citalopram_20, "proportional-of-start", percent=10)
    assert s.strategy == "proportional-of-start"
    assert len(s.steps) == 10
    for i, st in enumerate(s.steps):
        assert st.equivalent_daily_dose_mg == pytest.approx(18.0 - 2.0 * i, abs=1e-9), f"step {i + 1}"
        assert st.change_mg == pytest.approx(2.0, abs=1e-9)
    assert s.steps[-1].phase is Phase.STOP
    # The last cut, 2 of 2 mg, is 100 % of the dose: why "of the start" is not the 10 % rule.
    assert s.steps[-1].change_percent == pytest.approx(100.0, abs=1e-9)


def test_the_requests_final_dose_stops_it(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    # Final dose 10 mg: 18, 16.2, 14.58, 13.122, 11.8098, 10.62882, then 9.565938 is below
    # 10 mg, so the planner holds it at 10 mg (with a note); then the stop step.
    r = dataclasses.replace(citalopram_20, final_dose="10 mg")
    s = db.plan(r, "proportional", percent=10)
    assert len(s.steps) == 8
    assert s.steps[5].equivalent_daily_dose_mg == pytest.approx(10.62882, abs=1e-9)
    assert s.steps[6].equivalent_daily_dose_mg == pytest.approx(10.0, abs=1e-9)
    assert s.steps[7].phase is Phase.STOP


def test_own_final_fraction(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    # 25 % per step, final fraction 1/2: 15, 11.25, 8.4375 (<= 10): 3 reductions, then stop.
    s = db.plan(citalopram_20, "proportional", percent=25, final_fraction=0.5)
    assert len(s.steps) == 4
    assert s.steps[2].equivalent_daily_dose_mg == pytest.approx(8.4375, abs=1e-9)


@pytest.mark.parametrize("bad", [0.0, -5.0, 100.0, 150.0, float("nan")])
def test_rejects_bad_percentages(db: taper.Database, citalopram_20: taper.PlanRequest, bad: float) -> None:
    # Made by name, the strategy checks its options when it is made: StrategyError, with the
    # message the C++ planner gives for the same settings.
    with pytest.raises(taper.StrategyError) as info:
        db.plan(citalopram_20, "proportional", percent=bad)
    assert "proportional strategy: percent: expected a percentage between 0 and 100" in str(info.value)
    assert info.value.option == "percent"


def test_final_fraction_of_one_is_refused(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    with pytest.raises(taper.StrategyError, match="final_fraction: expected a share of a dose between 0 and 1") as info:
        db.plan(citalopram_20, "proportional", percent=10, final_fraction=1.0)
    assert info.value.option == "final_fraction"


def test_options_that_do_not_apply(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    # Of the start reaches zero by itself: a final fraction does not apply; nor do points.
    with pytest.raises(taper.StrategyError, match="final_fraction"):
        db.plan(citalopram_20, "proportional-of-start", percent=10, final_fraction=0.1)
    with pytest.raises(taper.StrategyError, match='"points" does not apply'):
        db.plan(citalopram_20, "proportional", points=5)


def test_linear_sertraline_for_contrast(db: taper.Database) -> None:
    # 50 mg, 12.5 mg a step: 37.5, 25, 12.5, 0.
    r = taper.PlanRequest("sertraline", taper.mg(50), start="2026-12-01")
    s = db.plan(r, "linear", amount=taper.mg(12.5))
    assert [st.equivalent_daily_dose_mg for st in s.steps] == pytest.approx([37.5, 25, 12.5, 0], abs=1e-9)
