#pragma once
// Dates in a schedule: whole days on the civil calendar (std::chrono::sys_days).
#include <taper/units/quantities.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace taper {

using date = std::chrono::sys_days;

/// "2026-12-01". Throws parse_error for anything else, including impossible dates.
date parse_date(std::string_view iso);
/// ISO 8601, "2026-12-01".
std::string format_date(date d);

/// The date `length` after `d`; lengths are whole days (fractions are rounded to nearest).
date add_days(date d, duration length);

/// Whole days between two dates.
inline long days_between(date from, date to) { return (to - from).count(); }

}  // namespace taper
