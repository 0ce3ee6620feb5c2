// The C ABI: plan requests (see include/taper.h, "Plan requests"): the handle, its per-field
// setters, and every field by key with its name, unit, bounds and default. The table below is
// the one place a request field's key, kind and range are stated; the bindings read it through
// taper_request_field_describe instead of restating it.
#include "internal.hpp"

#include "../detail/nearest.hpp"
#include "../plan/request_numbers.hpp"

#include <taper/plan/calendar.hpp>
#include <taper/units/io.hpp>

#include <array>
#include <cmath>
#include <limits>
#include <type_traits>

namespace taper::capi {
namespace {

using planning::request_number;

// A request setter's number: finite and in its field's range, or the call fails with the
// planner's own plan_error naming the field (issue 15). The one check every setter calls, so
// that it survives the setters' names and shapes.
double request_value(double value, request_number kind, std::string_view field) {
    planning::check_request_number(kind, value, field);
    return value;
}
mass request_mg(double value, request_number kind, std::string_view field) {
    return request_value(value, kind, field) * units::mg;
}
duration request_days(double value, request_number kind, std::string_view field) {
    return request_value(value, kind, field) * units::day;
}

int checked_int(std::int64_t v, const char* fn, const char* what) {
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
        throw failure(TAPER_ERROR_INVALID_ARGUMENT, std::string(fn) + ": " + what + " " + std::to_string(v) +
                                                        " does not fit in an int");
    return static_cast<int>(v);
}

// ---- the fields ----------------------------------------------------------------------

/// One request field: its key, how its value is passed, where its range comes from, and the
/// name the planner gives it in errors ("max step percent").
struct field_entry {
    taper_request_field field;
    const char* key;
    taper_request_value_kind kind;
    std::optional<request_number> range;  ///< a number's range, or each list item's
    const char* label;
    const char* description;
    bool required = false;
    bool optional = false;  ///< unset by default, and then not applied
};

constexpr std::size_t field_total = 19;

const std::array<field_entry, field_total>& fields() {
    using rn = request_number;
    static const std::array<field_entry, field_total> table{{
        {TAPER_REQUEST_DRUG, "drug", TAPER_REQUEST_VALUE_TEXT, {}, "drug", "the drug: name, alias or brand", true},
        {TAPER_REQUEST_DAILY_DOSE, "daily_dose", TAPER_REQUEST_VALUE_NUMBER, rn::daily_dose_mg, "daily dose",
         "what is taken per day now", true},
        {TAPER_REQUEST_SPLIT, "split", TAPER_REQUEST_VALUE_LIST, rn::dose_time_mg, "split",
         "the dose-times of the day and their doses (taper_request_add_dose_time); none: once daily"},
        {TAPER_REQUEST_START_DATE, "start_date", TAPER_REQUEST_VALUE_DATE, {}, "start_date", "the first day of step 1",
         true},
        {TAPER_REQUEST_INTERVAL, "interval", TAPER_REQUEST_VALUE_NUMBER, rn::step_length_days, "interval",
         "the length of each step"},
        {TAPER_REQUEST_PHASE_INTERVALS, "phase_intervals", TAPER_REQUEST_VALUE_LIST, rn::step_length_days,
         "phase intervals", "the length of the steps of one phase (taper_request_set_phase_interval_days)"},
        {TAPER_REQUEST_MAX_STEP_MG, "max_step", TAPER_REQUEST_VALUE_NUMBER, rn::max_step_mg, "max step",
         "the largest cut per step in mg of the named drug", false, true},
        {TAPER_REQUEST_MAX_STEP_PERCENT, "max_step_percent", TAPER_REQUEST_VALUE_NUMBER, rn::max_step_percent,
         "max step percent", "the largest cut per step, % of the most recent dose", false, true},
        {TAPER_REQUEST_MAX_STEP_POINTS, "max_step_points", TAPER_REQUEST_VALUE_NUMBER, rn::max_step_points,
         "max step points", "the largest cut per step in receptor-occupancy points", false, true},
        {TAPER_REQUEST_MIN_CHANGE, "min_change", TAPER_REQUEST_VALUE_NUMBER, rn::min_change_mg, "min change",
         "a smaller change is not worth a step"},
        {TAPER_REQUEST_FINAL_DOSE, "final_dose", TAPER_REQUEST_VALUE_NUMBER, rn::final_dose_mg, "final dose",
         "the last dose before stopping", false, true},
        {TAPER_REQUEST_MAINTENANCE, "maintenance", TAPER_REQUEST_VALUE_NUMBER, rn::maintenance_mg, "maintenance",
         "end on this dose instead of stopping (0: stop)"},
        {TAPER_REQUEST_MAX_STEPS, "max_steps", TAPER_REQUEST_VALUE_COUNT, {}, "max steps",
         "the plan must finish within this many steps", false, true},
        {TAPER_REQUEST_MAX_DURATION, "max_duration", TAPER_REQUEST_VALUE_NUMBER, rn::max_duration_days,
         "max duration", "the plan must finish within this many days", false, true},
        {TAPER_REQUEST_HOLDS, "holds", TAPER_REQUEST_VALUE_LIST, rn::step_length_days, "holds",
         "extra days on the dose of a step (taper_request_add_hold)"},
        {TAPER_REQUEST_HALF_LIFE_PACING, "half_life_pacing", TAPER_REQUEST_VALUE_FLAG, {}, "half-life pacing",
         "slower, smaller steps for drugs with a short half-life"},
        {TAPER_REQUEST_OCCUPANCY_MODEL, "occupancy_model", TAPER_REQUEST_VALUE_TEXT, {}, "occupancy model",
         "the occupancy model id; empty: the drug's default"},
        {TAPER_REQUEST_EQUIVALENCE_TABLE, "equivalence_table", TAPER_REQUEST_VALUE_TEXT, {}, "equivalence table",
         "the diazepam-equivalence table of a crossover (\"ashton\", \"va-dod-2021\")"},
        {TAPER_REQUEST_CURRENT_FORMULATION, "current_formulation", TAPER_REQUEST_VALUE_TEXT, {},
         "current formulation", "the formulation id in use, for whole-unit warnings; empty: none"},
    }};
    return table;
}

/// The entry of `field`; a failure naming the valid range for anything else. By reference:
/// a caller may pass any int, and copying an enum outside its values is undefined in C++
/// (raw() reads the bytes).
const field_entry& entry_of(const taper_request_field& field, const char* fn) {
    const int value = raw(field);
    if (value < 0 || static_cast<std::size_t>(value) >= field_total)
        throw failure(TAPER_ERROR_INVALID_ARGUMENT, std::string(fn) + ": " + std::to_string(value) +
                                                        " is not a taper_request_field (expected 0 to " +
                                                        std::to_string(field_total - 1) + ")");
    const field_entry& e = fields()[static_cast<std::size_t>(value)];
    return e;
}

bool is_number_kind(taper_request_value_kind k) {
    return k == TAPER_REQUEST_VALUE_NUMBER || k == TAPER_REQUEST_VALUE_COUNT || k == TAPER_REQUEST_VALUE_FLAG;
}

const char* kind_word(taper_request_value_kind k) {
    switch (k) {
        case TAPER_REQUEST_VALUE_TEXT: return "a text";
        case TAPER_REQUEST_VALUE_NUMBER: return "a number";
        case TAPER_REQUEST_VALUE_COUNT: return "a count";
        case TAPER_REQUEST_VALUE_FLAG: return "a flag";
        case TAPER_REQUEST_VALUE_DATE: return "a date";
        case TAPER_REQUEST_VALUE_LIST: return "a list";
    }
    return "a field";
}

[[noreturn]] void wrong_kind(const field_entry& e, const char* fn, const char* use) {
    throw failure(TAPER_ERROR_INVALID_ARGUMENT, std::string(fn) + ": \"" + e.key + "\" is " + kind_word(e.kind) +
                                                    " field; use " + use);
}

const char* setter_for(const field_entry& e) {
    switch (e.kind) {
        case TAPER_REQUEST_VALUE_TEXT:
        case TAPER_REQUEST_VALUE_DATE: return "taper_request_set_text";
        case TAPER_REQUEST_VALUE_LIST:
            return e.field == TAPER_REQUEST_SPLIT   ? "taper_request_add_dose_time"
                   : e.field == TAPER_REQUEST_HOLDS ? "taper_request_add_hold"
                                                    : "taper_request_set_phase_interval_days";
        default: return "taper_request_set_number";
    }
}

// The largest max_steps a request holds: the C ABI passes it as int32_t.
constexpr double most_steps = std::numeric_limits<std::int32_t>::max();

/// A whole number of steps from 1 to INT32_MAX, or the planner's plan_error naming the field.
int steps_from(double value) {
    if (std::isfinite(value) && value >= 1 && value <= most_steps && std::trunc(value) == value)
        return static_cast<int>(value);
    throw plan_error("plan request: max steps: must be a whole number, at least 1 and at most " +
                         std::to_string(static_cast<std::int64_t>(most_steps)) + ", not " + format_number(value),
                     error_detail{error_code::plan_request, format_number(value),
                                  "a whole number from 1 to " + std::to_string(static_cast<std::int64_t>(most_steps)),
                                  "max steps", {}});
}

bool flag_from(double value) {
    if (value == 0 || value == 1) return value == 1;
    throw plan_error("plan request: half-life pacing: must be 0 (off) or 1 (on), not " + format_number(value),
                     error_detail{error_code::plan_request, format_number(value), "0 or 1", "half-life pacing", {}});
}

/// Sets a number field of `r` (the one path the keyed and per-field setters share).
void set_number_field(plan_request& r, const field_entry& e, double v) {
    const request_number kind = *e.range;
    switch (e.field) {
        case TAPER_REQUEST_DAILY_DOSE: r.daily_dose = request_mg(v, kind, e.label); return;
        case TAPER_REQUEST_INTERVAL: r.interval = request_days(v, kind, e.label); return;
        case TAPER_REQUEST_MAX_STEP_MG: r.max_step = request_mg(v, kind, e.label); return;
        case TAPER_REQUEST_MAX_STEP_PERCENT:
            r.max_step_percent = request_value(v, kind, e.label) * units::percent_of_dose;
            return;
        case TAPER_REQUEST_MAX_STEP_POINTS: r.max_step_points = request_value(v, kind, e.label) * units::points; return;
        case TAPER_REQUEST_MIN_CHANGE: r.min_change = request_mg(v, kind, e.label); return;
        case TAPER_REQUEST_FINAL_DOSE: r.final_dose = request_mg(v, kind, e.label); return;
        case TAPER_REQUEST_MAINTENANCE: r.maintenance = request_mg(v, kind, e.label); return;
        case TAPER_REQUEST_MAX_DURATION: r.max_duration = request_days(v, kind, e.label); return;
        default: break;
    }
    throw failure(TAPER_ERROR_INTERNAL, std::string("request field \"") + e.key + "\" has no number setter");
}

/// A number, count or flag field's value (or a list's item count); empty when unset.
std::optional<double> number_of(const plan_request& r, taper_request_field field) {
    auto mg = [](const std::optional<mass>& m) -> std::optional<double> {
        return m ? std::optional<double>(in(*m, units::mg)) : std::nullopt;
    };
    switch (field) {
        case TAPER_REQUEST_DAILY_DOSE: return in(r.daily_dose, units::mg);
        case TAPER_REQUEST_SPLIT: return static_cast<double>(r.split.size());
        case TAPER_REQUEST_INTERVAL: return in(r.interval, units::day);
        case TAPER_REQUEST_PHASE_INTERVALS: return static_cast<double>(r.phase_interval.size());
        case TAPER_REQUEST_MAX_STEP_MG: return mg(r.max_step);
        case TAPER_REQUEST_MAX_STEP_PERCENT:
            if (r.max_step_percent) return in(*r.max_step_percent, units::percent_of_dose);
            return std::nullopt;
        case TAPER_REQUEST_MAX_STEP_POINTS:
            if (r.max_step_points) return in(*r.max_step_points, units::points);
            return std::nullopt;
        case TAPER_REQUEST_MIN_CHANGE: return in(r.min_change, units::mg);
        case TAPER_REQUEST_FINAL_DOSE: return mg(r.final_dose);
        case TAPER_REQUEST_MAINTENANCE: return in(r.maintenance, units::mg);
        case TAPER_REQUEST_MAX_STEPS:
            if (r.max_steps) return static_cast<double>(*r.max_steps);
            return std::nullopt;
        case TAPER_REQUEST_MAX_DURATION:
            if (r.max_duration) return in(*r.max_duration, units::day);
            return std::nullopt;
        case TAPER_REQUEST_HOLDS: return static_cast<double>(r.holds.size());
        case TAPER_REQUEST_HALF_LIFE_PACING: return r.half_life_pacing ? 1.0 : 0.0;
        default: return std::nullopt;
    }
}

/// The text field of `r` (const or not); NULL for a field that is not text.
template <class Request>
auto* text_field(Request& r, taper_request_field field) {
    using text = std::conditional_t<std::is_const_v<Request>, const std::string, std::string>;
    switch (field) {
        case TAPER_REQUEST_DRUG: return static_cast<text*>(&r.drug);
        case TAPER_REQUEST_OCCUPANCY_MODEL: return static_cast<text*>(&r.occupancy_model);
        case TAPER_REQUEST_EQUIVALENCE_TABLE: return static_cast<text*>(&r.equivalence_table);
        case TAPER_REQUEST_CURRENT_FORMULATION: return static_cast<text*>(&r.current_formulation);
        default: return static_cast<text*>(nullptr);
    }
}

/// The entry of a number field for the per-field setters (their field is fixed).
const field_entry& number_entry(taper_request_field field) { return fields()[static_cast<std::size_t>(raw(field))]; }

}  // namespace

const taper_request& need_start(const taper_request& r, const char* fn) {
    if (!r.has_start)
        throw plan_error(std::string(fn) + ": the request has no start date; set it with taper_request_set_start_date "
                                           "(a plan is dated, and taper does not guess the day: pass today's date "
                                           "to start today)",
                         error_detail{error_code::plan_request, "", "a date from 1900-01-01 to 9999-12-31",
                                      "start_date", {}});
    return r;
}

}  // namespace taper::capi

using namespace taper;
using namespace taper::capi;

extern "C" {

taper_status taper_request_create(taper_request** out_request, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_request, fn, "out_request");
        *out_request = new taper_request{};
    });
}

taper_status taper_request_clone(taper_request** out_request, const taper_request* request, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_request, fn, "out_request");
        *out_request = new taper_request{need(request, fn, "request")};
    });
}

void taper_request_free(taper_request* request) { delete request; }

taper_status taper_request_reset(taper_request* request, taper_request_field field, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        plan_request& r = need(request, fn, "request").request;
        const plan_request d{};
        switch (raw(field)) {
            case TAPER_REQUEST_DRUG: r.drug = d.drug; return;
            case TAPER_REQUEST_DAILY_DOSE: r.daily_dose = d.daily_dose; return;
            case TAPER_REQUEST_SPLIT: r.split = d.split; return;
            case TAPER_REQUEST_START_DATE:
                r.start = d.start;
                request->has_start = false;
                return;
            case TAPER_REQUEST_INTERVAL: r.interval = d.interval; return;
            case TAPER_REQUEST_PHASE_INTERVALS: r.phase_interval = d.phase_interval; return;
            case TAPER_REQUEST_MAX_STEP_MG: r.max_step = d.max_step; return;
            case TAPER_REQUEST_MAX_STEP_PERCENT: r.max_step_percent = d.max_step_percent; return;
            case TAPER_REQUEST_MAX_STEP_POINTS: r.max_step_points = d.max_step_points; return;
            case TAPER_REQUEST_MIN_CHANGE: r.min_change = d.min_change; return;
            case TAPER_REQUEST_FINAL_DOSE: r.final_dose = d.final_dose; return;
            case TAPER_REQUEST_MAINTENANCE: r.maintenance = d.maintenance; return;
            case TAPER_REQUEST_MAX_STEPS: r.max_steps = d.max_steps; return;
            case TAPER_REQUEST_MAX_DURATION: r.max_duration = d.max_duration; return;
            case TAPER_REQUEST_HOLDS: r.holds = d.holds; return;
            case TAPER_REQUEST_HALF_LIFE_PACING: r.half_life_pacing = d.half_life_pacing; return;
            case TAPER_REQUEST_OCCUPANCY_MODEL: r.occupancy_model = d.occupancy_model; return;
            case TAPER_REQUEST_EQUIVALENCE_TABLE: r.equivalence_table = d.equivalence_table; return;
            case TAPER_REQUEST_CURRENT_FORMULATION: r.current_formulation = d.current_formulation; return;
        }
        throw failure(TAPER_ERROR_INVALID_ARGUMENT,
                      std::string(fn) + ": " + std::to_string(raw(field)) +
                          " is not a taper_request_field (expected 0 to " + std::to_string(field_total - 1) + ")");
    });
}

#define TAPER_REQUEST_SETTER(NAME, TYPE, STATEMENT)                                     \
    taper_status NAME(taper_request* request, TYPE value, taper_error** error) {        \
        const char* const fn = __func__;                                                \
        return guarded(error, [&] {                                                     \
            plan_request& r = need(request, fn, "request").request;                     \
            STATEMENT;                                                                  \
        });                                                                             \
    }

#define TAPER_REQUEST_NUMBER_SETTER(NAME, FIELD) \
    TAPER_REQUEST_SETTER(NAME, double, set_number_field(r, number_entry(FIELD), value))

TAPER_REQUEST_SETTER(taper_request_set_drug, const char*, r.drug = std::string(need_text(value, fn, "drug")))
TAPER_REQUEST_NUMBER_SETTER(taper_request_set_daily_dose_mg, TAPER_REQUEST_DAILY_DOSE)
TAPER_REQUEST_NUMBER_SETTER(taper_request_set_interval_days, TAPER_REQUEST_INTERVAL)
TAPER_REQUEST_NUMBER_SETTER(taper_request_set_max_step_mg, TAPER_REQUEST_MAX_STEP_MG)
TAPER_REQUEST_NUMBER_SETTER(taper_request_set_max_step_percent, TAPER_REQUEST_MAX_STEP_PERCENT)
TAPER_REQUEST_NUMBER_SETTER(taper_request_set_max_step_points, TAPER_REQUEST_MAX_STEP_POINTS)
TAPER_REQUEST_NUMBER_SETTER(taper_request_set_min_change_mg, TAPER_REQUEST_MIN_CHANGE)
TAPER_REQUEST_NUMBER_SETTER(taper_request_set_final_dose_mg, TAPER_REQUEST_FINAL_DOSE)
TAPER_REQUEST_NUMBER_SETTER(taper_request_set_maintenance_mg, TAPER_REQUEST_MAINTENANCE)
TAPER_REQUEST_NUMBER_SETTER(taper_request_set_max_duration_days, TAPER_REQUEST_MAX_DURATION)
// These two keep what they always accepted: any int32 (the planner refuses max_steps < 1) and
// any non-zero int as on; the keyed setter is stricter (taper_request_set_number).
TAPER_REQUEST_SETTER(taper_request_set_max_steps, int32_t, r.max_steps = checked_int(value, fn, "steps"))
TAPER_REQUEST_SETTER(taper_request_set_half_life_pacing, int, r.half_life_pacing = value != 0)
TAPER_REQUEST_SETTER(taper_request_set_occupancy_model, const char*,
                     r.occupancy_model = std::string(need_text(value, fn, "model_id")))
TAPER_REQUEST_SETTER(taper_request_set_equivalence_table, const char*,
                     r.equivalence_table = std::string(need_text(value, fn, "table")))
TAPER_REQUEST_SETTER(taper_request_set_current_formulation, const char*,
                     r.current_formulation = std::string(need_text(value, fn, "formulation_id")))

#undef TAPER_REQUEST_NUMBER_SETTER
#undef TAPER_REQUEST_SETTER

taper_status taper_request_add_dose_time(taper_request* request, const char* time, double mg, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        plan_request& r = need(request, fn, "request").request;
        std::string name(need_text(time, fn, "time"));
        planning::check_request_number(request_number::dose_time_mg, mg, "split", name);
        r.split.push_back({std::move(name), mg * units::mg});
    });
}

taper_status taper_request_set_start_date(taper_request* request, int32_t year, int32_t month, int32_t day,
                                          taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        taper_request& r = need(request, fn, "request");
        r.request.start = from_c(year, month, day, fn);
        r.has_start = true;
    });
}

taper_status taper_request_set_phase_interval_days(taper_request* request, taper_phase phase, double days,
                                                   taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        plan_request& r = need(request, fn, "request").request;
        const step_phase p = phase_from_c(raw(phase), fn);
        r.phase_interval[p] = request_days(days, request_number::step_length_days,
                                           "interval for " + std::string(to_string(p)) + " steps");
    });
}

taper_status taper_request_add_hold(taper_request* request, int32_t after_step, double days, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        plan_request& r = need(request, fn, "request").request;
        hold h;
        h.after_step = checked_int(after_step, fn, "after_step");
        h.length = request_days(days, request_number::step_length_days,
                                "hold after step " + std::to_string(h.after_step));
        r.holds.push_back(h);
    });
}

taper_status taper_request_validate(const taper_request* request, const taper_database* db, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& r = need(request, fn, "request");
        const auto& d = need(db, fn, "db");
        validate_request(d.db, need_start(r, fn).request);
    });
}

// ---- fields by key ------------------------------------------------------------------

size_t taper_request_field_count(void) { return field_total; }

taper_status taper_request_field_describe(taper_request_field field, taper_request_field_info* out,
                                          taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        out_struct_size(out, fn, "taper_request_field_info");
        const field_entry& e = entry_of(field, fn);
        auto info = blank<taper_request_field_info>();
        info.field = e.field;
        info.name = e.key;
        info.kind = e.kind;
        info.description = e.description;
        info.required = e.required ? 1 : 0;
        info.optional = e.optional ? 1 : 0;
        info.unit = "";
        info.default_number = capi::nan;
        info.minimum = capi::nan;
        info.maximum = capi::nan;
        if (e.range) {
            const planning::number_range range = planning::range_of(*e.range);
            info.unit = range.unit.data();  // static strings: NUL-terminated
            info.has_minimum = info.has_maximum = 1;
            info.minimum = range.lowest;
            info.minimum_inclusive = range.lowest_allowed ? 1 : 0;
            info.maximum = range.highest;
            info.maximum_inclusive = range.highest_allowed ? 1 : 0;
        } else if (e.kind == TAPER_REQUEST_VALUE_COUNT || e.kind == TAPER_REQUEST_VALUE_FLAG) {
            info.has_minimum = info.has_maximum = 1;
            info.minimum = e.kind == TAPER_REQUEST_VALUE_COUNT ? 1 : 0;
            info.maximum = e.kind == TAPER_REQUEST_VALUE_COUNT ? most_steps : 1;
            info.minimum_inclusive = info.maximum_inclusive = 1;
        }
        // The default is what a new request holds, read from it (never restated here).
        static const taper_request fresh{};
        const bool has_default = !e.required && !e.optional && e.kind != TAPER_REQUEST_VALUE_LIST;
        info.has_default = has_default ? 1 : 0;
        if (e.kind == TAPER_REQUEST_VALUE_TEXT)
            info.default_text = text_field(fresh.request, e.field)->c_str();
        else if (e.kind == TAPER_REQUEST_VALUE_DATE)
            info.default_text = "";
        else if (has_default)
            info.default_number = number_of(fresh.request, e.field).value_or(capi::nan);
        write_struct(out, info, fn, "taper_request_field_info");
    });
}

taper_status taper_request_field_from_name(const char* name, taper_request_field* out_field, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_field, fn, "out_field");
        const std::string_view key = need_text(name, fn, "name");
        std::vector<std::string> keys;
        for (const field_entry& e : fields()) {
            if (key == e.key) {
                *out_field = e.field;
                return;
            }
            keys.emplace_back(e.key);
        }
        const std::string nearest = detail::nearest_name(key, keys);
        std::string expected;
        for (const auto& k : keys) expected += (expected.empty() ? "" : ", ") + k;
        throw invalid_argument_error(
            std::string(fn) + ": \"" + std::string(key) + "\" is not a request field" +
                (nearest.empty() ? std::string() : "; did you mean \"" + nearest + "\"?"),
            error_detail{error_code::invalid_argument, std::string(key), "one of: " + expected, "name",
                         nearest.empty() ? std::vector<std::string>{} : std::vector<std::string>{nearest}});
    });
}

taper_status taper_request_set_number(taper_request* request, taper_request_field field, double value,
                                      taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        plan_request& r = need(request, fn, "request").request;
        const field_entry& e = entry_of(field, fn);
        switch (e.kind) {
            case TAPER_REQUEST_VALUE_NUMBER: set_number_field(r, e, value); return;
            case TAPER_REQUEST_VALUE_COUNT: r.max_steps = steps_from(value); return;
            case TAPER_REQUEST_VALUE_FLAG: r.half_life_pacing = flag_from(value); return;
            default: wrong_kind(e, fn, setter_for(e));
        }
    });
}

taper_status taper_request_get_number(const taper_request* request, taper_request_field field, double* out_value,
                                      int* out_is_set, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const plan_request& r = need(request, fn, "request").request;
        need(out_value, fn, "out_value");
        const field_entry& e = entry_of(field, fn);
        if (!is_number_kind(e.kind) && e.kind != TAPER_REQUEST_VALUE_LIST)
            wrong_kind(e, fn, "taper_request_get_text");
        const std::optional<double> v = number_of(r, e.field);
        *out_value = v.value_or(capi::nan);
        if (out_is_set != nullptr) *out_is_set = v ? 1 : 0;
    });
}

taper_status taper_request_set_text(taper_request* request, taper_request_field field, const char* text,
                                    taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        taper_request& handle = need(request, fn, "request");
        const field_entry& e = entry_of(field, fn);
        const std::string_view value = need_text(text, fn, "text");
        if (e.kind == TAPER_REQUEST_VALUE_DATE) {
            handle.request.start = parse_date(value);  // parse_error: the text and the range
            handle.has_start = true;
            return;
        }
        std::string* target = text_field(handle.request, e.field);
        if (target == nullptr) wrong_kind(e, fn, setter_for(e));
        *target = std::string(value);
    });
}

taper_status taper_request_get_text(const taper_request* request, taper_request_field field, const char** out_text,
                                    taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const taper_request& handle = need(request, fn, "request");
        need(out_text, fn, "out_text");
        const field_entry& e = entry_of(field, fn);
        if (e.kind == TAPER_REQUEST_VALUE_DATE) {
            handle.start_text = handle.has_start ? format_date(handle.request.start) : std::string();
            *out_text = handle.start_text.c_str();
            return;
        }
        const std::string* text = text_field(handle.request, e.field);
        if (text == nullptr) wrong_kind(e, fn, "taper_request_get_number");
        *out_text = text->c_str();
    });
}

}  // extern "C"
