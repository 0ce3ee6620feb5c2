// The Emax model against hand-computed values.
#include <taper/drugs/occupancy_model.hpp>
#include <taper/units/literals.hpp>
#include <taper/units/from_value.hpp>

#include <gtest/gtest.h>

#include <cmath>

namespace {

using namespace taper::literals;

taper::occupancy_model model(double emax, double ed50_mg, double hill) {
    taper::occupancy_model m;
    m.id = "test";
    m.receptor = "SERT";
    m.emax_percent.value = emax;
    m.ed50.value = taper::from_value<taper::mass>(ed50_mg);
    m.hill.value = hill;
    return m;
}

TEST(OccupancyModel, HyperbolaMatchesHandComputedValues) {
    const auto m = model(80.0, 4.0, 1.0);
    // 80 · 4 / (4 + 4) = 40: ED50 gives half of Emax.
    EXPECT_DOUBLE_EQ(taper::in(m.occupancy_percent(4.0_mg), taper::units::points), 40.0);
    // 80 · 16 / 20 = 64.
    EXPECT_DOUBLE_EQ(taper::in(m.occupancy_percent(16.0_mg), taper::units::points), 64.0);
    EXPECT_DOUBLE_EQ(taper::in(m.occupancy_percent(0.0_mg), taper::units::points), 0.0);
    // Inverse: D = 4 · 60 / (80 − 60) = 12 mg.
    EXPECT_DOUBLE_EQ(m.dose_for_occupancy(60.0_points).value(), 12.0);
    EXPECT_DOUBLE_EQ(m.dose_for_occupancy(0.0_points).value(), 0.0);
}

TEST(OccupancyModel, CitalopramFromTheReference) {
    // Sorensen et al. 2022 fit: Emax 83.98 %, ED50 2.33 mg. 20 mg: 83.98·20/22.33 = 75.2172...
    const auto m = model(83.98, 2.33, 1.0);
    EXPECT_NEAR(taper::in(m.occupancy_percent(20.0_mg), taper::units::points), 75.2172, 1e-4);
    // 10 mg: 839.8 / 12.33 = 68.1103...
    EXPECT_NEAR(taper::in(m.occupancy_percent(10.0_mg), taper::units::points), 68.1103, 1e-4);
}

TEST(OccupancyModel, HillCoefficientOtherThanOne) {
    const auto m = model(100.0, 2.0, 2.0);
    // 100 · 4² / (2² + 4²) = 1600 / 20 = 80.
    EXPECT_DOUBLE_EQ(taper::in(m.occupancy_percent(4.0_mg), taper::units::points), 80.0);
    // Inverse of 80: 2 · (80/20)^(1/2) = 4 mg.
    EXPECT_NEAR(m.dose_for_occupancy(80.0_points).value(), 4.0, 1e-12);
}

TEST(OccupancyModel, RoundTrips) {
    const auto m = model(91.0, 0.8, 1.0);
    for (double d : {0.01, 0.1, 0.5, 1.0, 2.0, 8.0, 100.0}) {
        const auto dose = taper::from_value<taper::mass>(d);
        EXPECT_NEAR(m.dose_for_occupancy(m.occupancy_percent(dose)).value(), d, 1e-9 * d);
    }
}

TEST(OccupancyModel, RejectsWhatItCannotAnswer) {
    const auto m = model(80.0, 4.0, 1.0);
    EXPECT_THROW((void)m.dose_for_occupancy(80.0_points), taper::invalid_argument_error);   // = Emax
    EXPECT_THROW((void)m.dose_for_occupancy(95.0_points), taper::invalid_argument_error);   // > Emax
    EXPECT_THROW((void)m.dose_for_occupancy(-1.0_points), taper::invalid_argument_error);
    EXPECT_THROW((void)m.dose_for_occupancy(std::nan("") * taper::units::points), taper::invalid_argument_error);
    EXPECT_THROW((void)taper::in(m.occupancy_percent(-1.0_mg), taper::units::points), taper::invalid_argument_error);
    taper::occupancy_model empty = model(80.0, 4.0, 1.0);
    empty.ed50.value.reset();
    EXPECT_THROW((void)taper::in(empty.occupancy_percent(1.0_mg), taper::units::points), taper::missing_data_error);
}

}  // namespace

// Regression tests from an adversarial review (extreme doses, odd limits, odd tools and odd
// text), each expectation worked out by hand in its comment. Their own namespace keeps the
// helpers they were written with.
namespace review_regression {
namespace {

using namespace taper::literals;

// Emax 80 %, ED50 2 mg, n = 1000 (a user formulary may give any n > 0). 4¹⁰⁰⁰ overflowed to inf
// and inf/inf gave NaN ("-nan%" in `taper occupancy`). Written as Emax / (1 + (ED50/D)ⁿ):
//   D = 4 mg: (0.5)^1000 ≈ 0     → 80 %
//   D = 2 mg: 1^1000 = 1         → 40 %
//   D = 1 mg: 2^1000 ≈ 1.1e301   → 80 / 1.1e301 ≈ 0 %
//   D = 0 mg:                    → 0 %
TEST(ReviewRegression, SteepHillCoefficientGivesNoNaN) {
    taper::occupancy_model m;
    m.id = "steep";
    m.receptor = "SERT";
    m.emax_percent.value = 80.0;
    m.ed50.value = 2_mg;
    m.hill.value = 1000.0;
    EXPECT_NEAR(taper::in(m.occupancy_percent(4_mg), taper::units::points), 80.0, 1e-9);
    EXPECT_NEAR(taper::in(m.occupancy_percent(2_mg), taper::units::points), 40.0, 1e-9);
    EXPECT_NEAR(taper::in(m.occupancy_percent(1_mg), taper::units::points), 0.0, 1e-9);
    EXPECT_EQ(taper::in(m.occupancy_percent(0_mg), taper::units::points), 0.0);
    // and back: 40 % is ED50 whatever n is
    EXPECT_NEAR(m.dose_for_occupancy(40.0_points).value(), 2.0, 1e-9);
}

}  // namespace
}  // namespace review_regression
