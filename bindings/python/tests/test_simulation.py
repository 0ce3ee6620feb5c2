"""The simulation from Python: series and populations as NumPy arrays and pandas DataFrames,
checked against closed forms and the data's sourced parameters (not against captured output)."""
from __future__ import annotations

import math
import pickle
import re

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


def _simulated_points(svg: str) -> int:
    """The vertices of the chart's simulated-occupancy path ("M x y L x y L ...")."""
    match = re.search(r'class="simulated-occupancy" d="([^"]*)"', svg)
    assert match is not None, "no simulated-occupancy line on the chart"
    return sum(1 for c in match.group(1) if c in "ML")


def test_chart_and_page_show_the_simulated_occupancy(linear_citalopram: taper.Schedule) -> None:
    course = taper.simulate(linear_citalopram)
    samples = course.to_numpy()["time_h"].size
    daily = course.to_svg()
    assert daily.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    # One point per whole day (each day's mean): the plan's days and the 14 followed after it.
    assert _simulated_points(daily) == course.metrics.length_days + 14
    # Every sample: one point per hour.
    assert _simulated_points(course.to_svg(daily=False)) == samples
    page = course.to_html()
    assert page.startswith("<!DOCTYPE html>")
    assert _simulated_points(page) == course.metrics.length_days + 14
    assert _simulated_points(course.to_html(daily=False)) == samples


def test_chart_needs_occupancy_and_the_library_simulation() -> None:
    # Mirtazapine's data have pharmacokinetics but no occupancy model: nothing to draw.
    mirtazapine = taper.plan(taper.PlanRequest("mirtazapine", "15 mg", start="2026-12-01"), "linear", amount="3.75 mg")
    course = taper.simulate(mirtazapine)
    with pytest.raises(taper.MissingDataError, match="occupancy"):
        course.to_svg()
    with pytest.raises(taper.MissingDataError, match="occupancy"):
        course.to_html(daily=False)
    # A simulation read from a pickle carries its series, not the plan the chart needs.
    citalopram = taper.plan(taper.PlanRequest("citalopram", "20 mg", start="2026-12-01"), "linear", amount="5 mg")
    restored = pickle.loads(pickle.dumps(taper.simulate(citalopram)))
    with pytest.raises(taper.DetachedError, match="draw the chart"):
        restored.to_svg()
    with pytest.raises(taper.DetachedError, match="write the page"):
        restored.to_html()
