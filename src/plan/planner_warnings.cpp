// Warnings on a finished step. See src/plan/planner_parts.hpp.
#include "planner_parts.hpp"

#include <taper/forms/whole_units.hpp>
#include <taper/plan/abrupt_stop.hpp>
#include <taper/plan/pace_guidance.hpp>
#include <taper/units/access.hpp>

#include <algorithm>

namespace taper::planning {
namespace {

// Stopping to zero from a large share of the start: the shared rule (plan/abrupt_stop.hpp).
std::optional<message> abrupt_stop_warning(const drug& d, const step& s, mass previous, mass start, mass gentle) {
    if (s.phase != step_phase::stop || s.equivalent_daily_dose > mass{}) return std::nullopt;
    return taper::abrupt_stop_warning(d.klass, previous, start, message_code::abrupt_stop,
                                      message_code::abrupt_stop_seizure_risk, gentle);
}

std::optional<message> pace_warning(const drug& d, const step& s, mass previous) {
    return taper::pace_warning(d.klass, pace_cut{s.phase, previous, s.equivalent_daily_dose, s.change_points, s.length},
                               message_code::faster_than_guidance_share, message_code::faster_than_guidance_points);
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
                       const formulation* whole_units_only, mass gentle_stop) {
    if (auto w = pace_warning(d, s, previous)) s.messages.push_back(*w);
    if (auto w = abrupt_stop_warning(d, s, meaningful_previous, start, gentle_stop)) s.messages.push_back(*w);
    if (whole_units_only != nullptr && whole_units_only->unit_strengths)
        if (auto w = whole_units_warning(s, d, *whole_units_only)) s.messages.push_back(*w);
}

std::optional<message> whole_units_unknown_message(const formulation& f) {
    if (f.unit_strengths) return std::nullopt;
    return make_message(message_code::whole_units_strengths_unknown, {whole_units_reason(f), whole_units_form(f)});
}

}  // namespace taper::planning
