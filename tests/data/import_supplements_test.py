"""The importer's checks on the project's own sourced supplements (data/sources/*.json):
no value without a source, every strength positive and finite, no silent change to a
reference number. Each case writes one bad supplement to a temporary folder and expects the
importer to stop naming the drug and field; the real supplements must pass, and in their
output every object that holds a number must cite a source.

    python3 tests/data/import_supplements_test.py <importer> <reference>
"""
import json
import math
import pathlib
import subprocess
import sys
import tempfile


def run(importer: str, reference: str, supplement: dict | None) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as d:
        if supplement is not None:
            pathlib.Path(d, "10-test.json").write_text(json.dumps(supplement), encoding="utf-8")
        return subprocess.run([sys.executable, importer, reference, d], capture_output=True, text=True)


def doc(*drugs: dict) -> dict:
    return {"format": "taper-supplement", "version": 1, "drugs": list(drugs)}


def product(**kw) -> dict:
    p = {"id": "tablet-test", "form": "tablet", "strength": [10], "unit": "mg",
         "source": "Test SmPC", "status": "verified", "regions": ["uk"]}
    p.update(kw)
    return p


BAD = [
    ("a product without a source",
     doc({"name": "citalopram", "formulations": [product(source="")]}), "source"),
    ("a negative strength",
     doc({"name": "citalopram", "formulations": [product(strength=[-5])]}), "strength"),
    ("a zero strength",
     doc({"name": "citalopram", "formulations": [product(strength=[0])]}), "strength"),
    ("an infinite strength",
     doc({"name": "citalopram", "formulations": [product(strength=[math.inf])]}), "strength"),
    ("a region that is not uk or us",
     doc({"name": "citalopram", "formulations": [product(regions=["fr"])]}), "regions"),
    ("a maximum without a source",
     doc({"name": "citalopram", "max_daily_dose": [{"region": "uk", "dose_mg": 40, "source": "", "status": "verified"}]}),
     "max_daily_dose"),
    ("a maximum that is not a positive number",
     doc({"name": "citalopram", "max_daily_dose": [{"region": "uk", "dose_mg": -40, "source": "x", "status": "verified"}]}),
     "dose_mg"),
    ("an amendment that changes a reference number",
     doc({"name": "citalopram", "formulations": [{"id": "tablet", "amend": "why", "strength": [99]}]}), "amendment"),
    ("a new drug's half-life without a source",
     doc({"name": "testamine", "new": True, "class": "tricyclic", "class_label": "TCA",
          "half_life": {"parent_h": [10, 20], "source": "", "status": "verified"},
          "formulations": [product()]}), "half_life"),
    ("a new drug under another drug's brand name",
     doc({"name": "testamine", "new": True, "class": "tricyclic", "class_label": "TCA", "brand_names": ["Cipramil"],
          "half_life": {"parent_h": None, "source": "x", "status": "unverified"}, "formulations": [product()]}),
     "Cipramil"),
]


def main(importer: str, reference: str) -> int:
    if not pathlib.Path(reference).is_file():
        print(f"SKIP: no reference at {reference}")
        return 77
    failures = 0
    for what, supplement, expected in BAD:
        r = run(importer, reference, supplement)
        if r.returncode == 0 or expected not in r.stderr:
            print(f"FAIL: {what}: exit {r.returncode}, stderr {r.stderr.strip()!r} (expected {expected!r})")
            failures += 1
    # The real data: imports, and every object holding a number cites a source.
    r = subprocess.run([sys.executable, importer, reference], capture_output=True, text=True)
    if r.returncode != 0:
        print(f"FAIL: the project's supplements do not import: {r.stderr}")
        return 1
    out = json.loads(r.stdout)

    def walk(obj, where):
        nonlocal failures
        if isinstance(obj, dict):
            numbers = [v for k, v in obj.items() if k not in ("version",) and
                       (isinstance(v, (int, float)) and not isinstance(v, bool) or
                        isinstance(v, list) and any(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v))]
            if numbers and "source" in obj and not str(obj["source"]).strip():
                print(f"FAIL: {where} holds {numbers} without a source")
                failures += 1
            if numbers and "source" not in obj and where.count("/") > 1:
                print(f"FAIL: {where} holds {numbers} and has no source field")
                failures += 1
            for k, v in obj.items():
                walk(v, f"{where}/{obj.get('name', obj.get('id', k))}" if isinstance(v, (dict, list)) else where)
        elif isinstance(obj, list):
            for i, v in enumerate(obj):
                walk(v, where)

    for d in out["drugs"]:
        walk(d, d["name"])
    print(f"{len(BAD)} bad supplements refused; {len(out['drugs'])} drugs, every number sourced"
          if not failures else f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
