#pragma once
// A realized schedule as text for other programs: JSON and CSV, as `taper plan ... --have ...
// --format json|csv` prints them (docs/output-formats.md, docs/schedule.schema.json).
//
//   taper::realized_export how{forms, options, taper::dilution_cautions(db, r)};
//   std::string json = taper::to_json(r, how);                        // "dispensing": null
//   std::string json = taper::to_json(r, how, taper::dispensing_export{
//                          taper::dispense_by_period(r, 28_days, options), 28});
//   std::string csv  = taper::to_csv(r);                              // one row per dose line
//   std::string csv  = taper::to_csv(periods, options);               // what to dispense
//
// The JSON is the schedule's JSON (plan/export.hpp) of the realized steps (an inserted step
// shifts the numbers and dates after it), with a "realization" object on each step and on
// the plan, and "dispensing". Numbers follow the schedule exporter's rules: full precision,
// -0 as 0, and a non-finite number is an invalid_argument_error rather than null or "inf".
#include <taper/drugs/database.hpp>
#include <taper/forms/realize.hpp>

#include <optional>
#include <string>
#include <vector>

namespace taper {

/// What a realization was made with, which the realized_schedule does not keep.
struct realized_export {
    std::vector<available_form> forms_on_hand;  ///< as passed to realize()
    realization_options options;                ///< its tools, tolerance and bottle volume
    std::vector<std::string> cautions;          ///< plan-wide cautions: dilution_cautions()
};

/// Dispensing to include in the JSON export.
struct dispensing_export {
    std::vector<dispensing_period> periods;
    std::optional<long> period_days;  ///< the period's length; unset: per step
};

/// Cautions for the plan as a whole: each dispersible tablet used for a dilution, once, with
/// what the data's notes say about dispersing it.
std::vector<std::string> dilution_cautions(const database& db, const realized_schedule& r);

/// The realized schedule as one JSON object (UTF-8, two-space indent, ends with a newline);
/// "dispensing" is null without `dispensing`.
std::string to_json(const realized_schedule& r, const realized_export& how,
                    const std::optional<dispensing_export>& dispensing = std::nullopt);

/// The realized steps as CSV: to_csv(schedule) of the realized steps with the realization's
/// columns appended to each row (realized_amount_mg, how_to_take, realized_daily_mg, ...).
std::string to_csv(const realized_schedule& r);

/// What to dispense as CSV: one row per line of each period. `options` gives the bottle size.
std::string to_csv(const std::vector<dispensing_period>& periods, const realization_options& options = {});

}  // namespace taper
