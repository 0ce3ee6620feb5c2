"""Schedules and steps: what planning returns.

A :class:`Schedule` holds the library's schedule (immutable, safe to read from several
threads) and exposes it as plain Python values: its plan-wide fields are read when it is
made, its steps (:class:`Step` dataclasses) on first use, and :meth:`Schedule.to_numpy`
reads every step's numbers in one call of the C ABI's bulk accessor.
"""
from __future__ import annotations

import datetime
import enum
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Iterator

import numpy as np
import numpy.typing as npt

from ._ffi import ffi, lib
from ._util import call, call_fast, opt, pystr, sized, take_string, to_date
from .messages import Message, read_plan_messages, read_step_messages

_new = ffi.new
_string = ffi.string
_from_buffer = ffi.from_buffer
_date = datetime.date
_empty = np.empty
_float64 = np.float64
_int32 = np.int32

__all__ = ["Phase", "Basis", "DoseLine", "TimedDose", "Step", "Schedule", "ScheduleArrays"]


class Phase(str, enum.Enum):
    """The phase of a step; the values are the names in the JSON export."""

    REDUCE = "reduce"  #: a reduction
    SWITCH = "switch"  #: part of a crossover; the equivalent dose is unchanged
    HOLD = "hold"  #: the same dose, held longer
    STOP = "stop"  #: the last step: zero, or the maintenance dose

    @property
    def code(self) -> int:
        """The pinned C value (taper_phase), as in ``ScheduleArrays.phase``."""
        return _PHASE_CODES[self]

    @classmethod
    def from_code(cls, code: int) -> Phase:
        return _PHASES[code]

    def __str__(self) -> str:
        return self.value


_PHASES = (Phase.REDUCE, Phase.SWITCH, Phase.HOLD, Phase.STOP)
_PHASE_CODES = {p: i for i, p in enumerate(_PHASES)}


class Basis(str, enum.Enum):
    """What a plan's doses are measured in."""

    OWN_MG = "own_mg"  #: mg of the drug itself
    DIAZEPAM_MG = "diazepam_mg"  #: mg diazepam-equivalent (crossover plans)

    def __str__(self) -> str:
        return self.value


_BASES = (Basis.OWN_MG, Basis.DIAZEPAM_MG)


@dataclass(frozen=True)
class DoseLine:
    """A dose of one drug at one time of day (a crossover step has lines of both drugs)."""

    drug: str
    time: str
    mg: float


@dataclass(frozen=True)
class TimedDose:
    """One dose-time of the starting split."""

    time: str
    mg: float


@dataclass(frozen=True)
class Step:
    """One step of a schedule. Doses are mg per day; ``None`` where the drug has no
    occupancy model. (Inside a Python strategy, steps carry only their numbers: ``doses``,
    ``notes`` and ``warnings`` are empty there.)"""

    number: int  #: 1-based
    phase: Phase
    start: datetime.date
    end: datetime.date  #: the day after the last day
    day_offset: int  #: days from the schedule's start
    length_days: float
    daily_dose_mg: float  #: of the drug being tapered (0 once switched away)
    equivalent_daily_dose_mg: float  #: in the plan's basis
    change_mg: float  #: reduction from the previous step (> 0 = lower)
    change_percent: float  #: reduction as % of the previous step's dose
    occupancy_percent: float | None
    change_points: float | None  #: occupancy reduction, percentage points
    doses: tuple[DoseLine, ...] = ()
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    #: the notes and warnings as codes (docs/messages.md), in the order they were written
    messages: tuple[Message, ...] = ()


def step_from_info(info: Any, doses: tuple[DoseLine, ...] = (), notes: tuple[str, ...] = (),
                   warnings: tuple[str, ...] = (), messages: tuple[Message, ...] = ()) -> Step:
    return Step(
        number=int(info.number),
        phase=_PHASES[info.phase],
        start=to_date(info.start),
        end=to_date(info.end),
        day_offset=int(info.day_offset),
        length_days=float(info.length_days),
        daily_dose_mg=float(info.daily_dose_mg),
        equivalent_daily_dose_mg=float(info.equivalent_daily_dose_mg),
        change_mg=float(info.change_mg),
        change_percent=float(info.change_percent),
        occupancy_percent=opt(info.occupancy_percent),
        change_points=opt(info.change_points),
        doses=doses,
        notes=notes,
        warnings=warnings,
        messages=messages,
    )


#: The columns of ScheduleArrays, in the order of taper_schedule_columns' arrays.
_FLOAT_COLUMNS = (
    "day",
    "length_days",
    "daily_dose_mg",
    "equivalent_daily_dose_mg",
    "change_mg",
    "change_percent",
    "occupancy_percent",
    "change_points",
)


_COLUMN_INDEX = {name: i for i, name in enumerate(_FLOAT_COLUMNS)}


@dataclass(frozen=True, eq=False)
class ScheduleArrays:
    """Every step's numbers as NumPy arrays of equal length (one element per step).

    ``day`` is the day the step starts, counted from the schedule's start (0 for step 1; whole
    numbers, as float64); ``occupancy_percent`` and ``change_points`` are NaN without an
    occupancy model; ``phase`` holds the pinned codes of :class:`Phase` (0 reduce, 1 switch,
    2 hold, 3 stop). ``arrays.as_dict()`` goes straight into ``pandas.DataFrame``.
    """

    day: npt.NDArray[np.float64]
    length_days: npt.NDArray[np.float64]
    daily_dose_mg: npt.NDArray[np.float64]
    equivalent_daily_dose_mg: npt.NDArray[np.float64]
    change_mg: npt.NDArray[np.float64]
    change_percent: npt.NDArray[np.float64]
    occupancy_percent: npt.NDArray[np.float64]
    change_points: npt.NDArray[np.float64]
    phase: npt.NDArray[np.int32]

    @property
    def dose_mg(self) -> npt.NDArray[np.float64]:
        """The plan's dose per day (``equivalent_daily_dose_mg``: own mg, or
        diazepam-equivalent mg in a crossover)."""
        return self.equivalent_daily_dose_mg

    def as_dict(self) -> dict[str, npt.NDArray[Any]]:
        out: dict[str, npt.NDArray[Any]] = {name: getattr(self, name) for name in _FLOAT_COLUMNS}
        out["phase"] = self.phase
        return out

    def __len__(self) -> int:
        return int(self.phase.shape[0])

    def __getattr__(self, name: str) -> Any:
        # Made by read_columns, the float columns are rows of one (8, n) block; each view
        # is made on first use (this runs only for attributes not yet in __dict__).
        index = _COLUMN_INDEX.get(name)
        block = self.__dict__.get("_block")
        if index is None or block is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        view = block[index]
        self.__dict__[name] = view
        return view


_COLUMN_ARRAYS_SIZE = ffi.sizeof("taper_schedule_column_arrays")


def read_columns(handle: Any, count: int) -> ScheduleArrays:
    """One call of taper_schedule_columns into freshly allocated arrays."""
    block = _empty((8, count), _float64)
    phase = _empty(count, _int32)
    n_out = _new("size_t*")
    if count:
        p = _from_buffer("double[]", block)
        columns = _new("taper_schedule_column_arrays*")
        columns.struct_size = _COLUMN_ARRAYS_SIZE
        columns.day_offset = p
        columns.length_days = p + count
        columns.daily_dose_mg = p + 2 * count
        columns.equivalent_daily_dose_mg = p + 3 * count
        columns.change_mg = p + 4 * count
        columns.change_percent = p + 5 * count
        columns.occupancy_percent = p + 6 * count
        columns.change_points = p + 7 * count
        columns.phase = _from_buffer("int32_t[]", phase)
        call_fast(lib.taper_schedule_columns, handle, columns, n_out, count)
    else:
        call(lib.taper_schedule_columns, handle, ffi.NULL, n_out, 0)
    if n_out[0] != count:  # pragma: no cover - schedules are immutable
        raise RuntimeError(f"taper: the schedule has {n_out[0]} steps, expected {count}")
    # The hot path (docs/performance.md): the frozen dataclass is filled directly, its float
    # columns made on first use from the block (ScheduleArrays.__getattr__).
    arrays = object.__new__(ScheduleArrays)
    d = arrays.__dict__
    d["_block"] = block
    d["phase"] = phase
    return arrays


@dataclass(frozen=True, eq=False)
class Schedule:
    """A dated reduction schedule. Plan-wide fields are attributes; ``steps`` are read on
    first use; :meth:`to_numpy`, :meth:`to_json`, :meth:`to_csv` export it."""

    drug: str  #: canonical name
    strategy: str
    basis: Basis
    start_dose_mg: float  #: daily, of the drug, as requested
    start_equivalent_dose_mg: float  #: the same in the plan's basis
    start_occupancy_percent: float | None
    final_dose_mg: float  #: the last step's, in the plan's basis
    occupancy_model: str  #: "" if none
    occupancy_receptor: str
    equivalence_table: str  #: "" unless a diazepam-basis plan
    start: datetime.date
    end: datetime.date  #: the day after the last day
    total_days: int
    step_count: int
    warnings: tuple[str, ...]  #: about the plan as a whole
    messages: tuple[Message, ...]  #: the same as codes (docs/messages.md)
    _handle: Any = field(repr=False)
    _start_split_count: int = field(repr=False, default=1)

    @classmethod
    def _from_handle(cls, handle: Any) -> Schedule:
        info = sized("taper_schedule_info")
        call_fast(lib.taper_schedule_get_info, handle, info)
        # Planning is the hot path (docs/performance.md): the frozen dataclass is filled
        # directly, and each field is read from the info struct on first use
        # (Schedule.__getattr__). The struct's strings are borrowed from the schedule, which
        # the same object keeps alive.
        self = object.__new__(cls)
        d = self.__dict__
        d["_handle"] = handle
        d["_info"] = info
        d["step_count"] = info.step_count
        d["_start_split_count"] = info.start_dose_time_count
        return self

    def __getattr__(self, name: str) -> Any:
        read = _SCHEDULE_FIELDS.get(name)
        info = self.__dict__.get("_info")
        if read is None or info is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        value = read(self, info)
        self.__dict__[name] = value
        return value

    def _read_warnings(self, info: Any) -> tuple[str, ...]:
        if not info.warning_count:
            return ()
        out = ffi.new("const char**")
        items = []
        for i in range(info.warning_count):
            call(lib.taper_schedule_warning, self._handle, out, i)
            items.append(pystr(out[0]))
        return tuple(items)

    @cached_property
    def steps(self) -> tuple[Step, ...]:
        """Every step, with its dose lines, notes and warnings."""
        h = self._handle
        info = sized("taper_step_info")
        drug = ffi.new("const char**")
        time = ffi.new("const char**")
        amount = ffi.new("double*")
        text = ffi.new("const char**")
        steps = []
        for i in range(self.step_count):
            call(lib.taper_schedule_step, h, info, i)
            doses = []
            for j in range(info.dose_count):
                call(lib.taper_schedule_step_dose, h, drug, time, amount, i, j)
                doses.append(DoseLine(pystr(drug[0]), pystr(time[0]), float(amount[0])))
            notes = []
            for j in range(info.note_count):
                call(lib.taper_schedule_step_note, h, text, i, j)
                notes.append(pystr(text[0]))
            warns = []
            for j in range(info.warning_count):
                call(lib.taper_schedule_step_warning, h, text, i, j)
                warns.append(pystr(text[0]))
            steps.append(step_from_info(info, tuple(doses), tuple(notes), tuple(warns), read_step_messages(h, i)))
        return tuple(steps)

    @cached_property
    def start_split(self) -> tuple[TimedDose, ...]:
        """The starting dose-times (at least one: "daily")."""
        time = ffi.new("const char**")
        amount = ffi.new("double*")
        out = []
        for i in range(self._start_split_count):
            call(lib.taper_schedule_start_dose_time, self._handle, time, amount, i)
            out.append(TimedDose(pystr(time[0]), float(amount[0])))
        return tuple(out)

    def to_numpy(self) -> ScheduleArrays:
        """Every step's numbers as NumPy arrays, read with one call (the bulk accessor)."""
        return read_columns(self._handle, self.step_count)

    def to_json(self) -> str:
        """The schedule as JSON (docs/schedule.schema.json), exactly as the library writes it."""
        out = ffi.new("char**")
        call(lib.taper_schedule_to_json, self._handle, out)
        return take_string(out[0])

    def to_dict(self) -> dict[str, Any]:
        """The JSON export parsed: every field, at full precision."""
        result: dict[str, Any] = json.loads(self.to_json())
        return result

    def to_csv(self) -> str:
        """The steps as CSV (RFC 4180, CRLF line ends), one row per dose line."""
        out = ffi.new("char**")
        call(lib.taper_schedule_to_csv, self._handle, out)
        return take_string(out[0])

    def to_ics(self, reminders: bool = False, stamp: datetime.datetime | int | None = None) -> str:
        """An iCalendar file (RFC 5545): one all-day event per step; with ``reminders`` a
        daily event per step with an alarm at each dose-time. ``stamp`` (an aware datetime,
        or seconds since 1970 UTC) is every event's DTSTAMP; None: now."""
        from .outputs import stamp_seconds, text_of

        return text_of(lib.taper_schedule_to_ics, self._handle, int(bool(reminders)), stamp_seconds(stamp))

    def to_fhir(self) -> str:
        """A FHIR R4 Bundle of MedicationRequests (JSON) whose dosageInstruction is the plan."""
        from .outputs import text_of

        return text_of(lib.taper_schedule_to_fhir, self._handle)

    def to_svg(self) -> str:
        """The chart of the daily dose and occupancy as a self-contained SVG image."""
        from .outputs import text_of

        return text_of(lib.taper_schedule_to_svg, self._handle)

    def to_html(self) -> str:
        """One printable, self-contained HTML page of the plan (A4 and Letter)."""
        from .outputs import text_of

        return text_of(lib.taper_schedule_to_html, self._handle)

    def plot(self, ax: Any = None) -> Any:
        """The plan as a matplotlib chart (needs the ``plot`` extra); returns the Axes."""
        from .outputs import plot

        return plot(self, None, ax)

    def __len__(self) -> int:
        return self.step_count

    def __iter__(self) -> Iterator[Step]:
        return iter(self.steps)

    def __getitem__(self, index: int) -> Step:
        return self.steps[index]


def _text(field: str) -> Callable[[Schedule, Any], str]:
    return lambda _s, info: str(_string(getattr(info, field)).decode("utf-8", "replace"))


def _number(field: str) -> Callable[[Schedule, Any], float]:
    return lambda _s, info: float(getattr(info, field))


def _day(field: str) -> Callable[[Schedule, Any], datetime.date]:
    return lambda _s, info: to_date(getattr(info, field))


_SCHEDULE_FIELDS: dict[str, Callable[[Schedule, Any], Any]] = {
    "drug": _text("drug"),
    "strategy": _text("strategy"),
    "basis": lambda _s, info: _BASES[info.basis],
    "start_dose_mg": _number("start_dose_mg"),
    "start_equivalent_dose_mg": _number("start_equivalent_dose_mg"),
    "start_occupancy_percent": lambda _s, info: opt(info.start_occupancy_percent),
    "final_dose_mg": _number("final_dose_mg"),
    "occupancy_model": _text("occupancy_model"),
    "occupancy_receptor": _text("occupancy_receptor"),
    "equivalence_table": _text("equivalence_table"),
    "start": _day("start"),
    "end": _day("end"),
    "total_days": lambda _s, info: int(info.total_days),
    "warnings": lambda s, info: s._read_warnings(info),
    "messages": lambda s, info: read_plan_messages(s._handle, info.warning_count),
}
