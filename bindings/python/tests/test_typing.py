"""Type hints from the option schema (issue 9): a type checker catches a misspelt or mistyped
strategy option, and the generated hints are those of the library's schema."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import taper

TOOLS = Path(__file__).resolve().parent.parent / "tools"


def test_the_generated_hints_are_the_libraries_schema() -> None:
    # The TypedDicts and plan()'s overloads, generated now from the library's schema, are what
    # the package holds (run tools/gen_strategy_types.py after changing a strategy's options).
    sys.path.insert(0, str(TOOLS))
    try:
        import gen_strategy_types as gen
    finally:
        sys.path.remove(str(TOOLS))
    schema = gen.library_schema()
    package = Path(taper.__file__).resolve().parent
    assert (package / "_strategy_types.py").read_text() == gen.types_module(schema)
    database = (package / "database.py").read_text()
    assert gen.database_module(database, schema) == database
    assert {s["name"] for s in schema["strategies"]} >= {"hyperbolic", "proportional", "linear", "table"}


def _mypy(tmp_path: Path, body: str) -> tuple[int, str]:
    if os.environ.get("LD_PRELOAD"):
        # Under the sanitizer preload (asan-ubsan preset): type checking never calls the
        # library, and mypy's compiled modules are not what that stage is for.
        pytest.skip("the type check runs in the dev preset, not under a sanitizer preload")
    api = pytest.importorskip("mypy.api", reason="mypy is not installed (run_tests.py installs it when PyPI is reachable)")
    source = tmp_path / "user.py"
    source.write_text(textwrap.dedent(body))
    stage = str(Path(taper.__file__).resolve().parent.parent)
    env_before = os.environ.get("MYPYPATH")
    os.environ["MYPYPATH"] = stage
    try:
        out, err, status = api.run([str(source), "--strict", "--follow-imports=silent", "--no-incremental",
                                    "--cache-dir", str(tmp_path / "cache"), "--python-version", "3.11"])
    finally:
        if env_before is None:
            del os.environ["MYPYPATH"]
        else:
            os.environ["MYPYPATH"] = env_before
    return status, out + err


GOOD = """
    import taper
    r = taper.PlanRequest("citalopram", "20 mg", start="2026-12-01")
    a = taper.plan(r, "hyperbolic", points=5)
    b = taper.plan(r, "proportional", percent=10, final_fraction=0.05)
    c = taper.default_database().plan(r, "diazepam-crossover", range_end="low", tail_step="0.5 mg")
    d = taper.plan(r, taper.Strategy("linear", amount="5 mg"))
"""


def test_a_well_typed_plan_passes_mypy(tmp_path: Path) -> None:
    status, out = _mypy(tmp_path, GOOD)
    assert status == 0, out


@pytest.mark.parametrize("call", [
    'taper.plan(r, "hyperbolic", pointz=5)',                      # a misspelt option
    'taper.plan(r, "hyperbolic", points="5 pp")',                 # a number given as text
    'taper.plan(r, "diazepam-crossover", range_end="middle")',    # not one of its choices
    'taper.default_database().plan(r, "linear", amount=5)',       # a dose needs its unit
    'taper.plan(r, "hyperbolc", points=5)',                       # no such built-in, no registry
])
def test_a_mistyped_option_fails_mypy(tmp_path: Path, call: str) -> None:
    status, out = _mypy(tmp_path, f"""
        import taper
        r = taper.PlanRequest("citalopram", "20 mg", start="2026-12-01")
        s = {call}
    """)
    assert status == 1, out
    # The error is the user's line, and names the call (mypy lists each strategy's options).
    assert 'user.py:4: error: No overload variant of "plan"' in out, out
    assert out.count(": error:") == 1, out
