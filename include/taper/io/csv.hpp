#pragma once
// Each stage's value as CSV (RFC 4180: CRLF line ends, fields quoted where needed), one
// exporter per value, as in json.hpp.
//
//   std::string a = taper::to_csv(plan);          // one row per dose line of each step
//   std::string b = taper::to_csv(realization);   // the same rows plus the realization's columns
//   std::string c = taper::to_csv(dispensing);    // one row per line of each period
//
// Every field carries its unit in its name (daily_dose_mg, length_days ...), numbers at full
// precision, in a fixed order; docs/output-formats.md describes each.
#include <taper/forms/realize.hpp>
#include <taper/io/format.hpp>
#include <taper/plan/schedule.hpp>

#include <string>

namespace taper {

/// The steps: a header row, then one row per dose line of each step (a step with two
/// dose-times gives two rows that repeat the step's fields).
std::string to_csv(const schedule& plan);

/// The realized steps: to_csv(plan) of the realized steps with the realization's columns
/// appended (realized_amount_mg, how_to_take, realized_daily_mg, ...).
std::string to_csv(const realized_schedule& realization);

/// What to dispense: one row per line of each period (bottles with the realization's
/// bottle volume).
std::string to_csv(const dispensing& supplies);

}  // namespace taper
