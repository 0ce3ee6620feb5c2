#pragma once
// Small text helpers the CLI's renderers share: wrapping, joining, case folding.
#include <taper/plan/calendar.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace taper::cli {

/// Display width of UTF-8 text: code points (the CLI's own text is ASCII; data may not be).
std::size_t display_width(std::string_view s);

/// `text` wrapped at spaces so that no line, `indent` included, is wider than `columns`
/// (a word wider than that stays whole); every line starts with `indent` and ends with "\n".
std::string wrap(const std::string& text, std::size_t columns, const std::string& indent);

/// The items with `separator` between them.
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

/// ASCII lower case.
std::string lower(std::string_view s);

/// ASCII upper case ("uk" -> "UK").
std::string upper(std::string_view s);
/// `text` with every control character except line breaks ("\n", "\r\n") and tabs (C0, DEL, and C1 as UTF-8)
/// written as a visible escape ("\x1b"), so that nothing from data or input can move the cursor,
/// change colours or hide text on a terminal. Everything the command prints passes through it.
std::string terminal_safe(std::string_view text);

/// The last day of a range that ends (exclusively) on `end`, as YYYY-MM-DD.
std::string format_last_day(date end);

}  // namespace taper::cli
