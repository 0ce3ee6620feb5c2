#pragma once
// What the CLI prints for people: the plan as a table, occupancy by model, the strategies.
// JSON and CSV come from the library (taper/io/json.hpp, io/csv.hpp), at full precision; here
// numbers are rounded for reading.
#include <taper/drugs/drug.hpp>
#include <taper/plan/registry.hpp>
#include <taper/plan/schedule.hpp>

#include <string>

namespace taper::cli {

/// A dose for reading: 3 significant figures, whole numbers kept whole ("1234", "15.2",
/// "0.0123"), and a dose that is not zero never prints as "0".
std::string readable(double mg);

/// The closing paragraph every plan and occupancy table ends with.
std::string footer();

/// The first line of a plan's table: "citalopram: 20 mg a day, hyperbolic strategy (how)".
std::string plan_heading(const schedule& s, const std::string& how);

/// What every plan's table ends with: a note on rounding, then the footer.
std::string plan_closing();
/// The same with the closing text for the drug's class (withdrawal or relapse, what to do)
/// and where to find people who help (`taper support`).
/// The last line renders the plan's who_can_help message.
std::string plan_closing(const schedule& s, const drug& d);

/// The plan as a table; `how` says how the strategy was chosen and with what settings.
std::string render_plan(const schedule& s, const std::string& how);

/// Occupancy at `dose` under each of the drug's models, the default marked.
std::string render_occupancy(const drug& d, mass dose);

/// The registry's strategies with their descriptions.
std::string render_strategies(const strategy_registry& registry);

}  // namespace taper::cli
