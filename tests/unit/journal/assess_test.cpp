// Scenario tests of the assessment, written from the published descriptions (issue 13,
// "Done when"): Horowitz & Taylor, BJPsych Advances 2022;28:297-311 (onset within days,
// physical with psychological symptoms, new symptoms, a wave, quick improvement on
// reinstatement) and NICE NG222 1.4.15, 1.4.20-1.4.22 (withdrawal within a few days; relapse
// not as soon as the dose is lowered; severe symptoms: back to the previous dose).
#include <taper/assess/assessment.hpp>
#include <taper/drugs/database.hpp>
#include <taper/messages/text.hpp>
#include <taper/plan/plan.hpp>
#include <taper/units/literals.hpp>

#include "../plan_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using namespace taper::literals;
using taper::message_code;
using taper::symptom;
using taper::testing::has_code;

taper::date day(const char* iso) { return taper::parse_date(iso); }

taper::journal_entry entry(const char* iso, taper::mass taken, std::vector<taper::symptom_rating> ratings = {}) {
    taper::journal_entry e;
    e.day = day(iso);
    e.doses = {{"daily", taken, taper::dose_status::taken}};
    e.ratings = std::move(ratings);
    return e;
}

// Sertraline 50 mg, 12.5 mg every 28 days from 2026-12-01: 37.5 mg from 2026-12-01 (the
// first step cuts on the start day), 25 mg from 2026-12-29.
taper::schedule sertraline_plan() {
    return taper::make_plan(taper::database::embedded(), taper::testing::request("sertraline", 50_mg),
                            taper::strategies::linear{12.5_mg});
}

// Symptoms two days after a cut (37.5 -> 25 mg on 2026-12-29), dizziness and electric-shock
// sensations with some anxiety, worst on day 3, back to 37.5 mg on day 4, eased within a day.
taper::journal withdrawal_journal() {
    taper::journal j;
    j.drug = "sertraline";
    j.baseline = {symptom::low_mood, symptom::anxiety};
    j.entries = {
        entry("2026-12-27", 37.5_mg), entry("2026-12-28", 37.5_mg), entry("2026-12-29", 25_mg),
        entry("2026-12-30", 25_mg),
        entry("2026-12-31", 25_mg, {{symptom::dizziness, 2}, {symptom::electric_shocks, 2}}),
        entry("2027-01-01", 25_mg, {{symptom::dizziness, 3}, {symptom::electric_shocks, 3}, {symptom::anxiety, 1}}),
        entry("2027-01-02", 37.5_mg, {{symptom::dizziness, 3}, {symptom::electric_shocks, 2}}),
        entry("2027-01-03", 37.5_mg, {{symptom::dizziness, 1}, {symptom::electric_shocks, 1}}),
        entry("2027-01-04", 37.5_mg, {{symptom::dizziness, 0}}),
    };
    return j;
}

TEST(AssessScenario, WithdrawalPatternSuggestsHoldingOrGoingBack) {
    const auto plan = sertraline_plan();
    ASSERT_DOUBLE_EQ(taper::in(plan.steps[1].daily_dose, taper::units::mg), 25.0);
    const auto a = taper::assess(plan, withdrawal_journal());
    EXPECT_FALSE(a.seek_help_now);
    ASSERT_FALSE(a.periods.empty());
    const auto& p = a.periods.back();
    EXPECT_EQ(p.change, day("2026-12-29"));
    EXPECT_DOUBLE_EQ(taper::in(p.from, taper::units::mg), 37.5);
    EXPECT_DOUBLE_EQ(taper::in(p.to, taper::units::mg), 25.0);
    EXPECT_EQ(p.result, taper::verdict::consistent_with_withdrawal);
    EXPECT_EQ(a.latest, taper::verdict::consistent_with_withdrawal);
    // Onset on day 2 of the cut.
    EXPECT_DOUBLE_EQ(taper::in(taper::testing::param(p.reasons, message_code::onset_soon_after_cut, "days").as_days(),
                               taper::units::day), 2.0);
    EXPECT_TRUE(has_code(p.reasons, message_code::physical_with_psychological));
    // Dizziness is new (the baseline is low mood and anxiety).
    EXPECT_EQ(taper::testing::param(p.reasons, message_code::symptoms_not_in_baseline, "symptom").as_index(),
              static_cast<std::size_t>(symptom::dizziness));
    // Peak on 2027-01-01 (3 + 3 + 1 = 7), at half or less (2) on 2027-01-03: days 3 and 5.
    EXPECT_DOUBLE_EQ(taper::in(taper::testing::param(p.reasons, message_code::wave_pattern, "eased_day").as_days(),
                               taper::units::day), 5.0);
    // Back to 37.5 mg on 2027-01-02 (score 5), 2 the next day: eased within 1 day.
    EXPECT_DOUBLE_EQ(taper::in(taper::testing::param(p.reasons, message_code::eased_on_reinstatement, "days").as_days(),
                               taper::units::day), 1.0);
    EXPECT_FALSE(has_code(p.reasons, message_code::onset_long_after_cut));
    // Already back on 37.5 mg: hold there until tolerable (NICE NG222 1.4.17).
    EXPECT_DOUBLE_EQ(taper::in(taper::testing::param(p.advice, message_code::advise_hold, "dose").as_mass(),
                               taper::units::mg), 37.5);
    EXPECT_EQ(taper::testing::param(p.advice, message_code::advise_hold, "source").as_index(),
              static_cast<std::size_t>(taper::evidence_source::nice_ng222));
}

TEST(AssessScenario, SevereWithdrawalStillOnTheLowerDoseSuggestsGoingBack) {
    auto j = withdrawal_journal();
    j.entries.resize(6);  // up to 2027-01-01, still on 25 mg, rated severe
    const auto a = taper::assess(sertraline_plan(), j);
    const auto& p = a.periods.back();
    // Onset day 2, physical with psychological, new symptoms: three features (no wave yet).
    EXPECT_EQ(p.result, taper::verdict::consistent_with_withdrawal);
    EXPECT_FALSE(has_code(p.reasons, message_code::wave_pattern));
    EXPECT_DOUBLE_EQ(taper::in(taper::testing::param(p.advice, message_code::advise_go_back, "dose").as_mass(),
                               taper::units::mg), 37.5);
    EXPECT_TRUE(has_code(p.advice, message_code::advise_talk_to_prescriber));
}

TEST(AssessScenario, RelapsePatternSuggestsTalkingToThePrescriber) {
    // The last cut (to 25 mg) on 2026-12-01; low mood returns gradually from day 90, loss of
    // interest from day 100, no physical symptoms, both part of the original episode.
    taper::journal j;
    j.drug = "sertraline";
    j.baseline = {symptom::low_mood, symptom::loss_of_interest};
    j.entries.push_back(entry("2026-11-30", 50_mg));
    const auto first = day("2026-12-01");
    for (int d = 0; d <= 130; ++d) {
        taper::journal_entry e;
        e.day = first + std::chrono::days{d};
        e.doses = {{"daily", 25_mg, taper::dose_status::taken}};
        if (d >= 90) e.ratings.push_back({symptom::low_mood, d >= 100 ? 2 : 1});
        if (d >= 100) e.ratings.push_back({symptom::loss_of_interest, d >= 110 ? 2 : 1});
        j.entries.push_back(e);
    }
    const auto a = taper::assess(sertraline_plan(), j);
    ASSERT_EQ(a.periods.size(), 1U);
    const auto& p = a.periods[0];
    EXPECT_EQ(p.change, first);
    EXPECT_EQ(p.result, taper::verdict::consistent_with_relapse);
    // Moderate from day 100 (>= 28 days: weeks to months after the cut).
    EXPECT_DOUBLE_EQ(taper::in(taper::testing::param(p.reasons, message_code::onset_long_after_cut, "days").as_days(),
                               taper::units::day), 100.0);
    EXPECT_TRUE(has_code(p.reasons, message_code::psychological_only));
    EXPECT_TRUE(has_code(p.reasons, message_code::like_original_condition));
    // Felt from day 90, worst (2 + 2) from day 110: 20 days of build-up.
    EXPECT_DOUBLE_EQ(taper::in(taper::testing::param(p.reasons, message_code::gradual_onset, "days").as_days(),
                               taper::units::day), 20.0);
    EXPECT_FALSE(has_code(p.reasons, message_code::onset_soon_after_cut));
    EXPECT_TRUE(has_code(p.advice, message_code::advise_talk_to_prescriber));
    EXPECT_FALSE(has_code(p.advice, message_code::advise_hold));
}

TEST(AssessScenario, SuicidalThoughtsMeanSeekHelpNowWhateverElseIsTrue) {
    auto j = withdrawal_journal();
    j.entries[3].ratings.push_back({symptom::suicidal_thoughts, 1});
    const auto a = taper::assess(sertraline_plan(), j);
    EXPECT_TRUE(a.seek_help_now);
    ASSERT_EQ(a.red_flags.size(), 2U);
    EXPECT_EQ(a.red_flags[0].code, message_code::red_flag_seek_help_now);
    EXPECT_EQ(a.red_flags[0][0].as_index(), static_cast<std::size_t>(symptom::suicidal_thoughts));
    EXPECT_EQ(a.red_flags[1].code, message_code::contact_prescriber_or_emergency);
    const std::string t = taper::text(a.red_flags[0], {});
    EXPECT_NE(t.find("seek help now"), std::string::npos) << t;
    // The assessment of the period is still given.
    EXPECT_EQ(a.latest, taper::verdict::consistent_with_withdrawal);
}

// Issue 13: "any entry with suicidal thoughts -> seek help now, with contacts": the support
// contacts for the person's country and the drug's class (data/support.json, Mind 2016: in
// the UK, the Mind Infoline for anyone and the Seroxat/SSRI user group for SSRIs; online,
// Surviving Antidepressants; BAT is for benzodiazepines and z-drugs, not sertraline).
TEST(AssessScenario, SuicidalThoughtsListTheContactsForTheCountryAndClass) {
    auto j = withdrawal_journal();
    j.country = "GB";
    j.entries[3].ratings.push_back({symptom::suicidal_thoughts, 1});
    const auto a = taper::assess(sertraline_plan(), j);
    ASSERT_TRUE(a.seek_help_now);
    std::vector<std::string> ids;
    for (const auto* o : a.contacts) {
        ids.push_back(o->id);
        EXPECT_TRUE(o->country == "uk" || o->country == "online") << o->id << " is in " << o->country;
    }
    for (const char* expected : {"mind-infoline", "seroxat-ssri-user-group", "surviving-antidepressants"})
        EXPECT_NE(std::find(ids.begin(), ids.end(), expected), ids.end()) << expected;
    EXPECT_EQ(std::find(ids.begin(), ids.end(), "battle-against-tranquillisers"), ids.end());
    // The UK's come before the online ones.
    EXPECT_LT(std::find(ids.begin(), ids.end(), "mind-infoline"), std::find(ids.begin(), ids.end(), "surviving-antidepressants"));

    // No country in the journal: every country's (Mind HK's service is in Hong Kong).
    j.country.clear();
    ids.clear();
    for (const auto* o : taper::assess(sertraline_plan(), j).contacts) ids.push_back(o->id);
    EXPECT_NE(std::find(ids.begin(), ids.end(), "mind-hk-iact"), ids.end());
    EXPECT_NE(std::find(ids.begin(), ids.end(), "mind-infoline"), ids.end());
}

TEST(AssessScenario, NoRedFlagNoContacts) {
    auto j = withdrawal_journal();
    j.country = "GB";
    EXPECT_TRUE(taper::assess(sertraline_plan(), j).contacts.empty());
}

TEST(AssessScenario, MildAkathisiaIsNotARedFlagButSevereIs) {
    auto j = withdrawal_journal();
    j.entries[3].ratings.push_back({symptom::akathisia, 2});
    EXPECT_FALSE(taper::assess(sertraline_plan(), j).seek_help_now);
    j.entries[3].ratings.back().severity = 3;
    EXPECT_TRUE(taper::assess(sertraline_plan(), j).seek_help_now);
}

TEST(AssessScenario, NothingTroublingAfterACutSaysSo) {
    taper::journal j;
    j.entries = {entry("2026-12-28", 37.5_mg), entry("2026-12-29", 25_mg, {{symptom::nausea, 1}}),
                 entry("2026-12-30", 25_mg)};
    const auto a = taper::assess(sertraline_plan(), j);
    ASSERT_FALSE(a.periods.empty());
    EXPECT_EQ(a.latest, taper::verdict::no_troubling_symptoms);
    EXPECT_TRUE(has_code(a.periods.back().advice, message_code::advise_continue));
}

}  // namespace
