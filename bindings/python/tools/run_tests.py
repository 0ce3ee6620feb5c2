#!/usr/bin/env python3
"""Runs the Python package's pytest suite against a build tree's libtaper_c (the ctest test
tests/python registers). Exit codes: pytest's, except that "no tests collected" (5) is a
failure, and 77 (ctest's SKIP_RETURN_CODE) when this Python has no venv / ensurepip.

    run_tests.py --library build/dev/src/libtaper_c.so --cdef <build>/taper_cdef.h \
                 --venv <build>/venv --stage <build>/stage [--preload libasan.so]

1. A virtual environment in the build tree (made once, reused), with REQUIREMENTS from PyPI
   (cffi, numpy, pytest, the outputs' checkers: icalendar, ics, fhir.resources,
   matplotlib; pandas and dask[distributed] for the simulation; pip only runs when one of them
   is missing).
2. A staged copy of bindings/python/src/taper (fresh each run, so edits are picked up) plus
   taper/_taper_cffi.py generated from the build's cdef: the layout of the installed
   package, with TAPER_C_LIBRARY naming the library instead of a bundled copy.
3. pytest on bindings/python/tests, which checks that it imported the staged copy.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

SKIP = 77
HERE = Path(__file__).resolve().parent
PACKAGE_ROOT = HERE.parent  # bindings/python
# The outputs' tests (tests/test_outputs.py) read every iCalendar file with two independent
# parsers and every FHIR Bundle with the R4 models of fhir.resources: its 6.1.0 is FHIR 4.0.1
# (R4; 6.2 and later default to R4B, 7 and later to R5) and needs pydantic 1. matplotlib is
# the `plot` extra (Schedule.plot). pandas: Schedule.to_pandas,
# Simulation / Population.to_dataframe. The editable-install test makes its own throwaway
# venv. dask with distributed: tests/test_dask.py runs a population on a LocalCluster sharded by person range
# (examples/dask_population.py), the documented path beyond one machine (docs/simulation.md).
REQUIREMENTS = ["cffi>=1.15", "numpy>=1.22", "pytest>=7", "icalendar>=5", "ics>=0.7,<0.8",
                "fhir.resources==6.1.0", "pydantic>=1.10,<2", "matplotlib>=3.5", "pandas>=1.5"]
IMPORTS = "import cffi, numpy, pytest, icalendar, ics, fhir.resources, matplotlib, pandas"
# Installed after the others and on its own: where it cannot be installed, test_dask.py
# skips and says why, and the rest of the suite still runs.
# mypy: tests/test_typing.py checks that a misspelt strategy option fails the type check.
OPTIONAL = {"dask[distributed]>=2023.1": "import dask.distributed", "mypy>=1.5": "import mypy.api"}


def say(message: str) -> None:
    print(f"python tests: {message}", flush=True)


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv(venv: Path) -> Path | None:
    python = venv_python(venv)
    if python.exists():
        probe = subprocess.run([str(python), "-c", "import sys"], capture_output=True)
        if probe.returncode == 0:
            return python
        say(f"the virtual environment {venv} is broken; making it again")
        shutil.rmtree(venv, ignore_errors=True)
    try:
        import ensurepip  # noqa: F401
        import venv as venv_module  # noqa: F401
    except ImportError as exc:
        say(f"SKIPPED: {sys.executable} has no working venv/ensurepip ({exc}); on Debian install "
            "python3-venv to run the Python tests")
        return None
    say(f"making a virtual environment in {venv} with {sys.executable}")
    result = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True)
    if result.returncode != 0:
        if "ensurepip" in result.stdout + result.stderr:
            say(f"SKIPPED: `{sys.executable} -m venv` cannot install pip (ensurepip is missing); "
                "on Debian install python3-venv to run the Python tests")
            shutil.rmtree(venv, ignore_errors=True)
            return None
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"python tests: `{sys.executable} -m venv {venv}` failed")
    return python


def ensure_requirements(python: Path) -> None:
    have = subprocess.run([str(python), "-c", IMPORTS], capture_output=True)
    if have.returncode == 0:
        return
    say(f"installing {', '.join(REQUIREMENTS)} from PyPI into the virtual environment")
    result = subprocess.run([str(python), "-m", "pip", "install", "--disable-pip-version-check",
                             "--quiet", *REQUIREMENTS])
    if result.returncode != 0:
        raise SystemExit("python tests: pip could not install the test requirements (is PyPI "
                         "reachable? a pip cache or a local index also works: PIP_INDEX_URL)")


def ensure_optional(python: Path) -> None:
    for requirement, probe in OPTIONAL.items():
        if subprocess.run([str(python), "-c", probe], capture_output=True).returncode == 0:
            continue
        say(f"installing {requirement} from PyPI into the virtual environment")
        result = subprocess.run([str(python), "-m", "pip", "install", "--disable-pip-version-check",
                                 "--quiet", requirement])
        if result.returncode != 0:
            say(f"could not install {requirement}: the tests that need it will be skipped")


def stage_package(python: Path, cdef: Path, stage: Path) -> Path:
    target = stage / "taper"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(PACKAGE_ROOT / "src" / "taper", target,
                    ignore=shutil.ignore_patterns("__pycache__", "_taper_cffi.py", "libtaper_c*"))
    result = subprocess.run([str(python), str(HERE / "gen_ffi.py"), "--cdef", str(cdef),
                             "--out", str(target / "_taper_cffi.py")], capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit("python tests: generating taper/_taper_cffi.py failed")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", required=True, type=Path, help="the built libtaper_c")
    parser.add_argument("--cdef", required=True, type=Path, help="cffi-ready header from the build")
    parser.add_argument("--venv", required=True, type=Path)
    parser.add_argument("--stage", required=True, type=Path)
    parser.add_argument("--preload", default="", help="LD_PRELOAD for pytest (ASan runtime)")
    parser.add_argument("pytest_args", nargs="*", help="extra pytest arguments")
    args = parser.parse_args()

    if not args.library.is_file():
        raise SystemExit(f"python tests: the library {args.library} does not exist; build taper_c")
    python = ensure_venv(args.venv)
    if python is None:
        return SKIP
    ensure_requirements(python)
    ensure_optional(python)
    package = stage_package(python, args.cdef, args.stage)

    env = dict(os.environ)
    env.update({
        "TAPER_C_LIBRARY": str(args.library.resolve()),
        "TAPER_EXPECT_PACKAGE_DIR": str(package),
        "PYTHONPATH": str(args.stage),
        "PYTHONDONTWRITEBYTECODE": "1",
    })
    env.pop("PYTHONHOME", None)
    if args.preload:
        # A sanitized libtaper_c needs the ASan runtime loaded first. CPython does not free
        # everything at exit by design, so leak reports would be about the interpreter:
        # leaks are checked by the C tests (valgrind, LSan); here ASan watches memory errors.
        env["LD_PRELOAD"] = args.preload
        env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") + ":detect_leaks=0").lstrip(":")
    command = [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider",
               "--rootdir", str(PACKAGE_ROOT), str(PACKAGE_ROOT / "tests"), *args.pytest_args]
    say(" ".join(command))
    rc = subprocess.run(command, env=env, cwd=str(args.stage)).returncode
    if rc == 5:
        say("FAILED: pytest collected no tests")
        return 1
    return rc


if __name__ == "__main__":
    sys.exit(main())
