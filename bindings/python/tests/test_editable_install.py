"""`pip install -e ./bindings/python` then `import taper` works (issue 9).

An editable install keeps the Python sources in the checkout and puts the built files (the
library and the generated cffi module) in site-packages; scikit-build-core's redirecting
finder lists both directories in `taper.__path__`, and the package looks for its library in
each. The test makes a throwaway virtual environment, installs the package editable into it
with the build tree's library (TAPER_PYTHON_PREBUILT_LIBRARY, so nothing is compiled again),
and imports it from outside the checkout, with no TAPER_C_LIBRARY set.

It needs the build tree's library (TAPER_C_LIBRARY, as tools/run_tests.py sets it), and pip
able to fetch scikit-build-core, cffi and numpy (PyPI or a local index / cache).
"""
from __future__ import annotations

import json
import os
import subprocess
import venv
from pathlib import Path

import pytest

import taper

from conftest import REPO

PACKAGE = REPO / "bindings" / "python"


def _clean_env() -> dict[str, str]:
    env = dict(os.environ)
    for name in ("TAPER_C_LIBRARY", "TAPER_EXPECT_PACKAGE_DIR", "PYTHONPATH", "PYTHONHOME", "LD_PRELOAD"):
        env.pop(name, None)
    return env


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=str(cwd), env=env, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


# bool(): a string condition would be evaluated by pytest as Python code (LD_PRELOAD is a path).
@pytest.mark.skipif(not os.environ.get("TAPER_C_LIBRARY") or bool(os.environ.get("LD_PRELOAD")),
                    reason="needs a build tree's library (TAPER_C_LIBRARY) and no sanitizer preload")
def test_editable_install_imports_and_plans(tmp_path: Path) -> None:
    library = Path(os.environ["TAPER_C_LIBRARY"]).resolve()
    env = _clean_env()
    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=True).create(target)
    python = str(target / ("Scripts/python.exe" if os.name == "nt" else "bin/python"))
    _run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
          "scikit-build-core>=0.10", "cffi>=1.15", "numpy>=1.22"], tmp_path, env)
    _run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
          "--no-build-isolation", "-e", str(PACKAGE),
          f"-Ccmake.define.TAPER_PYTHON_PREBUILT_LIBRARY={library}",
          f"-Cbuild-dir={tmp_path / 'build'}"], tmp_path, env)

    probe = (
        "import json, taper\n"
        "s = taper.plan(taper.PlanRequest('citalopram', '20 mg', start='2026-12-01'), 'hyperbolic', points=5)\n"
        "print(json.dumps({'file': taper.__file__, 'library': taper.library_path,\n"
        "                  'abi': taper.abi_version(), 'doses': [st.daily_dose_mg for st in s]}))\n"
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    found = json.loads(_run([python, "-c", probe], outside, env).stdout)
    # The sources are the checkout's (edits show without reinstalling) ...
    assert Path(found["file"]).resolve() == (PACKAGE / "src" / "taper" / "__init__.py").resolve()
    # ... and the library is the installed copy of the build tree's, not TAPER_C_LIBRARY.
    assert Path(found["library"]).name == f"libtaper_c.so.{found['abi']}"
    assert Path(found["library"]).resolve().is_relative_to(target.resolve())
    # The same plan as this process makes with the build tree's library (whose numbers
    # test_hyperbolic.py checks against the C++ tests and the closed form).
    here = taper.plan(taper.PlanRequest("citalopram", "20 mg", start="2026-12-01"), "hyperbolic", points=5)
    assert found["doses"] == [st.daily_dose_mg for st in here]
