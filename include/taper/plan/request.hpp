#pragma once
// What a person asks for: the drug, the dose they take now and how, when to start, and the
// limits the schedule must respect.
#include <taper/plan/calendar.hpp>
#include <taper/plan/step.hpp>
#include <taper/units/quantities.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace taper {

/// One dose-time of the day: "morning" 1 mg.
struct timed_dose {
    std::string time;
    mass amount;
    friend bool operator==(const timed_dose&, const timed_dose&) = default;
};

/// Stay on the dose of step `after_step` (1-based) for an extra `length` before going on.
struct hold {
    int after_step = 1;
    duration length;
};

/// What the request's doses and dose limits (final dose, maintenance, maximum cut in mg,
/// smallest change) are measured in. A person names a drug and means its milligrams, so a
/// crossover converts them into the plan's diazepam-equivalent mg with the plan's own factor
/// (issue 10: "--until 0.5mg" of alprazolam is 0.5 mg alprazolam, not 0.5 mg diazepam).
enum class limit_basis {
    named_drug,  ///< mg of the drug the request names (the default)
    plan_basis,  ///< mg of the plan's basis: diazepam-equivalent mg in a crossover
};

struct plan_request {
    std::string drug;                  ///< name, alias or brand
    mass daily_dose;                   ///< what is taken per day now
    std::vector<timed_dose> split;     ///< how it is split across the day; empty = once daily
    date start{};                      ///< first day of step 1
    duration interval = 28.0 * units::day;  ///< length of each step
    std::map<step_phase, duration> phase_interval; ///< per-phase lengths, e.g. switch steps

    // Limits. Measured in the named drug's mg unless `limits_in` says the plan's basis; a
    // crossover converts them to diazepam-equivalent mg (the schedule's snapshot of the
    // request holds the converted values, with limits_in = plan_basis).
    std::optional<mass> max_step;              ///< largest cut per step, in mg
    std::optional<percent> max_step_percent;   ///< largest cut, share of the most recent dose
    std::optional<occupancy_points> max_step_points;  ///< largest cut in receptor-occupancy points
    mass min_change = 0.0 * units::mg;         ///< a smaller change is not worth a step
    std::optional<mass> final_dose;            ///< the last dose before stopping
    mass maintenance = 0.0 * units::mg;        ///< end on this dose instead of stopping
    limit_basis limits_in = limit_basis::named_drug;  ///< what the mg limits above are in
    std::optional<int> max_steps;              ///< the plan must finish within this many steps
    std::optional<duration> max_duration;      ///< ... or within this long
    std::vector<hold> holds;
    bool half_life_pacing = false;             ///< slower, smaller steps for short half-lives

    std::string occupancy_model;               ///< model id; empty = the drug's default
    std::string equivalence_table = "ashton";  ///< for diazepam equivalents
    std::string current_formulation;           ///< formulation id in use (split warnings)
};

}  // namespace taper
