#pragma once
// Antipsychotic: the D2 rules of Horowitz, Jauhar, Natesan, Murray & Taylor (Schizophrenia
// Bulletin 2021) as a named preset.
//
// Each step cuts `fraction` (about a quarter) of the most recent dose, but never more than
// `max_points` points of D2 receptor occupancy where the drug has a usable D2 model (the
// same hyperbola as the hyperbolic strategy):
//     D_fraction = D_latest · (1 − fraction)
//     D_points   = ED50·occ / (Emax − occ),   occ = occ(D_latest) − max_points
//     D_next     = max(D_fraction, D_points)          (the smaller of the two cuts)
// At high doses the quarter is the smaller cut; around ED50, where the curve is steepest,
// the occupancy limit takes over; at low doses the quarter binds again. Every step lasts
// `step_length` (3 months by default; 3–6 months in the paper). The taper stops once the
// dose is at or below `final_fraction` (1/40) of the starting dose, which the preset takes as
// the therapeutic dose (or at the request's final dose); the planner then adds the stop step.
//
// Drugs without a usable D2 model in the data (haloperidol, quetiapine, aripiprazole, ...:
// ED50 not retrieved) follow the fraction rule alone, with a note on every step saying so.
// Drugs that are not antipsychotics are refused (hyperbolic or proportional fit them).
#include <taper/detail/strategy_options.hpp>
#include <taper/error.hpp>
#include <taper/plan/registry.hpp>
#include <taper/plan/strategy.hpp>
#include <taper/units/io.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace taper::strategies {

struct antipsychotic {
    double fraction = 0.25;        ///< share of the most recent dose cut per step, in (0, 1)
    double max_points = 5.0;       ///< largest cut in D2 occupancy points, in (0, 100)
    duration step_length = from_value<duration>(91);  ///< 3 months; 89–184 days accepted
    double final_fraction = 1.0 / 40.0;  ///< stop at or below this share of the start, (0, 1)

    /// Shortest and longest step: three and six calendar months.
    static constexpr double shortest_step_days = 89;
    static constexpr double longest_step_days = 184;

    std::string_view name() const { return "antipsychotic"; }

    std::optional<target> next(const plan_context& ctx, std::span<const step> done) const {
        validate();
        const drug& d = ctx.subject;
        if (d.klass != drug_class::antipsychotic)
            throw plan_error("antipsychotic strategy: " + d.name + " is not an antipsychotic (class " +
                             d.class_label + "); use the hyperbolic strategy (equal occupancy steps) or the "
                             "proportional strategy (a percentage of the most recent dose) instead");
        const mass start = ctx.start_dose();
        const mass latest = ctx.latest(done, start);
        if (latest.value() <= 0) return std::nullopt;
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

    /// By name (registry): `percent` (of the most recent dose, default 25), `points` (the D2
    /// limit, default 5), `step_length` (default 91 days), `final_fraction` (default 1/40).
    static antipsychotic from_options(const strategy_options& o) {
        detail::accept_only(o, "antipsychotic", {"percent", "points", "step_length", "final_fraction"});
        antipsychotic a;
        if (o.percent) a.fraction = *o.percent / 100.0;
        if (o.points) a.max_points = *o.points;
        if (o.step_length) a.step_length = *o.step_length;
        if (o.final_fraction) a.final_fraction = *o.final_fraction;
        a.validate_as<strategy_error>();
        return a;
    }

private:
    /// The request's chosen model (or the drug's default) if it is a usable D2 model.
    static const occupancy_model* d2_model(const plan_context& ctx) {
        const occupancy_model* m = ctx.model;
        return (m != nullptr && m->usable() && m->receptor == "D2") ? m : nullptr;
    }

    void validate() const { validate_as<plan_error>(); }

    template <class Error>
    void validate_as() const {
        if (!std::isfinite(fraction) || fraction <= 0 || fraction >= 1)
            throw Error("antipsychotic strategy: fraction: expected a share of the most recent dose between 0 "
                        "and 1 (0.25 = a quarter; as a percentage, between 0 and 100), not " +
                        format_number(fraction));
        if (!std::isfinite(max_points) || max_points <= 0 || max_points >= 100)
            throw Error("antipsychotic strategy: max points: expected D2 occupancy points per step between 0 "
                        "and 100 (exclusive), not " + format_number(max_points));
        const double days = step_length.value();
        if (!std::isfinite(days) || days < shortest_step_days || days > longest_step_days)
            throw Error("antipsychotic strategy: step length: expected 3 to 6 months (" +
                        format_number(shortest_step_days) + " to " + format_number(longest_step_days) +
                        " days), not " + format_number(days) +
                        " days; for other paces use the hyperbolic or proportional strategy");
        if (!std::isfinite(final_fraction) || final_fraction <= 0 || final_fraction >= 1)
            throw Error("antipsychotic strategy: final fraction: expected a share of the starting dose between "
                        "0 and 1 (1/40 = 0.025), not " + format_number(final_fraction));
    }
};

static_assert(Strategy<antipsychotic>);

}  // namespace taper::strategies
