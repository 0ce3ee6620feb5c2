#pragma once
// Opt-in text output: "12.5 mg", "2.5 mL", "4 mg/mL", "0.5 tablet".
//
// Numbers are the shortest decimal that reads back to the same double (std::to_chars),
// so output never depends on the process locale and never shows noise like 12.499999.
#include <taper/units/quantities.hpp>

#include <iosfwd>  // operator<< below is a template: its body needs <ostream> only where used
#include <string>
#include <string_view>

namespace taper {

namespace units {

/// The symbol a unit prints with. Specialised for every unit taper names; a unit without
/// a symbol does not compile rather than print Boost's SI spelling.
template <class Unit>
struct symbol_of;

#define TAPER_DETAIL_SYMBOL(UNIT, TEXT)                                                \
    template <>                                                                        \
    struct symbol_of<UNIT> {                                                           \
        static constexpr std::string_view value = TEXT;                                \
    }

TAPER_DETAIL_SYMBOL(mass_unit, "mg");
TAPER_DETAIL_SYMBOL(microgram_unit, "mcg");
TAPER_DETAIL_SYMBOL(gram_unit, "g");
TAPER_DETAIL_SYMBOL(volume_unit, "mL");
TAPER_DETAIL_SYMBOL(litre_unit, "L");
TAPER_DETAIL_SYMBOL(tablet_unit, "tablet");
TAPER_DETAIL_SYMBOL(capsule_unit, "capsule");
TAPER_DETAIL_SYMBOL(bead_unit, "bead");
TAPER_DETAIL_SYMBOL(drop_unit, "drop");
TAPER_DETAIL_SYMBOL(pouch_unit, "pouch");
TAPER_DETAIL_SYMBOL(day_unit, "d");
TAPER_DETAIL_SYMBOL(week_unit, "wk");
TAPER_DETAIL_SYMBOL(hour_unit, "h");
TAPER_DETAIL_SYMBOL(concentration::unit_type, "mg/mL");
TAPER_DETAIL_SYMBOL(mass_per_tablet::unit_type, "mg/tablet");
TAPER_DETAIL_SYMBOL(mass_per_capsule::unit_type, "mg/capsule");
TAPER_DETAIL_SYMBOL(mass_per_bead::unit_type, "mg/bead");
TAPER_DETAIL_SYMBOL(mass_per_drop::unit_type, "mg/drop");
TAPER_DETAIL_SYMBOL(mass_per_pouch::unit_type, "mg/pouch");
TAPER_DETAIL_SYMBOL(volume_per_drop::unit_type, "mL/drop");
TAPER_DETAIL_SYMBOL(beads_per_capsule::unit_type, "bead/capsule");
TAPER_DETAIL_SYMBOL(percent_unit, "%");
TAPER_DETAIL_SYMBOL(occupancy_point_unit, "points");
TAPER_DETAIL_SYMBOL(diazepam_mass_unit, "mg diazepam-eq");

#undef TAPER_DETAIL_SYMBOL

template <class Unit>
concept named_unit = requires { symbol_of<Unit>::value; };

}  // namespace units

/// Shortest round-trip decimal for a number, independent of locale ("0.1", "12.5", "3").
/// Plain decimals between 1e-9 and 1e15 ("0.0001", "100000"), because a dose written as
/// "1e-04 mg" is easy to misread; scientific notation only outside that range.
std::string format_number(double v);  // src/units/format_number.cpp

/// "12.5 mg", "4 mg/mL", "0.5 tablet".
template <units::named_unit Unit>
std::string to_string(const units::quantity<Unit>& q) {
    std::string out = format_number(q.value());
    out += ' ';
    out += units::symbol_of<Unit>::value;
    return out;
}

namespace units::detail {
// Found by argument-dependent lookup: quantity's template arguments carry this namespace.
template <class Unit>
    requires named_unit<Unit>
std::ostream& operator<<(std::ostream& os, const quantity<Unit>& q) {
    return os << taper::to_string(q);
}
}  // namespace units::detail

}  // namespace taper
