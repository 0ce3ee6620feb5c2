// Small members of the plan's value types (step.hpp, schedule.hpp, strategy.hpp).
#include <taper/plan/schedule.hpp>
#include <taper/plan/strategy.hpp>

#include "../detail/text.hpp"

#include <taper/error.hpp>

namespace taper {

std::string_view to_string(step_phase p) noexcept {
    switch (p) {
        case step_phase::reduce: return "reduce";
        case step_phase::switch_over: return "switch";
        case step_phase::hold: return "hold";
        case step_phase::stop: return "stop";
    }
    return "?";
}

std::string_view to_string(dose_basis b) noexcept {
    return b == dose_basis::own_mg ? "mg" : "mg diazepam-equivalent";
}

std::optional<double> schedule::factor_of(std::string_view drug_name) const {
    for (const auto& f : basis_factors)
        if (f.drug == drug_name) return f.per_mg;
    const std::string key = detail::ascii_lower(drug_name);
    for (const auto& f : basis_factors)
        if (detail::ascii_lower(f.drug) == key) return f.per_mg;
    return std::nullopt;
}

date step::end() const { return add_days(start, length); }

const occupancy_model& plan_context::require_model(std::string_view strategy) const {
    if (model != nullptr) return *model;
    throw plan_error("the " + std::string(strategy) + " strategy needs a receptor occupancy model, and " +
                     subject.name +
                     " has none that can be evaluated in the data (no published Emax and ED50 were "
                     "found); use the proportional strategy (a percentage of the most recent dose) instead");
}

}  // namespace taper
