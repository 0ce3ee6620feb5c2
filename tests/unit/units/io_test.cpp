// Printing quantities: "12.5 mg", "2.5 mL", "4 mg/mL", "0.5 tablet".
//
// Every expected string is written by hand. Numbers are the shortest decimal that reads
// back to the same double, the rule of std::to_chars(double): fixed or scientific, whichever
// in plain decimal between 1e-9 and 1e15, so 1e-5 prints as "0.00001" and 1e5 as "100000".
#include <taper/units/io.hpp>
#include <taper/units/literals.hpp>
#include <taper/units/parse.hpp>
#include <taper/units/quantities.hpp>

#include <gtest/gtest.h>

#include <iomanip>
#include <limits>
#include <locale>
#include <sstream>
#include <string>

namespace {

using namespace taper::units;
using namespace taper::literals;

template <class Q>
std::string streamed(const Q& q) {
    std::ostringstream os;
    os << q;
    return os.str();
}

TEST(QuantityToString, PrintsTheWayPrescriptionsAreWritten) {
    EXPECT_EQ(taper::to_string(12.5 * mg), "12.5 mg");
    EXPECT_EQ(taper::to_string(2.5 * mL), "2.5 mL");
    EXPECT_EQ(taper::to_string(taper::concentration(4.0 * mg / mL)), "4 mg/mL");
    EXPECT_EQ(taper::to_string(0.5 * tablet), "0.5 tablet");
}

TEST(QuantityToString, WholeNumbersHaveNoDecimalPoint) {
    EXPECT_EQ(taper::to_string(20.0 * mg), "20 mg");
    EXPECT_EQ(taper::to_string(0.0 * mg), "0 mg");
    EXPECT_EQ(taper::to_string(1000.0 * mg), "1000 mg");
    EXPECT_EQ(taper::to_string(10000.0 * mg), "10000 mg");
}

TEST(QuantityToString, ShortestRoundTripDecimal) {
    EXPECT_EQ(taper::to_string(0.1 * mg), "0.1 mg");  // not 0.10000000000000001
    EXPECT_EQ(taper::to_string((0.1 + 0.2) * mg), "0.30000000000000004 mg");  // 0.1 + 0.2 != 0.3
    EXPECT_EQ(taper::to_string((1.0 / 3.0) * mg), "0.3333333333333333 mg");
    EXPECT_EQ(taper::to_string(0.001 * mg), "0.001 mg");
    EXPECT_EQ(taper::to_string(1e-5 * mg), "0.00001 mg");  // never "1e-05": easy to misread
    EXPECT_EQ(taper::to_string(1e-4 * mg), "0.0001 mg");
    EXPECT_EQ(taper::to_string(1e5 * mg), "100000 mg");
    EXPECT_EQ(taper::to_string(1e20 * mg), "1e+20 mg");     // outside the plain range
    EXPECT_EQ(taper::to_string(123456.789 * mg), "123456.789 mg");
    EXPECT_EQ(taper::to_string(-2.5 * mg), "-2.5 mg");     // a difference can be negative
    EXPECT_EQ(taper::to_string(-0.0 * mg), "0 mg");        // never "-0 mg"
}

TEST(QuantityToString, EveryNamedUnit) {
    EXPECT_EQ(taper::to_string(500.0 * mcg), "500 mcg");
    EXPECT_EQ(taper::to_string(1.0 * g), "1 g");
    EXPECT_EQ(taper::to_string(1.0 * L), "1 L");
    EXPECT_EQ(taper::to_string(2.0 * tablet), "2 tablet");  // symbols, like "2 mg": no plural
    EXPECT_EQ(taper::to_string(1.0 * capsule), "1 capsule");
    EXPECT_EQ(taper::to_string(60.0 * bead), "60 bead");
    EXPECT_EQ(taper::to_string(3.0 * drop), "3 drop");
    EXPECT_EQ(taper::to_string(1.0 * pouch), "1 pouch");
    EXPECT_EQ(taper::to_string(14.0 * day), "14 d");
    EXPECT_EQ(taper::to_string(4.0 * week), "4 wk");
    EXPECT_EQ(taper::to_string(12.0 * hour), "12 h");
    EXPECT_EQ(taper::to_string(taper::mass_per_tablet(10.0 * mg / tablet)), "10 mg/tablet");
    EXPECT_EQ(taper::to_string(taper::mass_per_capsule(30.0 * mg / capsule)), "30 mg/capsule");
    EXPECT_EQ(taper::to_string(taper::mass_per_bead(0.5 * mg / bead)), "0.5 mg/bead");
    EXPECT_EQ(taper::to_string(taper::mass_per_drop(0.25 * mg / drop)), "0.25 mg/drop");
    EXPECT_EQ(taper::to_string(taper::mass_per_pouch(4.0 * mg / pouch)), "4 mg/pouch");
    EXPECT_EQ(taper::to_string(taper::volume_per_drop(0.05 * mL / drop)), "0.05 mL/drop");
    EXPECT_EQ(taper::to_string(taper::beads_per_capsule(60.0 * bead / capsule)), "60 bead/capsule");
}

TEST(QuantityToString, LiteralsPrintInTheSystemUnit) {
    EXPECT_EQ(taper::to_string(12.5_mg), "12.5 mg");
    EXPECT_EQ(taper::to_string(500_mcg), "0.5 mg");   // a taper::mass, stored in mg
    EXPECT_EQ(taper::to_string(1_L), "1000 mL");
    EXPECT_EQ(taper::to_string(4_wk), "28 d");
}

TEST(QuantityToString, ResultsOfDoseArithmetic) {
    // 12.5 mg of a 2 mg/mL liquid: 6.25 mL.
    EXPECT_EQ(taper::to_string((12.5 * mg) / (2.0 * mg / mL)), "6.25 mL");
    // 12.5 mg from 10 mg tablets: 1.25 tablet.
    EXPECT_EQ(taper::to_string((12.5 * mg) / (10.0 * mg / tablet)), "1.25 tablet");
    // 10 mg/5 mL: 2 mg/mL.
    EXPECT_EQ(taper::to_string(taper::parse_concentration("10 mg/5 mL")), "2 mg/mL");
}

TEST(QuantityToString, NonFiniteValuesAreVisible) {
    // Arithmetic can make these (0/0); they print as what they are, never as a number.
    EXPECT_EQ(taper::to_string(std::numeric_limits<double>::quiet_NaN() * mg), "nan mg");
    EXPECT_EQ(taper::to_string(std::numeric_limits<double>::infinity() * mg), "inf mg");
    EXPECT_EQ(taper::to_string(-std::numeric_limits<double>::infinity() * mg), "-inf mg");
}

TEST(QuantityFormatNumber, ShortestDecimal) {
    EXPECT_EQ(taper::format_number(3.0), "3");
    EXPECT_EQ(taper::format_number(0.1), "0.1");
    EXPECT_EQ(taper::format_number(12.5), "12.5");
    EXPECT_EQ(taper::format_number(-0.0), "0");
    EXPECT_EQ(taper::format_number(1e21), "1e+21");
    EXPECT_EQ(taper::format_number(std::numeric_limits<double>::max()), "1.7976931348623157e+308");
}

TEST(QuantityStream, SameTextAsToString) {
    EXPECT_EQ(streamed(12.5 * mg), "12.5 mg");
    EXPECT_EQ(streamed(2.5 * mL), "2.5 mL");
    EXPECT_EQ(streamed(taper::concentration(4.0 * mg / mL)), "4 mg/mL");
    EXPECT_EQ(streamed(0.5 * tablet), "0.5 tablet");
    EXPECT_EQ(streamed(0.1 * mg), "0.1 mg");
    EXPECT_EQ(streamed(1e-5 * mg), "0.00001 mg");
    EXPECT_EQ(streamed(500_mcg), "0.5 mg");
}

TEST(QuantityStream, Chains) {
    std::ostringstream os;
    os << 10.0 * mg << " in " << 5.0 * mL << " = " << taper::concentration(2.0 * mg / mL);
    EXPECT_EQ(os.str(), "10 mg in 5 mL = 2 mg/mL");
}

TEST(QuantityStream, IgnoresNumericStreamStateButHonoursWidth) {
    // The quantity is formatted as text first, so precision and fixed do not apply to it
    // (12.5 stays 12.5, not 12.50); setw pads the whole "12.5 mg".
    std::ostringstream os;
    os << std::fixed << std::setprecision(2) << 12.5 * mg;
    EXPECT_EQ(os.str(), "12.5 mg");

    std::ostringstream padded;
    padded << '[' << std::setw(10) << 12.5 * mg << ']';
    EXPECT_EQ(padded.str(), "[   12.5 mg]");
}

// A numpunct with a decimal comma, imbued in the stream only.
class comma_numpunct : public std::numpunct<char> {
protected:
    char do_decimal_point() const override { return ','; }
};

TEST(QuantityStream, IgnoresTheStreamLocale) {
    std::ostringstream os;
    os.imbue(std::locale(std::locale::classic(), new comma_numpunct));
    os << 2.5 << ' ';  // the stream itself now writes a decimal comma...
    os << 2.5 * mg;    // ...the quantity still a decimal point
    EXPECT_EQ(os.str(), "2,5 2.5 mg");
}

TEST(QuantityRoundTrip, ParsingPrintedMassGivesTheSameDouble) {
    for (const double v : {0.1, 1.0 / 3.0, 12.5, 1e-5, 123456.789, 0.1 + 0.2,
                           2.2250738585072014e-308, std::numeric_limits<double>::max()}) {
        const taper::mass m = v * mg;
        const std::string text = taper::to_string(m);
        EXPECT_EQ(taper::parse_mass(text).value(), v) << text;  // exact, not approximately
    }
}

TEST(QuantityRoundTrip, OtherQuantities) {
    const taper::volume v = 0.7 * mL;
    EXPECT_EQ(taper::parse_volume(taper::to_string(v)).value(), 0.7);
    const taper::concentration c = 0.3 * mg / mL;
    EXPECT_EQ(taper::parse_concentration(taper::to_string(c)).value(), 0.3);
    const taper::duration d = 10.5 * day;
    EXPECT_EQ(taper::parse_duration(taper::to_string(d)).value(), 10.5);
    const auto t = taper::parse_dose_amount(taper::to_string(0.25 * tablet));
    ASSERT_TRUE(std::holds_alternative<taper::tablets>(t));
    EXPECT_EQ(std::get<taper::tablets>(t).value(), 0.25);
}

}  // namespace
