// Must not compile: even an explicit conversion cannot turn milligrams into a volume.
// (std::is_constructible_v says yes, because Boost.Units checks inside the constructor's
// body; the body is where the compiler stops.)
//
// TAPER_EXPECT_ERROR: conversion_factor.*mass_base_dimension.*volume_base_dimension
#include <taper/units/quantities.hpp>

taper::volume liquid_volume() {
    using namespace taper::units;
#ifdef TAPER_COMPILE_FAIL_CONTROL
    return taper::volume{0.005 * L};
#else
    return taper::volume{5.0 * mg};
#endif
}
