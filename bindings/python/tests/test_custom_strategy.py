"""A strategy written in Python, through the C ABI's strategy vtable (cffi callbacks)."""
from __future__ import annotations

import gc
import threading

import pytest

import taper
from taper import Phase
from taper.strategy import registered_python_strategies


def halve_to_floor(ctx: taper.StrategyContext) -> taper.Target | None:
    """The C++ custom_strategy_test's strategy: halve the dose each step down to 1 mg."""
    latest = ctx.latest_dose
    if latest.mg <= 1.0:
        return None
    return taper.Target(taper.mg(max(latest.mg * 0.5, 1.0)), note=f"half of {latest}")


def test_a_python_function_plans_like_a_builtin(db: taper.Database) -> None:
    # 20 -> 10 -> 5 -> 2.5 -> 1.25 -> 1 (the floor), then the planner's stop step to 0.
    reg = taper.Registry.builtin()
    reg.add("halve-to-floor", halve_to_floor, "halve each step down to 1 mg")
    assert "halve-to-floor" in reg
    assert "hyperbolic" in reg
    r = taper.PlanRequest("citalopram", "20 mg", start="2026-12-01")
    s = db.plan(r, "halve-to-floor", registry=reg)
    assert s.strategy == "halve-to-floor"
    assert [st.equivalent_daily_dose_mg for st in s.steps] == pytest.approx([10, 5, 2.5, 1.25, 1, 0], abs=1e-9)
    assert s.steps[-1].phase is Phase.STOP
    assert s.steps[0].notes[0] == "half of 20 mg"
    # The planner's own work still happens: dates, occupancy, changes.
    assert s.steps[1].day_offset == 28
    assert s.steps[0].change_percent == pytest.approx(50.0, abs=1e-9)
    assert s.steps[0].occupancy_percent == pytest.approx(83.98 * 10 / 12.33, abs=1e-9)
    entries = {e.name: e.description for e in reg.entries()}
    assert entries["halve-to-floor"] == "halve each step down to 1 mg"


def test_a_callable_passed_directly(citalopram_20: taper.PlanRequest) -> None:
    s = taper.plan(citalopram_20, halve_to_floor)
    assert s.strategy == "halve_to_floor"
    assert len(s) == 6


class EveryOtherHold:
    """A class-based strategy reading the context: hold after every reduction, then cut by
    the `percent` option (extra option `label` names the notes)."""

    name = "cut-and-hold"

    def next(self, ctx: taper.StrategyContext) -> taper.Target | None:
        steps = ctx.steps
        if len(steps) >= 6:
            return None
        percent = ctx.option("percent")
        assert percent is not None
        label = ctx.extra("label") or "?"
        assert ctx.option("points") is None
        assert ctx.extra("nothing") is None
        assert ctx.drug == "sertraline"
        assert ctx.start_dose == taper.mg(100)
        assert ctx.step_count == len(steps)
        if steps and steps[-1].phase is Phase.REDUCE:
            return taper.Target(ctx.latest_dose, phase="hold", length="14 d", note=f"{label}: hold")
        return taper.Target(ctx.latest_dose * (1 - percent / 100), note=f"{label}: cut")


def test_a_class_with_next_and_options_and_context() -> None:
    reg = taper.Registry.empty()
    reg.add("cut-and-hold", EveryOtherHold())
    r = taper.PlanRequest("sertraline", "100 mg", start="2026-12-01")
    s = taper.plan(r, taper.Strategy("cut-and-hold", percent=20, extra={"label": "mine"}), registry=reg)
    doses = [st.equivalent_daily_dose_mg for st in s.steps]
    # 80 (cut), 80 (hold, 14 d), 64, 64, 51.2, 51.2, then stop.
    assert doses == pytest.approx([80, 80, 64, 64, 51.2, 51.2, 0], abs=1e-9)
    assert [st.phase for st in s.steps[:6]] == [Phase.REDUCE, Phase.HOLD] * 3
    assert s.steps[1].length_days == 14.0
    assert s.steps[0].length_days == 28.0
    assert s.steps[1].notes[0] == "mine: hold"


def test_occupancy_from_the_context(citalopram_20: taper.PlanRequest) -> None:
    # Steps of 10 occupancy points computed in Python: the same doses as hyperbolic points=10.
    def ten_points(ctx: taper.StrategyContext) -> taper.Target | None:
        latest = ctx.occupancy(ctx.latest_dose)
        occ = latest - 10
        if occ < 10:
            if latest <= 10:
                return None
            occ = latest / 2  # the built-in's last two cuts are halves of what is left
        return taper.Target(ctx.dose_for_occupancy(occ))

    mine = taper.plan(citalopram_20, ten_points).to_numpy()
    builtin = taper.plan(citalopram_20, "hyperbolic", points=10).to_numpy()
    assert mine.dose_mg.tolist() == pytest.approx(builtin.dose_mg.tolist(), abs=1e-9)


def test_an_exception_becomes_a_plan_error_with_the_python_message(citalopram_20: taper.PlanRequest) -> None:
    def broken(ctx: taper.StrategyContext) -> taper.Target:
        if ctx.step_count == 2:
            raise ZeroDivisionError("the third step divides by zero")
        return taper.Target(ctx.latest_dose * 0.9)

    with pytest.raises(taper.PlanError) as info:
        taper.plan(citalopram_20, broken)
    message = str(info.value)
    assert "the third step divides by zero" in message
    assert "ZeroDivisionError" in message
    assert "broken" in message  # the library names the strategy
    assert isinstance(info.value.__cause__, ZeroDivisionError)


@pytest.mark.parametrize(
    ("result", "part"),
    [
        (12.5, "returned 12.5"),  # a bare number has no unit
        (object(), "return a taper.Target"),
        (taper.Target("5 mg", phase="stop"), "return None to stop"),
    ],
)
def test_bad_results_are_plan_errors(citalopram_20: taper.PlanRequest, result: object, part: str) -> None:
    with pytest.raises(taper.PlanError, match=part.replace("(", r"\(").replace(".", r"\.")):
        taper.plan(citalopram_20, lambda ctx: result)


def test_text_and_dose_results(citalopram_20: taper.PlanRequest) -> None:
    answers = iter(["15 mg", taper.mg(10), None])
    s = taper.plan(citalopram_20, lambda ctx: next(answers))
    assert [st.equivalent_daily_dose_mg for st in s.steps] == [15, 10, 0]


def test_the_library_still_checks_what_a_strategy_proposes(citalopram_20: taper.PlanRequest) -> None:
    # Raising the dose is refused by the planner (a plan error naming the strategy).
    with pytest.raises(taper.PlanError, match="raise"):
        taper.plan(citalopram_20, lambda ctx: taper.Target("25 mg"))


def test_a_duplicate_name_is_a_strategy_error() -> None:
    reg = taper.Registry.builtin()
    gc.collect()  # registries of earlier tests awaiting collection must not drop out mid-count
    before = registered_python_strategies()
    with pytest.raises(taper.StrategyError, match="hyperbolic"):
        reg.add("hyperbolic", halve_to_floor)
    with pytest.raises(taper.StrategyError):
        reg.add("", halve_to_floor)
    assert registered_python_strategies() == before  # nothing kept for a refused registration
    with pytest.raises(TypeError):
        reg.add("x", 42)  # type: ignore[arg-type]


def test_the_callback_stays_alive_and_is_released_with_the_registry(citalopram_20: taper.PlanRequest) -> None:
    gc.collect()
    before = registered_python_strategies()
    reg = taper.Registry.empty()
    reg.add("halve", lambda ctx: halve_to_floor(ctx))  # no other reference to the lambda
    assert registered_python_strategies() == before + 1
    gc.collect()
    assert len(taper.plan(citalopram_20, "halve", registry=reg)) == 6
    del reg
    gc.collect()
    assert registered_python_strategies() == before  # the library called destroy


def test_schedules_outlive_the_registry(citalopram_20: taper.PlanRequest) -> None:
    reg = taper.Registry.empty()
    reg.add("halve", halve_to_floor)
    s = taper.plan(citalopram_20, "halve", registry=reg)
    del reg
    gc.collect()
    assert s.to_numpy().dose_mg.tolist() == pytest.approx([10, 5, 2.5, 1.25, 1, 0])


def test_python_strategies_from_several_threads(citalopram_20: taper.PlanRequest) -> None:
    reg = taper.Registry.builtin()
    reg.add("halve", halve_to_floor)
    results: list[list[float]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(20):
                results.append(taper.plan(citalopram_20, "halve", registry=reg).to_numpy().dose_mg.tolist())
                taper.plan(citalopram_20, "hyperbolic", registry=reg)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 80
    assert all(r == pytest.approx([10, 5, 2.5, 1.25, 1, 0]) for r in results)
