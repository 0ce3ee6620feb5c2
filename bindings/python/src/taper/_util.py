"""Small helpers shared by the modules: calling the C ABI, strings, dates, NaN."""
from __future__ import annotations

import datetime
import math
from typing import Any, Callable

from ._ffi import ffi, lib
from .errors import raise_status

_new = ffi.new
_NULL = ffi.NULL
_string = ffi.string


def call(fn: Callable[..., int], *args: Any) -> None:
    """Call a fallible C function (its last parameter is `taper_error** error`); raise the
    mapped exception on failure."""
    err = _new("taper_error**")
    status = fn(*args, err)
    if status:
        raise_status(status, err)


def new_handle(create: Callable[..., int], ctype: str, destroy: Callable[[Any], None], *args: Any) -> Any:
    """Call a `taper_*_create(T** out, ..., error)` function; the handle is freed with
    `destroy` when the Python object holding it is collected."""
    out = _new(ctype + "**")
    call(create, out, *args)
    return ffi.gc(out[0], destroy)


def cstr(text: str, what: str = "text") -> bytes:
    """UTF-8 bytes for a `const char*` argument. An embedded NUL would cut the string short
    without anyone noticing, so it is an error."""
    if not isinstance(text, str):
        raise TypeError(f"{what} must be a str, not {type(text).__name__}")
    data = text.encode("utf-8")
    if b"\0" in data:
        raise ValueError(f"{what} must not contain a NUL character: {text!r}")
    return data


def pystr(ptr: Any) -> str:
    """A borrowed `const char*` as str ("" for NULL). Called for every string the library
    hands out, so kept to one test and one decode (a NULL cdata pointer is falsy)."""
    return _string(ptr).decode("utf-8", "replace") if ptr else ""


def take_string(ptr: Any) -> str:
    """An allocated `char*` as str; frees it."""
    if ptr == _NULL:
        return ""
    try:
        return str(_string(ptr).decode("utf-8", "replace"))
    finally:
        lib.taper_string_free(ptr)


def opt(value: float) -> float | None:
    """NaN ("not set / not known" in the C ABI) as None."""
    return None if math.isnan(value) else float(value)


def to_date(d: Any) -> datetime.date:
    """A taper_date as datetime.date."""
    return datetime.date(d.year, d.month, d.day)


def string_list(fn: Callable[..., int], handle: Any, count: int, *prefix: Any) -> tuple[str, ...]:
    """Borrowed strings `fn(handle, &out, *prefix, index, error)` for index in range(count)."""
    if count == 0:
        return ()
    out = _new("const char**")
    items = []
    for i in range(count):
        call(fn, handle, out, *prefix, i)
        items.append(pystr(out[0]))
    return tuple(items)


_sizes: dict[str, tuple[str, int]] = {}


def sized(ctype: str) -> Any:
    """A new zeroed struct with struct_size set, for the C ABI's info structs."""
    entry = _sizes.get(ctype)
    if entry is None:
        entry = _sizes[ctype] = (ctype + "*", ffi.sizeof(ctype))
    s = _new(entry[0])
    s.struct_size = entry[1]
    return s


def call_fast(fn: Callable[..., int], *args: Any) -> None:
    """Like call() for reads that do not fail in practice (an info struct of a live handle):
    no error object is made unless the call fails, in which case it is made again with one
    to raise the library's message. Only for calls without side effects."""
    if fn(*args, _NULL):
        call(fn, *args)
