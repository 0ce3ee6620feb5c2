#pragma once
// A chart of a plan or a realization as a self-contained SVG image (no scripts, no fonts
// or images fetched): the daily dose over time as a step line, the receptor occupancy
// where the drug has a model, and the steps, holds and switch points marked.
//
//   std::string a = taper::to_svg(plan);
//   std::string b = taper::to_svg(realization);   // the dose as taken, the target faint
//
// Elements carry classes a program can find: `dose`, `target`, `occupancy`, `step-mark`,
// `hold`, `switch`, `axis`, `legend`. docs/output-formats.md has an example.
#include <taper/forms/realize.hpp>
#include <taper/plan/schedule.hpp>

#include <string>

namespace taper {

struct svg_options {
    int width = 800;   ///< pixels (user units); at least 320
    int height = 400;  ///< pixels (user units); at least 200
};

std::string to_svg(const schedule& plan, const svg_options& options = {});
std::string to_svg(const realized_schedule& realization, const svg_options& options = {});

}  // namespace taper
