#pragma once
// Making a quantity from a bare number in its stored unit (mg, mL, days, counts), for the
// places where numbers enter the library and nothing else: parsing (src/units/), JSON and
// CSV (src/io/, src/drugs/formulary_json.cpp), the C ABI (src/capi/) and the command line
// (src/cli/). Everywhere else a quantity is made with its unit named, `12.5 * units::mg`,
// and read with `in(q, units::mg)`; tests/unit/source_rules_test.cpp keeps it so.
#include <taper/units/quantities.hpp>

namespace taper {

/// A quantity of `v` in `Quantity`'s stored unit: from_value<mass>(2.5) is 2.5 mg.
template <class Quantity>
constexpr Quantity from_value(double v) {
    return Quantity::from_value(v);
}

}  // namespace taper
