// Messages as text: the wording people read (docs/messages.md has an example of each).
#include <taper/messages/text.hpp>

#include "../forms/realization_text.hpp"

#include <taper/units/io.hpp>

#include "../journal/message_text.hpp"

#include <cmath>

namespace taper {
namespace {

// Text is for reading: six significant figures, so that arithmetic noise never shows
// ("27.337500000000002 mg" reads 27.3375 mg). JSON and the C ABI keep the full value.
double six_figures(double v) {
    if (v == 0 || !std::isfinite(v)) return v;
    const double scale = std::pow(10.0, 5 - std::floor(std::log10(std::abs(v))));
    return std::isfinite(scale) && std::isfinite(v * scale) ? std::round(v * scale) / scale : v;
}
std::string readable(double v) { return format_number(six_figures(v)); }

std::string mg(const parameter& p) { return readable(in(p.as_mass(), units::mg)) + " mg"; }
std::string diazepam_mg(const parameter& p) { return readable(p.number()) + " mg"; }
std::string share(const parameter& p) { return readable(in(p.as_percent(), units::percent_of_dose)) + "%"; }
std::string num(const parameter& p) { return readable(p.number()); }
std::string whole(const parameter& p) { return std::to_string(p.as_index()); }
/// Shares written to one decimal ("40.6%").
std::string share_1dp(const parameter& p) { return format_number(std::round(p.number() * 10) / 10) + "%"; }

std::string pk_parameter_text(pharmacokinetic_parameter k) {
    switch (k) {
        case pharmacokinetic_parameter::half_life: return "its half-life";
        case pharmacokinetic_parameter::time_to_peak: return "its time to peak (tmax)";
        case pharmacokinetic_parameter::metabolite_half_life: return "its active metabolite's half-life";
        case pharmacokinetic_parameter::metabolite_fraction_formed:
            return "the share of it that forms its active metabolite";
        case pharmacokinetic_parameter::metabolite_relative_potency:
            return "its active metabolite's potency at the target";
    }
    return "a pharmacokinetic parameter";
}

std::string time_of(const parameter& p, const message_context& c) {
    const std::size_t i = p.as_index();
    return i < c.doses.size() ? c.doses[i].time : std::string("daily");
}

std::string_view guidance_text(pace_guidance g) {
    switch (g) {
        case pace_guidance::benzodiazepines:
            return "benzodiazepines and z-drugs: no more than about 25% of the dose per two weeks";
        case pace_guidance::antidepressants:
            return "antidepressants: 10-25% of the most recent dose, or 5-10 occupancy points, every 2-4 weeks "
                   "(Maudsley; Horowitz & Taylor 2019)";
        case pace_guidance::antipsychotics:
            return "antipsychotics: about a quarter of the most recent dose, about 5-10 points of D2 occupancy, "
                   "every 3-6 months (Horowitz et al. 2021)";
    }
    return "";
}

std::string_view reason_text(whole_unit_reason r) {
    switch (r) {
        case whole_unit_reason::modified_release: return "is modified-release: it must not be split or crushed";
        case whole_unit_reason::enteric_coated: return "is enteric-coated: it must not be split or crushed";
        case whole_unit_reason::not_known_splittable: return "is not known to be splittable";
        case whole_unit_reason::cannot_split: return "cannot be split";
    }
    return "cannot be split";
}

std::string_view units_of(whole_unit_form f) { return f == whole_unit_form::tablet ? "tablets" : "capsules"; }

std::string_view remedy(whole_unit_form f) {
    return f == whole_unit_form::bead_capsule ? "open the capsules and count the beads (never crush them), or use another form"
                                         : "another form is needed";
}

std::string days(const parameter& p) {
    const std::string n = num(p);
    return n + (n == "1" ? " day" : " days");
}

std::string guidance_warning(const message& m, std::string what) {
    return "faster than the guidance: this step cuts " + what + " in " + days(m[1]) + " (" +
           std::string(guidance_text(m[2].as_guidance())) + ")";
}

std::string abrupt(const message& m) {
    return "abrupt stop: this step stops from " + mg(m[0]) + ", " + share_1dp(m[1]) +
           " of the starting dose; reduce to a small dose first (below about " + share(m[2]) +
           " of the start) before stopping";
}

std::string whole_units_subject(const message& m, const message_context& c) {
    return std::string(c.drug) + " " + std::string(c.formulation) + " " + std::string(reason_text(m[0].as_reason()));
}

}  // namespace

message_context context_of(const schedule& plan, const step* s) {
    message_context c;
    c.drug = plan.drug;
    c.strategy = plan.strategy;
    c.receptor = plan.occupancy_receptor;
    c.equivalence_table = plan.equivalence_table;
    c.formulation = plan.request.current_formulation;
    c.texts = plan.strategy_texts;
    if (s != nullptr) c.doses = s->doses;
    return c;
}

std::string text(const message& m, const message_context& c) {
    using mc = message_code;
    switch (m.code) {
        case mc::strategy_text: {
            const std::size_t i = m[0].as_index();
            return i < c.texts.size() ? c.texts[i] : std::string();
        }
        case mc::target_occupancy:
            return "target " + format_number(std::round(m[0].number() * 100) / 100) + "% " + std::string(c.receptor) +
                   " occupancy";
        case mc::cut_share_of_recent: return "cut " + share(m[0]) + " of the most recent dose";
        case mc::cut_share_without_d2_limit:
            return "cut " + share(m[0]) + " of the most recent dose; " + std::string(c.drug) +
                   " has no usable D2 occupancy model in the data, so the " + num(m[1]) +
                   "-point limit could not be applied";
        case mc::cut_share_within_d2_limit:
            return "cut " + share(m[0]) + " of the most recent dose (within the " + num(m[1]) +
                   "-point D2 occupancy limit)";
        case mc::cut_limited_by_d2_points:
            return "cut limited to " + num(m[0]) + " points of D2 occupancy (target " +
                   format_number(std::round(m[1].number() * 100) / 100) + "%)";
        case mc::table_row: return "table row " + whole(m[0]) + " of " + whole(m[1]);
        case mc::strip_day:
            return "tapering strip: roll " + whole(m[0]) + ", day " + whole(m[1]) + " of " + whole(m[2]);
        case mc::crossover_switch: {
            std::string out = "switch " + whole(m[0]) + " of " + std::to_string(c.doses.size()) + ": the " +
                              time_of(m[1], c) + " dose of " + mg(m[2]) + " " + std::string(c.drug) + " becomes " +
                              diazepam_mg(m[3]) + " diazepam";
            if (!c.equivalence_table.empty()) out += " (" + std::string(c.equivalence_table) + " table)";
            return out;
        }
        case mc::crossover_partial_switch: {
            std::string out = "staged switch: " + mg(m[1]) + " " + std::string(c.drug) + " of the " + time_of(m[0], c) +
                              " dose becomes " + diazepam_mg(m[2]) + " diazepam, as far as the ceiling of " +
                              diazepam_mg(m[3]) + " diazepam a day allows";
            if (!c.equivalence_table.empty()) out += " (" + std::string(c.equivalence_table) + " table)";
            return out;
        }
        case mc::crossover_reduce_remaining:
            return "staged switch: cut " + share(m[0]) + " of the diazepam-equivalent dose from the " +
                   std::string(c.drug) + " still taken; diazepam stays at " + diazepam_mg(m[1]) + " until " +
                   std::string(c.drug) + " is stopped";
        case mc::crossover_not_needed: return "already diazepam: no switch needed";
        case mc::crossover_tail:
            return "tail: " + mg(m[0]) + " per step (a " + share(m[1]) + " cut would be smaller)";

        case mc::stopping_from_final_dose: return "stopping from the final dose of " + mg(m[0]);
        case mc::final_dose_before_stop: return "final dose before stopping: " + mg(m[0]);
        case mc::final_dose_by_min_change:
            return "final dose before stopping: " + mg(m[0]) + " (a cut of the smallest change worth making, " +
                   mg(m[1]) + ", would go below it)";
        case mc::paced_for_half_life:
            return "paced for a short half-life (" + num(m[0]) + " h): step 1.5x longer, cut 0.75x as large";
        case mc::paced_for_half_life_own_length:
            return "paced for a short half-life (" + num(m[0]) +
                   " h): cut 0.75x as large (the step keeps the length the strategy gives it)";
        case mc::cut_raised_to_min_change: return "cut raised to the smallest change worth making (" + mg(m[0]) + ")";
        case mc::cut_limited_by_max_step: return "cut limited to the maximum of " + mg(m[0]);
        case mc::cut_limited_by_max_points:
            return "cut limited to the maximum of " + num(m[0]) + " occupancy points";
        case mc::cut_limited_by_max_percent:
            return "cut limited to the maximum of " + share(m[0]) + " of the most recent dose";
        case mc::target_already_passed:
            return "the " + std::string(c.strategy) + " strategy's target of " + mg(m[0]) +
                   " is above the most recent dose, which the smallest change worth making already took lower: "
                   "staying on " + mg(m[1]);
        case mc::hold_step: return "hold: stay on this dose before the next cut";
        case mc::faster_than_guidance_share: return guidance_warning(m, share_1dp(m[0]) + " of the dose");
        case mc::faster_than_guidance_points:
            return guidance_warning(m, format_number(std::round(m[0].number() * 10) / 10) + " occupancy points");
        case mc::abrupt_stop: return abrupt(m);
        case mc::abrupt_stop_seizure_risk:
            return abrupt(m) + "; stopping a benzodiazepine or z-drug abruptly can cause seizures";
        case mc::whole_units_cannot_make:
            return whole_units_subject(m, c) + ", and " + mg(m[2]) + " (" + time_of(m[3], c) +
                   ") cannot be made from whole " + std::string(units_of(m[1].as_form())) + "; " +
                   std::string(remedy(m[1].as_form()));
        case mc::remnant_merged_into_stop:
            return "stopping from here: the planned cut would leave " + mg(m[0]) +
                   ", less than 5% of this dose, too little to be worth a step of its own";
        case mc::remainder_cut_in_halves:
            return "the planned cut would leave " + mg(m[0]) +
                   ", too little to be worth a step, and a limit forbids stopping from here: what is left is "
                   "cut in two equal steps";
        case mc::stop_from_final_dose_over_limit:
            return "stopping from the final dose of " + mg(m[0]) + " cuts more than the maximum step the request allows; the final dose is the last one before stopping, so the plan does not go below it (ask the prescriber whether to set a lower final dose)";
        case mc::remnant_step:
            return "this step leaves " + mg(m[0]) +
                   ", less than 5% of the dose before it, because of the limits; the stop after it is judged from "
                   "the dose before";

        case mc::pacing_half_life_unknown:
            return "half-life pacing was asked for, but " + std::string(c.drug) +
                   "'s half-life is not known in the data, so it was not applied";
        case mc::pacing_half_life_not_short:
            return "half-life pacing: " + std::string(c.drug) + "'s half-life (up to " + num(m[0]) +
                   " h) is not short, so steps are unchanged";
        case mc::pacing_after_switch_to_diazepam:
            return "half-life pacing: the plan switches to diazepam (half-life up to " + num(m[0]) +
                   " h), so its steps are not paced for " + std::string(c.drug) + "'s short half-life";
        case mc::whole_units_strengths_unknown:
            return whole_units_subject(m, c) +
                   ", and its strengths are not known in the data, so whether each step's dose can be made from "
                   "whole " + std::string(units_of(m[1].as_form())) + " could not be checked; " +
                   std::string(remedy(m[1].as_form())) + " if it cannot";
        case mc::min_change_exceeds_max_cut:
            return "the smallest change worth making (" + mg(m[0]) +
                   ") is larger than the maximum cut at low doses; the maximum wins";
        case mc::hold_after_missing_step:
            return "the hold after step " + whole(m[0]) + " was not applied: the plan has only " + whole(m[1]) +
                   " steps";
        case mc::hold_after_last_step:
            return "the hold after step " + whole(m[0]) + " was not applied: step " + whole(m[0]) +
                   " is the last step";
        // The person in the loop (700-799): src/journal/message_text.cpp.
        case mc::onset_soon_after_cut:
        case mc::physical_with_psychological:
        case mc::symptoms_not_in_baseline:
        case mc::wave_pattern:
        case mc::eased_on_reinstatement:
        case mc::onset_long_after_cut:
        case mc::psychological_only:
        case mc::like_original_condition:
        case mc::gradual_onset:
        case mc::consistent_with_withdrawal:
        case mc::consistent_with_relapse:
        case mc::pattern_unclear:
        case mc::no_troubling_symptoms:
        case mc::red_flag_seek_help_now:
        case mc::contact_prescriber_or_emergency:
        case mc::advise_hold:
        case mc::advise_go_back:
        case mc::advise_talk_to_prescriber:
        case mc::advise_keep_recording:
        case mc::advise_continue:
        case mc::journal_bad_date:
        case mc::journal_entries_out_of_order:
        case mc::journal_unknown_symptom:
        case mc::journal_severity_out_of_range:
        case mc::journal_dose_negative:
        case mc::journal_unknown_dose_status:
        case mc::journal_functioning_out_of_range:
        case mc::journal_unknown_life_event:
        case mc::journal_wrong_type:
        case mc::journal_duplicate_date:
        case mc::replan_continue:
        case mc::replan_hold:
        case mc::replan_go_back:
        case mc::replan_slow_down:
        case mc::replan_resume:
        case mc::replan_deadline_released:
        case mc::ready_for_next_cut:
        case mc::not_ready_for_next_cut:
        case mc::cut_lowered_by_person:
        case mc::one_drug_at_a_time:
        case mc::stabilisation_gap:
        case mc::order_is_a_shared_choice:
        case mc::interaction_level_may_fall:
        case mc::interaction_level_may_rise:
            return detail::person_in_loop_text(m, c);
        case mc::who_can_help:
            return "nobody should do this alone: taper's support directory lists organisations and peer groups "
                   "that help people coming off " + (c.drug.empty() ? std::string("psychiatric drugs") : std::string(c.drug)) +
                   ", with their phone numbers and the date of their source";
        case mc::simulation_no_pharmacokinetics:
            return std::string(c.drug) + " cannot be simulated: the pharmacokinetic data (data/pharmacokinetics.json) "
                   "have no entry for it";
        case mc::simulation_parameter_unknown:
            return std::string(c.drug) + " cannot be simulated: " + pk_parameter_text(m[0].as_pk_parameter()) +
                   " has no sourced value in the data, and the simulation does not guess one";
        case mc::simulation_active_metabolite:
            return std::string(c.drug) + " cannot be simulated: it has an active metabolite with a long or "
                   "different half-life, which this one-compartment model does not follow";
        case mc::simulation_no_occupancy_model:
            return std::string(c.drug) + " has no usable occupancy model: the course shows the amount in the body "
                   "(and concentrations) only, without occupancy or the adaptation model";
        case mc::simulation_metabolite_not_modelled:
            return std::string(c.drug) + "'s metabolite is not modelled: it is inactive at the target, or its "
                   "effect is already in the dose-occupancy fit at steady state";
        case mc::simulation_no_concentration:
            return "no plasma concentrations: the volume of distribution is not known (or is per kg and no body "
                   "weight was given); amounts and occupancy do not need it";
        case mc::limits_converted_to_diazepam:
            return "the final dose, maintenance dose, maximum cut and smallest change were given in mg of " +
                   std::string(c.drug) + " and are converted to diazepam-equivalent mg at the plan's switch: " +
                   mg(m[0]) + " " + std::string(c.drug) + " = " + diazepam_mg(m[1]) + " diazepam" +
                   (c.equivalence_table.empty() ? std::string() : " (" + std::string(c.equivalence_table) + " table)");
        case mc::diazepam_equivalent_above_ceiling:
            return "the switch gives " + diazepam_mg(m[0]) + " diazepam a day, above the " + diazepam_mg(m[1]) +
                   " a day UK guidance advises not to start diazepam above (NHS Lothian formulary; Northern Ireland "
                   "formulary 4.10.3); a high dose can be switched in stages, with specialist advice: part of it "
                   "switched, the rest of the drug reduced before the diazepam (Ashton Manual; the diazepam-crossover "
                   "strategy's switch_ceiling option)";
        case mc::long_half_life:
            return std::string(c.drug) + "'s half-life is long (up to " + num(m[0]) +
                   " h, counting active metabolites): each cut reaches its full effect only after about five "
                   "half-lives (up to " + readable(std::ceil(5 * m[0].number() / 24)) +
                   " days), so withdrawal can show weeks after a cut and steps closer than that add up";
        case mc::short_half_life_unpaced:
            return std::string(c.drug) + "'s half-life is short (up to " + num(m[0]) +
                   " h): withdrawal can come within days of each cut, and NICE NG222 advises tapering such drugs "
                   "more slowly; half-life pacing (--pacing) gives longer, smaller steps";
        case mc::drug_caution:
        {
            const std::size_t i = m[0].as_index();
            return i < c.texts.size() ? c.texts[i] : std::string("(a caution not carried with the plan)");
        }
        case mc::occupancy_model_evidence:
        {
            const std::size_t i = m[0].as_index();
            const std::string status = i < c.texts.size() ? c.texts[i] : std::string("of unknown status");
            const std::string meaning = status == "verified"    ? "read in the published source"
                                        : status == "secondary" ? "read only in a third-party copy of the source"
                                        : status == "user-supplied" ? "given in a user's formulary"
                                                                    : "not confirmed in a source";
            return "the " + std::string(c.receptor) + " occupancy model's numbers (ED50, Emax) are " + status + " (" +
                   meaning + "); the doses it gives are estimates from group averages, not a measurement of this "
                   "person";
        }
        case mc::above_licensed_maximum:
            return "the starting dose of " + mg(m[0]) + " a day is above the licensed maximum of " + mg(m[1]) +
                   " a day for " + std::string(c.drug) +
                   " (its label or SmPC): check the dose and its unit, and plan with the prescriber";
        case mc::equivalence_tables_differ: {
            const std::size_t i = m[2].as_index();
            const std::string other = i < c.texts.size() ? c.texts[i] : std::string("another");
            return "equivalence tables differ: this plan switches to " + diazepam_mg(m[0]) + " diazepam a day (" +
                   std::string(c.equivalence_table) + " table); the " + other + " table gives " + diazepam_mg(m[1]) +
                   "; agree the switching dose with the prescriber";
        }

        // Realization's messages name forms and steps that only it knows about.
        case mc::dose_rounds_to_zero:
        case mc::dose_off_target:
        case mc::below_syringe_minimum:
        case mc::dilution_switched_off:
        case mc::liquid_would_measure_finer:
        case mc::more_dilute_would_measure_finer:
        case mc::drug_also_comes_as:
        case mc::adjusted_after_rounding:
        case mc::rounding_above_previous:
        case mc::rounding_over_max_step:
        case mc::rounding_over_max_percent:
        case mc::rounding_over_max_points:
        case mc::limits_broken_nothing_within:
        case mc::limits_broken_smallest_cut:
        case mc::inserted_step:
        case mc::inserted_step_before_stop:
        case mc::inserted_smallest_cut_before_stop:
        case mc::switch_point:
        case mc::form_equivalence:
        case mc::form_equivalence_assumed:
        case mc::realized_abrupt_stop:
        case mc::realized_abrupt_stop_seizure_risk:
        case mc::form_would_avoid_abrupt_stop:
        case mc::realized_faster_than_guidance_share:
        case mc::realized_faster_than_guidance_points:
        case mc::release_change_step:
        case mc::dosing_frequency_change:
        case mc::impractical_recipe:
        case mc::release_change_with_cut:
        case mc::beads_per_capsule_unknown:
        case mc::drop_size_unknown:
        case mc::drug_not_realized:
        case mc::steps_off_tolerance:
        case mc::form_assumed_among:
            return forms_detail::realization_text(m, c);
    }
    return std::string(id(m.code));
}

}  // namespace taper
