#!/usr/bin/env python3
"""Tests of `taper convert` and `taper plan --have/--dispense` as a user runs them: one ctest per
case (tests/cli/CMakeLists.txt), with the same runner and contracts as cli_test.py (cli_harness.py).

    python3 forms_cli_test.py --list
    python3 forms_cli_test.py --taper build/src/cli/taper --schema docs/schedule.schema.json CASE

Expected numbers are worked out by hand in the comments, from data/drugs.json.
"""
import csv
import io
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_harness import START, Cases, check, close, main  # noqa: E402

CASES = Cases()
case = CASES.case
bad = CASES.bad


def flat(text):
    """The text with every run of white space one space: wrapped lines read as one."""
    return " ".join(text.split())


# ---- taper convert ---------------------------------------------------------------------------

@case
def convert_citalopram_tablet_to_drops(r):
    # 10 mg tablet ÷ 1.25 = 8 mg of drops; 8 / 40 mg/mL = 0.2 mL; 0.2 / 0.05 mL = 4 drops.
    out = r.ok("convert", "citalopram", "10mg", "--from", "tablet", "--to", "drops")
    check("10 mg citalopram as tablet = 8 mg as drops-40mg-ml (40 mg/mL) = 0.2 mL = 4 drops" in out, out)
    check("1.25" in out and "verified" in out, "the equivalence and its status are stated: " + out)
    check("prescriber" in out, "the disclaimer is printed")


@case
def convert_drops_to_tablets_counts_tablets(r):
    # 8 mg of drops × 1.25 = 10 mg as tablets = 1 × 10 mg tablet; of 20 mg tablets, ½.
    out = r.ok("convert", "citalopram", "8mg", "--from", "drops", "--to", "tablet", "--strength", "10mg")
    check("= 10 mg as tablet = 1 × 10 mg tablet" in out, out)
    out = r.ok("convert", "citalopram", "8mg", "--from", "drops", "--to", "20 mg tablet")
    check("= 0.5 × 20 mg tablet" in out, out)


@case
def have_and_convert_read_strength_and_form_alike(r):
    # One grammar for --have and --from/--to: "10 mg tabs" is the 10 mg tablet in both.
    # Plan: 20 mg, then 10 mg (1 × 10 mg tablet), then stop.
    out = r.ok("plan", "citalopram", "20mg", "--strategy", "linear", "--step", "10mg", "--every", "4w",
               "--start", "2026-12-01", "--have", "10 mg tabs")
    check("1 × 10 mg tablet = 10 mg" in out, out)
    # 10 mg as tablets ÷ 1.25 = 8 mg of 40 mg/mL drops = 0.2 mL = 4 drops of 0.05 mL.
    out = r.ok("convert", "citalopram", "10mg", "--from", "10 mg tabs", "--to", "drops")
    check("= 8 mg as drops-40mg-ml (40 mg/mL) = 0.2 mL = 4 drops" in out, out)


@case
def convert_sertraline_concentrate_must_be_diluted(r):
    # 20 mg ÷ 20 mg/mL = 1 mL; no bioavailability figure: taken as 1, and said.
    out = flat(r.ok("convert", "sertraline", "20mg", "--to", "concentrate"))
    check("= 20 mg as concentrate-20mg-ml (20 mg/mL) = 1 mL" in out, out)
    check("must be diluted before taking" in out and "120 mL" in out, out)
    check("taken as 1" in out, out)


@case
def convert_liquid_strength_is_chosen(r):
    # Sertraline 5/10/20 mg/mL suspension: 10 mg at 5 mg/mL = 2 mL.
    out = r.ok("convert", "sertraline", "10mg", "--to", "liquid-5-10-20mg-ml", "--strength", "5mg/mL")
    check("= 2 mL" in out, out)


@case
def convert_benzodiazepines_via_diazepam(r):
    # Ashton: alprazolam 0.5 mg ≈ lorazepam 1 mg ≈ 10 mg diazepam: 1 mg alprazolam ≈ 20 mg ≈ 2 mg.
    out = r.ok("convert", "alprazolam", "1mg", "--to-drug", "lorazepam")
    check("1 mg alprazolam ≈ 20 mg diazepam ≈ 2 mg lorazepam" in out, out)
    check("table ashton" in out and "sources:" in out, out)
    # VA/DoD 2021: alprazolam 1 mg, lorazepam 2 mg: 1 mg ≈ 10 mg diazepam ≈ 2 mg lorazepam.
    out = r.ok("convert", "alprazolam", "1mg", "--to-drug", "lorazepam", "--table", "va-dod-2021")
    check("1 mg alprazolam ≈ 10 mg diazepam ≈ 2 mg lorazepam" in out, out)
    check("table va-dod-2021" in out, out)
    # Diazepam is the reference in every table: lorazepam (VA/DoD) 2 mg ≈ 10 mg, so 3 mg ≈ 15 mg.
    out = r.ok("convert", "lorazepam", "3mg", "--to-drug", "diazepam", "--table", "va-dod-2021")
    check("3 mg lorazepam ≈ 15 mg diazepam" in out, out)


@case
def convert_range_uses_the_chosen_end(r):
    # Loprazolam 1-2 mg ≈ 10 mg diazepam. Low end: 1 mg ≈ 10 mg diazepam ≈ 1 mg lorazepam;
    # high end: 1 mg ≈ 5 mg diazepam ≈ 0.5 mg lorazepam.
    out = r.ok("convert", "loprazolam", "1mg", "--to-drug", "lorazepam")
    check("≈ 10 mg diazepam ≈ 1 mg lorazepam" in out and "low end" in out, out)
    out = r.ok("convert", "loprazolam", "1mg", "--to-drug", "lorazepam", "--high-end")
    check("≈ 5 mg diazepam ≈ 0.5 mg lorazepam" in out and "high end" in out, out)


bad("bad_convert_zero_dose", ["0 mg", "positive"], "convert", "citalopram", "0mg", "--to", "drops")
bad("bad_convert_negative_dose", ["-5mg"], "convert", "citalopram", "-5mg", "--to", "drops")
bad("bad_convert_dose_text", ["dose", "ten"], "convert", "citalopram", "ten", "--to", "drops")
bad("bad_convert_unknown_form", ["gel", "drops-40mg-ml"], "convert", "citalopram", "10mg", "--to", "gel")
bad("bad_convert_unknown_strength", ["15 mg tablet"], "convert", "citalopram", "10mg", "--from", "drops",
    "--to", "15 mg tablet")
bad("bad_convert_zero_concentration", ["--strength"], "convert", "citalopram", "10mg", "--to", "drops",
    "--strength", "0mg/mL")
bad("bad_convert_ambiguous_form", ["concentrate-20mg-ml", "liquid-5-10-20mg-ml"], "convert", "sertraline",
    "10mg", "--to", "liquid")
bad("bad_convert_unknown_drug", ["citalopramm"], "convert", "citalopramm", "10mg", "--to", "drops")
bad("bad_convert_neither_target", ["--to", "--to-drug"], "convert", "citalopram", "10mg")
bad("bad_convert_both_targets", ["--to", "--to-drug"], "convert", "diazepam", "10mg", "--to", "liquid",
    "--to-drug", "lorazepam")
bad("bad_convert_missing_equivalent", ["zaleplon", "unverified"], "convert", "zaleplon", "10mg",
    "--to-drug", "diazepam")
bad("bad_convert_not_a_benzodiazepine", ["sertraline", "not a benzodiazepine"], "convert", "sertraline",
    "50mg", "--to-drug", "diazepam")
bad("bad_convert_unknown_table", ["nice", "ashton"], "convert", "alprazolam", "1mg", "--to-drug", "lorazepam",
    "--table", "nice")
bad("bad_convert_table_with_forms", ["--table"], "convert", "citalopram", "10mg", "--to", "drops",
    "--table", "ashton")

# ---- taper plan --have -----------------------------------------------------------------------

HAVE = ["plan", "citalopram", "20mg", "--step", "25%", "--every", "4w", *START,
        "--have", "10 mg tablet, 2 mg/mL liquid"]


@case
def plan_have_shows_how_to_take_each_step(r):
    # 20 × 0.75 = 15 mg = 1½ tablets. 15 × 0.75 = 11.25 mg: tablets make 10 or 12.5 (11% off),
    # so the liquid takes over: 11.25 / 2 = 5.625 mL -> 5.6 mL = 11.2 mg (-0.05 mg, -0.4%).
    out = r.ok(*HAVE)
    check("daily: 1½ × 10 mg tablet = 15 mg" in out, out)
    check("daily: 5.6 mL of 2 mg/mL liquid = 11.2 mg" in out, out)
    check("-0.05 mg (-0.4%)  switch" in out, "step 2 is a switch point with its difference: " + out)
    check("switch point" in out, out)
    check("forms on hand: 10 mg tablet, 2 mg/mL liquid" in out, out)


@case
def plan_have_tablet_with_liquid_top_up(r):
    # The example: 13.4 mg = 1 × 10 mg tablet + 1.7 mL of 2 mg/mL. (With 2 mL per fill,
    # 6.7 mL of liquid alone would need four fills.)
    out = r.ok("plan", "citalopram", "20mg", "--table", "13.4mg", *START, "--have", "10 mg tablet, 2 mg/mL liquid",
               "--max-volume", "2mL")
    check("1 × 10 mg tablet + 1.7 mL of 2 mg/mL liquid = 13.4 mg" in out, out)


@case
def plan_have_dilutes_sertraline_concentrate(r):
    # 50 × 0.5 = 25 mg = 1.25 mL of 20 mg/mL, on the 0.05 mL grid.
    out = r.ok("plan", "sertraline", "50mg", "--step", "50%", *START, "--have", "20 mg/mL concentrate",
               "--syringe", "0.05mL")
    check("1.25 mL of 20 mg/mL concentrate, diluted before taking" in out, out)
    check("syringe 0.05 mL" in out, out)


@case
def plan_have_json_has_the_recipes_and_fits_the_schema(r):
    d = r.plan_json(*HAVE[1:], "--dispense", "28d", "--bottle", "100mL")
    check(d["realization"]["syringe_resolution_ml"] == 0.1, str(d["realization"]))
    check([f["label"] for f in d["realization"]["forms_on_hand"]] == ["10 mg tablet", "2 mg/mL liquid"],
          str(d["realization"]["forms_on_hand"]))
    s1, s2 = d["steps"][0], d["steps"][1]
    check(s1["realization"]["recipes"][0]["instruction"] == "1½ × 10 mg tablet = 15 mg", str(s1["realization"]))
    part = s1["realization"]["recipes"][0]["parts"][0]
    check(part["kind"] == "units" and part["count"] == 1.5 and part["units_used"] == 1.5, str(part))
    close(s2["realization"]["realized_daily_mg"], 11.2, 1e-9, "step 2 realized")
    close(s2["realization"]["difference_mg"], -0.05, 1e-9, "step 2 difference")
    check(s2["realization"]["form_changed"] is True, "step 2 is a switch point")
    check(any(m["code"] == 420 and m["id"] == "switch_point" and m["params"]["after_step"] == 1
              for m in s2["realization"]["messages"]), "the switch point is coded: " + str(s2["realization"]))
    p2 = s2["realization"]["recipes"][0]["parts"][0]
    check(p2["kind"] == "liquid" and abs(p2["volume_ml"] - 5.6) < 1e-9, str(p2))
    # Dispensing: period 1 is step 1: 1.5 × 28 = 42 tablets; period 2 is step 2: 5.6 × 28 =
    # 156.8 mL = 2 bottles of 100 mL.
    disp = d["dispensing"]
    check(disp["by"] == "period" and disp["period_days"] == 28 and disp["bottle_volume_ml"] == 100, str(disp))
    first, second = disp["periods"][0], disp["periods"][1]
    check(first["start"] == "2026-12-01" and first["last_day"] == "2026-12-28", str(first))
    check(first["lines"] == [{"formulation_id": "tablet", "label": "10 mg tablet", "units": 42,
                              "total_volume_ml": None, "bottles": None}], str(first))
    close(second["lines"][0]["total_volume_ml"], 156.8, 1e-9, "period 2 volume")
    check(second["lines"][0]["bottles"] == 2, str(second))
    # Without --dispense the field is there, and null.
    d = r.plan_json(*HAVE[1:])
    check(d["dispensing"] is None, "dispensing is null without --dispense")


@case
def plan_have_csv_adds_columns_and_keeps_the_old_ones(r):
    plain = r.ok(*HAVE[:-2], "--format", "csv")
    out = r.ok(*HAVE, "--format", "csv")
    old_header = plain.split("\r\n")[0]
    header = out.split("\r\n")[0]
    check(header.startswith(old_header + ",realized_amount_mg,how_to_take,realized_daily_mg,difference_mg,"),
          header)
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    check(rows[0]["how_to_take"] == "1½ × 10 mg tablet = 15 mg", str(rows[0]))
    check(rows[1]["realized_amount_mg"] == "11.2" and rows[1]["form_changed"] == "true", str(rows[1]))
    check(len(rows) == len(list(csv.DictReader(io.StringIO(plain, newline="")))), "one row per dose line")


@case
def plan_dispense_per_step_and_pooled_quarters(r):
    # Fluoxetine 20 mg dispersible tablets, 50% steps every 2 weeks: 10 mg = ½ tablet (7 over
    # 14 days), 5 mg = ¼ (3.5 -> 4), then 2.5 mg is a dilution: one tablet a day, 14.
    out = flat(r.ok("plan", "fluoxetine", "20mg", "--step", "50%", "--every", "2w", *START, "--have",
                    "20 mg tablet", "--dispense", "step"))
    check("To dispense, step by step:" in out, out)
    check("2026-12-01 to 2026-12-14 7 × 20 mg tablet" in out, out)
    check("2026-12-15 to 2026-12-28 4 × 20 mg tablet" in out, out)
    check("2026-12-29 to 2027-01-11 14 × 20 mg tablet" in out, out)
    check("disperse 1 × 20 mg tablet in 20 mL of water (1 mg/mL)" in out and "discard the rest" in out, out)
    check("Cautions: - fluoxetine 20 mg tablet, dispersed in water" in out and "fresh for each dose" in out, out)
    check("whole or half dispersed in water" in out, "the data's notes come with the caution: " + out)
    d = r.plan_json("fluoxetine", "20mg", "--step", "50%", "--every", "2w", *START, "--have", "20 mg tablet")
    check(len(d["realization"]["cautions"]) == 1 and "fresh" in d["realization"]["cautions"][0], str(d["realization"]))
    dil = d["steps"][2]["realization"]["recipes"][0]["parts"][0]
    check(dil["kind"] == "dilution" and dil["dispersed_in_ml"] == 20 and dil["volume_ml"] == 2.5, str(dil))
    # 28-day periods pool the first two steps: 7 + 3.5 = 10.5 -> 11 tablets.
    out = r.ok("plan", "fluoxetine", "20mg", "--step", "50%", "--every", "2w", *START, "--have", "20 mg tablet",
               "--dispense", "28d", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    check(rows[0]["period_start"] == "2026-12-01" and rows[0]["units"] == "11", str(rows[0]))


@case
def plan_have_crossover_with_diazepam_forms(r):
    # Alprazolam 0.5 mg morning and night; Ashton 0.5 mg ≈ 10 mg diazepam, so the first switch
    # step takes the night dose as 10 mg of diazepam, from the diazepam forms given after ";".
    out = r.ok("plan", "alprazolam", "1mg", "--split", "0.5mg morning, 0.5mg night", "--every", "2w", *START,
               "--have", "0.5 mg tablet; diazepam: 5 mg tablet, 1 mg/mL liquid", "--dispense", "28d")
    step1 = out.split("\n   2  ")[0]
    check("morning: 1 × 0.5 mg tablet = 0.5 mg" in step1, step1)
    check("night (diazepam): " in step1 and "= 10 mg" in step1, step1)
    check("forms on hand: 0.5 mg tablet, diazepam 5 mg tablet, diazepam 1 mg/mL liquid" in out, out[:500])
    dispensing = out.split("To dispense")[1]
    check("× 0.5 mg tablet" in dispensing and "diazepam" in dispensing, dispensing)


@case
def plan_have_any(r):
    out = r.ok("plan", "citalopram", "20mg", "--step", "25%", *START, "--have", "any")
    check("40 mg/mL drops" in out, "any includes every form in the data: " + out[:400])


# Diazepam 5 mg tablets: the UK tablet has no score line (DDSA leaflet), the US one (MYLAN 345,
# DAN 5619) is scored. Linear 2.5 mg steps from 10 mg: 7.5, 5, 2.5 mg, then stop.
DIAZEPAM_5 = ["plan", "diazepam", "10mg", "--strategy", "linear", "--step", "2.5mg", "--every", "2w", *START,
              "--have", "5 mg tablet"]


@case
def plan_have_region_unset_assumes_the_tablet_not_split(r):
    # Without --region the UK tablet is assumed: 7.5 mg cannot be made of whole 5 mg tablets,
    # so step 1 takes 1 × 5 mg; never a half. The note names the other product and the choice.
    out = r.ok(*DIAZEPAM_5)
    check("taken to be diazepam's tablet, which is not split" in flat(out), out[:900])
    check("tablet-us-2-5mg" in out and "--region uk or us" in flat(out), out[:900])
    check('"5 mg tablet-us-2-5mg"' in flat(out), out[:900])
    check("½" not in out, "no half of a tablet with no score line: " + out)
    check("daily: 1 × 5 mg tablet = 5 mg" in out.split("\n   2  ")[0], out)


@case
def plan_have_region_us_halves_the_scored_tablet(r):
    # --region us: the scored US tablet; 7.5 mg = 1½ × 5 mg and 2.5 mg = ½ × 5 mg, no note.
    out = r.ok(*DIAZEPAM_5, "--region", "us")
    check("daily: 1½ × 5 mg tablet = 7.5 mg" in out, out)
    check("daily: ½ × 5 mg tablet = 2.5 mg" in out, out)
    check("taken to be" not in out, "the country chose: no note: " + out[:900])
    # The formulation id chooses it too, whatever the region.
    out = r.ok(*DIAZEPAM_5[:-1], "5 mg tablet-us-2-5mg", "--region", "uk")
    check("daily: 1½ × 5 mg tablet = 7.5 mg" in out, out)


@case
def plan_have_region_uk_no_note(r):
    out = r.ok(*DIAZEPAM_5, "--region", "uk")
    check("taken to be" not in out and "½" not in out, out)
    out = r.ok(*DIAZEPAM_5, "--format", "json")
    check('"form_assumed_among"' in out, "the note is a coded message in JSON: " + out[:300])


@case
def plan_have_quetiapine_tablets_of_two_countries(r):
    # 25 mg: the UK and US immediate-release tablets are used alike (neither scored): 1 × 25 mg.
    out = r.ok("plan", "quetiapine", "50mg", "--strategy", "linear", "--step", "25mg", "--every", "4w", *START,
               "--have", "25 mg tablet")
    check("daily: 1 × 25 mg tablet = 25 mg" in out and "taken to be" not in out, out)
    # 50 mg: US immediate-release or UK XL; --region says which.
    out = r.ok("plan", "quetiapine", "100mg", "--strategy", "linear", "--step", "50mg", "--every", "4w", *START,
               "--have", "50 mg tablet", "--region", "uk")
    check("50 mg modified-release tablet" in out, out[:600])


bad("bad_have_release_differs_without_region", ["50 mg tablet", "tablet-us (US)", "tablet-xl (UK)", "--region"],
    "plan", "quetiapine", "100mg", *START, "--have", "50 mg tablet")
bad("bad_region_unknown", ["--region"], *DIAZEPAM_5, "--region", "fr")
bad("bad_region_without_have", ["--region", "--have"], "plan", "diazepam", "10mg", *START, "--region", "us")
bad("bad_have_unknown_strength", ["--have", "15 mg tablet"], *HAVE[:-1], "15 mg tablet")
bad("bad_have_empty", ["--have"], *HAVE[:-1], "")
bad("bad_syringe_zero", ["--syringe", "0 mL"], *HAVE, "--syringe", "0mL")
bad("bad_syringe_text", ["--syringe", "lots"], *HAVE, "--syringe", "lots")
bad("bad_min_volume_negative", ["--min-volume"], *HAVE, "--min-volume", "-1mL")
bad("bad_dispense_without_have", ["--dispense", "--have"], *HAVE[:-2], "--dispense", "28d")
bad("bad_dispense_period", ["--dispense", "1.5"], *HAVE, "--dispense", "1.5d")
bad("bad_bottle_without_dispense", ["--bottle", "--dispense"], *HAVE, "--bottle", "100mL")
bad("bad_have_form_not_in_data", ["--have"], "plan", "sertraline", "50mg", *START, "--have", "50 mg beads")


if __name__ == "__main__":
    sys.exit(main(CASES, __doc__))
