// The entry points of realization: a whole schedule (realize_schedule.hpp) or one dose (the
// engine, realizer.hpp). See include/taper/forms/realize.hpp and docs/realization.md.
#include <taper/forms/realize.hpp>

#include "realize_schedule.hpp"
#include "../detail/input_range.hpp"

#include <algorithm>

namespace taper {

using forms_detail::engine;
using forms_detail::num;

dose_recipe realize_dose(mass target_dose, const std::vector<available_form>& on_hand, const realization_options& options) {
    const double goal = in(target_dose, units::mg);
    if (!std::isfinite(goal) || goal < 0)
        throw plan_error("realize dose: the target must be 0 mg or more, not " + num(goal) + " mg");
    detail::require_in_range(goal, 0, detail::max_dose_mg, "realize dose: target", "mg");
    engine e(on_hand, options, goal);
    auto c = e.best(goal, 0, forms_detail::infinity, 0);
    dose_recipe r = e.recipe(*c, goal);
    if (!on_hand.empty() && std::all_of(on_hand.begin(), on_hand.end(), [&](const available_form& f) {
            return forms_detail::same_drug(f.drug, on_hand.front().drug);
        }))
        r.drug = on_hand.front().drug;
    return r;
}

realized_schedule realize(const schedule& plan, std::vector<available_form> on_hand,
                          const realization_options& options) {
    realized_schedule out = forms_detail::schedule_realizer(plan, on_hand, options).run();
    out.forms = std::move(on_hand);
    out.options = options;
    return out;
}

}  // namespace taper
