#pragma once
// Each stage's value as JSON, for other programs. Every exporter takes exactly one value,
// which carries all it writes: a plan its request and drug, a realization its plan, forms
// and options, a dispensing its realization.
//
//   std::string a = taper::to_json(plan);          // docs/schedule.schema.json
//   std::string b = taper::to_json(realization);   // + "realization", "dispensing": null
//   std::string c = taper::to_json(dispensing);    // + "dispensing" filled in
//   std::string d = taper::to_json(drug);          // the drug's data with each value's source
//
// UTF-8, two-space indent, a newline at the end; numbers at full precision (the shortest
// decimal that reads back to the same double), -0 as 0, and a non-finite number is an
// invalid_argument_error rather than null or "inf". docs/output-formats.md has every field.
// The JSON library stays inside the compiled part: this header needs nothing of it.
#include <taper/drugs/drug.hpp>
#include <taper/forms/realize.hpp>
#include <taper/io/format.hpp>
#include <taper/plan/schedule.hpp>

#include <string>

namespace taper {

/// The whole plan as one JSON object.
std::string to_json(const schedule& plan);

/// The plan of the realized steps (an inserted step shifts the numbers and dates after it),
/// with a "realization" object on each step and on the plan; "dispensing" is null.
std::string to_json(const realized_schedule& realization);

/// As to_json(realization), with "dispensing" filled in.
std::string to_json(const dispensing& supplies);

/// A drug's data (targets, half-life, formulations, equivalents), every value with its
/// source and status: what `taper info --format json` and the C ABI print.
std::string to_json(const drug& d);

}  // namespace taper
