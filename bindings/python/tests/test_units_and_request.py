"""Doses with units, and the PlanRequest value."""
from __future__ import annotations

import dataclasses
import datetime
import pickle

import pytest

import taper


def test_doses_in_every_spelling() -> None:
    assert taper.mg(20) == taper.Dose(20, "mg") == taper.Dose(20)
    assert taper.mcg(500).mg == pytest.approx(0.5)
    assert taper.g(1).mg == 1000.0
    assert taper.Dose.parse("500 mcg") == taper.Dose(0.5, "mg")
    assert str(taper.mg(12.5)) == "12.5 mg"
    assert taper.mg(10) * 0.5 == taper.mg(5)
    assert 0.5 * taper.mg(10) == taper.mg(5)
    assert taper.mg(10) / 4 == taper.mg(2.5)
    assert taper.mcg(1500).to("mg") == taper.mg(1.5)
    with pytest.raises(TypeError):
        taper.Dose("20", "mg")  # type: ignore[arg-type]


def test_the_same_plan_however_the_dose_is_given(db: taper.Database) -> None:
    plans = [
        db.plan(taper.PlanRequest("citalopram", dose, start=datetime.date(2026, 12, 1)), "proportional", percent=10)
        for dose in ("20 mg", "20mg", "20000 mcg", "0.02 g", taper.mg(20), taper.Dose(20000, "µg"))
    ]
    first = plans[0].to_numpy().dose_mg.tolist()
    for p in plans[1:]:
        assert p.to_numpy().dose_mg.tolist() == pytest.approx(first, rel=1e-15)


def test_request_fields_are_normalised() -> None:
    r = taper.PlanRequest("citalopram", "20 mg", start="2026-12-01", interval="2 weeks",
                          split={"morning": "10 mg", "night": taper.mg(10)}, holds=[(2, "14 d")],
                          phase_intervals={"stop": "7 d"}, max_step="2 mg")
    assert r.daily_dose == taper.mg(20)
    assert r.start == datetime.date(2026, 12, 1)
    assert r.interval == datetime.timedelta(days=14)
    assert r.split == (taper.DoseTime("morning", "10 mg"), taper.DoseTime("night", "10 mg"))
    assert r.holds == (taper.Hold(2, datetime.timedelta(days=14)),)
    assert r.phase_intervals == ((taper.Phase.STOP, datetime.timedelta(days=7)),)
    assert r.max_step == taper.mg(2)
    assert taper.PlanRequest("citalopram", "20 mg").start == datetime.date.today()


def test_requests_are_frozen_values() -> None:
    r = taper.PlanRequest("citalopram", "20 mg", start="2026-12-01")
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.drug = "sertraline"  # type: ignore[misc]
    r2 = dataclasses.replace(r, final_dose="10 mg")
    assert r2.final_dose == taper.mg(10) and r.final_dose is None
    assert r == taper.PlanRequest("citalopram", taper.mg(20), start=datetime.date(2026, 12, 1))
    assert hash(r) == hash(taper.PlanRequest("citalopram", "20 mg", start="2026-12-01"))
    taper.plan(r, "hyperbolic")  # builds and keeps the C request
    back = pickle.loads(pickle.dumps(r))
    assert back == r
    assert len(taper.plan(back, "hyperbolic")) == 16  # the README plan (docs/safety.md: 14 cuts, two halves, stop)


def test_holds_and_limits_reach_the_planner(db: taper.Database) -> None:
    # A hold after step 2 adds a step on the same dose.
    r = taper.PlanRequest("citalopram", "20 mg", start="2026-12-01", holds=[taper.Hold(2, "14 d")])
    s = db.plan(r, "proportional", percent=10)
    assert s.steps[2].phase is taper.Phase.HOLD
    assert s.steps[2].equivalent_daily_dose_mg == pytest.approx(16.2)
    assert s.steps[2].length_days == 14
    # max_steps that cannot be met is an error naming it.
    with pytest.raises(taper.PlanError, match="max steps"):
        db.plan(dataclasses.replace(r, holds=(), max_steps=3), "proportional", percent=10)


def test_strategy_values() -> None:
    st = taper.Strategy("table", table=[("15 mg", "14 d"), taper.TableRow("10 mg"), "5 mg"])
    assert st.table[0] == taper.TableRow("15 mg", datetime.timedelta(days=14))
    assert st.table[2].length is None
    r = taper.PlanRequest("citalopram", "20 mg", start="2026-12-01")
    s = taper.plan(r, st)
    assert [x.length_days for x in s.steps[:3]] == [14, 28, 28]
    with pytest.raises(TypeError, match="keywords go with a strategy name"):
        taper.plan(r, st, points=5)
    assert {i.name for i in taper.strategies()} >= {"hyperbolic", "proportional", "table", "linear"}


def test_request_fields_come_from_the_library() -> None:
    # Every field the C ABI describes, with the planner's own ranges (docs/c-api.md).
    by_key = {f.key: f for f in taper.request_fields()}
    assert len(by_key) == 19
    interval = by_key["interval"]
    assert (interval.kind, interval.unit, interval.default) == ("number", "days", 28.0)
    assert (interval.minimum, interval.maximum) == (0.5, 3653.0)
    percent = by_key["max_step_percent"]
    assert percent.optional and percent.default is None and percent.unit == "%"
    assert (percent.minimum, percent.minimum_inclusive, percent.maximum, percent.maximum_inclusive) == (
        0.0, False, 100.0, False)
    assert by_key["max_step_points"].unit == "points"
    assert by_key["daily_dose"].required and by_key["daily_dose"].unit == "mg"
    assert by_key["start_date"].kind == "date" and by_key["start_date"].required
    assert by_key["max_steps"].kind == "count" and by_key["max_steps"].minimum == 1
    assert by_key["equivalence_table"].default == "ashton"
    assert by_key["split"].kind == "list" and by_key["split"].unit == "mg"
    # The dataclass's defaults are the library's.
    r = taper.PlanRequest("citalopram", "20 mg", start="2026-12-01")
    assert r.interval == datetime.timedelta(days=28)
    assert r.equivalence_table == "ashton" and r.half_life_pacing is False and r.min_change is None


def test_request_fields_are_checked_by_the_library_when_set(db: taper.Database) -> None:
    # Out of a field's bounds: the library's PlanError naming the field, from the keyed setter.
    for bad, name in [(dict(max_step_percent=100), "max step percent"),
                      (dict(max_step_points=0), "max step points"),
                      (dict(max_steps=2**40), "max steps"),
                      (dict(interval=datetime.timedelta(hours=6)), "interval")]:
        r = taper.PlanRequest("citalopram", "20 mg", start="2026-12-01", **bad)
        with pytest.raises(taper.PlanError) as caught:
            db.validate(r)
        assert caught.value.field == name
