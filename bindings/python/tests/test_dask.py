"""A population on a Dask LocalCluster, sharded by person range with one seed, equals one run
exactly (bindings/python/examples/dask_population.py; docs/simulation.md)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

import taper

distributed = pytest.importorskip(
    "dask.distributed",
    reason="dask[distributed] is not installed (tools/run_tests.py installs it from PyPI; it could not here)")

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "dask_population.py"


def load_example():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("dask_population", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # the name the workers import it by (client.upload_file)
    spec.loader.exec_module(module)
    return module


def test_sharded_population_on_a_local_cluster_equals_one_run() -> None:
    example = load_example()
    settings = dict(example.SETTINGS, after_end_days=7.0)
    people, shard = 300, 70  # five shards, the last one short
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        # The workers are other processes: they import the example from the file sent here
        # (the functions are pickled by reference to their module, which the workers do not
        # otherwise have).
        client.upload_file(str(EXAMPLE))
        result = example.run(client, people, shard, settings)

    one = example.simulate_shard(0, people, settings)
    combined = result["columns"]
    assert set(combined) == set(one)
    for name, values in one.items():
        np.testing.assert_array_equal(combined[name], values, err_msg=name)
    assert combined["person"].tolist() == list(range(people))

    request = taper.PlanRequest(settings["drug"], settings["dose"], start=settings["start"],
                                interval=settings["interval"])
    whole = taper.simulate_population(
        taper.plan(request, "linear", amount=settings["amount"]), people=people, seed=settings["seed"],
        ed50_log_sd=settings["ed50_log_sd"], half_life_log_sd=settings["half_life_log_sd"],
        adaptation_time_constant_log_sd=settings["adaptation_time_constant_log_sd"],
        adaptation_time_constant_days=settings["adaptation_time_constant_days"],
        threshold_points=settings["threshold_points"], after_end_days=settings["after_end_days"])
    assert result["share_above_threshold_percent"] == whole.share_above_threshold_percent
    assert 0 < whole.share_above_threshold_percent <= 100  # the 5 mg cuts do raise pressure for some
