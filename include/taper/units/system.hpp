#pragma once
// The dose system: the base units a prescription is written in.
//
// Boost.Units does the dimensional analysis; everything here stays in
// taper::units::detail and is reached through the names in quantities.hpp.
//
// Why these base dimensions: a volume is its own dimension (not length³) so it prints
// as mL and never as m^3; counted things (tablet, capsule, bead, drop, pouch) are each
// their own dimension, so "2 tablets" can never be added to "2 drops", and mg ÷ (mg/tablet)
// is tablets by the type system.
#include <boost/units/base_dimension.hpp>
#include <boost/units/base_unit.hpp>
#include <boost/units/derived_dimension.hpp>
#include <boost/units/make_system.hpp>
#include <boost/units/physical_dimensions/mass.hpp>
#include <boost/units/physical_dimensions/time.hpp>
#include <boost/units/unit.hpp>
#include <boost/units/conversion.hpp>

namespace taper::units::detail {

namespace bu = boost::units;

// Ordinals only need to be unique and outside Boost's own (negative) range.
struct volume_base_dimension : bu::base_dimension<volume_base_dimension, 7101> {};
struct tablet_base_dimension : bu::base_dimension<tablet_base_dimension, 7102> {};
struct capsule_base_dimension : bu::base_dimension<capsule_base_dimension, 7103> {};
struct bead_base_dimension : bu::base_dimension<bead_base_dimension, 7104> {};
struct drop_base_dimension : bu::base_dimension<drop_base_dimension, 7105> {};
struct pouch_base_dimension : bu::base_dimension<pouch_base_dimension, 7106> {};
// Diazepam-equivalent mg: a mass of its own kind (units/equivalent.hpp says why).
struct diazepam_equivalent_base_dimension
    : bu::base_dimension<diazepam_equivalent_base_dimension, 7109> {};

using mass_dimension = bu::mass_dimension;
using time_dimension = bu::time_dimension;
using volume_dimension = volume_base_dimension::dimension_type;
using tablet_dimension = tablet_base_dimension::dimension_type;
using capsule_dimension = capsule_base_dimension::dimension_type;
using bead_dimension = bead_base_dimension::dimension_type;
using drop_dimension = drop_base_dimension::dimension_type;
using pouch_dimension = pouch_base_dimension::dimension_type;
using diazepam_equivalent_dimension = diazepam_equivalent_base_dimension::dimension_type;

#define TAPER_DETAIL_BASE_UNIT(NAME, DIM, ORDINAL, LONG, SHORT)                   \
    struct NAME : bu::base_unit<NAME, DIM, ORDINAL> {                             \
        static constexpr const char* name() { return LONG; }                      \
        static constexpr const char* symbol() { return SHORT; }                   \
    }

// The system's own base units: what every stored quantity is kept in.
TAPER_DETAIL_BASE_UNIT(milligram_base_unit, mass_dimension, 7201, "milligram", "mg");
TAPER_DETAIL_BASE_UNIT(millilitre_base_unit, volume_dimension, 7202, "millilitre", "mL");
TAPER_DETAIL_BASE_UNIT(tablet_base_unit, tablet_dimension, 7203, "tablet", "tablet");
TAPER_DETAIL_BASE_UNIT(capsule_base_unit, capsule_dimension, 7204, "capsule", "capsule");
TAPER_DETAIL_BASE_UNIT(bead_base_unit, bead_dimension, 7205, "bead", "bead");
TAPER_DETAIL_BASE_UNIT(drop_base_unit, drop_dimension, 7206, "drop", "drop");
TAPER_DETAIL_BASE_UNIT(pouch_base_unit, pouch_dimension, 7207, "pouch", "pouch");
TAPER_DETAIL_BASE_UNIT(day_base_unit, time_dimension, 7208, "day", "d");
TAPER_DETAIL_BASE_UNIT(diazepam_milligram_base_unit, diazepam_equivalent_dimension, 7212,
                       "milligram diazepam-equivalent", "mg diazepam-eq");

// Other units people write; each converts explicitly into the system's unit.
TAPER_DETAIL_BASE_UNIT(microgram_base_unit, mass_dimension, 7301, "microgram", "mcg");
TAPER_DETAIL_BASE_UNIT(gram_base_unit, mass_dimension, 7302, "gram", "g");
TAPER_DETAIL_BASE_UNIT(litre_base_unit, volume_dimension, 7303, "litre", "L");
TAPER_DETAIL_BASE_UNIT(week_base_unit, time_dimension, 7304, "week", "wk");
TAPER_DETAIL_BASE_UNIT(hour_base_unit, time_dimension, 7305, "hour", "h");

#undef TAPER_DETAIL_BASE_UNIT

using dose_system =
    bu::make_system<milligram_base_unit, millilitre_base_unit, tablet_base_unit,
                    capsule_base_unit, bead_base_unit, drop_base_unit, pouch_base_unit,
                    day_base_unit, diazepam_milligram_base_unit>::type;

template <class Dimension>
using dose_unit = bu::unit<Dimension, dose_system>;

using mass_unit = dose_unit<mass_dimension>;
using volume_unit = dose_unit<volume_dimension>;
using tablet_unit = dose_unit<tablet_dimension>;
using capsule_unit = dose_unit<capsule_dimension>;
using bead_unit = dose_unit<bead_dimension>;
using drop_unit = dose_unit<drop_dimension>;
using pouch_unit = dose_unit<pouch_dimension>;
using day_unit = dose_unit<time_dimension>;
using diazepam_mass_unit = dose_unit<diazepam_equivalent_dimension>;  ///< mg diazepam-eq

using microgram_unit = microgram_base_unit::unit_type;
using gram_unit = gram_base_unit::unit_type;
using litre_unit = litre_base_unit::unit_type;
using week_unit = week_base_unit::unit_type;
using hour_unit = hour_base_unit::unit_type;

}  // namespace taper::units::detail

namespace taper::units::detail {
// Each other unit's size in the system's unit, stated once: Boost.Units' conversions below
// and the literals (literals.hpp, which multiply by these so that every translation unit need
// not instantiate Boost's conversion machinery) both read them.
inline constexpr double mg_per_mcg = 1e-3;
inline constexpr double mg_per_g = 1e3;
inline constexpr double mL_per_L = 1e3;
inline constexpr double days_per_week = 7.0;
inline constexpr double days_per_hour = 1.0 / 24.0;
}  // namespace taper::units::detail

// Conversion factors must be declared at global scope (a Boost.Units rule).
BOOST_UNITS_DEFINE_CONVERSION_FACTOR(taper::units::detail::microgram_base_unit,
                                     taper::units::detail::milligram_base_unit, double,
                                     taper::units::detail::mg_per_mcg);
BOOST_UNITS_DEFINE_CONVERSION_FACTOR(taper::units::detail::gram_base_unit,
                                     taper::units::detail::milligram_base_unit, double,
                                     taper::units::detail::mg_per_g);
BOOST_UNITS_DEFINE_CONVERSION_FACTOR(taper::units::detail::litre_base_unit,
                                     taper::units::detail::millilitre_base_unit, double,
                                     taper::units::detail::mL_per_L);
BOOST_UNITS_DEFINE_CONVERSION_FACTOR(taper::units::detail::week_base_unit,
                                     taper::units::detail::day_base_unit, double,
                                     taper::units::detail::days_per_week);
BOOST_UNITS_DEFINE_CONVERSION_FACTOR(taper::units::detail::hour_base_unit,
                                     taper::units::detail::day_base_unit, double,
                                     taper::units::detail::days_per_hour);
