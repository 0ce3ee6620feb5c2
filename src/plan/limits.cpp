// The request's limits on one cut. See include/taper/plan/limits.hpp.
#include <taper/plan/limits.hpp>

#include <taper/units/access.hpp>

#include <algorithm>

namespace taper {

step_limits step_limits::of(const plan_request& request, const occupancy_model* model) {
    step_limits l;
    l.max_cut = request.max_step;
    l.max_cut_share = request.max_step_percent;
    l.max_cut_points = request.max_step_points;
    l.model = model;
    return l;
}

std::optional<mass> step_limits::floor_by_mass(mass previous) const {
    if (!max_cut) return std::nullopt;
    return previous - *max_cut;
}

std::optional<mass> step_limits::floor_by_share(mass previous) const {
    if (!max_cut_share) return std::nullopt;
    return previous * (1.0 - in(*max_cut_share, units::percent_of_dose) / 100.0);
}

std::optional<mass> step_limits::floor_by_points(occupancy_points previous) const {
    if (!max_cut_points || model == nullptr) return std::nullopt;
    const occupancy_points lowest = previous - *max_cut_points;
    return lowest > occupancy_points{} ? model->dose_for_occupancy(lowest) : mass{};
}

mass step_limits::floor(mass previous, bool share_applies) const {
    mass lo{};
    if (const auto f = floor_by_mass(previous)) lo = std::max(lo, *f);
    if (share_applies)
        if (const auto f = floor_by_share(previous)) lo = std::max(lo, *f);
    if (model != nullptr && previous > mass{})
        if (const auto f = floor_by_points(occupancy_at(previous))) lo = std::max(lo, *f);
    return lo;
}

bool step_limits::breaks_mass(mass previous, mass value, mass slack) const {
    return max_cut && previous - value > *max_cut + slack;
}

bool step_limits::breaks_share(mass previous, mass value, mass slack) const {
    return max_cut_share && previous - value > previous * (in(*max_cut_share, units::percent_of_dose) / 100.0) + slack;
}

bool step_limits::breaks_points(occupancy_points previous, occupancy_points value, occupancy_points slack) const {
    return max_cut_points && model != nullptr && previous - value > *max_cut_points + slack;
}

occupancy_points step_limits::occupancy_at(mass dose) const {
    return model->occupancy_percent(dose);
}

}  // namespace taper
