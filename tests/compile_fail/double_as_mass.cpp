// Must not compile: a bare double where a taper::mass parameter is expected. A number
// without a unit could mean mg, mcg or g; the caller has to say which.
//
// TAPER_EXPECT_ERROR: (could not convert|no matching function|no viable conversion).*'double'.*boost::units::quantity<
#include <taper/units/quantities.hpp>

namespace {
double in_mg(taper::mass dose) { return dose.value(); }
}  // namespace

double dose_in_mg() {
    using namespace taper::units;
#ifdef TAPER_COMPILE_FAIL_CONTROL
    return in_mg(2.5 * mg);
#else
    return in_mg(2.5);
#endif
}
