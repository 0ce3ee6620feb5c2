#pragma once
// The `plan` and `occupancy` commands: from the command line's text to the
// text to print. Each returns the whole output, so that on an error nothing reaches stdout.
#include <taper/drugs/database.hpp>
#include <taper/plan/registry.hpp>
#include <taper/plan/request.hpp>
#include <taper/plan/schedule.hpp>

#include <optional>
#include <string>
#include <vector>

namespace taper::cli {

/// `taper plan`'s arguments as typed; an empty string means "not given".
struct plan_args {
    std::string drug;
    std::string dose;
    std::string strategy;
    std::string step;
    std::string every;
    std::string switch_every;
    std::string start;
    std::string until;
    std::string final_dose;
    std::vector<std::string> max_step;
    std::string min_change;
    std::string max_steps;
    std::string max_duration;
    std::vector<std::string> holds;
    bool pacing = false;
    bool limits_in_diazepam = false;  ///< --until/--final/--max-step/--min-change in diazepam mg
    std::string split;
    std::string model;
    std::string table;
    std::string targets;
    std::string floor;
    std::string final_fraction;
    std::string step_length;
    std::string curve;
    std::string roll;
    std::string range;
    std::string tail_step;
    /// --option NAME=VALUE, in order: any option of the strategy by its schema name.
    std::vector<std::string> options;
    std::string current_form;
    std::string equivalence;
    std::string format = "table";
    /// --reminders: with --format ics, a daily event per step with an alarm per dose-time.
    bool reminders = false;
    /// --country: with --format html, the person's country for the page's support contacts.
    std::string country;
};

std::string run_plan(const database& db, const strategy_registry& registry, const plan_args& args);

/// Throws input_error unless `format` is table, json, csv, ics, fhir, svg, html or empty (table).
void check_format(const std::string& format);

/// What `taper plan` plans, before it is printed: the request as read, the schedule, and how
/// the strategy was chosen. (The forms commands realize it: forms_commands.hpp.)
struct built_plan {
    plan_request request;
    schedule plan;
    std::string how;
    std::optional<any_strategy> strategy;  ///< as made, for replanning (`taper replan`)
};
built_plan build_plan(const database& db, const strategy_registry& registry, const plan_args& args);

std::string run_occupancy(const database& db, const std::string& drug, const std::string& dose);

}  // namespace taper::cli
