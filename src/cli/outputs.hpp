#pragma once
// `taper plan|replan --format ics|fhir|svg|html` and `taper simulate --format svg|html`: the
// library's people-facing exporters (include/taper/io/), chosen by the format's name.
#include "commands.hpp"

#include <taper/forms/realize.hpp>
#include <taper/io/series_step.hpp>
#include <taper/plan/schedule.hpp>
#include <taper/simulate/simulation.hpp>

#include <optional>
#include <string>

namespace taper::cli {

/// The plan in `args.format` when that is ics, fhir, svg or html; nullopt for the others.
std::optional<std::string> exported_document(const schedule& plan, const plan_args& args);
std::optional<std::string> exported_document(const realized_schedule& realization, const plan_args& args);
/// The simulation's chart (svg) or page (html) when `args.format` is one of them; nullopt for the others.
std::optional<std::string> exported_document(const simulation& sim, series_step step, const plan_args& args);

/// Throws input_error for --reminders without --format ics or --country without --format html.
void check_export_options(const plan_args& args);

}  // namespace taper::cli
