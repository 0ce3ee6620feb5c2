// Rule R7 (docs/safety.md, "Realization"): a change of release profile is its own step at a
// constant dose. Where the forms on hand make a step switch between a modified-release form
// and an immediate-release one (venlafaxine XR capsules to liquid) in the same step as a cut,
// a step is inserted before it: the dose before, made with the new forms, saying so
// (release_change_step, 435). The cut follows a step later, from the same forms. Two changes
// at once would leave a person unable to tell a reaction to the new form from one to the cut.
#include "realize_schedule.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace taper::forms_detail {

std::optional<choice> engine::best_among(double goal, double lo, double hi, form_mask allowed) const {
    return search(goal, lo, hi, allowed & all_, allowed & all_);
}

namespace {

bool is_modified_release(const drug& d, const std::string& formulation_id) {
    const formulation* f = d.find_formulation(formulation_id);
    return f != nullptr && f->modified_release.known() && *f->modified_release;
}

/// Whether the tapered drug's parts of a step are modified-release (any part is); nullopt
/// when the step takes none of its forms (a stop, a line not realized). `form_is_mr`: per
/// form on hand (dose_component::form), whether it is a modified-release formulation of `d`
/// (looked up once per realization, not once per part of every step).
std::optional<bool> modified_release(const realized_step& rs, const drug& d, const std::vector<bool>& form_is_mr) {
    bool any = false, mr = false;
    for (const auto& rc : rs.recipes) {
        if (rc.drug != d.name && !same_drug(rc.drug, d.name)) continue;  // (exact first: the usual case)
        for (const auto& p : rc.parts) {
            any = true;
            if (p.form < form_is_mr.size() ? form_is_mr[p.form] : is_modified_release(d, p.formulation_id)) mr = true;
        }
    }
    if (!any) return std::nullopt;
    return mr;
}

constexpr message_code moved_to_the_change[] = {message_code::switch_point, message_code::form_equivalence,
                                                message_code::form_equivalence_assumed};

bool moves(const message& m) {
    return std::find(std::begin(moved_to_the_change), std::end(moved_to_the_change), m.code) !=
           std::end(moved_to_the_change);
}

}  // namespace

void schedule_realizer::note_release_profiles(const std::vector<available_form>& on_hand) {
    form_is_mr_.clear();
    form_is_mr_.reserve(on_hand.size());
    for (const auto& f : on_hand) form_is_mr_.push_back(is_modified_release(drug_, f.formulation_id));
}

// `modified_release_only`: of the tapered drug's forms in the step after, only its
// modified-release ones (where that step mixes both, the held step must keep its profile).
std::optional<realized_step> schedule_realizer::constant_dose_step(const realized_step& before,
                                                                   const realized_step& after,
                                                                   bool modified_release_only) const {
    realized_step rs;
    step held = before.planned();
    held.phase = step_phase::hold;
    held.length = after.planned().length;
    held.messages.clear();
    held.change = mass{};
    held.change_percent = percent{};
    held.equivalent_daily_dose = before.realized_daily;
    if (model_ != nullptr && plan_.basis == dose_basis::own_mg) {
        held.occupancy_percent = model_->occupancy_percent(before.realized_daily);
        held.change_points = occupancy_points{};
    }
    rs.inserted = true;
    double total_mg = 0;
    for (std::size_t i = 0; i < before.recipes.size(); ++i) {
        const dose_recipe& old = before.recipes[i];
        const int drug = index_of(old.drug);
        engine* e = drug >= 0 ? engine_at(drug) : nullptr;
        const double goal = in(old.realized, units::mg);
        const double factor = drug >= 0 ? factors_[static_cast<std::size_t>(drug)] : 1.0;
        // The forms the step after uses for this drug.
        form_mask allowed = 0;
        if (e != nullptr)
            for (const auto& rc : after.recipes)
                if (same_drug(rc.drug, old.drug))
                    for (const auto& part : rc.parts)
                        for (const auto& p : e->products())
                            if (p.source->formulation_id == part.formulation_id && p.source->label == part.label &&
                                (!modified_release_only || !same_drug(old.drug, drug_.name) ||
                                 is_modified_release(drug_, p.source->formulation_id)))
                                allowed |= form_mask{1} << p.slot;
        if (e == nullptr || allowed == 0 || !(goal > 0)) {
            rs.recipes.push_back(old);  // this line's forms do not change
        } else {
            // Within the tolerance and never above the dose before (the dose never rises).
            const auto c = e->best_among(goal, goal - e->tolerance(goal), goal + detail::rounding_slack(goal), allowed);
            if (!c) return std::nullopt;  // the new forms cannot make the dose before
            dose_recipe& r = rs.recipes.emplace_back();  // written in place, never moved
            e->recipe_into(r, *c, goal, i);
            r.drug = old.drug;
            r.time = old.time;
        }
        total_mg += factor * in(rs.recipes.back().realized, units::mg);
        if (i < held.doses.size()) held.doses[i].amount = old.realized;
    }
    rs.realized_daily = detail::without_float_noise(total_mg) * units::mg;
    rs.difference = rs.realized_daily - held.equivalent_daily_dose;
    rs.set_planned(std::move(held));
    rs.form_changed = true;
    rs.messages.push_back(make_message(message_code::release_change_step, {before.realized_daily}));
    for (const auto& r : rs.recipes)
        for (const auto& m : r.messages)
            if (!contains_message(rs.messages, m)) rs.messages.push_back(m);
    return rs;
}

// The day before the first step, as a realized step: the starting dose in its dose lines,
// and whether the forms it is taken in (the realization's start forms) are modified-release.
realized_step schedule_realizer::start_as_step(std::optional<bool>& modified) const {
    realized_step start;
    step day_before = plan_.steps.front();
    day_before.doses.clear();
    day_before.equivalent_daily_dose = plan_.start_equivalent_dose;
    start.realized_daily = plan_.start_equivalent_dose;
    for (const auto& line : plan_.start_split) {
        dose_recipe& r = start.recipes.emplace_back();
        r.drug = drug_.name;
        r.time = line.time;
        r.target = line.amount;
        r.realized = line.amount;
        dose_line l;
        l.drug = drug_.name;
        l.time = line.time;
        l.amount = line.amount;
        day_before.doses.push_back(std::move(l));
    }
    start.set_planned(std::move(day_before));
    modified.reset();
    if (engines_.empty() || !engines_[0]) return start;
    for (const available_form* f : engines_[0]->forms()) {
        if (std::find(out_.start_forms.begin(), out_.start_forms.end(), engines_[0]->origin_of(f)) ==
            out_.start_forms.end())
            continue;
        const formulation* data = drug_.find_formulation(f->formulation_id);
        modified = modified.value_or(false) || (data != nullptr && data->modified_release.known() && *data->modified_release);
    }
    return start;
}

// Every pair of steps is looked at, not only those the switch-point rule marks: a step
// inserted here takes a subset of the next step's forms, and what makes a dose can change
// its release profile while the set of forms in use changes in ways that rule does not see.
void schedule_realizer::separate_release_changes() {
    if (out_.steps.empty()) return;
    bool inserted = false;
    // The day before the first step, made once (not an empty step on every pass).
    std::optional<bool> start_profile;
    const realized_step first = start_as_step(start_profile);
    // The profile of the step before, when the last pass worked it out: its `after` is this
    // pass's `before` (also when it inserted a step: k has moved past the inserted one).
    std::optional<bool> before_profile;
    bool before_known = false;
    for (std::size_t k = 0; k < out_.steps.size(); ++k) {
        const realized_step& before = k == 0 ? first : out_.steps[k - 1];
        const std::optional<bool> was = k == 0         ? start_profile
                                        : before_known ? before_profile
                                                       : modified_release(before, drug_, form_is_mr_);
        before_known = false;
        const realized_step& after = out_.steps[k];
        const double from = in(before.realized_daily, units::mg);
        const double to = in(after.realized_daily, units::mg);
        if (!(to < from - detail::rounding_slack(from))) continue;  // no cut: already a step of its own
        const auto now = modified_release(after, drug_, form_is_mr_);
        before_profile = now;
        before_known = true;
        if (!was || !now || *was == *now) continue;
        // The held step must end up with the profile of the step after, or the change would
        // only move one step later, still with the cut: where the step after mixes both
        // profiles, its modified-release forms alone are tried next.
        auto held = constant_dose_step(before, after, false);
        if (held && modified_release(*held, drug_, form_is_mr_) != now) held = constant_dose_step(before, after, true);
        if (held && modified_release(*held, drug_, form_is_mr_) != now) held.reset();
        realized_step& changed = out_.steps[k];
        if (!held) {
            // Nothing on hand makes the dose before in the new forms: said, never silent.
            const message m = make_message(message_code::release_change_with_cut, {before.realized_daily});
            if (!contains_message(changed.messages, m)) changed.messages.push_back(m);
            continue;
        }
        if (k == 0) held->planned_to_change().start = changed.planned().start;
        // The switch point (and the equivalences it brings) belong to the step that changes
        // form; a step the switch-point rule did not mark gets one of its own (after the step
        // before, which is numbered k once the steps are renumbered below).
        for (const auto& m : changed.messages)
            if (moves(m)) held->messages.push_back(m);
        if (!contains(held->messages, message_code::switch_point))
            held->messages.push_back(make_message(message_code::switch_point, {parameter::count(k)}));
        changed.messages.erase(std::remove_if(changed.messages.begin(), changed.messages.end(), moves),
                               changed.messages.end());
        changed.form_changed = false;
        out_.steps.insert(out_.steps.begin() + static_cast<std::ptrdiff_t>(k), std::move(*held));
        ++k;
        inserted = true;
    }
    if (!inserted) return;
    // Numbers and dates follow on.
    date day = out_.steps.front().planned().start;
    for (std::size_t k = 0; k < out_.steps.size(); ++k) {
        realized_step& rs = out_.steps[k];
        if (rs.planned().number != static_cast<int>(k) + 1 || rs.planned().start != day) {
            step& st = rs.planned_to_change();
            st.number = static_cast<int>(k) + 1;
            st.start = day;
        }
        day = rs.planned().end();
    }
    cursor_ = day;
    number_ = static_cast<int>(out_.steps.size());
}

// A form whose label divides the day more finely than the doses a step takes (venlafaxine
// XL once a day, then its immediate-release solution, "in two divided doses"): the step that
// starts the form says how many times a day the label takes it. Only the label's own number
// (formulation::doses_per_day) is used; where it is unknown nothing is said, as nothing is
// guessed. Said once, on the step that starts the form, since later steps keep it.
void schedule_realizer::note_dosing_frequency_changes() {
    // The tapered drug's formulations of the step before; before step 1, those the person
    // starts on (the realization's start forms), so a form already taken is not news.
    // (out_.forms is set only after the run: the start forms are found through the engine's
    // products, whose positions in the forms on hand start_forms records.)
    std::vector<std::string_view> in_use, now;  // both keep their storage from step to step
    if (engines_[0] != nullptr)
        for (const auto& p : engines_[0]->products())
            if (std::find(out_.start_forms.begin(), out_.start_forms.end(), engines_[0]->origin_of(p.source)) !=
                out_.start_forms.end())
                in_use.push_back(p.source->formulation_id);
    for (std::size_t k = 0; k < out_.steps.size(); ++k) {
        realized_step& rs = out_.steps[k];
        std::size_t times = 0;  // the tapered drug's doses a day in this step
        now.clear();
        for (const auto& rc : rs.recipes) {
            if (!same_drug(rc.drug, drug_.name)) continue;
            if (!rc.parts.empty()) ++times;
            for (const auto& p : rc.parts)
                if (std::find(now.begin(), now.end(), p.formulation_id) == now.end()) now.push_back(p.formulation_id);
        }
        for (const auto& rc : rs.recipes) {
            if (!same_drug(rc.drug, drug_.name)) continue;
            for (const auto& p : rc.parts) {
                if (std::find(in_use.begin(), in_use.end(), p.formulation_id) != in_use.end()) continue;
                const formulation* f = drug_.find_formulation(p.formulation_id);
                if (f == nullptr || !f->doses_per_day || static_cast<std::size_t>(*f->doses_per_day) <= times)
                    continue;
                const message m = make_message(message_code::dosing_frequency_change,
                                               {parameter::on_hand_form(p.form),
                                                parameter::count(static_cast<std::size_t>(*f->doses_per_day))});
                if (!contains_message(rs.messages, m)) rs.messages.push_back(m);
            }
        }
        // A step that takes none of the drug's forms (a stop) does not end what is in use.
        if (!now.empty()) std::swap(in_use, now);
    }
}

}  // namespace taper::forms_detail
