#pragma once
// Linear: the same number of mg off at every step (sertraline 50 → 37.5 → 25 → 12.5 → 0).
//
// Kept as the contrast case many guidelines still show: equal mg steps are unequal in
// effect, and the last one (to zero) removes the most receptor occupancy of all.
#include <taper/detail/strategy_options.hpp>
#include <taper/error.hpp>
#include <taper/plan/registry.hpp>
#include <taper/plan/strategy.hpp>
#include <taper/units/io.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace taper::strategies {

struct linear {
    mass amount_per_step;  ///< mg (in the plan's basis) off at each step

    std::string_view name() const { return "linear"; }

    std::optional<target> next(const plan_context& ctx, std::span<const step> done) const {
        if (!(amount_per_step.value() > 0) || !std::isfinite(amount_per_step.value()))
            throw plan_error("linear strategy: the amount per step must be more than 0 mg, not " +
                             to_string(amount_per_step));
        const mass latest = ctx.latest(done, ctx.start_dose());
        if (latest.value() <= 0) return std::nullopt;
        target t;  // (not a designated initializer: GCC 12 warns about the members left out)
        t.daily_dose = std::max(latest - amount_per_step, from_value<mass>(0));
        return t;
    }

    /// `steps` equal steps from the starting dose to zero.
    static linear in_steps(mass start, int steps) {
        if (steps < 1) throw plan_error("linear strategy: expected at least 1 step, not " + std::to_string(steps));
        return linear{start / static_cast<double>(steps)};
    }

    /// By name (registry): `amount`, the mg per step, is required; nothing else applies.
    static linear from_options(const strategy_options& o) {
        detail::accept_only(o, "linear", {"amount"});
        if (!o.amount)
            throw strategy_error("linear strategy: needs the amount per step in mg (option \"amount\", e.g. 2.5 mg)");
        if (!std::isfinite(o.amount->value()) || o.amount->value() <= 0)
            throw strategy_error("linear strategy: the amount per step must be more than 0 mg, not " +
                                 to_string(*o.amount));
        return linear{*o.amount};
    }
};

static_assert(Strategy<linear>);

}  // namespace taper::strategies
