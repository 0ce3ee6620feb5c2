// Realizing a schedule: a recipe for every dose-time of every step, with the request's
// limits checked again after rounding. See include/taper/forms/realize.hpp and
// docs/realization.md.
#include <taper/forms/realize.hpp>

#include "realizer.hpp"
#include "../detail/text.hpp"

#include <taper/plan/limits.hpp>
#include <taper/units/access.hpp>
#include <taper/units/io.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <memory>
#include <set>

namespace taper {
namespace {

using forms_detail::choice;
using forms_detail::engine;
using forms_detail::form_mask;

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr int max_inserted_per_step = 200;

constexpr auto eps_of = detail::rounding_slack;  // the shared rule, src/detail/number_text.hpp
constexpr auto round9 = detail::without_float_noise;
using forms_detail::num;
using forms_detail::readable;
std::string mg(double x) { return num(x) + " mg"; }          // an amount taken
std::string about(double x) { return readable(x) + " mg"; }  // a target or a limit

bool same_drug(std::string_view a, std::string_view b) {
    return detail::equals_ignoring_case(a, b);
}

/// One dose line of a step, with what realizes it.
struct line_job {
    const dose_line* line = nullptr;
    int drug = 0;            // index into the realizer's drugs (0: the tapered drug)
    engine* eng = nullptr;   // nullptr: another drug with no forms on hand (not realized)
    double goal = 0;         // own mg (tablet-equivalent) of the line's drug
    double factor = 1;       // basis mg per mg of the line's drug
};

/// The request's limits after rounding, for one step: realized daily (basis mg) in [lo, hi].
struct window {
    double lo = 0;
    double hi = infinity;
};

class schedule_realizer {
public:
    schedule_realizer(const schedule& plan, const std::vector<available_form>& on_hand,
                      const realization_options& options)
        : plan_(plan), request_(plan.request), drug_(subject_of(plan)), options_(options) {
        group_forms(on_hand);
        factors();
        if (plan.basis == dose_basis::own_mg && !plan.occupancy_model.empty()) {
            const occupancy_model* m = drug_.find_target(plan.occupancy_model);
            if (m != nullptr && m->usable()) model_ = m;
        }
        limits_ = step_limits::of(request_, model_);
    }

    realized_schedule run();

private:
    void group_forms(const std::vector<available_form>& on_hand);
    void factors();
    /// The index of a drug by name (any case); -1 if it is not one of the plan's or the forms'.
    int index_of(std::string_view name) const;
    int add_drug(std::string_view name);
    form_mask in_use(int drug) const { return in_use_[static_cast<std::size_t>(drug)]; }
    engine* engine_at(int drug) const { return engines_[static_cast<std::size_t>(drug)].get(); }
    std::vector<line_job> jobs_for(const step& st) const;
    window limits(double prev, double planned_prev, const step& st, bool as_stop = true) const;
    std::string broken_limits(double prev, double value, const step& st) const;
    static const drug& subject_of(const schedule& plan);
    std::vector<choice> independent(const std::vector<line_job>& jobs, const std::vector<double>& goals) const;
    std::optional<std::vector<choice>> fit(const std::vector<line_job>& jobs, const std::vector<double>& goals,
                                           double constant, double goal_total, window w) const;
    std::vector<double> goals_toward(const std::vector<line_job>& jobs, double constant, double goal_total,
                                     double toward) const;
    double total(const std::vector<line_job>& jobs, const std::vector<choice>& cs, double constant) const;
    realized_step make_step(const step& st, const std::vector<line_job>& jobs, const std::vector<choice>& cs,
                            double constant);
    form_mask baseline();
    std::string equivalence_text(const available_form& f) const;

    const schedule& plan_;
    const plan_request& request_;
    const drug& drug_;
    realization_options options_;
    const occupancy_model* model_ = nullptr;
    step_limits limits_;  // the plan's own limits (plan/limits.hpp), as the planner applied them
    // Per drug, by index (0: the tapered drug; then crossover partners and other forms' drugs).
    std::vector<std::string> names_;
    std::vector<std::unique_ptr<engine>> engines_;  // nullptr: no forms on hand
    std::vector<double> factors_;                   // basis mg per mg; NaN: not known yet
    std::vector<form_mask> in_use_;
    std::vector<form_mask> used_ever_;
    std::set<int> unrealized_drugs_;
    struct previous_line {
        int drug;
        std::string time;
        double realized;  // own mg
    };
    std::vector<previous_line> previous_lines_;  // the last step's lines
    double previous_line(int drug, const std::string& time) const {
        for (const auto& l : previous_lines_)
            if (l.drug == drug && l.time == time) return l.realized;
        return -1;
    }
    double prev_ = 0;
};

int schedule_realizer::index_of(std::string_view name) const {
    for (std::size_t i = 0; i < names_.size(); ++i)
        if (names_[i] == name) return static_cast<int>(i);
    for (std::size_t i = 0; i < names_.size(); ++i)
        if (same_drug(names_[i], name)) return static_cast<int>(i);
    return -1;
}

int schedule_realizer::add_drug(std::string_view name) {
    if (const int i = index_of(name); i >= 0) return i;
    names_.emplace_back(name);
    engines_.emplace_back();
    factors_.push_back(std::numeric_limits<double>::quiet_NaN());
    in_use_.push_back(0);
    used_ever_.push_back(0);
    return static_cast<int>(names_.size()) - 1;
}

void schedule_realizer::group_forms(const std::vector<available_form>& on_hand) {
    add_drug(drug_.name);
    for (const auto& st : plan_.steps)
        for (const auto& line : st.doses) add_drug(line.drug);
    std::vector<std::vector<available_form>> forms;
    for (const auto& f : on_hand) {
        const auto i = static_cast<std::size_t>(add_drug(f.drug.empty() ? drug_.name : f.drug));
        forms.resize(names_.size());
        if (forms[i].empty()) forms[i].reserve(on_hand.size());
        forms[i].push_back(f);
    }
    forms.resize(names_.size());
    if (forms[0].empty()) {
        std::string others;
        for (std::size_t i = 1; i < forms.size(); ++i)
            if (!forms[i].empty()) others += (others.empty() ? "" : ", ") + names_[i];
        throw plan_error("nothing on hand for " + drug_.name + ": give at least one of its forms (" + drug_.name +
                         " has: " + describe_forms(drug_) + ")" +
                         (others.empty() ? std::string() : "; the forms given are for " + others));
    }
    // The largest dose each engine must make: the start and every line.
    std::vector<double> largest(names_.size(), 0.0);
    for (const auto& t : plan_.start_split) largest[0] = std::max(largest[0], t.amount.value());
    largest[0] = std::max(largest[0], plan_.start_dose.value());
    for (const auto& st : plan_.steps)
        for (const auto& line : st.doses) {
            auto& l = largest[static_cast<std::size_t>(index_of(line.drug))];
            l = std::max(l, line.amount.value());
        }
    for (std::size_t i = 0; i < names_.size(); ++i)
        if (!forms[i].empty()) engines_[i] = std::make_unique<engine>(std::move(forms[i]), options_, largest[i]);
    // Off-target warnings name the drug's finer forms that are not on hand.
    engines_[0]->suggest_from(drug_);
}

const drug& schedule_realizer::subject_of(const schedule& plan) {
    if (plan.subject == nullptr)
        throw plan_error("realize: the schedule does not carry its drug (schedule::subject); make it with make_plan, "
                         "or set subject from database::share");
    if (!plan.drug.empty() && !same_drug(plan.drug, plan.subject->name))
        throw plan_error("realize: the schedule is for " + plan.drug + ", but the drug it carries is " +
                         plan.subject->name);
    return *plan.subject;
}

// The factors the planner recorded; never derived again from the dose numbers. A drug the
// plan did not record (another drug's forms on hand, never in a dose line) counts 1:1.
void schedule_realizer::factors() {
    for (std::size_t i = 0; i < names_.size(); ++i) {
        const auto recorded = plan_.factor_of(names_[i]);
        if (recorded) {
            factors_[i] = *recorded;
            continue;
        }
        if (plan_.basis == dose_basis::diazepam_mg && i == 0)
            throw plan_error("realize: the schedule is in diazepam-equivalent mg but does not record " + names_[i] +
                             "'s factor (schedule::basis_factors); make it with make_plan");
        factors_[i] = 1.0;
    }
}

std::vector<line_job> schedule_realizer::jobs_for(const step& st) const {
    std::vector<line_job> jobs;
    for (const auto& line : st.doses) {
        line_job j;
        j.line = &line;
        j.drug = std::max(0, index_of(line.drug));
        j.eng = engine_at(j.drug);
        j.goal = std::max(0.0, line.amount.value());
        j.factor = factors_[static_cast<std::size_t>(j.drug)];
        jobs.push_back(j);
    }
    return jobs;
}

bool stopping_to_zero(const step& st) {
    return st.phase == step_phase::stop && st.equivalent_daily_dose.value() <= 1e-12;
}

// `as_stop` false: the window for a step inserted before `st`, which is never the stop itself
// (so the percentage limit applies to it even when `st` stops).
window schedule_realizer::limits(double prev, double planned_prev, const step& st, bool as_stop) const {
    window w;
    const double goal = st.equivalent_daily_dose.value();
    // Never above the previous dose as taken (nor the start), unless the plan itself rises.
    w.hi = goal > planned_prev + eps_of(planned_prev) ? infinity : prev;
    w.lo = in(limits_.floor(prev * units::mg, !(as_stop && stopping_to_zero(st))), units::mg);
    w.lo = std::min(w.lo, w.hi);
    return w;
}

std::string schedule_realizer::broken_limits(double prev, double value, const step& st) const {
    std::vector<std::string> broken;
    const double cut = prev - value;
    const mass before = prev * units::mg, after = value * units::mg, slack = eps_of(prev) * units::mg;
    if (value > prev + eps_of(prev)) broken.push_back("it would be above the previous dose of " + mg(prev));
    if (limits_.breaks_mass(before, after, slack))
        broken.push_back("it would cut " + mg(cut) + ", more than the maximum of " +
                         about(in(*limits_.max_cut, units::mg)));
    if (!stopping_to_zero(st) && prev > 0 && limits_.breaks_share(before, after, slack))
        broken.push_back("it would cut " + num(std::round(1000.0 * cut / prev) / 10) +
                         "% of the previous dose, more than the maximum of " +
                         readable(in(*limits_.max_cut_share, units::percent_of_dose)) + "%");
    if (limits_.max_cut_points && limits_.model != nullptr && prev > 0) {
        const occupancy_points from = limits_.occupancy_at(before);
        const occupancy_points to = limits_.occupancy_at(std::max(0.0, value) * units::mg);
        if (limits_.breaks_points(from, to, 1e-9 * units::points))
            broken.push_back("it would cut " + num(std::round(in(from - to, units::points) * 10) / 10) +
                             " occupancy points, more than the maximum of " +
                             readable(in(*limits_.max_cut_points, units::points)));
    }
    std::string out;
    for (std::size_t i = 0; i < broken.size(); ++i) out += (i == 0 ? "" : (i + 1 == broken.size() ? " and " : ", ")) + broken[i];
    return out;
}

double schedule_realizer::total(const std::vector<line_job>& jobs, const std::vector<choice>& cs, double constant) const {
    double t = constant;
    for (std::size_t i = 0; i < jobs.size(); ++i)
        if (jobs[i].eng != nullptr) t += jobs[i].factor * cs[i].realized;
    return round9(t);
}

// The best choice for every line on its own.
std::vector<choice> schedule_realizer::independent(const std::vector<line_job>& jobs,
                                                   const std::vector<double>& goals) const {
    std::vector<choice> cs(jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i)
        if (jobs[i].eng != nullptr)
            cs[i] = *jobs[i].eng->best(goals[i], 0, infinity, in_use(jobs[i].drug));  // 0 mg always fits
    return cs;
}

// The choices whose daily total lies in the window, as close to the plan as possible: the
// best per line if that fits; else one line moved; else every line in its share of the window.
std::optional<std::vector<choice>> schedule_realizer::fit(const std::vector<line_job>& jobs,
                                                          const std::vector<double>& goals, double constant,
                                                          double goal_total, window w) const {
    const double lo = w.lo - eps_of(w.lo), hi = w.hi + eps_of(w.hi);
    const std::vector<choice> cs = independent(jobs, goals);
    const double t0 = total(jobs, cs, constant);
    if (t0 >= lo && t0 <= hi) return cs;

    // One line moved.
    std::optional<std::vector<choice>> best;
    double best_gap = infinity;
    int best_cost = 0;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        const auto& j = jobs[i];
        if (j.eng == nullptr || !(j.factor > 0)) continue;
        const double others = t0 - j.factor * cs[i].realized;
        const double line_lo = std::max(0.0, (w.lo - others) / j.factor);
        const double line_hi = (w.hi - others) / j.factor;
        if (line_hi < line_lo - eps_of(line_lo)) continue;
        auto c = j.eng->best(goals[i], line_lo, line_hi, in_use(j.drug));
        if (!c) continue;
        const double t = others + j.factor * c->realized;
        const double gap = std::abs(t - goal_total);
        if (!best || gap < best_gap - 1e-12 || (std::abs(gap - best_gap) <= 1e-12 && c->cost < best_cost)) {
            best = cs;
            (*best)[i] = *c;
            best_gap = gap;
            best_cost = c->cost;
        }
    }
    if (best) {
        const double t = total(jobs, *best, constant);
        if (t >= lo && t <= hi) return best;
    }

    // Every line in its share of the window.
    double share_total = 0;
    int realizable = 0;
    for (std::size_t i = 0; i < jobs.size(); ++i)
        if (jobs[i].eng != nullptr) {
            share_total += jobs[i].factor * goals[i];
            ++realizable;
        }
    if (realizable == 0) return std::nullopt;
    std::vector<choice> shared(jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        const auto& j = jobs[i];
        if (j.eng == nullptr) continue;
        const double share = share_total > 0 ? j.factor * goals[i] / share_total : 1.0 / realizable;
        const double line_lo = std::max(0.0, (w.lo - constant) * share / j.factor);
        const double line_hi = w.hi == infinity ? infinity : (w.hi - constant) * share / j.factor;
        auto c = j.eng->best(goals[i], line_lo, line_hi, in_use(j.drug));
        if (!c) return std::nullopt;
        shared[i] = *c;
    }
    const double t = total(jobs, shared, constant);
    if (t >= lo && t <= hi) return shared;
    return std::nullopt;
}

// Line goals scaled so that the daily total moves toward `toward` (basis mg): in proportion to
// the plan's lines, or to the previous step's lines when the plan's are all 0 (a stop step).
std::vector<double> schedule_realizer::goals_toward(const std::vector<line_job>& jobs, double constant,
                                                    double goal_total, double toward) const {
    std::vector<double> goals(jobs.size(), 0.0);
    const double variable_goal = goal_total - constant;
    const double variable_toward = std::max(0.0, toward - constant);
    int realizable = 0;
    for (const auto& j : jobs) realizable += j.eng != nullptr ? 1 : 0;
    double previous_total = 0;
    for (const auto& j : jobs)
        if (j.eng != nullptr) previous_total += j.factor * std::max(0.0, previous_line(j.drug, j.line->time));
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        const auto& j = jobs[i];
        if (j.eng == nullptr || !(j.factor > 0)) continue;
        if (variable_goal > 1e-12) {
            goals[i] = j.goal * variable_toward / variable_goal;
        } else if (previous_total > 1e-12) {
            goals[i] = std::max(0.0, previous_line(j.drug, j.line->time)) * variable_toward / previous_total;
        } else {
            goals[i] = variable_toward / realizable / j.factor;
        }
    }
    return goals;
}

std::string schedule_realizer::equivalence_text(const available_form& f) const {
    const std::string where = " (source: " + (f.bioavailability_origin.source.empty() ? std::string("none") : f.bioavailability_origin.source) +
                              "; " + std::string(to_string(f.bioavailability_origin.status)) + ")";
    const std::string name = f.drug + " " + f.formulation_id;
    if (!f.bioavailability_known)
        return name + " (" + f.label +
               "): taken as 1 mg ≡ 1 mg as tablets; the data has no bioavailability figure for it (unverified)";
    const double b = f.bioavailability;
    if (std::abs(b - 1.0) < 1e-12) return name + ": 1 mg ≡ 1 mg as tablets" + where;
    std::string text = name + ": delivers " + num(b) + "× as much per labelled mg as tablets, so 10 mg as tablets ≡ " +
                       mg(10.0 / b) + " as " + f.label;
    if (f.kind == form_kind::drops && f.drop_volume && f.liquid_strength) {
        const double per_drop = f.liquid_strength->value() * f.drop_volume->value();
        text += " = " + num(10.0 / b / per_drop) + " drops";
    }
    return text + where;
}

form_mask schedule_realizer::baseline() {
    engine& e = *engines_[0];
    form_mask m = 0;
    if (!request_.current_formulation.empty())
        for (const auto& p : e.products())
            if (p.source->formulation_id == request_.current_formulation) m |= form_mask{1} << p.slot;
    if (m != 0) return m;
    // People usually start on tablets or capsules: the solids that make the starting dose,
    // else whatever makes it best.
    for (const auto& t : plan_.start_split) {
        auto c = e.best(t.amount.value(), 0, infinity, e.solids());
        if (c) m |= c->mask;
    }
    return m;
}

realized_step schedule_realizer::make_step(const step& st, const std::vector<line_job>& jobs,
                                           const std::vector<choice>& cs, double constant) {
    realized_step rs;
    rs.planned = st;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        const auto& j = jobs[i];
        dose_recipe r;
        if (j.eng != nullptr) {
            r = j.eng->recipe(cs[i], j.goal);
            const std::string who = j.drug == 0 ? j.line->time : j.line->time + " (" + j.line->drug + ")";
            for (const auto& w : r.warnings) rs.warnings.push_back(who + " dose: " + w);
        } else {
            r.target = from_value<mass>(j.goal);
            r.realized = r.target;
            r.instruction = "not realized here: no " + j.line->drug + " forms on hand (" + mg(j.goal) + " as planned)";
            unrealized_drugs_.insert(j.drug);
        }
        r.drug = j.line->drug;
        r.time = j.line->time;
        rs.recipes.push_back(std::move(r));
    }
    rs.realized_daily = from_value<mass>(total(jobs, cs, constant));
    rs.difference = from_value<mass>(round9(rs.realized_daily.value() - st.equivalent_daily_dose.value()));
    return rs;
}

realized_schedule schedule_realizer::run() {
    realized_schedule out;
    out.plan = plan_;
    // realized_step cannot be moved without the risk of a throw (quantities' copy
    // constructors are not noexcept), so a growing vector would copy every step: reserve.
    out.steps.reserve(plan_.steps.size() + plan_.steps.size() / 4 + 8);
    const bool explicit_start = !request_.current_formulation.empty();
    in_use_[0] = baseline();
    std::vector<form_mask> previous_used(names_.size(), 0);
    previous_used[0] = in_use_[0];
    std::vector<std::string> previous_labels;
    for (const auto& p : engines_[0]->products())
        if ((in_use_[0] & (form_mask{1} << p.slot)) != 0 &&
            (!explicit_start || p.source->formulation_id == request_.current_formulation) &&
            std::find(previous_labels.begin(), previous_labels.end(), p.source->label) == previous_labels.end())
            previous_labels.push_back(p.source->label);
    bool have_previous = in_use_[0] != 0;
    bool at_start = true;

    prev_ = plan_.start_equivalent_dose.value();
    double planned_prev = prev_;
    date cursor = plan_.steps.empty() ? plan_.start : plan_.steps.front().start;
    int number = 0;
    int off_tolerance = 0;

    auto emit = [&](realized_step rs, const std::vector<line_job>& jobs, const std::vector<choice>& cs) {
        rs.planned.number = ++number;
        rs.planned.start = cursor;
        cursor = add_days(cursor, rs.planned.length);
        // Forms used, per drug; a switch point is a change from the previous step's forms.
        std::vector<form_mask> used(names_.size(), 0);
        std::vector<std::string> labels;
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            if (jobs[i].eng == nullptr) continue;
            used[static_cast<std::size_t>(jobs[i].drug)] |= cs[i].mask;
            const std::string prefix = jobs[i].drug == 0 ? "" : jobs[i].line->drug + " ";
            for (const auto& part : rs.recipes[i].parts)
                if (std::find(labels.begin(), labels.end(), prefix + part.label) == labels.end())
                    labels.push_back(prefix + part.label);
        }
        form_mask any = 0;
        for (const auto m : used) any |= m;
        if (any != 0) {
            bool changed = false;
            for (std::size_t n = 0; n < used.size(); ++n)
                if (used[n] != 0 && previous_used[n] != used[n]) changed = true;
            if (changed && have_previous) {
                rs.form_changed = true;
                std::string before;
                for (const auto& l : previous_labels) before += (before.empty() ? "" : ", ") + l;
                std::string now;
                for (const auto& l : labels) now += (now.empty() ? "" : ", ") + l;
                std::string note = "switch point: the forms change to " + now;
                if (!before.empty())
                    note += at_start ? (explicit_start ? " (at the start: " + before + ")"
                                                       : " (at the start, presumably: " + before +
                                                             "; the request's current formulation says which)")
                                     : " (before: " + before + ")";
                for (std::size_t n = 0; n < used.size(); ++n) {
                    if (used[n] == 0) continue;
                    const engine* e = engines_[n].get();
                    const form_mask added = used[n] & ~previous_used[n];
                    for (const auto& p : e->products())
                        if ((added & (form_mask{1} << p.slot)) != 0 && p.source->bioavailability_known &&
                            std::abs(p.source->bioavailability - 1.0) > 1e-12 &&
                            note.find(p.source->formulation_id) == std::string::npos)
                            note += "; " + equivalence_text(*p.source);
                }
                rs.notes.push_back(note);
            }
            for (std::size_t n = 0; n < used.size(); ++n)
                if (used[n] != 0) {
                    previous_used[n] = used[n];
                    in_use_[n] = used[n];
                    used_ever_[n] |= used[n];
                }
            previous_labels = labels;
            have_previous = true;
        }
        if (std::any_of(rs.recipes.begin(), rs.recipes.end(), [](const dose_recipe& r) { return !r.within_tolerance; }))
            ++off_tolerance;
        prev_ = rs.realized_daily.value();
        previous_lines_.clear();
        for (std::size_t i = 0; i < jobs.size(); ++i)
            previous_lines_.push_back({jobs[i].drug, jobs[i].line->time, rs.recipes[i].realized.value()});
        at_start = false;
        out.steps.push_back(std::move(rs));
    };

    // A step the limits need before `base`, at the doses of `cs`.
    auto emit_inserted = [&](const step& base, const std::vector<line_job>& jobs, const std::vector<choice>& cs,
                             double constant, const std::string& note, const std::string& warning, auto& emit_fn) {
        step extra = base;
        extra.phase = step_phase::reduce;
        extra.doses.clear();
        extra.daily_dose = from_value<mass>(0);
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            dose_line l = *jobs[i].line;
            if (jobs[i].eng != nullptr) l.amount = from_value<mass>(cs[i].realized);
            if (jobs[i].drug == 0) extra.daily_dose += l.amount;
            extra.doses.push_back(l);
        }
        const double t = total(jobs, cs, constant);
        extra.equivalent_daily_dose = from_value<mass>(t);
        extra.change = from_value<mass>(round9(prev_ - t));
        extra.change_percent = (prev_ > 0 ? 100.0 * (prev_ - t) / prev_ : 0.0) * units::percent_of_dose;
        extra.occupancy_percent.reset();
        extra.change_points.reset();
        if (model_ != nullptr) {
            extra.occupancy_percent = model_->occupancy_percent(from_value<mass>(t));
            extra.change_points = model_->occupancy_percent(from_value<mass>(prev_)) - *extra.occupancy_percent;
        }
        // The step's own messages are the planner's, about another dose: the inserted step
        // says why it is there in the realization's notes.
        extra.messages.clear();
        extra.progress = 0;
        const auto extra_jobs = jobs_for(extra);
        realized_step rs = make_step(extra, extra_jobs, cs, constant);
        rs.inserted = true;
        rs.notes.push_back(note);
        if (!warning.empty()) rs.warnings.push_back(warning);
        emit_fn(std::move(rs), extra_jobs, cs);
    };

    for (const auto& st : plan_.steps) {
        for (int inserted = 0;; ++inserted) {
            const auto jobs = jobs_for(st);
            double constant = st.equivalent_daily_dose.value();
            std::vector<double> goals;
            for (const auto& j : jobs) {
                goals.push_back(j.goal);
                if (j.eng != nullptr) constant -= j.factor * j.goal;
            }
            const double goal_total = st.equivalent_daily_dose.value();
            const window w = limits(prev_, planned_prev, st);
            const auto free_fit = independent(jobs, goals);
            const double free_total = total(jobs, free_fit, constant);
            if (free_total >= w.lo - eps_of(w.lo) && free_total <= w.hi + eps_of(w.hi)) {
                emit(make_step(st, jobs, free_fit, constant), jobs, free_fit);
                break;
            }
            const std::string why = broken_limits(prev_, free_total, st);
            const auto kept = fit(jobs, goals, constant, goal_total, w);
            bool kept_close = kept.has_value();
            for (std::size_t i = 0; kept && i < jobs.size(); ++i)
                if (jobs[i].eng != nullptr && !jobs[i].eng->within_tolerance((*kept)[i].realized, jobs[i].goal))
                    kept_close = false;
            const double kept_total = kept ? total(jobs, *kept, constant) : 0;
            if (kept_close) {
                realized_step rs = make_step(st, jobs, *kept, constant);
                rs.notes.push_back("adjusted after rounding: " + mg(free_total) + " would break the plan's limits (" + why +
                                   "), so this step takes " + mg(kept_total));
                emit(std::move(rs), jobs, *kept);
                break;
            }
            const bool can_insert = inserted < max_inserted_per_step;
            if (goal_total < w.lo - eps_of(w.lo)) {
                // The plan asks for a larger cut than the limits allow from the dose as taken.
                // A step at the lowest dose the limits allow comes first; then this one again.
                const window between = limits(prev_, planned_prev, st, false);
                const auto step_in = between.lo <= w.lo + eps_of(w.lo) ? kept : fit(jobs, goals, constant, goal_total, between);
                const double step_in_total = step_in ? total(jobs, *step_in, constant) : 0;
                if (step_in && step_in_total < prev_ - eps_of(prev_) && can_insert) {
                    emit_inserted(st, jobs, *step_in, constant,
                                  "inserted step: going from " + mg(prev_) + " to the planned " + about(goal_total) +
                                      " at once would break the plan's limits after rounding (" + why +
                                      "), so this extra " + num(st.length.value()) + "-day step at " + mg(step_in_total) +
                                      " comes first; later steps move by as many days",
                                  "", emit);
                    continue;
                }
                if (kept && kept_total < prev_ - eps_of(prev_) && can_insert) {
                    // Stopping: an extra step within the stop's own limits (mg, points), whose
                    // percentage cut cannot be kept with what is on hand.
                    emit_inserted(st, jobs, *kept, constant,
                                  "inserted step on the way to stopping: going from " + mg(prev_) +
                                      " to 0 mg at once would break the plan's limits (" + why + "), so this extra " +
                                      num(st.length.value()) + "-day step at " + mg(kept_total) +
                                      " comes first; later steps move by as many days",
                                  "this step breaks the plan's limits: nothing on hand makes a dose from " +
                                      about(between.lo) + " up to " + mg(prev_) + " (" +
                                      broken_limits(prev_, kept_total, step{}) +
                                      "); a liquid or a smaller strength would keep the limits",
                                  emit);
                    continue;
                }
                // Nothing on hand lies within the limits below the dose as taken: take the
                // smallest cut that can be made, and say that it breaks the limits.
                const auto low_goals = goals_toward(jobs, constant, goal_total, w.lo);
                const double below_hi = w.lo - 2 * eps_of(w.lo);
                auto below = fit(jobs, low_goals, constant, w.lo, window{0, std::max(0.0, below_hi)});
                const auto& chosen = below ? *below : free_fit;
                const double chosen_total = total(jobs, chosen, constant);
                const std::string warning =
                    "this step breaks the plan's limits: nothing on hand makes a dose from " + about(w.lo) + " up to " +
                    mg(prev_) + ", so the smallest cut that can be made is taken (" + broken_limits(prev_, chosen_total, st) +
                    "); a liquid or a smaller strength would keep the limits";
                if (chosen_total > goal_total + eps_of(goal_total) && stopping_to_zero(st) && can_insert) {
                    emit_inserted(st, jobs, chosen, constant,
                                  "inserted step on the way to stopping: " + mg(chosen_total) +
                                      " is the smallest cut that can be made from " + mg(prev_) +
                                      "; later steps move by " + num(st.length.value()) + " days",
                                  warning, emit);
                    continue;
                }
                realized_step rs = make_step(st, jobs, chosen, constant);
                rs.warnings.push_back(warning);
                emit(std::move(rs), jobs, chosen);
                break;
            }
            // The plan's own cut is within the limits, but no rounding of it is: the closest
            // dose within the limits (perhaps the same dose again); if there is none, the
            // closest that is not above the previous dose.
            const auto capped = kept ? kept : fit(jobs, goals, constant, goal_total, window{0, w.hi});
            const auto& chosen = capped ? *capped : free_fit;
            const double chosen_total = total(jobs, chosen, constant);
            realized_step rs = make_step(st, jobs, chosen, constant);
            if (kept)
                rs.notes.push_back("adjusted after rounding: " + mg(free_total) + " would break the plan's limits (" + why +
                                   "), so this step takes " +
                                   (std::abs(chosen_total - prev_) <= eps_of(prev_) ? "the same " + mg(chosen_total) + " again"
                                                                                     : mg(chosen_total)));
            else
                rs.warnings.push_back("this step breaks the plan's limits after rounding: nothing on hand makes a dose "
                                      "within them, so it takes " + mg(chosen_total) + " (" +
                                      broken_limits(prev_, chosen_total, st) +
                                      "); a liquid or a smaller strength would keep the limits");
            emit(std::move(rs), jobs, chosen);
            break;
        }
        planned_prev = st.equivalent_daily_dose.value();
    }
    // Inserted steps move the end later; dates are written YYYY-MM-DD (as make_plan checks).
    if (cursor > date{std::chrono::year{9999} / std::chrono::December / 31})
        throw plan_error("realize: with the steps inserted after rounding, this plan would end after 9999-12-31; "
                         "start earlier, or choose shorter or larger steps");

    // Equivalences used, once each.
    for (std::size_t n = 0; n < used_ever_.size(); ++n) {
        const form_mask m = used_ever_[n];
        const engine* e = engines_[n].get();
        if (m == 0 || e == nullptr) continue;
        bool converted = false;
        for (const auto& p : e->products())
            if ((m & (form_mask{1} << p.slot)) != 0 && p.source->bioavailability_known &&
                std::abs(p.source->bioavailability - 1.0) > 1e-12)
                converted = true;
        if (std::popcount(m) < 2 && !converted) continue;
        for (int s = 0; s < e->slot_count(); ++s) {
            if ((m & (form_mask{1} << s)) == 0) continue;
            const available_form& f = e->slot_form(s);
            if (f.kind == form_kind::tablet && !f.bioavailability_known) continue;
            const std::string text = equivalence_text(f);
            if (std::find(out.equivalences.begin(), out.equivalences.end(), text) == out.equivalences.end())
                out.equivalences.push_back(text);
        }
    }
    // What the forms on hand cannot do.
    for (const auto& e : engines_)
        for (const auto& f : e ? e->forms() : std::vector<available_form>{}) {
            std::string w;
            if (f.kind == form_kind::beads && !f.bead_count)
                w = f.drug + " " + f.label + " (" + f.formulation_id +
                    "): the number of beads per capsule is not known (brands differ), so only whole capsules are "
                    "used; count the beads in several capsules and give beads_per_capsule in a user formulary to "
                    "count beads";
            else if (f.kind == form_kind::drops && !f.drop_volume)
                w = f.drug + " " + f.label + ": the drop size is not known, so it is measured by syringe like a liquid";
            if (!w.empty() && std::find(out.warnings.begin(), out.warnings.end(), w) == out.warnings.end())
                out.warnings.push_back(w);
        }
    for (const int i : unrealized_drugs_) {
        const std::string& n = names_[static_cast<std::size_t>(i)];
        out.warnings.push_back(n + " doses are listed as planned, not realized: no " + n +
                               " forms were given (add " + n + "'s own forms to the forms on hand to have them realized too)");
    }
    if (off_tolerance > 0)
        out.warnings.push_back(std::to_string(off_tolerance) + " of " + std::to_string(out.steps.size()) +
                               " steps have a dose that cannot be made within " + num(options_.tolerance_percent) +
                               "% of its target with what is on hand (see the steps)");
    return out;
}

}  // namespace

dose_recipe realize_dose(mass target_dose, const std::vector<available_form>& on_hand, const realization_options& options) {
    const double goal = target_dose.value();
    if (!std::isfinite(goal) || goal < 0)
        throw plan_error("realize dose: the target must be 0 mg or more, not " + num(goal) + " mg");
    engine e(on_hand, options, goal);
    auto c = e.best(goal, 0, infinity, 0);
    dose_recipe r = e.recipe(*c, goal);
    if (!on_hand.empty() && std::all_of(on_hand.begin(), on_hand.end(), [&](const available_form& f) {
            return same_drug(f.drug, on_hand.front().drug);
        }))
        r.drug = on_hand.front().drug;
    return r;
}

realized_schedule realize(const schedule& plan, std::vector<available_form> on_hand,
                          const realization_options& options) {
    realized_schedule out = schedule_realizer(plan, on_hand, options).run();
    out.forms = std::move(on_hand);
    out.options = options;
    return out;
}

}  // namespace taper
