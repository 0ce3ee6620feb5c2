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
// A table that gives a range (Ashton: loprazolam 1–2 mg ≈ 10 mg diazepam) needs `range`
// chosen explicitly; a drug with no known equivalent in the table (zaleplon, eszopiclone) is
// a missing_data_error. Diazepam itself needs no switch: its plan is in its own mg (which
// are diazepam mg) and starts with phase 2.
#include <taper/detail/strategy_options.hpp>
#include <taper/drugs/equivalence.hpp>
#include <taper/error.hpp>
#include <taper/plan/registry.hpp>
#include <taper/plan/strategy.hpp>
#include <taper/units/io.hpp>
#include <taper/units/parse.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace taper::strategies {

/// Which end of an equivalence table's range to switch at, named by the table's own
/// numbers ("1–2 mg loprazolam ≈ 10 mg diazepam"): `low` takes 1 mg ≈ 10 mg diazepam (the
/// larger diazepam dose), `high` takes 2 mg ≈ 10 mg (the smaller).
enum class range_end { low, high };

struct diazepam_crossover {
    std::optional<range_end> range{};                  ///< required when the table gives a range
    duration switch_length = from_value<duration>(7);  ///< per switch step, 1–365 days
    double percent = 10.0;                             ///< of the most recent dose, in (0, 100)
    mass tail_step = from_value<mass>(0.5);            ///< diazepam mg per tail step, > 0

    static constexpr const char* reference_drug = "diazepam";

    std::string_view name() const { return "diazepam-crossover"; }

    std::optional<target> next(const plan_context& ctx, std::span<const step> done) const {
        validate_as<plan_error>();
        const drug& d = ctx.subject;
        if (!uses_diazepam_equivalents(d.klass))
            throw plan_error("diazepam-crossover strategy: " + d.name + " is not a benzodiazepine or z-drug (class " +
                             d.class_label + "); use the hyperbolic strategy (equal occupancy steps) or the "
                             "proportional strategy (a percentage of the most recent dose) instead");
        if (d.name == reference_drug) {
            auto t = reduce(ctx, done, dose_basis::own_mg);
            // The first step says why there is no switch; its cut is the usual one.
            if (t && done.empty()) t->note = make_message(message_code::crossover_not_needed);
            return t;
        }

        const equivalence eq = equivalent(ctx);
        const std::vector<timed_dose> split =
            ctx.request.split.empty() ? std::vector<timed_dose>{{"daily", ctx.request.daily_dose}} : ctx.request.split;
        const auto switched = static_cast<std::size_t>(
            std::count_if(done.begin(), done.end(), [](const step& s) { return s.phase == step_phase::switch_over; }));
        if (switched >= split.size()) return reduce(ctx, done, dose_basis::diazepam_mg);

        // Switch step `switched + 1`: the last `switched + 1` dose-times of the day are diazepam.
        const std::size_t first_diazepam = split.size() - switched - 1;
        target t;
        t.phase = step_phase::switch_over;
        t.basis = dose_basis::diazepam_mg;
        if (!ctx.request.phase_interval.contains(step_phase::switch_over)) t.length = switch_length;
        t.daily_dose = from_value<mass>(0);
        for (std::size_t i = 0; i < split.size(); ++i) {
            const mass as_diazepam = split[i].amount * eq.diazepam_per_mg;
            t.daily_dose += as_diazepam;
            if (i >= first_diazepam)
                t.doses.push_back({reference_drug, split[i].time, as_diazepam});
            else
                t.doses.push_back({d.name, split[i].time, split[i].amount});
        }
        const timed_dose& now = split[first_diazepam];
        t.note = make_message(message_code::crossover_switch,
                              {parameter::count(switched + 1), parameter::dose_time(first_diazepam), now.amount,
                               in(now.amount * eq.diazepam_per_mg, units::mg) * units::diazepam_mg});
        return t;
    }

    /// By name (registry): `percent` (default 10), `step_length` (the switch steps' length,
    /// default 7 days), `extra.range_end` ("low" or "high"), `extra.tail_step` (a mass, e.g.
    /// "0.5 mg"). The equivalence table is the request's (`equivalence_table`).
    static diazepam_crossover from_options(const strategy_options& o) {
        detail::accept_only(o, "diazepam-crossover", {"percent", "step_length", "extra.range_end", "extra.tail_step"});
        diazepam_crossover c;
        if (o.percent) c.percent = *o.percent;
        if (o.step_length) c.switch_length = *o.step_length;
        if (const auto it = o.extra.find("range_end"); it != o.extra.end()) {
            if (it->second == "low")
                c.range = range_end::low;
            else if (it->second == "high")
                c.range = range_end::high;
            else
                throw strategy_error(
                    "diazepam-crossover strategy: range_end: expected \"low\" or \"high\", not \"" + it->second + "\"",
                    error_detail{error_code::strategy_option, it->second, "low or high", "extra.range_end", {}});
        }
        if (const auto it = o.extra.find("tail_step"); it != o.extra.end()) {
            try {
                c.tail_step = parse_mass(it->second);
            } catch (const parse_error& e) {
                throw strategy_error("diazepam-crossover strategy: tail_step: expected a mass of diazepam such as "
                                     "\"0.5 mg\": " + std::string(e.what()),
                                     error_detail{error_code::strategy_option, it->second, "a mass such as \"0.5 mg\"",
                                                  "extra.tail_step", {}});
            }
        }
        c.validate_as<strategy_error>();
        return c;
    }

private:
    struct equivalence {
        double diazepam_per_mg;   ///< mg diazepam per mg of the drug
        std::string description;  ///< for notes: "ashton: 0.5 mg alprazolam ~ 10 mg diazepam"
    };

    equivalence equivalent(const plan_context& ctx) const {
        const drug& d = ctx.subject;
        const std::string& table = ctx.request.equivalence_table;
        const auto it = d.equivalents.tables.find(table);
        if (it == d.equivalents.tables.end()) {
            std::string tables;
            for (const auto& [key, value] : d.equivalents.tables) tables += (tables.empty() ? "" : ", ") + key;
            throw plan_error("diazepam-crossover strategy: equivalence table: " + d.name + " has no entry in the \"" +
                             table + "\" table" +
                             (tables.empty() ? std::string(" (nor in any other)")
                                             : " (tables with an entry for it: " + tables + ")") +
                             "; choose one of those in the request's equivalence table");
        }
        const sourced<equivalent_dose>& entry = it->second;
        if (!entry.known())
            throw missing_data_error("diazepam-crossover strategy: the \"" + table +
                                     "\" equivalence table has no diazepam equivalent for " + d.name + " (status " +
                                     std::string(to_string(entry.origin.status)) + "; source: " +
                                     (entry.origin.source.empty() ? "none" : entry.origin.source) +
                                     "); agree a switching dose with the prescriber and give it in your own "
                                     "formulary, or choose another table");
        const equivalent_dose& e = *entry;
        const mass ten = from_value<mass>(10);
        const std::string source_part = "\"" + table + "\": ";
        if (!e.is_range()) {
            if (range)
                return {(ten / e.low).value(), source_part + to_string(e.low) + " " + d.name +
                                                   " ~ 10 mg diazepam; the table gives one value, so the chosen "
                                                   "range end does not apply"};
            return {(ten / e.low).value(), source_part + to_string(e.low) + " " + d.name + " ~ 10 mg diazepam"};
        }
        const std::string range_text = format_number(e.low.value()) + " to " + to_string(e.high);
        if (!range)
            throw plan_error("diazepam-crossover strategy: range end: the \"" + table + "\" table gives a range for " +
                             d.name + ": " + range_text + " ~ 10 mg diazepam, so 1 mg " + d.name + " ~ " +
                             format_number((ten / e.high).value()) + " to " + format_number((ten / e.low).value()) +
                             " mg diazepam. Choose the end explicitly with the prescriber: \"low\" (" +
                             to_string(e.low) + " ~ 10 mg diazepam, the larger diazepam dose) or \"high\" (" +
                             to_string(e.high) + " ~ 10 mg diazepam, the smaller)");
        const mass chosen = *range == range_end::low ? e.low : e.high;
        return {(ten / chosen).value(), source_part + range_text + " " + d.name + " ~ 10 mg diazepam; " +
                                            (*range == range_end::low ? "low" : "high") + " end chosen: " +
                                            to_string(chosen) + " ~ 10 mg diazepam"};
    }

    std::optional<target> reduce(const plan_context& ctx, std::span<const step> done, dose_basis basis) const {
        const mass latest = ctx.latest(done, ctx.start_dose());
        if (latest.value() <= 0) return std::nullopt;
        if (ctx.request.final_dose && latest <= *ctx.request.final_dose * (1 + 1e-9)) return std::nullopt;
        target t;
        t.basis = basis;
        const mass cut = latest * (percent / 100.0);
        if (cut >= tail_step * (1 - 1e-9)) {
            t.daily_dose = latest - cut;
            t.note = make_message(message_code::cut_share_of_recent, {percent * units::percent_of_dose});
            return t;
        }
        // The tail: whole multiples of tail_step, one lower per step.
        const double multiples = std::round((latest / tail_step).value()) - 1.0;
        t.daily_dose = tail_step * std::max(0.0, multiples);
        t.note = make_message(message_code::crossover_tail, {tail_step, percent * units::percent_of_dose});
        return t;
    }

    template <class Error>
    void validate_as() const {
        if (!std::isfinite(percent) || percent <= 0 || percent >= 100)
            throw Error("diazepam-crossover strategy: percent: expected a percentage of the most recent dose "
                        "between 0 and 100 (exclusive), not " + format_number(percent));
        if (!std::isfinite(tail_step.value()) || tail_step.value() <= 0)
            throw Error("diazepam-crossover strategy: tail step: expected more than 0 mg diazepam, not " +
                        to_string(tail_step));
        const double days = switch_length.value();
        if (!std::isfinite(days) || days < 1 || days > 365)
            throw Error("diazepam-crossover strategy: switch length: expected 1 to 365 days per switch step, not " +
                        format_number(days) + " days");
    }
};

static_assert(Strategy<diazepam_crossover>);

}  // namespace taper::strategies
