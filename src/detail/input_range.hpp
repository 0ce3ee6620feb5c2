#pragma once
// The ranges numbers entering taper must be in (docs/reliability.md lists them), shared by the
// compiled parts and the C ABI; not public API. The bounds are far beyond any clinical value
// and far below where arithmetic on them overflows: with them every number taper computes
// from its inputs stays finite, so a refusal at the boundary replaces an "inf" or a NaN (or a
// loop that never ends) further in.
#include <string_view>

namespace taper::detail {

/// A dose, in mg of the drug: 0 to a kilogram a day.
inline constexpr double max_dose_mg = 1e6;
/// A liquid's strength, mg/mL: a microgram per mL to 10 g per mL.
inline constexpr double min_strength_mg_per_ml = 1e-3;
inline constexpr double max_strength_mg_per_ml = 1e4;
/// A bottle's volume for dispensing, mL.
inline constexpr double min_bottle_ml = 1;
inline constexpr double max_bottle_ml = 1e5;
/// A dispensing period, whole days (the date range 1900-9999 holds about 2.9 million days).
inline constexpr double max_period_days = 1e6;

/// Throws invalid_argument_error unless `value` is finite and lowest <= value <= highest. The
/// message and error_detail name `what` (option), the value (input) and the range (expected).
void require_in_range(double value, double lowest, double highest, std::string_view what, std::string_view unit);

/// Throws invalid_argument_error (naming `what`) unless `value` is finite: for numbers about to
/// leave the library, which must never be inf or NaN.
void require_finite_result(double value, std::string_view what);

}  // namespace taper::detail
