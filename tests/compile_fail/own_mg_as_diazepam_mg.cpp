// Must not compile: milligrams of the drug itself used as diazepam-equivalent milligrams.
// 2 mg of clonazepam is about 40 mg diazepam-equivalent (Ashton); only an equivalence factor
// may turn one into the other.
//
// TAPER_EXPECT_ERROR: (conversion from|no viable conversion from).*quantity<.*to.*quantity<
#include <taper/units/quantities.hpp>

taper::diazepam_mass crossover_dose() {
    using namespace taper::units;
    taper::mass clonazepam = 2.0 * mg;
#ifdef TAPER_COMPILE_FAIL_CONTROL
    taper::diazepam_per_mg ashton = 20.0 * diazepam_mg / mg;
    taper::diazepam_mass eq = ashton * clonazepam;
#else
    taper::diazepam_mass eq = clonazepam;
#endif
    return eq;
}
