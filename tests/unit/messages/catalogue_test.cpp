// The message catalogue: every code has a stable id, a unique number, a line in
// docs/messages.md, and renders as text; messages do not allocate.
#include <taper/drugs/database.hpp>
#include <taper/messages/text.hpp>
#include <taper/plan/plan.hpp>
#include <taper/strategies/linear.hpp>
#include <taper/strategies/tapering_strip.hpp>
#include <taper/units/literals.hpp>

#include "../plan_fixture.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <type_traits>

namespace {

using taper::message_code;
using namespace taper::literals;

/// Every enumerator, listed by a switch without a default: -Wswitch (an error here) fails the
/// build when a code is added to the enum and not here, and the test below then checks that
/// the catalogue has it.
bool is_enumerator(message_code c) {
    switch (c) {
        case message_code::strategy_text:
        case message_code::target_occupancy:
        case message_code::cut_share_of_recent:
        case message_code::cut_share_without_d2_limit:
        case message_code::cut_share_within_d2_limit:
        case message_code::cut_limited_by_d2_points:
        case message_code::table_row:
        case message_code::strip_day:
        case message_code::crossover_switch:
        case message_code::crossover_not_needed:
        case message_code::crossover_tail:
        case message_code::crossover_partial_switch:
        case message_code::crossover_reduce_remaining:
        case message_code::stopping_from_final_dose:
        case message_code::final_dose_before_stop:
        case message_code::final_dose_by_min_change:
        case message_code::paced_for_half_life:
        case message_code::paced_for_half_life_own_length:
        case message_code::cut_raised_to_min_change:
        case message_code::cut_limited_by_max_step:
        case message_code::cut_limited_by_max_points:
        case message_code::cut_limited_by_max_percent:
        case message_code::target_already_passed:
        case message_code::hold_step:
        case message_code::faster_than_guidance_share:
        case message_code::faster_than_guidance_points:
        case message_code::abrupt_stop:
        case message_code::abrupt_stop_seizure_risk:
        case message_code::whole_units_cannot_make:
        case message_code::remnant_merged_into_stop:
        case message_code::remainder_cut_in_halves:
        case message_code::remnant_step:
        case message_code::stop_from_final_dose_over_limit:
        case message_code::pacing_half_life_unknown:
        case message_code::pacing_half_life_not_short:
        case message_code::pacing_after_switch_to_diazepam:
        case message_code::whole_units_strengths_unknown:
        case message_code::min_change_exceeds_max_cut:
        case message_code::hold_after_missing_step:
        case message_code::hold_after_last_step:
        case message_code::onset_soon_after_cut:
        case message_code::physical_with_psychological:
        case message_code::symptoms_not_in_baseline:
        case message_code::wave_pattern:
        case message_code::eased_on_reinstatement:
        case message_code::onset_long_after_cut:
        case message_code::psychological_only:
        case message_code::like_original_condition:
        case message_code::gradual_onset:
        case message_code::consistent_with_withdrawal:
        case message_code::consistent_with_relapse:
        case message_code::pattern_unclear:
        case message_code::no_troubling_symptoms:
        case message_code::red_flag_seek_help_now:
        case message_code::contact_prescriber_or_emergency:
        case message_code::advise_hold:
        case message_code::advise_go_back:
        case message_code::advise_talk_to_prescriber:
        case message_code::advise_keep_recording:
        case message_code::advise_continue:
        case message_code::journal_bad_date:
        case message_code::journal_entries_out_of_order:
        case message_code::journal_unknown_symptom:
        case message_code::journal_severity_out_of_range:
        case message_code::journal_dose_negative:
        case message_code::journal_unknown_dose_status:
        case message_code::journal_functioning_out_of_range:
        case message_code::journal_unknown_life_event:
        case message_code::journal_wrong_type:
        case message_code::journal_duplicate_date:
        case message_code::replan_continue:
        case message_code::replan_hold:
        case message_code::replan_go_back:
        case message_code::replan_slow_down:
        case message_code::replan_resume:
        case message_code::replan_deadline_released:
        case message_code::ready_for_next_cut:
        case message_code::not_ready_for_next_cut:
        case message_code::cut_lowered_by_person:
        case message_code::one_drug_at_a_time:
        case message_code::stabilisation_gap:
        case message_code::order_is_a_shared_choice:
        case message_code::interaction_level_may_fall:
        case message_code::interaction_level_may_rise: return true;
        case message_code::who_can_help: return true;
        case message_code::limits_converted_to_diazepam:
        case message_code::diazepam_equivalent_above_ceiling:
        case message_code::equivalence_tables_differ:
        case message_code::long_half_life:
        case message_code::short_half_life_unpaced:
        case message_code::above_licensed_maximum:
        case message_code::occupancy_model_evidence:
        case message_code::drug_caution: return true;
        case message_code::dose_rounds_to_zero:
        case message_code::dose_off_target:
        case message_code::below_syringe_minimum:
        case message_code::dilution_switched_off:
        case message_code::liquid_would_measure_finer:
        case message_code::more_dilute_would_measure_finer:
        case message_code::drug_also_comes_as:
        case message_code::adjusted_after_rounding:
        case message_code::rounding_above_previous:
        case message_code::rounding_over_max_step:
        case message_code::rounding_over_max_percent:
        case message_code::rounding_over_max_points:
        case message_code::limits_broken_nothing_within:
        case message_code::limits_broken_smallest_cut:
        case message_code::inserted_step:
        case message_code::inserted_step_before_stop:
        case message_code::inserted_smallest_cut_before_stop:
        case message_code::switch_point:
        case message_code::form_equivalence:
        case message_code::form_equivalence_assumed:
        case message_code::realized_abrupt_stop:
        case message_code::realized_abrupt_stop_seizure_risk:
        case message_code::form_would_avoid_abrupt_stop:
        case message_code::realized_faster_than_guidance_share:
        case message_code::realized_faster_than_guidance_points:
        case message_code::release_change_step:
        case message_code::dosing_frequency_change:
        case message_code::impractical_recipe:
        case message_code::release_change_with_cut:
        case message_code::beads_per_capsule_unknown:
        case message_code::drop_size_unknown:
        case message_code::drug_not_realized:
        case message_code::steps_off_tolerance:
        case message_code::form_assumed_among:
        case message_code::simulation_no_pharmacokinetics:
        case message_code::simulation_parameter_unknown:
        case message_code::simulation_active_metabolite:
        case message_code::simulation_no_occupancy_model:
        case message_code::simulation_metabolite_not_modelled:
        case message_code::simulation_no_concentration: return true;
    }
    return false;
}

/// A parameter of `kind` with a plain value, to render every code.
taper::parameter sample(taper::parameter_kind kind) {
    using k = taper::parameter_kind;
    switch (kind) {
        case k::none: return {};
        case k::dose: return 2.5_mg;
        case k::diazepam_dose: return 5.0 * taper::units::diazepam_mg;
        case k::share: return 10.0 * taper::units::percent_of_dose;
        case k::points: return 5.0 * taper::units::points;
        case k::days: return 14.0 * taper::units::day;
        case k::half_life_hours: return taper::hours{8.0 * taper::units::hour};
        case k::count: return taper::parameter::count(3);
        case k::dose_time: return taper::parameter::dose_time(0);
        case k::text: return taper::parameter::text(0);
        case k::whole_unit_reason: return taper::whole_unit_reason::modified_release;
        case k::whole_unit_form: return taper::whole_unit_form::tablet;
        case k::guidance: return taper::pace_guidance::antidepressants;
        case k::symptom: return taper::parameter::whole(k::symptom, 0);
        case k::evidence: return taper::parameter::whole(k::evidence, 0);
        case k::drug_ref: return taper::parameter::whole(k::drug_ref, 0);
        case k::volume_ml: return taper::volume{0.5 * taper::units::mL};
        case k::form_on_hand: return taper::parameter::on_hand_form(0);
        case k::drug_form: return taper::parameter::drug_form(0);
        case k::drug_name: return taper::parameter::drug_name(0);
        case k::pk_parameter: return taper::pharmacokinetic_parameter::time_to_peak;
    }
    return {};
}

std::string docs() {
    std::ifstream in(std::string(TAPER_SOURCE_DIR) + "/docs/messages.md");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

TEST(MessageCatalogue, EveryCodeHasAnIdAUniqueNumberADocLineAndText) {
    const std::string doc = docs();
    ASSERT_FALSE(doc.empty()) << "docs/messages.md not found";
    std::set<int> numbers;
    std::set<std::string_view> ids;
    std::size_t enumerators = 0;
    for (int n = 0; n < 1000; ++n)
        if (is_enumerator(static_cast<message_code>(n))) ++enumerators;
    EXPECT_EQ(taper::message_catalogue().size(), enumerators);

    taper::schedule plan;
    plan.drug = "citalopram";
    plan.strategy = "table";
    plan.occupancy_receptor = "SERT";
    plan.request.current_formulation = "tablet-mr";
    plan.strategy_texts = {"a strategy's own words"};
    taper::step st;
    st.doses = {{"citalopram", "night", 2.5_mg}};

    for (const auto& i : taper::message_catalogue()) {
        SCOPED_TRACE(std::string(i.id));
        EXPECT_TRUE(is_enumerator(i.code));
        EXPECT_TRUE(numbers.insert(static_cast<int>(i.code)).second);
        EXPECT_TRUE(ids.insert(i.id).second);
        EXPECT_EQ(taper::id(i.code), i.id);
        EXPECT_EQ(taper::message_code_from_id(i.id), i.code);
        EXPECT_EQ(&taper::info(i.code), &i);
        // The docs' table row: "| <number> | `<id>` | <severity> |".
        const std::string row = "| " + std::to_string(static_cast<int>(i.code)) + " | `" + std::string(i.id) + "` | " +
                                std::string(taper::id(i.level)) + " |";
        EXPECT_NE(doc.find(row), std::string::npos) << row;

        taper::message m;
        m.code = i.code;
        m.level = i.level;
        for (std::size_t n = 0; n < i.parameters.size(); ++n) m.parameters[n] = sample(i.parameters[n].kind);
        EXPECT_EQ(taper::make_message(i.code, {m.parameters[0], m.parameters[1], m.parameters[2], m.parameters[3]}).code,
                  i.code);
        const std::string t = taper::text(m, taper::context_of(plan, &st));
        EXPECT_FALSE(t.empty());
        EXPECT_NE(t, i.id);  // rendered, not the fallback
    }
    EXPECT_FALSE(taper::message_code_from_id("no_such_code").has_value());
}

// info() finds a row by its number in a table (src/messages/catalogue.cpp): a number with no
// row, between codes, past the last one or far past the table, gets the first row.
TEST(MessageCatalogue, ANumberWithoutARowGetsTheFirstRow) {
    const taper::message_info& first = taper::message_catalogue().front();
    for (const int n : {0, 1, 99, 113, 199, 250, 399, 599, 999, 1000, 0xFFFF}) {
        SCOPED_TRACE(n);
        ASSERT_FALSE(is_enumerator(static_cast<message_code>(n)));
        EXPECT_EQ(&taper::info(static_cast<message_code>(n)), &first);
    }
    EXPECT_EQ(taper::info(message_code::who_can_help).id, "who_can_help");
    EXPECT_EQ(taper::info(message_code::strategy_text).id, "strategy_text");
}

TEST(MessageCatalogue, ParametersMustMatchTheCatalogue) {
    EXPECT_THROW((void)taper::make_message(message_code::cut_limited_by_max_step, {5.0 * taper::units::points}),
                 std::logic_error);
    EXPECT_THROW((void)taper::make_message(message_code::cut_limited_by_max_step), std::logic_error);
    const auto m = taper::make_message(message_code::cut_limited_by_max_step, {12.5_mg});
    EXPECT_EQ(m.level, taper::severity::note);
    EXPECT_DOUBLE_EQ(taper::in(m[0].as_mass(), taper::units::mg), 12.5);
}

TEST(MessageValues, FixedSizeAndInlineOnASteps) {
    // No heap: a message is trivially copyable, and a step keeps two inline.
    static_assert(std::is_trivially_copyable_v<taper::message>);
    // An empty list already has room for two: the inline storage, no allocation.
    const taper::message_list list;
    EXPECT_EQ(list.capacity(), 2U);
}

// Wording matters where a person must act on it: the stop cautions are tested as text.
TEST(MessageWording, AbruptBenzodiazepineStopWarnsOfSeizures) {
    auto r = taper::testing::request("alprazolam", 2_mg);
    const auto s = taper::make_plan(taper::database::embedded(), r, taper::strategies::linear{2_mg});
    ASSERT_EQ(s.steps.size(), 1U);
    const auto* w = taper::find(s.steps[0].messages, message_code::abrupt_stop_seizure_risk);
    ASSERT_NE(w, nullptr);
    EXPECT_EQ(w->level, taper::severity::warning);
    EXPECT_EQ(taper::text(*w, taper::context_of(s, &s.steps[0])),
              "abrupt stop: this step stops from 2 mg, 100% of the starting dose; reduce to a small dose first "
              "(below about 5% of the start) before stopping; stopping a benzodiazepine or z-drug abruptly can "
              "cause seizures");
}

TEST(MessageWording, AbruptStopOfAnAntidepressantHasNoSeizureClause) {
    const auto s = taper::make_plan(taper::database::embedded(), taper::testing::request("sertraline", 50_mg),
                                    taper::strategies::linear{12.5_mg});
    const auto* w = taper::find(s.steps.back().messages, message_code::abrupt_stop);
    ASSERT_NE(w, nullptr);
    EXPECT_EQ(taper::text(*w, taper::context_of(s, &s.steps.back())),
              "abrupt stop: this step stops from 12.5 mg, 25% of the starting dose; reduce to a small dose first "
              "(below about 5% of the start) before stopping");
}

}  // namespace

// Regression tests from an adversarial review (extreme doses, odd limits, odd tools and odd
// text), each expectation worked out by hand in its comment. Their own namespace keeps the
// helpers they were written with.
namespace review_regression {
namespace {

using namespace taper::literals;
namespace strategies = taper::strategies;

const taper::database& db() { return taper::database::embedded(); }

using taper::testing::request;

// One pouch a day of a tapering strip cut 90% of the roll's dose: the pace warning read
// "... in 1 days"; one day is "1 day".
TEST(ReviewRegression, PaceWarningSaysOneDay) {
    strategies::tapering_strip strip;
    strip.curve = strategies::strip_curve::proportional;
    strip.percent = 99;
    strip.roll_length = 2_d;
    const auto plan = taper::make_plan(db(), request("citalopram", 20_mg), strip);
    // Wording matters here: people read it.
    // (citalopram has an occupancy model: the cut is measured in points)
    const auto* w = taper::find(plan.steps.front().messages, taper::message_code::faster_than_guidance_points);
    ASSERT_NE(w, nullptr);
    const std::string text = taper::text(*w, taper::context_of(plan, &plan.steps.front()));
    EXPECT_NE(text.find(" in 1 day ("), std::string::npos) << text;
}

}  // namespace
}  // namespace review_regression
