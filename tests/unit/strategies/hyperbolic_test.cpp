// The hyperbolic strategy against hand-computed values.
#include <taper/plan/plan.hpp>
#include <taper/units/literals.hpp>

#include "../plan_fixture.hpp"

#include <gtest/gtest.h>

namespace {

using namespace taper::literals;
using taper::step_phase;
namespace st = taper::strategies;

taper::plan_request citalopram_20() { return taper::testing::request("citalopram", 20.0_mg); }

// Citalopram's default model (Sorensen 2022, striatum): Emax 83.98 %, ED50 2.33 mg.
// occ(20) = 83.98 · 20 / 22.33 = 75.2172 %.

TEST(StrategyHyperbolic, CitalopramFivePointSteps) {
    // Targets 70.2172, 65.2172, ..., 5.2172 % (14 of them); 5.2172 is more than one step above
    // zero, so what is left is cut in two halves: 2.6086 %, then the stop (docs/safety.md,
    // the stop is no larger than a step). D = 2.33 · occ / (83.98 − occ):
    //   70.2172: 163.6061 / 13.7628 = 11.8876 mg     65.2172: 151.9561 / 18.7628 = 8.0988 mg
    //   60.2172: 140.3061 / 23.7628 =  5.9044 mg     55.2172: 128.6561 / 28.7628 = 4.4730 mg
    //   25.2172:  58.7561 / 58.7628 =  0.99989 mg     5.2172:  12.1561 / 78.7628 = 0.15434 mg
    //    2.6086:   6.0780 / 81.3714 =  0.074695 mg
    const auto s = taper::make_plan(taper::database::embedded(), citalopram_20(), st::hyperbolic{.points = 5});
    ASSERT_EQ(s.steps.size(), 16u);
    EXPECT_NEAR(s.steps[0].equivalent_daily_dose.value(), 11.8876, 1e-4);
    EXPECT_NEAR(s.steps[1].equivalent_daily_dose.value(), 8.0988, 1e-4);
    EXPECT_NEAR(s.steps[2].equivalent_daily_dose.value(), 5.9044, 1e-4);
    EXPECT_NEAR(s.steps[3].equivalent_daily_dose.value(), 4.4730, 1e-4);
    EXPECT_NEAR(s.steps[9].equivalent_daily_dose.value(), 0.99989, 1e-5);
    EXPECT_NEAR(s.steps[13].equivalent_daily_dose.value(), 0.15434, 1e-5);
    for (std::size_t i = 0; i < 14; ++i) {
        EXPECT_EQ(s.steps[i].phase, step_phase::reduce) << "step " << i + 1;
        ASSERT_TRUE(s.steps[i].change_points);
        EXPECT_NEAR(taper::in(*s.steps[i].change_points, taper::units::points), 5.0, 0.1) << "step " << i + 1;
        EXPECT_NEAR(taper::in(*s.steps[i].occupancy_percent, taper::units::points), 75.2172 - 5.0 * static_cast<double>(i + 1), 1e-3);
    }
    EXPECT_EQ(s.steps[14].phase, step_phase::reduce);
    EXPECT_NEAR(s.steps[14].equivalent_daily_dose.value(), 0.074695, 1e-6);
    EXPECT_NEAR(taper::in(*s.steps[14].change_points, taper::units::points), 2.6086, 1e-4);
    EXPECT_EQ(s.steps[15].phase, step_phase::stop);
    EXPECT_NEAR(taper::in(*s.steps[15].change_points, taper::units::points), 2.6086, 1e-4);
    EXPECT_EQ(s.occupancy_model, "sert-striatum-sorensen2022");
}

TEST(StrategyHyperbolic, CitalopramTenPointSteps) {
    // 65.2172 -> 8.0988 mg, 55.2172 -> 4.4730, 45.2172 -> 2.7180, 35.2172 -> 1.6828,
    // 25.2172 -> 0.99989, 15.2172 -> 0.51563. The 15.2172 left is more than one step: two
    // halves, 7.6086 % -> 2.33 · 7.6086 / 76.3714 = 0.23213 mg, then the stop (7.6 points, not
    // the 15.2 of a stop straight from 15.2172 %: issue 10).
    const auto s = taper::make_plan(taper::database::embedded(), citalopram_20(), st::hyperbolic{.points = 10});
    ASSERT_EQ(s.steps.size(), 8u);
    const double expected[] = {8.0988, 4.4730, 2.7180, 1.6828, 0.99989, 0.51563};
    for (std::size_t i = 0; i < 6; ++i) {
        EXPECT_NEAR(s.steps[i].equivalent_daily_dose.value(), expected[i], 1e-4) << "step " << i + 1;
        EXPECT_NEAR(taper::in(*s.steps[i].change_points, taper::units::points), 10.0, 0.1) << "step " << i + 1;
    }
    EXPECT_NEAR(s.steps[6].equivalent_daily_dose.value(), 0.23213, 1e-5);
    EXPECT_NEAR(taper::in(*s.steps[6].change_points, taper::units::points), 7.6086, 1e-4);
    EXPECT_EQ(s.steps[7].phase, step_phase::stop);
    EXPECT_NEAR(taper::in(*s.steps[7].change_points, taper::units::points), 7.6086, 1e-4);
}

TEST(StrategyHyperbolic, ExplicitOccupancyTargets) {
    // 60 %: 2.33 · 60 / 23.98 = 5.8299 mg; 40 %: 93.2 / 43.98 = 2.1191 mg; 20 %: 46.6 / 63.98 = 0.72835 mg.
    st::hyperbolic h;
    h.occupancy_targets = {60, 40, 20};
    const auto s = taper::make_plan(taper::database::embedded(), citalopram_20(), h);
    ASSERT_EQ(s.steps.size(), 4u);
    EXPECT_NEAR(s.steps[0].equivalent_daily_dose.value(), 5.8299, 1e-4);
    EXPECT_NEAR(s.steps[1].equivalent_daily_dose.value(), 2.1191, 1e-4);
    EXPECT_NEAR(s.steps[2].equivalent_daily_dose.value(), 0.72835, 1e-5);
    EXPECT_EQ(s.steps[3].phase, step_phase::stop);
}

TEST(StrategyHyperbolic, FinalFractionStopsEarlier) {
    // final_fraction 0.1: stop once at or below 2 mg. 5-point doses: ... 2.7180 (> 2), 2.1412 (> 2),
    // 1.6828 (<= 2): 8 reductions, then stop.
    st::hyperbolic h;
    h.final_fraction = 0.1;
    const auto s = taper::make_plan(taper::database::embedded(), citalopram_20(), h);
    ASSERT_EQ(s.steps.size(), 9u);
    EXPECT_NEAR(s.steps[7].equivalent_daily_dose.value(), 1.6828, 1e-4);
    EXPECT_EQ(s.steps[8].phase, step_phase::stop);
}

TEST(StrategyHyperbolic, NeedsAnOccupancyModel) {
    auto r = citalopram_20();
    r.drug = "mirtazapine";
    r.daily_dose = 30.0_mg;
    try {
        taper::make_plan(taper::database::embedded(), r, st::hyperbolic{});
        FAIL() << "expected plan_error";
    } catch (const taper::plan_error& e) {
        EXPECT_NE(std::string(e.what()).find("proportional"), std::string::npos) << e.what();
    }
}

TEST(StrategyHyperbolic, RejectsBadSettings) {
    const auto& db = taper::database::embedded();
    // Settings are the strategy's own: strategy_error, as by name.
    EXPECT_THROW(taper::make_plan(db, citalopram_20(), st::hyperbolic{.points = 0}), taper::strategy_error);
    EXPECT_THROW(taper::make_plan(db, citalopram_20(), st::hyperbolic{.points = 100}), taper::strategy_error);
    st::hyperbolic rising;
    rising.occupancy_targets = {40, 60};
    EXPECT_THROW(taper::make_plan(db, citalopram_20(), rising), taper::strategy_error);
    // Beyond the drug's model: known only when planning, so a plan_error.
    st::hyperbolic above_emax;
    above_emax.occupancy_targets = {90};  // Emax is 83.98 %
    EXPECT_THROW(taper::make_plan(db, citalopram_20(), above_emax), taper::plan_error);
}

TEST(StrategyHyperbolic, FromOptions) {
    taper::strategy_options o;
    o.set("points", 10.0_points);
    o.set("occupancy_floor", 20.0_points);
    const auto h = st::hyperbolic::from_options(o);
    EXPECT_DOUBLE_EQ(h.points, 10.0);
    EXPECT_DOUBLE_EQ(*h.occupancy_floor, 20.0);
    o.set("occupancy_targets", std::vector<taper::occupancy_points>{50.0_points});  // points and targets together: ambiguous
    EXPECT_THROW((void)st::hyperbolic::from_options(o), taper::strategy_error);
    taper::strategy_options amount;
    amount.set("amount", 1.0_mg);
    EXPECT_THROW((void)st::hyperbolic::from_options(amount), taper::strategy_error);
}

}  // namespace
