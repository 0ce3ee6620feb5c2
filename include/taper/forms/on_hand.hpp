#pragma once
// What the person has, or can get: specific strengths of specific formulations, with what the
// data says about splitting, bioavailability, drop size and bead counts.
#include <taper/drugs/drug.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taper {

/// One product on hand: one strength of one formulation.
struct available_form {
    std::string formulation_id;   ///< the drug's formulation this comes from
    form_kind kind = form_kind::tablet;
    std::optional<mass> unit_strength;            ///< tablet / capsule (for beads: per capsule)
    std::optional<concentration> liquid_strength;  ///< liquid / drops: mg/mL
    bool may_split = false;       ///< halves (and quarters, if the tools allow) are permitted
    bool must_dilute = false;     ///< e.g. sertraline concentrate
    bool dispersible = false;     ///< a tablet that may be dispersed in water for tiny doses
    /// Drug delivered per labelled mg, relative to tablets (1 when the data says nothing).
    double bioavailability = 1.0;
    bool bioavailability_known = false;
    std::optional<volume_per_drop> drop_volume;   ///< drops
    std::optional<beads_per_capsule> bead_count;  ///< beads (brand-specific)
    std::string label;            ///< "10 mg tablet", "2 mg/mL liquid"
};

/// Every product in the database for this drug (each strength its own entry).
std::vector<available_form> all_forms(const drug& d);

/// Parse "10 mg tablet, 2 mg/mL liquid, 40 mg/mL drops" against the drug's data. Each item
/// must match a formulation and strength the data has (a user formulary can add more);
/// otherwise parse_error / plan_error naming the item and listing what the drug has.
std::vector<available_form> forms_on_hand(const drug& d, std::string_view text);

}  // namespace taper
