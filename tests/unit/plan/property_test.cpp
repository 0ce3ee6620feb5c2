// Property tests: the schedule's invariants over thousands of random requests.
//
// Every drug of the embedded database, a random dose within its plausible range, a random
// strategy among those that apply to it, and random limits. Whatever the planner makes must
//   - never go above the starting dose (own mg; a crossover's diazepam lines are the switch),
//     and never raise the equivalent dose from one step to the next;
//   - end at zero, or at the requested maintenance dose;
//   - have contiguous dates from the start date, every step at least one whole day;
//   - keep every requested maximum: mg always, % except the stop to zero, occupancy points
//     always where there is a model;
//   - have doses per time that add up to the step's daily dose;
//   - contain no NaN;
// and the safety rules of docs/safety.md (each asserted by its message code):
//   - no remnant: no cut leaves less than 1/20 of what was above the end dose before it,
//     unless the request's own final dose is that dose or the step says remnant_step;
//   - no stop to zero from more than 1/20 of the start without the abrupt-stop warning,
//     judged from the last meaningful dose;
//   - a default hyperbolic plan's stop is no larger in occupancy points than its step;
//   - a stop from 0.5 mg diazepam or less (the Ashton Manual's last step) is not an abrupt stop;
//   - no step but the stop below the person's final dose, and "final dose before stopping"
//     only on a step at the final dose; a stop from the final dose that breaks a maximum
//     says so (stop_from_final_dose_over_limit);
//   - a starting dose above the drug's licensed maximum is warned (above_licensed_maximum),
//     and one at or below it is not;
//   - a hold keeps the whole-units warning of the dose it holds;
//   - an own-mg plan with an occupancy model states the model's evidence status.
// A request the planner refuses must be one that legitimately cannot be planned (more steps
// or days than max_steps / max_duration allow); anything else is a failure.
//
// The generator is seeded, so a failure is reproducible: its description is printed.
#include <taper/taper.hpp>
#include <taper/units/from_value.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace strategies = taper::strategies;
using taper::from_value;
using taper::mass;

constexpr int case_count = 3000;
constexpr std::uint64_t seed = 20261121;

mass mg(double v) { return from_value<mass>(v); }
taper::duration days(double v) { return from_value<taper::duration>(v); }

class rng {
public:
    explicit rng(std::uint64_t s) : engine_(s) {}
    double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(engine_); }
    double log_uniform(double lo, double hi) { return std::exp(uniform(std::log(lo), std::log(hi))); }
    int integer(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(engine_); }
    bool chance(double p) { return uniform(0, 1) < p; }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[static_cast<std::size_t>(integer(0, static_cast<int>(v.size()) - 1))];
    }

private:
    std::mt19937_64 engine_;
};

/// One random case: a request, a strategy, and what the checks need to know about them.
struct test_case {
    taper::plan_request request;
    taper::any_strategy strategy = strategies::linear{mg(1)};
    std::string description;
    double diazepam_per_mg = 0;  ///< crossover: mg diazepam per mg of the drug; 0 otherwise
    /// A hyperbolic strategy's points per step, when its stop is bounded by them (no floor,
    /// no targets, no final fraction).
    std::optional<double> hyperbolic_points;
    /// A crossover's switch ceiling (staged substitution), mg diazepam a day.
    std::optional<double> switch_ceiling_mg;
};

const taper::occupancy_model* usable_model(const taper::drug& d) {
    const auto* m = d.find_target(d.default_target);
    return (m != nullptr && m->usable()) ? m : nullptr;
}

/// The Ashton equivalent as mg diazepam per mg of the drug, or 0 if the table has none.
double ashton_factor(const taper::drug& d, std::optional<strategies::range_end>& range, rng& g) {
    const auto it = d.equivalents.tables.find("ashton");
    if (it == d.equivalents.tables.end() || !it->second.known()) return 0;
    const auto& e = *it->second;
    if (!e.is_range()) return 10.0 / e.low.value();
    range = g.chance(0.5) ? strategies::range_end::low : strategies::range_end::high;
    return 10.0 / (*range == strategies::range_end::low ? e.low : e.high).value();
}

test_case make_case(rng& g, int index) {
    const auto all = taper::database::embedded().drugs();
    const taper::drug& d = all[static_cast<std::size_t>(g.integer(0, static_cast<int>(all.size()) - 1))];
    const taper::occupancy_model* model = usable_model(d);
    const double limit = taper::plausible_daily_limit(d).value();
    const double dose = g.log_uniform(limit * 1e-3, limit);

    test_case c;
    std::ostringstream desc;
    desc.precision(17);
    desc << "case " << index << ": " << d.name << " " << dose << " mg";
    auto& r = c.request;
    r.drug = d.name;
    r.daily_dose = mg(dose);
    r.start = taper::parse_date("2026-12-01") + std::chrono::days{g.integer(0, 3000)};
    r.interval = days(g.chance(0.5) ? g.pick(std::vector<double>{7, 14, 21, 28, 56, 91}) : g.integer(1, 120));
    desc << ", every " << r.interval.value() << " d";
    if (g.chance(0.3)) {
        const int parts = g.integer(2, 4);
        const std::vector<std::string> names{"morning", "midday", "evening", "night"};
        double left = dose;
        for (int i = 0; i < parts; ++i) {
            const double amount = i + 1 == parts ? left : left * g.uniform(0.1, 0.7);
            r.split.push_back({names[static_cast<std::size_t>(i)], mg(amount)});
            left -= amount;
        }
        desc << ", split in " << parts;
    }

    // The strategy, among those that apply.
    enum kind { linear, proportional, proportional_of_start, hyperbolic, antipsychotic, crossover, strip, table };
    std::vector<kind> kinds{linear, proportional, proportional_of_start, strip, table};
    if (model != nullptr) kinds.insert(kinds.end(), {hyperbolic, hyperbolic});
    if (d.klass == taper::drug_class::antipsychotic) kinds.insert(kinds.end(), {antipsychotic, antipsychotic});
    std::optional<strategies::range_end> range;
    const double factor = taper::uses_diazepam_equivalents(d.klass) ? ashton_factor(d, range, g) : 0.0;
    if (factor > 0) kinds.insert(kinds.end(), {crossover, crossover, crossover});
    const kind k = g.pick(kinds);

    // Limits are in the named drug's mg (the request's default); a crossover converts them
    // to diazepam-equivalent mg, and the checks read the converted ones from the plan.
    const bool diazepam_basis = k == crossover && d.name != "diazepam";
    const double basis_dose = dose;
    if (diazepam_basis) c.diazepam_per_mg = factor;

    if (g.chance(0.3)) {
        r.max_step = mg(basis_dose * g.uniform(0.03, 0.6));
        desc << ", max step " << r.max_step->value() << " mg";
    }
    if (g.chance(0.3)) {
        r.max_step_percent = g.uniform(3, 70) * taper::units::percent_of_dose;
        desc << ", max step " << taper::in(*r.max_step_percent, taper::units::percent_of_dose) << "%";
    }
    if (model != nullptr && g.chance(0.3)) {
        r.max_step_points = g.uniform(1, 25) * taper::units::points;
        desc << ", max step " << taper::in(*r.max_step_points, taper::units::points) << " points";
    }
    if (g.chance(0.2)) {
        const double cap = r.max_step ? r.max_step->value() : basis_dose * 0.2;
        r.min_change = mg(cap * g.uniform(0, 1));
        desc << ", min change " << r.min_change.value() << " mg";
    }
    const double end_choice = g.uniform(0, 1);
    if (end_choice < 0.2) {
        r.final_dose = mg(basis_dose * g.log_uniform(0.005, 0.6));
        desc << ", final dose " << r.final_dose->value() << " mg";
    } else if (end_choice < 0.35) {
        r.maintenance = mg(basis_dose * g.uniform(0.05, 0.9));
        desc << ", maintenance " << r.maintenance.value() << " mg";
    }
    if (g.chance(0.2)) {
        const int n = g.integer(1, 3);
        for (int i = 0; i < n; ++i) {
            const int after = g.integer(1, 12);
            bool taken = false;
            for (const auto& h : r.holds) taken = taken || h.after_step == after;
            if (taken) continue;
            r.holds.push_back({after, days(g.integer(1, 90))});
            desc << ", hold after " << after << " for " << r.holds.back().length.value() << " d";
        }
    }
    if (g.chance(0.25)) {
        r.half_life_pacing = true;
        desc << ", half-life pacing";
    }
    if (g.chance(0.1)) {
        r.max_steps = g.integer(1, 40);
        desc << ", max steps " << *r.max_steps;
    }
    if (g.chance(0.1)) {
        r.max_duration = days(g.integer(30, 3000));
        desc << ", max duration " << r.max_duration->value() << " d";
    }
    if (g.chance(0.15)) {
        r.phase_interval[taper::step_phase::stop] = days(g.integer(1, 60));
        desc << ", stop steps " << r.phase_interval[taper::step_phase::stop].value() << " d";
    }

    switch (k) {
        case linear: {
            const double amount = dose * g.uniform(0.03, 0.5);
            c.strategy = strategies::linear{mg(amount)};
            desc << "; linear " << amount << " mg";
            break;
        }
        case proportional: {
            const double p = g.uniform(3, 60);
            c.strategy = strategies::percent_of_most_recent_dose(p);
            desc << "; proportional " << p << "% of the most recent dose";
            break;
        }
        case proportional_of_start: {
            const double p = g.uniform(3, 50);
            c.strategy = strategies::percent_of_starting_dose(p);
            desc << "; proportional " << p << "% of the starting dose";
            break;
        }
        case hyperbolic: {
            strategies::hyperbolic h;
            if (g.chance(0.2)) {
                const double top = taper::in(model->occupancy_percent(r.daily_dose), taper::units::points);
                for (double o = top - g.uniform(1, 10); o > 0; o -= g.uniform(2, 15)) h.occupancy_targets.push_back(o);
                desc << "; hyperbolic, " << h.occupancy_targets.size() << " occupancy targets";
            } else {
                h.points = g.uniform(1, 20);
                if (g.chance(0.3)) h.occupancy_floor = g.uniform(0, 30);
                if (g.chance(0.3)) h.final_fraction = g.log_uniform(0.01, 0.5);
                desc << "; hyperbolic " << h.points << " points";
                if (h.occupancy_floor) desc << ", floor " << *h.occupancy_floor;
                if (h.final_fraction) desc << ", final fraction " << *h.final_fraction;
                if (!h.occupancy_floor && !h.final_fraction) c.hyperbolic_points = h.points;
            }
            c.strategy = h;
            break;
        }
        case antipsychotic: {
            strategies::antipsychotic a;
            a.fraction = g.uniform(0.1, 0.5);
            a.max_points = g.uniform(2, 10);
            a.step_length = days(g.integer(89, 184));
            desc << "; antipsychotic " << a.fraction << " of the dose, " << a.max_points << " points, "
                 << a.step_length.value() << " d";
            c.strategy = a;
            break;
        }
        case crossover: {
            strategies::diazepam_crossover x;
            x.range = range;
            x.percent = g.uniform(3, 30);
            x.tail_step = mg(g.pick(std::vector<double>{0.25, 0.5, 1, 2}));
            x.switch_length = days(g.integer(1, 28));
            desc << "; diazepam crossover " << x.percent << "%, tail " << x.tail_step.value() << " mg, switch "
                 << x.switch_length.value() << " d" << (range ? (*range == strategies::range_end::low ? ", low end" : ", high end") : "");
            if (g.chance(0.4)) {
                c.switch_ceiling_mg = g.uniform(5, 60);
                x.switch_ceiling = mg(*c.switch_ceiling_mg);
                desc << ", switch ceiling " << *c.switch_ceiling_mg << " mg";
            }
            c.strategy = x;
            break;
        }
        case strip: {
            strategies::tapering_strip s;
            s.roll_length = days(g.integer(2, 14));
            if (model != nullptr && g.chance(0.5)) {
                s.curve = strategies::strip_curve::hyperbolic;
                s.points = g.uniform(5, 25);
                desc << "; tapering strip, hyperbolic " << s.points << " points per " << s.roll_length.value() << " d";
            } else {
                s.curve = strategies::strip_curve::proportional;
                s.percent = g.uniform(20, 60);
                s.final_fraction = g.uniform(0.05, 0.3);
                desc << "; tapering strip, proportional " << s.percent << "% per " << s.roll_length.value()
                     << " d, final fraction " << *s.final_fraction;
            }
            c.strategy = s;
            break;
        }
        case table: {
            // Non-increasing rows between the end dose and the start, maybe ending in 0.
            const double floor = std::max(r.maintenance.value(), r.final_dose ? r.final_dose->value() : 0.0);
            strategies::table t;
            double row = dose * g.uniform(0.5, 1.0);
            const int n = g.integer(1, 8);
            for (int i = 0; i < n && row > floor; ++i) {
                std::optional<taper::duration> length;
                if (g.chance(0.4)) length = days(g.integer(1, 60));
                t.rows.push_back({mg(row), length});
                if (!g.chance(0.15)) row = floor + (row - floor) * g.uniform(0.2, 0.95);
            }
            if (t.rows.empty()) t.rows.push_back({mg(dose), std::nullopt});
            if (r.maintenance.value() > 0 && g.chance(0.5)) t.rows.push_back({r.maintenance, std::nullopt});
            else if (r.maintenance.value() == 0 && g.chance(0.5)) t.rows.push_back({mg(0), std::nullopt});
            desc << "; table of " << t.rows.size() << " rows:";
            for (const auto& tr : t.rows) desc << " " << tr.daily_dose.value();
            c.strategy = t;
            break;
        }
    }
    c.description = desc.str();
    return c;
}

bool finite_step(const taper::step& s) {
    bool ok = std::isfinite(s.daily_dose.value()) && std::isfinite(s.equivalent_daily_dose.value()) &&
              std::isfinite(s.change.value()) && std::isfinite(taper::in(s.change_percent, taper::units::percent_of_dose)) && std::isfinite(s.length.value());
    if (s.occupancy_percent) ok = ok && std::isfinite(taper::in(*s.occupancy_percent, taper::units::points));
    if (s.change_points) ok = ok && std::isfinite(taper::in(*s.change_points, taper::units::points));
    for (const auto& l : s.doses) ok = ok && std::isfinite(l.amount.value());
    return ok;
}

bool close(double a, double b, double rel = 1e-9) {
    return std::abs(a - b) <= rel * std::max({1.0, std::abs(a), std::abs(b)});
}

/// The safety rules of docs/safety.md on step `i`, cut from `previous` (the last meaningful
/// dose before it: `meaningful`).
std::string safety_problems(const taper::schedule& s, std::size_t i, double previous, double meaningful,
                            const test_case& c) {
    using mc = taper::message_code;
    const auto& r = s.request;
    const taper::step& st = s.steps[i];
    const double eq = st.equivalent_daily_dose.value();
    const double end = r.maintenance.value();
    const double start_eq = s.start_equivalent_dose.value();
    std::ostringstream bad;
    bad.precision(17);
    const std::string at = "step " + std::to_string(i + 1) + ": ";
    // Rule "remnant": 1/20 of what was above the end dose (src/plan/planner_limits.cpp).
    const bool own_final = r.final_dose && close(eq, r.final_dose->value(), 1e-9);
    if (st.phase == taper::step_phase::reduce && eq > end && !close(eq, end, 1e-9) && eq - end < (previous - end) / 20 &&
        !own_final && !taper::contains(st.messages, mc::remnant_step))
        bad << at << "a remnant of " << eq << " after " << previous << " without remnant_step; ";
    // Rule "abrupt stop": from more than 1/20 of the start, judged from the last meaningful dose;
    // a stop from 0.5 mg diazepam or less is the Ashton Manual's own last step.
    const bool diazepam_doses = s.basis == taper::dose_basis::diazepam_mg || s.drug == "diazepam";
    const bool ashton_last_step = diazepam_doses && meaningful <= 0.5 * (1 + 1e-9);
    if (st.phase == taper::step_phase::stop && eq == 0 && meaningful > start_eq / 20 * (1 + 1e-9) && !ashton_last_step &&
        !taper::contains(st.messages, mc::abrupt_stop) && !taper::contains(st.messages, mc::abrupt_stop_seizure_risk))
        bad << at << "stops from " << meaningful << " (start " << start_eq << ") without the abrupt-stop warning; ";
    // Rule "hyperbolic stop": no larger in points than the planned step, where nothing else
    // set the stop (a final dose, a smallest change, a merged remnant).
    if (c.hyperbolic_points && st.phase == taper::step_phase::stop && st.change_points && !r.final_dose &&
        r.min_change.value() == 0 && !taper::contains(st.messages, mc::remnant_merged_into_stop) &&
        taper::in(*st.change_points, taper::units::points) > *c.hyperbolic_points + 1e-7)
        bad << at << "the stop cuts " << taper::in(*st.change_points, taper::units::points)
            << " points, more than the step of " << *c.hyperbolic_points << "; ";
    // Rule "final dose": the last dose before stopping; nothing but the stop goes below it.
    if (r.final_dose) {
        const double final_dose = r.final_dose->value();
        if (st.phase != taper::step_phase::stop && eq < final_dose * (1 - 1e-9))
            bad << at << eq << " below the final dose " << final_dose << "; ";
        if (taper::contains(st.messages, mc::final_dose_before_stop) && !close(eq, final_dose, 1e-9))
            bad << at << "\"final dose before stopping\" on a step at " << eq << ", not " << final_dose << "; ";
    }
    // Rule "holds": a hold keeps the whole-units warning of the dose it holds.
    if (st.phase == taper::step_phase::hold && i > 0 &&
        taper::contains(s.steps[i - 1].messages, mc::whole_units_cannot_make) !=
            taper::contains(st.messages, mc::whole_units_cannot_make))
        bad << at << "a hold without the whole-units warning of the dose before it (or with one it had not); ";
    return bad.str();
}

/// The plan-wide safety rules of docs/safety.md.
std::string plan_safety_problems(const taper::schedule& s) {
    using mc = taper::message_code;
    std::ostringstream bad;
    // Rule "plausibility": above the licensed maximum is warned, at or below it is not.
    const taper::drug& d = taper::database::embedded().get(s.drug);
    const auto* m = d.licensed_maximum_for();
    const bool above = m != nullptr && s.request.daily_dose > *m->daily_dose;
    if (above != taper::contains(s.messages, mc::above_licensed_maximum))
        bad << "above_licensed_maximum " << (above ? "missing" : "without cause") << "; ";
    // The model's evidence status, once, on a plan with a model in own mg.
    const bool model = !s.occupancy_model.empty() && s.basis == taper::dose_basis::own_mg;
    const auto said = std::count_if(s.messages.begin(), s.messages.end(),
                                    [](const taper::message& x) { return x.code == mc::occupancy_model_evidence; });
    if (said != (model ? 1 : 0)) bad << "the model's evidence status said " << said << " times; ";
    // Rule "cautions once": each of the drug's cautions once on the plan, none on a step.
    const auto cautions = std::count_if(s.messages.begin(), s.messages.end(),
                                        [](const taper::message& x) { return x.code == mc::drug_caution; });
    if (static_cast<std::size_t>(cautions) != d.cautions.size())
        bad << cautions << " drug cautions said for " << d.cautions.size() << " in the data; ";
    for (const auto& st : s.steps)
        if (taper::contains(st.messages, mc::drug_caution)) bad << "a drug caution on step " << st.number << "; ";
    return bad.str();
}

/// Every invariant; returns what is wrong, or an empty string.
std::string check(const test_case& c, const taper::schedule& s) {
    const auto& r = s.request;  // the plan's snapshot: a crossover's limits in diazepam mg
    std::ostringstream bad;
    bad.precision(17);
    if (s.steps.empty()) return "no steps";
    const double start_eq = s.start_equivalent_dose.value();
    const double end = r.maintenance.value();
    if (c.diazepam_per_mg > 0 && !close(start_eq, r.daily_dose.value() * c.diazepam_per_mg, 1e-9))
        bad << "start equivalent " << start_eq << " is not the daily dose × " << c.diazepam_per_mg << "; ";
    if (c.diazepam_per_mg == 0 && start_eq != r.daily_dose.value()) bad << "start equivalent differs; ";

    double previous = start_eq;
    double meaningful = start_eq;  // the last dose that was not a flagged remnant
    taper::date expected_start = r.start;
    for (std::size_t i = 0; i < s.steps.size(); ++i) {
        const taper::step& st = s.steps[i];
        const double eq = st.equivalent_daily_dose.value();
        const std::string at = "step " + std::to_string(i + 1) + ": ";
        if (!finite_step(st)) bad << at << "NaN or infinity; ";
        if (st.number != static_cast<int>(i) + 1) bad << at << "numbered " << st.number << "; ";
        // Never above the start; equivalent dose never rises.
        if (eq > previous * (1 + 1e-9)) bad << at << eq << " after " << previous << "; ";
        if (eq > start_eq * (1 + 1e-9)) bad << at << eq << " above the start " << start_eq << "; ";
        if (st.daily_dose.value() > r.daily_dose.value() * (1 + 1e-9))
            bad << at << "own dose " << st.daily_dose.value() << " above the start; ";
        if (eq < end * (1 - 1e-9)) bad << at << eq << " below the maintenance dose " << end << "; ";
        if (!close(st.change.value(), previous - eq, 1e-9)) bad << at << "change " << st.change.value() << "; ";
        // Dates.
        if (st.start != expected_start) bad << at << "starts on " << taper::format_date(st.start) << "; ";
        if (st.length.value() < 1 || st.length.value() != std::round(st.length.value()))
            bad << at << "length " << st.length.value() << "; ";
        expected_start = st.end();
        // Limits, on every step that cuts.
        const double cut = previous - eq;
        if (st.phase == taper::step_phase::hold || st.phase == taper::step_phase::switch_over) {
            if (!close(eq, previous, 1e-9)) bad << at << to_string(st.phase) << " changes the dose; ";
        } else {
            // A stop from the person's final dose is theirs, warned when it breaks a maximum.
            const bool final_stop_over = taper::contains(st.messages, taper::message_code::stop_from_final_dose_over_limit);
            if (final_stop_over && !(r.final_dose && close(previous, r.final_dose->value(), 1e-9)))
                bad << at << "stop_from_final_dose_over_limit from " << previous << ", not the final dose; ";
            if (r.max_step && !final_stop_over && cut > r.max_step->value() * (1 + 1e-9) + 1e-12)
                bad << at << "cut " << cut << " mg over the maximum; ";
            const bool stop_to_zero = eq == 0 && end == 0;
            if (r.max_step_percent && !stop_to_zero && !final_stop_over && cut > previous * taper::in(*r.max_step_percent, taper::units::percent_of_dose) / 100 * (1 + 1e-9) + 1e-12)
                bad << at << "cut " << 100 * cut / previous << "% over the maximum; ";
            if (r.max_step_points && !final_stop_over) {
                if (!st.change_points) bad << at << "no change in points; ";
                else if (taper::in(*st.change_points, taper::units::points) > taper::in(*r.max_step_points, taper::units::points) + 1e-7)
                    bad << at << "cut " << taper::in(*st.change_points, taper::units::points) << " points over the maximum; ";
            }
        }
        // Doses per time add up.
        double own = 0, diazepam = 0;
        for (const auto& l : st.doses) {
            if (l.amount.value() < 0) bad << at << "negative dose line; ";
            (l.drug == s.drug ? own : diazepam) += l.amount.value();
        }
        if (!close(own, st.daily_dose.value(), 1e-9)) bad << at << "own lines add up to " << own << "; ";
        const double eq_lines = c.diazepam_per_mg > 0 ? own * c.diazepam_per_mg + diazepam : own + diazepam;
        if (!close(eq_lines, eq, 1e-7)) bad << at << "lines add up to " << eq_lines << ", not " << eq << "; ";
        if (c.diazepam_per_mg == 0 && diazepam != 0) bad << at << "lines of another drug; ";
        // Staged substitution: when the whole switch would pass the ceiling, no day has more
        // diazepam than the ceiling.
        if (c.switch_ceiling_mg && start_eq > *c.switch_ceiling_mg && diazepam > *c.switch_ceiling_mg * (1 + 1e-9))
            bad << at << diazepam << " mg diazepam, above the switch ceiling " << *c.switch_ceiling_mg << "; ";
        bad << safety_problems(s, i, previous, meaningful, c);
        if (!taper::contains(st.messages, taper::message_code::remnant_step)) meaningful = eq;
        previous = eq;
    }
    // The end.
    const taper::step& last = s.steps.back();
    if (last.phase != taper::step_phase::stop) bad << "the last step is not a stop; ";
    if (!close(last.equivalent_daily_dose.value(), end, 1e-12))
        bad << "ends at " << last.equivalent_daily_dose.value() << ", not " << end << "; ";
    for (std::size_t i = 0; i + 1 < s.steps.size(); ++i)
        if (s.steps[i].phase == taper::step_phase::stop) bad << "a stop step before the end; ";
    if (s.end() != expected_start) bad << "end date; ";
    bad << plan_safety_problems(s);
    return bad.str();
}

/// What the planned cases exercised, so that the run can show it reached the interesting
/// cases (a generator that never makes a limit bite would pass every check vacuously).
struct coverage {
    std::map<std::string, int> by_strategy;  ///< plans made, by the schedule's strategy name
    int mg_limit = 0, percent_limit = 0, points_limit = 0, min_change = 0;  ///< steps a limit changed
    int staged_cuts = 0;  // cuts of the drug still taken in a staged substitution
    int holds = 0, switches = 0, paced = 0, final_dose = 0, maintenance = 0, split = 0;
};

bool has_note(const taper::step& st, taper::message_code code) { return taper::contains(st.messages, code); }

void tally(const test_case& c, const taper::schedule& s, coverage& cov) {
    ++cov.by_strategy[s.strategy];
    if (c.request.maintenance.value() > 0) ++cov.maintenance;
    if (c.request.split.size() > 1) ++cov.split;
    for (const auto& st : s.steps) {
        if (st.phase == taper::step_phase::hold) ++cov.holds;
        if (st.phase == taper::step_phase::switch_over) ++cov.switches;
        if (taper::contains(st.messages, taper::message_code::crossover_reduce_remaining)) ++cov.staged_cuts;
        using mc = taper::message_code;
        if (has_note(st, mc::paced_for_half_life) || has_note(st, mc::paced_for_half_life_own_length)) ++cov.paced;
        if (has_note(st, mc::final_dose_before_stop) || has_note(st, mc::final_dose_by_min_change) ||
            has_note(st, mc::stopping_from_final_dose))
            ++cov.final_dose;
        if (has_note(st, mc::cut_raised_to_min_change)) ++cov.min_change;
        if (has_note(st, mc::cut_limited_by_max_percent)) ++cov.percent_limit;
        if (has_note(st, mc::cut_limited_by_max_points)) ++cov.points_limit;
        if (has_note(st, mc::cut_limited_by_max_step)) ++cov.mg_limit;
    }
}

/// A refusal the request legitimately asks for; anything else is a failure.
bool legitimate_refusal(const test_case& c, const std::string& what) {
    if (c.request.max_steps && what.starts_with("plan request: max steps: ")) return true;
    if (c.request.max_duration && what.starts_with("plan request: max duration: ")) return true;
    return false;
}

TEST(PlanProperties, InvariantsHoldOverRandomRequests) {
    rng g(seed);
    int planned = 0, refused = 0, failures = 0;
    coverage cov;
    std::ostringstream report;
    for (int i = 0; i < case_count; ++i) {
        const test_case c = make_case(g, i);
        std::string problem;
        try {
            const taper::schedule s = taper::make_plan(taper::database::embedded(), c.request, c.strategy);
            problem = check(c, s);
            ++planned;
            tally(c, s, cov);
        } catch (const taper::plan_error& e) {
            if (legitimate_refusal(c, e.what()))
                ++refused;
            else
                problem = std::string("refused: ") + e.what();
        } catch (const std::exception& e) {
            problem = std::string("threw: ") + e.what();
        }
        if (!problem.empty() && ++failures <= 15) report << c.description << "\n    " << problem << "\n";
    }
    EXPECT_EQ(failures, 0) << report.str();
    // The generator must mostly make plans, not refusals.
    EXPECT_GT(planned, case_count * 8 / 10);
    // ... and the plans must reach what the invariants are about: every strategy, every kind
    // of limit actually changing a step, holds, switch steps, pacing, final and maintenance
    // doses, split doses. (A minimum of 20 each: about 1 % of the plans or their steps.)
    for (const char* name : {"linear", "proportional", "proportional-of-start", "hyperbolic", "antipsychotic",
                             "diazepam-crossover", "tapering-strip", "table"})
        EXPECT_GE(cov.by_strategy[name], 20) << name;
    EXPECT_GE(cov.mg_limit, 20) << "steps cut short by max_step";
    EXPECT_GE(cov.percent_limit, 20) << "steps cut short by max_step_percent";
    EXPECT_GE(cov.points_limit, 20) << "steps cut short by max_step_points";
    EXPECT_GE(cov.min_change, 20) << "cuts raised to min_change";
    EXPECT_GE(cov.holds, 20) << "hold steps";
    EXPECT_GE(cov.switches, 20) << "crossover switch steps";
    EXPECT_GE(cov.staged_cuts, 20) << "staged substitution cuts";
    EXPECT_GE(cov.paced, 20) << "steps paced for a short half-life";
    EXPECT_GE(cov.final_dose, 20) << "steps at or from a final dose";
    EXPECT_GE(cov.maintenance, 20) << "plans ending on a maintenance dose";
    EXPECT_GE(cov.split, 20) << "plans with a split dose";
    RecordProperty("planned", planned);
    RecordProperty("refused", refused);
    std::cout << "planned " << planned << ", refused " << refused << ";";
    for (const auto& [name, n] : cov.by_strategy) std::cout << " " << name << " " << n;
    std::cout << "; steps limited by mg " << cov.mg_limit << ", % " << cov.percent_limit << ", points "
              << cov.points_limit << ", raised to min change " << cov.min_change << "; holds " << cov.holds
              << ", switch steps " << cov.switches << ", paced " << cov.paced << ", final-dose steps "
              << cov.final_dose << ", maintenance plans " << cov.maintenance << ", split plans " << cov.split
              << "\n";
}

TEST(PlanProperties, EveryDrugGetsPlanned) {
    // Each drug (38 from the reference, 22 from the project's supplements) with a strategy
    // that fits it: hyperbolic where there is a model, the crossover for benzodiazepines and
    // z-drugs with a known equivalent, else proportional.
    const auto& db = taper::database::embedded();
    EXPECT_EQ(db.size(), 60U);
    for (const auto& d : db.drugs()) {
        SCOPED_TRACE(d.name);
        test_case c;
        c.request.drug = d.name;
        c.request.daily_dose = taper::plausible_daily_limit(d) * 0.05;
        c.request.start = taper::parse_date("2026-12-01");
        std::optional<strategies::range_end> range;
        rng g(seed);
        const double factor = taper::uses_diazepam_equivalents(d.klass) ? ashton_factor(d, range, g) : 0.0;
        if (usable_model(d) != nullptr) {
            c.strategy = strategies::hyperbolic{};
        } else if (factor > 0 && d.name != "diazepam") {
            strategies::diazepam_crossover x;
            x.range = range;
            c.strategy = x;
            c.diazepam_per_mg = factor;
        } else {
            c.strategy = strategies::percent_of_most_recent_dose(10);
        }
        const auto s = taper::make_plan(db, c.request, c.strategy);
        EXPECT_EQ(check(c, s), "");
    }
}

}  // namespace
