// Warnings on a finished step: the whole-unit forms' (the rest is inline in
// src/plan/planner_parts.hpp, add_step_warnings).
#include "planner_parts.hpp"

#include <taper/forms/whole_units.hpp>
#include <taper/units/access.hpp>

#include <algorithm>

namespace taper::planning {
namespace {

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

}  // namespace

std::optional<message> whole_units_warning(const step& s, const drug& d, const formulation& f) {
    for (std::size_t i = 0; i < s.doses.size(); ++i) {
        const auto& line = s.doses[i];
        if (line.drug == d.name && !whole_units_make(line.amount, *f.unit_strengths))
            return make_message(message_code::whole_units_cannot_make,
                                {whole_units_reason(f), whole_units_form(f), line.amount, parameter::dose_time(i)});
    }
    return std::nullopt;
}

std::optional<message> whole_units_unknown_message(const formulation& f) {
    if (f.unit_strengths) return std::nullopt;
    return make_message(message_code::whole_units_strengths_unknown, {whole_units_reason(f), whole_units_form(f)});
}

}  // namespace taper::planning
