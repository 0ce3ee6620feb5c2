// Half-life pacing. See src/plan/planner_parts.hpp and docs/schedule-engine.md.
#include "planner_parts.hpp"

#include <taper/units/access.hpp>

namespace taper::planning {

// Short half-life drugs (about a day or less) give faster, stronger withdrawal: steps 1.5×
// longer and cuts 0.75× as large. The reference gives the direction, not numbers; these
// factors are the library's conservative choice (docs/schedule-engine.md).
pacing pacing_for(const drug& d, const plan_request& r, std::vector<message>& plan_messages) {
    pacing p;
    if (!r.half_life_pacing) return p;
    if (!d.half_life.parent) {
        plan_messages.push_back(make_message(message_code::pacing_half_life_unknown));
        return p;
    }
    const hours longest = d.half_life.parent->longest;
    if (in(longest, units::hour) > 24.0) {
        plan_messages.push_back(make_message(message_code::pacing_half_life_not_short, {longest}));
        return p;
    }
    p.active = true;
    p.interval_factor = 1.5;
    p.step_factor = 0.75;
    p.half_life = longest;
    return p;
}

// Once switched, the person takes diazepam: its half-life sets the pace, not the original
// drug's (the reason for the crossover is diazepam's long one).
void end_pacing_after_switch(const database& db, pacing& pace, std::vector<message>& plan_messages) {
    if (!pace.active) return;
    const drug* diazepam = db.find("diazepam");
    if (diazepam == nullptr || !diazepam->half_life.parent) return;
    const hours longest = diazepam->half_life.parent->longest;
    if (!(in(longest, units::hour) > 24.0)) return;
    pace = pacing{};
    plan_messages.push_back(make_message(message_code::pacing_after_switch_to_diazepam, {longest}));
}

}  // namespace taper::planning
