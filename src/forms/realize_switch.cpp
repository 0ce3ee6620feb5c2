// Switch points (the forms change from one step to the next), the bioavailability
// equivalences used, and what the forms on hand cannot do.
#include "realize_schedule.hpp"

#include <taper/units/io.hpp>

#include <algorithm>
#include <bit>
#include <cmath>

namespace taper::forms_detail {

// The switch point, and the equivalence of each converted form it brings in.
void schedule_realizer::add_switch_messages(const std::vector<form_mask>& used, realized_step& rs) const {
    const std::size_t after = previous_forms_ ? static_cast<std::size_t>(out_.steps[*previous_forms_].planned().number) : 0;
    rs.messages.push_back(make_message(message_code::switch_point, {parameter::count(after)}));
    for (std::size_t n = 0; n < used.size(); ++n) {
        if (used[n] == 0) continue;
        const engine* e = engines_[n].get();
        const form_mask added = used[n] & ~previous_used_[n];
        for (const auto& p : e->products())
            if ((added & (form_mask{1} << p.slot)) != 0 && p.source->bioavailability_known &&
                std::abs(p.source->bioavailability - 1.0) > 1e-12) {
                const message m = make_message(message_code::form_equivalence,
                                               {parameter::on_hand_form(e->origin_of(&e->slot_form(p.slot)))});
                if (!contains_message(rs.messages, m)) rs.messages.push_back(m);
            }
    }
}

// Finishes the step make_step appended: numbered and dated after the ones before (inserted
// steps move the rest), with a switch-point note when its forms differ from the previous step's.
void schedule_realizer::emit(const std::vector<line_job>& jobs, const std::vector<choice>& cs) {
    realized_step& rs = out_.steps.back();
    ++number_;
    if (rs.planned().number != number_ || rs.planned().start != cursor_) {
        step& renumbered = rs.planned_to_change();  // a step of its own: the plan's is left as planned
        renumbered.number = number_;
        renumbered.start = cursor_;
    }
    cursor_ = add_days(cursor_, rs.planned().length);
    // Forms used, per drug; a switch point is a change from the previous step's forms.
    used_.assign(names_.size(), 0);
    for (std::size_t i = 0; i < jobs.size(); ++i)
        if (jobs[i].eng != nullptr) used_[static_cast<std::size_t>(jobs[i].drug)] |= cs[i].mask;
    form_mask any = 0;
    for (const auto m : used_) any |= m;
    if (any != 0) {
        bool changed = false;
        for (std::size_t n = 0; n < used_.size(); ++n)
            if (used_[n] != 0 && previous_used_[n] != used_[n]) changed = true;
        if (changed && have_previous_) {
            rs.form_changed = true;
            add_switch_messages(used_, rs);
        }
        for (std::size_t n = 0; n < used_.size(); ++n)
            if (used_[n] != 0) {
                previous_used_[n] = used_[n];
                in_use_[n] = used_[n];
                used_ever_[n] |= used_[n];
            }
        previous_forms_ = out_.steps.size() - 1;
        have_previous_ = true;
    }
    if (std::any_of(rs.recipes.begin(), rs.recipes.end(), [](const dose_recipe& r) { return !r.within_tolerance; }))
        ++off_tolerance_;
    prev_ = in(rs.realized_daily, units::mg);
    previous_lines_.resize(jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        // Field by field: the time's string keeps its memory from step to step.
        previous_lines_[i].drug = jobs[i].drug;
        previous_lines_[i].time = jobs[i].line->time;
        previous_lines_[i].realized = in(rs.recipes[i].realized, units::mg);
    }
    at_start_ = false;
}

// Each equivalence used, once, when the forms used were converted or mixed.
void schedule_realizer::add_equivalences() {
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
            const message eq = make_message(
                f.bioavailability_known ? message_code::form_equivalence : message_code::form_equivalence_assumed,
                {parameter::on_hand_form(e->origin_of(&f))});
            if (!contains_message(out_.messages, eq)) out_.messages.push_back(eq);
        }
    }
}

// What the forms on hand cannot do, drugs not realized, and doses off target.
void schedule_realizer::add_form_warnings() {
    for (const auto& e : engines_) {
        if (!e) continue;
        for (const available_form* form_on_hand : e->forms()) {
            const available_form& f = *form_on_hand;
            const parameter form = parameter::on_hand_form(e->origin_of(&f));
            std::optional<message> w;
            if (f.kind == form_kind::beads && !f.bead_count)
                w = make_message(message_code::beads_per_capsule_unknown, {form});
            else if (f.kind == form_kind::drops && !f.drop_volume)
                w = make_message(message_code::drop_size_unknown, {form});
            if (w && !contains_message(out_.messages, *w)) out_.messages.push_back(*w);
            // The item matched products that differ in splitting; the person should know
            // which was assumed, and how to choose the other (forms_on_hand).
            if (!f.assumed_among.empty()) {
                const message n = make_message(message_code::form_assumed_among, {form});
                if (!contains_message(out_.messages, n)) out_.messages.push_back(n);
            }
        }
    }
    for (const int i : unrealized_drugs_)
        out_.messages.push_back(
            make_message(message_code::drug_not_realized, {parameter::drug_name(static_cast<std::size_t>(i))}));
    if (off_tolerance_ > 0)
        out_.messages.push_back(make_message(
            message_code::steps_off_tolerance,
            {parameter::count(static_cast<std::size_t>(off_tolerance_)), parameter::count(out_.steps.size()),
             options_.tolerance_percent * units::percent_of_dose}));
}
}  // namespace taper::forms_detail
