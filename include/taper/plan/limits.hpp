#pragma once
// The request's limits on one cut, defined once: the planner applies them to each target,
// and realization checks them again on the doses as taken (after rounding to tablets and
// syringe marks). Each limit gives the lowest dose it allows after the most recent one
// (its floor) and says whether a cut breaks it, with a slack the caller chooses: none when
// planning, the rounding noise of the dose when checking what was realized.
//
//   const auto limits = taper::step_limits::of(plan.request, model);
//   if (limits.breaks_mass(previous, dose)) dose = *limits.floor_by_mass(previous);
#include <taper/drugs/occupancy_model.hpp>
#include <taper/plan/request.hpp>
#include <taper/units/proportions.hpp>
#include <taper/units/quantities.hpp>

#include <optional>

namespace taper {

struct step_limits {
    std::optional<mass> max_cut;                      ///< the largest cut in mg (basis mg)
    std::optional<percent> max_cut_share;             ///< the largest cut, share of the most recent dose
    std::optional<occupancy_points> max_cut_points;   ///< the largest cut in occupancy points
    /// The model occupancy is measured with; nullptr: the points limit does not apply (no
    /// model, or a plan in diazepam-equivalent mg).
    const occupancy_model* model = nullptr;

    /// The limits of a request, with the model of the plan's own-mg doses (or nullptr).
    static step_limits of(const plan_request& request, const occupancy_model* model);

    /// The lowest dose each limit allows after `previous`; nullopt when it is not set.
    std::optional<mass> floor_by_mass(mass previous) const;
    std::optional<mass> floor_by_share(mass previous) const;
    /// From the occupancy at the most recent dose; 0 mg when the limit reaches below 0%.
    std::optional<mass> floor_by_points(occupancy_points previous) const;
    /// The highest of the floors. `share_applies` false for a stop to zero, which is always
    /// 100% of the dose (the share limit does not forbid stopping).
    mass floor(mass previous, bool share_applies) const;

    /// Whether the cut from `previous` to `value` is larger than a limit allows by more than
    /// `slack`. False when the limit is not set (or, for points, when there is no model).
    bool breaks_mass(mass previous, mass value, mass slack = mass{}) const;
    bool breaks_share(mass previous, mass value, mass slack = mass{}) const;
    bool breaks_points(occupancy_points previous, occupancy_points value, occupancy_points slack) const;

    /// Occupancy at a dose by the limits' model (which must be set).
    occupancy_points occupancy_at(mass dose) const;
};

}  // namespace taper
