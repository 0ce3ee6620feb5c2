// The simulation kernel's vector paths (src/simulate/kernel.cpp: groups of people through the
// whole course, compiled for the baseline ISA, AVX2 and AVX-512F) against its one-by-one path:
// the same doubles, bit for bit, for every person, including the people left over after the
// last whole group and people whose numbers are not finite. No expected value is needed: the
// one-by-one loop is the model written for one person at a time.
#include "../../../src/simulate/kernel.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <string>

namespace taper::simulate_detail {
namespace {

// Citalopram-like numbers (t½ 35 h, ka 0.6 per hour, F 0.8, ED50 2.33 mg, Emax 84%), the
// people spread over a range by a fixed rule (no random numbers: the test is the same every run).
struct course {
    kernel_schedule schedule;
    kernel_people people;
};

course make_course(long people, int steps_per_day, bool adaptation, bool extra_doses) {
    course c;
    kernel_schedule& s = c.schedule;
    s.step_hours = 24.0 / steps_per_day;
    s.steps_per_day = steps_per_day;
    s.days = 90;
    for (long day = 0; day < s.days; ++day) {
        const double dose = day < 30 ? 12.0 : day < 60 ? 8.0 : 0.0;
        const std::int64_t sample = day * steps_per_day + steps_per_day / 3;
        if (dose > 0) s.doses.emplace_back(sample, dose);
        if (extra_doses && dose > 0) {
            s.doses.emplace_back(sample, 0.37 * dose);  // two doses at the same sample
            s.doses.emplace_back(day * steps_per_day + steps_per_day - 2, 1.1);
        }
        s.step_ends.push_back(day % 28 == 27 ? 1 : 0);
    }
    s.start_day = {{8.0, 16.0}};
    if (extra_doses) s.start_day.emplace_back(20.0, 3.3);

    kernel_people& p = c.people;
    const double ke = std::log(2.0) / 35.0;
    p.ka = Eigen::ArrayXd::Constant(people, 0.6);
    p.ke.resize(people);
    p.inv_a50.resize(people);
    p.adapt_decay.resize(people);
    for (long i = 0; i < people; ++i) {
        const double u = static_cast<double>(i % 17) / 16.0 - 0.5, v = static_cast<double>(i % 11) / 10.0 - 0.5;
        p.ke[i] = ke * std::exp(0.6 * u);
        p.inv_a50[i] = ke * 24.0 / (0.8 * 2.33) * std::exp(0.6 * v);
        p.adapt_decay[i] = std::exp(-s.step_hours / (14.0 * 24.0 * std::exp(u + v)));
    }
    if (people > 9) {
        p.ke[3] = 0.6;       // absorption and elimination at the same rate (the limit form)
        p.inv_a50[5] = NAN;  // numbers that are not finite go through every path alike
        p.inv_a50[7] = INFINITY;
        p.inv_a50[9] = 0.0;
    }
    p.emax = 84.0;
    p.adaptation = adaptation;
    p.threshold = 5.0;
    return c;
}

void expect_same_bits(const Eigen::ArrayXd& a, const Eigen::ArrayXd& b, const std::string& what) {
    ASSERT_EQ(a.size(), b.size()) << what;
    for (Eigen::Index i = 0; i < a.size(); ++i)
        EXPECT_EQ(std::bit_cast<std::uint64_t>(a[i]), std::bit_cast<std::uint64_t>(b[i]))
            << what << ", person " << i << ": " << a[i] << " vs " << b[i];
}

void expect_same(const kernel_metrics& a, const kernel_metrics& b, const std::string& what) {
    expect_same_bits(a.largest_step_change, b.largest_step_change, what + ", step change");
    expect_same_bits(a.largest_day_to_day_change, b.largest_day_to_day_change, what + ", day to day");
    expect_same_bits(a.largest_within_day, b.largest_within_day, what + ", within a day");
    expect_same_bits(a.largest_two_day, b.largest_two_day, what + ", two days");
    expect_same_bits(a.peak_pressure, b.peak_pressure, what + ", peak pressure");
    expect_same_bits(a.hours_above, b.hours_above, what + ", hours above");
    expect_same_bits(a.area_above, b.area_above, what + ", area above");
    expect_same_bits(a.largest_two_day_amount_ratio, b.largest_two_day_amount_ratio, what + ", amount ratio");
}

TEST(SimulationKernel, EveryPathGivesTheSameDoublesAsOneByOne) {
    // 37 people: whole groups of 4, 8 and 16 and a remainder on every path. Hourly steps (the
    // path that leaves out ·1 h), half-hours and 2.4 h.
    for (const int steps_per_day : {24, 48, 10})
        for (const bool adaptation : {true, false})
            for (const bool extra_doses : {false, true}) {
                const course c = make_course(37, steps_per_day, adaptation, extra_doses);
                const std::string what = std::to_string(steps_per_day) + " steps a day, adaptation " +
                                         std::to_string(adaptation) + ", extra doses " + std::to_string(extra_doses);
                const kernel_metrics one = run_kernel(c.schedule, c.people, nullptr, kernel_path::one_by_one);
                EXPECT_GT(one.peak_pressure[0] + one.largest_within_day[0], 0.0) << what;  // something happened
                for (const kernel_path path :
                     {kernel_path::best, kernel_path::baseline, kernel_path::avx2, kernel_path::avx512}) {
                    if (!kernel_path_available(path)) continue;
                    expect_same(one, run_kernel(c.schedule, c.people, nullptr, path),
                                what + ", path " + std::to_string(static_cast<int>(path)));
                }
            }
}

TEST(SimulationKernel, WithoutTheAmountRatioEverythingElseIsTheSame) {
    course c = make_course(37, 24, true, true);
    const kernel_metrics with = run_kernel(c.schedule, c.people, nullptr);
    c.people.amount_ratio = false;
    kernel_metrics without = run_kernel(c.schedule, c.people, nullptr);
    for (Eigen::Index i = 0; i < without.largest_two_day_amount_ratio.size(); ++i)
        EXPECT_EQ(without.largest_two_day_amount_ratio[i], 1.0);
    EXPECT_GT(with.largest_two_day_amount_ratio[0], 1.0);  // once a day: the amount rises and falls
    without.largest_two_day_amount_ratio = with.largest_two_day_amount_ratio;
    expect_same(with, without, "without the amount ratio");
}

TEST(SimulationKernel, WithoutTheAreaAndAmountRatioEverythingElseIsTheSame) {
    // A population's loop (neither the area nor the amount ratio), on every path and step
    // length: the area stays 0, the ratio 1, and every other figure is the full loop's.
    for (const int steps_per_day : {24, 10}) {
        course c = make_course(37, steps_per_day, true, true);
        const kernel_metrics with = run_kernel(c.schedule, c.people, nullptr, kernel_path::one_by_one);
        EXPECT_GT(with.area_above[0], 0.0);  // the full loop has an area to leave out
        c.people.amount_ratio = false;
        c.people.area = false;
        for (const kernel_path path :
             {kernel_path::one_by_one, kernel_path::best, kernel_path::baseline, kernel_path::avx2, kernel_path::avx512}) {
            if (!kernel_path_available(path)) continue;
            const std::string what = std::to_string(steps_per_day) + " steps a day, path " +
                                     std::to_string(static_cast<int>(path));
            kernel_metrics without = run_kernel(c.schedule, c.people, nullptr, path);
            for (Eigen::Index i = 0; i < without.area_above.size(); ++i) {
                EXPECT_EQ(without.area_above[i], 0.0) << what;
                EXPECT_EQ(without.largest_two_day_amount_ratio[i], 1.0) << what;
            }
            without.area_above = with.area_above;
            without.largest_two_day_amount_ratio = with.largest_two_day_amount_ratio;
            expect_same(with, without, what);
        }
    }
}

TEST(SimulationKernel, TheSeriesPathGivesTheSameMetrics) {
    // The series of person 0 runs one by one; the metrics are those of any other path.
    const course c = make_course(1, 24, true, true);
    kernel_series series;
    const kernel_metrics with_series = run_kernel(c.schedule, c.people, &series);
    expect_same(with_series, run_kernel(c.schedule, c.people, nullptr), "one person, series or not");
    ASSERT_EQ(series.amount.size(), 90u * 24u);
    EXPECT_EQ(series.pressure.size(), series.amount.size());
}

}  // namespace
}  // namespace taper::simulate_detail
