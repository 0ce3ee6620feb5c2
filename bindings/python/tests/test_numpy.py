"""Schedules as NumPy arrays, through the C ABI's bulk accessor."""
from __future__ import annotations

import math

import numpy as np
import pytest

import taper
from taper import Phase


def test_every_column_matches_the_steps(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    s = db.plan(citalopram_20, "hyperbolic", points=5)
    a = s.to_numpy()
    steps = s.steps
    assert len(a) == len(steps) == s.step_count == 16  # 14 five-point cuts, two halves (docs/safety.md)
    for name in ("length_days", "daily_dose_mg", "equivalent_daily_dose_mg", "change_mg", "change_percent"):
        np.testing.assert_array_equal(getattr(a, name), [getattr(st, name) for st in steps], err_msg=name)
    np.testing.assert_array_equal(a.day, [st.day_offset for st in steps])
    np.testing.assert_array_equal(a.occupancy_percent, [st.occupancy_percent for st in steps])
    np.testing.assert_array_equal(a.change_points, [st.change_points for st in steps])
    assert a.phase.dtype == np.int32
    assert [Phase.from_code(int(p)) for p in a.phase] == [st.phase for st in steps]
    assert a.phase[-1] == Phase.STOP.code == 3
    for column in a.as_dict().values():
        assert column.shape == (16,)
    assert a.day.dtype == np.float64
    assert a.dose_mg is a.equivalent_daily_dose_mg


def test_day_and_occupancy_for_a_researcher(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    a = db.plan(citalopram_20, "hyperbolic", points=5).to_numpy()
    np.testing.assert_array_equal(a.day, np.arange(16) * 28.0)
    occ_20 = 83.98 * 20 / 22.33
    np.testing.assert_allclose(a.occupancy_percent[:14], occ_20 - 5.0 * np.arange(1, 15), rtol=0, atol=1e-9)
    # What is left after 14 cuts (occ_20 - 70 = 5.2172 %) is cut in two halves, then stop.
    assert abs(a.occupancy_percent[14] - (occ_20 - 70) / 2) < 1e-9
    assert a.occupancy_percent[15] == 0.0
    np.testing.assert_allclose(np.diff(a.occupancy_percent[:14]), -5.0, atol=1e-9)


def test_nan_without_an_occupancy_model(db: taper.Database) -> None:
    r = taper.PlanRequest("mirtazapine", "30 mg", start="2026-12-01")
    s = db.plan(r, "proportional", percent=25)
    a = s.to_numpy()
    assert np.isnan(a.occupancy_percent).all()
    assert np.isnan(a.change_points).all()
    assert s.steps[0].occupancy_percent is None
    assert s.start_occupancy_percent is None
    assert a.dose_mg[0] == pytest.approx(22.5, abs=1e-9)


def test_arrays_are_fresh_copies(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    s = db.plan(citalopram_20, "proportional", percent=10)
    a = s.to_numpy()
    a.dose_mg[:] = -1
    b = s.to_numpy()
    assert b.dose_mg[0] == pytest.approx(18.0)
    assert not math.isnan(b.dose_mg.sum())


def test_crossover_columns_hold_both_bases(db: taper.Database) -> None:
    # Alprazolam 0.5 mg morning and night to diazepam: daily_dose_mg is alprazolam (0 once
    # switched away), the plan's dose is diazepam-equivalent mg. Ashton: 0.5 mg alprazolam =
    # 10 mg diazepam, so 20 mg throughout the two 7-day switch steps (night first, then
    # morning: 0.5 mg alprazolam left, then none), then 10 % of the most recent dose: 18, 16.2.
    r = taper.PlanRequest("alprazolam", "1 mg", start="2026-12-01", split={"morning": "0.5 mg", "night": "0.5 mg"})
    s = db.plan(r, "diazepam-crossover")
    a = s.to_numpy()
    assert s.basis is taper.Basis.DIAZEPAM_MG
    assert s.start_equivalent_dose_mg == pytest.approx(20.0)
    assert a.phase[:3].tolist() == [Phase.SWITCH.code, Phase.SWITCH.code, Phase.REDUCE.code]
    np.testing.assert_allclose(a.daily_dose_mg[:3], [0.5, 0.0, 0.0], rtol=0, atol=1e-12)
    np.testing.assert_allclose(a.dose_mg[:4], [20.0, 20.0, 18.0, 16.2], rtol=0, atol=1e-9)
    np.testing.assert_array_equal(a.length_days[:2], [7.0, 7.0])
    assert a.daily_dose_mg[-1] == 0.0
    assert a.dose_mg[-1] == 0.0 and a.phase[-1] == Phase.STOP.code
