#pragma once
// Every note and warning the library writes has a stable code. The numbers are part of the
// C ABI (taper_message_code) and of JSON output: never renumber one, never reuse a retired
// one. Each code also has a stable string id (`id(code)`, e.g. "cut_limited_by_max_step"),
// its default severity and its parameters in the catalogue (messages/catalogue.hpp), and a
// line in docs/messages.md.
//
// Numbers are grouped by where the message comes from:
//   100-199  strategies: why a step's target is what it is
//   200-299  the planner, on a step
//   300-399  the planner, on the plan as a whole
//   400-499  realization, on a dose or a step
//   500-599  realization, on the whole realization
//   700-799  the person in the loop: assessment of a journal (700-729), journal validation
//            (740-759), replanning and patient pacing (760-779), several drugs (790-799)
//   800-849  outputs: what every plan ends with (the support pointer)
#include <cstdint>

namespace taper {

enum class message_code : std::uint16_t {
    // Strategies.
    strategy_text = 100,              ///< free text from a strategy written in C, Python or Swift
    target_occupancy = 101,           ///< hyperbolic: the occupancy this step aims at
    cut_share_of_recent = 102,        ///< a cut of a share of the most recent dose
    cut_share_without_d2_limit = 103, ///< antipsychotic: share cut; no D2 model to check points
    cut_share_within_d2_limit = 104,  ///< antipsychotic: share cut, within the points limit
    cut_limited_by_d2_points = 105,   ///< antipsychotic: the points limit set the cut
    table_row = 106,                  ///< table: which row this step is
    strip_day = 107,                  ///< tapering strip: which roll and day this step is
    crossover_switch = 108,           ///< diazepam crossover: one dose-time becomes diazepam
    crossover_not_needed = 109,       ///< diazepam crossover of diazepam itself
    crossover_tail = 110,             ///< diazepam crossover: fixed steps once a cut is small
    crossover_partial_switch = 111,   ///< staged substitution: part of the drug becomes diazepam, up to a ceiling
    crossover_reduce_remaining = 112, ///< staged substitution: a cut of the drug still taken, diazepam held

    // The planner, on a step.
    stopping_from_final_dose = 200,
    final_dose_before_stop = 201,
    final_dose_by_min_change = 202,   ///< the smallest change would pass the final dose
    paced_for_half_life = 203,
    paced_for_half_life_own_length = 204,
    cut_raised_to_min_change = 205,
    cut_limited_by_max_step = 206,
    cut_limited_by_max_points = 207,
    cut_limited_by_max_percent = 208,
    target_already_passed = 209,      ///< the strategy's target is above the dose taken
    hold_step = 210,                  ///< a hold the request asked for
    faster_than_guidance_share = 211, ///< cuts a larger share per period than the guidance
    faster_than_guidance_points = 212,///< cuts more occupancy points per period than the guidance
    abrupt_stop = 213,                ///< stops from a large share of the start
    abrupt_stop_seizure_risk = 214,   ///< the same, for a benzodiazepine or z-drug
    whole_units_cannot_make = 215,    ///< a dose that whole tablets/capsules cannot make
    remnant_merged_into_stop = 216,   ///< a cut would leave a meaningless remnant: stop instead
    remainder_cut_in_halves = 217,    ///< a limit forbids stopping from here: two equal cuts instead
    remnant_step = 218,               ///< a remnant the limits could not avoid
    stop_from_final_dose_over_limit = 219, ///< the stop from the final dose is larger than a maximum cut

    // The planner, on the plan.
    pacing_half_life_unknown = 300,
    pacing_half_life_not_short = 301,
    pacing_after_switch_to_diazepam = 302,
    whole_units_strengths_unknown = 303,
    min_change_exceeds_max_cut = 304,
    hold_after_missing_step = 305,    ///< a hold after a step the plan does not have
    hold_after_last_step = 306,       ///< a hold after the stop step

    // Assessment of a journal (docs/assessment.md): features, verdicts, red flags, advice.
    onset_soon_after_cut = 700,         ///< symptoms began within days of a cut (withdrawal)
    physical_with_psychological = 701,  ///< new physical symptoms alongside psychological ones (withdrawal)
    symptoms_not_in_baseline = 702,     ///< symptoms that were not part of the original condition (withdrawal)
    wave_pattern = 703,                 ///< onset, peak and resolution (withdrawal)
    eased_on_reinstatement = 704,       ///< quick improvement on the previous dose (withdrawal)
    onset_long_after_cut = 705,         ///< symptoms began weeks or months after the last cut (relapse)
    psychological_only = 706,           ///< psychological symptoms without physical ones (relapse)
    like_original_condition = 707,      ///< every symptom was part of the original condition (relapse)
    gradual_onset = 708,                ///< a gradual build-up without resolution (relapse)
    consistent_with_withdrawal = 710,
    consistent_with_relapse = 711,
    pattern_unclear = 712,
    no_troubling_symptoms = 713,        ///< nothing rated moderate or worse after the change
    red_flag_seek_help_now = 720,       ///< a red-flag symptom: seek help now
    contact_prescriber_or_emergency = 721, ///< who to contact first (then assessment::contacts)
    advise_hold = 722,                  ///< hold the dose until symptoms are tolerable
    advise_go_back = 723,               ///< go back to the last tolerated dose
    advise_talk_to_prescriber = 724,
    advise_keep_recording = 725,
    advise_continue = 726,

    // Journal validation (the entry and field are on the problem, journal/validate.hpp).
    journal_bad_date = 740,
    journal_entries_out_of_order = 741,
    journal_unknown_symptom = 742,
    journal_severity_out_of_range = 743,
    journal_dose_negative = 744,
    journal_unknown_dose_status = 745,
    journal_functioning_out_of_range = 746,
    journal_unknown_life_event = 747,
    journal_wrong_type = 748,          ///< a field of the wrong JSON/CSV type, or a missing one
    journal_duplicate_date = 749,

    // Replanning from a plan and its journal, and patient pacing.
    replan_continue = 760,
    replan_hold = 761,
    replan_go_back = 762,
    replan_slow_down = 763,
    replan_resume = 764,
    replan_deadline_released = 765,    ///< the original deadline could not be kept
    ready_for_next_cut = 766,          ///< patient pacing: the journal says tolerable for long enough
    not_ready_for_next_cut = 767,
    cut_lowered_by_person = 768,

    // Several drugs.
    one_drug_at_a_time = 790,
    stabilisation_gap = 791,
    order_is_a_shared_choice = 792,
    interaction_level_may_fall = 793,  ///< reducing this drug may lower another's level
    interaction_level_may_rise = 794,  ///< reducing this drug may raise another's level

    // Outputs, on the plan as a whole (800-849).
    who_can_help = 800,                ///< every plan ends by pointing to the support directory
    limits_converted_to_diazepam = 320, ///< the request's mg limits, read in the named drug, converted
    diazepam_equivalent_above_ceiling = 321, ///< the switch gives more diazepam than guidance starts at
    equivalence_tables_differ = 322,  ///< another equivalence table gives a dose 1.5x or more apart
    long_half_life = 323,             ///< a half-life of a week or more: cuts take weeks to show
    short_half_life_unpaced = 324,    ///< a half-life of a day or less, without pacing
    above_licensed_maximum = 325,     ///< the starting dose is above the drug's licensed maximum
    occupancy_model_evidence = 326,    ///< the evidence status of the occupancy model the plan used
    drug_caution = 327,               ///< one of the drug's cautions in the data, said once on the plan
    // Realization, on a dose or a step (src/forms/, text in src/forms/realization_text.cpp).
    dose_rounds_to_zero = 400,        ///< a dose the forms on hand round to nothing
    dose_off_target = 401,            ///< the closest dose that can be made is beyond the tolerance
    below_syringe_minimum = 402,      ///< as a liquid the dose would be below the syringe's minimum
    dilution_switched_off = 403,      ///< a dispersible tablet could measure it, but dilution is off
    liquid_would_measure_finer = 404, ///< no fine form on hand: a liquid or dilution would help
    more_dilute_would_measure_finer = 405, ///< a more dilute liquid or a dilution would help
    drug_also_comes_as = 406,         ///< a fine form of the drug that is not on hand
    adjusted_after_rounding = 410,    ///< the rounding broke a limit; another rounding keeps them
    rounding_above_previous = 411,    ///< why: the rounded dose is above the previous one
    rounding_over_max_step = 412,     ///< why: the rounded cut is above the maximum in mg
    rounding_over_max_percent = 413,  ///< why: the rounded cut is above the maximum share
    rounding_over_max_points = 414,   ///< why: the rounded cut is above the maximum in points
    limits_broken_nothing_within = 415, ///< nothing on hand makes a dose within the limits
    limits_broken_smallest_cut = 416, ///< only a larger cut than allowed can be made
    inserted_step = 417,              ///< a step inserted so that the limits hold after rounding
    inserted_step_before_stop = 418,  ///< the same, on the way to stopping
    inserted_smallest_cut_before_stop = 419, ///< the smallest cut that can be made, before stopping
    switch_point = 420,               ///< the forms change at this step
    form_equivalence = 421,           ///< a bioavailability conversion used (with its source)
    form_equivalence_assumed = 422,   ///< a form without a bioavailability figure, taken as 1:1
    realized_abrupt_stop = 430,       ///< the doses as taken stop from a large share of the start
    realized_abrupt_stop_seizure_risk = 431, ///< the same, for a benzodiazepine or z-drug
    form_would_avoid_abrupt_stop = 432, ///< a form not on hand would make a smaller last dose
    realized_faster_than_guidance_share = 433,  ///< the doses as taken cut faster than the guidance
    realized_faster_than_guidance_points = 434, ///< the same, in occupancy points
    release_change_step = 435,        ///< the release profile changes, at a constant dose
    dosing_frequency_change = 436,    ///< the new form is taken more often: how to split the day
    impractical_recipe = 437,         ///< no practical recipe: too much liquid, too many pieces or beads
    release_change_with_cut = 438,     ///< the release profile changes in the same step as a cut: the new forms cannot make the dose before

    // Realization, on the whole realization.
    beads_per_capsule_unknown = 500,  ///< only whole capsules: the bead count is not known
    drop_size_unknown = 501,          ///< drops measured by syringe: the drop size is not known
    drug_not_realized = 502,          ///< a drug's doses are listed as planned: none of its forms on hand
    steps_off_tolerance = 503,        ///< how many steps have a dose beyond the tolerance
    form_assumed_among = 504,         ///< an item matched several products: the one assumed, and how to choose
    // The simulation over time (src/simulate/, docs/simulation.md): refusals and notes.
    simulation_no_pharmacokinetics = 600,   ///< refused: the drug has no pharmacokinetic entry
    simulation_parameter_unknown = 601,     ///< refused: a parameter has no sourced value (names it)
    simulation_active_metabolite = 602,     ///< refused: an active metabolite the model does not follow
    simulation_no_occupancy_model = 603,    ///< amounts only: no usable occupancy model
    simulation_metabolite_not_modelled = 604, ///< an inactive metabolite (or one in the fit) is left out
    simulation_no_concentration = 605,      ///< no volume (or body weight): no concentrations
};

}  // namespace taper
