#pragma once
// A dated reduction schedule: the output of planning, and everything later stages need of
// what made it. Realization, dispensing and the exporters take a schedule alone: they never
// ask again for the request, the drug or the database (docs/design.md, "One value per stage").
#include <taper/drugs/drug.hpp>
#include <taper/plan/request.hpp>
#include <taper/plan/step.hpp>

#include <memory>
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

/// How many basis mg one mg of a drug counts as: 1 for the tapered drug in its own mg; in a
/// crossover, each drug's diazepam-equivalent mg per mg, as the planner recorded it.
struct basis_factor {
    std::string drug;
    double per_mg = 1.0;
    friend bool operator==(const basis_factor&, const basis_factor&) = default;
};

struct schedule {
    std::string drug;
    std::string strategy;
    dose_basis basis = dose_basis::own_mg;
    mass start_dose;                    ///< daily, of the drug, as requested
    mass start_equivalent_dose;         ///< the same in the plan's basis
    std::optional<occupancy_points> start_occupancy_percent;  ///< occupancy at the start dose
    std::vector<timed_dose> start_split;
    std::string occupancy_model;        ///< id of the model used, empty if none
    std::string occupancy_receptor;
    std::string equivalence_table;      ///< for diazepam-basis plans
    date start{};
    std::vector<step> steps;
    std::vector<message> messages;      ///< about the plan as a whole
    /// Free text from strategies written in C, Python or Swift (strategy_text messages).
    std::vector<std::string> strategy_texts;

    /// The request as planned (validated): its limits, split, start, intervals, holds,
    /// final or maintenance dose and current formulation. Realization checks these limits.
    plan_request request;
    /// The drug planned (shared, not copied: database::share). Realization reads its
    /// formulations and occupancy model from here. Null only in a schedule made by hand.
    std::shared_ptr<const taper::drug> subject;
    /// The factor of every drug in the dose lines, as the planner used it (see basis_factor).
    std::vector<basis_factor> basis_factors;
    /// The other drugs the dose lines name (a crossover's diazepam), shared like `subject`, so
    /// that exporters can code them (FHIR). Empty in a one-drug plan or one made by hand.
    std::vector<std::shared_ptr<const taper::drug>> line_drugs;

    /// The recorded factor of `drug_name` (exact name, then any case), if there is one.
    std::optional<double> factor_of(std::string_view drug_name) const;

    date end() const { return steps.empty() ? start : steps.back().end(); }
    mass final_dose() const { return steps.empty() ? start_dose : steps.back().equivalent_daily_dose; }
};

}  // namespace taper
