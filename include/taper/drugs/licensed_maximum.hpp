#pragma once
// The licensed maximum daily dose of a drug: what its label (US) or SmPC (UK) allows.
//
// Labels differ by country, and some by population (older adults) or indication (quetiapine:
// schizophrenia vs bipolar), so a drug keeps every entry its sources give. The planner's
// plausibility check asks for the applicable one with drug::licensed_maximum_for().
#include <taper/drugs/market.hpp>
#include <taper/drugs/provenance.hpp>
#include <taper/units/quantities.hpp>

#include <string>

namespace taper {

/// The population a general entry is for; other entries name theirs ("older adults").
inline constexpr const char* general_adult_population = "adults";

struct licensed_maximum {
    market_region region = market_region::uk;
    std::string population = general_adult_population;
    std::string indication;     ///< empty: the label's maximum whatever the indication
    sourced<mass> daily_dose;   ///< total mg a day
    std::string notes;
};

}  // namespace taper
