#pragma once
// Numbers in realization's instructions and messages (not public API). Recipes are written
// for every dose of every step, so the amounts are appended in place, without the
// temporaries and the pow() of the general detail::decimal_text; the text is the same.
#include "../detail/number_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>

namespace taper::forms_detail {

/// Amounts taken, as a person measures them: at most six decimals ("13.4", "0.5").
inline std::string num(double x) { return detail::decimal_text(x, 6); }
/// Targets and limits in messages, which come out of formulas: three significant figures
/// ("1.31 mg", not "1.309568 mg").
inline std::string readable(double x) { return detail::significant_text(x); }

/// Appends num(x) to `out`.
inline void append_amount(std::string& out, double x) {
    constexpr double micro = 1e6;                // six decimals
    constexpr double exact_integer_limit = 1e15; // as detail::decimal_text
    const double scaled = std::round(x * micro);
    if (!(std::abs(scaled) < exact_integer_limit)) {
        out += num(x);
        return;
    }
    auto n = static_cast<std::int64_t>(scaled);
    if (n < 0) {
        out += '-';
        n = -n;
    }
    char digits[24];
    const auto whole = std::to_chars(digits, digits + sizeof digits, n / 1'000'000);
    out.append(digits, whole.ptr);
    auto fraction = n % 1'000'000;
    if (fraction == 0) return;
    char decimals[6];
    for (int i = 5; i >= 0; --i, fraction /= 10) decimals[i] = static_cast<char>('0' + fraction % 10);
    int used = 6;
    while (decimals[used - 1] == '0') --used;
    out += '.';
    out.append(decimals, static_cast<std::size_t>(used));
}

/// Appends a small count (pieces, drops, syringe fills).
inline void append_count(std::string& out, long n) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, n);
    out.append(digits, end.ptr);
}

/// "1", "½", "1¾": whole units and the half and quarter pieces, as a person reads them.
inline void append_pieces(std::string& out, int whole, int halves, int quarters) {
    // Two halves or quarters never occur (the table prefers one larger piece), but be exact.
    const int q = whole * 4 + halves * 2 + quarters;
    static constexpr const char* fraction[] = {"", "¼", "½", "¾"};
    if (q / 4 != 0) append_count(out, q / 4);
    out += fraction[q % 4];
}

}  // namespace taper::forms_detail
