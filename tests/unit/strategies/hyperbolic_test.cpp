// The hyperbolic strategy against hand-computed values.
#include <taper/plan/plan.hpp>
#include <taper/units/literals.hpp>

#include "../plan_fixture.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

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

// What the strategy reads as "stop": its own floor, the request's final dose.
TEST(StrategyHyperbolic, AnOccupancyFloorEndsTheStepsAboveIt) {
    // Floor 50 %: 70.2172, 65.2172, 60.2172, 55.2172, 50.2172 % (5 steps); 45.2172 % would be
    // below the floor, so the planner stops from 2.33 · 50.2172 / 33.7628 = 3.4655 mg.
    st::hyperbolic h;
    h.occupancy_floor = 50;
    const auto s = taper::make_plan(taper::database::embedded(), citalopram_20(), h);
    ASSERT_EQ(s.steps.size(), 6u);
    EXPECT_NEAR(s.steps[3].equivalent_daily_dose.value(), 4.4730, 1e-4);
    EXPECT_NEAR(s.steps[4].equivalent_daily_dose.value(), 3.4655, 1e-4);
    EXPECT_NEAR(taper::in(*s.steps[4].occupancy_percent, taper::units::points), 50.2172, 1e-3);
    EXPECT_EQ(s.steps[5].phase, step_phase::stop);
}

TEST(StrategyHyperbolic, TheRequestsFinalDoseEndsTheSteps) {
    // 11.8876, 8.0988, 5.9044 mg; the next target, 4.4730 mg, is below the final 5 mg, which
    // the planner keeps instead; from 5 mg the strategy has nothing more, and the plan stops.
    auto r = citalopram_20();
    r.final_dose = 5.0_mg;
    const auto s = taper::make_plan(taper::database::embedded(), r, st::hyperbolic{.points = 5});
    ASSERT_EQ(s.steps.size(), 5u);
    EXPECT_NEAR(s.steps[2].equivalent_daily_dose.value(), 5.9044, 1e-4);
    EXPECT_DOUBLE_EQ(s.steps[3].equivalent_daily_dose.value(), 5.0);
    EXPECT_EQ(s.steps[4].phase, step_phase::stop);
}

TEST(StrategyHyperbolic, ATargetAtOrAboveTheStartingOccupancyIsRefused) {
    // occ(20 mg) = 75.2172 %: a target of 78 % (below Emax, so a valid level) cannot be reached
    // by lowering the dose, and is not silently skipped.
    st::hyperbolic h;
    h.occupancy_targets = {78, 70};
    try {
        taper::make_plan(taper::database::embedded(), citalopram_20(), h);
        FAIL() << "expected plan_error";
    } catch (const taper::plan_error& e) {
        EXPECT_EQ(e.detail().option, "occupancy_targets");
        EXPECT_EQ(e.detail().input, "78");
        EXPECT_NE(std::string(e.what()).find("75.22%"), std::string::npos) << e.what();
    }
    // A floor at or above the model's Emax (83.98 %) is refused once the model is known.
    st::hyperbolic high_floor;
    high_floor.occupancy_floor = 85;
    EXPECT_THROW(taper::make_plan(taper::database::embedded(), citalopram_20(), high_floor), taper::plan_error);
}

TEST(StrategyHyperbolic, EachSettingOutOfRangeNamesItsOption) {
    const auto option_of = [](const st::hyperbolic& h) {
        try {
            h.validate();
        } catch (const taper::strategy_error& e) {
            return e.option();
        }
        return std::string("valid");
    };
    const double nan = std::nan("");
    EXPECT_EQ(option_of(st::hyperbolic{.points = nan}), "points");
    EXPECT_EQ(option_of(st::hyperbolic{.points = -5}), "points");
    for (double bad : {-1.0, 100.0, nan}) {
        st::hyperbolic h;
        h.occupancy_targets = {bad};
        EXPECT_EQ(option_of(h), "occupancy_targets") << bad;
    }
    st::hyperbolic equal;
    equal.occupancy_targets = {50, 50};  // strictly decreasing
    EXPECT_EQ(option_of(equal), "occupancy_targets");
    // With explicit targets, points are not used, so any value of them is fine.
    st::hyperbolic targets_only;
    targets_only.points = 0;
    targets_only.occupancy_targets = {50, 0};
    EXPECT_EQ(option_of(targets_only), "valid");
    for (double bad : {-0.5, 100.0, nan}) {
        st::hyperbolic h;
        h.occupancy_floor = bad;
        EXPECT_EQ(option_of(h), "occupancy_floor") << bad;
    }
    for (double bad : {0.0, 1.0, 1.5, nan}) {
        st::hyperbolic h;
        h.final_fraction = bad;
        EXPECT_EQ(option_of(h), "final_fraction") << bad;
    }
    st::hyperbolic edges;
    edges.occupancy_floor = 0;
    edges.final_fraction = 0.5;
    EXPECT_EQ(option_of(edges), "valid");
}

TEST(StrategyHyperbolic, TargetsAndFinalFractionFromOptions) {
    taper::strategy_options o;
    o.set("occupancy_targets", std::vector<taper::occupancy_points>{60.0_points, 40.0_points});
    o.set("final_fraction", taper::percent(25.0_pct));
    const auto h = st::hyperbolic::from_options(o);
    EXPECT_EQ(h.occupancy_targets, (std::vector<double>{60, 40}));
    ASSERT_TRUE(h.final_fraction.has_value());
    EXPECT_DOUBLE_EQ(*h.final_fraction, 0.25);
    EXPECT_FALSE(h.occupancy_floor.has_value());
    // Targets that rise are refused through the options too.
    o.set("occupancy_targets", std::vector<taper::occupancy_points>{40.0_points, 60.0_points});
    EXPECT_THROW((void)st::hyperbolic::from_options(o), taper::strategy_error);
}

}  // namespace
