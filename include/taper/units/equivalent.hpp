#pragma once
// Diazepam-equivalent milligrams: a kind of mass of its own.
//
// "10 mg" of clonazepam and "10 mg diazepam-equivalent" are both milligrams on paper and
// very different doses. A diazepam-equivalent mass has its own Boost.Units dimension, so it
// cannot be added to, assigned to or compared with a mass of the drug itself
// (tests/compile_fail/own_mg_vs_diazepam_mg.cpp). The only way between the two is an
// equivalence factor, which names the table it came from (drugs/equivalence.hpp):
//
//   taper::diazepam_per_mg f = 20.0 * taper::units::diazepam_mg / taper::units::mg;  // 1 mg ≡ 20 mg
//   taper::diazepam_mass eq = f * (0.5 * taper::units::mg);                          // 10 mg diazepam-eq
//
// Its base unit is one of the dose system's (units/system.hpp), so mg diazepam-eq per mg is a
// unit of one system: Boost.Units then has no conversion between systems to work out, which
// kept this header the costliest part of the umbrella's compile time.
#include <taper/units/quantities.hpp>

namespace taper {

/// mg diazepam-equivalent.
using diazepam_mass = units::quantity<units::detail::diazepam_mass_unit>;
/// mg diazepam-equivalent per mg of another benzodiazepine or z-drug.
using diazepam_per_mg = units::quantity<units::per<units::detail::diazepam_mass_unit, units::mass_unit>>;

namespace units {
using detail::diazepam_mass_unit;
inline constexpr diazepam_mass_unit diazepam_mg{};
}  // namespace units

}  // namespace taper
