#!/usr/bin/env python3
"""Tests of `taper journal|assess|replan|several` as a user runs them: one ctest per case
(tests/cli/CMakeLists.txt), with the runner and contracts of cli_test.py (cli_harness.py).

    python3 journal_cli_test.py --list
    python3 journal_cli_test.py --taper build/src/cli/taper --schema docs/schedule.schema.json CASE

The scenario is the one of docs/assessment.md: sertraline 50 mg, 12.5 mg every 4 weeks from
2026-12-01 (37.5 mg, then 25 mg from 2026-12-29); dizziness and electric shocks two days after
that cut, worst on day 3, eased a day after going back to 37.5 mg.
"""
import datetime
import json
import os
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_harness import Cases, check, main  # noqa: E402

CASES = Cases()
case = CASES.case
bad = CASES.bad

PLAN = ["sertraline", "50mg", "--strategy", "linear", "--step", "12.5mg", "--every", "4w", "--start", "2026-12-01"]

JOURNAL = {
    "drug": "sertraline",
    "baseline": ["low_mood", "anxiety"],
    "entries": [
        {"date": "2026-12-28", "doses": [{"mg": 37.5}]},
        {"date": "2026-12-29", "doses": [{"mg": 25}]},
        {"date": "2026-12-30", "doses": [{"mg": 25}]},
        {"date": "2026-12-31", "doses": [{"mg": 25}], "symptoms": {"dizziness": 2, "electric_shocks": 2}},
        {"date": "2027-01-01", "doses": [{"mg": 25}],
         "symptoms": {"dizziness": 3, "electric_shocks": 3, "anxiety": 1}},
        {"date": "2027-01-02", "doses": [{"mg": 37.5}], "symptoms": {"dizziness": 3, "electric_shocks": 2}},
        {"date": "2027-01-03", "doses": [{"mg": 37.5}], "symptoms": {"dizziness": 1, "electric_shocks": 1}},
    ],
}


def journal_file(content=None):
    f = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    json.dump(JOURNAL if content is None else content, f)
    f.close()
    return f.name


@case
def journal_add_then_show(r):
    path = os.path.join(tempfile.mkdtemp(), "j.json")
    out = r.ok("journal", "add", path, "--date", "2027-01-03", "--drug", "sertraline", "--baseline", "low_mood",
               "--dose", "25mg morning", "--dose", "12.5mg night missed", "--symptom", "dizziness=2",
               "--functioning", "1", "--event", "stress", "--note", "foggy")
    j = json.loads(out)
    check(j["baseline"] == ["low_mood"], out)
    e = j["entries"][0]
    check(e["date"] == "2027-01-03" and e["symptoms"] == {"dizziness": 2}, out)
    check(e["doses"][1] == {"time": "night", "mg": 12.5, "status": "missed"}, out)
    with open(path, "w") as f:
        f.write(out)
    shown = r.ok("journal", "show", path)
    # 25 mg taken (the 12.5 mg night dose was missed).
    check("2027-01-03  25 mg (night missed)  dizziness=2  functioning=1  [stress]" in shown, shown)


@case
def journal_export_then_import_round_trips(r):
    path = journal_file()
    csv_text = r.ok("journal", "export", path)
    check(csv_text.startswith("date,kind,key,value,status\n"), csv_text)
    check("2026-12-31,symptom,electric_shocks,2," in csv_text, csv_text)
    csv_path = path[:-5] + ".csv"
    with open(csv_path, "w") as f:
        f.write(csv_text)
    back = json.loads(r.ok("journal", "import", csv_path))
    check(len(back["entries"]) == 7, back)
    check(back["entries"][3]["symptoms"] == {"dizziness": 2, "electric_shocks": 2}, back)
    check(back["entries"][0]["doses"] == [{"time": "daily", "mg": 37.5, "status": "taken"}], back)
    check(back["baseline"] == ["low_mood", "anxiety"], back)


@case
def assess_withdrawal_pattern(r):
    out = r.ok("assess", *PLAN, "--journal", journal_file())
    check("after the change on 2026-12-29 (37.5 mg -> 25 mg): consistent_with_withdrawal" in out, out)
    check("began 2 days after the cut" in out, out)
    check("holding at 37.5 mg" in out, out)
    check("not a diagnosis" in out, out)


@case
def assess_json_names_each_source(r):
    a = json.loads(r.ok("assess", *PLAN, "--journal", journal_file(), "--format", "json"))
    check(a["latest"] == "consistent_with_withdrawal" and not a["seek_help_now"], a)
    reasons = a["periods"][-1]["reasons"]
    onset = [m for m in reasons if m["id"] == "onset_soon_after_cut"][0]
    check(onset["params"]["days"] == 2 and onset["source"]["id"] == "horowitz_taylor_2022", onset)


@case
def assess_suicidal_thoughts_first(r):
    j = json.loads(json.dumps(JOURNAL))
    j["entries"][2]["symptoms"] = {"suicidal_thoughts": 1}
    out = r.ok("assess", *PLAN, "--journal", journal_file(j))
    check(out.startswith("SEEK HELP NOW"), out)
    check("emergency" in out, out)
    # The contacts for the person's country and the drug's class (data/support.json).
    check("who can help" in out and "Mind Infoline" in out, out)
    j["country"] = "GB"
    a = json.loads(r.ok("assess", *PLAN, "--journal", journal_file(j), "--format", "json"))
    check(a["seek_help_now"] and a["contacts"], a)
    check(all(c["country"] in ("uk", "online") for c in a["contacts"]), a["contacts"])
    check(any(c["id"] == "mind-infoline" and c["source"]["published"] == "2016-07" for c in a["contacts"]), a)


@case
def replan_hold(r):
    out = r.ok("replan", *PLAN, "--journal", journal_file(), "--action", "hold", "--today", "2027-01-04",
               "--tolerable", "2w")
    check("hold at 37.5 mg for at least 14 days" in out, out)
    p = json.loads(r.ok("replan", *PLAN, "--journal", journal_file(), "--action", "hold", "--today", "2027-01-04",
                        "--format", "json"))
    check(len(p["versions"]) == 2 and p["versions"][1]["action"] == "hold", p)


def current_plan(r, *extra):
    """The latest version of the replanned history, from --format json (every version)."""
    return json.loads(r.ok("replan", *PLAN, "--journal", journal_file(), *extra, "--format", "json"))["versions"][-1]["plan"]


@case
def replan_exports_the_current_plan(r):
    # hold: the plan after replanning starts on --today with the held dose; every people-facing
    # format carries that latest version, step for step.
    args = ["--action", "hold", "--today", "2027-01-04", "--tolerable", "2w"]
    plan = current_plan(r, *args)
    steps = plan["steps"]
    check(plan["start"] == "2027-01-04" and steps, plan)
    replan = ["replan", *PLAN, "--journal", journal_file(), *args, "--format"]
    ics = r.ok(*replan, "ics")
    check(ics.startswith("BEGIN:VCALENDAR\r\n") and ics.rstrip().endswith("END:VCALENDAR"), ics[:200])
    check(ics.count("BEGIN:VEVENT") == len(steps), f"{ics.count('BEGIN:VEVENT')} events for {len(steps)} steps")
    check("DTSTART;VALUE=DATE:20270104" in ics, "the first event is not on --today")
    reminders = r.ok(*replan, "ics", "--reminders")
    check("BEGIN:VALARM" in reminders, "--reminders made no alarms")
    fhir = json.loads(r.ok(*replan, "fhir"))
    check(fhir["resourceType"] == "Bundle", fhir)
    requests = [e["resource"] for e in fhir["entry"] if e["resource"]["resourceType"] == "MedicationRequest"]
    check(len(requests) == 1 and "sertraline" in json.dumps(requests[0]["medicationCodeableConcept"]), fhir["entry"])
    svg = r.ok(*replan, "svg")
    root = ET.fromstring(svg)
    check(root.tag == "{http://www.w3.org/2000/svg}svg", root.tag)
    marks = [e for e in root.iter() if e.get("class") == "step-mark"]
    check(len(marks) == len(steps), f"{len(marks)} step marks for {len(steps)} steps")
    check("2027-01-04" in root.find("{http://www.w3.org/2000/svg}title").text, "the chart does not start on --today")
    html = r.ok(*replan, "html", "--country", "GB")
    check(html.startswith("<!DOCTYPE html>") and "<svg" in html and "2027-01-04" in html, html[:300])


@case
def several_one_at_a_time(r):
    out = r.ok("several", "--drug", "diazepam 10mg --step 2.5mg", "--drug", "fluoxetine 20mg --step 10mg",
               "--drug", "aripiprazole 10mg --step 5mg", "--gap", "2w", "--start", "2027-01-04")
    check("1. diazepam" in out and "2. fluoxetine" in out and "3. aripiprazole" in out, out)
    check("may lower the level of aripiprazole" in out, out)
    # Each order note names its drug (docs/messages.md, 790).
    check("diazepam is drug 1 of 3" in out and "aripiprazole is drug 3 of 3" in out, out)
    check("combined calendar" in out, out)


@case
def several_group_with_a_quoted_split(r):
    # A dose split across the day inside a --drug group: the quotes keep "5mg morning, 5mg
    # night" one value, as in `taper plan --split`.
    out = r.ok("several", "--drug", "diazepam 10mg --step 2.5mg --split \"5mg morning, 5mg night\"",
               "--drug", "sertraline 50mg --step 12.5mg", "--gap", "2w", "--start", "2027-01-04", "--format", "json")
    p = json.loads(out)
    first = p["plans"][0]
    times = {d["time"] for s in first["steps"] for d in s.get("doses", [])}
    check({"morning", "night"} <= times, times)



# The several-drug form of `taper plan` (issue 13): --drug groups and --gap instead of DRUG DOSE.
SEVERAL = ["--drug", "sertraline 50mg --strategy linear --step 12.5mg",
           "--drug", "citalopram 20mg --strategy linear --step 5mg", "--gap", "2w", "--start", "2027-01-04"]


@case
def plan_with_drug_groups_is_several(r):
    # The same code path as `taper several`: the same text, table and JSON alike.
    table = r.ok("plan", *SEVERAL)
    check(table == r.ok("several", *SEVERAL), table)
    check("1. sertraline" in table and "2. citalopram" in table and "combined calendar" in table, table)
    out = r.ok("plan", *SEVERAL, "--format", "json")
    check(out == r.ok("several", *SEVERAL, "--format", "json"), out)
    p = json.loads(out)
    first, second = p["plans"]
    # Hand-computed: 12.5 mg less every 4 weeks (the default) from 50 mg; 5 mg less from 20 mg.
    check([s["daily_dose_mg"] for s in first["steps"]] == [37.5, 25, 12.5, 0], first["steps"])
    check([s["daily_dose_mg"] for s in second["steps"]] == [15, 10, 5, 0], second["steps"])
    check(first["start"] == "2027-01-04", first["start"])
    # The second drug starts the gap (14 days) after the first plan ends.
    end = datetime.date.fromisoformat(first["end"])
    check(second["start"] == (end + datetime.timedelta(days=14)).isoformat(), (first["end"], second["start"]))


bad("bad_symptom_name", ["--symptom", "brain_fog"], "journal", "add", "/tmp/taper-no-such-journal.json",
    "--symptom", "brain_fog=1")
bad("bad_symptom_rating", ["--symptom", "0 to 3"], "journal", "add", "/tmp/taper-no-such-journal.json",
    "--symptom", "dizziness=5")
bad("bad_replan_reminders_without_ics", ["--reminders", "--format ics"],
    "replan", *PLAN, "--journal", "/dev/null", "--reminders", "--format", "svg")
bad("bad_replan_country_without_html", ["--country", "--format html"],
    "replan", *PLAN, "--journal", "/dev/null", "--country", "GB")
bad("bad_replan_format", ["--format"], "replan", *PLAN, "--journal", "/dev/null", "--format", "pdf")
bad("bad_replan_action", ["--action"], "replan", *PLAN, "--journal", "/dev/null", "--action", "faster")
bad("bad_several_without_gap", ["--gap"], "several", "--drug", "diazepam 10mg")
bad("bad_plan_drug_groups_and_positional_drug", ["either", "not both", "citalopram"],
    "plan", "citalopram", "20mg", "--drug", "sertraline 50mg", "--gap", "2w")
bad("bad_plan_positional_drug_after_a_group", ["not both", "citalopram"],
    "plan", "--drug", "sertraline 50mg", "citalopram", "20mg", "--gap", "2w")
bad("bad_plan_drug_groups_with_an_outside_option", ["--step", "inside its group"],
    "plan", "--drug", "sertraline 50mg", "--gap", "2w", "--step", "12.5mg")
bad("bad_plan_drug_groups_with_have", ["--have", "inside its group"],
    "plan", "--drug", "sertraline 50mg", "--gap", "2w", "--have", "50mg tablet")
bad("bad_plan_drug_groups_format", ["--format", "table or json"],
    "plan", "--drug", "sertraline 50mg", "--gap", "2w", "--format", "csv")
bad("bad_plan_drug_groups_without_gap", ["--gap"], "plan", "--drug", "sertraline 50mg")
bad("bad_plan_gap_without_drug_groups", ["--gap", "--drug"], "plan", "citalopram", "20mg", "--gap", "2w")
bad("bad_plan_without_drug", ["drug", "dose"], "plan", "--step", "5mg")
bad("bad_several_unclosed_quote", ["quote"], "several", "--drug", "diazepam 10mg --split \"5mg morning", "--gap", "2w")

if __name__ == "__main__":
    sys.exit(main(CASES, __doc__))
