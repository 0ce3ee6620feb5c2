#pragma once
// The plan-request options (everything of `taper plan` but the drug, the dose and --format).
#include "commands.hpp"

#include <CLI/CLI.hpp>

namespace taper::cli {

/// Adds the plan options to `app`, reading into `p`; the positional drug and dose too when
/// `with_drug_and_dose`. (--format is each command's own.)
void add_plan_options(CLI::App& app, plan_args& p, bool with_drug_and_dose = false);

}  // namespace taper::cli
