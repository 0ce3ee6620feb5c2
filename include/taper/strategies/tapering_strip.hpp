#pragma once
// Tapering strip: a dose for every day, packed by a pharmacy in rolls of daily pouches
// (Groot & van Os; 28-day rolls), each day the same as or slightly lower than the day before.
//
// Every step is one pouch-day (target.length = 1 day), so a 28-day roll is 28 steps. The
// days follow one of two curves, and each roll ends exactly where that curve's step would:
//   hyperbolic   — each roll lowers receptor occupancy by `points` (5), in R equal daily
//                  decrements of points/R:  D_day = ED50·occ/(Emax − occ),
//                  occ = occ(D_yesterday) − points/R.  Like the hyperbolic strategy it
//                  stops at the end of the last roll whose end stays at or above the
//                  occupancy floor (default `points`), or once the dose is at or below
//                  `final_fraction` of the start, if set.
//   proportional — each roll cuts `percent` (10) of the roll's starting dose, as a geometric
//                  daily decrease:  D_day = D_yesterday · (1 − percent/100)^(1/R).  Like
//                  the proportional strategy it stops at the end of the first roll at or
//                  below `final_fraction` (default 1/40) of the start.
// Either way a request's final dose also stops it (possibly mid-roll), and the planner then
// adds the stop step.
//
// The strategy reads its day from the last step's progress (step::progress, the strip's days
// so far; holds the planner inserts keep it), so finding its place is O(1).
// Body, options and schema: src/strategies/tapering_strip.cpp.
#include <taper/plan/strategy.hpp>

#include <string_view>

namespace taper {
class strategy_options;
struct strategy_definition;
}  // namespace taper

namespace taper::strategies {

enum class strip_curve { hyperbolic, proportional };

struct tapering_strip {
    strip_curve curve = strip_curve::hyperbolic;
    double points = 5.0;    ///< hyperbolic: occupancy points per roll, in (0, 100)
    double percent = 10.0;  ///< proportional: % of the roll's starting dose per roll, in (0, 100)
    duration roll_length = 28.0 * units::day;  ///< whole days per roll, 2–365
    std::optional<double> occupancy_floor{};  ///< hyperbolic: default `points`
    std::optional<double> final_fraction{};   ///< of the start; proportional default 1/40

    std::string_view name() const { return "tapering-strip"; }
    std::optional<target> next(const plan_context& ctx, std::span<const step> done) const;

    /// Throws strategy_error (naming the option) for settings out of range.
    void validate() const;
    /// By name: `curve` ("hyperbolic", the default, or "proportional"), `roll_length`
    /// (default 28 days), `final_fraction`; with the hyperbolic curve `points` (default 5) and
    /// `occupancy_floor`; with the proportional curve `percent` (default 10).
    static tapering_strip from_options(const strategy_options& options);
    /// Name, description, schema and factory, for the registry.
    static const strategy_definition& definition();
};

static_assert(Strategy<tapering_strip>);

}  // namespace taper::strategies
