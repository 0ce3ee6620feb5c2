#pragma once
// Which doses whole tablets or capsules can make: the feasibility question of a form that
// may not be divided (modified-release, enteric-coated, not scored). It belongs to forms,
// like every question of what can be taken; the planner asks it to warn about a step that
// the person's current formulation cannot make.
//
//   taper::whole_units_make(12.5 * mg, {10.0 * mg, 2.5 * mg});   // true: 1 × 10 + 1 × 2.5
#include <taper/units/quantities.hpp>

#include <vector>

namespace taper {

/// Whether `amount` is a sum of whole units of these strengths (any number of each), to the
/// microgram. 0 mg always is. A very large amount that is a multiple of the strengths'
/// common divisor is taken as makeable without the full search.
bool whole_units_make(mass amount, const std::vector<mass>& strengths);

}  // namespace taper
