// Must not compile: initialising a taper::volume from milligrams.
//
// TAPER_EXPECT_ERROR: (conversion from|no viable conversion from).*quantity<.*to.*quantity<
#include <taper/units/quantities.hpp>

taper::volume liquid_volume() {
    using namespace taper::units;
#ifdef TAPER_COMPILE_FAIL_CONTROL
    taper::volume v = 5.0 * mL;
#else
    taper::volume v = 5.0 * mg;
#endif
    return v;
}
