// The request's limits applied to one reduce or stop target. See src/plan/planner_parts.hpp.
#include "planner_parts.hpp"

#include "../detail/number_text.hpp"

#include <taper/units/access.hpp>

#include <algorithm>

namespace taper::planning {
namespace {

constexpr double relative_eps = 1e-9;

bool about_equal(mass a, mass b) { return detail::nearly_equal(in(a, units::mg), in(b, units::mg)); }

/// The final dose is the last one before stopping: once there, stop; never step below it.
mass apply_final_dose(const cut_rules& rules, mass dose, mass previous, message_list& notes) {
    const plan_request& r = rules.request;
    if (r.final_dose && previous <= *r.final_dose * (1 + relative_eps)) {
        if (dose > rules.end_dose) notes.push_back(make_message(message_code::stopping_from_final_dose, {previous}));
        dose = rules.end_dose;
    } else if (r.final_dose && dose < *r.final_dose) {
        dose = *r.final_dose;
        notes.push_back(make_message(message_code::final_dose_before_stop, {dose}));
    }
    return std::max(dose, rules.end_dose);
}

// A target equal to the most recent dose is a hold the strategy asked for (a table's repeated
// row), not a change too small to be worth making: it stays a hold. The raised cut stops at
// the final dose, as it stops at the end dose: the final dose is the last one before
// stopping, so it is taken, not stepped over.
mass apply_min_change(const cut_rules& rules, mass dose, mass previous, message_list& notes) {
    const plan_request& r = rules.request;
    if (!(dose > rules.end_dose && previous - dose < r.min_change && !about_equal(dose, previous))) return dose;
    const bool final_ahead = r.final_dose && previous > *r.final_dose * (1 + relative_eps);
    const mass floor = final_ahead ? std::max(rules.end_dose, *r.final_dose) : rules.end_dose;
    const mass raised = std::max(floor, previous - r.min_change);
    if (raised < dose && !about_equal(raised, dose)) {
        dose = raised;
        if (final_ahead && about_equal(raised, *r.final_dose))
            notes.push_back(make_message(message_code::final_dose_by_min_change, {raised, r.min_change}));
        else
            notes.push_back(make_message(message_code::cut_raised_to_min_change, {r.min_change}));
    }
    return dose;
}

/// The request's maxima. Each one that bites says so on the step.
mass apply_maxima(const cut_rules& rules, mass dose, mass previous, std::optional<occupancy_points> occupancy_previous,
                  message_list& notes) {
    const plan_request& r = rules.request;
    const step_limits& limits = rules.limits;
    if (limits.breaks_mass(previous, dose)) {
        dose = *limits.floor_by_mass(previous);
        notes.push_back(make_message(message_code::cut_limited_by_max_step, {*r.max_step}));
    }
    // Before the % limit: a points limit can turn a stop to zero into a cut, which the %
    // limit then applies to.
    if (limits.max_cut_points && limits.model != nullptr) {
        const occupancy_points occ_prev = *occupancy_previous;
        if (limits.breaks_points(occ_prev, limits.occupancy_at(dose), 1e-12 * units::points)) {
            dose = *limits.floor_by_points(occ_prev);
            notes.push_back(make_message(message_code::cut_limited_by_max_points, {*r.max_step_points}));
        }
    }
    const bool stopping_to_zero = !(dose > mass{}) && !(rules.end_dose > mass{});
    if (!stopping_to_zero && limits.breaks_share(previous, dose)) {
        dose = *limits.floor_by_share(previous);
        notes.push_back(make_message(message_code::cut_limited_by_max_percent, {*r.max_step_percent}));
    }
    return dose;
}

}  // namespace

limited_target apply_limits(const cut_rules& rules, mass target_dose, step_phase phase, bool own_length,
                            mass previous, std::optional<occupancy_points> occupancy_previous,
                            message_list& notes) {
    mass dose = apply_final_dose(rules, target_dose, previous, notes);
    if (rules.pace.active && phase == step_phase::reduce && dose > rules.end_dose) {
        dose = previous - (previous - dose) * rules.pace.step_factor;
        notes.push_back(make_message(own_length ? message_code::paced_for_half_life_own_length
                                                : message_code::paced_for_half_life,
                                     {rules.pace.half_life}));
    }
    dose = apply_min_change(rules, dose, previous, notes);
    const mass min_change_target = dose;
    dose = apply_maxima(rules, dose, previous, occupancy_previous, notes);

    limited_target out{dose, step_phase::reduce};
    out.min_change_broken = dose > min_change_target && previous - dose < rules.request.min_change;
    if (dose <= rules.end_dose || about_equal(dose, rules.end_dose)) {
        out.dose = rules.end_dose;
        out.phase = step_phase::stop;
    } else if (about_equal(dose, previous)) {
        out.phase = step_phase::hold;
    }
    return out;
}

}  // namespace taper::planning
