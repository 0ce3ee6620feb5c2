// The table strategy: see include/taper/strategies/table.hpp.
#include <taper/strategies/table.hpp>

#include <taper/error.hpp>
#include <taper/plan/strategy_definition.hpp>
#include <taper/units/access.hpp>
#include <taper/units/io.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace taper::strategies {
namespace {

std::string row_name(std::size_t i) { return "row " + std::to_string(i + 1); }

// An error about the rows: option "table", the row as given and what it should have been.
[[noreturn]] void rows_error(const std::string& message, std::string input, std::string expected) {
    throw strategy_error(message, option_detail("table", std::move(input), std::move(expected)));
}

// What depends on the request: the starting, maintenance and final doses.
void validate_against(const std::vector<table_row>& rows, const plan_request& r) {
    if (rows.front().daily_dose > r.daily_dose)
        throw plan_error("table strategy: row 1: " + to_string(rows.front().daily_dose) +
                         " is more than the starting daily dose of " + to_string(r.daily_dose));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const mass dose = rows[i].daily_dose;
        const bool last = i + 1 == rows.size();
        if (in(r.maintenance, units::mg) > 0 && dose < r.maintenance)
            throw plan_error("table strategy: " + row_name(i) + ": " + to_string(dose) +
                             " is below the maintenance dose of " + to_string(r.maintenance));
        if (in(r.maintenance, units::mg) > 0 && dose == r.maintenance && !last)
            throw plan_error("table strategy: " + row_name(i) + ": " + to_string(dose) +
                             " is the maintenance dose, which ends the plan, so it must be the last row");
        if (r.final_dose && in(dose, units::mg) > 0 && dose < *r.final_dose)
            throw plan_error("table strategy: " + row_name(i) + ": " + to_string(dose) +
                             " is below the request's final dose before stopping (" + to_string(*r.final_dose) +
                             "); lower the final dose, or end the table with the final dose and then 0");
        if (r.final_dose && dose == *r.final_dose && !last && in(rows[i + 1].daily_dose, units::mg) > 0)
            throw plan_error("table strategy: " + row_name(i + 1) + ": the plan stops after the final dose of " +
                             to_string(*r.final_dose) + " (" + row_name(i) + "), so only 0 may follow it");
    }
}

}  // namespace

std::optional<target> table::next(const plan_context& ctx, std::span<const step> done) const {
    if (done.empty()) validate_against(rows, ctx.request);
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

void table::validate() const {
    if (rows.empty())
        rows_error("table strategy: the table has no rows; give at least one daily dose", "no rows",
                   "at least one daily dose");
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const mass dose = rows[i].daily_dose;
        if (!std::isfinite(in(dose, units::mg)) || in(dose, units::mg) < 0)
            rows_error("table strategy: " + row_name(i) + ": expected a daily dose of 0 mg or more, not " +
                           to_string(dose),
                       row_name(i) + ": " + to_string(dose), "a daily dose of 0 mg or more");
        if (const auto& length = rows[i].length;
            length && (!std::isfinite(in(*length, units::day)) || in(*length, units::day) < 1 || in(*length, units::day) > 3653))
            rows_error("table strategy: " + row_name(i) + ": expected a length from 1 day to ten years, not " +
                           format_number(in(*length, units::day)) + " days",
                       row_name(i) + ": " + format_number(in(*length, units::day)) + " days",
                       "a length from 1 day to ten years");
        if (i > 0 && dose > rows[i - 1].daily_dose)
            rows_error("table strategy: " + row_name(i) + ": " + to_string(dose) + " is more than " +
                           row_name(i - 1) + "'s " + to_string(rows[i - 1].daily_dose) +
                           "; a taper never raises the dose (equal rows are allowed: they hold it)",
                       row_name(i) + ": " + to_string(dose), "at most " + to_string(rows[i - 1].daily_dose));
        if (i + 1 < rows.size() && in(dose, units::mg) == 0)
            rows_error("table strategy: " + row_name(i) + ": 0 mg stops the taper, so it must be the last row (" +
                           std::to_string(rows.size() - i - 1) + " more follow it)",
                       row_name(i) + ": " + to_string(dose), "0 mg only as the last row");
    }
}

table table::from_options(const strategy_options& given) {
    const strategy_options o = resolve_options(definition().schema, "table", given);
    table t{*o.get<std::vector<table_row>>("table")};
    t.validate();
    return t;
}

const strategy_definition& table::definition() {
    static const strategy_definition d{
        "table",
        "Your own list of daily doses, each with an optional length, checked like any other plan.",
        {.options = {{.name = "table",
                      .kind = option_kind::table_rows,
                      .description = "the daily doses in order, each with an optional length in days",
                      .required = true}}},
        [](const strategy_options& o) -> any_strategy { return from_options(o); }};
    return d;
}

}  // namespace taper::strategies
