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
// The strategy counts its own rows by the note it puts first on each of its steps
// ("table row i of n"), so that holds the planner inserts do not shift the rows.
#include <taper/detail/strategy_options.hpp>
#include <taper/error.hpp>
#include <taper/plan/registry.hpp>
#include <taper/plan/strategy.hpp>
#include <taper/units/io.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

namespace taper::strategies {

struct table {
    std::vector<table_row> rows{};

    std::string_view name() const { return "table"; }

    std::optional<target> next(const plan_context& ctx, std::span<const step> done) const {
        validate_rows<plan_error>();
        validate_against(ctx.request);
        // step::progress is the row the step came from (1-based; holds keep their step's).
        const auto used = static_cast<std::size_t>(done.empty() ? 0 : done.back().progress);
        if (used >= rows.size()) return std::nullopt;
        const table_row& row = rows[used];
        target t;
        t.daily_dose = row.daily_dose;
        t.length = row.length;
        t.progress = static_cast<int>(used + 1);
        t.note = make_message(message_code::table_row, {parameter::count(used + 1), parameter::count(rows.size())});
        return t;
    }

    /// By name (registry): `table`, the rows (at least one); nothing else applies.
    static table from_options(const strategy_options& o) {
        detail::accept_only(o, "table", {"table"});
        table t{o.table};
        t.validate_rows<strategy_error>();
        return t;
    }

private:
    static std::string row_name(std::size_t i) { return "row " + std::to_string(i + 1); }

    /// What can be checked without a request.
    template <class Error>
    void validate_rows() const {
        if (rows.empty()) throw Error("table strategy: the table has no rows; give at least one daily dose");
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const mass dose = rows[i].daily_dose;
            if (!std::isfinite(dose.value()) || dose.value() < 0)
                throw Error("table strategy: " + row_name(i) + ": expected a daily dose of 0 mg or more, not " +
                            to_string(dose));
            if (const auto& length = rows[i].length;
                length && (!std::isfinite(length->value()) || length->value() < 1 || length->value() > 3653))
                throw Error("table strategy: " + row_name(i) + ": expected a length from 1 day to ten years, not " +
                            format_number(length->value()) + " days");
            if (i > 0 && dose > rows[i - 1].daily_dose)
                throw Error("table strategy: " + row_name(i) + ": " + to_string(dose) + " is more than " +
                            row_name(i - 1) + "'s " + to_string(rows[i - 1].daily_dose) +
                            "; a taper never raises the dose (equal rows are allowed: they hold it)");
            if (i + 1 < rows.size() && dose.value() == 0)
                throw Error("table strategy: " + row_name(i) + ": 0 mg stops the taper, so it must be the last row (" +
                            std::to_string(rows.size() - i - 1) + " more follow it)");
        }
    }

    /// What depends on the request: the starting, maintenance and final doses.
    void validate_against(const plan_request& r) const {
        if (rows.front().daily_dose > r.daily_dose)
            throw plan_error("table strategy: row 1: " + to_string(rows.front().daily_dose) +
                             " is more than the starting daily dose of " + to_string(r.daily_dose));
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const mass dose = rows[i].daily_dose;
            const bool last = i + 1 == rows.size();
            if (r.maintenance.value() > 0 && dose < r.maintenance)
                throw plan_error("table strategy: " + row_name(i) + ": " + to_string(dose) +
                                 " is below the maintenance dose of " + to_string(r.maintenance));
            if (r.maintenance.value() > 0 && dose == r.maintenance && !last)
                throw plan_error("table strategy: " + row_name(i) + ": " + to_string(dose) +
                                 " is the maintenance dose, which ends the plan, so it must be the last row");
            if (r.final_dose && dose.value() > 0 && dose < *r.final_dose)
                throw plan_error("table strategy: " + row_name(i) + ": " + to_string(dose) +
                                 " is below the request's final dose before stopping (" + to_string(*r.final_dose) +
                                 "); lower the final dose, or end the table with the final dose and then 0");
            if (r.final_dose && dose == *r.final_dose && !last && rows[i + 1].daily_dose.value() > 0)
                throw plan_error("table strategy: " + row_name(i + 1) + ": the plan stops after the final dose of " +
                                 to_string(*r.final_dose) + " (" + row_name(i) + "), so only 0 may follow it");
        }
    }
};

static_assert(Strategy<table>);

}  // namespace taper::strategies
