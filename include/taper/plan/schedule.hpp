#pragma once
// A dated reduction schedule: the output of planning.
#include <taper/plan/request.hpp>
#include <taper/plan/step.hpp>

#include <optional>
#include <string>
#include <vector>

namespace taper {

/// What the plan's doses are measured in.
enum class dose_basis {
    own_mg,      ///< mg of the drug itself
    diazepam_mg, ///< mg diazepam-equivalent (crossover plans)
};

std::string_view to_string(dose_basis b) noexcept;

struct schedule {
    std::string drug;
    std::string strategy;
    dose_basis basis = dose_basis::own_mg;
    mass start_dose;                    ///< daily, of the drug, as requested
    mass start_equivalent_dose;         ///< the same in the plan's basis
    std::optional<double> start_occupancy_percent;
    std::vector<timed_dose> start_split;
    std::string occupancy_model;        ///< id of the model used, empty if none
    std::string occupancy_receptor;
    std::string equivalence_table;      ///< for diazepam-basis plans
    date start{};
    std::vector<step> steps;
    std::vector<message> messages;      ///< about the plan as a whole
    /// Free text from strategies written in C, Python or Swift (strategy_text messages).
    std::vector<std::string> strategy_texts;
    std::string current_formulation;    ///< as requested (whole-unit warnings name it)

    date end() const { return steps.empty() ? start : steps.back().end(); }
    mass final_dose() const { return steps.empty() ? start_dose : steps.back().equivalent_daily_dose; }
};

}  // namespace taper
