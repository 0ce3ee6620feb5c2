#pragma once
// Shared by the C ABI's translation units (src/capi/*.cpp); not installed, not public.
//
// Every entry point runs its body through `guarded`, which is the one place exceptions are
// turned into a taper_status and a taper_error. The handles are plain structs holding the
// C++ values; the C header only ever sees them as opaque pointers.
#include <taper.h>

#include "struct_size.hpp"

#include <taper/error.hpp>
#include <taper/io/csv.hpp>
#include <taper/io/json.hpp>
#include <taper/forms/realize.hpp>
#include <taper/messages/text.hpp>
#include <taper/plan/plan.hpp>
#include <taper/version.hpp>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// ------------------------------------------------------------------------------------
// The handles.

struct taper_error {
    taper_status status = TAPER_ERROR_INTERNAL;
    std::string message;
    bool is_static = false;  // the preallocated out-of-memory error: never deleted
    taper::error_detail detail{};  // the library error's detail, when it had one
};

struct taper_database {
    taper::database db;
};

struct taper_request {
    taper::plan_request request;
    /// Whether the caller set the start date. The C++ request's default start is a
    /// placeholder (1970-01-01) that must never reach a plan: taper_plan and
    /// taper_request_validate refuse a request without one (need_start, request_c.cpp).
    bool has_start = false;
    /// The start date as taper_request_get_text last wrote it: the borrowed text lives here.
    mutable std::string start_text;
};

struct taper_strategy_options {
    taper::strategy_options options;
};

struct taper_registry {
    taper::strategy_registry registry;
};

struct taper_schedule {
    taper::schedule schedule;
    /// Message texts, rendered once when the handle is made (render()), so that the borrowed
    /// pointers the accessors hand out stay valid and reading is thread-safe.
    std::vector<std::string> plan_texts;                      ///< schedule.messages, in order
    std::vector<std::vector<std::string>> step_texts;          ///< steps[i].messages, in order
    std::vector<std::vector<std::size_t>> step_notes, step_warnings;  ///< indices by severity
    void render();
};

struct taper_forms {
    std::vector<taper::available_form> items;
};

struct taper_realization {
    taper::realized_schedule realized;
    /// Message texts, rendered once when the handle is made (render(), src/capi/forms_c.cpp),
    /// so that borrowed pointers stay valid and reading is thread-safe.
    std::vector<std::string> texts;                        ///< realized.messages, in order
    std::vector<std::string> equivalences, warnings;       ///< the same, by kind
    std::vector<std::vector<std::string>> step_texts;      ///< steps[i].messages, in order
    std::vector<std::vector<std::size_t>> step_notes, step_warnings;  ///< indices by severity
    std::vector<std::vector<std::vector<std::string>>> recipe_texts;  ///< [step][recipe][message]
    std::vector<std::vector<std::vector<std::size_t>>> recipe_warnings;  ///< indices of warnings
    /// Recipe and part instructions (instruction_text), rendered once as well.
    std::vector<std::vector<std::string>> recipe_instructions;             ///< [step][recipe]
    std::vector<std::vector<std::vector<std::string>>> part_instructions;  ///< [step][recipe][part]
    void render();
};

struct taper_dispensing {
    std::vector<taper::dispensing_period> periods;
};

struct taper_strategy_context {
    const taper::plan_context* context;
    std::span<const taper::step> done;
    const taper_strategy_options* options;
    /// The note taper_strategy_context_set_note copied during the callback (the callback's
    /// text may live in its own stack frame, gone once it returns). Mutable: the callback
    /// sees the context as const, and this is the one thing it hands back through it.
    mutable std::optional<std::string> note = std::nullopt;
};

namespace taper::capi {

// ------------------------------------------------------------------------------------
// Errors.

/// A failure the C layer itself detects (NULL handle, index, buffer, struct size).
class failure : public std::exception {
public:
    failure(taper_status status, std::string message) : status_(status), message_(std::move(message)) {}
    taper_status status() const noexcept { return status_; }
    const char* what() const noexcept override { return message_.c_str(); }

private:
    taper_status status_;
    std::string message_;
};

/// Stores a new error in *error (when error is not NULL) and returns the status.
taper_status report(taper_error** error, taper_status status, const char* message,
                    const taper::error_detail* detail = nullptr) noexcept;

/// Maps the exception being handled to a status. Call only inside a catch block.
taper_status report_current(taper_error** error) noexcept;

/// Runs `body` and turns anything it throws into a status (and *error).
template <class Body>
taper_status guarded(taper_error** error, Body&& body) noexcept {
    try {
        body();
        return TAPER_OK;
    } catch (...) {
        return report_current(error);
    }
}

// ------------------------------------------------------------------------------------
// Argument checks. `fn` is the C function's name, `what` the parameter's.

template <class T>
T& need(T* p, const char* fn, const char* what) {
    if (p == nullptr) throw failure(TAPER_ERROR_INVALID_ARGUMENT, std::string(fn) + ": " + what + " is NULL");
    return *p;
}

inline std::string_view need_text(const char* p, const char* fn, const char* what) {
    if (p == nullptr) throw failure(TAPER_ERROR_INVALID_ARGUMENT, std::string(fn) + ": " + what + " is NULL");
    return p;
}

inline void check_index(std::size_t index, std::size_t size, const char* fn, const char* what) {
    if (index >= size)
        throw failure(TAPER_ERROR_INDEX_OUT_OF_RANGE, std::string(fn) + ": " + what + " " + std::to_string(index) +
                                                          " is out of range (there " +
                                                          (size == 1 ? "is 1" : "are " + std::to_string(size)) + ")");
}

/// texts[index], or failure(TAPER_ERROR_INDEX_OUT_OF_RANGE) naming `what`.
inline const std::string& text_at(const std::vector<std::string>& texts, std::size_t index, const char* fn,
                                  const char* what) {
    check_index(index, texts.size(), fn, what);
    return texts[index];
}

/// Checks the struct_size of an output struct by the growable-struct rule
/// (src/capi/struct_size.hpp) and returns how many bytes of it this call may write.
template <class T>
std::size_t out_struct_size(const T* out, const char* fn, const char* what) {
    return known_prefix(need(out, fn, what), fn, what);
}

/// Writes `value` to an output struct: its known prefix only, keeping its struct_size;
/// nothing at or past struct_size is written.
template <class T>
void write_struct(T* out, const T& value, const char* fn, const char* what) {
    write_prefix(out, value, out_struct_size(out, fn, what));
}

/// A zeroed struct (padding included), ready to fill.
template <class T>
T blank() {
    T value;
    std::memset(static_cast<void*>(&value), 0, sizeof(T));
    value.struct_size = static_cast<std::uint32_t>(sizeof(T));
    return value;
}

/// The integer a C caller passed as an enumeration. Read as bytes: a value outside the
/// enumeration (which C allows) must not be loaded as the C++ enum type, which is undefined
/// behaviour there (and what UBSan's -fsanitize=enum reports).
template <class Enum>
int raw(const Enum& e) noexcept {
    static_assert(sizeof(Enum) == sizeof(int), "the C ABI's enumerations are int-sized");
    int v;
    std::memcpy(&v, &e, sizeof v);
    return v;
}

/// Sets an optional out-parameter.
template <class T, class V>
void put(T* out, V&& value) {
    if (out != nullptr) *out = std::forward<V>(value);
}

/// An allocated copy of `text` for taper_string_free. Check the out-parameter first and
/// allocate last, as `char*& out = need(out_json, fn, "out_json"); out = allocated(...);`:
/// in `need(out_json, ...) = allocated(...)` C++17 evaluates the right side first, so a NULL
/// out would throw after allocating and leak (capi_test.c calls every such function with a
/// NULL out under valgrind).
char* allocated(std::string_view text);

/// Writes `text` snprintf-style; throws failure(TAPER_ERROR_BUFFER_TOO_SMALL) after writing
/// what fits when it does not.
void write_buffer(char* buffer, std::size_t buffer_size, std::size_t* out_length, std::string_view text,
                  const char* fn);

// ------------------------------------------------------------------------------------
// Values.

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

inline double or_nan(const std::optional<double>& v) { return v ? *v : nan; }
/// Occupancy crosses the C ABI as a plain number of percentage points; NaN when unknown.
inline double or_nan(const std::optional<occupancy_points>& v) { return v ? in(*v, units::points) : nan; }

/// The request, if its start date was set: a plan never starts on a placeholder date.
/// Throws plan_error naming "start_date" otherwise (request_c.cpp).
const taper_request& need_start(const taper_request& r, const char* fn);

taper_date to_c(date d);
date from_c(std::int32_t year, std::int32_t month, std::int32_t day, const char* fn);

step_phase phase_from_c(int value, const char* fn);
taper_phase phase_to_c(step_phase p);

/// Fills a taper_step_info for step `s` of a plan that starts on `plan_start`.
taper_step_info step_info(const step& s, date plan_start);

/// The database's drug, or unknown_drug_error.
const drug& drug_in(const taper_database* db, const char* name, const char* fn);

/// A realization_options from the C struct (NULL: the defaults).
realization_options options_from_c(const taper_realization_options* options, const char* fn);

}  // namespace taper::capi
