// A strategy written by a user of the library, plugged in both ways: at compile time (any
// type that satisfies taper::Strategy, passed to make_plan) and at run time (a factory in a
// taper::strategy_registry, made by name). The planner treats it exactly like a built-in:
// dates, limits, notes and the stop step are the planner's, not the strategy's.
#include <taper/messages/text.hpp>
#include <taper/taper.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using namespace taper::literals;

// "Halve the dose each step down to a floor (1 mg), then stop." It only says where the dose
// should go next; the planner adds the stop step once it returns nothing.
struct halve_to_floor {
    taper::mass floor = 1.0_mg;

    std::string_view name() const { return "halve-to-floor"; }

    std::optional<taper::target> next(const taper::plan_context& ctx, std::span<const taper::step> done) const {
        const taper::mass latest = ctx.latest(done, ctx.start_dose());
        if (latest <= floor) return std::nullopt;
        taper::target t;
        t.daily_dose = std::max(latest * 0.5, floor);
        t.note_text = "half of " + taper::to_string(latest);
        return t;
    }
};
static_assert(taper::Strategy<halve_to_floor>);

// Not strategies: the concept says why at compile time.
struct no_name {
    std::optional<taper::target> next(const taper::plan_context&, std::span<const taper::step>) const { return {}; }
};
struct wrong_result {
    std::string_view name() const { return "x"; }
    taper::mass next(const taper::plan_context&, std::span<const taper::step>) const { return {}; }
};
static_assert(!taper::Strategy<no_name>);
static_assert(!taper::Strategy<wrong_result>);

// A strategy that gives its own dose lines: the morning dose goes first, 5 mg a step, then
// the night dose.
struct morning_first {
    std::string_view name() const { return "morning-first"; }

    std::optional<taper::target> next(const taper::plan_context& ctx, std::span<const taper::step> done) const {
        const std::vector<taper::dose_line> now =
            done.empty() ? std::vector<taper::dose_line>{{ctx.subject.name, "morning", ctx.request.split.at(0).amount},
                                                         {ctx.subject.name, "night", ctx.request.split.at(1).amount}}
                         : done.back().doses;
        taper::target t;
        t.doses = now;
        auto& line = now[0].amount.value() > 0 ? t.doses[0] : t.doses[1];
        line.amount = std::max(line.amount - 5.0_mg, 0.0_mg);
        t.daily_dose = t.doses[0].amount + t.doses[1].amount;
        if (t.daily_dose.value() <= 0) return std::nullopt;  // the planner's stop step
        return t;
    }
};
static_assert(taper::Strategy<morning_first>);

taper::plan_request citalopram(taper::mass dose) {
    taper::plan_request r;
    r.drug = "citalopram";
    r.daily_dose = dose;
    r.start = taper::parse_date("2026-12-01");
    r.interval = 28_d;
    return r;
}

std::vector<double> doses_of(const taper::schedule& s) {
    std::vector<double> out;
    for (const auto& st : s.steps) out.push_back(st.daily_dose.value());
    return out;
}

// Citalopram 20 mg: 10, 5, 2.5, 1.25, then max(0.625, 1) = 1 mg; at the floor the strategy
// stops and the planner adds the step to 0. 28-day steps from 2026-12-01. SERT occupancy
// (Emax 83.98 %, ED50 2.33 mg): 20 mg 75.2172 %, 10 mg 68.1103, 5 mg 57.2851, 2.5 mg 43.4679,
// 1.25 mg 29.3226, 1 mg 25.2192.
void expect_halving_plan(const taper::schedule& s) {
    EXPECT_EQ(s.strategy, "halve-to-floor");
    EXPECT_EQ(doses_of(s), (std::vector<double>{10, 5, 2.5, 1.25, 1, 0}));
    const char* starts[] = {"2026-12-01", "2026-12-29", "2027-01-26", "2027-02-23", "2027-03-23", "2027-04-20"};
    const double occupancy[] = {68.1103, 57.2851, 43.4679, 29.3226, 25.2192, 0};
    ASSERT_EQ(s.steps.size(), 6U);
    for (std::size_t i = 0; i < s.steps.size(); ++i) {
        SCOPED_TRACE("step " + std::to_string(i + 1));
        EXPECT_EQ(taper::format_date(s.steps[i].start), starts[i]);
        EXPECT_NEAR(*s.steps[i].occupancy_percent, occupancy[i], 1e-4);
    }
    // A C++ strategy's free text is kept on the plan and referred to by a strategy_text message.
    ASSERT_EQ(s.steps[0].messages.size(), 1U);
    EXPECT_EQ(s.steps[0].messages[0].code, taper::message_code::strategy_text);
    EXPECT_EQ(taper::text(s.steps[0].messages[0], taper::context_of(s, &s.steps[0])), "half of 20 mg");
    EXPECT_EQ(s.steps.back().phase, taper::step_phase::stop);
    EXPECT_EQ(taper::format_date(s.end()), "2027-05-18");
}

TEST(CustomStrategy, AtCompileTime) {
    expect_halving_plan(taper::make_plan(taper::database::embedded(), citalopram(20_mg), halve_to_floor{}));
}

TEST(CustomStrategy, TheRequestsLimitsApplyToIt) {
    // At most 30 % a step: 20 → 14 → 9.8 → 6.86 → 4.802 → 3.3614 → 2.35298 → 1.647086
    // → 1.1529602 (each 0.7 × the last), then 1 mg (a 13.3 % cut), then the stop to 0,
    // which the % limit exempts.
    auto r = citalopram(20_mg);
    r.max_step_percent = 30;
    const auto s = taper::make_plan(taper::database::embedded(), r, halve_to_floor{});
    const std::vector<double> expected{14, 9.8, 6.86, 4.802, 3.3614, 2.35298, 1.647086, 1.1529602, 1, 0};
    ASSERT_EQ(s.steps.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_NEAR(s.steps[i].daily_dose.value(), expected[i], 1e-9) << "step " << i + 1;
        const bool capped = i < 8;
        EXPECT_EQ(taper::contains(s.steps[i].messages, taper::message_code::cut_limited_by_max_percent), capped)
            << "step " << i + 1;
    }
}

TEST(CustomStrategy, ItsOwnDoseLinesAreKeptAndScaledWhenALimitBites) {
    // 10 mg morning + 10 mg night: the morning dose goes first, 5 mg a step.
    auto r = citalopram(20_mg);
    r.split = {{"morning", 10_mg}, {"night", 10_mg}};
    const auto s = taper::make_plan(taper::database::embedded(), r, morning_first{});
    EXPECT_EQ(doses_of(s), (std::vector<double>{15, 10, 5, 0}));
    EXPECT_DOUBLE_EQ(s.steps[0].doses[0].amount.value(), 5);
    EXPECT_DOUBLE_EQ(s.steps[0].doses[1].amount.value(), 10);
    EXPECT_DOUBLE_EQ(s.steps[1].doses[0].amount.value(), 0);
    EXPECT_DOUBLE_EQ(s.steps[2].doses[1].amount.value(), 5);

    // At most 3 mg a step: the first step asks for 15 mg (5 + 10) and gets 17; its lines are
    // scaled by 17/15: morning 5.6667, night 11.3333.
    r.max_step = 3_mg;
    const auto limited = taper::make_plan(taper::database::embedded(), r, morning_first{});
    EXPECT_DOUBLE_EQ(limited.steps[0].daily_dose.value(), 17);
    EXPECT_NEAR(limited.steps[0].doses[0].amount.value(), 5.0 * 17 / 15, 1e-12);
    EXPECT_NEAR(limited.steps[0].doses[1].amount.value(), 10.0 * 17 / 15, 1e-12);
    for (const auto& st : limited.steps) EXPECT_LE(st.change.value(), 3 + 1e-12) << st.number;
}

taper::strategy_registry registry_with_halving() {
    taper::strategy_registry reg;
    taper::register_builtin_strategies(reg);
    // The floor comes from the options' `amount`; the schema refuses anything else.
    reg.add({"halve-to-floor",
             "halve the dose each step down to a floor, then stop",
             {.options = {{.name = "amount",
                           .kind = taper::option_kind::milligrams,
                           .description = "the floor",
                           .default_value = 1.0_mg,
                           .minimum = taper::option_bound{0.0_mg, false}}}},
             [](const taper::strategy_options& o) -> taper::any_strategy {
                 halve_to_floor h;
                 h.floor = *o.get<taper::mass>("amount");
                 return h;
             }});
    return reg;
}

TEST(CustomStrategy, AtRunTimeThroughTheRegistry) {
    const taper::strategy_registry reg = registry_with_halving();
    const auto* e = reg.find("halve-to-floor");
    ASSERT_NE(e, nullptr);
    EXPECT_NE(e->description.find("floor"), std::string::npos);

    const taper::any_strategy s = reg.make("halve-to-floor");
    EXPECT_EQ(s.name(), "halve-to-floor");
    expect_halving_plan(taper::make_plan(taper::database::embedded(), citalopram(20_mg), s));

    // Its option reaches it: a 4 mg floor gives 10, 5, 4, then 0.
    taper::strategy_options o;
    o.set("amount", 4_mg);
    const auto higher = taper::make_plan(taper::database::embedded(), citalopram(20_mg), reg.make("halve-to-floor", o));
    EXPECT_EQ(doses_of(higher), (std::vector<double>{10, 5, 4, 0}));

    taper::strategy_options wrong;
    wrong.set("percent", taper::percent(10.0 * taper::units::percent_of_dose));
    EXPECT_THROW((void)reg.make("halve-to-floor", wrong), taper::strategy_error);
}

TEST(CustomStrategy, SitsAmongTheBuiltinsInTheRegistry) {
    taper::strategy_registry reg = registry_with_halving();
    std::vector<std::string> names;
    for (const auto* e : reg.list()) names.emplace_back(e->name);
    EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
    EXPECT_NE(std::find(names.begin(), names.end(), "halve-to-floor"), names.end());
    EXPECT_NE(std::find(names.begin(), names.end(), "hyperbolic"), names.end());
    // A name can be taken once.
    const auto make = [](const taper::strategy_options&) -> taper::any_strategy { return halve_to_floor{}; };
    EXPECT_THROW(reg.add({"halve-to-floor", "again", {}, make}), taper::strategy_error);
    EXPECT_THROW(reg.add({"linear", "shadowing a built-in", {}, make}), taper::strategy_error);
    // A misspelt name is an error that points to the right one.
    try {
        (void)reg.make("halve-to-flor");
        ADD_FAILURE() << "expected a strategy_error";
    } catch (const taper::strategy_error& err) {
        EXPECT_NE(std::string(err.what()).find("did you mean \"halve-to-floor\""), std::string::npos) << err.what();
    }
    // The shared built-in registry is not changed by adding to a copy.
    EXPECT_EQ(taper::builtin_strategies().find("halve-to-floor"), nullptr);
}

TEST(CustomStrategy, AnyStrategyCopiesPlanTheSame) {
    const taper::any_strategy a = halve_to_floor{2.0_mg};
    const taper::any_strategy b = a;  // NOLINT(performance-unnecessary-copy-initialization): the copy is the point
    const auto& db = taper::database::embedded();
    EXPECT_EQ(doses_of(taper::make_plan(db, citalopram(20_mg), a)),
              doses_of(taper::make_plan(db, citalopram(20_mg), b)));
    EXPECT_EQ(doses_of(taper::make_plan(db, citalopram(20_mg), b)), (std::vector<double>{10, 5, 2.5, 2, 0}));
}

}  // namespace
