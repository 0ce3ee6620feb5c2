#include <taper/units/parse.hpp>
#include <taper/units/from_value.hpp>
#include "../detail/text.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>

namespace taper {
namespace {

constexpr std::string_view mass_expected =
    "a mass (a number and mg, mcg or g, e.g. \"2.5 mg\" or \"500 mcg\")";
constexpr std::string_view volume_expected =
    "a volume (a number and mL or L, e.g. \"2.5 mL\")";
constexpr std::string_view concentration_expected =
    "a concentration (e.g. \"20 mg/mL\" or \"10 mg/5 mL\")";
constexpr std::string_view duration_expected =
    "a duration (a number and d, w or h, e.g. \"14 d\" or \"4 weeks\")";
constexpr std::string_view amount_expected =
    "a dose amount (e.g. \"12.5 mg\", \"2.5 mL\", \"1/2 tablet\", \"3 drops\")";

using detail::equals_ignoring_case;
using detail::trim;

[[noreturn]] void fail(std::string_view input, std::string_view expected, const std::string& problem) {
    throw parse_error(std::string(input), std::string(expected), problem);
}

// One plain decimal number (digits, optional fraction, optional exponent), no sign.
// Returns the value and how many characters it used.
std::pair<double, std::size_t> read_decimal(std::string_view s, std::string_view input,
                                            std::string_view expected) {
    if (s.empty()) fail(input, expected, "the number is missing");
    if (s.front() == '-') fail(input, expected, "a negative amount is not a dose");
    if (s.front() == '+') fail(input, expected, "write the number without a sign");
    const bool starts_numeric = (s.front() >= '0' && s.front() <= '9') || s.front() == '.';
    if (!starts_numeric) fail(input, expected, "it does not start with a number");
    double v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v, std::chars_format::general);
    if (ec == std::errc::result_out_of_range)
        fail(input, expected, "the number is outside the range a dose can have");
    if (ec != std::errc{}) fail(input, expected, "it does not start with a number");
    if (!std::isfinite(v)) fail(input, expected, "the number is not finite");
    return {v, static_cast<std::size_t>(ptr - s.data())};
}

// A unit factor can push a finite number past the double range ("1e308 g"),
// and so can a fraction ("1/1e-310 tablet").
double finite(double v, std::string_view input, std::string_view expected) {
    if (!std::isfinite(v)) fail(input, expected, "the amount is outside the range a dose can have");
    return v;
}

struct number_and_unit {
    double number;
    std::string_view unit;
};

// "<number> <unit>" or "<a>/<b> <unit>"; the number may touch the unit ("0.5mg").
// `part` is what to read; `input` is the whole text, for messages (they differ when a
// concentration's mass part is read on its own).
number_and_unit split(std::string_view part, std::string_view input, std::string_view expected,
                      bool allow_fraction) {
    std::string_view s = trim(part);
    if (s.empty())
        fail(input, expected, trim(input).empty() ? "the text is empty" : "the number is missing");
    auto [value, used] = read_decimal(s, input, expected);
    s.remove_prefix(used);
    if (allow_fraction && !s.empty() && s.front() == '/' && s.size() > 1 && s[1] >= '0' &&
        s[1] <= '9') {
        s.remove_prefix(1);
        auto [denominator, used2] = read_decimal(s, input, expected);
        if (denominator == 0) fail(input, expected, "a fraction cannot divide by zero");
        value = finite(value / denominator, input, expected);  // "1/1e-310" overflows
        s.remove_prefix(used2);
    }
    s = trim(s);
    if (s.empty()) fail(input, expected, "the unit is missing");
    return {value, s};
}

struct unit_spelling {
    std::string_view text;
    double factor;  // to the system unit
};

std::optional<double> match(std::string_view unit, std::initializer_list<unit_spelling> table) {
    for (const auto& u : table)
        if (equals_ignoring_case(unit, u.text)) return u.factor;
    return std::nullopt;
}

// "µg" in UTF-8 (micro sign U+00B5 or Greek mu U+03BC).
constexpr std::string_view micro_sign_ug = "\xC2\xB5g";
constexpr std::string_view greek_mu_ug = "\xCE\xBCg";

std::optional<double> mass_factor(std::string_view unit) {
    if (unit == micro_sign_ug || unit == greek_mu_ug) return 1e-3;
    return match(unit, {{"mg", 1.0}, {"mcg", 1e-3}, {"ug", 1e-3}, {"g", 1e3},
                        {"milligram", 1.0}, {"milligrams", 1.0}, {"microgram", 1e-3},
                        {"micrograms", 1e-3}, {"gram", 1e3}, {"grams", 1e3}});
}

std::optional<double> volume_factor(std::string_view unit) {
    return match(unit, {{"mL", 1.0}, {"L", 1e3}, {"millilitre", 1.0}, {"millilitres", 1.0},
                        {"milliliter", 1.0}, {"milliliters", 1.0}, {"litre", 1e3},
                        {"litres", 1e3}, {"liter", 1e3}, {"liters", 1e3}});
}

std::string unit_problem(std::string_view unit, std::string_view kind) {
    return std::string("\"").append(unit).append("\" is not ").append(kind);  // GCC 12 -Wrestrict (bug 105329)
}

}  // namespace

mass parse_mass(std::string_view text) {
    auto [number, unit] = split(text, text, mass_expected, false);
    const auto factor = mass_factor(unit);
    if (!factor) fail(text, mass_expected, unit_problem(unit, "a unit of mass"));
    return from_value<mass>(finite(number * *factor, text, mass_expected));
}

volume parse_volume(std::string_view text) {
    auto [number, unit] = split(text, text, volume_expected, false);
    const auto factor = volume_factor(unit);
    if (!factor) fail(text, volume_expected, unit_problem(unit, "a unit of volume"));
    return from_value<volume>(finite(number * *factor, text, volume_expected));
}

concentration parse_concentration(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos)
        fail(text, concentration_expected, "there is no \"/\" between the mass and the volume");
    auto [amount, mass_unit_text] =
        split(text.substr(0, slash), text, concentration_expected, false);
    const auto mf = mass_factor(mass_unit_text);
    if (!mf) fail(text, concentration_expected, unit_problem(mass_unit_text, "a unit of mass"));

    std::string_view per = trim(text.substr(slash + 1));
    double per_amount = 1.0;
    if (!per.empty() && ((per.front() >= '0' && per.front() <= '9') || per.front() == '.' ||
                         per.front() == '-' || per.front() == '+')) {
        auto [n, used] = read_decimal(per, text, concentration_expected);
        per_amount = n;
        per = trim(per.substr(used));
    }
    if (per.empty()) fail(text, concentration_expected, "the volume unit is missing");
    const auto vf = volume_factor(per);
    if (!vf) fail(text, concentration_expected, unit_problem(per, "a unit of volume"));
    const double mg = amount * *mf;
    const double ml = per_amount * *vf;
    if (ml <= 0) fail(text, concentration_expected, "the volume must be more than zero");
    if (mg <= 0) fail(text, concentration_expected, "the amount of drug must be more than zero");
    const double c = mg / ml;
    // Both sides can be in range while their ratio is not ("1e-300 mg/1e300 mL" is 0).
    if (!std::isfinite(c) || c <= 0)
        fail(text, concentration_expected, "the concentration is out of range");
    return from_value<concentration>(c);
}

duration parse_duration(std::string_view text) {
    auto [number, unit] = split(text, text, duration_expected, false);
    const auto factor =
        match(unit, {{"d", 1.0}, {"day", 1.0}, {"days", 1.0}, {"w", 7.0}, {"wk", 7.0},
                     {"week", 7.0}, {"weeks", 7.0}, {"h", 1.0 / 24.0}, {"hour", 1.0 / 24.0},
                     {"hours", 1.0 / 24.0}});
    if (!factor) fail(text, duration_expected, unit_problem(unit, "a unit of time"));
    if (number <= 0) fail(text, duration_expected, "a duration must be more than zero");
    return from_value<duration>(finite(number * *factor, text, duration_expected));
}

dose_amount parse_dose_amount(std::string_view text) {
    auto [number, unit] = split(text, text, amount_expected, true);
    if (auto f = mass_factor(unit)) return from_value<mass>(finite(number * *f, text, amount_expected));
    if (auto f = volume_factor(unit)) return from_value<volume>(finite(number * *f, text, amount_expected));
    auto counted = [&](std::initializer_list<std::string_view> names) {
        for (auto n : names)
            if (equals_ignoring_case(unit, n)) return true;
        return false;
    };
    if (counted({"tablet", "tablets", "tab", "tabs"})) return from_value<tablets>(number);
    if (counted({"capsule", "capsules", "cap", "caps"})) return from_value<capsules>(number);
    if (counted({"bead", "beads", "pellet", "pellets"})) return from_value<beads>(number);
    if (counted({"drop", "drops"})) return from_value<drops>(number);
    if (counted({"pouch", "pouches", "sachet", "sachets"})) return from_value<pouches>(number);
    fail(text, amount_expected, unit_problem(unit, "a unit a dose is given in"));
}

}  // namespace taper
