// The only place C and C++ meet (with the other files in src/capi/). Every entry point is
// noexcept and turns exceptions into status codes; see include/taper.h and docs/c-api.md.
//
// This file: versions, names of enumerations, errors, strings, parsing and formatting, and
// the helpers the other files share (internal.hpp).
#include "internal.hpp"

#include <algorithm>
#include <taper/units/io.hpp>
#include <taper/units/parse.hpp>
#include <taper/units/from_value.hpp>

#include <cstdlib>

namespace taper::capi {

namespace {

// Handed out when even the error object cannot be allocated. Never freed.
taper_error out_of_memory_error{TAPER_ERROR_OUT_OF_MEMORY, "out of memory", true};

}  // namespace

taper_status report(taper_error** error, taper_status status, const char* message,
                    const taper::error_detail* detail) noexcept {
    if (error == nullptr) return status;
    try {
        auto e = std::make_unique<taper_error>();
        e->status = status;
        e->message = message;
        if (detail != nullptr) e->detail = *detail;
        *error = e.release();
    } catch (...) {
        *error = &out_of_memory_error;
    }
    return status;
}

taper_status report_current(taper_error** error) noexcept {
    try {
        throw;
    } catch (const failure& e) {
        return report(error, e.status(), e.what());
    } catch (const parse_error& e) {
        return report(error, TAPER_ERROR_PARSE, e.what(), &e.detail());
    } catch (const unknown_drug_error& e) {
        return report(error, TAPER_ERROR_UNKNOWN_DRUG, e.what(), &e.detail());
    } catch (const missing_data_error& e) {
        return report(error, TAPER_ERROR_MISSING_DATA, e.what(), &e.detail());
    } catch (const formulary_error& e) {
        return report(error, TAPER_ERROR_FORMULARY, e.what(), &e.detail());
    } catch (const plan_error& e) {
        return report(error, TAPER_ERROR_PLAN, e.what(), &e.detail());
    } catch (const strategy_error& e) {
        return report(error, TAPER_ERROR_STRATEGY, e.what(), &e.detail());
    } catch (const invalid_argument_error& e) {
        return report(error, TAPER_ERROR_INVALID_ARGUMENT, e.what(), &e.detail());
    } catch (const std::bad_alloc&) {
        return report(error, TAPER_ERROR_OUT_OF_MEMORY, "out of memory");
    } catch (const std::exception& e) {
        return report(error, TAPER_ERROR_INTERNAL, (std::string("internal error: ") + e.what()).c_str());
    } catch (...) {
        return report(error, TAPER_ERROR_INTERNAL, "internal error: an exception of unknown type");
    }
}

char* allocated(std::string_view text) {
    // malloc, not new[]: taper_string_free is free(), which also takes NULL.
    auto* out = static_cast<char*>(std::malloc(text.size() + 1));
    if (out == nullptr) throw std::bad_alloc();
    std::memcpy(out, text.data(), text.size());
    out[text.size()] = '\0';
    return out;
}

void write_buffer(char* buffer, std::size_t buffer_size, std::size_t* out_length, std::string_view text,
                  const char* fn) {
    need(out_length, fn, "out_length");
    if (buffer == nullptr && buffer_size > 0)
        throw failure(TAPER_ERROR_INVALID_ARGUMENT, std::string(fn) + ": buffer is NULL but buffer_size is " +
                                                        std::to_string(buffer_size));
    *out_length = text.size() + 1;
    if (buffer_size > 0) {
        const std::size_t n = std::min(text.size(), buffer_size - 1);
        std::memcpy(buffer, text.data(), n);
        buffer[n] = '\0';
    }
    if (buffer_size < text.size() + 1)
        throw failure(TAPER_ERROR_BUFFER_TOO_SMALL, std::string(fn) + ": the buffer holds " +
                                                        std::to_string(buffer_size) + " bytes; " +
                                                        std::to_string(text.size() + 1) + " are needed");
}

taper_date to_c(date d) {
    const std::chrono::year_month_day ymd{d};
    taper_date out;
    out.year = static_cast<std::int32_t>(int(ymd.year()));
    out.month = static_cast<std::int32_t>(unsigned(ymd.month()));
    out.day = static_cast<std::int32_t>(unsigned(ymd.day()));
    return out;
}

date from_c(std::int32_t year, std::int32_t month, std::int32_t day, const char* fn) {
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                          std::chrono::day{static_cast<unsigned>(day)}};
    const std::string given = std::to_string(year) + "-" + std::to_string(month) + "-" + std::to_string(day);
    if (year < -32767 || year > 32767 || month < 1 || month > 12 || day < 1 || day > 31 || !ymd.ok())
        throw failure(TAPER_ERROR_INVALID_ARGUMENT, std::string(fn) + ": " + given + " is not a date on the calendar");
    // Only dates that print as ISO 8601 with a four-digit year enter (include/taper/plan/calendar.hpp).
    if (!in_date_range(std::chrono::sys_days{ymd}))
        throw invalid_argument_error(std::string(fn) + ": " + given +
                                         " is outside 1900-01-01 ... 9999-12-31, the dates taper accepts",
                                     error_detail{error_code::invalid_argument, given,
                                                  "a date from 1900-01-01 to 9999-12-31", "date", {}});
    return std::chrono::sys_days{ymd};
}

step_phase phase_from_c(int value, const char* fn) {
    switch (value) {
        case TAPER_PHASE_REDUCE: return step_phase::reduce;
        case TAPER_PHASE_SWITCH: return step_phase::switch_over;
        case TAPER_PHASE_HOLD: return step_phase::hold;
        case TAPER_PHASE_STOP: return step_phase::stop;
        default: break;
    }
    throw failure(TAPER_ERROR_INVALID_ARGUMENT, std::string(fn) + ": " + std::to_string(value) +
                                                    " is not a taper_phase (expected 0 to 3)");
}

taper_phase phase_to_c(step_phase p) {
    switch (p) {
        case step_phase::reduce: return TAPER_PHASE_REDUCE;
        case step_phase::switch_over: return TAPER_PHASE_SWITCH;
        case step_phase::hold: return TAPER_PHASE_HOLD;
        case step_phase::stop: return TAPER_PHASE_STOP;
    }
    return TAPER_PHASE_REDUCE;
}

taper_step_info step_info(const step& s, date plan_start) {
    auto out = blank<taper_step_info>();
    out.number = s.number;
    out.phase = phase_to_c(s.phase);
    out.start = to_c(s.start);
    out.end = to_c(s.end());
    out.day_offset = days_between(plan_start, s.start);
    out.length_days = s.length.value();
    out.daily_dose_mg = s.daily_dose.value();
    out.equivalent_daily_dose_mg = s.equivalent_daily_dose.value();
    out.change_mg = s.change.value();
    out.change_percent = in(s.change_percent, units::percent_of_dose);
    out.occupancy_percent = or_nan(s.occupancy_percent);
    out.change_points = or_nan(s.change_points);
    out.dose_count = s.doses.size();
    out.note_count = static_cast<std::size_t>(
        std::count_if(s.messages.begin(), s.messages.end(), [](const message& m) { return m.level == severity::note; }));
    out.warning_count = s.messages.size() - out.note_count;
    out.message_count = s.messages.size();
    return out;
}

// ---- growable structs (struct_size.hpp) ------------------------------------------------

std::string struct_size_problem(const void* object, std::uint32_t struct_size, std::size_t first,
                                std::size_t current, const char* fn, const char* what) {
    const std::string name = std::string(fn) + ": " + what + "->struct_size is " + std::to_string(struct_size);
    if (struct_size < first)
        return name + ", smaller than any version of the struct (" + std::to_string(first) + " to " +
               std::to_string(current) + " bytes); set it to sizeof the struct before the call";
    if (struct_size > largest_plausible_struct_size)
        return name + ", which no version of the struct has; set it to sizeof the struct before the call";
    if (struct_size > current) {
        const auto* bytes = static_cast<const unsigned char*>(object);
        for (std::size_t i = current; i < struct_size; ++i)
            if (bytes[i] != 0)
                return name + ": this library knows the first " + std::to_string(current) +
                       " bytes, and byte " + std::to_string(i) +
                       " of the fields it does not know is not zero (a newer field is set that this library "
                       "cannot honour)";
    }
    return {};
}

std::size_t checked_prefix(const void* object, std::uint32_t struct_size, std::size_t first, std::size_t current,
                           const char* fn, const char* what) {
    std::string problem = struct_size_problem(object, struct_size, first, current, fn, what);
    if (!problem.empty()) throw failure(TAPER_ERROR_ABI_MISMATCH, std::move(problem));
    return std::min<std::size_t>(struct_size, current);
}

}  // namespace taper::capi

using namespace taper;
using namespace taper::capi;

extern "C" {

// --- versions -------------------------------------------------------------------------

const char* taper_version(void) { return TAPER_VERSION_STRING; }

int taper_abi_version(void) { return TAPER_ABI_VERSION; }

taper_status taper_abi_check(int expected_abi_version, taper_error** error) {
    return guarded(error, [&] {
        if (expected_abi_version != TAPER_ABI_VERSION)
            throw failure(TAPER_ERROR_ABI_MISMATCH,
                          "taper C ABI mismatch: the caller was built for ABI version " +
                              std::to_string(expected_abi_version) + ", but the loaded library (taper " +
                              TAPER_VERSION_STRING + ") provides ABI version " + std::to_string(TAPER_ABI_VERSION) +
                              "; rebuild the caller or load a library with ABI version " +
                              std::to_string(expected_abi_version));
    });
}

// --- names ----------------------------------------------------------------------------

const char* taper_status_name(taper_status status) {
    switch (raw(status)) {
        case TAPER_OK: return "TAPER_OK";
        case TAPER_ERROR_INVALID_ARGUMENT: return "TAPER_ERROR_INVALID_ARGUMENT";
        case TAPER_ERROR_PARSE: return "TAPER_ERROR_PARSE";
        case TAPER_ERROR_UNKNOWN_DRUG: return "TAPER_ERROR_UNKNOWN_DRUG";
        case TAPER_ERROR_MISSING_DATA: return "TAPER_ERROR_MISSING_DATA";
        case TAPER_ERROR_FORMULARY: return "TAPER_ERROR_FORMULARY";
        case TAPER_ERROR_PLAN: return "TAPER_ERROR_PLAN";
        case TAPER_ERROR_STRATEGY: return "TAPER_ERROR_STRATEGY";
        case TAPER_ERROR_BUFFER_TOO_SMALL: return "TAPER_ERROR_BUFFER_TOO_SMALL";
        case TAPER_ERROR_INDEX_OUT_OF_RANGE: return "TAPER_ERROR_INDEX_OUT_OF_RANGE";
        case TAPER_ERROR_ABI_MISMATCH: return "TAPER_ERROR_ABI_MISMATCH";
        case TAPER_ERROR_OUT_OF_MEMORY: return "TAPER_ERROR_OUT_OF_MEMORY";
        case TAPER_ERROR_INTERNAL: return "TAPER_ERROR_INTERNAL";
    }
    return "TAPER_STATUS_UNKNOWN";
}

const char* taper_phase_name(taper_phase phase) {
    switch (raw(phase)) {
        case TAPER_PHASE_REDUCE: return "reduce";
        case TAPER_PHASE_SWITCH: return "switch";
        case TAPER_PHASE_HOLD: return "hold";
        case TAPER_PHASE_STOP: return "stop";
    }
    return "unknown";
}

const char* taper_basis_name(taper_basis basis) {
    switch (raw(basis)) {
        case TAPER_BASIS_OWN_MG: return "own_mg";
        case TAPER_BASIS_DIAZEPAM_MG: return "diazepam_mg";
    }
    return "unknown";
}

const char* taper_form_kind_name(taper_form_kind kind) {
    switch (raw(kind)) {
        case TAPER_FORM_TABLET: return "tablet";
        case TAPER_FORM_CAPSULE: return "capsule";
        case TAPER_FORM_BEADS: return "beads";
        case TAPER_FORM_LIQUID: return "liquid";
        case TAPER_FORM_DROPS: return "drops";
    }
    return "unknown";
}

const char* taper_component_kind_name(taper_component_kind kind) {
    switch (raw(kind)) {
        case TAPER_COMPONENT_UNITS: return "units";
        case TAPER_COMPONENT_LIQUID: return "liquid";
        case TAPER_COMPONENT_DROPS: return "drops";
        case TAPER_COMPONENT_BEADS: return "beads";
        case TAPER_COMPONENT_DILUTION: return "dilution";
    }
    return "unknown";
}

// --- errors and strings ---------------------------------------------------------------

const char* taper_error_message(const taper_error* error) { return error == nullptr ? "" : error->message.c_str(); }

taper_status taper_error_status(const taper_error* error) { return error == nullptr ? TAPER_OK : error->status; }

int32_t taper_error_detail_code(const taper_error* error) {
    return error == nullptr ? TAPER_ERROR_CODE_UNSPECIFIED : static_cast<int32_t>(error->detail.code);
}
const char* taper_error_input(const taper_error* error) { return error == nullptr ? "" : error->detail.input.c_str(); }
const char* taper_error_expected(const taper_error* error) {
    return error == nullptr ? "" : error->detail.expected.c_str();
}
const char* taper_error_option(const taper_error* error) { return error == nullptr ? "" : error->detail.option.c_str(); }
size_t taper_error_suggestion_count(const taper_error* error) {
    return error == nullptr ? 0 : error->detail.suggestions.size();
}
const char* taper_error_suggestion(const taper_error* error, size_t index) {
    if (error == nullptr || index >= error->detail.suggestions.size()) return nullptr;
    return error->detail.suggestions[index].c_str();
}

void taper_error_free(taper_error* error) {
    if (error != nullptr && !error->is_static) delete error;
}

void taper_string_free(char* string) { std::free(string); }

// --- parsing and formatting -----------------------------------------------------------

taper_status taper_parse_mass(double* out_mg, const char* text, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_mg, fn, "out_mg");
        *out_mg = parse_mass(need_text(text, fn, "text")).value();
    });
}

taper_status taper_parse_volume(double* out_ml, const char* text, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_ml, fn, "out_ml");
        *out_ml = parse_volume(need_text(text, fn, "text")).value();
    });
}

taper_status taper_parse_concentration(double* out_mg_per_ml, const char* text, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_mg_per_ml, fn, "out_mg_per_ml");
        *out_mg_per_ml = parse_concentration(need_text(text, fn, "text")).value();
    });
}

taper_status taper_parse_duration(double* out_days, const char* text, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_days, fn, "out_days");
        *out_days = parse_duration(need_text(text, fn, "text")).value();
    });
}

taper_status taper_parse_date(taper_date* out_date, const char* text, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_date, fn, "out_date");
        *out_date = to_c(parse_date(need_text(text, fn, "text")));
    });
}

taper_status taper_format_mass(char* buffer, size_t buffer_size, size_t* out_length, double mg,
                               taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] { write_buffer(buffer, buffer_size, out_length, to_string(from_value<mass>(mg)), fn); });
}

taper_status taper_format_date(char* buffer, size_t buffer_size, size_t* out_length, int32_t year, int32_t month,
                               int32_t day, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const date d = from_c(year, month, day, fn);
        write_buffer(buffer, buffer_size, out_length, format_date(d), fn);
    });
}

}  // extern "C"
