#pragma once
// An assessment and a replan history as JSON (docs/assessment.md, docs/journal.md): each
// message as {code, id, severity, params, text}, each source with its citation and address.
#include <taper/assess/assessment.hpp>
#include <taper/replan/replan.hpp>
#include <taper/several/plan.hpp>

#include <string>

namespace taper {

std::string to_json(const assessment& a, const schedule& plan);
/// Every version, oldest first, each with its plan (docs/schedule.schema.json), action and reasons.
std::string to_json(const plan_history& h);
std::string to_json(const several_drugs_plan& p);

}  // namespace taper
