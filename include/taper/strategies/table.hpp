#pragma once
// Table: the person's own list of daily doses, each with an optional length, validated like
// any other plan.
//
// Each row becomes one step, in order: its dose (in the plan's basis, the drug's own mg) for
// its length (default: the request's interval). Rows must be finite, 0 or more, and never
// rise; two equal rows in a row are allowed and the second is a hold. The first row must not
// exceed the starting dose (equal to it: a hold on the current dose first). A row of 0 mg, or
// of the request's maintenance dose, ends the plan and must be the last row; no row may fall
// below the maintenance dose, nor (except a final 0) below the request's final dose.
//
// If the last row is above 0 (and above the maintenance dose), the planner adds its stop step
// after it: straight to 0 (or the maintenance dose), or in several steps if the request's
// limits (largest cut in mg or %) forbid one. End the table with 0 to decide the stopping
// step yourself.
//
// The strategy reads its row from the last step's progress (step::progress, the 1-based row
// it came from; holds the planner inserts keep it), so finding its place is O(1).
// Body, options and schema: src/strategies/table.cpp.
#include <taper/plan/options.hpp>
#include <taper/plan/strategy.hpp>

#include <string_view>
#include <vector>

namespace taper {
struct strategy_definition;
}  // namespace taper

namespace taper::strategies {

struct table {
    std::vector<table_row> rows{};

    std::string_view name() const { return "table"; }
    /// Checks the rows against the request's starting, maintenance and final doses on the first step.
    std::optional<target> next(const plan_context& ctx, std::span<const step> done) const;

    /// Throws strategy_error (option "table") for rows that cannot be a taper on their own.
    void validate() const;
    /// By name: `table`, the rows (at least one); nothing else applies.
    static table from_options(const strategy_options& options);
    /// Name, description, schema and factory, for the registry.
    static const strategy_definition& definition();
};

static_assert(Strategy<table>);

}  // namespace taper::strategies
