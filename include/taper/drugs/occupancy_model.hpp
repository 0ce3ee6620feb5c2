#pragma once
// Receptor occupancy by dose: the Emax (Hill) model.
//
//   occ(D) = Emax · Dⁿ / (ED50ⁿ + Dⁿ)        D(occ) = ED50 · (occ / (Emax − occ))^(1/n)
//
// With n = 1 this is the rectangular hyperbola of Horowitz & Taylor (2019) and of the PET
// literature. Occupancy is in percent of receptors (0..100), Emax may exceed 100 where a
// published fit does (desvenlafaxine); it is what the fit says, not a physical bound.
#include <taper/drugs/provenance.hpp>
#include <taper/units/quantities.hpp>

#include <optional>
#include <string>

namespace taper {

struct occupancy_model {
    std::string id;                     ///< stable id within the drug, e.g. "sert-striatum"
    std::string receptor;               ///< "SERT", "NET", "D2", ...
    std::optional<std::string> region;  ///< brain region of the PET fit, if stated
    sourced<double> emax_percent;       ///< plateau occupancy, %
    sourced<mass> ed50;                 ///< oral daily dose giving half of Emax
    sourced<double> hill;               ///< Hill coefficient n (1 in every published fit here)
    std::string notes;

    /// True when Emax, ED50 and n are all known, so the model can be evaluated.
    bool usable() const noexcept { return emax_percent.known() && ed50.known() && hill.known(); }

    /// Occupancy at a daily dose. Throws missing_data_error if !usable(),
    /// invalid_argument_error for a negative or non-finite dose.
    occupancy_points occupancy_percent(mass daily_dose) const;

    /// The daily dose that gives `occupancy`. Throws invalid_argument_error unless
    /// 0 <= occupancy < Emax (Emax itself is reached only at an infinite dose).
    mass dose_for_occupancy(occupancy_points occupancy) const;
};

}  // namespace taper
