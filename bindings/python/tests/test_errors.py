"""Bad input: the cases of tests/unit/plan/planner_test.cpp (and the parsers), each raising
the mapped exception with the library's message."""
from __future__ import annotations

import dataclasses
import math

import pytest

import taper

nan = math.nan
inf = math.inf
TEN_PERCENT = taper.Strategy("proportional", percent=10)


def request(drug: str, dose: str | taper.Dose, **fields: object) -> taper.PlanRequest:
    return taper.PlanRequest(drug, dose, start="2026-12-01", **fields)  # type: ignore[arg-type]


def expect(exc: type[taper.TaperError], r: taper.PlanRequest, parts: list[str],
           strategy: object = TEN_PERCENT) -> taper.TaperError:
    with pytest.raises(taper.TaperError) as info:
        taper.plan(r, strategy)  # type: ignore[arg-type]
    assert type(info.value) is exc, f"{type(info.value).__name__}: {info.value}"
    for p in parts:
        assert p in str(info.value), f"{p!r} not in: {info.value}"
    return info.value


@pytest.mark.parametrize("bad", [-5.0, 0.0])
def test_daily_dose_must_be_positive(bad: float) -> None:
    expect(taper.PlanError, request("citalopram", taper.mg(bad)),
           ["plan request: daily dose", "expected more than 0 mg"])


@pytest.mark.parametrize("bad", [nan, inf, -inf])
def test_daily_dose_must_be_finite(bad: float) -> None:
    expect(taper.PlanError, request("citalopram", taper.mg(bad)),
           ["plan request: daily dose", "finite number of mg"])


@pytest.mark.parametrize("bad", [0.0, -7.0, nan, inf])
def test_interval_must_be_at_least_a_day(bad: float) -> None:
    import datetime

    # timedelta cannot hold NaN or infinity; text can't either: go through the C setter, which
    # refuses the number itself with the planner's error (issue 15: ranges at the boundary).
    if math.isfinite(bad):
        r = request("citalopram", "20 mg", interval=datetime.timedelta(days=bad))
        expect(taper.PlanError, r, ["plan request: interval", "at least one day"])
    else:
        r = request("citalopram", "20 mg")
        from taper._ffi import lib
        from taper._util import call

        with pytest.raises(taper.PlanError, match="plan request: interval: must be at least one day"):
            call(lib.taper_request_set_interval_days, r._handle(), bad)


def test_phase_interval_must_be_at_least_a_day() -> None:
    import datetime

    r = request("citalopram", "20 mg", phase_intervals={"stop": datetime.timedelta(0)})
    expect(taper.PlanError, r, ["interval for stop steps", "at least one day"])


@pytest.mark.parametrize("bad", [0.0, -5.0, 100.0, 150.0, nan])
def test_max_step_percent(bad: float) -> None:
    expect(taper.PlanError, request("citalopram", "20 mg", max_step_percent=bad),
           ["plan request: max step percent", "percentage of the most recent dose", "between 0 and 100"])


@pytest.mark.parametrize("bad", [0.0, -1.0, nan])
def test_max_step_in_mg(bad: float) -> None:
    expect(taper.PlanError, request("citalopram", "20 mg", max_step=taper.mg(bad)),
           ["plan request: max step", "more than 0 mg"])


@pytest.mark.parametrize("bad", [0.0, -1.0, 100.0, 250.0, nan])
def test_max_step_points_in_range(bad: float) -> None:
    expect(taper.PlanError, request("citalopram", "20 mg", max_step_points=bad),
           ["plan request: max step points", "occupancy points", "between 0 and 100"])


@pytest.mark.parametrize("drug", ["alprazolam", "mirtazapine", "haloperidol"])
def test_max_step_points_only_with_a_model(drug: str) -> None:
    expect(taper.PlanError, request(drug, "1 mg", max_step_points=5),
           ["plan request: max step points", "no receptor occupancy model", "in mg or %"])


def test_dose_far_beyond_any_plausible_range() -> None:
    # Citalopram: more than 3 x its licensed maximum (40 mg a day, UK SmPC) is refused
    # (docs/safety.md, "Plausibility"); alprazolam has no licensed maximum in the data, so the
    # fallback of 100 x its ED50 applies (25 mg).
    expect(taper.PlanError, request("citalopram", "20000 mg"),
           ["plan request: daily dose", "20000 mg", "3 times the licensed maximum", "(40 mg)", "mg, not mcg"])
    expect(taper.PlanError, request("alprazolam", "500 mg"), ["plan request: daily dose", "plausible", "25 mg"])
    assert len(taper.plan(request("citalopram", "120 mg"), TEN_PERCENT)) > 0  # the limit itself (3 x 40 mg)


def test_split_must_add_up_and_name_each_time_once() -> None:
    expect(taper.PlanError, request("clonazepam", "3 mg", split={"morning": "1 mg", "night": "1 mg"}),
           ["plan request: split", "add up to 2 mg", "daily dose of 3 mg"])
    expect(taper.PlanError, request("clonazepam", "3 mg", split=[("night", "1.5 mg"), ("night", "1.5 mg")]),
           ["plan request: split", '"night" appears twice'])
    expect(taper.PlanError, request("clonazepam", "3 mg", split={"morning": "3 mg", "night": "0 mg"}),
           ["plan request: split", "night dose must be more than 0 mg"])
    expect(taper.PlanError, request("clonazepam", "3 mg", split={"": "3 mg"}),
           ["plan request: split", "needs a name"])


def test_final_dose_and_maintenance() -> None:
    for bad in ("20 mg", "25 mg"):
        expect(taper.PlanError, request("citalopram", "20 mg", final_dose=bad),
               ["plan request: final dose", "not below the daily dose of 20 mg"])
    expect(taper.PlanError, request("citalopram", "20 mg", final_dose="0 mg"),
           ["plan request: final dose", "more than 0 mg"])
    expect(taper.PlanError, request("citalopram", "20 mg", final_dose="2 mg", maintenance="5 mg"),
           ["plan request: final dose", "maintenance"])
    expect(taper.PlanError, request("citalopram", "20 mg", maintenance="20 mg"),
           ["plan request: maintenance", "not below the daily dose of 20 mg"])
    expect(taper.PlanError, request("citalopram", "20 mg", maintenance=taper.mg(-1)),
           ["plan request: maintenance", "0 mg or more"])


def test_min_change_not_above_max_step() -> None:
    expect(taper.PlanError, request("citalopram", "20 mg", max_step="2 mg", min_change="3 mg"),
           ["plan request: min change", "(3 mg)", "largest allowed cut (2 mg)"])
    expect(taper.PlanError, request("citalopram", "20 mg", min_change=taper.mg(-1)),
           ["plan request: min change", "0 mg or more"])


def test_counts_and_holds() -> None:
    expect(taper.PlanError, request("citalopram", "20 mg", max_steps=0), ["plan request: max steps", "at least 1"])
    import datetime

    expect(taper.PlanError, request("citalopram", "20 mg", max_duration=datetime.timedelta(0)),
           ["plan request: max duration", "at least one day"])
    expect(taper.PlanError, request("citalopram", "20 mg", holds=[(0, "14 d")]),
           ["plan request: holds", "numbered from 1"])
    expect(taper.PlanError, request("citalopram", "20 mg", holds=[(2, datetime.timedelta(0))]),
           ["hold after step 2", "at least one day"])
    expect(taper.PlanError, request("citalopram", "20 mg", holds=[(2, "14 d"), (2, "7 d")]),
           ["plan request: holds", "step 2"])


def test_unknown_drug_suggests_the_nearest_name() -> None:
    e = expect(taper.UnknownDrugError, request("citaloprem", "20 mg"), ["citaloprem", "did you mean citalopram"])
    assert isinstance(e, LookupError)
    assert e.status == 3 and e.status_name == "TAPER_ERROR_UNKNOWN_DRUG"
    # The same as data: the input and the suggestion, without reading the message.
    assert e.detail.kind == taper.lib.TAPER_ERROR_CODE_UNKNOWN_DRUG
    assert e.detail.input == "citaloprem"
    assert e.detail.suggestions[0] == "citalopram"
    expect(taper.PlanError, request("  ", "20 mg"), ["plan request: drug", "name a drug"])
    assert taper.plan(request("Cipramil", "20 mg"), TEN_PERCENT).drug == "citalopram"  # brand names work


def test_occupancy_model_id_must_exist_and_be_usable() -> None:
    r = request("citalopram", "20 mg", occupancy_model="sert-nowhere")
    expect(taper.PlanError, r, ["plan request: occupancy model", "sert-nowhere", "sert-striatum-sorensen2022"],
           strategy="hyperbolic")
    r = dataclasses.replace(r, occupancy_model="sert-striatum-horowitz2019")
    expect(taper.MissingDataError, r, ["sert-striatum-horowitz2019", "ED50"], strategy="hyperbolic")
    r = dataclasses.replace(r, drug="escitalopram", occupancy_model="sert-caudate-sorensen2022")
    assert taper.plan(r, "hyperbolic").occupancy_model == "sert-caudate-sorensen2022"


@pytest.mark.parametrize("drug", ["alprazolam", "mirtazapine", "quetiapine"])
def test_hyperbolic_without_a_model_suggests_proportional(drug: str) -> None:
    expect(taper.PlanError, request(drug, "1 mg"), ["hyperbolic", drug, "occupancy model", "proportional"],
           strategy="hyperbolic")


def test_unknown_current_formulation() -> None:
    expect(taper.PlanError, request("paroxetine", "20 mg", current_formulation="patch"),
           ["plan request: current formulation", '"patch"'])


def test_strategy_settings_are_checked_too() -> None:
    # The same messages as the C++ planner's; made by name, the error is a StrategyError.
    expect(taper.StrategyError, request("citalopram", "20 mg"), ["linear strategy", "more than 0 mg"],
           strategy=taper.Strategy("linear", amount="0 mg"))
    expect(taper.StrategyError, request("citalopram", "20 mg"), ["proportional strategy", "between 0 and 100"],
           strategy=taper.Strategy("proportional", percent=100))


def test_unknown_strategy_lists_the_known_ones() -> None:
    with pytest.raises(taper.StrategyError) as info:
        taper.plan(request("citalopram", "20 mg"), "hyperbolik")
    assert "hyperbolik" in str(info.value)
    assert "hyperbolic" in str(info.value)


def test_validate_without_planning(db: taper.Database) -> None:
    db.validate(request("citalopram", "20 mg"))
    with pytest.raises(taper.PlanError, match="plan request: max step percent"):
        db.validate(request("citalopram", "20 mg", max_step_percent=150))


# --- text in ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["20 kg", "twenty mg", "", "-5 mg", "20 mL"])
def test_a_dose_that_does_not_parse_is_a_parse_error(text: str) -> None:
    with pytest.raises(taper.ParseError) as info:
        taper.PlanRequest("citalopram", text)
    assert isinstance(info.value, ValueError)
    assert info.value.status_name == "TAPER_ERROR_PARSE"
    if text:
        assert text in str(info.value)


def test_parsers_name_the_input() -> None:
    with pytest.raises(taper.ParseError, match="2026-02-30"):
        taper.parse_date("2026-02-30")
    with pytest.raises(taper.ParseError, match="fortnight"):
        taper.parse_duration("1 fortnight")
    with pytest.raises(taper.ParseError):
        taper.parse_concentration("20 mg")
    with pytest.raises(taper.ParseError):
        taper.parse_volume("5 mg")


def test_a_bare_number_is_not_a_dose() -> None:
    with pytest.raises(TypeError, match=r"taper\.mg\(20\)"):
        taper.PlanRequest("citalopram", 20)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="timedelta"):
        taper.PlanRequest("citalopram", "20 mg", interval=28)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not a unit of mass"):
        taper.Dose(20, "mL")


def test_embedded_nul_is_refused() -> None:
    with pytest.raises(ValueError, match="NUL"):
        taper.plan(taper.PlanRequest("citalopram\0x", "20 mg"), TEN_PERCENT)


def test_every_status_has_its_class() -> None:
    from taper.errors import error_class

    expected = {
        1: taper.InvalidArgumentError, 2: taper.ParseError, 3: taper.UnknownDrugError,
        4: taper.MissingDataError, 5: taper.FormularyError, 6: taper.PlanError,
        7: taper.StrategyError, 8: taper.BufferTooSmallError, 9: taper.IndexOutOfRangeError,
        10: taper.AbiMismatchError, 11: taper.TaperMemoryError, 12: taper.InternalError,
    }
    from taper._ffi import ffi, lib

    for status, cls in expected.items():
        assert error_class(status) is cls
        assert issubclass(cls, taper.TaperError)
        name = ffi.string(lib.taper_status_name(status)).decode()
        assert cls(name).status_name == name
    assert error_class(999) is taper.TaperError


def test_index_out_of_range_is_mapped() -> None:
    from taper._ffi import ffi, lib
    from taper._util import call

    s = taper.plan(request("citalopram", "20 mg"), TEN_PERCENT)
    with pytest.raises(taper.IndexOutOfRangeError) as info:
        call(lib.taper_schedule_warning, s._handle, ffi.new("const char**"), len(s.messages))  # one past the end
    assert isinstance(info.value, IndexError)
    assert info.value.message


def test_a_bad_request_field_is_named_in_the_detail() -> None:
    e = expect(taper.PlanError, request("citalopram", "20 mg", occupancy_model="sert-nowhere"),
               ["plan request: occupancy model"], strategy="hyperbolic")
    assert e.detail.kind == taper.lib.TAPER_ERROR_CODE_PLAN_REQUEST
    assert e.detail.option == "occupancy model"
