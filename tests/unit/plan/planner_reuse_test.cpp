// Planning into a reused schedule (make_plan(into, ...)) gives exactly the plan a fresh value
// gets, whatever the value held before: no field of an earlier, different plan survives.
#include <taper/taper.hpp>

#include "../plan_fixture.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace taper::literals;
namespace strategies = taper::strategies;

const taper::database& db() { return taper::database::embedded(); }

void expect_same_step(const taper::step& a, const taper::step& b) {
    EXPECT_EQ(a.number, b.number);
    EXPECT_EQ(a.phase, b.phase);
    EXPECT_EQ(a.start, b.start);
    EXPECT_EQ(a.length, b.length);
    EXPECT_EQ(a.doses, b.doses);
    EXPECT_EQ(a.daily_dose, b.daily_dose);
    EXPECT_EQ(a.equivalent_daily_dose, b.equivalent_daily_dose);
    EXPECT_EQ(a.change, b.change);
    EXPECT_EQ(a.change_percent, b.change_percent);
    EXPECT_EQ(a.occupancy_percent, b.occupancy_percent);
    EXPECT_EQ(a.change_points, b.change_points);
    EXPECT_EQ(a.messages, b.messages);
    EXPECT_EQ(a.progress, b.progress);
}

void expect_same_plan(const taper::schedule& a, const taper::schedule& b) {
    EXPECT_EQ(a.drug, b.drug);
    EXPECT_EQ(a.strategy, b.strategy);
    EXPECT_EQ(a.basis, b.basis);
    EXPECT_EQ(a.start_dose, b.start_dose);
    EXPECT_EQ(a.start_equivalent_dose, b.start_equivalent_dose);
    EXPECT_EQ(a.start_occupancy_percent, b.start_occupancy_percent);
    EXPECT_EQ(a.start_split, b.start_split);
    EXPECT_EQ(a.occupancy_model, b.occupancy_model);
    EXPECT_EQ(a.occupancy_receptor, b.occupancy_receptor);
    EXPECT_EQ(a.equivalence_table, b.equivalence_table);
    EXPECT_EQ(a.start, b.start);
    EXPECT_EQ(a.messages, b.messages);
    EXPECT_EQ(a.strategy_texts, b.strategy_texts);
    EXPECT_EQ(a.basis_factors, b.basis_factors);
    EXPECT_EQ(a.subject.get(), b.subject.get());
    EXPECT_EQ(a.request.drug, b.request.drug);
    EXPECT_EQ(a.request.split, b.request.split);
    EXPECT_EQ(a.request.holds.size(), b.request.holds.size());
    ASSERT_EQ(a.steps.size(), b.steps.size());
    for (std::size_t i = 0; i < a.steps.size(); ++i) {
        SCOPED_TRACE(i);
        expect_same_step(a.steps[i], b.steps[i]);
    }
}

/// A crossover with a split, holds and pacing: long, three drugs' lines, plan messages.
taper::plan_request crossover_request() {
    auto r = taper::testing::request("alprazolam", 1.5_mg);
    r.split = {{"morning", 0.5_mg}, {"afternoon", 0.5_mg}, {"night", 0.5_mg}};
    r.holds = {{2, 14_d}};
    r.half_life_pacing = true;
    return r;
}

/// A short own-mg plan with a model: fewer steps, one dose line, occupancy on every step.
taper::plan_request short_request() {
    auto r = taper::testing::request("citalopram", 20_mg);
    r.max_step_points = 10_points;
    return r;
}

strategies::hyperbolic hyperbolic(double points) {
    strategies::hyperbolic h;
    h.points = points;
    return h;
}

TEST(PlannerReuse, ALongerDifferentPlanBeforeLeavesNothingBehind) {
    const auto crossover = crossover_request();
    const auto small = short_request();
    const taper::any_strategy s_cross = strategies::diazepam_crossover{};
    const taper::any_strategy s_small = hyperbolic(10);

    taper::schedule reused = taper::make_plan(db(), crossover, s_cross);
    ASSERT_GT(reused.steps.size(), taper::make_plan(db(), small, s_small).steps.size());
    taper::make_plan(reused, db(), small, s_small);
    expect_same_plan(reused, taper::make_plan(db(), small, s_small));
}

TEST(PlannerReuse, AShorterDifferentPlanBeforeGrowsIntoTheLongerOne) {
    const auto crossover = crossover_request();
    const taper::any_strategy s_cross = strategies::diazepam_crossover{};
    taper::schedule reused = taper::make_plan(db(), short_request(), hyperbolic(10));
    taper::make_plan(reused, db(), crossover, s_cross);
    expect_same_plan(reused, taper::make_plan(db(), crossover, s_cross));
}

// A reused step's dose lines keep their names when they already hold the ones the next plan
// writes: the planner compares them in words (4 to 16 bytes) before copying. Names of the
// same length that differ in one byte (at the start, the middle or the end) must still be
// rewritten: citalopram and sertraline (10 letters each), and dose-times of 3, 4-7, 8-16 and
// more than 16 letters.
TEST(PlannerReuse, DoseLineNamesOfTheSameLengthAreRewritten) {
    const auto split_request = [](std::string drug, taper::mass dose, std::vector<std::string> times) {
        auto r = taper::testing::request(std::move(drug), dose);
        for (auto& time : times) r.split.push_back({std::move(time), dose / static_cast<double>(4)});
        return r;
    };
    const taper::any_strategy strategy = strategies::proportional{};
    const auto first = split_request("citalopram", 20_mg, {"am1", "morning", "evening at nine", "after the evening meal, 8pm"});
    const std::vector<taper::plan_request> next = {
        split_request("sertraline", 100_mg, {"am2", "mornind", "evening at ninE", "after the evening meal, 9pm"}),
        split_request("sertraline", 100_mg, {"bm1", "Morning", "Evening at nine", "After the evening meal, 8pm"}),
        split_request("sertraline", 100_mg, {"a m", "mor-ing", "evening-at nine", "after the evening-meal, 8pm"}),
    };
    for (const auto& r : next) {
        SCOPED_TRACE(r.split[1].time);
        taper::schedule reused = taper::make_plan(db(), first, strategy);
        taper::make_plan(reused, db(), r, strategy);
        const taper::schedule fresh = taper::make_plan(db(), r, strategy);
        expect_same_plan(reused, fresh);
        ASSERT_FALSE(reused.steps.empty());
        ASSERT_EQ(reused.steps[0].doses.size(), 4u);
        EXPECT_EQ(reused.steps[0].doses[0].drug, "sertraline");
        for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(reused.steps[0].doses[i].time, r.split[i].time);
    }
}

/// A strategy that explains every step in its own words, as one written in C, Python or Swift
/// does (strategy_text messages and the plan's texts, which a reused plan rewrites in place).
struct talkative {
    std::string_view name() const { return "talkative"; }
    std::optional<taper::target> next(const taper::plan_context& ctx, std::span<const taper::step> done) const {
        if (done.size() >= 6) return std::nullopt;
        taper::target t;
        t.daily_dose = ctx.latest(done, ctx.start_dose()) * 0.8;
        t.note_text = "step " + std::to_string(done.size() + 1) + " of a strategy that says more than a short string holds";
        return t;
    }
};

TEST(PlannerReuse, PlanTextsOfAnEarlierPlanAreRewrittenNotKept) {
    const taper::any_strategy words = talkative{};
    const taper::any_strategy few = hyperbolic(10);
    const auto r = short_request();
    const taper::schedule fresh_words = taper::make_plan(db(), r, words);
    const taper::schedule fresh_few = taper::make_plan(db(), r, few);
    ASSERT_GT(fresh_words.strategy_texts.size(), fresh_few.strategy_texts.size());

    taper::schedule reused = taper::make_plan(db(), r, words);
    taper::make_plan(reused, db(), r, few);  // fewer texts than the value holds
    expect_same_plan(reused, fresh_few);
    taper::make_plan(reused, db(), r, words);  // more again
    expect_same_plan(reused, fresh_words);
    taper::make_plan(reused, db(), r, words);  // the same texts over the same strings
    expect_same_plan(reused, fresh_words);
}

TEST(PlannerReuse, PlanningFromTheValuesOwnRequestSnapshotWorks) {
    taper::schedule reused = taper::make_plan(db(), short_request(), hyperbolic(10));
    const taper::schedule fresh = taper::make_plan(db(), short_request(), hyperbolic(10));
    taper::make_plan(reused, db(), reused.request, hyperbolic(10));
    expect_same_plan(reused, fresh);
}

}  // namespace
