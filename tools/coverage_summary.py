#!/usr/bin/env python3
"""Line and branch coverage of src/ and include/ per folder, from a build of the `coverage`
preset after its tests have run (docs/reliability.md):

    cmake --workflow --preset coverage
    python3 tools/coverage_summary.py build/coverage

Runs gcovr (Debian: gcovr) over the build's .gcda files. Branches are counted without the
edges a compiler adds for exceptions (gcovr --exclude-throw-branches), and only in taper's own
code (src/ and include/; the generated embedded data and the tests are left out). Prints one
row per folder, the totals, and every file under 90% of its lines. --fail-under-line and
--fail-under-branch make it exit 1 below those totals.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def folder_of(path):
    parts = path.split("/")
    if parts[0] == "include" and len(parts) > 3:
        return "/".join(parts[:3]) + "/"          # include/taper/plan/
    if parts[0] == "include":
        return "/".join(parts[:-1]) + "/"         # include/taper/, include/
    return "/".join(parts[:2]) + "/" if len(parts) > 2 else "src/"


def percent(covered, total):
    return 100.0 * covered / total if total else 100.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", help="the coverage build directory, e.g. build/coverage")
    parser.add_argument("--fail-under-line", type=float, default=0)
    parser.add_argument("--fail-under-branch", type=float, default=0)
    parser.add_argument("--json", help="also write the per-file summary here")
    a = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        summary_path = a.json or os.path.join(tmp, "summary.json")
        subprocess.run(["gcovr", "--root", ROOT, "--object-directory", os.path.abspath(a.build),
                        "--filter", os.path.join(ROOT, "src") + "/", "--filter", os.path.join(ROOT, "include") + "/",
                        "--exclude-throw-branches", "--exclude-unreachable-branches",
                        # Tests run in parallel (ctest -j2) update one .gcda at once; without
                        # -fprofile-update=atomic (the preset sets it) a branch count can come
                        # out negative, which gcovr 5.2 refuses: report that branch, not abort.
                        "--gcov-ignore-parse-errors",
                        # CMake's compiler checks are instrumented too but never run: not ours.
                        "--exclude-directories", r".*/CMakeFiles/[0-9][0-9.]*/.*",
                        "--json-summary", summary_path, "--json-summary-pretty", "--print-summary"],
                       check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        with open(summary_path, encoding="utf-8") as f:
            files = json.load(f)["files"]

    per_folder = collections.defaultdict(lambda: [0, 0, 0, 0])
    low = []
    for entry in files:
        name = entry["filename"]
        row = per_folder[folder_of(name)]
        row[0] += entry["line_covered"]
        row[1] += entry["line_total"]
        row[2] += entry["branch_covered"]
        row[3] += entry["branch_total"]
        if entry["line_total"] and percent(entry["line_covered"], entry["line_total"]) < 90:
            low.append((percent(entry["line_covered"], entry["line_total"]), name))

    print(f"{'folder':<28} {'lines':>16} {'branches (no throw)':>22}")
    totals = [0, 0, 0, 0]
    for folder in sorted(per_folder):
        lc, lt, bc, bt = per_folder[folder]
        totals = [t + v for t, v in zip(totals, (lc, lt, bc, bt))]
        print(f"{folder:<28} {percent(lc, lt):6.1f}% {lc:>4}/{lt:<5} {percent(bc, bt):8.1f}% {bc:>5}/{bt:<5}")
    lc, lt, bc, bt = totals
    line_total, branch_total = percent(lc, lt), percent(bc, bt)
    print(f"{'total':<28} {line_total:6.1f}% {lc:>4}/{lt:<5} {branch_total:8.1f}% {bc:>5}/{bt:<5}")
    if low:
        print("files under 90% of lines:")
        for p, name in sorted(low):
            print(f"  {p:5.1f}%  {name}")
    failed = line_total < a.fail_under_line or branch_total < a.fail_under_branch
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
