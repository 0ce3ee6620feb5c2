// Dispensing: what to supply for each step, or for each period (28 days by default) counted
// from the plan's start, so that a prescription can be written.
//
// Every recipe of a realized step is one dose-time, taken once on each day of the step.
// Per product (drug, formulation, strength) and period:
//   - tablets and capsules: the units used (whole, half and quarter pieces, a capsule's share
//     of counted beads, tablets dispersed for a dilution) are summed over the period and
//     rounded up once, so halves and quarters are pooled: 0.5 tablet a day for 28 days is 14
//     tablets, not 28;
//   - liquids and drops: the volume taken (drops × drop volume) summed, and bottles when
//     the options name a bottle volume;
//   - a tapering strip: one pouch for each day with a dose (Groot & van Os rolls); the
//     tablet and liquid lines then say what the pharmacy packs into the pouches.
// Periods are half-open: `end` is the day after the last day, as for step::end().
#include <taper/forms/realize.hpp>
#include "../detail/input_range.hpp"
#include "../detail/number_text.hpp"
#include "../detail/text.hpp"
#include <taper/units/io.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace taper {
namespace {

constexpr std::string_view strip_strategy = "tapering-strip";


bool is_volume(dose_component::kind k) {
    return k == dose_component::kind::liquid_volume || k == dose_component::kind::drops;
}

/// Units used from the pack by one part (the realizer fills units_used; older recipes that
/// only carry `count` are read from it, except for beads, which need the capsule share).
double units_of(const dose_component& part) {
    if (part.units_used > 0) return part.units_used;
    if (part.what == dose_component::kind::whole_or_split_units) return part.count;
    if (part.what == dose_component::kind::dilution) return std::max(1.0, part.count);
    return 0;
}

struct tally {
    std::string key;            // drug + formulation + label
    dispensing_line line;
    bool by_volume = false;
    double pieces = 0;          // units used, unrounded
    double millilitres = 0;
};

class period_builder {
public:
    period_builder(date start, date end, const realized_schedule& r)
        : start_(start), end_(end), plan_drug_(detail::ascii_lower(r.plan().drug)),
          strip_(r.plan().strategy == strip_strategy) {}

    /// Add the days of `s` that fall inside this period.
    void add(const realized_step& s) {
        const date from = std::max(start_, s.planned().start);
        const date to = std::min(end_, s.planned().end());
        const long days = days_between(from, to);
        if (days <= 0) return;
        const auto n = static_cast<double>(days);
        bool any_dose = false;
        for (const auto& recipe : s.recipes) {
            for (const auto& part : recipe.parts) {
                const double per_day_units = is_volume(part.what) ? 0 : units_of(part);
                const double per_day_ml = is_volume(part.what) ? in(part.amount_volume, units::mL) : 0;
                if (per_day_units <= 0 && per_day_ml <= 0) continue;
                any_dose = true;
                tally& t = find(recipe.drug, part);
                t.pieces += per_day_units * n;
                t.millilitres += per_day_ml * n;
            }
        }
        if (strip_ && (any_dose || s.realized_daily > mass{})) pouch_days_ += days;
    }

    dispensing_period finish(const realization_options& options) const {
        dispensing_period p;
        p.start = start_;
        p.end = end_;
        if (pouch_days_ > 0) {
            dispensing_line pouch;
            pouch.formulation_id = "tapering-strip";
            pouch.label = "daily pouch (tapering strip; holds the day's dose of the lines below)";
            pouch.units = static_cast<double>(pouch_days_);
            p.lines.push_back(std::move(pouch));
        }
        for (const auto& t : tallies_) {
            dispensing_line line = t.line;
            if (t.by_volume) {
                // Rounded to 1e-9 mL: a sum of syringe steps should not print as 156.79999999999998.
                line.total_volume = detail::without_float_noise(t.millilitres) * units::mL;
                if (options.bottle_volume) {
                    // Checked before the cast: a count past INT_MAX is undefined behaviour there.
                    const double bottles = std::ceil(t.millilitres / in(*options.bottle_volume, units::mL) - 1e-9);
                    if (!(bottles >= 0 && bottles <= std::numeric_limits<int>::max()))
                        throw invalid_argument_error("dispensing: " + format_number(bottles) + " bottles of " +
                                                     to_string(*options.bottle_volume) +
                                                     " are too many to count; name a larger bottle");
                    line.bottles = static_cast<int>(bottles);
                }
            } else {
                // Pieces are sums of quarters × whole days: exact in binary, so the tolerance
                // only absorbs bead shares (k / beads per capsule).
                line.units = std::ceil(t.pieces - 1e-9);
            }
            p.lines.push_back(std::move(line));
        }
        return p;
    }

    bool empty() const { return tallies_.empty() && pouch_days_ == 0; }

private:
    tally& find(const std::string& drug, const dose_component& part) {
        const std::string key = detail::ascii_lower(drug) + '\n' + part.formulation_id + '\n' + part.label;
        for (auto& t : tallies_)
            if (t.key == key) return t;
        tally t;
        t.key = key;
        t.by_volume = is_volume(part.what);
        t.line.formulation_id = part.formulation_id;
        // Another drug's product (diazepam in a crossover) is named, so lines cannot be mixed up.
        t.line.label = (!drug.empty() && detail::ascii_lower(drug) != plan_drug_) ? drug + " " + part.label : part.label;
        tallies_.push_back(std::move(t));
        return tallies_.back();
    }

    date start_;
    date end_;
    std::string plan_drug_;
    bool strip_ = false;
    long pouch_days_ = 0;
    std::vector<tally> tallies_;
};

void check_options(const realization_options& options) {
    if (options.bottle_volume)
        detail::require_in_range(in(*options.bottle_volume, units::mL), detail::min_bottle_ml, detail::max_bottle_ml,
                                 "bottle volume", "mL");
}

date schedule_start(const realized_schedule& r) {
    if (!r.steps.empty()) return std::min(r.plan().start, r.steps.front().planned().start);
    return r.plan().start;
}

date schedule_end(const realized_schedule& r) {
    date end = r.plan().start;
    for (const auto& s : r.steps) end = std::max(end, s.planned().end());
    return end;
}

}  // namespace

std::vector<dispensing_period> dispense_by_step(const realized_schedule& r) {
    const realization_options& options = r.options;
    check_options(options);
    std::vector<dispensing_period> out;
    for (const auto& s : r.steps) {
        period_builder b(s.planned().start, s.planned().end(), r);
        b.add(s);
        if (!b.empty()) out.push_back(b.finish(options));
    }
    return out;
}

std::vector<dispensing_period> dispense_by_period(const realized_schedule& r, duration period) {
    const realization_options& options = r.options;
    check_options(options);
    const double days = in(period, units::day);
    // Bounded above before std::lround, which overflows past LONG_MAX (a negative period: a
    // loop without end).
    if (!std::isfinite(days) || days < 1 || days > detail::max_period_days ||
        std::abs(days - std::round(days)) > 1e-9)
        throw invalid_argument_error("dispensing period " + format_number(days) +
                                         " d: expected a whole number of days from 1 to " +
                                         format_number(detail::max_period_days) + " (e.g. 28 d)",
                                     error_detail{error_code::invalid_argument, format_number(days),
                                                  "a whole number of days from 1 to " +
                                                      format_number(detail::max_period_days),
                                                  "dispensing period", {}});
    const auto length = std::chrono::days(static_cast<long>(std::lround(days)));

    std::vector<dispensing_period> out;
    const date end = schedule_end(r);
    for (date from = schedule_start(r); from < end; from += length) {
        const date to = std::min(end, from + length);
        period_builder b(from, to, r);
        for (const auto& s : r.steps)
            if (s.planned().start < to && s.planned().end() > from) b.add(s);
        if (!b.empty()) out.push_back(b.finish(options));
    }
    return out;
}

dispensing dispense(realized_schedule r, std::optional<duration> period) {
    dispensing d;
    d.periods = period ? dispense_by_period(r, *period) : dispense_by_step(r);
    if (period) d.period_days = std::lround(in(*period, units::day));
    d.realization = std::move(r);
    return d;
}

}  // namespace taper
