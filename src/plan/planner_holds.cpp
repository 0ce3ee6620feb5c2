// The holds a request asks for. See src/plan/planner_parts.hpp.
#include "planner_parts.hpp"

#include "../detail/number_text.hpp"

#include <taper/units/access.hpp>

#include <algorithm>
#include <cmath>

namespace taper::planning {

// Holds follow the schedule's own numbering (holds included), so a hold may follow a hold,
// and the order they are given in does not matter (one per step: validated).
void hold_tracker::place_after_last(step_writer& steps) {
    while (!holds_.empty()) {
        const int after = steps.last().number;
        const auto h = std::find_if(holds_.begin(), holds_.end(), [&](const hold& x) { return x.after_step == after; });
        if (h == holds_.end()) return;
        placed_[static_cast<std::size_t>(h - holds_.begin())] = true;
        const date start = steps.last().end();
        step& held = steps.repeat_last();
        held.number = static_cast<int>(steps.count());
        held.phase = step_phase::hold;
        held.start = start;
        held.length = std::max(1.0, detail::round_half_away(in(h->length, units::day))) * units::day;
        held.change = mass{};
        held.change_percent = percent{};
        if (held.change_points) held.change_points = occupancy_points{};
        // The dose is unchanged, so what is true of the dose itself stays said: a dose the
        // current whole-unit form cannot make (a modified-release capsule) is still one on the
        // hold (issue 10). The notes about the cut do not apply to a hold.
        held.messages.erase(std::remove_if(held.messages.begin(), held.messages.end(),
                                           [](const message& m) { return m.code != message_code::whole_units_cannot_make; }),
                            held.messages.end());
        held.messages.insert(held.messages.begin(), make_message(message_code::hold_step));
    }
}

// A hold that never came is said, not dropped: after the last step, or past the end.
void hold_tracker::report_missing(std::size_t step_count, std::vector<message>& plan_messages) const {
    for (std::size_t i = 0; i < holds_.size(); ++i) {
        if (placed_[i]) continue;
        const auto n = static_cast<std::size_t>(holds_[i].after_step);
        plan_messages.push_back(n > step_count ? make_message(message_code::hold_after_missing_step,
                                                              {parameter::count(n), parameter::count(step_count)})
                                               : make_message(message_code::hold_after_last_step, {parameter::count(n)}));
    }
}

}  // namespace taper::planning
