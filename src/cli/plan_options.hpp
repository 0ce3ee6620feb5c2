#pragma once
// The plan-request options (everything of `taper plan` but the drug, the dose and --format).
#include "commands.hpp"

#include <CLI/CLI.hpp>

namespace taper::cli {

void add_plan_options(CLI::App& app, plan_args& p);

}  // namespace taper::cli
