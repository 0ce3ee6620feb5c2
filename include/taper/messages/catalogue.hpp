#pragma once
// What the library knows about each message code: its stable id, its severity and its
// parameters (names and kinds). docs/messages.md says the same for people; a test checks
// that the two agree.
#include <taper/messages/message_code.hpp>
#include <taper/messages/parameter.hpp>
#include <taper/messages/severity.hpp>

#include <array>
#include <optional>
#include <span>
#include <string_view>

namespace taper {

struct parameter_slot {
    std::string_view name;  ///< stable, the key in JSON: "max_step", "occupancy", ...
    parameter_kind kind = parameter_kind::none;
};

struct message_info {
    message_code code{};
    std::string_view id;  ///< stable: "cut_limited_by_max_step"
    severity level = severity::note;
    std::array<parameter_slot, 4> parameters{};  ///< in order; unused slots have kind none
};

/// Every code, in numeric order.
std::span<const message_info> message_catalogue() noexcept;
/// The entry of a code (every enumerator has one).
const message_info& info(message_code code) noexcept;
/// The code's stable string id.
std::string_view id(message_code code) noexcept;
/// The code whose id is `text`, if any.
std::optional<message_code> message_code_from_id(std::string_view text) noexcept;

}  // namespace taper
