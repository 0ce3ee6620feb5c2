#pragma once
// `taper plan --format ics|fhir|svg|html`: the library's people-facing exporters
// (include/taper/io/), chosen by the format's name.
#include "commands.hpp"

#include <taper/forms/realize.hpp>
#include <taper/plan/schedule.hpp>

#include <optional>
#include <string>

namespace taper::cli {

/// The plan in `args.format` when that is ics, fhir, svg or html; nullopt for the others.
std::optional<std::string> exported_document(const schedule& plan, const plan_args& args);
std::optional<std::string> exported_document(const realized_schedule& realization, const plan_args& args);

}  // namespace taper::cli
