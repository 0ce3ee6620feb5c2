// The strategy registry, and a user-defined strategy plugged in at compile time and at run
// time, against hand-computed values.
#include <taper/plan/plan.hpp>
#include <taper/units/literals.hpp>
#include <taper/units/parse.hpp>
#include <taper/units/from_value.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

namespace {

using namespace taper::literals;
using taper::step_phase;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

template <class F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const taper::strategy_error& e) {
        return e.what();
    }
    return "(no strategy_error)";
}

// A user's own strategy: halve the most recent dose at every step until it is at or below
// `stop_at`, then let the planner add the stop step. Nothing of taper's but the concept.
struct halving {
    taper::mass stop_at = 3.0_mg;

    std::string_view name() const { return "halving"; }
    std::optional<taper::target> next(const taper::plan_context& ctx, std::span<const taper::step> done) const {
        const taper::mass latest = ctx.latest(done, ctx.start_dose());
        if (latest <= stop_at) return std::nullopt;
        taper::target t;
        t.daily_dose = latest * 0.5;
        t.note_text = "halved";
        return t;
    }
};
static_assert(taper::Strategy<halving>);

taper::any_strategy make_halving(const taper::strategy_options& o) {
    return halving{*o.get<taper::mass>("stop_at")};
}

// Its schema: one option, checked by the registry before make_halving sees it.
taper::strategy_definition halving_definition(std::string name, std::string description,
                                              taper::strategy_factory make = make_halving) {
    return {std::move(name), std::move(description),
            taper::strategy_schema{.options = {{.name = "stop_at",
                                                .kind = taper::option_kind::milligrams,
                                                .description = "stop halving at or below this dose",
                                                .default_value = 3.0_mg}}},
            std::move(make)};
}

taper::percent pct(double v) { return v * taper::units::percent_of_dose; }
taper::occupancy_points pp(double v) { return v * taper::units::points; }

// The option a strategy_error names.
template <class F>
std::string option_of(F&& f) {
    try {
        f();
    } catch (const taper::strategy_error& e) {
        return e.option();
    }
    return "(no strategy_error)";
}

taper::plan_request citalopram_20() {
    taper::plan_request r;
    r.drug = "citalopram";
    r.daily_dose = 20.0_mg;
    r.start = taper::parse_date("2026-12-01");
    r.interval = taper::from_value<taper::duration>(14);
    return r;
}

// Citalopram 20 mg halved, 14-day steps from 2026-12-01: 10, 5, 2.5 mg, then the stop step
// to 0. SERT occupancy (Sørensen 2022: Emax 83.98 %, ED50 2.33 mg): occ = 83.98·D/(2.33 + D)
//   20 mg: 1679.6/22.33 = 75.2172 %   10 mg: 839.8/12.33 = 68.1103 %
//   5 mg: 419.9/7.33 = 57.2851 %      2.5 mg: 209.95/4.83 = 43.4679 %      0 mg: 0 %
void expect_halving_plan(const taper::schedule& s) {
    EXPECT_EQ(s.strategy, "halving");
    ASSERT_EQ(s.steps.size(), 4u);
    const double doses[] = {10, 5, 2.5, 0};
    const double occupancy[] = {68.1103, 57.2851, 43.4679, 0};
    const double points[] = {75.2172 - 68.1103, 68.1103 - 57.2851, 57.2851 - 43.4679, 43.4679};
    const char* starts[] = {"2026-12-01", "2026-12-15", "2026-12-29", "2027-01-12"};
    for (std::size_t i = 0; i < 4; ++i) {
        const auto& st = s.steps[i];
        SCOPED_TRACE("step " + std::to_string(i + 1));
        EXPECT_EQ(st.number, static_cast<int>(i) + 1);
        EXPECT_DOUBLE_EQ(st.daily_dose.value(), doses[i]);
        EXPECT_DOUBLE_EQ(taper::in(st.change_percent, taper::units::percent_of_dose), i < 3 ? 50.0 : 100.0);
        EXPECT_EQ(taper::format_date(st.start), starts[i]);
        EXPECT_EQ(st.length.value(), 14);
        ASSERT_TRUE(st.occupancy_percent.has_value());
        EXPECT_NEAR(taper::in(*st.occupancy_percent, taper::units::points), occupancy[i], 1e-4);
        EXPECT_NEAR(taper::in(*st.change_points, taper::units::points), points[i], 2e-4);
        EXPECT_EQ(st.phase, i < 3 ? step_phase::reduce : step_phase::stop);
    }
    EXPECT_EQ(taper::format_date(s.end()), "2027-01-26");
}

TEST(StrategyRegistry, AddFindAndListSortedByName) {
    taper::strategy_registry reg;
    EXPECT_TRUE(reg.list().empty());
    EXPECT_EQ(reg.find("halving"), nullptr);
    reg.add(halving_definition("zeta", "the last"));
    reg.add(halving_definition("halving", "halve each step"));
    const auto* e = reg.find("halving");
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->name, "halving");
    EXPECT_EQ(e->description, "halve each step");
    EXPECT_EQ(reg.find("Halving"), nullptr);  // names are exact
    const auto all = reg.list();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0]->name, "halving");
    EXPECT_EQ(all[1]->name, "zeta");
}

TEST(StrategyRegistry, DuplicateOrEmptyNameIsAnError) {
    taper::strategy_registry reg;
    reg.add(halving_definition("halving", ""));
    const std::string message = error_of([&] { reg.add(halving_definition("halving", "again")); });
    EXPECT_TRUE(has(message, "\"halving\" is already registered")) << message;
    EXPECT_EQ(reg.find("halving")->description, "");  // the first one stays
    EXPECT_THROW(reg.add(halving_definition("", "no name")), taper::strategy_error);
    EXPECT_THROW(reg.add(halving_definition("  ", "blank name")), taper::strategy_error);
    EXPECT_THROW(reg.add(halving_definition("nothing", "no factory", taper::strategy_factory{})), taper::strategy_error);
    EXPECT_EQ(reg.list().size(), 1u);
}

TEST(StrategyRegistry, UnknownNameListsTheKnownOnesAndSuggests) {
    const auto& reg = taper::builtin_strategies();
    const std::string slip = error_of([&] { (void)reg.make("hyperbolc"); });
    EXPECT_TRUE(has(slip, "unknown strategy \"hyperbolc\"")) << slip;
    EXPECT_TRUE(has(slip, "did you mean \"hyperbolic\"?")) << slip;
    for (const char* name : {"antipsychotic", "diazepam-crossover", "hyperbolic", "linear", "proportional",
                             "proportional-of-start", "table", "tapering-strip"})
        EXPECT_TRUE(has(slip, name)) << name << " missing from: " << slip;

    const std::string far = error_of([&] { (void)reg.make("zzzzzzzzzzzz"); });
    EXPECT_FALSE(has(far, "did you mean")) << far;  // nothing close: no guess
    EXPECT_TRUE(has(far, "known: antipsychotic, diazepam-crossover")) << far;

    const taper::strategy_registry empty;
    EXPECT_TRUE(has(error_of([&] { (void)empty.make("linear"); }), "no strategies are registered"));
}

TEST(StrategyRegistry, BuiltinsArePresentAndNamedAsTheyMake) {
    const auto& reg = taper::builtin_strategies();
    EXPECT_EQ(&reg, &taper::builtin_strategies());  // made once
    std::vector<std::string> names;
    for (const auto* e : reg.list()) {
        names.push_back(e->name);
        EXPECT_FALSE(e->description.empty()) << e->name;
    }
    const std::vector<std::string> expected{"antipsychotic", "diazepam-crossover", "hyperbolic", "linear",
                                            "proportional", "proportional-of-start", "table", "tapering-strip"};
    EXPECT_EQ(names, expected);

    taper::strategy_options amount;
    amount.set("amount", 2.5_mg);
    EXPECT_EQ(reg.make("linear", amount).name(), "linear");
    taper::strategy_options rows;
    rows.set("table", std::vector<taper::table_row>{{10.0_mg, std::nullopt}, {5.0_mg, std::nullopt}});
    EXPECT_EQ(reg.make("table", rows).name(), "table");
    for (const char* name : {"proportional", "proportional-of-start", "hyperbolic", "antipsychotic",
                             "diazepam-crossover", "tapering-strip"})
        EXPECT_EQ(reg.make(name).name(), name);

    // A registry of one's own gets the same built-ins by the same explicit call.
    taper::strategy_registry own;
    taper::register_builtin_strategies(own);
    EXPECT_EQ(own.list().size(), expected.size());
    EXPECT_THROW(taper::register_builtin_strategies(own), taper::strategy_error);  // twice: duplicates
}

TEST(StrategyRegistry, BuiltinsRejectOptionsTheyCannotUse) {
    const auto& reg = taper::builtin_strategies();
    taper::strategy_options percent;
    percent.set("percent", pct(10));
    const std::string linear_percent = error_of([&] { (void)reg.make("linear", percent); });
    EXPECT_TRUE(has(linear_percent, "linear strategy: the option \"percent\" does not apply")) << linear_percent;
    EXPECT_EQ(option_of([&] { (void)reg.make("linear", percent); }), "percent");
    EXPECT_TRUE(has(error_of([&] { (void)reg.make("linear"); }), "needs the option \"amount\""));
    EXPECT_EQ(option_of([&] { (void)reg.make("linear"); }), "amount");
    EXPECT_EQ(option_of([&] { (void)reg.make("hyperbolic", percent); }), "percent");

    taper::strategy_options fraction;
    fraction.set("final_fraction", taper::percent(0.1 * taper::units::fraction));
    EXPECT_NO_THROW((void)reg.make("proportional", fraction));
    EXPECT_EQ(option_of([&] { (void)reg.make("proportional-of-start", fraction); }), "final_fraction");

    taper::strategy_options extra;
    extra.set("colour", std::string("blue"));
    EXPECT_TRUE(has(error_of([&] { (void)reg.make("proportional", extra); }), "\"colour\""));
    EXPECT_EQ(option_of([&] { (void)reg.make("proportional", extra); }), "colour");

    // A slip in an option's name: the nearest name the strategy takes.
    taper::strategy_options slip;
    slip.set("pecrent", pct(10));
    EXPECT_TRUE(has(error_of([&] { (void)reg.make("proportional", slip); }), "did you mean \"percent\"?"));
    // A value of the wrong kind: points where a percentage belongs.
    taper::strategy_options kind;
    kind.set("percent", pp(10));
    const std::string wrong_kind = error_of([&] { (void)reg.make("proportional", kind); });
    EXPECT_TRUE(has(wrong_kind, "expected a percentage")) << wrong_kind;
    EXPECT_TRUE(has(wrong_kind, "not receptor occupancy points")) << wrong_kind;

    for (double bad : {0.0, -5.0, 100.0, 150.0, std::numeric_limits<double>::quiet_NaN(),
                       std::numeric_limits<double>::infinity()}) {
        taper::strategy_options p;
        p.set("percent", pct(bad));
        EXPECT_THROW((void)reg.make("proportional", p), taper::strategy_error) << bad;
        EXPECT_THROW((void)reg.make("proportional-of-start", p), taper::strategy_error) << bad;
        taper::strategy_options pts;
        pts.set("points", pp(bad));
        EXPECT_THROW((void)reg.make("hyperbolic", pts), taper::strategy_error) << bad;
    }
    taper::strategy_options zero;
    zero.set("amount", 0.0_mg);
    EXPECT_THROW((void)reg.make("linear", zero), taper::strategy_error);

    taper::strategy_options both;
    both.set("points", pp(5)).set("occupancy_targets", std::vector{pp(70), pp(60)});
    EXPECT_TRUE(has(error_of([&] { (void)reg.make("hyperbolic", both); }), "not both"));
    taper::strategy_options rising;
    rising.set("occupancy_targets", std::vector{pp(60), pp(70)});
    EXPECT_TRUE(has(error_of([&] { (void)reg.make("hyperbolic", rising); }), "strictly decrease"));
}

TEST(StrategyRegistry, OptionsReachTheStrategy) {
    // linear 2.5 mg from sertraline 10 mg: 7.5, 5, 2.5, 0 — four steps.
    const auto& reg = taper::builtin_strategies();
    taper::strategy_options o;
    o.set("amount", 2.5_mg);
    taper::plan_request r = citalopram_20();
    r.drug = "sertraline";
    r.daily_dose = 10.0_mg;
    const auto s = taper::make_plan(taper::database::embedded(), r, reg.make("linear", o));
    ASSERT_EQ(s.steps.size(), 4u);
    EXPECT_DOUBLE_EQ(s.steps[0].daily_dose.value(), 7.5);
    EXPECT_DOUBLE_EQ(s.steps[3].daily_dose.value(), 0.0);

    // proportional 50% of the most recent dose with final_fraction 1/8 from 20 mg:
    // 10, 5, 2.5 (= 20/8: stop from here), then 0.
    taper::strategy_options p;
    p.set("percent", pct(50)).set("final_fraction", taper::percent(0.125 * taper::units::fraction));
    const auto q = taper::make_plan(taper::database::embedded(), citalopram_20(), reg.make("proportional", p));
    ASSERT_EQ(q.steps.size(), 4u);
    EXPECT_DOUBLE_EQ(q.steps[2].daily_dose.value(), 2.5);
    EXPECT_EQ(q.steps[3].phase, step_phase::stop);

    // hyperbolic with explicit targets: 60 % then 40 % SERT, D = 2.33·occ/(83.98 − occ):
    //   60 %: 139.8/23.98 = 5.829858 mg   40 %: 93.2/43.98 = 2.119145 mg, then 0.
    taper::strategy_options h;
    h.set("occupancy_targets", std::vector{pp(60), pp(40)});
    const auto t = taper::make_plan(taper::database::embedded(), citalopram_20(), reg.make("hyperbolic", h));
    ASSERT_EQ(t.steps.size(), 3u);
    EXPECT_NEAR(t.steps[0].daily_dose.value(), 5.829858, 1e-6);
    EXPECT_NEAR(t.steps[1].daily_dose.value(), 2.119145, 1e-6);
    EXPECT_EQ(t.steps[2].daily_dose.value(), 0);
}

TEST(UserStrategy, PluggedInAtCompileTime) {
    // Passed to make_plan as it is: the Strategy concept is the only contract.
    expect_halving_plan(taper::make_plan(taper::database::embedded(), citalopram_20(), halving{}));
}

TEST(UserStrategy, PluggedInAtRunTimeByName) {
    taper::strategy_registry reg;
    taper::register_builtin_strategies(reg);
    reg.add(halving_definition("halving", "halve the most recent dose until it is at or below stop_at"));
    ASSERT_NE(reg.find("halving"), nullptr);
    taper::strategy_options o;
    o.set("stop_at", 3.0_mg);
    const taper::any_strategy s = reg.make("halving", o);
    EXPECT_EQ(s.name(), "halving");
    expect_halving_plan(taper::make_plan(taper::database::embedded(), citalopram_20(), s));

    // Its own options reach it: stop at 6 mg instead leaves 10 and 5 mg, then the stop step.
    o.set("stop_at", 6.0_mg);
    const auto shorter = taper::make_plan(taper::database::embedded(), citalopram_20(), reg.make("halving", o));
    ASSERT_EQ(shorter.steps.size(), 3u);
    EXPECT_DOUBLE_EQ(shorter.steps[1].daily_dose.value(), 5.0);
    o.set("colour", std::string("blue"));
    EXPECT_THROW((void)reg.make("halving", o), taper::strategy_error);
}

}  // namespace
