// The diazepam crossover against hand-computed values.
#include <taper/plan/plan.hpp>
#include <taper/units/literals.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace taper::literals;
using taper::dose_line;
using taper::step_phase;
namespace st = taper::strategies;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

taper::plan_request alprazolam_three_times() {
    taper::plan_request r;
    r.drug = "alprazolam";
    r.daily_dose = 1.5_mg;
    r.split = {{"morning", 0.5_mg}, {"midday", 0.5_mg}, {"night", 0.5_mg}};
    r.start = taper::parse_date("2026-12-01");
    return r;
}

TEST(StrategyDiazepamCrossover, AlprazolamSwitchesOneDoseTimeAtATime) {
    // Ashton: 0.5 mg alprazolam ~ 10 mg diazepam, so 3 x 0.5 mg = 30 mg diazepam-equivalent.
    // The night dose goes first, then midday, then morning; the total stays 30 mg.
    const auto s = taper::make_plan(taper::database::embedded(), alprazolam_three_times(), st::diazepam_crossover{});
    EXPECT_EQ(s.basis, taper::dose_basis::diazepam_mg);
    EXPECT_EQ(s.equivalence_table, "ashton");
    EXPECT_DOUBLE_EQ(s.start_equivalent_dose.value(), 30.0);
    ASSERT_GE(s.steps.size(), 4u);

    const std::vector<dose_line> switch1 = {
        {"alprazolam", "morning", 0.5_mg}, {"alprazolam", "midday", 0.5_mg}, {"diazepam", "night", 10.0_mg}};
    const std::vector<dose_line> switch2 = {
        {"alprazolam", "morning", 0.5_mg}, {"diazepam", "midday", 10.0_mg}, {"diazepam", "night", 10.0_mg}};
    const std::vector<dose_line> switch3 = {
        {"diazepam", "morning", 10.0_mg}, {"diazepam", "midday", 10.0_mg}, {"diazepam", "night", 10.0_mg}};
    EXPECT_EQ(s.steps[0].doses, switch1);
    EXPECT_EQ(s.steps[1].doses, switch2);
    EXPECT_EQ(s.steps[2].doses, switch3);
    const double alprazolam_left[] = {1.0, 0.5, 0.0};
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(s.steps[i].phase, step_phase::switch_over) << "step " << i + 1;
        EXPECT_DOUBLE_EQ(s.steps[i].equivalent_daily_dose.value(), 30.0) << "step " << i + 1;
        EXPECT_DOUBLE_EQ(s.steps[i].daily_dose.value(), alprazolam_left[i]) << "step " << i + 1;
        EXPECT_DOUBLE_EQ(s.steps[i].change.value(), 0.0) << "step " << i + 1;
        EXPECT_DOUBLE_EQ(s.steps[i].length.value(), 7.0) << "step " << i + 1;
    }
    // The first switch moves the last dose-time of the day, the night dose, to diazepam.
    ASSERT_FALSE(s.steps[0].messages.empty());
    const taper::message& sw = s.steps[0].messages[0];
    EXPECT_EQ(sw.code, taper::message_code::crossover_switch);
    EXPECT_EQ(sw[0].as_index(), 1U);
    EXPECT_EQ(s.steps[0].doses.at(sw[1].as_index()).time, "night");
    // Three 7-day switch steps from 2026-12-01: the first reduction starts on 2026-12-22.
    EXPECT_EQ(taper::format_date(s.steps[3].start), "2026-12-22");
}

TEST(StrategyDiazepamCrossover, AlprazolamReducesTenPercentThenTheTail) {
    // After the switch: 10% of the most recent dose, 27, 24.3, 21.87, 19.683, 17.7147, ...
    // 5.55906 -> 5.00315 (cut 0.55906) -> 4.50284 (cut 0.50032, still >= 0.5 mg); then 10% of
    // 4.50284 = 0.45028 < 0.5 mg, so the tail: 4.50284 is 9.0057 half-milligrams; one step
    // below the nearest multiple (9) is 8, so 4 mg; then 3.5, 3, 2.5, 2, 1.5, 1, 0.5, 0.
    const auto s = taper::make_plan(taper::database::embedded(), alprazolam_three_times(), st::diazepam_crossover{});
    const double expected[] = {27.0,      24.3,     21.87,    19.683,   17.7147, 15.94323, 14.348907,
                               12.9140163, 11.62261467, 10.460353203, 9.4143178827, 8.47288609443, 7.625597484987,
                               6.8630377365, 6.1767339628, 5.5590605666, 5.0031545099, 4.5028390589,
                               4.0,       3.5,      3.0,      2.5,      2.0,     1.5,      1.0,       0.5, 0.0};
    ASSERT_EQ(s.steps.size(), 3u + 27u);
    for (std::size_t i = 0; i < 27; ++i) {
        const auto& step = s.steps[3 + i];
        EXPECT_NEAR(step.equivalent_daily_dose.value(), expected[i], 1e-8) << "step " << 4 + i;
        EXPECT_DOUBLE_EQ(step.daily_dose.value(), 0.0) << "no alprazolam left, step " << 4 + i;
        EXPECT_DOUBLE_EQ(step.length.value(), 28.0) << "the request's interval, step " << 4 + i;
        // Diazepam lines only, scaled in proportion: a third of the total at each time.
        ASSERT_EQ(step.doses.size(), 3u);
        for (const auto& line : step.doses) {
            EXPECT_EQ(line.drug, "diazepam");
            EXPECT_NEAR(line.amount.value(), expected[i] / 3.0, 1e-8);
        }
    }
    for (std::size_t i = 0; i < 18; ++i) EXPECT_NEAR(taper::in(s.steps[3 + i].change_percent, taper::units::percent_of_dose), 10.0, 1e-8) << "step " << 4 + i;
    for (std::size_t i = 19; i < 27; ++i) EXPECT_NEAR(s.steps[3 + i].change.value(), 0.5, 1e-9) << "step " << 4 + i;
    ASSERT_FALSE(s.steps[21].messages.empty());
    EXPECT_EQ(s.steps[21].messages[0].code, taper::message_code::crossover_tail);
    EXPECT_DOUBLE_EQ(taper::in(s.steps[21].messages[0][0].as_mass(), taper::units::mg), 0.5);
    EXPECT_EQ(s.steps.back().phase, step_phase::stop);
}

TEST(StrategyDiazepamCrossover, TheRequestsSwitchIntervalWins) {
    auto r = alprazolam_three_times();
    r.phase_interval[step_phase::switch_over] = 14.0_d;
    const auto s = taper::make_plan(taper::database::embedded(), r,
                                    st::diazepam_crossover{.range = {}, .switch_length = 10.0_d});
    for (std::size_t i = 0; i < 3; ++i) EXPECT_DOUBLE_EQ(s.steps[i].length.value(), 14.0);
    r.phase_interval.clear();
    const auto own = taper::make_plan(taper::database::embedded(), r,
                                      st::diazepam_crossover{.range = {}, .switch_length = 10.0_d});
    for (std::size_t i = 0; i < 3; ++i) EXPECT_DOUBLE_EQ(own.steps[i].length.value(), 10.0);
}

TEST(StrategyDiazepamCrossover, TheEquivalenceTableIsTheRequests) {
    // VA/DoD 2021: 1 mg alprazolam ~ 10 mg diazepam, so 3 x 0.5 mg = 15 mg.
    auto r = alprazolam_three_times();
    r.equivalence_table = "va-dod-2021";
    const auto s = taper::make_plan(taper::database::embedded(), r, st::diazepam_crossover{});
    EXPECT_EQ(s.equivalence_table, "va-dod-2021");
    EXPECT_DOUBLE_EQ(s.steps[0].equivalent_daily_dose.value(), 15.0);
    EXPECT_DOUBLE_EQ(s.steps[0].doses[2].amount.value(), 5.0);
    r.equivalence_table = "no-such-table";
    try {
        taper::make_plan(taper::database::embedded(), r, st::diazepam_crossover{});
        FAIL() << "expected plan_error";
    } catch (const taper::plan_error& e) {
        EXPECT_TRUE(has(e.what(), "no-such-table")) << e.what();
        EXPECT_TRUE(has(e.what(), "ashton")) << e.what();
    }
}

TEST(StrategyDiazepamCrossover, ARangeNeedsAnExplicitEnd) {
    // Ashton: loprazolam 1-2 mg ~ 10 mg diazepam. 1 mg loprazolam: 10 mg diazepam at the low
    // end (1 mg ~ 10 mg), 5 mg at the high end (2 mg ~ 10 mg).
    taper::plan_request r;
    r.drug = "loprazolam";
    r.daily_dose = 1.0_mg;
    try {
        taper::make_plan(taper::database::embedded(), r, st::diazepam_crossover{});
        FAIL() << "expected plan_error";
    } catch (const taper::plan_error& e) {
        EXPECT_TRUE(has(e.what(), "range")) << e.what();
        EXPECT_TRUE(has(e.what(), "1 to 2 mg")) << e.what();
        EXPECT_TRUE(has(e.what(), "\"low\"")) << e.what();
        EXPECT_TRUE(has(e.what(), "\"high\"")) << e.what();
    }
    const auto low = taper::make_plan(taper::database::embedded(), r,
                                      st::diazepam_crossover{.range = st::range_end::low});
    EXPECT_DOUBLE_EQ(low.steps[0].equivalent_daily_dose.value(), 10.0);
    const auto high = taper::make_plan(taper::database::embedded(), r,
                                       st::diazepam_crossover{.range = st::range_end::high});
    EXPECT_DOUBLE_EQ(high.steps[0].equivalent_daily_dose.value(), 5.0);
    // 5 -> 4.5 (10% = 0.5 mg, not smaller than the tail step: still proportional); 10% of 4.5
    // is 0.45 < 0.5, so the tail: 4.5 is 9 half-milligrams, one below is 8: 4 mg, then 3.5.
    ASSERT_GE(high.steps.size(), 5u);
    EXPECT_NEAR(high.steps[1].equivalent_daily_dose.value(), 4.5, 1e-12);
    EXPECT_NEAR(high.steps[2].equivalent_daily_dose.value(), 4.0, 1e-12);
    EXPECT_NEAR(high.steps[3].equivalent_daily_dose.value(), 3.5, 1e-12);
}

TEST(StrategyDiazepamCrossover, UnknownEquivalentsAreMissingData) {
    for (const char* name : {"zaleplon", "eszopiclone"}) {
        taper::plan_request r;
        r.drug = name;
        r.daily_dose = 1.0_mg;
        try {
            taper::make_plan(taper::database::embedded(), r, st::diazepam_crossover{});
            FAIL() << "expected missing_data_error for " << name;
        } catch (const taper::missing_data_error& e) {
            EXPECT_TRUE(has(e.what(), "\"ashton\"")) << e.what();
            EXPECT_TRUE(has(e.what(), "unverified")) << e.what();
            EXPECT_TRUE(has(e.what(), name)) << e.what();
        }
    }
}

TEST(StrategyDiazepamCrossover, DiazepamItselfSkipsTheSwitch) {
    // Own mg (which are diazepam mg), no switch steps: 10 -> 9 -> 8.1 -> ...
    taper::plan_request r;
    r.drug = "diazepam";
    r.daily_dose = 10.0_mg;
    r.split = {{"morning", 5.0_mg}, {"night", 5.0_mg}};
    const auto s = taper::make_plan(taper::database::embedded(), r, st::diazepam_crossover{});
    EXPECT_EQ(s.basis, taper::dose_basis::own_mg);
    ASSERT_GE(s.steps.size(), 2u);
    EXPECT_EQ(s.steps[0].phase, step_phase::reduce);
    EXPECT_DOUBLE_EQ(s.steps[0].equivalent_daily_dose.value(), 9.0);
    EXPECT_DOUBLE_EQ(s.steps[0].daily_dose.value(), 9.0);
    EXPECT_NEAR(s.steps[1].equivalent_daily_dose.value(), 8.1, 1e-12);
    ASSERT_FALSE(s.steps[0].messages.empty());
    EXPECT_EQ(s.steps[0].messages[0].code, taper::message_code::crossover_not_needed);
    for (const auto& step : s.steps) EXPECT_NE(step.phase, step_phase::switch_over);
    EXPECT_EQ(s.steps.back().phase, step_phase::stop);
}

TEST(StrategyDiazepamCrossover, FinalDoseInDiazepamMilligrams) {
    // A final dose the request says is in the plan's basis: 2 mg diazepam-equivalent is above
    // the 1.5 mg alprazolam taken: it is compared with the 30 mg diazepam-equivalent start,
    // and the tail stops at 2 mg. (By default it would be 2 mg alprazolam: safety_test.cpp.)
    auto r = alprazolam_three_times();
    r.limits_in = taper::limit_basis::plan_basis;
    r.final_dose = 2.0_mg;
    const auto s = taper::make_plan(taper::database::embedded(), r, st::diazepam_crossover{});
    ASSERT_GE(s.steps.size(), 2u);
    EXPECT_NEAR(s.steps[s.steps.size() - 2].equivalent_daily_dose.value(), 2.0, 1e-12);
    EXPECT_EQ(s.steps.back().phase, step_phase::stop);
    r.final_dose = 30.0_mg;  // not below the diazepam-equivalent start
    EXPECT_THROW(taper::make_plan(taper::database::embedded(), r, st::diazepam_crossover{}), taper::plan_error);
}

TEST(StrategyDiazepamCrossover, RefusesOtherClassesAndBadSettings) {
    const auto& db = taper::database::embedded();
    taper::plan_request r;
    r.drug = "citalopram";
    r.daily_dose = 20.0_mg;
    try {
        taper::make_plan(db, r, st::diazepam_crossover{});
        FAIL() << "expected plan_error";
    } catch (const taper::plan_error& e) {
        EXPECT_TRUE(has(e.what(), "not a benzodiazepine")) << e.what();
    }
    const auto a = alprazolam_three_times();
    EXPECT_THROW(taper::make_plan(db, a, st::diazepam_crossover{.range = {}, .switch_length = 7.0_d, .percent = 0}),
                 taper::strategy_error);
    EXPECT_THROW(taper::make_plan(db, a, st::diazepam_crossover{.range = {}, .switch_length = 7.0_d, .percent = 10,
                                                                .tail_step = 0.0_mg}),
                 taper::strategy_error);
    EXPECT_THROW(taper::make_plan(db, a, st::diazepam_crossover{.range = {}, .switch_length = 0.0_d}),
                 taper::strategy_error);
}

TEST(StrategyDiazepamCrossover, FromOptions) {
    taper::strategy_options o;
    o.set("percent", taper::percent(5.0_pct));
    o.set("step_length", 14.0_d);
    o.set("range_end", std::string("high")).set("tail_step", 1.0_mg);
    const auto c = st::diazepam_crossover::from_options(o);
    EXPECT_DOUBLE_EQ(c.percent, 5.0);
    EXPECT_DOUBLE_EQ(c.switch_length.value(), 14.0);
    ASSERT_TRUE(c.range);
    EXPECT_EQ(*c.range, st::range_end::high);
    EXPECT_DOUBLE_EQ(c.tail_step.value(), 1.0);
    o.set("range_end", std::string("middle"));
    EXPECT_THROW((void)st::diazepam_crossover::from_options(o), taper::strategy_error);
    o.set("range_end", std::string("low"));
    o.set("tail_step", std::string("a little"));  // text where a mass belongs
    EXPECT_THROW((void)st::diazepam_crossover::from_options(o), taper::strategy_error);
    taper::strategy_options points;
    points.set("points", 5.0_points);
    EXPECT_THROW((void)st::diazepam_crossover::from_options(points), taper::strategy_error);
}

}  // namespace
