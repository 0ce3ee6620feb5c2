"""Loading libtaper_c and checking that it speaks the C ABI this package was written for.

The declarations come from ``taper/_taper_cffi.py``, which cffi generates at build time from
the C header (out-of-line ABI mode: no compiler, the library is dlopen()ed). The library is
found, in this order:

1. ``TAPER_C_LIBRARY``: an explicit path (development, tests against a build tree);
2. the copy installed with the package (``libtaper_c.so.<ABI>``) in any directory of the
   package's ``__path__``. A normal install has one, beside this file; an editable install
   (``pip install -e``, scikit-build-core's redirecting finder) keeps the sources in the
   checkout and the built files (the library, ``_taper_cffi.py``) in site-packages, and
   lists both directories in ``taper.__path__``.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

#: The C ABI version (TAPER_ABI_VERSION) this package was written against.
ABI_VERSION = 2

try:
    from ._taper_cffi import ffi as _generated_ffi
except ImportError as exc:  # pragma: no cover - only in a tree nobody built
    raise ImportError(
        "taper: the generated module taper/_taper_cffi.py is missing. Install the package "
        "with `pip install ./bindings/python`, or generate the module with "
        "bindings/python/tools/gen_ffi.py (see docs/python.md)"
    ) from exc

ffi: Any = _generated_ffi


def library_names() -> list[str]:
    """File names the bundled library may have on this platform, preferred first."""
    if sys.platform == "darwin":
        return [f"libtaper_c.{ABI_VERSION}.dylib", "libtaper_c.dylib"]
    if sys.platform == "win32":
        return ["taper_c.dll"]
    return [f"libtaper_c.so.{ABI_VERSION}", "libtaper_c.so"]


def package_directories() -> list[Path]:
    """The directories the package is made of: this file's, then the rest of
    ``taper.__path__`` (an editable install adds the one holding the built files)."""
    here = Path(__file__).resolve().parent
    out = [here]
    package = sys.modules.get(__package__ or "taper")
    for entry in getattr(package, "__path__", ()):
        directory = Path(entry).resolve()
        if directory not in out:
            out.append(directory)
    return out


def find_library() -> str:
    """The path of the C library to load (see the module docstring)."""
    explicit = os.environ.get("TAPER_C_LIBRARY")
    if explicit:
        if not Path(explicit).is_file():
            raise ImportError(
                f"taper: TAPER_C_LIBRARY is {explicit!r}, which is not a file; point it at "
                "the build tree's libtaper_c (e.g. build/dev/src/libtaper_c.so) or unset it "
                "to use the library bundled with the package"
            )
        return explicit
    searched = package_directories()
    for directory in searched:
        for name in library_names():
            candidate = directory / name
            if candidate.is_file():
                return str(candidate)
    raise ImportError(
        f"taper: no C library installed with the package ({', '.join(library_names())} in "
        f"{', '.join(str(d) for d in searched)}). "
        "Install the package with `pip install ./bindings/python`, or set TAPER_C_LIBRARY "
        "to the path of a built libtaper_c"
    )


def load(path: str, expected_abi: int = ABI_VERSION) -> Any:
    """dlopen() `path` and refuse it unless its ABI version is `expected_abi`."""
    try:
        library = ffi.dlopen(path)
    except OSError as exc:
        raise ImportError(f"taper: cannot load the C library {path}: {exc}") from exc
    try:
        found = int(library.taper_abi_version())
    except AttributeError as exc:
        raise ImportError(
            f"taper: {path} does not export taper_abi_version(); it is not the taper C library"
        ) from exc
    if found != expected_abi:
        raise ImportError(
            f"taper: the C library {path} implements C ABI version {found}, but this Python "
            f"package was written for C ABI version {expected_abi}. Install the package and "
            "the library from the same taper release (pip install ./bindings/python builds "
            "both), or point TAPER_C_LIBRARY at a matching libtaper_c"
        )
    if int(library.TAPER_ABI_VERSION) != expected_abi:
        raise ImportError(
            f"taper: taper/_taper_cffi.py was generated from a header of C ABI version "
            f"{library.TAPER_ABI_VERSION}, not {expected_abi}; regenerate it"
        )
    return library


library_path: str = find_library()
lib: Any = load(library_path)
