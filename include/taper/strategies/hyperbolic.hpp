#pragma once
// Hyperbolic: equal steps of receptor occupancy (Horowitz & Taylor, Lancet Psychiatry 2019).
//
// Occupancy follows occ = Emax·D/(ED50 + D), so equal occupancy steps mean mg steps that
// shrink as the dose falls, reaching doses far below the smallest tablet. Each target is
// the dose whose occupancy is `points` below the most recent step's:
//     D_next = ED50·occ_next / (Emax − occ_next),   occ_next = occ(D_latest) − points
// (or the next of an explicit list of occupancy targets). Without an occupancy floor the
// stop is at most one step: between one and two steps above zero, what is left is cut in
// two halves (docs/safety.md). With a floor it continues while the next target stays at or
// above it; and while the dose is above `final_fraction` of the start, if set. Then the
// planner adds the stop step.
// Body, options and schema: src/strategies/hyperbolic.cpp.
#include <taper/plan/strategy.hpp>

#include <vector>

namespace taper {
class strategy_options;
struct strategy_definition;
}  // namespace taper

namespace taper::strategies {

struct hyperbolic {
    double points = 5.0;                       ///< occupancy percentage points per step
    std::vector<double> occupancy_targets{};   ///< explicit targets (%), strictly decreasing
    std::optional<double> occupancy_floor{};   ///< unset: the stop is at most one step
    std::optional<double> final_fraction{};    ///< stop at or below this share of the start

    std::string_view name() const { return "hyperbolic"; }
    /// Checks the floor and the targets against the model's Emax on the first step.
    /// Reads the occupancy at the most recent dose from the last step's `occupancy_percent`
    /// (the planner writes it as the model's at that step's dose) rather than evaluating the
    /// model again; a caller passing steps of its own sets it so, or leaves it unset.
    std::optional<target> next(const plan_context& ctx, std::span<const step> done) const;

    /// Throws strategy_error (naming the option) for settings out of range.
    void validate() const;
    /// By name: `points` (default 5) or `occupancy_targets` (not both), `occupancy_floor`,
    /// `final_fraction`.
    static hyperbolic from_options(const strategy_options& options);
    /// Name, description, schema and factory, for the registry.
    static const strategy_definition& definition();
};

static_assert(Strategy<hyperbolic>);

}  // namespace taper::strategies
