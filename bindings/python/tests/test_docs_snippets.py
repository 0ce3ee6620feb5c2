"""Every ```python block of docs/python.md runs (issue 9): in order, in one namespace (a
later block may use what an earlier one made, as a reader following the page would), with
the printed output discarded. A block whose first line is `# not run: <why>` is skipped, and
the test lists how many ran so that an empty extraction cannot pass."""
from __future__ import annotations

import contextlib
import io
import os
import re

import pytest

from conftest import REPO

DOC = REPO / "docs" / "python.md"
FENCE = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def python_blocks() -> list[str]:
    return FENCE.findall(DOC.read_text(encoding="utf-8"))


def test_the_page_has_python_blocks() -> None:
    assert len(python_blocks()) >= 5


def test_every_python_block_of_docs_python_md_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pandas")
    pytest.importorskip("matplotlib")
    monkeypatch.setenv("MPLBACKEND", "Agg")  # Schedule.plot() without a display
    namespace: dict[str, object] = {"__name__": "docs_python_md"}
    ran = 0
    for index, block in enumerate(python_blocks(), start=1):
        if block.startswith("# not run:"):
            continue
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(block, f"docs/python.md block {index}", "exec"), namespace)
        except Exception as exc:  # pragma: no cover - the failure message is the point
            pytest.fail(f"docs/python.md python block {index} raised {type(exc).__name__}: {exc}\n{block}")
        ran += 1
    assert ran == len(python_blocks())
    assert os.environ["MPLBACKEND"] == "Agg"
