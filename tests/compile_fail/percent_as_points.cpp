// Must not compile: a share of the dose (10%) used as receptor-occupancy points (10 points).
// At 80% occupancy a 10-point cut is several times a 10% cut of the dose, so mixing them up
// would plan a far larger reduction than asked.
//
// TAPER_EXPECT_ERROR: (conversion from|no viable conversion from).*quantity<.*to.*quantity<
#include <taper/units/quantities.hpp>

taper::occupancy_points largest_cut() {
    using namespace taper::units;
#ifdef TAPER_COMPILE_FAIL_CONTROL
    taper::occupancy_points cut = 10.0 * points;
#else
    taper::occupancy_points cut = 10.0 * percent_of_dose;
#endif
    return cut;
}
