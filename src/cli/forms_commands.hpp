#pragma once
// The forms side of the CLI: `taper convert`, and `taper plan --have ...` (how to take each
// step with the forms on hand, and what to dispense). Each run_* returns the whole output,
// so that on an error nothing reaches stdout.
#include "commands.hpp"

#include <taper/drugs/database.hpp>
#include <taper/plan/registry.hpp>

#include <string>

namespace CLI {
class App;
}

namespace taper::cli {

/// `taper plan`'s forms options as typed; empty means "not given".
struct forms_args {
    std::string have;        ///< "10 mg tablet, 2 mg/mL liquid", or "any"
    std::string syringe;     ///< "0.1mL"
    std::string min_volume;  ///< "0.2mL"
    std::string max_volume;  ///< "10mL"
    std::string dispense;    ///< "step", or a period: "28d", "4w"
    std::string bottle;      ///< "100mL"
    std::string region;      ///< "uk" or "us": the country whose product an item means where several match

    /// True when any forms option was given (the plan is then realized).
    bool given() const {
        return !have.empty() || !syringe.empty() || !min_volume.empty() || !max_volume.empty() ||
               !dispense.empty() || !bottle.empty() || !region.empty();
    }
};

/// Adds --have, --region, --syringe, --min-volume, --max-volume, --dispense and --bottle to `plan`.
void add_forms_options(CLI::App& plan, forms_args& args);

/// `taper plan` with forms: the plan, realized with what is on hand.
std::string run_realized_plan(const database& db, const strategy_registry& registry, const plan_args& plan,
                              const forms_args& forms);

/// `taper convert`'s arguments as typed.
struct convert_args {
    std::string drug;
    std::string dose;
    std::string from;
    std::string to;
    std::string strength;
    std::string to_drug;
    std::string table;
    bool high_end = false;
};

/// Adds the `convert` subcommand to `app`; returns it.
CLI::App* add_convert_command(CLI::App& app, convert_args& args);

std::string run_convert(const database& db, const convert_args& args);

}  // namespace taper::cli
