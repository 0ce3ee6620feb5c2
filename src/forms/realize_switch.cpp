// Switch points (the forms change from one step to the next), the bioavailability
// equivalences used, and what the forms on hand cannot do.
#include "realize_schedule.hpp"

#include <taper/units/io.hpp>

#include <algorithm>
#include <bit>
#include <cmath>

namespace taper::forms_detail {

namespace {
constexpr auto eps_of = detail::rounding_slack;  // the shared rule, src/detail/number_text.hpp
constexpr auto round9 = detail::without_float_noise;
}  // namespace

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
                       mg_text(10.0 / b) + " as " + f.label;
    if (f.kind == form_kind::drops && f.drop_volume && f.liquid_strength) {
        const double per_drop = in(*f.liquid_strength, units::mg / units::mL) * in(*f.drop_volume, units::mL / units::drop);
        text += " = " + num(10.0 / b / per_drop) + " drops";
    }
    return text + where;
}

// The forms a step's recipes use, as labels ("10 mg tablet", "diazepam 2 mg tablet"), once
// each, in recipe order. Only built when a switch point is written.
std::vector<std::string> schedule_realizer::labels_of(const realized_step& rs) const {
    std::vector<std::string> labels;
    for (const auto& r : rs.recipes) {
        const std::string prefix = std::max(0, index_of(r.drug)) == 0 ? "" : r.drug + " ";
        for (const auto& part : r.parts)
            if (std::find(labels.begin(), labels.end(), prefix + part.label) == labels.end())
                labels.push_back(prefix + part.label);
    }
    return labels;
}

std::string schedule_realizer::switch_note(const std::vector<form_mask>& used, const realized_step& rs) const {
    const std::vector<std::string> previous = previous_forms_ ? labels_of(out_.steps[*previous_forms_]) : start_labels_;
    std::string before;
    for (const auto& l : previous) before += (before.empty() ? "" : ", ") + l;
    std::string now;
    for (const auto& l : labels_of(rs)) now += (now.empty() ? "" : ", ") + l;
    std::string note = "switch point: the forms change to " + now;
    if (!before.empty())
        note += at_start_ ? (explicit_start_ ? " (at the start: " + before + ")"
                                             : " (at the start, presumably: " + before +
                                                   "; the request's current formulation says which)")
                          : " (before: " + before + ")";
    for (std::size_t n = 0; n < used.size(); ++n) {
        if (used[n] == 0) continue;
        const engine* e = engines_[n].get();
        const form_mask added = used[n] & ~previous_used_[n];
        for (const auto& p : e->products())
            if ((added & (form_mask{1} << p.slot)) != 0 && p.source->bioavailability_known &&
                std::abs(p.source->bioavailability - 1.0) > 1e-12 &&
                note.find(p.source->formulation_id) == std::string::npos)
                note += "; " + equivalence_text(*p.source);
    }
    return note;
}

// Appends a realized step: numbered and dated after the ones before (inserted steps move
// the rest), with a switch-point note when its forms differ from the previous step's.
void schedule_realizer::emit(realized_step rs, const std::vector<line_job>& jobs, const std::vector<choice>& cs) {
    rs.planned.number = ++number_;
    rs.planned.start = cursor_;
    cursor_ = add_days(cursor_, rs.planned.length);
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
            rs.notes.push_back(switch_note(used_, rs));
        }
        for (std::size_t n = 0; n < used_.size(); ++n)
            if (used_[n] != 0) {
                previous_used_[n] = used_[n];
                in_use_[n] = used_[n];
                used_ever_[n] |= used_[n];
            }
        previous_forms_ = out_.steps.size();
        have_previous_ = true;
    }
    if (std::any_of(rs.recipes.begin(), rs.recipes.end(), [](const dose_recipe& r) { return !r.within_tolerance; }))
        ++off_tolerance_;
    prev_ = in(rs.realized_daily, units::mg);
    previous_lines_.resize(jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i)
        previous_lines_[i] = {jobs[i].drug, jobs[i].line->time, in(rs.recipes[i].realized, units::mg)};
    at_start_ = false;
    out_.steps.push_back(std::move(rs));
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
            const std::string text = equivalence_text(f);
            if (std::find(out_.equivalences.begin(), out_.equivalences.end(), text) == out_.equivalences.end())
                out_.equivalences.push_back(text);
        }
    }
}

// What the forms on hand cannot do, drugs not realized, and doses off target.
void schedule_realizer::add_form_warnings() {
    for (const auto& e : engines_) {
        if (!e) continue;
        for (const auto& f : e->forms()) {
            std::string w;
            if (f.kind == form_kind::beads && !f.bead_count)
                w = f.drug + " " + f.label + " (" + f.formulation_id +
                    "): the number of beads per capsule is not known (brands differ), so only whole capsules are "
                    "used; count the beads in several capsules and give beads_per_capsule in a user formulary to "
                    "count beads";
            else if (f.kind == form_kind::drops && !f.drop_volume)
                w = f.drug + " " + f.label + ": the drop size is not known, so it is measured by syringe like a liquid";
            if (!w.empty() && std::find(out_.warnings.begin(), out_.warnings.end(), w) == out_.warnings.end())
                out_.warnings.push_back(w);
        }
    }
    for (const int i : unrealized_drugs_) {
        const std::string& n = names_[static_cast<std::size_t>(i)];
        out_.warnings.push_back(n + " doses are listed as planned, not realized: no " + n + " forms were given (add " +
                                n + "'s own forms to the forms on hand to have them realized too)");
    }
    if (off_tolerance_ > 0)
        out_.warnings.push_back(std::to_string(off_tolerance_) + " of " + std::to_string(out_.steps.size()) +
                                " steps have a dose that cannot be made within " + num(options_.tolerance_percent) +
                                "% of its target with what is on hand (see the steps)");
}
}  // namespace taper::forms_detail
