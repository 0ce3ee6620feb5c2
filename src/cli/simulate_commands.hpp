#pragma once
// `taper simulate` and `taper compare`: a plan through time (docs/simulation.md, docs/cli.md).
#include "commands.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace taper::cli {

/// What simulate and compare share: how to follow the plan in time.
struct simulation_args {
    bool alternate_day = false;
    std::string adaptation;   ///< time constant, e.g. 14d
    std::string threshold;    ///< pressure threshold, e.g. 5pp
    std::string weight;       ///< body weight in kg, for volumes per kg
    std::string resolution;   ///< hours between samples, e.g. 1 (default) or 0.5
    std::string people;       ///< --population N
    std::string seed;
    std::string threads;
    std::vector<std::string> spreads;  ///< NAME=SD of log, e.g. half_life=0.3
};

struct simulate_args {
    plan_args plan;
    simulation_args sim;
    bool daily = false;
    std::string format = "table";
};

struct compare_args {
    std::string drug;
    std::string dose;
    std::vector<std::string> plans;  ///< each a set of plan options, e.g. "--step 5pp --every 4w"
    simulation_args sim;
    std::string format = "table";
};

CLI::App* add_simulate_command(CLI::App& app, simulate_args& args);
CLI::App* add_compare_command(CLI::App& app, compare_args& args);

std::string run_simulate(const database& db, const strategy_registry& registry, const simulate_args& args);
std::string run_compare(const database& db, const strategy_registry& registry, const compare_args& args);

}  // namespace taper::cli
