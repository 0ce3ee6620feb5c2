"""The people-facing outputs (docs/output-formats.md): iCalendar, FHIR R4, the SVG chart and
the printable HTML page, as the library writes them, and ``plot()`` with matplotlib (an
optional extra: ``pip install taper[plot]``)."""
from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, Callable

from ._ffi import ffi
from ._util import call, take_string

if TYPE_CHECKING:  # pragma: no cover
    from .forms import Realization
    from .schedule import Schedule


def stamp_seconds(stamp: datetime.datetime | int | None) -> int:
    """DTSTAMP for the C ABI: seconds since 1970-01-01 UTC; 0 means "now"."""
    if stamp is None:
        return 0
    if isinstance(stamp, datetime.datetime):
        if stamp.tzinfo is None:
            raise ValueError("stamp must be a timezone-aware datetime (e.g. tzinfo=datetime.timezone.utc)")
        seconds = int(stamp.timestamp())
    else:
        seconds = int(stamp)
    if seconds <= 0:
        raise ValueError(f"stamp must be after 1970-01-01 00:00 UTC, not {stamp!r}")
    return seconds


def text_of(function: Callable[..., Any], handle: Any, *args: Any) -> str:
    """An allocated string from one of the taper_*_to_* exporters."""
    out = ffi.new("char**")
    call(function, handle, out, *args)
    return take_string(out[0])


def plot(schedule: Schedule, realization: Realization | None = None, ax: Any = None) -> Any:
    """The daily dose (and the occupancy on a second axis, where the drug has a model) as a
    step chart with matplotlib, holds shaded and switch points marked, like the SVG chart.
    Returns the matplotlib Axes. Needs matplotlib: ``pip install taper[plot]``."""
    try:
        import matplotlib.pyplot as plt  # an optional extra, imported only here
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("Schedule.plot() needs matplotlib: pip install taper[plot] (or pip install matplotlib)") from exc
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4.5))
    steps = schedule.steps
    diazepam_basis = schedule.basis.value == "diazepam_mg"
    starts = [s.start for s in steps] + [schedule.end]
    doses = [s.equivalent_daily_dose_mg if diazepam_basis else s.daily_dose_mg for s in steps]
    if realization is not None:
        ax.step(starts, doses + doses[-1:], where="post", color="#0072B2", alpha=0.35, linewidth=5, label="planned")
        taken = [r.realized_daily_mg for r in realization.steps]
        ax.step(starts, taken + taken[-1:], where="post", color="#0072B2", linewidth=2.5, label="dose as taken")
    else:
        ax.step(starts, doses + doses[-1:], where="post", color="#0072B2", linewidth=2.5, label="daily dose")
    for i, s in enumerate(steps):
        if s.phase.value == "hold":
            ax.axvspan(s.start, starts[i + 1], color="#999999", alpha=0.18)
        switched = s.phase.value == "switch" or (realization is not None and realization.steps[i].form_changed)
        if switched:
            ax.axvline(s.start, color="#009E73", linestyle=":", linewidth=1.5)
    ax.set_ylabel("mg a day, diazepam-equivalent" if diazepam_basis else "mg a day")
    ax.set_ylim(bottom=0)
    title = f"{schedule.drug}: daily dose"
    occupancy = [s.occupancy_percent for s in steps]
    if any(o is not None for o in occupancy):
        title += f" and {schedule.occupancy_receptor} occupancy"
        twin = ax.twinx()
        values = [float("nan") if o is None else o for o in occupancy]
        twin.step(starts, values + values[-1:], where="post", color="#D55E00", linestyle="--", linewidth=2,
                  label="occupancy")
        twin.set_ylim(0, 100)
        twin.set_ylabel(f"{schedule.occupancy_receptor} occupancy, %")
    ax.set_title(title)
    ax.legend(loc="upper right")
    return ax
