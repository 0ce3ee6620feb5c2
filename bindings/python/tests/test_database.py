"""The database: look-ups, overlays (file and JSON), occupancy."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import taper


def test_embedded_lookup_and_names(db: taper.Database) -> None:
    assert db.lookup("Cipramil") == "citalopram"  # brand names
    assert db.lookup("  CITALOPRAM ") == "citalopram"
    assert "citalopram" in db.names()
    assert len(db) == len(db.names()) > 20
    assert "Cipramil" in db
    assert "nothing-like-it" not in db
    with pytest.raises(taper.UnknownDrugError, match="did you mean citalopram"):
        db.lookup("citaloprem")


def test_drug_json_has_provenance(db: taper.Database) -> None:
    d = db.drug("citalopram")
    assert isinstance(d, dict)
    assert "citalopram" in json.dumps(d)
    with pytest.raises(taper.UnknownDrugError):
        db.drug("nope")


def test_occupancy_and_its_inverse(db: taper.Database) -> None:
    # Citalopram: Emax 83.98 %, ED50 2.33 mg.
    assert db.occupancy("citalopram", "20 mg") == pytest.approx(83.98 * 20 / 22.33, abs=1e-9)
    assert db.dose_for_occupancy("citalopram", 60).mg == pytest.approx(2.33 * 60 / 23.98, abs=1e-9)
    with pytest.raises(taper.MissingDataError):
        db.occupancy("mirtazapine", "30 mg")
    with pytest.raises(taper.InvalidArgumentError):
        db.dose_for_occupancy("citalopram", 90)  # above Emax


def test_overlay_file_onto_an_empty_database(formularies: Path) -> None:
    # base.json: testamine (SERT model Emax 80 %, ED50 4 mg) and one other drug.
    db = taper.Database.empty()
    assert len(db) == 0
    db.overlay_file(formularies / "base.json")
    assert len(db) == 2
    assert "testamine" in db.names()
    assert db.occupancy("testamine", "4 mg") == pytest.approx(40.0, abs=1e-9)  # 80 * 4 / 8
    db.overlay_file(formularies / "good_overlay.json")
    assert db.lookup("Testolux") == "testamine"  # a brand the overlay added
    assert db.occupancy("newdrugine", "1 mg") == pytest.approx(45.0, abs=1e-9)  # 90 * 1 / 2
    # Plans use the overlaid data.
    r = taper.PlanRequest("testamine", "8 mg", start="2026-12-01")
    s = db.plan(r, "hyperbolic", points=10)
    # occ(8) = 80 * 8 / 12 = 53.33; first target 43.33: D = 4 * 43.33 / 36.67
    occ = 80 * 8 / 12 - 10
    assert s.steps[0].equivalent_daily_dose_mg == pytest.approx(4 * occ / (80 - occ), abs=1e-9)


@pytest.mark.parametrize(
    ("file", "parts"),
    [
        ("bad_not_json.json", ["not valid JSON"]),
        ("bad_misspelt_field.json", ["testamine", "strenght", "unknown field"]),
        ("bad_negative_strength.json", ["testamine", "strength[1]", "greater than 0"]),
        ("bad_emax_out_of_range.json", ["testamine", "emax", "between 0 and 200"]),
    ],
)
def test_a_bad_formulary_is_a_formulary_error_and_changes_nothing(formularies: Path, file: str,
                                                                  parts: list[str]) -> None:
    db = taper.Database.empty()
    db.overlay_file(formularies / "base.json")
    with pytest.raises(taper.FormularyError) as info:
        db.overlay_file(formularies / file)
    for p in [file, *parts]:
        assert p in str(info.value)
    assert len(db) == 2
    assert db.occupancy("testamine", "4 mg") == pytest.approx(40.0)


def test_overlay_json_names_its_origin() -> None:
    db = taper.Database.embedded()
    n = len(db)
    with pytest.raises(taper.FormularyError, match="inline test"):
        db.overlay_json('{"drugs": [{"name": "citalopram", "class": "opioid"}]}', "inline test")
    assert len(db) == n
    with pytest.raises(taper.FormularyError, match="<string>"):
        db.overlay_json("[")
    db.overlay_json(json.dumps({
        "format": "taper-formulary", "version": 1,
        "drugs": [{"name": "newdrugine", "class": "other",
                   "targets": [{"id": "x", "receptor": "X", "emax": 90, "ed50_mg": 1, "hill": 1}]}],
    }), "mine")
    assert len(db) == n + 1
    assert db.occupancy("newdrugine", "1 mg") == pytest.approx(45.0)


def test_a_missing_file_is_a_formulary_error(tmp_path: Path) -> None:
    db = taper.Database.empty()
    with pytest.raises(taper.FormularyError, match="does_not_exist"):
        db.overlay_file(tmp_path / "does_not_exist.json")


def test_copies_are_independent() -> None:
    a = taper.Database.embedded()
    b = a.copy()
    b.overlay_json('{"format": "taper-formulary", "version": 1, "drugs": [{"name": "newdrugine", "class": "other"}]}')
    assert "newdrugine" in b
    assert "newdrugine" not in a


def test_support_for_a_drug_comes_with_its_source(db: taper.Database) -> None:
    # Mind's July 2016 leaflet names the Seroxat & SSRI User Group for paroxetine, and
    # Battle Against Tranquillisers (0117 9663629) for tranquillisers and sleeping pills.
    paroxetine = db.support("Seroxat")
    assert paroxetine[0]["id"] == "seroxat-ssri-user-group"
    assert paroxetine[0]["published"] == "2016-07"
    bat = [o for o in db.support("diazepam", "uk") if o["id"] == "battle-against-tranquillisers"]
    assert bat and bat[0]["phone"] == "0117 9663629"
    assert all(o["country"] == "hk" for o in db.support(country="hk"))
    with pytest.raises(taper.UnknownDrugError):
        db.support("nope")
    with pytest.raises(taper.InvalidArgumentError):
        db.support("diazepam", "fr")
