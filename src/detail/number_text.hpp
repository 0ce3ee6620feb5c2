#pragma once
// Numbers for people, and comparing computed numbers; shared by the compiled parts (library
// and CLI), not public API. Locale-independent: the decimal point is always '.'.
// Machine-readable output (JSON, CSV) uses format_number (<taper/units/io.hpp>) instead, which
// keeps every digit.
#include <algorithm>
#include <cmath>
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
inline double without_float_noise(double x) { return std::round(x * 1e9) / 1e9; }

/// `a` and `b` are the same number but for floating-point rounding.
inline bool nearly_equal(double a, double b) {
    return std::abs(a - b) <= rounding_slack(std::max(std::abs(a), std::abs(b)));
}

}  // namespace taper::detail
