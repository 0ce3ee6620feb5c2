// Static tests of the dose system: compiling this file is passing.
//
// Each line states a rule of dose arithmetic that the type system enforces. The values are
// computed at compile time, so a wrong factor (mcg -> mg, wk -> d) fails the build too.
#include <taper/units/io.hpp>
#include <taper/units/literals.hpp>
#include <taper/units/parse.hpp>
#include <taper/units/quantities.hpp>
#include <taper/units/from_value.hpp>

#include <concepts>
#include <string_view>
#include <type_traits>
#include <variant>

namespace {

using namespace taper::literals;
namespace u = taper::units;

template <class A, class B>
using sum_t = decltype(std::declval<A>() + std::declval<B>());
template <class A, class B>
using difference_t = decltype(std::declval<A>() - std::declval<B>());
template <class A, class B>
using product_t = decltype(std::declval<A>() * std::declval<B>());
template <class A, class B>
using quotient_t = decltype(std::declval<A>() / std::declval<B>());

template <class A, class B>
concept addable = requires(A a, B b) { a + b; };
template <class A, class B>
concept subtractable = requires(A a, B b) { a - b; };
template <class A, class B>
concept comparable = requires(A a, B b) { a < b; };

// --- What a dose calculation gives, as a type -----------------------------------------

// mg ÷ (mg/mL) is a volume: how much of a liquid to draw up.
static_assert(std::is_same_v<quotient_t<taper::mass, taper::concentration>, taper::volume>);
// mg ÷ (mg/tablet) is tablets: how many tablets make a dose.
static_assert(std::is_same_v<quotient_t<taper::mass, taper::mass_per_tablet>, taper::tablets>);
static_assert(std::is_same_v<quotient_t<taper::mass, taper::mass_per_capsule>, taper::capsules>);
static_assert(std::is_same_v<quotient_t<taper::mass, taper::mass_per_bead>, taper::beads>);
static_assert(std::is_same_v<quotient_t<taper::mass, taper::mass_per_drop>, taper::drops>);
static_assert(std::is_same_v<quotient_t<taper::mass, taper::mass_per_pouch>, taper::pouches>);
// (mg/drop) × drops is a mass, in either order.
static_assert(std::is_same_v<product_t<taper::mass_per_drop, taper::drops>, taper::mass>);
static_assert(std::is_same_v<product_t<taper::drops, taper::mass_per_drop>, taper::mass>);
static_assert(std::is_same_v<product_t<taper::mass_per_tablet, taper::tablets>, taper::mass>);
static_assert(std::is_same_v<product_t<taper::mass_per_bead, taper::beads>, taper::mass>);
// Concentration × volume is a mass, in either order.
static_assert(std::is_same_v<product_t<taper::concentration, taper::volume>, taper::mass>);
static_assert(std::is_same_v<product_t<taper::volume, taper::concentration>, taper::mass>);
// mg ÷ mL is a concentration; mg ÷ tablets is a strength per tablet.
static_assert(std::is_same_v<quotient_t<taper::mass, taper::volume>, taper::concentration>);
static_assert(std::is_same_v<quotient_t<taper::mass, taper::tablets>, taper::mass_per_tablet>);
// mL ÷ (mL/drop) is drops: how a dropper bottle is counted.
static_assert(std::is_same_v<quotient_t<taper::volume, taper::volume_per_drop>, taper::drops>);
// (mg/mL) × (mL/drop) is mg/drop.
static_assert(std::is_same_v<product_t<taper::concentration, taper::volume_per_drop>,
                             taper::mass_per_drop>);
// (bead/capsule) × capsules is beads; (mg/bead) × (bead/capsule) is mg/capsule.
static_assert(std::is_same_v<product_t<taper::beads_per_capsule, taper::capsules>, taper::beads>);
static_assert(std::is_same_v<product_t<taper::mass_per_bead, taper::beads_per_capsule>,
                             taper::mass_per_capsule>);

// Like with like stays like; scaling by a number keeps the unit.
static_assert(std::is_same_v<sum_t<taper::mass, taper::mass>, taper::mass>);
static_assert(std::is_same_v<difference_t<taper::mass, taper::mass>, taper::mass>);
static_assert(std::is_same_v<sum_t<taper::volume, taper::volume>, taper::volume>);
static_assert(std::is_same_v<sum_t<taper::tablets, taper::tablets>, taper::tablets>);
static_assert(std::is_same_v<sum_t<taper::duration, taper::duration>, taper::duration>);
static_assert(std::is_same_v<product_t<double, taper::mass>, taper::mass>);
static_assert(std::is_same_v<product_t<taper::mass, double>, taper::mass>);
static_assert(std::is_same_v<quotient_t<taper::mass, double>, taper::mass>);
// A ratio of two masses is a plain number (e.g. a fraction of the starting dose).
static_assert(std::is_convertible_v<quotient_t<taper::mass, taper::mass>, double>);
static_assert(std::is_convertible_v<quotient_t<taper::tablets, taper::tablets>, double>);

// --- What does not combine (SFINAE-visible here; tests/compile_fail shows the errors) -----

static_assert(!addable<taper::mass, taper::volume>);
static_assert(!addable<taper::volume, taper::mass>);
static_assert(!addable<taper::tablets, taper::drops>);
static_assert(!addable<taper::capsules, taper::beads>);
static_assert(!addable<taper::mass, taper::concentration>);
static_assert(!addable<taper::mass, double>);
static_assert(!addable<taper::duration, taper::mass>);
static_assert(!subtractable<taper::mass, taper::volume>);
static_assert(!comparable<taper::mass, taper::volume>);
static_assert(!comparable<taper::mass, double>);

// A bare number is never a dose, and a dose never silently becomes a number.
static_assert(!std::is_convertible_v<double, taper::mass>);
static_assert(!std::is_constructible_v<taper::mass, double>);
static_assert(!std::is_convertible_v<taper::mass, double>);
static_assert(!std::is_convertible_v<double, taper::volume>);
static_assert(!std::is_convertible_v<int, taper::tablets>);
// Different dimensions never convert implicitly.
static_assert(!std::is_convertible_v<taper::mass, taper::volume>);
static_assert(!std::is_convertible_v<taper::volume, taper::mass>);
static_assert(!std::is_convertible_v<taper::concentration, taper::mass>);
static_assert(!std::is_convertible_v<taper::mass_per_tablet, taper::mass>);
static_assert(!std::is_convertible_v<taper::tablets, taper::capsules>);
static_assert(!std::is_convertible_v<taper::duration, taper::mass>);
// Note: std::is_constructible_v<taper::volume, taper::mass> and
// std::is_assignable_v<taper::volume&, taper::mass> are true, because Boost.Units' explicit
// converting constructor and its assignment are templates that fail inside their bodies,
// not in their signatures. Those lines still do not compile: tests/compile_fail/
// (assign_mass_to_volume.cpp, explicit_volume_from_mass.cpp).

// Same dimension, other unit: an explicit conversion, never an implicit one.
static_assert(std::is_constructible_v<taper::mass, taper::micrograms>);
static_assert(std::is_constructible_v<taper::mass, taper::grams>);
static_assert(std::is_constructible_v<taper::volume, taper::litres>);
static_assert(std::is_constructible_v<taper::duration, taper::weeks>);
static_assert(std::is_constructible_v<taper::duration, taper::hours>);
static_assert(!std::is_convertible_v<taper::micrograms, taper::mass>);
static_assert(!std::is_convertible_v<taper::grams, taper::mass>);
static_assert(!std::is_convertible_v<taper::litres, taper::volume>);
static_assert(!std::is_convertible_v<taper::weeks, taper::duration>);

// --- Values, computed at compile time ---------------------------------------------------

// Literals land in the system unit (mg, mL, d) with the right factor.
static_assert(std::is_same_v<decltype(500_mcg), taper::mass>);
static_assert(std::is_same_v<decltype(1_L), taper::volume>);
static_assert(std::is_same_v<decltype(4_wk), taper::duration>);
static_assert(std::is_same_v<decltype(0.5_tablet), taper::tablets>);
static_assert(500_mcg == 0.5 * u::mg);
static_assert(500_mcg == 0.5_mg);
static_assert(1_g == 1000_mg);
static_assert(2.5_g == 2500_mg);
static_assert(1_L == 1000_mL);
static_assert(4_wk == 28_d);
static_assert(12_h == 0.5_d);
static_assert((500_mcg).value() == 0.5);
static_assert((12.5_mg).value() == 12.5);

// Explicit conversions use the same factors.
static_assert(taper::mass(250.0 * u::mcg) == 0.25_mg);
static_assert(taper::mass(2.0 * u::g) == 2000_mg);
static_assert(taper::volume(0.25 * u::L) == 250_mL);
static_assert(taper::duration(2.0 * u::week) == 14_d);
static_assert(taper::duration(36.0 * u::hour) == 1.5_d);
// A literal scales by the factor Boost.Units' conversion uses, so the two are the same double
// even where the result is not exact in binary (7 h is 7/24 d; 0.3 mcg is 0.0003 mg).
static_assert(7_h == taper::duration(7.0 * u::hour));
static_assert(0.3_mcg == taper::mass(0.3 * u::mcg));
static_assert(0.7_L == taper::volume(0.7 * u::L));
static_assert(3_wk == taper::duration(3.0 * u::week));
static_assert(0.0125_g == taper::mass(0.0125 * u::g));

// Dose arithmetic with hand-computed results (all exact in binary floating point).
// 12.5 mg of a 2.5 mg/mL liquid is 5 mL.
static_assert(12.5_mg / (2.5_mg / (1.0 * u::mL)) == 5_mL);
// 10 mg/5 mL is 2 mg/mL; 3 mL of it is 6 mg.
static_assert(10_mg / 5_mL == 2.0 * u::mg / u::mL);
static_assert((10_mg / 5_mL) * 3_mL == 6_mg);
// 7.5 mg from 10 mg tablets is 0.75 tablet.
static_assert(7.5_mg / (10.0 * u::mg / u::tablet) == 0.75_tablet);
// 3 drops of 0.25 mg/drop is 0.75 mg.
static_assert((0.25 * u::mg / u::drop) * 3_drop == 0.75_mg);
// 60 beads/capsule × 0.5 mg/bead is 30 mg/capsule.
static_assert((0.5 * u::mg / u::bead) * (60.0 * u::bead / u::capsule) ==
              30.0 * u::mg / u::capsule);
static_assert(20_mg - 2.5_mg == 17.5_mg);
static_assert(20_mg * 0.75 == 15_mg);
static_assert(20_mg / 40_mg == 0.5);
static_assert(taper::from_value<taper::mass>(2.5) == 2.5_mg);

// --- Printing names, parsing types ------------------------------------------------------

// Every named quantity has a symbol, spelled the way a prescription writes it.
static_assert(u::symbol_of<taper::mass::unit_type>::value == "mg");
static_assert(u::symbol_of<taper::micrograms::unit_type>::value == "mcg");
static_assert(u::symbol_of<taper::grams::unit_type>::value == "g");
static_assert(u::symbol_of<taper::volume::unit_type>::value == "mL");
static_assert(u::symbol_of<taper::litres::unit_type>::value == "L");
static_assert(u::symbol_of<taper::tablets::unit_type>::value == "tablet");
static_assert(u::symbol_of<taper::capsules::unit_type>::value == "capsule");
static_assert(u::symbol_of<taper::beads::unit_type>::value == "bead");
static_assert(u::symbol_of<taper::drops::unit_type>::value == "drop");
static_assert(u::symbol_of<taper::pouches::unit_type>::value == "pouch");
static_assert(u::symbol_of<taper::duration::unit_type>::value == "d");
static_assert(u::symbol_of<taper::weeks::unit_type>::value == "wk");
static_assert(u::symbol_of<taper::hours::unit_type>::value == "h");
static_assert(u::symbol_of<taper::concentration::unit_type>::value == "mg/mL");
static_assert(u::symbol_of<taper::mass_per_tablet::unit_type>::value == "mg/tablet");
static_assert(u::symbol_of<taper::mass_per_capsule::unit_type>::value == "mg/capsule");
static_assert(u::symbol_of<taper::mass_per_bead::unit_type>::value == "mg/bead");
static_assert(u::symbol_of<taper::mass_per_drop::unit_type>::value == "mg/drop");
static_assert(u::symbol_of<taper::mass_per_pouch::unit_type>::value == "mg/pouch");
static_assert(u::symbol_of<taper::volume_per_drop::unit_type>::value == "mL/drop");
static_assert(u::symbol_of<taper::beads_per_capsule::unit_type>::value == "bead/capsule");
// A unit without a symbol (mg², mg/day) is not printable: no Boost SI spelling leaks out.
static_assert(!u::named_unit<product_t<taper::mass, taper::mass>::unit_type>);
static_assert(!u::named_unit<quotient_t<taper::mass, taper::duration>::unit_type>);

// The parsers return taper's types.
static_assert(std::is_same_v<decltype(taper::parse_mass("")), taper::mass>);
static_assert(std::is_same_v<decltype(taper::parse_volume("")), taper::volume>);
static_assert(std::is_same_v<decltype(taper::parse_concentration("")), taper::concentration>);
static_assert(std::is_same_v<decltype(taper::parse_duration("")), taper::duration>);
static_assert(std::variant_size_v<taper::dose_amount> == 7);
static_assert(std::is_same_v<std::variant_alternative_t<0, taper::dose_amount>, taper::mass>);

// Quantities are plain values: a double in size, regular (copyable, equality-comparable).
static_assert(sizeof(taper::mass) == sizeof(double));
static_assert(sizeof(taper::concentration) == sizeof(double));
static_assert(std::regular<taper::mass>);
static_assert(std::totally_ordered<taper::mass>);

}  // namespace
