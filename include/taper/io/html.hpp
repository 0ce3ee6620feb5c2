#pragma once
// A plan or a realization as one printable, self-contained HTML page for the person and
// their prescriber: the summary, the table of steps (and how to take each with what is on
// hand), the chart (inline SVG), the cautions once, what withdrawal can feel like and what
// to do, where to find support, and the sources of every number used. Print CSS fits A4
// and Letter; nothing is fetched (no scripts, fonts or images from elsewhere).
//
//   std::string a = taper::to_html(plan);
//   std::string b = taper::to_html(realization, {.country = "GB"});
//   std::string c = taper::to_html(taper::simulate(plan), taper::series_step::daily);  // simulated chart
#include <taper/drugs/support.hpp>
#include <taper/forms/realize.hpp>
#include <taper/io/series_step.hpp>
#include <taper/plan/schedule.hpp>
#include <taper/simulate/simulation.hpp>

#include <string>

namespace taper {

struct html_options {
    /// The person's country (ISO 3166 "GB", or the directory's "uk"): the support section
    /// lists that country's organisations and the online ones. Empty: every country's.
    std::string country;
    /// The support directory to list from; null: the embedded one (data/support.json).
    const support_directory* support = nullptr;
};

std::string to_html(const schedule& plan, const html_options& options = {});
std::string to_html(const realized_schedule& realization, const html_options& options = {});
/// The plan's page with the chart of its simulation (to_svg(sim, step)) and a caption saying
/// the simulated line is a research model. Throws as to_svg(sim, step) does.
std::string to_html(const simulation& sim, series_step step = series_step::daily, const html_options& options = {});

}  // namespace taper
