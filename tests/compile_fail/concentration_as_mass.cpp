// Must not compile: a concentration (mg/mL) where a mass (mg) is expected. Multiplying
// by a volume is what turns one into the other.
//
// TAPER_EXPECT_ERROR: (could not convert|no matching function|no viable conversion).*volume_base_dimension, (boost::units::)?static_rational<-1>
#include <taper/units/quantities.hpp>

namespace {
double in_mg(taper::mass dose) { return dose.value(); }
}  // namespace

double dose_in_mg() {
    using namespace taper::units;
    const taper::concentration liquid = 10.0 * mg / (5.0 * mL);
#ifdef TAPER_COMPILE_FAIL_CONTROL
    return in_mg(liquid * (2.5 * mL));
#else
    return in_mg(liquid);
#endif
}
