// Warnings on a finished step. See src/plan/planner_parts.hpp.
#include "planner_parts.hpp"

#include <taper/forms/whole_units.hpp>
#include <taper/plan/abrupt_stop.hpp>
#include <taper/units/access.hpp>

#include <algorithm>

namespace taper::planning {
namespace {

// --- class guidance on pace -------------------------------------------------------------

struct pace_rule {
    percent max_share;             // of the most recent dose
    occupancy_points max_points;   // where the drug has a model; 0: no points rule
    double per_days;
    pace_guidance guidance;        // its text: src/messages/text.cpp
};

std::optional<pace_rule> pace_rule_for(drug_class c) {
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

// Stopping to zero from a large share of the start: the shared rule (plan/abrupt_stop.hpp).
std::optional<message> abrupt_stop_warning(const drug& d, const step& s, mass previous, mass start) {
    if (s.phase != step_phase::stop || s.equivalent_daily_dose > mass{}) return std::nullopt;
    return taper::abrupt_stop_warning(d.klass, previous, start, message_code::abrupt_stop,
                                      message_code::abrupt_stop_seizure_risk);
}

std::optional<message> pace_warning(const drug& d, const step& s, mass previous) {
    const auto rule = pace_rule_for(d.klass);
    if (!rule || !(previous > mass{})) return std::nullopt;
    // The stop step counts too: a linear taper's last step is its largest drop in effect.
    // Only a stop to zero measured in % is exempt (it is always 100% of the dose).
    const bool stop_to_zero = s.phase == step_phase::stop && !(s.equivalent_daily_dose > mass{});
    const bool in_points = s.change_points && rule->max_points > occupancy_points{};
    if ((s.phase != step_phase::reduce && s.phase != step_phase::stop) || (stop_to_zero && !in_points))
        return std::nullopt;
    // Per the guidance's period. A step longer than the period earns no credit: a single
    // cut happens on one day, so one 50% cut followed by eight weeks' rest is still 50% in
    // two weeks. Shorter steps add up (two 20% cuts a week apart count as 40% per two weeks).
    const double scale = std::max(1.0, rule->per_days / in(s.length, units::day));
    if (in_points) {
        if (in(*s.change_points, units::points) * scale <= in(rule->max_points, units::points) + 1e-9)
            return std::nullopt;
        return make_message(message_code::faster_than_guidance_points, {*s.change_points, s.length, rule->guidance});
    }
    const double fraction = s.change / previous;
    if (fraction * scale <= in(rule->max_share, units::fraction) + 1e-9) return std::nullopt;
    return make_message(message_code::faster_than_guidance_share,
                        {percent{fraction * units::fraction}, s.length, rule->guidance});
}

// --- forms taken whole ------------------------------------------------------------------

/// Why a form the planner cannot divide is whole-units only, for warnings.
whole_unit_reason whole_units_reason(const formulation& f) {
    if (f.modified_release.known() && *f.modified_release) return whole_unit_reason::modified_release;
    if (f.enteric_coated.known() && *f.enteric_coated) return whole_unit_reason::enteric_coated;
    if (f.kind == form_kind::tablet) return whole_unit_reason::not_known_splittable;
    return whole_unit_reason::cannot_split;
}

/// What is taken whole; bead capsules may be opened and the beads counted.
whole_unit_form whole_units_form(const formulation& f) {
    if (f.kind == form_kind::tablet) return whole_unit_form::tablet;
    return f.kind == form_kind::beads ? whole_unit_form::bead_capsule : whole_unit_form::capsule;
}

std::optional<message> whole_units_warning(const step& s, const drug& d, const formulation& f) {
    for (std::size_t i = 0; i < s.doses.size(); ++i) {
        const auto& line = s.doses[i];
        if (line.drug == d.name && !whole_units_make(line.amount, *f.unit_strengths))
            return make_message(message_code::whole_units_cannot_make,
                                {whole_units_reason(f), whole_units_form(f), line.amount, parameter::dose_time(i)});
    }
    return std::nullopt;
}

}  // namespace

void add_step_warnings(step& s, const drug& d, mass previous, mass meaningful_previous, mass start,
                       const formulation* whole_units_only) {
    if (auto w = pace_warning(d, s, previous)) s.messages.push_back(*w);
    if (auto w = abrupt_stop_warning(d, s, meaningful_previous, start)) s.messages.push_back(*w);
    if (whole_units_only != nullptr && whole_units_only->unit_strengths)
        if (auto w = whole_units_warning(s, d, *whole_units_only)) s.messages.push_back(*w);
}

std::optional<message> whole_units_unknown_message(const formulation& f) {
    if (f.unit_strengths) return std::nullopt;
    return make_message(message_code::whole_units_strengths_unknown, {whole_units_reason(f), whole_units_form(f)});
}

}  // namespace taper::planning
