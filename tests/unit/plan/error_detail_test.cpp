// Errors carry their detail as data (error_detail), so that the CLI and the bindings never
// read the message to find the option, the input or the suggestions.
#include <taper/drugs/database.hpp>
#include <taper/error.hpp>
#include <taper/plan/plan.hpp>
#include <taper/units/literals.hpp>
#include <taper/units/parse.hpp>

#include "../plan_fixture.hpp"

#include <gtest/gtest.h>

namespace {

using namespace taper::literals;
using taper::error_code;

template <class E, class F>
taper::error_detail detail_of(F&& f) {
    try {
        f();
    } catch (const E& e) {
        return e.detail();
    }
    ADD_FAILURE() << "no error thrown";
    return {};
}

TEST(ErrorDetail, ParseErrorNamesInputAndExpected) {
    const auto d = detail_of<taper::parse_error>([] { (void)taper::parse_mass("5 kg/m"); });
    EXPECT_EQ(d.code, error_code::parse);
    EXPECT_EQ(d.input, "5 kg/m");
    EXPECT_FALSE(d.expected.empty());
}

TEST(ErrorDetail, UnknownDrugSuggestsNames) {
    const auto d = detail_of<taper::unknown_drug_error>([] { (void)taper::database::embedded().get("citaloprm"); });
    EXPECT_EQ(d.code, error_code::unknown_drug);
    EXPECT_EQ(d.input, "citaloprm");
    ASSERT_FALSE(d.suggestions.empty());
    EXPECT_EQ(d.suggestions.front(), "citalopram");
}

TEST(ErrorDetail, UnknownStrategySuggestsTheNearestName) {
    const auto d = detail_of<taper::strategy_error>([] { (void)taper::builtin_strategies().make("linera", {}); });
    EXPECT_EQ(d.code, error_code::unknown_strategy);
    EXPECT_EQ(d.input, "linera");
    EXPECT_EQ(d.suggestions, std::vector<std::string>{"linear"});
}

TEST(ErrorDetail, AnOptionAStrategyDoesNotTakeIsNamed) {
    taper::strategy_options o;
    o.set("amount", 2_mg);
    o.set("percent", taper::percent(10.0 * taper::units::percent_of_dose));
    const auto d = detail_of<taper::strategy_error>([&] { (void)taper::builtin_strategies().make("linear", o); });
    EXPECT_EQ(d.code, error_code::strategy_option);
    EXPECT_EQ(d.option, "percent");
    EXPECT_EQ(d.input, "percent");
    EXPECT_EQ(d.expected, "amount");
}

TEST(ErrorDetail, SchemaChecksFillTheDetail) {
    // Out of bounds: the generic schema check names the option, the value and the range.
    taper::strategy_options o;
    o.set("points", 150.0 * taper::units::points);
    auto d = detail_of<taper::strategy_error>([&] { (void)taper::builtin_strategies().make("hyperbolic", o); });
    EXPECT_EQ(d.code, error_code::strategy_option);
    EXPECT_EQ(d.option, "points");
    EXPECT_EQ(d.input, "150 pp");
    EXPECT_NE(d.expected.find("between 0 and 100"), std::string::npos) << d.expected;
    // A choice not offered: the nearest choice is a suggestion.
    taper::strategy_options curve;
    curve.set("curve", std::string("proportionl"));
    d = detail_of<taper::strategy_error>([&] { (void)taper::builtin_strategies().make("tapering-strip", curve); });
    EXPECT_EQ(d.option, "curve");
    EXPECT_EQ(d.input, "proportionl");
    EXPECT_EQ(d.suggestions, std::vector<std::string>{"proportional"});
    // A required option left out.
    d = detail_of<taper::strategy_error>([&] { (void)taper::builtin_strategies().make("table", {}); });
    EXPECT_EQ(d.code, error_code::strategy_option);
    EXPECT_EQ(d.option, "table");
}

TEST(ErrorDetail, AStrategysOwnValidateFillsTheDetail) {
    taper::strategy_options o;
    o.set("step_length", 30.0 * taper::units::day);
    const auto d = detail_of<taper::strategy_error>([&] { (void)taper::builtin_strategies().make("antipsychotic", o); });
    EXPECT_EQ(d.code, error_code::strategy_option);
    EXPECT_EQ(d.option, "step_length");
    EXPECT_EQ(d.input, "30");
    EXPECT_EQ(d.expected, "89 to 184 days");
    taper::strategy_options rows;
    rows.set("table", std::vector<taper::table_row>{{10.0_mg, std::nullopt}, {15.0_mg, std::nullopt}});
    const auto r = detail_of<taper::strategy_error>([&] { (void)taper::builtin_strategies().make("table", rows); });
    EXPECT_EQ(r.option, "table");
    EXPECT_EQ(r.input, "row 2: 15 mg");
    EXPECT_EQ(r.expected, "at most 10 mg");
}

TEST(ErrorDetail, ABadRequestFieldIsNamed) {
    auto r = taper::testing::request("citalopram", 0_mg);
    const auto d = detail_of<taper::plan_error>(
        [&] { (void)taper::make_plan(taper::database::embedded(), r, taper::builtin_strategies().make("linear", [] {
                                         taper::strategy_options o;
                                         o.set("amount", 2_mg);
                                         return o;
                                     }())); });
    EXPECT_EQ(d.code, error_code::plan_request);
    EXPECT_EQ(d.option, "daily dose");
}

TEST(ErrorDetail, PlainErrorsHaveTheirClassCode) {
    EXPECT_EQ(taper::plan_error("x").detail().code, error_code::plan);
    EXPECT_EQ(taper::missing_data_error("x").detail().code, error_code::missing_data);
    EXPECT_EQ(taper::invalid_argument_error("x").detail().code, error_code::invalid_argument);
}

}  // namespace
