#pragma once
// Conversions as an API of their own.
//
//   taper::convert_form(sertraline, 20_mg, "tablet", "concentrate-20mg-ml")  // 1 mL
//   taper::convert_form(citalopram, 10_mg, "tablet", "drops-40mg-ml")        // 8 mg = 4 drops
//   taper::class_equivalent_dose(alprazolam, 1_mg, lorazepam, "ashton")      // via diazepam
#include <taper/drugs/drug.hpp>
#include <taper/units/quantities.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace taper {

struct form_conversion {
    mass from_labelled;          ///< mg on the label of the source form
    mass to_labelled;            ///< mg on the label of the target form, same effect
    double bioavailability_ratio = 1.0;  ///< source ÷ target bioavailability (vs tablets)
    std::optional<volume> to_volume;     ///< liquids and drops
    std::optional<drops> to_drops;       ///< drops, where the drop size is known
    std::optional<tablets> to_tablets;   ///< tablets of one strength, where asked
    std::string equivalence;     ///< "citalopram drops deliver 1.25× tablets (source, status)"
    std::string text;            ///< "10 mg as tablet = 8 mg as drops (40 mg/mL) = 0.2 mL = 4 drops"
};

/// Convert a dose between two formulations of one drug (by formulation id, or by form name
/// when the drug has exactly one such formulation; `concentration` picks one strength).
form_conversion convert_form(const drug& d, mass dose, std::string_view from, std::string_view to,
                             std::optional<concentration> to_strength = std::nullopt);

struct class_equivalent {
    mass dose;                   ///< of the target drug
    mass diazepam_equivalent;    ///< the common currency
    std::string table;
    std::string text;            ///< "1 mg alprazolam ≈ 20 mg diazepam ≈ 2 mg lorazepam (ashton: ...)"
    /// Where the table gives a range for either drug: the dose (and diazepam equivalent) at
    /// the other end, which the text states too, so that a range end is never taken silently.
    std::optional<mass> other_end_dose;
    std::optional<mass> other_end_diazepam_equivalent;
};

/// Equivalent dose between two benzodiazepines / z-drugs through diazepam equivalents,
/// naming the table. Ranges need `use_high_end` chosen (false = low end); the result states
/// the other end too (other_end_dose and the text); unknown values are a missing_data_error. (Not called `equivalent_dose`: that name is the per-drug table
/// entry in drugs/equivalence.hpp, and a function of the same name would hide it.)
class_equivalent class_equivalent_dose(const drug& from, mass dose, const drug& to,
                                       std::string_view table = "ashton",
                                       bool use_high_end = false);

}  // namespace taper
