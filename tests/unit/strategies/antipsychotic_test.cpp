// The antipsychotic (D2) preset against hand-computed values.
#include <taper/plan/plan.hpp>
#include <taper/units/literals.hpp>

#include "../plan_fixture.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace taper::literals;
using taper::step_phase;
namespace st = taper::strategies;

using taper::testing::request;

using taper::testing::has;

// Risperidone's D2 model (Kapur 1999): Emax 91 %, ED50 0.8 mg. occ = 91·D/(0.8 + D).
//   4 mg:    364 / 4.8   = 75.8333 %
//   step 1:  a quarter of 4 = 1 mg -> 3 mg:   273 / 3.8 = 71.8421 %, 3.99 points (< 5): the quarter binds.
//   step 2:  2.25 mg: 204.75 / 3.05 = 67.1311 %, 4.71 points (< 5): the quarter binds.
//   step 3:  a quarter would give 1.6875 mg = 153.5625 / 2.4875 = 61.7337 %, 5.40 points (> 5),
//            so the 5-point limit binds: occ 62.1311 -> D = 0.8 · 62.1311 / 28.8689 = 1.72175 mg.
//   steps 3..11 all bind on 5 points: 57.1311 % -> 0.8 · 57.1311 / 33.8689 = 1.34947 mg, ...
//            step 11: 22.1311 % -> 0.8 · 22.1311 / 68.8689 = 0.257082 mg.
//   step 12: a quarter of 0.257082 -> 0.192811 mg = 17.5462 / 0.992811 = 17.6729 %, 4.46 points
//            (< 5): the quarter binds again at low doses, and keeps binding:
//            0.144608, 0.108456, 0.0813422 mg (the first at or below 4/40 = 0.1 mg).
TEST(StrategyAntipsychotic, RisperidoneFromFourMilligrams) {
    const auto s = taper::make_plan(taper::database::embedded(), request("risperidone", 4.0_mg), st::antipsychotic{});
    ASSERT_EQ(s.steps.size(), 16u);  // 15 reductions and the stop step
    const double expected[] = {3.0,      2.25,     1.721749, 1.349468, 1.072965, 0.859492, 0.689701, 0.551430,
                               0.436647, 0.339836, 0.257082, 0.192811, 0.144608, 0.108456, 0.0813422};
    for (std::size_t i = 0; i < 15; ++i) {
        const auto& step = s.steps[i];
        EXPECT_NEAR(step.equivalent_daily_dose.value(), expected[i], 1e-6) << "step " << i + 1;
        EXPECT_EQ(step.phase, step_phase::reduce) << "step " << i + 1;
        EXPECT_DOUBLE_EQ(step.length.value(), 91.0) << "step " << i + 1;
        ASSERT_TRUE(step.change_points);
        EXPECT_LE(*step.change_points, 5.0 + 1e-9) << "step " << i + 1;
        const bool points_bind = i >= 2 && i <= 10;
        if (points_bind) {
            EXPECT_NEAR(*step.change_points, 5.0, 1e-9) << "step " << i + 1;
            ASSERT_FALSE(step.messages.empty());
            EXPECT_EQ(step.messages[0].code, taper::message_code::cut_limited_by_d2_points);
            EXPECT_DOUBLE_EQ(taper::in(step.messages[0][0].as_points(), taper::units::points), 5);
        } else {
            EXPECT_NEAR(step.change_percent, 25.0, 1e-9) << "step " << i + 1;
            ASSERT_FALSE(step.messages.empty());
            EXPECT_EQ(step.messages[0].code, taper::message_code::cut_share_within_d2_limit);
            EXPECT_NEAR(taper::in(step.messages[0][0].as_percent(), taper::units::percent_of_dose), 25, 1e-9);
        }
    }
    EXPECT_NEAR(*s.steps[0].change_points, 3.9912, 1e-4);   // 75.8333 − 71.8421
    EXPECT_NEAR(*s.steps[1].change_points, 4.7110, 1e-4);   // 71.8421 − 67.1311
    EXPECT_NEAR(*s.steps[11].change_points, 4.4582, 1e-3);  // 22.1311 − 17.6729
    EXPECT_GT(s.steps[13].equivalent_daily_dose.value(), 0.1);
    EXPECT_LE(s.steps[14].equivalent_daily_dose.value(), 0.1);
    EXPECT_EQ(s.steps[15].phase, step_phase::stop);
    // 15 steps of 91 days: 1365 days from 2026-12-01 to the stop step, 2030-08-27.
    EXPECT_EQ(taper::format_date(s.steps[15].start), "2030-08-27");
}

TEST(StrategyAntipsychotic, HalfWithTenPointsAndSixMonths) {
    // fraction 0.5, 10 points, 182 days. From 4 mg: half -> 2 mg = 182 / 2.8 = 65 %, 10.83 points
    // (> 10), so 10 points bind: 65.8333 % -> 0.8 · 65.8333 / 25.1667 = 2.09272 mg.
    const auto s = taper::make_plan(
        taper::database::embedded(), request("risperidone", 4.0_mg),
        st::antipsychotic{.fraction = 0.5, .max_points = 10, .step_length = 182.0_d, .final_fraction = 1.0 / 40});
    ASSERT_GE(s.steps.size(), 2u);
    EXPECT_NEAR(s.steps[0].equivalent_daily_dose.value(), 2.09272, 1e-5);
    EXPECT_NEAR(*s.steps[0].change_points, 10.0, 1e-9);
    EXPECT_DOUBLE_EQ(s.steps[0].length.value(), 182.0);
}

TEST(StrategyAntipsychotic, WithoutAD2ModelTheQuarterAloneWithANote) {
    // Haloperidol: Lako 2013 gives Emax only. 4 · 0.75^n <= 0.1 first at n = 13
    // (0.75^12 = 0.031676 -> 0.1267 mg; 0.75^13 = 0.023757 -> 0.095029 mg).
    const auto s = taper::make_plan(taper::database::embedded(), request("haloperidol", 4.0_mg), st::antipsychotic{});
    ASSERT_EQ(s.steps.size(), 14u);
    EXPECT_NEAR(s.steps[0].equivalent_daily_dose.value(), 3.0, 1e-12);
    EXPECT_NEAR(s.steps[11].equivalent_daily_dose.value(), 0.126705, 1e-6);
    EXPECT_NEAR(s.steps[12].equivalent_daily_dose.value(), 0.095029, 1e-6);
    for (std::size_t i = 0; i < 13; ++i) {
        EXPECT_FALSE(s.steps[i].change_points);
        ASSERT_FALSE(s.steps[i].messages.empty());
        EXPECT_EQ(s.steps[i].messages[0].code, taper::message_code::cut_share_without_d2_limit);
    }
    EXPECT_EQ(s.steps[13].phase, step_phase::stop);
}

TEST(StrategyAntipsychotic, TheRequestsFinalDose) {
    // Final dose 1 mg: 3, 2.25, 1.72175, 1.34947, 1.07296, then 0.859492 < 1 is held at 1 mg; stop.
    auto r = request("risperidone", 4.0_mg);
    r.final_dose = 1.0_mg;
    const auto s = taper::make_plan(taper::database::embedded(), r, st::antipsychotic{});
    ASSERT_EQ(s.steps.size(), 7u);
    EXPECT_NEAR(s.steps[4].equivalent_daily_dose.value(), 1.072965, 1e-6);
    EXPECT_NEAR(s.steps[5].equivalent_daily_dose.value(), 1.0, 1e-12);
    EXPECT_EQ(s.steps[6].phase, step_phase::stop);
}

TEST(StrategyAntipsychotic, RefusesOtherClasses) {
    try {
        taper::make_plan(taper::database::embedded(), request("citalopram", 20.0_mg), st::antipsychotic{});
        FAIL() << "expected plan_error";
    } catch (const taper::plan_error& e) {
        EXPECT_TRUE(has(e.what(), "not an antipsychotic")) << e.what();
        EXPECT_TRUE(has(e.what(), "hyperbolic")) << e.what();
        EXPECT_TRUE(has(e.what(), "proportional")) << e.what();
    }
}

TEST(StrategyAntipsychotic, RejectsBadSettings) {
    const auto& db = taper::database::embedded();
    const auto r = request("risperidone", 4.0_mg);
    EXPECT_THROW(taper::make_plan(db, r, st::antipsychotic{.fraction = 0}), taper::strategy_error);
    EXPECT_THROW(taper::make_plan(db, r, st::antipsychotic{.fraction = 1}), taper::strategy_error);
    EXPECT_THROW(taper::make_plan(db, r, st::antipsychotic{.fraction = 0.25, .max_points = 0}), taper::strategy_error);
    try {  // a month is not 3-6 months
        taper::make_plan(db, r, st::antipsychotic{.fraction = 0.25, .max_points = 5, .step_length = 28.0_d});
        FAIL() << "expected strategy_error";
    } catch (const taper::strategy_error& e) {
        EXPECT_TRUE(has(e.what(), "step length")) << e.what();
        EXPECT_TRUE(has(e.what(), "3 to 6 months")) << e.what();
        EXPECT_EQ(e.option(), "step_length");
    }
    EXPECT_THROW(taper::make_plan(db, r, st::antipsychotic{.fraction = 0.25, .max_points = 5, .step_length = 185.0_d}),
                 taper::strategy_error);
    EXPECT_NO_THROW(taper::make_plan(db, r, st::antipsychotic{.fraction = 0.25, .max_points = 5, .step_length = 184.0_d}));
}

TEST(StrategyAntipsychotic, FromOptions) {
    taper::strategy_options o;
    o.set("percent", taper::percent(50.0 * taper::units::percent_of_dose));
    o.set("points", 10.0 * taper::units::points);
    o.set("step_length", 182.0_d);
    const auto a = st::antipsychotic::from_options(o);
    EXPECT_DOUBLE_EQ(a.fraction, 0.5);
    EXPECT_DOUBLE_EQ(a.max_points, 10.0);
    EXPECT_DOUBLE_EQ(a.step_length.value(), 182.0);
    o.set("step_length", 14.0_d);
    EXPECT_THROW((void)st::antipsychotic::from_options(o), taper::strategy_error);
    taper::strategy_options rows;
    rows.set("table", std::vector<taper::table_row>{{1.0_mg, {}}});
    EXPECT_THROW((void)st::antipsychotic::from_options(rows), taper::strategy_error);
}

}  // namespace
