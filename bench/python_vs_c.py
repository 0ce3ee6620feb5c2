#!/usr/bin/env python3
"""Generating and reading 10,000 plans from Python (the taper package, bulk accessor) against
the same work in C through the C ABI (bench/python_vs_c.c). Target (issue 5): Python < 3x C.
With --work realize: realizing one such plan with 10 mg tablets and the 2 mg/mL liquid and
reading every step's dose as taken and every dose-time's instruction (issue 9: at most 3x C).

    cmake --preset release && cmake --build --preset release --target taper_c
    python3 bench/python_vs_c.py --library build/release/src/libtaper_c.so

Both sides plan citalopram 20 mg a day, hyperbolic, 5 points a step (15 steps) from one
request, options and database made once, and read every step's numbers with one call of
taper_schedule_columns into fresh arrays (Python: Schedule.to_numpy()). Rounds alternate C
and Python so that a change in machine load falls on both; the script prints wall and CPU
time per plan (minimum and median over the rounds) and the ratio.

Needs a C compiler (cc), and a Python with cffi and numpy. The taper package is imported as
installed; if it is not, it is staged from bindings/python/src with a cffi module generated
from include/taper.h (cmake -P src/capi/generate_cdef.cmake, then tools/gen_ffi.py).
Figures and the machine they were taken on: docs/performance.md.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def build_c(library: Path, work: Path, cc: str) -> Path:
    exe = work / "python_vs_c"
    command = [cc, "-O2", "-std=c11", "-Wall", "-Wextra", "-Werror", f"-I{REPO / 'include'}",
               str(REPO / "bench" / "python_vs_c.c"), str(library),
               f"-Wl,-rpath,{library.resolve().parent}", "-o", str(exe)]
    subprocess.run(command, check=True)
    return exe


def import_taper(library: Path, work: Path):  # noqa: ANN201 - the module
    os.environ["TAPER_C_LIBRARY"] = str(library.resolve())
    try:
        import taper  # noqa: F401
    except ImportError:
        stage = work / "stage"
        shutil.copytree(REPO / "bindings" / "python" / "src" / "taper", stage / "taper",
                        ignore=shutil.ignore_patterns("__pycache__", "_taper_cffi.py", "libtaper_c*"))
        cdef = work / "taper_cdef.h"
        subprocess.run(["cmake", f"-DHEADER={REPO / 'include' / 'taper.h'}",
                        f"-DVERSION_HEADER={REPO / 'include' / 'taper' / 'version.hpp'}",
                        f"-DOUTPUT={cdef}", "-P", str(REPO / "src" / "capi" / "generate_cdef.cmake")],
                       check=True)
        subprocess.run([sys.executable, str(REPO / "bindings" / "python" / "tools" / "gen_ffi.py"),
                        "--cdef", str(cdef), "--out", str(stage / "taper" / "_taper_cffi.py")],
                       check=True, stdout=subprocess.DEVNULL)
        sys.path.insert(0, str(stage))
        for name in [m for m in sys.modules if m == "taper" or m.startswith("taper.")]:
            del sys.modules[name]
    import taper

    if Path(taper.library_path).resolve() != library.resolve():
        raise SystemExit(f"taper loaded {taper.library_path}, not {library}")
    return taper


def python_round(taper, n: int) -> tuple[float, float, float]:  # noqa: ANN001
    db = taper.default_database()
    request = taper.PlanRequest("citalopram", "20 mg", start="2026-12-01")
    strategy = taper.Strategy("hyperbolic", points=5)
    plan = taper.plan
    wall0, cpu0 = time.perf_counter(), time.process_time()
    checksum = 0.0
    for _ in range(n):
        arrays = plan(request, strategy, database=db).to_numpy()
        checksum += arrays.equivalent_daily_dose_mg[-2]
    return time.perf_counter() - wall0, time.process_time() - cpu0, checksum


def python_steps_round(taper, n: int) -> float:  # noqa: ANN001
    """The same plans read step by step as Step dataclasses (no bulk accessor)."""
    db = taper.default_database()
    request = taper.PlanRequest("citalopram", "20 mg", start="2026-12-01")
    strategy = taper.Strategy("hyperbolic", points=5)
    cpu0 = time.process_time()
    for _ in range(n):
        steps = taper.plan(request, strategy, database=db).steps
        assert len(steps) == 15
    return time.process_time() - cpu0


def python_realize_round(taper, n: int) -> tuple[float, float, float]:  # noqa: ANN001
    """Realize the plan n times and read what an app shows: each step's dose as taken and
    each dose-time's instruction (python_vs_c.c, realize_rounds, does the same in C)."""
    db = taper.default_database()
    schedule = taper.plan(taper.PlanRequest("citalopram", "20 mg", start="2026-12-01"),
                          taper.Strategy("hyperbolic", points=5), database=db)
    forms = db.forms_on_hand("citalopram", "10 mg tablet, 2 mg/mL liquid")
    realize = taper.realize
    wall0, cpu0 = time.perf_counter(), time.process_time()
    checksum = 0.0
    for _ in range(n):
        for step in realize(schedule, forms).steps:
            checksum += step.realized_daily_mg
            for recipe in step.recipes:
                checksum += len(recipe.instruction.encode("utf-8"))
    return time.perf_counter() - wall0, time.process_time() - cpu0, checksum


WORK = {"plan": python_round, "realize": python_realize_round}


def c_round(exe: Path, n: int, work: str = "plan") -> tuple[float, float, float]:
    command = [str(exe), str(n), "1"] + (["realize"] if work == "realize" else [])
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    wall, cpu, checksum = out.split()
    return float(wall), float(cpu), float(checksum)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, default=REPO / "build" / "release" / "src" / "libtaper_c.so",
                        help="libtaper_c to measure (default: the release preset's)")
    parser.add_argument("--plans", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--cc", default=os.environ.get("CC", "cc"))
    parser.add_argument("--work", choices=sorted(WORK), default="plan",
                        help="plan: plan and read the columns (issue 5); realize: realize a plan and "
                             "read its doses and instructions (issue 9)")
    args = parser.parse_args()
    if not args.library.is_file():
        raise SystemExit(f"{args.library} does not exist: build it (cmake --preset release && "
                         "cmake --build --preset release --target taper_c) or pass --library")

    with tempfile.TemporaryDirectory(prefix="taper-bench-") as tmp:
        work = Path(tmp)
        exe = build_c(args.library, work, args.cc)
        taper = import_taper(args.library, work)

        # Same plan (or realization) on both sides, to the last bit.
        extra = ["0", "1", "realize"] if args.work == "realize" else ["0"]
        c_doses = [float(x) for x in subprocess.run([str(exe)] + extra, check=True, capture_output=True,
                                                      text=True).stdout.split()]
        plan = taper.plan(taper.PlanRequest("citalopram", "20 mg", start="2026-12-01"), "hyperbolic", points=5)
        if args.work == "realize":
            forms = taper.default_database().forms_on_hand("citalopram", "10 mg tablet, 2 mg/mL liquid")
            py_doses = [s.realized_daily_mg for s in taper.realize(plan, forms).steps]
        else:
            py_doses = plan.to_numpy().dose_mg.tolist()
        if c_doses != py_doses:
            raise SystemExit(f"C and Python differ:\n{c_doses}\n{py_doses}")
        python_work = WORK[args.work]

        # Warm-up (page cache, branch predictors, the embedded database's first copy).
        c_round(exe, args.plans // 10, args.work)
        python_work(taper, args.plans // 10)

        c_wall, c_cpu, py_wall, py_cpu = [], [], [], []
        for r in range(args.rounds):
            cw, cc_, c_sum = c_round(exe, args.plans, args.work)
            pw, pc, p_sum = python_work(taper, args.plans)
            if abs(c_sum - p_sum) > 1e-9 * abs(c_sum):
                raise SystemExit(f"checksums differ: C {c_sum!r}, Python {p_sum!r}")
            c_wall.append(cw)
            c_cpu.append(cc_)
            py_wall.append(pw)
            py_cpu.append(pc)
            print(f"round {r + 1}: C {cw:.3f} s wall / {cc_:.3f} s CPU; "
                  f"Python {pw:.3f} s wall / {pc:.3f} s CPU  ({pc / cc_:.2f}x CPU)", flush=True)
        steps_cpu = python_steps_round(taper, args.plans // 10) * 10 if args.work == "plan" else None

        per = 1e6 / args.plans
        load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
        print()
        what = ("realizations of one plan with 10 mg tablets and 2 mg/mL liquid" if args.work == "realize"
                else "plans")
        print(f"{args.plans} {what} (citalopram 20 mg, hyperbolic, 5 points: 15 steps), "
              f"{args.rounds} rounds; per {args.work}:")
        print("| | min wall | median wall | min CPU | median CPU |")
        print("| --- | --- | --- | --- | --- |")
        python_name = "Python, realize().steps" if args.work == "realize" else "Python, to_numpy()"
        for name, wall, cpu in (("C through the ABI", c_wall, c_cpu), (python_name, py_wall, py_cpu)):
            print(f"| {name} | {min(wall) * per:.2f} µs | {statistics.median(wall) * per:.2f} µs | "
                  f"{min(cpu) * per:.2f} µs | {statistics.median(cpu) * per:.2f} µs |")
        print(f"| ratio Python / C | {min(py_wall) / min(c_wall):.2f}x | "
              f"{statistics.median(py_wall) / statistics.median(c_wall):.2f}x | "
              f"{min(py_cpu) / min(c_cpu):.2f}x | {statistics.median(py_cpu) / statistics.median(c_cpu):.2f}x |")
        print()
        if steps_cpu is not None:
            print(f"Python reading the same plans as Step dataclasses instead (schedule.steps, "
                  f"{args.plans // 10} plans): {steps_cpu * per:.1f} µs CPU per plan")
        print(f"library {args.library.resolve()}; taper {taper.version()}; Python "
              f"{platform.python_version()}; cffi {__import__('cffi').__version__}; numpy "
              f"{__import__('numpy').__version__}; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
        ratio = statistics.median(py_cpu) / statistics.median(c_cpu)
        print(f"target Python < 3x C: {'met' if ratio < 3 else 'NOT met'} ({ratio:.2f}x, median CPU)")
        return 0 if ratio < 3 else 1


if __name__ == "__main__":
    sys.exit(main())
