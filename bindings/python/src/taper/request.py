"""What a person asks for: the drug, the dose taken now, when to start, and the limits.

:class:`PlanRequest` is a frozen dataclass. Its inputs are normalised when it is made (text
doses are parsed by the library, so a bad one is a ParseError at once); change a field with
``dataclasses.replace(request, max_step="2 mg")``. The library itself checks the values when
planning (PlanError naming the field), exactly as for C and C++ callers.

The request is handed to the library field by field with its typed keys
(``taper_request_set_number`` / ``set_text``), and the defaults below are read from the
library (``taper_request_field_describe``), not restated here. :func:`request_fields` gives
every field's key, unit, bounds and default.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field, fields
from typing import Any, Iterable, Mapping, Union

from ._ffi import ffi, lib
from ._util import call, cstr, new_handle, pystr
from .schedule import Phase
from .units import (
    DateLike,
    Dose,
    DoseLike,
    DurationLike,
    as_date,
    as_dose,
    as_timedelta,
)

__all__ = ["PlanRequest", "DoseTime", "Hold", "RequestField", "request_fields"]


@dataclass(frozen=True, init=False)
class DoseTime:
    """One dose-time of the day: ``DoseTime("morning", "10 mg")``."""

    time: str
    amount: Dose

    def __init__(self, time: str, amount: DoseLike) -> None:
        object.__setattr__(self, "time", time)
        object.__setattr__(self, "amount", as_dose(amount, f"split[{time!r}]"))


@dataclass(frozen=True, init=False)
class Hold:
    """Stay on the dose of step ``after_step`` (1-based) for an extra ``length``."""

    after_step: int
    length: datetime.timedelta

    def __init__(self, after_step: int, length: DurationLike) -> None:
        object.__setattr__(self, "after_step", after_step)
        object.__setattr__(self, "length", as_timedelta(length, "hold length"))


SplitLike = Union[Mapping[str, DoseLike], Iterable[Union[DoseTime, "tuple[str, DoseLike]"]]]
HoldsLike = Iterable[Union[Hold, "tuple[int, DurationLike]"]]
PhaseIntervalsLike = Mapping[Union[Phase, str], DurationLike]

_DAY = 86400.0


def _days(td: datetime.timedelta) -> float:
    return td.total_seconds() / _DAY


_KINDS = {
    lib.TAPER_REQUEST_VALUE_TEXT: "text",
    lib.TAPER_REQUEST_VALUE_NUMBER: "number",
    lib.TAPER_REQUEST_VALUE_COUNT: "count",
    lib.TAPER_REQUEST_VALUE_FLAG: "flag",
    lib.TAPER_REQUEST_VALUE_DATE: "date",
    lib.TAPER_REQUEST_VALUE_LIST: "list",
}


@dataclass(frozen=True)
class RequestField:
    """One field of a plan request as the library describes it (``taper_request_field_describe``).

    ``key`` is the library's name ("max_step_percent"); ``unit`` is "mg", "days", "%" or
    "points" for numbers (and each item of a list), "" otherwise. Bounds are ``None`` where the
    field has none; ``default`` is ``None`` for a required or optional field (an optional one is
    unset by default and then not applied) and for a list (empty by default).
    """

    key: str
    kind: str  #: "text", "number", "count", "flag", "date" or "list"
    unit: str
    description: str
    required: bool
    optional: bool
    default: float | str | None
    minimum: float | None
    minimum_inclusive: bool
    maximum: float | None
    maximum_inclusive: bool


def _describe(code: int) -> RequestField:
    info = ffi.new("taper_request_field_info*")
    info.struct_size = ffi.sizeof("taper_request_field_info")
    call(lib.taper_request_field_describe, code, info)
    kind = _KINDS[info.kind]
    default: float | str | None = None
    if info.has_default:
        default = pystr(info.default_text) if kind in ("text", "date") else float(info.default_number)
    return RequestField(
        key=pystr(info.name),
        kind=kind,
        unit=pystr(info.unit),
        description=pystr(info.description),
        required=bool(info.required),
        optional=bool(info.optional),
        default=default,
        minimum=float(info.minimum) if info.has_minimum else None,
        minimum_inclusive=bool(info.minimum_inclusive),
        maximum=float(info.maximum) if info.has_maximum else None,
        maximum_inclusive=bool(info.maximum_inclusive),
    )


_FIELDS: dict[str, tuple[int, RequestField]] = {}
for _code in range(lib.taper_request_field_count()):
    _field = _describe(_code)
    _FIELDS[_field.key] = (_code, _field)


def request_fields() -> tuple[RequestField, ...]:
    """Every field of a plan request, in the library's order, with its key, unit, bounds and
    default: ``{f.key: f for f in taper.request_fields()}["interval"].default`` is 28.0 (days)."""
    return tuple(f for _, f in _FIELDS.values())


def _code(key: str) -> int:
    return _FIELDS[key][0]


def _default(key: str) -> Any:
    return _FIELDS[key][1].default


# The dataclass's attributes and the library's keys, where they differ.
_KEY_OF = {"start": "start_date"}


@dataclass(frozen=True, init=False)
class PlanRequest:
    """A plan request. Only ``drug`` and ``daily_dose`` are required.

    Doses: text ("20 mg") or :class:`~taper.Dose`. Durations: text ("4 weeks") or
    ``timedelta``. Limits left as ``None`` are not applied.
    """

    drug: str  #: name, alias or brand, any case
    daily_dose: Dose  #: what is taken per day now
    start: datetime.date = None  # type: ignore[assignment]  # None: today
    #: length of each step (the library's default: 28 days)
    interval: datetime.timedelta = datetime.timedelta(days=_default("interval"))
    #: how the daily dose is split across the day; empty = once daily
    split: tuple[DoseTime, ...] = ()
    #: per-phase step lengths, e.g. {"switch": "14 d"}
    phase_intervals: tuple[tuple[Phase, datetime.timedelta], ...] = ()
    max_step: Dose | None = None  #: largest cut per step (mg of the plan's basis)
    max_step_percent: float | None = None  #: largest cut, % of the most recent dose
    max_step_points: float | None = None  #: largest cut in receptor-occupancy points
    min_change: Dose | None = None  #: a smaller change is not worth a step (None: 0 mg)
    final_dose: Dose | None = None  #: the last dose before stopping
    maintenance: Dose | None = None  #: end on this dose instead of stopping (None: 0 mg)
    max_steps: int | None = None  #: the plan must finish within this many steps
    max_duration: datetime.timedelta | None = None  #: ... or within this long
    holds: tuple[Hold, ...] = ()
    half_life_pacing: bool = bool(_default("half_life_pacing"))  #: slower, smaller steps for short half-lives
    occupancy_model: str = _default("occupancy_model")  #: model id; "" = the drug's default
    equivalence_table: str = _default("equivalence_table")  #: for diazepam equivalents ("ashton")
    current_formulation: str = _default("current_formulation")  #: formulation id in use (whole-unit warnings)
    _c: Any = field(default=None, init=False, repr=False, compare=False)

    def __init__(
        self,
        drug: str,
        daily_dose: DoseLike,
        start: DateLike | None = None,
        interval: DurationLike = datetime.timedelta(days=_default("interval")),
        split: SplitLike = (),
        phase_intervals: PhaseIntervalsLike | Iterable[tuple[Phase | str, DurationLike]] = (),
        max_step: DoseLike | None = None,
        max_step_percent: float | None = None,
        max_step_points: float | None = None,
        min_change: DoseLike | None = None,
        final_dose: DoseLike | None = None,
        maintenance: DoseLike | None = None,
        max_steps: int | None = None,
        max_duration: DurationLike | None = None,
        holds: HoldsLike = (),
        half_life_pacing: bool = bool(_default("half_life_pacing")),
        occupancy_model: str = _default("occupancy_model"),
        equivalence_table: str = _default("equivalence_table"),
        current_formulation: str = _default("current_formulation"),
    ) -> None:
        s = object.__setattr__
        if not isinstance(drug, str):
            raise TypeError(f"drug must be a str, not {type(drug).__name__}")
        s(self, "drug", drug)
        s(self, "daily_dose", as_dose(daily_dose, "daily_dose"))
        s(self, "start", datetime.date.today() if start is None else as_date(start, "start"))
        s(self, "interval", as_timedelta(interval, "interval"))
        if isinstance(split, Mapping):
            split_items = tuple(DoseTime(k, v) for k, v in split.items())
        else:
            split_items = tuple(x if isinstance(x, DoseTime) else DoseTime(*x) for x in split)
        s(self, "split", split_items)
        pairs = phase_intervals.items() if isinstance(phase_intervals, Mapping) else phase_intervals
        s(self, "phase_intervals",
          tuple((Phase(p), as_timedelta(d, f"phase_intervals[{str(p)!r}]")) for p, d in pairs))
        s(self, "max_step", None if max_step is None else as_dose(max_step, "max_step"))
        s(self, "max_step_percent", None if max_step_percent is None else float(max_step_percent))
        s(self, "max_step_points", None if max_step_points is None else float(max_step_points))
        s(self, "min_change", None if min_change is None else as_dose(min_change, "min_change"))
        s(self, "final_dose", None if final_dose is None else as_dose(final_dose, "final_dose"))
        s(self, "maintenance", None if maintenance is None else as_dose(maintenance, "maintenance"))
        if max_steps is not None and (isinstance(max_steps, bool) or not isinstance(max_steps, int)):
            raise TypeError(f"max_steps must be an int, not {type(max_steps).__name__}")
        s(self, "max_steps", max_steps)
        s(self, "max_duration",
          None if max_duration is None else as_timedelta(max_duration, "max_duration"))
        s(self, "holds", tuple(h if isinstance(h, Hold) else Hold(*h) for h in holds))
        s(self, "half_life_pacing", bool(half_life_pacing))
        s(self, "occupancy_model", occupancy_model)
        s(self, "equivalence_table", equivalence_table)
        s(self, "current_formulation", current_formulation)
        s(self, "_c", None)

    def _handle(self) -> Any:
        """The C request (taper_request*), made on first use and kept: the dataclass is
        frozen, so it cannot go stale."""
        h = self._c
        if h is None:
            h = self._build()
            object.__setattr__(self, "_c", h)
        return h

    def _build(self) -> Any:
        """The C request, every field set by its key; a field left as None stays unset."""
        h = new_handle(lib.taper_request_create, "taper_request", lib.taper_request_free)
        for attr, value in self._values():
            code = _code(_KEY_OF.get(attr, attr))
            if isinstance(value, str):
                call(lib.taper_request_set_text, h, code, cstr(value, attr))
            else:
                call(lib.taper_request_set_number, h, code, value)
        for t in self.split:
            call(lib.taper_request_add_dose_time, h, cstr(t.time, "split time"), t.amount.mg)
        for phase, length in self.phase_intervals:
            call(lib.taper_request_set_phase_interval_days, h, phase.code, _days(length))
        for hold in self.holds:
            call(lib.taper_request_add_hold, h, hold.after_step, _days(hold.length))
        return h

    def _values(self) -> Iterable[tuple[str, float | str]]:
        """Each single-valued field that is set, in the unit of its key (mg, days, %, points)."""
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "_c" or value is None or isinstance(value, tuple):
                continue
            if isinstance(value, Dose):
                yield f.name, value.mg
            elif isinstance(value, datetime.timedelta):
                yield f.name, _days(value)
            elif isinstance(value, datetime.date):
                yield f.name, value.isoformat()
            elif isinstance(value, bool):
                yield f.name, 1.0 if value else 0.0
            elif isinstance(value, (int, float)):
                yield f.name, float(value)
            else:
                yield f.name, value

    def __getstate__(self) -> dict[str, Any]:
        state = {f.name: getattr(self, f.name) for f in fields(self)}
        state["_c"] = None  # the C handle does not pickle; it is rebuilt on first use
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():  # frozen: the dataclass's own way round __setattr__
            object.__setattr__(self, name, value)

