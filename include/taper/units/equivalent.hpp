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
#include <taper/units/quantities.hpp>

#include <boost/units/base_dimension.hpp>
#include <boost/units/base_unit.hpp>

namespace taper::units::detail {

namespace bu = boost::units;

struct diazepam_equivalent_base_dimension
    : bu::base_dimension<diazepam_equivalent_base_dimension, 7109> {};
using diazepam_equivalent_dimension = diazepam_equivalent_base_dimension::dimension_type;

struct diazepam_milligram_base_unit
    : bu::base_unit<diazepam_milligram_base_unit, diazepam_equivalent_dimension, 7212> {
    static constexpr const char* name() { return "milligram diazepam-equivalent"; }
    static constexpr const char* symbol() { return "mg diazepam-eq"; }
};
using diazepam_mass_unit = diazepam_milligram_base_unit::unit_type;

}  // namespace taper::units::detail

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
