"""The person in the loop: a taper journal, the withdrawal-or-relapse assessment, and
replanning from a plan and its journal (docs/journal.md, docs/assessment.md).

    j = taper.Journal.from_json(open("journal.json").read())
    for problem in j.problems:          # entries left out, coded, with entry and field
        print(problem.text)
    a = taper.assess(schedule, j)       # a dict: "latest", "seek_help_now", "periods", ...
    held = taper.replan(schedule, j, "linear", action="hold", today="2027-01-04",
                        tolerable_days=14, amount=12.5)
    offer = taper.offer_next_cut(schedule, j, today="2027-01-04")   # patient pacing
    both = taper.plan_several([(taper.PlanRequest("diazepam", "10 mg"), taper.Strategy("linear", amount=2.5)),
                               (taper.PlanRequest("sertraline", "50 mg"), "linear")],
                              start="2027-01-04", gap_days=14)     # a dict, one drug at a time

Decision support, never a diagnosis: talk to the prescriber.
"""
from __future__ import annotations

import datetime
import enum
import json
from dataclasses import dataclass
from collections.abc import Sequence
from typing import Any

from ._ffi import ffi, lib
from ._util import call, cstr, pystr, sized, take_string
from .database import Database, default_database
from .messages import MessageCode
from .request import PlanRequest
from .schedule import Schedule
from .strategy import Strategy
from .units import DateLike, parse_date


class Verdict(enum.IntEnum):
    """The latest period's verdict (taper_verdict)."""

    NO_TROUBLING_SYMPTOMS = 0
    CONSISTENT_WITH_WITHDRAWAL = 1
    CONSISTENT_WITH_RELAPSE = 2
    UNCLEAR = 3


class ReplanAction(enum.IntEnum):
    """What a replan does (taper_replan_action)."""

    CONTINUE = 0
    HOLD = 1
    GO_BACK = 2
    SLOW_DOWN = 3
    RESUME = 4


@dataclass(frozen=True)
class JournalProblem:
    """An entry left out while reading: which entry (None: the journal as a whole), which
    field, the value as given, the code (740-749) and a sentence."""

    entry: int | None
    field: str
    input: str
    code: MessageCode
    text: str


class Journal:
    """A taper journal read from JSON or CSV (the library keeps no state: store the text)."""

    def __init__(self, handle: Any, problem_count: int) -> None:
        self._h = handle
        problems = []
        for i in range(problem_count):
            info = sized("taper_journal_problem_info")
            call(lib.taper_journal_problem, handle, info, i)
            problems.append(JournalProblem(None if info.entry < 0 else int(info.entry), pystr(info.field),
                                           pystr(info.input), MessageCode(info.code), pystr(info.text)))
        self.problems: tuple[JournalProblem, ...] = tuple(problems)

    @classmethod
    def from_json(cls, text: str) -> Journal:
        return cls._read(lib.taper_journal_from_json, text)

    @classmethod
    def from_csv(cls, text: str) -> Journal:
        return cls._read(lib.taper_journal_from_csv, text)

    @classmethod
    def _read(cls, fn: Any, text: str) -> Journal:
        out = ffi.new("taper_journal**")
        count = ffi.new("size_t*")
        call(fn, out, count, cstr(text, "journal"))
        return cls(ffi.gc(out[0], lib.taper_journal_free), int(count[0]))

    @property
    def entry_count(self) -> int:
        return int(lib.taper_journal_entry_count(self._h))

    def to_json(self) -> str:
        out = ffi.new("char**")
        call(lib.taper_journal_to_json, self._h, out)
        return take_string(out[0])

    def to_csv(self) -> str:
        out = ffi.new("char**")
        call(lib.taper_journal_to_csv, self._h, out)
        return take_string(out[0])


def assess(schedule: Schedule, journal: Journal) -> dict[str, Any]:
    """The assessment as a dict (docs/assessment.md): "seek_help_now", "red_flags", "latest"
    and "periods", each reason with its code, parameters, text and source."""
    out = ffi.new("char**")
    call(lib.taper_assess, ffi.NULL, ffi.NULL, out, schedule._live("assess it"), journal._h)
    result: dict[str, Any] = json.loads(take_string(out[0]))
    return result


def replan(schedule: Schedule, journal: Journal, strategy: str | Strategy, *, action: ReplanAction | str = "continue",
           today: DateLike, tolerable_days: float = 7, database: Database | None = None,
           **options: Any) -> Schedule:
    """A new plan from `today` (docs/journal.md, "Replanning"), planned by `strategy` (the one
    the plan was made with, with its options). Its first messages say why."""
    db = default_database() if database is None else database
    st = Strategy(strategy, **options) if isinstance(strategy, str) else strategy
    a = ReplanAction[action.upper()] if isinstance(action, str) else ReplanAction(action)
    d = today if isinstance(today, datetime.date) else parse_date(today)
    day = ffi.new("taper_date*", {"year": d.year, "month": d.month, "day": d.day})
    out = ffi.new("taper_schedule**")
    call(lib.taper_replan, out, db._h, schedule._live("replan it"), journal._h, ffi.NULL, st._name_bytes(), st._options(),
         int(a), day[0], float(tolerable_days))
    return Schedule._from_handle(ffi.gc(out[0], lib.taper_schedule_free))


@dataclass(frozen=True)
class NextCutOffer:
    """Patient pacing (docs/journal.md): is the next cut offered today, and to what dose."""

    ready: bool  #: the journal has been tolerable for long enough
    tolerable_days: float  #: how long it has been tolerable, up to today
    current_mg: float  #: the daily dose now
    offered_mg: float  #: the next daily dose offered (the current one when not ready)
    reasons: list[dict[str, Any]]  #: coded reasons (766-768), each {code, id, severity, params, text}


def _day(d: DateLike) -> Any:
    day = d if isinstance(d, datetime.date) else parse_date(d)
    return ffi.new("taper_date*", {"year": day.year, "month": day.month, "day": day.day})[0]


def offer_next_cut(schedule: Schedule, journal: Journal, *, today: DateLike, tolerable_days: float = 7,
                   share_of_cut: float = 1.0) -> NextCutOffer:
    """Offer the next cut only when the journal has been tolerable (nothing moderate or worse,
    no red flag) for `tolerable_days`; `share_of_cut` (0 < share <= 1) lowers its size as the
    person chooses. PlanError for a share outside (0, 1]."""
    offer = sized("taper_next_cut_offer")
    reasons = ffi.new("char**")
    call(lib.taper_offer_next_cut, offer, reasons, schedule._handle, journal._h, _day(today), float(tolerable_days),
         float(share_of_cut))
    return NextCutOffer(bool(offer.ready), float(offer.tolerable_days), float(offer.current_mg),
                        float(offer.offered_mg), json.loads(take_string(reasons[0])))


def plan_several(courses: Sequence[tuple[PlanRequest, str | Strategy]], *, start: DateLike, gap_days: float,
                 database: Database | None = None) -> dict[str, Any]:
    """A plan for several drugs (docs/journal.md, "Several drugs"): one at a time in the order
    given (the person's and prescriber's choice), `gap_days` apart (no published figure: no
    default), with interaction notes from sourced data. A dict: "drugs", "notes",
    "interactions", "plans" (each a schedule as JSON) and the combined "calendar"."""
    db = default_database() if database is None else database
    out = ffi.new("taper_several_request**")
    call(lib.taper_several_request_create, out, _day(start), float(gap_days))
    handle = ffi.gc(out[0], lib.taper_several_request_free)
    for request, strategy in courses:
        st = Strategy(strategy) if isinstance(strategy, str) else strategy
        call(lib.taper_several_request_add, handle, request._handle(), ffi.NULL, st._name_bytes(), st._options())
    text = ffi.new("char**")
    call(lib.taper_plan_several, text, ffi.NULL, db._h, handle)
    result: dict[str, Any] = json.loads(take_string(text[0]))
    return result
