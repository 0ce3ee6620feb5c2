#pragma once
// Reading quantities from text, where text enters the library (CLI, JSON, bindings).
//
// Accepted: "2.5 mg", "500 mcg", "500 µg", "0.5mg", "1 g"; "2.5 mL", "1 L";
// "10 mg/5 mL", "20 mg/mL"; "1/2 tablet", "0.25 tablet", "3 drops", "2 beads";
// durations "14 d", "4 weeks", "4w". Everything else throws taper::parse_error naming the
// input and what was expected. Numbers are read with std::from_chars: locale does not matter.
#include <taper/error.hpp>
#include <taper/units/quantities.hpp>

#include <string_view>
#include <variant>

namespace taper {

/// A mass: mg, mcg/µg/ug, g. Zero is allowed (a schedule ends at 0 mg); negatives are not.
mass parse_mass(std::string_view text);

/// A volume: mL/ml, L/l.
volume parse_volume(std::string_view text);

/// A concentration, "20 mg/mL" or "10 mg/5 mL" (= 2 mg/mL). Must be positive.
concentration parse_concentration(std::string_view text);

/// A duration: d/day/days, w/wk/week/weeks, h/hour/hours (as days). Must be positive.
duration parse_duration(std::string_view text);

/// Any counted or measured amount a dose can be given in.
using dose_amount = std::variant<mass, volume, tablets, capsules, beads, drops, pouches>;

/// "1/2 tablet", "3 drops", "2.5 mL", "12.5 mg" ... as whichever quantity the unit names.
dose_amount parse_dose_amount(std::string_view text);

}  // namespace taper
