// Must not compile: assigning milligrams to a taper::volume.
//
// Boost.Units' assignment operator is a template that static_asserts on the unit, so the
// diagnostic names is_implicitly_convertible; clang and gcc both print the assertion.
// TAPER_EXPECT_ERROR: static assert.*is_implicitly_convertible
#include <taper/units/quantities.hpp>

taper::volume liquid_volume() {
    using namespace taper::units;
    taper::volume v = 1.0 * mL;
#ifdef TAPER_COMPILE_FAIL_CONTROL
    v = 5.0 * mL;
#else
    v = 5.0 * mg;
#endif
    return v;
}
