#pragma once
// The tools a dose is measured with, and what realization may do.
#include <taper/units/quantities.hpp>

#include <optional>

namespace taper {

struct measuring_tools {
    volume syringe_resolution = from_value<volume>(0.1);  ///< liquid volumes are multiples of this
    volume min_volume = from_value<volume>(0.2);          ///< smallest volume measured reliably
    volume max_volume = from_value<volume>(10.0);         ///< largest single measurement
    bool allow_quarters = true;   ///< quarter tablets (only where halves are allowed at all)
};

/// How realization chooses between ways of taking a dose. Lexicographic, in this order:
///   1. closeness to the target (differences within `tie_percent` of the target are ties),
///   2. fewest pieces and measurements,
///   3. staying with the forms already in use.
struct realization_options {
    measuring_tools tools;
    double tolerance_percent = 5.0;   ///< a realized dose further off than this gets a warning
    mass tolerance_floor = from_value<mass>(0.01);  ///< absolute tolerance for tiny doses
    double tie_percent = 1.0;
    bool allow_mixtures = true;       ///< e.g. tablet + liquid top-up
    bool allow_dilution = true;       ///< dispersing a tablet in water for tail doses
    int max_pieces = 8;               ///< per dose-time
    std::optional<volume> bottle_volume;  ///< for dispensing: bottles needed
};

}  // namespace taper
