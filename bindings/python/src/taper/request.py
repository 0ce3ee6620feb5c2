"""What a person asks for: the drug, the dose taken now, when to start, and the limits.

:class:`PlanRequest` is a frozen dataclass. Its inputs are normalised when it is made (text
doses are parsed by the library, so a bad one is a ParseError at once); change a field with
``dataclasses.replace(request, max_step="2 mg")``. The library itself checks the values when
planning (PlanError naming the field), exactly as for C and C++ callers.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field, fields
from typing import Any, Iterable, Mapping, Union

from ._ffi import lib
from ._util import call, cstr, new_handle
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

__all__ = ["PlanRequest", "DoseTime", "Hold"]


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


@dataclass(frozen=True, init=False)
class PlanRequest:
    """A plan request. Only ``drug`` and ``daily_dose`` are required.

    Doses: text ("20 mg") or :class:`~taper.Dose`. Durations: text ("4 weeks") or
    ``timedelta``. Limits left as ``None`` are not applied.
    """

    drug: str  #: name, alias or brand, any case
    daily_dose: Dose  #: what is taken per day now
    start: datetime.date = None  # type: ignore[assignment]  # None: today
    interval: datetime.timedelta = datetime.timedelta(days=28)  #: length of each step
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
    half_life_pacing: bool = False  #: slower, smaller steps for short half-lives
    occupancy_model: str = ""  #: model id; "" = the drug's default
    equivalence_table: str = "ashton"  #: for diazepam equivalents
    current_formulation: str = ""  #: formulation id in use (whole-unit warnings)
    _c: Any = field(default=None, init=False, repr=False, compare=False)

    def __init__(
        self,
        drug: str,
        daily_dose: DoseLike,
        start: DateLike | None = None,
        interval: DurationLike = datetime.timedelta(days=28),
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
        half_life_pacing: bool = False,
        occupancy_model: str = "",
        equivalence_table: str = "ashton",
        current_formulation: str = "",
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
        h = new_handle(lib.taper_request_create, "taper_request", lib.taper_request_free)
        call(lib.taper_request_set_drug, h, cstr(self.drug, "drug"))
        call(lib.taper_request_set_daily_dose_mg, h, self.daily_dose.mg)
        for t in self.split:
            call(lib.taper_request_add_dose_time, h, cstr(t.time, "split time"), t.amount.mg)
        d = self.start
        call(lib.taper_request_set_start_date, h, d.year, d.month, d.day)
        call(lib.taper_request_set_interval_days, h, _days(self.interval))
        for phase, length in self.phase_intervals:
            call(lib.taper_request_set_phase_interval_days, h, phase.code, _days(length))
        if self.max_step is not None:
            call(lib.taper_request_set_max_step_mg, h, self.max_step.mg)
        if self.max_step_percent is not None:
            call(lib.taper_request_set_max_step_percent, h, self.max_step_percent)
        if self.max_step_points is not None:
            call(lib.taper_request_set_max_step_points, h, self.max_step_points)
        if self.min_change is not None:
            call(lib.taper_request_set_min_change_mg, h, self.min_change.mg)
        if self.final_dose is not None:
            call(lib.taper_request_set_final_dose_mg, h, self.final_dose.mg)
        if self.maintenance is not None:
            call(lib.taper_request_set_maintenance_mg, h, self.maintenance.mg)
        if self.max_steps is not None:
            if not -(2**31) <= self.max_steps < 2**31:
                raise OverflowError(f"max_steps {self.max_steps} does not fit the C ABI's int32")
            call(lib.taper_request_set_max_steps, h, self.max_steps)
        if self.max_duration is not None:
            call(lib.taper_request_set_max_duration_days, h, _days(self.max_duration))
        for hold in self.holds:
            call(lib.taper_request_add_hold, h, hold.after_step, _days(hold.length))
        if self.half_life_pacing:
            call(lib.taper_request_set_half_life_pacing, h, 1)
        if self.occupancy_model:
            call(lib.taper_request_set_occupancy_model, h, cstr(self.occupancy_model, "occupancy_model"))
        if self.equivalence_table != "ashton":
            call(lib.taper_request_set_equivalence_table, h,
                 cstr(self.equivalence_table, "equivalence_table"))
        if self.current_formulation:
            call(lib.taper_request_set_current_formulation, h,
                 cstr(self.current_formulation, "current_formulation"))
        return h

    def __getstate__(self) -> dict[str, Any]:
        state = {f.name: getattr(self, f.name) for f in fields(self)}
        state["_c"] = None  # the C handle does not pickle; it is rebuilt on first use
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():  # frozen: the dataclass's own way round __setattr__
            object.__setattr__(self, name, value)

