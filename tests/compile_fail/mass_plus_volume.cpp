// Must not compile: a mass plus a volume (mg + mL) has no meaning.
//
// TAPER_EXPECT_ERROR: (no match for 'operator\+'|invalid operands to binary expression).*boost::units
#include <taper/units/quantities.hpp>

taper::mass total_dose() {
    using namespace taper::units;
#ifdef TAPER_COMPILE_FAIL_CONTROL
    return 5.0 * mg + 2.0 * mg;
#else
    return 5.0 * mg + 2.0 * mL;
#endif
}
