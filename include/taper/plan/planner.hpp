#pragma once
// From a request and a strategy to a dated schedule.
//
//   taper::schedule s = taper::make_plan(taper::database::embedded(), request,
//                                        taper::strategies::hyperbolic{.points = 5});
//
// The planner validates the request (plan_error naming the field), asks the strategy for
// targets one at a time, and enforces the request's limits on every step: the largest cut
// (mg, % of the most recent dose, occupancy points), the smallest change, the final dose,
// the maintenance dose, holds, half-life pacing, the number of steps and the duration. A
// limit that changes a target leaves a note on the step; one that cannot be met is an
// error, never a silent clamp.
#include <taper/drugs/database.hpp>
#include <taper/plan/schedule.hpp>
#include <taper/plan/strategy.hpp>

namespace taper {

/// Plan with any strategy. Throws plan_error, unknown_drug_error or missing_data_error.
schedule make_plan(const database& db, const plan_request& request, const any_strategy& strategy);

/// The same, written into `into`, whose strings and vectors (the steps and their dose lines
/// included) keep their capacity: planning again into the same value allocates almost
/// nothing. Every field of `into` is replaced; if this throws, `into` holds an unfinished
/// plan that must not be used (plan into it again, or assign it).
///
///   taper::schedule plan;
///   for (const auto& r : requests) { taper::make_plan(plan, db, r, strategy); use(plan); }
void make_plan(schedule& into, const database& db, const plan_request& request, const any_strategy& strategy);

/// Checks a request on its own (no strategy); make_plan calls it first.
void validate_request(const database& db, const plan_request& request);

/// Doses above this are taken as a typing or unit mistake, not a plan: 3 × the drug's licensed
/// maximum daily dose where the data has one (include/taper/plan/plausibility.hpp), and never
/// more than 100 × ED50 of the drug's default model, else 500 mg diazepam-equivalent, else 10 g.
mass plausible_daily_limit(const drug& d);

}  // namespace taper
