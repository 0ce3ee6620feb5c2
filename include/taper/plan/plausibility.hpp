#pragma once
// Plausibility of a starting dose against the drug's licensed maximum daily dose (its label or
// SmPC, with source, in the drug data: drug::licensed_maximum_for). Above the maximum the plan
// is made and warned (people do take more than a licence allows, and still need to come off);
// far above it the request is refused as a likely slip of unit or decimal. docs/safety.md
// lists the rule.
//
//   if (auto w = taper::above_licensed_maximum(drug, request.daily_dose)) plan.messages.push_back(*w);
#include <taper/drugs/drug.hpp>
#include <taper/messages/message.hpp>

#include <optional>

namespace taper {

/// More than this many times the licensed maximum is refused. The project's judgement: doses
/// taken above a licence are rarely more than about twice it, while a slip of decimal point
/// is ten times and mg for mcg a thousand; three times keeps the first and catches the others.
inline constexpr double implausible_multiple_of_licensed_maximum = 3.0;

/// The warning `above_licensed_maximum` (325) when `daily` is above the drug's licensed
/// maximum (the highest general adult one of any region); nullopt when it is not, or when the
/// data has no maximum for the drug.
std::optional<message> above_licensed_maximum(const drug& d, mass daily);

/// The dose above which a request is refused as implausible (implausible_multiple_of_licensed_maximum
/// times the licensed maximum); nullopt when the data has no maximum for the drug.
std::optional<mass> implausible_above(const drug& d);

}  // namespace taper
