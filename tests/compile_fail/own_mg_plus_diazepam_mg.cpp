// Must not compile: adding the drug's own mg to diazepam-equivalent mg.
//
// TAPER_EXPECT_ERROR: (no match for 'operator\+'|invalid operands to binary expression).*boost::units
#include <taper/units/quantities.hpp>

taper::diazepam_mass total() {
    using namespace taper::units;
    taper::diazepam_mass diazepam = 10.0 * diazepam_mg;
#ifdef TAPER_COMPILE_FAIL_CONTROL
    return diazepam + 5.0 * diazepam_mg;
#else
    return diazepam + 5.0 * mg;
#endif
}
