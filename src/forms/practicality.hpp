#pragma once
// Rule R8 (practicality; docs/safety.md, "Realization"): what one dose may ask of a person at
// home, often unwell, before the recipe counts as one no pharmacist would dispense. Used twice:
// the search prefers recipes within these among equally close ones (realizer_search.cpp), and
// the warning says so where none was (impractical_recipe, 437; realize_rules.cpp). Both numbers
// are the project's judgement, not a published limit.
namespace taper::forms_detail {

/// Tablets, capsules, drops or beads to count for one dose (227-287 beads a day is too many).
inline constexpr double impractical_pieces = 12;
/// mL of liquid to measure for one dose (2.3 L of diazepam liquid a month is about 77 mL a day).
inline constexpr double impractical_volume_ml = 20;

}  // namespace taper::forms_detail
