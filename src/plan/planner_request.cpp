// The request checked on its own, before any step, and the finished plan checked against the
// request's overall limits. See src/plan/planner_parts.hpp.
#include "planner_parts.hpp"
#include "request_numbers.hpp"

#include "../detail/input_range.hpp"
#include "../detail/number_text.hpp"

#include <taper/plan/planner.hpp>
#include <taper/plan/plausibility.hpp>
#include <taper/units/access.hpp>
#include <taper/units/io.hpp>

#include <cmath>
#include <cstdint>
#include <set>

namespace taper {
namespace planning {
namespace {

bool finite(mass m) { return std::isfinite(in(m, units::mg)); }
bool about_equal(mass a, mass b) { return detail::nearly_equal(in(a, units::mg), in(b, units::mg)); }

/// Well-formed UTF-8 with no control characters: the dose-time names go into JSON (which
/// needs UTF-8), CSV and a table laid out in columns.
bool printable_text(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7F) return false;
        if (c < 0x80) {
            ++i;
            continue;
        }
        // Lead byte: the length of the sequence and the smallest code point it may encode
        // (anything smaller is an overlong form).
        std::size_t n = 0;
        std::uint32_t cp = 0, least = 0;
        if ((c & 0xE0U) == 0xC0U) {
            n = 2;
            cp = c & 0x1FU;
            least = 0x80;
        } else if ((c & 0xF0U) == 0xE0U) {
            n = 3;
            cp = c & 0x0FU;
            least = 0x800;
        } else if ((c & 0xF8U) == 0xF0U) {
            n = 4;
            cp = c & 0x07U;
            least = 0x10000;
        } else {
            return false;
        }
        if (i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k) {
            const auto b = static_cast<unsigned char>(s[i + k]);
            if ((b & 0xC0U) != 0x80U) return false;
            cp = (cp << 6) | (b & 0x3FU);
        }
        if (cp < least || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        if (cp >= 0x80 && cp < 0xA0) return false;  // C1 control characters
        i += n;
    }
    return true;
}

void check_daily_dose(const drug& d, const plan_request& r) {
    check_request_number(request_number::daily_dose_mg, in(r.daily_dose, units::mg), "daily dose");
    if (const auto refused_above = implausible_above(d); refused_above && r.daily_dose > *refused_above)
        reject("daily dose", to_string(r.daily_dose) + " is more than " +
                                 format_number(implausible_multiple_of_licensed_maximum) +
                                 " times the licensed maximum daily dose of " + d.name + " (" +
                                 to_string(*refused_above / implausible_multiple_of_licensed_maximum) +
                                 "); check the number and the unit (mg, not mcg, g or a misplaced decimal point)");
    const mass limit = plausible_daily_limit(d);
    if (r.daily_dose > limit)
        reject("daily dose", to_string(r.daily_dose) + " is far beyond any plausible daily dose of " + d.name +
                                 " (taper refuses more than " + to_string(limit) +
                                 "); check the number and the unit (mg, not mcg)");
}

void check_start(const plan_request& r) {
    if (!in_date_range(r.start))
        reject("start", "must be from 1900-01-01 to 9999-12-31 (dates are written as ISO 8601 with four-digit "
                        "years), not a date in the year " +
                            std::to_string(int(std::chrono::year_month_day{r.start}.year())));
}

void check_split(const plan_request& r) {
    if (r.split.empty()) return;
    std::set<std::string_view> times;
    mass total{};
    for (const auto& t : r.split) {
        if (t.time.empty()) reject("split", "every dose-time needs a name, e.g. \"morning\"");
        if (!printable_text(t.time))
            reject("split", "a dose-time's name must be UTF-8 text without control characters (tabs, line "
                            "breaks), e.g. \"morning\"");
        if (!times.insert(t.time).second) reject("split", "the dose-time \"" + t.time + "\" appears twice");
        if (!finite(t.amount) || !(t.amount > mass{}))
            reject("split", "the " + t.time + " dose must be more than 0 mg, not " + to_string(t.amount));
        check_request_number(request_number::dose_time_mg, in(t.amount, units::mg), "split", t.time);
        total += t.amount;
    }
    if (!about_equal(total, r.daily_dose))
        reject("split", "the dose-times add up to " + to_string(total) + ", not the daily dose of " +
                            to_string(r.daily_dose));
}

/// A step length from one day to ten years (a field name is built only for the error).
template <class Field>
void check_interval(const Field& field, duration length) {
    const double days = in(length, units::day);
    if (!std::isfinite(days) || days < 0.5 || days > 3653)
        check_request_number(request_number::step_length_days, days, field());
}

void check_intervals(const plan_request& r) {
    check_interval([] { return std::string("interval"); }, r.interval);
    for (const auto& [phase, length] : r.phase_interval)
        check_interval([p = phase] { return "interval for " + std::string(to_string(p)) + " steps"; }, length);
}

void check_cut_limits(const plan_request& r) {
    if (r.max_step) check_request_number(request_number::max_step_mg, in(*r.max_step, units::mg), "max step");
    if (r.max_step_percent)
        check_request_number(request_number::max_step_percent, in(*r.max_step_percent, units::percent_of_dose),
                             "max step percent");
    if (r.max_step_points)
        check_request_number(request_number::max_step_points, in(*r.max_step_points, units::points),
                             "max step points");
    check_request_number(request_number::min_change_mg, in(r.min_change, units::mg), "min change");
    if (r.max_step && r.min_change > *r.max_step)
        reject("min change", "the smallest change worth making (" + to_string(r.min_change) +
                                 ") is larger than the largest allowed cut (" + to_string(*r.max_step) + ")");
}

void check_end(const drug& d, const plan_request& r) {
    if (r.final_dose) {
        check_request_number(request_number::final_dose_mg, in(*r.final_dose, units::mg), "final dose");
        // For benzodiazepines and z-drugs the final and maintenance doses may be in diazepam-
        // equivalent mg (a crossover): check_against_start compares them once the basis is known.
        if (*r.final_dose >= r.daily_dose && !uses_diazepam_equivalents(d.klass))
            reject("final dose", to_string(*r.final_dose) + " is not below the daily dose of " + to_string(r.daily_dose));
        if (r.maintenance > mass{})
            reject("final dose", "a final dose before stopping makes no sense with a maintenance dose; give one or the other");
    }
    check_request_number(request_number::maintenance_mg, in(r.maintenance, units::mg), "maintenance");
    if (r.maintenance >= r.daily_dose && !uses_diazepam_equivalents(d.klass))
        reject("maintenance", to_string(r.maintenance) + " is not below the daily dose of " + to_string(r.daily_dose));
    if (r.max_steps && *r.max_steps < 1) reject("max steps", "must be at least 1");
    if (r.max_duration)
        check_request_number(request_number::max_duration_days, in(*r.max_duration, units::day), "max duration");
}

void check_holds(const plan_request& r) {
    if (r.holds.empty()) return;
    std::set<int> held_steps;
    for (const auto& h : r.holds) {
        if (h.after_step < 1) reject("holds", "a hold follows a step, numbered from 1");
        if (!held_steps.insert(h.after_step).second)
            reject("holds", "two holds after step " + std::to_string(h.after_step) +
                                "; give one hold with the total length");
        check_interval([n = h.after_step] { return "hold after step " + std::to_string(n); }, h.length);
    }
}

void check_named_data(const drug& d, const plan_request& r) {
    if (!r.occupancy_model.empty() && d.find_target(r.occupancy_model) == nullptr) {
        std::string ids;
        for (const auto& t : d.targets) ids += (ids.empty() ? "" : ", ") + t.id;
        reject("occupancy model", d.name + " has no occupancy model \"" + r.occupancy_model + "\" (" +
                                      (ids.empty() ? std::string("it has none") : "its models: " + ids) + ")");
    }
    if (r.max_step_points && resolve_model(d, r) == nullptr)
        reject("max step points", d.name + " has no receptor occupancy model in the data, so a limit in "
                                           "occupancy points cannot be checked; limit the cut in mg or % instead");
    if (!r.occupancy_model.empty()) (void)resolve_model(d, r);  // throws if unknown or unusable
    if (!r.current_formulation.empty() && d.find_formulation(r.current_formulation) == nullptr)
        reject("current formulation", d.name + " has no formulation \"" + r.current_formulation + "\"");
}

}  // namespace

[[noreturn]] void reject(std::string_view field, const std::string& problem) {
    throw plan_error("plan request: " + std::string(field) + ": " + problem,
                     error_detail{error_code::plan_request, {}, {}, std::string(field), {}});
}

number_range range_of(request_number kind) {
    constexpr double most_mg = detail::max_dose_mg;
    switch (kind) {
        case request_number::daily_dose_mg:
        case request_number::dose_time_mg:
        case request_number::max_step_mg:
        case request_number::final_dose_mg: return {0, false, most_mg, true, "mg"};
        case request_number::min_change_mg:
        case request_number::maintenance_mg: return {0, true, most_mg, true, "mg"};
        case request_number::step_length_days: return {0.5, true, 3653, true, "days"};
        case request_number::max_step_percent: return {0, false, 100, false, "%"};
        case request_number::max_step_points: return {0, false, 100, false, "points"};
        case request_number::max_duration_days: return {1, true, detail::max_period_days, true, "days"};
    }
    return {0, true, 0, true, ""};  // not reached: every kind is listed above
}

namespace {

/// What the planner has always said about each field (the bindings' tests pin these words).
std::string problem_with(request_number kind, const number_range& range, double value) {
    const std::string v = format_number(value);
    const bool too_high = std::isfinite(value) && value > range.highest;
    switch (kind) {
        case request_number::daily_dose_mg:
            if (!std::isfinite(value)) return "must be a finite number of mg";
            if (too_high) break;
            return v + " mg leaves nothing to taper; expected more than 0 mg";
        case request_number::dose_time_mg:
        case request_number::max_step_mg:
        case request_number::final_dose_mg:
            if (too_high) break;
            return "must be more than 0 mg, not " + v + " mg";
        case request_number::min_change_mg:
        case request_number::maintenance_mg:
            if (too_high) break;
            return "must be 0 mg or more, not " + v + " mg";
        case request_number::step_length_days:
            if (too_high) return "must be at most ten years, not " + v + " days";
            return "must be at least one day, not " + v + " days";
        case request_number::max_step_percent:
            return "expected a percentage of the most recent dose between 0 and 100 (exclusive), not " + v;
        case request_number::max_step_points:
            return "expected occupancy points between 0 and 100 (exclusive), not " + v;
        case request_number::max_duration_days:
            if (too_high) break;
            return "must be at least one day, not " + v + " days";
    }
    return "must be at most " + format_number(range.highest) + " " + std::string(range.unit) + ", not " + v + " " +
           std::string(range.unit);
}

}  // namespace

void check_request_number(request_number kind, double value, std::string_view field, std::string_view subject) {
    const number_range range = range_of(kind);
    const bool above_lowest = range.lowest_allowed ? value >= range.lowest : value > range.lowest;
    const bool below_highest = range.highest_allowed ? value <= range.highest : value < range.highest;
    if (std::isfinite(value) && above_lowest && below_highest) return;
    const std::string unit = range.unit == "%" ? "%" : std::string(" ").append(range.unit);  // GCC 12 -Wrestrict (bug 105329)
    const std::string expected = "a finite number " + std::string(range.lowest_allowed ? "from " : "above ") +
                                 format_number(range.lowest) + unit + (range.highest_allowed ? " to " : " and below ") +
                                 format_number(range.highest) + unit;
    const std::string whose = subject.empty() ? std::string() : "the " + std::string(subject) + " dose ";
    throw plan_error("plan request: " + std::string(field) + ": " + whose + problem_with(kind, range, value),
                     error_detail{error_code::plan_request, format_number(value), expected, std::string(field), {}});
}

const occupancy_model* resolve_model(const drug& d, const plan_request& r) {
    if (!r.occupancy_model.empty()) return &d.occupancy(r.occupancy_model);
    return d.usable_occupancy();
}

const drug& validated_drug(const database& db, const plan_request& r) {
    if (r.drug.find_first_not_of(" \t") == std::string::npos) reject("drug", "name a drug, e.g. \"citalopram\"");
    const drug& d = db.get(r.drug);
    // In the order the checks were always made, so that the first fault reported stays the same.
    check_daily_dose(d, r);
    check_start(r);
    check_split(r);
    check_intervals(r);
    check_cut_limits(r);
    check_end(d, r);
    check_holds(r);
    check_named_data(d, r);
    return d;
}

void check_against_start(const plan_request& r, mass start_in_basis, dose_basis basis) {
    if (r.final_dose && *r.final_dose >= start_in_basis)
        reject("final dose", to_string(*r.final_dose) + " is not below the starting dose of " +
                                 to_string(start_in_basis) + " (" + std::string(to_string(basis)) + ")");
    if (r.maintenance >= start_in_basis)
        reject("maintenance", to_string(r.maintenance) + " is not below the starting dose of " +
                                  to_string(start_in_basis) + " (" + std::string(to_string(basis)) + ")");
}

// The plan so far against the request's bounds. Called after every step, so that the planner
// stops as soon as a plan breaks one (bounded work: a runaway plan is never written out to the
// end only to be refused); `finished` says whether the last step is the plan's last, and with
// it the whole plan's count and length are known.
void check_plan_bounds(const plan_request& r, date start, std::span<const step> steps, bool finished,
                       std::string_view strategy) {
    const auto count = static_cast<long>(steps.size());
    const date end = steps.empty() ? start : steps.back().end();
    // The planner checks after every step: the text is written only for an error being thrown
    // (writing it every time was half of a hyperbolic plan's instructions, docs/performance.md).
    const auto reaching = [&] {
        return "reaching " + to_string(r.maintenance) + " from " + to_string(r.daily_dose) + " with the " +
               std::string(strategy) + " strategy";
    };
    if (r.max_steps && count > *r.max_steps)
        throw plan_error("plan request: max steps: " + reaching() +
                         (finished ? " takes " + std::to_string(count) + " steps, more than the " +
                                         std::to_string(*r.max_steps) + " allowed"
                                   : " takes more than the " + std::to_string(*r.max_steps) +
                                         " steps allowed (planning stopped at step " + std::to_string(count) + ")") +
                         "; allow more steps or choose larger ones");
    // Dates are written YYYY-MM-DD, and each step's `end` (the day after its last) is written
    // too, so the plan ends by 9999-12-31; later dates would not fit (and far later ones run
    // past std::chrono's years).
    const long days = days_between(start, end);
    if (end > latest_date)
        throw plan_error("plan request: start: this plan of " + std::string(finished ? "" : "more than ") +
                         std::to_string(count) + " steps from " + format_date(start) +
                         " would end after 9999-12-31 (" + std::string(finished ? "" : "more than ") +
                         std::to_string(days) +
                         " days); dates are written with four-digit years: start earlier, or choose shorter or "
                         "larger steps");
    if (r.max_duration && days > std::lround(in(*r.max_duration, units::day)))
        throw plan_error("plan request: max duration: " + reaching() + " takes " +
                         (finished ? std::to_string(days) + " days (" + std::to_string(count) + " steps), more than the "
                                   : "more than the ") +
                         format_number(in(*r.max_duration, units::day)) +
                         (finished ? " allowed" : " days allowed (planning stopped at step " + std::to_string(count) +
                                                      ", day " + std::to_string(days) + ")") +
                         "; allow longer or choose larger steps");
}

}  // namespace planning

mass plausible_daily_limit(const drug& d) {
    // Structural bounds on any dose: 100 x ED50 of the default model, 500 mg diazepam-equivalent.
    mass structural = 10000.0 * units::mg;
    if (const auto* m = d.usable_occupancy()) {
        structural = 100.0 * *m->ed50;
    } else if (!d.equivalents.empty()) {
        const auto it = d.equivalents.tables.find(default_equivalence_table);
        if (it != d.equivalents.tables.end() && it->second.known())
            structural = (500.0 / 10.0) * it->second->high;  // 500 mg diazepam-equivalent
    }
    // Tighter where the data has the licensed maximum (include/taper/plan/plausibility.hpp).
    const auto licensed = implausible_above(d);
    return licensed && *licensed < structural ? *licensed : structural;
}

void validate_request(const database& db, const plan_request& r) { (void)planning::validated_drug(db, r); }

}  // namespace taper
