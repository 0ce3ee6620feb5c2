// The planner: request validation (typed errors naming the field and what was expected) and
// the limits it enforces, against numbers computed by hand in the comments.
#include <taper/io/json.hpp>
#include <taper/taper.hpp>
#include <taper/units/from_value.hpp>

#include "../plan_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace {

using namespace taper::literals;
namespace strategies = taper::strategies;

const taper::database& db() { return taper::database::embedded(); }

using taper::testing::request;

taper::schedule plan(const taper::plan_request& r, const taper::any_strategy& s) {
    return taper::make_plan(db(), r, s);
}

strategies::linear linear(taper::mass amount) { return strategies::linear{amount}; }

strategies::hyperbolic hyperbolic(double points) {
    strategies::hyperbolic h;
    h.points = points;
    return h;
}

/// Equivalent daily doses of every step, in mg.
std::vector<double> doses_of(const taper::schedule& s) {
    std::vector<double> out;
    for (const auto& st : s.steps) out.push_back(st.equivalent_daily_dose.value());
    return out;
}

using taper::testing::has_code;
using taper::testing::param;
using taper::testing::has_warning;
using mc = taper::message_code;

double mg_of_param(const taper::parameter& p) { return taper::in(p.as_mass(), taper::units::mg); }

const double nan = std::numeric_limits<double>::quiet_NaN();
const double inf = std::numeric_limits<double>::infinity();

/// No plan-wide message but the occupancy model's evidence status (which every plan with a
/// model states, issue 10) and the closing support pointer (which every plan ends with).
bool only_the_evidence_note(const std::vector<taper::message>& messages) {
    const auto rest = taper::testing::besides_closing(messages);
    return std::all_of(rest.begin(), rest.end(),
                       [](const taper::message& m) { return m.code == taper::message_code::occupancy_model_evidence; });
}

/// Runs `f`, expects exactly the error type E, and a message containing every part.
template <class E>
void expect_error(const std::function<void()>& f, std::initializer_list<std::string> parts) {
    try {
        f();
        ADD_FAILURE() << "expected an error, got none";
    } catch (const E& e) {
        const std::string what = e.what();
        for (const auto& p : parts) EXPECT_NE(what.find(p), std::string::npos) << "\"" << p << "\" not in: " << what;
    } catch (const std::exception& e) {
        ADD_FAILURE() << "wrong error type: " << e.what();
    }
}

template <class E = taper::plan_error>
void expect_plan_error(const taper::plan_request& r, const taper::any_strategy& s,
                       std::initializer_list<std::string> parts) {
    expect_error<E>([&] { (void)plan(r, s); }, parts);
}

const taper::any_strategy ten_percent = strategies::percent_of_most_recent_dose(10);

// --- bad requests ------------------------------------------------------------------------

TEST(PlannerValidation, DailyDoseMustBePositiveAndFinite) {
    for (double bad : {-5.0, 0.0}) {
        SCOPED_TRACE(bad);
        expect_plan_error(request("citalopram", taper::from_value<taper::mass>(bad)), ten_percent,
                          {"plan request: daily dose", "expected more than 0 mg"});
    }
    for (double bad : {nan, inf, -inf}) {
        SCOPED_TRACE(bad);
        expect_plan_error(request("citalopram", taper::from_value<taper::mass>(bad)), ten_percent,
                          {"plan request: daily dose", "finite number of mg"});
    }
}

TEST(PlannerValidation, IntervalMustBeAtLeastADay) {
    for (double bad : {0.0, -7.0, nan, inf}) {
        SCOPED_TRACE(bad);
        auto r = request("citalopram", 20_mg);
        r.interval = taper::from_value<taper::duration>(bad);
        expect_plan_error(r, ten_percent, {"plan request: interval", "at least one day"});
    }
    auto r = request("citalopram", 20_mg);
    r.phase_interval[taper::step_phase::stop] = 0_d;
    expect_plan_error(r, ten_percent, {"interval for stop steps", "at least one day"});
}

TEST(PlannerValidation, MaxStepPercentIsBetweenZeroAndHundred) {
    for (double bad : {0.0, -5.0, 100.0, 150.0, nan}) {
        SCOPED_TRACE(bad);
        auto r = request("citalopram", 20_mg);
        r.max_step_percent = bad * taper::units::percent_of_dose;
        expect_plan_error(r, ten_percent,
                          {"plan request: max step percent", "percentage of the most recent dose",
                           "between 0 and 100"});
    }
}

TEST(PlannerValidation, MaxStepInMgMustBePositive) {
    for (double bad : {0.0, -1.0, nan}) {
        SCOPED_TRACE(bad);
        auto r = request("citalopram", 20_mg);
        r.max_step = taper::from_value<taper::mass>(bad);
        expect_plan_error(r, ten_percent, {"plan request: max step", "more than 0 mg"});
    }
}

TEST(PlannerValidation, MaxStepPointsInRangeAndOnlyWithAModel) {
    for (double bad : {0.0, -1.0, 100.0, 250.0, nan}) {
        SCOPED_TRACE(bad);
        auto r = request("citalopram", 20_mg);
        r.max_step_points = bad * taper::units::points;
        expect_plan_error(r, ten_percent, {"plan request: max step points", "occupancy points", "between 0 and 100"});
    }
    for (const char* drug : {"alprazolam", "mirtazapine", "haloperidol"}) {
        SCOPED_TRACE(drug);
        auto r = request(drug, 1_mg);
        r.max_step_points = 5_points;
        expect_plan_error(r, ten_percent,
                          {"plan request: max step points", "no receptor occupancy model", "in mg or %"});
    }
}

TEST(PlannerValidation, PlausibleDailyLimitFromTheData) {
    // 3 × the licensed maximum where the data has one (issue 10), when below the structural
    // bounds: citalopram 3 × 40 = 120 mg (UK SmPC; 100 × ED50 would be 233 mg); sertraline
    // 3 × 200 = 600 mg (772 mg by the model); mirtazapine 3 × 45 = 135 mg (no model: 10 g).
    EXPECT_NEAR(taper::plausible_daily_limit(db().get("citalopram")).value(), 120.0, 1e-9);
    EXPECT_NEAR(taper::plausible_daily_limit(db().get("sertraline")).value(), 600.0, 1e-9);
    // 100 × ED50 of the default model where there is no licensed maximum: escitalopram.
    const auto* escitalopram = db().get("escitalopram").usable_occupancy();
    ASSERT_NE(escitalopram, nullptr);
    EXPECT_NEAR(taper::plausible_daily_limit(db().get("escitalopram")).value(), 100 * escitalopram->ed50->value(), 1e-9);
    // No model: 500 mg diazepam-equivalent. Alprazolam 0.5 mg ≈ 10 mg diazepam → 25 mg;
    // loprazolam's range 1–2 mg takes the high end → 100 mg.
    EXPECT_NEAR(taper::plausible_daily_limit(db().get("alprazolam")).value(), 25.0, 1e-9);
    EXPECT_NEAR(taper::plausible_daily_limit(db().get("loprazolam")).value(), 100.0, 1e-9);
    EXPECT_NEAR(taper::plausible_daily_limit(db().get("diazepam")).value(), 500.0, 1e-9);
    // Neither a model nor a licensed maximum (zaleplon's equivalent is unknown): 10 g.
    EXPECT_NEAR(taper::plausible_daily_limit(db().get("mirtazapine")).value(), 135.0, 1e-9);
    EXPECT_NEAR(taper::plausible_daily_limit(db().get("zaleplon")).value(), 10000.0, 1e-9);
}

TEST(PlannerValidation, DoseFarBeyondAnyPlausibleRange) {
    // Citalopram has a licensed maximum (40 mg): more than 3 times it is refused as a slip.
    expect_plan_error(request("citalopram", 20000_mg), ten_percent,
                      {"plan request: daily dose", "20000 mg", "3 times the licensed maximum", "40 mg", "mg, not mcg"});
    EXPECT_NO_THROW((void)plan(request("citalopram", 120_mg), ten_percent));  // the limit itself is allowed
    // Without a licensed maximum in the data, the structural bound (escitalopram: 100 × ED50).
    const double escitalopram_limit = taper::plausible_daily_limit(db().get("escitalopram")).value();
    expect_plan_error(request("escitalopram", taper::from_value<taper::mass>(escitalopram_limit * 2)), ten_percent,
                      {"plan request: daily dose", "plausible", "mg, not mcg"});
    expect_plan_error(request("alprazolam", 500_mg), ten_percent, {"plan request: daily dose", "25 mg"});
}

TEST(PlannerValidation, SplitMustAddUpAndNameEachTimeOnce) {
    auto r = request("clonazepam", 3_mg);
    r.split = {{"morning", 1_mg}, {"night", 1_mg}};
    expect_plan_error(r, ten_percent, {"plan request: split", "add up to 2 mg", "daily dose of 3 mg"});

    r.split = {{"night", 1.5_mg}, {"night", 1.5_mg}};
    expect_plan_error(r, ten_percent, {"plan request: split", "\"night\" appears twice"});

    r.split = {{"morning", 3_mg}, {"night", 0_mg}};
    expect_plan_error(r, ten_percent, {"plan request: split", "night dose must be more than 0 mg"});

    r.split = {{"", 3_mg}};
    expect_plan_error(r, ten_percent, {"plan request: split", "needs a name"});
}

TEST(PlannerValidation, FinalDoseBelowTheDailyDose) {
    for (double bad : {20.0, 25.0}) {
        auto r = request("citalopram", 20_mg);
        r.final_dose = taper::from_value<taper::mass>(bad);
        expect_plan_error(r, ten_percent, {"plan request: final dose", "not below the daily dose of 20 mg"});
    }
    auto r = request("citalopram", 20_mg);
    r.final_dose = 0_mg;
    expect_plan_error(r, ten_percent, {"plan request: final dose", "more than 0 mg"});
    r.final_dose = 2_mg;
    r.maintenance = 5_mg;
    expect_plan_error(r, ten_percent, {"plan request: final dose", "maintenance"});
}

TEST(PlannerValidation, MaintenanceBelowTheDailyDose) {
    auto r = request("citalopram", 20_mg);
    r.maintenance = 20_mg;
    expect_plan_error(r, ten_percent, {"plan request: maintenance", "not below the daily dose of 20 mg"});
    r.maintenance = -1_mg;
    expect_plan_error(r, ten_percent, {"plan request: maintenance", "0 mg or more"});
}

TEST(PlannerValidation, MinChangeNotAboveMaxStep) {
    auto r = request("citalopram", 20_mg);
    r.max_step = 2_mg;
    r.min_change = 3_mg;
    expect_plan_error(r, ten_percent, {"plan request: min change", "(3 mg)", "largest allowed cut (2 mg)"});
    r.max_step.reset();
    r.min_change = -1_mg;
    expect_plan_error(r, ten_percent, {"plan request: min change", "0 mg or more"});
}

TEST(PlannerValidation, CountsAndHolds) {
    auto r = request("citalopram", 20_mg);
    r.max_steps = 0;
    expect_plan_error(r, ten_percent, {"plan request: max steps", "at least 1"});
    r.max_steps.reset();
    r.max_duration = 0_d;
    expect_plan_error(r, ten_percent, {"plan request: max duration", "at least one day"});
    r.max_duration.reset();
    r.holds = {{0, 14_d}};
    expect_plan_error(r, ten_percent, {"plan request: holds", "numbered from 1"});
    r.holds = {{2, 0_d}};
    expect_plan_error(r, ten_percent, {"hold after step 2", "at least one day"});
    r.holds = {{2, 14_d}, {2, 7_d}};
    expect_plan_error(r, ten_percent, {"plan request: holds", "step 2"});
}

TEST(PlannerValidation, UnknownDrugSuggestsTheNearestName) {
    expect_plan_error<taper::unknown_drug_error>(request("citaloprem", 20_mg), ten_percent,
                                                 {"citaloprem", "did you mean citalopram"});
    expect_plan_error(request("  ", 20_mg), ten_percent, {"plan request: drug", "name a drug"});
    // Brand names work.
    EXPECT_EQ(plan(request("Cipramil", 20_mg), ten_percent).drug, "citalopram");
}

TEST(PlannerValidation, OccupancyModelIdMustExistAndBeUsable) {
    auto r = request("citalopram", 20_mg);
    r.occupancy_model = "sert-nowhere";
    expect_plan_error(r, strategies::hyperbolic{}, {"plan request: occupancy model", "sert-nowhere",
                                                    "sert-striatum-sorensen2022"});
    // An id that exists but has no numbers (Horowitz & Taylor 2019's fit): missing data.
    r.occupancy_model = "sert-striatum-horowitz2019";
    expect_plan_error<taper::missing_data_error>(r, strategies::hyperbolic{}, {"sert-striatum-horowitz2019", "ED50"});
    // Another complete fit can be chosen explicitly.
    r.occupancy_model = "sert-caudate-sorensen2022";
    r.drug = "escitalopram";
    EXPECT_EQ(plan(r, strategies::hyperbolic{}).occupancy_model, "sert-caudate-sorensen2022");
}

TEST(PlannerValidation, HyperbolicWithoutAModelSuggestsProportional) {
    for (const char* drug : {"alprazolam", "mirtazapine", "quetiapine"}) {
        SCOPED_TRACE(drug);
        expect_plan_error(request(drug, 1_mg), strategies::hyperbolic{},
                          {"hyperbolic", drug, "occupancy model", "proportional"});
    }
}

TEST(PlannerValidation, UnknownCurrentFormulation) {
    auto r = request("paroxetine", 20_mg);
    r.current_formulation = "patch";
    expect_plan_error(r, ten_percent, {"plan request: current formulation", "\"patch\""});
}

TEST(PlannerValidation, StrategySettingsAreCheckedToo) {
    // Checked once, when the strategy becomes an any_strategy (as make_plan takes it): the
    // same check, and the same error type, as by name.
    expect_error<taper::strategy_error>([] { (void)plan(request("citalopram", 20_mg), linear(0_mg)); },
                                        {"linear strategy", "more than 0 mg"});
    expect_error<taper::strategy_error>(
        [] { (void)plan(request("citalopram", 20_mg), strategies::percent_of_most_recent_dose(100)); },
        {"proportional strategy", "between 0 and 100"});
}

// --- behaviour: plain plans ----------------------------------------------------------------

TEST(Planner, LinearSertralineStepsAndDates) {
    // 50 → 37.5 → 25 → 12.5 → 0, 28 days each from 2026-12-01.
    const auto s = plan(request("sertraline", 50_mg), linear(12.5_mg));
    EXPECT_EQ(doses_of(s), (std::vector<double>{37.5, 25, 12.5, 0}));
    const char* starts[] = {"2026-12-01", "2026-12-29", "2027-01-26", "2027-02-23"};
    for (std::size_t i = 0; i < s.steps.size(); ++i) {
        EXPECT_EQ(s.steps[i].number, static_cast<int>(i) + 1);
        EXPECT_EQ(taper::format_date(s.steps[i].start), starts[i]);
        EXPECT_DOUBLE_EQ(s.steps[i].length.value(), 28);
        EXPECT_DOUBLE_EQ(s.steps[i].change.value(), 12.5);
    }
    EXPECT_EQ(taper::format_date(s.end()), "2027-03-23");
    // Change in % of the previous dose: 12.5/50 = 25 %, 12.5/37.5 = 33.3 %, 50 %, 100 %.
    EXPECT_DOUBLE_EQ(taper::in(s.steps[0].change_percent, taper::units::percent_of_dose), 25.0);
    EXPECT_NEAR(taper::in(s.steps[1].change_percent, taper::units::percent_of_dose), 100.0 / 3.0, 1e-12);
    EXPECT_DOUBLE_EQ(taper::in(s.steps[2].change_percent, taper::units::percent_of_dose), 50.0);
    EXPECT_DOUBLE_EQ(taper::in(s.steps[3].change_percent, taper::units::percent_of_dose), 100.0);
    EXPECT_EQ(s.steps.back().phase, taper::step_phase::stop);
    // Sertraline (Emax 92.01 %, ED50 7.72 mg): occ(50) = 92.01·50/57.72 = 79.7037,
    // occ(37.5) = 76.3020, occ(12.5) = 56.8806; the last step removes all 56.88 points.
    ASSERT_TRUE(s.start_occupancy_percent);
    EXPECT_NEAR(taper::in(*s.start_occupancy_percent, taper::units::points), 79.7037, 1e-4);
    EXPECT_NEAR(taper::in(*s.steps[0].occupancy_percent, taper::units::points), 76.3020, 1e-4);
    EXPECT_NEAR(taper::in(*s.steps[0].change_points, taper::units::points), 79.7037 - 76.3020, 1e-4);
    EXPECT_NEAR(taper::in(*s.steps[3].change_points, taper::units::points), 56.8806, 1e-4);
    EXPECT_DOUBLE_EQ(taper::in(*s.steps[3].occupancy_percent, taper::units::points), 0.0);
}

TEST(Planner, DosesFollowTheStartingSplit) {
    // 1 mg morning + 2 mg night, 50 % steps: each step keeps the 1 : 2 proportion.
    auto r = request("clonazepam", 3_mg);
    r.split = {{"morning", 1_mg}, {"night", 2_mg}};
    r.final_dose = 0.75_mg;
    const auto s = plan(r, strategies::percent_of_most_recent_dose(50));
    EXPECT_EQ(doses_of(s), (std::vector<double>{1.5, 0.75, 0}));
    ASSERT_EQ(s.steps[0].doses.size(), 2U);
    EXPECT_EQ(s.steps[0].doses[0].time, "morning");
    EXPECT_DOUBLE_EQ(s.steps[0].doses[0].amount.value(), 0.5);
    EXPECT_EQ(s.steps[0].doses[1].time, "night");
    EXPECT_DOUBLE_EQ(s.steps[0].doses[1].amount.value(), 1.0);
    EXPECT_DOUBLE_EQ(s.steps[0].daily_dose.value(), 1.5);
    EXPECT_EQ(s.start_split, r.split);
}

TEST(Planner, PerPhaseIntervals) {
    // Stop steps last 7 days instead of 28.
    auto r = request("sertraline", 50_mg);
    r.phase_interval[taper::step_phase::stop] = 7_d;
    const auto s = plan(r, linear(25_mg));
    ASSERT_EQ(s.steps.size(), 2U);
    EXPECT_DOUBLE_EQ(s.steps[0].length.value(), 28);
    EXPECT_DOUBLE_EQ(s.steps[1].length.value(), 7);
    EXPECT_EQ(taper::format_date(s.end()), "2027-01-05");  // 2026-12-01 + 35 days
}

TEST(Planner, HyperbolicCitalopramLowersOccupancyByTheRequestedPoints) {
    // Citalopram (Emax 83.98 %, ED50 2.33 mg), 20 mg: occ = 83.98·20/22.33 = 75.2172 %.
    // 10 points a step down to the floor (10 %): 65.2172 → D = 2.33·65.2172/(83.98 − 65.2172)
    // = 8.0988 mg, then 4.4730, 2.7180, 1.6828, 0.9999, 0.5156 (15.2172 %). The 15.2172
    // points left are more than one step, so they are cut in two halves (the stop is no larger
    // than a step, docs/safety.md): 7.6086 % -> 2.33·7.6086/76.3714 = 0.23213 mg, then stop.
    const auto s = plan(request("citalopram", 20_mg), hyperbolic(10));
    const std::vector<double> expected{8.09879, 4.47300, 2.71797, 1.68276, 0.99989, 0.51563, 0.23213, 0};
    ASSERT_EQ(s.steps.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_NEAR(s.steps[i].equivalent_daily_dose.value(), expected[i], 1e-5) << "step " << i + 1;
        if (i + 2 < expected.size()) {
            EXPECT_NEAR(taper::in(*s.steps[i].change_points, taper::units::points), 10.0, 0.1);
        }
    }
    EXPECT_NEAR(taper::in(*s.steps[6].change_points, taper::units::points), 7.6086, 1e-4);
    EXPECT_NEAR(taper::in(*s.steps.back().change_points, taper::units::points), 7.6086, 1e-4);
    EXPECT_EQ(s.occupancy_model, "sert-striatum-sorensen2022");
    EXPECT_EQ(s.occupancy_receptor, "SERT");
}

// --- limits --------------------------------------------------------------------------------

TEST(PlannerLimits, MaxStepInMgBitesAndSaysSo) {
    // Linear 20 mg off 50 mg, at most 12.5 mg a step: 37.5, 25, 12.5, 0.
    auto r = request("sertraline", 50_mg);
    r.max_step = 12.5_mg;
    const auto s = plan(r, linear(20_mg));
    EXPECT_EQ(doses_of(s), (std::vector<double>{37.5, 25, 12.5, 0}));
    for (std::size_t i = 0; i < 3; ++i)
        EXPECT_DOUBLE_EQ(mg_of_param(param(s.steps[i].messages, mc::cut_limited_by_max_step, "max_step")), 12.5) << i;
    // 12.5 → 0 is within the limit: no note.
    EXPECT_FALSE(has_code(s.steps[3].messages, mc::cut_limited_by_max_step));
}

TEST(PlannerLimits, MaxStepPercentBitesExceptOnTheStopToZero) {
    // Linear 10 mg off citalopram 40 mg, at most 20 % of the most recent dose:
    // 32, 25.6, 20.48, 16.384, 13.1072, 10.48576, 8.388608 (each 0.8 × the last), then
    // 8.388608 − 10 < 0: the stop to zero, which no percentage cap could ever allow.
    auto r = request("citalopram", 40_mg);
    r.max_step_percent = 20_pct;
    const auto s = plan(r, linear(10_mg));
    const std::vector<double> expected{32, 25.6, 20.48, 16.384, 13.1072, 10.48576, 8.388608, 0};
    ASSERT_EQ(s.steps.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_NEAR(s.steps[i].equivalent_daily_dose.value(), expected[i], 1e-9) << i;
        if (i + 1 < expected.size()) {
            EXPECT_NEAR(taper::in(s.steps[i].change_percent, taper::units::percent_of_dose), 20.0, 1e-9);
            EXPECT_DOUBLE_EQ(taper::in(param(s.steps[i].messages, mc::cut_limited_by_max_percent, "max_percent")
                                           .as_percent(),
                                       taper::units::percent_of_dose),
                             20)
                << i;
        }
    }
    EXPECT_EQ(s.steps.back().phase, taper::step_phase::stop);
    EXPECT_DOUBLE_EQ(taper::in(s.steps.back().change_percent, taper::units::percent_of_dose), 100.0);
}

TEST(PlannerLimits, MaxStepPercentAppliesToAStopAtAMaintenanceDose) {
    // Proportional 50 % from 20 mg to a maintenance dose of 8 mg, at most 30 %:
    // 20 → 14 (capped at 30 %) → 9.8 (capped) → 8 (the maintenance dose, an 18.4 % cut).
    auto r = request("citalopram", 20_mg);
    r.max_step_percent = 30_pct;
    r.maintenance = 8_mg;
    const auto s = plan(r, strategies::percent_of_most_recent_dose(50));
    const std::vector<double> expected{14, 9.8, 8};
    ASSERT_EQ(s.steps.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(doses_of(s)[i], expected[i], 1e-9);
    EXPECT_EQ(s.steps.back().phase, taper::step_phase::stop);
}

TEST(PlannerLimits, MaxStepPointsBitesAndSaysSo) {
    // Proportional 50 % of citalopram 20 mg would go to 10 mg: 75.2172 → 68.1103 %, 7.1
    // points. At most 5 points: occ 70.2172 % → D = 2.33·70.2172/(83.98 − 70.2172) = 11.8876 mg.
    // Then 8.0988 (65.2172 %), 5.9044, 4.4730, 3.4655, 2.7180, 2.1412, 1.6828 ...: 5 points each.
    auto r = request("citalopram", 20_mg);
    r.max_step_points = 5_points;
    r.final_dose = 2_mg;
    const auto s = plan(r, strategies::percent_of_most_recent_dose(50));
    const std::vector<double> expected{11.88755, 8.09879, 5.90444, 4.47300, 3.46553, 2.71797, 2.14123};
    ASSERT_GE(s.steps.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_NEAR(s.steps[i].equivalent_daily_dose.value(), expected[i], 1e-5) << i;
        EXPECT_NEAR(taper::in(*s.steps[i].change_points, taper::units::points), 5.0, 1e-9) << i;
        EXPECT_DOUBLE_EQ(
            taper::in(param(s.steps[i].messages, mc::cut_limited_by_max_points, "max_points").as_points(),
                      taper::units::points),
            5)
            << i;
    }
    // The limit holds on every step before the stop. The final dose (2 mg) is the last one
    // before stopping (issue 10: the plan used to go on below it in 5-point steps); the stop
    // from it breaks the 5 points and says so.
    for (const auto& st : s.steps) {
        if (st.phase != taper::step_phase::stop) {
            EXPECT_LE(taper::in(*st.change_points, taper::units::points), 5.0 + 1e-9) << st.number;
        }
    }
    EXPECT_DOUBLE_EQ(s.steps[s.steps.size() - 2].equivalent_daily_dose.value(), 2.0);
    EXPECT_DOUBLE_EQ(s.steps.back().equivalent_daily_dose.value(), 0.0);
    EXPECT_TRUE(has_code(s.steps.back().messages, mc::stop_from_final_dose_over_limit));
}

TEST(PlannerLimits, MinChangeRaisesTooSmallCuts) {
    // 10 % of 10 mg is 1 mg, less than the 2 mg worth making: 10 → 8 → 6 → 4 → 2 → 0.
    auto r = request("citalopram", 10_mg);
    r.min_change = 2_mg;
    const auto s = plan(r, ten_percent);
    EXPECT_EQ(doses_of(s), (std::vector<double>{8, 6, 4, 2, 0}));
    EXPECT_DOUBLE_EQ(mg_of_param(param(s.steps[0].messages, mc::cut_raised_to_min_change, "min_change")), 2);
}

TEST(PlannerLimits, HoldsInsertAStepOnTheSameDose) {
    // Linear 12.5 mg off 50 mg, hold 14 days after step 2 (25 mg):
    // 1: 37.5 from 12-01; 2: 25 from 12-29; 3: hold 25 from 2027-01-26 for 14 days;
    // 4: 12.5 from 02-09; 5: 0 from 03-09.
    auto r = request("sertraline", 50_mg);
    r.holds = {{2, 14_d}};
    const auto s = plan(r, linear(12.5_mg));
    EXPECT_EQ(doses_of(s), (std::vector<double>{37.5, 25, 25, 12.5, 0}));
    const auto& held = s.steps[2];
    EXPECT_EQ(held.phase, taper::step_phase::hold);
    EXPECT_EQ(held.number, 3);
    EXPECT_EQ(taper::format_date(held.start), "2027-01-26");
    EXPECT_DOUBLE_EQ(held.length.value(), 14);
    EXPECT_DOUBLE_EQ(held.change.value(), 0);
    EXPECT_DOUBLE_EQ(taper::in(*held.change_points, taper::units::points), 0);
    EXPECT_TRUE(has_code(held.messages, mc::hold_step));
    EXPECT_EQ(held.doses, s.steps[1].doses);
    EXPECT_EQ(taper::format_date(s.steps[3].start), "2027-02-09");
    EXPECT_EQ(taper::format_date(s.steps[4].start), "2027-03-09");
}

TEST(PlannerLimits, HoldsNumberStepsAsTheScheduleDoesInAnyOrder) {
    // Holds after steps 3 and 2, given in that order. Step 3 is the hold after step 2, so the
    // hold after step 3 follows it: 37.5, 25, hold 25 (14 d), hold 25 (7 d), 12.5, 0.
    auto r = request("sertraline", 50_mg);
    r.holds = {{3, 7_d}, {2, 14_d}};
    const auto s = plan(r, linear(12.5_mg));
    EXPECT_EQ(doses_of(s), (std::vector<double>{37.5, 25, 25, 25, 12.5, 0}));
    EXPECT_EQ(s.steps[2].phase, taper::step_phase::hold);
    EXPECT_DOUBLE_EQ(s.steps[2].length.value(), 14);
    EXPECT_EQ(s.steps[3].phase, taper::step_phase::hold);
    EXPECT_DOUBLE_EQ(s.steps[3].length.value(), 7);
    EXPECT_EQ(taper::format_date(s.steps[4].start), "2027-02-16");  // 12-01 + 28 + 28 + 14 + 7 days
    EXPECT_TRUE(only_the_evidence_note(s.messages));
}

TEST(PlannerLimits, AHoldThatNeverComesIsAWarning) {
    // 4 steps; a hold after step 9, and one after the stop step (4), are not silently dropped.
    auto r = request("sertraline", 50_mg);
    r.holds = {{9, 14_d}, {4, 14_d}};
    const auto s = plan(r, linear(12.5_mg));
    EXPECT_EQ(s.steps.size(), 4U);
    EXPECT_EQ(param(s.messages, mc::hold_after_missing_step, "step").as_index(), 9U);
    EXPECT_EQ(param(s.messages, mc::hold_after_missing_step, "steps").as_index(), 4U);
    EXPECT_EQ(param(s.messages, mc::hold_after_last_step, "step").as_index(), 4U);
}

TEST(PlannerLimits, DatesAreContiguousFromTheStart) {
    auto r = request("citalopram", 20_mg);
    r.interval = 17_d;
    r.holds = {{2, 10_d}};
    const auto s = plan(r, hyperbolic(5));
    ASSERT_FALSE(s.steps.empty());
    EXPECT_EQ(s.steps.front().start, r.start);
    for (std::size_t i = 1; i < s.steps.size(); ++i) EXPECT_EQ(s.steps[i].start, s.steps[i - 1].end()) << i;
    long days = 0;
    for (const auto& st : s.steps) days += std::lround(st.length.value());
    EXPECT_EQ(taper::days_between(r.start, s.end()), days);
}

TEST(PlannerLimits, HalfLifePacingOnVenlafaxine) {
    // Venlafaxine's half-life is 4 h (<= 24 h): steps 1.5 × 14 = 21 days, cuts 0.75 × 37.5
    // = 28.125 mg: 150 → 121.875 → 93.75 → 65.625 → 37.5, then the stop to zero (not paced:
    // a stop is a stop), also 21 days.
    auto r = request("venlafaxine", 150_mg);
    r.interval = 14_d;
    r.half_life_pacing = true;
    const auto s = plan(r, linear(37.5_mg));
    EXPECT_EQ(doses_of(s), (std::vector<double>{121.875, 93.75, 65.625, 37.5, 0}));
    for (const auto& st : s.steps) EXPECT_DOUBLE_EQ(st.length.value(), 21) << st.number;
    for (std::size_t i = 0; i < 4; ++i)
        EXPECT_DOUBLE_EQ(taper::in(param(s.steps[i].messages, mc::paced_for_half_life, "half_life").as_hours(),
                                   taper::units::hour),
                         4)
            << i;
    EXPECT_TRUE(only_the_evidence_note(s.messages));

    // The same without pacing: 112.5, 75, 37.5, 0 in 14-day steps.
    r.half_life_pacing = false;
    const auto plain = plan(r, linear(37.5_mg));
    EXPECT_EQ(doses_of(plain), (std::vector<double>{112.5, 75, 37.5, 0}));
    EXPECT_DOUBLE_EQ(plain.steps[0].length.value(), 14);
}

TEST(PlannerLimits, HalfLifePacingLeavesLongHalfLivesAloneAndSaysSo) {
    // Citalopram: 33–35 h. The plan is the same as without pacing, with a plan warning.
    auto r = request("citalopram", 20_mg);
    r.half_life_pacing = true;
    const auto paced = plan(r, linear(5_mg));
    EXPECT_EQ(doses_of(paced), (std::vector<double>{15, 10, 5, 0}));
    for (const auto& st : paced.steps) EXPECT_DOUBLE_EQ(st.length.value(), 28);
    EXPECT_DOUBLE_EQ(taper::in(param(paced.messages, mc::pacing_half_life_not_short, "half_life").as_hours(),
                               taper::units::hour),
                     35);
    // Clorazepate's half-life is not in the data: a warning, not a guess.
    auto c = request("clorazepate", 15_mg);
    c.half_life_pacing = true;
    EXPECT_TRUE(has_code(plan(c, ten_percent).messages, mc::pacing_half_life_unknown));
}

TEST(PlannerClosing, EveryPlanEndsByPointingToWhoCanHelp) {
    // The seed documents ask "who can I talk to?": every plan carries the coded pointer to
    // the support directory as its last plan-wide message, for every front end.
    const auto a = plan(request("sertraline", 50_mg), linear(12.5_mg));
    ASSERT_FALSE(a.messages.empty());
    EXPECT_EQ(a.messages.back().code, mc::who_can_help);
    EXPECT_EQ(a.messages.back().level, taper::severity::note);
    auto r = request("alprazolam", 1_mg);
    const auto b = plan(r, strategies::diazepam_crossover{});
    EXPECT_EQ(b.messages.back().code, mc::who_can_help);
    EXPECT_EQ(std::count_if(b.messages.begin(), b.messages.end(),
                            [](const taper::message& m) { return m.code == mc::who_can_help; }),
              1);
    EXPECT_TRUE(taper::testing::has(taper::text(b.messages.back(), taper::context_of(b)), "coming off alprazolam"));
}

TEST(PlannerLimits, HalfLifePacingFollowsTheDrugTakenAfterACrossover) {
    // Alprazolam (6-20 h) switched to diazepam (20-100 h): the diazepam steps are not paced
    // for alprazolam's half-life, and the plan says why.
    auto r = request("alprazolam", 1_mg);
    r.half_life_pacing = true;
    r.interval = 14_d;
    const auto s = plan(r, strategies::diazepam_crossover{});
    EXPECT_DOUBLE_EQ(
        taper::in(param(s.messages, mc::pacing_after_switch_to_diazepam, "half_life").as_hours(), taper::units::hour),
        100);
    for (const auto& st : s.steps) {
        EXPECT_FALSE(has_code(st.messages, mc::paced_for_half_life)) << st.number;
        if (st.phase == taper::step_phase::reduce) {
            EXPECT_DOUBLE_EQ(st.length.value(), 14) << st.number;
        }
    }
    // The first reduction is the crossover's 10 % of 20 mg diazepam-equivalent (0.5 mg
    // alprazolam ~ 10 mg diazepam, Ashton): 18 mg, not 20 − 0.75 × 2 = 18.5.
    const auto first = std::find_if(s.steps.begin(), s.steps.end(),
                                    [](const taper::step& st) { return st.phase == taper::step_phase::reduce; });
    ASSERT_NE(first, s.steps.end());
    EXPECT_NEAR(first->equivalent_daily_dose.value(), 18.0, 1e-9);
}

TEST(PlannerLimits, FinalDoseThenStop) {
    // Proportional 50 % of 20 mg, final dose 3 mg: 10, 5, then 2.5 is raised to 3 (noted),
    // then the stop to zero.
    auto r = request("citalopram", 20_mg);
    r.final_dose = 3_mg;
    const auto s = plan(r, strategies::percent_of_most_recent_dose(50));
    EXPECT_EQ(doses_of(s), (std::vector<double>{10, 5, 3, 0}));
    EXPECT_DOUBLE_EQ(mg_of_param(param(s.steps[2].messages, mc::final_dose_before_stop, "final_dose")), 3);
    EXPECT_EQ(s.steps.back().phase, taper::step_phase::stop);
}

TEST(PlannerLimits, MaintenanceDoseEndsThePlan) {
    // Proportional 50 % of 20 mg, maintenance 4 mg: 10, 5, then 4 (not 2.5), and it ends there.
    auto r = request("citalopram", 20_mg);
    r.maintenance = 4_mg;
    const auto s = plan(r, strategies::percent_of_most_recent_dose(50));
    EXPECT_EQ(doses_of(s), (std::vector<double>{10, 5, 4}));
    EXPECT_EQ(s.steps.back().phase, taper::step_phase::stop);
    EXPECT_DOUBLE_EQ(s.final_dose().value(), 4);
}

TEST(PlannerLimits, MaxStepsAndDurationTooSmall) {
    // Linear 12.5 off 50: 4 steps, 112 days.
    auto r = request("sertraline", 50_mg);
    r.max_steps = 3;
    expect_plan_error(r, linear(12.5_mg), {"plan request: max steps", "takes 4 steps", "more than the 3 allowed"});
    r.max_steps = 4;
    EXPECT_EQ(plan(r, linear(12.5_mg)).steps.size(), 4U);
    r.max_steps.reset();
    r.max_duration = 100_d;
    expect_plan_error(r, linear(12.5_mg), {"plan request: max duration", "112 days", "100 allowed"});
    r.max_duration = 112_d;
    EXPECT_NO_THROW((void)plan(r, linear(12.5_mg)));
}

// --- warnings ------------------------------------------------------------------------------

TEST(PlannerWarnings, FastBenzodiazepineTaper) {
    // Alprazolam, 40 % of the most recent dose every 2 weeks: more than 25 % per two weeks.
    auto r = request("alprazolam", 2_mg);
    r.interval = 14_d;
    const auto s = plan(r, strategies::percent_of_most_recent_dose(40));
    ASSERT_FALSE(s.steps.empty());
    const auto& w = s.steps[0].messages;
    EXPECT_NEAR(taper::in(param(w, mc::faster_than_guidance_share, "share").as_percent(), taper::units::percent_of_dose),
                40, 1e-9);
    EXPECT_DOUBLE_EQ(taper::in(param(w, mc::faster_than_guidance_share, "days").as_days(), taper::units::day), 14);
    EXPECT_EQ(param(w, mc::faster_than_guidance_share, "guidance").as_guidance(), taper::pace_guidance::benzodiazepines);
}

TEST(PlannerWarnings, GentlePlansHaveNone) {
    auto r = request("alprazolam", 2_mg);
    r.interval = 14_d;
    for (const auto& st : plan(r, ten_percent).steps) EXPECT_FALSE(has_warning(st.messages)) << st.number;
    auto c = request("citalopram", 20_mg);
    const auto s = plan(c, hyperbolic(5));
    for (const auto& st : s.steps) EXPECT_FALSE(has_warning(st.messages)) << st.number;
    EXPECT_TRUE(only_the_evidence_note(s.messages));
}

TEST(PlannerWarnings, PaceIsMeasuredInPointsWhereThereIsAModel) {
    // Hyperbolic 10 points every 7 days: 20 points per two weeks, over the 10 of the guidance.
    auto r = request("citalopram", 20_mg);
    r.interval = 7_d;
    const auto s = plan(r, hyperbolic(10));
    const auto& w = s.steps[0].messages;
    EXPECT_NEAR(taper::in(param(w, mc::faster_than_guidance_points, "points").as_points(), taper::units::points), 10,
                1e-9);
    EXPECT_DOUBLE_EQ(taper::in(param(w, mc::faster_than_guidance_points, "days").as_days(), taper::units::day), 7);
    EXPECT_EQ(param(w, mc::faster_than_guidance_points, "guidance").as_guidance(), taper::pace_guidance::antidepressants);
}

TEST(PlannerWarnings, ALongStepDoesNotExcuseABigCut) {
    // Alprazolam halved every 8 weeks: one cut of 50 %, twice the 25 % the guidance allows in
    // any two weeks, however long the step after it.
    auto r = request("alprazolam", 2_mg);
    r.interval = 56_d;
    const auto s = plan(r, strategies::percent_of_most_recent_dose(50));
    const auto& w = s.steps[0].messages;
    EXPECT_NEAR(taper::in(param(w, mc::faster_than_guidance_share, "share").as_percent(), taper::units::percent_of_dose),
                50, 1e-9);
    EXPECT_DOUBLE_EQ(taper::in(param(w, mc::faster_than_guidance_share, "days").as_days(), taper::units::day), 56);
}

TEST(PlannerWarnings, TheLastStepOfALinearTaperIsFlagged) {
    // Sertraline 50 mg in 12.5 mg steps: the cuts remove 3.4, 6.0 and 13.4 points, then the
    // stop from 12.5 mg removes all 56.9 (occ(12.5) = 92.01·12.5/20.22 = 56.88 %): the
    // largest drop in effect is the last, and the plan says so.
    const auto s = plan(request("sertraline", 50_mg), linear(12.5_mg));
    EXPECT_FALSE(has_warning(s.steps[0].messages));
    EXPECT_FALSE(has_warning(s.steps[1].messages));
    const auto points = [&](std::size_t i) {
        return taper::in(param(s.steps[i].messages, mc::faster_than_guidance_points, "points").as_points(),
                         taper::units::points);
    };
    EXPECT_NEAR(points(2), 13.4, 0.05);
    EXPECT_NEAR(points(3), 56.9, 0.05);
    EXPECT_DOUBLE_EQ(
        taper::in(param(s.steps[3].messages, mc::faster_than_guidance_points, "days").as_days(), taper::units::day),
        28);
    // A stop to zero measured in % (no model) is always 100 %: the pace rule does not flag it.
    // But it stops from 0.2 mg, 20 % of the 1 mg start (above the 5 % line), so the abrupt-stop
    // warning does, with the seizure caution for a benzodiazepine.
    auto r = request("alprazolam", 1_mg);
    const auto benzo = plan(r, linear(0.2_mg));
    EXPECT_EQ(benzo.steps.back().phase, taper::step_phase::stop);
    const auto& last = benzo.steps.back().messages;
    EXPECT_FALSE(has_code(last, mc::faster_than_guidance_share));
    EXPECT_NEAR(taper::in(param(last, mc::abrupt_stop_seizure_risk, "share_of_start").as_percent(),
                          taper::units::percent_of_dose),
                20, 1e-9);
}

TEST(PlannerWarnings, ModifiedReleaseDosesThatWholeUnitsCannotMake) {
    // Paroxetine MR tablets come in 12.5, 25 and 37.5 mg and must not be split. 10 % of 25 mg
    // gives 22.5 mg: no sum of whole tablets makes it.
    auto r = request("paroxetine", 25_mg);
    r.current_formulation = "tablet-mr";
    const auto s = plan(r, ten_percent);
    EXPECT_EQ(s.request.current_formulation, "tablet-mr");
    const auto& w = s.steps[0].messages;
    EXPECT_DOUBLE_EQ(mg_of_param(param(w, mc::whole_units_cannot_make, "dose")), 22.5);
    EXPECT_EQ(param(w, mc::whole_units_cannot_make, "reason").as_reason(), taper::whole_unit_reason::modified_release);
    EXPECT_EQ(param(w, mc::whole_units_cannot_make, "form").as_form(), taper::whole_unit_form::tablet);
    // 50 mg → 25 mg (one 25 mg tablet) → 12.5 mg (one 12.5 mg tablet) → 0: no warnings.
    r.daily_dose = 50_mg;
    r.final_dose = 12.5_mg;
    const auto halves = plan(r, strategies::percent_of_most_recent_dose(50));
    EXPECT_EQ(doses_of(halves), (std::vector<double>{25, 12.5, 0}));
    for (const auto& st : halves.steps)
        EXPECT_FALSE(has_code(st.messages, mc::whole_units_cannot_make)) << st.number;
}

TEST(PlannerWarnings, ModifiedReleaseWithUnknownStrengthsIsNotSilent) {
    // An MR tablet whose strengths are not in the data (the embedded data now knows all of
    // them, so a formulary adds one): whether 67.5 mg can be made from whole tablets cannot be
    // checked, and the plan says so rather than staying silent.
    taper::database with_unknown = db();
    with_unknown.overlay_json(R"json({"format": "taper-formulary", "version": 1, "drugs": [
        {"name": "venlafaxine", "formulations": [
            {"id": "tablet-mr-local", "form": "tablet", "unit": "mg", "strength": null,
             "modified_release": true, "source": "a local MR tablet (test)", "status": "user-supplied"}]}]})json");
    auto r = request("venlafaxine", 75_mg);
    r.current_formulation = "tablet-mr-local";
    const auto s = taper::make_plan(with_unknown, r, ten_percent);
    EXPECT_EQ(s.request.current_formulation, "tablet-mr-local");
    EXPECT_EQ(param(s.messages, mc::whole_units_strengths_unknown, "reason").as_reason(),
              taper::whole_unit_reason::modified_release);
}

TEST(PlannerWarnings, EachReasonAFormIsTakenWholeIsNamed) {
    // Fluoxetine 20 mg capsules: 18 mg cannot be made from whole capsules, which cannot be split.
    auto flu = request("fluoxetine", 20_mg);
    flu.current_formulation = "capsule";
    const auto s2 = plan(flu, ten_percent);  // kept: the messages below refer into it
    const auto& w2 = s2.steps[0].messages;
    EXPECT_DOUBLE_EQ(mg_of_param(param(w2, mc::whole_units_cannot_make, "dose")), 18.0);
    EXPECT_EQ(param(w2, mc::whole_units_cannot_make, "reason").as_reason(), taper::whole_unit_reason::cannot_split);
    EXPECT_EQ(param(w2, mc::whole_units_cannot_make, "form").as_form(), taper::whole_unit_form::capsule);
    // A 10 mg tablet of a formulary that does not say whether it may be split: taken whole,
    // so 18 mg (10 % of 20 mg) cannot be made, and the reason says its splitting is unknown.
    taper::database with_tablet = db();
    with_tablet.overlay_json(R"json({"format": "taper-formulary", "version": 1, "drugs": [
        {"name": "citalopram", "formulations": [
            {"id": "tablet-local", "form": "tablet", "unit": "mg", "strength": 10,
             "source": "a local tablet (test)", "status": "user-supplied"},
            {"id": "tablet-ec-local", "form": "tablet", "unit": "mg", "strength": 10, "enteric_coated": true,
             "source": "a local enteric-coated tablet (test)", "status": "user-supplied"}]}]})json");
    auto cit = request("citalopram", 20_mg);
    cit.current_formulation = "tablet-local";
    const auto s3 = taper::make_plan(with_tablet, cit, ten_percent);
    const auto& w3 = s3.steps[0].messages;
    EXPECT_DOUBLE_EQ(mg_of_param(param(w3, mc::whole_units_cannot_make, "dose")), 18.0);
    EXPECT_EQ(param(w3, mc::whole_units_cannot_make, "reason").as_reason(), taper::whole_unit_reason::not_known_splittable);
    EXPECT_EQ(param(w3, mc::whole_units_cannot_make, "form").as_form(), taper::whole_unit_form::tablet);
    // The same strength, enteric-coated (and not modified-release): never split, and said so.
    cit.current_formulation = "tablet-ec-local";
    const auto s4 = taper::make_plan(with_tablet, cit, ten_percent);
    const auto& w4 = s4.steps[0].messages;
    EXPECT_DOUBLE_EQ(mg_of_param(param(w4, mc::whole_units_cannot_make, "dose")), 18.0);
    EXPECT_EQ(param(w4, mc::whole_units_cannot_make, "reason").as_reason(), taper::whole_unit_reason::enteric_coated);
}

TEST(PlannerWarnings, BeadCapsulesPointToCountingBeads) {
    // Venlafaxine XR capsules (37.5/75/150 mg) may be opened and the beads counted: 67.5 mg
    // cannot be made from whole capsules, and the warning says what can be done instead.
    auto r = request("venlafaxine", 75_mg);
    r.current_formulation = "beads-xr";
    const auto s = plan(r, ten_percent);
    const auto& w = s.steps[0].messages;
    EXPECT_DOUBLE_EQ(mg_of_param(param(w, mc::whole_units_cannot_make, "dose")), 67.5);
    EXPECT_EQ(param(w, mc::whole_units_cannot_make, "form").as_form(), taper::whole_unit_form::bead_capsule);
}

// --- guards against a misbehaving strategy -------------------------------------------------

struct raises_the_dose {
    std::string_view name() const { return "raises"; }
    std::optional<taper::target> next(const taper::plan_context& ctx, std::span<const taper::step> done) const {
        if (!done.empty()) return std::nullopt;
        taper::target t;
        t.daily_dose = ctx.start_dose() * 1.5;
        return t;
    }
};

struct cuts_under_a_hold_label {
    std::string_view name() const { return "sneaky"; }
    std::optional<taper::target> next(const taper::plan_context& ctx, std::span<const taper::step> done) const {
        if (!done.empty()) return std::nullopt;
        taper::target t;
        t.daily_dose = ctx.start_dose() * 0.1;
        t.phase = taper::step_phase::hold;
        return t;
    }
};

struct never_stops {
    std::string_view name() const { return "forever"; }
    std::optional<taper::target> next(const taper::plan_context& ctx, std::span<const taper::step> done) const {
        taper::target t;
        t.daily_dose = ctx.latest(done, ctx.start_dose());
        t.phase = taper::step_phase::hold;
        return t;
    }
};

/// Never stops either, and counts how often the planner asked it for a target.
struct counting_forever {
    int* asked;
    std::string_view name() const { return "counting"; }
    std::optional<taper::target> next(const taper::plan_context& ctx, std::span<const taper::step> done) const {
        ++*asked;
        taper::target t;
        t.daily_dose = ctx.latest(done, ctx.start_dose());
        t.phase = taper::step_phase::hold;
        return t;
    }
};

struct bad_length {
    double days;
    std::string_view name() const { return "bad-length"; }
    std::optional<taper::target> next(const taper::plan_context& ctx, std::span<const taper::step> done) const {
        if (!done.empty()) return std::nullopt;
        taper::target t;
        t.daily_dose = ctx.start_dose() * 0.5;
        t.length = taper::from_value<taper::duration>(days);
        return t;
    }
};

struct lines_that_do_not_add_up {
    std::string_view name() const { return "bad-lines"; }
    std::optional<taper::target> next(const taper::plan_context& ctx, std::span<const taper::step> done) const {
        if (!done.empty()) return std::nullopt;
        taper::target t;
        t.daily_dose = ctx.start_dose() * 0.5;
        t.doses = {{ctx.subject.name, "morning", ctx.start_dose() * 0.4}};
        return t;
    }
};

TEST(PlannerGuards, AStrategyCannotRaiseTheDose) {
    expect_plan_error(request("citalopram", 20_mg), raises_the_dose{}, {"raises", "30 mg after 20 mg", "never raises"});
}

TEST(PlannerGuards, AHoldOrSwitchMustKeepTheDose) {
    expect_plan_error(request("citalopram", 20_mg), cuts_under_a_hold_label{}, {"sneaky", "hold", "2 mg", "20 mg"});
}

TEST(PlannerGuards, ARunawayStrategyIsStopped) {
    expect_plan_error(request("citalopram", 20_mg), never_stops{}, {"forever", "20000 steps"});
}

// Bounded work (issue 15): the planner stops as soon as the plan breaks the request's own
// limits, not at its 20,000-step guard. A strategy that never stops, with at most 5 steps: the
// 6th step breaks the limit, so the strategy is asked 6 times and no more.
TEST(PlannerGuards, APlanBreakingMaxStepsStopsAtTheLimit) {
    int asked = 0;
    auto r = request("citalopram", 20_mg);
    r.max_steps = 5;
    expect_plan_error(r, counting_forever{&asked},
                      {"plan request: max steps", "more than the 5 steps allowed", "stopped at step 6"});
    EXPECT_EQ(asked, 6);
}

// The same for the duration: 28-day steps (the default interval) within 60 days; the third
// step ends on day 84, past 60, so the strategy is asked 3 times.
TEST(PlannerGuards, APlanBreakingMaxDurationStopsAtTheLimit) {
    int asked = 0;
    auto r = request("citalopram", 20_mg);
    r.interval = 28_d;
    r.max_duration = 60_d;
    expect_plan_error(r, counting_forever{&asked},
                      {"plan request: max duration", "more than the 60 days allowed", "stopped at step 3, day 84"});
    EXPECT_EQ(asked, 3);
}

TEST(PlannerGuards, StepLengthsFromAStrategyAreChecked) {
    for (double bad : {0.0, -3.0, nan, 1e6}) {
        SCOPED_TRACE(bad);
        expect_plan_error(request("citalopram", 20_mg), bad_length{bad}, {"bad-length", "step length"});
    }
    const auto s = plan(request("citalopram", 20_mg), bad_length{10});
    EXPECT_DOUBLE_EQ(s.steps[0].length.value(), 10);
}

TEST(PlannerGuards, DoseLinesMustAddUpToTheDailyDose) {
    expect_plan_error(request("citalopram", 20_mg), lines_that_do_not_add_up{}, {"bad-lines", "8 mg", "10 mg"});
}

// --- abrupt stops ------------------------------------------------------------------------

bool abrupt(const taper::step& s) {
    return has_code(s.messages, mc::abrupt_stop) || has_code(s.messages, mc::abrupt_stop_seizure_risk);
}

TEST(PlannerAbruptStop, LinearLastStepIsFlagged) {
    // Sertraline 50 mg, 12.5 mg steps: 37.5, 25, 12.5, 0. The stop is from 12.5 mg, 25% of
    // the start, far above the 5% line: flagged. The reduce steps are not.
    const auto s = plan(request("sertraline", 50_mg), linear(12.5_mg));
    ASSERT_EQ(s.steps.size(), 4u);
    EXPECT_NEAR(taper::in(param(s.steps[3].messages, mc::abrupt_stop, "share_of_start").as_percent(),
                          taper::units::percent_of_dose),
                25, 1e-9);
    EXPECT_DOUBLE_EQ(mg_of_param(param(s.steps[3].messages, mc::abrupt_stop, "dose")), 12.5);
    for (std::size_t i = 0; i < 3; ++i) EXPECT_FALSE(abrupt(s.steps[i]));
}

TEST(PlannerAbruptStop, OneStepBenzodiazepineStopWarnsOfSeizures) {
    // Alprazolam 2 mg, one 2 mg step: 2 → 0, 100% of the start.
    const auto s = plan(request("alprazolam", 2_mg), linear(2_mg));
    ASSERT_EQ(s.steps.size(), 1u);
    EXPECT_TRUE(has_code(s.steps[0].messages, mc::abrupt_stop_seizure_risk));
}

TEST(PlannerAbruptStop, HyperbolicStopFromASmallDoseIsNot) {
    // Citalopram 20 mg, 5 points: the last dose is about 0.154 mg (5.22% occupancy), 0.8% of
    // the start, below the 5% line.
    const auto s = plan(request("citalopram", 20_mg), hyperbolic(5));
    ASSERT_FALSE(s.steps.empty());
    EXPECT_FALSE(abrupt(s.steps.back()));
}

TEST(PlannerAbruptStop, StoppingAtAMaintenanceDoseIsNotAStop) {
    // Ending on 10 mg maintenance from 50 mg is not a stop to zero.
    auto r = request("sertraline", 50_mg);
    r.maintenance = 10_mg;
    const auto s = plan(r, linear(12.5_mg));
    for (const auto& st : s.steps) EXPECT_FALSE(abrupt(st));
}

}  // namespace

// Regression tests from an adversarial review (extreme doses, odd limits, odd tools and odd
// text), each expectation worked out by hand in its comment. Their own namespace keeps the
// helpers they were written with.
namespace review_regression {
namespace {

using namespace taper::literals;
namespace strategies = taper::strategies;
using taper::from_value;

const taper::database& db() { return taper::database::embedded(); }

taper::mass mg(double v) { return from_value<taper::mass>(v); }

using taper::testing::request;

using taper::testing::has_code;
using taper::testing::param;

// citalopram 0.000000001 mg (1e-9 mg) a day: its SERT occupancy (84 × 1e-9 / 2.33 ≈ 4e-8 %)
// is below one 5-point step, so the hyperbolic strategy stops at once. The planner took the
// starting dose for "already at 0 mg" (about_equal's absolute 1e-9 mg) and returned a plan of
// no steps at all, ending the day before it started. A plan must have its stop step: one step
// from 1e-9 mg to 0 mg.
TEST(ReviewRegression, TinyStartingDoseStillGetsItsStopStep) {
    for (const auto& s : std::vector<taper::any_strategy>{strategies::hyperbolic{},
                                                          strategies::tapering_strip{}}) {
        SCOPED_TRACE(std::string(s.name()));
        const auto plan = taper::make_plan(db(), request("citalopram", mg(1e-9)), s);
        ASSERT_EQ(plan.steps.size(), 1U);
        const auto& st = plan.steps.front();
        EXPECT_EQ(st.phase, taper::step_phase::stop);
        EXPECT_EQ(st.equivalent_daily_dose.value(), 0.0);
        EXPECT_DOUBLE_EQ(st.change.value(), 1e-9);
        EXPECT_EQ(taper::format_date(plan.end()), "2026-12-29");  // 28 days from 2026-12-01
    }
}

// citalopram 20 mg, 10% of the most recent dose, final dose 6 mg, smallest
// change 3 mg. 10% cuts (2, 1.7, ...) are all below 3 mg, so each cut is raised to 3 mg:
// 20 → 17 → 14 → 11 → 8. From 8 the strategy asks 7.2; raised to a 3 mg cut that is 5 mg,
// below the final dose of 6 mg, which the plan then silently never took. The final dose is
// the floor of that raise (as the end dose is): 8 → 6, then the stop step 6 → 0.
TEST(ReviewRegression, SmallestChangeDoesNotJumpOverTheFinalDose) {
    auto r = request("citalopram", 20_mg);
    r.final_dose = 6_mg;
    r.min_change = 3_mg;
    const auto plan = taper::make_plan(db(), r, strategies::percent_of_most_recent_dose(10));
    std::vector<double> doses;
    for (const auto& st : plan.steps) doses.push_back(st.equivalent_daily_dose.value());
    const std::vector<double> expected{17, 14, 11, 8, 6, 0};
    ASSERT_EQ(doses.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(doses[i], expected[i], 1e-9) << "step " << i + 1;
    EXPECT_DOUBLE_EQ(taper::in(param(plan.steps[4].messages, taper::message_code::final_dose_by_min_change, "final_dose")
                                   .as_mass(),
                               taper::units::mg),
                     6);
    EXPECT_FALSE(has_code(plan.steps[4].messages, taper::message_code::cut_raised_to_min_change));
    EXPECT_EQ(plan.steps.back().phase, taper::step_phase::stop);
}

// quetiapine (half-life 7-12 h, so paced) with the antipsychotic preset, whose steps are its
// own 91 days. Pacing shrinks each cut to 0.75× (25% → 18.75%: 600 → 487.5 mg) but, by
// design, leaves a length the strategy set alone: the step is 91 days, not 136. Its note said
// "step 1.5x longer" all the same.
TEST(ReviewRegression, PacingNoteDoesNotClaimALongerStepThatIsNot) {
    auto r = request("quetiapine", 600_mg);
    r.half_life_pacing = true;
    const auto plan = taper::make_plan(db(), r, strategies::antipsychotic{});
    const auto& st = plan.steps.front();
    EXPECT_NEAR(st.equivalent_daily_dose.value(), 487.5, 1e-9);
    EXPECT_EQ(st.length.value(), 91.0);
    EXPECT_TRUE(has_code(st.messages, taper::message_code::paced_for_half_life_own_length));
    EXPECT_FALSE(has_code(st.messages, taper::message_code::paced_for_half_life));
    // Where the planner does lengthen the step, the note still says so: 28 → 42 days.
    auto v = request("paroxetine", 20_mg);
    v.half_life_pacing = true;
    const auto paced = taper::make_plan(db(), v, strategies::percent_of_most_recent_dose(10));
    EXPECT_EQ(paced.steps.front().length.value(), 42.0);
    EXPECT_TRUE(has_code(paced.steps.front().messages, taper::message_code::paced_for_half_life));
}

// A dose-time named with a byte that is not UTF-8 ("morn\xFFing") went into the plan and
// made the JSON export throw nlohmann's type_error (the CLI's "internal error", exit 70).
// It is a bad request, named as such.
TEST(ReviewRegression, DoseTimeNamesMustBeText) {
    for (const std::string& bad : {std::string("morn\xFFing"), std::string("night\x01"), std::string("a\nb")}) {
        auto r = request("citalopram", 20_mg);
        r.split = {{bad, 10_mg}, {"evening", 10_mg}};
        try {
            (void)taper::make_plan(db(), r, strategies::percent_of_most_recent_dose(10));
            ADD_FAILURE() << "expected a plan_error";
        } catch (const taper::plan_error& e) {
            EXPECT_NE(std::string(e.what()).find("plan request: split"), std::string::npos) << e.what();
        }
    }
    // Names in other scripts are fine, and export.
    auto ok = request("citalopram", 20_mg);
    ok.split = {{"朝", 10_mg}, {"nuit étoilée", 10_mg}};
    const auto plan = taper::make_plan(db(), ok, strategies::percent_of_most_recent_dose(10));
    EXPECT_NE(taper::to_json(plan).find("nuit étoilée"), std::string::npos);
}

// Steps of 3640 days (520 weeks, within the ten-year limit) from 9999-12-01 ran into years
// of five digits (10009-11-17), which the schema's dates (YYYY-MM-DD) cannot hold, and a long
// enough plan wrapped round std::chrono's year range into negative years ("to -13380-05-22").
// A plan must end by 9999-12-31.
TEST(ReviewRegression, PlanMustEndByTheYear9999) {
    auto r = request("citalopram", 20_mg);
    r.start = taper::parse_date("9999-12-01");
    r.interval = from_value<taper::duration>(3640);
    try {
        (void)taper::make_plan(db(), r, strategies::percent_of_most_recent_dose(10));
        ADD_FAILURE() << "expected a plan_error";
    } catch (const taper::plan_error& e) {
        EXPECT_NE(std::string(e.what()).find("9999-12-31"), std::string::npos) << e.what();
    }
    // 18182 steps of 0.0011 mg, 3640 days each: 66 million days.
    auto far = request("citalopram", 20_mg);
    far.interval = from_value<taper::duration>(3640);
    EXPECT_THROW((void)taper::make_plan(db(), far, strategies::linear{mg(0.0011)}), taper::plan_error);
    // The JSON gives each step's `end` (the day after its last day) as well, so the last day
    // may be 9999-12-30: one stop step of 29 days from 9999-12-02 ends there; 30 days do not.
    auto last = request("citalopram", 0.001_mg);
    last.start = taper::parse_date("9999-12-02");
    last.interval = 29_d;
    const auto plan = taper::make_plan(db(), last, strategies::linear{mg(1)});
    EXPECT_EQ(taper::format_date(plan.end()), "9999-12-31");
    EXPECT_NE(taper::to_json(plan).find("\"end\": \"9999-12-31\""), std::string::npos);
    last.interval = 30_d;
    EXPECT_THROW((void)taper::make_plan(db(), last, strategies::linear{mg(1)}), taper::plan_error);
}

}  // namespace
}  // namespace review_regression
