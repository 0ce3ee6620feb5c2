#pragma once
// Proportional: each step takes a percentage off.
//
// Two meanings that people confuse, under names that cannot be confused:
//   percent_of_most_recent_dose — the community "10% rule", Maudsley's 10–25%, NICE NG222:
//       each cut is a share of the dose just taken, so cuts shrink as the dose falls
//       (20 → 18 → 16.2 → 14.58 ... at 10%). This never reaches zero by itself, so it stops
//       at a final dose: the request's, or `final_fraction` of the start (default 1/40).
//   percent_of_starting_dose — each cut is a share of the *starting* dose: equal mg steps,
//       i.e. a linear taper in disguise (20 → 18 → 16 → 14 ... at 10%).
#include <taper/detail/strategy_options.hpp>
#include <taper/error.hpp>
#include <taper/plan/registry.hpp>
#include <taper/plan/strategy.hpp>
#include <taper/units/io.hpp>

#include <algorithm>
#include <cmath>

namespace taper::strategies {

enum class percent_of { most_recent_dose, starting_dose };

struct proportional {
    double percent = 10.0;  ///< per step, in (0, 100)
    percent_of of = percent_of::most_recent_dose;
    /// Most-recent only: stop once the dose is at or below this share of the start
    /// (unless the request sets a final dose).
    double final_fraction = 1.0 / 40.0;

    std::string_view name() const {
        return of == percent_of::most_recent_dose ? "proportional" : "proportional-of-start";
    }

    std::optional<target> next(const plan_context& ctx, std::span<const step> done) const {
        if (!std::isfinite(percent) || percent <= 0 || percent >= 100)
            throw plan_error("proportional strategy: expected a percentage between 0 and 100 (exclusive), not " +
                             format_number(percent));
        if (!std::isfinite(final_fraction) || final_fraction <= 0 || final_fraction >= 1)
            throw plan_error("proportional strategy: the final fraction must be between 0 and 1, not " +
                             format_number(final_fraction));
        const mass start = ctx.start_dose();
        const mass latest = ctx.latest(done, start);
        if (latest.value() <= 0) return std::nullopt;
        target t;  // (not a designated initializer: GCC 12 warns about the members left out)
        if (of == percent_of::starting_dose) {
            t.daily_dose = std::max(latest - start * (percent / 100.0), from_value<mass>(0));
            return t;
        }
        const mass final_dose = ctx.request.final_dose.value_or(start * final_fraction);
        if (latest <= final_dose * (1 + 1e-9)) return std::nullopt;  // the planner stops from here
        t.daily_dose = latest * (1.0 - percent / 100.0);
        return t;
    }

    /// By name (registry). Of the most recent dose: `percent` (default 10) and
    /// `final_fraction` (default 1/40). Of the starting dose: `percent` only, since it
    /// reaches zero by itself.
    static proportional from_options(const strategy_options& o,
                                     percent_of which = percent_of::most_recent_dose) {
        proportional p;
        p.of = which;
        const std::string_view label = p.name();
        if (which == percent_of::most_recent_dose)
            detail::accept_only(o, label, {"percent", "final_fraction"});
        else
            detail::accept_only(o, label, {"percent"});
        if (o.percent) {
            if (!std::isfinite(*o.percent) || *o.percent <= 0 || *o.percent >= 100)
                throw strategy_error(std::string(label) +
                                     " strategy: expected a percentage between 0 and 100 (exclusive), not " +
                                     format_number(*o.percent));
            p.percent = *o.percent;
        }
        if (o.final_fraction) {
            if (!std::isfinite(*o.final_fraction) || *o.final_fraction <= 0 || *o.final_fraction >= 1)
                throw strategy_error(std::string(label) +
                                     " strategy: the final fraction must be between 0 and 1, not " +
                                     format_number(*o.final_fraction));
            p.final_fraction = *o.final_fraction;
        }
        return p;
    }
};

/// The "10% rule": `percent` of the dose just taken, each step.
inline proportional percent_of_most_recent_dose(double percent) {
    return proportional{.percent = percent, .of = percent_of::most_recent_dose};
}
/// `percent` of the starting dose, each step (equal mg steps).
inline proportional percent_of_starting_dose(double percent) {
    return proportional{.percent = percent, .of = percent_of::starting_dose};
}

static_assert(Strategy<proportional>);

}  // namespace taper::strategies
