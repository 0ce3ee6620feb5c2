#!/usr/bin/env python3
"""Runs the code blocks of the binding docs (issue 9: every snippet of docs/python.md and
docs/swift.md is run by a test). The ctest tests docs.python and docs.swift
(tests/docs/CMakeLists.txt) call it; by hand:

    doc_snippets.py list docs/python.md docs/swift.md
    doc_snippets.py python docs/python.md --library build/dev/src/libtaper_c.so \
        --cdef build/dev/tests/python/taper_cdef.h --venv <dir> --stage <dir>
    doc_snippets.py swift docs/swift.md --swift /opt/swift/usr/bin/swift \
        --build-dir build/dev --work <dir>

Which blocks: every fenced block whose info string starts with `python` or `swift`. A block
that is not meant to run (a fragment of a manifest, output, a sketch) says so in its info
string, which the rendered page does not show: ```swift no-run. Every other block must run,
and a page with no block to run is an error, so that a broken extraction cannot pass.

- python: the blocks of one page run in order in one interpreter and one namespace (a later
  block may use what an earlier one made, as a reader following the page would), against
  this build's libtaper_c through a staged copy of the package, in the virtual environment
  of the Python tests (bindings/python/tools/run_tests.py: the same set-up is reused).
  A failure shows the traceback with the page's own line numbers.
- swift: the blocks of one page become one main.swift, in order, each block in a scope
  nested in the one before (so it sees the names made before it, and may make a name again,
  as a reader's successive snippets do), in a small executable package that depends on
  bindings/swift by path, as docs/swift.md tells an app to. It is built with
  TAPER_BUILD_DIR set to this build and without PKG_CONFIG_PATH (the binding finds the build
  tree's library itself: Package.swift), and run. #sourceLocation makes compiler errors name
  the page's lines.

Exit codes: 0 all ran, 1 a block failed (or none to run), 77 skipped (no venv for Python).
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import os
import re
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

SKIP = 77
REPO = Path(__file__).resolve().parents[2]
PYTHON_TOOLS = REPO / "bindings" / "python" / "tools"
SWIFT_PACKAGE = REPO / "bindings" / "swift"

OPEN = re.compile(r"^```[ \t]*([A-Za-z0-9_+-]*)[ \t]*(.*)$")


@dataclass(frozen=True)
class Block:
    doc: Path
    language: str
    flags: tuple[str, ...]
    first_line: int  # 1-based line number of the block's first code line
    code: str

    @property
    def runs(self) -> bool:
        return "no-run" not in self.flags

    @property
    def where(self) -> str:
        return f"{self.doc}:{self.first_line}"


def blocks(doc: Path) -> list[Block]:
    """Every fenced block of a page (``` fences at the start of a line)."""
    found: list[Block] = []
    lines = doc.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        opening = OPEN.match(lines[index])
        if not opening:
            index += 1
            continue
        language, flags = opening.group(1), tuple(opening.group(2).split())
        end = index + 1
        while end < len(lines) and not lines[end].startswith("```"):
            end += 1
        if end == len(lines):
            raise SystemExit(f"{doc}:{index + 1}: a code fence that is never closed")
        found.append(Block(doc, language, flags, index + 2, "\n".join(lines[index + 1:end]) + "\n"))
        index = end + 1
    return found


def runnable(docs: list[Path], language: str) -> list[Block]:
    chosen = [b for doc in docs for b in blocks(doc) if b.language == language]
    for block in chosen:
        unknown = set(block.flags) - {"no-run"}
        if unknown:
            raise SystemExit(f"{block.where}: unknown flag(s) {sorted(unknown)} after ```{language}")
    run = [b for b in chosen if b.runs]
    for doc in docs:
        if not any(b.doc == doc for b in run):
            raise SystemExit(f"docs: {doc} has no ```{language} block to run; is the extraction broken?")
    return run


def say(message: str) -> None:
    print(f"doc snippets: {message}", flush=True)


# --- list ---------------------------------------------------------------------------------

def list_blocks(args: argparse.Namespace) -> int:
    for doc in args.docs:
        for block in blocks(doc):
            if block.language in ("python", "swift"):
                state = "runs" if block.runs else "not run (no-run)"
                say(f"{block.where}: {block.language}, {block.code.count(chr(10))} lines, {state}")
    return 0


# --- python -------------------------------------------------------------------------------

def run_python_page(doc: Path) -> int:
    """Inside the test interpreter: the page's blocks in order, in one namespace."""
    namespace: dict[str, object] = {"__name__": "__docs__"}
    ran = 0
    for block in runnable([doc], "python"):
        # Padding puts the code on its own line numbers, so tracebacks quote the page.
        code = compile("\n" * (block.first_line - 1) + block.code, str(doc), "exec")
        printed = io.StringIO()
        started = time.perf_counter()
        try:
            with contextlib.redirect_stdout(printed):
                exec(code, namespace)
        except Exception:  # the failure, with the page's lines, is the report
            sys.stdout.write(printed.getvalue())
            traceback.print_exc()
            say(f"FAILED: the python block at {block.where} raised (a block that is not meant "
                "to run is marked ```python no-run)")
            return 1
        ran += 1
        say(f"{block.where}: ran ({time.perf_counter() - started:.2f} s)")
    say(f"{doc}: {ran} python blocks ran")
    return 0


def python(args: argparse.Namespace) -> int:
    if args.inside:
        return max(run_python_page(doc) for doc in args.docs)
    sys.path.insert(0, str(PYTHON_TOOLS))
    import run_tests  # the Python tests' venv and staging: one set-up for both

    args.venv, args.stage = args.venv.resolve(), args.stage.resolve()
    if not args.library.is_file():
        raise SystemExit(f"doc snippets: the library {args.library} does not exist; build taper_c")
    venv_python = run_tests.ensure_venv(args.venv)
    if venv_python is None:
        return SKIP
    run_tests.ensure_requirements(venv_python)
    package = run_tests.stage_package(venv_python, args.cdef, args.stage)
    env = dict(os.environ)
    env.update({
        "TAPER_C_LIBRARY": str(args.library.resolve()),
        "PYTHONPATH": str(args.stage),
        "PYTHONDONTWRITEBYTECODE": "1",
        "MPLBACKEND": "Agg",  # Schedule.plot() without a display
    })
    env.pop("PYTHONHOME", None)
    if args.preload:
        env["LD_PRELOAD"] = args.preload
        env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") + ":detect_leaks=0").lstrip(":")
    say(f"running with {venv_python}, taper from {package}, library {args.library}")
    rc = 0
    for doc in args.docs:  # one interpreter per page
        command = [str(venv_python), str(Path(__file__).resolve()), "python", "--inside", str(doc.resolve())]
        rc = max(rc, subprocess.run(command, env=env, cwd=str(args.stage)).returncode)
    return rc


# --- swift --------------------------------------------------------------------------------

SWIFT_MANIFEST = """\
// swift-tools-version:6.0
// Generated by tests/docs/doc_snippets.py: the swift blocks of the binding's docs as one
// program, depending on the binding by path as docs/swift.md tells an app to.
import PackageDescription

let package = Package(
    name: "DocSnippets",
    dependencies: [.package(path: "{binding}")],
    targets: [
        .executableTarget(name: "docs-snippets", dependencies: [.product(name: "Taper", package: "swift")]),
    ],
    swiftLanguageModes: [.v6])
"""

IMPORT = re.compile(r"^import [A-Za-z_][A-Za-z0-9_.]*\s*$")


def swift_main(docs: list[Path]) -> str:
    imports: set[str] = set()
    body: list[str] = []
    depth = 0
    for block in runnable(docs, "swift"):
        lines = block.code.splitlines()
        imports.update(line.strip() for line in lines if IMPORT.match(line))
        body.append(f'do {{  // {block.where}')
        depth += 1
        body.append(f'#sourceLocation(file: "{block.doc}", line: {block.first_line})')
        body += ["" if IMPORT.match(line) else line for line in lines]
        body.append("#sourceLocation()")
        body.append(f'print("doc snippets: {block.where}: ran")')
    body += ["}"] * depth
    return "\n".join(["// Generated by tests/docs/doc_snippets.py from " + ", ".join(map(str, docs)),
                      *sorted(imports), "", *body, ""])


def write_if_changed(path: Path, text: str) -> None:
    """Unchanged files keep their time stamp, so a second run rebuilds nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def swift(args: argparse.Namespace) -> int:
    work: Path = args.work.resolve()
    package = work / "package"
    scratch = work / "scratch"
    build_dir = args.build_dir.resolve()
    if not (build_dir / "src" / "libtaper_c.so").exists():
        raise SystemExit(f"doc snippets: no src/libtaper_c.so in {build_dir}; build taper_c")
    # SwiftPM does not rebuild a system library's Clang module when its header changes, nor
    # re-evaluate a manifest when a file it looked for appears: start afresh when taper.h or
    # the binding's manifest changed (as bindings/swift/Scripts/ctest-swift.cmake does).
    stamp_text = "".join(hashlib.sha256(p.read_bytes()).hexdigest() + "  " + str(p) + "\n"
                         for p in (REPO / "include" / "taper.h", SWIFT_PACKAGE / "Package.swift",
                                   SWIFT_PACKAGE / "Sources" / "CTaper" / "shim.h"))
    stamp_text += f"TAPER_BUILD_DIR={build_dir}\n"
    stamp = work / "inputs.sha256"
    if scratch.exists() and (not stamp.exists() or stamp.read_text(encoding="utf-8") != stamp_text):
        say(f"taper's header, the binding's manifest or the build tree changed: building afresh in {scratch}")
        subprocess.run(["rm", "-rf", str(scratch)], check=True)
    write_if_changed(stamp, stamp_text)
    write_if_changed(package / "Package.swift", SWIFT_MANIFEST.format(binding=SWIFT_PACKAGE))
    write_if_changed(package / "Sources" / "docs-snippets" / "main.swift", swift_main(args.docs))

    env = dict(os.environ)
    env.pop("PKG_CONFIG_PATH", None)
    env["TAPER_BUILD_DIR"] = str(build_dir)
    common = ["--package-path", str(package), "--scratch-path", str(scratch), "--jobs", str(args.jobs)]
    started = time.perf_counter()
    say(f"building {package} (TAPER_BUILD_DIR={build_dir}, no PKG_CONFIG_PATH)")
    if subprocess.run([args.swift, "build", *common], env=env).returncode != 0:
        say("FAILED: the swift blocks do not compile (errors name the page's lines; a block that "
            "is not meant to run is marked ```swift no-run)")
        return 1
    built = time.perf_counter()
    bin_path = subprocess.run([args.swift, "build", "--show-bin-path", *common], env=env,
                              capture_output=True, text=True, check=True).stdout.strip()
    if args.preload:
        env["LD_PRELOAD"] = args.preload
    rc = subprocess.run([str(Path(bin_path) / "docs-snippets")], env=env).returncode
    say(f"built in {built - started:.1f} s, ran in {time.perf_counter() - built:.2f} s")
    if rc != 0:
        say(f"FAILED: the program made of the swift blocks exited with {rc}")
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("list", help="list the python and swift blocks")
    p.add_argument("docs", nargs="+", type=Path)
    p.set_defaults(run=list_blocks)
    p = commands.add_parser("python", help="run the python blocks against a build's libtaper_c")
    p.add_argument("docs", nargs="+", type=Path)
    p.add_argument("--library", type=Path)
    p.add_argument("--cdef", type=Path)
    p.add_argument("--venv", type=Path)
    p.add_argument("--stage", type=Path)
    p.add_argument("--preload", default="", help="LD_PRELOAD (a sanitized libtaper_c)")
    p.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(run=python)
    p = commands.add_parser("swift", help="build and run the swift blocks against a build tree")
    p.add_argument("docs", nargs="+", type=Path)
    p.add_argument("--swift", required=True)
    p.add_argument("--build-dir", required=True, type=Path)
    p.add_argument("--work", required=True, type=Path, help="for the generated package and its build")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--preload", default="", help="LD_PRELOAD for the program (a sanitized libtaper_c)")
    p.set_defaults(run=swift)
    args = parser.parse_args()
    if args.command == "python" and not args.inside:
        missing = [o for o in ("library", "cdef", "venv", "stage") if getattr(args, o) is None]
        if missing:
            parser.error("python needs " + ", ".join("--" + m for m in missing))
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
