// The built-in strategies, registered by explicit calls (static self-registration is
// dropped by static linking). Each goes in through its own `from_options`, which reads the
// options it can use and rejects the rest with a strategy_error.
#include <taper/plan/registry.hpp>

#include <taper/strategies/antipsychotic.hpp>
#include <taper/strategies/diazepam_crossover.hpp>
#include <taper/strategies/hyperbolic.hpp>
#include <taper/strategies/linear.hpp>
#include <taper/strategies/proportional.hpp>
#include <taper/strategies/table.hpp>
#include <taper/strategies/tapering_strip.hpp>

namespace taper {

void register_builtin_strategies(strategy_registry& registry) {
    using namespace strategies;
    registry.add("linear",
                 "The same amount off at every step; the contrast case many guidelines still show. "
                 "Options: amount (mg per step, required).",
                 [](const strategy_options& o) -> any_strategy { return linear::from_options(o); });
    registry.add("proportional",
                 "A percentage of the most recent dose at every step (the \"10% rule\"; Maudsley 10-25%), "
                 "until a final dose. Options: percent (default 10), final_fraction (of the starting dose, "
                 "default 1/40).",
                 [](const strategy_options& o) -> any_strategy {
                     return proportional::from_options(o, percent_of::most_recent_dose);
                 });
    registry.add("proportional-of-start",
                 "A percentage of the starting dose at every step: equal mg steps, a linear taper in "
                 "disguise. Options: percent (default 10).",
                 [](const strategy_options& o) -> any_strategy {
                     return proportional::from_options(o, percent_of::starting_dose);
                 });
    registry.add("hyperbolic",
                 "Equal steps of receptor occupancy from the drug's model (Horowitz & Taylor 2019), down to "
                 "an occupancy floor or a share of the starting dose. Options: points (default 5) or "
                 "occupancy_targets, occupancy_floor, final_fraction.",
                 [](const strategy_options& o) -> any_strategy { return hyperbolic::from_options(o); });
    registry.add("antipsychotic",
                 "The D2 rules (Horowitz et al. 2021): about a quarter of the most recent dose per step, "
                 "never more than a few points of D2 occupancy, 3-6 months per step, down to 1/40 of the "
                 "start. Options: percent (default 25), points (default 5), step_length (default 91 days), "
                 "final_fraction.",
                 [](const strategy_options& o) -> any_strategy { return antipsychotic::from_options(o); });
    registry.add("diazepam-crossover",
                 "Benzodiazepines and z-drugs: switch to diazepam one dose-time at a time at an equivalent "
                 "dose, reduce it proportionally, then a tail of small steps (Ashton). Options: percent "
                 "(default 10), step_length (switch steps, default 7 days), extra range_end (low|high), "
                 "extra tail_step (default 0.5 mg).",
                 [](const strategy_options& o) -> any_strategy { return diazepam_crossover::from_options(o); });
    registry.add("tapering-strip",
                 "A dose for every day, in rolls of daily pouches (default 28 days), along a hyperbolic or "
                 "proportional curve. Options: curve, roll_length, final_fraction; points and "
                 "occupancy_floor (hyperbolic) or percent (proportional).",
                 [](const strategy_options& o) -> any_strategy { return tapering_strip::from_options(o); });
    registry.add("table",
                 "Your own list of daily doses, each with an optional length, checked like any other plan. "
                 "Options: table (rows).",
                 [](const strategy_options& o) -> any_strategy { return table::from_options(o); });
}

}  // namespace taper
