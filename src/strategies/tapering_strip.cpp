// The tapering-strip strategy: see include/taper/strategies/tapering_strip.hpp.
#include <taper/strategies/tapering_strip.hpp>

#include <taper/error.hpp>
#include <taper/plan/strategy_definition.hpp>
#include <taper/units/access.hpp>
#include <taper/units/io.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace taper::strategies {

std::optional<target> tapering_strip::next(const plan_context& ctx, std::span<const step> done) const {
    const auto roll_days = static_cast<long>(std::lround(in(roll_length, units::day)));
    // step::progress counts the strip's days so far (holds keep their step's).
    const long day = done.empty() ? 0 : done.back().progress;
    const bool roll_starts = day % roll_days == 0;
    const mass start = ctx.start_dose();
    const mass latest = ctx.latest(done, start);
    if (!(in(latest, units::mg) > 0)) return std::nullopt;
    if (ctx.request.final_dose && latest <= *ctx.request.final_dose * (1 + 1e-9)) return std::nullopt;

    target t;
    t.length = 1.0 * units::day;
    t.progress = static_cast<int>(day + 1);
    t.note = make_message(message_code::strip_day,
                          {parameter::count(static_cast<std::size_t>(day / roll_days + 1)),
                           parameter::count(static_cast<std::size_t>(day % roll_days + 1)),
                           parameter::count(static_cast<std::size_t>(roll_days))});
    if (curve == strip_curve::proportional) {
        if (roll_starts && latest <= start * final_fraction.value_or(1.0 / 40.0) * (1 + 1e-9)) return std::nullopt;
        t.daily_dose = latest * std::pow(1.0 - percent / 100.0, 1.0 / static_cast<double>(roll_days));
        return t;
    }
    if (ctx.model == nullptr)
        throw plan_error("tapering-strip strategy: the hyperbolic curve needs a receptor occupancy model, and " +
                         ctx.subject.name + " has none that can be evaluated in the data; choose the "
                         "proportional curve (a percentage of each roll's starting dose) instead");
    const occupancy_model& m = *ctx.model;
    if (occupancy_floor && *occupancy_floor >= *m.emax_percent)
        throw plan_error("tapering-strip strategy: occupancy floor: expected less than the model's Emax (" +
                         format_number(*m.emax_percent) + "%), not " + format_number(*occupancy_floor));
    const double occ_latest = m.occupancy_percent(latest);
    if (roll_starts) {
        if (final_fraction && latest <= start * *final_fraction * (1 + 1e-9)) return std::nullopt;
        if (occ_latest - points < occupancy_floor.value_or(points) - 1e-9) return std::nullopt;
    }
    t.daily_dose = m.dose_for_occupancy(std::max(0.0, occ_latest - points / static_cast<double>(roll_days)));
    return t;
}

void tapering_strip::validate() const {
    if (curve == strip_curve::hyperbolic && (!std::isfinite(points) || points <= 0 || points >= 100))
        throw strategy_error("tapering-strip strategy: points: expected occupancy points per roll between 0 and 100 "
                    "(exclusive), not " + format_number(points),
                             option_detail("points", format_number(points), "occupancy points between 0 and 100 (exclusive)"));
    if (curve == strip_curve::proportional && (!std::isfinite(percent) || percent <= 0 || percent >= 100))
        throw strategy_error("tapering-strip strategy: percent: expected a percentage of each roll's starting dose "
                    "between 0 and 100 (exclusive), not " + format_number(percent),
                             option_detail("percent", format_number(percent), "a percentage between 0 and 100 (exclusive)"));
    const double days = in(roll_length, units::day);
    if (!std::isfinite(days) || days < 2 || days > 365 || days != std::round(days))
        throw strategy_error("tapering-strip strategy: roll length: expected a whole number of days from 2 to 365 "
                    "(pharmacies pack 28), not " + format_number(days),
                             option_detail("roll_length", format_number(days), "a whole number of days from 2 to 365"));
    if (occupancy_floor && curve == strip_curve::proportional)
        throw strategy_error("tapering-strip strategy: occupancy floor: applies to the hyperbolic curve only",
                             option_detail("occupancy_floor", format_number(*occupancy_floor),
                                           "no occupancy floor with the proportional curve"));
    if (occupancy_floor && (!std::isfinite(*occupancy_floor) || *occupancy_floor < 0))
        throw strategy_error("tapering-strip strategy: occupancy floor: expected a percentage of 0 or more, not " +
                    format_number(*occupancy_floor),
                             option_detail("occupancy_floor", format_number(*occupancy_floor), "a percentage of 0 or more"));
    if (final_fraction && (!std::isfinite(*final_fraction) || *final_fraction <= 0 || *final_fraction >= 1))
        throw strategy_error("tapering-strip strategy: final fraction: expected a share of the starting dose between 0 "
                    "and 1, not " + format_number(*final_fraction),
                             option_detail("final_fraction", format_number(*final_fraction), "a share between 0 and 1"));
}

tapering_strip tapering_strip::from_options(const strategy_options& given) {
    // Which options apply depends on the curve: the other curve's options are an error
    // rather than silently unused.
    const auto curve_name = given.get<std::string>("curve").value_or("hyperbolic");
    const char* const other_curve_options[2][2] = {{"percent", nullptr}, {"points", "occupancy_floor"}};
    const bool proportional = curve_name == "proportional";
    for (const char* option : other_curve_options[proportional ? 1 : 0])
        if (option != nullptr && given.given(option))
            throw strategy_error("tapering-strip strategy (" + curve_name + " curve): the option \"" +
                                     std::string(option) + "\" does not apply to it (it takes curve, " +
                                     (proportional ? "percent" : "points, occupancy_floor") +
                                     ", roll_length, final_fraction)",
                                 option_detail(option, option,
                                               std::string("curve, ") +
                                                   (proportional ? "percent" : "points, occupancy_floor") +
                                                   ", roll_length, final_fraction"));
    const strategy_options o = resolve_options(definition().schema, "tapering-strip", given);
    tapering_strip s;
    s.curve = proportional ? strip_curve::proportional : strip_curve::hyperbolic;
    s.points = in(*o.get<occupancy_points>("points"), units::points);
    s.percent = in(*o.get<taper::percent>("percent"), units::percent_of_dose);
    s.roll_length = *o.get<duration>("roll_length");
    if (const auto f = o.get<occupancy_points>("occupancy_floor")) s.occupancy_floor = in(*f, units::points);
    if (const auto f = o.get<taper::percent>("final_fraction")) s.final_fraction = in(*f, units::fraction);
    s.validate();
    return s;
}

const strategy_definition& tapering_strip::definition() {
    static const strategy_definition d{
        "tapering-strip",
        "A dose for every day, in rolls of daily pouches (default 28 days), along a hyperbolic or proportional "
        "curve.",
        {.options =
             {{.name = "curve",
               .kind = option_kind::choice,
               .description = "the curve the days follow",
               .default_value = std::string("hyperbolic"),
               .choices = {"hyperbolic", "proportional"}},
              {.name = "points",
               .kind = option_kind::points,
               .description = "hyperbolic curve: occupancy points lowered per roll",
               .default_value = 5.0 * units::points,
               .minimum = option_bound{0.0 * units::points, false},
               .maximum = option_bound{100.0 * units::points, false},
               .role = option_role::step_size},
              {.name = "percent",
               .kind = option_kind::percentage,
               .description = "proportional curve: % of each roll's starting dose cut per roll",
               .default_value = taper::percent(10.0 * units::percent_of_dose),
               .minimum = option_bound{taper::percent(0.0 * units::percent_of_dose), false},
               .maximum = option_bound{taper::percent(100.0 * units::percent_of_dose), false},
               .role = option_role::step_size},
              {.name = "roll_length",
               .kind = option_kind::days,
               .description = "whole days per roll of pouches",
               .default_value = 28.0 * units::day,
               .minimum = option_bound{2.0 * units::day, true},
               .maximum = option_bound{365.0 * units::day, true}},
              {.name = "occupancy_floor",
               .kind = option_kind::points,
               .description = "hyperbolic curve: stop before the occupancy falls below this level (unset: points)",
               .minimum = option_bound{0.0 * units::points, true}},
              {.name = "final_fraction",
               .kind = option_kind::fraction,
               .description = "stop at or below this share of the starting dose (proportional default 1/40)",
               .minimum = option_bound{taper::percent(0.0 * units::fraction), false},
               .maximum = option_bound{taper::percent(1.0 * units::fraction), false}}}},
        [](const strategy_options& o) -> any_strategy { return from_options(o); }};
    return d;
}

}  // namespace taper::strategies
