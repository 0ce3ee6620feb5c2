#pragma once
// A plan through time: every dose of a plan taken at its clock time, the drug absorbed and
// eliminated (one compartment, first order), receptor occupancy from the concentration, and
// a research model of adaptation. docs/simulation.md gives every formula and assumption.
//
//   taper::simulation_options o;
//   o.adaptation = taper::adaptation_model{14.0 * units::day, 5.0 * units::points};
//   taper::simulation s = taper::simulate(plan, o);
//   s.metrics.largest_day_to_day_change ...
//
// This is a model for research and teaching, never a prediction for one person.
#include <taper/messages/message.hpp>
#include <taper/plan/schedule.hpp>
#include <taper/simulate/pharmacokinetics.hpp>

#include <map>
#include <span>
#include <optional>
#include <string>
#include <vector>

namespace taper {

/// One dose taken at a time measured from the plan's first day, 00:00.
struct dose_event {
    hours time;
    mass amount;
    friend bool operator==(const dose_event&, const dose_event&) = default;
};

/// The research model of adaptation (docs/simulation.md): a set point that follows occupancy
/// with a first-order time constant, and withdrawal pressure = set point − occupancy. Both
/// parameters are the caller's: no source gives them, so there are no defaults.
struct adaptation_model {
    duration time_constant;       ///< how slowly the set point follows occupancy
    occupancy_points threshold;   ///< pressure above this counts as time and area above threshold
};

struct simulation_options {
    /// Time between samples. Dose times must fall on this grid (whole hours at 1 h).
    hours resolution = 1.0 * units::hour;
    /// Each dose-time's clock time. Names not here are an error naming them.
    std::map<std::string, hours, std::less<>> dose_clock = default_dose_clock();
    /// Take two days' doses every other day (day 0, 2, 4 ...) instead of each day's.
    bool alternate_day = false;
    /// Doses not taken, by their time from the plan's start (they must be on the plan).
    std::vector<hours> missed_doses;
    /// Doses taken besides the plan's.
    std::vector<dose_event> extra_doses;
    /// How long to follow after the plan's last step begins its end (default two weeks).
    duration after_end = 14.0 * units::day;
    /// For a volume given per kg: concentrations in mass per volume need a body weight.
    std::optional<mass> body_weight;
    std::optional<adaptation_model> adaptation;
    /// The occupancy model by id; empty means the plan's model (or the drug's default).
    std::string occupancy_model;

    static std::map<std::string, hours, std::less<>> default_dose_clock();
};

/// The parameters a simulation used, each as typical value after any range's midpoint.
struct simulation_parameters {
    hours half_life;
    hours time_to_peak;
    double absorption_per_hour = 0;   ///< ka
    double elimination_per_hour = 0;  ///< ke = ln 2 / half-life
    std::optional<percent> bioavailability;
    std::optional<litres> volume;     ///< absolute (per-kg volumes times the body weight)
    /// Without a usable occupancy model (mirtazapine) the course has amounts and
    /// concentrations only: occupancy, adaptation and their metrics need a model.
    bool has_occupancy = false;
    occupancy_points emax;
    mass ed50;
    double hill = 1;
    std::string occupancy_model;
    std::string receptor;
};

/// Summary figures of one simulated course (docs/simulation.md, "Metrics"). The occupancy
/// figures are zero when the drug has no occupancy model (simulation_parameters::has_occupancy).
struct simulation_metrics {
    duration length;                          ///< the plan's duration
    occupancy_points largest_step_change;     ///< drop in mean occupancy from one step's last day to the next's
    occupancy_points largest_day_to_day_change;///< drop in daily mean occupancy between consecutive days
    occupancy_points largest_within_day_fluctuation; ///< largest peak − trough within one day
    occupancy_points largest_two_day_swing;   ///< largest peak − trough within two consecutive days
    std::optional<occupancy_points> peak_pressure;   ///< with an adaptation model
    std::optional<hours> time_above_threshold;       ///< pressure above the threshold
    std::optional<double> area_above_threshold_point_hours; ///< ∫ (pressure − threshold)+ dt, points × hours
    int doses_taken = 0;
    /// Largest peak / trough of the amount in the body within two consecutive days (a ratio;
    /// needs no occupancy model).
    double largest_two_day_amount_ratio = 1;
};

/// A simulated course: the plan it follows, what was assumed, and the series at each sample.
struct simulation {
    schedule plan;
    simulation_parameters parameters;
    simulation_options options;
    std::vector<dose_event> doses;            ///< every dose taken, in time order
    std::vector<hours> time;                  ///< sample times from the plan's start
    std::vector<mass> amount_in_body;         ///< bioavailable amount in the compartment (F·dose enters; F = 1 where unknown)
    std::vector<concentration> plasma_concentration; ///< empty unless volume and bioavailability are known
    std::vector<occupancy_points> occupancy;
    std::vector<occupancy_points> set_point;  ///< empty without an adaptation model
    std::vector<occupancy_points> pressure;   ///< set point − occupancy; empty without one
    simulation_metrics metrics;
    /// Notes on what the course leaves out (codes 603-605, docs/messages.md): no occupancy
    /// model, a metabolite not modelled, no concentrations. Render with text(m, context_of(plan)).
    std::vector<message> messages;
};

/// Why the plan's drug cannot be simulated, as a coded message (600 no pharmacokinetic data,
/// 601 naming the parameter without a sourced value, 602 an active metabolite), or nothing
/// when it can. simulate() throws missing_data_error with this message's text.
std::optional<message> simulation_refusal(const schedule& plan);

/// The dose events of a plan: each step's dose lines at their clock times on each of its days,
/// alternate-day, missed and extra doses applied. Throws invalid_argument_error for a dose-time
/// with no clock time, a time off the grid, or a missed dose the plan does not have.
std::vector<dose_event> dose_events(const schedule& plan, const simulation_options& options);

/// The parameters the simulation would use for this plan. Throws missing_data_error naming
/// the first parameter the data do not have (half-life, time to peak, an active metabolite's
/// formation or potency; the occupancy model when an adaptation model or a model id is given).
simulation_parameters simulation_parameters_for(const schedule& plan, const simulation_options& options);

/// Simulates the plan from steady state on its starting dose (start_split, or once daily).
simulation simulate(const schedule& plan, const simulation_options& options = {});

/// The metrics of several plans of the same drug and start, in order (compare strategies).
std::vector<simulation_metrics> compare(std::span<const schedule> plans, const simulation_options& options = {});

}  // namespace taper
