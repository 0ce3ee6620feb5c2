#pragma once
// Linear: the same number of mg off at every step (sertraline 50 → 37.5 → 25 → 12.5 → 0).
//
// Kept as the contrast case many guidelines still show: equal mg steps are unequal in
// effect, and the last one (to zero) removes the most receptor occupancy of all.
// Body, options and schema: src/strategies/linear.cpp.
#include <taper/plan/strategy.hpp>

namespace taper {
class strategy_options;
struct strategy_definition;
}  // namespace taper

namespace taper::strategies {

struct linear {
    mass amount_per_step;  ///< mg (in the plan's basis) off at each step

    std::string_view name() const { return "linear"; }
    std::optional<target> next(const plan_context& ctx, std::span<const step> done) const;

    /// `steps` equal steps from the starting dose to zero.
    static linear in_steps(mass start, int steps);

    /// Throws strategy_error for an amount that is not more than 0 mg.
    void validate() const;
    /// By name: `amount`, the mg per step, is required; nothing else applies.
    static linear from_options(const strategy_options& options);
    /// Name, description, schema and factory, for the registry.
    static const strategy_definition& definition();
};

static_assert(Strategy<linear>);

}  // namespace taper::strategies
