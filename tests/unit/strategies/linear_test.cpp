// The linear strategy against hand-computed values.
#include <taper/plan/plan.hpp>
#include <taper/units/literals.hpp>

#include "../plan_fixture.hpp"

#include <gtest/gtest.h>

namespace {

using namespace taper::literals;
using taper::step_phase;

taper::plan_request sertraline_50() { return taper::testing::request("sertraline", 50.0_mg); }

TEST(StrategyLinear, SertralineInEqualSteps) {
    // The Maudsley contrast case: 50 -> 37.5 -> 25 -> 12.5 -> 0 mg, 12.5 mg per step.
    const auto s = taper::make_plan(taper::database::embedded(), sertraline_50(),
                                    taper::strategies::linear{12.5_mg});
    ASSERT_EQ(s.steps.size(), 4u);
    const double expected[] = {37.5, 25.0, 12.5, 0.0};
    for (std::size_t i = 0; i < 4; ++i) {
        EXPECT_DOUBLE_EQ(s.steps[i].equivalent_daily_dose.value(), expected[i]) << "step " << i + 1;
        EXPECT_DOUBLE_EQ(s.steps[i].change.value(), 12.5) << "step " << i + 1;
    }
    EXPECT_EQ(s.steps[0].phase, step_phase::reduce);
    EXPECT_EQ(s.steps[3].phase, step_phase::stop);
    EXPECT_EQ(s.strategy, "linear");
    // 28-day steps from 2026-12-01: 12-29, 2027-01-26, 2027-02-23.
    EXPECT_EQ(taper::format_date(s.steps[1].start), "2026-12-29");
    EXPECT_EQ(taper::format_date(s.steps[2].start), "2027-01-26");
    EXPECT_EQ(taper::format_date(s.steps[3].start), "2027-02-23");
}

TEST(StrategyLinear, LastStepRemovesTheMostOccupancy) {
    // Sertraline SERT model (Sorensen 2022): Emax 92.01 %, ED50 7.72 mg. occ = 92.01·D/(7.72 + D):
    //   50 mg: 4600.5/57.72 = 79.7037;  37.5: 3450.375/45.22 = 76.3020;
    //   25: 2300.25/32.72 = 70.3010;    12.5: 1150.125/20.22 = 56.8806;  0: 0.
    // Changes: 3.4018, 6.0009, 13.4205, 56.8806 points: equal mg, ever larger effect.
    const auto s = taper::make_plan(taper::database::embedded(), sertraline_50(),
                                    taper::strategies::linear{12.5_mg});
    ASSERT_EQ(s.steps.size(), 4u);
    ASSERT_TRUE(s.start_occupancy_percent);
    EXPECT_NEAR(taper::in(*s.start_occupancy_percent, taper::units::points), 79.7037, 1e-3);
    const double occupancy[] = {76.3020, 70.3010, 56.8806, 0.0};
    const double change[] = {3.4018, 6.0009, 13.4205, 56.8806};
    for (std::size_t i = 0; i < 4; ++i) {
        ASSERT_TRUE(s.steps[i].occupancy_percent);
        EXPECT_NEAR(taper::in(*s.steps[i].occupancy_percent, taper::units::points), occupancy[i], 1e-3) << "step " << i + 1;
        EXPECT_NEAR(taper::in(*s.steps[i].change_points, taper::units::points), change[i], 1e-3) << "step " << i + 1;
    }
}

TEST(StrategyLinear, InStepsDividesTheStartingDose) {
    // 50 mg in 4 steps: 12.5 mg each; in 3 steps: 16.666... mg each.
    EXPECT_DOUBLE_EQ(taper::strategies::linear::in_steps(50.0_mg, 4).amount_per_step.value(), 12.5);
    EXPECT_NEAR(taper::strategies::linear::in_steps(50.0_mg, 3).amount_per_step.value(), 16.6667, 1e-4);
    EXPECT_THROW((void)taper::strategies::linear::in_steps(50.0_mg, 0), taper::plan_error);
}

TEST(StrategyLinear, AStepLargerThanTheDoseStopsInOne) {
    // 50 mg with 60 mg steps: straight to 0.
    const auto s = taper::make_plan(taper::database::embedded(), sertraline_50(),
                                    taper::strategies::linear{60.0_mg});
    ASSERT_EQ(s.steps.size(), 1u);
    EXPECT_EQ(s.steps[0].phase, step_phase::stop);
    EXPECT_DOUBLE_EQ(s.steps[0].equivalent_daily_dose.value(), 0.0);
}

TEST(StrategyLinear, RejectsBadSettings) {
    const auto& db = taper::database::embedded();
    EXPECT_THROW(taper::make_plan(db, sertraline_50(), taper::strategies::linear{0.0_mg}), taper::strategy_error);
    EXPECT_THROW(taper::make_plan(db, sertraline_50(), taper::strategies::linear{-1.0_mg}), taper::strategy_error);
    try {
        taper::make_plan(db, sertraline_50(), taper::strategies::linear{0.0_mg});
        FAIL() << "expected strategy_error";
    } catch (const taper::strategy_error& e) {
        EXPECT_NE(std::string(e.what()).find("amount per step"), std::string::npos) << e.what();
    }
}

TEST(StrategyLinear, FromOptions) {
    taper::strategy_options o;
    o.set("amount", 2.5_mg);
    EXPECT_DOUBLE_EQ(taper::strategies::linear::from_options(o).amount_per_step.value(), 2.5);
    EXPECT_THROW((void)taper::strategies::linear::from_options({}), taper::strategy_error);  // amount needed
    o.set("points", 5.0_points);
    EXPECT_THROW((void)taper::strategies::linear::from_options(o), taper::strategy_error);
}

}  // namespace
