#pragma once
// Internal: "did you mean" for names typed by people (strategies, options).
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace taper::detail {

/// Levenshtein distance, ignoring ASCII case: enough to catch "hyperbolc" or "Linear".
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
    const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t substitution = diagonal + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
            diagonal = above;
        }
    }
    return row[b.size()];
}

/// The candidate nearest to `typed`, if it is close enough to be a slip (a third of the
/// candidate's letters, at least two); empty otherwise.
inline std::string nearest_name(std::string_view typed, const std::vector<std::string>& candidates) {
    std::string nearest;
    std::size_t best = std::string_view::npos;
    for (const auto& c : candidates) {
        const std::size_t d = edit_distance(typed, c);
        if (d < best) {
            best = d;
            nearest = c;
        }
    }
    if (nearest.empty() || best > std::max<std::size_t>(2, nearest.size() / 3)) return {};
    return nearest;
}

}  // namespace taper::detail
