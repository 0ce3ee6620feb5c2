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
    // The one copy of the plan: the realization keeps it, and its steps refer to its steps.
    return realize(std::make_shared<const schedule>(plan), std::move(on_hand), options);
}

realized_schedule realize(std::shared_ptr<const schedule> plan, std::vector<available_form> on_hand,
                          const realization_options& options) {
    if (plan == nullptr) throw plan_error("realize: no schedule (a null plan)");
    realized_schedule out = forms_detail::schedule_realizer(std::move(plan), on_hand, options).run();
    out.forms = std::move(on_hand);
    out.options = options;
    return out;
}

const step& realized_step::no_planned_step() {
    static const step none{};
    return none;
}

void realized_step::set_planned(step s) {
    planned_ = std::make_shared<step>(std::move(s));  // non-const: planned_to_change may change it
    own_planned_ = true;
}

void realized_step::share_planned(std::shared_ptr<const step> s) {
    planned_ = std::move(s);
    own_planned_ = false;
}

step& realized_step::planned_to_change() {
    // Changed in place only when no other value refers to it (a copy of this realized_step
    // shares it until then). The const_cast is sound: an own step is made non-const by
    // set_planned's make_shared.
    if (!own_planned_ || planned_.use_count() != 1) set_planned(planned());
    return const_cast<step&>(*planned_);
}

const schedule& realized_schedule::no_plan() {
    static const schedule none{};
    return none;
}

void realized_schedule::set_plan(schedule s) { plan_ = std::make_shared<const schedule>(std::move(s)); }

void realized_schedule::share_plan(std::shared_ptr<const schedule> s) { plan_ = std::move(s); }

}  // namespace taper
