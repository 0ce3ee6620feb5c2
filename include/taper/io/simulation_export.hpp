#pragma once
// A simulation as CSV or JSON: its series at every sample, or as daily means, with the
// parameters it used and their sources (docs/simulation.md, "Output").
//
//   std::string csv = taper::to_csv(sim, taper::series_step::hourly);
//   std::string js = taper::to_json(sim, taper::series_step::daily);
#include <taper/io/series_step.hpp>
#include <taper/simulate/population.hpp>
#include <taper/simulate/simulation.hpp>

#include <string>

namespace taper {

/// Columns: time_h (the day's start for daily rows), amount_mg, concentration_ng_per_ml
/// (empty where volume or bioavailability is unknown), occupancy_percent, set_point_percent,
/// pressure_points (empty without occupancy or an adaptation model).
std::string to_csv(const simulation& sim, series_step step);

/// {"format", "disclaimer", "drug", "parameters": {...}, "metrics": {...}, "series": {column: [...]}}
std::string to_json(const simulation& sim, series_step step);

/// One row per person: person, the four parameter factors and the metrics.
std::string to_csv(const population_result& population);

}  // namespace taper
