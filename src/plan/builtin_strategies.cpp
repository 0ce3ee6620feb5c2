// The built-in strategies, registered by explicit calls (static self-registration is
// dropped by static linking). Each strategy's name, description, option schema and factory
// are defined in its own source file (src/strategies/); this list only collects them.
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
    for (const strategy_definition* d :
         {&linear::definition(), &proportional::definition(percent_of::most_recent_dose),
          &proportional::definition(percent_of::starting_dose), &hyperbolic::definition(),
          &antipsychotic::definition(), &diazepam_crossover::definition(), &tapering_strip::definition(),
          &table::definition()})
        registry.add(*d);
}

}  // namespace taper
