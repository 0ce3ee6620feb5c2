"""Shared fixtures. The suite runs against whatever `import taper` finds: the installed
package, or (ctest) a staged copy of src/taper with TAPER_C_LIBRARY naming the build tree's
libtaper_c. TAPER_EXPECT_PACKAGE_DIR, when set, makes sure it is the copy meant."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import taper

#: The repository root (bindings/python/tests -> ../../..), for the shared test data.
REPO = Path(__file__).resolve().parents[3]
FORMULARIES = REPO / "tests" / "data" / "formularies"


def pytest_report_header(config: pytest.Config) -> list[str]:
    return [
        f"taper {taper.version()} (C ABI {taper.abi_version()}) from {Path(taper.__file__).parent}",
        f"libtaper_c: {taper.library_path}",
    ]


def pytest_sessionstart(session: pytest.Session) -> None:
    expected = os.environ.get("TAPER_EXPECT_PACKAGE_DIR")
    if expected:
        found = Path(taper.__file__).resolve().parent
        if found != Path(expected).resolve():
            raise pytest.UsageError(f"imported taper from {found}, expected {expected}")


@pytest.fixture(scope="session")
def db() -> taper.Database:
    return taper.Database.embedded()


@pytest.fixture
def citalopram_20() -> taper.PlanRequest:
    """The C++ tests' request: citalopram 20 mg a day from 2026-12-01, 28-day steps."""
    return taper.PlanRequest("citalopram", "20 mg", start="2026-12-01")


@pytest.fixture
def formularies() -> Path:
    if not FORMULARIES.is_dir():
        pytest.skip(f"the repository's test formularies are not at {FORMULARIES}")
    return FORMULARIES
