#pragma once
// A chart of a plan or a realization as a self-contained SVG image (no scripts, no fonts
// or images fetched): the daily dose over time as a step line, the receptor occupancy
// where the drug has a model, and the steps, holds and switch points marked.
//
//   std::string a = taper::to_svg(plan);
//   std::string b = taper::to_svg(realization);   // the dose as taken, the target faint
//   std::string c = taper::to_svg(taper::simulate(plan), taper::series_step::daily);
//                                                  // the plan with its simulated occupancy
//
// Elements carry classes a program can find: `dose`, `target`, `occupancy`, `step-mark`,
// `hold`, `switch`, `axis`, `legend`, and for a simulation `simulated-occupancy`. docs/output-formats.md has an example.
#include <taper/forms/realize.hpp>
#include <taper/io/series_step.hpp>
#include <taper/plan/schedule.hpp>
#include <taper/simulate/simulation.hpp>

#include <string>

namespace taper {

struct svg_options {
    int width = 800;   ///< pixels (user units); at least 320
    int height = 400;  ///< pixels (user units); at least 200
};

std::string to_svg(const schedule& plan, const svg_options& options = {});
std::string to_svg(const realized_schedule& realization, const svg_options& options = {});
/// The chart of the simulation's plan with the simulated occupancy drawn over the plan's
/// steady-state occupancy: every sample, or each whole day's mean at the day's middle. The time
/// axis runs to the simulation's last sample. Throws missing_data_error when the simulation has
/// no occupancy (a drug without a usable occupancy model).
std::string to_svg(const simulation& sim, series_step step = series_step::daily, const svg_options& options = {});

}  // namespace taper
