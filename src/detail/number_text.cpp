#include "number_text.hpp"

#include <taper/units/io.hpp>

#include <cstdint>

namespace taper::detail {
namespace {

// Integers below this print exactly from an int64 (15 digits, well inside a double's 2^53).
constexpr double exact_integer_limit = 1e15;

}  // namespace

std::string decimal_text(double x, int max_decimals) {
    max_decimals = std::clamp(max_decimals, 0, 300);
    const double scale = std::pow(10.0, max_decimals);
    const double scaled = std::round(x * scale);
    // A finite x whose scaled value overflows (above about 1e299 at 6 decimals) has no
    // decimals worth rounding: print it as it is, never as "inf".
    if (std::isfinite(x) && !std::isfinite(scaled)) return format_number(x);
    // Outside the exact-integer range (or not finite), the shortest decimal that reads back.
    if (!(std::abs(scaled) < exact_integer_limit) || max_decimals > 15) return format_number(scaled / scale);
    auto n = static_cast<std::int64_t>(scaled);
    std::string out;
    if (n < 0) {
        out += '-';
        n = -n;
    }
    std::int64_t unit = 1;
    for (int i = 0; i < max_decimals; ++i) unit *= 10;
    out += std::to_string(n / unit);
    if (std::int64_t fraction = n % unit; fraction != 0) {
        std::string digits(static_cast<std::size_t>(max_decimals), '0');
        for (auto i = digits.size(); i-- > 0; fraction /= 10) digits[i] = static_cast<char>('0' + fraction % 10);
        digits.erase(digits.find_last_not_of('0') + 1);
        out += '.';
        out += digits;
    }
    return out;
}

std::string significant_text(double x, int min_decimals) {
    if (x == 0 || !std::isfinite(x)) return decimal_text(x, 0);
    const int magnitude = static_cast<int>(std::floor(std::log10(std::abs(x))));
    return decimal_text(x, std::max(min_decimals, 2 - magnitude));
}

}  // namespace taper::detail
