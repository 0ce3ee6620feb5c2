#pragma once
// User-defined literals: `using namespace taper::literals; auto d = 12.5_mg;`
// Shares and occupancy have theirs too: `25_pct` (of a dose), `5_points` (of occupancy).
#include <taper/units/quantities.hpp>

namespace taper::literals {

// Every literal lands in the system unit, so `500_mcg` is a taper::mass of 0.5 mg. A unit
// outside the system is scaled by its factor from units/system.hpp (the number Boost.Units'
// conversion uses, so the result is the same double) rather than converted by Boost.Units,
// whose conversion templates are the costliest part of a header every user includes.
#define TAPER_DETAIL_LITERAL(SUFFIX, QUANTITY, UNIT, FACTOR)                         \
    constexpr QUANTITY operator""_##SUFFIX(long double v) {                          \
        return QUANTITY(static_cast<double>(v) * (FACTOR) * units::UNIT);           \
    }                                                                                \
    constexpr QUANTITY operator""_##SUFFIX(unsigned long long v) {                   \
        return QUANTITY(static_cast<double>(v) * (FACTOR) * units::UNIT);           \
    }

TAPER_DETAIL_LITERAL(mg, mass, mg, 1.0)
TAPER_DETAIL_LITERAL(mcg, mass, mg, units::detail::mg_per_mcg)
TAPER_DETAIL_LITERAL(g, mass, mg, units::detail::mg_per_g)
TAPER_DETAIL_LITERAL(mL, volume, mL, 1.0)
TAPER_DETAIL_LITERAL(L, volume, mL, units::detail::mL_per_L)
TAPER_DETAIL_LITERAL(tablet, tablets, tablet, 1.0)
TAPER_DETAIL_LITERAL(capsule, capsules, capsule, 1.0)
TAPER_DETAIL_LITERAL(bead, beads, bead, 1.0)
TAPER_DETAIL_LITERAL(drop, drops, drop, 1.0)
TAPER_DETAIL_LITERAL(pouch, pouches, pouch, 1.0)
TAPER_DETAIL_LITERAL(d, duration, day, 1.0)
TAPER_DETAIL_LITERAL(wk, duration, day, units::detail::days_per_week)
TAPER_DETAIL_LITERAL(h, duration, day, units::detail::days_per_hour)
TAPER_DETAIL_LITERAL(pct, percent, percent_of_dose, 1.0)
TAPER_DETAIL_LITERAL(points, occupancy_points, points, 1.0)

#undef TAPER_DETAIL_LITERAL

}  // namespace taper::literals
