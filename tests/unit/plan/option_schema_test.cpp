// The generic option checks (resolve_options), option text by kind, and the built-ins'
// schemas, against hand-written expectations.
#include "../plan_fixture.hpp"

#include <taper/plan/option_text.hpp>
#include <taper/plan/plan.hpp>
#include <taper/plan/suggest.hpp>
#include <taper/units/literals.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using namespace taper::literals;
using taper::option_kind;
using taper::testing::has;

const taper::strategy_schema schema{
    .options = {{.name = "points",
                 .kind = option_kind::points,
                 .description = "points per step",
                 .default_value = 5.0 * taper::units::points,
                 .minimum = taper::option_bound{0.0 * taper::units::points, false},
                 .maximum = taper::option_bound{100.0 * taper::units::points, false}},
                {.name = "levels",
                 .kind = option_kind::occupancy_list,
                 .description = "levels",
                 .maximum = taper::option_bound{90.0 * taper::units::points, true}},
                {.name = "floor_dose", .kind = option_kind::milligrams, .description = "floor", .required = true}}};

std::string error_text(const taper::strategy_options& o) {
    try {
        (void)taper::resolve_options(schema, "test", o);
    } catch (const taper::strategy_error& e) {
        return e.option() + "|" + e.what();
    }
    return "(none)";
}

TEST(OptionSchema, FillsDefaultsAndTellsThemFromGivenValues) {
    taper::strategy_options o;
    o.set("floor_dose", 1.0_mg);
    const auto r = taper::resolve_options(schema, "test", o);
    ASSERT_TRUE(r.get<taper::occupancy_points>("points"));
    EXPECT_EQ(taper::in(*r.get<taper::occupancy_points>("points"), taper::units::points), 5.0);
    EXPECT_FALSE(r.given("points"));
    EXPECT_TRUE(r.given("floor_dose"));
    EXPECT_FALSE(r.contains("levels"));  // no default: stays unset
}

TEST(OptionSchema, EachProblemNamesItsOption) {
    taper::strategy_options missing;
    EXPECT_TRUE(has(error_text(missing), "floor_dose|test strategy: needs the option \"floor_dose\""));

    taper::strategy_options o;
    o.set("floor_dose", 1.0_mg);
    auto bounds = o;
    bounds.set("points", 100.0 * taper::units::points);  // the maximum is exclusive
    EXPECT_TRUE(has(error_text(bounds), "points|test strategy: points: expected receptor occupancy points between 0 and 100 (exclusive), not 100 pp")) << error_text(bounds);
    auto nan = o;
    nan.set("points", std::nan("") * taper::units::points);
    EXPECT_TRUE(has(error_text(nan), "points|")) << error_text(nan);
    auto item = o;
    item.set("levels", std::vector{80.0 * taper::units::points, 95.0 * taper::units::points});
    EXPECT_TRUE(has(error_text(item), "levels|test strategy: levels: expected receptor occupancy points of at most 90, not 95 pp"))
        << error_text(item);
    auto kind = o;
    kind.set("floor_dose", 28.0_d);
    EXPECT_TRUE(has(error_text(kind), "floor_dose|test strategy: floor_dose: expected a mass (mg)")) << error_text(kind);
    auto unknown = o;
    unknown.set("pionts", 5.0 * taper::units::points);
    EXPECT_TRUE(has(error_text(unknown), "pionts|")) << error_text(unknown);
    EXPECT_TRUE(has(error_text(unknown), "did you mean \"points\"?")) << error_text(unknown);
}

TEST(OptionText, ReadsEachKind) {
    using taper::parse_option_value;
    EXPECT_EQ(taper::in(std::get<taper::mass>(parse_option_value(option_kind::milligrams, "500 mcg")), taper::units::mg), 0.5);
    EXPECT_EQ(taper::in(std::get<taper::percent>(parse_option_value(option_kind::percentage, "12.5%")),
                        taper::units::percent_of_dose),
              12.5);
    EXPECT_EQ(taper::in(std::get<taper::occupancy_points>(parse_option_value(option_kind::points, "5pp")),
                        taper::units::points),
              5.0);
    // A fraction: 1/40 of the dose, held as 2.5 %.
    EXPECT_DOUBLE_EQ(taper::in(std::get<taper::percent>(parse_option_value(option_kind::fraction, "1/40")),
                               taper::units::percent_of_dose),
                     2.5);
    EXPECT_EQ(taper::in(std::get<taper::duration>(parse_option_value(option_kind::days, "2w")), taper::units::day), 14.0);
    const auto levels = std::get<std::vector<taper::occupancy_points>>(parse_option_value(option_kind::occupancy_list, "80, 70%,60pp"));
    ASSERT_EQ(levels.size(), 3u);
    EXPECT_EQ(taper::in(levels[2], taper::units::points), 60.0);
    const auto rows = std::get<std::vector<taper::table_row>>(parse_option_value(option_kind::table_rows, "20mg,15mg:8w"));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_FALSE(rows[0].length);
    EXPECT_EQ(taper::in(*rows[1].length, taper::units::day), 56.0);
    EXPECT_THROW((void)parse_option_value(option_kind::points, "five"), taper::parse_error);
    EXPECT_THROW((void)parse_option_value(option_kind::table_rows, "20mg,,10mg"), taper::parse_error);
}

TEST(OptionText, AStepIsReadByItsUnit) {
    EXPECT_EQ(taper::step_text_kind("5pp"), option_kind::points);
    EXPECT_EQ(taper::step_text_kind("5 points"), option_kind::points);
    EXPECT_EQ(taper::step_text_kind("10%"), option_kind::percentage);
    EXPECT_EQ(taper::step_text_kind("2.5mg"), option_kind::milligrams);
    // The built-ins' step sizes, from their schemas: antipsychotic has two, in two kinds.
    const auto& reg = taper::builtin_strategies();
    const auto& ap = reg.find("antipsychotic")->schema;
    EXPECT_EQ(taper::step_option(ap, option_kind::percentage)->name, "percent");
    EXPECT_EQ(taper::step_option(ap, option_kind::points)->name, "points");
    EXPECT_EQ(taper::step_option(ap, option_kind::milligrams), nullptr);
    EXPECT_EQ(taper::step_option(reg.find("linear")->schema, option_kind::milligrams)->name, "amount");
}

TEST(BuiltinSchemas, EveryOptionIsDescribedAndItsDefaultIsWithinItsBounds) {
    for (const auto* e : taper::builtin_strategies().list()) {
        for (const auto& spec : e->schema.options) {
            SCOPED_TRACE(e->name + "." + spec.name);
            EXPECT_FALSE(spec.description.empty());
            if (spec.default_value) {
                EXPECT_NO_THROW(taper::check_option(spec, e->name, *spec.default_value));
            }
            if (spec.kind == option_kind::choice) {
                EXPECT_FALSE(spec.choices.empty());
            }
        }
    }
}

TEST(SuggestStrategy, ByHintThenByClassAndData) {
    const auto& db = taper::database::embedded();
    EXPECT_EQ(taper::suggest_strategy(db.get("citalopram")).strategy, "hyperbolic");
    EXPECT_EQ(taper::suggest_strategy(db.get("olanzapine")).strategy, "antipsychotic");
    EXPECT_EQ(taper::suggest_strategy(db.get("alprazolam")).strategy, "diazepam-crossover");
    EXPECT_EQ(taper::suggest_strategy(db.get("mirtazapine")).strategy, "proportional");  // no occupancy model
    EXPECT_EQ(taper::suggest_strategy(db.get("olanzapine"), {.step_kind = option_kind::percentage}).strategy,
              "proportional");
    EXPECT_EQ(taper::suggest_strategy(db.get("citalopram"), {.step_kind = option_kind::milligrams}).strategy, "linear");
    EXPECT_EQ(taper::suggest_strategy(db.get("citalopram"), {.has_table = true}).strategy, "table");
    EXPECT_FALSE(taper::suggest_strategy(db.get("citalopram")).reason.empty());
}

TEST(OptionSchema, KindNamesAndPlainNumbersRoundTrip) {
    // include/taper/plan/options.hpp: the stable names of the kinds.
    const std::pair<option_kind, std::string_view> names[] = {
        {option_kind::milligrams, "mass"},         {option_kind::percentage, "percent"},
        {option_kind::points, "occupancy_points"}, {option_kind::fraction, "fraction"},
        {option_kind::days, "days"},               {option_kind::choice, "choice"},
        {option_kind::occupancy_list, "occupancy_list"}, {option_kind::table_rows, "table_rows"}};
    for (const auto& [kind, name] : names) {
        EXPECT_EQ(taper::to_string(kind), name);
        EXPECT_EQ(taper::option_kind_named(name), kind) << name;
    }
    EXPECT_FALSE(taper::option_kind_named("mg").has_value());
    EXPECT_FALSE(taper::option_kind_named("").has_value());
    // Each number kind reads back the number it was made from, in its unit.
    const std::pair<option_kind, std::string_view> units[] = {{option_kind::milligrams, "mg"},
                                                              {option_kind::percentage, "%"},
                                                              {option_kind::points, "pp"},
                                                              {option_kind::fraction, "fraction"},
                                                              {option_kind::days, "days"}};
    for (const auto& [kind, unit] : units) {
        EXPECT_EQ(taper::number_unit(kind), unit);
        EXPECT_EQ(taper::option_number(taper::option_from_number(kind, 2.5), kind), 2.5) << unit;
    }
    // A fraction is a percent value: 0.25 of a dose is 25%.
    EXPECT_EQ(taper::option_number(taper::option_from_number(option_kind::fraction, 0.25), option_kind::percentage), 25.0);
    // Choices, lists and tables are not plain numbers.
    for (const auto kind : {option_kind::choice, option_kind::occupancy_list, option_kind::table_rows}) {
        EXPECT_EQ(taper::number_unit(kind), "");
        EXPECT_THROW((void)taper::option_from_number(kind, 1.0), taper::invalid_argument_error);
    }
    EXPECT_FALSE(taper::option_number(taper::option_value{std::string("even")}, option_kind::choice).has_value());
}

TEST(OptionSchema, DescribeValueSaysEachKindInItsWords) {
    using taper::describe_value;
    EXPECT_EQ(describe_value(2.5_mg, option_kind::milligrams), "2.5 mg");
    EXPECT_EQ(describe_value(taper::percent(10.0_pct), option_kind::percentage), "10%");
    EXPECT_EQ(describe_value(taper::percent(10.0_pct), option_kind::fraction), "0.1");
    EXPECT_EQ(describe_value(5.0_points, option_kind::points), "5 pp");
    EXPECT_EQ(describe_value(1.0_d, option_kind::days), "1 day");
    EXPECT_EQ(describe_value(28.0_d, option_kind::days), "28 days");
    EXPECT_EQ(describe_value(std::string("front"), option_kind::choice), "\"front\"");
    EXPECT_EQ(describe_value(std::vector<taper::occupancy_points>{80.0_points, 70.0_points}, option_kind::occupancy_list),
              "80, 70 pp");
    EXPECT_EQ(describe_value(std::vector<taper::table_row>{{10.0_mg, {}}}, option_kind::table_rows), "1 row");
    EXPECT_EQ(describe_value(std::vector<taper::table_row>{{10.0_mg, {}}, {5.0_mg, 14.0_d}, {0.0_mg, {}}},
                             option_kind::table_rows),
              "3 rows");
    // A number read as another kind's is not given a unit it does not have.
    EXPECT_EQ(describe_value(2.5_mg, option_kind::percentage), "a value of another kind");
}

TEST(OptionSchema, AListGivenTheWrongKindAndAnInclusiveRangeAreSaidPlainly) {
    taper::strategy_options o;
    o.set("floor_dose", 1.0_mg);
    o.set("levels", 5.0_mg);
    EXPECT_EQ(error_text(o), "levels|test strategy: levels: expected a list of occupancy levels (kind occupancy_list), "
                             "not a mass (mg)");
    // A list given where a mass is expected is described by its items.
    taper::strategy_options list_for_mass;
    list_for_mass.set("floor_dose", std::vector<taper::occupancy_points>{80.0_points, 70.0_points});
    try {
        (void)taper::resolve_options(schema, "test", list_for_mass);
        ADD_FAILURE() << "a list was taken as a mass";
    } catch (const taper::strategy_error& e) {
        EXPECT_EQ(e.detail().input, "80, 70 pp");
    }
    // The tapering strip's roll is 2 to 365 days, both included.
    taper::strategy_options roll;
    roll.set("roll_length", 400.0_d);
    try {
        (void)taper::strategies::tapering_strip::from_options(roll);
        ADD_FAILURE() << "a roll of 400 days was accepted";
    } catch (const taper::strategy_error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "tapering-strip strategy: roll_length: expected a number of days from 2 days to 365 days, not 400 days");
        EXPECT_EQ(e.option(), "roll_length");
    }
}

}  // namespace
