#pragma once
// Numbers for people, and comparing computed numbers; shared by the compiled parts (library
// and CLI), not public API. Locale-independent: the decimal point is always '.'.
// Machine-readable output (JSON, CSV) uses format_number (<taper/units/io.hpp>) instead, which
// keeps every digit.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

namespace taper::detail {

/// `x` rounded (half away from zero) to at most `max_decimals` decimals, trailing zeros
/// dropped, never "-0": for amounts a person measures ("13.4", "0.5", "42", "0.125").
std::string decimal_text(double x, int max_decimals = 6);

/// `x` to three significant figures, with at least `min_decimals` decimals (trailing zeros
/// dropped): for numbers that come out of formulas ("1.31", "0.0123", "250", not
/// "1.309568"). A number that is not zero never prints as "0".
std::string significant_text(double x, int min_decimals = 0);

/// The slack allowed around `x` for floating-point rounding: a billionth of it, and at least
/// 1e-9 (so that amounts near zero compare sensibly).
inline double rounding_slack(double x) { return 1e-9 * std::max(1.0, std::abs(x)); }

/// `x` rounded to nine decimals, which removes the float noise of sums of measured amounts
/// (156.79999999999998 mL becomes 156.8) and keeps far more precision than any dose needs.
/// The same as std::round(x * 1e9) / 1e9, bit for bit, without the call to libm's round (it
/// runs on every amount realization computes): below 2^52 the part after the point of
/// x * 1e9 is exact, so comparing it with ±0.5 rounds half away from zero as std::round does.
inline double without_float_noise(double x) {
    const double scaled = x * 1e9;
    constexpr double exact_fraction_limit = 4503599627370496.0;  // 2^52
    if (!(std::abs(scaled) < exact_fraction_limit)) return std::round(scaled) / 1e9;  // huge, inf, NaN
    auto whole = static_cast<std::int64_t>(scaled);  // toward zero
    const double rest = scaled - static_cast<double>(whole);
    if (rest >= 0.5) ++whole;
    else if (rest <= -0.5) --whole;
    if (whole == 0) return std::copysign(0.0, scaled);  // -0.3 rounds to -0, as std::round does
    return static_cast<double>(whole) / 1e9;
}

/// std::round(x) bit for bit (half away from zero, the sign of zero kept), inline: a plan
/// rounds each step's length and end date, and libm's call was a few percent of a plan's
/// instructions. Below 2^52 the part after the point is exact, as in without_float_noise.
inline double round_half_away(double x) {
    constexpr double exact_fraction_limit = 4503599627370496.0;  // 2^52: at and above, x is whole
    if (!(std::abs(x) < exact_fraction_limit)) return std::round(x);  // huge, inf, NaN
    auto whole = static_cast<std::int64_t>(x);  // toward zero
    const double rest = x - static_cast<double>(whole);
    if (rest >= 0.5) ++whole;
    else if (rest <= -0.5) --whole;
    if (whole == 0) return std::copysign(0.0, x);  // -0.3 rounds to -0, as std::round does
    return static_cast<double>(whole);
}

/// `a` and `b` are the same number but for floating-point rounding.
inline bool nearly_equal(double a, double b) {
    return std::abs(a - b) <= rounding_slack(std::max(std::abs(a), std::abs(b)));
}

}  // namespace taper::detail
