#pragma once
// Internal: a message as JSON, {code, id, severity, params, text}, for the exporters
// (docs/output-formats.md). Not installed.
#include <taper/messages/text.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace taper::detail {

nlohmann::ordered_json message_json(const message& m, const message_context& context);

/// Texts of the messages of one severity, in order (the "notes"/"warnings" text arrays).
std::vector<std::string> texts_of(const auto& messages, severity level, const message_context& context) {
    std::vector<std::string> out;
    for (const message& m : messages)
        if (m.level == level) out.push_back(text(m, context));
    return out;
}

/// The ids of the messages, "|"-separated (CSV).
std::string ids_of(const auto& messages) {
    std::string out;
    for (const message& m : messages) {
        if (!out.empty()) out += '|';
        out += id(m.code);
    }
    return out;
}

}  // namespace taper::detail
