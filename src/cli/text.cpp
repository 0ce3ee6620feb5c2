#include "text.hpp"
#include "../detail/text.hpp"

#include <algorithm>
#include <chrono>

namespace taper::cli {

std::size_t display_width(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string wrap(const std::string& text, std::size_t columns, const std::string& indent) {
    std::string out, line;
    std::size_t from = 0;
    while (from < text.size()) {
        std::size_t to = text.find(' ', from);
        if (to == std::string::npos) to = text.size();
        const std::string word = text.substr(from, to - from);
        if (!line.empty() && display_width(indent) + display_width(line) + 1 + display_width(word) > columns) {
            out += indent + line + "\n";
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
        from = to + 1;
    }
    if (!line.empty()) out += indent + line + "\n";
    return out;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& s : items) {
        if (!out.empty()) out += separator;
        out += s;
    }
    return out;
}

std::string lower(std::string_view s) { return detail::ascii_lower(s); }

std::string upper(std::string_view s) { return detail::ascii_upper(s); }

std::string format_last_day(date end) { return format_date(end - std::chrono::days{1}); }

std::string terminal_safe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    auto escape = [&](unsigned char c) {
        constexpr char hex[] = "0123456789abcdef";
        out += "\\x";
        out += hex[c >> 4];
        out += hex[c & 0xF];
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n' || c == '\t' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
            out += static_cast<char>(c);  // CSV ends its lines with "\r\n" (RFC 4180)
        } else if (c < 0x20 || c == 0x7F) {
            escape(c);
        } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
            escape(static_cast<unsigned char>(text[++i]));  // a C1 control (U+0080 ... U+009F), e.g. CSI
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

}  // namespace taper::cli
