"""JSON and CSV export, exactly as the library writes them."""
from __future__ import annotations

import csv
import io
import json

import pytest

import taper


def test_json_carries_every_field_at_full_precision(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    s = db.plan(citalopram_20, "hyperbolic", points=5)
    text = s.to_json()
    assert text.endswith("\n")
    d = json.loads(text)
    assert d == s.to_dict()
    assert d["drug"] == "citalopram"
    steps = d["steps"]
    assert len(steps) == 16
    # Full precision: the JSON numbers are the doubles of the steps.
    assert steps[0]["daily_dose_mg"] == s.steps[0].daily_dose_mg
    assert steps[0]["occupancy_percent"] == s.steps[0].occupancy_percent
    assert steps[0]["start"] == "2026-12-01"


def test_csv_has_a_header_and_a_row_per_dose_line(db: taper.Database) -> None:
    r = taper.PlanRequest("clonazepam", "1 mg", start="2026-12-01",
                          split=[("morning", "0.5 mg"), ("night", "0.5 mg")])
    s = db.plan(r, "proportional", percent=10)
    text = s.to_csv()
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == 2 * len(s.steps)
    assert {row["time"] for row in rows} == {"morning", "night"}
    first = s.steps[0]
    assert [d.time for d in first.doses] == ["morning", "night"]
    assert sum(d.mg for d in first.doses) == pytest.approx(first.daily_dose_mg)
    assert s.start_split == (taper.TimedDose("morning", 0.5), taper.TimedDose("night", 0.5))
