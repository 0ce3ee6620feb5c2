#!/usr/bin/env python3
"""Turn the shared reference (shared/reference/drugs.json) into taper's drug data file.

    python3 tools/import_reference.py ../shared/reference/drugs.json > data/drugs.json

It then merges the project's own sourced supplements, data/sources/*.json (in file-name order),
which add what the reference lacks: products with their countries, licensed maxima, brand
names, and whole drugs (see `apply_supplement` and docs/drug-data.md).

The output is the `taper-formulary` version 1 format of docs/drug-data.md. It is
deterministic (reference order, indent=1, UTF-8), so a refresh shows up as a reviewable diff.

What this script does, and nothing more:

* Copies every number of the reference with the `source` and `status` of the object that
  holds it. A null stays null; nothing is estimated, averaged or filled in.
* Adds what the reference does not carry and which is not a number: stable ids for targets
  and formulations, the project's class names, `default_target` (a rule, see
  `choose_default_target`), brand names, and plain-language cautions built only from facts
  in the reference (see `cautions_for`).
* Reads a few fields out of the reference's own notes (see `NOTE_FIELDS`): drop volume,
  enteric coating, "must be diluted", "may be dispersed in water". These keep the
  formulation's source and status.
* Validates the result against every rule of docs/drug-data.md, and cross-checks it against
  the reference, before printing. Any problem stops the script with a message naming the
  drug and the field; nothing is printed then.

Standard library only (Python 3.11).
"""

from __future__ import annotations

import json
import math
import pathlib
import re
import sys
from typing import Any, NoReturn

# ---------------------------------------------------------------------------------------
# errors


class ImportFailure(Exception):
    pass


def fail(drug: str, field: str, problem: str) -> NoReturn:
    raise ImportFailure(f"{drug or '<file>'}: {field}: {problem}")


# ---------------------------------------------------------------------------------------
# classes

# Reference class label -> the project's class. The label is kept as `class_label`.
CLASS_MAP = {
    "ssri": "ssri",
    "snri": "snri",
    "serotonin modulator": "serotonin_modulator",
    "nassa": "nassa",
    "benzodiazepine": "benzodiazepine",
    "z-drug": "z_drug",
}
CLASSES = ("ssri", "snri", "serotonin_modulator", "nassa", "antipsychotic", "benzodiazepine",
           "z_drug", "tricyclic", "maoi", "atypical_antidepressant", "mood_stabilizer",
           "gabapentinoid", "other")
REGIONS = ("uk", "us")


def map_class(name: str, label: str) -> str:
    key = label.strip().lower()
    if key in CLASS_MAP:
        return CLASS_MAP[key]
    # "antipsychotic (SGA)", "antipsychotic (FGA)", "antipsychotic (D2 partial agonist)"
    if key == "antipsychotic" or key.startswith("antipsychotic ("):
        return "antipsychotic"
    fail(name, "class", f"unknown reference class label {label!r}: add it to CLASS_MAP")


# ---------------------------------------------------------------------------------------
# brand names and aliases
#
# Brand names are common trade names, not numbers; they only make lookups work ("Cipramil"
# finds citalopram). None may equal another drug's name, alias or brand (checked below,
# and by the loader). Aliases are other generic spellings; the reference uses none.

BRAND_NAMES: dict[str, list[str]] = {
    "citalopram": ["Cipramil", "Celexa"],
    "escitalopram": ["Cipralex", "Lexapro"],
    "fluoxetine": ["Prozac"],
    "paroxetine": ["Seroxat", "Paxil"],
    "sertraline": ["Lustral", "Zoloft"],
    "venlafaxine": ["Effexor", "Efexor"],
    "desvenlafaxine": ["Pristiq"],
    "duloxetine": ["Cymbalta"],
    "vortioxetine": ["Trintellix", "Brintellix"],
    "mirtazapine": ["Remeron", "Zispin"],
    "risperidone": ["Risperdal"],
    "olanzapine": ["Zyprexa"],
    "clozapine": ["Clozaril"],
    "haloperidol": ["Haldol"],
    "quetiapine": ["Seroquel"],
    "aripiprazole": ["Abilify"],
    "amisulpride": ["Solian"],
    "ziprasidone": ["Geodon"],
    "diazepam": ["Valium"],
    "alprazolam": ["Xanax"],
    "chlordiazepoxide": ["Librium"],
    "clonazepam": ["Klonopin", "Rivotril"],
    "lorazepam": ["Ativan"],
    "oxazepam": [],
    "temazepam": ["Restoril"],
    "nitrazepam": ["Mogadon"],
    "loprazolam": [],
    "lormetazepam": [],
    "clobazam": ["Frisium"],
    "clorazepate": ["Tranxene"],
    "flurazepam": ["Dalmane"],
    "triazolam": ["Halcion"],
    "estazolam": ["ProSom"],
    "quazepam": ["Doral"],
    "zolpidem": ["Ambien", "Stilnoct"],
    "zopiclone": ["Zimovane", "Imovane"],
    "zaleplon": ["Sonata"],
    "eszopiclone": ["Lunesta"],
}
ALIASES: dict[str, list[str]] = {}

# ---------------------------------------------------------------------------------------
# target ids: "<receptor>[-<region>]-<citation>"
#
# The citation key is read from the start of the target's source. A source matching none of
# these patterns stops the script, so a new reference entry gets a reviewed id.

CITATION_KEYS = [
    (re.compile(r"^Sorensen A\b.*\b2022\b"), "sorensen2022"),
    (re.compile(r"^Horowitz MA, Taylor D\b.*\b2019\b"), "horowitz2019"),
    (re.compile(r"^Takano A\b.*\b2006\b"), "takano2006"),
    (re.compile(r"^Moriguchi S\b.*\b2017\b"), "moriguchi2017"),
    (re.compile(r"^Kapur S\b.*\b1999\b"), "kapur1999"),
    (re.compile(r"^Lako IM\b.*\b2013\b"), "lako2013"),
    (re.compile(r"^PMC(\d+)\b"), "pmc{0}"),
    (re.compile(r"^PMID (\d+)\b"), "pmid{0}"),
]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def citation_key(drug: str, field: str, source: str) -> str:
    for pattern, key in CITATION_KEYS:
        m = pattern.search(source)
        if m:
            return key.format(*m.groups())
    fail(drug, field, f"no citation key for source {source[:80]!r}: add one to CITATION_KEYS")


def target_id(drug: str, i: int, t: dict[str, Any]) -> str:
    parts = [slug(t["receptor"])]
    if t.get("region"):
        parts.append(slug(t["region"]))
    parts.append(citation_key(drug, f"targets[{i}].source", t.get("source") or ""))
    return "-".join(parts)


# ---------------------------------------------------------------------------------------
# formulation ids: "<form>[-mr]" for solid forms, "<form>-<strengths>mg-ml" for liquids
#
# Beads are "beads-xr" (extended release) or "beads-dr" (delayed release: enteric-coated).
# A liquid that must be diluted is a "concentrate". Where two formulations of a drug would
# get the same id, each of them gets its strengths appended ("tablet-5mg", "tablet-10-20mg").


def fmt_number(x: float) -> str:
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return str(x)


def strengths_text(strength: Any) -> str:
    values = strength if isinstance(strength, list) else [strength]
    return "-".join(fmt_number(v) for v in values)


def base_formulation_id(f: dict[str, Any]) -> str:
    form = f["form"]
    if form in ("liquid", "drops"):
        stem = "concentrate" if f["must_dilute"] else form
        if f["strength"] is None:
            return stem
        return f"{stem}-{strengths_text(f['strength'])}mg-ml"
    if form == "beads":
        return "beads-dr" if f["enteric_coated"] else ("beads-xr" if f["modified_release"] else "beads")
    return f"{form}-mr" if f["modified_release"] else form


def assign_formulation_ids(drug: str, formulations: list[dict[str, Any]]) -> None:
    bases = [base_formulation_id(f) for f in formulations]
    for f, base in zip(formulations, bases):
        if bases.count(base) > 1:
            if f["strength"] is None or f["form"] in ("liquid", "drops"):
                fail(drug, "formulations", f"two formulations would both be {base!r}")
            f["id"] = f"{base}-{strengths_text(f['strength'])}mg"
        else:
            f["id"] = base


# ---------------------------------------------------------------------------------------
# fields read from the reference's notes
#
# Each is set only where the formulation's notes (or source) state it, keeps the
# formulation's source and status, and is null otherwise (null = unknown = "no" wherever
# safety depends on it).

DROP_SIZE = re.compile(r"\b1 drop = (\d+(?:\.\d+)?) mg\b")
ENTERIC = re.compile(r"\benteric-coated\b", re.IGNORECASE)
MUST_DILUTE = re.compile(r"\bmust be diluted\b", re.IGNORECASE)
DISPERSE_IN_WATER = re.compile(r"(?<!oro)dispers\w* in water", re.IGNORECASE)

NOTE_FIELDS = {
    "drop_volume_ml": "drops whose notes state '1 drop = X mg': X mg / (strength mg/mL) mL per drop",
    "enteric_coated": "true where the notes or source say 'enteric-coated' (duloxetine pellets)",
    "must_dilute": "true where the notes or source say 'must be diluted' (sertraline concentrate)",
    "dispersible": "tablets whose notes say they are dispersed in water (fluoxetine dispersible tablet)",
}


def read_note_fields(drug: str, i: int, f: dict[str, Any]) -> dict[str, Any]:
    notes = f.get("notes") or ""
    text = notes + " " + (f.get("source") or "")
    out: dict[str, Any] = {
        "enteric_coated": True if ENTERIC.search(text) else None,
        "drop_volume_ml": None,
        "beads_per_capsule": None,  # brand-specific: never guessed (README)
        "must_dilute": True if MUST_DILUTE.search(text) else None,
        "dispersible": True if f["form"] == "tablet" and DISPERSE_IN_WATER.search(notes) else None,
    }
    m = DROP_SIZE.search(notes)
    if m:
        if f["form"] != "drops" or not isinstance(f["strength"], (int, float)):
            fail(drug, f"formulations[{i}].notes", "a drop size on something that is not one strength of drops")
        out["drop_volume_ml"] = round(float(m.group(1)) / f["strength"], 9)
    return out


# ---------------------------------------------------------------------------------------
# default target


def choose_default_target(targets: list[dict[str, Any]]) -> str | None:
    """The first target (reference order) whose emax and ed50_mg are both known, preferring
    status verified over secondary (and either over anything else); if none is complete, the
    first target, so that the loader reports "no usable model". None if there are no targets.
    """
    if not targets:
        return None
    complete = [t for t in targets if t["emax"] is not None and t["ed50_mg"] is not None]
    for status in ("verified", "secondary"):
        for t in complete:
            if t["status"] == status:
                return t["id"]
    if complete:
        return complete[0]["id"]
    return targets[0]["id"]


# ---------------------------------------------------------------------------------------
# cautions
#
# Short plain-language strings built only from facts in the reference (its README and the
# numbers and notes of drugs.json). Each rule names where its fact comes from.

SHORT_HALF_LIFE_H = 24.0
C_SHORT = ("short half-life: withdrawal can start within a day of a reduction; "
           "take smaller, slower steps")
C_MR = "modified-release tablets must never be split, chewed or crushed"
C_BEADS = ("the extended-release capsules may be opened and the beads counted (counts differ "
           "between brands: count several capsules); never crush or chew the beads")
C_ENTERIC = ("the capsules hold enteric-coated pellets: count or weigh the pellets; "
             "never crush them or make them into a liquid")
C_FLUOXETINE = ("long-lived active metabolite (norfluoxetine): fluoxetine partly tapers "
                "itself, so allow 1-2 weeks to judge each reduction (NICE NG222)")
C_BENZO_SWITCH = ("switch to diazepam (long half-life) one dose-time at a time at an "
                  "equivalent dose, then reduce slowly in small proportional steps "
                  "(often 5-10% every 2-4 weeks); the person sets the pace")
C_DIAZEPAM = ("reduce slowly in small proportional steps (often 5-10% every 2-4 weeks); for "
              "the last milligrams the 2 mg/5 mL liquid gives smaller steps (2 mg tablets "
              "are halved only where the pack is scored: one UK maker's are not)")
C_NO_EQUIV = ("no verified diazepam equivalent in the data: agree the switching dose with "
              "the prescriber")
C_EPILEPSY = "may be prescribed for epilepsy: take particular care when reducing"
C_ANTIPSYCHOTIC = ("reduce by about a quarter of the most recent dose every 3-6 months; the "
                   "last dose before stopping may need to be about 1/40 of a therapeutic dose "
                   "(Horowitz et al. 2021)")
NICE_FLAG = re.compile(r"NICE NG222 flags ([a-z]+) and ([a-z]+) as more likely to cause withdrawal")

# Drugs whose reference notes carry a caution in so many words, with the trigger.
EPILEPSY = re.compile(r"\bepilepsy\b", re.IGNORECASE)


def is_short_half_life(hl: dict[str, Any]) -> bool:
    """Known parent half-life of at most a day, and no known active metabolite lasting longer."""
    parent = hl.get("parent")
    if parent is None or max(parent) > SHORT_HALF_LIFE_H:
        return False
    met = hl.get("metabolite")
    if met and met.get("range_h") and max(met["range_h"]) > SHORT_HALF_LIFE_H:
        return False
    return True


def cautions_for(ref: dict[str, Any], klass: str, formulations: list[dict[str, Any]],
                 nice_flagged: set[str]) -> list[str]:
    name = ref["name"]
    out: list[str] = []
    # README "Half-life": short half-life drugs give faster, stronger withdrawal and need
    # smaller, slower steps; the threshold is the reference's own half-life numbers.
    if is_short_half_life(ref["half_life_h"]):
        out.append(C_SHORT)
    # paroxetine notes: "NICE NG222 flags paroxetine and venlafaxine as more likely to cause
    # withdrawal".
    if name in nice_flagged:
        out.append("NICE NG222 names " + " and ".join(sorted(nice_flagged)) +
                   " as more likely to cause withdrawal symptoms")
    # README "Half-life" and fluoxetine notes ("Long half-life gives partial self-taper",
    # NICE: allow 1-2 weeks to evaluate each reduction).
    if name == "fluoxetine":
        out.append(C_FLUOXETINE)
    # README "Forms": modified-release forms must never be split or crushed.
    if any(f["form"] in ("tablet", "capsule") and f["modified_release"] for f in formulations):
        out.append(C_MR)
    # README "Forms": venlafaxine XR beads may be counted, counts differ between brands;
    # duloxetine: enteric-coated pellets, count or weigh, never crush or make into a liquid.
    for f in formulations:
        if f["form"] == "beads":
            out.append(C_ENTERIC if f["enteric_coated"] else C_BEADS)
    # README "Forms" and sertraline notes: the concentrate must be diluted before taking.
    for f in formulations:
        if f["must_dilute"]:
            out.append(f"the {strengths_text(f['strength'])} mg/mL concentrate must be diluted "
                       "before taking (see its notes for what to mix it with)")
    # README "Forms": citalopram drops deliver about 25% more than tablets.
    for f in formulations:
        b = f["bioavailability_vs_tablet"]
        if b is not None and b > 1:
            out.append(f"the {strengths_text(f['strength'])} mg/mL {f['form']} deliver about "
                       f"{round((b - 1) * 100)}% more drug per labelled mg than tablets: "
                       "convert the dose when switching between them")
    # README "Benzodiazepines and z-drugs".
    if klass in ("benzodiazepine", "z_drug"):
        out.append(C_DIAZEPAM if name == "diazepam" else C_BENZO_SWITCH)
        eq = ref["equivalents"]
        if eq and eq.get("dose_equiv_to_diazepam_10mg") is None:
            out.append(C_NO_EQUIV)
    # clonazepam / clobazam notes: "may be prescribed for epilepsy", "caution reducing".
    if EPILEPSY.search(ref.get("notes") or ""):
        out.append(C_EPILEPSY)
    # README "Antipsychotics" and each antipsychotic's notes (H2021).
    if klass == "antipsychotic":
        out.append(C_ANTIPSYCHOTIC)
    return out


# ---------------------------------------------------------------------------------------
# equivalents

EQUIV_REL_TOL = 1e-3   # the reference rounds diazepam_mg to three decimals
EQUIV_ABS_TOL = 5e-4


def check_diazepam_mg(name: str, eq: dict[str, Any]) -> None:
    """diazepam_mg (mg diazepam per mg of this drug) must be 10 / dose_equiv_to_diazepam_10mg.
    For a range [low, high] the reciprocal is [10/high, 10/low]: the reference keeps both
    ranges in ascending order."""
    dose = eq.get("dose_equiv_to_diazepam_10mg")
    dz = eq.get("diazepam_mg")
    if dose is None or dz is None:
        if dose is not None or dz is not None:
            fail(name, "equivalents", f"diazepam_mg {dz!r} and dose_equiv_to_diazepam_10mg "
                                      f"{dose!r}: one is null and the other is not")
        return
    if isinstance(dose, list) != isinstance(dz, list):
        fail(name, "equivalents", f"diazepam_mg {dz!r} and dose {dose!r}: one is a range")
    doses = dose if isinstance(dose, list) else [dose]
    got = dz if isinstance(dz, list) else [dz]
    expected = sorted(10.0 / d for d in doses)
    if len(got) != len(expected) or not all(
            math.isclose(g, e, rel_tol=EQUIV_REL_TOL, abs_tol=EQUIV_ABS_TOL)
            for g, e in zip(got, expected)):
        fail(name, "equivalents.diazepam_mg",
             f"{dz!r} is not 10 / {dose!r} = {[round(e, 4) for e in expected]!r}")


def convert_equivalents(name: str, eq: dict[str, Any]) -> dict[str, Any] | None:
    if not eq:
        return None  # not a benzodiazepine or z-drug: no table at all
    allowed = {"diazepam_mg", "dose_equiv_to_diazepam_10mg", "source", "status", "alternatives"}
    extra = set(eq) - allowed
    if extra:
        fail(name, "equivalents", f"unknown reference fields {sorted(extra)}")
    check_diazepam_mg(name, eq)
    tables: dict[str, Any] = {
        "ashton": {"dose_mg": eq.get("dose_equiv_to_diazepam_10mg"),
                   "source": eq["source"], "status": eq["status"]},
    }
    alternatives = eq.get("alternatives") or {}
    if set(alternatives) - {"VA_DoD_2021"}:
        fail(name, "equivalents.alternatives", f"unknown tables {sorted(alternatives)}")
    if "VA_DoD_2021" in alternatives:
        tables["va-dod-2021"] = {"dose_mg": alternatives["VA_DoD_2021"],
                                 "source": eq["source"], "status": eq["status"]}
    return tables


# ---------------------------------------------------------------------------------------
# one drug

REF_DRUG_KEYS = {"name", "class", "targets", "half_life_h", "formulations", "equivalents", "notes"}
REF_TARGET_KEYS = {"receptor", "model", "emax", "ed50_mg", "hill", "region", "source", "status", "notes"}
REF_FORM_KEYS = {"form", "strength", "unit", "scored", "splittable", "modified_release",
                 "bioavailability_vs_tablet", "source", "status", "notes"}
REF_HL_KEYS = {"parent", "metabolite", "source", "status"}
REF_MET_KEYS = {"name", "range_h", "source", "status"}


def check_reference_keys(name: str, where: str, obj: dict[str, Any], allowed: set[str]) -> None:
    extra = set(obj) - allowed
    if extra:
        fail(name, where, f"reference field(s) {sorted(extra)} are not imported: extend the importer")


def convert_drug(ref: dict[str, Any], nice_flagged: set[str]) -> dict[str, Any]:
    name = ref["name"]
    check_reference_keys(name, "", ref, REF_DRUG_KEYS)
    klass = map_class(name, ref["class"])

    targets = []
    for i, t in enumerate(ref["targets"]):
        check_reference_keys(name, f"targets[{i}]", t, REF_TARGET_KEYS)
        targets.append({
            "id": target_id(name, i, t),
            "receptor": t["receptor"],
            "model": t["model"],
            "emax": t["emax"],
            "ed50_mg": t["ed50_mg"],
            "hill": t["hill"],
            "region": t["region"],
            "source": t["source"],
            "status": t["status"],
            "notes": t.get("notes", ""),
        })

    hl = ref["half_life_h"]
    check_reference_keys(name, "half_life_h", hl, REF_HL_KEYS)
    half_life: dict[str, Any] = {"parent_h": hl["parent"], "source": hl["source"],
                                 "status": hl["status"], "metabolite": None}
    met = hl.get("metabolite")
    if met is not None:
        check_reference_keys(name, "half_life_h.metabolite", met, REF_MET_KEYS)
        # The metabolite's own source and status where the reference gives them (sertraline),
        # else the half-life's.
        half_life["metabolite"] = {
            "name": met["name"],
            "range_h": met["range_h"],
            "source": met.get("source", hl["source"]),
            "status": met.get("status", hl["status"]),
        }

    formulations = []
    for i, f in enumerate(ref["formulations"]):
        check_reference_keys(name, f"formulations[{i}]", f, REF_FORM_KEYS)
        extra = read_note_fields(name, i, f)
        formulations.append({
            "id": None,
            "form": f["form"],
            "strength": f["strength"],
            "unit": f["unit"],
            "scored": f["scored"],
            "splittable": f["splittable"],
            "modified_release": f["modified_release"],
            "enteric_coated": extra["enteric_coated"],
            "bioavailability_vs_tablet": f["bioavailability_vs_tablet"],
            "drop_volume_ml": extra["drop_volume_ml"],
            "beads_per_capsule": extra["beads_per_capsule"],
            "must_dilute": extra["must_dilute"],
            "dispersible": extra["dispersible"],
            "orodispersible": None,
            "doses_per_day": None,
            "regions": None,
            "brand": "",
            "excipient_cautions": [],
            "source": f["source"],
            "status": f["status"],
            "notes": f.get("notes", ""),
        })
    assign_formulation_ids(name, formulations)

    out: dict[str, Any] = {
        "name": name,
        "class": klass,
        "class_label": ref["class"],
        "aliases": ALIASES.get(name, []),
        "brand_names": BRAND_NAMES.get(name, []),
    }
    default = choose_default_target(targets)
    if default is not None:  # a drug without targets (mirtazapine) has no default
        out["default_target"] = default
    out["targets"] = targets
    out["half_life"] = half_life
    out["formulations"] = formulations
    equivalents = convert_equivalents(name, ref["equivalents"])
    if equivalents is not None:
        out["equivalents"] = equivalents
    out["max_daily_dose"] = []
    out["cautions"] = cautions_for(ref, klass, formulations, nice_flagged)
    out["notes"] = ref["notes"]
    return out


def convert(reference: list[dict[str, Any]]) -> dict[str, Any]:
    if not isinstance(reference, list) or not reference:
        fail("", "", "the reference must be a non-empty list of drugs")
    missing = [d["name"] for d in reference if d["name"] not in BRAND_NAMES]
    if missing:
        fail(", ".join(missing), "brand_names", "no entry in BRAND_NAMES (use [] for none)")
    nice_flagged: set[str] = set()
    for d in reference:
        for m in NICE_FLAG.finditer(d.get("notes") or ""):
            nice_flagged.update(m.groups())
    return {"format": "taper-formulary", "version": 1,
            "drugs": [convert_drug(d, nice_flagged) for d in reference]}


# ---------------------------------------------------------------------------------------
# supplements: the project's own sourced data (data/sources/*.json)
#
# {"format": "taper-supplement", "version": 1, "about": "...", "drugs": [...]}
#
# Each drug entry names a drug of the reference (or, with "new": true, a drug the reference
# lacks, given whole). It may add brand_names, aliases, cautions (appended), formulations
# and max_daily_dose entries. A formulation entry is one of:
#   * a new product: a complete formulation with its own id, source and status;
#   * "replaces_reference": "<why>" with a reference formulation's id: the reference's object
#     is replaced whole (its scoring was wrong, its strength unknown ...); the reason is
#     printed nowhere but kept here for review, and the cross-check skips that object only;
#   * "amend": "<why>" with a reference formulation's id: sets only the fields in
#     AMENDABLE, which the formulation's own source states (a US label shows a US product).
# Nothing here may change a reference number silently: every change is one of these three.

SUPPLEMENT_DIR = pathlib.Path(__file__).resolve().parent.parent / "data" / "sources"
AMENDABLE = {"regions", "brand", "excipient_cautions", "orodispersible", "doses_per_day"}
FORM_DEFAULTS: dict[str, Any] = {
    "scored": None, "splittable": None, "modified_release": None, "enteric_coated": None,
    "bioavailability_vs_tablet": None, "drop_volume_ml": None, "beads_per_capsule": None,
    "must_dilute": None, "dispersible": None, "orodispersible": None, "doses_per_day": None,
    "regions": None, "brand": "", "excipient_cautions": [], "notes": "",
}
FORM_ORDER = ["id", "form", "strength", "unit", "scored", "splittable", "modified_release",
              "enteric_coated", "bioavailability_vs_tablet", "drop_volume_ml",
              "beads_per_capsule", "must_dilute", "dispersible", "orodispersible",
              "doses_per_day", "regions", "brand", "excipient_cautions", "source", "status",
              "notes"]
DRUG_ORDER = ["name", "class", "class_label", "aliases", "brand_names", "default_target",
              "targets", "half_life", "formulations", "equivalents", "max_daily_dose",
              "cautions", "notes"]
MAX_ORDER = ["region", "population", "indication", "dose_mg", "source", "status", "notes"]
NEW_DRUG_KEYS = {"name", "new", "class", "class_label", "aliases", "brand_names", "half_life",
                 "formulations", "max_daily_dose", "cautions", "notes"}
SUPPLEMENT_DRUG_KEYS = {"name", "brand_names", "aliases", "formulations", "max_daily_dose",
                        "cautions"}


def complete_formulation(drug: str, f: dict[str, Any]) -> dict[str, Any]:
    for k in ("id", "form", "strength", "unit", "source", "status"):
        if k not in f:
            fail(drug, f"formulations[{f.get('id')}]", f"a supplement product needs {k!r}")
    extra = set(f) - set(FORM_ORDER)
    if extra:
        fail(drug, f"formulations[{f['id']}]", f"unknown key(s) {sorted(extra)}")
    out = {k: f.get(k, FORM_DEFAULTS.get(k)) for k in FORM_ORDER}
    return out


def ordered_max(m: dict[str, Any]) -> dict[str, Any]:
    return {k: m[k] for k in MAX_ORDER if k in m}


def apply_supplement(doc: dict[str, Any], supplement: dict[str, Any], origin: str,
                     changed: dict[str, set[str]]) -> None:
    if supplement.get("format") != "taper-supplement" or supplement.get("version") != 1:
        fail(origin, "format", "expected taper-supplement version 1")
    if set(supplement) - {"format", "version", "about", "drugs"}:
        fail(origin, "", f"unknown top-level keys {sorted(set(supplement) - {'format', 'version', 'about', 'drugs'})}")
    by_name = {d["name"]: d for d in doc["drugs"]}
    for entry in supplement["drugs"]:
        name = entry["name"]
        if entry.get("new"):
            if name in by_name:
                fail(name, "new", f"{origin}: the drug is already in the data")
            extra = set(entry) - NEW_DRUG_KEYS
            if extra:
                fail(name, "", f"{origin}: unknown key(s) {sorted(extra)}")
            d = {k: entry[k] for k in ("name", "class", "class_label")}
            d["aliases"] = entry.get("aliases", [])
            d["brand_names"] = entry.get("brand_names", [])
            d["targets"] = []
            hl = entry["half_life"]
            d["half_life"] = {"parent_h": hl["parent_h"], "source": hl["source"],
                              "status": hl["status"], "metabolite": hl.get("metabolite")}
            d["formulations"] = [complete_formulation(name, f) for f in entry.get("formulations", [])]
            d["max_daily_dose"] = [ordered_max(m) for m in entry.get("max_daily_dose", [])]
            d["cautions"] = entry.get("cautions", [])
            d["notes"] = entry.get("notes", "")
            doc["drugs"].append(d)
            by_name[name] = d
            continue
        if name not in by_name:
            fail(name, "", f"{origin}: not in the data (mark a new drug with \"new\": true)")
        extra = set(entry) - SUPPLEMENT_DRUG_KEYS
        if extra:
            fail(name, "", f"{origin}: unknown key(s) {sorted(extra)}")
        d = by_name[name]
        for field in ("brand_names", "aliases", "cautions"):
            for v in entry.get(field, []):
                if v not in d[field]:
                    d[field].append(v)
        forms = {f["id"]: f for f in d["formulations"]}
        for f in entry.get("formulations", []):
            fid = f.get("id")
            if "replaces_reference" in f or "amend" in f:
                if fid not in forms:
                    fail(name, f"formulations[{fid}]", f"{origin}: no such formulation to change")
                if name in changed and fid in changed[name]:
                    fail(name, f"formulations[{fid}]", f"{origin}: changed twice")
                changed.setdefault(name, set()).add(fid)
            if "replaces_reference" in f:
                body = {k: v for k, v in f.items() if k != "replaces_reference"}
                forms[fid].clear()
                forms[fid].update(complete_formulation(name, body))
            elif "amend" in f:
                fields = set(f) - {"id", "amend"}
                if fields - AMENDABLE:
                    fail(name, f"formulations[{fid}]", f"{origin}: an amendment may set only {sorted(AMENDABLE)}")
                for k in fields:
                    forms[fid][k] = f[k]
            else:
                if fid in forms:
                    fail(name, f"formulations[{fid}]", f"{origin}: the id is taken")
                new = complete_formulation(name, f)
                d["formulations"].append(new)
                forms[fid] = new
        d["max_daily_dose"].extend(ordered_max(m) for m in entry.get("max_daily_dose", []))


def apply_supplements(doc: dict[str, Any], directory: pathlib.Path) -> dict[str, set[str]]:
    """Every data/sources/*.json in name order; returns the reference formulations changed."""
    changed: dict[str, set[str]] = {}
    for path in sorted(directory.glob("*.json")):
        with open(path, encoding="utf-8") as f:
            apply_supplement(doc, json.load(f), path.name, changed)
    doc["drugs"] = [{k: d[k] for k in DRUG_ORDER if k in d} for d in doc["drugs"]]
    return changed


# ---------------------------------------------------------------------------------------
# validation against docs/drug-data.md

STATUSES = ("verified", "secondary", "unverified", "user-supplied")
DRUG_KEYS = {"name", "class", "class_label", "aliases", "brand_names", "default_target",
             "targets", "half_life", "formulations", "equivalents", "max_daily_dose", "cautions",
             "notes"}
TARGET_KEYS = {"id", "receptor", "model", "emax", "ed50_mg", "hill", "region", "source",
               "status", "notes"}
FORM_KEYS = {"id", "form", "strength", "unit", "scored", "splittable", "modified_release",
             "enteric_coated", "bioavailability_vs_tablet", "drop_volume_ml",
             "beads_per_capsule", "must_dilute", "dispersible", "orodispersible",
             "doses_per_day", "regions", "brand", "excipient_cautions", "source", "status",
             "notes"}
HL_KEYS = {"parent_h", "metabolite", "source", "status"}
MET_KEYS = {"name", "range_h", "source", "status"}
EQ_KEYS = {"dose_mg", "source", "status"}
MAX_KEYS = {"dose_mg", "region", "population", "indication", "source", "status", "notes"}
UNIT_FOR_FORM = {"tablet": "mg", "capsule": "mg", "beads": "mg", "liquid": "mg/mL", "drops": "mg/mL"}


def is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def validate(doc: dict[str, Any]) -> None:
    if set(doc) != {"format", "version", "drugs"}:
        fail("", "", f"top-level keys {sorted(doc)}")
    if doc["format"] != "taper-formulary" or doc["version"] != 1:
        fail("", "format", "expected taper-formulary version 1")
    if not isinstance(doc["drugs"], list):
        fail("", "drugs", "expected a list")

    owners: dict[str, str] = {}  # lower-case lookup key -> drug

    for d in doc["drugs"]:
        name = d.get("name")
        if not isinstance(name, str) or not name.strip():
            fail("", "name", "non-empty string required")
        n = name

        def keys(obj: Any, allowed: set[str], field: str) -> None:
            if not isinstance(obj, dict):
                fail(n, field, "expected an object")
            extra = set(obj) - allowed
            if extra:
                fail(n, f"{field}.{sorted(extra)[0]}" if field else sorted(extra)[0], "unknown key")

        def status_and_source(obj: dict[str, Any], field: str, numbers: list[Any]) -> None:
            if obj.get("status") not in STATUSES:
                fail(n, f"{field}.status", f"{obj.get('status')!r} is not a status")
            src = obj.get("source")
            if not isinstance(src, str):
                fail(n, f"{field}.source", "expected a string")
            if any(v is not None for v in numbers) and not src.strip():
                fail(n, f"{field}.source", "a non-null number needs a non-empty source")

        def boolean(v: Any, field: str) -> None:
            if v is not None and not isinstance(v, bool):
                fail(n, field, f"expected true, false or null, found {v!r}")

        def positive_or_null(v: Any, field: str) -> None:
            if v is not None and not (is_number(v) and v > 0):
                fail(n, field, f"expected a number > 0 or null, found {v!r}")

        def range_or_null(v: Any, field: str) -> None:
            if v is None:
                return
            if not (isinstance(v, list) and len(v) == 2 and all(is_number(x) for x in v)
                    and 0 < v[0] <= v[1]):
                fail(n, field, f"expected [low, high] with 0 < low <= high, or null; found {v!r}")

        def unique_id(obj: dict[str, Any], list_field: str, seen: set[str]) -> str:
            """The object's id: a non-empty string not used before in this list of the drug."""
            oid = obj.get("id")
            if not isinstance(oid, str) or not oid:
                fail(n, f"{list_field}[].id", "non-empty id required")
            if oid in seen:
                fail(n, f"{list_field}[{oid}]", "id is not unique within the drug")
            seen.add(oid)
            return oid

        def string_list(v: Any, field: str) -> None:
            if not isinstance(v, list) or not all(isinstance(s, str) and s.strip() for s in v):
                fail(n, field, "expected a list of non-empty strings")

        keys(d, DRUG_KEYS, "")
        if d.get("class") not in CLASSES:
            fail(n, "class", f"{d.get('class')!r} is not a class")
        if not isinstance(d.get("class_label"), str) or not d["class_label"]:
            fail(n, "class_label", "expected a non-empty string")
        for field in ("aliases", "brand_names", "cautions"):
            string_list(d.get(field), field)
        if not isinstance(d.get("notes"), str):
            fail(n, "notes", "expected a string")

        # every lookup key is unique across the whole file (case-insensitive, trimmed)
        for field, values in (("name", [name]), ("aliases", d["aliases"]),
                              ("brand_names", d["brand_names"])):
            for v in values:
                k = v.strip().lower()
                if k in owners:
                    fail(n, field, f"{v!r} already names {owners[k]}")
                owners[k] = n

        ids: set[str] = set()
        for t in d.get("targets", []):
            keys(t, TARGET_KEYS, "targets[]")
            f = f"targets[{unique_id(t, 'targets', ids)}]"
            if not isinstance(t.get("receptor"), str) or not t["receptor"]:
                fail(n, f + ".receptor", "required")
            if t.get("model") != "emax":
                fail(n, f + ".model", "only emax")
            if t["emax"] is not None and not (is_number(t["emax"]) and 0 < t["emax"] < 200):
                fail(n, f + ".emax", "expected a number in (0, 200) or null")
            positive_or_null(t["ed50_mg"], f + ".ed50_mg")
            positive_or_null(t["hill"], f + ".hill")
            if t["region"] is not None and not (isinstance(t["region"], str) and t["region"]):
                fail(n, f + ".region", "expected a non-empty string or null")
            if not isinstance(t.get("notes"), str):
                fail(n, f + ".notes", "expected a string")
            status_and_source(t, f, [t["emax"], t["ed50_mg"], t["hill"]])
        if "default_target" in d:
            if d["default_target"] not in ids:
                fail(n, "default_target", f"{d['default_target']!r} is not one of the drug's targets")
        elif ids:
            fail(n, "default_target", "missing although the drug has targets")

        hl = d.get("half_life")
        keys(hl, HL_KEYS, "half_life")
        range_or_null(hl.get("parent_h"), "half_life.parent_h")
        status_and_source(hl, "half_life", [hl.get("parent_h")])
        met = hl.get("metabolite")
        if met is not None:
            keys(met, MET_KEYS, "half_life.metabolite")
            if not isinstance(met.get("name"), str) or not met["name"]:
                fail(n, "half_life.metabolite.name", "required")
            range_or_null(met.get("range_h"), "half_life.metabolite.range_h")
            status_and_source(met, "half_life.metabolite", [met.get("range_h")])

        fids: set[str] = set()
        for fo in d.get("formulations", []):
            keys(fo, FORM_KEYS, "formulations[]")
            f = f"formulations[{unique_id(fo, 'formulations', fids)}]"
            form = fo.get("form")
            if form not in UNIT_FOR_FORM:
                fail(n, f + ".form", f"{form!r} is not a form")
            if fo.get("unit") != UNIT_FOR_FORM[form]:
                fail(n, f + ".unit", f"{fo.get('unit')!r} does not fit a {form}")
            s = fo.get("strength")
            if s is not None:
                values = s if isinstance(s, list) else [s]
                if not values or not all(is_number(v) and v > 0 for v in values):
                    fail(n, f + ".strength", f"expected a number > 0, a non-empty list of them, or null; found {s!r}")
            for b in ("scored", "splittable", "modified_release", "enteric_coated",
                      "must_dilute", "dispersible", "orodispersible"):
                boolean(fo.get(b), f"{f}.{b}")
            times = fo.get("doses_per_day")
            if times is not None and not (isinstance(times, int) and not isinstance(times, bool)
                                          and 1 <= times <= 6):
                fail(n, f + ".doses_per_day", f"expected null or a whole number from 1 to 6, found {times!r}")
            regions = fo.get("regions")
            if regions is not None and not (isinstance(regions, list) and regions
                                            and all(r in REGIONS for r in regions)
                                            and len(set(regions)) == len(regions)):
                fail(n, f + ".regions", f"expected null or a list of distinct {REGIONS}, found {regions!r}")
            if not isinstance(fo.get("brand"), str):
                fail(n, f + ".brand", "expected a string")
            ex = fo.get("excipient_cautions")
            if not isinstance(ex, list) or not all(isinstance(x, str) and x.strip() for x in ex):
                fail(n, f + ".excipient_cautions", "expected a list of non-empty strings")
            positive_or_null(fo.get("bioavailability_vs_tablet"), f + ".bioavailability_vs_tablet")
            positive_or_null(fo.get("drop_volume_ml"), f + ".drop_volume_ml")
            if fo.get("drop_volume_ml") is not None and form != "drops":
                fail(n, f + ".drop_volume_ml", "only drops have a drop volume")
            bpc = fo.get("beads_per_capsule")
            if bpc is not None:
                if form != "beads":
                    fail(n, f + ".beads_per_capsule", "only beads have a bead count")
                counts = bpc if isinstance(bpc, list) else [bpc]
                n_strengths = len(s) if isinstance(s, list) else (0 if s is None else 1)
                if not all(is_number(c) and c > 0 for c in counts) or len(counts) != n_strengths \
                        or (isinstance(bpc, list) != isinstance(s, list)):
                    fail(n, f + ".beads_per_capsule", "one count > 0 per strength")
            if not isinstance(fo.get("notes"), str):
                fail(n, f + ".notes", "expected a string")
            status_and_source(fo, f, [s, fo.get("bioavailability_vs_tablet"),
                                      fo.get("drop_volume_ml"), bpc, regions])

        maxima = d.get("max_daily_dose")
        if not isinstance(maxima, list):
            fail(n, "max_daily_dose", "expected a list")
        max_keys: set[tuple[str, str, str]] = set()
        for m in maxima:
            keys(m, MAX_KEYS, "max_daily_dose[]")
            if m.get("region") not in REGIONS:
                fail(n, "max_daily_dose[].region", f"{m.get('region')!r} is not one of {REGIONS}")
            key = (m["region"], m.get("population", "adults"), m.get("indication", ""))
            f = "max_daily_dose[" + "/".join(k for k in key if k) + "]"
            if key in max_keys:
                fail(n, f, "two entries for one region, population and indication")
            max_keys.add(key)
            if not (is_number(m.get("dose_mg")) and m["dose_mg"] > 0):
                fail(n, f + ".dose_mg", f"expected a number > 0, found {m.get('dose_mg')!r}")
            for k in ("population", "indication", "notes"):
                if k in m and not isinstance(m[k], str):
                    fail(n, f"{f}.{k}", "expected a string")
            if not (isinstance(m.get("source"), str) and m["source"].strip()):
                fail(n, f + ".source", "a licensed maximum needs its source")
            status_and_source(m, f, [m["dose_mg"]])

        eq = d.get("equivalents")
        if eq is not None:
            if not isinstance(eq, dict) or not eq:
                fail(n, "equivalents", "expected a non-empty object of tables")
            for table, entry in eq.items():
                f = f"equivalents.{table}"
                if not table:
                    fail(n, f, "a table needs a name")
                keys(entry, EQ_KEYS, f)
                if "dose_mg" not in entry:
                    fail(n, f + ".dose_mg", "required")
                v = entry["dose_mg"]
                if v is not None and not (is_number(v) and v > 0) and not (
                        isinstance(v, list) and len(v) == 2 and all(is_number(x) and x > 0 for x in v)
                        and v[0] <= v[1]):
                    fail(n, f + ".dose_mg", f"expected a number > 0, [low, high] or null; found {v!r}")
                status_and_source(entry, f, [v])


def cross_check(reference: list[dict[str, Any]], doc: dict[str, Any],
                changed: dict[str, set[str]]) -> None:
    """Every number of the reference, with its source and status, is in the output unchanged,
    except the formulations a supplement replaced or amended (`changed`)."""
    if [d["name"] for d in reference] != [d["name"] for d in doc["drugs"][:len(reference)]]:
        fail("", "drugs", "names or order differ from the reference")
    for ref, out in zip(reference, doc["drugs"]):
        n = ref["name"]
        if len(ref["targets"]) != len(out["targets"]) or len(ref["formulations"]) > len(out["formulations"]):
            fail(n, "", "target count differs, or a reference formulation is missing")
        for rt, ot in zip(ref["targets"], out["targets"]):
            for rk, ok in (("emax", "emax"), ("ed50_mg", "ed50_mg"), ("hill", "hill"),
                           ("region", "region"), ("receptor", "receptor"), ("source", "source"),
                           ("status", "status")):
                if rt[rk] != ot[ok] or type(rt[rk]) is not type(ot[ok]):
                    fail(n, f"targets[{ot['id']}].{ok}", f"{ot[ok]!r} != reference {rt[rk]!r}")
        rh, oh = ref["half_life_h"], out["half_life"]
        if (rh["parent"], rh["source"], rh["status"]) != (oh["parent_h"], oh["source"], oh["status"]):
            fail(n, "half_life", "differs from the reference")
        if (rh["metabolite"] is None) != (oh["metabolite"] is None):
            fail(n, "half_life.metabolite", "presence differs from the reference")
        if rh["metabolite"] is not None:
            rm, om = rh["metabolite"], oh["metabolite"]
            if (rm["name"], rm["range_h"], rm.get("source", rh["source"]), rm.get("status", rh["status"])) \
                    != (om["name"], om["range_h"], om["source"], om["status"]):
                fail(n, "half_life.metabolite", "differs from the reference")
        for rf, of in zip(ref["formulations"], out["formulations"]):
            if of["id"] in changed.get(n, set()):
                continue
            for k in ("form", "strength", "unit", "scored", "splittable", "modified_release",
                      "bioavailability_vs_tablet", "source", "status"):
                if rf[k] != of[k]:
                    fail(n, f"formulations[{of['id']}].{k}", f"{of[k]!r} != reference {rf[k]!r}")
        req, oeq = ref["equivalents"], out.get("equivalents")
        if not req:
            if oeq is not None:
                fail(n, "equivalents", "emitted for an empty reference object")
            continue
        a = oeq["ashton"]
        if (a["dose_mg"], a["source"], a["status"]) != (req["dose_equiv_to_diazepam_10mg"], req["source"], req["status"]):
            fail(n, "equivalents.ashton", "differs from the reference")
        alt = (req.get("alternatives") or {}).get("VA_DoD_2021")
        if alt is None:
            if "va-dod-2021" in oeq:
                fail(n, "equivalents.va-dod-2021", "emitted without a reference value")
        elif (oeq["va-dod-2021"]["dose_mg"], oeq["va-dod-2021"]["status"]) != (alt, req["status"]):
            fail(n, "equivalents.va-dod-2021", "differs from the reference")


# ---------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(f"usage: {argv[0]} path/to/shared/reference/drugs.json [supplement-dir] > data/drugs.json",
              file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            reference = json.load(f)
        doc = convert(reference)
        changed = apply_supplements(doc, pathlib.Path(argv[2]) if len(argv) == 3 else SUPPLEMENT_DIR)
        validate(doc)
        cross_check(reference, doc, changed)
    except (ImportFailure, OSError, json.JSONDecodeError, KeyError, TypeError) as e:
        kind = "" if isinstance(e, ImportFailure) else f"{type(e).__name__}: "
        print(f"import_reference: {kind}{e}", file=sys.stderr)
        return 1
    sys.stdout.write(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
