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

/// Whether stopping straight from `previous` to the end dose keeps the request's maxima.
bool stop_keeps_limits(const cut_rules& rules, mass previous, std::optional<occupancy_points> occupancy_previous) {
    const step_limits& limits = rules.limits;
    const mass end = rules.end_dose;
    if (limits.breaks_mass(previous, end)) return false;
    if (limits.max_cut_points && limits.model != nullptr &&
        limits.breaks_points(*occupancy_previous, limits.occupancy_at(end), 1e-12 * units::points))
        return false;
    return !(end > mass{} && limits.breaks_share(previous, end));
}

/// A remnant is merged into the stop; where a limit forbids that stop, what is left is cut in
/// two equal halves (in occupancy points when the points limit is what bit), so that neither
/// cut breaks the limit and no step is meaningless.
mass settle_remnant(const cut_rules& rules, mass dose, mass previous, std::optional<occupancy_points> occupancy_previous,
                    message_list& notes) {
    if (!is_remnant(rules, dose, previous)) return dose;
    if (stop_keeps_limits(rules, previous, occupancy_previous)) {
        notes.push_back(make_message(message_code::remnant_merged_into_stop, {dose}));
        return rules.end_dose;
    }
    const step_limits& limits = rules.limits;
    const mass end = rules.end_dose;
    mass half = end + (previous - end) / 2.0;
    if (limits.max_cut_points && limits.model != nullptr &&
        limits.breaks_points(*occupancy_previous, limits.occupancy_at(end), 1e-12 * units::points)) {
        const occupancy_points middle = (*occupancy_previous + limits.occupancy_at(end)) / 2.0;
        half = std::max(end, limits.model->dose_for_occupancy(middle));
    }
    // Both halves must keep every limit; if they cannot, the remnant stays (and is flagged).
    const bool first_ok = !limits.breaks_mass(previous, half) && !limits.breaks_share(previous, half) &&
                          !(limits.max_cut_points && limits.model != nullptr &&
                            limits.breaks_points(*occupancy_previous, limits.occupancy_at(half), 1e-9 * units::points));
    if (!first_ok) {
        notes.push_back(make_message(message_code::remnant_step, {dose}));
        return dose;
    }
    notes.push_back(make_message(message_code::remainder_cut_in_halves, {dose}));
    return half;
}

/// Half-life pacing makes the strategy's cut smaller. A strategy note that states its target as
/// a number (an occupancy, a share of the dose) is restated for the paced dose, so that the
/// step's notes never give the unpaced target (issue 10).
mass apply_pacing(const cut_rules& rules, mass dose, mass previous, bool own_length, message_list& notes) {
    const mass paced = previous - (previous - dose) * rules.pace.step_factor;
    for (auto& note : notes) {
        if (note.code == message_code::target_occupancy && rules.limits.model != nullptr)
            note = make_message(message_code::target_occupancy, {rules.limits.occupancy_at(paced)});
        else if (note.code == message_code::cut_share_of_recent && previous > mass{}) {
            const double share = (previous - paced) / previous;
            note = make_message(message_code::cut_share_of_recent, {percent{share * units::fraction}});
        }
    }
    notes.push_back(make_message(own_length ? message_code::paced_for_half_life_own_length
                                            : message_code::paced_for_half_life,
                                 {rules.pace.half_life}));
    return paced;
}

/// Removes the notes with `code` (a note the later limits made untrue).
void drop_notes(message_list& notes, message_code code) {
    notes.erase(std::remove_if(notes.begin(), notes.end(), [code](const message& m) { return m.code == code; }),
                notes.end());
}

}  // namespace

limited_target apply_limits(const cut_rules& rules, mass target_dose, step_phase phase, bool own_length,
                            mass previous, std::optional<occupancy_points> occupancy_previous,
                            message_list& notes) {
    const plan_request& r = rules.request;
    // At (or below) the person's final dose the next step is the stop from it: the final dose
    // is the last one before stopping, so no limit moves that stop below it (issue 10: with a
    // maximum cut the plan used to go on below the final dose). A stop that breaks a maximum
    // is warned instead.
    if (r.final_dose && previous <= *r.final_dose * (1 + relative_eps) && previous > rules.end_dose) {
        const mass dose = apply_final_dose(rules, target_dose, previous, notes);
        if (dose <= rules.end_dose || about_equal(dose, rules.end_dose)) {
            message_list ignored;
            if (!about_equal(apply_maxima(rules, rules.end_dose, previous, occupancy_previous, ignored), rules.end_dose))
                notes.push_back(make_message(message_code::stop_from_final_dose_over_limit, {previous}));
            return limited_target{rules.end_dose, step_phase::stop};
        }
    }
    mass dose = target_dose;
    // Pacing first, then the final dose: a paced cut that stays above the final dose is not
    // "the final dose before stopping" (the note used to sit on steps at 1.45 mg with a final
    // dose of 0.9375 mg).
    if (rules.pace.active && phase == step_phase::reduce && dose > rules.end_dose)
        dose = apply_pacing(rules, dose, previous, own_length, notes);
    // Each limit's own step only when the request sets it (this runs on every step, and most
    // requests set none). Without a final dose apply_final_dose only keeps the end dose; with
    // no minimum change (0 mg, never negative: planner_request.cpp) apply_min_change never
    // raises a cut, as no target is above the most recent dose (check_target).
    dose = r.final_dose ? apply_final_dose(rules, dose, previous, notes) : std::max(dose, rules.end_dose);
    if (r.min_change > mass{}) dose = apply_min_change(rules, dose, previous, notes);
    const mass min_change_target = dose;
    const step_limits& limits = rules.limits;
    if (limits.max_cut || limits.max_cut_share || limits.max_cut_points)
        dose = apply_maxima(rules, dose, previous, occupancy_previous, notes);
    dose = settle_remnant(rules, dose, previous, occupancy_previous, notes);
    // A maximum that raised the dose above the final dose leaves the final dose for later.
    if (r.final_dose && !about_equal(dose, *r.final_dose)) drop_notes(notes, message_code::final_dose_before_stop);

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
