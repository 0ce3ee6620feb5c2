// The shared text helpers (src/detail/text.hpp): ASCII rules, whatever the process locale.
#include "../../../src/detail/text.hpp"

#include <gtest/gtest.h>

#include <clocale>

namespace {

using taper::detail::ascii_lower;
using taper::detail::edit_distance;
using taper::detail::equals_ignoring_case;
using taper::detail::trim;

TEST(DetailText, TrimRemovesSpacesAndTabsAtBothEnds) {
    EXPECT_EQ(trim("  10 mg\t "), "10 mg");
    EXPECT_EQ(trim("10  mg"), "10  mg");  // inner spaces are the caller's business
    EXPECT_EQ(trim(" \t "), "");
    EXPECT_EQ(trim(""), "");
}

TEST(DetailText, TrimLeavesLineBreaksForTheParserToRefuse) {
    EXPECT_EQ(trim("5 mg\n"), "5 mg\n");
    EXPECT_EQ(trim("\r5 mg"), "\r5 mg");
}

TEST(DetailText, TrimKeepsNonAsciiSpace) {
    // U+00A0 (no-break space) is two UTF-8 bytes, neither of them ASCII space.
    EXPECT_EQ(trim("\xc2\xa0x "), "\xc2\xa0x");
}

TEST(DetailText, WordSeparatorsAreAsciiWhiteSpace) {
    for (char c : {' ', '\t', '\n', '\v', '\f', '\r'}) EXPECT_TRUE(taper::detail::is_ascii_space(c)) << int(c);
    for (char c : {'a', '0', '\0', '\x1f', '\xa0'}) EXPECT_FALSE(taper::detail::is_ascii_space(c)) << int(c);
}

TEST(DetailText, LowerCaseTouchesOnlyAsciiLetters) {
    EXPECT_EQ(ascii_lower("Cipramil 20MG"), "cipramil 20mg");
    EXPECT_EQ(ascii_lower("\xc3\x89scitalopram"), "\xc3\x89scitalopram");  // "É" stays
}

TEST(DetailText, EqualsIgnoringCase) {
    EXPECT_TRUE(equals_ignoring_case("Tablet", "tABLET"));
    EXPECT_TRUE(equals_ignoring_case("", ""));
    EXPECT_FALSE(equals_ignoring_case("tablet", "tablets"));
    EXPECT_FALSE(equals_ignoring_case("mg", "mL"));
    EXPECT_FALSE(equals_ignoring_case("\xc3\x89", "\xc3\xa9"));  // "É" and "é": not ASCII
}

TEST(DetailText, EditDistanceCountsSlips) {
    EXPECT_EQ(edit_distance("citalopram", "citalopram"), 0u);
    EXPECT_EQ(edit_distance("Linear", "linear"), 0u);          // case is not a slip
    EXPECT_EQ(edit_distance("sertarline", "sertraline"), 1u);  // two neighbours swapped
    EXPECT_EQ(edit_distance("hyperbolc", "hyperbolic"), 1u);   // one left out
    EXPECT_EQ(edit_distance("citaloprem", "citalopram"), 1u);  // one wrong
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);         // k->s, e->i, +g
    EXPECT_EQ(edit_distance("", "abc"), 3u);
    EXPECT_EQ(edit_distance("abc", ""), 3u);
    // Optimal string alignment edits no substring twice: "ca" -> "abc" is 3, not 2.
    EXPECT_EQ(edit_distance("ca", "abc"), 3u);
}

TEST(DetailText, SameResultUnderAnotherLocale) {
    // Under a Turkish locale std::tolower('I') is not 'i'; the helpers must not care.
    const char* turkish = std::setlocale(LC_ALL, "tr_TR.UTF-8");
    EXPECT_EQ(edit_distance("LINEAR", "linear"), 0u);
    EXPECT_EQ(ascii_lower("I"), "i");
    if (turkish) std::setlocale(LC_ALL, "C");
}

}  // namespace
