// Replanning from a plan and its journal: each action, patient pacing, and a property test over
// random journals (holds, step-backs, missed doses): a replanned plan never breaks the original
// request's constraints (never above the start, the limits on a cut, no abrupt stop unwarned).
#include <taper/plan/limits.hpp>
#include <taper/plan/plan.hpp>
#include <taper/replan/replan.hpp>
#include <taper/units/literals.hpp>

#include "../plan_fixture.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <random>
#include <string>

namespace {

using namespace taper::literals;
using taper::message_code;
using taper::testing::has_code;

taper::date day(const char* iso) { return taper::parse_date(iso); }
double mg(taper::mass m) { return taper::in(m, taper::units::mg); }

taper::journal_entry entry(taper::date d, taper::mass taken, std::vector<taper::symptom_rating> ratings = {}) {
    taper::journal_entry e;
    e.day = d;
    e.doses = {{"daily", taken, taper::dose_status::taken}};
    e.ratings = std::move(ratings);
    return e;
}

const taper::database& db() { return taper::database::embedded(); }

// Sertraline 50 mg, 12.5 mg a step, at most 25% of the most recent dose per cut, 28 days.
taper::plan_request sertraline_request() {
    auto r = taper::testing::request("sertraline", 50_mg);
    r.max_step_percent = 25.0 * taper::units::percent_of_dose;
    return r;
}
const taper::strategies::linear by_12_5{12.5_mg};

TEST(Replan, HoldKeepsTheCurrentDoseForTheTolerableDaysThenContinues) {
    const auto history = taper::start_history(taper::make_plan(db(), sertraline_request(), by_12_5));
    taper::journal j;
    j.entries = {entry(day("2026-12-30"), 37.5_mg, {{taper::symptom::dizziness, 2}})};
    taper::replan_request r;
    r.action = taper::replan_action::hold;
    r.today = day("2026-12-31");
    r.tolerable_for = 14.0 * taper::units::day;
    const auto h = taper::replan(db(), history, j, by_12_5, r);
    ASSERT_EQ(h.versions.size(), 2U);
    const auto& p = h.current();
    ASSERT_FALSE(p.steps.empty());
    EXPECT_EQ(p.steps[0].phase, taper::step_phase::hold);
    EXPECT_EQ(p.steps[0].start, r.today);
    EXPECT_DOUBLE_EQ(taper::in(p.steps[0].length, taper::units::day), 14.0);
    EXPECT_DOUBLE_EQ(mg(p.steps[0].daily_dose), 37.5);  // the dose recorded, not the plan's 25 mg
    EXPECT_EQ(p.steps[1].start, day("2027-01-14"));
    EXPECT_DOUBLE_EQ(mg(p.steps[1].daily_dose), 28.125);  // 25% of 37.5 mg off (the request's limit)
    EXPECT_TRUE(has_code(h.versions.back().reasons, message_code::replan_hold));
    // The original is kept as history.
    EXPECT_DOUBLE_EQ(mg(h.original().start_dose), 50.0);
}

TEST(Replan, ADayOfMissedDosesIsNotTakenAsTheDoseNow) {
    const auto history = taper::start_history(taper::make_plan(db(), sertraline_request(), by_12_5));
    taper::journal j;
    j.entries = {entry(day("2026-12-30"), 37.5_mg)};
    taper::journal_entry missed;
    missed.day = day("2026-12-31");
    missed.doses = {{"daily", 28.125_mg, taper::dose_status::missed}};
    j.entries.push_back(missed);
    taper::replan_request r;
    r.action = taper::replan_action::hold;
    r.today = day("2027-01-01");
    const auto h = taper::replan(db(), history, j, by_12_5, r);
    // 37.5 mg, recorded the day before: the missed day says nothing about the dose.
    EXPECT_DOUBLE_EQ(mg(h.current().steps[0].daily_dose), 37.5);
}

TEST(Replan, GoBackReturnsToTheLastToleratedDoseAndHalvesTheCut) {
    const auto history = taper::start_history(taper::make_plan(db(), sertraline_request(), by_12_5));
    // The plan: 37.5 mg from 2026-12-01 (a 25% cut), 28.125 mg from 2026-12-29.
    ASSERT_DOUBLE_EQ(mg(history.current().steps[1].daily_dose), 28.125);
    taper::journal j;
    j.entries = {entry(day("2026-12-28"), 37.5_mg), entry(day("2026-12-29"), 28.125_mg),
                 entry(day("2026-12-31"), 28.125_mg, {{taper::symptom::electric_shocks, 3}})};
    taper::replan_request r;
    r.action = taper::replan_action::go_back;
    r.today = day("2027-01-01");
    const auto h = taper::replan(db(), history, j, by_12_5, r);
    const auto& p = h.current();
    EXPECT_EQ(p.steps[0].phase, taper::step_phase::hold);
    EXPECT_DOUBLE_EQ(mg(p.steps[0].daily_dose), 37.5);
    // The last cut was 25%; slowed to half: at most 12.5% of the most recent dose.
    ASSERT_TRUE(p.request.max_step_percent.has_value());
    EXPECT_DOUBLE_EQ(taper::in(*p.request.max_step_percent, taper::units::percent_of_dose), 12.5);
    EXPECT_DOUBLE_EQ(mg(p.steps[1].daily_dose), 37.5 * 0.875);
    const auto& why = h.versions.back().reasons;
    EXPECT_DOUBLE_EQ(mg(taper::testing::param(why, message_code::replan_go_back, "to").as_mass()), 37.5);
    EXPECT_TRUE(has_code(why, message_code::replan_slow_down));
}

TEST(Replan, ADeadlineCountsFromTheOriginalStartOrIsReleasedWithAWarning) {
    auto req = sertraline_request();
    req.max_duration = 400.0 * taper::units::day;
    const auto history = taper::start_history(taper::make_plan(db(), req, by_12_5));
    taper::journal j;
    taper::replan_request r;
    r.action = taper::replan_action::hold;
    r.today = day("2027-02-01");
    r.tolerable_for = 200.0 * taper::units::day;
    ASSERT_GT(mg(taper::dose_on(history.current(), j, r.today)), 0.0);
    const auto h = taper::replan(db(), history, j, by_12_5, r);
    EXPECT_EQ(h.current().steps[0].phase, taper::step_phase::hold);
    // 2026-12-01 + 400 days = 2028-01-05: the new plan ends by then, or says it cannot.
    if (!has_code(h.versions.back().reasons, message_code::replan_deadline_released)) {
        EXPECT_LE(h.current().end(), day("2028-01-05"));
    }
    // A hold longer than the whole deadline cannot keep it.
    r.tolerable_for = 500.0 * taper::units::day;
    const auto late = taper::replan(db(), history, j, by_12_5, r);
    EXPECT_TRUE(has_code(late.versions.back().reasons, message_code::replan_deadline_released));
}

TEST(PatientPacing, TheNextCutIsOfferedOnlyAfterTolerableDaysAndCanBeLowered) {
    const auto history = taper::start_history(taper::make_plan(db(), sertraline_request(), by_12_5));
    taper::journal j;
    for (int d = 0; d < 10; ++d)
        j.entries.push_back(entry(day("2026-12-20") + std::chrono::days{d}, 37.5_mg,
                                  {{taper::symptom::anxiety, d < 5 ? 2 : 1}}));
    // Moderate until 2026-12-24; tolerable from 2026-12-25: 5 days on 2026-12-29.
    auto o = taper::offer_next_cut(history, j, day("2026-12-29"), 7.0 * taper::units::day);
    EXPECT_FALSE(o.ready);
    EXPECT_DOUBLE_EQ(taper::in(o.tolerable_so_far, taper::units::day), 5.0);
    EXPECT_DOUBLE_EQ(mg(o.offered), 37.5);
    EXPECT_TRUE(has_code(o.reasons, message_code::not_ready_for_next_cut));
    // 2026-12-31: 7 days; the plan's next dose is 28.125 mg; the person halves the cut.
    o = taper::offer_next_cut(history, j, day("2026-12-31"), 7.0 * taper::units::day, 0.5);
    EXPECT_TRUE(o.ready);
    EXPECT_DOUBLE_EQ(mg(o.offered), 37.5 - (37.5 - 28.125) / 2);
    EXPECT_TRUE(has_code(o.reasons, message_code::cut_lowered_by_person));
}

TEST(Replan, FactorsOutOfRangeAndAnEmptyHistoryAreRefused) {
    const auto history = taper::start_history(taper::make_plan(db(), sertraline_request(), by_12_5));
    const auto field_of = [&](const taper::plan_history& h, taper::replan_request r) {
        try {
            (void)taper::replan(db(), h, taper::journal{}, by_12_5, r);
        } catch (const taper::plan_error& e) {
            return e.detail().option;
        }
        return std::string("accepted");
    };
    taper::replan_request r;
    r.today = day("2026-12-10");
    for (double bad : {0.0, -0.5, 1.5, std::nan("")}) {
        r.cut_share_factor = bad;
        EXPECT_EQ(field_of(history, r), "cut_share_factor") << bad;
    }
    r.cut_share_factor = 1.0;  // the same cut again is allowed
    EXPECT_EQ(field_of(history, r), "accepted");
    for (double bad : {0.5, 0.0, std::nan("")}) {  // a replan never speeds up
        r.interval_factor = bad;
        EXPECT_EQ(field_of(history, r), "interval_factor") << bad;
    }
    r.interval_factor = 1.0;
    EXPECT_THROW((void)taper::replan(db(), taper::plan_history{}, taper::journal{}, by_12_5, r), taper::plan_error);
}

TEST(Replan, AfterTheLastStepTheDoseIsTheLastStepsAndAStoppedTaperIsNotReplanned) {
    // 50 mg by 12.5 mg, at most 25% a cut: the plan ends with a stop to 0 mg.
    const auto history = taper::start_history(taper::make_plan(db(), sertraline_request(), by_12_5));
    const auto& plan = history.current();
    ASSERT_DOUBLE_EQ(mg(plan.steps.back().daily_dose), 0.0);
    const taper::date after = plan.end() + std::chrono::days{30};
    EXPECT_DOUBLE_EQ(mg(taper::dose_on(plan, taper::journal{}, after)), 0.0);
    // Before the plan's start: the starting dose.
    EXPECT_DOUBLE_EQ(mg(taper::dose_on(plan, taper::journal{}, day("2026-11-01"))), 50.0);
    taper::replan_request r;
    r.today = after;
    try {
        (void)taper::replan(db(), history, taper::journal{}, by_12_5, r);
        FAIL() << "a stopped taper was replanned";
    } catch (const taper::plan_error& e) {
        EXPECT_EQ(e.detail().option, "today");
        EXPECT_EQ(e.detail().input, taper::format_date(after));
    }
    // A journal saying the person still takes 5 mg that day is replanned from 5 mg.
    taper::journal j;
    j.entries = {entry(after, 5_mg)};
    const auto h = taper::replan(db(), history, j, by_12_5, r);
    EXPECT_DOUBLE_EQ(mg(h.current().start_dose), 5.0);
}

TEST(Replan, TheStartingSplitIsScaledToTheNewDose) {
    // 50 mg as 30 mg morning + 20 mg night; held at 37.5 mg: 22.5 mg + 15 mg (the same 60:40).
    auto req = sertraline_request();
    req.split = {{"morning", 30_mg}, {"night", 20_mg}};
    const auto history = taper::start_history(taper::make_plan(db(), req, by_12_5));
    taper::journal j;
    j.entries = {entry(day("2026-12-20"), 37.5_mg)};
    taper::replan_request r;
    r.action = taper::replan_action::hold;
    r.today = day("2026-12-21");
    const auto replanned = taper::replan(db(), history, j, by_12_5, r);
    const auto& p = replanned.current();
    ASSERT_EQ(p.request.split.size(), 2U);
    EXPECT_EQ(p.request.split[0].time, "morning");
    EXPECT_DOUBLE_EQ(mg(p.request.split[0].amount), 22.5);
    EXPECT_EQ(p.request.split[1].time, "night");
    EXPECT_DOUBLE_EQ(mg(p.request.split[1].amount), 15.0);
    // The hold step takes the same doses at the same times.
    ASSERT_EQ(p.steps[0].doses.size(), 2U);
    EXPECT_DOUBLE_EQ(mg(p.steps[0].doses[0].amount), 22.5);
    EXPECT_DOUBLE_EQ(mg(p.steps[0].doses[1].amount), 15.0);
}

TEST(Replan, SlowingDownLengthensEveryPhasesStepsToo) {
    // Steps of 28 days, switch-like holds of 14: slowed by 1.5, 42 and 21 days.
    auto req = sertraline_request();
    req.phase_interval = {{taper::step_phase::hold, 14.0 * taper::units::day}};
    const auto history = taper::start_history(taper::make_plan(db(), req, by_12_5));
    taper::replan_request r;
    r.action = taper::replan_action::slow_down;
    r.today = day("2026-12-10");
    r.interval_factor = 1.5;
    const auto replanned = taper::replan(db(), history, taper::journal{}, by_12_5, r);
    const auto& p = replanned.current();
    EXPECT_DOUBLE_EQ(taper::in(p.request.interval, taper::units::day), 42.0);
    EXPECT_DOUBLE_EQ(taper::in(p.request.phase_interval.at(taper::step_phase::hold), taper::units::day), 21.0);
    EXPECT_DOUBLE_EQ(taper::in(p.steps[0].length, taper::units::day), 42.0);
}

TEST(Replan, TheRemainingStepsCountFromTheOriginalAndAreReleasedWhenTheyCannotBeKept) {
    // 50 → 37.5 → 25 → 12.5 → 0 mg by 12.5 mg: 4 steps of 28 days from 2026-12-01, at most 4.
    auto req = taper::testing::request("sertraline", 50_mg);
    req.max_steps = 4;
    const auto history = taper::start_history(taper::make_plan(db(), req, by_12_5));
    ASSERT_EQ(history.current().steps.size(), 4U);
    // On 2026-12-30 two steps have started (12-01, 12-29): 2 are left, and continuing keeps them.
    taper::replan_request r;
    r.today = day("2026-12-30");
    const auto kept = taper::replan(db(), history, taper::journal{}, by_12_5, r);
    ASSERT_TRUE(kept.current().request.max_steps.has_value());
    EXPECT_EQ(*kept.current().request.max_steps, 2);
    EXPECT_EQ(kept.current().steps.size(), 2U);  // 25 → 12.5 → 0
    EXPECT_FALSE(has_code(kept.versions.back().reasons, message_code::replan_deadline_released));
    // Going back to 37.5 mg with cuts of at most 16.7% (half of the last 33.3%) takes more than
    // 2 steps: the count is released, with the reason said, rather than the replan refused.
    r.action = taper::replan_action::go_back;
    const auto back = taper::replan(db(), history, taper::journal{}, by_12_5, r);
    EXPECT_FALSE(back.current().request.max_steps.has_value());
    EXPECT_GT(back.current().steps.size(), 3U);
    EXPECT_TRUE(has_code(back.versions.back().reasons, message_code::replan_deadline_released));
    EXPECT_TRUE(has_code(back.current().messages, message_code::replan_deadline_released));
}

// The property: over random journals and random sequences of replans, every version keeps the
// original constraints.
TEST(ReplanProperty, ARepannedPlanNeverBreaksTheOriginalConstraints) {
    std::mt19937 rng(20261201);
    const taper::replan_action actions[] = {taper::replan_action::continue_plan, taper::replan_action::hold,
                                            taper::replan_action::go_back, taper::replan_action::slow_down,
                                            taper::replan_action::resume};
    struct setup {
        const char* drug;
        taper::mass start;
        taper::mass step;
    };
    const setup setups[] = {{"sertraline", 100_mg, 25_mg}, {"diazepam", 20_mg, 2_mg}, {"citalopram", 20_mg, 5_mg}};
    int checked = 0;
    for (int trial = 0; trial < 60; ++trial) {
        const auto& s = setups[static_cast<std::size_t>(trial) % std::size(setups)];
        auto req = taper::testing::request(s.drug, s.start);
        req.max_step_percent = (10.0 + static_cast<double>(rng() % 30)) * taper::units::percent_of_dose;
        if (rng() % 2) req.max_step = s.step * 0.8;
        if (rng() % 3 == 0) req.final_dose = s.start * 0.05;
        const taper::strategies::linear strategy{s.step};
        auto history = taper::start_history(taper::make_plan(db(), req, strategy));
        const auto limits = taper::step_limits::of(req, nullptr);
        taper::journal j;
        taper::date today = req.start;
        for (int round = 0; round < 4; ++round) {
            if (mg(taper::dose_on(history.current(), taper::journal{}, today)) <= 0) break;  // the taper has ended
            // A stretch of days: doses as planned, some missed, some symptoms.
            const int stretch = 5 + static_cast<int>(rng() % 40);
            for (int d = 0; d < stretch; ++d, today += std::chrono::days{1}) {
                const taper::mass planned = taper::dose_on(history.current(), taper::journal{}, today);
                taper::journal_entry e;
                e.day = today;
                e.doses = {{"daily", planned, rng() % 10 == 0 ? taper::dose_status::missed : taper::dose_status::taken}};
                if (rng() % 4 == 0) e.ratings = {{taper::symptom::dizziness, static_cast<int>(rng() % 4)}};
                j.entries.push_back(e);
            }
            if (mg(taper::dose_on(history.current(), taper::journal{}, today)) <= 0) break;  // ended meanwhile
            taper::replan_request r;
            r.action = actions[rng() % std::size(actions)];
            r.today = today;
            r.tolerable_for = static_cast<double>(1 + rng() % 21) * taper::units::day;
            r.interval_factor = 1.0 + static_cast<double>(rng() % 3) * 0.5;
            history = taper::replan(db(), history, j, strategy, r);
            const auto& p = history.current();
            SCOPED_TRACE(std::string(s.drug) + " trial " + std::to_string(trial) + " round " + std::to_string(round) +
                         " action " + std::string(taper::to_string(r.action)));
            taper::mass previous = p.start_dose;
            EXPECT_LE(mg(p.start_dose), mg(s.start) + 1e-9);
            for (const auto& st : p.steps) {
                EXPECT_LE(mg(st.daily_dose), mg(s.start) + 1e-9) << "step " << st.number;
                if (st.phase == taper::step_phase::reduce) {
                    EXPECT_FALSE(limits.breaks_mass(previous, st.daily_dose, 1e-9 * taper::units::mg)) << st.number;
                    EXPECT_FALSE(limits.breaks_share(previous, st.daily_dose, 1e-9 * taper::units::mg)) << st.number;
                }
                if (st.phase == taper::step_phase::stop && mg(st.daily_dose) == 0 && mg(previous) > mg(s.start) / 20 + 1e-9) {
                    EXPECT_TRUE(has_code(st.messages, message_code::abrupt_stop) ||
                                has_code(st.messages, message_code::abrupt_stop_seizure_risk))
                        << "an abrupt stop from " << mg(previous) << " mg without a warning";
                }
                previous = st.daily_dose;
                ++checked;
            }
            // Slowing down only ever tightens the limit on a cut.
            if (p.request.max_step_percent) {
                EXPECT_LE(taper::in(*p.request.max_step_percent, taper::units::percent_of_dose),
                          taper::in(*req.max_step_percent, taper::units::percent_of_dose) + 1e-9);
            }
            EXPECT_EQ(p.request.final_dose, req.final_dose);
            EXPECT_EQ(p.request.max_step, req.max_step);
        }
        EXPECT_GE(history.versions.size(), 2U);
    }
    EXPECT_GT(checked, 100);
}

}  // namespace
