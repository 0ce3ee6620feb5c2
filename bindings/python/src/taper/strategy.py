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
from .errors import StrategyError
from .schedule import Phase, Step, step_from_info
from .units import Dose, DoseLike, DurationLike, as_dose, as_timedelta, dose_mg

__all__ = [
    "Strategy",
    "TableRow",
    "Registry",
    "StrategyInfo",
    "OptionInfo",
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


# The option kinds of the C ABI (taper_option_kind), by their schema names.
_KINDS = {
    "mass": 0, "percent": 1, "occupancy_points": 2, "fraction": 3, "days": 4,
    "choice": 5, "occupancy_list": 6, "table_rows": 7,
}
_KIND_NAMES = {v: k for k, v in _KINDS.items()}
_ROLES = {0: "none", 1: "step_size", 2: "step_length"}


@dataclass(frozen=True)
class OptionInfo:
    """One option of a strategy's schema, as the library declares it. Numbers are in
    ``unit`` ("mg", "%", "pp", "fraction", "days"); bounds of an occupancy list apply to each
    item."""

    name: str
    kind: str  #: "mass", "percent", "occupancy_points", "fraction", "days", "choice", "occupancy_list", "table_rows"
    unit: str
    description: str
    role: str  #: "none", "step_size" or "step_length"
    required: bool
    default: float | str | None
    minimum: float | None
    minimum_inclusive: bool
    maximum: float | None
    maximum_inclusive: bool
    choices: tuple[str, ...]


def _rows(value: Any) -> tuple[TableRow, ...]:
    rows = []
    for row in value:
        if isinstance(row, TableRow):
            rows.append(row)
        elif isinstance(row, tuple):
            rows.append(TableRow(*row))
        else:
            rows.append(TableRow(row))
    return tuple(rows)


def _is_rows(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and any(isinstance(r, (TableRow, tuple, Dose, str)) for r in value)


class Strategy:
    """A strategy by name, with its options set by name: ``Strategy("hyperbolic", points=5)``.
    What each strategy takes (names, kinds, defaults, bounds) is its schema, read from the
    library (:meth:`Registry.options`); values are converted by the kind the schema gives
    each option, and the library rejects (StrategyError) options a strategy cannot use.
    ``extra`` adds options as text (for strategies written in Python). Options read back as
    attributes (``Strategy("table", table=[...]).table``), None when not set."""

    __slots__ = ("name", "options", "_name_b", "_c")

    def __init__(self, name: str, *, extra: Mapping[str, str] | Iterable[tuple[str, str]] = (),
                 **options: Any) -> None:
        if not isinstance(name, str):
            raise TypeError(f"strategy name must be a str, not {type(name).__name__}")
        values: dict[str, Any] = {}
        for key, value in options.items():
            if value is None:
                continue
            if _is_rows(value):
                value = _rows(value)
            elif isinstance(value, (list, tuple)):
                value = tuple(float(v) for v in value)
            values[key] = value
        pairs = extra.items() if isinstance(extra, Mapping) else extra
        for key, value in pairs:
            values[str(key)] = str(value)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "options", values)
        object.__setattr__(self, "_name_b", None)
        object.__setattr__(self, "_c", None)

    def __getattr__(self, item: str) -> Any:
        if item.startswith("_"):
            raise AttributeError(item)
        return self.options.get(item)

    def __setattr__(self, key: str, value: Any) -> None:
        raise AttributeError("a Strategy is immutable; make another")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Strategy) and (self.name, self.options) == (other.name, other.options)

    def __hash__(self) -> int:
        return hash((self.name, tuple(sorted(self.options))))

    def __repr__(self) -> str:
        inner = "".join(f", {k}={v!r}" for k, v in self.options.items())
        return f"Strategy({self.name!r}{inner})"

    def _name_bytes(self) -> bytes:
        """The name as the C ABI takes it (cached)."""
        b: bytes | None = self._name_b
        if b is None:
            b = cstr(self.name, "strategy name")
            object.__setattr__(self, "_name_b", b)
        return b

    def _options(self, registry: Registry | None = None) -> Any:
        """The C options (taper_strategy_options*) for `registry` (None: the built-ins), made
        by the kinds its schema gives each option; made once for the built-ins."""
        if registry is None:
            h = self._c
            if h is None:
                h = _options_handle(self, _builtin_registry())
                object.__setattr__(self, "_c", h)
            return h
        return _options_handle(self, registry)

    def __getstate__(self) -> dict[str, Any]:
        return {"name": self.name, "options": self.options}

    def __setstate__(self, state: dict[str, Any]) -> None:
        object.__setattr__(self, "name", state["name"])
        object.__setattr__(self, "options", state["options"])
        object.__setattr__(self, "_name_b", None)
        object.__setattr__(self, "_c", None)


def _options_handle(st: Strategy, registry: Registry) -> Any:
    h = new_handle(lib.taper_strategy_options_create, "taper_strategy_options",
                   lib.taper_strategy_options_free)
    kinds = registry._option_kinds(st.name)
    for name, value in st.options.items():
        key = cstr(name, "option name")
        kind = kinds.get(name)
        if kind is None:
            # Not declared (a Python strategy's own options, or a slip the library names):
            # by the value's own type.
            if isinstance(value, Dose):
                kind = "mass"
            elif isinstance(value, datetime.timedelta):
                kind = "days"
            elif isinstance(value, str):
                kind = "choice"
            elif isinstance(value, tuple) and value and isinstance(value[0], TableRow):
                kind = "table_rows"
            elif isinstance(value, tuple):
                kind = "occupancy_list"
            else:
                kind = "percent"  # a plain number: read back as it was given (StrategyContext.option)
        if kind == "mass":
            call(lib.taper_strategy_options_set_number, h, key, _KINDS[kind], as_dose(value, name).mg)
        elif kind == "days":
            days = as_timedelta(value, name).total_seconds() / _DAY
            call(lib.taper_strategy_options_set_number, h, key, _KINDS[kind], days)
        elif kind in ("percent", "occupancy_points", "fraction"):
            if isinstance(value, (str, Dose, datetime.timedelta)) or isinstance(value, bool):
                raise TypeError(f"option {name!r} is a number ({kind}), not {type(value).__name__}")
            call(lib.taper_strategy_options_set_number, h, key, _KINDS[kind], float(value))
        elif kind == "choice":
            call(lib.taper_strategy_options_set_text, h, key, cstr(str(value), name))
        elif kind == "occupancy_list":
            for v in value:
                call(lib.taper_strategy_options_add_occupancy, h, key, float(v))
        else:  # table_rows
            for row in _rows(value):
                length = 0.0 if row.length is None else row.length.total_seconds() / _DAY
                call(lib.taper_strategy_options_add_table_row, h, key, row.daily_dose.mg, length)
    return h


_builtin: Registry | None = None
_builtin_lock = threading.Lock()


def _builtin_registry() -> Registry:
    global _builtin
    with _builtin_lock:
        if _builtin is None:
            _builtin = Registry.builtin()
        return _builtin


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
        return int(lib.taper_strategy_context_step_count(self._ctx))

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

    def _options(self) -> Any:
        opts = ffi.new("const taper_strategy_options**")
        call(lib.taper_strategy_context_options, self._ctx, opts)
        return opts[0]

    def option(self, name: str) -> float | None:
        """A number option the strategy was made with, in its kind's unit (mg, %, points,
        days), or None when it is not set or not a number."""
        opts = self._options()
        key = cstr(name, "option name")
        value = ffi.new("double*")
        is_set = ffi.new("int*")
        for kind in ("mass", "occupancy_points", "days", "percent"):
            call(lib.taper_strategy_options_get_number, opts, key, _KINDS[kind], value, is_set)
            if is_set[0]:
                return float(value[0])
        return None

    def extra(self, key: str) -> str | None:
        """A text option, or None."""
        out = ffi.new("const char**")
        call(lib.taper_strategy_options_get_text, self._options(), cstr(key, "option name"), out)
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
    """The user data behind one registration: the Python callable and its name."""

    def __init__(self, name: str, fn: Callable[[StrategyContext], TargetLike]) -> None:
        self.name = name
        self.fn = fn

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
                _set_note(ctx, result.note)
            return 1
        except BaseException as exc:  # noqa: BLE001 - everything must stay on this side of C
            _failure.exc = exc
            message = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            _set_note(ctx, f"Python strategy raised {message}")
            return -1


def _set_note(ctx: Any, text: str) -> None:
    """The step's note (or the error's message): the library copies it during the call."""
    lib.taper_strategy_context_set_note(ctx, text.encode("utf-8", "replace").replace(b"\0", b" "), ffi.NULL)


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
        self._kinds: dict[str, dict[str, str]] = {}

    def options(self, strategy: str) -> tuple[OptionInfo, ...]:
        """The options strategy `strategy` declares (its schema), in declaration order.
        StrategyError for an unknown name."""
        name = cstr(strategy, "strategy name")
        count = ffi.new("size_t*")
        call(lib.taper_registry_option_count, self._h, name, count)
        info = sized("taper_option_info")
        choice = ffi.new("const char**")
        out = []
        for i in range(int(count[0])):
            call(lib.taper_registry_option, self._h, name, i, info)
            choices = []
            for j in range(int(info.choice_count)):
                call(lib.taper_registry_option_choice, self._h, name, i, j, choice)
                choices.append(pystr(choice[0]))
            default: float | str | None = None
            if info.has_default:
                default = pystr(info.default_text) if info.default_text != ffi.NULL else float(info.default_number)
            out.append(OptionInfo(
                name=pystr(info.name), kind=_KIND_NAMES.get(int(info.kind), "unknown"), unit=pystr(info.unit),
                description=pystr(info.description), role=_ROLES.get(int(info.role), "none"),
                required=bool(info.required), default=default,
                minimum=float(info.minimum) if info.has_minimum else None,
                minimum_inclusive=bool(info.minimum_inclusive),
                maximum=float(info.maximum) if info.has_maximum else None,
                maximum_inclusive=bool(info.maximum_inclusive), choices=tuple(choices)))
        return tuple(out)

    def schema_json(self) -> str:
        """Every strategy's schema as JSON (docs/strategy-options.md)."""
        out = ffi.new("char**")
        call(lib.taper_registry_schema_json, self._h, out)
        try:
            return pystr(out[0])
        finally:
            lib.taper_string_free(out[0])

    def _option_kinds(self, strategy: str) -> dict[str, str]:
        """{option name: kind} of a strategy's schema; {} for an unknown strategy (the library
        says so when planning)."""
        kinds = self._kinds.get(strategy)
        if kinds is None:
            try:
                kinds = {o.name: o.kind for o in self.options(strategy)}
            except StrategyError:
                return {}
            self._kinds[strategy] = kinds
        return kinds

    def declare_option(self, strategy: str, name: str, kind: str, description: str = "") -> None:
        """Declares an option of a Python strategy added here, so that the library checks its
        kind and lists it; once one is declared, options it does not declare are refused."""
        if kind not in _KINDS:
            raise ValueError(f"kind must be one of {', '.join(_KINDS)}, not {kind!r}")
        call(lib.taper_registry_add_option, self._h, cstr(strategy, "strategy name"), cstr(name, "option name"),
             _KINDS[kind], cstr(description, "description"))
        self._kinds.pop(strategy, None)

    @classmethod
    def builtin(cls) -> Registry:
        return cls(new_handle(lib.taper_registry_create_builtin, "taper_registry", lib.taper_registry_free))

    @classmethod
    def empty(cls) -> Registry:
        return cls(new_handle(lib.taper_registry_create_empty, "taper_registry", lib.taper_registry_free))

    def __len__(self) -> int:
        return int(lib.taper_registry_count(self._h))

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
