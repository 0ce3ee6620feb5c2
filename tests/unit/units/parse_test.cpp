// Parsing dose text: valid inputs against hand-computed values, malformed inputs against
// the error they must produce, and independence from the process locale.
#include <taper/error.hpp>
#include <taper/units/io.hpp>
#include <taper/units/parse.hpp>
#include <taper/units/quantities.hpp>

#include <gtest/gtest.h>

#include <clocale>
#include <cstdio>
#include <exception>
#include <iostream>
#include <locale>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace {

using namespace std::string_literals;  // "...\0..."s keeps embedded NULs

// ---------------------------------------------------------------------------------------
// Valid inputs. Expected values are worked out by hand, in the system unit (mg, mL, d).

struct valid_case {
    std::string text;
    double expected;  // in mg, mL, mg/mL or days
};

void PrintTo(const valid_case& c, std::ostream* os) { *os << '"' << c.text << '"'; }

class ParseMassValid : public ::testing::TestWithParam<valid_case> {};

TEST_P(ParseMassValid, GivesMilligrams) {
    const auto& c = GetParam();
    const taper::mass m = taper::parse_mass(c.text);
    EXPECT_DOUBLE_EQ(m.value(), c.expected) << "input: \"" << c.text << '"';
}

INSTANTIATE_TEST_SUITE_P(
    Units, ParseMassValid,
    ::testing::Values(valid_case{"2.5 mg", 2.5},
                      valid_case{"500 mcg", 0.5},         // 500 × 0.001
                      valid_case{"500 \xC2\xB5g", 0.5},   // µ, MICRO SIGN U+00B5
                      valid_case{"500 \xCE\xBCg", 0.5},   // μ, GREEK SMALL LETTER MU U+03BC
                      valid_case{"500 ug", 0.5},
                      valid_case{"0.5mg", 0.5},           // number touching the unit
                      valid_case{"1 g", 1000.0},
                      valid_case{"0.25 g", 250.0},
                      valid_case{"12.5 MG", 12.5},        // unit case does not matter
                      valid_case{".5 mg", 0.5},
                      valid_case{"1e-3 g", 1.0},          // 0.001 g = 1 mg
                      valid_case{"2.5e1 mg", 25.0},
                      valid_case{"0 mg", 0.0},            // a schedule ends at 0 mg
                      valid_case{"2.5 milligrams", 2.5},
                      valid_case{"1 gram", 1000.0},
                      valid_case{"250 micrograms", 0.25}));

INSTANTIATE_TEST_SUITE_P(
    Whitespace, ParseMassValid,
    ::testing::Values(valid_case{"  2.5 mg", 2.5}, valid_case{"2.5 mg   ", 2.5},
                      valid_case{"   2.5 mg   ", 2.5}, valid_case{"\t2.5\tmg\t", 2.5},
                      valid_case{"2.5    mg", 2.5}));

class ParseVolumeValid : public ::testing::TestWithParam<valid_case> {};

TEST_P(ParseVolumeValid, GivesMillilitres) {
    const auto& c = GetParam();
    EXPECT_DOUBLE_EQ(taper::parse_volume(c.text).value(), c.expected)
        << "input: \"" << c.text << '"';
}

INSTANTIATE_TEST_SUITE_P(
    Units, ParseVolumeValid,
    ::testing::Values(valid_case{"2.5 mL", 2.5}, valid_case{"1 L", 1000.0},
                      valid_case{"0.5 L", 500.0}, valid_case{"5ml", 5.0},
                      valid_case{" 2.5 mL ", 2.5}, valid_case{"2 millilitres", 2.0},
                      valid_case{"1 liter", 1000.0}));

class ParseConcentrationValid : public ::testing::TestWithParam<valid_case> {};

TEST_P(ParseConcentrationValid, GivesMilligramsPerMillilitre) {
    const auto& c = GetParam();
    EXPECT_DOUBLE_EQ(taper::parse_concentration(c.text).value(), c.expected)
        << "input: \"" << c.text << '"';
}

INSTANTIATE_TEST_SUITE_P(
    Units, ParseConcentrationValid,
    ::testing::Values(valid_case{"10 mg/5 mL", 2.0},      // 10 ÷ 5
                      valid_case{"20 mg/mL", 20.0},
                      valid_case{"10mg/5mL", 2.0},
                      valid_case{"  2 mg / mL  ", 2.0},
                      valid_case{"2.5 mg/0.5 mL", 5.0},   // 2.5 ÷ 0.5
                      valid_case{"500 mcg/mL", 0.5},      // 0.5 mg per mL
                      valid_case{"1 g/L", 1.0},           // 1000 mg ÷ 1000 mL
                      valid_case{"1 mg/10 mL", 0.1}));

class ParseDurationValid : public ::testing::TestWithParam<valid_case> {};

TEST_P(ParseDurationValid, GivesDays) {
    const auto& c = GetParam();
    EXPECT_DOUBLE_EQ(taper::parse_duration(c.text).value(), c.expected)
        << "input: \"" << c.text << '"';
}

INSTANTIATE_TEST_SUITE_P(
    Units, ParseDurationValid,
    ::testing::Values(valid_case{"4 weeks", 28.0},        // 4 × 7
                      valid_case{"14 d", 14.0},
                      valid_case{"4w", 28.0},
                      valid_case{"1 week", 7.0},
                      valid_case{"2 wk", 14.0},
                      valid_case{"3 days", 3.0},
                      valid_case{"12 h", 0.5},            // 12 ÷ 24
                      valid_case{"36 hours", 1.5},
                      valid_case{" 14 d ", 14.0}));

TEST(ParseDoseAmount, FractionsOfATablet) {
    const auto half = taper::parse_dose_amount("1/2 tablet");
    ASSERT_TRUE(std::holds_alternative<taper::tablets>(half));
    EXPECT_DOUBLE_EQ(std::get<taper::tablets>(half).value(), 0.5);

    const auto quarter = taper::parse_dose_amount("1/4 tablet");
    ASSERT_TRUE(std::holds_alternative<taper::tablets>(quarter));
    EXPECT_DOUBLE_EQ(std::get<taper::tablets>(quarter).value(), 0.25);

    const auto three_quarters = taper::parse_dose_amount("3/4 tablets");
    ASSERT_TRUE(std::holds_alternative<taper::tablets>(three_quarters));
    EXPECT_DOUBLE_EQ(std::get<taper::tablets>(three_quarters).value(), 0.75);

    const auto decimal = taper::parse_dose_amount("0.25 tablet");
    ASSERT_TRUE(std::holds_alternative<taper::tablets>(decimal));
    EXPECT_DOUBLE_EQ(std::get<taper::tablets>(decimal).value(), 0.25);
}

TEST(ParseDoseAmount, CountedUnits) {
    const auto d = taper::parse_dose_amount("3 drops");
    ASSERT_TRUE(std::holds_alternative<taper::drops>(d));
    EXPECT_DOUBLE_EQ(std::get<taper::drops>(d).value(), 3.0);

    const auto b = taper::parse_dose_amount("2 beads");
    ASSERT_TRUE(std::holds_alternative<taper::beads>(b));
    EXPECT_DOUBLE_EQ(std::get<taper::beads>(b).value(), 2.0);

    const auto c = taper::parse_dose_amount("1 capsule");
    ASSERT_TRUE(std::holds_alternative<taper::capsules>(c));
    EXPECT_DOUBLE_EQ(std::get<taper::capsules>(c).value(), 1.0);

    const auto p = taper::parse_dose_amount("2 sachets");
    ASSERT_TRUE(std::holds_alternative<taper::pouches>(p));
    EXPECT_DOUBLE_EQ(std::get<taper::pouches>(p).value(), 2.0);

    const auto t = taper::parse_dose_amount(" 1 tab ");
    ASSERT_TRUE(std::holds_alternative<taper::tablets>(t));
    EXPECT_DOUBLE_EQ(std::get<taper::tablets>(t).value(), 1.0);
}

TEST(ParseDoseAmount, MeasuredUnits) {
    const auto m = taper::parse_dose_amount("12.5 mg");
    ASSERT_TRUE(std::holds_alternative<taper::mass>(m));
    EXPECT_DOUBLE_EQ(std::get<taper::mass>(m).value(), 12.5);

    const auto mcg = taper::parse_dose_amount("500 mcg");
    ASSERT_TRUE(std::holds_alternative<taper::mass>(mcg));
    EXPECT_DOUBLE_EQ(std::get<taper::mass>(mcg).value(), 0.5);

    const auto v = taper::parse_dose_amount("2.5 mL");
    ASSERT_TRUE(std::holds_alternative<taper::volume>(v));
    EXPECT_DOUBLE_EQ(std::get<taper::volume>(v).value(), 2.5);

    const auto litre = taper::parse_dose_amount("1 L");
    ASSERT_TRUE(std::holds_alternative<taper::volume>(litre));
    EXPECT_DOUBLE_EQ(std::get<taper::volume>(litre).value(), 1000.0);
}

TEST(ParseMass, ReturnsTheSameQuantityAsArithmetic) {
    using namespace taper::units;
    EXPECT_EQ(taper::parse_mass("2.5 mg"), 2.5 * mg);
    EXPECT_EQ(taper::parse_mass("1 g"), taper::mass(1.0 * g));
    EXPECT_EQ(taper::parse_volume("1 L"), taper::volume(1.0 * L));
    EXPECT_EQ(taper::parse_concentration("10 mg/5 mL"), 10.0 * mg / (5.0 * mL));
}

// ---------------------------------------------------------------------------------------
// Malformed inputs: each must throw taper::parse_error (nothing else, no crash) whose
// message quotes the input and names the kind of quantity that was expected.

enum class parser { mass, volume, concentration, duration, amount };

// What the message must say was expected: "cannot read \"...\" as <kind> (...): ...".
std::string kind_of(parser p) {
    switch (p) {
        case parser::mass: return "a mass";
        case parser::volume: return "a volume";
        case parser::concentration: return "a concentration";
        case parser::duration: return "a duration";
        case parser::amount: return "a dose amount";
    }
    return "?";
}

void run(parser p, std::string_view text) {
    switch (p) {
        case parser::mass: (void)taper::parse_mass(text); return;
        case parser::volume: (void)taper::parse_volume(text); return;
        case parser::concentration: (void)taper::parse_concentration(text); return;
        case parser::duration: (void)taper::parse_duration(text); return;
        case parser::amount: (void)taper::parse_dose_amount(text); return;
    }
}

struct malformed_case {
    parser as;
    std::string text;
    std::string why = {};    // a word the message must contain, when there is an obvious one
    std::string shown = {};  // how the message quotes the input, when it differs from text
};

// Readable test names in gtest output: the input with control bytes escaped.
void PrintTo(const malformed_case& c, std::ostream* os) {
    *os << kind_of(c.as) << " \"";
    for (const char ch : c.text.substr(0, 40)) {
        const auto u = static_cast<unsigned char>(ch);
        if (u < 0x20 || u >= 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", u);
            *os << buf;
        } else {
            *os << ch;
        }
    }
    if (c.text.size() > 40) *os << "...(" << c.text.size() << " bytes)";
    *os << '"';
}

class ParseMalformed : public ::testing::TestWithParam<malformed_case> {};

TEST_P(ParseMalformed, ThrowsParseErrorNamingInputAndKind) {
    const auto& c = GetParam();
    const std::string shown = c.shown.empty() ? c.text : c.shown;
    try {
        run(c.as, c.text);
        ADD_FAILURE() << "accepted: nothing was thrown";
    } catch (const taper::parse_error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find('"' + shown + '"'), std::string::npos)
            << "the message does not quote the input: " << what;
        EXPECT_NE(what.find(" as " + kind_of(c.as)), std::string::npos)
            << "the message does not say what was expected: " << what;
        if (!c.why.empty()) {
            EXPECT_NE(what.find(c.why), std::string::npos)
                << "the message does not say \"" << c.why << "\": " << what;
        }
        EXPECT_EQ(e.input(), c.text) << "input() must hold the whole text, unaltered";
        EXPECT_EQ(e.expected().rfind(kind_of(c.as), 0), 0U) << e.expected();
    } catch (const std::exception& e) {
        ADD_FAILURE() << "threw something other than taper::parse_error: " << e.what();
    } catch (...) {
        ADD_FAILURE() << "threw a non-std exception";
    }
}

const std::string ten_kb_of_junk = "5 mg" + std::string(10 * 1024, 'x');
const std::string ten_kb_of_digits = std::string(10 * 1024, '1') + " mg";

INSTANTIATE_TEST_SUITE_P(
    Mass, ParseMalformed,
    ::testing::Values(
        malformed_case{parser::mass, "", "empty"},
        malformed_case{parser::mass, "   ", "empty"},
        malformed_case{parser::mass, "\t", "empty", "\\x09"},
        malformed_case{parser::mass, "mg", "number"},
        malformed_case{parser::mass, "-5 mg", "negative"},
        malformed_case{parser::mass, "-0 mg", "negative"},
        malformed_case{parser::mass, "+5 mg", "sign"},
        malformed_case{parser::mass, "NaN mg"},
        malformed_case{parser::mass, "nan mg"},
        malformed_case{parser::mass, "inf mg"},
        malformed_case{parser::mass, "infinity mg"},
        malformed_case{parser::mass, "-inf mg"},
        malformed_case{parser::mass, "1e400 mg", "range"},      // past the double range
        malformed_case{parser::mass, "1e-400 mg", "range"},     // below it
        malformed_case{parser::mass, "1e308 g", "range"},       // finite, but not in mg
        malformed_case{parser::mass, "5 kg/m", "kg/m"},
        malformed_case{parser::mass, "5 kg", "kg"},
        malformed_case{parser::mass, "5 mL", "mL"},             // a volume is not a mass
        malformed_case{parser::mass, "5 mg x", "mg x"},         // trailing junk
        malformed_case{parser::mass, "5 mgg", "mgg"},
        malformed_case{parser::mass, "5 mg mg"},
        malformed_case{parser::mass, "5 m g"},
        malformed_case{parser::mass, "5 mg;"},
        malformed_case{parser::mass, "5", "unit"},
        malformed_case{parser::mass, "5 5 mg"},
        malformed_case{parser::mass, "mg 5"},
        malformed_case{parser::mass, "0x10 mg"},
        malformed_case{parser::mass, "5,5 mg"},                 // decimal comma: never
        malformed_case{parser::mass, "1,000 mg"},               // thousands separator: never
        malformed_case{parser::mass, "5..5 mg"},
        malformed_case{parser::mass, ". mg"},
        malformed_case{parser::mass, "e5 mg"},
        malformed_case{parser::mass, "5e mg"},
        malformed_case{parser::mass, "5 tablets", "tablets"},   // a count is not a mass
        malformed_case{parser::mass, "1/2 mg"},                 // fractions only for counts
        malformed_case{parser::mass, "5 mg/mL"},                // a concentration
        malformed_case{parser::mass, "5 \xC2\xB5"},             // µ without g
        malformed_case{parser::mass, "5 mg\0"s, "", "5 mg\\x00"},      // embedded NUL
        malformed_case{parser::mass, "5\0 mg"s, "", "5\\x00 mg"},
        malformed_case{parser::mass, "\0"s, "", "\\x00"},
        malformed_case{parser::mass, "5 mg\n", "", "5 mg\\x0a"},
        malformed_case{parser::mass, ten_kb_of_junk, "", ten_kb_of_junk.substr(0, 80) + "..."},
        malformed_case{parser::mass, ten_kb_of_digits, "range",
                       ten_kb_of_digits.substr(0, 80) + "..."},
        malformed_case{parser::mass, "\xFF\xFE mg"},            // not UTF-8 at all
        malformed_case{parser::mass, "5 \xC2"},                 // a truncated UTF-8 sequence
        malformed_case{parser::mass, "5\xC2\xA0mg"},            // NO-BREAK SPACE
        malformed_case{parser::mass, "5 \xE2\x80\x8Bmg"},       // ZERO WIDTH SPACE
        malformed_case{parser::mass, "\xD9\xA5 mg"},            // ٥, ARABIC-INDIC DIGIT FIVE
        malformed_case{parser::mass, "\xEF\xBC\x95 mg"}));      // ５, FULLWIDTH DIGIT FIVE

INSTANTIATE_TEST_SUITE_P(
    Volume, ParseMalformed,
    ::testing::Values(malformed_case{parser::volume, "5 mg", "mg"},   // a mass is not a volume
                      malformed_case{parser::volume, "mL", "number"},
                      malformed_case{parser::volume, "-1 mL", "negative"},
                      malformed_case{parser::volume, "1e308 L", "range"},
                      malformed_case{parser::volume, "2.5 mL extra"},
                      malformed_case{parser::volume, "2.5 drops"},
                      malformed_case{parser::volume, ""}));

INSTANTIATE_TEST_SUITE_P(
    Concentration, ParseMalformed,
    ::testing::Values(malformed_case{parser::concentration, "mg/mL", "number"},
                      malformed_case{parser::concentration, "/mL"},
                      malformed_case{parser::concentration, "0 mg/mL", "zero"},
                      malformed_case{parser::concentration, "5 mg/0 mL", "zero"},
                      malformed_case{parser::concentration, "5 mg/-1 mL", "negative"},
                      malformed_case{parser::concentration, "5 mg/ mL extra", "mL extra"},
                      malformed_case{parser::concentration, "20 mg", "/"},       // no "/"
                      malformed_case{parser::concentration, "20 mg per mL", "/"},
                      malformed_case{parser::concentration, "5 mg/", "missing"},
                      malformed_case{parser::concentration, "5 mL/mg"},
                      malformed_case{parser::concentration, "5 mg/5 mg"},
                      malformed_case{parser::concentration, "5 mg/mL/mL"},
                      malformed_case{parser::concentration, "5 mg/1/2 mL"},
                      malformed_case{parser::concentration, "5 kg/m"},
                      malformed_case{parser::concentration, "NaN mg/mL"},
                      malformed_case{parser::concentration, "1e400 mg/mL", "range"},
                      // Each side is a finite positive number, but the ratio is not:
                      malformed_case{parser::concentration, "1e300 mg/1e-300 mL"},   // overflows
                      malformed_case{parser::concentration, "1e-300 mg/1e300 mL"},  // to 0
                      malformed_case{parser::concentration, ""}));

INSTANTIATE_TEST_SUITE_P(
    Duration, ParseMalformed,
    ::testing::Values(malformed_case{parser::duration, "0 d", "more than zero"},
                      malformed_case{parser::duration, "4 fortnights", "fortnights"},
                      malformed_case{parser::duration, "4", "unit"},
                      malformed_case{parser::duration, "5 mg", "mg"},
                      malformed_case{parser::duration, "-2 weeks", "negative"},
                      malformed_case{parser::duration, "1e308 w", "range"},
                      malformed_case{parser::duration, "two weeks"}));

INSTANTIATE_TEST_SUITE_P(
    DoseAmount, ParseMalformed,
    ::testing::Values(malformed_case{parser::amount, "1/0 tablet", "zero"},
                      malformed_case{parser::amount, "1/0.0 tablet", "zero"},
                      malformed_case{parser::amount, "1/1e-310 tablet"},   // 1e310: not finite
                      malformed_case{parser::amount, "1e308/1e-308 mg"},
                      malformed_case{parser::amount, "1/2", "unit"},
                      malformed_case{parser::amount, "1//2 tablet"},
                      malformed_case{parser::amount, "1/2/3 tablet"},
                      malformed_case{parser::amount, "-1/2 tablet", "negative"},
                      malformed_case{parser::amount, "1/-2 tablet"},
                      malformed_case{parser::amount, "5 kg", "kg"},
                      malformed_case{parser::amount, "5 mg/mL"},  // a strength, not an amount
                      malformed_case{parser::amount, "2 tablet drops"},
                      malformed_case{parser::amount, "tablet"},
                      malformed_case{parser::amount, "NaN tablet"},
                      malformed_case{parser::amount, ""}));

TEST(ParseMalformedError, ParseErrorIsATaperError) {
    // Callers that catch taper::error (the CLI, the C ABI) see parse errors too.
    EXPECT_THROW((void)taper::parse_mass("5 mL"), taper::error);
    EXPECT_THROW((void)taper::parse_mass("5 mL"), std::runtime_error);
}

// ---------------------------------------------------------------------------------------
// Locale independence: neither the global C++ locale nor the C locale changes what is read
// or printed.

// A numpunct like de_DE's: decimal comma, '.' between thousands.
class comma_numpunct : public std::numpunct<char> {
protected:
    char do_decimal_point() const override { return ','; }
    char do_thousands_sep() const override { return '.'; }
    std::string do_grouping() const override { return "\3"; }
};

// Restores both locales even when an assertion fails half way.
class locale_guard {
public:
    locale_guard() : cpp_(std::locale()), c_(std::setlocale(LC_ALL, nullptr)) {}
    ~locale_guard() {
        std::locale::global(cpp_);
        std::setlocale(LC_ALL, c_.c_str());
    }
    locale_guard(const locale_guard&) = delete;
    locale_guard& operator=(const locale_guard&) = delete;

private:
    std::locale cpp_;
    std::string c_;
};

TEST(UnitsLocale, ParsingAndPrintingIgnoreADecimalCommaLocale) {
    {
        locale_guard guard;
        std::locale::global(std::locale(std::locale::classic(), new comma_numpunct));
        const bool have_german = std::setlocale(LC_ALL, "de_DE.UTF-8") != nullptr;

        // The locale really is in effect: a plain iostream now writes a decimal comma...
        std::ostringstream plain;
        plain << 2.5;
        ASSERT_EQ(plain.str(), "2,5");
        if (have_german) {
            // ...and so does the C library.
            char buf[16];
            std::snprintf(buf, sizeof buf, "%.1f", 2.5);
            EXPECT_STREQ(buf, "2,5");
        } else {
            std::cout << "[ NOTE     ] de_DE.UTF-8 is not installed; "
                         "only the C++ locale was changed\n";
        }

        // ...but taper reads and writes a decimal point.
        EXPECT_DOUBLE_EQ(taper::parse_mass("2.5 mg").value(), 2.5);
        EXPECT_DOUBLE_EQ(taper::parse_volume("0.5 L").value(), 500.0);
        EXPECT_DOUBLE_EQ(taper::parse_concentration("10 mg/2.5 mL").value(), 4.0);
        EXPECT_DOUBLE_EQ(taper::parse_duration("1.5 weeks").value(), 10.5);
        EXPECT_THROW((void)taper::parse_mass("2,5 mg"), taper::parse_error);

        const taper::mass m = taper::parse_mass("2.5 mg");
        EXPECT_EQ(taper::to_string(m), "2.5 mg");
        EXPECT_EQ(taper::to_string(taper::parse_mass("1234.5 mg")), "1234.5 mg");  // no grouping
        std::ostringstream os;  // imbued with the global (comma) locale
        os << m;
        EXPECT_EQ(os.str(), "2.5 mg");
    }
    // The guard put both locales back for the tests that run after this one.
    std::ostringstream after;
    after << 2.5;
    EXPECT_EQ(after.str(), "2.5");
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f", 2.5);
    EXPECT_STREQ(buf, "2.5");
}

}  // namespace
