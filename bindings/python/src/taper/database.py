"""The drug database, and planning with it."""
from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator, Literal, Union, overload

from ._ffi import ffi, lib
from ._util import call, cstr, new_handle, pystr, take_string
from .errors import PlanError, error_from_status
from .forms import Forms
from .request import PlanRequest
from .schedule import Schedule
from .strategy import (
    Registry,
    Strategy,
    StrategyFunction,
    StrategyObject,
    take_strategy_failure,
)
from .units import Dose, DoseLike, dose_mg

if TYPE_CHECKING:  # for the overloads of plan(): a type checker reads each strategy's options
    from typing_extensions import Unpack

    from . import _strategy_types as _st

__all__ = ["Database", "FormConversion", "ClassEquivalent", "StrategyLike", "plan", "default_database"]

#: What `plan` takes as a strategy: a name, a Strategy, or a Python strategy.
StrategyLike = Union[str, Strategy, StrategyFunction, StrategyObject]


@dataclass(frozen=True)
class FormConversion:
    """A dose converted between two formulations of one drug."""

    from_labelled_mg: float  #: mg on the label of the source form
    to_labelled_mg: float  #: mg on the label of the target form, same effect
    bioavailability_ratio: float  #: source / target bioavailability (vs tablets)
    to_volume_ml: float | None  #: liquids and drops
    to_drops: float | None  #: drops with a known drop size
    to_tablets: float | None  #: tablets of one strength, where asked
    text: str  #: "10 mg as tablet = 8 mg as drops (40 mg/mL) = 0.2 mL = 4 drops"
    equivalence: str  #: the bioavailability figure used and its source


@dataclass(frozen=True)
class ClassEquivalent:
    """An equivalent dose between benzodiazepines / z-drugs, through diazepam."""

    dose_mg: float  #: of the target drug
    diazepam_equivalent_mg: float  #: the common currency
    text: str


def _opt(value: float) -> float | None:
    return None if value != value else float(value)


class Database:
    """A drug database: the embedded default data, plus any formularies laid over it.

    ``Database()`` (or ``Database.embedded()``) is a new copy of the embedded data; each
    copy can take its own overlays. Reading one database from many threads at once is safe
    (the GIL is released while the library plans); overlays need exclusive access.
    """

    def __init__(self, _handle: Any = None) -> None:
        if _handle is None:
            _handle = new_handle(lib.taper_database_create_embedded, "taper_database",
                                 lib.taper_database_free)
        self._h = _handle

    def suggest_strategy(self, drug: str, *, step: str | None = None, table: bool = False) -> tuple[str, str]:
        """The default strategy for `drug` and why: the library's policy, as ``taper plan``
        uses it. `step` is the kind of a step size given ("occupancy_points", "percent" or
        "mass"), `table` whether a table of doses is given. UnknownDrugError."""
        from .strategy import _KINDS  # the C ABI's option kinds

        if step is not None and step not in _KINDS:
            raise ValueError(f"step must be one of {', '.join(_KINDS)}, not {step!r}")
        name = ffi.new("const char**")
        reason = ffi.new("const char**")
        call(lib.taper_suggest_strategy, self._h, cstr(drug, "drug"), -1 if step is None else _KINDS[step],
             1 if table else 0, name, reason)
        return pystr(name[0]), pystr(reason[0])

    @classmethod
    def embedded(cls) -> Database:
        """A new database holding a copy of the reviewed data compiled into the library."""
        return cls()

    @classmethod
    def empty(cls) -> Database:
        return cls(new_handle(lib.taper_database_create_empty, "taper_database", lib.taper_database_free))

    def copy(self) -> Database:
        out = ffi.new("taper_database**")
        call(lib.taper_database_clone, out, self._h)
        return Database(ffi.gc(out[0], lib.taper_database_free))

    # --- overlays --------------------------------------------------------------------

    def overlay_file(self, path: str | os.PathLike[str]) -> None:
        """Lay a formulary file (docs/drug-data.md) over this database. FormularyError
        naming the file, drug and field; on error the database is unchanged."""
        call(lib.taper_database_overlay_file, self._h, cstr(os.fspath(path), "path"))

    def overlay_json(self, text: str, origin: str | None = None) -> None:
        """The same from JSON text; ``origin`` names it in messages (default "<string>")."""
        call(lib.taper_database_overlay_json, self._h, cstr(text, "formulary JSON"),
             ffi.NULL if origin is None else cstr(origin, "origin"))

    # --- look-ups --------------------------------------------------------------------

    def __len__(self) -> int:
        return int(lib.taper_database_count(self._h))

    def names(self) -> list[str]:
        """The canonical (lower-case generic) name of every drug, in the database's order."""
        out = ffi.new("const char**")
        names = []
        for i in range(len(self)):
            call(lib.taper_database_name, self._h, out, i)
            names.append(pystr(out[0]))
        return names

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def lookup(self, name: str) -> str:
        """The canonical name for a name, alias or brand (any case). UnknownDrugError with
        "did you mean" suggestions."""
        out = ffi.new("const char**")
        call(lib.taper_database_lookup, self._h, out, cstr(name, "drug name"))
        return pystr(out[0])

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        out = ffi.new("const char**")
        err = ffi.new("taper_error**")
        status = lib.taper_database_lookup(self._h, out, cstr(name, "drug name"), err)
        lib.taper_error_free(err[0])
        return bool(status == 0)

    def drug(self, name: str) -> dict[str, Any]:
        """Everything the database holds about one drug, with provenance (docs/c-api.md)."""
        out = ffi.new("char**")
        call(lib.taper_database_drug_json, self._h, out, cstr(name, "drug name"))
        result: dict[str, Any] = json.loads(take_string(out[0]))
        return result

    def support(self, drug: str | None = None, country: str | None = None) -> list[dict[str, Any]]:
        """Who can help people coming off `drug` (None: every organisation) in `country`
        ("uk", "us", "hk", "online"; None: any): the drug's own organisations first, then its
        class's, then general ones. Each entry has its source and the source's date
        ("published", None when the source gives none). UnknownDrugError, InvalidArgumentError."""
        out = ffi.new("char**")
        call(lib.taper_support_json, self._h, out,
             ffi.NULL if drug is None else cstr(drug, "drug name"),
             ffi.NULL if country is None else cstr(country, "country"))
        result: list[dict[str, Any]] = json.loads(take_string(out[0]))
        return result

    def occupancy(self, drug: str, dose: DoseLike, model: str | None = None) -> float:
        """Receptor occupancy (%) at a daily dose (model id; None: the drug's default).
        MissingDataError when the drug has no usable model."""
        out = ffi.new("double*")
        call(lib.taper_database_occupancy, self._h, out, cstr(drug, "drug name"),
             ffi.NULL if model is None else cstr(model, "model id"), dose_mg(dose, "dose"))
        return float(out[0])

    def dose_for_occupancy(self, drug: str, percent: float, model: str | None = None) -> Dose:
        """The daily dose giving an occupancy (%), with the model (None: default)."""
        out = ffi.new("double*")
        call(lib.taper_database_dose_for_occupancy, self._h, out, cstr(drug, "drug name"),
             ffi.NULL if model is None else cstr(model, "model id"), float(percent))
        return Dose(float(out[0]))

    # --- planning --------------------------------------------------------------------

    def validate(self, request: PlanRequest) -> None:
        """Check a request without planning: PlanError naming the field, UnknownDrugError,
        MissingDataError."""
        call(lib.taper_request_validate, request._handle(), self._h)

    # BEGIN generated overloads (tools/gen_strategy_types.py; do not edit by hand)
    @overload
    def plan(self, request: PlanRequest, strategy: Literal["antipsychotic"], *, registry: Registry | None = None, **options: Unpack[_st.AntipsychoticOptions]) -> Schedule: ...
    @overload
    def plan(self, request: PlanRequest, strategy: Literal["diazepam-crossover"], *, registry: Registry | None = None, **options: Unpack[_st.DiazepamCrossoverOptions]) -> Schedule: ...
    @overload
    def plan(self, request: PlanRequest, strategy: Literal["hyperbolic"], *, registry: Registry | None = None, **options: Unpack[_st.HyperbolicOptions]) -> Schedule: ...
    @overload
    def plan(self, request: PlanRequest, strategy: Literal["linear"], *, registry: Registry | None = None, **options: Unpack[_st.LinearOptions]) -> Schedule: ...
    @overload
    def plan(self, request: PlanRequest, strategy: Literal["proportional"], *, registry: Registry | None = None, **options: Unpack[_st.ProportionalOptions]) -> Schedule: ...
    @overload
    def plan(self, request: PlanRequest, strategy: Literal["proportional-of-start"], *, registry: Registry | None = None, **options: Unpack[_st.ProportionalOfStartOptions]) -> Schedule: ...
    @overload
    def plan(self, request: PlanRequest, strategy: Literal["table"], *, registry: Registry | None = None, **options: Unpack[_st.TableOptions]) -> Schedule: ...
    @overload
    def plan(self, request: PlanRequest, strategy: Literal["tapering-strip"], *, registry: Registry | None = None, **options: Unpack[_st.TaperingStripOptions]) -> Schedule: ...
    @overload
    def plan(self, request: PlanRequest, strategy: Strategy | StrategyFunction | StrategyObject, *, registry: Registry | None = None) -> Schedule: ...
    @overload
    def plan(self, request: PlanRequest, strategy: str, *, registry: Registry, **options: Any) -> Schedule: ...
    # END generated overloads
    def plan(self, request: PlanRequest, strategy: StrategyLike, *, registry: Registry | None = None,
             **options: Any) -> Schedule:
        """Plan `request` with a strategy: a name (options as keywords, e.g.
        ``plan(r, "hyperbolic", points=5)``), a :class:`Strategy`, or a Python strategy (a
        callable or an object with ``next``; it is registered for this call only).
        ``registry`` None means the built-ins."""
        return plan(request, strategy, database=self, registry=registry, **options)

    # --- forms, realization, conversions ---------------------------------------------

    def forms_on_hand(self, drug: str, text: str) -> Forms:
        """Parse "10 mg tablet, 2 mg/mL liquid, 40 mg/mL drops" against the drug's data.
        ParseError, or PlanError naming the item and listing what the drug has."""
        out = ffi.new("taper_forms**")
        call(lib.taper_forms_parse, out, self._h, cstr(drug, "drug name"), cstr(text, "forms"))
        return Forms(ffi.gc(out[0], lib.taper_forms_free))

    def all_forms(self, drug: str) -> Forms:
        """Every product the database has for the drug."""
        out = ffi.new("taper_forms**")
        call(lib.taper_forms_all, out, self._h, cstr(drug, "drug name"))
        return Forms(ffi.gc(out[0], lib.taper_forms_free))

    def convert_form(self, drug: str, dose: DoseLike, from_form: str, to_form: str,
                     to_strength_mg_per_ml: float | None = None) -> FormConversion:
        """Convert a dose between two formulations of one drug (formulation ids, or form
        names when the drug has one such formulation), e.g. citalopram 10 mg as "tablet"
        to "drops-40mg-ml" is 8 mg = 4 drops (docs/conversions.md)."""
        conv = ffi.new("taper_form_conversion*")
        conv.struct_size = ffi.sizeof("taper_form_conversion")
        text = ffi.new("char**")
        equivalence = ffi.new("char**")
        call(lib.taper_convert_form, conv, text, equivalence, self._h, cstr(drug, "drug name"),
             dose_mg(dose, "dose"), cstr(from_form, "from_form"), cstr(to_form, "to_form"),
             0.0 if to_strength_mg_per_ml is None else float(to_strength_mg_per_ml))
        return FormConversion(
            from_labelled_mg=conv.from_labelled_mg,
            to_labelled_mg=conv.to_labelled_mg,
            bioavailability_ratio=conv.bioavailability_ratio,
            to_volume_ml=_opt(conv.to_volume_ml),
            to_drops=_opt(conv.to_drops),
            to_tablets=_opt(conv.to_tablets),
            text=take_string(text[0]),
            equivalence=take_string(equivalence[0]),
        )

    def class_equivalent(self, from_drug: str, dose: DoseLike, to_drug: str, table: str = "ashton",
                         use_high_end: bool = False) -> ClassEquivalent:
        """The equivalent dose of `to_drug` through diazepam equivalents in `table`.
        MissingDataError for unknown equivalents."""
        eq = ffi.new("taper_class_equivalent*")
        eq.struct_size = ffi.sizeof("taper_class_equivalent")
        text = ffi.new("char**")
        call(lib.taper_class_equivalent_dose, eq, text, self._h, cstr(from_drug, "from_drug"),
             dose_mg(dose, "dose"), cstr(to_drug, "to_drug"), cstr(table, "table"), int(bool(use_high_end)))
        return ClassEquivalent(eq.dose_mg, eq.diazepam_equivalent_mg, take_string(text[0]))


# --- module-level planning -----------------------------------------------------------------

_default_lock = threading.Lock()
_default_db: Database | None = None


def default_database() -> Database:
    """One shared copy of the embedded data, made on first use (never overlaid: make your
    own Database for overlays)."""
    global _default_db
    db = _default_db
    if db is None:
        with _default_lock:
            if _default_db is None:
                _default_db = Database()
            db = _default_db
    return db


_NULL = ffi.NULL
_new = ffi.new
_gc = ffi.gc
_schedule_free = lib.taper_schedule_free


# BEGIN generated overloads (tools/gen_strategy_types.py; do not edit by hand)
@overload
def plan(request: PlanRequest, strategy: Literal["antipsychotic"], *, database: Database | None = None, registry: Registry | None = None, **options: Unpack[_st.AntipsychoticOptions]) -> Schedule: ...
@overload
def plan(request: PlanRequest, strategy: Literal["diazepam-crossover"], *, database: Database | None = None, registry: Registry | None = None, **options: Unpack[_st.DiazepamCrossoverOptions]) -> Schedule: ...
@overload
def plan(request: PlanRequest, strategy: Literal["hyperbolic"], *, database: Database | None = None, registry: Registry | None = None, **options: Unpack[_st.HyperbolicOptions]) -> Schedule: ...
@overload
def plan(request: PlanRequest, strategy: Literal["linear"], *, database: Database | None = None, registry: Registry | None = None, **options: Unpack[_st.LinearOptions]) -> Schedule: ...
@overload
def plan(request: PlanRequest, strategy: Literal["proportional"], *, database: Database | None = None, registry: Registry | None = None, **options: Unpack[_st.ProportionalOptions]) -> Schedule: ...
@overload
def plan(request: PlanRequest, strategy: Literal["proportional-of-start"], *, database: Database | None = None, registry: Registry | None = None, **options: Unpack[_st.ProportionalOfStartOptions]) -> Schedule: ...
@overload
def plan(request: PlanRequest, strategy: Literal["table"], *, database: Database | None = None, registry: Registry | None = None, **options: Unpack[_st.TableOptions]) -> Schedule: ...
@overload
def plan(request: PlanRequest, strategy: Literal["tapering-strip"], *, database: Database | None = None, registry: Registry | None = None, **options: Unpack[_st.TaperingStripOptions]) -> Schedule: ...
@overload
def plan(request: PlanRequest, strategy: Strategy | StrategyFunction | StrategyObject, *, database: Database | None = None, registry: Registry | None = None) -> Schedule: ...
@overload
def plan(request: PlanRequest, strategy: str, *, database: Database | None = None, registry: Registry, **options: Any) -> Schedule: ...
# END generated overloads
def plan(request: PlanRequest, strategy: StrategyLike, *, database: Database | None = None,
         registry: Registry | None = None, **options: Any) -> Schedule:
    """Plan `request` with `strategy` (see :meth:`Database.plan`); `database` None is the
    embedded data."""
    db = default_database() if database is None else database
    if isinstance(strategy, str):
        strategy = Strategy(strategy, **options)
    elif options:
        raise TypeError("strategy options as keywords go with a strategy name; "
                        "a Strategy object already has its options")
    if isinstance(strategy, Strategy):
        name = strategy._name_bytes()
        opts = strategy._options(registry)
    elif callable(strategy) or isinstance(strategy, StrategyObject):
        # A Python strategy on its own: register it in a registry of its own for this call.
        label = getattr(strategy, "name", None) or getattr(strategy, "__name__", None) or "python"
        registry = Registry.empty()
        registry.add(str(label), strategy)
        name = str(label).encode("utf-8")
        opts = _NULL
    else:
        raise TypeError(f"strategy must be a name, a taper.Strategy or a Python strategy, "
                        f"not {type(strategy).__name__}")
    out = _new("taper_schedule**")
    err = _new("taper_error**")
    if registry is not None:
        take_strategy_failure()  # only Python strategies leave one
    status = lib.taper_plan(out, db._h, request._handle(), _NULL if registry is None else registry._h,
                            name, opts, err)
    if status:
        exc = error_from_status(status, err)
        cause = take_strategy_failure() if registry is not None else None
        if cause is not None and isinstance(exc, PlanError):
            raise exc from cause
        raise exc
    return Schedule._from_handle(_gc(out[0], _schedule_free))
