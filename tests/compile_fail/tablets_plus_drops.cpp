// Must not compile: counted units are separate dimensions, so tablets and drops never add.
//
// TAPER_EXPECT_ERROR: (no match for 'operator\+'|invalid operands to binary expression).*boost::units
#include <taper/units/quantities.hpp>

taper::tablets count() {
    using namespace taper::units;
#ifdef TAPER_COMPILE_FAIL_CONTROL
    return 1.0 * tablet + 0.5 * tablet;
#else
    return 1.0 * tablet + 2.0 * drop;
#endif
}
