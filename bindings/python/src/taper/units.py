"""Doses, durations and dates as the package takes them.

A dose always has a unit: give it as text the library parses (``"20 mg"``, ``"500 mcg"``,
``"0.5mg"``, ``"1 g"``) or as a :class:`Dose` (``Dose(20, "mg")``, or the shorthands
``mg(20)``, ``mcg(500)``, ``g(1)``). A bare number is refused with a TypeError: the library
never guesses that 20 means milligrams. Durations are ``datetime.timedelta`` or text
(``"4 weeks"``, ``"14 d"``, ``"12 h"``); dates are ``datetime.date`` or ISO text.

Outputs (steps, arrays, conversions) are plain floats with the unit in the name
(``daily_dose_mg``, ``length_days``), as in the JSON export.
"""
from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import Union

from ._ffi import ffi, lib
from ._util import call, cstr
from .errors import raise_status

__all__ = [
    "Dose",
    "DoseLike",
    "DurationLike",
    "DateLike",
    "mg",
    "mcg",
    "g",
    "parse_mass",
    "parse_volume",
    "parse_concentration",
    "parse_duration",
    "parse_date",
    "format_mass",
]

#: Milligrams per unit of each mass unit a Dose may be given in.
MASS_UNITS: dict[str, float] = {"mg": 1.0, "mcg": 1e-3, "µg": 1e-3, "ug": 1e-3, "g": 1000.0}


@dataclass(frozen=True)
class Dose:
    """A mass of drug: a number and its unit ("mg", "mcg" / "µg" / "ug", or "g")."""

    value: float
    unit: str = "mg"

    def __post_init__(self) -> None:
        if isinstance(self.value, bool) or not isinstance(self.value, (int, float)):
            raise TypeError(f"Dose value must be a number, not {type(self.value).__name__}")
        if self.unit not in MASS_UNITS:
            raise ValueError(
                f"Dose unit {self.unit!r} is not a unit of mass; use one of {', '.join(MASS_UNITS)}"
            )
        object.__setattr__(self, "value", float(self.value))

    @property
    def mg(self) -> float:
        """The dose in milligrams."""
        return self.value * MASS_UNITS[self.unit]

    def to(self, unit: str) -> Dose:
        """The same dose in another unit of mass."""
        if unit not in MASS_UNITS:
            raise ValueError(f"{unit!r} is not a unit of mass; use one of {', '.join(MASS_UNITS)}")
        return Dose(self.mg / MASS_UNITS[unit], unit)

    @classmethod
    def parse(cls, text: str) -> Dose:
        """Parse "2.5 mg", "500 mcg", "1 g" with the library's parser (ParseError otherwise)."""
        return cls(parse_mass(text), "mg")

    def __mul__(self, factor: float) -> Dose:
        if isinstance(factor, bool) or not isinstance(factor, (int, float)):
            return NotImplemented
        return Dose(self.value * factor, self.unit)

    __rmul__ = __mul__

    def __truediv__(self, divisor: float) -> Dose:
        if isinstance(divisor, bool) or not isinstance(divisor, (int, float)):
            return NotImplemented
        return Dose(self.value / divisor, self.unit)

    def __str__(self) -> str:
        return f"{self.value:g} {self.unit}"


def mg(value: float) -> Dose:
    """``mg(20)`` is ``Dose(20, "mg")``."""
    return Dose(value, "mg")


def mcg(value: float) -> Dose:
    """``mcg(500)`` is ``Dose(500, "mcg")`` (0.5 mg)."""
    return Dose(value, "mcg")


def g(value: float) -> Dose:
    """``g(1)`` is ``Dose(1, "g")`` (1000 mg)."""
    return Dose(value, "g")


DoseLike = Union[Dose, str]
DurationLike = Union[datetime.timedelta, str]
DateLike = Union[datetime.date, str]

_SECONDS_PER_DAY = 86400.0


def parse_mass(text: str) -> float:
    """A mass as text ("2.5 mg", "500 mcg", "1 g") in mg; ParseError otherwise."""
    out = ffi.new("double*")
    call(lib.taper_parse_mass, out, cstr(text, "a mass"))
    return float(out[0])


def parse_volume(text: str) -> float:
    """A volume as text ("2.5 mL", "1 L") in mL."""
    out = ffi.new("double*")
    call(lib.taper_parse_volume, out, cstr(text, "a volume"))
    return float(out[0])


def parse_concentration(text: str) -> float:
    """A concentration as text ("20 mg/mL", "10 mg/5 mL") in mg/mL."""
    out = ffi.new("double*")
    call(lib.taper_parse_concentration, out, cstr(text, "a concentration"))
    return float(out[0])


def parse_duration(text: str) -> datetime.timedelta:
    """A duration as text ("14 d", "4 weeks", "12 h")."""
    out = ffi.new("double*")
    call(lib.taper_parse_duration, out, cstr(text, "a duration"))
    return datetime.timedelta(days=float(out[0]))


def parse_date(text: str) -> datetime.date:
    """An ISO 8601 date ("2026-12-01"); ParseError for anything else, impossible dates too."""
    out = ffi.new("taper_date*")
    call(lib.taper_parse_date, out, cstr(text, "a date"))
    return datetime.date(out.year, out.month, out.day)


def format_mass(mg_value: float) -> str:
    """A mass in mg as the library's exports write it: at full precision, the shortest text
    that reads back to the same number (``format_mass(11.887553957817733)`` is
    ``"11.887553957817733 mg"``), not rounded as in the notes."""
    length = ffi.new("size_t*")
    buf = ffi.new("char[]", 64)
    err = ffi.new("taper_error**")
    status = lib.taper_format_mass(buf, len(buf), length, float(mg_value), err)
    if status == lib.TAPER_ERROR_BUFFER_TOO_SMALL:  # try again with the size it asked for
        lib.taper_error_free(err[0])
        buf = ffi.new("char[]", length[0])
        call(lib.taper_format_mass, buf, len(buf), length, float(mg_value))
    elif status:
        raise_status(status, err)
    return str(ffi.string(buf).decode())


def dose_mg(value: object, what: str) -> float:
    """mg from a DoseLike; a bare number is a TypeError that says how to give the unit."""
    if isinstance(value, Dose):
        return value.mg
    if isinstance(value, str):
        return parse_mass(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise TypeError(
            f"{what}: {value!r} has no unit; give a dose as text (\"{value} mg\") or as "
            f"taper.mg({value}) / taper.Dose({value}, \"mg\")"
        )
    raise TypeError(f"{what} must be a dose (\"20 mg\" or taper.mg(20)), not {type(value).__name__}")


def as_dose(value: object, what: str) -> Dose:
    """A DoseLike as a Dose (text is parsed by the library, into mg)."""
    if isinstance(value, Dose):
        return value
    return Dose(dose_mg(value, what), "mg")


def duration_days(value: object, what: str) -> float:
    """Days from a DurationLike; bare numbers are refused, as for doses."""
    if isinstance(value, datetime.timedelta):
        return value.total_seconds() / _SECONDS_PER_DAY
    if isinstance(value, str):
        return parse_duration(value).total_seconds() / _SECONDS_PER_DAY
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise TypeError(
            f"{what}: {value!r} has no unit; give a duration as text (\"{value} d\", "
            f"\"4 weeks\") or as datetime.timedelta(days={value})"
        )
    raise TypeError(f"{what} must be a duration (\"28 d\" or a timedelta), not {type(value).__name__}")


def as_timedelta(value: object, what: str) -> datetime.timedelta:
    if isinstance(value, datetime.timedelta):
        return value
    return datetime.timedelta(days=duration_days(value, what))


def as_date(value: object, what: str) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    raise TypeError(f"{what} must be a datetime.date or ISO text (\"2026-12-01\"), not {type(value).__name__}")


def finite_or_nan(value: float | None) -> float:
    return math.nan if value is None else float(value)

