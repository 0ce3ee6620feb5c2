#pragma once
// Dates in a schedule: whole days on the civil calendar (std::chrono::sys_days).
#include <taper/units/quantities.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace taper {

using date = std::chrono::sys_days;

/// The dates taper accepts and writes: 1900-01-01 to 9999-12-31. Every date is written as
/// ISO 8601 with a four-digit year (no sign, no expanded years), and no taper starts before
/// 1900; a date outside this range is refused where it enters (parse_date, a plan's start,
/// the C ABI), and a plan that would end after the last date is refused by the planner.
inline constexpr date earliest_date{std::chrono::year{1900} / std::chrono::January / 1};
inline constexpr date latest_date{std::chrono::year{9999} / std::chrono::December / 31};

/// `d` is inside earliest_date ... latest_date.
constexpr bool in_date_range(date d) noexcept { return d >= earliest_date && d <= latest_date; }

/// "2026-12-01", from 1900-01-01 to 9999-12-31. Throws parse_error for anything else,
/// including impossible dates and dates outside that range.
date parse_date(std::string_view iso);
/// ISO 8601, "2026-12-01". Throws invalid_argument_error for a date outside 1900-01-01 ...
/// 9999-12-31 (it would not be a four-digit-year ISO 8601 date), so no export ever writes
/// "-005-01-01" or "10218-01-01" (the planner keeps a plan's `end`, the day after its last
/// day, within range).
std::string format_date(date d);

/// The date `length` after `d`; lengths are whole days (fractions are rounded to nearest).
date add_days(date d, duration length);

/// Whole days between two dates.
inline long days_between(date from, date to) { return (to - from).count(); }

}  // namespace taper
