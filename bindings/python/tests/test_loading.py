"""Loading the C library: versions, and refusing a library of another ABI."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import taper
from taper import _ffi


def test_versions() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", taper.version())
    assert taper.__version__ == taper.version()
    assert taper.abi_version() == taper.ABI_VERSION == 2
    assert Path(taper.library_path).is_file()


def test_a_library_of_another_abi_is_refused() -> None:
    with pytest.raises(ImportError) as info:
        _ffi.load(taper.library_path, expected_abi=taper.ABI_VERSION + 1)
    message = str(info.value)
    assert f"implements C ABI version {taper.ABI_VERSION}" in message
    assert f"written for C ABI version {taper.ABI_VERSION + 1}" in message


def _import_in_subprocess(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = dict(os.environ)
    full.update(env)
    package_parent = str(Path(taper.__file__).resolve().parent.parent)
    full["PYTHONPATH"] = package_parent + os.pathsep + full.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-c", "import taper"], env=full, capture_output=True, text=True,
                          timeout=60)


def test_a_fake_library_with_abi_99_is_refused_at_import(tmp_path: Path) -> None:
    cc = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if cc is None:
        pytest.skip("no C compiler to build a fake library")
    src = tmp_path / "fake.c"
    src.write_text("int taper_abi_version(void) { return 99; }\n")
    lib = tmp_path / "libtaper_c.so"
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(lib), str(src)], check=True)
    result = _import_in_subprocess({"TAPER_C_LIBRARY": str(lib)})
    assert result.returncode != 0
    assert "ImportError" in result.stderr
    assert "implements C ABI version 99" in result.stderr
    assert "written for C ABI version 2" in result.stderr


def test_a_wrong_library_path_says_so(tmp_path: Path) -> None:
    result = _import_in_subprocess({"TAPER_C_LIBRARY": str(tmp_path / "nowhere.so")})
    assert result.returncode != 0
    assert "TAPER_C_LIBRARY" in result.stderr and "not a file" in result.stderr


def test_python_enums_match_the_pinned_c_values() -> None:
    from taper._ffi import ffi, lib

    def name(fn: object, code: int) -> str:
        return str(ffi.string(fn(code)).decode())  # type: ignore[operator]

    for code, phase in enumerate((taper.Phase.REDUCE, taper.Phase.SWITCH, taper.Phase.HOLD, taper.Phase.STOP)):
        assert phase.code == code
        assert taper.Phase.from_code(code) is phase
        assert name(lib.taper_phase_name, code) == phase.value
    for code, basis in enumerate(taper.Basis):
        assert name(lib.taper_basis_name, code) == basis.value
    for code, kind in enumerate(taper.FormKind):
        assert name(lib.taper_form_kind_name, code) == kind.value
    for code, component in enumerate(taper.ComponentKind):
        assert name(lib.taper_component_kind_name, code) == component.value
