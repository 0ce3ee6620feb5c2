// Replanning from a plan and its journal, and patient pacing (replan/replan.hpp).
// The new plan is made by the planner from the original request, so every limit it holds
// (largest cut in mg, % or points, smallest change, final or maintenance dose, half-life
// pacing) applies again; only the starting dose and date change, limits only tighten, and the
// deadline is released (with a warning) when a hold makes it impossible.
#include <taper/replan/replan.hpp>

#include <taper/error.hpp>

#include <algorithm>
#include <array>
#include <cmath>

namespace taper {
namespace {

using mc = message_code;

parameter source(evidence_source s) { return parameter::whole(parameter_kind::evidence, static_cast<std::size_t>(s)); }
duration days(long n) { return static_cast<double>(n) * units::day; }
bool lower(mass a, mass b) { return in(a, units::mg) < in(b, units::mg) - 1e-9; }

const step* step_on(const schedule& plan, date day) {
    for (const auto& s : plan.steps)
        if (s.start <= day && day < s.end()) return &s;
    return nullptr;
}

/// The dose most recently recorded on or before `day`, else the plan's. A day whose doses
/// were all missed says nothing about the dose the person is on, so it is passed over.
mass dose_now(const schedule& plan, const journal& j, date day) {
    for (auto it = j.entries.rbegin(); it != j.entries.rend(); ++it) {
        if (it->day > day) continue;
        const bool all_missed = !it->doses.empty() && std::all_of(it->doses.begin(), it->doses.end(), [](const dose_record& d) {
            return d.status == dose_status::missed;
        });
        if (all_missed) continue;
        if (const auto t = it->taken()) return *t;
    }
    return dose_on(plan, j, day);
}

/// The daily dose before the most recent cut on or before `day` (the last dose taken for
/// long, which is the last one known to be tolerated before the symptoms).
mass dose_before_last_cut(const schedule& plan, const journal& j, date day, mass now) {
    mass before = plan.start_dose;
    std::optional<mass> found;
    const date first = j.entries.empty() ? plan.start : std::min(plan.start, j.entries.front().day);
    for (date d = first; d <= day; d += std::chrono::days{1}) {
        const mass m = dose_on(plan, j, d);
        if (lower(m, before)) found = before;
        before = m;
    }
    return found.value_or(now);
}

/// The share the most recent cut took off, on or before `day` (nullopt when none).
std::optional<percent> last_cut_share(const schedule& plan, date day) {
    std::optional<percent> out;
    for (const auto& s : plan.steps)
        if (s.start <= day && s.phase == step_phase::reduce && in(s.change_percent, units::percent_of_dose) > 0)
            out = s.change_percent;
    return out;
}

std::vector<timed_dose> scaled_split(const plan_request& original, mass dose) {
    std::vector<timed_dose> out;
    if (original.split.empty()) return out;
    const double total = in(original.daily_dose, units::mg);
    for (const auto& t : original.split)
        out.push_back({t.time, total > 0 ? dose * (in(t.amount, units::mg) / total) : dose / static_cast<double>(original.split.size())});
    return out;
}

/// A first step that holds `dose` from `today` for `length`, before the planned steps.
void prepend_hold(schedule& plan, date today, duration length, mass dose) {
    step held;
    held.number = 1;
    held.phase = step_phase::hold;
    held.start = today;
    held.length = length;
    for (const auto& t : plan.start_split) held.doses.push_back({plan.drug, t.time, t.amount});
    held.daily_dose = dose;
    held.equivalent_daily_dose = plan.start_equivalent_dose;
    held.change = mass{};
    held.change_percent = percent{};
    held.occupancy_percent = plan.start_occupancy_percent;
    if (plan.start_occupancy_percent) held.change_points = occupancy_points{};
    held.messages.push_back(make_message(mc::hold_step));
    for (auto& s : plan.steps) ++s.number;
    plan.steps.insert(plan.steps.begin(), std::move(held));
    plan.start = today;
    plan.request.start = today;
}

constexpr std::array<std::string_view, 5> action_names = {"continue", "hold", "go_back", "slow_down", "resume"};

}  // namespace

std::string_view to_string(replan_action a) noexcept { return action_names.at(static_cast<std::size_t>(a)); }
std::optional<replan_action> replan_action_from_string(std::string_view s) noexcept {
    for (std::size_t i = 0; i < action_names.size(); ++i)
        if (action_names[i] == s) return static_cast<replan_action>(i);
    return std::nullopt;
}

mass dose_on(const schedule& plan, const journal& j, date day) {
    if (const auto* e = j.on(day))
        if (const auto t = e->taken()) return *t;
    if (day < plan.start || plan.steps.empty()) return plan.start_dose;
    if (const auto* s = step_on(plan, day)) return s->daily_dose;
    return plan.steps.back().daily_dose;
}

plan_history start_history(schedule original) {
    plan_history h;
    plan_version v;
    v.made = original.start;
    v.plan = std::move(original);
    h.versions.push_back(std::move(v));
    return h;
}

plan_history replan(const database& db, const plan_history& history, const journal& j, const any_strategy& strategy,
                    const replan_request& request) {
    if (history.versions.empty()) throw plan_error("replan: the history has no plan");
    if (!(request.cut_share_factor > 0 && request.cut_share_factor <= 1))
        throw plan_error("replan: the cut share factor must be above 0 and at most 1",
                         {error_code::plan_request, std::to_string(request.cut_share_factor), "0 < factor <= 1",
                          "cut_share_factor", {}});
    if (!(request.interval_factor >= 1))
        throw plan_error("replan: the interval factor must be at least 1 (a replan never speeds up)",
                         {error_code::plan_request, std::to_string(request.interval_factor), "factor >= 1",
                          "interval_factor", {}});
    const schedule& current = history.current();
    const schedule& original = history.original();
    const date today = request.today;
    const mass now = dose_now(current, j, today);

    plan_request r = original.request;  // every constraint of the original request
    r.holds.clear();                     // they counted the original plan's steps
    std::vector<message> reasons;
    mass from = now;
    std::optional<duration> hold_for;
    bool slow = false;
    switch (request.action) {
        case replan_action::continue_plan: reasons.push_back(make_message(mc::replan_continue, {now})); break;
        case replan_action::resume: reasons.push_back(make_message(mc::replan_resume, {now})); break;
        case replan_action::hold:
            hold_for = request.tolerable_for;
            reasons.push_back(make_message(mc::replan_hold, {now, request.tolerable_for, source(evidence_source::nice_ng222)}));
            break;
        case replan_action::go_back:
            from = dose_before_last_cut(current, j, today, now);
            hold_for = request.tolerable_for;
            slow = true;
            reasons.push_back(make_message(mc::replan_go_back, {now, from, source(evidence_source::nice_ng222)}));
            break;
        case replan_action::slow_down: slow = true; break;
    }
    // Never above where the taper started.
    if (lower(original.start_dose, from)) from = original.start_dose;

    if (slow) {
        const auto last = last_cut_share(current, today);
        if (last) {
            percent share = *last * request.cut_share_factor;
            if (r.max_step_percent && in(*r.max_step_percent, units::percent_of_dose) < in(share, units::percent_of_dose))
                share = *r.max_step_percent;
            r.max_step_percent = share;
        }
        r.interval = std::round(in(r.interval, units::day) * request.interval_factor) * units::day;
        for (auto& [phase, length] : r.phase_interval)
            length = std::round(in(length, units::day) * request.interval_factor) * units::day;
        reasons.push_back(make_message(mc::replan_slow_down,
                                       {r.max_step_percent.value_or(percent{}), r.interval, source(evidence_source::nice_ng222)}));
    }

    if (in(from, units::mg) <= 0)
        throw plan_error("replan: the taper has already stopped (0 mg on " + format_date(today) + "), nothing to replan",
                         {error_code::plan, format_date(today), "a day the drug is still taken", "today", {}});
    r.daily_dose = from;
    r.split = scaled_split(original.request, from);
    r.start = hold_for ? add_days(today, *hold_for) : today;
    // The deadline counts from the original start.
    if (r.max_duration) r.max_duration = *r.max_duration - days(days_between(original.start, r.start));
    if (r.max_steps) {
        int taken = 0;
        for (const auto& s : current.steps)
            if (s.start < today) ++taken;
        r.max_steps = *r.max_steps - taken;
    }
    const bool had_deadline = r.max_duration || r.max_steps;
    if (r.max_duration && in(*r.max_duration, units::day) <= 0) r.max_duration.reset();
    if (r.max_steps && *r.max_steps <= 0) r.max_steps.reset();

    schedule next;
    try {
        next = make_plan(db, r, strategy);
    } catch (const plan_error&) {
        if (!had_deadline) throw;
        r.max_duration.reset();
        r.max_steps.reset();
        next = make_plan(db, r, strategy);
        reasons.push_back(make_message(mc::replan_deadline_released));
    }
    if (had_deadline && !(r.max_duration || r.max_steps) && !contains(reasons, mc::replan_deadline_released))
        reasons.push_back(make_message(mc::replan_deadline_released));
    if (hold_for) prepend_hold(next, today, *hold_for, from);
    // The reasons travel with the plan too, so every exporter and the C ABI show them.
    next.messages.insert(next.messages.begin(), reasons.begin(), reasons.end());

    plan_history out = history;
    plan_version v;
    v.plan = std::move(next);
    v.made = today;
    v.action = request.action;
    v.reasons = std::move(reasons);
    out.versions.push_back(std::move(v));
    return out;
}

next_cut_offer offer_next_cut(const plan_history& history, const journal& j, date today, duration tolerable_for,
                              double share_of_cut) {
    if (!(share_of_cut > 0 && share_of_cut <= 1))
        throw plan_error("the share of the cut must be above 0 and at most 1",
                         {error_code::plan_request, std::to_string(share_of_cut), "0 < share <= 1", "share_of_cut", {}});
    const schedule& plan = history.current();
    next_cut_offer o;
    o.current = dose_now(plan, j, today);
    o.offered = o.current;

    // Tolerable: nothing rated moderate or worse and no red flag, every recorded day since.
    std::optional<date> since;
    for (const auto& e : j.entries) {
        if (e.day > today) break;
        bool bad = false;
        for (const auto& r : e.ratings) {
            const auto& i = info(r.what);
            bad = bad || r.severity >= 2 || (i.red_flag_from > 0 && r.severity >= i.red_flag_from);
        }
        if (bad) since = e.day + std::chrono::days{1};
        else if (!since) since = e.day;
    }
    const long streak = since && *since <= today ? days_between(*since, today) + 1 : 0;
    o.tolerable_so_far = days(streak);
    o.ready = in(o.tolerable_so_far, units::day) >= in(tolerable_for, units::day);

    for (const auto& s : plan.steps)
        if (lower(s.daily_dose, o.current)) {
            o.offered = o.current - (o.current - s.daily_dose) * share_of_cut;
            break;
        }
    if (o.ready) {
        o.reasons.push_back(make_message(mc::ready_for_next_cut, {o.tolerable_so_far, o.offered, source(evidence_source::nice_ng222)}));
        if (share_of_cut < 1)
            o.reasons.push_back(make_message(mc::cut_lowered_by_person, {share_of_cut * 100.0 * units::percent_of_dose, o.offered}));
    } else {
        o.offered = o.current;
        o.reasons.push_back(make_message(mc::not_ready_for_next_cut, {o.tolerable_so_far, tolerable_for, source(evidence_source::nice_ng222)}));
    }
    return o;
}

}  // namespace taper
