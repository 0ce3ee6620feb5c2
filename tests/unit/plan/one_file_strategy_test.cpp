// A strategy declared in this file alone, with its option schema, reaches every front end
// with no change anywhere else: the registry makes it by name and checks its options, the
// schema lists it (text and JSON), and the CLI-style text reading sets its options by the
// kinds it declares. Adding an option to a strategy is a change to its own file only.
#include "../plan_fixture.hpp"

#include <taper/io/strategy_schema_json.hpp>
#include <taper/messages/text.hpp>
#include <taper/plan/option_text.hpp>
#include <taper/plan/plan.hpp>
#include <taper/units/literals.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

using namespace taper::literals;
using taper::testing::has;

// Step down by `cut` % of the most recent dose, but never by more than `ceiling` mg, for
// `steps` steps of `length` each, then stop. Its options: one of each number kind, a choice.
struct capped_cut {
    double cut_percent = 20;
    taper::mass ceiling = 5.0_mg;
    taper::duration length = 14.0_d;
    std::string label = "capped";

    std::string_view name() const { return "capped-cut"; }
    std::optional<taper::target> next(const taper::plan_context& ctx, std::span<const taper::step> done) const {
        if (done.size() >= 3) return std::nullopt;
        const taper::mass latest = ctx.latest(done, ctx.start_dose());
        taper::target t;
        t.daily_dose = latest - std::min(latest * (cut_percent / 100.0), ceiling);
        t.length = length;
        t.note_text = label;
        return t;
    }
};

taper::strategy_definition capped_cut_definition() {
    using taper::option_bound;
    using taper::option_kind;
    const auto pct = [](double v) { return taper::percent(v * taper::units::percent_of_dose); };
    return {"capped-cut",
            "a percentage of the most recent dose, capped in mg, three steps",
            {.options = {{.name = "cut",
                          .kind = option_kind::percentage,
                          .description = "% of the most recent dose cut at every step",
                          .default_value = pct(20),
                          .minimum = option_bound{pct(0), false},
                          .maximum = option_bound{pct(50), true},
                          .role = taper::option_role::step_size},
                         {.name = "ceiling",
                          .kind = option_kind::milligrams,
                          .description = "the largest cut, mg",
                          .default_value = 5.0_mg,
                          .minimum = option_bound{0.0_mg, false}},
                         {.name = "length",
                          .kind = option_kind::days,
                          .description = "days per step",
                          .default_value = 14.0_d,
                          .minimum = option_bound{1.0_d, true}},
                         {.name = "label",
                          .kind = option_kind::choice,
                          .description = "the note on each step",
                          .default_value = std::string("capped"),
                          .choices = {"capped", "gentle"}}}},
            [](const taper::strategy_options& o) -> taper::any_strategy {
                return capped_cut{taper::in(*o.get<taper::percent>("cut"), taper::units::percent_of_dose),
                                  *o.get<taper::mass>("ceiling"), *o.get<taper::duration>("length"),
                                  *o.get<std::string>("label")};
            }};
}

taper::strategy_registry registry_with_capped_cut() {
    taper::strategy_registry reg;
    taper::register_builtin_strategies(reg);
    reg.add(capped_cut_definition());
    return reg;
}

std::string strategy_error_option(const std::function<void()>& f) {
    try {
        f();
    } catch (const taper::strategy_error& e) {
        return e.option();
    }
    return "(no strategy_error)";
}

TEST(OneFileStrategy, MadeByNameWithItsDefaults) {
    const auto reg = registry_with_capped_cut();
    // Citalopram 20 mg: cut 20 % capped at 5 mg: 20 → 16 (4 mg) → 12.8 (3.2) → 10.24 (2.56), then stop.
    const auto s = taper::make_plan(taper::database::embedded(), taper::testing::request("citalopram", 20.0_mg),
                                    reg.make("capped-cut"));
    ASSERT_EQ(s.steps.size(), 4u);
    EXPECT_NEAR(taper::in(s.steps[0].daily_dose, taper::units::mg), 16.0, 1e-12);
    EXPECT_NEAR(taper::in(s.steps[2].daily_dose, taper::units::mg), 10.24, 1e-12);
    EXPECT_NEAR(taper::in(s.steps[0].length, taper::units::day), 14.0, 0);
    // Its free text is kept on the plan and referred to by a strategy_text message.
    ASSERT_FALSE(s.steps[0].messages.empty());
    EXPECT_EQ(s.steps[0].messages.front().code, taper::message_code::strategy_text);
    EXPECT_EQ(taper::text(s.steps[0].messages.front(), taper::context_of(s, &s.steps[0])), "capped");
}

TEST(OneFileStrategy, ItsOptionsAreCheckedByItsSchema) {
    const auto reg = registry_with_capped_cut();
    taper::strategy_options o;
    o.set("cut", taper::percent(60.0 * taper::units::percent_of_dose));  // above its 50 % maximum
    EXPECT_EQ(strategy_error_option([&] { (void)reg.make("capped-cut", o); }), "cut");
    taper::strategy_options slip;
    slip.set("cieling", 2.0_mg);
    try {
        (void)reg.make("capped-cut", slip);
        FAIL() << "expected strategy_error";
    } catch (const taper::strategy_error& e) {
        EXPECT_TRUE(has(e.what(), "did you mean \"ceiling\"?")) << e.what();
        EXPECT_EQ(e.option(), "cieling");
    }
    taper::strategy_options label;
    label.set("label", std::string("loud"));
    EXPECT_EQ(strategy_error_option([&] { (void)reg.make("capped-cut", label); }), "label");
}

TEST(OneFileStrategy, ListedWithItsSchema) {
    const auto reg = registry_with_capped_cut();
    const auto* e = reg.find("capped-cut");
    ASSERT_NE(e, nullptr);
    ASSERT_EQ(e->schema.options.size(), 4u);
    const auto all = nlohmann::json::parse(taper::strategy_schemas_json(reg));
    const auto it = std::find_if(all["strategies"].begin(), all["strategies"].end(),
                                 [](const auto& s) { return s["name"] == "capped-cut"; });
    ASSERT_NE(it, all["strategies"].end());
    const auto& cut = (*it)["options"][0];
    EXPECT_EQ(cut["name"], "cut");
    EXPECT_EQ(cut["kind"], "percent");
    EXPECT_EQ(cut["unit"], "%");
    EXPECT_EQ(cut["default"], 20.0);
    EXPECT_EQ(cut["maximum"]["value"], 50.0);
    EXPECT_EQ(cut["maximum"]["inclusive"], true);
    EXPECT_EQ(cut["minimum"]["inclusive"], false);
    EXPECT_EQ(cut["role"], "step_size");
    EXPECT_EQ((*it)["options"][3]["choices"], nlohmann::json::array({"capped", "gentle"}));
    EXPECT_EQ((*it)["options"][1]["default"], 5.0);  // mg
}

TEST(OneFileStrategy, SetFromTextByTheKindsItDeclares) {
    // What `taper plan --step 10% --option ...` does, by the schema alone.
    const auto reg = registry_with_capped_cut();
    const auto& schema = reg.find("capped-cut")->schema;
    taper::strategy_options o;
    EXPECT_EQ(taper::set_step_text(schema, "capped-cut", o, "10%"), "cut");
    taper::set_option_text(schema, o, "ceiling", "1 mg");
    taper::set_option_text(schema, o, "length", "1w");
    taper::set_option_text(schema, o, "label", "gentle");
    // 20 → 19 (1 mg cap) → 18 → 17, 7 days each.
    const auto s = taper::make_plan(taper::database::embedded(), taper::testing::request("citalopram", 20.0_mg),
                                    reg.make("capped-cut", o));
    ASSERT_EQ(s.steps.size(), 4u);
    EXPECT_NEAR(taper::in(s.steps[2].daily_dose, taper::units::mg), 17.0, 1e-12);
    EXPECT_NEAR(taper::in(s.steps[0].length, taper::units::day), 7.0, 0);
    ASSERT_FALSE(s.steps[0].messages.empty());
    EXPECT_EQ(s.steps[0].messages.front().code, taper::message_code::strategy_text);
    EXPECT_EQ(taper::text(s.steps[0].messages.front(), taper::context_of(s, &s.steps[0])), "gentle");
    // A step in occupancy points: it has no step size of that kind.
    taper::strategy_options points;
    EXPECT_EQ(strategy_error_option([&] { (void)taper::set_step_text(schema, "capped-cut", points, "5pp"); }),
              "points");
}

}  // namespace
