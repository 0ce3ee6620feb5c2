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
import math
from dataclasses import dataclass, field, fields
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

__all__ = ["Phase", "Basis", "DoseLine", "TimedDose", "Step", "Schedule", "ScheduleArrays", "DetachedError"]


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
    #: previous dose minus this one, in the plan's basis (as ``equivalent_daily_dose_mg``;
    #: step 1: from the starting dose): positive means lower, 0 for a hold or a switch
    change_mg: float
    change_percent: float  #: change_mg as % of the previous dose (100 for a stop to 0)
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


@dataclass(eq=False)
class ScheduleArrays:
    """Every step's numbers as NumPy arrays of equal length (one element per step).

    ``day`` is the day the step starts, counted from the schedule's start (0 for step 1; whole
    numbers, as float64); ``occupancy_percent`` and ``change_points`` are NaN without an
    occupancy model; ``phase`` holds the pinned codes of :class:`Phase` (0 reduce, 1 switch,
    2 hold, 3 stop). ``arrays.as_dict()`` goes straight into ``pandas.DataFrame``. The arrays
    are fresh copies, the caller's own (so the dataclass is not frozen either).
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
        """The plan's dose per day in its basis: ``equivalent_daily_dose_mg``. mg of the drug
        itself, except in a crossover plan (``Basis.DIAZEPAM_MG``), where every element,
        before and after the switch, is diazepam-equivalent mg; the tapered drug's own mg is
        ``daily_dose_mg``."""
        return self.equivalent_daily_dose_mg

    def as_dict(self) -> dict[str, npt.NDArray[Any]]:
        out: dict[str, npt.NDArray[Any]] = {name: getattr(self, name) for name in _FLOAT_COLUMNS}
        out["phase"] = self.phase
        return out

    def __len__(self) -> int:
        return int(self.phase.shape[0])


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
    # The float columns are rows of one (8, n) block: views, no copies.
    return ScheduleArrays(block[0], block[1], block[2], block[3], block[4], block[5], block[6], block[7], phase)


def columns_from_steps(steps: tuple[Step, ...]) -> ScheduleArrays:
    """The arrays of a schedule read from a pickle (no C schedule): the same numbers as the
    bulk accessor gives, taken from the steps."""
    def column(read: Callable[[Step], float | None]) -> npt.NDArray[np.float64]:
        return np.array([math.nan if (v := read(step)) is None else v for step in steps], dtype=np.float64)

    return ScheduleArrays(
        day=column(lambda st: float(st.day_offset)),
        length_days=column(lambda st: st.length_days),
        daily_dose_mg=column(lambda st: st.daily_dose_mg),
        equivalent_daily_dose_mg=column(lambda st: st.equivalent_daily_dose_mg),
        change_mg=column(lambda st: st.change_mg),
        change_percent=column(lambda st: st.change_percent),
        occupancy_percent=column(lambda st: st.occupancy_percent),
        change_points=column(lambda st: st.change_points),
        phase=np.array([st.phase.code for st in steps], dtype=np.int32),
    )


@dataclass(frozen=True)
class _Detached:
    """What a schedule read from a pickle carries instead of the C schedule: its steps and
    starting split, and the exports that are data (JSON, CSV), as written when it was pickled."""

    steps: tuple[Step, ...]
    start_split: tuple[TimedDose, ...]
    json: str
    csv: str


class DetachedError(RuntimeError):
    """An operation that needs the library's own schedule or realization, asked of one read
    from a pickle (which carries the data, not the C object)."""


@dataclass(frozen=True, eq=False)
class Schedule:
    """A dated reduction schedule. Plan-wide fields are attributes; ``steps`` are read on
    first use; :meth:`to_numpy`, :meth:`to_pandas`, :meth:`to_json`, :meth:`to_csv` export it.

    A schedule is immutable: ``copy.copy`` and ``copy.deepcopy`` give the same object. It
    pickles by value (every field, the steps, the JSON and CSV exports), so that
    ``multiprocessing`` and Dask can carry it; the copy read from a pickle has no C schedule
    behind it, so what needs the library (realizing it, the calendar, FHIR, SVG and HTML
    exports) raises :class:`DetachedError` there."""

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
    _handle: Any = field(repr=False, default=None)
    _start_split_count: int = field(repr=False, default=1)
    _detached: _Detached | None = field(repr=False, default=None)

    @classmethod
    def _from_handle(cls, handle: Any) -> Schedule:
        info = sized("taper_schedule_info")
        call_fast(lib.taper_schedule_get_info, handle, info)
        warning_count = int(info.warning_count)
        return cls(
            drug=pystr(info.drug),
            strategy=pystr(info.strategy),
            basis=_BASES[info.basis],
            start_dose_mg=float(info.start_dose_mg),
            start_equivalent_dose_mg=float(info.start_equivalent_dose_mg),
            start_occupancy_percent=opt(info.start_occupancy_percent),
            final_dose_mg=float(info.final_dose_mg),
            occupancy_model=pystr(info.occupancy_model),
            occupancy_receptor=pystr(info.occupancy_receptor),
            equivalence_table=pystr(info.equivalence_table),
            start=to_date(info.start),
            end=to_date(info.end),
            total_days=int(info.total_days),
            step_count=int(info.step_count),
            warnings=_read_warnings(handle, warning_count),
            messages=read_plan_messages(handle, warning_count) if warning_count else (),
            _handle=handle,
            _start_split_count=int(info.start_dose_time_count),
        )

    def _live(self, what: str) -> Any:
        """The C schedule, or DetachedError saying that `what` needs it."""
        if self._handle is None:
            raise DetachedError(
                f"taper: {what} needs the library's schedule, and this one was read from a "
                "pickle (it carries the plan's data only); plan it again in this process "
                "(taper.plan with the same request and strategy) to " + what)
        return self._handle

    # Immutable, like a tuple: a copy is the object itself.
    def __copy__(self) -> Schedule:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Schedule:
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        detached = self._detached
        if detached is None:
            detached = _Detached(self.steps, self.start_split, self.to_json(), self.to_csv())
        values = {f.name: getattr(self, f.name) for f in _PUBLIC_FIELDS}
        return (_restore_schedule, (values, detached))

    @cached_property
    def steps(self) -> tuple[Step, ...]:
        """Every step, with its dose lines, notes and warnings."""
        if self._detached is not None:
            return self._detached.steps
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
        if self._detached is not None:
            return self._detached.start_split
        time = ffi.new("const char**")
        amount = ffi.new("double*")
        out = []
        for i in range(self._start_split_count):
            call(lib.taper_schedule_start_dose_time, self._handle, time, amount, i)
            out.append(TimedDose(pystr(time[0]), float(amount[0])))
        return tuple(out)

    def to_numpy(self) -> ScheduleArrays:
        """Every step's numbers as NumPy arrays, read with one call (the bulk accessor)."""
        if self._detached is not None:
            return columns_from_steps(self._detached.steps)
        return read_columns(self._handle, self.step_count)

    def to_pandas(self) -> Any:
        """The schedule as a ``pandas.DataFrame`` (needs pandas: ``pip install taper[dataframe]``):
        a first row for the starting dose (step 0, phase ``"start"``), then one row per step.
        Columns: ``step``, ``phase`` (a category), ``start`` and ``end`` (datetime64; ``end``
        is the day after the last day), ``day``, ``length_days``, ``daily_dose_mg``,
        ``equivalent_daily_dose_mg``, ``change_mg``, ``change_percent``,
        ``occupancy_percent``, ``change_points`` (NaN where not known or, on the starting
        row, not applicable). See docs/python.md."""
        from .frames import schedule_frame

        return schedule_frame(self)

    def to_json(self) -> str:
        """The schedule as JSON (docs/schedule.schema.json), exactly as the library writes it."""
        if self._detached is not None:
            return self._detached.json
        out = ffi.new("char**")
        call(lib.taper_schedule_to_json, self._handle, out)
        return take_string(out[0])

    def to_dict(self) -> dict[str, Any]:
        """The JSON export parsed: every field, at full precision."""
        result: dict[str, Any] = json.loads(self.to_json())
        return result

    def to_csv(self) -> str:
        """The steps as CSV (RFC 4180, CRLF line ends), one row per dose line."""
        if self._detached is not None:
            return self._detached.csv
        out = ffi.new("char**")
        call(lib.taper_schedule_to_csv, self._handle, out)
        return take_string(out[0])

    def to_ics(self, reminders: bool = False, stamp: datetime.datetime | int | None = None) -> str:
        """An iCalendar file (RFC 5545): one all-day event per step; with ``reminders`` a
        daily event per step with an alarm at each dose-time. ``stamp`` (an aware datetime,
        or seconds since 1970 UTC) is every event's DTSTAMP; None: now."""
        from .outputs import stamp_seconds, text_of

        return text_of(lib.taper_schedule_to_ics, self._live("write a calendar"), int(bool(reminders)),
                       stamp_seconds(stamp))

    def to_fhir(self) -> str:
        """A FHIR R4 Bundle of MedicationRequests (JSON) whose dosageInstruction is the plan."""
        from .outputs import text_of

        return text_of(lib.taper_schedule_to_fhir, self._live("write FHIR"))

    def to_svg(self) -> str:
        """The chart of the daily dose and occupancy as a self-contained SVG image."""
        from .outputs import text_of

        return text_of(lib.taper_schedule_to_svg, self._live("draw the chart"))

    def to_html(self) -> str:
        """One printable, self-contained HTML page of the plan (A4 and Letter)."""
        from .outputs import text_of

        return text_of(lib.taper_schedule_to_html, self._live("write the page"))

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


def _read_warnings(handle: Any, count: int) -> tuple[str, ...]:
    if not count:
        return ()
    out = ffi.new("const char**")
    items = []
    for i in range(count):
        call(lib.taper_schedule_warning, handle, out, i)
        items.append(pystr(out[0]))
    return tuple(items)


#: The fields a pickle carries (the private ones are the C object and what stands for it).
_PUBLIC_FIELDS = tuple(f for f in fields(Schedule) if not f.name.startswith("_"))


def _restore_schedule(values: dict[str, Any], detached: _Detached) -> Schedule:
    return Schedule(**values, _start_split_count=len(detached.start_split), _detached=detached)
