"""pandas DataFrames of schedules and realizations (``Schedule.to_pandas``,
``Realization.to_pandas``). pandas is optional: ``pip install taper[dataframe]``.

Both frames start with a row for the starting dose (step 0, phase ``"start"``), so a plot
or a difference over the frame begins where the person is now. Dates are datetime64 (the
day a step starts, and ``end``: the day after its last day); the phase is a category whose
categories are always the same five, in order: start, reduce, switch, hold, stop. Every
column of a quantity has its unit in its name, as in the JSON export.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from .schedule import Phase, Schedule

if TYPE_CHECKING:  # pragma: no cover
    from .forms import Realization

#: The phase categories, in this order in every frame.
PHASE_CATEGORIES = ("start",) + tuple(p.value for p in Phase)


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("taper: to_pandas() needs pandas: pip install 'taper[dataframe]' "
                          "(or pip install pandas)") from exc
    return pandas


def _dates(pd: Any, days: list[Any]) -> Any:
    return pd.to_datetime(np.array(days, dtype="datetime64[D]"))


def _phases(pd: Any, names: list[str]) -> Any:
    return pd.Categorical(names, categories=PHASE_CATEGORIES, ordered=False)


def _nan(value: float | None) -> float:
    return math.nan if value is None else float(value)


def schedule_frame(schedule: Schedule) -> Any:
    pd = _pandas()
    arrays = schedule.to_numpy()
    n = len(arrays)

    def column(start: float, values: Any) -> Any:
        return np.concatenate(([start], values))

    steps = schedule.steps
    return pd.DataFrame({
        "step": np.arange(0, n + 1, dtype=np.int64),
        "phase": _phases(pd, ["start"] + [Phase.from_code(int(c)).value for c in arrays.phase]),
        "start": _dates(pd, [schedule.start] + [st.start for st in steps]),
        "end": _dates(pd, [schedule.start] + [st.end for st in steps]),
        "day": column(0.0, arrays.day),
        "length_days": column(0.0, arrays.length_days),
        "daily_dose_mg": column(schedule.start_dose_mg, arrays.daily_dose_mg),
        "equivalent_daily_dose_mg": column(schedule.start_equivalent_dose_mg, arrays.equivalent_daily_dose_mg),
        "change_mg": column(math.nan, arrays.change_mg),
        "change_percent": column(math.nan, arrays.change_percent),
        "occupancy_percent": column(_nan(schedule.start_occupancy_percent), arrays.occupancy_percent),
        "change_points": column(math.nan, arrays.change_points),
    })


def realization_frame(realization: Realization) -> Any:
    pd = _pandas()
    schedule = realization.schedule
    steps = realization.steps
    return pd.DataFrame({
        "step": np.arange(0, len(steps) + 1, dtype=np.int64),
        "phase": _phases(pd, ["start"] + [rs.step.phase.value for rs in steps]),
        "start": _dates(pd, [schedule.start] + [rs.step.start for rs in steps]),
        "end": _dates(pd, [schedule.start] + [rs.step.end for rs in steps]),
        "length_days": np.array([0.0] + [rs.step.length_days for rs in steps], dtype=np.float64),
        # The plan's dose of the drug (mg/day), what the recipes aim at; the starting row has
        # the dose taken now and nothing realized.
        "planned_daily_dose_mg": np.array([schedule.start_dose_mg] + [rs.step.daily_dose_mg for rs in steps],
                                          dtype=np.float64),
        "realized_daily_dose_mg": np.array([math.nan] + [rs.realized_daily_mg for rs in steps], dtype=np.float64),
        "difference_mg": np.array([math.nan] + [rs.difference_mg for rs in steps], dtype=np.float64),
        "inserted": np.array([False] + [rs.inserted for rs in steps], dtype=bool),
        "form_changed": np.array([False] + [rs.form_changed for rs in steps], dtype=bool),
        "instructions": [""] + ["; ".join(r.instruction for r in rs.recipes) for rs in steps],
    })
