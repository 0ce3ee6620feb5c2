#pragma once
// The time-stepping engine shared by one simulation and a population: people in Eigen arrays,
// time in fixed steps. Exact for first-order absorption and elimination between samples
// (doses fall on the grid), so the only approximation is the set point's step
// (occupancy held over one step). Not public API.
#include <Eigen/Core>

#include <cstdint>
#include <utility>
#include <vector>

namespace taper::simulate_detail {

/// Plain numbers at this boundary: hours, mg (bioavailable), occupancy points.
struct kernel_schedule {
    double step_hours = 1;
    std::int64_t steps_per_day = 24;
    std::int64_t days = 0;
    /// (sample index, bioavailable mg) sorted by index: doses enter the gut at that sample.
    std::vector<std::pair<std::int64_t, double>> doses;
    /// The starting regimen as one periodic day: (hour within the day, bioavailable mg).
    std::vector<std::pair<double, double>> start_day;
    /// For each day, true if it is the last day of a plan step.
    std::vector<char> step_ends;
};

struct kernel_people {
    Eigen::ArrayXd ka;       ///< per hour
    Eigen::ArrayXd ke;       ///< per hour
    Eigen::ArrayXd inv_a50;  ///< 1 / amount giving half of Emax, per mg
    Eigen::ArrayXd adapt_decay;  ///< exp(−step / time constant); unused without adaptation
    double emax = 0;
    double hill = 1;
    bool adaptation = false;
    double threshold = 0;
    /// False when the caller does not read largest_two_day_amount_ratio (a population): the
    /// kernel then skips the amount's daily extremes and leaves the ratio at 1.
    bool amount_ratio = true;
    /// False when the caller does not read area_above either (a population): with
    /// amount_ratio false too, the kernel skips the area and leaves it at 0.
    bool area = true;
};

struct kernel_metrics {
    Eigen::ArrayXd largest_step_change, largest_day_to_day_change, largest_within_day, largest_two_day;
    Eigen::ArrayXd peak_pressure, hours_above, area_above;
    Eigen::ArrayXd largest_two_day_amount_ratio;  ///< peak / trough of the amount over two days
};

/// Series of person 0 at every sample, when asked for.
struct kernel_series {
    std::vector<double> amount, occupancy, set_point, pressure;
};

/// How the time loop runs: people in groups of several per vector instruction, compiled for
/// the ISA named (x86-64: the baseline SSE2, AVX2 or AVX-512F; elsewhere all are the baseline),
/// or one by one. Every path gives the same doubles; `best` is the widest the CPU has. A Hill
/// coefficient other than 1, or a series, runs one by one whatever the path.
enum class kernel_path { best, one_by_one, baseline, avx2, avx512 };

/// The path `best` stands for on this CPU.
kernel_path best_kernel_path();
/// False for an x86 ISA this CPU does not have (running it would stop the program).
bool kernel_path_available(kernel_path path);

/// Runs the block of people from steady state on the starting day through the schedule.
kernel_metrics run_kernel(const kernel_schedule& s, const kernel_people& p, kernel_series* series,
                          kernel_path path = kernel_path::best);

}  // namespace taper::simulate_detail
