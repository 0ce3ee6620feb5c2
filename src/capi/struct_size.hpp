#pragma once
// Growable structs: the one rule for every struct of the C ABI that starts with
// `uint32_t struct_size` (libgit2's rule; docs/c-api.md, "Structs that grow").
//
//  - A struct_size from the struct's first published size (ABI 1) up to this library's
//    sizeof is accepted; only that known prefix is read or written. A program built
//    against an older header keeps working: fields it does not know are neither read
//    (inputs take their defaults) nor written.
//  - A larger struct_size (a program built against a newer header) is accepted only if
//    every byte past this library's sizeof is zero: a field this library does not know
//    was left at its zero default, so ignoring it changes nothing. Otherwise the call
//    fails with TAPER_ERROR_ABI_MISMATCH naming the struct.
//  - The library never writes a byte at or past struct_size.
#include <taper.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

namespace taper::capi {


/// The size of T as ABI 1 published it: the end of its last field then. Specialised
/// below for each growable struct; a struct without an entry does not compile here.
template <class T>
inline constexpr std::size_t first_size = 0;

#define TAPER_CAPI_FIRST_SIZE(T, last_field_of_abi_1) \
    template <>                                        \
    inline constexpr std::size_t first_size<T> = offsetof(T, last_field_of_abi_1) + sizeof(T::last_field_of_abi_1);

TAPER_CAPI_FIRST_SIZE(taper_schedule_info, start_dose_time_count)
TAPER_CAPI_FIRST_SIZE(taper_step_info, warning_count)
TAPER_CAPI_FIRST_SIZE(taper_message_info, text)
TAPER_CAPI_FIRST_SIZE(taper_form_info, bioavailability_known)
TAPER_CAPI_FIRST_SIZE(taper_realization_options, bottle_volume_ml)
TAPER_CAPI_FIRST_SIZE(taper_realization_info, warning_count)
TAPER_CAPI_FIRST_SIZE(taper_realized_step_info, warning_count)
TAPER_CAPI_FIRST_SIZE(taper_recipe_info, warning_count)
TAPER_CAPI_FIRST_SIZE(taper_recipe_part_info, dispersed_in_ml)
TAPER_CAPI_FIRST_SIZE(taper_dispensing_period_info, line_count)
TAPER_CAPI_FIRST_SIZE(taper_dispensing_line_info, total_volume_ml)
TAPER_CAPI_FIRST_SIZE(taper_form_conversion, to_tablets)
TAPER_CAPI_FIRST_SIZE(taper_class_equivalent, diazepam_equivalent_mg)
TAPER_CAPI_FIRST_SIZE(taper_option_info, choice_count)
TAPER_CAPI_FIRST_SIZE(taper_journal_problem_info, text)
TAPER_CAPI_FIRST_SIZE(taper_strategy_vtable, destroy)
// New in ABI 2: their first size is today's.
TAPER_CAPI_FIRST_SIZE(taper_schedule_column_arrays, phase)
TAPER_CAPI_FIRST_SIZE(taper_next_cut_offer, offered_mg)
TAPER_CAPI_FIRST_SIZE(taper_simulation_options, body_weight_kg)
TAPER_CAPI_FIRST_SIZE(taper_simulation_metrics, elimination_per_hour)
TAPER_CAPI_FIRST_SIZE(taper_population_options, threads)
TAPER_CAPI_FIRST_SIZE(taper_population_summary, share_above_threshold_percent)
TAPER_CAPI_FIRST_SIZE(taper_request_field_info, maximum_inclusive)

#undef TAPER_CAPI_FIRST_SIZE

/// Larger than any struct_size a real struct has: a garbage (uninitialised) struct_size is
/// refused before the tail check reads that far.
inline constexpr std::uint32_t largest_plausible_struct_size = 65536;

/// Why a struct_size is refused, or empty when it is accepted (see the rule above).
std::string struct_size_problem(const void* object, std::uint32_t struct_size, std::size_t first,
                                std::size_t current, const char* fn, const char* what);

/// The number of bytes of the caller's struct both sides know: min(struct_size, sizeof(T)).
/// Throws failure(TAPER_ERROR_ABI_MISMATCH) when the rule refuses struct_size.
std::size_t checked_prefix(const void* object, std::uint32_t struct_size, std::size_t first, std::size_t current,
                           const char* fn, const char* what);

template <class T>
std::size_t known_prefix(const T& object, const char* fn, const char* what) {
    static_assert(first_size<T> > 0, "T needs a first_size entry in src/capi/struct_size.hpp");
    static_assert(first_size<T> <= sizeof(T));
    return checked_prefix(&object, object.struct_size, first_size<T>, sizeof(T), fn, what);
}

/// An input struct as this library's T: the caller's known prefix over `defaults` (the
/// fields an older caller does not have keep their defaults); struct_size becomes sizeof(T).
template <class T>
T read_prefix(const T& input, const T& defaults, const char* fn, const char* what) {
    const std::size_t n = known_prefix(input, fn, what);
    T value = defaults;
    std::memcpy(static_cast<void*>(&value), &input, n);
    value.struct_size = static_cast<std::uint32_t>(sizeof(T));
    return value;
}

/// Writes the known prefix of `value` into the caller's struct, keeping its struct_size and
/// touching nothing at or past it (a newer caller's tail stays as it was: zero).
template <class T>
void write_prefix(T* out, const T& value, std::size_t prefix) {
    const std::uint32_t size = out->struct_size;
    std::memcpy(static_cast<void*>(out), &value, std::min(prefix, sizeof(T)));
    out->struct_size = size;
}

}  // namespace taper::capi
