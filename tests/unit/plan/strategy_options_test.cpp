// The open set of strategy options (plan/options.hpp): typed values by name, a value set by
// the caller told from a schema's default, and a value read as another type than it holds
// read as absent, never converted.
#include <taper/plan/options.hpp>
#include <taper/units/literals.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace taper::literals;

TEST(StrategyOptions, ValuesAreTypedAndReadOnlyAsTheirType) {
    taper::strategy_options o;
    EXPECT_TRUE(o.empty());
    o.set("points", 5_points).set("percent", 10_pct).set("curve", std::string("proportional"));
    EXPECT_EQ(o.size(), 3U);
    EXPECT_FALSE(o.empty());
    EXPECT_EQ(o.get<taper::occupancy_points>("points"), 5_points);
    EXPECT_EQ(o.get<taper::percent>("percent"), 10_pct);
    EXPECT_EQ(o.get<std::string>("curve"), "proportional");
    // Points are not a percentage: read as one, the value is absent (no conversion).
    EXPECT_FALSE(o.get<taper::percent>("points").has_value());
    EXPECT_FALSE(o.get<taper::mass>("curve").has_value());
    EXPECT_FALSE(o.get<taper::mass>("absent").has_value());
    // Names iterate in order (a map): curve, percent, points.
    std::string names;
    for (const auto& [name, value] : o) names += name + ";";
    EXPECT_EQ(names, "curve;percent;points;");
}

TEST(StrategyOptions, ADefaultIsNotGivenUntilTheCallerSetsIt) {
    taper::strategy_options o;
    o.set_default("percent", 10_pct);
    EXPECT_TRUE(o.contains("percent"));
    EXPECT_FALSE(o.given("percent"));
    o.set("percent", 20_pct);  // the caller's value replaces the default
    EXPECT_TRUE(o.given("percent"));
    EXPECT_EQ(o.get<taper::percent>("percent"), 20_pct);
    o.set_default("percent", 10_pct);  // a default set again is a default again
    EXPECT_FALSE(o.given("percent"));
    EXPECT_TRUE(o.erase("percent"));
    EXPECT_FALSE(o.contains("percent"));
    EXPECT_FALSE(o.given("percent"));
    EXPECT_FALSE(o.erase("percent"));  // nothing left to erase
    // Through the non-const find, a value can be changed in place.
    o.set("amount", 5_mg);
    ASSERT_NE(o.find("amount"), nullptr);
    *o.find("amount") = taper::option_value(2.5_mg);
    EXPECT_EQ(o.get<taper::mass>("amount"), 2.5_mg);
}

}  // namespace
