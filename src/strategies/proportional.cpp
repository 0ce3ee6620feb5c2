// The proportional strategies: see include/taper/strategies/proportional.hpp.
#include <taper/strategies/proportional.hpp>

#include <taper/error.hpp>
#include <taper/plan/strategy_definition.hpp>
#include <taper/units/access.hpp>
#include <taper/units/io.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace taper::strategies {

std::optional<target> proportional::next(const plan_context& ctx, std::span<const step> done) const {
    const mass start = ctx.start_dose();
    const mass latest = ctx.latest(done, start);
    if (!(in(latest, units::mg) > 0)) return std::nullopt;
    target t;  // (not a designated initializer: GCC 12 warns about the members left out)
    if (of == percent_of::starting_dose) {
        t.daily_dose = std::max(latest - start * (percent / 100.0), 0.0 * units::mg);
        return t;
    }
    const mass final_dose = ctx.request.final_dose.value_or(start * final_fraction);
    if (latest <= final_dose * (1 + 1e-9)) return std::nullopt;  // the planner stops from here
    t.daily_dose = latest * (1.0 - percent / 100.0);
    return t;
}

void proportional::validate() const {
    const std::string label(name());
    if (!std::isfinite(percent) || percent <= 0 || percent >= 100)
        throw strategy_error(label + " strategy: percent: expected a percentage between 0 and 100 (exclusive), not " +
                                 format_number(percent),
                             option_detail("percent", format_number(percent), "a percentage between 0 and 100 (exclusive)"));
    if (!std::isfinite(final_fraction) || final_fraction <= 0 || final_fraction >= 1)
        throw strategy_error(label + " strategy: final_fraction: the final fraction must be between 0 and 1, not " +
                                 format_number(final_fraction),
                             option_detail("final_fraction", format_number(final_fraction), "a share between 0 and 1"));
}

proportional proportional::from_options(const strategy_options& given, percent_of which) {
    proportional p;
    p.of = which;
    const strategy_options o = resolve_options(definition(which).schema, p.name(), given);
    p.percent = in(*o.get<taper::percent>("percent"), units::percent_of_dose);
    if (const auto f = o.get<taper::percent>("final_fraction")) p.final_fraction = in(*f, units::fraction);
    p.validate();
    return p;
}

namespace {

option_spec percent_option(std::string description) {
    return {.name = "percent",
            .kind = option_kind::percentage,
            .description = std::move(description),
            .default_value = taper::percent(10.0 * units::percent_of_dose),
            .minimum = option_bound{taper::percent(0.0 * units::percent_of_dose), false},
            .maximum = option_bound{taper::percent(100.0 * units::percent_of_dose), false},
            .role = option_role::step_size};
}

}  // namespace

const strategy_definition& proportional::definition(percent_of which) {
    static const strategy_definition of_recent{
        "proportional",
        "A percentage of the most recent dose at every step (the \"10% rule\"; Maudsley 10-25%), until a "
        "final dose.",
        {.options = {percent_option("% of the most recent dose cut at every step"),
                     {.name = "final_fraction",
                      .kind = option_kind::fraction,
                      .description = "stop at or below this share of the starting dose",
                      .default_value = taper::percent(1.0 / 40.0 * units::fraction),
                      .minimum = option_bound{taper::percent(0.0 * units::fraction), false},
                      .maximum = option_bound{taper::percent(1.0 * units::fraction), false}}}},
        [](const strategy_options& o) -> any_strategy { return from_options(o, percent_of::most_recent_dose); }};
    static const strategy_definition of_start{
        "proportional-of-start",
        "A percentage of the starting dose at every step: equal mg steps, a linear taper in disguise.",
        {.options = {percent_option("% of the starting dose cut at every step")}},
        [](const strategy_options& o) -> any_strategy { return from_options(o, percent_of::starting_dose); }};
    return which == percent_of::most_recent_dose ? of_recent : of_start;
}

}  // namespace taper::strategies
