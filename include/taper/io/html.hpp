#pragma once
// A plan or a realization as one printable, self-contained HTML page for the person and
// their prescriber: the summary, the table of steps (and how to take each with what is on
// hand), the chart (inline SVG), the cautions once, what withdrawal can feel like and what
// to do, where to find support, and the sources of every number used. Print CSS fits A4
// and Letter; nothing is fetched (no scripts, fonts or images from elsewhere).
//
//   std::string a = taper::to_html(plan);
//   std::string b = taper::to_html(realization, {.country = "GB"});
#include <taper/drugs/support.hpp>
#include <taper/forms/realize.hpp>
#include <taper/plan/schedule.hpp>

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

}  // namespace taper
