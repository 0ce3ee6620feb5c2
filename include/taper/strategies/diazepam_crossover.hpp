#pragma once
// Diazepam crossover, for benzodiazepines and z-drugs (Ashton Manual 2002; NHS Scotland,
// "Benzodiazepines and z-drugs: switching to diazepam" and its reduction schedules).
//
// There is no usable human occupancy model for these drugs, so the plan is measured in
// diazepam-equivalent mg, in three phases:
//
//  1. Switch (step_phase::switch_over): one dose-time at a time, the drug is replaced by the
//     equivalent dose of diazepam, from the request's equivalence table (the Ashton
//     convention: "x mg of the drug ≈ 10 mg diazepam"), starting with the last dose-time
//     of the day (the night dose, as in NHS Scotland's worked example). The daily total in
//     diazepam-equivalent mg does not change; each step lists every dose-time explicitly,
//     the drug's own name for those not yet switched and "diazepam" for the rest. Switch
//     steps last `switch_length` (7 days: NHS Scotland reviews a switch after 5–7 days),
//     unless the request sets an interval for switch steps, which wins.
//  2. Reduce: `percent` (10%) of the most recent diazepam-equivalent dose per step, at the
//     request's interval (Ashton and NHS Scotland: small cuts every 2–4 weeks).
//  3. Tail: once a proportional cut would be smaller than `tail_step` (0.5 mg diazepam;
//     2 mg tablets halve to 1 mg, the 2 mg/5 mL liquid measures less), every dose is a whole
//     multiple of `tail_step`, each step one multiple lower, down to 0. The first tail step
//     moves to the multiple nearest to one tail step below the dose, so it cuts between a
//     half and one and a half tail steps; every later one cuts exactly one.
//
// Staged substitution (`switch_ceiling`, off unless set): a high dose is not switched whole.
// UK guidance advises against starting diazepam above 30 mg a day (NHS Lothian; NI Formulary
// 4.10.3), and the Ashton Manual's schedules include partial substitution for high doses (part
// of the dose switched, not all at once). With a ceiling set and a switch that would exceed it:
//  1. Switch steps move the drug to diazepam one dose-time at a time, night first, but only
//     until the diazepam reaches the ceiling (a dose-time may be switched in part).
//  2. Reduce steps cut `percent` of the diazepam-equivalent total from the drug still taken
//     (its dose-times in proportion, no cut larger than the request's `max_step`), holding the
//     diazepam at the ceiling, until the drug is gone (the last cut is what is left, if smaller).
//  3. Then the diazepam is reduced as in phase 2 and 3 above.
// A switch within the ceiling is the whole switch above, unchanged.
//
// A table that gives a range (Ashton: loprazolam 1–2 mg ≈ 10 mg diazepam) needs `range`
// chosen explicitly; a drug with no known equivalent in the table (zaleplon, eszopiclone) is
// a missing_data_error. Diazepam itself needs no switch: its plan is in its own mg (which
// are diazepam mg) and starts with phase 2.
// Body, options and schema: src/strategies/diazepam_crossover.cpp.
#include <taper/plan/strategy.hpp>

namespace taper {
class strategy_options;
struct strategy_definition;
}  // namespace taper

namespace taper::strategies {

/// Which end of an equivalence table's range to switch at, named by the table's own
/// numbers ("1–2 mg loprazolam ≈ 10 mg diazepam"): `low` takes 1 mg ≈ 10 mg diazepam (the
/// larger diazepam dose), `high` takes 2 mg ≈ 10 mg (the smaller).
enum class range_end { low, high };

struct diazepam_crossover {
    std::optional<range_end> range{};              ///< required when the table gives a range
    duration switch_length = 7.0 * units::day;     ///< per switch step, 1–365 days
    double percent = 10.0;                         ///< of the most recent dose, in (0, 100)
    mass tail_step = 0.5 * units::mg;              ///< diazepam mg per tail step, > 0
    /// Diazepam mg a day the switch may reach before the rest of the drug is reduced instead
    /// (staged substitution); none: the whole dose is switched.
    std::optional<mass> switch_ceiling{};

    static constexpr const char* reference_drug = "diazepam";

    std::string_view name() const { return "diazepam-crossover"; }
    std::optional<target> next(const plan_context& ctx, std::span<const step> done) const;

    /// Throws strategy_error (naming the option) for settings out of range.
    void validate() const;
    /// By name: `percent` (default 10), `step_length` (the switch steps' length, default 7
    /// days), `range_end` ("low" or "high"), `tail_step` (default 0.5 mg), `switch_ceiling`
    /// (diazepam mg a day; unset by default). The equivalence
    /// table is the request's (`equivalence_table`).
    static diazepam_crossover from_options(const strategy_options& options);
    /// Name, description, schema and factory, for the registry.
    static const strategy_definition& definition();

private:
    std::optional<target> staged(const plan_context& ctx, std::span<const step> done, double diazepam_per_mg,
                                 mass ceiling) const;
    std::optional<target> reduce(const plan_context& ctx, std::span<const step> done, dose_basis basis) const;
};

static_assert(Strategy<diazepam_crossover>);

}  // namespace taper::strategies
