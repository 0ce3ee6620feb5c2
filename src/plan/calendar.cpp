#include <taper/plan/calendar.hpp>

#include <taper/error.hpp>

#include "../detail/number_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace taper {

date parse_date(std::string_view iso) {
    constexpr std::string_view expected = "a date as YYYY-MM-DD (e.g. \"2026-12-01\")";
    auto fail = [&](const char* problem) { throw parse_error(std::string(iso), std::string(expected), problem); };
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') fail("it is not in the form YYYY-MM-DD");
    auto number = [&](std::size_t pos, std::size_t len) {
        int v = 0;
        const char* first = iso.data() + pos;
        for (std::size_t i = 0; i < len; ++i)
            if (first[i] < '0' || first[i] > '9') fail("it is not in the form YYYY-MM-DD");
        std::from_chars(first, first + len, v);
        return v;
    };
    const std::chrono::year_month_day ymd{std::chrono::year{number(0, 4)},
                                          std::chrono::month{static_cast<unsigned>(number(5, 2))},
                                          std::chrono::day{static_cast<unsigned>(number(8, 2))}};
    if (!ymd.ok()) fail("there is no such day");
    if (!in_date_range(date{ymd})) fail("it is outside 1900-01-01 ... 9999-12-31, the dates taper accepts");
    return date{ymd};
}

std::string format_date(date d) {
    if (!in_date_range(d))
        throw invalid_argument_error("date " + std::to_string(d.time_since_epoch().count()) +
                                         " days from 1970-01-01 is outside 1900-01-01 ... 9999-12-31, the dates taper "
                                         "writes (ISO 8601 with a four-digit year)",
                                     error_detail{error_code::invalid_argument,
                                                  std::to_string(d.time_since_epoch().count()),
                                                  "a date from 1900-01-01 to 9999-12-31", "date", {}});
    const std::chrono::year_month_day ymd{d};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

date add_days(date d, duration length) {
    const double days = in(length, units::day);
    // Asked for each step's end while planning: below 2^52 days (every length a plan can have)
    // the inline rounding gives lround's whole number without the call into libm.
    if (std::abs(days) < 4503599627370496.0)
        return d + std::chrono::days{static_cast<long>(detail::round_half_away(days))};
    return d + std::chrono::days{static_cast<long>(std::lround(days))};
}

}  // namespace taper
