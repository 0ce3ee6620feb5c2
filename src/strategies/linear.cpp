// The linear strategy: see include/taper/strategies/linear.hpp.
#include <taper/strategies/linear.hpp>

#include <taper/error.hpp>
#include <taper/plan/strategy_definition.hpp>
#include <taper/units/access.hpp>
#include <taper/units/io.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace taper::strategies {

std::optional<target> linear::next(const plan_context& ctx, std::span<const step> done) const {
    const mass latest = ctx.latest(done, ctx.start_dose());
    if (!(in(latest, units::mg) > 0)) return std::nullopt;
    target t;  // (not a designated initializer: GCC 12 warns about the members left out)
    t.daily_dose = std::max(latest - amount_per_step, 0.0 * units::mg);
    return t;
}

linear linear::in_steps(mass start, int steps) {
    if (steps < 1) throw plan_error("linear strategy: expected at least 1 step, not " + std::to_string(steps));
    return linear{start / static_cast<double>(steps)};
}

void linear::validate() const {
    const double mg = in(amount_per_step, units::mg);
    if (!(mg > 0) || !std::isfinite(mg))
        throw strategy_error("linear strategy: the amount per step must be more than 0 mg, not " +
                                 to_string(amount_per_step),
                             option_detail("amount", to_string(amount_per_step), "more than 0 mg"));
}

linear linear::from_options(const strategy_options& given) {
    const strategy_options o = resolve_options(definition().schema, "linear", given);
    linear l{*o.get<mass>("amount")};
    l.validate();
    return l;
}

const strategy_definition& linear::definition() {
    static const strategy_definition d{
        "linear",
        "The same amount off at every step; the contrast case many guidelines still show.",
        {.options = {{.name = "amount",
                      .kind = option_kind::milligrams,
                      .description = "mg off at every step",
                      .required = true,
                      .minimum = option_bound{0.0 * units::mg, false},
                      .role = option_role::step_size}}},
        [](const strategy_options& o) -> any_strategy { return from_options(o); }};
    return d;
}

}  // namespace taper::strategies
