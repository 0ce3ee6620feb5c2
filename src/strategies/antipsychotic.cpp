// The antipsychotic strategy: see include/taper/strategies/antipsychotic.hpp.
#include <taper/strategies/antipsychotic.hpp>

#include <taper/error.hpp>
#include <taper/plan/strategy_definition.hpp>
#include <taper/units/access.hpp>
#include <taper/units/io.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace taper::strategies {
namespace {

// The request's chosen model (or the drug's default) if it is a usable D2 model.
const occupancy_model* d2_model(const plan_context& ctx) {
    const occupancy_model* m = ctx.model;
    return (m != nullptr && m->usable() && m->receptor == "D2") ? m : nullptr;
}

}  // namespace

std::optional<target> antipsychotic::next(const plan_context& ctx, std::span<const step> done) const {
    const drug& d = ctx.subject;
    if (done.empty() && d.klass != drug_class::antipsychotic)
        throw plan_error("antipsychotic strategy: " + d.name + " is not an antipsychotic (class " +
                         d.class_label + "); use the hyperbolic strategy (equal occupancy steps) or the "
                         "proportional strategy (a percentage of the most recent dose) instead");
    const mass start = ctx.start_dose();
    const mass latest = ctx.latest(done, start);
    if (!(in(latest, units::mg) > 0)) return std::nullopt;
    const mass final_dose = ctx.request.final_dose.value_or(start * final_fraction);
    if (latest <= final_dose * (1 + 1e-9)) return std::nullopt;  // the planner stops from here

    target t;
    t.length = step_length;
    const mass by_fraction = latest * (1.0 - fraction);
    const occupancy_model* m = d2_model(ctx);
    if (m == nullptr) {
        t.daily_dose = by_fraction;
        t.note = make_message(message_code::cut_share_without_d2_limit,
                              {percent{fraction * units::fraction}, max_points * units::points});
        return t;
    }
    const double occ_latest = m->occupancy_percent(latest);
    const mass by_points = m->dose_for_occupancy(std::max(0.0, occ_latest - max_points));
    if (by_fraction >= by_points) {
        t.daily_dose = by_fraction;
        t.note = make_message(message_code::cut_share_within_d2_limit,
                              {percent{fraction * units::fraction}, max_points * units::points});
    } else {
        t.daily_dose = by_points;
        t.note = make_message(message_code::cut_limited_by_d2_points,
                              {max_points * units::points, (occ_latest - max_points) * units::points});
    }
    return t;
}

void antipsychotic::validate() const {
    if (!std::isfinite(fraction) || fraction <= 0 || fraction >= 1)
        throw strategy_error("antipsychotic strategy: fraction: expected a share of the most recent dose between 0 "
                             "and 1 (0.25 = a quarter; as a percentage, between 0 and 100), not " +
                                 format_number(fraction),
                             option_detail("percent", format_number(fraction * 100),
                                           "a percentage between 0 and 100 (exclusive)"));
    if (!std::isfinite(max_points) || max_points <= 0 || max_points >= 100)
        throw strategy_error("antipsychotic strategy: max points: expected D2 occupancy points per step between 0 "
                             "and 100 (exclusive), not " + format_number(max_points),
                             option_detail("points", format_number(max_points), "occupancy points between 0 and 100 (exclusive)"));
    const double days = in(step_length, units::day);
    if (!std::isfinite(days) || days < shortest_step_days || days > longest_step_days)
        throw strategy_error("antipsychotic strategy: step length: expected 3 to 6 months (" +
                                 format_number(shortest_step_days) + " to " + format_number(longest_step_days) +
                                 " days), not " + format_number(days) +
                                 " days; for other paces use the hyperbolic or proportional strategy",
                             option_detail("step_length", format_number(days),
                                           format_number(shortest_step_days) + " to " +
                                               format_number(longest_step_days) + " days"));
    if (!std::isfinite(final_fraction) || final_fraction <= 0 || final_fraction >= 1)
        throw strategy_error("antipsychotic strategy: final fraction: expected a share of the starting dose between "
                             "0 and 1 (1/40 = 0.025), not " + format_number(final_fraction),
                             option_detail("final_fraction", format_number(final_fraction), "a share between 0 and 1"));
}

antipsychotic antipsychotic::from_options(const strategy_options& given) {
    // The bounds are this struct's own checks (validate), so that the messages say 3 to 6
    // months; the schema states the same bounds for readers.
    const strategy_options o = resolve_options(definition().schema, "antipsychotic", given);
    antipsychotic a;
    a.fraction = in(*o.get<percent>("percent"), units::fraction);
    a.max_points = in(*o.get<occupancy_points>("points"), units::points);
    a.step_length = *o.get<duration>("step_length");
    a.final_fraction = in(*o.get<percent>("final_fraction"), units::fraction);
    a.validate();
    return a;
}

const strategy_definition& antipsychotic::definition() {
    static const strategy_definition d{
        "antipsychotic",
        "The D2 rules (Horowitz et al. 2021): about a quarter of the most recent dose per step, never more than "
        "a few points of D2 occupancy, 3-6 months per step, down to 1/40 of the start.",
        {.options =
             {{.name = "percent",
               .kind = option_kind::percentage,
               .description = "% of the most recent dose cut at every step",
               .default_value = percent(25.0 * units::percent_of_dose),
               .minimum = option_bound{percent(0.0 * units::percent_of_dose), false},
               .maximum = option_bound{percent(100.0 * units::percent_of_dose), false},
               .role = option_role::step_size},
              {.name = "points",
               .kind = option_kind::points,
               .description = "largest cut in D2 occupancy points",
               .default_value = 5.0 * units::points,
               .minimum = option_bound{0.0 * units::points, false},
               .maximum = option_bound{100.0 * units::points, false},
               .role = option_role::step_size},
              {.name = "step_length",
               .kind = option_kind::days,
               .description = "length of every step (3 to 6 months)",
               .default_value = 91.0 * units::day,
               .role = option_role::step_length},
              {.name = "final_fraction",
               .kind = option_kind::fraction,
               .description = "stop at or below this share of the starting dose",
               .default_value = percent(1.0 / 40.0 * units::fraction),
               .minimum = option_bound{percent(0.0 * units::fraction), false},
               .maximum = option_bound{percent(1.0 * units::fraction), false}}}},
        [](const strategy_options& o) -> any_strategy { return from_options(o); }};
    return d;
}

}  // namespace taper::strategies
