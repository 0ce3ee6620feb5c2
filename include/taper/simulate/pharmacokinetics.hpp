#pragma once
// How a drug moves through the body: the one-compartment oral model's parameters, each with
// its source (data/pharmacokinetics.json, compiled into the library; docs/simulation.md).
//
//   const taper::pharmacokinetics* pk = taper::pharmacokinetics_of("citalopram");
//   taper::hours t_half = pk->half_life.require("citalopram's half-life");
//
// A parameter no source gives is empty; the simulation refuses the drug and names it.
#include <taper/drugs/provenance.hpp>
#include <taper/units/quantities.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace taper {

/// An active metabolite that the occupancy model must follow over time (norfluoxetine,
/// O-desmethylvenlafaxine). Inactive ones are listed with `active` false and not modelled.
struct metabolite_pharmacokinetics {
    std::string name;
    bool active = false;
    sourced<hours> half_life;
    sourced<percent> fraction_formed;    ///< of the parent's elimination that forms it
    sourced<double> relative_potency;    ///< at the occupancy target, parent = 1 (a ratio)
    std::string notes;
};

struct pharmacokinetics {
    std::string drug;                    ///< the drug's name, as in data/drugs.json
    sourced<hours> half_life;            ///< elimination half-life of the parent
    sourced<hours> time_to_peak;         ///< tmax after one oral dose: gives the absorption rate
    sourced<percent> bioavailability;    ///< F
    sourced<litres> volume;              ///< apparent volume of distribution, absolute
    sourced<double> volume_per_kg;       ///< or per kg of body weight (litres per kg)
    std::optional<metabolite_pharmacokinetics> metabolite;
    std::string notes;
};

/// The compiled-in table (data/pharmacokinetics.json), read once.
std::span<const pharmacokinetics> embedded_pharmacokinetics();

/// The entry for a drug by its name (as `drug::name` spells it, any case), or nullptr.
const pharmacokinetics* pharmacokinetics_of(std::string_view drug_name) noexcept;

/// Reads a pharmacokinetics table (the format of data/pharmacokinetics.json). Throws
/// formulary_error naming `origin` and the field for anything that breaks the format.
std::vector<pharmacokinetics> read_pharmacokinetics(std::string_view json_text, std::string_view origin);

/// First-order absorption rate from the time to peak and the elimination rate: solves
/// tmax = ln(ka/ke) / (ka - ke) for the root ka > ke. Rates are per hour.
/// Throws invalid_argument_error unless both are positive and finite.
double absorption_rate_per_hour(hours time_to_peak, hours half_life);

}  // namespace taper
