#pragma once
// Hyperbolic: equal steps of receptor occupancy (Horowitz & Taylor, Lancet Psychiatry 2019).
//
// Occupancy follows occ = Emax·D/(ED50 + D), so equal occupancy steps mean mg steps that
// shrink as the dose falls, reaching doses far below the smallest tablet. Each target is
// the dose whose occupancy is `points` below the most recent step's:
//     D_next = ED50·occ_next / (Emax − occ_next),   occ_next = occ(D_latest) − points
// (or the next of an explicit list of occupancy targets). It continues while the next
// target stays at or above the occupancy floor (default: one step, `points`) and the dose
// above `final_fraction` of the start, if set; then the planner adds the stop step.
#include <taper/detail/strategy_options.hpp>
#include <taper/error.hpp>
#include <taper/plan/registry.hpp>
#include <taper/plan/strategy.hpp>
#include <taper/units/io.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace taper::strategies {

struct hyperbolic {
    double points = 5.0;                       ///< occupancy percentage points per step
    std::vector<double> occupancy_targets{};   ///< explicit targets (%), strictly decreasing
    std::optional<double> occupancy_floor{};   ///< default: `points`
    std::optional<double> final_fraction{};    ///< stop at or below this share of the start

    std::string_view name() const { return "hyperbolic"; }

    std::optional<target> next(const plan_context& ctx, std::span<const step> done) const {
        const occupancy_model& m = ctx.require_model(name());
        validate(m);
        const mass start = ctx.start_dose();
        const mass latest = ctx.latest(done, start);
        if (latest.value() <= 0) return std::nullopt;
        if (final_fraction && latest <= start * *final_fraction * (1 + 1e-9)) return std::nullopt;
        if (ctx.request.final_dose && latest <= *ctx.request.final_dose * (1 + 1e-9)) return std::nullopt;
        const double occ_latest = m.occupancy_percent(latest);

        double next_occ = 0;
        if (!occupancy_targets.empty()) {
            const auto it = std::find_if(occupancy_targets.begin(), occupancy_targets.end(),
                                         [&](double o) { return o < occ_latest - 1e-9; });
            if (it == occupancy_targets.end()) return std::nullopt;
            next_occ = *it;
        } else {
            next_occ = occ_latest - points;
            if (next_occ < occupancy_floor.value_or(points) - 1e-9) return std::nullopt;
        }
        target t;  // (not a designated initializer: GCC 12 warns about the members left out)
        t.daily_dose = m.dose_for_occupancy(next_occ);
        t.note = make_message(message_code::target_occupancy, {next_occ * units::points});
        return t;
    }

    /// By name (registry): `points` (default 5) or `occupancy_targets` (not both),
    /// `occupancy_floor`, `final_fraction`. Checks against the drug's model (Emax) wait for
    /// planning, when the model is known.
    static hyperbolic from_options(const strategy_options& o) {
        detail::accept_only(o, "hyperbolic", {"points", "occupancy_targets", "occupancy_floor", "final_fraction"});
        hyperbolic h;
        if (o.points && !o.occupancy_targets.empty())
            throw strategy_error("hyperbolic strategy: give occupancy points per step or a list of occupancy "
                                 "targets, not both");
        if (o.points) {
            if (!std::isfinite(*o.points) || *o.points <= 0 || *o.points >= 100)
                throw strategy_error("hyperbolic strategy: expected occupancy points per step between 0 and 100 "
                                     "(exclusive), not " + format_number(*o.points));
            h.points = *o.points;
        }
        h.occupancy_targets = o.occupancy_targets;
        for (std::size_t i = 0; i < h.occupancy_targets.size(); ++i) {
            const double v = h.occupancy_targets[i];
            if (!std::isfinite(v) || v < 0 || v >= 100)
                throw strategy_error("hyperbolic strategy: occupancy target " + format_number(v) +
                                     " is not a percentage from 0 up to 100");
            if (i > 0 && v >= h.occupancy_targets[i - 1])
                throw strategy_error("hyperbolic strategy: occupancy targets must strictly decrease (" +
                                     format_number(h.occupancy_targets[i - 1]) + " then " + format_number(v) + ")");
        }
        if (o.occupancy_floor) {
            if (!std::isfinite(*o.occupancy_floor) || *o.occupancy_floor < 0 || *o.occupancy_floor >= 100)
                throw strategy_error("hyperbolic strategy: the occupancy floor must be a percentage from 0 up to "
                                     "100, not " + format_number(*o.occupancy_floor));
            h.occupancy_floor = o.occupancy_floor;
        }
        if (o.final_fraction) {
            if (!std::isfinite(*o.final_fraction) || *o.final_fraction <= 0 || *o.final_fraction >= 1)
                throw strategy_error("hyperbolic strategy: the final fraction must be between 0 and 1, not " +
                                     format_number(*o.final_fraction));
            h.final_fraction = o.final_fraction;
        }
        return h;
    }

private:
    void validate(const occupancy_model& m) const {
        if (occupancy_targets.empty() && (!std::isfinite(points) || points <= 0 || points >= 100))
            throw plan_error("hyperbolic strategy: expected occupancy points per step between 0 and 100, not " +
                             format_number(points));
        if (occupancy_floor && (!std::isfinite(*occupancy_floor) || *occupancy_floor < 0 ||
                                *occupancy_floor >= *m.emax_percent))
            throw plan_error("hyperbolic strategy: the occupancy floor must be from 0 up to the model's Emax (" +
                             format_number(*m.emax_percent) + "%), not " + format_number(*occupancy_floor));
        if (final_fraction && (!std::isfinite(*final_fraction) || *final_fraction <= 0 || *final_fraction >= 1))
            throw plan_error("hyperbolic strategy: the final fraction must be between 0 and 1, not " +
                             format_number(*final_fraction));
        for (std::size_t i = 0; i < occupancy_targets.size(); ++i) {
            const double o = occupancy_targets[i];
            if (!std::isfinite(o) || o < 0 || o >= *m.emax_percent)
                throw plan_error("hyperbolic strategy: occupancy target " + format_number(o) +
                                 "% is outside 0 up to the model's Emax (" + format_number(*m.emax_percent) + "%)");
            if (i > 0 && o >= occupancy_targets[i - 1])
                throw plan_error("hyperbolic strategy: occupancy targets must strictly decrease (" +
                                 format_number(occupancy_targets[i - 1]) + "% then " + format_number(o) + "%)");
        }
    }
};

static_assert(Strategy<hyperbolic>);

}  // namespace taper::strategies
