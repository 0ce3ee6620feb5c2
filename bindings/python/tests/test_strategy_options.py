"""Strategy options read from the library's schemas (not restated in Python), set by name."""
from __future__ import annotations

import json

import pytest

import taper


def test_the_schema_comes_from_the_library() -> None:
    opts = {o.name: o for o in taper.strategy_options("hyperbolic")}
    assert list(opts) == ["points", "occupancy_targets", "occupancy_floor", "final_fraction"]
    points = opts["points"]
    assert (points.kind, points.unit, points.role, points.default) == ("occupancy_points", "pp", "step_size", 5.0)
    assert (points.minimum, points.minimum_inclusive, points.maximum, points.maximum_inclusive) == (0, False, 100, False)
    assert opts["final_fraction"].default is None
    curve = taper.strategy_options("tapering-strip")[0]
    assert (curve.kind, curve.default, curve.choices) == ("choice", "hyperbolic", ("hyperbolic", "proportional"))
    assert taper.strategy_options("linear")[0].required
    with pytest.raises(taper.StrategyError, match='did you mean "linear"'):
        taper.strategy_options("lineer")


def test_the_json_schema_lists_every_strategy() -> None:
    doc = json.loads(taper.Registry.builtin().schema_json())
    assert doc["format"] == "taper-strategy-schemas"
    names = [s["name"] for s in doc["strategies"]]
    assert names == sorted(names) and "diazepam-crossover" in names
    crossover = next(s for s in doc["strategies"] if s["name"] == "diazepam-crossover")
    tail = next(o for o in crossover["options"] if o["name"] == "tail_step")
    assert (tail["kind"], tail["unit"], tail["default"]) == ("mass", "mg", 0.5)


def test_values_are_converted_by_the_kind_the_schema_gives() -> None:
    r = taper.PlanRequest("alprazolam", "1.5 mg", start="2026-12-01")
    # tail_step is a mass: a dose with its unit; step_length is days: a duration.
    s = taper.plan(r, "diazepam-crossover", tail_step="1 mg", step_length="14 d")
    assert s.steps[0].length_days == 14
    with pytest.raises(taper.StrategyError) as info:
        taper.plan(r, "diazepam-crossover", range_end="middle")
    assert info.value.option == "range_end"
    assert info.value.detail.kind == taper.lib.TAPER_ERROR_CODE_STRATEGY_OPTION
    assert (info.value.detail.option, info.value.detail.input) == ("range_end", "middle")
    assert "low" in info.value.detail.expected and "high" in info.value.detail.expected
    with pytest.raises(taper.StrategyError, match='did you mean "tail_step"') as info:
        taper.plan(r, "diazepam-crossover", tail_stp="1 mg")
    assert info.value.option == "tail_stp"
    assert info.value.detail.suggestions == ("tail_step",)


def test_a_python_strategy_declares_its_options() -> None:
    def halve(ctx: taper.StrategyContext) -> taper.Target | None:
        floor = ctx.option("floor") or 1.0
        latest = ctx.latest_dose.mg
        return None if latest / 2 < floor else taper.Target(taper.mg(latest / 2))

    reg = taper.Registry.empty()
    reg.add("halve", halve)
    reg.declare_option("halve", "floor", "mass", "the lowest dose, mg")
    assert [o.name for o in reg.options("halve")] == ["floor"]
    r = taper.PlanRequest("citalopram", "20 mg", start="2026-12-01")
    s = taper.plan(r, taper.Strategy("halve", floor="4 mg"), registry=reg)
    assert [st.equivalent_daily_dose_mg for st in s.steps] == pytest.approx([10, 5, 0])
    with pytest.raises(taper.StrategyError, match='did you mean "floor"'):
        taper.plan(r, taper.Strategy("halve", flor="4 mg"), registry=reg)


def test_the_default_strategy_for_a_drug() -> None:
    db = taper.default_database()
    assert db.suggest_strategy("olanzapine")[0] == "antipsychotic"
    assert db.suggest_strategy("olanzapine", step="percent")[0] == "proportional"
    assert db.suggest_strategy("citalopram", table=True)[0] == "table"
    name, reason = db.suggest_strategy("alprazolam")
    assert name == "diazepam-crossover" and "benzodiazepines" in reason
    with pytest.raises(taper.UnknownDrugError):
        db.suggest_strategy("citaloparm")
