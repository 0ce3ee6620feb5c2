"""The people-facing outputs (docs/output-formats.md): every iCalendar file of a sweep over
all drugs and all built-in strategies read by two independent parsers (icalendar and ics),
every FHIR Bundle validated against the FHIR R4 models of fhir.resources, and the SVG, HTML
and plot() of a plan and a realization."""
from __future__ import annotations

import datetime
import json
import xml.etree.ElementTree as ET
from typing import Iterator

import fhir.resources
import icalendar
import ics
import pytest
from fhir.resources.bundle import Bundle
from fhir.resources.medicationrequest import MedicationRequest

import taper

STAMP = datetime.datetime(2026, 11, 30, 12, 0, tzinfo=datetime.timezone.utc)


def typical_dose_mg(db: taper.Database, name: str) -> float:
    """Twice the smallest unit strength in the data (a dose people take), or 10 mg."""
    strengths: list[float] = []
    for f in db.drug(name).get("formulations", []):
        values = (f.get("unit_strengths_mg") or {}).get("value") or []
        strengths += [float(v) for v in values if v]
    return 2 * min(strengths) if strengths else 10.0


def sweep(db: taper.Database) -> Iterator[tuple[str, str, taper.Schedule]]:
    """Every drug with every built-in strategy that can plan it (the table strategy gets two
    rows of its own, linear an amount: a fifth of the dose). The plans stop from 40% of the
    starting dose and the tapering strip has 2-day rolls with large cuts, so that each has a
    handful of steps: the `ics` parser reads about ten events a second on a loaded machine."""
    for name in db.names():
        dose = typical_dose_mg(db, name)
        request = taper.PlanRequest(name, f"{dose} mg", start="2026-12-01", final_dose=f"{dose * 0.4} mg",
                                    split=[("morning", f"{dose / 2} mg"), ("night", f"{dose / 2} mg")])
        for strategy in taper.Registry.builtin().names():
            choices: list[dict[str, object]] = [{}]
            if strategy == "table":
                choices = [{"table": [f"{dose * 0.75} mg", f"{dose / 2} mg"]}]
            elif strategy == "linear":
                choices = [{"amount": f"{dose / 5} mg"}]
            elif strategy == "tapering-strip":  # the hyperbolic curve needs an occupancy model
                choices = [{"roll_length": "2 d", "points": 20},
                           {"roll_length": "2 d", "curve": "proportional", "percent": 30}]
            for options in choices:
                try:
                    yield name, strategy, db.plan(request, strategy, **options)
                    break
                except taper.TaperError:
                    continue  # this strategy does not fit this drug (a crossover of an antidepressant ...)


@pytest.fixture(scope="module")
def plans(db: taper.Database) -> list[tuple[str, str, taper.Schedule]]:
    found = list(sweep(db))
    # Every drug and every strategy is in the sweep at least once.
    assert {d for d, _, _ in found} == set(db.names())
    assert {s for _, s, _ in found} == set(taper.Registry.builtin().names())
    return found


def check_calendar(text: str, steps: int, where: str) -> None:
    lines = text.split("\r\n")
    assert lines[-1] == "", where  # CRLF after the last line
    assert all(len(line.encode("utf-8")) <= 75 for line in lines), where
    parsed = icalendar.Calendar.from_ical(text)
    events = list(parsed.walk("VEVENT"))
    assert len(events) == steps, where
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == steps, where
    for e in events:
        assert isinstance(e.decoded("DTSTART"), datetime.date), where
        assert not isinstance(e.decoded("DTSTART"), datetime.datetime), where  # all-day
        assert e.decoded("DTEND") > e.decoded("DTSTART"), where
    other = ics.Calendar(text)
    assert len(other.events) == steps, where
    assert {e.uid for e in other.events} == set(uids), where


def test_fhir_resources_gives_r4() -> None:
    assert fhir.resources.__fhir_version__ == "4.0.1"


def test_every_calendar_of_the_sweep_parses_twice(plans: list[tuple[str, str, taper.Schedule]]) -> None:
    for name, strategy, s in plans:
        check_calendar(s.to_ics(stamp=STAMP), len(s.steps), f"{name} {strategy}")
    # With reminders, for a sample of the sweep (every tenth plan).
    for name, strategy, s in plans[::10]:
        text = s.to_ics(reminders=True, stamp=STAMP)
        check_calendar(text, len(s.steps), f"{name} {strategy} reminders")
        alarms = list(icalendar.Calendar.from_ical(text).walk("VALARM"))
        assert alarms, f"{name} {strategy}: no alarms"


def test_every_fhir_bundle_of_the_sweep_is_valid_r4(plans: list[tuple[str, str, taper.Schedule]]) -> None:
    for name, strategy, s in plans:
        document = json.loads(s.to_fhir())
        bundle = Bundle.parse_obj(document)
        assert bundle.type == "collection"
        for entry in document["entry"]:
            request = MedicationRequest.parse_obj(entry["resource"])
            assert request.status == "draft" and request.intent == "proposal"
            sequences = [d.sequence for d in request.dosageInstruction]
            assert sequences == sorted(sequences), f"{name} {strategy}: dosages out of order"
        # The tapered drug's dosages cover every step in order.
        first = MedicationRequest.parse_obj(document["entry"][0]["resource"])
        assert {d.sequence for d in first.dosageInstruction} <= set(range(1, len(s.steps) + 1))
        for d in first.dosageInstruction:
            for dr in d.doseAndRate or []:
                assert dr.doseQuantity.system == "http://unitsofmeasure.org" and dr.doseQuantity.code == "mg"


def test_realized_outputs_validate(db: taper.Database) -> None:
    # Drugs whose products' strengths are in the data (olanzapine's tablet strength is not).
    for name in ("citalopram", "sertraline", "diazepam", "paroxetine", "alprazolam"):
        dose = typical_dose_mg(db, name)
        s = db.plan(taper.PlanRequest(name, f"{dose} mg", start="2026-12-01"), "proportional", percent=25)
        r = taper.realize(s, db.all_forms(name))
        check_calendar(r.to_ics(stamp=STAMP), len(r.steps), f"{name} realized")
        Bundle.parse_obj(json.loads(r.to_fhir()))
        ET.fromstring(r.to_svg())
        assert r.to_html().startswith("<!DOCTYPE html>")


def test_citalopram_is_coded_in_rxnorm(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    bundle = Bundle.parse_raw(db.plan(citalopram_20, "hyperbolic", points=5).to_fhir())
    coding = bundle.entry[0].resource.medicationCodeableConcept.coding
    assert [(c.system, c.code) for c in coding] == [("http://www.nlm.nih.gov/research/umls/rxnorm", "2556")]


def test_svg_and_html(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    s = db.plan(citalopram_20, "hyperbolic", points=5)
    root = ET.fromstring(s.to_svg())
    classes = [e.get("class") for e in root.iter()]
    assert classes.count("step-mark") == len(s.steps)
    assert "dose" in classes and "occupancy" in classes
    html = s.to_html()
    assert html.count("<tr") == len(s.steps) + 1
    assert "@media print" in html


def test_ics_stamp_must_be_aware_and_after_1970(citalopram_20: taper.PlanRequest, db: taper.Database) -> None:
    s = db.plan(citalopram_20, "hyperbolic", points=5)
    assert "DTSTAMP:20261130T120000Z\r\n" in s.to_ics(stamp=STAMP)
    assert "DTSTAMP:20261130T120000Z\r\n" in s.to_ics(stamp=int(STAMP.timestamp()))
    with pytest.raises(ValueError):
        s.to_ics(stamp=datetime.datetime(2026, 11, 30))
    with pytest.raises(ValueError):
        s.to_ics(stamp=-5)


def test_plot_draws_the_steps(db: taper.Database, citalopram_20: taper.PlanRequest) -> None:
    import matplotlib

    matplotlib.use("Agg")
    s = db.plan(citalopram_20, "hyperbolic", points=5)
    ax = s.plot()
    assert ax.get_title() == "citalopram: daily dose and SERT occupancy"
    dose_line = ax.get_lines()[0]
    assert list(dose_line.get_ydata())[:len(s.steps)] == [st.daily_dose_mg for st in s.steps]
    r = taper.realize(s, db.forms_on_hand("citalopram", "10 mg tablet, 2 mg/mL liquid"))
    ax = r.plot()
    assert [line.get_label() for line in ax.get_lines()][:2] == ["planned", "dose as taken"]
