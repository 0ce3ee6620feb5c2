#pragma once
// A recipe as a person reads it, written on demand from its parts and the forms they name:
//
//   for (const auto& recipe : realization.steps[0].recipes)
//       std::cout << taper::instruction_text(realization, recipe) << '\n';
//   // "1 × 10 mg tablet + 1.7 mL of 2 mg/mL liquid = 13.4 mg"
//   // "4 drops of 40 mg/mL drops = 8 mg on the label ≡ 10 mg as tablets"
//
// Recipes keep numbers and form indexes, not text: realization makes a recipe for every dose
// of every step, and writing each one's text cost most of its time (docs/performance.md).
// The text is the same whenever it is asked for: it depends on the recipe, the forms on
// hand and the syringe (realization_options::tools) only.
#include <taper/forms/realize.hpp>

#include <string>
#include <vector>

namespace taper {

/// One part: "1½ × 10 mg tablet", "1.7 mL of 2 mg/mL liquid (2 syringe fills)", "4 drops of
/// 40 mg/mL drops", "3 beads counted from a ...", "disperse 1 × 20 mg tablet in ...".
/// `on_hand` are the forms the recipe was made with, as given (dose_component::form indexes
/// them); invalid_argument_error if the part names a form that is not there.
std::string instruction_text(const dose_component& part, const std::vector<available_form>& on_hand,
                             const realization_options& options = {});

/// The whole recipe: its parts joined with " + ", then " = 13.4 mg" (or "= 8 mg on the label
/// ≡ 10 mg as tablets" when a form's bioavailability differs), then each form's caution once;
/// "none (0 mg)" for a 0 mg target, "nothing (0 mg)" when a dose rounds to nothing, and "not
/// realized here: ..." for a dose line of a drug with no forms on hand.
std::string instruction_text(const dose_recipe& recipe, const std::vector<available_form>& on_hand,
                             const realization_options& options = {});

/// The same for a recipe of a realization, with its forms and options.
std::string instruction_text(const realized_schedule& realization, const dose_recipe& recipe);

}  // namespace taper
