// Strategy option schemas as JSON (docs/strategy-options.md): every kind of value is written in
// its kind's unit (fractions as 0 to 1, lists per item, table rows as mg and days), bounds with
// whether they are inclusive, and every built-in strategy is listed, sorted by name.
#include <taper/io/strategy_schema_json.hpp>
#include <taper/taper.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace taper::literals;
using json = nlohmann::json;

taper::option_spec spec(std::string name, taper::option_kind kind, std::optional<taper::option_value> default_value) {
    taper::option_spec s;
    s.name = std::move(name);
    s.kind = kind;
    s.description = "about " + s.name;
    s.default_value = std::move(default_value);
    return s;
}

/// A definition with one option of every kind, each with a default, and bounds on some.
taper::strategy_definition every_kind() {
    taper::strategy_definition d;
    d.name = "every-kind";
    d.description = "one option of each kind";
    auto& o = d.schema.options;
    o.push_back(spec("cut", taper::option_kind::milligrams, 2.5_mg));
    o.back().minimum = taper::option_bound{0.0_mg, false};
    o.back().maximum = taper::option_bound{100.0_mg, true};
    o.back().role = taper::option_role::step_size;
    o.push_back(spec("share", taper::option_kind::percentage, 10.0_pct));
    o.push_back(spec("points", taper::option_kind::points, 5.0_points));
    // 1/40 of a dose: 2.5 % stored, written as the fraction 0.025.
    o.push_back(spec("fraction", taper::option_kind::fraction, 2.5_pct));
    o.back().maximum = taper::option_bound{100.0_pct, true};
    o.push_back(spec("every", taper::option_kind::days, 28.0_d));
    o.back().minimum = taper::option_bound{1.0_d, true};
    o.back().role = taper::option_role::step_length;
    o.push_back(spec("shape", taper::option_kind::choice, std::string("even")));
    o.back().choices = {"even", "front"};
    o.push_back(spec("levels", taper::option_kind::occupancy_list,
                     std::vector<taper::occupancy_points>{80.0_points, 70.0_points}));
    o.back().maximum = taper::option_bound{100.0_points, false};
    o.push_back(spec("rows", taper::option_kind::table_rows,
                     std::vector<taper::table_row>{{20.0_mg, 56.0_d}, {10.0_mg, std::nullopt}}));
    o.push_back(spec("required_cut", taper::option_kind::milligrams, std::nullopt));
    o.back().required = true;
    return d;
}

TEST(StrategySchemaJson, EveryKindOfValueInItsUnit) {
    const json j = json::parse(taper::strategy_schema_json(every_kind()));
    EXPECT_EQ(j["name"], "every-kind");
    EXPECT_EQ(j["description"], "one option of each kind");
    EXPECT_EQ(j["open"], false);
    const json& o = j["options"];
    ASSERT_EQ(o.size(), 9U);

    EXPECT_EQ(o[0]["name"], "cut");
    EXPECT_EQ(o[0]["kind"], "mass");
    EXPECT_EQ(o[0]["unit"], "mg");
    EXPECT_EQ(o[0]["default"], 2.5);
    EXPECT_EQ(o[0]["minimum"], (json{{"value", 0.0}, {"inclusive", false}}));
    EXPECT_EQ(o[0]["maximum"], (json{{"value", 100.0}, {"inclusive", true}}));
    EXPECT_EQ(o[0]["role"], "step_size");
    EXPECT_EQ(o[0]["required"], false);
    EXPECT_EQ(o[0]["description"], "about cut");

    EXPECT_EQ(o[1]["kind"], "percent");
    EXPECT_EQ(o[1]["unit"], "%");
    EXPECT_EQ(o[1]["default"], 10.0);
    EXPECT_TRUE(o[1]["minimum"].is_null());
    EXPECT_EQ(o[1]["role"], "none");

    EXPECT_EQ(o[2]["kind"], "occupancy_points");
    EXPECT_EQ(o[2]["unit"], "pp");
    EXPECT_EQ(o[2]["default"], 5.0);

    EXPECT_EQ(o[3]["kind"], "fraction");
    EXPECT_EQ(o[3]["unit"], "fraction");
    EXPECT_DOUBLE_EQ(o[3]["default"].get<double>(), 0.025);
    EXPECT_DOUBLE_EQ(o[3]["maximum"]["value"].get<double>(), 1.0);

    EXPECT_EQ(o[4]["kind"], "days");
    EXPECT_EQ(o[4]["unit"], "days");
    EXPECT_EQ(o[4]["default"], 28.0);
    EXPECT_EQ(o[4]["role"], "step_length");
    EXPECT_EQ(o[4]["minimum"], (json{{"value", 1.0}, {"inclusive", true}}));

    EXPECT_EQ(o[5]["kind"], "choice");
    EXPECT_EQ(o[5]["unit"], "");
    EXPECT_EQ(o[5]["default"], "even");
    EXPECT_EQ(o[5]["choices"], (json{"even", "front"}));

    // A list's bounds apply to each item, in points.
    EXPECT_EQ(o[6]["kind"], "occupancy_list");
    EXPECT_EQ(o[6]["default"], (json{80.0, 70.0}));
    EXPECT_EQ(o[6]["maximum"], (json{{"value", 100.0}, {"inclusive", false}}));

    EXPECT_EQ(o[7]["kind"], "table_rows");
    EXPECT_EQ(o[7]["default"], (json{{{"daily_dose_mg", 20.0}, {"length_days", 56.0}},
                                     {{"daily_dose_mg", 10.0}, {"length_days", nullptr}}}));

    EXPECT_EQ(o[8]["required"], true);
    EXPECT_TRUE(o[8]["default"].is_null());
}

TEST(StrategySchemaJson, EveryBuiltInStrategySortedByName) {
    const auto& registry = taper::builtin_strategies();
    const std::string text = taper::strategy_schemas_json(registry);
    ASSERT_FALSE(text.empty());
    EXPECT_EQ(text.back(), '\n');
    const json j = json::parse(text);
    EXPECT_EQ(j["format"], "taper-strategy-schemas");
    EXPECT_EQ(j["version"], 1);
    const json& s = j["strategies"];
    ASSERT_EQ(s.size(), registry.list().size());
    for (std::size_t i = 1; i < s.size(); ++i)
        EXPECT_LT(s[i - 1]["name"].get<std::string>(), s[i]["name"].get<std::string>());
    bool found_hyperbolic = false;
    for (const auto& entry : s) {
        if (entry["name"] != "hyperbolic") continue;
        found_hyperbolic = true;
        bool has_points = false;
        for (const auto& option : entry["options"])
            if (option["name"] == "points") {
                has_points = true;
                EXPECT_EQ(option["kind"], "occupancy_points");
            }
        EXPECT_TRUE(has_points) << entry.dump();
    }
    EXPECT_TRUE(found_hyperbolic);
}

// The same schema checks values (resolve_options, docs/strategy-options.md): each refusal is a
// strategy_error naming the option, saying the range in the kind's words and the value given.
void expect_refused(const taper::strategy_options& given, const std::string& message) {
    try {
        (void)taper::resolve_options(every_kind().schema, "every-kind", given);
        ADD_FAILURE() << "accepted; expected: " << message;
    } catch (const taper::strategy_error& e) {
        EXPECT_EQ(std::string(e.what()), message);
    }
}

taper::strategy_options with_required() { return taper::strategy_options{}.set("required_cut", 1.0_mg); }

TEST(StrategyOptionSchema, RangesAreSaidInTheKindsWords) {
    const auto p = [](std::string rest) { return "every-kind strategy: " + rest; };
    // Exclusive minimum, inclusive maximum.
    expect_refused(with_required().set("cut", 150.0_mg),
                   p("cut: expected a mass (mg) of more than 0 mg and at most 100 mg, not 150 mg"));
    // Only an inclusive minimum, in days (one day is "1 day").
    expect_refused(with_required().set("every", 0.5_d), p("every: expected a number of days of at least 1 days, not 0.5 days"));
    // Only an inclusive maximum, as a fraction: 150 % is 1.5.
    expect_refused(with_required().set("fraction", 150.0_pct), p("fraction: expected a share of a dose of at most 1, not 1.5"));
    // No bounds: any finite number.
    expect_refused(with_required().set("share", taper::percent(std::nan("") * taper::units::percent_of_dose)),
                   p("share: expected a percentage that is a finite number, not nan%"));
    // A list: each item against the bounds, in points.
    expect_refused(with_required().set("levels", std::vector<taper::occupancy_points>{80.0_points, 120.0_points}),
                   p("levels: expected receptor occupancy points of less than 100, not 120 pp"));
    expect_refused(with_required().set("levels", std::vector<taper::occupancy_points>{}),
                   p("levels: expected at least one occupancy level"));
}

TEST(StrategyOptionSchema, KindsChoicesNamesAndRequiredOptions) {
    const auto p = [](std::string rest) { return "every-kind strategy: " + rest; };
    expect_refused(with_required().set("cut", 10.0_pct), p("cut: expected a mass (mg) (kind mass), not a percentage"));
    expect_refused(with_required().set("rows", 5.0_mg),
                   p("rows: expected rows of daily doses (kind table_rows), not a mass (mg)"));
    expect_refused(with_required().set("shape", std::string("evn")),
                   p("shape: expected one of \"even\", \"front\", not \"evn\"; did you mean \"even\"?"));
    expect_refused(taper::strategy_options{}, p("needs the option \"required_cut\" (about required_cut)"));
    try {
        (void)taper::resolve_options(every_kind().schema, "every-kind", with_required().set("cutt", 1.0_mg));
        ADD_FAILURE() << "an unknown option was accepted";
    } catch (const taper::strategy_error& e) {
        EXPECT_NE(std::string(e.what()).find("the option \"cutt\" does not apply to it; did you mean \"cut\"?"),
                  std::string::npos)
            << e.what();
        EXPECT_EQ(e.detail().option, "cutt");
        ASSERT_EQ(e.detail().suggestions.size(), 1U);
        EXPECT_EQ(e.detail().suggestions[0], "cut");
    }
    // Given values are kept and given() says so; defaults fill the rest.
    const auto resolved = taper::resolve_options(every_kind().schema, "every-kind",
                                                 with_required().set("shape", std::string("front")));
    EXPECT_EQ(resolved.get<std::string>("shape"), "front");
    EXPECT_TRUE(resolved.given("shape"));
    EXPECT_FALSE(resolved.given("cut"));
    EXPECT_EQ(resolved.get<taper::mass>("cut"), 2.5_mg);
}

}  // namespace
