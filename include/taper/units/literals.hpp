#pragma once
// User-defined literals: `using namespace taper::literals; auto d = 12.5_mg;`
// Shares and occupancy have theirs too: `25_pct` (of a dose), `5_points` (of occupancy).
#include <taper/units/quantities.hpp>

namespace taper::literals {

#define TAPER_DETAIL_LITERAL(SUFFIX, QUANTITY, UNIT)                                 \
    constexpr QUANTITY operator""_##SUFFIX(long double v) {                          \
        return QUANTITY(static_cast<double>(v) * units::UNIT);                              \
    }                                                                                \
    constexpr QUANTITY operator""_##SUFFIX(unsigned long long v) {                   \
        return QUANTITY(static_cast<double>(v) * units::UNIT);                              \
    }

// Every literal lands in the system unit, so `500_mcg` is a taper::mass of 0.5 mg.
TAPER_DETAIL_LITERAL(mg, mass, mg)
TAPER_DETAIL_LITERAL(mcg, mass, mcg)
TAPER_DETAIL_LITERAL(g, mass, g)
TAPER_DETAIL_LITERAL(mL, volume, mL)
TAPER_DETAIL_LITERAL(L, volume, L)
TAPER_DETAIL_LITERAL(tablet, tablets, tablet)
TAPER_DETAIL_LITERAL(capsule, capsules, capsule)
TAPER_DETAIL_LITERAL(bead, beads, bead)
TAPER_DETAIL_LITERAL(drop, drops, drop)
TAPER_DETAIL_LITERAL(pouch, pouches, pouch)
TAPER_DETAIL_LITERAL(d, duration, day)
TAPER_DETAIL_LITERAL(wk, duration, week)
TAPER_DETAIL_LITERAL(h, duration, hour)
TAPER_DETAIL_LITERAL(pct, percent, percent_of_dose)
TAPER_DETAIL_LITERAL(points, occupancy_points, points)

#undef TAPER_DETAIL_LITERAL

}  // namespace taper::literals
