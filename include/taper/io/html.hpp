#pragma once
// A plan or a realization as one printable, self-contained HTML page for the person and
// their prescriber: the summary, the table of steps (and how to take each with what is on
// hand), the chart (inline SVG), the cautions once, what withdrawal can feel like and what
// to do, where to find support, and the sources of every number used. Print CSS fits A4
// and Letter; nothing is fetched (no scripts, fonts or images from elsewhere).
//
//   std::string a = taper::to_html(plan);
//   std::string b = taper::to_html(realization);
#include <taper/forms/realize.hpp>
#include <taper/plan/schedule.hpp>

#include <string>

namespace taper {

std::string to_html(const schedule& plan);
std::string to_html(const realized_schedule& realization);

}  // namespace taper
