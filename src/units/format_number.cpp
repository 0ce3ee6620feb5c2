// format_number, out of units/io.hpp so that every user of the header does not parse <charconv>.
#include <taper/units/io.hpp>

#include <charconv>
#include <system_error>

namespace taper {

std::string format_number(double v) {
    char buf[64];
    const double magnitude = v < 0 ? -v : v;
    const bool plain = magnitude == 0 || (magnitude >= 1e-9 && magnitude < 1e15);
    auto [end, ec] = plain ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed)
                           : std::to_chars(buf, buf + sizeof buf, v);
    if (ec != std::errc{}) return "?";  // cannot happen: 64 bytes hold any such number
    std::string out(buf, end);
    if (out == "-0") out = "0";
    return out;
}

}  // namespace taper
