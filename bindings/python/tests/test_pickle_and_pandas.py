"""Plans, realizations and errors pickle (multiprocessing, Dask) and copy; schedules and
realizations become pandas DataFrames (issue 9)."""
from __future__ import annotations

import copy
import dataclasses
import datetime
import multiprocessing
import pickle

import numpy as np
import pytest

import taper


def _crossover_free_plan() -> taper.Schedule:
    return taper.plan(taper.PlanRequest("citalopram", "20 mg", start="2026-12-01"), "hyperbolic", points=5)


def _realization(db: taper.Database) -> taper.Realization:
    request = taper.PlanRequest("citalopram", "20 mg", start="2026-12-01", current_formulation="tablet")
    plan = db.plan(request, "table", table=["15 mg", "10 mg", "7.5 mg", "3 mg"])
    return taper.realize(plan, db.forms_on_hand("citalopram", "10 mg tablet, 2 mg/mL liquid"))


def _assert_same_schedule(a: taper.Schedule, b: taper.Schedule) -> None:
    for f in dataclasses.fields(taper.Schedule):
        if not f.name.startswith("_"):
            assert getattr(a, f.name) == getattr(b, f.name), f.name
    assert a.steps == b.steps  # Step is a frozen dataclass: every field compared
    assert a.start_split == b.start_split
    assert a.to_json() == b.to_json()
    assert a.to_csv() == b.to_csv()
    x, y = a.to_numpy(), b.to_numpy()
    for name, column in x.as_dict().items():
        np.testing.assert_array_equal(column, y.as_dict()[name], err_msg=name)


def test_schedule_pickle_round_trip_keeps_every_field() -> None:
    schedule = _crossover_free_plan()
    back = pickle.loads(pickle.dumps(schedule))
    _assert_same_schedule(schedule, back)
    # and again from the copy read back (it pickles its own data)
    _assert_same_schedule(schedule, pickle.loads(pickle.dumps(back)))


def test_a_crossover_pickles_with_both_drugs() -> None:
    request = taper.PlanRequest("alprazolam", "1 mg", start="2026-12-01")
    schedule = taper.plan(request, "diazepam-crossover")
    assert schedule.basis is taper.Basis.DIAZEPAM_MG
    _assert_same_schedule(schedule, pickle.loads(pickle.dumps(schedule)))


def test_an_unpickled_schedule_says_what_it_cannot_do(db: taper.Database) -> None:
    back = pickle.loads(pickle.dumps(_crossover_free_plan()))
    with pytest.raises(taper.DetachedError, match="read from a pickle"):
        back.to_svg()
    with pytest.raises(taper.DetachedError, match="realize it"):
        taper.realize(back, db.forms_on_hand("citalopram", "10 mg tablet"))


def test_schedules_copy_as_the_immutable_values_they_are() -> None:
    schedule = _crossover_free_plan()
    assert copy.copy(schedule) is schedule
    assert copy.deepcopy(schedule) is schedule
    assert copy.deepcopy([schedule])[0] is schedule
    arrays = schedule.to_numpy()
    deep = copy.deepcopy(arrays)
    deep.daily_dose_mg[0] = -1.0  # the arrays are the caller's own: a deep copy is separate
    assert arrays.daily_dose_mg[0] != -1.0


def test_realization_pickle_round_trip_keeps_every_field(db: taper.Database) -> None:
    realized = _realization(db)
    back = pickle.loads(pickle.dumps(realized))
    for f in dataclasses.fields(taper.Realization):
        if f.name == "schedule":
            _assert_same_schedule(realized.schedule, back.schedule)
        elif not f.name.startswith("_"):
            assert getattr(realized, f.name) == getattr(back, f.name), f.name
    assert back.steps[3].recipes[0].instruction == realized.steps[3].recipes[0].instruction
    assert copy.deepcopy(realized) is realized
    with pytest.raises(taper.DetachedError, match="dispense"):
        back.dispense_by_step()


def _plan_in_worker(points: int) -> taper.Schedule:
    return taper.plan(taper.PlanRequest("citalopram", "20 mg", start="2026-12-01"), "hyperbolic", points=points)


def test_plans_cross_process_boundaries() -> None:
    # spawn: a fresh interpreter that imports taper itself, as Dask's workers do.
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        remote = pool.map(_plan_in_worker, [5])[0]
    _assert_same_schedule(_plan_in_worker(5), remote)


def test_errors_pickle_with_their_detail() -> None:
    with pytest.raises(taper.UnknownDrugError) as caught:
        taper.plan(taper.PlanRequest("citaloprem", "20 mg", start="2026-12-01"), "hyperbolic")
    error = caught.value
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is taper.UnknownDrugError
    assert str(back) == str(error)
    assert back.status == error.status == taper.Status.ERROR_UNKNOWN_DRUG
    assert back.detail == error.detail
    assert "citalopram" in back.suggestions


def test_status_codes_are_the_librarys_constants() -> None:
    assert taper.Status.OK == taper.lib.TAPER_OK
    assert taper.PlanError.code == taper.lib.TAPER_ERROR_PLAN
    assert taper.StrategyError.code == taper.Status.ERROR_STRATEGY
    assert {cls.code for cls in (taper.ParseError, taper.UnknownDrugError, taper.PlanError)} == {
        taper.lib.TAPER_ERROR_PARSE, taper.lib.TAPER_ERROR_UNKNOWN_DRUG, taper.lib.TAPER_ERROR_PLAN}


def test_errors_carry_the_structured_detail() -> None:
    with pytest.raises(taper.StrategyError) as caught:
        taper.plan(taper.PlanRequest("citalopram", "20 mg", start="2026-12-01"), "proportional", percent=150)
    error = caught.value
    assert error.error_code == taper.ErrorCode.STRATEGY_OPTION
    assert error.field == "percent" == error.option
    assert error.input != "" and error.expected != ""


# --- pandas ---------------------------------------------------------------------------

pd = pytest.importorskip("pandas")


def test_schedule_to_pandas() -> None:
    schedule = _crossover_free_plan()
    frame = schedule.to_pandas()
    assert list(frame.columns) == ["step", "phase", "start", "end", "day", "length_days", "daily_dose_mg",
                                   "equivalent_daily_dose_mg", "change_mg", "change_percent",
                                   "occupancy_percent", "change_points"]
    assert len(frame) == len(schedule) + 1
    # the starting dose first: step 0, the dose asked for (20 mg), nothing changed yet
    first = frame.iloc[0]
    assert first["step"] == 0 and first["phase"] == "start"
    assert first["daily_dose_mg"] == 20.0
    assert first["start"] == pd.Timestamp("2026-12-01")
    assert np.isnan(first["change_mg"])
    # real dates and a categorical phase
    assert str(frame["start"].dtype).startswith("datetime64")
    assert str(frame["end"].dtype).startswith("datetime64")
    assert isinstance(frame["phase"].dtype, pd.CategoricalDtype)
    assert list(frame["phase"].cat.categories) == ["start", "reduce", "switch", "hold", "stop"]
    for i, step in enumerate(schedule.steps, start=1):
        row = frame.iloc[i]
        assert row["step"] == step.number
        assert row["phase"] == step.phase.value
        assert row["start"].date() == step.start and row["end"].date() == step.end
        assert row["daily_dose_mg"] == step.daily_dose_mg
        assert row["change_mg"] == step.change_mg
        assert row["occupancy_percent"] == step.occupancy_percent
    assert frame.iloc[-1]["phase"] == "stop" and frame.iloc[-1]["daily_dose_mg"] == 0.0
    # a difference over the frame is the change: the first step's change is from 20 mg
    np.testing.assert_allclose(-frame["daily_dose_mg"].diff().iloc[1:], frame["change_mg"].iloc[1:], rtol=0,
                               atol=1e-12)


def test_unpickled_schedule_gives_the_same_frame() -> None:
    schedule = _crossover_free_plan()
    pd.testing.assert_frame_equal(schedule.to_pandas(), pickle.loads(pickle.dumps(schedule)).to_pandas())


def test_realization_to_pandas(db: taper.Database) -> None:
    realized = _realization(db)
    frame = realized.to_pandas()
    assert list(frame.columns) == ["step", "phase", "start", "end", "length_days", "planned_daily_dose_mg",
                                   "realized_daily_dose_mg", "difference_mg", "inserted", "form_changed",
                                   "instructions"]
    assert len(frame) == len(realized.steps) + 1
    assert frame.iloc[0]["planned_daily_dose_mg"] == 20.0 and frame.iloc[0]["phase"] == "start"
    # the table asked for 15, 10, 7.5 and 3 mg, then the stop: whole and halved 10 mg
    # tablets make the first three exactly; the liquid makes 3 mg (1.5 mL of 2 mg/mL)
    assert list(frame["planned_daily_dose_mg"].iloc[1:]) == [15.0, 10.0, 7.5, 3.0, 0.0]
    assert list(frame["realized_daily_dose_mg"].iloc[1:]) == [15.0, 10.0, 7.5, 3.0, 0.0]
    assert list(frame["form_changed"]) == [False, False, False, False, True, False]
    assert frame.iloc[4]["instructions"] == "1.5 mL of 2 mg/mL liquid = 3 mg"
    assert frame.iloc[1]["start"] == pd.Timestamp(datetime.date(2026, 12, 1))


def test_simulations_and_populations_pickle_with_every_series() -> None:
    schedule = taper.plan(taper.PlanRequest("citalopram", "20 mg", start="2026-12-01"), "linear", amount="5 mg")
    course = taper.simulate(schedule, adaptation_time_constant_days=14, threshold_points=5)
    back = pickle.loads(pickle.dumps(course))
    assert back.metrics == course.metrics
    ours, theirs = course.to_numpy(), back.to_numpy()
    assert ours.keys() == theirs.keys()
    for name in ours:
        np.testing.assert_array_equal(ours[name], theirs[name], err_msg=name)
    assert copy.deepcopy(course) is course

    people = taper.simulate_population(schedule, people=20, seed=1, half_life_log_sd=0.3,
                                       adaptation_time_constant_days=14, threshold_points=5)
    again = pickle.loads(pickle.dumps(people))
    for name in ("people", "first_person", "time_steps", "has_adaptation", "share_above_threshold_percent"):
        assert getattr(again, name) == getattr(people, name), name
    ours, theirs = people.to_numpy(), again.to_numpy()
    assert ours.keys() == theirs.keys()
    for name in ours:
        np.testing.assert_array_equal(ours[name], theirs[name], err_msg=name)
    with pytest.raises(taper.DetachedError, match="simulate it"):
        taper.simulate(pickle.loads(pickle.dumps(schedule)))
