// The hyperbolic strategy: see include/taper/strategies/hyperbolic.hpp.
#include <taper/strategies/hyperbolic.hpp>

#include <taper/error.hpp>
#include <taper/plan/strategy_definition.hpp>
#include <taper/units/access.hpp>
#include <taper/units/io.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace taper::strategies {
namespace {

// What can only be checked once the model is known: levels below its Emax.
void check_against_model(const hyperbolic& h, const occupancy_model& m) {
    if (h.occupancy_floor && *h.occupancy_floor >= *m.emax_percent)
        throw plan_error("hyperbolic strategy: the occupancy floor must be from 0 up to the model's Emax (" +
                         format_number(*m.emax_percent) + "%), not " + format_number(*h.occupancy_floor));
    for (const double o : h.occupancy_targets)
        if (o >= *m.emax_percent)
            throw plan_error("hyperbolic strategy: occupancy target " + format_number(o) +
                             "% is outside 0 up to the model's Emax (" + format_number(*m.emax_percent) + "%)");
}

// A target at or above the starting occupancy cannot be reached by a taper; skipping it
// silently (issue 10: "--targets 80,70" from 75.2% dropped 80) would plan something else
// than what was asked.
void check_targets_below_start(const hyperbolic& h, occupancy_points start) {
    const double at_start = in(start, units::points);
    for (const double o : h.occupancy_targets)
        if (o >= at_start - 1e-9)
            throw plan_error("hyperbolic strategy: occupancy target " + format_number(o) +
                                 "% is not below the occupancy at the starting dose (" +
                                 format_number(std::round(at_start * 100) / 100) +
                                 "%); a taper only lowers it: give targets below it",
                             option_detail("occupancy_targets", format_number(o),
                                           "below " + format_number(std::round(at_start * 100) / 100) + "%"));
}

}  // namespace

std::optional<target> hyperbolic::next(const plan_context& ctx, std::span<const step> done) const {
    // Every return gives `out`, so it is built in place in the caller's value (a target holds
    // a vector, a string and a message; moving one out on every step cost as much as the
    // occupancy arithmetic). Empty: no more targets.
    std::optional<target> out;
    const occupancy_model& m = ctx.model != nullptr ? *ctx.model : ctx.require_model(name());
    const mass start = ctx.start_dose();
    // The occupancy at the most recent dose. The planner writes each step's occupancy as
    // ctx.model's at the step's equivalent daily dose (own-mg plans, which these are), so
    // the last step's is that same number bit for bit: read, not evaluated again (it was
    // one of two model evaluations on every step, docs/performance.md). A caller that passes
    // steps of its own gives their occupancy_percent as that occupancy, or leaves it unset.
    std::optional<occupancy_points> occ_known;
    if (done.empty()) {
        check_against_model(*this, m);
        occ_known = m.occupancy_percent(start);
        check_targets_below_start(*this, *occ_known);
    } else {
        occ_known = done.back().occupancy_percent;
    }
    const mass latest = ctx.latest(done, start);
    if (!(in(latest, units::mg) > 0)) return out;
    if (final_fraction && latest <= start * *final_fraction * (1 + 1e-9)) return out;
    if (ctx.request.final_dose && latest <= *ctx.request.final_dose * (1 + 1e-9)) return out;
    const double occ_latest = in(occ_known ? *occ_known : m.occupancy_percent(latest), units::points);

    double next_occ = 0;
    if (!occupancy_targets.empty()) {
        const auto it = std::find_if(occupancy_targets.begin(), occupancy_targets.end(),
                                     [&](double o) { return o < occ_latest - 1e-9; });
        if (it == occupancy_targets.end()) return out;
        next_occ = *it;
    } else {
        next_occ = occ_latest - points;
        if (occupancy_floor) {
            if (next_occ < *occupancy_floor - 1e-9) return out;
        } else if (next_occ < points - 1e-9) {
            // The stop is a cut too, and by default no larger than the planned step (Horowitz &
            // Taylor 2019: equal steps of occupancy down to zero). Between one and two steps
            // above zero, what is left is cut in two equal halves; at one step or less, stop.
            if (occ_latest <= points + 1e-9) return out;
            next_occ = occ_latest / 2;
        }
    }
    target& t = out.emplace();
    t.daily_dose = m.dose_for_occupancy(next_occ * units::points);
    // The note is make_message(target_occupancy, {occupancy}): its code, severity and the kind
    // of its one parameter are checked against the catalogue once, and each step sets only
    // the occupancy (the catalogue look-up on every step cost more than the dose arithmetic).
    static const message note = make_message(message_code::target_occupancy, {0.0 * units::points});
    t.note = note;
    t.note->parameters[0] = parameter(next_occ * units::points);
    return out;
}

void hyperbolic::validate() const {
    if (occupancy_targets.empty() && (!std::isfinite(points) || points <= 0 || points >= 100))
        throw strategy_error("hyperbolic strategy: points: expected occupancy points per step between 0 and 100 "
                             "(exclusive), not " + format_number(points),
                             option_detail("points", format_number(points), "occupancy points between 0 and 100 (exclusive)"));
    for (std::size_t i = 0; i < occupancy_targets.size(); ++i) {
        const double v = occupancy_targets[i];
        if (!std::isfinite(v) || v < 0 || v >= 100)
            throw strategy_error("hyperbolic strategy: occupancy target " + format_number(v) +
                                     " is not a percentage from 0 up to 100",
                                 option_detail("occupancy_targets", format_number(v), "a percentage from 0 up to 100"));
        if (i > 0 && v >= occupancy_targets[i - 1])
            throw strategy_error("hyperbolic strategy: occupancy targets must strictly decrease (" +
                                     format_number(occupancy_targets[i - 1]) + " then " + format_number(v) + ")",
                                 option_detail("occupancy_targets", format_number(v),
                                               "less than " + format_number(occupancy_targets[i - 1])));
    }
    if (occupancy_floor && (!std::isfinite(*occupancy_floor) || *occupancy_floor < 0 || *occupancy_floor >= 100))
        throw strategy_error("hyperbolic strategy: the occupancy floor must be a percentage from 0 up to 100, not " +
                                 format_number(*occupancy_floor),
                             option_detail("occupancy_floor", format_number(*occupancy_floor),
                                           "a percentage from 0 up to 100"));
    if (final_fraction && (!std::isfinite(*final_fraction) || *final_fraction <= 0 || *final_fraction >= 1))
        throw strategy_error("hyperbolic strategy: the final fraction must be between 0 and 1, not " +
                                 format_number(*final_fraction),
                             option_detail("final_fraction", format_number(*final_fraction), "a share between 0 and 1"));
}

hyperbolic hyperbolic::from_options(const strategy_options& given) {
    if (given.given("points") && given.given("occupancy_targets"))
        throw strategy_error("hyperbolic strategy: give occupancy points per step or a list of occupancy targets, "
                             "not both",
                             option_detail("occupancy_targets", "both points and occupancy_targets",
                                           "points or occupancy_targets, not both"));
    const strategy_options o = resolve_options(definition().schema, "hyperbolic", given);
    hyperbolic h;
    h.points = in(*o.get<occupancy_points>("points"), units::points);
    if (const auto targets = o.get<std::vector<occupancy_points>>("occupancy_targets"))
        for (const auto& p : *targets) h.occupancy_targets.push_back(in(p, units::points));
    if (const auto f = o.get<occupancy_points>("occupancy_floor")) h.occupancy_floor = in(*f, units::points);
    if (const auto f = o.get<percent>("final_fraction")) h.final_fraction = in(*f, units::fraction);
    h.validate();
    return h;
}

const strategy_definition& hyperbolic::definition() {
    const option_bound no_occupancy{0.0 * units::points, false};
    const option_bound full_occupancy{100.0 * units::points, false};
    static const strategy_definition d{
        "hyperbolic",
        "Equal steps of receptor occupancy from the drug's model (Horowitz & Taylor 2019), down to an "
        "occupancy floor or a share of the starting dose.",
        {.options =
             {{.name = "points",
               .kind = option_kind::points,
               .description = "occupancy points lowered at every step",
               .default_value = 5.0 * units::points,
               .minimum = no_occupancy,
               .maximum = full_occupancy,
               .role = option_role::step_size},
              {.name = "occupancy_targets",
               .kind = option_kind::occupancy_list,
               .description = "explicit occupancy levels, strictly decreasing, instead of points",
               .minimum = option_bound{0.0 * units::points, true},
               .maximum = full_occupancy},
              {.name = "occupancy_floor",
               .kind = option_kind::points,
               .description = "stop before the occupancy falls below this level (unset: the stop is no larger "
                              "than one step of points)",
               .minimum = option_bound{0.0 * units::points, true},
               .maximum = full_occupancy},
              {.name = "final_fraction",
               .kind = option_kind::fraction,
               .description = "stop at or below this share of the starting dose (unset: no such stop)",
               .minimum = option_bound{percent(0.0 * units::fraction), false},
               .maximum = option_bound{percent(1.0 * units::fraction), false}}}},
        [](const strategy_options& o) -> any_strategy { return from_options(o); }};
    return d;
}

}  // namespace taper::strategies
