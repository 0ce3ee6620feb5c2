#pragma once
// The tools a dose is measured with, and what realization may do.
#include <taper/units/quantities.hpp>

#include <optional>
#include <vector>

namespace taper {

struct measuring_tools {
    volume syringe_resolution = 0.1 * units::mL;  ///< liquid volumes are multiples of this
    volume min_volume = 0.2 * units::mL;          ///< smallest volume measured reliably
    volume max_volume = 10.0 * units::mL;         ///< largest single measurement
    bool allow_quarters = true;   ///< quarter tablets (only where halves are allowed at all)
    int max_drops = 40;           ///< most drops counted for one dose
};

/// How realization chooses between ways of taking a dose. Lexicographic, in this order:
///   1. closeness to the target (differences within `tie_percent` of the target are ties),
///   2. fewest pieces and measurements,
///   3. staying with the forms already in use.
/// With `keep_forms_in_use` (the default) the choice is first made among the formulations
/// already in use (the previous step's, or the request's current formulation); only when
/// they cannot make the dose within `tolerance_percent` are the other forms considered, so
/// a form changes (a switch point) only when it has to. docs/realization.md has the details.
struct realization_options {
    measuring_tools tools;
    double tolerance_percent = 5.0;   ///< a realized dose further off than this gets a warning
    mass tolerance_floor = 0.01 * units::mg;  ///< absolute tolerance for tiny doses
    double tie_percent = 1.0;
    bool allow_mixtures = true;       ///< e.g. tablet + liquid top-up
    bool allow_dilution = true;       ///< dispersing a tablet in water for tail doses
    bool keep_forms_in_use = true;    ///< change form only when the forms in use cannot make it
    int max_pieces = 8;               ///< pieces + measurements per dose-time (1 to 64)
    /// Water volumes a dispersible tablet may be dispersed in (empty: 10, 20, 50, 100 mL).
    std::vector<volume> dilution_volumes;
    std::optional<volume> bottle_volume;  ///< for dispensing: bottles needed
};

}  // namespace taper
