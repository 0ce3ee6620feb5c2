#!/usr/bin/env python3
"""A virtual population on a Dask cluster, sharded by person range: the documented path when
a population outgrows one machine (docs/simulation.md, "Beyond one machine").

Person i's parameters depend on (seed, i) alone, so people [a, b) simulated anywhere are
exactly those people of one whole run: each task simulates one range of people with the same
seed, and the shards, put back in person order, are the whole run value for value. The share
above the pressure threshold is then counted over all people, as one run counts it.

    python3 bindings/python/examples/dask_population.py --people 2000 --shard 500
    python3 bindings/python/examples/dask_population.py --scheduler tcp://host:8786 ...

The workers need the taper package (and its library) installed, like any Dask dependency.
A model for research and teaching, never a prediction for one person.
"""
from __future__ import annotations

import argparse
import sys
from typing import Any

import numpy as np

import taper

#: The course every shard simulates: citalopram 20 mg, 5 mg less every 28 days, followed for
#: four weeks after the last step, with the adaptation research model (its time constant and
#: threshold are the researcher's choice: no source gives them) and log-normal spreads.
SETTINGS: dict[str, Any] = {
    "drug": "citalopram", "dose": "20 mg", "start": "2026-12-01", "interval": "28 days", "amount": "5 mg",
    "seed": 12, "ed50_log_sd": 0.3, "half_life_log_sd": 0.3, "adaptation_time_constant_log_sd": 0.2,
    "adaptation_time_constant_days": 14.0, "threshold_points": 5.0, "after_end_days": 28.0,
}


def simulate_shard(first_person: int, people: int, settings: dict[str, Any]) -> dict[str, np.ndarray]:
    """People [first_person, first_person + people) of the population: one task. The plan is
    made in the worker (a schedule handle does not travel; its inputs do)."""
    request = taper.PlanRequest(settings["drug"], settings["dose"], start=settings["start"],
                                interval=settings["interval"])
    schedule = taper.plan(request, "linear", amount=settings["amount"])
    population = taper.simulate_population(
        schedule, people=people, first_person=first_person, seed=settings["seed"], threads=1,
        ed50_log_sd=settings["ed50_log_sd"], half_life_log_sd=settings["half_life_log_sd"],
        adaptation_time_constant_log_sd=settings["adaptation_time_constant_log_sd"],
        adaptation_time_constant_days=settings["adaptation_time_constant_days"],
        threshold_points=settings["threshold_points"], after_end_days=settings["after_end_days"])
    return population.to_numpy()


def combine(shards: list[dict[str, np.ndarray]]) -> dict[str, Any]:
    """The shards in person order, joined column by column, and the share of people whose
    pressure went above the threshold (counted as simulate_population counts it)."""
    shards = sorted(shards, key=lambda s: int(s["person"][0]) if s["person"].size else 0)
    columns = {name: np.concatenate([s[name] for s in shards]) for name in shards[0]}
    above = columns["time_above_threshold_hours"]
    share = 100.0 * float(np.count_nonzero(above > 0)) / above.size if above.size else 0.0
    return {"columns": columns, "share_above_threshold_percent": share}


def ranges(people: int, shard: int) -> list[tuple[int, int]]:
    """(first person, count) for each shard."""
    return [(first, min(shard, people - first)) for first in range(0, people, shard)]


def run(client: Any, people: int, shard: int, settings: dict[str, Any] = SETTINGS) -> dict[str, Any]:
    """Simulate `people` people in shards of `shard` on the client's cluster and combine them."""
    # The workers cannot import this file by name when it was loaded by path: send its
    # functions by value (cloudpickle, which Dask uses to ship tasks).
    if __name__ != "__main__" and __name__ in sys.modules:
        import cloudpickle

        cloudpickle.register_pickle_by_value(sys.modules[__name__])
    futures = [client.submit(simulate_shard, first, count, settings, pure=False)
               for first, count in ranges(people, shard)]
    return combine(client.gather(futures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--shard", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scheduler", help="a running cluster's address; default: a LocalCluster")
    a = parser.parse_args()

    from dask.distributed import Client, LocalCluster

    if a.scheduler:
        client = Client(a.scheduler)
    else:
        client = Client(LocalCluster(n_workers=a.workers, threads_per_worker=1, dashboard_address=None))
    with client:
        result = run(client, a.people, a.shard)
    c = result["columns"]
    print(f"{a.people} people in shards of {a.shard}: {result['share_above_threshold_percent']:.1f}% above "
          f"the threshold; median peak pressure {np.median(c['peak_pressure_points']):.2f} points, "
          f"median largest day-to-day change {np.median(c['largest_day_to_day_change_points']):.2f} points")


if __name__ == "__main__":
    main()
