#include "outputs.hpp"

#include "inputs.hpp"

#include <taper/io/fhir.hpp>
#include <taper/io/html.hpp>
#include <taper/io/ics.hpp>
#include <taper/io/svg.hpp>

namespace taper::cli {
namespace {

ics_options ics_options_of(const plan_args& args) {
    ics_options o;
    o.reminders = args.reminders;
    return o;
}

html_options html_options_of(const plan_args& args) {
    if (!args.country.empty() && support_country_from_code(args.country).empty())
        throw input_error("--country \"" + args.country + "\": the support directory covers uk (GB), us and hk");
    return html_options{args.country, nullptr};
}

template <class Value>
std::optional<std::string> exported(const Value& v, const plan_args& args) {
    if (args.format == "ics") return to_ics(v, ics_options_of(args));
    if (args.format == "fhir") return to_fhir(v);
    if (args.format == "svg") return to_svg(v);
    if (args.format == "html") return to_html(v, html_options_of(args));
    return std::nullopt;
}

}  // namespace

std::optional<std::string> exported_document(const schedule& plan, const plan_args& args) { return exported(plan, args); }

std::optional<std::string> exported_document(const realized_schedule& realization, const plan_args& args) {
    return exported(realization, args);
}

std::optional<std::string> exported_document(const simulation& sim, series_step step, const plan_args& args) {
    if (args.format == "svg") return to_svg(sim, step);
    if (args.format == "html") return to_html(sim, step, html_options_of(args));
    return std::nullopt;
}

void check_export_options(const plan_args& args) {
    if (args.reminders && args.format != "ics") throw input_error("--reminders needs --format ics");
    if (!args.country.empty() && args.format != "html") throw input_error("--country needs --format html");
}

}  // namespace taper::cli
