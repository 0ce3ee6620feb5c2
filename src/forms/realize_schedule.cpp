// Realizing a schedule: the drugs and their engines, each step's lines and recipes, and the
// run over the plan's steps. See src/forms/realize_schedule.hpp and docs/realization.md.
#include "realize_schedule.hpp"

#include <taper/units/io.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <functional>

namespace taper::forms_detail {

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
    // The largest dose each engine must make: the start and every line.
    std::vector<double> largest(1, 0.0);
    for (const auto& t : plan_.start_split) largest[0] = std::max(largest[0], in(t.amount, units::mg));
    largest[0] = std::max(largest[0], in(plan_.start_dose, units::mg));
    for (const auto& st : plan_.steps)
        for (const auto& line : st.doses) {
            const auto i = static_cast<std::size_t>(add_drug(line.drug));
            if (largest.size() <= i) largest.resize(i + 1, 0.0);
            largest[i] = std::max(largest[i], in(line.amount, units::mg));
        }
    // Per drug, the indexes of its forms in `on_hand` (the engines point into `on_hand`).
    std::vector<std::vector<std::size_t>> forms;
    for (std::size_t k = 0; k < on_hand.size(); ++k) {
        const auto& f = on_hand[k];
        const auto i = static_cast<std::size_t>(add_drug(f.drug.empty() ? drug_.name : f.drug));
        forms.resize(names_.size());
        if (forms[i].empty()) forms[i].reserve(on_hand.size());
        forms[i].push_back(k);
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
    largest.resize(names_.size(), 0.0);
    for (std::size_t i = 0; i < names_.size(); ++i)
        if (!forms[i].empty()) engines_[i] = std::make_unique<engine>(on_hand, forms[i], options_, largest[i]);
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
    jobs_for(st, jobs);
    return jobs;
}

void schedule_realizer::jobs_for(const step& st, std::vector<line_job>& jobs) const {
    jobs.clear();
    for (const auto& line : st.doses) {
        line_job j;
        j.line = &line;
        j.drug = std::max(0, index_of(line.drug));
        j.eng = engine_at(j.drug);
        j.goal = std::max(0.0, in(line.amount, units::mg));
        j.factor = factors_[static_cast<std::size_t>(j.drug)];
        jobs.push_back(j);
    }
}

double schedule_realizer::total(const std::vector<line_job>& jobs, const std::vector<choice>& cs, double constant) const {
    double t = constant;
    for (std::size_t i = 0; i < jobs.size(); ++i)
        if (jobs[i].eng != nullptr) t += jobs[i].factor * cs[i].realized;
    return round9(t);
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
        auto c = e.best(in(t.amount, units::mg), 0, infinity, e.solids());
        if (c) m |= c->mask;
    }
    return m;
}

realized_step& schedule_realizer::make_step(const step& st, const std::vector<line_job>& jobs,
                                            const std::vector<choice>& cs, double constant) {
    realized_step& rs = out_.steps.emplace_back();
    // A step of the plan is referred to, not copied (emit copies it only if it renumbers or
    // redates it); an inserted step is the realization's own.
    const std::less<const step*> before;
    if (!plan_.steps.empty() && !before(&st, plan_.steps.data()) && before(&st, plan_.steps.data() + plan_.steps.size()))
        rs.share_planned(std::shared_ptr<const step>(shared_plan_, &st));
    else
        rs.set_planned(st);
    rs.recipes.reserve(jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        const auto& j = jobs[i];
        // Made in place: a recipe is never moved.
        dose_recipe& r = rs.recipes.emplace_back();
        if (j.eng != nullptr) {
            j.eng->recipe_into(r, cs[i], j.goal, i);
            for (const auto& m : r.messages) {
                // The drug's forms not on hand are named once, for the whole realization.
                if (m.code == message_code::drug_also_comes_as) {
                    if (!contains_message(hints_, m)) hints_.push_back(m);
                } else if (!contains_message(rs.messages, m)) {
                    rs.messages.push_back(m);
                }
            }
        } else {
            r.target = (j.goal) * units::mg;
            r.realized = r.target;
            r.realized_here = false;
            unrealized_drugs_.insert(j.drug);
        }
        r.drug = j.line->drug;
        r.time = j.line->time;
    }
    rs.realized_daily = (total(jobs, cs, constant)) * units::mg;
    rs.difference = round9(in(rs.realized_daily, units::mg) - in(st.equivalent_daily_dose, units::mg)) * units::mg;
    return rs;
}
schedule_realizer::schedule_realizer(std::shared_ptr<const schedule> plan, const std::vector<available_form>& on_hand,
                                     const realization_options& options)
    : shared_plan_(std::move(plan)), plan_(*shared_plan_), request_(plan_.request), drug_(subject_of(plan_)),
      options_(options) {
    group_forms(on_hand);
    note_release_profiles(on_hand);
    factors();
    if (plan_.basis == dose_basis::own_mg && !plan_.occupancy_model.empty()) {
        const occupancy_model* m = drug_.find_target(plan_.occupancy_model);
        if (m != nullptr && m->usable()) model_ = m;
    }
    limits_ = step_limits::of(request_, model_);
}

double schedule_realizer::previous_line(int drug, const std::string& time) const {
    for (const auto& l : previous_lines_)
        if (l.drug == drug && l.time == time) return l.realized;
    return -1;
}

// Where the realization starts: the forms in use (the request's current formulation, else
// the solids that make the starting dose), and the first step's date.
void schedule_realizer::start() {
    out_.share_plan(shared_plan_);
    // realized_step cannot be moved without the risk of a throw (quantities' copy
    // constructors are not noexcept), so a growing vector would copy every step: reserve.
    out_.steps.reserve(plan_.steps.size() + plan_.steps.size() / 4 + 8);
    explicit_start_ = !request_.current_formulation.empty();
    in_use_[0] = baseline();
    previous_used_.assign(names_.size(), 0);
    previous_used_[0] = in_use_[0];
    std::vector<std::string> labels;  // each label once (several strengths share a slot's bit)
    for (const auto& p : engines_[0]->products())
        if ((in_use_[0] & (form_mask{1} << p.slot)) != 0 &&
            (!explicit_start_ || p.source->formulation_id == request_.current_formulation) &&
            std::find(labels.begin(), labels.end(), p.source->label) == labels.end()) {
            labels.push_back(p.source->label);
            out_.start_forms.push_back(engines_[0]->origin_of(p.source));
        }
    have_previous_ = in_use_[0] != 0;
    at_start_ = true;
    prev_ = in(plan_.start_equivalent_dose, units::mg);
    planned_prev_ = prev_;
    cursor_ = plan_.steps.empty() ? plan_.start : plan_.steps.front().start;
}

realized_schedule schedule_realizer::run() {
    start();
    for (const auto& st : plan_.steps) realize_step(st);
    separate_release_changes();
    note_dosing_frequency_changes();
    // Inserted steps move the end later; dates are written YYYY-MM-DD (as make_plan checks).
    if (cursor_ > date{std::chrono::year{9999} / std::chrono::December / 31})
        throw plan_error("realize: with the steps inserted after rounding, this plan would end after 9999-12-31; "
                         "start earlier, or choose shorter or larger steps");
    restate_changes_after_inserted_steps();
    check_abrupt_stops();
    check_pace_as_taken();
    check_practicality();
    out_.messages.insert(out_.messages.end(), hints_.begin(), hints_.end());
    add_equivalences();
    add_form_warnings();
    out_.drugs = names_;
    return std::move(out_);
}

}  // namespace taper::forms_detail
