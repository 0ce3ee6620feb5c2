// The C ABI's coded messages: taper_message_code equals taper::message_code number for
// number (checked here), and each message of a schedule is read as code, severity, id, text.
#include "internal.hpp"

#include <taper/messages/catalogue.hpp>

using namespace taper;
using namespace taper::capi;

// Every C enumerator equals its C++ code; the catalogue test checks that every C++ code is
// in the catalogue, and this list is checked against it in tests/capi (taper_message_code_id).
static_assert(static_cast<int>(taper::message_code::strategy_text) == TAPER_MESSAGE_STRATEGY_TEXT);
static_assert(static_cast<int>(taper::message_code::target_occupancy) == TAPER_MESSAGE_TARGET_OCCUPANCY);
static_assert(static_cast<int>(taper::message_code::cut_share_of_recent) == TAPER_MESSAGE_CUT_SHARE_OF_RECENT);
static_assert(static_cast<int>(taper::message_code::cut_share_without_d2_limit) == TAPER_MESSAGE_CUT_SHARE_WITHOUT_D2_LIMIT);
static_assert(static_cast<int>(taper::message_code::cut_share_within_d2_limit) == TAPER_MESSAGE_CUT_SHARE_WITHIN_D2_LIMIT);
static_assert(static_cast<int>(taper::message_code::cut_limited_by_d2_points) == TAPER_MESSAGE_CUT_LIMITED_BY_D2_POINTS);
static_assert(static_cast<int>(taper::message_code::table_row) == TAPER_MESSAGE_TABLE_ROW);
static_assert(static_cast<int>(taper::message_code::strip_day) == TAPER_MESSAGE_STRIP_DAY);
static_assert(static_cast<int>(taper::message_code::crossover_switch) == TAPER_MESSAGE_CROSSOVER_SWITCH);
static_assert(static_cast<int>(taper::message_code::crossover_not_needed) == TAPER_MESSAGE_CROSSOVER_NOT_NEEDED);
static_assert(static_cast<int>(taper::message_code::crossover_tail) == TAPER_MESSAGE_CROSSOVER_TAIL);
static_assert(static_cast<int>(taper::message_code::crossover_partial_switch) == TAPER_MESSAGE_CROSSOVER_PARTIAL_SWITCH);
static_assert(static_cast<int>(taper::message_code::crossover_reduce_remaining) == TAPER_MESSAGE_CROSSOVER_REDUCE_REMAINING);
static_assert(static_cast<int>(taper::message_code::stopping_from_final_dose) == TAPER_MESSAGE_STOPPING_FROM_FINAL_DOSE);
static_assert(static_cast<int>(taper::message_code::final_dose_before_stop) == TAPER_MESSAGE_FINAL_DOSE_BEFORE_STOP);
static_assert(static_cast<int>(taper::message_code::final_dose_by_min_change) == TAPER_MESSAGE_FINAL_DOSE_BY_MIN_CHANGE);
static_assert(static_cast<int>(taper::message_code::paced_for_half_life) == TAPER_MESSAGE_PACED_FOR_HALF_LIFE);
static_assert(static_cast<int>(taper::message_code::paced_for_half_life_own_length) == TAPER_MESSAGE_PACED_FOR_HALF_LIFE_OWN_LENGTH);
static_assert(static_cast<int>(taper::message_code::cut_raised_to_min_change) == TAPER_MESSAGE_CUT_RAISED_TO_MIN_CHANGE);
static_assert(static_cast<int>(taper::message_code::cut_limited_by_max_step) == TAPER_MESSAGE_CUT_LIMITED_BY_MAX_STEP);
static_assert(static_cast<int>(taper::message_code::cut_limited_by_max_points) == TAPER_MESSAGE_CUT_LIMITED_BY_MAX_POINTS);
static_assert(static_cast<int>(taper::message_code::cut_limited_by_max_percent) == TAPER_MESSAGE_CUT_LIMITED_BY_MAX_PERCENT);
static_assert(static_cast<int>(taper::message_code::target_already_passed) == TAPER_MESSAGE_TARGET_ALREADY_PASSED);
static_assert(static_cast<int>(taper::message_code::hold_step) == TAPER_MESSAGE_HOLD_STEP);
static_assert(static_cast<int>(taper::message_code::faster_than_guidance_share) == TAPER_MESSAGE_FASTER_THAN_GUIDANCE_SHARE);
static_assert(static_cast<int>(taper::message_code::faster_than_guidance_points) == TAPER_MESSAGE_FASTER_THAN_GUIDANCE_POINTS);
static_assert(static_cast<int>(taper::message_code::abrupt_stop) == TAPER_MESSAGE_ABRUPT_STOP);
static_assert(static_cast<int>(taper::message_code::abrupt_stop_seizure_risk) == TAPER_MESSAGE_ABRUPT_STOP_SEIZURE_RISK);
static_assert(static_cast<int>(taper::message_code::whole_units_cannot_make) == TAPER_MESSAGE_WHOLE_UNITS_CANNOT_MAKE);
static_assert(static_cast<int>(taper::message_code::pacing_half_life_unknown) == TAPER_MESSAGE_PACING_HALF_LIFE_UNKNOWN);
static_assert(static_cast<int>(taper::message_code::pacing_half_life_not_short) == TAPER_MESSAGE_PACING_HALF_LIFE_NOT_SHORT);
static_assert(static_cast<int>(taper::message_code::pacing_after_switch_to_diazepam) == TAPER_MESSAGE_PACING_AFTER_SWITCH_TO_DIAZEPAM);
static_assert(static_cast<int>(taper::message_code::whole_units_strengths_unknown) == TAPER_MESSAGE_WHOLE_UNITS_STRENGTHS_UNKNOWN);
static_assert(static_cast<int>(taper::message_code::min_change_exceeds_max_cut) == TAPER_MESSAGE_MIN_CHANGE_EXCEEDS_MAX_CUT);
static_assert(static_cast<int>(taper::message_code::hold_after_missing_step) == TAPER_MESSAGE_HOLD_AFTER_MISSING_STEP);
static_assert(static_cast<int>(taper::message_code::hold_after_last_step) == TAPER_MESSAGE_HOLD_AFTER_LAST_STEP);
static_assert(static_cast<int>(taper::message_code::onset_soon_after_cut) == TAPER_MESSAGE_ONSET_SOON_AFTER_CUT);
static_assert(static_cast<int>(taper::message_code::physical_with_psychological) == TAPER_MESSAGE_PHYSICAL_WITH_PSYCHOLOGICAL);
static_assert(static_cast<int>(taper::message_code::symptoms_not_in_baseline) == TAPER_MESSAGE_SYMPTOMS_NOT_IN_BASELINE);
static_assert(static_cast<int>(taper::message_code::wave_pattern) == TAPER_MESSAGE_WAVE_PATTERN);
static_assert(static_cast<int>(taper::message_code::eased_on_reinstatement) == TAPER_MESSAGE_EASED_ON_REINSTATEMENT);
static_assert(static_cast<int>(taper::message_code::onset_long_after_cut) == TAPER_MESSAGE_ONSET_LONG_AFTER_CUT);
static_assert(static_cast<int>(taper::message_code::psychological_only) == TAPER_MESSAGE_PSYCHOLOGICAL_ONLY);
static_assert(static_cast<int>(taper::message_code::like_original_condition) == TAPER_MESSAGE_LIKE_ORIGINAL_CONDITION);
static_assert(static_cast<int>(taper::message_code::gradual_onset) == TAPER_MESSAGE_GRADUAL_ONSET);
static_assert(static_cast<int>(taper::message_code::consistent_with_withdrawal) == TAPER_MESSAGE_CONSISTENT_WITH_WITHDRAWAL);
static_assert(static_cast<int>(taper::message_code::consistent_with_relapse) == TAPER_MESSAGE_CONSISTENT_WITH_RELAPSE);
static_assert(static_cast<int>(taper::message_code::pattern_unclear) == TAPER_MESSAGE_PATTERN_UNCLEAR);
static_assert(static_cast<int>(taper::message_code::no_troubling_symptoms) == TAPER_MESSAGE_NO_TROUBLING_SYMPTOMS);
static_assert(static_cast<int>(taper::message_code::red_flag_seek_help_now) == TAPER_MESSAGE_RED_FLAG_SEEK_HELP_NOW);
static_assert(static_cast<int>(taper::message_code::contact_prescriber_or_emergency) == TAPER_MESSAGE_CONTACT_PRESCRIBER_OR_EMERGENCY);
static_assert(static_cast<int>(taper::message_code::advise_hold) == TAPER_MESSAGE_ADVISE_HOLD);
static_assert(static_cast<int>(taper::message_code::advise_go_back) == TAPER_MESSAGE_ADVISE_GO_BACK);
static_assert(static_cast<int>(taper::message_code::advise_talk_to_prescriber) == TAPER_MESSAGE_ADVISE_TALK_TO_PRESCRIBER);
static_assert(static_cast<int>(taper::message_code::advise_keep_recording) == TAPER_MESSAGE_ADVISE_KEEP_RECORDING);
static_assert(static_cast<int>(taper::message_code::advise_continue) == TAPER_MESSAGE_ADVISE_CONTINUE);
static_assert(static_cast<int>(taper::message_code::journal_bad_date) == TAPER_MESSAGE_JOURNAL_BAD_DATE);
static_assert(static_cast<int>(taper::message_code::journal_entries_out_of_order) == TAPER_MESSAGE_JOURNAL_ENTRIES_OUT_OF_ORDER);
static_assert(static_cast<int>(taper::message_code::journal_unknown_symptom) == TAPER_MESSAGE_JOURNAL_UNKNOWN_SYMPTOM);
static_assert(static_cast<int>(taper::message_code::journal_severity_out_of_range) == TAPER_MESSAGE_JOURNAL_SEVERITY_OUT_OF_RANGE);
static_assert(static_cast<int>(taper::message_code::journal_dose_negative) == TAPER_MESSAGE_JOURNAL_DOSE_NEGATIVE);
static_assert(static_cast<int>(taper::message_code::journal_unknown_dose_status) == TAPER_MESSAGE_JOURNAL_UNKNOWN_DOSE_STATUS);
static_assert(static_cast<int>(taper::message_code::journal_functioning_out_of_range) == TAPER_MESSAGE_JOURNAL_FUNCTIONING_OUT_OF_RANGE);
static_assert(static_cast<int>(taper::message_code::journal_unknown_life_event) == TAPER_MESSAGE_JOURNAL_UNKNOWN_LIFE_EVENT);
static_assert(static_cast<int>(taper::message_code::journal_wrong_type) == TAPER_MESSAGE_JOURNAL_WRONG_TYPE);
static_assert(static_cast<int>(taper::message_code::journal_duplicate_date) == TAPER_MESSAGE_JOURNAL_DUPLICATE_DATE);
static_assert(static_cast<int>(taper::message_code::replan_continue) == TAPER_MESSAGE_REPLAN_CONTINUE);
static_assert(static_cast<int>(taper::message_code::replan_hold) == TAPER_MESSAGE_REPLAN_HOLD);
static_assert(static_cast<int>(taper::message_code::replan_go_back) == TAPER_MESSAGE_REPLAN_GO_BACK);
static_assert(static_cast<int>(taper::message_code::replan_slow_down) == TAPER_MESSAGE_REPLAN_SLOW_DOWN);
static_assert(static_cast<int>(taper::message_code::replan_resume) == TAPER_MESSAGE_REPLAN_RESUME);
static_assert(static_cast<int>(taper::message_code::replan_deadline_released) == TAPER_MESSAGE_REPLAN_DEADLINE_RELEASED);
static_assert(static_cast<int>(taper::message_code::ready_for_next_cut) == TAPER_MESSAGE_READY_FOR_NEXT_CUT);
static_assert(static_cast<int>(taper::message_code::not_ready_for_next_cut) == TAPER_MESSAGE_NOT_READY_FOR_NEXT_CUT);
static_assert(static_cast<int>(taper::message_code::cut_lowered_by_person) == TAPER_MESSAGE_CUT_LOWERED_BY_PERSON);
static_assert(static_cast<int>(taper::message_code::one_drug_at_a_time) == TAPER_MESSAGE_ONE_DRUG_AT_A_TIME);
static_assert(static_cast<int>(taper::message_code::stabilisation_gap) == TAPER_MESSAGE_STABILISATION_GAP);
static_assert(static_cast<int>(taper::message_code::order_is_a_shared_choice) == TAPER_MESSAGE_ORDER_IS_A_SHARED_CHOICE);
static_assert(static_cast<int>(taper::message_code::interaction_level_may_fall) == TAPER_MESSAGE_INTERACTION_LEVEL_MAY_FALL);
static_assert(static_cast<int>(taper::message_code::interaction_level_may_rise) == TAPER_MESSAGE_INTERACTION_LEVEL_MAY_RISE);
static_assert(static_cast<int>(taper::message_code::who_can_help) == TAPER_MESSAGE_WHO_CAN_HELP);
static_assert(static_cast<int>(taper::message_code::remnant_merged_into_stop) == TAPER_MESSAGE_REMNANT_MERGED_INTO_STOP);
static_assert(static_cast<int>(taper::message_code::remainder_cut_in_halves) == TAPER_MESSAGE_REMAINDER_CUT_IN_HALVES);
static_assert(static_cast<int>(taper::message_code::remnant_step) == TAPER_MESSAGE_REMNANT_STEP);
static_assert(static_cast<int>(taper::message_code::stop_from_final_dose_over_limit) == TAPER_MESSAGE_STOP_FROM_FINAL_DOSE_OVER_LIMIT);
static_assert(static_cast<int>(taper::message_code::limits_converted_to_diazepam) == TAPER_MESSAGE_LIMITS_CONVERTED_TO_DIAZEPAM);
static_assert(static_cast<int>(taper::message_code::diazepam_equivalent_above_ceiling) == TAPER_MESSAGE_DIAZEPAM_EQUIVALENT_ABOVE_CEILING);
static_assert(static_cast<int>(taper::message_code::equivalence_tables_differ) == TAPER_MESSAGE_EQUIVALENCE_TABLES_DIFFER);
static_assert(static_cast<int>(taper::message_code::long_half_life) == TAPER_MESSAGE_LONG_HALF_LIFE);
static_assert(static_cast<int>(taper::message_code::short_half_life_unpaced) == TAPER_MESSAGE_SHORT_HALF_LIFE_UNPACED);
static_assert(static_cast<int>(taper::message_code::above_licensed_maximum) == TAPER_MESSAGE_ABOVE_LICENSED_MAXIMUM);
static_assert(static_cast<int>(taper::message_code::occupancy_model_evidence) == TAPER_MESSAGE_OCCUPANCY_MODEL_EVIDENCE);
static_assert(static_cast<int>(taper::message_code::drug_caution) == TAPER_MESSAGE_DRUG_CAUTION);
static_assert(static_cast<int>(taper::message_code::dose_rounds_to_zero) == TAPER_MESSAGE_DOSE_ROUNDS_TO_ZERO);
static_assert(static_cast<int>(taper::message_code::dose_off_target) == TAPER_MESSAGE_DOSE_OFF_TARGET);
static_assert(static_cast<int>(taper::message_code::below_syringe_minimum) == TAPER_MESSAGE_BELOW_SYRINGE_MINIMUM);
static_assert(static_cast<int>(taper::message_code::dilution_switched_off) == TAPER_MESSAGE_DILUTION_SWITCHED_OFF);
static_assert(static_cast<int>(taper::message_code::liquid_would_measure_finer) == TAPER_MESSAGE_LIQUID_WOULD_MEASURE_FINER);
static_assert(static_cast<int>(taper::message_code::more_dilute_would_measure_finer) == TAPER_MESSAGE_MORE_DILUTE_WOULD_MEASURE_FINER);
static_assert(static_cast<int>(taper::message_code::drug_also_comes_as) == TAPER_MESSAGE_DRUG_ALSO_COMES_AS);
static_assert(static_cast<int>(taper::message_code::adjusted_after_rounding) == TAPER_MESSAGE_ADJUSTED_AFTER_ROUNDING);
static_assert(static_cast<int>(taper::message_code::rounding_above_previous) == TAPER_MESSAGE_ROUNDING_ABOVE_PREVIOUS);
static_assert(static_cast<int>(taper::message_code::rounding_over_max_step) == TAPER_MESSAGE_ROUNDING_OVER_MAX_STEP);
static_assert(static_cast<int>(taper::message_code::rounding_over_max_percent) == TAPER_MESSAGE_ROUNDING_OVER_MAX_PERCENT);
static_assert(static_cast<int>(taper::message_code::rounding_over_max_points) == TAPER_MESSAGE_ROUNDING_OVER_MAX_POINTS);
static_assert(static_cast<int>(taper::message_code::limits_broken_nothing_within) == TAPER_MESSAGE_LIMITS_BROKEN_NOTHING_WITHIN);
static_assert(static_cast<int>(taper::message_code::limits_broken_smallest_cut) == TAPER_MESSAGE_LIMITS_BROKEN_SMALLEST_CUT);
static_assert(static_cast<int>(taper::message_code::inserted_step) == TAPER_MESSAGE_INSERTED_STEP);
static_assert(static_cast<int>(taper::message_code::inserted_step_before_stop) == TAPER_MESSAGE_INSERTED_STEP_BEFORE_STOP);
static_assert(static_cast<int>(taper::message_code::inserted_smallest_cut_before_stop) == TAPER_MESSAGE_INSERTED_SMALLEST_CUT_BEFORE_STOP);
static_assert(static_cast<int>(taper::message_code::switch_point) == TAPER_MESSAGE_SWITCH_POINT);
static_assert(static_cast<int>(taper::message_code::form_equivalence) == TAPER_MESSAGE_FORM_EQUIVALENCE);
static_assert(static_cast<int>(taper::message_code::form_equivalence_assumed) == TAPER_MESSAGE_FORM_EQUIVALENCE_ASSUMED);
static_assert(static_cast<int>(taper::message_code::realized_abrupt_stop) == TAPER_MESSAGE_REALIZED_ABRUPT_STOP);
static_assert(static_cast<int>(taper::message_code::realized_abrupt_stop_seizure_risk) == TAPER_MESSAGE_REALIZED_ABRUPT_STOP_SEIZURE_RISK);
static_assert(static_cast<int>(taper::message_code::form_would_avoid_abrupt_stop) == TAPER_MESSAGE_FORM_WOULD_AVOID_ABRUPT_STOP);
static_assert(static_cast<int>(taper::message_code::realized_faster_than_guidance_share) == TAPER_MESSAGE_REALIZED_FASTER_THAN_GUIDANCE_SHARE);
static_assert(static_cast<int>(taper::message_code::realized_faster_than_guidance_points) == TAPER_MESSAGE_REALIZED_FASTER_THAN_GUIDANCE_POINTS);
static_assert(static_cast<int>(taper::message_code::release_change_step) == TAPER_MESSAGE_RELEASE_CHANGE_STEP);
static_assert(static_cast<int>(taper::message_code::dosing_frequency_change) == TAPER_MESSAGE_DOSING_FREQUENCY_CHANGE);
static_assert(static_cast<int>(taper::message_code::impractical_recipe) == TAPER_MESSAGE_IMPRACTICAL_RECIPE);
static_assert(static_cast<int>(taper::message_code::release_change_with_cut) == TAPER_MESSAGE_RELEASE_CHANGE_WITH_CUT);
static_assert(static_cast<int>(taper::message_code::beads_per_capsule_unknown) == TAPER_MESSAGE_BEADS_PER_CAPSULE_UNKNOWN);
static_assert(static_cast<int>(taper::message_code::drop_size_unknown) == TAPER_MESSAGE_DROP_SIZE_UNKNOWN);
static_assert(static_cast<int>(taper::message_code::drug_not_realized) == TAPER_MESSAGE_DRUG_NOT_REALIZED);
static_assert(static_cast<int>(taper::message_code::steps_off_tolerance) == TAPER_MESSAGE_STEPS_OFF_TOLERANCE);
static_assert(static_cast<int>(taper::message_code::form_assumed_among) == TAPER_MESSAGE_FORM_ASSUMED_AMONG);
static_assert(static_cast<int>(taper::message_code::simulation_no_pharmacokinetics) == TAPER_MESSAGE_SIMULATION_NO_PHARMACOKINETICS);
static_assert(static_cast<int>(taper::message_code::simulation_parameter_unknown) == TAPER_MESSAGE_SIMULATION_PARAMETER_UNKNOWN);
static_assert(static_cast<int>(taper::message_code::simulation_active_metabolite) == TAPER_MESSAGE_SIMULATION_ACTIVE_METABOLITE);
static_assert(static_cast<int>(taper::message_code::simulation_no_occupancy_model) == TAPER_MESSAGE_SIMULATION_NO_OCCUPANCY_MODEL);
static_assert(static_cast<int>(taper::message_code::simulation_metabolite_not_modelled) == TAPER_MESSAGE_SIMULATION_METABOLITE_NOT_MODELLED);
static_assert(static_cast<int>(taper::message_code::simulation_no_concentration) == TAPER_MESSAGE_SIMULATION_NO_CONCENTRATION);
// The error codes likewise.
static_assert(static_cast<int>(taper::error_code::unspecified) == TAPER_ERROR_CODE_UNSPECIFIED);
static_assert(static_cast<int>(taper::error_code::parse) == TAPER_ERROR_CODE_PARSE);
static_assert(static_cast<int>(taper::error_code::formulary) == TAPER_ERROR_CODE_FORMULARY);
static_assert(static_cast<int>(taper::error_code::unknown_drug) == TAPER_ERROR_CODE_UNKNOWN_DRUG);
static_assert(static_cast<int>(taper::error_code::missing_data) == TAPER_ERROR_CODE_MISSING_DATA);
static_assert(static_cast<int>(taper::error_code::invalid_argument) == TAPER_ERROR_CODE_INVALID_ARGUMENT);
static_assert(static_cast<int>(taper::error_code::plan_request) == TAPER_ERROR_CODE_PLAN_REQUEST);
static_assert(static_cast<int>(taper::error_code::plan) == TAPER_ERROR_CODE_PLAN);
static_assert(static_cast<int>(taper::error_code::strategy_option) == TAPER_ERROR_CODE_STRATEGY_OPTION);
static_assert(static_cast<int>(taper::error_code::unknown_strategy) == TAPER_ERROR_CODE_UNKNOWN_STRATEGY);
static_assert(static_cast<int>(taper::error_code::strategy_registration) == TAPER_ERROR_CODE_STRATEGY_REGISTRATION);

static_assert(static_cast<int>(severity::note) == TAPER_SEVERITY_NOTE);
static_assert(static_cast<int>(severity::warning) == TAPER_SEVERITY_WARNING);

namespace {

taper_message_info message_info_of(const message& m, const std::string& text) {
    auto out = blank<taper_message_info>();
    out.code = static_cast<int32_t>(m.code);
    out.severity = static_cast<int32_t>(m.level);
    out.id = id(m.code).data();  // string literals in the catalogue: NUL-terminated, static
    out.text = text.c_str();
    return out;
}

const taper_schedule& need_handle(const taper_schedule* s, const char* fn) { return need(s, fn, "schedule"); }

}  // namespace

extern "C" {

taper_status taper_schedule_message(const taper_schedule* schedule, taper_message_info* out_message, size_t index,
                                    taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& h = need_handle(schedule, fn);
        out_struct_size(out_message, fn, "taper_message_info");
        check_index(index, h.schedule.messages.size(), fn, "message");
        write_struct(out_message, message_info_of(h.schedule.messages[index], h.plan_texts[index]), fn,
                     "taper_message_info");
    });
}

taper_status taper_schedule_step_message_count(const taper_schedule* schedule, size_t* out_count, size_t step,
                                               taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& h = need_handle(schedule, fn);
        check_index(step, h.schedule.steps.size(), fn, "step");
        need(out_count, fn, "out_count") = h.schedule.steps[step].messages.size();
    });
}

taper_status taper_schedule_step_message(const taper_schedule* schedule, taper_message_info* out_message,
                                         size_t step, size_t index, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& h = need_handle(schedule, fn);
        out_struct_size(out_message, fn, "taper_message_info");
        check_index(step, h.schedule.steps.size(), fn, "step");
        const auto& messages = h.schedule.steps[step].messages;
        check_index(index, messages.size(), fn, "message");
        write_struct(out_message, message_info_of(messages[index], h.step_texts[step][index]), fn,
                     "taper_message_info");
    });
}

const char* taper_message_code_id(int32_t code) {
    for (const auto& i : message_catalogue())
        if (static_cast<int32_t>(i.code) == code) return i.id.data();
    return nullptr;
}

}  // extern "C"
