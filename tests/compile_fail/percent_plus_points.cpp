// Must not compile: adding a share of the dose to occupancy points has no meaning.
//
// TAPER_EXPECT_ERROR: (no match for 'operator\+'|invalid operands to binary expression).*boost::units
#include <taper/units/quantities.hpp>

taper::percent total_cut() {
    using namespace taper::units;
    taper::percent cut = 10.0 * percent_of_dose;
#ifdef TAPER_COMPILE_FAIL_CONTROL
    return cut + 5.0 * percent_of_dose;
#else
    return cut + 5.0 * points;
#endif
}
