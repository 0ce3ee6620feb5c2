// Static tests of the quantity kinds that look alike on paper: a share of a dose (percent),
// receptor-occupancy points, and diazepam-equivalent mg beside the drug's own mg. Compiling
// this file is passing; tests/compile_fail holds the lines that must not compile.
#include <taper/units/io.hpp>
#include <taper/units/quantities.hpp>

#include <type_traits>

namespace {

namespace u = taper::units;

template <class A, class B>
concept addable = requires(A a, B b) { a + b; };
template <class A, class B>
concept comparable = requires(A a, B b) { a < b; };

// Percent and points: each adds to itself, never to the other or to a bare number.
static_assert(addable<taper::percent, taper::percent>);
static_assert(addable<taper::occupancy_points, taper::occupancy_points>);
static_assert(!addable<taper::percent, taper::occupancy_points>);
static_assert(!addable<taper::percent, double>);
static_assert(!addable<taper::occupancy_points, double>);
static_assert(!std::is_convertible_v<taper::percent, taper::occupancy_points>);
static_assert(!std::is_convertible_v<taper::occupancy_points, taper::percent>);
static_assert(!std::is_convertible_v<double, taper::percent>);
static_assert(!std::is_convertible_v<double, taper::occupancy_points>);

// A fraction is a share in another unit: 25% reads as 0.25, exactly.
static_assert(taper::in(25.0 * u::percent_of_dose, u::fraction) == 0.25);
static_assert(taper::in(taper::percent(0.5 * u::fraction), u::percent_of_dose) == 50.0);

// Own mg and diazepam-equivalent mg do not mix; a factor (mg diazepam-eq per mg) links them.
static_assert(addable<taper::diazepam_mass, taper::diazepam_mass>);
static_assert(!addable<taper::diazepam_mass, taper::mass>);
static_assert(!comparable<taper::diazepam_mass, taper::mass>);
static_assert(!std::is_convertible_v<taper::mass, taper::diazepam_mass>);
static_assert(!std::is_convertible_v<taper::diazepam_mass, taper::mass>);
static_assert(std::is_same_v<decltype(std::declval<taper::diazepam_per_mg>() * std::declval<taper::mass>()),
                             taper::diazepam_mass>);
static_assert(taper::in((20.0 * u::diazepam_mg / u::mg) * (0.5 * u::mg), u::diazepam_mg) == 10.0);

// Every kind prints with its own symbol, so a printed number always names what it is.
static_assert(u::symbol_of<u::percent_unit>::value == "%");
static_assert(u::symbol_of<u::occupancy_point_unit>::value == "points");
static_assert(u::symbol_of<u::diazepam_mass_unit>::value == "mg diazepam-eq");

}  // namespace
