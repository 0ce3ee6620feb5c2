#pragma once
// The class guidance on pace, shared by the planner (on the planned doses) and realization (on
// the doses as taken, after rounding to what the forms on hand make): a cut larger than the
// class's share of the most recent dose, or than its occupancy points, within the guidance's
// period is warned. docs/safety.md lists the rule and docs/messages.md the guidance texts.
#include <taper/drugs/drug.hpp>
#include <taper/messages/message.hpp>
#include <taper/plan/step.hpp>
#include <taper/units/access.hpp>

#include <algorithm>
#include <optional>

namespace taper {

struct pace_rule {
    percent max_share;            ///< of the most recent dose
    occupancy_points max_points;  ///< where the drug has a model; 0: no points rule
    double per_days;              ///< the guidance's period
    pace_guidance guidance;       ///< its text: src/messages/text.cpp
};

/// The class's guidance, or nullopt for a class without one in the library.
inline std::optional<pace_rule> pace_rule_for(drug_class c) {
    const percent quarter = 25.0 * units::percent_of_dose;
    switch (c) {
        case drug_class::benzodiazepine:
        case drug_class::z_drug:
            return pace_rule{quarter, 0.0 * units::points, 14, pace_guidance::benzodiazepines};
        case drug_class::ssri:
        case drug_class::snri:
        case drug_class::serotonin_modulator:
        case drug_class::nassa:
        case drug_class::tricyclic:
        case drug_class::maoi:
        case drug_class::atypical_antidepressant:
            // NICE NG222 1.9's advice on stopping covers every antidepressant.
            return pace_rule{quarter, 10.0 * units::points, 14, pace_guidance::antidepressants};
        case drug_class::antipsychotic:
            return pace_rule{quarter, 10.0 * units::points, 91, pace_guidance::antipsychotics};
        // No pace rule of their own in the library yet: their guidance is in the drugs'
        // cautions (NICE CG185 on lithium, MHRA on gabapentinoids, the anticonvulsants' SmPCs).
        case drug_class::mood_stabilizer:
        case drug_class::gabapentinoid:
        case drug_class::other: return std::nullopt;
    }
    return std::nullopt;
}

/// One cut as the pace rule sees it.
struct pace_cut {
    step_phase phase;
    mass previous;                                 ///< the dose before the cut
    mass now;                                      ///< the dose after it
    std::optional<occupancy_points> change_points; ///< own-mg plans with a model
    duration length;                               ///< how long the dose after the cut is kept
};

/// The warning (`share_code` or `points_code`, with the share or points, the length and the
/// guidance) when the cut is faster than the class's guidance; nullopt otherwise.
inline std::optional<message> pace_warning(drug_class c, const pace_cut& cut, message_code share_code,
                                           message_code points_code) {
    const auto rule = pace_rule_for(c);
    if (!rule || !(cut.previous > mass{})) return std::nullopt;
    // The stop step counts too: a linear taper's last step is its largest drop in effect.
    // Only a stop to zero measured in % is exempt (it is always 100% of the dose).
    const bool stop_to_zero = cut.phase == step_phase::stop && !(cut.now > mass{});
    const bool in_points = cut.change_points && rule->max_points > occupancy_points{};
    if ((cut.phase != step_phase::reduce && cut.phase != step_phase::stop) || (stop_to_zero && !in_points))
        return std::nullopt;
    // Per the guidance's period. A step longer than the period earns no credit: a single
    // cut happens on one day, so one 50% cut followed by eight weeks' rest is still 50% in
    // two weeks. Shorter steps add up (two 20% cuts a week apart count as 40% per two weeks).
    // A stop is the last cut: no cut follows it within the period, so it is judged as it is
    // (the antipsychotic preset's last cut of about 5.6 points was flagged because the stop
    // row is shorter than its 91-day steps, issue 10).
    const double scale =
        cut.phase == step_phase::stop ? 1.0 : std::max(1.0, rule->per_days / in(cut.length, units::day));
    if (in_points) {
        if (in(*cut.change_points, units::points) * scale <= in(rule->max_points, units::points) + 1e-9)
            return std::nullopt;
        return make_message(points_code, {*cut.change_points, cut.length, rule->guidance});
    }
    const double fraction = (cut.previous - cut.now) / cut.previous;
    if (fraction * scale <= in(rule->max_share, units::fraction) + 1e-9) return std::nullopt;
    return make_message(share_code, {percent{fraction * units::fraction}, cut.length, rule->guidance});
}

}  // namespace taper
