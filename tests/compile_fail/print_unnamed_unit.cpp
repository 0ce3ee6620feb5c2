// Must not compile: printing a quantity whose unit has no taper symbol (here mg²). It is
// rejected rather than printed in Boost's SI spelling.
//
// TAPER_EXPECT_ERROR: no matching function for call to 'to_string.*quantity<
// TAPER_EXPECT_ERROR: named_unit
#include <taper/units/io.hpp>

#include <string>

std::string text() {
    using namespace taper::units;
    const taper::mass m = 2.0 * mg;
#ifdef TAPER_COMPILE_FAIL_CONTROL
    return taper::to_string(m * 2.0);
#else
    return taper::to_string(m * m);
#endif
}
