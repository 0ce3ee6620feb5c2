// The default strategy for a drug: see include/taper/plan/suggest.hpp.
#include <taper/plan/suggest.hpp>

namespace taper {

strategy_suggestion suggest_strategy(const drug& subject, const suggestion_hints& hints) {
    if (hints.has_table) return {"table", {}, "chosen by the table of doses"};
    if (hints.step_kind) {
        switch (*hints.step_kind) {
            case option_kind::points: return {"hyperbolic", {}, "chosen by a step in occupancy points"};
            case option_kind::percentage: return {"proportional", {}, "chosen by a step in %"};
            case option_kind::milligrams: return {"linear", {}, "chosen by a step in mg"};
            default: break;  // other kinds are no step size: choose by the drug
        }
    }
    if (subject.klass == drug_class::antipsychotic) return {"antipsychotic", {}, "the default for antipsychotics"};
    if (uses_diazepam_equivalents(subject.klass))
        return {"diazepam-crossover", {}, "the default for benzodiazepines and z-drugs"};
    if (subject.usable_occupancy() != nullptr)
        return {"hyperbolic", {}, "the default for a drug with an occupancy model"};
    return {"proportional", {}, "the default for a drug without an occupancy model"};
}

}  // namespace taper
