// The message catalogue: one row per code (message_code.hpp), in numeric order.
#include <taper/messages/catalogue.hpp>
#include <taper/messages/message.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace taper {
namespace {

using k = parameter_kind;
using c = message_code;
constexpr severity N = severity::note;
constexpr severity W = severity::warning;

constexpr message_info catalogue[] = {
    {c::strategy_text, "strategy_text", N, {{{"text", k::text}}}},
    {c::target_occupancy, "target_occupancy", N, {{{"occupancy", k::points}}}},
    {c::cut_share_of_recent, "cut_share_of_recent", N, {{{"share", k::share}}}},
    {c::cut_share_without_d2_limit, "cut_share_without_d2_limit", N,
     {{{"share", k::share}, {"max_points", k::points}}}},
    {c::cut_share_within_d2_limit, "cut_share_within_d2_limit", N, {{{"share", k::share}, {"max_points", k::points}}}},
    {c::cut_limited_by_d2_points, "cut_limited_by_d2_points", N,
     {{{"max_points", k::points}, {"occupancy", k::points}}}},
    {c::table_row, "table_row", N, {{{"row", k::count}, {"rows", k::count}}}},
    {c::strip_day, "strip_day", N, {{{"roll", k::count}, {"day", k::count}, {"roll_days", k::count}}}},
    {c::crossover_switch, "crossover_switch", N,
     {{{"switch", k::count}, {"time", k::dose_time}, {"dose", k::dose}, {"diazepam_dose", k::diazepam_dose}}}},
    {c::crossover_not_needed, "crossover_not_needed", N, {}},
    {c::crossover_tail, "crossover_tail", N, {{{"tail_step", k::dose}, {"share", k::share}}}},
    {c::crossover_partial_switch, "crossover_partial_switch", N,
     {{{"time", k::dose_time}, {"dose", k::dose}, {"diazepam_dose", k::diazepam_dose}, {"ceiling", k::diazepam_dose}}}},
    {c::crossover_reduce_remaining, "crossover_reduce_remaining", N,
     {{{"share", k::share}, {"diazepam_dose", k::diazepam_dose}}}},
    {c::stopping_from_final_dose, "stopping_from_final_dose", N, {{{"final_dose", k::dose}}}},
    {c::final_dose_before_stop, "final_dose_before_stop", N, {{{"final_dose", k::dose}}}},
    {c::final_dose_by_min_change, "final_dose_by_min_change", N, {{{"final_dose", k::dose}, {"min_change", k::dose}}}},
    {c::paced_for_half_life, "paced_for_half_life", N, {{{"half_life", k::half_life_hours}}}},
    {c::paced_for_half_life_own_length, "paced_for_half_life_own_length", N, {{{"half_life", k::half_life_hours}}}},
    {c::cut_raised_to_min_change, "cut_raised_to_min_change", N, {{{"min_change", k::dose}}}},
    {c::cut_limited_by_max_step, "cut_limited_by_max_step", N, {{{"max_step", k::dose}}}},
    {c::cut_limited_by_max_points, "cut_limited_by_max_points", N, {{{"max_points", k::points}}}},
    {c::cut_limited_by_max_percent, "cut_limited_by_max_percent", N, {{{"max_percent", k::share}}}},
    {c::target_already_passed, "target_already_passed", N, {{{"target", k::dose}, {"dose", k::dose}}}},
    {c::hold_step, "hold_step", N, {}},
    {c::faster_than_guidance_share, "faster_than_guidance_share", W,
     {{{"share", k::share}, {"days", k::days}, {"guidance", k::guidance}}}},
    {c::faster_than_guidance_points, "faster_than_guidance_points", W,
     {{{"points", k::points}, {"days", k::days}, {"guidance", k::guidance}}}},
    {c::abrupt_stop, "abrupt_stop", W,
     {{{"dose", k::dose}, {"share_of_start", k::share}, {"threshold", k::share}}}},
    {c::abrupt_stop_seizure_risk, "abrupt_stop_seizure_risk", W,
     {{{"dose", k::dose}, {"share_of_start", k::share}, {"threshold", k::share}}}},
    {c::whole_units_cannot_make, "whole_units_cannot_make", W,
     {{{"reason", k::whole_unit_reason}, {"form", k::whole_unit_form}, {"dose", k::dose}, {"time", k::dose_time}}}},
    {c::remnant_merged_into_stop, "remnant_merged_into_stop", N, {{{"remnant", k::dose}}}},
    {c::remainder_cut_in_halves, "remainder_cut_in_halves", N, {{{"remnant", k::dose}}}},
    {c::remnant_step, "remnant_step", W, {{{"remnant", k::dose}}}},
    {c::stop_from_final_dose_over_limit, "stop_from_final_dose_over_limit", W, {{{"final_dose", k::dose}}}},
    {c::pacing_half_life_unknown, "pacing_half_life_unknown", W, {}},
    {c::pacing_half_life_not_short, "pacing_half_life_not_short", W, {{{"half_life", k::half_life_hours}}}},
    {c::pacing_after_switch_to_diazepam, "pacing_after_switch_to_diazepam", W, {{{"half_life", k::half_life_hours}}}},
    {c::whole_units_strengths_unknown, "whole_units_strengths_unknown", W, {{{"reason", k::whole_unit_reason}, {"form", k::whole_unit_form}}}},
    {c::min_change_exceeds_max_cut, "min_change_exceeds_max_cut", W, {{{"min_change", k::dose}}}},
    {c::hold_after_missing_step, "hold_after_missing_step", W, {{{"step", k::count}, {"steps", k::count}}}},
    {c::hold_after_last_step, "hold_after_last_step", W, {{{"step", k::count}}}},
    {c::limits_converted_to_diazepam, "limits_converted_to_diazepam", N,
     {{{"dose", k::dose}, {"diazepam_dose", k::diazepam_dose}}}},
    {c::diazepam_equivalent_above_ceiling, "diazepam_equivalent_above_ceiling", W,
     {{{"diazepam_dose", k::diazepam_dose}, {"ceiling", k::diazepam_dose}}}},
    {c::equivalence_tables_differ, "equivalence_tables_differ", W,
     {{{"diazepam_dose", k::diazepam_dose}, {"other_dose", k::diazepam_dose}, {"other_table", k::text}}}},
    {c::long_half_life, "long_half_life", N, {{{"half_life", k::half_life_hours}}}},
    {c::short_half_life_unpaced, "short_half_life_unpaced", N, {{{"half_life", k::half_life_hours}}}},
    {c::above_licensed_maximum, "above_licensed_maximum", W, {{{"dose", k::dose}, {"licensed_maximum", k::dose}}}},
    {c::occupancy_model_evidence, "occupancy_model_evidence", N, {{{"status", k::text}}}},
    {c::drug_caution, "drug_caution", N, {{{"caution", k::text}}}},
    {c::dose_rounds_to_zero, "dose_rounds_to_zero", W, {{{"time", k::dose_time}, {"target", k::dose}}}},
    {c::dose_off_target, "dose_off_target", W,
     {{{"time", k::dose_time}, {"target", k::dose}, {"realized", k::dose}, {"tolerance", k::share}}}},
    {c::below_syringe_minimum, "below_syringe_minimum", N,
     {{{"form", k::form_on_hand}, {"volume", k::volume_ml}, {"min_volume", k::volume_ml}}}},
    {c::dilution_switched_off, "dilution_switched_off", N, {{{"form", k::form_on_hand}}}},
    {c::liquid_would_measure_finer, "liquid_would_measure_finer", N, {}},
    {c::more_dilute_would_measure_finer, "more_dilute_would_measure_finer", N, {}},
    {c::drug_also_comes_as, "drug_also_comes_as", N, {{{"form", k::drug_form}}}},
    {c::adjusted_after_rounding, "adjusted_after_rounding", N,
     {{{"rounded", k::dose}, {"taken", k::dose}, {"previous", k::dose}}}},
    {c::rounding_above_previous, "rounding_above_previous", N, {{{"previous", k::dose}}}},
    {c::rounding_over_max_step, "rounding_over_max_step", N, {{{"cut", k::dose}, {"max_step", k::dose}}}},
    {c::rounding_over_max_percent, "rounding_over_max_percent", N,
     {{{"share", k::share}, {"max_percent", k::share}}}},
    {c::rounding_over_max_points, "rounding_over_max_points", N,
     {{{"points", k::points}, {"max_points", k::points}}}},
    {c::limits_broken_nothing_within, "limits_broken_nothing_within", W, {{{"taken", k::dose}}}},
    {c::limits_broken_smallest_cut, "limits_broken_smallest_cut", W,
     {{{"lowest", k::dose}, {"previous", k::dose}, {"taken", k::dose}}}},
    {c::inserted_step, "inserted_step", N,
     {{{"previous", k::dose}, {"planned", k::dose}, {"days", k::days}, {"taken", k::dose}}}},
    {c::inserted_step_before_stop, "inserted_step_before_stop", N,
     {{{"previous", k::dose}, {"days", k::days}, {"taken", k::dose}}}},
    {c::inserted_smallest_cut_before_stop, "inserted_smallest_cut_before_stop", N,
     {{{"taken", k::dose}, {"previous", k::dose}, {"days", k::days}}}},
    {c::switch_point, "switch_point", N, {{{"after_step", k::count}}}},
    {c::form_equivalence, "form_equivalence", N, {{{"form", k::form_on_hand}}}},
    {c::form_equivalence_assumed, "form_equivalence_assumed", N, {{{"form", k::form_on_hand}}}},
    {c::realized_abrupt_stop, "realized_abrupt_stop", W,
     {{{"dose", k::dose}, {"share_of_start", k::share}, {"threshold", k::share}}}},
    {c::realized_abrupt_stop_seizure_risk, "realized_abrupt_stop_seizure_risk", W,
     {{{"dose", k::dose}, {"share_of_start", k::share}, {"threshold", k::share}}}},
    {c::form_would_avoid_abrupt_stop, "form_would_avoid_abrupt_stop", N,
     {{{"form", k::drug_form}, {"last_dose", k::dose}, {"taken_last_dose", k::dose}}}},
    {c::realized_faster_than_guidance_share, "realized_faster_than_guidance_share", W,
     {{{"share", k::share}, {"days", k::days}, {"guidance", k::guidance}}}},
    {c::realized_faster_than_guidance_points, "realized_faster_than_guidance_points", W,
     {{{"points", k::points}, {"days", k::days}, {"guidance", k::guidance}}}},
    {c::release_change_step, "release_change_step", N, {{{"dose", k::dose}}}},
    {c::dosing_frequency_change, "dosing_frequency_change", N, {{{"form", k::form_on_hand}, {"times", k::count}}}},
    {c::impractical_recipe, "impractical_recipe", W,
     {{{"time", k::dose_time}, {"pieces", k::count}, {"volume", k::volume_ml}}}},
    {c::release_change_with_cut, "release_change_with_cut", W, {{{"dose", k::dose}}}},
    {c::beads_per_capsule_unknown, "beads_per_capsule_unknown", W, {{{"form", k::form_on_hand}}}},
    {c::drop_size_unknown, "drop_size_unknown", W, {{{"form", k::form_on_hand}}}},
    {c::drug_not_realized, "drug_not_realized", W, {{{"drug", k::drug_name}}}},
    {c::steps_off_tolerance, "steps_off_tolerance", W,
     {{{"steps", k::count}, {"of", k::count}, {"tolerance", k::share}}}},
    {c::form_assumed_among, "form_assumed_among", N, {{{"form", k::form_on_hand}}}},
    {c::simulation_no_pharmacokinetics, "simulation_no_pharmacokinetics", W, {}},
    {c::simulation_parameter_unknown, "simulation_parameter_unknown", W, {{{"parameter", k::pk_parameter}}}},
    {c::simulation_active_metabolite, "simulation_active_metabolite", W, {}},
    {c::simulation_no_occupancy_model, "simulation_no_occupancy_model", N, {}},
    {c::simulation_metabolite_not_modelled, "simulation_metabolite_not_modelled", N, {}},
    {c::simulation_no_concentration, "simulation_no_concentration", N, {}},
    {c::onset_soon_after_cut, "onset_soon_after_cut", N, {{{"days", k::days}, {"source", k::evidence}}}},
    {c::physical_with_psychological, "physical_with_psychological", N,
     {{{"physical", k::count}, {"psychological", k::count}, {"source", k::evidence}}}},
    {c::symptoms_not_in_baseline, "symptoms_not_in_baseline", N,
     {{{"symptom", k::symptom}, {"others", k::count}, {"source", k::evidence}}}},
    {c::wave_pattern, "wave_pattern", N, {{{"peak_day", k::days}, {"eased_day", k::days}, {"source", k::evidence}}}},
    {c::eased_on_reinstatement, "eased_on_reinstatement", N, {{{"days", k::days}, {"source", k::evidence}}}},
    {c::onset_long_after_cut, "onset_long_after_cut", N, {{{"days", k::days}, {"source", k::evidence}}}},
    {c::psychological_only, "psychological_only", N, {{{"psychological", k::count}, {"source", k::evidence}}}},
    {c::like_original_condition, "like_original_condition", N, {{{"symptoms", k::count}, {"source", k::evidence}}}},
    {c::gradual_onset, "gradual_onset", N, {{{"days", k::days}, {"source", k::evidence}}}},
    {c::consistent_with_withdrawal, "consistent_with_withdrawal", W, {{{"cut_dose", k::dose}, {"source", k::evidence}}}},
    {c::consistent_with_relapse, "consistent_with_relapse", W, {{{"source", k::evidence}}}},
    {c::pattern_unclear, "pattern_unclear", N, {}},
    {c::no_troubling_symptoms, "no_troubling_symptoms", N, {{{"days", k::days}}}},
    {c::red_flag_seek_help_now, "red_flag_seek_help_now", W, {{{"symptom", k::symptom}, {"days", k::days}}}},
    {c::contact_prescriber_or_emergency, "contact_prescriber_or_emergency", W, {}},
    {c::advise_hold, "advise_hold", N, {{{"dose", k::dose}, {"tolerable_days", k::days}, {"source", k::evidence}}}},
    {c::advise_go_back, "advise_go_back", N, {{{"dose", k::dose}, {"source", k::evidence}}}},
    {c::advise_talk_to_prescriber, "advise_talk_to_prescriber", N, {{{"source", k::evidence}}}},
    {c::advise_keep_recording, "advise_keep_recording", N, {}},
    {c::advise_continue, "advise_continue", N, {}},
    {c::journal_bad_date, "journal_bad_date", W, {}},
    {c::journal_entries_out_of_order, "journal_entries_out_of_order", W, {}},
    {c::journal_unknown_symptom, "journal_unknown_symptom", W, {}},
    {c::journal_severity_out_of_range, "journal_severity_out_of_range", W, {}},
    {c::journal_dose_negative, "journal_dose_negative", W, {}},
    {c::journal_unknown_dose_status, "journal_unknown_dose_status", W, {}},
    {c::journal_functioning_out_of_range, "journal_functioning_out_of_range", W, {}},
    {c::journal_unknown_life_event, "journal_unknown_life_event", W, {}},
    {c::journal_wrong_type, "journal_wrong_type", W, {}},
    {c::journal_duplicate_date, "journal_duplicate_date", W, {}},
    {c::replan_continue, "replan_continue", N, {{{"dose", k::dose}}}},
    {c::replan_hold, "replan_hold", N, {{{"dose", k::dose}, {"days", k::days}, {"source", k::evidence}}}},
    {c::replan_go_back, "replan_go_back", N, {{{"from", k::dose}, {"to", k::dose}, {"source", k::evidence}}}},
    {c::replan_slow_down, "replan_slow_down", N, {{{"max_percent", k::share}, {"interval", k::days}, {"source", k::evidence}}}},
    {c::replan_resume, "replan_resume", N, {{{"dose", k::dose}}}},
    {c::replan_deadline_released, "replan_deadline_released", W, {}},
    {c::ready_for_next_cut, "ready_for_next_cut", N, {{{"tolerable_days", k::days}, {"dose", k::dose}, {"source", k::evidence}}}},
    {c::not_ready_for_next_cut, "not_ready_for_next_cut", N, {{{"tolerable_days", k::days}, {"needed_days", k::days}, {"source", k::evidence}}}},
    {c::cut_lowered_by_person, "cut_lowered_by_person", N, {{{"share", k::share}, {"dose", k::dose}}}},
    {c::one_drug_at_a_time, "one_drug_at_a_time", N, {{{"position", k::count}, {"drugs", k::count}}}},
    {c::stabilisation_gap, "stabilisation_gap", N, {{{"days", k::days}}}},
    {c::order_is_a_shared_choice, "order_is_a_shared_choice", N, {{{"source", k::evidence}}}},
    {c::interaction_level_may_fall, "interaction_level_may_fall", W,
     {{{"affected", k::drug_ref}, {"source", k::evidence}}}},
    {c::interaction_level_may_rise, "interaction_level_may_rise", W,
     {{{"affected", k::drug_ref}, {"source", k::evidence}}}},
    {c::who_can_help, "who_can_help", N, {}},
};

constexpr bool in_order() {
    for (std::size_t i = 1; i < std::size(catalogue); ++i)
        if (!(catalogue[i - 1].code < catalogue[i].code)) return false;
    return true;
}
static_assert(in_order(), "the catalogue is in numeric order, each code once");

// info(code) is asked for every message made (each step of a plan makes at least one): a
// table by code number finds the row in constant time, where a binary search over 130 rows
// cost about 100 instructions a message (docs/performance.md). Codes are below 1000 (the
// numbering in message_code.hpp), so the table is under 2 KiB; 0 marks a number with no row.
constexpr std::size_t highest_code() {
    std::size_t n = 0;
    for (const auto& i : catalogue) n = std::max(n, static_cast<std::size_t>(i.code));
    return n;
}

constexpr auto row_by_code = [] {
    std::array<std::uint16_t, highest_code() + 1> rows{};
    for (std::size_t i = 0; i < std::size(catalogue); ++i) rows[static_cast<std::size_t>(catalogue[i].code)] =
        static_cast<std::uint16_t>(i + 1);
    return rows;
}();
static_assert(std::size(catalogue) < 0xFFFF, "row numbers fit in row_by_code's 16 bits");

// Every enumerator has a row (tests/unit/messages/catalogue_test.cpp); an unknown number (a
// cast from outside) gets the first row rather than undefined behaviour.
inline const message_info& row_of(message_code code) noexcept {
    const auto n = static_cast<std::size_t>(code);
    const std::size_t row = n < row_by_code.size() ? row_by_code[n] : 0;
    return row != 0 ? catalogue[row - 1] : catalogue[0];
}

/// make_message's programming error, out of line so that the usual path stays small.
[[noreturn, gnu::cold, gnu::noinline]] void parameters_do_not_match(const message_info& i, std::size_t n,
                                                                     bool too_few) {
    if (too_few) throw std::logic_error("message " + std::string(i.id) + ": too few parameters");
    throw std::logic_error("message " + std::string(i.id) + ": parameter " + std::to_string(n + 1) +
                           " does not match the catalogue");
}

}  // namespace

std::span<const message_info> message_catalogue() noexcept { return catalogue; }

const message_info& info(message_code code) noexcept { return row_of(code); }

std::string_view id(message_code code) noexcept { return info(code).id; }

std::optional<message_code> message_code_from_id(std::string_view text) noexcept {
    for (const auto& i : catalogue)
        if (i.id == text) return i.code;
    return std::nullopt;
}

std::string_view id(parameter_kind k) noexcept {
    switch (k) {
        case parameter_kind::none: return "none";
        case parameter_kind::dose: return "dose";
        case parameter_kind::diazepam_dose: return "diazepam_dose";
        case parameter_kind::share: return "share";
        case parameter_kind::points: return "points";
        case parameter_kind::days: return "days";
        case parameter_kind::half_life_hours: return "hours";
        case parameter_kind::count: return "count";
        case parameter_kind::dose_time: return "dose_time";
        case parameter_kind::whole_unit_reason: return "whole_unit_reason";
        case parameter_kind::guidance: return "guidance";
        case parameter_kind::text: return "text";
        case parameter_kind::whole_unit_form: return "whole_unit_form";
        case parameter_kind::symptom: return "symptom";
        case parameter_kind::evidence: return "evidence";
        case parameter_kind::drug_ref: return "drug_ref";
        case parameter_kind::volume_ml: return "volume";
        case parameter_kind::form_on_hand: return "form";
        case parameter_kind::drug_form: return "drug_form";
        case parameter_kind::drug_name: return "drug";
        case parameter_kind::pk_parameter: return "pk_parameter";
    }
    return "none";
}

message make_message(message_code code, std::initializer_list<parameter> parameters) {
    const message_info& i = row_of(code);
    message m;
    m.code = code;
    m.level = i.level;
    std::size_t n = 0;
    for (const auto& p : parameters) {
        if (n >= m.parameters.size() || i.parameters[n].kind != p.kind()) [[unlikely]]
            parameters_do_not_match(i, n, false);
        m.parameters[n++] = p;
    }
    if (n < m.parameters.size() && i.parameters[n].kind != parameter_kind::none) [[unlikely]]
        parameters_do_not_match(i, n, true);
    return m;
}

}  // namespace taper
