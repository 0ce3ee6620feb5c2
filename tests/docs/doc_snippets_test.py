#!/usr/bin/env python3
"""The rules of doc_snippets.py on small pages of its own (ctest docs.tool), with the
interpreter running it and no taper: an unmarked block that fails fails the page and names
its line; a failing block marked ```python no-run is left out; a page with nothing to run is
refused; blocks share one namespace in order; swift blocks nest, imports go first."""
from __future__ import annotations

import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

TOOL = Path(__file__).resolve().parent / "doc_snippets.py"
sys.path.insert(0, str(TOOL.parent))
import doc_snippets  # noqa: E402


def run_page(text: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as directory:
        page = Path(directory) / "page.md"
        page.write_text(text, encoding="utf-8")
        return subprocess.run([sys.executable, str(TOOL), "python", "--inside", str(page)],
                              capture_output=True, text=True)


class PythonPages(unittest.TestCase):
    def test_blocks_run_in_order_in_one_namespace(self) -> None:
        result = run_page("```python\nx = 2\n```\ntext\n```python\nassert x * 3 == 6\n```\n")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("2 python blocks ran", result.stdout)

    def test_an_unmarked_failing_block_fails_and_names_its_line(self) -> None:
        result = run_page("intro\n\n```python\nx = 1\nraise ValueError('wrong')\n```\n")
        self.assertEqual(result.returncode, 1)
        self.assertIn("page.md\", line 5", result.stderr)  # the page's own line number
        self.assertIn("ValueError: wrong", result.stderr)
        self.assertIn("page.md:4", result.stdout)  # the block, by its first line

    def test_a_marked_block_is_not_run(self) -> None:
        result = run_page("```python no-run\nraise ValueError\n```\n```python\npass\n```\n")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("1 python blocks ran", result.stdout)

    def test_a_page_with_nothing_to_run_is_refused(self) -> None:
        result = run_page("```python no-run\npass\n```\n```sh\nls\n```\n")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("no ```python block to run", result.stderr)

    def test_an_unknown_flag_is_refused(self) -> None:
        result = run_page("```python norun\npass\n```\n")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("unknown flag", result.stderr)


class SwiftProgram(unittest.TestCase):
    def test_imports_first_and_each_block_in_a_nested_scope(self) -> None:
        with tempfile.TemporaryDirectory() as directory:
            page = Path(directory) / "page.md"
            page.write_text("```swift\nimport Taper\nlet a = 1\n```\n"
                            "```swift no-run\nnot swift\n```\n"
                            "```swift\nimport Foundation\nlet a = a + 1\n```\n", encoding="utf-8")
            main = doc_snippets.swift_main([page])
        lines = main.splitlines()
        self.assertEqual(lines[1:3], ["import Foundation", "import Taper"])
        self.assertNotIn("not swift", main)
        self.assertEqual(main.count("do {"), 2)
        self.assertEqual(lines.count("}"), 2)
        self.assertIn(f'#sourceLocation(file: "{page}", line: 2)', lines)
        self.assertIn(f'#sourceLocation(file: "{page}", line: 9)', lines)
        # the second block's own `let a` comes after the first's, inside it
        self.assertLess(lines.index("let a = 1"), lines.index("let a = a + 1"))


if __name__ == "__main__":
    unittest.main()
