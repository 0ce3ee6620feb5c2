"""taper: planning the gradual reduction of psychiatric drugs, from Python.

Decision support for a person and their prescriber, never a prescription: do not change a
dose without talking to the prescriber (see the project README).

    import taper

    request = taper.PlanRequest("citalopram", "20 mg", start="2026-12-01")
    schedule = taper.plan(request, "hyperbolic", points=5)
    for step in schedule.steps:
        print(step.number, step.start, f"{step.daily_dose_mg:.3g} mg", step.occupancy_percent)
    arrays = schedule.to_numpy()          # day, dose, occupancy ... as NumPy arrays

The package is a thin layer over the library's C ABI (include/taper.h), loaded with cffi in
ABI mode; docs/python.md describes the API.
"""
from __future__ import annotations

from ._ffi import ABI_VERSION, ffi, lib, library_path
from .database import ClassEquivalent, Database, FormConversion, StrategyLike, default_database, plan
from .errors import (
    AbiMismatchError,
    BufferTooSmallError,
    ErrorCode,
    ErrorDetail,
    FormularyError,
    IndexOutOfRangeError,
    InternalError,
    InvalidArgumentError,
    MissingDataError,
    ParseError,
    PlanError,
    Status,
    StrategyError,
    TaperError,
    TaperMemoryError,
    UnknownDrugError,
)
from .forms import (
    ComponentKind,
    DispensingLine,
    DispensingPeriod,
    DoseRecipe,
    FormInfo,
    FormKind,
    Forms,
    Realization,
    RealizationOptions,
    RealizedStep,
    Recipe,
    RecipePart,
    realize,
    realize_dose,
)
from .journal import (
    Journal,
    JournalProblem,
    NextCutOffer,
    ReplanAction,
    Verdict,
    assess,
    offer_next_cut,
    plan_several,
    replan,
)
from .messages import Message, MessageCode, Severity
from .request import DoseTime, Hold, PlanRequest, RequestField, request_fields
from .schedule import Basis, DetachedError, DoseLine, Phase, Schedule, ScheduleArrays, Step, TimedDose
from .simulation import Population, Simulation, SimulationMetrics, simulate, simulate_population
from .strategy import (
    Registry,
    Strategy,
    StrategyContext,
    StrategyFunction,
    StrategyInfo,
    StrategyObject,
    OptionInfo,
    TableRow,
    Target,
)
from .units import (
    DateLike,
    Dose,
    DoseLike,
    DurationLike,
    format_mass,
    g,
    mcg,
    mg,
    parse_concentration,
    parse_date,
    parse_duration,
    parse_mass,
    parse_volume,
)


def version() -> str:
    """The C library's version, "MAJOR.MINOR.PATCH" (the package has the same version)."""
    return str(ffi.string(lib.taper_version()).decode())


def abi_version() -> int:
    """The C ABI version of the loaded library (equal to ABI_VERSION, or the import failed)."""
    return int(lib.taper_abi_version())


def strategies() -> list[StrategyInfo]:
    """The built-in strategies, with their descriptions."""
    return Registry.builtin().entries()


def strategy_options(name: str) -> tuple[OptionInfo, ...]:
    """The options built-in strategy `name` takes: its schema, from the library."""
    return Registry.builtin().options(name)


__version__ = version()

__all__ = [
    "Population",
    "Simulation",
    "SimulationMetrics",
    "simulate",
    "simulate_population",
    "Journal",
    "JournalProblem",
    "ReplanAction",
    "Verdict",
    "assess",
    "offer_next_cut",
    "plan_several",
    "NextCutOffer",
    "replan",
    "ABI_VERSION",
    "AbiMismatchError",
    "Basis",
    "BufferTooSmallError",
    "ClassEquivalent",
    "ComponentKind",
    "Database",
    "DateLike",
    "DetachedError",
    "DispensingLine",
    "DispensingPeriod",
    "Dose",
    "DoseLike",
    "DoseLine",
    "DoseRecipe",
    "DoseTime",
    "DurationLike",
    "ErrorCode",
    "ErrorDetail",
    "FormConversion",
    "FormInfo",
    "FormKind",
    "Forms",
    "FormularyError",
    "Hold",
    "IndexOutOfRangeError",
    "InternalError",
    "InvalidArgumentError",
    "Message",
    "MessageCode",
    "MissingDataError",
    "ParseError",
    "Phase",
    "PlanError",
    "PlanRequest",
    "Realization",
    "RealizationOptions",
    "RealizedStep",
    "Recipe",
    "RecipePart",
    "Registry",
    "RequestField",
    "Schedule",
    "ScheduleArrays",
    "Severity",
    "Status",
    "Step",
    "Strategy",
    "StrategyContext",
    "StrategyError",
    "StrategyFunction",
    "StrategyInfo",
    "OptionInfo",
    "strategy_options",
    "StrategyLike",
    "StrategyObject",
    "TableRow",
    "TaperError",
    "TaperMemoryError",
    "Target",
    "TimedDose",
    "UnknownDrugError",
    "abi_version",
    "default_database",
    "format_mass",
    "g",
    "library_path",
    "mcg",
    "mg",
    "parse_concentration",
    "parse_date",
    "parse_duration",
    "parse_mass",
    "parse_volume",
    "plan",
    "realize",
    "request_fields",
    "realize_dose",
    "strategies",
    "version",
]
