"""Conversions between forms and between benzodiazepines (tests/unit/forms/convert_test.cpp)."""
from __future__ import annotations

import pytest

import taper


def test_citalopram_tablet_to_drops_is_the_smpc_example(db: taper.Database) -> None:
    # 10 mg tablet x (1 / 1.25) = 8 mg labelled; 8 / 40 mg/mL = 0.2 mL; / 0.05 mL = 4 drops.
    c = db.convert_form("citalopram", "10 mg", "tablet", "drops")
    assert c.from_labelled_mg == 10.0
    assert c.to_labelled_mg == 8.0
    assert c.bioavailability_ratio == 0.8
    assert c.to_volume_ml == pytest.approx(0.2, abs=1e-12)
    assert c.to_drops == pytest.approx(4.0, abs=1e-9)
    assert c.to_tablets is None
    assert "10 mg citalopram as tablet = 8 mg as drops-40mg-ml" in c.text
    assert "0.2 mL = 4 drops" in c.text
    assert "1.25" in c.equivalence and "verified" in c.equivalence


@pytest.mark.parametrize(("tab", "mg", "drops"), [(20, 16, 8), (30, 24, 12), (40, 32, 16)])
def test_citalopram_smpc_table(db: taper.Database, tab: float, mg: float, drops: float) -> None:
    c = db.convert_form("citalopram", taper.mg(tab), "tablet", "drops-40mg-ml")
    assert c.to_labelled_mg == pytest.approx(mg, abs=1e-12)
    assert c.to_drops == pytest.approx(drops, abs=1e-9)


@pytest.mark.parametrize("tablets", ["10 mg tabs", "10mg tablets", "10 mg film-coated tablet"])
def test_strength_and_form_read_as_in_forms_on_hand(db: taper.Database, tablets: str) -> None:
    # Through the C ABI, the grammar of the forms on hand: 10 mg tablets / 1.25 = 8 mg of
    # 40 mg/mL drops = 0.2 mL.
    c = db.convert_form("citalopram", "10 mg", tablets, "drops")
    assert c.to_labelled_mg == pytest.approx(8.0, abs=1e-12)
    assert c.to_volume_ml == pytest.approx(0.2, abs=1e-12)


def test_bad_conversions_name_the_input(db: taper.Database) -> None:
    with pytest.raises(taper.InvalidArgumentError, match="-5 mg"):
        db.convert_form("citalopram", taper.mg(-5), "tablet", "drops")
    with pytest.raises(taper.InvalidArgumentError) as info:
        db.convert_form("citalopram", "10 mg", "tablet", "gel")
    assert '"gel"' in str(info.value) and "drops-40mg-ml" in str(info.value)
    with pytest.raises(taper.UnknownDrugError):
        db.convert_form("citaloprem", "10 mg", "tablet", "drops")


def test_alprazolam_to_lorazepam_via_diazepam(db: taper.Database) -> None:
    # Ashton: alprazolam 0.5 mg = 10 mg diazepam, lorazepam 1 mg = 10 mg: 1 mg -> 20 -> 2 mg.
    e = db.class_equivalent("alprazolam", "1 mg", "lorazepam")
    assert e.diazepam_equivalent_mg == 20.0
    assert e.dose_mg == 2.0
    assert "1 mg alprazolam ≈ 20 mg diazepam ≈ 2 mg lorazepam" in e.text
    v = db.class_equivalent("alprazolam", "1 mg", "lorazepam", table="va-dod-2021")
    assert v.diazepam_equivalent_mg == 10.0 and v.dose_mg == 2.0
    assert db.class_equivalent("diazepam", "15 mg", "alprazolam").dose_mg == 0.75


def test_unknown_table_is_missing_data(db: taper.Database) -> None:
    with pytest.raises(taper.MissingDataError) as info:
        db.class_equivalent("diazepam", "10 mg", "diazepam", table="nice")
    assert '"nice"' in str(info.value) and "ashton" in str(info.value)


def test_units_parse_through_the_library() -> None:
    assert taper.parse_mass("500 mcg") == pytest.approx(0.5)
    assert taper.parse_mass("1 g") == 1000.0
    assert taper.parse_volume("1 L") == 1000.0
    assert taper.parse_concentration("10 mg/5 mL") == pytest.approx(2.0)
    assert taper.parse_duration("4 weeks").days == 28
    assert taper.parse_duration("12 h").total_seconds() == 12 * 3600
    import datetime

    assert taper.parse_date("2026-12-01") == datetime.date(2026, 12, 1)
    assert taper.format_mass(12.5) == "12.5 mg"
    assert taper.format_mass(0.5) == "0.5 mg"
