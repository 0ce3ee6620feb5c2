#!/usr/bin/env python3
"""Tests of `taper simulate` and `taper compare` as a user runs them: one ctest per case
(tests/cli/CMakeLists.txt), with the runner and contracts of cli_harness.py.

    python3 simulate_cli_test.py --list
    python3 simulate_cli_test.py --taper build/dev/src/cli/taper --schema docs/schedule.schema.json CASE

Expected numbers come from the closed forms of the one-compartment model (docs/simulation.md)
and the parameters in data/pharmacokinetics.json, worked out in the comments; the plan's
doses are read from `taper plan --format json`, so no figure printed by `taper simulate` is
used as its own expectation.
"""
import csv
import datetime
import io
import json
import math
import os
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_harness import START, Cases, check, close, main  # noqa: E402

CASES = Cases()
case = CASES.case
bad = CASES.bad

# data/pharmacokinetics.json: citalopram t½ 35 h (Celexa label), tmax 4 h, F 0.8, V 12 L/kg.
CITALOPRAM_KE = math.log(2) / 35.0
CITALOPRAM_F = 0.8
CITALOPRAM_PLAN = ["citalopram", "20mg", "--strategy", "linear", "--step", "5mg", "--every", "4w", *START]


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def ka_from_tmax(tmax, ke):
    """Root ka > ke of tmax = ln(ka/ke)/(ka − ke), by bisection (independent of the library)."""
    lo, hi = ke * (1 + 1e-9), 1000.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if math.log(mid / ke) / (mid - ke) > tmax:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def steady_state_mean_amount(daily_dose_mg, f, ke):
    """Average amount in the body at steady state: F·D / (ke·24 h)."""
    return f * daily_dose_mg / (ke * 24.0)


# ---- taper simulate ----------------------------------------------------------------------------

@case
def simulate_summary_names_parameters_and_research_note(r):
    out = r.ok("simulate", *CITALOPRAM_PLAN)
    # ke = ln 2 / 35 h = 0.0198/h; ka solves 4 = ln(ka/ke)/(ka − ke).
    ka = ka_from_tmax(4.0, CITALOPRAM_KE)
    check("half-life 35 h" in out and "time to peak 4 h" in out, out)
    check(f"ke {CITALOPRAM_KE:.4g}/h" in out, f"ke {CITALOPRAM_KE:.4g} not in: {out}")
    check(f"ka {ka:.4g}/h" in out, f"ka {ka:.4g} not in: {out}")
    check("research model" in out.lower() and "not a prediction" in out.lower(), "the research note is printed")
    check("largest two-day swing" in out, out)


@case
def simulate_daily_means_match_steady_state_average(r):
    # Each step lasts 28 days (20 half-lives of 35 h), so its last day is at steady state and its
    # mean amount is F·D/(ke·24 h): 20 mg → 0.8·20/(0.0198·24) = 33.66 mg; 15 mg → 25.25 mg; ...
    plan = r.plan_json(*CITALOPRAM_PLAN)
    daily = rows(r.ok("simulate", *CITALOPRAM_PLAN, "--format", "csv", "--daily"))
    check(list(daily[0].keys())[:4] == ["time_h", "amount_mg", "concentration_ng_per_ml", "occupancy_percent"],
          f"columns: {list(daily[0].keys())}")
    start = plan["steps"][0]["start"]
    day0 = datetime.date.fromisoformat(start)
    # The simulation starts at steady state on the starting dose (20 mg: 33.66 mg) and day 0 is
    # step 1's first day (15 mg: 25.25 mg), so day 0's mean lies between the two.
    day0_mean = float(daily[0]["amount_mg"])
    check(steady_state_mean_amount(plan["steps"][0]["daily_dose_mg"], CITALOPRAM_F, CITALOPRAM_KE) < day0_mean <
          steady_state_mean_amount(plan["start_equivalent_daily_dose_mg"], CITALOPRAM_F, CITALOPRAM_KE),
          f"day 0 mean amount {day0_mean}")
    for s in plan["steps"][:-1]:
        last = (datetime.date.fromisoformat(s["last_day"]) - day0).days
        expected = steady_state_mean_amount(s["daily_dose_mg"], CITALOPRAM_F, CITALOPRAM_KE)
        close(float(daily[last]["amount_mg"]), expected, 0.005 * max(expected, 1.0),
              f"step {s['number']} last-day mean amount")
    # Hourly series: 24 rows a day, times 0, 1, 2 ... h.
    hourly = rows(r.ok("simulate", *CITALOPRAM_PLAN, "--format", "csv"))
    check(len(hourly) == 24 * len(daily), f"{len(hourly)} hourly rows for {len(daily)} days")
    check([float(x["time_h"]) for x in hourly[:3]] == [0.0, 1.0, 2.0], "hourly times")
    check(all(x["concentration_ng_per_ml"] == "" for x in hourly[:24]),
          "without --weight the per-kg volume gives no concentration")


@case
def simulate_concentration_with_weight(r):
    # V = 12 L/kg × 70 kg = 840 L. Step 1's last day is at steady state on 15 mg:
    # 0.8·15/(0.0198·24) = 25.25 mg / 840 L = 0.03006 mg/L = 30.06 ng/mL.
    plan = r.plan_json(*CITALOPRAM_PLAN)
    daily = rows(r.ok("simulate", *CITALOPRAM_PLAN, "--weight", "70", "--format", "csv", "--daily"))
    first = plan["steps"][0]
    last = (datetime.date.fromisoformat(first["last_day"]) - datetime.date.fromisoformat(first["start"])).days
    expected = steady_state_mean_amount(first["daily_dose_mg"], CITALOPRAM_F, CITALOPRAM_KE) / 840.0 * 1000.0
    close(float(daily[last]["concentration_ng_per_ml"]), expected, 0.005 * expected, "steady-state mean concentration")


@case
def simulate_resolution_sets_samples_per_day(r):
    hourly = rows(r.ok("simulate", *CITALOPRAM_PLAN, "--format", "csv", "--resolution", "2"))
    check([float(x["time_h"]) for x in hourly[:3]] == [0.0, 2.0, 4.0], "two-hour samples")


@case
def simulate_json_carries_sources_and_series(r):
    d = json.loads(r.ok("simulate", *CITALOPRAM_PLAN, "--format", "json", "--daily"))
    check(d["format"] == "taper-simulation", d.get("format"))
    check(d["parameters"]["half_life_h"]["value"] == 35, d["parameters"]["half_life_h"])
    check("Celexa" in d["parameters"]["half_life_h"]["source"], "the half-life names its source")
    check(d["series"]["step"] == "daily", d["series"]["step"])
    check(len(d["series"]["time_h"]) == len(d["series"]["amount_mg"]), "series columns have one length")
    check("not a prediction" in d["disclaimer"], d["disclaimer"])


@case
def simulate_alternate_day_widens_the_swings(r):
    # Two days' doses every other day: the same average, larger swings (O'Neill et al. 2026).
    # Measured on the hourly series of step 1 (15 mg), days 10-19, well after the change from
    # 20 mg (10 days = 7 half-lives), where only the dosing interval differs.
    def swing(*extra):
        hourly = rows(r.ok("simulate", *CITALOPRAM_PLAN, "--format", "csv", *extra))
        occ = [float(x["occupancy_percent"]) for x in hourly[24 * 10:24 * 20]]
        amount = [float(x["amount_mg"]) for x in hourly[24 * 10:24 * 20]]
        return max(occ) - min(occ), max(amount) / min(amount)
    daily_swing, daily_ratio = swing()
    alt_swing, alt_ratio = swing("--alternate-day")
    check(alt_swing > 2 * daily_swing, f"occupancy swing {alt_swing} not more than twice {daily_swing}")
    # Peak/trough of the amount: about e^(ke·τ) for a fast absorption, e^(0.0198·24) = 1.61 daily
    # and e^(0.0198·48) = 2.59 every other day; absorption over 4 h lowers both.
    check(1.3 < daily_ratio < 1.61 and 2.0 < alt_ratio < 2.59, f"amount ratios {daily_ratio}, {alt_ratio}")


@case
def simulate_adaptation_reports_pressure(r):
    out = r.ok("simulate", *CITALOPRAM_PLAN, "--adaptation", "14d", "--threshold", "5pp")
    check("peak pressure" in out and "time above threshold" in out, out)


@case
def simulate_population_same_seed_any_thread_count(r):
    def run(seed, threads):
        return r.ok("simulate", *CITALOPRAM_PLAN, "--adaptation", "14d", "--threshold", "2pp", "--population", "600",
                    "--seed", str(seed), "--spread", "half_life=0.3", "--spread", "ed50=0.3", "--threads", str(threads))
    one = run(7, 1)
    check(one == run(7, 2), "one thread and two threads give other numbers for the same seed")
    check("population: 600 people" in one, one)
    check(run(8, 1) != one, "another seed gives other people")


@case
def simulate_mirtazapine_amounts_only(r):
    # Mirtazapine has PK data but no usable occupancy model: amounts and their ratio only.
    out = r.ok("simulate", "mirtazapine", "30mg", "--strategy", "linear", "--step", "7.5mg", "--every", "4w", *START)
    check("occupancy:" in out and "not known" in out, out)
    check("largest two-day amount ratio" in out, out)


bad("simulate_refuses_drug_without_pk", ["diazepam", "pharmacokinetic"],
    "simulate", "diazepam", "10mg", "--step", "10%", "--every", "2w", *START)
bad("simulate_refuses_missing_tmax", ["paroxetine", "time to peak"],
    "simulate", "paroxetine", "20mg", "--step", "10%", "--every", "4w", *START)
bad("simulate_refuses_unmodelled_metabolite", ["fluoxetine", "norfluoxetine"],
    "simulate", "fluoxetine", "20mg", "--step", "10%", "--every", "4w", *START)
bad("simulate_adaptation_needs_occupancy", ["mirtazapine", "occupancy"],
    "simulate", "mirtazapine", "30mg", "--step", "10%", "--every", "4w", "--adaptation", "14d",
    "--threshold", "5pp", *START)
bad("simulate_adaptation_needs_threshold", ["--threshold"],
    "simulate", *CITALOPRAM_PLAN, "--adaptation", "14d")
bad("simulate_threshold_in_points", ["--threshold", "pp"],
    "simulate", *CITALOPRAM_PLAN, "--adaptation", "14d", "--threshold", "5mg")
bad("simulate_bad_spread", ["--spread", "half_life=0.3"],
    "simulate", *CITALOPRAM_PLAN, "--population", "10", "--spread", "clearance=0.3")
bad("simulate_negative_spread", ["half_life"],
    "simulate", *CITALOPRAM_PLAN, "--population", "10", "--spread", "half_life=-1")
bad("simulate_resolution_off_grid", ["resolution"],
    "simulate", *CITALOPRAM_PLAN, "--resolution", "5")


# ---- taper compare -----------------------------------------------------------------------------

COMPARE = ["compare", "citalopram", "20mg", "--plan", f"--strategy linear --step 5mg --every 4w --start {START[1]}",
           "--plan", f"--strategy linear --step 5mg --every 2w --start {START[1]}",
           "--plan", f"--strategy linear --step 5mg --every 4w --start {START[1]} --alternate-day"]


@case
def compare_table_lists_each_plan(r):
    out = r.ok(*COMPARE, "--adaptation", "14d", "--threshold", "5pp")
    check("3 plans compared" in out, out)
    check(out.count("--strategy linear") == 3, out)
    check("not a prediction" in out.lower(), "the research note is printed")


@case
def compare_csv_orders_plans_and_metrics(r):
    table = rows(r.ok(*COMPARE, "--format", "csv"))
    check(len(table) == 3, f"{len(table)} rows")
    # Each plan's length is its steps' lengths added up, as `taper plan` gives them.
    for row, every in ((table[0], "4w"), (table[1], "2w")):
        plan = r.plan_json("citalopram", "20mg", "--strategy", "linear", "--step", "5mg", "--every", every, *START)
        close(float(row["length_days"]), sum(s["length_days"] for s in plan["steps"]), 1e-9, f"{every} length")
    check(float(table[1]["length_days"]) < float(table[0]["length_days"]), "2-weekly steps end sooner")
    # Over a whole plan the largest two-day swing is the stop's fall, which every plan has;
    # alternate-day dosing still adds its swing on top of it.
    check(float(table[2]["largest_two_day_swing_points"]) > float(table[0]["largest_two_day_swing_points"]),
          "alternate-day swings more than the daily plan")
    check(table[0]["peak_pressure_points"] == "", "no adaptation model: no pressure")


SVG_NS = "{http://www.w3.org/2000/svg}"


def simulated_points(svg):
    """The (x, y) points of the chart's simulated-occupancy path (M x y L x y ...)."""
    root = ET.fromstring(svg)
    check(root.tag == SVG_NS + "svg", root.tag)
    paths = [e for e in root.iter() if e.get("class") == "simulated-occupancy"]
    check(len(paths) == 1, f"{len(paths)} simulated-occupancy paths")
    words = paths[0].get("d").split()
    check(words[0].startswith("M") and all(w.startswith("L") for w in words[2::2]), words[:6])
    return [(float(x[1:]), float(y)) for x, y in zip(words[0::2], words[1::2])]


@case
def simulate_svg_draws_each_point_of_the_series(r):
    # The chart's simulated line has a point per row of the CSV series (every sample, or with
    # --daily one per day), each inside the plot area (800 x 400 less the margins: x 64..736,
    # y 48..328).
    for daily in ([], ["--daily"]):
        series = rows(r.ok("simulate", *CITALOPRAM_PLAN, "--format", "csv", *daily))
        points = simulated_points(r.ok("simulate", *CITALOPRAM_PLAN, "--format", "svg", *daily))
        check(len(points) == len(series), f"{len(points)} points for {len(series)} rows {daily}")
        for x, y in points:
            check(math.isfinite(x) and math.isfinite(y) and 64 <= x <= 736 and 48 <= y <= 328, (x, y))
        # Time runs left to right; the occupancy falls over the plan (y grows downwards).
        check(all(a[0] <= b[0] for a, b in zip(points, points[1:])), "points out of time order")
        check(points[-1][1] > points[0][1], "the simulated occupancy does not fall")


@case
def simulate_html_page_with_the_simulated_chart(r):
    page = r.ok("simulate", *CITALOPRAM_PLAN, "--format", "html", "--daily", "--country", "GB")
    check(page.startswith("<!DOCTYPE html>"), page[:100])
    check('class="simulated-occupancy"' in page and "<figcaption" in page, "no simulated chart on the page")
    check("not a prediction for one person" in page, "the page does not say what the simulated line is")
    check("Support and contacts" in page, "no support section")


bad("simulate_svg_needs_an_occupancy_model", ["occupancy"],
    "simulate", "mirtazapine", "30mg", "--step", "10%", *START, "--format", "svg")
bad("simulate_country_needs_html", ["--country", "--format html"],
    "simulate", *CITALOPRAM_PLAN, "--country", "GB")
bad("compare_needs_a_plan", ["--plan"], "compare", "citalopram", "20mg")
bad("compare_bad_plan_option", ["--plan", "--every"],
    "compare", "citalopram", "20mg", "--plan", "--strategy linear --step 5mg --every")
bad("compare_refuses_drug_without_pk", ["diazepam", "pharmacokinetic"],
    "compare", "diazepam", "10mg", "--plan", f"--step 10% --every 2w --start {START[1]}")


if __name__ == "__main__":
    sys.exit(main(CASES, __doc__))
