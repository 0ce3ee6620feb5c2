"""A plan through time (docs/simulation.md): pharmacokinetics, occupancy, the adaptation
research model and virtual populations, read from the C ABI in bulk as NumPy arrays (one
copy per column) and as pandas DataFrames.

    schedule = taper.plan(taper.PlanRequest("citalopram", "20 mg"), "linear", amount="5 mg")
    course = taper.simulate(schedule, adaptation_time_constant_days=14, threshold_points=5)
    course.to_dataframe()                       # time_h, amount_mg, occupancy_points ...
    people = taper.simulate_population(schedule, people=10_000, seed=1, half_life_log_sd=0.3,
                                       adaptation_time_constant_days=14, threshold_points=5)
    people.to_dataframe()                       # one row per person

A model for research and teaching, never a prediction for one person.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

import numpy as np

from ._ffi import ffi, lib
from ._util import call, take_string

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from .schedule import Schedule


def _options(resolution_hours: float, after_end_days: float | None, alternate_day: bool,
             adaptation_time_constant_days: float | None, threshold_points: float,
             body_weight_kg: float | None) -> Any:
    o = ffi.new("taper_simulation_options*")
    o.struct_size = ffi.sizeof("taper_simulation_options")
    o.resolution_hours = resolution_hours
    o.after_end_days = math.nan if after_end_days is None else after_end_days
    o.alternate_day = int(bool(alternate_day))
    o.adaptation_time_constant_days = 0.0 if adaptation_time_constant_days is None else adaptation_time_constant_days
    o.adaptation_threshold_points = threshold_points
    o.body_weight_kg = 0.0 if body_weight_kg is None else body_weight_kg
    return o


def _column(fn: Callable[..., int], handle: Any, ctype: str = "double", dtype: Any = np.float64) -> np.ndarray:
    """A borrowed C array copied into a new NumPy array (the handle may be freed after)."""
    values = ffi.new(f"{ctype}**")
    count = ffi.new("size_t*")
    call(fn, handle, values, count)
    n = int(count[0])
    if n == 0:
        return np.empty(0, dtype)
    return np.frombuffer(ffi.buffer(values[0], n * ffi.sizeof(ctype)), dtype=dtype).copy()


@dataclass(frozen=True)
class SimulationMetrics:
    """The course's summary figures (docs/simulation.md, "Metrics"); pressure figures are
    NaN without the adaptation model."""

    length_days: float
    largest_step_change_points: float
    largest_day_to_day_change_points: float
    largest_within_day_fluctuation_points: float
    largest_two_day_swing_points: float
    peak_pressure_points: float
    time_above_threshold_hours: float
    area_above_threshold_point_hours: float
    largest_two_day_amount_ratio: float
    doses_taken: int
    half_life_hours: float
    absorption_per_hour: float
    elimination_per_hour: float


class Simulation:
    """A simulated course: the series at each sample and the metrics.

    Pickles by value (the metrics and every series), so that multiprocessing and Dask can
    carry it; ``copy.copy`` / ``copy.deepcopy`` give the object itself (it is immutable)."""

    #: Column name -> C accessor, in the order of :meth:`to_dataframe`.
    COLUMNS = {
        "time_h": "taper_simulation_time_hours",
        "amount_mg": "taper_simulation_amount_mg",
        "concentration_ng_per_ml": "taper_simulation_concentration_ng_per_ml",
        "occupancy_points": "taper_simulation_occupancy_points",
        "set_point_points": "taper_simulation_set_point_points",
        "pressure_points": "taper_simulation_pressure_points",
    }

    def __init__(self, handle: Any, _data: tuple[SimulationMetrics, dict[str, np.ndarray]] | None = None) -> None:
        self._handle = handle
        self._series = None if _data is None else _data[1]
        if _data is not None:
            self.metrics = _data[0]
            return
        m = ffi.new("taper_simulation_metrics*")
        m.struct_size = ffi.sizeof("taper_simulation_metrics")
        call(lib.taper_simulation_metrics_get, handle, m)
        self.metrics = SimulationMetrics(
            m.length_days, m.largest_step_change_points, m.largest_day_to_day_change_points,
            m.largest_within_day_fluctuation_points, m.largest_two_day_swing_points, m.peak_pressure_points,
            m.time_above_threshold_hours, m.area_above_threshold_point_hours, m.largest_two_day_amount_ratio,
            int(m.doses_taken), m.half_life_hours, m.absorption_per_hour, m.elimination_per_hour)

    def to_numpy(self) -> dict[str, np.ndarray]:
        """Every series as a NumPy array; a series the course does not have (concentration
        without a volume, pressure without the adaptation model) is empty."""
        if self._series is not None:  # read from a pickle: fresh copies, as from the library
            return {name: values.copy() for name, values in self._series.items()}
        return {name: _column(getattr(lib, fn), self._handle) for name, fn in self.COLUMNS.items()}

    def _live(self, what: str) -> Any:
        """The C simulation, or DetachedError saying that `what` needs it."""
        if self._handle is None:
            from .schedule import DetachedError

            raise DetachedError(
                f"taper: {what} needs the library's simulation, and this one was read from a "
                "pickle (it carries the series only, not the plan); simulate it again in this "
                "process (taper.simulate) to " + what)
        return self._handle

    def to_svg(self, daily: bool = True) -> str:
        """The chart of the plan with the simulated occupancy (``class="simulated-occupancy"``)
        over the plan's steady-state occupancy, as a self-contained SVG image: one point a day
        (each day's mean) when ``daily``, else every sample. MissingDataError when the course
        has no occupancy (a drug without an occupancy model, such as mirtazapine)."""
        return self._text(lib.taper_simulation_to_svg, daily, "draw the chart")

    def to_html(self, daily: bool = True) -> str:
        """The plan's printable page with the chart of :meth:`to_svg` and a caption saying the
        simulated line is a research model. Raises as :meth:`to_svg` does."""
        return self._text(lib.taper_simulation_to_html, daily, "write the page")

    def _text(self, fn: Callable[..., int], daily: bool, what: str) -> str:
        out = ffi.new("char**")
        call(fn, self._live(what), int(bool(daily)), out)
        return take_string(out[0])

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore_simulation, (self.metrics, self.to_numpy()))

    def __copy__(self) -> Simulation:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Simulation:
        return self

    def to_dataframe(self) -> pandas.DataFrame:
        """The series as a pandas DataFrame, one row per sample; empty series are left out."""
        import pandas

        return pandas.DataFrame({k: v for k, v in self.to_numpy().items() if v.size})


class Population:
    """A simulated virtual population: one value per person in each column, in person order.
    Pickles by value (the summary and every column), and copies as itself, like Simulation."""

    COLUMNS = {
        "ed50_factor": "taper_population_ed50_factor",
        "half_life_factor": "taper_population_half_life_factor",
        "volume_factor": "taper_population_volume_factor",
        "adaptation_factor": "taper_population_adaptation_factor",
        "largest_day_to_day_change_points": "taper_population_largest_day_to_day_change_points",
        "largest_within_day_fluctuation_points": "taper_population_largest_within_day_fluctuation_points",
        "largest_two_day_swing_points": "taper_population_largest_two_day_swing_points",
        "peak_pressure_points": "taper_population_peak_pressure_points",
        "time_above_threshold_hours": "taper_population_time_above_threshold_hours",
    }

    def __init__(self, handle: Any, _data: tuple[dict[str, Any], dict[str, np.ndarray]] | None = None) -> None:
        self._handle = handle
        self._columns = None if _data is None else _data[1]
        if _data is not None:
            for name, value in _data[0].items():
                setattr(self, name, value)
            return
        s = ffi.new("taper_population_summary*")
        s.struct_size = ffi.sizeof("taper_population_summary")
        call(lib.taper_population_summary_get, handle, s)
        self.people = int(s.people)
        self.first_person = int(s.first_person)
        self.time_steps = int(s.time_steps)  #: per person
        self.has_adaptation = bool(s.has_adaptation)
        #: people whose pressure went above the threshold, percent
        self.share_above_threshold_percent = float(s.share_above_threshold_percent)

    def to_numpy(self) -> dict[str, np.ndarray]:
        """``person`` (int64) and every per-person column (float64). The pressure columns
        are empty without the adaptation model."""
        if self._columns is not None:  # read from a pickle
            return {name: values.copy() for name, values in self._columns.items()}
        out = {"person": _column(lib.taper_population_person, self._handle, "int64_t", np.int64)}
        out.update({name: _column(getattr(lib, fn), self._handle) for name, fn in self.COLUMNS.items()})
        return out

    def __reduce__(self) -> tuple[Any, ...]:
        summary = {name: getattr(self, name) for name in _POPULATION_SUMMARY}
        return (_restore_population, (summary, self.to_numpy()))

    def __copy__(self) -> Population:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Population:
        return self

    def to_dataframe(self) -> pandas.DataFrame:
        """One row per person, indexed by person number."""
        import pandas

        columns = {k: v for k, v in self.to_numpy().items() if v.size}
        person = columns.pop("person", np.empty(0, np.int64))
        return pandas.DataFrame(columns, index=pandas.Index(person, name="person"))


_POPULATION_SUMMARY = ("people", "first_person", "time_steps", "has_adaptation", "share_above_threshold_percent")


def _restore_simulation(metrics: SimulationMetrics, series: dict[str, np.ndarray]) -> Simulation:
    return Simulation(None, (metrics, series))


def _restore_population(summary: dict[str, Any], columns: dict[str, np.ndarray]) -> Population:
    return Population(None, (summary, columns))


def simulate(schedule: Schedule, *, resolution_hours: float = 1.0, after_end_days: float | None = None,
             alternate_day: bool = False, adaptation_time_constant_days: float | None = None,
             threshold_points: float = 0.0, body_weight_kg: float | None = None) -> Simulation:
    """Simulate `schedule` from steady state on its starting dose. The adaptation model is on
    when ``adaptation_time_constant_days`` is given (no default: no source gives one).
    MissingDataError names what the data lack (e.g. an active metabolite's fraction formed)."""
    out = ffi.new("taper_simulation**")
    call(lib.taper_simulate, out, schedule._live("simulate it"),
         _options(resolution_hours, after_end_days, alternate_day, adaptation_time_constant_days,
                  threshold_points, body_weight_kg))
    return Simulation(ffi.gc(out[0], lib.taper_simulation_free))


def simulate_population(schedule: Schedule, *, people: int, seed: int, first_person: int = 0,
                        ed50_log_sd: float = 0.0, half_life_log_sd: float = 0.0, volume_log_sd: float = 0.0,
                        adaptation_time_constant_log_sd: float = 0.0, threads: int = 0,
                        resolution_hours: float = 1.0, after_end_days: float | None = None,
                        alternate_day: bool = False, adaptation_time_constant_days: float | None = None,
                        threshold_points: float = 0.0, body_weight_kg: float | None = None) -> Population:
    """Simulate people ``[first_person, first_person + people)`` of the population ``seed``.
    Person i's parameters depend on (seed, i) alone, so shards by person range concatenate to
    the whole run exactly, whatever the thread count (the Dask example relies on it). The
    spreads are SDs of the log of each parameter (log-normal); 0 means none."""
    p = ffi.new("taper_population_options*")
    p.struct_size = ffi.sizeof("taper_population_options")
    p.people = people
    p.first_person = first_person
    p.seed = seed
    p.ed50_log_sd = ed50_log_sd
    p.half_life_log_sd = half_life_log_sd
    p.volume_log_sd = volume_log_sd
    p.adaptation_time_constant_log_sd = adaptation_time_constant_log_sd
    p.threads = threads
    out = ffi.new("taper_population**")
    call(lib.taper_simulate_population, out, schedule._live("simulate it"),
         _options(resolution_hours, after_end_days, alternate_day, adaptation_time_constant_days,
                  threshold_points, body_weight_kg), p)
    return Population(ffi.gc(out[0], lib.taper_population_free))
