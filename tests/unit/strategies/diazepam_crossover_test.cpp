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

// --- staged substitution (switch_ceiling) ---

namespace staged {

taper::plan_request alprazolam(taper::mass each, std::vector<std::string> times) {
    taper::plan_request r;
    r.drug = "alprazolam";
    r.daily_dose = each * static_cast<double>(times.size());
    for (auto& t : times) r.split.push_back({t, each});
    r.start = taper::parse_date("2026-12-01");
    return r;
}

double diazepam_in(const taper::step& s) {
    double mg = 0;
    for (const auto& l : s.doses)
        if (l.drug == "diazepam") mg += l.amount.value();
    return mg;
}

st::diazepam_crossover with_ceiling(double mg, double percent = 10) {
    st::diazepam_crossover x;
    x.switch_ceiling = mg * 1.0_mg;
    x.percent = percent;
    return x;
}

}  // namespace staged

TEST(StrategyDiazepamCrossover, StagedSubstitutionSwitchesUpToTheCeilingThenCutsTheDrugStillTaken) {
    // Alprazolam 1 mg three times a day; Ashton 0.5 mg ~ 10 mg diazepam, so 20 mg diazepam per
    // mg and 60 mg diazepam-equivalent in all, twice the 30 mg ceiling.
    //  switch 1: the night 1 mg becomes 20 mg diazepam (10 mg of room left);
    //  switch 2: 0.5 mg of the midday dose becomes 10 mg diazepam: diazepam at the ceiling.
    //  Then 10% of the total comes off the alprazolam (morning 1 and midday 0.5 in proportion),
    //  diazepam held at 30: totals 54, 48.6, 43.74, 39.366, 35.4294, 31.88646, and the last
    //  alprazolam (1.88646 mg-eq, less than a 10% cut of 3.188646) is the cut to 30.
    const auto s = taper::make_plan(taper::database::embedded(),
                                    staged::alprazolam(1.0_mg, {"morning", "midday", "night"}),
                                    staged::with_ceiling(30));
    ASSERT_GT(s.steps.size(), 10u);
    const std::vector<dose_line> switch1 = {
        {"alprazolam", "morning", 1.0_mg}, {"alprazolam", "midday", 1.0_mg}, {"diazepam", "night", 20.0_mg}};
    const std::vector<dose_line> switch2 = {{"alprazolam", "morning", 1.0_mg},
                                            {"alprazolam", "midday", 0.5_mg},
                                            {"diazepam", "midday", 10.0_mg},
                                            {"diazepam", "night", 20.0_mg}};
    EXPECT_EQ(s.steps[0].doses, switch1);
    EXPECT_EQ(s.steps[1].doses, switch2);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(s.steps[i].phase, step_phase::switch_over);
        EXPECT_NEAR(s.steps[i].equivalent_daily_dose.value(), 60.0, 1e-9);
        EXPECT_EQ(s.steps[i].messages.at(0).code, taper::message_code::crossover_partial_switch);
    }
    const taper::message& second = s.steps[1].messages[0];
    EXPECT_EQ(s.steps[1].doses.at(second[0].as_index()).drug, "diazepam");  // the midday diazepam line
    EXPECT_EQ(s.steps[1].doses.at(second[0].as_index()).time, "midday");
    EXPECT_NEAR(second[1].as_mass().value(), 0.5, 1e-12);              // 0.5 mg alprazolam
    EXPECT_NEAR(taper::in(second[2].as_diazepam_mass(), taper::units::diazepam_mg), 10.0, 1e-12);
    EXPECT_NEAR(taper::in(second[3].as_diazepam_mass(), taper::units::diazepam_mg), 30.0, 1e-12);

    const double totals[] = {54.0, 48.6, 43.74, 39.366, 35.4294, 31.88646, 30.0};
    for (std::size_t k = 0; k < 7; ++k) {
        const auto& step = s.steps[2 + k];
        EXPECT_EQ(step.phase, step_phase::reduce) << "step " << 3 + k;
        EXPECT_NEAR(step.equivalent_daily_dose.value(), totals[k], 1e-9) << "step " << 3 + k;
        EXPECT_NEAR(staged::diazepam_in(step), 30.0, 1e-9) << "diazepam held, step " << 3 + k;
        EXPECT_NEAR(step.daily_dose.value(), (totals[k] - 30.0) / 20.0, 1e-9) << "alprazolam left, step " << 3 + k;
        EXPECT_EQ(step.messages.at(0).code, taper::message_code::crossover_reduce_remaining) << "step " << 3 + k;
    }
    // The first cut keeps the alprazolam's proportions: 1 : 0.5 less a fifth of 30 mg-eq.
    const std::vector<dose_line> cut1 = {{"alprazolam", "morning", 0.8_mg},
                                         {"alprazolam", "midday", 0.4_mg},
                                         {"diazepam", "midday", 10.0_mg},
                                         {"diazepam", "night", 20.0_mg}};
    ASSERT_EQ(s.steps[2].doses.size(), cut1.size());
    for (std::size_t i = 0; i < cut1.size(); ++i) {
        EXPECT_EQ(s.steps[2].doses[i].drug, cut1[i].drug);
        EXPECT_EQ(s.steps[2].doses[i].time, cut1[i].time);
        EXPECT_NEAR(s.steps[2].doses[i].amount.value(), cut1[i].amount.value(), 1e-12);
    }
    // The last alprazolam cut is what was left: 1.88646 of 31.88646, 5.916%.
    EXPECT_NEAR(s.steps[8].messages[0][0].as_percent().value(), 1.88646 / 31.88646 * 100, 1e-9);
    const std::vector<dose_line> diazepam_only = {{"diazepam", "midday", 10.0_mg}, {"diazepam", "night", 20.0_mg}};
    EXPECT_EQ(s.steps[8].doses, diazepam_only);
    // Then the diazepam: 10% of 30, 27 mg, in the same proportions.
    EXPECT_NEAR(s.steps[9].equivalent_daily_dose.value(), 27.0, 1e-9);
    EXPECT_NEAR(s.steps[9].doses.at(1).amount.value(), 18.0, 1e-9);
    // No day of the plan has more than 30 mg diazepam, so the ceiling warning is not given.
    for (const auto& step : s.steps) EXPECT_LE(staged::diazepam_in(step), 30.0 + 1e-9) << "step " << step.number;
    EXPECT_FALSE(taper::contains(s.messages, taper::message_code::diazepam_equivalent_above_ceiling));
}

TEST(StrategyDiazepamCrossover, StagedSubstitutionSharesASmallRemainderBetweenTheLastTwoCuts) {
    // Alprazolam 2 mg at night = 40 mg diazepam; ceiling 30: 1.5 mg becomes 30 mg diazepam and
    // 0.5 mg (10 mg-eq) stays, at the same dose-time. A 20% cut of 40 is 8, leaving 2 mg-eq,
    // under half a cut: the 10 mg-eq are cut in two equal cuts of 5 (35, then 30).
    const auto s = taper::make_plan(taper::database::embedded(), staged::alprazolam(2.0_mg, {"night"}),
                                    staged::with_ceiling(30, 20));
    const std::vector<dose_line> switch1 = {{"alprazolam", "night", 0.5_mg}, {"diazepam", "night", 30.0_mg}};
    EXPECT_EQ(s.steps.at(0).doses, switch1);
    EXPECT_NEAR(s.steps.at(1).equivalent_daily_dose.value(), 35.0, 1e-9);
    EXPECT_NEAR(s.steps.at(1).daily_dose.value(), 0.25, 1e-12);
    EXPECT_NEAR(s.steps.at(2).equivalent_daily_dose.value(), 30.0, 1e-9);
    EXPECT_NEAR(s.steps.at(2).daily_dose.value(), 0.0, 1e-12);
    EXPECT_NEAR(s.steps.at(3).equivalent_daily_dose.value(), 24.0, 1e-9);  // 20% of the diazepam
}

TEST(StrategyDiazepamCrossover, StagedSubstitutionWithinTheCeilingIsTheWholeSwitch) {
    // 1.5 mg alprazolam = 30 mg diazepam: not above a 30 mg ceiling, so the plan is the usual one.
    const auto usual = taper::make_plan(taper::database::embedded(), alprazolam_three_times(), st::diazepam_crossover{});
    const auto ceiling = taper::make_plan(taper::database::embedded(), alprazolam_three_times(), staged::with_ceiling(30));
    ASSERT_EQ(usual.steps.size(), ceiling.steps.size());
    for (std::size_t i = 0; i < usual.steps.size(); ++i) {
        EXPECT_EQ(usual.steps[i].doses, ceiling.steps[i].doses) << "step " << i + 1;
        EXPECT_EQ(usual.steps[i].messages, ceiling.steps[i].messages) << "step " << i + 1;
    }
}

TEST(StrategyDiazepamCrossover, StagedSubstitutionLimitsChangeOnlyTheDrugStillTaken) {
    // The request's largest cut, 0.1 mg alprazolam (2 mg diazepam), is below a 10% cut of 60:
    // the cuts come off the alprazolam only; the diazepam stays at the ceiling.
    auto r = staged::alprazolam(1.0_mg, {"morning", "midday", "night"});
    r.max_step = 0.1_mg;
    const auto s = taper::make_plan(taper::database::embedded(), r, staged::with_ceiling(30));
    ASSERT_GT(s.steps.size(), 3u);
    EXPECT_NEAR(s.steps[2].equivalent_daily_dose.value(), 58.0, 1e-9);
    EXPECT_NEAR(staged::diazepam_in(s.steps[2]), 30.0, 1e-9);
    for (const auto& step : s.steps) {
        EXPECT_LE(staged::diazepam_in(step), 30.0 + 1e-9) << "step " << step.number;
        EXPECT_LE(step.change.value(), 2.0 + 1e-9) << "step " << step.number;
    }
}

TEST(StrategyDiazepamCrossover, StagedSubstitutionAHoldBetweenSwitchStepsDoesNotEndTheSwitch) {
    // The request holds after step 1 for 14 days: step 2 is that hold (the night switched,
    // 60 mg-eq), and step 3 is still the second switch (0.5 mg of the midday dose), not a cut.
    auto r = staged::alprazolam(1.0_mg, {"morning", "midday", "night"});
    r.holds = {{1, 14.0 * taper::units::day}};
    const auto s = taper::make_plan(taper::database::embedded(), r, staged::with_ceiling(30));
    ASSERT_GT(s.steps.size(), 4u);
    EXPECT_EQ(s.steps[1].phase, step_phase::hold);
    EXPECT_EQ(s.steps[2].phase, step_phase::switch_over);
    EXPECT_NEAR(s.steps[2].equivalent_daily_dose.value(), 60.0, 1e-9);
    EXPECT_NEAR(staged::diazepam_in(s.steps[2]), 30.0, 1e-9);
    EXPECT_NEAR(s.steps[3].equivalent_daily_dose.value(), 54.0, 1e-9);
}

TEST(StrategyDiazepamCrossover, TheSwitchCeilingIsAnOptionByNameAndMustBePositive) {
    taper::strategy_options o;
    o.set("switch_ceiling", 30.0_mg);
    const auto x = st::diazepam_crossover::from_options(o);
    ASSERT_TRUE(x.switch_ceiling.has_value());
    EXPECT_DOUBLE_EQ(x.switch_ceiling->value(), 30.0);
    EXPECT_FALSE(st::diazepam_crossover::from_options(taper::strategy_options{}).switch_ceiling.has_value());
    st::diazepam_crossover bad;
    bad.switch_ceiling = 0.0_mg;
    try {
        bad.validate();
        FAIL() << "a ceiling of 0 mg was accepted";
    } catch (const taper::strategy_error& e) {
        EXPECT_EQ(e.detail().option, "switch_ceiling");
    }
}
