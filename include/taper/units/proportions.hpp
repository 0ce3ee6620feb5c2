#pragma once
// Shares and occupancy, as types of their own so that they cannot be swapped.
//
//   taper::percent cut = 10.0 * taper::units::percent_of_dose;   // 10% of the most recent dose
//   taper::occupancy_points step = 5.0 * taper::units::points;   // 5 points of receptor occupancy
//   taper::occupancy_points level = 75.2 * taper::units::points; // an occupancy of 75.2%
//
// "10%" of a dose and "10 points" of receptor occupancy read alike and mean very different
// cuts (at 80% occupancy, 10 points is a far larger cut than 10% of the dose). Each is a
// Boost.Units base dimension of its own, so `percent p = step_points;` and `p + points`
// do not compile (tests/compile_fail). A fraction (0.25) is the same dimension as percent in
// another unit: `in(p, units::fraction)` reads 25% as 0.25.
#include <taper/units/system.hpp>

#include <boost/units/base_dimension.hpp>
#include <boost/units/base_unit.hpp>
#include <boost/units/conversion.hpp>
#include <boost/units/quantity.hpp>
#include <boost/units/scaled_base_unit.hpp>

namespace taper::units::detail {

namespace bu = boost::units;

/// A share of a dose (10% of the most recent dose, 1/4 of the starting dose).
struct dose_share_base_dimension : bu::base_dimension<dose_share_base_dimension, 7107> {};
/// Receptor occupancy, in percentage points of the receptors occupied.
struct occupancy_base_dimension : bu::base_dimension<occupancy_base_dimension, 7108> {};

using dose_share_dimension = dose_share_base_dimension::dimension_type;
using occupancy_dimension = occupancy_base_dimension::dimension_type;

struct percent_base_unit : bu::base_unit<percent_base_unit, dose_share_dimension, 7209> {
    static constexpr const char* name() { return "percent"; }
    static constexpr const char* symbol() { return "%"; }
};
struct fraction_base_unit : bu::base_unit<fraction_base_unit, dose_share_dimension, 7210> {
    static constexpr const char* name() { return "fraction"; }
    static constexpr const char* symbol() { return "x"; }
};
struct occupancy_point_base_unit : bu::base_unit<occupancy_point_base_unit, occupancy_dimension, 7211> {
    static constexpr const char* name() { return "occupancy point"; }
    static constexpr const char* symbol() { return "pp"; }
};

using percent_unit = percent_base_unit::unit_type;
using fraction_unit = fraction_base_unit::unit_type;
using occupancy_point_unit = occupancy_point_base_unit::unit_type;

}  // namespace taper::units::detail

BOOST_UNITS_DEFINE_CONVERSION_FACTOR(taper::units::detail::fraction_base_unit,
                                     taper::units::detail::percent_base_unit, double, 100.0);

namespace taper {

/// A share of a dose, stored in percent.
using percent = boost::units::quantity<units::detail::percent_unit, double>;
/// Receptor occupancy or a change in it, stored in percentage points.
using occupancy_points = boost::units::quantity<units::detail::occupancy_point_unit, double>;

namespace units {
using detail::fraction_unit;
using detail::occupancy_point_unit;
using detail::percent_unit;
inline constexpr percent_unit percent_of_dose{};
inline constexpr fraction_unit fraction{};
inline constexpr occupancy_point_unit points{};
}  // namespace units

}  // namespace taper
