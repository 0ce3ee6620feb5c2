// The tapering strip against hand-computed values.
#include <algorithm>
#include <taper/plan/plan.hpp>
#include <taper/units/literals.hpp>

#include "../plan_fixture.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace {

using namespace taper::literals;
using taper::step_phase;
namespace st = taper::strategies;

using taper::testing::has;

taper::plan_request citalopram_20() { return taper::testing::request("citalopram", 20.0_mg); }

// Citalopram: Emax 83.98 %, ED50 2.33 mg; occ(20 mg) = 75.2172 %. Hyperbolic curve, 5 points
// per 28-day roll: 5/28 = 0.178571 points a day.
//   day 1:  75.2172 − 0.178571 = 75.0386 %  -> 2.33 · 75.0386 / 8.9414 = 19.5540 mg
//   day 2:  74.8600 %                       -> 2.33 · 74.8600 / 9.1200 = 19.1255 mg
//   day 28 (end of roll 1): 70.2172 %       -> 11.8876 mg (the hyperbolic strategy's first step)
//   day 56 (end of roll 2): 65.2172 %       -> 8.0988 mg
//   day 392 (end of roll 14): 5.2172 %      -> 0.15434 mg; a 15th roll would end below the
//   floor of 5 points, so the strip ends there and the planner adds the stop step.
TEST(StrategyTaperingStrip, HyperbolicDayByDay) {
    const auto s = taper::make_plan(taper::database::embedded(), citalopram_20(), st::tapering_strip{});
    ASSERT_EQ(s.steps.size(), 14u * 28u + 1u);
    EXPECT_NEAR(s.steps[0].equivalent_daily_dose.value(), 19.5540, 1e-4);
    EXPECT_NEAR(s.steps[1].equivalent_daily_dose.value(), 19.1255, 1e-4);
    EXPECT_NEAR(s.steps[27].equivalent_daily_dose.value(), 11.8876, 1e-4);
    EXPECT_NEAR(s.steps[55].equivalent_daily_dose.value(), 8.0988, 1e-4);
    EXPECT_NEAR(s.steps[391].equivalent_daily_dose.value(), 0.15434, 1e-5);
    double previous = 20.0;
    for (std::size_t i = 0; i < 392; ++i) {
        const auto& day = s.steps[i];
        EXPECT_DOUBLE_EQ(day.length.value(), 1.0) << "day " << i + 1;
        EXPECT_LE(day.equivalent_daily_dose.value(), previous) << "day " << i + 1;
        previous = day.equivalent_daily_dose.value();
        ASSERT_TRUE(day.change_points);
        EXPECT_NEAR(taper::in(*day.change_points, taper::units::points), 5.0 / 28.0, 1e-9) << "day " << i + 1;
        EXPECT_TRUE(std::none_of(day.messages.begin(), day.messages.end(),
                                 [](const taper::message& m) { return m.level == taper::severity::warning; }))
            << "day " << i + 1;
    }
    // Every roll end is on the curve: 75.2172 − 5k %.
    for (std::size_t k = 1; k <= 14; ++k)
        EXPECT_NEAR(taper::in(*s.steps[28 * k - 1].occupancy_percent, taper::units::points), 75.2172 - 5.0 * static_cast<double>(k), 1e-3)
            << "end of roll " << k;
    EXPECT_EQ(s.steps[28].messages.at(0), taper::make_message(taper::message_code::strip_day, {taper::parameter::count(2), taper::parameter::count(1),
                                                                         taper::parameter::count(28)}));
    EXPECT_EQ(s.steps[28].progress, 29);
    EXPECT_EQ(s.steps.back().phase, step_phase::stop);
    // 392 pouch-days from 2026-12-01: the stop step starts on 2027-12-28.
    EXPECT_EQ(taper::format_date(s.steps.back().start), "2027-12-28");
}

TEST(StrategyTaperingStrip, ProportionalDayByDay) {
    // 10% of each roll's start, geometric by day: 20 · 0.9^(d/28).
    //   day 1: 20 · 0.9^(1/28) = 19.92488; day 14: 20 · √0.9 = 18.97367; day 28: 18; day 56: 16.2.
    // Like the proportional strategy it ends with the first roll at or below 20/40 = 0.5 mg:
    // 20 · 0.9^36 = 0.45057, so 36 rolls (1008 days), then the stop step.
    st::tapering_strip strip;
    strip.curve = st::strip_curve::proportional;
    const auto s = taper::make_plan(taper::database::embedded(), citalopram_20(), strip);
    ASSERT_EQ(s.steps.size(), 36u * 28u + 1u);
    EXPECT_NEAR(s.steps[0].equivalent_daily_dose.value(), 19.92488, 1e-5);
    EXPECT_NEAR(s.steps[13].equivalent_daily_dose.value(), 18.97367, 1e-5);
    EXPECT_NEAR(s.steps[27].equivalent_daily_dose.value(), 18.0, 1e-9);
    EXPECT_NEAR(s.steps[55].equivalent_daily_dose.value(), 16.2, 1e-9);
    EXPECT_NEAR(s.steps[1007].equivalent_daily_dose.value(), 0.45057, 1e-5);
    for (std::size_t i = 1; i < 1008; ++i) {
        EXPECT_LT(s.steps[i].equivalent_daily_dose.value(), s.steps[i - 1].equivalent_daily_dose.value()) << "day " << i + 1;
        // The same share every day: 1 − 0.9^(1/28) = 0.375580 %.
        EXPECT_NEAR(taper::in(s.steps[i].change_percent, taper::units::percent_of_dose), 0.375580, 1e-5) << "day " << i + 1;
    }
    EXPECT_EQ(s.steps.back().phase, step_phase::stop);
}

TEST(StrategyTaperingStrip, ShorterRolls) {
    // 14-day rolls, 5 points: the end of roll 1 (day 14) is at 70.2172 %: 11.8876 mg.
    st::tapering_strip strip;
    strip.roll_length = 14.0_d;
    const auto s = taper::make_plan(taper::database::embedded(), citalopram_20(), strip);
    ASSERT_EQ(s.steps.size(), 14u * 14u + 1u);
    EXPECT_NEAR(s.steps[13].equivalent_daily_dose.value(), 11.8876, 1e-4);
    EXPECT_EQ(s.steps[14].messages.at(0), taper::make_message(taper::message_code::strip_day, {taper::parameter::count(2), taper::parameter::count(1),
                                                                         taper::parameter::count(14)}));
}

TEST(StrategyTaperingStrip, HoldsDoNotShiftTheRolls) {
    // A 7-day hold after day 10: roll 1 still ends on its 28th pouch-day (now step 29) at 11.8876 mg.
    auto r = citalopram_20();
    r.holds = {{10, 7.0_d}};
    const auto s = taper::make_plan(taper::database::embedded(), r, st::tapering_strip{});
    ASSERT_EQ(s.steps.size(), 14u * 28u + 2u);
    EXPECT_EQ(s.steps[10].phase, step_phase::hold);
    EXPECT_DOUBLE_EQ(s.steps[10].length.value(), 7.0);
    EXPECT_NEAR(s.steps[28].equivalent_daily_dose.value(), 11.8876, 1e-4);
    EXPECT_EQ(s.steps[28].messages.at(0), taper::make_message(taper::message_code::strip_day, {taper::parameter::count(1), taper::parameter::count(28),
                                                                         taper::parameter::count(28)}));
    // The hold keeps its step's day: the strip's own count does not see it.
    EXPECT_EQ(s.steps[10].progress, s.steps[9].progress);
}

TEST(StrategyTaperingStrip, HyperbolicNeedsAModel) {
    taper::plan_request r;
    r.drug = "mirtazapine";
    r.daily_dose = 30.0_mg;
    try {
        taper::make_plan(taper::database::embedded(), r, st::tapering_strip{});
        FAIL() << "expected plan_error";
    } catch (const taper::plan_error& e) {
        EXPECT_TRUE(has(e.what(), "proportional curve")) << e.what();
    }
    st::tapering_strip strip;
    strip.curve = st::strip_curve::proportional;
    const auto s = taper::make_plan(taper::database::embedded(), r, strip);
    EXPECT_NEAR(s.steps[27].equivalent_daily_dose.value(), 27.0, 1e-9);  // 30 · 0.9
}

TEST(StrategyTaperingStrip, RejectsBadSettings) {
    const auto& db = taper::database::embedded();
    const auto r = citalopram_20();
    st::tapering_strip strip;
    strip.roll_length = 2.5_d;
    EXPECT_THROW(taper::make_plan(db, r, strip), taper::strategy_error);
    strip.roll_length = 1.0_d;
    EXPECT_THROW(taper::make_plan(db, r, strip), taper::strategy_error);
    strip = {};
    strip.points = 0;
    EXPECT_THROW(taper::make_plan(db, r, strip), taper::strategy_error);
    strip = {};
    strip.curve = st::strip_curve::proportional;
    strip.percent = 100;
    EXPECT_THROW(taper::make_plan(db, r, strip), taper::strategy_error);
    strip = {};
    strip.occupancy_floor = 90;  // above citalopram's Emax of 83.98 %
    EXPECT_THROW(taper::make_plan(db, r, strip), taper::plan_error);
}

TEST(StrategyTaperingStrip, FromOptions) {
    taper::strategy_options o;
    o.set("curve", std::string("proportional"));
    o.set("percent", taper::percent(5.0_pct));
    o.set("roll_length", 14.0_d);
    const auto p = st::tapering_strip::from_options(o);
    EXPECT_EQ(p.curve, st::strip_curve::proportional);
    EXPECT_DOUBLE_EQ(p.percent, 5.0);
    EXPECT_DOUBLE_EQ(p.roll_length.value(), 14.0);
    o.set("points", 5.0_points);  // points belong to the hyperbolic curve
    EXPECT_THROW((void)st::tapering_strip::from_options(o), taper::strategy_error);
    taper::strategy_options h;
    h.set("points", 10.0_points);
    EXPECT_EQ(st::tapering_strip::from_options(h).curve, st::strip_curve::hyperbolic);
    h.set("percent", taper::percent(10.0_pct));  // percent belongs to the proportional curve
    EXPECT_THROW((void)st::tapering_strip::from_options(h), taper::strategy_error);
    taper::strategy_options bogus;
    bogus.set("curve", std::string("linear"));
    EXPECT_THROW((void)st::tapering_strip::from_options(bogus), taper::strategy_error);
}

TEST(StrategyTaperingStrip, AFloorOrAFinalFractionEndsTheStripAtARollsStart) {
    // Floor 60 %: rolls end at 70.2172, 65.2172 and 60.2172 %; a fourth would end at 55.2172 %,
    // below the floor, so the strip stops after 3 rolls (84 days) at 5.9044 mg.
    st::tapering_strip floor;
    floor.occupancy_floor = 60;
    const auto f = taper::make_plan(taper::database::embedded(), citalopram_20(), floor);
    ASSERT_EQ(f.steps.size(), 3u * 28u + 1u);
    EXPECT_NEAR(f.steps[83].equivalent_daily_dose.value(), 5.9044, 1e-4);
    EXPECT_EQ(f.steps.back().phase, step_phase::stop);
    // Final fraction 1/2 (10 mg): roll 1 ends at 11.8876 mg, above it; roll 2 at 8.0988 mg, at
    // or below it: the strip stops when roll 3 would start, after 56 days.
    st::tapering_strip half;
    half.final_fraction = 0.5;
    const auto h = taper::make_plan(taper::database::embedded(), citalopram_20(), half);
    ASSERT_EQ(h.steps.size(), 2u * 28u + 1u);
    EXPECT_NEAR(h.steps[55].equivalent_daily_dose.value(), 8.0988, 1e-4);
    EXPECT_EQ(h.steps.back().phase, step_phase::stop);
}

TEST(StrategyTaperingStrip, TheRequestsFinalDoseEndsTheStripOnAnyDay) {
    // Proportional, 10% a roll: 20 · 0.9^(d/28) mg on day d. Day 76: 15.0256 mg; day 77:
    // 14.9691 mg, below the final 15 mg, which the planner keeps instead; then the stop.
    auto r = citalopram_20();
    r.final_dose = 15.0_mg;
    st::tapering_strip strip;
    strip.curve = st::strip_curve::proportional;
    const auto s = taper::make_plan(taper::database::embedded(), r, strip);
    ASSERT_EQ(s.steps.size(), 78u);
    EXPECT_NEAR(s.steps[75].equivalent_daily_dose.value(), 15.0256, 1e-4);
    EXPECT_DOUBLE_EQ(s.steps[76].equivalent_daily_dose.value(), 15.0);
    EXPECT_EQ(s.steps[77].phase, step_phase::stop);
}

TEST(StrategyTaperingStrip, EachSettingOutOfRangeNamesItsOption) {
    const auto option_of = [](const st::tapering_strip& s) {
        try {
            s.validate();
        } catch (const taper::strategy_error& e) {
            return e.option();
        }
        return std::string("valid");
    };
    const double nan = std::nan("");
    st::tapering_strip s;
    s.points = nan;
    EXPECT_EQ(option_of(s), "points");
    s = {};
    s.curve = st::strip_curve::proportional;
    s.percent = nan;
    EXPECT_EQ(option_of(s), "percent");
    s.percent = 0;
    EXPECT_EQ(option_of(s), "percent");
    // The other curve's size is not checked: points are unused by the proportional curve.
    s.percent = 10;
    s.points = -1;
    EXPECT_EQ(option_of(s), "valid");
    for (double days : {366.0, 0.0, nan}) {
        s = {};
        s.roll_length = days * taper::units::day;
        EXPECT_EQ(option_of(s), "roll_length") << days;
    }
    s = {};
    s.roll_length = 365.0_d;  // a whole year's roll is the longest
    EXPECT_EQ(option_of(s), "valid");
    // A floor applies to the hyperbolic curve only, and is a percentage of 0 or more.
    s = {};
    s.curve = st::strip_curve::proportional;
    s.occupancy_floor = 10;
    EXPECT_EQ(option_of(s), "occupancy_floor");
    for (double bad : {-1.0, nan}) {
        s = {};
        s.occupancy_floor = bad;
        EXPECT_EQ(option_of(s), "occupancy_floor") << bad;
    }
    for (double bad : {0.0, 1.0, -0.5, nan}) {
        s = {};
        s.final_fraction = bad;
        EXPECT_EQ(option_of(s), "final_fraction") << bad;
    }
}

TEST(StrategyTaperingStrip, FloorAndFinalFractionFromOptions) {
    taper::strategy_options o;
    o.set("occupancy_floor", 20.0_points);
    o.set("final_fraction", taper::percent(10.0_pct));
    const auto s = st::tapering_strip::from_options(o);
    EXPECT_EQ(s.curve, st::strip_curve::hyperbolic);
    ASSERT_TRUE(s.occupancy_floor.has_value());
    EXPECT_DOUBLE_EQ(*s.occupancy_floor, 20.0);
    ASSERT_TRUE(s.final_fraction.has_value());
    EXPECT_DOUBLE_EQ(*s.final_fraction, 0.1);
    EXPECT_DOUBLE_EQ(s.roll_length.value(), 28.0);  // the default roll
    // The floor belongs to the hyperbolic curve: named with the proportional one, it is refused.
    o.set("curve", std::string("proportional"));
    try {
        (void)st::tapering_strip::from_options(o);
        FAIL() << "expected strategy_error";
    } catch (const taper::strategy_error& e) {
        EXPECT_EQ(e.option(), "occupancy_floor");
    }
}

}  // namespace
