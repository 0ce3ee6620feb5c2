// The proportional strategy, both meanings, against hand-computed values.
#include <taper/plan/plan.hpp>
#include <taper/units/literals.hpp>

#include "../plan_fixture.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using namespace taper::literals;
using taper::step_phase;
namespace st = taper::strategies;

taper::plan_request citalopram_20() { return taper::testing::request("citalopram", 20.0_mg); }

TEST(StrategyProportional, TenPercentOfTheMostRecentDose) {
    // 20 · 0.9 = 18, · 0.9 = 16.2, 14.58, 13.122, 11.8098 ...
    const auto s = taper::make_plan(taper::database::embedded(), citalopram_20(),
                                    st::percent_of_most_recent_dose(10));
    EXPECT_EQ(s.strategy, "proportional");
    ASSERT_GE(s.steps.size(), 5u);
    const double expected[] = {18.0, 16.2, 14.58, 13.122, 11.8098};
    for (std::size_t i = 0; i < 5; ++i) {
        EXPECT_NEAR(s.steps[i].equivalent_daily_dose.value(), expected[i], 1e-9) << "step " << i + 1;
        EXPECT_NEAR(taper::in(s.steps[i].change_percent, taper::units::percent_of_dose), 10.0, 1e-9) << "step " << i + 1;
    }
}

TEST(StrategyProportional, StopsAtOneFortiethOfTheStart) {
    // Final dose 20/40 = 0.5 mg. 20 · 0.9^35 = 0.50063 (still above), 20 · 0.9^36 = 0.45057
    // (the first at or below): 36 reductions, then the stop step to 0.
    const auto s = taper::make_plan(taper::database::embedded(), citalopram_20(),
                                    st::percent_of_most_recent_dose(10));
    ASSERT_EQ(s.steps.size(), 37u);
    EXPECT_NEAR(s.steps[34].equivalent_daily_dose.value(), 0.50063, 1e-5);
    EXPECT_NEAR(s.steps[35].equivalent_daily_dose.value(), 0.45057, 1e-5);
    EXPECT_EQ(s.steps[35].phase, step_phase::reduce);
    EXPECT_EQ(s.steps[36].phase, step_phase::stop);
    EXPECT_DOUBLE_EQ(s.steps[36].equivalent_daily_dose.value(), 0.0);
}

TEST(StrategyProportional, TenPercentOfTheStartingDose) {
    // 10% of 20 mg = 2 mg every step: 18, 16, 14, 12, 10, 8, 6, 4, 2, 0.
    const auto s = taper::make_plan(taper::database::embedded(), citalopram_20(),
                                    st::percent_of_starting_dose(10));
    EXPECT_EQ(s.strategy, "proportional-of-start");
    ASSERT_EQ(s.steps.size(), 10u);
    for (std::size_t i = 0; i < 10; ++i) {
        EXPECT_NEAR(s.steps[i].equivalent_daily_dose.value(), 18.0 - 2.0 * static_cast<double>(i), 1e-9)
            << "step " << i + 1;
        EXPECT_NEAR(s.steps[i].change.value(), 2.0, 1e-9) << "step " << i + 1;
    }
    EXPECT_EQ(s.steps.back().phase, step_phase::stop);
    // The last cut, 2 of 2 mg, is 100% of the dose: why "of the start" is not the 10% rule.
    EXPECT_NEAR(taper::in(s.steps.back().change_percent, taper::units::percent_of_dose), 100.0, 1e-9);
}

TEST(StrategyProportional, TheRequestsFinalDoseStopsIt) {
    // Final dose 10 mg: 18, 16.2, 14.58, 13.122, 11.8098, 10.62882, then 9.565938 is below
    // 10 mg, so the planner holds it at 10 mg (with a note); then the stop step.
    auto r = citalopram_20();
    r.final_dose = 10.0_mg;
    const auto s = taper::make_plan(taper::database::embedded(), r, st::percent_of_most_recent_dose(10));
    ASSERT_EQ(s.steps.size(), 8u);
    EXPECT_NEAR(s.steps[5].equivalent_daily_dose.value(), 10.62882, 1e-9);
    EXPECT_NEAR(s.steps[6].equivalent_daily_dose.value(), 10.0, 1e-9);
    EXPECT_EQ(s.steps[7].phase, step_phase::stop);
}

TEST(StrategyProportional, OwnFinalFraction) {
    // final_fraction 1/2: 20 · 0.75 = 15, 11.25, 8.4375 (<= 10): 3 reductions, then stop.
    const auto s = taper::make_plan(taper::database::embedded(), citalopram_20(),
                                    st::proportional{.percent = 25, .of = st::percent_of::most_recent_dose,
                                                     .final_fraction = 0.5});
    ASSERT_EQ(s.steps.size(), 4u);
    EXPECT_NEAR(s.steps[2].equivalent_daily_dose.value(), 8.4375, 1e-9);
}

TEST(StrategyProportional, RejectsBadPercentages) {
    const auto& db = taper::database::embedded();
    for (double bad : {0.0, -5.0, 100.0, 150.0, std::nan("")})
        EXPECT_THROW(taper::make_plan(db, citalopram_20(), st::percent_of_most_recent_dose(bad)), taper::strategy_error)
            << bad;
    EXPECT_THROW(taper::make_plan(db, citalopram_20(),
                                  st::proportional{.percent = 10, .of = st::percent_of::most_recent_dose,
                                                   .final_fraction = 1.0}),
                 taper::strategy_error);
}

TEST(StrategyProportional, FromOptions) {
    taper::strategy_options o;
    o.set("percent", taper::percent(25.0_pct));
    EXPECT_DOUBLE_EQ(st::proportional::from_options(o).percent, 25.0);
    EXPECT_EQ(st::proportional::from_options(o, st::percent_of::starting_dose).name(), "proportional-of-start");
    o.set("final_fraction", taper::percent(0.1 * taper::units::fraction));
    EXPECT_DOUBLE_EQ(st::proportional::from_options(o).final_fraction, 0.1);
    // Of the start reaches zero by itself: a final fraction does not apply.
    EXPECT_THROW((void)st::proportional::from_options(o, st::percent_of::starting_dose), taper::strategy_error);
    taper::strategy_options points;
    points.set("points", 5.0_points);
    EXPECT_THROW((void)st::proportional::from_options(points), taper::strategy_error);
}

}  // namespace
