// The table strategy: the person's own doses come back as steps; bad tables are refused.
#include <taper/plan/plan.hpp>
#include <taper/units/literals.hpp>
#include <taper/units/from_value.hpp>

#include "../plan_fixture.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace {

using namespace taper::literals;
using taper::step_phase;
using taper::table_row;
namespace st = taper::strategies;

using taper::testing::has;

taper::plan_request citalopram_20() { return taper::testing::request("citalopram", 20.0_mg); }

std::string plan_error_text(const taper::plan_request& r, const st::table& t) {
    try {
        taper::make_plan(taper::database::embedded(), r, t);
    } catch (const taper::plan_error& e) {  // against the request
        return e.what();
    } catch (const taper::strategy_error& e) {  // the rows on their own
        return e.what();
    }
    return "(no error)";
}

TEST(StrategyTable, RowsComeBackAsSteps) {
    // 20 mg for 14 days (the current dose: a hold), 15 mg (28 days, the request's interval),
    // 15 mg again for 7 days (a hold), 10, 5, 0.
    const st::table t{{{20.0_mg, 14.0_d}, {15.0_mg, {}}, {15.0_mg, 7.0_d}, {10.0_mg, {}}, {5.0_mg, {}}, {0.0_mg, {}}}};
    const auto s = taper::make_plan(taper::database::embedded(), citalopram_20(), t);
    ASSERT_EQ(s.steps.size(), 6u);
    const double dose[] = {20, 15, 15, 10, 5, 0};
    const double length[] = {14, 28, 7, 28, 28, 28};
    const step_phase phase[] = {step_phase::hold,   step_phase::reduce, step_phase::hold,
                                step_phase::reduce, step_phase::reduce, step_phase::stop};
    for (std::size_t i = 0; i < 6; ++i) {
        EXPECT_DOUBLE_EQ(s.steps[i].equivalent_daily_dose.value(), dose[i]) << "step " << i + 1;
        EXPECT_DOUBLE_EQ(s.steps[i].length.value(), length[i]) << "step " << i + 1;
        EXPECT_EQ(s.steps[i].phase, phase[i]) << "step " << i + 1;
    }
    // 20 -> 15 is 5 mg, 25 %; 10 -> 5 is 50 %.
    EXPECT_DOUBLE_EQ(s.steps[1].change.value(), 5.0);
    EXPECT_DOUBLE_EQ(taper::in(s.steps[1].change_percent, taper::units::percent_of_dose), 25.0);
    EXPECT_DOUBLE_EQ(taper::in(s.steps[4].change_percent, taper::units::percent_of_dose), 50.0);
    // 14 + 28 + 7 + 28 + 28 = 105 days from 2026-12-01 (30 to Dec 31, 61 to Jan 31, 89 to
    // Feb 28, then 16 more): the stop step starts on 2027-03-16.
    EXPECT_EQ(taper::format_date(s.steps[5].start), "2027-03-16");
    EXPECT_EQ(s.steps[0].messages.at(0),
              taper::make_message(taper::message_code::table_row, {taper::parameter::count(1), taper::parameter::count(6)}));
    EXPECT_EQ(s.steps[5].progress, 6);
}

TEST(StrategyTable, ALastRowAboveZeroGetsTheStopStep) {
    const st::table t{{{15.0_mg, {}}, {10.0_mg, {}}, {5.0_mg, {}}}};
    const auto s = taper::make_plan(taper::database::embedded(), citalopram_20(), t);
    ASSERT_EQ(s.steps.size(), 4u);
    EXPECT_DOUBLE_EQ(s.steps[2].equivalent_daily_dose.value(), 5.0);
    EXPECT_EQ(s.steps[3].phase, step_phase::stop);
    EXPECT_DOUBLE_EQ(s.steps[3].equivalent_daily_dose.value(), 0.0);
}

TEST(StrategyTable, TheRequestsMaximumBreaksUpTheStop) {
    // 18, 16, then the stop from 16 mg with at most 5 mg per step: 11, 6, 1, 0.
    auto r = citalopram_20();
    r.max_step = 5.0_mg;
    const auto s = taper::make_plan(taper::database::embedded(), r, st::table{{{18.0_mg, {}}, {16.0_mg, {}}}});
    ASSERT_EQ(s.steps.size(), 6u);
    const double dose[] = {18, 16, 11, 6, 1, 0};
    for (std::size_t i = 0; i < 6; ++i) EXPECT_DOUBLE_EQ(s.steps[i].equivalent_daily_dose.value(), dose[i]);
    EXPECT_EQ(s.steps[5].phase, step_phase::stop);
}

TEST(StrategyTable, HoldsDoNotShiftTheRows) {
    // A 7-day hold after step 1: rows 2 and 3 still follow it.
    auto r = citalopram_20();
    r.holds = {{1, 7.0_d}};
    const auto s = taper::make_plan(taper::database::embedded(), r, st::table{{{15.0_mg, {}}, {10.0_mg, {}}, {0.0_mg, {}}}});
    ASSERT_EQ(s.steps.size(), 4u);
    const double dose[] = {15, 15, 10, 0};
    for (std::size_t i = 0; i < 4; ++i) EXPECT_DOUBLE_EQ(s.steps[i].equivalent_daily_dose.value(), dose[i]);
    EXPECT_EQ(s.steps[1].phase, step_phase::hold);
    EXPECT_DOUBLE_EQ(s.steps[1].length.value(), 7.0);
}

TEST(StrategyTable, RepeatedRowsStayHoldsWithASmallestChange) {
    // The smallest change worth making (1 mg) does not turn a repeated row into a 1 mg cut.
    auto r = citalopram_20();
    r.min_change = 1.0_mg;
    const auto s = taper::make_plan(taper::database::embedded(), r,
                                    st::table{{{20.0_mg, {}}, {15.0_mg, {}}, {15.0_mg, {}}, {0.0_mg, {}}}});
    ASSERT_EQ(s.steps.size(), 4u);
    EXPECT_EQ(s.steps[0].phase, step_phase::hold);
    EXPECT_DOUBLE_EQ(s.steps[0].equivalent_daily_dose.value(), 20.0);
    EXPECT_EQ(s.steps[2].phase, step_phase::hold);
    EXPECT_DOUBLE_EQ(s.steps[2].equivalent_daily_dose.value(), 15.0);
}

TEST(StrategyTable, EndsOnTheMaintenanceDose) {
    auto r = citalopram_20();
    r.maintenance = 5.0_mg;
    const auto s = taper::make_plan(taper::database::embedded(), r, st::table{{{15.0_mg, {}}, {10.0_mg, {}}, {5.0_mg, {}}}});
    ASSERT_EQ(s.steps.size(), 3u);
    EXPECT_EQ(s.steps[2].phase, step_phase::stop);
    EXPECT_DOUBLE_EQ(s.steps[2].equivalent_daily_dose.value(), 5.0);
    EXPECT_TRUE(has(plan_error_text(r, st::table{{{15.0_mg, {}}, {2.0_mg, {}}}}), "row 2"));
    EXPECT_TRUE(has(plan_error_text(r, st::table{{{15.0_mg, {}}, {5.0_mg, {}}, {5.0_mg, {}}}}), "row 2"));
}

TEST(StrategyTable, BadTablesAreRefusedNamingTheRow) {
    const auto r = citalopram_20();
    EXPECT_TRUE(has(plan_error_text(r, st::table{}), "no rows"));
    EXPECT_TRUE(has(plan_error_text(r, st::table{{{25.0_mg, {}}, {10.0_mg, {}}}}), "row 1"));
    EXPECT_TRUE(has(plan_error_text(r, st::table{{{25.0_mg, {}}, {10.0_mg, {}}}}), "starting daily dose"));
    const std::string rising = plan_error_text(r, st::table{{{15.0_mg, {}}, {10.0_mg, {}}, {12.0_mg, {}}}});
    EXPECT_TRUE(has(rising, "row 3")) << rising;
    EXPECT_TRUE(has(rising, "never raises")) << rising;
    EXPECT_TRUE(has(plan_error_text(r, st::table{{{15.0_mg, {}}, {-1.0_mg, {}}}}), "row 2"));
    EXPECT_TRUE(has(plan_error_text(r, st::table{{{15.0_mg, {}}, {taper::from_value<taper::mass>(std::nan("")), {}}}}),
                    "row 2"));
    EXPECT_TRUE(has(plan_error_text(r, st::table{{{15.0_mg, {}}, {0.0_mg, {}}, {0.0_mg, {}}}}), "last row"));
    EXPECT_TRUE(has(plan_error_text(r, st::table{{{15.0_mg, 0.0_d}}}), "row 1"));
    auto with_final = r;
    with_final.final_dose = 2.0_mg;
    EXPECT_TRUE(has(plan_error_text(with_final, st::table{{{15.0_mg, {}}, {1.0_mg, {}}, {0.0_mg, {}}}}), "row 2"));
    EXPECT_TRUE(has(plan_error_text(with_final, st::table{{{15.0_mg, {}}, {2.0_mg, {}}, {1.0_mg, {}}}}), "row"));
}

TEST(StrategyTable, FromOptions) {
    taper::strategy_options o;
    o.set("table", std::vector<taper::table_row>{{10.0_mg, 14.0_d}, {5.0_mg, {}}});
    const auto t = st::table::from_options(o);
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_DOUBLE_EQ(t.rows[0].daily_dose.value(), 10.0);
    EXPECT_THROW((void)st::table::from_options({}), taper::strategy_error);  // no rows
    o.set("points", 5.0_points);                                                            // points given to table
    EXPECT_THROW((void)st::table::from_options(o), taper::strategy_error);
    taper::strategy_options rising;
    rising.set("table", std::vector<taper::table_row>{{5.0_mg, {}}, {10.0_mg, {}}});
    EXPECT_THROW((void)st::table::from_options(rising), taper::strategy_error);
}

}  // namespace
