#pragma once
// Internal text helpers shared by the compiled parts (library and CLI). ASCII only, so the
// result never depends on the process locale.
#include <string>
#include <string_view>

namespace taper::detail {

/// Lower-case ASCII letters; every other byte (UTF-8 included) is kept as it is.
inline std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace taper::detail
