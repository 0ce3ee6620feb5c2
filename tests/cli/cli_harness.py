"""What the two CLI test scripts share (cli_test.py and forms_cli_test.py): the runner that
starts `taper`, the contracts of success and failure, the plan invariants, the case registry
and the command line that runs one case.
"""
import argparse
import datetime
import json
import os
import subprocess
import sys

START = ["--start", "2026-12-01"]


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def close(a, b, tolerance, what):
    check(abs(a - b) <= tolerance, f"{what}: {a} is not within {tolerance} of {b}")


class Runner:
    def __init__(self, taper, schema):
        self.taper = taper
        self.schema_path = schema

    def run(self, *args):
        # Bytes decoded by hand: text mode would turn the CSV's CRLF into LF.
        p = subprocess.run([self.taper, *args], capture_output=True, timeout=60, env={**os.environ, "LC_ALL": "C"})
        return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")

    def ok(self, *args):
        code, out, err = self.run(*args)
        check(code == 0, f"exit {code} for {args}; stderr: {err}")
        check(err == "", f"stderr not empty for {args}: {err}")
        check(out != "", f"nothing on stdout for {args}")
        return out

    def fails(self, needles, *args):
        """A bad input: non-zero exit, stderr naming the problem, stdout empty."""
        code, out, err = self.run(*args)
        check(code != 0, f"exit 0 for bad input {args}; stdout: {out[:300]}")
        check(out == "", f"stdout not empty for bad input {args}: {out[:300]}")
        check(err.strip() != "", f"stderr empty for bad input {args}")
        for needle in needles:
            check(needle.lower() in err.lower(), f"stderr for {args} does not mention {needle!r}: {err}")

    def validate(self, document):
        try:
            import jsonschema  # Debian: python3-jsonschema
        except ImportError:
            raise Failure(f"{sys.executable} cannot import jsonschema: run `bash cmake/install-deps.sh` "
                          "(python3-jsonschema), or set TAPER_CLI_TEST_PYTHON to a Python that has it")
        with open(self.schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        cls(schema, format_checker=jsonschema.FormatChecker()).validate(document)

    def plan_json(self, *args):
        document = json.loads(self.ok("plan", *args, "--format", "json"))
        self.validate(document)
        check_invariants(document)
        return document


def check_invariants(d):
    """What any plan must satisfy, whatever the strategy."""
    steps = d["steps"]
    check(d["start"] == steps[0]["start"], "plan start is not step 1's start")
    check(d["end"] == steps[-1]["end"], "plan end is not the last step's end")
    previous = d["start_equivalent_daily_dose_mg"]
    for i, s in enumerate(steps):
        check(s["number"] == i + 1, f"step numbers not 1, 2, ...: {s['number']} at {i}")
        if i > 0:
            check(s["start"] == steps[i - 1]["end"], f"step {i + 1} does not start when step {i} ends")
        start = datetime.date.fromisoformat(s["start"])
        check(datetime.date.fromisoformat(s["end"]) == start + datetime.timedelta(days=s["length_days"]),
              f"step {i + 1}: end is not start + length")
        check(datetime.date.fromisoformat(s["last_day"]) == start + datetime.timedelta(days=s["length_days"] - 1),
              f"step {i + 1}: last_day is not the day before end")
        dose = s["equivalent_daily_dose_mg"]
        check(dose <= previous * (1 + 1e-9), f"step {i + 1}: the dose rises from {previous} to {dose}")
        close(s["change_mg"], previous - dose, 1e-9 * max(1, previous), f"step {i + 1} change_mg")
        if previous > 0:
            close(s["change_percent"], 100 * (previous - dose) / previous, 1e-9, f"step {i + 1} change_percent")
        if d["basis"] == "own_mg":
            close(sum(line["amount_mg"] for line in s["doses"]), s["daily_dose_mg"], 1e-9 * max(1, dose),
                  f"step {i + 1}: dose lines do not add up to the daily dose")
        previous = dose
    check(steps[-1]["phase"] == "stop", "the last step is not the stop step")
    check(d["final_equivalent_daily_dose_mg"] == steps[-1]["equivalent_daily_dose_mg"], "final dose mismatch")


class Cases(dict):
    """The cases of one script by name: `@CASES.case` on a function, or CASES.bad(...)."""

    def case(self, fn):
        self[fn.__name__] = fn
        return fn

    def bad(self, name, needles, *args):
        self[name] = lambda r: r.fails(needles, *args)


def main(cases, doc):
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print the case names, one a line")
    parser.add_argument("--taper", help="the taper executable")
    parser.add_argument("--schema", help="docs/schedule.schema.json")
    parser.add_argument("case", nargs="?")
    a = parser.parse_args()
    if a.list:
        print("\n".join(cases))
        return 0
    if a.case not in cases:
        print(f"unknown case {a.case!r}", file=sys.stderr)
        return 2
    try:
        cases[a.case](Runner(a.taper, a.schema))
    except Failure as e:
        print(f"FAIL {a.case}: {e}", file=sys.stderr)
        return 1
    print(f"ok {a.case}")
    return 0
