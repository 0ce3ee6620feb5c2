#pragma once
// Internal: "did you mean" for names typed by people (strategies, options).
#include "text.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace taper::detail {

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
