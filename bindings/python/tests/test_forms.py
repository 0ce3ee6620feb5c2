"""Forms on hand, realization and dispensing (cases of tests/unit/forms/realize_test.cpp)."""
from __future__ import annotations

import datetime

import pytest

import taper
from taper import ComponentKind, FormKind


def test_forms_on_hand_are_parsed_against_the_data(db: taper.Database) -> None:
    forms = db.forms_on_hand("citalopram", "10 mg tablet, 2 mg/mL liquid, 40 mg/mL drops")
    assert [f.kind for f in forms] == [FormKind.TABLET, FormKind.LIQUID, FormKind.DROPS]
    tablet, liquid, drops = forms
    assert tablet.unit_strength_mg == 10.0 and tablet.liquid_strength_mg_per_ml is None
    assert tablet.may_split
    assert liquid.liquid_strength_mg_per_ml == 2.0
    assert drops.drop_volume_ml == pytest.approx(0.05)
    assert drops.bioavailability == pytest.approx(1.25)
    assert drops.bioavailability_known
    assert len(db.all_forms("citalopram")) >= 3
    joined = forms + db.forms_on_hand("diazepam", "2 mg tablet")
    assert len(joined) == 4 and joined[3].drug == "diazepam"


def test_bad_forms_name_the_item(db: taper.Database) -> None:
    with pytest.raises(taper.PlanError, match="15 mg tablet"):
        db.forms_on_hand("citalopram", "15 mg tablet")
    with pytest.raises(taper.ParseError):
        db.forms_on_hand("citalopram", "ten mg tablet")
    with pytest.raises(taper.UnknownDrugError):
        db.forms_on_hand("citaloprem", "10 mg tablet")


def test_citalopram_drops_through_the_tablet_equivalent(db: taper.Database) -> None:
    # 40 mg/mL drops, 1 drop = 0.05 mL = 2 mg, bioavailability 1.25: 10 mg as tablets = 8 mg = 4 drops.
    drops = db.forms_on_hand("citalopram", "40 mg/mL drops")
    r = taper.realize_dose(drops, "10 mg")
    assert r.realized_mg == 10.0
    assert r.within_tolerance
    assert r.instruction == "4 drops of 40 mg/mL drops = 8 mg on the label ≡ 10 mg as tablets"
    off = taper.realize_dose(drops, taper.mg(7))  # 3 drops = 7.5 mg as tablets, +7.1 %
    assert off.realized_mg == 7.5
    assert not off.within_tolerance


def test_halves_and_quarters(db: taper.Database) -> None:
    tabs = db.forms_on_hand("citalopram", "10 mg tablet")
    assert taper.realize_dose(tabs, "15 mg").instruction == "1½ × 10 mg tablet = 15 mg"
    assert taper.realize_dose(tabs, "2.5 mg").instruction == "¼ × 10 mg tablet = 2.5 mg"
    no_quarters = taper.RealizationOptions(allow_quarters=False)
    b = taper.realize_dose(tabs, "7.5 mg", no_quarters)
    assert b.realized_mg == 10.0 and not b.within_tolerance


def test_defaults_match_the_library() -> None:
    assert taper.RealizationOptions.library_defaults() == taper.RealizationOptions()


def test_switch_from_tablets_to_liquid(db: taper.Database) -> None:
    # 20 -> 15 -> 10 -> 7.5 -> 3 -> 0 with 10 mg tablets and 2 mg/mL liquid, starting on
    # tablets: 3 mg is 2.5 mg in tablets (-16.7 %), so the liquid takes over (1.5 mL).
    req = taper.PlanRequest("citalopram", "20 mg", start="2026-12-01", current_formulation="tablet")
    plan = db.plan(req, "table", table=["15 mg", "10 mg", "7.5 mg", "3 mg"])
    assert [s.equivalent_daily_dose_mg for s in plan.steps] == [15, 10, 7.5, 3, 0]
    forms = db.forms_on_hand("citalopram", "10 mg tablet, 2 mg/mL liquid")
    r = taper.realize(plan, forms)
    assert len(r.steps) == 5
    assert [s.recipes[0].instruction for s in r.steps] == [
        "1½ × 10 mg tablet = 15 mg",
        "1 × 10 mg tablet = 10 mg",
        "¾ × 10 mg tablet = 7.5 mg",
        "1.5 mL of 2 mg/mL liquid = 3 mg",
        "none (0 mg)",
    ]
    assert [s.form_changed for s in r.steps] == [False, False, False, True, False]
    switch = [m for m in r.steps[3].messages if m.code == taper.MessageCode.SWITCH_POINT]
    assert len(switch) == 1 and switch[0].severity is taper.Severity.NOTE
    assert "before: 10 mg tablet" in switch[0].text  # wording a person reads
    assert any(m.code == taper.MessageCode.FORM_EQUIVALENCE_ASSUMED for m in r.messages)
    part = r.steps[3].recipes[0].parts[0]
    assert part.kind is ComponentKind.LIQUID and part.volume_ml == pytest.approx(1.5)
    assert all(s.difference_mg == 0 and not s.inserted for s in r.steps)
    assert len(r.equivalences) == 1 and "liquid-2mg-ml" in r.equivalences[0]
    assert r.schedule.step_count == 5
    assert r.steps[0].step.start == datetime.date(2026, 12, 1)

    # Without keeping the forms in use, one measurement of liquid wins at the first step.
    free = taper.realize(plan, forms, taper.RealizationOptions(keep_forms_in_use=False))
    assert free.steps[0].recipes[0].instruction == "7.5 mL of 2 mg/mL liquid = 15 mg"

    # Dispensing, by hand: 1.5 x 28 = 42 tablets, 1 x 28 = 28, 0.75 x 28 = 21, then
    # 1.5 mL x 28 = 42 mL of liquid (one 100 mL bottle); the stop step needs nothing.
    by_step = r.dispense_by_step()
    assert [(p.lines[0].label, p.lines[0].units, p.lines[0].total_volume_ml) for p in by_step] == [
        ("10 mg tablet", 42, 0), ("10 mg tablet", 28, 0), ("10 mg tablet", 21, 0), ("2 mg/mL liquid", 0, 42)]
    assert by_step[1].start == datetime.date(2026, 12, 29)
    assert by_step[1].end == datetime.date(2027, 1, 26)
    bottled = taper.realize(plan, forms, taper.RealizationOptions(bottle_volume_ml=100))
    by_period = bottled.dispense_by_period("28 d")
    assert by_period[0].start == datetime.date(2026, 12, 1)
    assert by_period[3].lines[0].total_volume_ml == pytest.approx(42)
    assert by_period[3].lines[0].bottles == 1
    assert by_step[3].lines[0].bottles == 0  # no bottle size given


def test_realize_refuses_unusable_tools(db: taper.Database) -> None:
    tabs = db.forms_on_hand("citalopram", "2 mg/mL liquid")
    with pytest.raises(taper.PlanError):
        taper.realize_dose(tabs, "3 mg", taper.RealizationOptions(syringe_resolution_ml=0))
    with pytest.raises(taper.PlanError):
        taper.realize_dose(taper.Forms.empty(), "3 mg")


def test_dilution_volumes_reach_the_library(db: taper.Database) -> None:
    # Fluoxetine's 20 mg dispersible tablet, 0.8 mg, and 25 mL of water as the only volume
    # allowed: 20 mg / 25 mL = 0.8 mg/mL, so 1 mL (none of the default 10, 20, 50 or 100 mL
    # would say 25 mL).
    forms = db.forms_on_hand("fluoxetine", "20 mg tablet")
    r = taper.realize_dose(forms, "0.8 mg", taper.RealizationOptions(dilution_volumes_ml=(25.0,)))
    assert "disperse 1 × 20 mg tablet in 25 mL of water (0.8 mg/mL)" in r.instruction
    assert "take 1 mL" in r.instruction
    assert r.realized_mg == pytest.approx(0.8, abs=1e-9)
    assert r.within_tolerance
    # Citalopram tablets are not marked dispersible: whatever the volumes, never dispersed.
    c = taper.realize_dose(db.forms_on_hand("citalopram", "10 mg tablet"), "0.7 mg",
                           taper.RealizationOptions(dilution_volumes_ml=(10.0, 25.0)))
    assert "disperse" not in c.instruction
    assert c.realized_mg == 0.0 and not c.within_tolerance  # ¼ tablet (2.5 mg) is further off than 0
