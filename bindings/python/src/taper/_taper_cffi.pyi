# Type stub for the module gen_ffi.py generates at build time (cffi, out-of-line ABI mode).
from typing import Any

ffi: Any
