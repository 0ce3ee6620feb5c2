"""The hyperbolic strategy: the plans of tests/unit/strategies/hyperbolic_test.cpp.

Citalopram's default model (Sorensen 2022, striatum): Emax 83.98 %, ED50 2.33 mg, so
occ(20 mg) = 83.98 * 20 / 22.33 = 75.2172 % and the dose for an occupancy is
D = 2.33 * occ / (83.98 - occ). The C++ test lists the doses to 4-5 digits; here they are
checked at the same tolerance, and every step also against the closed form to 1e-9.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

import taper
from taper import Phase

EMAX = 83.98
ED50 = 2.33
OCC_20 = EMAX * 20 / (ED50 + 20)


def dose_for(occ: float) -> float:
    return ED50 * occ / (EMAX - occ)


def test_citalopram_five_point_steps(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    s = db.plan(citalopram_20, "hyperbolic", points=5)
    # 14 five-point cuts leave 5.2172 %, more than one step: two halves of 2.6086 points
    # (the stop is no larger than a step, docs/safety.md), so 16 steps.
    assert len(s.steps) == 16
    doses = [st.equivalent_daily_dose_mg for st in s.steps]
    assert doses[0] == pytest.approx(11.8876, abs=1e-4)
    assert doses[1] == pytest.approx(8.0988, abs=1e-4)
    assert doses[2] == pytest.approx(5.9044, abs=1e-4)
    assert doses[3] == pytest.approx(4.4730, abs=1e-4)
    assert doses[9] == pytest.approx(0.99989, abs=1e-5)
    assert doses[13] == pytest.approx(0.15434, abs=1e-5)
    for i, st in enumerate(s.steps[:14]):
        assert st.phase is Phase.REDUCE, f"step {i + 1}"
        assert st.change_points is not None
        assert st.change_points == pytest.approx(5.0, abs=0.1)
        assert st.occupancy_percent == pytest.approx(75.2172 - 5.0 * (i + 1), abs=1e-3)
        # The closed form, to 1e-9.
        target = OCC_20 - 5.0 * (i + 1)
        assert st.occupancy_percent == pytest.approx(target, abs=1e-9)
        assert st.equivalent_daily_dose_mg == pytest.approx(dose_for(target), abs=1e-9)
    half = (OCC_20 - 5.0 * 14) / 2  # 2.6086 points
    assert s.steps[14].phase is Phase.REDUCE
    assert s.steps[14].occupancy_percent == pytest.approx(half, abs=1e-9)
    assert s.steps[14].equivalent_daily_dose_mg == pytest.approx(dose_for(half), abs=1e-9)
    assert s.steps[15].phase is Phase.STOP
    assert s.steps[15].equivalent_daily_dose_mg == 0.0
    assert s.occupancy_model == "sert-striatum-sorensen2022"
    assert s.start_occupancy_percent == pytest.approx(OCC_20, abs=1e-9)


def test_citalopram_ten_point_steps(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    s = db.plan(citalopram_20, taper.Strategy("hyperbolic", points=10))
    # Six 10-point cuts, then the 15.2172 points left in two halves (docs/safety.md): 8 steps.
    assert len(s.steps) == 8
    expected = [8.0988, 4.4730, 2.7180, 1.6828, 0.99989, 0.51563]
    for i, want in enumerate(expected):
        st = s.steps[i]
        assert st.equivalent_daily_dose_mg == pytest.approx(want, abs=1e-4), f"step {i + 1}"
        assert st.change_points == pytest.approx(10.0, abs=0.1)
        assert st.equivalent_daily_dose_mg == pytest.approx(dose_for(OCC_20 - 10.0 * (i + 1)), abs=1e-9)
    # 7.6086 %: 2.33 * 7.6086 / 76.3714 = 0.23213 mg
    assert s.steps[6].equivalent_daily_dose_mg == pytest.approx(0.23213, abs=1e-5)
    assert s.steps[6].change_points == pytest.approx((OCC_20 - 60) / 2, abs=1e-9)
    assert s.steps[7].phase is Phase.STOP


def test_explicit_occupancy_targets(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    # 60 %: 2.33 * 60 / 23.98 = 5.8299 mg; 40 %: 93.2 / 43.98 = 2.1191; 20 %: 46.6 / 63.98 = 0.72835.
    s = db.plan(citalopram_20, "hyperbolic", occupancy_targets=[60, 40, 20])
    assert len(s.steps) == 4
    assert s.steps[0].equivalent_daily_dose_mg == pytest.approx(5.8299, abs=1e-4)
    assert s.steps[1].equivalent_daily_dose_mg == pytest.approx(2.1191, abs=1e-4)
    assert s.steps[2].equivalent_daily_dose_mg == pytest.approx(0.72835, abs=1e-5)
    for st, occ in zip(s.steps, (60, 40, 20)):
        assert st.equivalent_daily_dose_mg == pytest.approx(dose_for(occ), abs=1e-9)
    assert s.steps[3].phase is Phase.STOP


def test_final_fraction_stops_earlier(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    # Stop once at or below 2 mg: ... 2.7180, 2.1412, 1.6828 (<= 2): 8 reductions, then stop.
    s = db.plan(citalopram_20, "hyperbolic", final_fraction=0.1)
    assert len(s.steps) == 9
    assert s.steps[7].equivalent_daily_dose_mg == pytest.approx(1.6828, abs=1e-4)
    assert s.steps[8].phase is Phase.STOP


def test_dates_follow_the_interval(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    import datetime

    s = db.plan(citalopram_20, "hyperbolic", points=5)
    assert s.start == datetime.date(2026, 12, 1)
    assert s.steps[1].start == datetime.date(2026, 12, 29)
    assert s.end == datetime.date(2028, 2, 22)  # the README's plan: to 2028-02-21 inclusive
    assert s.total_days == 448
    assert [st.day_offset for st in s.steps] == [28 * i for i in range(16)]


def test_needs_an_occupancy_model(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    import dataclasses

    r = dataclasses.replace(citalopram_20, drug="mirtazapine", daily_dose="30 mg")
    with pytest.raises(taper.PlanError, match="proportional"):
        db.plan(r, "hyperbolic")


# Made by name, a strategy checks its own options when it is made (StrategyError, the
# library's message); what needs the drug's model is checked when planning (PlanError).
@pytest.mark.parametrize(
    ("options", "error", "part"),
    [
        ({"points": 0}, taper.StrategyError, "between 0 and 100"),
        ({"points": 100}, taper.StrategyError, "between 0 and 100"),
        ({"occupancy_targets": [40, 60]}, taper.StrategyError, "strictly decrease"),
        ({"occupancy_targets": [90]}, taper.PlanError, "Emax (83.98%)"),  # above Emax
    ],
)
def test_rejects_bad_settings(db: taper.Database, citalopram_20: taper.PlanRequest, options: dict,
                              error: type, part: str) -> None:
    with pytest.raises(taper.TaperError) as info:
        db.plan(citalopram_20, "hyperbolic", **options)
    assert type(info.value) is error
    assert "hyperbolic strategy" in str(info.value)
    assert part in str(info.value)


def test_from_options_rejects_ambiguous_or_foreign_options(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    # points and targets together: ambiguous; an amount does not apply to hyperbolic.
    with pytest.raises(taper.StrategyError):
        db.plan(citalopram_20, "hyperbolic", points=10, occupancy_targets=[50])
    with pytest.raises(taper.StrategyError, match='"amount" does not apply'):
        db.plan(citalopram_20, "hyperbolic", amount="1 mg")


def test_numpy_columns_match_the_steps(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    s = db.plan(citalopram_20, "hyperbolic", points=5)
    a = s.to_numpy()
    assert len(a) == 16
    np.testing.assert_array_equal(a.equivalent_daily_dose_mg, [st.equivalent_daily_dose_mg for st in s.steps])
    np.testing.assert_array_equal(a.occupancy_percent,
                                  [math.nan if st.occupancy_percent is None else st.occupancy_percent for st in s.steps])
    expected = np.array([dose_for(OCC_20 - 5.0 * (i + 1)) for i in range(14)] + [dose_for((OCC_20 - 70.0) / 2), 0.0])
    np.testing.assert_allclose(a.dose_mg, expected, rtol=0, atol=1e-9)


def test_notes_are_coded_messages(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    """Each reduce step's note is hyperbolic's target_occupancy (code 101, docs/messages.md);
    the codes come from the C ABI, not from a list restated in Python."""
    assert taper.MessageCode.TARGET_OCCUPANCY == 101
    assert taper.MessageCode.ABRUPT_STOP_SEIZURE_RISK == 214
    assert len(taper.MessageCode) >= 34
    s = db.plan(citalopram_20, "hyperbolic", points=5)
    first = s.steps[0].messages[0]
    assert first.code is taper.MessageCode.TARGET_OCCUPANCY
    assert first.severity is taper.Severity.NOTE
    assert first.id == "target_occupancy"
    assert first.text == s.steps[0].notes[0]
    # Plan-wide: the evidence status of the occupancy model used (326), citalopram's one
    # caution in the data (327: the drops deliver about 25% more than tablets) and the pointer
    # to who can help that every plan ends with (800); nothing else.
    assert [m.code for m in s.messages] == [taper.MessageCode.OCCUPANCY_MODEL_EVIDENCE,
                                            taper.MessageCode.DRUG_CAUTION,
                                            taper.MessageCode.WHO_CAN_HELP]
    assert "25% more drug" in s.messages[1].text


def test_a_plan_warning_is_a_coded_message(db: taper.Database) -> None:
    # Quetiapine's modified-release tablet has no strengths in the data (a US medication
    # guide without them): whole tablets cannot be checked.
    r = taper.PlanRequest("quetiapine", "300 mg", current_formulation="tablet-mr")
    s = db.plan(r, "antipsychotic")
    codes = [m.code for m in s.messages]
    assert taper.MessageCode.WHOLE_UNITS_STRENGTHS_UNKNOWN in codes
    whole = [m for m in s.messages if m.code == taper.MessageCode.WHOLE_UNITS_STRENGTHS_UNKNOWN]
    assert all(m.severity is taper.Severity.WARNING for m in whole)
    assert [m.text for m in s.messages] == list(s.warnings)
