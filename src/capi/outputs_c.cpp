// The C ABI of the people-facing exporters: iCalendar, FHIR R4, SVG, HTML (include/taper.h,
// "Outputs for people and systems").
#include "internal.hpp"
#include "simulation_handle.hpp"

#include <taper/io/fhir.hpp>
#include <taper/io/html.hpp>
#include <taper/io/ics.hpp>
#include <taper/io/svg.hpp>

using namespace taper;
using namespace taper::capi;

namespace {

ics_options ics_options_of(int reminders, int64_t stamp_unix_seconds) {
    ics_options o;
    o.reminders = reminders != 0;
    if (stamp_unix_seconds != 0) o.stamp = std::chrono::sys_seconds{std::chrono::seconds{stamp_unix_seconds}};
    return o;
}

const schedule& schedule_of(const taper_schedule* s, const char* fn) { return need(s, fn, "schedule").schedule; }
const simulation& simulation_of(const taper_simulation* s, const char* fn) {
    return need(s, fn, "simulation").simulation;
}

// The C flag as the series step: non-zero draws one mean a day (what a person reads: the
// within-day rise and fall of every dose would hide the trend), zero every sample.
series_step step_of(int daily) { return daily != 0 ? series_step::daily : series_step::each_sample; }

const realized_schedule& realization_of(const taper_realization* r, const char* fn) {
    return need(r, fn, "realization").realized;
}

// One exporter call behind the C boundary: the value, the out-parameter, the text.
template <class Handle, class Read, class Export>
taper_status export_text(const Handle* handle, char** out, const char* fn, const char* out_name, taper_error** error,
                         Read read, Export write) {
    return guarded(error, [&] {
        const auto& value = read(handle, fn);
        need(out, fn, out_name);
        *out = allocated(write(value));
    });
}

}  // namespace

extern "C" {

taper_status taper_schedule_to_ics(const taper_schedule* schedule, char** out_ics, int reminders,
                                   int64_t stamp_unix_seconds, taper_error** error) {
    return export_text(schedule, out_ics, __func__, "out_ics", error, schedule_of,
                       [&](const taper::schedule& s) { return to_ics(s, ics_options_of(reminders, stamp_unix_seconds)); });
}

taper_status taper_schedule_to_fhir(const taper_schedule* schedule, char** out_json, taper_error** error) {
    return export_text(schedule, out_json, __func__, "out_json", error, schedule_of,
                       [](const taper::schedule& s) { return to_fhir(s); });
}

taper_status taper_schedule_to_svg(const taper_schedule* schedule, char** out_svg, taper_error** error) {
    return export_text(schedule, out_svg, __func__, "out_svg", error, schedule_of,
                       [](const taper::schedule& s) { return to_svg(s); });
}

taper_status taper_schedule_to_html(const taper_schedule* schedule, char** out_html, taper_error** error) {
    return export_text(schedule, out_html, __func__, "out_html", error, schedule_of,
                       [](const taper::schedule& s) { return to_html(s); });
}

taper_status taper_realization_to_ics(const taper_realization* realization, char** out_ics, int reminders,
                                      int64_t stamp_unix_seconds, taper_error** error) {
    return export_text(realization, out_ics, __func__, "out_ics", error, realization_of,
                       [&](const realized_schedule& r) { return to_ics(r, ics_options_of(reminders, stamp_unix_seconds)); });
}

taper_status taper_realization_to_fhir(const taper_realization* realization, char** out_json, taper_error** error) {
    return export_text(realization, out_json, __func__, "out_json", error, realization_of,
                       [](const realized_schedule& r) { return to_fhir(r); });
}

taper_status taper_realization_to_svg(const taper_realization* realization, char** out_svg, taper_error** error) {
    return export_text(realization, out_svg, __func__, "out_svg", error, realization_of,
                       [](const realized_schedule& r) { return to_svg(r); });
}

taper_status taper_realization_to_html(const taper_realization* realization, char** out_html, taper_error** error) {
    return export_text(realization, out_html, __func__, "out_html", error, realization_of,
                       [](const realized_schedule& r) { return to_html(r); });
}

taper_status taper_simulation_to_svg(const taper_simulation* simulation, int daily, char** out_svg,
                                     taper_error** error) {
    return export_text(simulation, out_svg, __func__, "out_svg", error, simulation_of,
                       [&](const taper::simulation& s) { return to_svg(s, step_of(daily)); });
}

taper_status taper_simulation_to_html(const taper_simulation* simulation, int daily, char** out_html,
                                      taper_error** error) {
    return export_text(simulation, out_html, __func__, "out_html", error, simulation_of,
                       [&](const taper::simulation& s) { return to_html(s, step_of(daily)); });
}

}  // extern "C"
