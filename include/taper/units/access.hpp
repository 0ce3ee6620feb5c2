#pragma once
// Reading a quantity as a number, with the unit named where it is read:
//
//   double mg = taper::in(dose, taper::units::mg);
//   double mcg = taper::in(dose, taper::units::mcg);   // converted
//   double f = taper::in(cut, taper::units::fraction); // 25% reads as 0.25
//
// and making one from a number with the unit named: `12.5 * taper::units::mg`.
// `quantity::value()` and `from_value` hide the unit; they belong only where numbers enter
// or leave the library (parsing, JSON, the C ABI), and tests/unit/source_rules_test.cpp
// keeps them there.
#include <boost/units/quantity.hpp>

namespace taper {

/// The number of `Unit`s in `q` (converted when `Unit` is another unit of the same dimension).
template <class Unit, class Q, class Y>
constexpr Y in(const boost::units::quantity<Q, Y>& q, Unit) {
    return boost::units::quantity<Unit, Y>(q).value();
}

}  // namespace taper
