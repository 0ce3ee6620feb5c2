"""Forms on hand, realization (what to take, step by step) and dispensing."""
from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterator, Sequence, overload

from ._ffi import ffi, lib
from ._util import call, call_fast, new_handle, opt, pystr, sized, string_list, take_string, to_date
from .messages import Message, read_realization_messages, read_realized_step_messages, read_recipe_messages
from .schedule import DetachedError, Schedule, Step
from .units import DoseLike, DurationLike, duration_days, dose_mg

__all__ = [
    "FormKind",
    "ComponentKind",
    "FormInfo",
    "Forms",
    "RealizationOptions",
    "RecipePart",
    "Recipe",
    "RealizedStep",
    "Realization",
    "DispensingLine",
    "DispensingPeriod",
    "DoseRecipe",
    "realize_dose",
]


class FormKind(str, enum.Enum):
    TABLET = "tablet"
    CAPSULE = "capsule"
    BEADS = "beads"
    LIQUID = "liquid"
    DROPS = "drops"

    def __str__(self) -> str:
        return self.value


class ComponentKind(str, enum.Enum):
    UNITS = "units"  #: whole or split tablets / capsules
    LIQUID = "liquid"
    DROPS = "drops"
    BEADS = "beads"
    DILUTION = "dilution"  #: a tablet dispersed in water, part of it taken

    def __str__(self) -> str:
        return self.value


_FORM_KINDS = tuple(FormKind)
_COMPONENT_KINDS = tuple(ComponentKind)


@dataclass(frozen=True)
class FormInfo:
    """One product on hand: one strength of one formulation."""

    kind: FormKind
    drug: str
    formulation_id: str
    label: str  #: "10 mg tablet", "2 mg/mL liquid"
    caution: str
    bioavailability_source: str
    unit_strength_mg: float | None  #: tablets / capsules (beads: per capsule)
    liquid_strength_mg_per_ml: float | None  #: liquids / drops
    bioavailability: float  #: per labelled mg, relative to tablets (1 if unknown)
    drop_volume_ml: float | None
    beads_per_capsule: float | None
    may_split: bool
    must_dilute: bool
    dispersible: bool
    bioavailability_known: bool


class Forms(Sequence[FormInfo]):
    """A list of products on hand. Make one with ``Database.forms_on_hand(drug, text)`` or
    ``Database.all_forms(drug)``; ``a + b`` joins two lists (e.g. diazepam's forms for a
    crossover)."""

    def __init__(self, _handle: Any) -> None:
        self._h = _handle
        self._items = self._read()

    @classmethod
    def empty(cls) -> Forms:
        return cls(new_handle(lib.taper_forms_create_empty, "taper_forms", lib.taper_forms_free))

    def _read(self) -> tuple[FormInfo, ...]:
        count = lib.taper_forms_count(self._h)
        info = sized("taper_form_info")
        items = []
        for i in range(count):
            call(lib.taper_forms_item, self._h, info, i)
            items.append(FormInfo(
                kind=_FORM_KINDS[info.kind],
                drug=pystr(info.drug),
                formulation_id=pystr(info.formulation_id),
                label=pystr(info.label),
                caution=pystr(info.caution),
                bioavailability_source=pystr(info.bioavailability_source),
                unit_strength_mg=opt(info.unit_strength_mg),
                liquid_strength_mg_per_ml=opt(info.liquid_strength_mg_per_ml),
                bioavailability=float(info.bioavailability),
                drop_volume_ml=opt(info.drop_volume_ml),
                beads_per_capsule=opt(info.beads_per_capsule),
                may_split=bool(info.may_split),
                must_dilute=bool(info.must_dilute),
                dispersible=bool(info.dispersible),
                bioavailability_known=bool(info.bioavailability_known),
            ))
        return tuple(items)

    def __add__(self, other: Forms) -> Forms:
        if not isinstance(other, Forms):
            return NotImplemented
        joined = Forms.empty()
        call(lib.taper_forms_append, joined._h, self._h)
        call(lib.taper_forms_append, joined._h, other._h)
        return Forms(joined._h)

    @overload
    def __getitem__(self, index: int) -> FormInfo: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[FormInfo]: ...
    def __getitem__(self, index: int | slice) -> FormInfo | Sequence[FormInfo]:
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[FormInfo]:
        return iter(self._items)

    def __repr__(self) -> str:
        return f"Forms([{', '.join(repr(f.label) for f in self._items)}])"


@dataclass
class RealizationOptions:
    """How realization measures and chooses (docs/realization.md). The defaults are the
    library's (read from taper_realization_options_init)."""

    syringe_resolution_ml: float = 0.1  #: liquid volumes are multiples of this
    min_volume_ml: float = 0.2  #: smallest volume measured reliably
    max_volume_ml: float = 10.0  #: largest single measurement
    allow_quarters: bool = True  #: quarter tablets where halves are allowed
    max_drops: int = 40  #: most drops counted for one dose
    tolerance_percent: float = 5.0  #: a dose further off gets a warning
    tolerance_floor_mg: float = 0.01  #: absolute tolerance for tiny doses
    tie_percent: float = 1.0  #: differences within this are ties
    allow_mixtures: bool = True  #: e.g. tablet + liquid top-up
    allow_dilution: bool = True  #: dispersing a tablet in water
    keep_forms_in_use: bool = True  #: change form only when needed
    max_pieces: int = 8  #: pieces + measurements per dose-time, 1..64
    dilution_volumes_ml: tuple[float, ...] = ()  #: water volumes; empty: 10, 20, 50, 100
    bottle_volume_ml: float | None = None  #: for dispensing: bottles needed

    @classmethod
    def library_defaults(cls) -> RealizationOptions:
        """The defaults as the loaded library states them."""
        c = sized("taper_realization_options")
        call(lib.taper_realization_options_init, c)
        return cls(
            syringe_resolution_ml=c.syringe_resolution_ml,
            min_volume_ml=c.min_volume_ml,
            max_volume_ml=c.max_volume_ml,
            allow_quarters=bool(c.allow_quarters),
            max_drops=int(c.max_drops),
            tolerance_percent=c.tolerance_percent,
            tolerance_floor_mg=c.tolerance_floor_mg,
            tie_percent=c.tie_percent,
            allow_mixtures=bool(c.allow_mixtures),
            allow_dilution=bool(c.allow_dilution),
            keep_forms_in_use=bool(c.keep_forms_in_use),
            max_pieces=int(c.max_pieces),
            dilution_volumes_ml=(),
            bottle_volume_ml=c.bottle_volume_ml or None,
        )

    def _to_c(self) -> tuple[Any, Any]:
        """The C struct and the array it points into (keep both alive during the call)."""
        c = sized("taper_realization_options")
        call(lib.taper_realization_options_init, c)
        c.syringe_resolution_ml = self.syringe_resolution_ml
        c.min_volume_ml = self.min_volume_ml
        c.max_volume_ml = self.max_volume_ml
        c.allow_quarters = int(bool(self.allow_quarters))
        c.max_drops = self.max_drops
        c.tolerance_percent = self.tolerance_percent
        c.tolerance_floor_mg = self.tolerance_floor_mg
        c.tie_percent = self.tie_percent
        c.allow_mixtures = int(bool(self.allow_mixtures))
        c.allow_dilution = int(bool(self.allow_dilution))
        c.keep_forms_in_use = int(bool(self.keep_forms_in_use))
        c.max_pieces = self.max_pieces
        volumes = ffi.NULL
        if self.dilution_volumes_ml:
            volumes = ffi.new("double[]", [float(v) for v in self.dilution_volumes_ml])
            c.dilution_volumes_ml = volumes
            c.dilution_volume_count = len(self.dilution_volumes_ml)
        c.bottle_volume_ml = 0.0 if self.bottle_volume_ml is None else self.bottle_volume_ml
        return c, volumes


def _options(options: RealizationOptions | None) -> tuple[Any, Any]:
    if options is None:
        return ffi.NULL, None
    return options._to_c()


@dataclass(frozen=True)
class RecipePart:
    """One part of a recipe: tablets, a liquid volume, drops, beads or a dilution."""

    kind: ComponentKind
    formulation_id: str
    label: str  #: "10 mg tablet"
    instruction: str  #: "1 x 10 mg tablet", "1.7 mL of 2 mg/mL liquid"
    count: float  #: tablets (0.5, 0.25 ...), capsules, drops or beads
    volume_ml: float  #: liquid / dilution volume to take; else 0
    labelled_mg: float  #: mg on the label this part contains
    equivalent_mg: float  #: mg as tablets
    units_used: float  #: tablets / capsules used up from the pack
    dispersed_in_ml: float  #: dilution: the water dispersed in; else 0


# Recipes and realized steps are read from the C realization in two parts: what every caller
# shows (the dose as taken, each dose-time's instruction) when the realization is made, and
# the rest (parts, notes, warnings, messages, the planned step) on first use. A realization
# of 16 steps would otherwise make about 220 C calls and 250 string decodings before the
# caller reads anything (docs/performance.md, "Python vs C through the ABI").


class _RealizationRest:
    """The parts of a realization read on first use: its schedule (a copy the library makes,
    with any inserted steps) and its messages. Shared by the realization and its steps (a
    step's ``step`` is the schedule's step)."""

    def __init__(self, handle: Any, carried: tuple[Schedule, tuple[Message, ...]] | None = None) -> None:
        self._handle = handle
        if carried is not None:
            self.schedule, self.messages = carried

    @cached_property
    def schedule(self) -> Schedule:
        out = ffi.new("taper_schedule**")
        call(lib.taper_realization_schedule, out, self._handle)
        return Schedule._from_handle(ffi.gc(out[0], lib.taper_schedule_free))

    @cached_property
    def messages(self) -> tuple[Message, ...]:
        return read_realization_messages(self._handle)


@dataclass(frozen=True, eq=False)
class Recipe:
    """How to take one dose-time. ``parts``, ``warnings`` and ``messages`` are read from the
    library on first use (or carried, when the recipe came from a pickle)."""

    instruction: str  #: "1 x 10 mg tablet + 1.7 mL liquid = 13.4 mg"
    target_mg: float  #: tablet-equivalent mg
    realized_mg: float
    within_tolerance: bool
    #: the live C realization and where the recipe is in it: (handle, step, recipe, part count,
    #: warning count); None when the recipe came from a pickle
    _at: tuple[Any, int, int, int, int] | None = field(default=None, repr=False)
    _carried: tuple[str, str, tuple[RecipePart, ...], tuple[str, ...], tuple[Message, ...]] | None = field(
        default=None, repr=False)

    @cached_property
    def _rest(self) -> tuple[str, str, tuple[RecipePart, ...], tuple[str, ...], tuple[Message, ...]]:
        if self._carried is not None:
            return self._carried
        assert self._at is not None
        h, step, recipe, part_count, warning_count = self._at
        info = sized("taper_recipe_info")
        call_fast(lib.taper_realization_recipe, h, info, step, recipe)
        part = sized("taper_recipe_part_info")
        parts = []
        for p in range(part_count):
            call_fast(lib.taper_realization_recipe_part, h, part, step, recipe, p)
            parts.append(RecipePart(
                kind=_COMPONENT_KINDS[part.kind],
                formulation_id=pystr(part.formulation_id),
                label=pystr(part.label),
                instruction=pystr(part.instruction),
                count=part.count,
                volume_ml=part.volume_ml,
                labelled_mg=part.labelled_mg,
                equivalent_mg=part.equivalent_mg,
                units_used=part.units_used,
                dispersed_in_ml=part.dispersed_in_ml,
            ))
        return (pystr(info.drug), pystr(info.time), tuple(parts),
                string_list(lib.taper_realization_recipe_warning, h, warning_count, step, recipe),
                read_recipe_messages(h, step, recipe))

    @property
    def drug(self) -> str:
        return self._rest[0]

    @property
    def time(self) -> str:
        """The dose-time ("morning"); "" for once daily."""
        return self._rest[1]

    @property
    def parts(self) -> tuple[RecipePart, ...]:
        """What to take: tablets, a liquid volume, drops, beads or a dilution."""
        return self._rest[2]

    @property
    def warnings(self) -> tuple[str, ...]:
        return self._rest[3]

    @property
    def messages(self) -> tuple[Message, ...]:
        """Coded (check the code, never the text)."""
        return self._rest[4]

    def _values(self) -> tuple[Any, ...]:
        return (self.drug, self.time, self.instruction, self.target_mg, self.realized_mg, self.within_tolerance,
                self.parts, self.warnings, self.messages)

    def __eq__(self, other: object) -> bool:
        return type(other) is Recipe and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return (f"Recipe(drug={self.drug!r}, time={self.time!r}, instruction={self.instruction!r}, "
                f"target_mg={self.target_mg!r}, realized_mg={self.realized_mg!r}, "
                f"within_tolerance={self.within_tolerance!r}, parts={self.parts!r}, warnings={self.warnings!r}, "
                f"messages={self.messages!r})")

    def __reduce__(self) -> tuple[Any, ...]:
        return (Recipe, (self.instruction, self.target_mg, self.realized_mg, self.within_tolerance, None,
                         self._rest))


@dataclass(frozen=True, eq=False)
class RealizedStep:
    """One step as taken. ``step`` (the planned step), ``notes``, ``warnings`` and ``messages``
    are read from the library on first use (or carried, when the step came from a pickle)."""

    inserted: bool  #: added because rounding would have broken a limit
    form_changed: bool  #: a switch point: the forms differ from the previous step
    realized_daily_mg: float  #: tablet-equivalent mg per day, as taken
    difference_mg: float  #: realized - planned
    recipes: tuple[Recipe, ...]
    #: the live C realization, the step's index, the realization's schedule and the note and
    #: warning counts; None when the step came from a pickle
    _at: tuple[Any, int, _RealizationRest, int, int] | None = field(default=None, repr=False)
    _carried: tuple[Step, tuple[str, ...], tuple[str, ...], tuple[Message, ...]] | None = field(
        default=None, repr=False)

    @cached_property
    def _rest(self) -> tuple[Step, tuple[str, ...], tuple[str, ...], tuple[Message, ...]]:
        if self._carried is not None:
            return self._carried
        assert self._at is not None
        h, i, rest, note_count, warning_count = self._at
        return (rest.schedule.steps[i],
                string_list(lib.taper_realization_step_note, h, note_count, i),
                string_list(lib.taper_realization_step_warning, h, warning_count, i),
                read_realized_step_messages(h, i))

    @property
    def step(self) -> Step:
        """The planned step (inserted steps included)."""
        return self._rest[0]

    @property
    def notes(self) -> tuple[str, ...]:
        return self._rest[1]

    @property
    def warnings(self) -> tuple[str, ...]:
        return self._rest[2]

    @property
    def messages(self) -> tuple[Message, ...]:
        """Coded: rounding, inserted steps, switch points, rules."""
        return self._rest[3]

    def _values(self) -> tuple[Any, ...]:
        return (self.step, self.inserted, self.form_changed, self.realized_daily_mg, self.difference_mg,
                self.recipes, self.notes, self.warnings, self.messages)

    def __eq__(self, other: object) -> bool:
        return type(other) is RealizedStep and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return (f"RealizedStep(step={self.step!r}, inserted={self.inserted!r}, form_changed={self.form_changed!r}, "
                f"realized_daily_mg={self.realized_daily_mg!r}, difference_mg={self.difference_mg!r}, "
                f"recipes={self.recipes!r}, notes={self.notes!r}, warnings={self.warnings!r}, "
                f"messages={self.messages!r})")

    def __reduce__(self) -> tuple[Any, ...]:
        return (RealizedStep, (self.inserted, self.form_changed, self.realized_daily_mg, self.difference_mg,
                               self.recipes, None, self._rest))


@dataclass(frozen=True)
class DispensingLine:
    formulation_id: str
    label: str
    units: float  #: whole tablets / capsules / pouches to supply
    total_volume_ml: float  #: liquids and drops
    bottles: int  #: when a bottle volume is known; else 0


@dataclass(frozen=True)
class DispensingPeriod:
    start: datetime.date
    end: datetime.date  #: the day after the last day
    lines: tuple[DispensingLine, ...]


@dataclass(frozen=True, eq=False)
class Realization:
    """A realized schedule: each dose-time of each step as a recipe.

    Immutable: ``copy.copy`` and ``copy.deepcopy`` give the same object. It pickles by value
    (every field, its schedule included); the copy read from a pickle has no C realization
    behind it, so dispensing and the calendar, FHIR, SVG and HTML exports raise
    :class:`~taper.DetachedError` there."""

    steps: tuple[RealizedStep, ...]
    equivalences: tuple[str, ...]  #: each bioavailability conversion used
    warnings: tuple[str, ...]
    _handle: Any = field(repr=False, default=None)
    #: the realization's schedule and messages, read on first use from the library (or
    #: carried, when the realization came from a pickle)
    _rest: _RealizationRest | None = field(repr=False, default=None)

    @property
    def schedule(self) -> Schedule:
        """The plan the realization was made from, step by step (inserted steps included): its
        doses are the *planned* ones; what is taken is in ``steps[i].realized_daily_mg`` and
        the recipes."""
        assert self._rest is not None
        return self._rest.schedule

    @property
    def messages(self) -> tuple[Message, ...]:
        """Coded: equivalences and what the forms cannot do."""
        assert self._rest is not None
        return self._rest.messages

    def __eq__(self, other: object) -> bool:
        return (type(other) is Realization and self.steps == other.steps and self.equivalences == other.equivalences
                and self.warnings == other.warnings and self.messages == other.messages)

    __hash__ = None  # type: ignore[assignment]  # holds a Schedule, which compares by identity

    def __repr__(self) -> str:
        return (f"Realization(schedule={self.schedule!r}, steps={self.steps!r}, equivalences={self.equivalences!r}, "
                f"warnings={self.warnings!r}, messages={self.messages!r})")

    def __copy__(self) -> Realization:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Realization:
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore_realization, (self.schedule, self.steps, self.equivalences, self.warnings,
                                       self.messages))

    def _live(self, what: str) -> Any:
        if self._handle is None:
            raise DetachedError(
                f"taper: {what} needs the library's realization, and this one was read from a "
                "pickle (it carries the realization's data only); realize the plan again in "
                "this process to " + what)
        return self._handle

    def to_pandas(self) -> Any:
        """The realization as a ``pandas.DataFrame`` (needs pandas): a row for the starting
        dose, then one per realized step, with the planned and the realized dose per day and
        the instructions (docs/python.md lists the columns)."""
        from .frames import realization_frame

        return realization_frame(self)

    def to_ics(self, reminders: bool = False, stamp: datetime.datetime | int | None = None) -> str:
        """The realized steps as iCalendar events, each saying how to take each dose-time
        (see Schedule.to_ics for ``reminders`` and ``stamp``)."""
        from .outputs import stamp_seconds, text_of

        return text_of(lib.taper_realization_to_ics, self._live("write a calendar"), int(bool(reminders)), stamp_seconds(stamp))

    def to_fhir(self) -> str:
        """The realized steps as a FHIR R4 Bundle; each Dosage's text is its recipe."""
        from .outputs import text_of

        return text_of(lib.taper_realization_to_fhir, self._live("write FHIR"))

    def to_svg(self) -> str:
        """The chart of the dose as taken, the planned dose faint, switch points marked."""
        from .outputs import text_of

        return text_of(lib.taper_realization_to_svg, self._live("draw the chart"))

    def to_html(self) -> str:
        """The printable page, with how to take each step with the forms on hand."""
        from .outputs import text_of

        return text_of(lib.taper_realization_to_html, self._live("write the page"))

    def plot(self, ax: Any = None) -> Any:
        """The realization as a matplotlib chart (needs the ``plot`` extra); returns the Axes."""
        from .outputs import plot

        return plot(self.schedule, self, ax)

    @classmethod
    def _from_handle(cls, h: Any) -> Realization:
        info = sized("taper_realization_info")
        call_fast(lib.taper_realization_get_info, h, info)
        rest = _RealizationRest(h)
        st = sized("taper_realized_step_info")
        rec = sized("taper_recipe_info")
        steps = []
        for i in range(info.step_count):
            call_fast(lib.taper_realization_step, h, st, i)
            recipes = []
            for r in range(st.recipe_count):
                call_fast(lib.taper_realization_recipe, h, rec, i, r)
                recipes.append(Recipe(pystr(rec.instruction), rec.target_mg, rec.realized_mg, bool(rec.within_tolerance),
                                      (h, i, r, rec.part_count, rec.warning_count)))
            steps.append(RealizedStep(bool(st.inserted), bool(st.form_changed), st.realized_daily_mg,
                                      st.difference_mg, tuple(recipes),
                                      (h, i, rest, st.note_count, st.warning_count)))
        return cls(
            steps=tuple(steps),
            equivalences=string_list(lib.taper_realization_equivalence, h, info.equivalence_count),
            warnings=string_list(lib.taper_realization_warning, h, info.warning_count),
            _handle=h,
            _rest=rest,
        )

    def dispense_by_step(self) -> list[DispensingPeriod]:
        """What to dispense for each step (bottles counted with the bottle_volume_ml of the
        options the realization was made with)."""
        out = ffi.new("taper_dispensing**")
        call(lib.taper_dispense_by_step, out, self._live("dispense"))
        return _read_dispensing(ffi.gc(out[0], lib.taper_dispensing_free))

    def dispense_by_period(self, period: DurationLike = datetime.timedelta(days=28)) -> list[DispensingPeriod]:
        """What to dispense per period from the plan's start (28 days by default)."""
        out = ffi.new("taper_dispensing**")
        call(lib.taper_dispense_by_period, out, self._live("dispense"), duration_days(period, "period"))
        return _read_dispensing(ffi.gc(out[0], lib.taper_dispensing_free))


def _restore_realization(schedule: Schedule, steps: tuple[RealizedStep, ...], equivalences: tuple[str, ...],
                         warnings: tuple[str, ...], messages: tuple[Message, ...]) -> Realization:
    return Realization(steps, equivalences, warnings, None, _RealizationRest(None, (schedule, messages)))


def _read_dispensing(h: Any) -> list[DispensingPeriod]:
    count = lib.taper_dispensing_period_count(h)
    period = sized("taper_dispensing_period_info")
    line = sized("taper_dispensing_line_info")
    out = []
    for i in range(count):
        call(lib.taper_dispensing_period, h, period, i)
        lines = []
        for j in range(period.line_count):
            call(lib.taper_dispensing_line, h, line, i, j)
            lines.append(DispensingLine(
                formulation_id=pystr(line.formulation_id),
                label=pystr(line.label),
                units=line.units,
                total_volume_ml=line.total_volume_ml,
                bottles=int(line.bottles),
            ))
        out.append(DispensingPeriod(to_date(period.start), to_date(period.end), tuple(lines)))
    return out


@dataclass(frozen=True)
class DoseRecipe:
    """The best recipe for one dose: the instruction, what it delivers (tablet-equivalent
    mg) and whether that is within tolerance of the target."""

    instruction: str
    realized_mg: float
    within_tolerance: bool


def realize(schedule: Schedule, forms: Forms, options: RealizationOptions | None = None) -> Realization:
    """What to take, step by step, with the products on hand (docs/realization.md). The
    schedule carries its request and drug; the realization keeps the forms and options."""
    out = ffi.new("taper_realization**")
    c, _keep = _options(options)
    call(lib.taper_realize, out, schedule._live("realize it"), forms._h, c)
    return Realization._from_handle(ffi.gc(out[0], lib.taper_realization_free))


def realize_dose(forms: Forms, target: DoseLike, options: RealizationOptions | None = None) -> DoseRecipe:
    """The best recipe for a single dose (tablet-equivalent) with these products."""
    text = ffi.new("char**")
    realized = ffi.new("double*")
    ok = ffi.new("int*")
    c, _keep = _options(options)
    call(lib.taper_realize_dose, text, realized, ok, forms._h, dose_mg(target, "target"), c)
    return DoseRecipe(take_string(text[0]), float(realized[0]), bool(ok[0]))
