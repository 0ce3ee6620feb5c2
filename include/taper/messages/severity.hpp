#pragma once
// How much a message matters to the person reading the plan.
#include <cstdint>
#include <string_view>

namespace taper {

enum class severity : std::uint8_t {
    note = 0,     ///< how the step came about (a limit that applied, a strategy's target)
    warning = 1,  ///< something to act on or check with the prescriber
};

/// "note" or "warning": stable, used in JSON and CSV.
constexpr std::string_view id(severity s) noexcept { return s == severity::note ? "note" : "warning"; }

}  // namespace taper
