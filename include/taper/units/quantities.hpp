#pragma once
// taper's names for dose quantities. Public code uses these, never Boost.Units types.
//
//   using namespace taper::units;
//   taper::mass m = 12.5 * mg;                  // a dose (or 12.5_mg with taper::literals)
//   taper::concentration c = 2.0 * mg / mL;
//   taper::volume v = m / c;                    // 6.25 mL, checked at compile time
//   taper::tablets n = m / (10.0 * mg / tablet);   // 1.25 tablet
#include <taper/units/system.hpp>

#include <boost/units/quantity.hpp>

#include <type_traits>

namespace taper {

namespace units {
using detail::bead_unit;
using detail::capsule_unit;
using detail::day_unit;
using detail::drop_unit;
using detail::gram_unit;
using detail::hour_unit;
using detail::litre_unit;
using detail::mass_unit;
using detail::microgram_unit;
using detail::pouch_unit;
using detail::tablet_unit;
using detail::volume_unit;
using detail::week_unit;

template <class Unit>
using quantity = boost::units::quantity<Unit, double>;

/// The unit of `A / B`, e.g. per<mass_unit, volume_unit> is mg/mL.
template <class A, class B>
using per = std::remove_cv_t<decltype(A{} / B{})>;
}  // namespace units

// Amounts.
using mass = units::quantity<units::mass_unit>;          ///< stored in mg
using volume = units::quantity<units::volume_unit>;      ///< stored in mL
using tablets = units::quantity<units::tablet_unit>;     ///< counted, may be 0.5 or 0.25
using capsules = units::quantity<units::capsule_unit>;
using beads = units::quantity<units::bead_unit>;
using drops = units::quantity<units::drop_unit>;
using pouches = units::quantity<units::pouch_unit>;
using duration = units::quantity<units::day_unit>;       ///< stored in days

// Quantities in other units people write; convert explicitly: taper::mass{q}.
using micrograms = units::quantity<units::microgram_unit>;
using grams = units::quantity<units::gram_unit>;
using litres = units::quantity<units::litre_unit>;
using weeks = units::quantity<units::week_unit>;
using hours = units::quantity<units::hour_unit>;

// Ratios.
using concentration = units::quantity<units::per<units::mass_unit, units::volume_unit>>;   ///< mg/mL
using mass_per_tablet = units::quantity<units::per<units::mass_unit, units::tablet_unit>>;
using mass_per_capsule = units::quantity<units::per<units::mass_unit, units::capsule_unit>>;
using mass_per_bead = units::quantity<units::per<units::mass_unit, units::bead_unit>>;
using mass_per_drop = units::quantity<units::per<units::mass_unit, units::drop_unit>>;
using mass_per_pouch = units::quantity<units::per<units::mass_unit, units::pouch_unit>>;
using volume_per_drop = units::quantity<units::per<units::volume_unit, units::drop_unit>>;
using beads_per_capsule = units::quantity<units::per<units::bead_unit, units::capsule_unit>>;

namespace units {
// Unit values, so that call sites read like a prescription:
//   using namespace taper::units;  taper::concentration c = 10.0 * mg / (5.0 * mL);
// (They live in taper::units, not taper, so that names like form_kind::tablet stay free.)
inline constexpr mass_unit mg{};
inline constexpr microgram_unit mcg{};
inline constexpr gram_unit g{};
inline constexpr volume_unit mL{};
inline constexpr litre_unit L{};
inline constexpr tablet_unit tablet{};
inline constexpr capsule_unit capsule{};
inline constexpr bead_unit bead{};
inline constexpr drop_unit drop{};
inline constexpr pouch_unit pouch{};
inline constexpr day_unit day{};
inline constexpr week_unit week{};
inline constexpr hour_unit hour{};

}  // namespace units

}  // namespace taper

// Shares, occupancy points, diazepam-equivalent mg and `in(q, unit)` are part of the core.
#include <taper/units/access.hpp>
#include <taper/units/equivalent.hpp>
#include <taper/units/proportions.hpp>
