// Realization's messages as text: the wording people read (docs/messages.md has an example of
// each). Forms are named by their labels, from the forms on hand in the context.
#include "realization_text.hpp"

#include "realizer_text.hpp"
#include "../detail/text.hpp"

#include <taper/forms/realize.hpp>
#include <taper/units/io.hpp>

#include <algorithm>
#include <cmath>

namespace taper::forms_detail {
namespace {

std::string mg(const parameter& p) { return num(in(p.as_mass(), units::mg)) + " mg"; }
/// Targets and limits, which come out of formulas: three significant figures.
std::string about_mg(const parameter& p) { return readable(in(p.as_mass(), units::mg)) + " mg"; }
std::string ml(const parameter& p) { return readable(in(p.as_volume(), units::mL)) + " mL"; }
std::string share_1dp(double x) { return num(std::round(x * 10) / 10) + "%"; }
std::string share(const parameter& p) { return readable(in(p.as_percent(), units::percent_of_dose)) + "%"; }
std::string whole(const parameter& p) { return std::to_string(p.as_index()); }
std::string days(const parameter& p) {
    const std::string n = num(in(p.as_days(), units::day));
    return n + (n == "1" ? " day" : " days");
}

const available_form* form_at(const parameter& p, const message_context& c) {
    return p.as_index() < c.forms.size() ? &c.forms[p.as_index()] : nullptr;
}

/// "2 mg/mL liquid"; a form of another drug than the plan's is named with its drug.
std::string form_label(const available_form& f, const message_context& c) {
    return f.drug.empty() || detail::equals_ignoring_case(f.drug, c.drug) ? f.label : f.drug + " " + f.label;
}

std::string form_name(const parameter& p, const message_context& c) {
    const available_form* f = form_at(p, c);
    return f != nullptr ? form_label(*f, c) : "form " + whole(p) + " on hand";
}

std::string drug_form_name(const parameter& p, const message_context& c) {
    if (c.subject == nullptr) return "another form";
    const auto forms = all_forms(*c.subject);
    return p.as_index() < forms.size() ? forms[p.as_index()].label : "another form";
}

std::string drug_name(const parameter& p, const message_context& c) {
    return p.as_index() < c.drugs.size() ? c.drugs[p.as_index()] : std::string("another drug");
}

/// "night dose", "morning (diazepam) dose", or "dose" outside a step.
std::string dose_of(const parameter& p, const message_context& c) {
    const std::size_t i = p.as_index();
    if (i >= c.doses.size()) return "dose";
    const dose_line& line = c.doses[i];
    if (!line.drug.empty() && !c.drug.empty() && !detail::equals_ignoring_case(line.drug, c.drug))
        return line.time + " (" + line.drug + ") dose";
    return line.time + " dose";
}

/// The forms a realized step's recipes use, once each, in recipe order.
std::string labels_of(const realized_step& rs, const message_context& c) {
    std::string out;
    std::vector<std::string> seen;
    for (const auto& r : rs.recipes) {
        const bool other = !r.drug.empty() && !c.drug.empty() && !detail::equals_ignoring_case(r.drug, c.drug);
        for (const auto& part : r.parts) {
            const std::string label = other ? r.drug + " " + part.label : part.label;
            if (std::find(seen.begin(), seen.end(), label) != seen.end()) continue;
            seen.push_back(label);
            out += (out.empty() ? "" : ", ") + label;
        }
    }
    return out;
}

std::string switch_text(const message& m, const message_context& c) {
    std::string out = "switch point: the forms change";
    if (c.realized != nullptr) out += " to " + labels_of(*c.realized, c);
    if (c.realization == nullptr) return out;
    const realized_schedule& r = *c.realization;
    const std::size_t after = m[0].as_index();
    std::string before;
    if (after == 0) {
        for (const std::size_t i : r.start_forms)
            if (i < r.forms.size()) before += (before.empty() ? "" : ", ") + form_label(r.forms[i], c);
        if (before.empty()) return out;
        return out + (r.plan().request.current_formulation.empty()
                          ? " (at the start, presumably: " + before + "; the request's current formulation says which)"
                          : " (at the start: " + before + ")");
    }
    for (const auto& st : r.steps)
        if (static_cast<std::size_t>(st.planned().number) == after) before = labels_of(st, c);
    return before.empty() ? out : out + " (before: " + before + ")";
}

std::string abrupt(const message& m) {
    return "abrupt stop with the doses as taken: the last dose before stopping is " + mg(m[0]) + ", " +
           share_1dp(in(m[1].as_percent(), units::percent_of_dose)) +
           " of the starting dose; reduce to a small dose first (below about " + share(m[2]) +
           " of the start) before stopping";
}

std::string_view guidance_text(pace_guidance g) {
    switch (g) {
        case pace_guidance::benzodiazepines: return "benzodiazepines and z-drugs: no more than about 25% of the dose per two weeks";
        case pace_guidance::antidepressants:
            return "antidepressants: 10-25% of the most recent dose, or 5-10 occupancy points, every 2-4 weeks";
        case pace_guidance::antipsychotics:
            return "antipsychotics: about a quarter of the most recent dose, or 5-10 points of D2 occupancy, every 3-6 months";
    }
    return "";
}

std::string pace(const message& m, const std::string& what) {
    return "faster than the guidance with the doses as taken: this step cuts " + what + " in " + days(m[1]) + " (" +
           std::string(guidance_text(m[2].as_guidance())) + ")";
}

}  // namespace

std::string equivalence_text(const available_form& f) {
    const std::string where = " (source: " +
                              (f.bioavailability_origin.source.empty() ? std::string("none")
                                                                       : f.bioavailability_origin.source) +
                              "; " + std::string(to_string(f.bioavailability_origin.status)) + ")";
    const std::string name = f.drug + " " + f.formulation_id;
    if (!f.bioavailability_known)
        return name + " (" + f.label +
               "): taken as 1 mg ≡ 1 mg as tablets; the data has no bioavailability figure for it (unverified)";
    const double b = f.bioavailability;
    if (std::abs(b - 1.0) < 1e-12) return name + ": 1 mg ≡ 1 mg as tablets" + where;
    std::string text = name + ": delivers " + num(b) + "× as much per labelled mg as tablets, so 10 mg as tablets ≡ " +
                       num(10.0 / b) + " mg as " + f.label;
    if (f.kind == form_kind::drops && f.drop_volume && f.liquid_strength) {
        const double per_drop =
            in(*f.liquid_strength, units::mg / units::mL) * in(*f.drop_volume, units::mL / units::drop);
        text += " = " + num(10.0 / b / per_drop) + " drops";
    }
    return text + where;
}

std::string realization_text(const message& m, const message_context& c) {
    using mc = message_code;
    switch (m.code) {
        case mc::dose_rounds_to_zero:
            return dose_of(m[0], c) + ": " + about_mg(m[1]) +
                   " rounds to 0 mg with what is on hand, so this dose would not be taken";
        case mc::dose_off_target: {
            const double goal = in(m[1].as_mass(), units::mg), got = in(m[2].as_mass(), units::mg);
            const double pct = goal > 0 ? 100.0 * (got - goal) / goal : 0.0;
            return dose_of(m[0], c) + ": the closest that can be made to " + about_mg(m[1]) + " is " + mg(m[2]) + " (" +
                   (pct >= 0 ? "+" : "") + share_1dp(pct) + ", beyond the " +
                   num(in(m[3].as_percent(), units::percent_of_dose)) + "% tolerance)";
        }
        case mc::below_syringe_minimum:
            return "as " + form_name(m[0], c) + " it would be " + ml(m[1]) +
                   ", below the smallest volume the syringe measures (" + num(in(m[2].as_volume(), units::mL)) + " mL)";
        case mc::dilution_switched_off:
            return form_name(m[0], c) + " may be dispersed in water, but dilution is switched off";
        case mc::liquid_would_measure_finer:
            return "a liquid (or a dilution of a dispersible tablet) would measure it more finely";
        case mc::more_dilute_would_measure_finer: return "a more dilute liquid or a dilution would measure it more finely";
        case mc::drug_also_comes_as:
            return std::string(c.drug.empty() ? "the drug" : c.drug) + " also comes as " + drug_form_name(m[0], c) +
                   " (not on hand)";
        case mc::adjusted_after_rounding: {
            const bool same = std::abs(in(m[1].as_mass(), units::mg) - in(m[2].as_mass(), units::mg)) <=
                              detail::rounding_slack(in(m[2].as_mass(), units::mg));
            return "adjusted after rounding: " + mg(m[0]) + " would break the plan's limits, so this step takes " +
                   (same ? "the same " + mg(m[1]) + " again" : mg(m[1]));
        }
        case mc::rounding_above_previous: return "the rounded dose would be above the previous dose of " + mg(m[0]);
        case mc::rounding_over_max_step:
            return "the rounded dose would cut " + mg(m[0]) + ", more than the maximum of " + about_mg(m[1]);
        case mc::rounding_over_max_percent:
            return "the rounded dose would cut " + share_1dp(in(m[0].as_percent(), units::percent_of_dose)) +
                   " of the previous dose, more than the maximum of " + share(m[1]);
        case mc::rounding_over_max_points:
            return "the rounded dose would cut " + num(std::round(in(m[0].as_points(), units::points) * 10) / 10) +
                   " occupancy points, more than the maximum of " + readable(in(m[1].as_points(), units::points));
        case mc::limits_broken_nothing_within:
            return "this step breaks the plan's limits after rounding: nothing on hand makes a dose within them, so "
                   "it takes " + mg(m[0]) + "; a liquid or a smaller strength would keep the limits";
        case mc::limits_broken_smallest_cut:
            return "this step breaks the plan's limits: nothing on hand makes a dose from " + about_mg(m[0]) +
                   " up to " + mg(m[1]) + ", so the smallest cut that can be made is taken (" + mg(m[2]) +
                   "); a liquid or a smaller strength would keep the limits";
        case mc::inserted_step:
            return "inserted step: going from " + mg(m[0]) + " to the planned " + about_mg(m[1]) +
                   " at once would break the plan's limits after rounding, so this extra " + days(m[2]) +
                   " step at " + mg(m[3]) + " comes first; later steps move by as many days";
        case mc::inserted_step_before_stop:
            return "inserted step on the way to stopping: going from " + mg(m[0]) +
                   " to 0 mg at once would break the plan's limits, so this extra " + days(m[1]) + " step at " +
                   mg(m[2]) + " comes first; later steps move by as many days";
        case mc::inserted_smallest_cut_before_stop:
            return "inserted step on the way to stopping: " + mg(m[0]) + " is the smallest cut that can be made from " +
                   mg(m[1]) + "; later steps move by " + days(m[2]);
        case mc::switch_point: return switch_text(m, c);
        case mc::form_equivalence:
        case mc::form_equivalence_assumed: {
            const available_form* f = form_at(m[0], c);
            return f != nullptr ? equivalence_text(*f) : "equivalence used for " + form_name(m[0], c);
        }
        case mc::realized_abrupt_stop: return abrupt(m);
        case mc::realized_abrupt_stop_seizure_risk:
            return abrupt(m) + "; stopping a benzodiazepine or z-drug abruptly can cause seizures";
        case mc::form_would_avoid_abrupt_stop:
            return "with " + drug_form_name(m[0], c) + " (not on hand) the last dose before stopping could be " +
                   mg(m[1]) + " instead of " + mg(m[2]) + ", below the abrupt-stop line";
        case mc::realized_faster_than_guidance_share:
            return pace(m, share_1dp(in(m[0].as_percent(), units::percent_of_dose)) + " of the dose");
        case mc::realized_faster_than_guidance_points:
            return pace(m, num(std::round(in(m[0].as_points(), units::points) * 10) / 10) + " occupancy points");
        case mc::release_change_step:
            return "change of form at a constant dose (" + mg(m[0]) +
                   " a day): the release profile changes, so this step makes only that change and no cut";
        case mc::dosing_frequency_change:
            return form_name(m[0], c) + " is taken " + whole(m[1]) +
                   " times a day: divide the day's dose into that many equal doses";
        case mc::impractical_recipe:
            return dose_of(m[0], c) + ": no practical recipe with what is on hand (" + whole(m[1]) +
                   " pieces or counts, " + ml(m[2]) + " of liquid); ask the pharmacist for a better-suited form";
        case mc::release_change_with_cut:
            return "this step changes the release profile and cuts at the same time: the new forms on hand cannot make "
                   "the dose before (" + mg(m[0]) + "); ask the pharmacist for a form that makes it, so the form can "
                   "change first at the same dose";
        case mc::beads_per_capsule_unknown:
            return form_name(m[0], c) +
                   ": the number of beads per capsule is not known (brands differ), so only whole capsules are used; "
                   "count the beads in several capsules and give beads_per_capsule in a user formulary to count beads";
        case mc::drop_size_unknown:
            return form_name(m[0], c) + ": the drop size is not known, so it is measured by syringe like a liquid";
        case mc::drug_not_realized: {
            const std::string n = drug_name(m[0], c);
            return n + " doses are listed as planned, not realized: no " + n + " forms were given (add " + n +
                   "'s own forms to the forms on hand to have them realized too)";
        }
        case mc::form_assumed_among: {
            const available_form* f = form_at(m[0], c);
            if (f == nullptr || f->assumed_among.empty())
                return form_name(m[0], c) + ": the data has several products of this form and strength; the one that "
                                            "may not be split was assumed (--region or a formulation id chooses another)";
            std::string others;
            for (const auto& id : f->assumed_among) others += (others.empty() ? "" : ", ") + id;
            const std::string strength = f->liquid_strength ? to_string(*f->liquid_strength)
                                         : f->unit_strength  ? to_string(*f->unit_strength)
                                                             : std::string();
            return form_label(*f, c) + ": taken to be " + f->drug + "'s " + f->formulation_id +
                   (f->may_split ? "" : ", which is not split") + "; the data also has " + others +
                   " of this strength, whose label scores it differently. To use " +
                   (f->assumed_among.size() == 1 ? "it" : "one of them") + ", give the country (--region uk or us) "
                   "or the formulation id, e.g. \"" + strength + " " + f->assumed_among.front() + "\"";
        }
        case mc::steps_off_tolerance:
            return whole(m[0]) + " of " + whole(m[1]) + " steps have a dose that cannot be made within " +
                   num(in(m[2].as_percent(), units::percent_of_dose)) +
                   "% of its target with what is on hand (see the steps)";
        default: break;
    }
    return std::string(id(m.code));
}

}  // namespace taper::forms_detail

namespace taper {

message_context context_of(const realized_schedule& r, const realized_step* s) {
    message_context c = context_of(r.plan(), s != nullptr ? &s->planned() : nullptr);
    c.forms = r.forms;
    c.drugs = r.drugs;
    c.subject = r.plan().subject.get();
    c.realization = &r;
    c.realized = s;
    return c;
}

}  // namespace taper
