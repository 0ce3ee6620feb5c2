// The shared number helpers (src/detail/number_text.hpp). Expected texts are worked out by
// hand from the rule in each test's name.
#include "../../../src/detail/number_text.hpp"

#include <gtest/gtest.h>

#include <clocale>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>
#include <ios>
#include <limits>

namespace {

using taper::detail::decimal_text;
using taper::detail::nearly_equal;
using taper::detail::significant_text;

TEST(DetailNumberText, DecimalTextDropsTrailingZeros) {
    EXPECT_EQ(decimal_text(13.4), "13.4");
    EXPECT_EQ(decimal_text(0.5), "0.5");
    EXPECT_EQ(decimal_text(42.0), "42");
    EXPECT_EQ(decimal_text(0.125), "0.125");
    EXPECT_EQ(decimal_text(0.1 + 0.2), "0.3");  // 0.30000000000000004 is float noise
}

TEST(DetailNumberText, DecimalTextRoundsHalfAwayFromZero) {
    EXPECT_EQ(decimal_text(1.25, 1), "1.3");    // 1.25 is exact in binary: a true half
    EXPECT_EQ(decimal_text(-1.25, 1), "-1.3");
    EXPECT_EQ(decimal_text(1234.5, 0), "1235");
    EXPECT_EQ(decimal_text(0.1234567), "0.123457");
}

TEST(DetailNumberText, DecimalTextNeverPrintsMinusZero) {
    EXPECT_EQ(decimal_text(-0.0), "0");
    EXPECT_EQ(decimal_text(-0.0000001), "0");
    EXPECT_EQ(decimal_text(-0.4, 0), "0");
}

TEST(DetailNumberText, DecimalTextOfHugeNumbersIsTheShortestThatReadsBack) {
    // From 1e15 up, format_number's rule: the shortest round-trip text, in exponent form.
    EXPECT_EQ(decimal_text(1e20), "1e+20");
    EXPECT_EQ(decimal_text(-2.5e15, 0), "-2.5e+15");
    EXPECT_EQ(decimal_text(999999999999999.0, 0), "999999999999999");  // just below: plain
}

TEST(DetailNumberText, SignificantTextKeepsThreeFigures) {
    EXPECT_EQ(significant_text(1.309568), "1.31");
    EXPECT_EQ(significant_text(0.0123456), "0.0123");
    EXPECT_EQ(significant_text(0.15434), "0.154");
    EXPECT_EQ(significant_text(15.234), "15.2");
    EXPECT_EQ(significant_text(249.6), "250");   // whole numbers stay whole ...
    EXPECT_EQ(significant_text(1234.4), "1234");  // ... and are not cut to 1230
    EXPECT_EQ(significant_text(1.125), "1.13");   // an exact half, away from zero
    EXPECT_EQ(significant_text(-8.114), "-8.11");
    EXPECT_EQ(significant_text(0.0), "0");
}

TEST(DetailNumberText, SignificantTextOfASmallDoseIsNeverZero) {
    EXPECT_EQ(significant_text(0.0000123456), "0.0000123");
    EXPECT_EQ(significant_text(1e-8), "0.00000001");
    EXPECT_NE(significant_text(1e-20), "0");
}

TEST(DetailNumberText, SignificantTextWithAFloorOfDecimals) {
    EXPECT_EQ(significant_text(13.41234, 3), "13.412");
    EXPECT_EQ(significant_text(0.2, 3), "0.2");
    EXPECT_EQ(significant_text(0.0123456, 3), "0.0123");
}

TEST(DetailNumberText, NotFiniteIsNotANumberText) {
    EXPECT_NE(decimal_text(std::numeric_limits<double>::infinity()), "0");
    EXPECT_NE(significant_text(std::numeric_limits<double>::quiet_NaN()), "0");
}

TEST(DetailNumberText, WithoutFloatNoiseRoundsToNineDecimals) {
    EXPECT_EQ(taper::detail::without_float_noise(0.1 + 0.2), 0.3);
    EXPECT_EQ(taper::detail::without_float_noise(156.79999999999998), 156.8);
    EXPECT_EQ(taper::detail::without_float_noise(0.0000000004), 0.0);     // below half a billionth
    EXPECT_EQ(taper::detail::without_float_noise(0.000000002), 0.000000002);  // kept
}

// The inline rounding must be std::round(x * 1e9) / 1e9 bit for bit (the search and the
// recipes compare amounts to the last bit): halves away from zero, the sign of zero, and
// the values past 2^52 billionths, infinity and NaN that take the std::round path.
TEST(DetailNumberText, WithoutFloatNoiseIsStdRoundBitForBit) {
    const auto reference = [](double x) { return std::round(x * 1e9) / 1e9; };
    const auto same_bits = [](double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; };
    std::vector<double> xs = {0.0, -0.0, 2.5e-9, -2.5e-9, 0.5e-9, -0.5e-9, 1.5e-9, -0.3e-9, 0.3e-9, 4.4e6,
                              4.6e6, 1e7, -1e7, 1e300, std::numeric_limits<double>::infinity(),
                              -std::numeric_limits<double>::infinity(), 12.345678912499999, 156.79999999999998};
    std::mt19937_64 random(20261207);
    std::uniform_real_distribution<double> amount(-500.0, 500.0);
    for (int i = 0; i < 200000; ++i) xs.push_back(amount(random));
    for (int i = 0; i < 20000; ++i) xs.push_back(std::nextafter((static_cast<double>(i) + 0.5) / 1e9, 0.0));
    for (const double x : xs)
        EXPECT_TRUE(same_bits(taper::detail::without_float_noise(x), reference(x))) << std::hexfloat << x;
    EXPECT_TRUE(std::isnan(taper::detail::without_float_noise(std::numeric_limits<double>::quiet_NaN())));
}

// round_half_away is std::round bit for bit: halves (and the doubles just below them) away
// from zero, the sign of zero, whole numbers from 2^52 up, infinity and NaN.
TEST(DetailNumberText, RoundHalfAwayIsStdRoundBitForBit) {
    const auto same_bits = [](double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; };
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> xs = {0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994,
                              0.3, -0.3, 28.0, 42.0, 4503599627370495.5, -4503599627370495.5, 4503599627370496.0,
                              9007199254740993.0, 1e300, -1e300, inf, -inf, std::numeric_limits<double>::denorm_min()};
    std::mt19937_64 random(20261207);
    std::uniform_real_distribution<double> days(-4000.0, 4000.0);
    for (int i = 0; i < 200000; ++i) xs.push_back(days(random));
    for (int i = -10000; i < 10000; ++i) {
        const double half = static_cast<double>(i) + 0.5;
        xs.push_back(half);
        xs.push_back(std::nextafter(half, 0.0));
        xs.push_back(std::nextafter(half, half * 2));
    }
    for (const double x : xs)
        EXPECT_TRUE(same_bits(taper::detail::round_half_away(x), std::round(x))) << std::hexfloat << x;
    EXPECT_TRUE(std::isnan(taper::detail::round_half_away(std::numeric_limits<double>::quiet_NaN())));
}

TEST(DetailNumberText, NearlyEqualAllowsOnlyRoundingNoise) {
    EXPECT_TRUE(nearly_equal(0.1 + 0.2, 0.3));
    EXPECT_TRUE(nearly_equal(1e12, 1e12 + 1));  // a billionth of 1e12 is 1000
    EXPECT_FALSE(nearly_equal(1.0, 1.000001));
    EXPECT_TRUE(nearly_equal(0.0, 1e-10));  // near zero the slack is 1e-9 ...
    EXPECT_FALSE(nearly_equal(0.0, 1e-8));  // ... not a billionth of nothing
}

TEST(DetailNumberText, DecimalPointIsAPointUnderAnyLocale) {
    const char* german = std::setlocale(LC_ALL, "de_DE.UTF-8");
    EXPECT_EQ(decimal_text(2.5), "2.5");
    EXPECT_EQ(significant_text(0.0123456), "0.0123");
    if (german) std::setlocale(LC_ALL, "C");
}

}  // namespace
