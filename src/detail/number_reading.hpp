#pragma once
// Internal: reading plain numbers and comma lists typed by people, shared by the library's
// option reader (src/plan/option_text.cpp) and the CLI. Locale-independent.
#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>
#include <vector>

#include "text.hpp"

namespace taper::detail {

/// Without the spaces and tabs around it.
constexpr std::string_view trim_blanks(std::string_view s) noexcept { return trim(s); }

/// The parts between any of `separators`, each trimmed (empty parts kept).
inline std::vector<std::string_view> split_on(std::string_view text, std::string_view separators) {
    std::vector<std::string_view> out;
    std::size_t from = 0;
    while (true) {
        const std::size_t at = text.find_first_of(separators, from);
        out.push_back(trim_blanks(text.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from)));
        if (at == std::string_view::npos) break;
        from = at + 1;
    }
    return out;
}

/// A number on its own: digits with an optional fraction and exponent, or "a/b". Refuses
/// "nan", "inf", "+1" and anything around the number.
inline std::optional<double> read_number(std::string_view s) {
    s = trim_blanks(s);
    if (s.empty()) return std::nullopt;
    auto one = [](std::string_view t) -> std::optional<double> {
        if (t.empty() || !((t.front() >= '0' && t.front() <= '9') || t.front() == '.' || t.front() == '-'))
            return std::nullopt;
        double v = 0;
        auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
        if (ec != std::errc{} || ptr != t.data() + t.size() || !std::isfinite(v)) return std::nullopt;
        return v;
    };
    if (const auto slash = s.find('/'); slash != std::string_view::npos) {
        const auto a = one(trim_blanks(s.substr(0, slash)));
        const auto b = one(trim_blanks(s.substr(slash + 1)));
        if (!a || !b || *b == 0 || !std::isfinite(*a / *b)) return std::nullopt;
        return *a / *b;
    }
    return one(s);
}

/// Whether `s` ends with the lower-case ASCII `suffix`, ignoring ASCII case.
inline bool ends_with_ci(std::string_view s, std::string_view suffix) {
    if (s.size() < suffix.size()) return false;
    return equals_ignoring_case(s.substr(s.size() - suffix.size()), suffix);
}

}  // namespace taper::detail
