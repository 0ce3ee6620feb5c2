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

std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

std::string format_last_day(date end) { return format_date(end - std::chrono::days{1}); }

}  // namespace taper::cli
