#pragma once
// Virtual populations: the same plan through N people whose parameters vary log-normally
// around the drug's typical values (docs/simulation.md, "Populations").
//
//   taper::population_options p;
//   p.people = 10'000; p.seed = 42;
//   p.spread.half_life = 0.3;      // SD of log(half-life); no defaults: no source gives one here
//   taper::population_result r = taper::simulate_population(plan, sim_options, p);
//
// Person i's parameters depend only on (seed, i), so the numbers are the same whatever the
// thread count, and a run of people [a, b) is exactly those people of the whole run (the
// Dask example shards by person ranges with the same seed).
#include <taper/simulate/simulation.hpp>

#include <cstdint>
#include <vector>

namespace taper {

/// Standard deviations of the natural log of each parameter (log-normal, median = typical).
/// Zero means no variability. None has a default: the caller states each one.
struct population_spread {
    double ed50 = 0;
    double half_life = 0;
    double volume = 0;
    double adaptation_time_constant = 0;
};

struct population_options {
    std::int64_t people = 1000;
    std::int64_t first_person = 0;  ///< simulate people [first_person, first_person + people)
    std::uint64_t seed = 0;
    population_spread spread;
    unsigned threads = 0;           ///< 0: the machine's hardware threads
};

/// Each person's figures, one entry per person, in person order.
struct population_result {
    std::vector<std::int64_t> person;
    std::vector<double> ed50_factor;        ///< person's / typical
    std::vector<double> half_life_factor;
    std::vector<double> volume_factor;
    std::vector<double> adaptation_factor;
    std::vector<occupancy_points> largest_day_to_day_change;
    std::vector<occupancy_points> largest_within_day_fluctuation;
    std::vector<occupancy_points> largest_two_day_swing;
    std::vector<occupancy_points> peak_pressure;      ///< empty without an adaptation model
    std::vector<hours> time_above_threshold;          ///< empty without an adaptation model
    std::int64_t time_steps = 0;                      ///< per person

    /// The share of people whose pressure went above the threshold at any time.
    percent share_above_threshold() const;
};

population_result simulate_population(const schedule& plan, const simulation_options& options,
                                      const population_options& population);

}  // namespace taper
