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
    o.amount = 2_mg;
    o.percent = 10;
    const auto d = detail_of<taper::strategy_error>([&] { (void)taper::builtin_strategies().make("linear", o); });
    EXPECT_EQ(d.code, error_code::strategy_option);
    EXPECT_EQ(d.option, "percent");
    EXPECT_EQ(d.expected, "amount");
}

TEST(ErrorDetail, ABadRequestFieldIsNamed) {
    auto r = taper::testing::request("citalopram", 0_mg);
    const auto d = detail_of<taper::plan_error>(
        [&] { (void)taper::make_plan(taper::database::embedded(), r, taper::builtin_strategies().make("linear", [] {
                                         taper::strategy_options o;
                                         o.amount = 2_mg;
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
