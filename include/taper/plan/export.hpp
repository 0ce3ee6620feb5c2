#pragma once
// A schedule as text for other programs: JSON (the whole plan) and CSV (its steps).
//
//   std::string json = taper::to_json(schedule);   // docs/schedule.schema.json
//   std::string csv  = taper::to_csv(schedule);    // one row per dose line, RFC 4180
//
// Both carry every field of a step with the unit in the field name (daily_dose_mg,
// length_days, occupancy_percent ...), numbers at full precision (the shortest decimal
// that reads back to the same double), in a fixed order. docs/output-formats.md describes
// each field. The JSON library stays inside the compiled part: this header needs nothing.
#include <taper/plan/schedule.hpp>

#include <string>

namespace taper {

/// Version of the JSON and CSV layouts; bumped on any change a reader could notice.
inline constexpr int schedule_format_version = 1;

/// What every exported plan says about itself.
inline constexpr const char* schedule_disclaimer =
    "Decision support for a person and their prescriber, not a prescription. Do not change a dose "
    "without talking to the prescriber. Withdrawal symptoms usually start within days of a cut and "
    "ease within hours to days if the previous dose is taken again; if they are severe, go back to "
    "the last dose that was tolerated and reduce more slowly (NICE NG222).";

/// The whole schedule as one JSON object (UTF-8, ends with a newline).
std::string to_json(const schedule& s);

/// The steps as CSV: a header row, then one row per dose line of each step (a step with
/// two dose-times gives two rows that repeat the step's fields). CRLF line ends, fields
/// quoted where RFC 4180 requires.
std::string to_csv(const schedule& s);

}  // namespace taper
