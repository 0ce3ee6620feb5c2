#pragma once
// The options that describe a plan (strategy, step, limits, split ...), registered on any
// command that plans: `taper plan`, `taper simulate`, and each `taper compare --plan "..."`.
#include "commands.hpp"

#include <CLI/CLI.hpp>

namespace taper::cli {

/// Adds the plan options to `cmd`, reading into `p`; the positional drug and dose too when
/// `with_drug_and_dose`. (--format is each command's own.)
void add_plan_options(CLI::App& cmd, plan_args& p, bool with_drug_and_dose);

}  // namespace taper::cli
