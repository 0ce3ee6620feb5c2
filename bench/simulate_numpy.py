#!/usr/bin/env python3
"""The population model of src/simulate/kernel.cpp written in NumPy, for the speed comparison
of issue 12 (docs/performance.md): the same people, the same exact one-compartment step, the
same occupancy, adaptation and metrics, vectorised over people and stepped over time.

    python3 bench/simulate_numpy.py --people 10000 --days 730        # 2 years hourly
    python3 bench/simulate_numpy.py --people 1000 --days 730 --repeat 3

Prints person-steps per second. One core: NumPy's element-wise operations are single
threaded (set OMP_NUM_THREADS=1 / OPENBLAS_NUM_THREADS=1 anyway so nothing else is).

The course is a fixed one so that both sides run the same arithmetic without reading the drug
data: citalopram's typical parameters from data/pharmacokinetics.json (t½ 35 h, tmax 4 h,
F 0.8) and its default SERT fit in data/drugs.json (Emax 84%, ED50 2.33 mg, Hill 1), 20 mg
once daily at 08:00, then 15 mg from day 0, with log-normal spreads of 0.3 on ED50 and
half-life, and the adaptation model with a 14-day time constant and a 5-point threshold.
"""
import argparse
import math
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402


def absorption_rate(tmax, ke):
    """Root ka > ke of tmax = ln(ka/ke)/(ka − ke), by bisection."""
    lo, hi = ke * (1 + 1e-9), 1000.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if math.log(mid / ke) / (mid - ke) > tmax:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def run(people, days, seed=1, steps_per_day=24):
    dt = 24.0 / steps_per_day
    rng = np.random.default_rng(seed)
    ke0 = math.log(2) / 35.0
    ka = np.full(people, absorption_rate(4.0, ke0))
    ke = ke0 / np.exp(0.3 * rng.standard_normal(people))
    f, emax, ed50 = 0.8, 84.0, 2.33
    inv_a50 = (ke0 * 24.0) / (f * ed50) / np.exp(0.3 * rng.standard_normal(people))
    adapt_decay = np.full(people, math.exp(-dt / (14.0 * 24.0)))
    threshold = 5.0

    decay_gut, decay_body = np.exp(-ka * dt), np.exp(-ke * dt)
    move = ka / (ka - ke) * (np.exp(-ke * dt) - np.exp(-ka * dt))
    # Steady state on 20 mg at 08:00 just before midnight (the kernel's geometric series).
    since, dose0 = 16.0, f * 20.0
    gut = dose0 * np.exp(-ka * since) / (1 - np.exp(-ka * 24))
    body = dose0 * ka / (ka - ke) * (np.exp(-ke * since) / (1 - np.exp(-ke * 24)) -
                                    np.exp(-ka * since) / (1 - np.exp(-ka * 24)))
    x = body * inv_a50
    set_point = emax * x / (1 + x)

    dose_step, dose = 8 // int(dt), f * 15.0
    peak_pressure = np.zeros(people)
    hours_above = np.zeros(people)
    area_above = np.zeros(people)
    day_to_day = np.zeros(people)
    within = np.zeros(people)
    two_day = np.zeros(people)
    previous_mean = set_point.copy()
    previous_min, previous_max = set_point.copy(), set_point.copy()
    for _ in range(days):
        day_sum = np.zeros(people)
        day_min = np.full(people, np.inf)
        day_max = np.full(people, -np.inf)
        for k in range(steps_per_day):
            x = body * inv_a50
            occ = emax * x / (1 + x)
            day_sum += occ
            np.minimum(day_min, occ, out=day_min)
            np.maximum(day_max, occ, out=day_max)
            pressure = set_point - occ
            np.maximum(peak_pressure, pressure, out=peak_pressure)
            hours_above += (pressure > threshold) * dt
            area_above += np.maximum(pressure - threshold, 0.0) * dt
            set_point = occ + (set_point - occ) * adapt_decay
            if k == dose_step:
                gut += dose
            body = body * decay_body + gut * move
            gut *= decay_gut
        mean = day_sum / steps_per_day
        np.maximum(day_to_day, np.abs(mean - previous_mean), out=day_to_day)
        np.maximum(within, day_max - day_min, out=within)
        np.maximum(two_day, np.maximum(day_max, previous_max) - np.minimum(day_min, previous_min), out=two_day)
        previous_mean, previous_min, previous_max = mean, day_min, day_max
    return {"peak_pressure": peak_pressure, "hours_above": hours_above, "day_to_day": day_to_day,
            "within": within, "two_day": two_day}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--repeat", type=int, default=1)
    a = parser.parse_args()
    # CPU time of this process beside the wall time: on a shared, loaded machine the CPU time
    # is what the code costs (the library's benchmark reports its CPU time too).
    best = best_cpu = math.inf
    for _ in range(a.repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        r = run(a.people, a.days)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    steps = a.people * a.days * 24
    print(f"numpy: {a.people} people x {a.days * 24} hourly steps in {best:.3f} s wall, {best_cpu:.3f} s CPU = "
          f"{steps / best_cpu / 1e6:.2f} M person-steps per CPU second (median peak pressure "
          f"{float(np.median(r['peak_pressure'])):.2f} points)")


if __name__ == "__main__":
    main()
