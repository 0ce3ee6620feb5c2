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
// The strategy counts its own days by the note it puts first on each of its steps
// ("tapering strip: roll r, day j of R"), so that holds the planner inserts do not shift
// the rolls.
#include <taper/detail/strategy_options.hpp>
#include <taper/error.hpp>
#include <taper/plan/registry.hpp>
#include <taper/plan/strategy.hpp>
#include <taper/units/io.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

namespace taper::strategies {

enum class strip_curve { hyperbolic, proportional };

struct tapering_strip {
    strip_curve curve = strip_curve::hyperbolic;
    double points = 5.0;    ///< hyperbolic: occupancy points per roll, in (0, 100)
    double percent = 10.0;  ///< proportional: % of the roll's starting dose per roll, in (0, 100)
    duration roll_length = from_value<duration>(28);  ///< whole days per roll, 2–365
    std::optional<double> occupancy_floor{};  ///< hyperbolic: default `points`
    std::optional<double> final_fraction{};   ///< of the start; proportional default 1/40

    std::string_view name() const { return "tapering-strip"; }

    std::optional<target> next(const plan_context& ctx, std::span<const step> done) const {
        validate_as<plan_error>();
        const auto roll_days = static_cast<long>(std::lround(roll_length.value()));
        // step::progress counts the strip's days so far (holds keep their step's).
        const long day = done.empty() ? 0 : done.back().progress;
        const bool roll_starts = day % roll_days == 0;
        const mass start = ctx.start_dose();
        const mass latest = ctx.latest(done, start);
        if (latest.value() <= 0) return std::nullopt;
        if (ctx.request.final_dose && latest <= *ctx.request.final_dose * (1 + 1e-9)) return std::nullopt;

        target t;
        t.length = from_value<duration>(1);
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

    /// By name (registry): `curve` ("hyperbolic", the default, or "proportional"),
    /// `roll_length` (default 28 days), `final_fraction`; with the hyperbolic curve `points`
    /// (default 5) and `occupancy_floor`; with the proportional curve `percent` (default 10).
    static tapering_strip from_options(const strategy_options& o) {
        tapering_strip s;
        if (o.curve.empty() || o.curve == "hyperbolic") {
            s.curve = strip_curve::hyperbolic;
            detail::accept_only(o, "tapering-strip (hyperbolic curve)",
                                {"curve", "points", "roll_length", "occupancy_floor", "final_fraction"});
        } else if (o.curve == "proportional") {
            s.curve = strip_curve::proportional;
            detail::accept_only(o, "tapering-strip (proportional curve)",
                                {"curve", "percent", "roll_length", "final_fraction"});
        } else {
            throw strategy_error("tapering-strip strategy: curve: expected \"hyperbolic\" or \"proportional\", not \"" +
                                     o.curve + "\"",
                                 error_detail{error_code::strategy_option, o.curve, "hyperbolic or proportional", "curve", {}});
        }
        if (o.points) s.points = *o.points;
        if (o.percent) s.percent = *o.percent;
        if (o.roll_length) s.roll_length = *o.roll_length;
        s.occupancy_floor = o.occupancy_floor;
        s.final_fraction = o.final_fraction;
        s.validate_as<strategy_error>();
        return s;
    }

private:
    template <class Error>
    void validate_as() const {
        if (curve == strip_curve::hyperbolic && (!std::isfinite(points) || points <= 0 || points >= 100))
            throw Error("tapering-strip strategy: points: expected occupancy points per roll between 0 and 100 "
                        "(exclusive), not " + format_number(points));
        if (curve == strip_curve::proportional && (!std::isfinite(percent) || percent <= 0 || percent >= 100))
            throw Error("tapering-strip strategy: percent: expected a percentage of each roll's starting dose "
                        "between 0 and 100 (exclusive), not " + format_number(percent));
        const double days = roll_length.value();
        if (!std::isfinite(days) || days < 2 || days > 365 || days != std::round(days))
            throw Error("tapering-strip strategy: roll length: expected a whole number of days from 2 to 365 "
                        "(pharmacies pack 28), not " + format_number(days));
        if (occupancy_floor && curve == strip_curve::proportional)
            throw Error("tapering-strip strategy: occupancy floor: applies to the hyperbolic curve only");
        if (occupancy_floor && (!std::isfinite(*occupancy_floor) || *occupancy_floor < 0))
            throw Error("tapering-strip strategy: occupancy floor: expected a percentage of 0 or more, not " +
                        format_number(*occupancy_floor));
        if (final_fraction && (!std::isfinite(*final_fraction) || *final_fraction <= 0 || *final_fraction >= 1))
            throw Error("tapering-strip strategy: final fraction: expected a share of the starting dose between 0 "
                        "and 1, not " + format_number(*final_fraction));
    }
};

static_assert(Strategy<tapering_strip>);

}  // namespace taper::strategies
