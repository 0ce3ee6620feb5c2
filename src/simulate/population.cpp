// Virtual populations: people in blocks of Eigen arrays, blocks over threads.
#include "setup.hpp"

#include <taper/simulate/population.hpp>

#include <algorithm>
#include <array>
#include <exception>
#include <cmath>
#include <numbers>
#include <thread>

namespace taper {
namespace {

using namespace simulate_detail;

// A counter-based generator: person i's numbers come from (seed, i) alone, so that any split
// of the people over threads or machines gives the same numbers (SplitMix64, Steele et al. 2014).
std::uint64_t mix(std::uint64_t z) {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

double uniform_open(std::uint64_t bits) {  // (0, 1)
    return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53;
}

/// Four standard normals for person `person` (Box–Muller on two pairs). With `pairs` 1 the
/// second pair is not drawn and left at 0: the first pair's numbers do not depend on it.
std::array<double, 4> normals(std::uint64_t seed, std::int64_t person, int pairs) {
    std::uint64_t state = mix(seed ^ mix(static_cast<std::uint64_t>(person)));
    std::array<double, 4> z{};
    for (int pair = 0; pair < pairs; ++pair) {
        state = mix(state);
        const double u1 = uniform_open(state);
        state = mix(state);
        const double u2 = uniform_open(state);
        const double r = std::sqrt(-2.0 * std::log(u1));
        z[static_cast<std::size_t>(2 * pair)] = r * std::cos(2.0 * std::numbers::pi * u2);
        z[static_cast<std::size_t>(2 * pair + 1)] = r * std::sin(2.0 * std::numbers::pi * u2);
    }
    return z;
}

/// exp(spread·z), the person's factor. A spread of 0 gives exp(±0) = 1 exactly (z is finite:
/// Box–Muller of numbers in (0, 1)), so the call is left out.
double factor(double spread, double z) { return spread == 0 ? 1.0 : std::exp(spread * z); }

void check_spread(double s, const char* name) {
    if (!(std::isfinite(s) && s >= 0))
        throw invalid_argument_error(std::string("population spread of ") + name + " must be 0 or more (the SD of its log)",
                                     error_detail{error_code::invalid_argument, std::to_string(s), "0 or more", name, {}});
}

}  // namespace

percent population_result::share_above_threshold() const {
    if (time_above_threshold.empty()) return 0.0 * units::percent_of_dose;
    const auto above = std::count_if(time_above_threshold.begin(), time_above_threshold.end(),
                                     [](hours h) { return in(h, units::hour) > 0; });
    return 100.0 * static_cast<double>(above) / static_cast<double>(time_above_threshold.size()) * units::percent_of_dose;
}

population_result simulate_population(const schedule& plan, const simulation_options& options,
                                      const population_options& pop) {
    if (pop.people < 0 || pop.first_person < 0)
        throw invalid_argument_error("a population needs 0 or more people from person 0 on",
                                     error_detail{error_code::invalid_argument, std::to_string(pop.people),
                                                  "0 or more", "people", {}});
    check_spread(pop.spread.ed50, "ed50");
    check_spread(pop.spread.half_life, "half_life");
    check_spread(pop.spread.volume, "volume");
    check_spread(pop.spread.adaptation_time_constant, "adaptation_time_constant");

    const prepared_course course = prepare_course(plan, options);
    const auto n = static_cast<std::size_t>(pop.people);
    population_result r;
    r.time_steps = course.schedule.days * course.schedule.steps_per_day;
    r.person.resize(n);
    r.ed50_factor.resize(n);
    r.half_life_factor.resize(n);
    r.volume_factor.resize(n);
    r.adaptation_factor.resize(n);
    std::vector<double> day_to_day(n), within(n), two_day(n), peak(n), above(n);

    // The second pair of normals only where a spread uses it (the commonest populations vary
    // ED50 and half-life alone); every factor is the same double either way.
    const int pairs = pop.spread.volume != 0 || pop.spread.adaptation_time_constant != 0 ? 2 : 1;
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t person = pop.first_person + static_cast<std::int64_t>(i);
        const auto z = normals(pop.seed, person, pairs);
        r.person[i] = person;
        r.ed50_factor[i] = factor(pop.spread.ed50, z[0]);
        r.half_life_factor[i] = factor(pop.spread.half_life, z[1]);
        r.volume_factor[i] = factor(pop.spread.volume, z[2]);
        r.adaptation_factor[i] = factor(pop.spread.adaptation_time_constant, z[3]);
    }

    // Blocks of people small enough that a block's arrays stay in cache.
    constexpr std::size_t block = 512;
    const std::size_t blocks = (n + block - 1) / block;
    auto run_block = [&](std::size_t b) {
        const std::size_t first = b * block, count = std::min(block, n - first);
        const auto m = static_cast<Eigen::Index>(count);
        kernel_people people = typical_people(course, options, m);
        people.amount_ratio = false;  // a population reports no amount ratio
        people.area = false;          // nor the area above the threshold: the kernel skips both
        const double ke = course.parameters.elimination_per_hour;
        for (Eigen::Index j = 0; j < m; ++j) {
            const std::size_t i = first + static_cast<std::size_t>(j);
            // A person's clearance changes with the half-life at their volume; the fit's EC50 is
            // the typical person's, so the amount giving half of Emax scales with the person's
            // volume and ED50 (docs/simulation.md, "Populations").
            people.ke[j] = ke / r.half_life_factor[i];
            people.inv_a50[j] /= (r.ed50_factor[i] * r.volume_factor[i]);
            // pow(d, 1) is d exactly: no call for a person at the typical time constant.
            if (people.adaptation && r.adaptation_factor[i] != 1.0)
                people.adapt_decay[j] = std::pow(people.adapt_decay[j], 1.0 / r.adaptation_factor[i]);
        }
        const kernel_metrics k = run_kernel(course.schedule, people, nullptr);
        for (Eigen::Index j = 0; j < m; ++j) {
            const std::size_t i = first + static_cast<std::size_t>(j);
            day_to_day[i] = k.largest_day_to_day_change[j];
            within[i] = k.largest_within_day[j];
            two_day[i] = k.largest_two_day[j];
            peak[i] = k.peak_pressure[j];
            above[i] = k.hours_above[j];
        }
    };
    unsigned threads = pop.threads != 0 ? pop.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(blocks, 1)));
    if (threads <= 1) {
        for (std::size_t b = 0; b < blocks; ++b) run_block(b);
    } else {
        std::vector<std::thread> pool;
        std::vector<std::exception_ptr> failures(threads);
        for (unsigned t = 0; t < threads; ++t)
            pool.emplace_back([&, t] {
                try {
                    for (std::size_t b = t; b < blocks; b += threads) run_block(b);
                } catch (...) {
                    failures[t] = std::current_exception();
                }
            });
        for (auto& th : pool) th.join();
        for (auto& f : failures)
            if (f) std::rethrow_exception(f);
    }

    for (std::size_t i = 0; i < n; ++i) {
        r.largest_day_to_day_change.push_back(day_to_day[i] * units::points);
        r.largest_within_day_fluctuation.push_back(within[i] * units::points);
        r.largest_two_day_swing.push_back(two_day[i] * units::points);
        if (options.adaptation) {
            r.peak_pressure.push_back(peak[i] * units::points);
            r.time_above_threshold.push_back(above[i] * units::hour);
        }
    }
    return r;
}

}  // namespace taper
