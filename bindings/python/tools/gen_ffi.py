#!/usr/bin/env python3
"""Writes taper/_taper_cffi.py: cffi's out-of-line ABI-mode module for the C ABI.

    python gen_ffi.py --cdef taper_cdef.h --out <dir>/taper/_taper_cffi.py

`--cdef` is the cffi-ready variant of include/taper.h (no preprocessor lines except
`#define NAME <number>`, no TAPER_C_API): bindings/common/taper_cdef.h, or the same text
written fresh by src/capi/generate_cdef.cmake (what the CMake build and the test driver
use, so the module always matches the header the library was compiled from).

cffi parses the declarations here, once, with pycparser, and writes them out pre-parsed as
plain Python; at import time the package only dlopen()s the library. No C compiler is
involved: this is ABI mode, calls go through libffi (docs/python.md says why).
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

# The C ABI version this binding was written against; must match src/taper/_ffi.py.
ABI_VERSION = 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cdef", required=True, type=Path, help="cffi-ready header")
    parser.add_argument("--out", required=True, type=Path, help="the _taper_cffi.py to write")
    args = parser.parse_args(argv)

    try:
        import cffi
    except ImportError:
        print("gen_ffi.py: needs cffi (pip install cffi)", file=sys.stderr)
        return 1

    text = args.cdef.read_text(encoding="utf-8")
    m = re.search(r"^#define TAPER_ABI_VERSION (\d+)$", text, re.MULTILINE)
    if not m:
        print(f"gen_ffi.py: {args.cdef} has no `#define TAPER_ABI_VERSION <n>` line", file=sys.stderr)
        return 1
    if int(m.group(1)) != ABI_VERSION:
        print(
            f"gen_ffi.py: {args.cdef} is the C ABI version {m.group(1)}, but the Python package "
            f"was written for version {ABI_VERSION}; update bindings/python for the new ABI",
            file=sys.stderr,
        )
        return 1

    ffibuilder = cffi.FFI()
    ffibuilder.cdef(text)
    ffibuilder.set_source("taper._taper_cffi", None)  # None: ABI mode, no C source
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".py.tmp")
    ffibuilder.emit_python_code(str(tmp))
    tmp.replace(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
