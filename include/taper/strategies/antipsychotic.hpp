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
// Body, options and schema: src/strategies/antipsychotic.cpp.
#include <taper/plan/strategy.hpp>

namespace taper {
class strategy_options;
struct strategy_definition;
}  // namespace taper

namespace taper::strategies {

struct antipsychotic {
    double fraction = 0.25;        ///< share of the most recent dose cut per step, in (0, 1)
    double max_points = 5.0;       ///< largest cut in D2 occupancy points, in (0, 100)
    duration step_length = 91.0 * units::day;  ///< 3 months; 89–184 days accepted
    double final_fraction = 1.0 / 40.0;  ///< stop at or below this share of the start, (0, 1)

    /// Shortest and longest step: three and six calendar months.
    static constexpr double shortest_step_days = 89;
    static constexpr double longest_step_days = 184;

    std::string_view name() const { return "antipsychotic"; }
    std::optional<target> next(const plan_context& ctx, std::span<const step> done) const;

    /// Throws strategy_error (naming the option) for settings out of range.
    void validate() const;
    /// By name: `percent` (of the most recent dose, default 25), `points` (the D2 limit,
    /// default 5), `step_length` (default 91 days), `final_fraction` (default 1/40).
    static antipsychotic from_options(const strategy_options& options);
    /// Name, description, schema and factory, for the registry.
    static const strategy_definition& definition();
};

static_assert(Strategy<antipsychotic>);

}  // namespace taper::strategies
