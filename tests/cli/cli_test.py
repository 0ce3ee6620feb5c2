#!/usr/bin/env python3
"""Tests of the `taper` command as a user runs it: one ctest per case (tests/cli/CMakeLists.txt).

    python3 cli_test.py --list
    python3 cli_test.py --taper build/src/cli/taper --schema docs/schedule.schema.json CASE

Happy paths check the output against hand-computed values; error cases check the contract
of every failure: a non-zero exit, a message on stderr that names the problem, and nothing
at all on stdout. JSON output is validated against docs/schedule.schema.json with the
jsonschema package (Debian: python3-jsonschema, installed by cmake/install-deps.sh).
"""
import csv
import datetime
import io
import sys

from cli_harness import START, Cases, check, close, main

# Citalopram's SERT model in the data (Sørensen 2022): Emax 83.98 %, ED50 2.33 mg, n = 1.
EMAX, ED50 = 83.98, 2.33


def occ(dose):
    return EMAX * dose / (ED50 + dose)


def dose_for(o):
    return ED50 * o / (EMAX - o)


CASES = Cases()
case = CASES.case
bad = CASES.bad


# --- happy paths -----------------------------------------------------------------------

HYPERBOLIC = ["citalopram", "20mg", "--strategy", "hyperbolic", "--step", "5pp", "--every", "4w", *START]


@case
def plan_table_hyperbolic_citalopram(r):
    out = r.ok("plan", *HYPERBOLIC)
    lines = out.splitlines()
    check(lines[0].startswith("citalopram: 20 mg a day, hyperbolic strategy"), f"first line: {lines[0]}")
    # 14 cuts of 5 points from 75.2 % leave 5.2172 %, more than one 5-point step, so the rest
    # is cut in two halves of 2.6086 points (the stop is no larger than a step: docs/safety.md):
    # 16 steps of 28 days = 448 days, 2026-12-01 to 2028-02-21.
    check("from 2026-12-01 to 2028-02-21: 16 steps, 448 days" in out, "plan span line missing")
    check("SERT occupancy model sert-striatum-sorensen2022: 75.2% at the starting dose" in out, "model line")
    # A step row: its number, then its first day (a wrapped closing line may start with digits too).
    rows = [line.split() for line in lines if line[:4].strip().isdigit() and line[6:16].count("-") == 2]
    check(len(rows) == 16, f"{len(rows)} step rows, expected 16")
    # Step 1: occupancy 70.2 %, D = 2.33 * 70.2172 / 13.7628 = 11.8876 mg -> "11.9 mg".
    check(rows[0][:6] == ["1", "2026-12-01", "2026-12-28", "28", "11.9", "mg"], f"step 1 row: {rows[0]}")
    check("70.2%" in rows[0] and "-5.0" in rows[0], f"step 1 occupancy: {rows[0]}")
    # Step 14: occupancy 5.2172 %, D = 2.33 * 5.2172 / 78.7628 = 0.15434 mg -> "0.154 mg".
    check(rows[13][4] == "0.154", f"step 14 dose: {rows[13]}")
    # Step 15: occupancy 2.6086 %, D = 2.33 * 2.6086 / 81.3714 = 0.074695 mg -> "0.0747 mg".
    check(rows[14][4] == "0.0747" and "-2.6" in rows[14], f"step 15: {rows[14]}")
    check(rows[15][4] == "0" and "stop" in " ".join(rows[15]) and "-2.6" in rows[15], f"stop step: {rows[15]}")
    flat = " ".join(out.split())  # the closing text is wrapped: judge its words, not its line breaks
    check("not a prescriber" in flat and "NICE NG222" in flat and "last dose that was tolerated" in flat,
          "the footer is missing")
    check("\n0 mg" not in out, "a dose printed as 0 where it is not")


@case
def plan_json_hyperbolic_citalopram(r):
    d = r.plan_json(*HYPERBOLIC)
    check(d["drug"] == "citalopram" and d["strategy"] == "hyperbolic" and d["basis"] == "own_mg", "header")
    check(d["occupancy_model"] == {"id": "sert-striatum-sorensen2022", "receptor": "SERT"}, "model")
    close(d["start_occupancy_percent"], 1679.6 / 22.33, 1e-9, "start occupancy")
    steps = d["steps"]
    # 14 cuts of 5 points leave 5.2172 %, more than one step: the rest is cut in two halves of
    # 2.6086 points (the stop is no larger than a step: docs/safety.md), so 16 steps.
    check(len(steps) == 16, f"{len(steps)} steps")
    close(steps[0]["daily_dose_mg"], 11.8876, 1e-4, "step 1 dose (hand: 2.33*70.2172/13.7628)")
    half = (occ(20) - 5 * 14) / 2
    for k, s in enumerate(steps[:-1], start=1):
        target = occ(20) - 5 * k if k <= 14 else half
        cut = 5 if k <= 14 else half
        close(s["occupancy_percent"], target, 1e-9, f"step {k} occupancy")
        close(s["change_points"], cut, 0.1, f"step {k} change in points")
        close(s["daily_dose_mg"], dose_for(target), 1e-9 * dose_for(target), f"step {k} dose")
        check(s["length_days"] == 28 and s["phase"] == "reduce", f"step {k} length/phase")
        # The strategy's note, as a code with its typed parameter (docs/messages.md).
        note = s["messages"][0]
        check(note["code"] == 101 and note["id"] == "target_occupancy" and note["severity"] == "note",
              f"step {k} note code: {note}")
        close(note["params"]["occupancy"], target, 1e-9, f"step {k} note occupancy")
    check(steps[-1]["daily_dose_mg"] == 0 and steps[-1]["occupancy_percent"] == 0, "stop step")
    check(d["start"] == "2026-12-01" and d["end"] == "2028-02-22" and d["length_days"] == 448, "dates")


@case
def plan_csv_matches_json(r):
    text = r.ok("plan", *HYPERBOLIC, "--split", "10mg morning, 10mg night", "--format", "csv")
    check(text.endswith("\r\n") and "\n" not in text.replace("\r\n", ""), "CSV records must end in CRLF")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    check(list(rows[0].keys()) == ["step", "phase", "start", "end", "last_day", "length_days", "daily_dose_mg",
                                   "equivalent_daily_dose_mg", "change_mg", "change_percent", "occupancy_percent",
                                   "change_points", "drug", "time", "amount_mg", "notes", "warnings", "message_ids"],
          f"CSV header: {list(rows[0].keys())}")
    d = r.plan_json(*HYPERBOLIC, "--split", "10mg morning, 10mg night")
    check(len(rows) == 2 * len(d["steps"]), f"{len(rows)} CSV rows for {len(d['steps'])} steps of 2 dose-times")
    for s in d["steps"]:
        mine = [row for row in rows if int(row["step"]) == s["number"]]
        check([row["time"] for row in mine] == ["morning", "night"], f"step {s['number']} dose-times")
        for row, line in zip(mine, s["doses"]):
            check(float(row["amount_mg"]) == line["amount_mg"], f"step {s['number']}: CSV and JSON amounts differ")
            check(float(row["daily_dose_mg"]) == s["daily_dose_mg"], "CSV and JSON daily doses differ")
            check(float(row["occupancy_percent"]) == s["occupancy_percent"], "CSV and JSON occupancy differ")
            check(row["start"] == s["start"] and row["last_day"] == s["last_day"], "CSV and JSON dates differ")
            check(row["message_ids"] == "|".join(m["id"] for m in s["messages"]), "CSV and JSON message ids differ")
        close(sum(line["amount_mg"] for line in s["doses"]), s["daily_dose_mg"], 1e-12, "split adds up")
        close(s["doses"][0]["amount_mg"], s["doses"][1]["amount_mg"], 1e-12, "an even split stays even")


@case
def plan_every_strategy_fits_the_schema(r):
    plans = {
        "linear": ["sertraline", "50mg", "--strategy", "linear", "--step", "12.5mg"],
        "proportional": ["sertraline", "100mg", "--strategy", "proportional", "--step", "10%"],
        "proportional-of-start": ["sertraline", "100mg", "--strategy", "proportional-of-start", "--step", "20%"],
        "hyperbolic": ["escitalopram", "10mg", "--strategy", "hyperbolic", "--targets", "60,50,40,30,20,10"],
        "antipsychotic": ["olanzapine", "10mg", "--strategy", "antipsychotic"],
        "diazepam-crossover": ["alprazolam", "3mg", "--split", "1mg morning, 1mg afternoon, 1mg night",
                               "--strategy", "diazepam-crossover", "--every", "2w"],
        "tapering-strip": ["citalopram", "20mg", "--strategy", "tapering-strip", "--curve", "proportional",
                           "--roll", "14d", "--final-fraction", "0.5"],
        "table": ["citalopram", "20mg", "--table", "15mg,10mg:8w,5mg,2.5mg"],
    }
    for name, args in plans.items():
        d = r.plan_json(*args, *START)
        check(d["strategy"] == name, f"{name}: strategy field is {d['strategy']}")
    # Linear 12.5 mg from 50 mg: 37.5, 25, 12.5, 0 (hand).
    d = r.plan_json(*plans["linear"], *START)
    check([s["daily_dose_mg"] for s in d["steps"]] == [37.5, 25, 12.5, 0], "linear doses")
    # The table: 15, 10 (8 weeks), 5, 2.5, then the stop step; default 28 days elsewhere.
    d = r.plan_json(*plans["table"], *START)
    check([s["daily_dose_mg"] for s in d["steps"]] == [15, 10, 5, 2.5, 0], "table doses")
    check([s["length_days"] for s in d["steps"]] == [28, 56, 28, 28, 28], "table lengths")
    # The crossover: diazepam-equivalent basis, switch steps with both drugs' lines.
    d = r.plan_json(*plans["diazepam-crossover"], *START)
    check(d["basis"] == "diazepam_mg" and d["equivalence_table"] == "ashton", "crossover basis")
    check(d["steps"][0]["phase"] == "switch", "the crossover starts with a switch step")
    check({line["drug"] for line in d["steps"][0]["doses"]} == {"alprazolam", "diazepam"}, "both drugs in a switch")


@case
def plan_limits_holds_and_maintenance(r):
    # Hold after step 2 for 4 weeks; end on 5 mg instead of 0.
    d = r.plan_json(*HYPERBOLIC, "--hold", "2:4w", "--until", "5mg")
    steps = d["steps"]
    check(steps[2]["phase"] == "hold" and steps[2]["length_days"] == 28, "the hold is step 3")
    check(steps[2]["daily_dose_mg"] == steps[1]["daily_dose_mg"], "a hold keeps the dose")
    check(steps[-1]["daily_dose_mg"] == 5 and steps[-1]["phase"] == "stop", "ends on the maintenance dose")
    # No cut larger than 2 mg: 20 -> 18 -> 16 ... while the hyperbola asks for more.
    d = r.plan_json(*HYPERBOLIC, "--max-step", "2mg")
    check(all(s["change_mg"] <= 2 + 1e-9 for s in d["steps"]), "a cut above --max-step 2mg")
    close(d["steps"][0]["daily_dose_mg"], 18, 1e-12, "first step limited to 2 mg")


@case
def plan_option_sets_any_option_by_its_schema_name(r):
    # --option points=10pp: targets 10 points apart, D = 2.33 * occ / (83.98 - occ), from 75.2172 %:
    # 65.2172 % -> 8.0988 mg, 55.2172 % -> 4.4730 mg, ... 25.2172 % -> 0.99989 mg
    # (docs/strategies/hyperbolic.md). With the floor at 20 %, 15.2172 % is below it: stop.
    base = ["citalopram", "20mg", "--strategy", "hyperbolic", "--every", "4w", *START]
    d = r.plan_json(*base, "--option", "points=10pp", "--option", "occupancy_floor=20")
    doses = [s["daily_dose_mg"] for s in d["steps"]]
    check(len(doses) == 6, f"{len(doses)} steps, expected 5 cuts and the stop: {doses}")
    for got, expected in zip(doses, [dose_for(occ(20) - 10 * k) for k in range(1, 6)]):
        close(got, expected, 1e-9, "a 10-point step")
    close(doses[0], 8.0988, 5e-5, "step 1")
    close(doses[4], 0.99989, 5e-6, "step 5")
    check(doses[5] == 0, "the last step stops")
    # The same option through its own flag gives the same plan.
    check(d == r.plan_json(*base, "--option", "points=10pp", "--floor", "20"), "--floor 20 differs")
    # A mass option and a days option of another strategy, by name.
    d = r.plan_json("alprazolam", "1.5mg", "--strategy", "diazepam-crossover", "--option", "step_length=14d",
                    "--option", "tail_step = 1mg", *START)
    check(d["steps"][0]["length_days"] == 14, "step_length=14d")
    check(d == r.plan_json("alprazolam", "1.5mg", "--strategy", "diazepam-crossover", "--step-length", "14d",
                           "--tail-step", "1mg", *START), "--step-length/--tail-step differ")


@case
def plan_staged_substitution(r):
    # Alprazolam 3 mg (1 mg three times a day) is 60 mg diazepam by the Ashton table: switched
    # whole it is warned (321); with a 30 mg ceiling it is switched in part (111), the
    # alprazolam left is cut with the diazepam held (112), and no day has more than 30 mg.
    args = ["alprazolam", "3mg", "--split", "1mg morning, 1mg midday, 1mg night", "--strategy", "diazepam-crossover"]
    ids = lambda messages: [m["id"] for m in messages]
    whole = r.plan_json(*args, *START)
    check("diazepam_equivalent_above_ceiling" in ids(whole["messages"]), "a whole switch to 60 mg is warned")
    d = r.plan_json(*args, "--option", "switch_ceiling=30mg", *START)
    check("diazepam_equivalent_above_ceiling" not in ids(d["messages"]), "a staged switch under 30 mg is not warned")
    check(ids(d["steps"][0]["messages"])[0] == "crossover_partial_switch", "step 1 is a partial switch")
    check(ids(d["steps"][2]["messages"])[0] == "crossover_reduce_remaining", "step 3 cuts the alprazolam left")
    for s in d["steps"]:
        diazepam = sum(line["amount_mg"] for line in s["doses"] if line["drug"] == "diazepam")
        check(diazepam <= 30 + 1e-9, f"step {s['number']}: {diazepam} mg diazepam")


@case
def plan_default_start_is_today(r):
    before = datetime.date.today()
    d = r.plan_json("citalopram", "20mg", "--step", "5pp")
    after = datetime.date.today()
    check(d["start"] in (before.isoformat(), after.isoformat()), f"default start {d['start']} is not today")
    check(d["strategy"] == "hyperbolic", "--step in pp chooses hyperbolic")


@case
def occupancy_lists_models_with_the_default_marked(r):
    out = r.ok("occupancy", "citalopram", "20mg")
    line = next(l for l in out.splitlines() if "sert-striatum-sorensen2022" in l)
    # 83.98 * 20 / 22.33 = 75.217 %
    check(line.startswith("*") and line.rstrip().endswith("75.2%"), f"default model line: {line}")
    check("sert-striatum-horowitz2019" in out and "cannot be evaluated" in out, "unusable model shown as such")
    check("NICE NG222" in out, "footer")


@case
def strategies_lists_the_builtins(r):
    out = r.ok("strategies")
    for name in ["antipsychotic", "diazepam-crossover", "hyperbolic", "linear", "proportional",
                 "proportional-of-start", "table", "tapering-strip"]:
        check(any(l.startswith(name + " ") for l in out.splitlines()), f"{name} missing: {out}")


@case
def drugs_by_region(r):
    # Amisulpride's tablets are placed in the UK by their emc SmPCs (the data has no US
    # product of it); Nardil (phenelzine) by its US label; olanzapine's tablets in both, by the NHS
    # page and a US label of the same six strengths.
    both = r.ok("drugs")
    check("[UK" in both and "[US" in both and "[?]" not in both,
          "without --region each form is labelled with its countries (every product has one now)")
    uk = r.ok("drugs", "--region", "uk")
    us = r.ok("drugs", "--region", "us")
    uk_names = {line.split()[0] for line in uk.splitlines()[1:] if line and not line[0].isdigit()}
    us_names = {line.split()[0] for line in us.splitlines()[1:] if line and not line[0].isdigit()}
    check("amisulpride" in uk_names and "phenelzine" not in uk_names, f"uk list: {sorted(uk_names)}")
    check("phenelzine" in us_names and "amisulpride" not in us_names, f"us list: {sorted(us_names)}")
    check("olanzapine" in uk_names and "olanzapine" in us_names, "a product sold in both is in both lists")
    check("forms sold in the UK" in uk and "forms sold in the US" in us, "headings name the country")


@case
def info_shows_country_source_and_maximum(r):
    out = r.ok("info", "Lustral")
    # PL 11311-0491: the UK 50 mg tablet is scored and may be halved; Zoloft is the US one.
    check("sold in: UK, US" in out and "sold in: US (Zoloft)" in out, "countries per product")
    check("PL 11311-0491" in out, "the product's source")
    check("UK: 200 mg a day (adults)" in out, f"licensed maximum: {out}")
    check("taper support sertraline" in out, "pointer to support")


@case
def support_lists_by_class_with_phone_and_date(r):
    out = r.ok("support", "Xanax", "--country", "uk")
    # Mind, July 2016: Battle Against Tranquillisers, 0117 9663629.
    check("Battle Against Tranquillisers" in out and "0117 9663629" in out, "BAT for a benzodiazepine")
    check("published 2016-07" in out, "the source's date")
    check("Surviving Antidepressants" not in out, "online groups are left out of --country uk")
    par = r.ok("support", "paroxetine")
    check(par.index("Seroxat & SSRI User Group") < par.index("Mind Infoline"), "the drug's own group first")
    import json as _json
    listed = _json.loads(r.ok("support", "--country", "hk", "--format", "json"))
    check(listed and all(o["country"] == "hk" for o in listed), "json, one country")
    check(listed[0]["published"] is None, "Mind HK's page gives no date")


@case
def plan_ends_by_pointing_to_support(r):
    out = r.ok("plan", *HYPERBOLIC)
    check("taper support citalopram" in out, "the plan's closing text names `taper support`")
    check(out.count("taper support citalopram") == 1, "said once, in the closing, not among the notes too")
    import json as _json
    plan = _json.loads(r.ok("plan", *HYPERBOLIC, "--format", "json"))
    check(plan["messages"][-1]["id"] == "who_can_help", "JSON carries the coded pointer (message 800)")


@case
def plan_html_lists_support_contacts_for_the_country(r):
    page = r.ok("plan", *HYPERBOLIC, "--format", "html", "--country", "GB")
    check("Mind Infoline" in page and "Surviving Antidepressants" in page, "the UK's and the online contacts")
    check("Mind HK" not in page, "not Hong Kong's")
    check("published 2016-07" in page, "each with its source's date")
    everyone = r.ok("plan", *HYPERBOLIC, "--format", "html")
    check("Mind HK" in everyone, "every country's without --country")


@case
def help_shows_examples(r):
    for command in ["plan", "occupancy", "strategies", "drugs", "info", "support"]:
        out = r.ok(command, "--help")
        check("Example" in out, f"`taper {command} --help` has no examples")
    out = r.ok("plan", "--help")
    for option in ["--strategy", "--step", "--every", "--start", "--until", "--format", "--split", "--max-step",
                   "--min-change", "--final", "--max-steps", "--max-duration", "--hold", "--pacing", "--model",
                   "--table", "--current-form", "--equivalence", "--roll", "--option"]:
        check(option in out, f"`taper plan --help` does not mention {option}")


@case
def plan_min_change_raises_small_cuts(r):
    # Proportional 10 % from 20 mg: 20 * 0.9^k mg while the cut is at least 1 mg; 0.9^7 * 20 =
    # 9.565938 mg, whose 10 % (0.9566 mg) is below --min-change 1mg, so from there each cut is
    # 1 mg: 8.565938 ... 0.565938 mg (9 cuts), and the stop takes the last 0.565938 mg.
    d = r.plan_json("citalopram", "20mg", "--strategy", "proportional", "--step", "10%", "--every", "4w",
                    "--min-change", "1mg", *START)
    doses = [s["daily_dose_mg"] for s in d["steps"]]
    expected = [20 * 0.9 ** k for k in range(1, 8)] + [20 * 0.9 ** 7 - j for j in range(1, 10)] + [0]
    check(len(doses) == len(expected), f"{len(doses)} steps, expected {len(expected)}: {doses}")
    for k, (got, want) in enumerate(zip(doses, expected), start=1):
        close(got, want, 1e-9, f"step {k} dose")
    close(doses[-2], 0.565938, 1e-6, "the last dose before the stop")


@case
def plan_switch_every_sets_the_switch_steps(r):
    # Alprazolam 1.5 mg = 30 mg diazepam (Ashton: 0.5 mg alprazolam = 10 mg diazepam); its
    # switch step lasts 7 days by default (docs/cli.md) and --switch-every 14d makes it 14,
    # also over the strategy's own --step-length. The reductions keep --every's 28 days.
    X = ["alprazolam", "1.5mg", "--strategy", "diazepam-crossover", *START]
    for extra, days in [([], 7), (["--switch-every", "14d"], 14), (["--step-length", "3d", "--switch-every", "14d"], 14)]:
        d = r.plan_json(*X, *extra)
        close(d["start_equivalent_daily_dose_mg"], 30, 1e-9, "alprazolam 1.5 mg in diazepam mg")
        switches = [s for s in d["steps"] if s["phase"] == "switch"]
        check(switches and all(s["length_days"] == days for s in switches), f"{extra}: switch steps not {days} days")
        check(all(s["length_days"] == 28 for s in d["steps"] if s["phase"] == "reduce"), f"{extra}: reductions")


@case
def plan_every_sets_a_presets_step_length(r):
    # The antipsychotic preset's steps are 91 days unless set; --every 26w sets them to 182 days,
    # exactly as --step-length 26w does (the doses are the same), and the stop step too.
    base = ["olanzapine", "10mg", "--strategy", "antipsychotic", *START]
    default, every, length = r.plan_json(*base), r.plan_json(*base, "--every", "26w"), r.plan_json(*base, "--step-length", "26w")
    check(all(s["length_days"] == 91 for s in default["steps"] if s["phase"] == "reduce"), "default 91 days")
    check(all(s["length_days"] == 182 for s in every["steps"]), "--every 26w: every step 182 days")
    check([s["daily_dose_mg"] for s in every["steps"]] == [s["daily_dose_mg"] for s in length["steps"]],
          "--every and --step-length give different doses")
    check(all(s["length_days"] == 182 for s in length["steps"] if s["phase"] == "reduce"), "--step-length 26w")


@case
def plan_limits_in_diazepam(r):
    # A crossover ending on a maintenance dose: 5 mg diazepam read as diazepam mg, or 0.25 mg
    # alprazolam converted at the switch (0.25 * 10 / 0.5 = 5 mg diazepam, Ashton) give the same
    # plan; only the second says it converted (code 320, docs/messages.md).
    X = ["alprazolam", "1.5mg", "--strategy", "diazepam-crossover", *START]
    in_diazepam = r.plan_json(*X, "--until", "5mg", "--limits-in-diazepam")
    converted = r.plan_json(*X, "--until", "0.25mg")
    for d in (in_diazepam, converted):
        close(d["final_equivalent_daily_dose_mg"], 5, 1e-9, "ends on 5 mg diazepam")
        check(d["steps"][-1]["phase"] == "stop", "the last step")
    check([s["equivalent_daily_dose_mg"] for s in in_diazepam["steps"]] ==
          [s["equivalent_daily_dose_mg"] for s in converted["steps"]], "the two plans differ")
    codes = lambda d: [m["code"] for m in d.get("messages", [])]
    check(320 in codes(converted) and 320 not in codes(in_diazepam), "code 320 only when converted")


# --- bad input: non-zero exit, the problem named on stderr, nothing on stdout -----------

C = ["plan", "citalopram"]
bad("bad_negative_dose", ["-5mg", "negative"], *C, "-5mg", *START)
bad("bad_zero_dose", ["daily dose", "0 mg"], *C, "0mg", *START)
bad("bad_dose_without_unit", ["\"20\"", "unit"], *C, "20", *START)
bad("bad_country_without_html", ["--country", "html"], *C, "20mg", *START, "--country", "GB")
bad("bad_country_unknown", ["--country", "FR"], *C, "20mg", *START, "--format", "html", "--country", "FR")
bad("bad_nan_dose", ["nanmg"], *C, "nanmg", *START)
bad("bad_inf_dose", ["infmg"], *C, "infmg", *START)
bad("bad_overflowing_dose", ["1e400mg"], *C, "1e400mg", *START)
bad("bad_implausible_dose", ["5000 mg", "3 times the licensed maximum", "(40 mg)", "unit"], *C, "5000mg", *START)
bad("bad_zero_interval", ["--every", "0w"], *C, "20mg", "--every", "0w", *START)
bad("bad_nan_interval", ["--every", "nan"], *C, "20mg", "--every", "nanw", *START)
bad("bad_zero_percent", ["--step", "0%"], *C, "20mg", "--step", "0%", *START)
bad("bad_hundred_percent", ["--step", "100%"], *C, "20mg", "--step", "100%", *START)
bad("bad_negative_percent", ["--step", "-10%"], *C, "20mg", "--step", "-10%", *START)
bad("bad_nan_percent", ["--step", "nan%"], *C, "20mg", "--step", "nan%", *START)
bad("bad_inf_points", ["--step", "infpp"], *C, "20mg", "--step", "infpp", *START)
bad("bad_max_step_percent", ["--max-step", "100%"], *C, "20mg", "--max-step", "100%", *START)
bad("bad_step_without_unit", ["--step", "\"5\""], *C, "20mg", "--step", "5", *START)
bad("bad_step_unit", ["--step", "5kg"], *C, "20mg", "--step", "5kg", *START)
bad("bad_step_text", ["--step", "lots"], *C, "20mg", "--step", "lots", *START)
bad("bad_unknown_drug", ["citalopran", "did you mean"], "plan", "citalopran", "20mg", *START)
bad("bad_drugs_region", ["--region", "fr"], "drugs", "--region", "fr")
bad("bad_support_country", ["--country", "fr"], "support", "diazepam", "--country", "fr")
bad("bad_support_drug", ["citalopran", "did you mean"], "support", "citalopran")
bad("bad_unknown_strategy", ["hyperbolc", "did you mean \"hyperbolic\"", "known:"],
    *C, "20mg", "--strategy", "hyperbolc", *START)
bad("bad_option_for_strategy", ["linear", "percent", "--step 10%"], *C, "20mg", "--strategy", "linear",
    "--step", "10%", *START)
X = ["plan", "alprazolam", "1.5mg", "--strategy", "diazepam-crossover"]
bad("bad_option_without_value", ["--option", "\"tail_step\"", "NAME=VALUE"], *X, "--option", "tail_step", *START)
bad("bad_option_without_name", ["--option", "NAME=VALUE"], *X, "--option", "=1mg", *START)
bad("bad_option_unknown_name", ["tail_stp", "--option tail_stp=1mg", "did you mean \"tail_step\""],
    *X, "--option", "tail_stp=1mg", *START)
bad("bad_option_unreadable_value", ["--option tail_step=lots", "lots"], *X, "--option", "tail_step=lots", *START)
bad("bad_option_choice", ["range_end", "--option range_end=middle", "middle"],
    *X, "--option", "range_end=middle", *START)
bad("bad_option_for_strategy_name", ["points", "--option points=5pp"], *X, "--option", "points=5pp", *START)
bad("bad_option_set_twice", ["--option tail_step=1mg", "--tail-step 2mg"],
    *X, "--tail-step", "2mg", "--option", "tail_step=1mg", *START)
bad("bad_option_repeated", ["--option tail_step=2mg", "--option tail_step=1mg"],
    *X, "--option", "tail_step=1mg", "--option", "tail_step=2mg", *START)
bad("bad_hyperbolic_without_model", ["mirtazapine", "proportional"], "plan", "mirtazapine", "30mg",
    "--strategy", "hyperbolic", *START)
bad("bad_unknown_model", ["no-such-model"], *C, "20mg", "--model", "no-such-model", *START)
bad("bad_date", ["--start", "2026-13-01"], *C, "20mg", "--start", "2026-13-01")
bad("bad_format", ["--format", "xml"], *C, "20mg", "--format", "xml", *START)
bad("bad_split_total", ["split", "10 mg"], *C, "20mg", "--split", "5mg morning, 5mg night", *START)
bad("bad_split_text", ["--split", "morning"], *C, "20mg", "--split", "morning", *START)
bad("bad_hold", ["--hold", "0:4w"], *C, "20mg", "--hold", "0:4w", *START)
bad("bad_empty_value", ["--until"], *C, "20mg", "--until", "", *START)
# The planner stops at the request's own limits (bounded work, issue 15): the 16-step plan is
# refused when its 4th step is written, and the 448-day plan (16 steps of 28 days) when its
# 14th step ends on day 392, past 52 weeks = 364 days.
bad("bad_max_steps", ["max steps", "more than the 3 steps allowed", "stopped at step 4"],
    *C, "20mg", "--step", "5pp", "--max-steps", "3", *START)
bad("bad_max_duration", ["max duration", "more than the 364 days allowed", "day 392"], *C, "20mg", "--strategy", "hyperbolic", "--step", "5pp",
    "--every", "4w", "--max-duration", "52w", *START)
bad("bad_max_step_points_twice", ["--max-step", "\"3pp\"", "second time"], *C, "20mg", "--max-step", "5pp",
    "--max-step", "3pp", *START)
bad("bad_max_step_percent_twice", ["--max-step", "\"5%\"", "second time"], *C, "20mg", "--max-step", "10%",
    "--max-step", "5%", *START)
bad("bad_max_step_amount_twice", ["--max-step", "\"1mg\"", "second time"], *C, "20mg", "--max-step", "2mg",
    "--max-step", "1mg", *START)
bad("bad_reminders_without_ics", ["--reminders", "--format ics"], *C, "20mg", "--reminders", *START)
bad("bad_missing_dose", ["dose"], *C)
bad("bad_occupancy_negative", ["-5mg", "negative"], "occupancy", "citalopram", "-5mg")
bad("bad_occupancy_zero", ["dose", "0 mg"], "occupancy", "citalopram", "0mg")
bad("bad_occupancy_implausible", ["plausible"], "occupancy", "citalopram", "5000mg")
bad("bad_occupancy_no_model", ["diazepam", "occupancy"], "occupancy", "diazepam", "10mg")


if __name__ == "__main__":
    sys.exit(main(CASES, __doc__))
