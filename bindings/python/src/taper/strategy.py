"""Strategies: the built-ins by name with their options, and strategies written in Python.

    taper.Strategy("hyperbolic", points=5)
    taper.Strategy("proportional", percent=10, final_fraction=0.05)
    taper.Strategy("table", table=[("15 mg", "14 d"), ("10 mg", None)])

A Python strategy is a callable ``f(ctx) -> Target | dose | None`` (or an object with such a
``next`` method), registered in a :class:`Registry` through the C ABI's strategy vtable:

    def halve(ctx):
        if ctx.latest_dose.mg <= 1:
            return None                      # stop: the planner adds the stop step
        return taper.Target(ctx.latest_dose * 0.5, note="half of the last dose")

    reg = taper.Registry.builtin()
    reg.add("halve", halve, "halve the dose every step")
    schedule = taper.plan(request, "halve", registry=reg)

An exception raised inside it fails the plan with a PlanError whose message carries the
Python message (and whose ``__cause__`` is the original exception).
"""
from __future__ import annotations

import datetime
import threading
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping, Protocol, Union, runtime_checkable

from ._ffi import ffi, lib
from ._util import call, cstr, new_handle, pystr, sized
from .schedule import Phase, Step, step_from_info
from .units import Dose, DoseLike, DurationLike, as_dose, as_timedelta, dose_mg

__all__ = [
    "Strategy",
    "TableRow",
    "Registry",
    "StrategyInfo",
    "StrategyContext",
    "Target",
    "StrategyFunction",
    "StrategyObject",
]

_DAY = 86400.0


@dataclass(frozen=True, init=False)
class TableRow:
    """One row of the ``table`` strategy: a daily dose and, optionally, its own length."""

    daily_dose: Dose
    length: datetime.timedelta | None = None

    def __init__(self, daily_dose: DoseLike, length: DurationLike | None = None) -> None:
        object.__setattr__(self, "daily_dose", as_dose(daily_dose, "table row dose"))
        object.__setattr__(self, "length", None if length is None else as_timedelta(length, "table row length"))


@dataclass(frozen=True, init=False)
class Strategy:
    """A strategy by name, with the options it is made from. Each strategy rejects
    (StrategyError) options it cannot use, rather than ignoring them."""

    name: str
    points: float | None = None  #: occupancy points per step
    percent: float | None = None  #: percent per step
    amount: Dose | None = None  #: mg per step
    occupancy_targets: tuple[float, ...] = ()  #: explicit occupancy targets, %
    occupancy_floor: float | None = None  #: %
    final_fraction: float | None = None  #: of the starting dose
    step_length: datetime.timedelta | None = None  #: a preset's own step length
    table: tuple[TableRow, ...] = ()  #: the `table` strategy's rows
    curve: str | None = None  #: `tapering-strip`: "hyperbolic" or "proportional"
    roll_length: datetime.timedelta | None = None  #: `tapering-strip`: days per roll
    extra: tuple[tuple[str, str], ...] = ()  #: anything else, for user strategies
    _c: Any = field(default=None, init=False, repr=False, compare=False)

    def __init__(
        self,
        name: str,
        *,
        points: float | None = None,
        percent: float | None = None,
        amount: DoseLike | None = None,
        occupancy_targets: Iterable[float] = (),
        occupancy_floor: float | None = None,
        final_fraction: float | None = None,
        step_length: DurationLike | None = None,
        table: Iterable[TableRow | tuple[DoseLike, DurationLike | None] | DoseLike] = (),
        curve: str | None = None,
        roll_length: DurationLike | None = None,
        extra: Mapping[str, str] | Iterable[tuple[str, str]] = (),
    ) -> None:
        s = object.__setattr__
        if not isinstance(name, str):
            raise TypeError(f"strategy name must be a str, not {type(name).__name__}")
        s(self, "name", name)
        s(self, "points", None if points is None else float(points))
        s(self, "percent", None if percent is None else float(percent))
        s(self, "amount", None if amount is None else as_dose(amount, "amount"))
        s(self, "occupancy_targets", tuple(float(t) for t in occupancy_targets))
        s(self, "occupancy_floor", None if occupancy_floor is None else float(occupancy_floor))
        s(self, "final_fraction", None if final_fraction is None else float(final_fraction))
        s(self, "step_length", None if step_length is None else as_timedelta(step_length, "step_length"))
        rows = []
        for row in table:
            if isinstance(row, TableRow):
                rows.append(row)
            elif isinstance(row, tuple):
                rows.append(TableRow(*row))
            else:
                rows.append(TableRow(row))
        s(self, "table", tuple(rows))
        s(self, "curve", curve)
        s(self, "roll_length", None if roll_length is None else as_timedelta(roll_length, "roll_length"))
        pairs = extra.items() if isinstance(extra, Mapping) else extra
        s(self, "extra", tuple((str(k), str(v)) for k, v in pairs))
        s(self, "_c", None)

    def _name_bytes(self) -> bytes:
        """The name as the C ABI takes it (cached)."""
        b: bytes | None = self.__dict__.get("_name_b")
        if b is None:
            b = cstr(self.name, "strategy name")
            self.__dict__["_name_b"] = b
        return b

    def _options(self) -> Any:
        """The C options (taper_strategy_options*), made once."""
        h = self._c
        if h is None:
            h = _options_handle(self)
            object.__setattr__(self, "_c", h)
        return h

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_c"] = None
        state.pop("_name_b", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)


def _options_handle(st: Strategy) -> Any:
    h = new_handle(lib.taper_strategy_options_create, "taper_strategy_options",
                   lib.taper_strategy_options_free)
    if st.points is not None:
        call(lib.taper_strategy_options_set_points, h, st.points)
    if st.percent is not None:
        call(lib.taper_strategy_options_set_percent, h, st.percent)
    if st.amount is not None:
        call(lib.taper_strategy_options_set_amount_mg, h, st.amount.mg)
    for t in st.occupancy_targets:
        call(lib.taper_strategy_options_add_occupancy_target, h, t)
    if st.occupancy_floor is not None:
        call(lib.taper_strategy_options_set_occupancy_floor, h, st.occupancy_floor)
    if st.final_fraction is not None:
        call(lib.taper_strategy_options_set_final_fraction, h, st.final_fraction)
    if st.step_length is not None:
        call(lib.taper_strategy_options_set_step_length_days, h, st.step_length.total_seconds() / _DAY)
    for row in st.table:
        length = 0.0 if row.length is None else row.length.total_seconds() / _DAY
        call(lib.taper_strategy_options_add_table_row, h, row.daily_dose.mg, length)
    if st.curve is not None:
        call(lib.taper_strategy_options_set_curve, h, cstr(st.curve, "curve"))
    if st.roll_length is not None:
        call(lib.taper_strategy_options_set_roll_length_days, h, st.roll_length.total_seconds() / _DAY)
    for key, value in st.extra:
        call(lib.taper_strategy_options_set_extra, h, cstr(key, "extra key"), cstr(value, "extra value"))
    return h


# --- Python strategies ---------------------------------------------------------------------


@dataclass(frozen=True, init=False)
class Target:
    """The next dose a Python strategy proposes. ``phase`` is "reduce" or "hold" (to stop,
    return None); ``length`` overrides the request's interval for this step."""

    daily_dose: Dose
    phase: Phase = Phase.REDUCE
    length: datetime.timedelta | None = None
    note: str = ""

    def __init__(self, daily_dose: DoseLike, phase: Phase | str = Phase.REDUCE,
                 length: DurationLike | None = None, note: str = "") -> None:
        object.__setattr__(self, "daily_dose", as_dose(daily_dose, "Target.daily_dose"))
        object.__setattr__(self, "phase", Phase(phase))
        object.__setattr__(self, "length", None if length is None else as_timedelta(length, "Target.length"))
        object.__setattr__(self, "note", note)


_NUMBER_OPTIONS = {
    "points": 0,
    "percent": 1,
    "amount_mg": 2,
    "occupancy_floor": 4,
    "final_fraction": 5,
    "step_length_days": 6,
    "roll_length_days": 9,
}


class StrategyContext:
    """What a Python strategy may read. Valid only during the call it is passed to."""

    __slots__ = ("_ctx",)

    def __init__(self, ctx: Any) -> None:
        self._ctx = ctx

    def _number(self, fn: Callable[..., int], *args: Any) -> float:
        out = ffi.new("double*")
        call(fn, self._ctx, out, *args)
        return float(out[0])

    @property
    def drug(self) -> str:
        """The drug's canonical name."""
        out = ffi.new("const char**")
        call(lib.taper_strategy_context_drug, self._ctx, out)
        return pystr(out[0])

    @property
    def start_dose(self) -> Dose:
        """The starting daily dose."""
        return Dose(self._number(lib.taper_strategy_context_start_dose_mg))

    @property
    def latest_dose(self) -> Dose:
        """The most recent daily dose: the last step's, or the start."""
        return Dose(self._number(lib.taper_strategy_context_latest_dose_mg))

    @property
    def step_count(self) -> int:
        """Number of steps planned so far."""
        out = ffi.new("size_t*")
        call(lib.taper_strategy_context_step_count, self._ctx, out)
        return int(out[0])

    @property
    def steps(self) -> tuple[Step, ...]:
        """The steps planned so far (numbers only: no dose lines, notes or warnings)."""
        info = sized("taper_step_info")
        out = []
        for i in range(self.step_count):
            call(lib.taper_strategy_context_step, self._ctx, info, i)
            out.append(step_from_info(info))
        return tuple(out)

    def occupancy(self, dose: DoseLike) -> float:
        """Receptor occupancy (%) at a daily dose, with the plan's model (MissingDataError
        without one)."""
        return self._number(lib.taper_strategy_context_occupancy, dose_mg(dose, "dose"))

    def dose_for_occupancy(self, percent: float) -> Dose:
        """The daily dose giving an occupancy (%) with the plan's model."""
        return Dose(self._number(lib.taper_strategy_context_dose_for_occupancy, float(percent)))

    def option(self, name: str) -> float | None:
        """A numeric option the strategy was made with (None when not set): "points",
        "percent", "amount_mg", "occupancy_floor", "final_fraction", "step_length_days",
        "roll_length_days"."""
        if name not in _NUMBER_OPTIONS:
            raise KeyError(f"{name!r} is not a numeric option; one of {', '.join(_NUMBER_OPTIONS)}")
        opts = ffi.new("const taper_strategy_options**")
        call(lib.taper_strategy_context_options, self._ctx, opts)
        value = ffi.new("double*")
        is_set = ffi.new("int*")
        call(lib.taper_strategy_options_get_number, opts[0], value, is_set, _NUMBER_OPTIONS[name])
        return float(value[0]) if is_set[0] else None

    def extra(self, key: str) -> str | None:
        """An extra (key/value text) option, or None."""
        opts = ffi.new("const taper_strategy_options**")
        call(lib.taper_strategy_context_options, self._ctx, opts)
        out = ffi.new("const char**")
        call(lib.taper_strategy_options_get_extra, opts[0], out, cstr(key, "extra key"))
        return None if out[0] == ffi.NULL else pystr(out[0])


TargetLike = Union[Target, Dose, str, None]
StrategyFunction = Callable[[StrategyContext], TargetLike]


@runtime_checkable
class StrategyObject(Protocol):
    """A class-based Python strategy: an object with ``next(ctx)``."""

    def next(self, ctx: StrategyContext) -> TargetLike: ...


# Set by a failing Python strategy on the planning thread, so that plan() can chain the
# original exception to the PlanError it raises.
_failure = threading.local()


def take_strategy_failure() -> BaseException | None:
    exc: BaseException | None = getattr(_failure, "exc", None)
    _failure.exc = None
    return exc


class _PyStrategy:
    """The user data behind one registration: the Python callable and a per-thread buffer
    for the note the library copies after each call."""

    def __init__(self, name: str, fn: Callable[[StrategyContext], TargetLike]) -> None:
        self.name = name
        self.fn = fn
        self.local = threading.local()

    def next(self, ctx: Any, out: Any) -> int:
        try:
            result = self.fn(StrategyContext(ctx))
            if result is None:
                return 0
            if not isinstance(result, Target):
                if isinstance(result, (Dose, str)):
                    result = Target(result)
                else:
                    raise TypeError(
                        f"returned {result!r}; return a taper.Target, a dose with a unit "
                        "(\"5 mg\", taper.mg(5)) or None to stop"
                    )
            if result.phase not in (Phase.REDUCE, Phase.HOLD):
                raise ValueError(
                    f"returned phase {result.phase.value!r}; a strategy proposes \"reduce\" or "
                    "\"hold\" steps (return None to stop)"
                )
            out.daily_dose_mg = result.daily_dose.mg
            out.phase = result.phase.code
            out.length_days = 0.0 if result.length is None else result.length.total_seconds() / _DAY
            if result.note:
                self._set_note(out, result.note)
            return 1
        except BaseException as exc:  # noqa: BLE001 - everything must stay on this side of C
            _failure.exc = exc
            message = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            self._set_note(out, f"Python strategy raised {message}")
            return -1

    def _set_note(self, out: Any, text: str) -> None:
        buf = ffi.new("char[]", text.encode("utf-8", "replace").replace(b"\0", b" "))
        self.local.note = buf  # alive until this thread's next call; the library copies it
        out.note = buf


def _on_callback_error(exc_type: Any, exc_value: Any, tb: Any) -> int:  # pragma: no cover
    return -1


def _next(user_data: Any, ctx: Any, out: Any) -> int:
    strategy: _PyStrategy = ffi.from_handle(user_data)
    return strategy.next(ctx, out)


# The C function pointers of the vtable, for every registration; module globals, so they
# live as long as the interpreter (cffi callbacks must outlive every call into them).
_next_callback: Any = ffi.callback("int(void*, const taper_strategy_context*, taper_target*)",
                                   _next, onerror=_on_callback_error)


# Registered strategies, by the address of their handle: kept alive until the library says,
# through destroy, that no registry or plan uses them any more.
_alive: dict[int, Any] = {}
_alive_lock = threading.Lock()


def _destroy(user_data: Any) -> None:
    with _alive_lock:
        _alive.pop(int(ffi.cast("uintptr_t", user_data)), None)


_destroy_callback: Any = ffi.callback("void(void*)", _destroy)


def registered_python_strategies() -> int:
    """How many Python strategies the library still holds (for tests)."""
    with _alive_lock:
        return len(_alive)


@dataclass(frozen=True)
class StrategyInfo:
    name: str
    description: str


class Registry:
    """Strategies by name. ``Registry.builtin()`` has linear, proportional,
    proportional-of-start, hyperbolic, antipsychotic, diazepam-crossover, tapering-strip and
    table; :meth:`add` adds a Python strategy. Planning from several threads with one
    registry is fine; adding needs exclusive access."""

    def __init__(self, _handle: Any) -> None:
        self._h = _handle

    @classmethod
    def builtin(cls) -> Registry:
        return cls(new_handle(lib.taper_registry_create_builtin, "taper_registry", lib.taper_registry_free))

    @classmethod
    def empty(cls) -> Registry:
        return cls(new_handle(lib.taper_registry_create_empty, "taper_registry", lib.taper_registry_free))

    def __len__(self) -> int:
        out = ffi.new("size_t*")
        call(lib.taper_registry_count, self._h, out)
        return int(out[0])

    def entries(self) -> list[StrategyInfo]:
        """Every strategy, sorted by name."""
        name = ffi.new("const char**")
        desc = ffi.new("const char**")
        out = []
        for i in range(len(self)):
            call(lib.taper_registry_entry, self._h, name, desc, i)
            out.append(StrategyInfo(pystr(name[0]), pystr(desc[0])))
        return out

    def names(self) -> list[str]:
        return [e.name for e in self.entries()]

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __contains__(self, name: object) -> bool:
        return name in self.names()

    def add(self, name: str, strategy: StrategyFunction | StrategyObject, description: str = "") -> None:
        """Register a Python strategy: a callable ``f(ctx)`` or an object with ``next(ctx)``
        returning a :class:`Target`, a dose ("5 mg", ``taper.mg(5)``) or None to stop.
        StrategyError for an empty or taken name."""
        if isinstance(strategy, StrategyObject) and not callable(strategy):
            fn: Callable[[StrategyContext], TargetLike] = strategy.next
        elif callable(strategy):
            fn = strategy
        else:
            raise TypeError("a strategy is a callable f(ctx) or an object with a next(ctx) method")
        vtable = sized("taper_strategy_vtable")
        vtable.version = lib.TAPER_STRATEGY_VTABLE_VERSION
        vtable.next = _next_callback
        vtable.destroy = _destroy_callback
        handle = ffi.new_handle(_PyStrategy(name, fn))
        key = int(ffi.cast("uintptr_t", handle))
        with _alive_lock:
            _alive[key] = handle
        try:
            call(lib.taper_registry_add, self._h, cstr(name, "strategy name"),
                 cstr(description, "description"), vtable, handle)
        except BaseException:
            with _alive_lock:  # on failure the library took nothing
                _alive.pop(key, None)
            raise
