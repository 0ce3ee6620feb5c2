// The text of messages 700-799 (src/journal/message_text.hpp): worded for the person, with the
// source named in brackets so that a clinician can look it up (docs/assessment.md).
#include "message_text.hpp"

#include <taper/journal/checklist.hpp>
#include <taper/units/io.hpp>

namespace taper::detail {
namespace {

std::string mg(const parameter& p) { return to_string(p.as_mass()); }
std::string count(const parameter& p) { return std::to_string(p.as_index()); }
std::string days(const parameter& p) {
    const std::string n = format_number(in(p.as_days(), units::day));
    return n + (n == "1" ? " day" : " days");
}
std::string symptom_label(const parameter& p) { return std::string(info(static_cast<symptom>(p.as_index())).label); }

std::string_view short_source(const parameter& p) {
    switch (static_cast<evidence_source>(p.as_index())) {
        case evidence_source::horowitz_taylor_2022: return "Horowitz & Taylor 2022";
        case evidence_source::nice_ng222: return "NICE NG222";
        case evidence_source::nice_ng215: return "NICE NG215";
        case evidence_source::ashton_manual: return "the Ashton Manual";
        case evidence_source::dess_rosenbaum_1998: return "DESS, Rosenbaum et al. 1998";
        case evidence_source::clozapine_label: return "clozapine prescribing information";
        case evidence_source::quetiapine_label: return "quetiapine prescribing information";
        case evidence_source::aripiprazole_label: return "aripiprazole prescribing information";
        case evidence_source::risperidone_label: return "risperidone prescribing information";
        case evidence_source::project_rule: return "a rule of this program";
    }
    return "";
}
std::string src(const parameter& p) { return " (" + std::string(short_source(p)) + ")"; }

std::string drug_name(const parameter& p, const message_context& c) {
    return p.as_index() < c.texts.size() ? c.texts[p.as_index()] : std::string("another drug");
}

}  // namespace

std::string person_in_loop_text(const message& m, const message_context& c) {
    using mc = message_code;
    switch (m.code) {
        case mc::onset_soon_after_cut:
            return "the symptoms began " + days(m[0]) + " after the cut; withdrawal symptoms usually start within days" + src(m[1]);
        case mc::physical_with_psychological:
            return "physical symptoms (" + count(m[0]) + ") came with the psychological ones (" + count(m[1]) +
                   "), as withdrawal does" + src(m[2]);
        case mc::symptoms_not_in_baseline:
            return "some symptoms were not part of the original condition: " + symptom_label(m[0]) +
                   (m[1].as_index() > 0 ? " and " + count(m[1]) + " more" : std::string()) + src(m[2]);
        case mc::wave_pattern:
            return "the symptoms came in a wave: worst on day " + format_number(in(m[0].as_days(), units::day)) +
                   " after the cut, at half or less by day " + format_number(in(m[1].as_days(), units::day)) + src(m[2]);
        case mc::eased_on_reinstatement:
            return "the symptoms eased within " + days(m[0]) + " of going back to the higher dose" + src(m[1]);
        case mc::onset_long_after_cut:
            return "the symptoms began " + days(m[0]) +
                   " after the last cut; a relapse usually comes weeks or months later, withdrawal within days" + src(m[1]);
        case mc::psychological_only:
            return "only psychological symptoms (" + count(m[0]) + "), without new physical ones" + src(m[1]);
        case mc::like_original_condition:
            return "every symptom (" + count(m[0]) + ") was part of the original condition" + src(m[1]);
        case mc::gradual_onset:
            return "the symptoms built up gradually over " + days(m[0]) + " without easing" + src(m[1]);
        case mc::consistent_with_withdrawal:
            return "this pattern is consistent with withdrawal after the cut to " + mg(m[0]) +
                   "; this is not a diagnosis: talk it over with your prescriber" + src(m[1]);
        case mc::consistent_with_relapse:
            return "this pattern is consistent with a return of the original condition (relapse); this is not a "
                   "diagnosis: talk to your prescriber" + src(m[0]);
        case mc::pattern_unclear:
            return "the pattern is unclear: it fits neither withdrawal nor relapse well";
        case mc::no_troubling_symptoms:
            return "nothing was rated moderate or worse in the " + days(m[0]) + " recorded after this change";
        case mc::red_flag_seek_help_now:
            return "seek help now: " + symptom_label(m[0]) + " was recorded" +
                   (in(m[1].as_days(), units::day) > 0 ? " " + days(m[1]) + " before the latest entry" : std::string());
        case mc::contact_prescriber_or_emergency:
            return "contact your prescriber today; if you are in danger or might act on thoughts of harming "
                   "yourself, call your local emergency number or go to an emergency department now";
        case mc::advise_hold:
            return "consider holding at " + mg(m[0]) + " until the symptoms have been tolerable for " + days(m[1]) +
                   " before the next cut" + src(m[2]);
        case mc::advise_go_back:
            return "the symptoms are severe: consider going back to " + mg(m[0]) +
                   ", the last dose you tolerated, then reducing more slowly once they have settled" + src(m[1]);
        case mc::advise_talk_to_prescriber: return "talk to your prescriber about what you have recorded" + src(m[0]);
        case mc::advise_keep_recording: return "keep recording: a few more days will make the pattern clearer";
        case mc::advise_continue: return "you may continue with the plan as agreed with your prescriber";
        case mc::journal_bad_date: return "an entry's date is not a date (YYYY-MM-DD)";
        case mc::journal_entries_out_of_order: return "an entry is earlier than the one before it";
        case mc::journal_unknown_symptom: return "a symptom is not on the checklist";
        case mc::journal_severity_out_of_range: return "a rating is not 0-3";
        case mc::journal_dose_negative: return "a dose is negative";
        case mc::journal_unknown_dose_status: return "a dose status is not taken, missed, late or extra";
        case mc::journal_functioning_out_of_range: return "a functioning rating is not 0-3";
        case mc::journal_unknown_life_event: return "a life event is not one the journal knows";
        case mc::journal_wrong_type: return "a field is missing or of the wrong type";
        case mc::journal_duplicate_date: return "a second entry for the same day";
        case mc::replan_continue: return "continue the plan from " + mg(m[0]);
        case mc::replan_hold:
            return "hold at " + mg(m[0]) + " for at least " + days(m[1]) +
                   ", until the symptoms are tolerable, before the next cut" + src(m[2]);
        case mc::replan_go_back:
            return "go back from " + mg(m[0]) + " to " + mg(m[1]) +
                   ", the last dose tolerated, then reduce more slowly with smaller cuts" + src(m[2]);
        case mc::replan_slow_down:
            return "slower from now on: cuts of at most " +
                   format_number(in(m[0].as_percent(), units::percent_of_dose)) + "% of the most recent dose, every " +
                   days(m[1]) + src(m[2]);
        case mc::replan_resume: return "resume the taper from " + mg(m[0]);
        case mc::replan_deadline_released:
            return "the original deadline (most steps or longest duration) cannot be kept after this change; the "
                   "pace now follows how you feel, as guidance asks";
        case mc::ready_for_next_cut:
            return "the journal has been tolerable for " + days(m[0]) + ": the next cut, to " + mg(m[1]) +
                   ", can be offered when you are ready" + src(m[2]);
        case mc::not_ready_for_next_cut:
            return "not yet: tolerable for " + days(m[0]) + " of the " + days(m[1]) +
                   " agreed before the next cut" + src(m[2]);
        case mc::cut_lowered_by_person:
            return "you chose a smaller cut: " + format_number(in(m[0].as_percent(), units::percent_of_dose)) +
                   "% of the planned one, to " + mg(m[1]);
        case mc::one_drug_at_a_time: {
            // The plan's notes are rendered with its drugs as texts (several_drugs_plan::drugs),
            // the 1-based position naming the drug; a plan's own context names it directly.
            const std::size_t position = m[0].as_index();
            const std::string name = !c.drug.empty()                                  ? std::string(c.drug)
                                     : position >= 1 && position <= c.texts.size() ? c.texts[position - 1]
                                                                                      : std::string("this drug");
            return name + " is drug " + count(m[0]) + " of " + count(m[1]) +
                   ", tapered on its own while the others stay at their doses";
        }
        case mc::stabilisation_gap: return days(m[0]) + " on the new doses before the next drug's taper begins";
        case mc::order_is_a_shared_choice:
            return "the order is the one you and your prescriber chose; guidance asks for a shared decision "
                   "and a plan tailored to each medicine and person, and this program does not choose" + src(m[0]);
        case mc::interaction_level_may_fall:
            return "reducing " + std::string(c.drug) + " may lower the level of " + drug_name(m[0], c) +
                   ": its dose may need adjusting; ask your prescriber" + src(m[1]);
        case mc::interaction_level_may_rise:
            return "reducing " + std::string(c.drug) + " may raise the level of " + drug_name(m[0], c) +
                   ": its dose may need adjusting; ask your prescriber" + src(m[1]);
        default: break;
    }
    return std::string(id(m.code));
}

}  // namespace taper::detail
