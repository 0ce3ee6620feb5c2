// Half-life pacing. See src/plan/planner_parts.hpp and docs/schedule-engine.md.
#include "planner_parts.hpp"

#include <taper/units/access.hpp>

#include <algorithm>

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

// What the half-life means for the plan, said once on the plan. A cut takes about five
// half-lives to reach its full effect (steady state), so with a half-life of a week or more
// (fluoxetine with norfluoxetine) withdrawal can show weeks after a cut and close steps add up;
// with one of a day or less (paroxetine, venlafaxine) it comes within days, and NICE NG222
// 1.4.17 asks for a slower taper. docs/safety.md, rule "half-life".
void add_half_life_notes(const drug& d, const plan_request& r, dose_basis basis, std::vector<message>& plan_messages) {
    if (!d.half_life.parent) return;
    hours longest = d.half_life.parent->longest;
    if (d.half_life.metabolite && d.half_life.metabolite->range)
        longest = std::max(longest, d.half_life.metabolite->range->longest);
    if (in(longest, units::hour) >= 168.0) {
        plan_messages.push_back(make_message(message_code::long_half_life, {longest}));
        return;
    }
    if (!r.half_life_pacing && basis == dose_basis::own_mg && in(d.half_life.parent->longest, units::hour) <= 24.0)
        plan_messages.push_back(make_message(message_code::short_half_life_unpaced, {d.half_life.parent->longest}));
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
