#pragma once
// Text helpers shared by the compiled parts (library and CLI); not public API. ASCII only, so
// a result never depends on the process locale (UTF-8 bytes pass through unchanged).
#include <cstddef>
#include <string>
#include <string_view>

namespace taper::detail {

/// A space or a tab: the blanks inside one line of input. A line break or another control
/// character in a dose or a name is an error for the parser to report, not padding.
constexpr bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

/// ' ', '\t', '\n', '\v', '\f' or '\r' (what std::isspace means in the "C" locale, whatever
/// the process locale is): what separates words.
constexpr bool is_ascii_space(char c) noexcept { return is_blank(c) || (c >= '\n' && c <= '\r'); }

/// `s` without blanks at either end.
constexpr std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
    return s;
}

constexpr char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// Lower-case ASCII letters; every other byte (UTF-8 included) is kept as it is.
std::string ascii_lower(std::string_view s);

constexpr char ascii_upper(char c) noexcept { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

/// Upper-case ASCII letters ("uk" -> "UK"); every other byte is kept as it is.
std::string ascii_upper(std::string_view s);

/// The same text but for the case of ASCII letters.
constexpr bool equals_ignoring_case(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
}

/// Optimal string alignment distance, ignoring the case of ASCII letters: insertions,
/// deletions, substitutions and swaps of two neighbours each cost 1, which is what typing
/// slips look like ("sertarline", "hyperbolc", "Linear"). Counts bytes, not code points.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace taper::detail
