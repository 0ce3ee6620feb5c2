"""The simulation from Python: series and populations as NumPy arrays and pandas DataFrames,
checked against closed forms and the data's sourced parameters (not against captured output)."""
from __future__ import annotations

import math

import numpy as np
import pytest

import taper


@pytest.fixture
def linear_citalopram() -> taper.Schedule:
    """Citalopram 20 mg, 5 mg less every 28 days from 2026-12-01."""
    return taper.plan(taper.PlanRequest("citalopram", "20 mg", start="2026-12-01"), "linear", amount="5 mg")


def test_series_are_numpy_arrays_and_a_dataframe(linear_citalopram: taper.Schedule) -> None:
    course = taper.simulate(linear_citalopram, body_weight_kg=70)
    arrays = course.to_numpy()
    n = arrays["time_h"].size
    assert n == 24 * (course.metrics.length_days + 14)  # hourly, over the plan and 14 days after
    assert arrays["time_h"][1] - arrays["time_h"][0] == 1.0
    assert arrays["set_point_points"].size == 0  # no adaptation model asked for
    # Citalopram (data/pharmacokinetics.json, Celexa label): t1/2 35 h, F 0.8, V 12 L/kg.
    ke = math.log(2) / 35
    assert course.metrics.elimination_per_hour == pytest.approx(ke, rel=1e-12)
    # Two weeks after the stop only elimination is left: a day divides the amount by e^(ke*24 h).
    amount = arrays["amount_mg"]
    assert amount[-1] / amount[-25] == pytest.approx(math.exp(-ke * 24), rel=1e-6)
    # ng/mL = mg / (12 L/kg * 70 kg) * 1e6 / 1e3.
    np.testing.assert_allclose(arrays["concentration_ng_per_ml"], arrays["amount_mg"] * 1e6 / 840_000, rtol=1e-12)
    frame = course.to_dataframe()
    assert list(frame.columns) == ["time_h", "amount_mg", "concentration_ng_per_ml", "occupancy_points"]
    assert len(frame) == n
    assert math.isnan(course.metrics.peak_pressure_points)


def test_adaptation_pressure_is_set_point_minus_occupancy(linear_citalopram: taper.Schedule) -> None:
    course = taper.simulate(linear_citalopram, adaptation_time_constant_days=14, threshold_points=5)
    a = course.to_numpy()
    np.testing.assert_allclose(a["pressure_points"], a["set_point_points"] - a["occupancy_points"], atol=1e-9)
    assert course.metrics.peak_pressure_points == pytest.approx(a["pressure_points"].max(), abs=1e-9)


def test_population_is_the_same_whatever_the_threads_and_shards(linear_citalopram: taper.Schedule) -> None:
    common = dict(seed=3, ed50_log_sd=0.3, half_life_log_sd=0.3, adaptation_time_constant_days=14,
                  threshold_points=5)
    whole = taper.simulate_population(linear_citalopram, people=40, threads=1, **common)
    threaded = taper.simulate_population(linear_citalopram, people=40, threads=2, **common)
    parts = [taper.simulate_population(linear_citalopram, people=15, first_person=f, **common).to_numpy()
             for f in (0, 15)] + [taper.simulate_population(linear_citalopram, people=10, first_person=30,
                                                            **common).to_numpy()]
    w, t = whole.to_numpy(), threaded.to_numpy()
    for name in w:
        np.testing.assert_array_equal(w[name], t[name])
        np.testing.assert_array_equal(w[name], np.concatenate([p[name] for p in parts]))
    assert w["person"].tolist() == list(range(40))
    frame = whole.to_dataframe()
    assert frame.index.name == "person" and len(frame) == 40
    assert whole.share_above_threshold_percent == pytest.approx(
        100 * np.count_nonzero(w["time_above_threshold_hours"] > 0) / 40)
    assert (w["volume_factor"] == 1.0).all()  # no volume spread asked for


def test_refusals_name_what_is_missing() -> None:
    fluoxetine = taper.plan(taper.PlanRequest("fluoxetine", "20 mg", start="2026-12-01"), "linear", amount="5 mg")
    with pytest.raises(taper.MissingDataError, match="norfluoxetine"):
        taper.simulate(fluoxetine)
    citalopram = taper.plan(taper.PlanRequest("citalopram", "20 mg", start="2026-12-01"), "linear", amount="5 mg")
    with pytest.raises(taper.InvalidArgumentError):
        taper.simulate_population(citalopram, people=5, seed=1, half_life_log_sd=-1)
