// The request's limits after rounding: the window a step's realized dose must lie in, the
// choices that fit it, and what to do when none does (adjust, insert a step, or warn).
// docs/realization.md, "Schedules and the limits after rounding".
#include "realize_schedule.hpp"

#include <taper/units/io.hpp>

#include <algorithm>
#include <bit>
#include <cmath>

namespace taper::forms_detail {

namespace {
constexpr int max_inserted_per_step = 200;
}  // namespace

// `as_stop` false: the window for a step inserted before `st`, which is never the stop itself
// (so the percentage limit applies to it even when `st` stops).
window schedule_realizer::limits(double prev, double planned_prev, const step& st, bool as_stop) const {
    window w;
    const double goal = in(st.equivalent_daily_dose, units::mg);
    // Never above the previous dose as taken (nor the start), unless the plan itself rises.
    w.hi = goal > planned_prev + eps_of(planned_prev) ? infinity : prev;
    w.lo = in(limits_.floor(prev * units::mg, !(as_stop && stopping_to_zero(st))), units::mg);
    w.lo = std::min(w.lo, w.hi);
    return w;
}

void schedule_realizer::broken_limits(double prev, double value, const step& st, message_list& out) const {
    const double cut = prev - value;
    const mass before = prev * units::mg, after = value * units::mg, slack = eps_of(prev) * units::mg;
    if (value > prev + eps_of(prev)) out.push_back(make_message(message_code::rounding_above_previous, {before}));
    if (limits_.breaks_mass(before, after, slack))
        out.push_back(make_message(message_code::rounding_over_max_step, {cut * units::mg, *limits_.max_cut}));
    if (!stopping_to_zero(st) && prev > 0 && limits_.breaks_share(before, after, slack))
        out.push_back(make_message(message_code::rounding_over_max_percent,
                                   {percent{cut / prev * units::fraction}, *limits_.max_cut_share}));
    if (limits_.max_cut_points && limits_.model != nullptr && prev > 0) {
        const occupancy_points from = limits_.occupancy_at(before);
        const occupancy_points to = limits_.occupancy_at(std::max(0.0, value) * units::mg);
        if (limits_.breaks_points(from, to, 1e-9 * units::points))
            out.push_back(make_message(message_code::rounding_over_max_points, {from - to, *limits_.max_cut_points}));
    }
}

// The best choice for every line on its own.
std::vector<choice> schedule_realizer::independent(const std::vector<line_job>& jobs,
                                                   const std::vector<double>& goals) const {
    std::vector<choice> cs;
    independent(jobs, goals, cs);
    return cs;
}

void schedule_realizer::independent(const std::vector<line_job>& jobs, const std::vector<double>& goals,
                                    std::vector<choice>& cs) const {
    cs.assign(jobs.size(), choice{});
    for (std::size_t i = 0; i < jobs.size(); ++i)
        if (jobs[i].eng != nullptr)
            cs[i] = *jobs[i].eng->best(goals[i], 0, infinity, in_use(jobs[i].drug));  // 0 mg always fits
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

void schedule_realizer::attempt(const step& st, step_attempt& a) const {
    jobs_for(st, a.jobs);
    a.goal_total = in(st.equivalent_daily_dose, units::mg);
    a.constant = a.goal_total;
    a.goals.clear();
    for (const auto& j : a.jobs) {
        a.goals.push_back(j.goal);
        if (j.eng != nullptr) a.constant -= j.factor * j.goal;
    }
    a.w = limits(prev_, planned_prev_, st);
    independent(a.jobs, a.goals, a.free_fit);
    a.free_total = total(a.jobs, a.free_fit, a.constant);
}

void schedule_realizer::realize_step(const step& st) {
    for (int inserted = 0;; ++inserted) {
        attempt(st, attempt_);
        const step_attempt& a = attempt_;
        if (a.free_total >= a.w.lo - eps_of(a.w.lo) && a.free_total <= a.w.hi + eps_of(a.w.hi)) {
            make_step(st, a.jobs, a.free_fit, a.constant);
            emit(a.jobs, a.free_fit);
            break;
        }
        if (!outside_limits(st, a, inserted < max_inserted_per_step)) break;
    }
    planned_prev_ = in(st.equivalent_daily_dose, units::mg);
}

bool schedule_realizer::outside_limits(const step& st, const step_attempt& a, bool can_insert) {
    const auto& jobs = a.jobs;
    const auto kept = fit(jobs, a.goals, a.constant, a.goal_total, a.w);
    bool kept_close = kept.has_value();
    for (std::size_t i = 0; kept && i < jobs.size(); ++i)
        if (jobs[i].eng != nullptr && !jobs[i].eng->within_tolerance((*kept)[i].realized, jobs[i].goal))
            kept_close = false;
    if (kept_close) {
        realized_step& rs = make_step(st, jobs, *kept, a.constant);
        rs.messages.push_back(make_message(message_code::adjusted_after_rounding,
                                           {a.free_total * units::mg, total(jobs, *kept, a.constant) * units::mg,
                                            prev_ * units::mg}));
        broken_limits(prev_, a.free_total, st, rs.messages);
        emit(jobs, *kept);
        return false;
    }
    if (a.goal_total < a.w.lo - eps_of(a.w.lo)) return cut_too_large(st, a, kept, can_insert);
    // The plan's own cut is within the limits, but no rounding of it is: the closest
    // dose within the limits (perhaps the same dose again); if there is none, the
    // closest that is not above the previous dose.
    const auto capped = kept ? kept : fit(jobs, a.goals, a.constant, a.goal_total, window{0, a.w.hi});
    const auto& chosen = capped ? *capped : a.free_fit;
    const double chosen_total = total(jobs, chosen, a.constant);
    realized_step& rs = make_step(st, jobs, chosen, a.constant);
    if (kept) {
        rs.messages.push_back(make_message(message_code::adjusted_after_rounding,
                                           {a.free_total * units::mg, chosen_total * units::mg, prev_ * units::mg}));
        broken_limits(prev_, a.free_total, st, rs.messages);
    } else {
        rs.messages.push_back(make_message(message_code::limits_broken_nothing_within, {chosen_total * units::mg}));
        broken_limits(prev_, chosen_total, st, rs.messages);
    }
    emit(jobs, chosen);
    return false;
}

// The plan asks for a larger cut than the limits allow from the dose as taken. A step at
// the lowest dose the limits allow comes first; then this one again.
bool schedule_realizer::cut_too_large(const step& st, const step_attempt& a,
                                      const std::optional<std::vector<choice>>& kept, bool can_insert) {
    const auto& jobs = a.jobs;
    const window& w = a.w;
    const duration days = st.length;
    const double kept_total = kept ? total(jobs, *kept, a.constant) : 0;
    const window between = limits(prev_, planned_prev_, st, false);
    const auto step_in = between.lo <= w.lo + eps_of(w.lo) ? kept : fit(jobs, a.goals, a.constant, a.goal_total, between);
    const double step_in_total = step_in ? total(jobs, *step_in, a.constant) : 0;
    if (step_in && step_in_total < prev_ - eps_of(prev_) && can_insert) {
        message_list why{make_message(message_code::inserted_step, {prev_ * units::mg, a.goal_total * units::mg, days,
                                                                    step_in_total * units::mg})};
        broken_limits(prev_, a.free_total, st, why);
        emit_inserted(st, jobs, *step_in, a.constant, why);
        return true;
    }
    if (kept && kept_total < prev_ - eps_of(prev_) && can_insert) {
        // Stopping: an extra step within the stop's own limits (mg, points), whose
        // percentage cut cannot be kept with what is on hand.
        message_list why{make_message(message_code::inserted_step_before_stop,
                                      {prev_ * units::mg, days, kept_total * units::mg})};
        broken_limits(prev_, a.free_total, st, why);
        why.push_back(make_message(message_code::limits_broken_smallest_cut,
                                   {between.lo * units::mg, prev_ * units::mg, kept_total * units::mg}));
        broken_limits(prev_, kept_total, step{}, why);
        emit_inserted(st, jobs, *kept, a.constant, why);
        return true;
    }
    // Nothing on hand lies within the limits below the dose as taken: take the
    // smallest cut that can be made, and say that it breaks the limits.
    const auto low_goals = goals_toward(jobs, a.constant, a.goal_total, w.lo);
    const double below_hi = w.lo - 2 * eps_of(w.lo);
    auto below = fit(jobs, low_goals, a.constant, w.lo, window{0, std::max(0.0, below_hi)});
    const auto& chosen = below ? *below : a.free_fit;
    const double chosen_total = total(jobs, chosen, a.constant);
    message_list warning{make_message(message_code::limits_broken_smallest_cut,
                                      {w.lo * units::mg, prev_ * units::mg, chosen_total * units::mg})};
    broken_limits(prev_, chosen_total, st, warning);
    if (chosen_total > a.goal_total + eps_of(a.goal_total) && stopping_to_zero(st) && can_insert) {
        message_list why{make_message(message_code::inserted_smallest_cut_before_stop,
                                      {chosen_total * units::mg, prev_ * units::mg, days})};
        why.insert(why.end(), warning.begin(), warning.end());
        emit_inserted(st, jobs, chosen, a.constant, why);
        return true;
    }
    realized_step& rs = make_step(st, jobs, chosen, a.constant);
    rs.messages.insert(rs.messages.end(), warning.begin(), warning.end());
    emit(jobs, chosen);
    return false;
}

// The planner's change of the step after an inserted one is from the planned dose before the
// insertion, an earlier row than the one above it in the table: restated from the row above
// (issue 10), in mg, % and occupancy points, as the planner computes them.
void schedule_realizer::restate_changes_after_inserted_steps() {
    for (std::size_t i = 1; i < out_.steps.size(); ++i) {
        if (!out_.steps[i - 1].inserted || out_.steps[i].inserted) continue;
        const step& above = out_.steps[i - 1].planned();
        step& st = out_.steps[i].planned_to_change();
        st.change = above.equivalent_daily_dose - st.equivalent_daily_dose;
        st.change_percent = (above.equivalent_daily_dose > mass{}
                                 ? 100.0 * (in(st.change, units::mg) / in(above.equivalent_daily_dose, units::mg))
                                 : 0.0) *
                            units::percent_of_dose;
        if (above.occupancy_percent && st.occupancy_percent)
            st.change_points = *above.occupancy_percent - *st.occupancy_percent;
    }
}

// A step the limits need before `base`, at the doses of `cs`.
void schedule_realizer::emit_inserted(const step& base, const std::vector<line_job>& jobs,
                                      const std::vector<choice>& cs, double constant, const message_list& why) {
    step extra = base;
    extra.phase = step_phase::reduce;
    extra.doses.clear();
    extra.daily_dose = 0.0 * units::mg;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        dose_line l = *jobs[i].line;
        if (jobs[i].eng != nullptr) l.amount = cs[i].realized * units::mg;
        if (jobs[i].drug == 0) extra.daily_dose += l.amount;
        extra.doses.push_back(l);
    }
    const double t = total(jobs, cs, constant);
    extra.equivalent_daily_dose = t * units::mg;
    extra.change = round9(prev_ - t) * units::mg;
    extra.change_percent = (prev_ > 0 ? 100.0 * (prev_ - t) / prev_ : 0.0) * units::percent_of_dose;
    extra.occupancy_percent.reset();
    extra.change_points.reset();
    if (model_ != nullptr) {
        extra.occupancy_percent = model_->occupancy_percent(t * units::mg);
        extra.change_points = model_->occupancy_percent(prev_ * units::mg) - *extra.occupancy_percent;
    }
    // The step's own messages are the planner's, about another dose: the inserted step
    // says why it is there in the realization's notes.
    extra.messages.clear();
    extra.progress = 0;
    const auto extra_jobs = jobs_for(extra);
    realized_step& rs = make_step(extra, extra_jobs, cs, constant);
    rs.inserted = true;
    // What the step is and why first, then what its own recipes say.
    rs.messages.insert(rs.messages.begin(), why.begin(), why.end());
    emit(extra_jobs, cs);
}
}  // namespace taper::forms_detail
