// The C ABI of the simulation (include/taper.h, "Simulation over time"): one course and a
// virtual population, their series and per-person columns as borrowed arrays of doubles,
// read in bulk (one pointer and a count per column, no call per sample).
#include "internal.hpp"
#include "simulation_handle.hpp"

#include <taper/simulate/population.hpp>
#include <taper/simulate/simulation.hpp>

using namespace taper;
using namespace taper::capi;

// Like taper_simulation (simulation_handle.hpp), the population holds plain numbers in the
// unit their accessor names, so that the accessors hand out pointers into them.
struct taper_population {
    taper_population_summary summary{};
    std::vector<std::int64_t> person;
    std::vector<double> ed50_factor, half_life_factor, volume_factor, adaptation_factor;
    std::vector<double> day_to_day_points, within_day_points, two_day_points, peak_pressure_points,
        time_above_threshold_hours;
};

namespace {

simulation_options options_from_c(const taper_simulation_options* options, const char* fn) {
    simulation_options o;
    if (options == nullptr) return o;
    // The known prefix over zeroed defaults (struct_size rule, src/capi/struct_size.hpp).
    const taper_simulation_options in_c = read_prefix(*options, blank<taper_simulation_options>(), fn, "options");
    options = &in_c;
    if (options->resolution_hours != 0) o.resolution = options->resolution_hours * units::hour;
    if (!std::isnan(options->after_end_days)) o.after_end = options->after_end_days * units::day;
    o.alternate_day = options->alternate_day != 0;
    const double tau = options->adaptation_time_constant_days;
    if (!std::isnan(tau) && tau != 0)
        o.adaptation = adaptation_model{tau * units::day, options->adaptation_threshold_points * units::points};
    const double weight = options->body_weight_kg;
    if (!std::isnan(weight) && weight != 0) o.body_weight = mass(weight * 1000.0 * units::g);
    return o;
}

population_options population_from_c(const taper_population_options* p, const char* fn) {
    const taper_population_options in_c =
        read_prefix(need(p, fn, "population"), blank<taper_population_options>(), fn, "population");
    population_options o;
    o.people = in_c.people;
    o.first_person = in_c.first_person;
    o.seed = in_c.seed;
    o.spread.ed50 = in_c.ed50_log_sd;
    o.spread.half_life = in_c.half_life_log_sd;
    o.spread.volume = in_c.volume_log_sd;
    o.spread.adaptation_time_constant = in_c.adaptation_time_constant_log_sd;
    o.threads = in_c.threads;
    return o;
}

template <class Quantity, class Unit>
std::vector<double> numbers(const std::vector<Quantity>& values, Unit unit, double scale = 1.0) {
    std::vector<double> out;
    out.reserve(values.size());
    for (const Quantity& v : values) out.push_back(in(v, unit) * scale);
    return out;
}

// One borrowed column: the pointer and its count.
template <class Handle, class T>
taper_status column(const Handle* handle, const T** out_values, std::size_t* out_count, taper_error** error,
                    const char* fn, std::vector<T> Handle::*member) {
    return guarded(error, [&] {
        const Handle& h = need(handle, fn, "handle");
        need(out_values, fn, "out_values");
        need(out_count, fn, "out_count");
        const std::vector<T>& v = h.*member;
        *out_values = v.data();
        *out_count = v.size();
    });
}

}  // namespace

extern "C" {

taper_status taper_simulate(taper_simulation** out_simulation, const taper_schedule* schedule,
                            const taper_simulation_options* options, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_simulation, fn, "out_simulation");
        const taper_schedule& plan = need(schedule, fn, "schedule");
        auto h = std::make_unique<taper_simulation>();
        h->simulation = simulate(plan.schedule, options_from_c(options, fn));
        const simulation& s = h->simulation;
        h->time_hours = numbers(s.time, units::hour);
        h->amount_mg = numbers(s.amount_in_body, units::mg);
        h->concentration_ng_per_ml = numbers(s.plasma_concentration, units::mg / units::mL, 1e6);
        h->occupancy_points = numbers(s.occupancy, units::points);
        h->set_point_points = numbers(s.set_point, units::points);
        h->pressure_points = numbers(s.pressure, units::points);
        taper_simulation_metrics m = blank<taper_simulation_metrics>();
        const simulation_metrics& r = s.metrics;
        m.length_days = in(r.length, units::day);
        m.largest_step_change_points = in(r.largest_step_change, units::points);
        m.largest_day_to_day_change_points = in(r.largest_day_to_day_change, units::points);
        m.largest_within_day_fluctuation_points = in(r.largest_within_day_fluctuation, units::points);
        m.largest_two_day_swing_points = in(r.largest_two_day_swing, units::points);
        m.peak_pressure_points = or_nan(r.peak_pressure);
        m.time_above_threshold_hours = r.time_above_threshold ? in(*r.time_above_threshold, units::hour) : taper::capi::nan;
        m.area_above_threshold_point_hours = or_nan(r.area_above_threshold_point_hours);
        m.largest_two_day_amount_ratio = r.largest_two_day_amount_ratio;
        m.doses_taken = r.doses_taken;
        m.half_life_hours = in(s.parameters.half_life, units::hour);
        m.absorption_per_hour = s.parameters.absorption_per_hour;
        m.elimination_per_hour = s.parameters.elimination_per_hour;
        h->metrics = m;
        *out_simulation = h.release();
    });
}

void taper_simulation_free(taper_simulation* simulation) { delete simulation; }

taper_status taper_simulation_time_hours(const taper_simulation* simulation, const double** out_values,
                                         size_t* out_count, taper_error** error) {
    return column(simulation, out_values, out_count, error, __func__, &taper_simulation::time_hours);
}
taper_status taper_simulation_amount_mg(const taper_simulation* simulation, const double** out_values,
                                        size_t* out_count, taper_error** error) {
    return column(simulation, out_values, out_count, error, __func__, &taper_simulation::amount_mg);
}
taper_status taper_simulation_concentration_ng_per_ml(const taper_simulation* simulation, const double** out_values,
                                                      size_t* out_count, taper_error** error) {
    return column(simulation, out_values, out_count, error, __func__, &taper_simulation::concentration_ng_per_ml);
}
taper_status taper_simulation_occupancy_points(const taper_simulation* simulation, const double** out_values,
                                               size_t* out_count, taper_error** error) {
    return column(simulation, out_values, out_count, error, __func__, &taper_simulation::occupancy_points);
}
taper_status taper_simulation_set_point_points(const taper_simulation* simulation, const double** out_values,
                                               size_t* out_count, taper_error** error) {
    return column(simulation, out_values, out_count, error, __func__, &taper_simulation::set_point_points);
}
taper_status taper_simulation_pressure_points(const taper_simulation* simulation, const double** out_values,
                                              size_t* out_count, taper_error** error) {
    return column(simulation, out_values, out_count, error, __func__, &taper_simulation::pressure_points);
}

taper_status taper_simulation_metrics_get(const taper_simulation* simulation, taper_simulation_metrics* out_metrics,
                                          taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const taper_simulation& s = need(simulation, fn, "simulation");
        write_struct(out_metrics, s.metrics, fn, "out_metrics");
    });
}

taper_status taper_simulate_population(taper_population** out_population, const taper_schedule* schedule,
                                       const taper_simulation_options* options,
                                       const taper_population_options* population, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_population, fn, "out_population");
        const taper_schedule& plan = need(schedule, fn, "schedule");
        const simulation_options sim = options_from_c(options, fn);
        const population_options pop = population_from_c(population, fn);
        population_result r = simulate_population(plan.schedule, sim, pop);
        auto h = std::make_unique<taper_population>();
        taper_population_summary s = blank<taper_population_summary>();
        s.people = pop.people;
        s.first_person = pop.first_person;
        s.time_steps = r.time_steps;
        s.has_adaptation = sim.adaptation ? 1 : 0;
        s.share_above_threshold_percent = in(r.share_above_threshold(), units::percent_of_dose);
        h->summary = s;
        h->person = std::move(r.person);
        h->ed50_factor = std::move(r.ed50_factor);
        h->half_life_factor = std::move(r.half_life_factor);
        h->volume_factor = std::move(r.volume_factor);
        h->adaptation_factor = std::move(r.adaptation_factor);
        h->day_to_day_points = numbers(r.largest_day_to_day_change, units::points);
        h->within_day_points = numbers(r.largest_within_day_fluctuation, units::points);
        h->two_day_points = numbers(r.largest_two_day_swing, units::points);
        h->peak_pressure_points = numbers(r.peak_pressure, units::points);
        h->time_above_threshold_hours = numbers(r.time_above_threshold, units::hour);
        *out_population = h.release();
    });
}

void taper_population_free(taper_population* population) { delete population; }

taper_status taper_population_summary_get(const taper_population* population, taper_population_summary* out_summary,
                                          taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const taper_population& p = need(population, fn, "population");
        write_struct(out_summary, p.summary, fn, "out_summary");
    });
}

taper_status taper_population_person(const taper_population* population, const int64_t** out_values,
                                     size_t* out_count, taper_error** error) {
    return column(population, out_values, out_count, error, __func__, &taper_population::person);
}
taper_status taper_population_ed50_factor(const taper_population* population, const double** out_values,
                                          size_t* out_count, taper_error** error) {
    return column(population, out_values, out_count, error, __func__, &taper_population::ed50_factor);
}
taper_status taper_population_half_life_factor(const taper_population* population, const double** out_values,
                                               size_t* out_count, taper_error** error) {
    return column(population, out_values, out_count, error, __func__, &taper_population::half_life_factor);
}
taper_status taper_population_volume_factor(const taper_population* population, const double** out_values,
                                            size_t* out_count, taper_error** error) {
    return column(population, out_values, out_count, error, __func__, &taper_population::volume_factor);
}
taper_status taper_population_adaptation_factor(const taper_population* population, const double** out_values,
                                                size_t* out_count, taper_error** error) {
    return column(population, out_values, out_count, error, __func__, &taper_population::adaptation_factor);
}
taper_status taper_population_largest_day_to_day_change_points(const taper_population* population,
                                                               const double** out_values, size_t* out_count,
                                                               taper_error** error) {
    return column(population, out_values, out_count, error, __func__, &taper_population::day_to_day_points);
}
taper_status taper_population_largest_within_day_fluctuation_points(const taper_population* population,
                                                                    const double** out_values, size_t* out_count,
                                                                    taper_error** error) {
    return column(population, out_values, out_count, error, __func__, &taper_population::within_day_points);
}
taper_status taper_population_largest_two_day_swing_points(const taper_population* population,
                                                           const double** out_values, size_t* out_count,
                                                           taper_error** error) {
    return column(population, out_values, out_count, error, __func__, &taper_population::two_day_points);
}
taper_status taper_population_peak_pressure_points(const taper_population* population, const double** out_values,
                                                   size_t* out_count, taper_error** error) {
    return column(population, out_values, out_count, error, __func__, &taper_population::peak_pressure_points);
}
taper_status taper_population_time_above_threshold_hours(const taper_population* population,
                                                         const double** out_values, size_t* out_count,
                                                         taper_error** error) {
    return column(population, out_values, out_count, error, __func__, &taper_population::time_above_threshold_hours);
}

}  // extern "C"
