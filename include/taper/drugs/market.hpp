#pragma once
// The country a product is sold in. Products, strengths and licensed maxima differ between
// the UK (SmPC, BNF) and the US (FDA label), so each carries the region its source is from.
#include <optional>
#include <string_view>

namespace taper {

enum class market_region { uk, us };

/// "uk", "us".
std::string_view to_string(market_region r) noexcept;
/// "uk" or "us" (lower case, as in formulary files); nullopt for anything else.
std::optional<market_region> market_region_from_string(std::string_view s) noexcept;

}  // namespace taper
