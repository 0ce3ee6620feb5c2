#include "kernel.hpp"

#include <algorithm>
#include <cmath>

namespace taper::simulate_detail {
namespace {

using Eigen::ArrayXd;

// Amount moved from gut to body over `t` hours per unit in the gut: ka/(ka−ke)(e^−ke·t − e^−ka·t),
// with its limit ka·t·e^−k·t where the two rates meet.
ArrayXd transfer(const ArrayXd& ka, const ArrayXd& ke, double t) {
    ArrayXd out(ka.size());
    for (Eigen::Index i = 0; i < ka.size(); ++i) {
        const double a = ka[i], e = ke[i];
        out[i] = std::abs(a - e) < 1e-9 * a ? a * t * std::exp(-e * t)
                                            : a / (a - e) * (std::exp(-e * t) - std::exp(-a * t));
    }
    return out;
}

// Into `occ`, which keeps its storage: the hot loop allocates nothing.
void occupancy_of(const ArrayXd& amount, const kernel_people& p, ArrayXd& occ) {
    if (p.hill == 1.0) {
        occ = p.emax * (amount * p.inv_a50) / (1.0 + amount * p.inv_a50);
    } else {
        occ = (amount * p.inv_a50).pow(p.hill);
        occ = p.emax * occ / (1.0 + occ);
    }
}

// std::min / std::max as values: they return references, which keeps GCC from turning the
// loop's selects into vector instructions. Same results (b < a ? b : a is std::min(a, b)).
// The selects vectorise only without -ftrapping-math, which src/CMakeLists.txt turns off for
// this file: no result changes, the code only may not count on FP exceptions.
inline double lesser(double a, double b) { return b < a ? b : a; }
inline double greater(double a, double b) { return a < b ? b : a; }

// One sample of every person in a block: occupancy from the amount, the day's running sums
// and extremes, and the adaptation model. `__restrict`: no two arrays overlap, which lets the
// compiler vectorise the loop over people without run-time overlap checks.
void sample_people(std::size_t people, double emax, double hill, double threshold, double dt,
                   const double* __restrict inv_a50_p, const double* __restrict adapt_p,
                   const double* __restrict body_p, double* __restrict set_point_p, double* __restrict sum_p,
                   double* __restrict min_p, double* __restrict max_p, double* __restrict amount_min_p,
                   double* __restrict amount_max_p, double* __restrict peak_p, double* __restrict hours_p,
                   double* __restrict area_p) {
    if (hill == 1.0 && adapt_p) {
        for (std::size_t j = 0; j < people; ++j) {
            const double b = body_p[j];
            const double x = b * inv_a50_p[j];
            const double o = emax * x / (1.0 + x);
            amount_min_p[j] = lesser(amount_min_p[j], b);
            amount_max_p[j] = greater(amount_max_p[j], b);
            sum_p[j] += o;
            min_p[j] = lesser(min_p[j], o);
            max_p[j] = greater(max_p[j], o);
            const double sp = set_point_p[j];
            const double pressure = sp - o;
            peak_p[j] = greater(peak_p[j], pressure);
            hours_p[j] += (pressure > threshold ? 1.0 : 0.0) * dt;
            area_p[j] += greater(pressure - threshold, 0.0) * dt;
            set_point_p[j] = o + (sp - o) * adapt_p[j];
        }
    } else {
        for (std::size_t j = 0; j < people; ++j) {
            const double b = body_p[j];
            const double x = b * inv_a50_p[j];
            double o;
            if (hill == 1.0) {
                o = emax * x / (1.0 + x);
            } else {
                const double xh = std::pow(x, hill);
                o = emax * xh / (1.0 + xh);
            }
            amount_min_p[j] = lesser(amount_min_p[j], b);
            amount_max_p[j] = greater(amount_max_p[j], b);
            sum_p[j] += o;
            min_p[j] = lesser(min_p[j], o);
            max_p[j] = greater(max_p[j], o);
            if (adapt_p) {
                const double sp = set_point_p[j];
                const double pressure = sp - o;
                peak_p[j] = greater(peak_p[j], pressure);
                hours_p[j] += (pressure > threshold ? 1.0 : 0.0) * dt;
                area_p[j] += greater(pressure - threshold, 0.0) * dt;
                set_point_p[j] = o + (sp - o) * adapt_p[j];
            }
        }
    }
}

// Absorption and elimination over one step, exact for first order.
void absorb(std::size_t people, const double* __restrict decay_body_p, const double* __restrict decay_gut_p,
            const double* __restrict move_p, double* __restrict body_p, double* __restrict gut_p) {
    for (std::size_t j = 0; j < people; ++j) {
        body_p[j] = body_p[j] * decay_body_p[j] + gut_p[j] * move_p[j];
        gut_p[j] *= decay_gut_p[j];
    }
}

}  // namespace

kernel_metrics run_kernel(const kernel_schedule& s, const kernel_people& p, kernel_series* series) {
    const Eigen::Index n = p.ka.size();
    const double dt = s.step_hours;
    const ArrayXd decay_gut = (-p.ka * dt).exp();
    const ArrayXd decay_body = (-p.ke * dt).exp();
    const ArrayXd move = transfer(p.ka, p.ke, dt);

    // Steady state on the starting day, just before midnight's doses: each dose of the day
    // given at hour h has been taken at h − 24k for k = 1, 2, ... (a geometric series).
    ArrayXd gut = ArrayXd::Zero(n), body = ArrayXd::Zero(n);
    for (const auto& [hour, amount] : s.start_day) {
        const double since = 24.0 - hour;  // (0, 24]
        const ArrayXd per_day_gut = 1.0 - (-p.ka * 24.0).exp();
        const ArrayXd per_day_body = 1.0 - (-p.ke * 24.0).exp();
        gut += amount * (-p.ka * since).exp() / per_day_gut;
        // The body's share: the transfer of each past dose, summed with both series.
        for (Eigen::Index i = 0; i < n; ++i) {
            const double a = p.ka[i], e = p.ke[i];
            if (std::abs(a - e) < 1e-9 * a) {
                // Σ a·t_k·e^−e·t_k over t_k = since + 24k: a·e^−e·s·(s + 24q/(1−q))/(1−q), q = e^−24e.
                const double q = std::exp(-24.0 * e);
                body[i] += amount * a * std::exp(-e * since) * (since + 24.0 * q / (1.0 - q)) / (1.0 - q);
            } else {
                body[i] += amount * a / (a - e) *
                           (std::exp(-e * since) / per_day_body[i] - std::exp(-a * since) / per_day_gut[i]);
            }
        }
    }

    kernel_metrics m;
    m.largest_step_change = ArrayXd::Zero(n);
    m.largest_day_to_day_change = ArrayXd::Zero(n);
    m.largest_within_day = ArrayXd::Zero(n);
    m.largest_two_day = ArrayXd::Zero(n);
    m.peak_pressure = ArrayXd::Zero(n);
    m.hours_above = ArrayXd::Zero(n);
    m.area_above = ArrayXd::Zero(n);
    m.largest_two_day_amount_ratio = ArrayXd::Ones(n);

    // The warm-up day: the starting regimen once more, from its steady state back to it, gives
    // the daily mean the person is adapted to and the "previous day" of day 0.
    ArrayXd occ(n);
    ArrayXd amount_min = ArrayXd::Constant(n, INFINITY), amount_max = ArrayXd::Zero(n);
    ArrayXd previous_amount_min = amount_min, previous_amount_max = amount_max;
    ArrayXd day_sum = ArrayXd::Zero(n), day_min = ArrayXd::Constant(n, INFINITY),
            day_max = ArrayXd::Constant(n, -INFINITY);
    {
        std::size_t next = 0;
        std::vector<std::pair<std::int64_t, double>> warm;
        for (const auto& [hour, amount] : s.start_day)
            warm.emplace_back(static_cast<std::int64_t>(std::llround(hour / dt)), amount);
        std::sort(warm.begin(), warm.end());
        for (std::int64_t k = 0; k < s.steps_per_day; ++k) {
            occupancy_of(body, p, occ);
            day_sum += occ;
            day_min = day_min.min(occ);
            day_max = day_max.max(occ);
            while (next < warm.size() && warm[next].first == k) gut += warm[next++].second;
            body = body * decay_body + gut * move;
            gut *= decay_gut;
        }
    }
    const double per_day = static_cast<double>(s.steps_per_day);
    ArrayXd previous_mean = day_sum / per_day, previous_min = day_min, previous_max = day_max;
    ArrayXd mean(n);
    ArrayXd previous_step_end_mean = previous_mean;
    ArrayXd set_point = previous_mean;

    std::size_t next_dose = 0;
    std::int64_t sample = 0;
    // The hot loop: one pass over the people per sample, every per-person quantity read and
    // written once (raw pointers into arrays that keep their storage: nothing is allocated
    // here). The arithmetic is the same, in the same order, as the array expressions above, so
    // a person's numbers do not depend on the block they are in. `hill` other than 1 takes
    // std::pow; the loop over j has no dependence between people, so the compiler vectorises it.
    const std::size_t people = static_cast<std::size_t>(n);
    double* const body_p = body.data();
    double* const gut_p = gut.data();
    double* const set_point_p = set_point.data();
    double* const sum_p = day_sum.data();
    double* const min_p = day_min.data();
    double* const max_p = day_max.data();
    double* const amount_min_p = amount_min.data();
    double* const amount_max_p = amount_max.data();
    double* const peak_p = m.peak_pressure.data();
    double* const hours_p = m.hours_above.data();
    double* const area_p = m.area_above.data();
    const double* const inv_a50_p = p.inv_a50.data();
    const double* const adapt_p = p.adaptation ? p.adapt_decay.data() : nullptr;
    const double* const decay_body_p = decay_body.data();
    const double* const decay_gut_p = decay_gut.data();
    const double* const move_p = move.data();
    const double emax = p.emax, hill = p.hill, threshold = p.threshold;
    for (std::int64_t day = 0; day < s.days; ++day) {
        day_sum.setZero();
        day_min.setConstant(INFINITY);
        day_max.setConstant(-INFINITY);
        amount_min.setConstant(INFINITY);
        amount_max.setZero();
        for (std::int64_t k = 0; k < s.steps_per_day; ++k, ++sample) {
            if (series) {
                const double x = body_p[0] * inv_a50_p[0];
                const double o0 = hill == 1.0 ? emax * x / (1.0 + x)
                                              : emax * std::pow(x, hill) / (1.0 + std::pow(x, hill));
                series->amount.push_back(body_p[0]);
                series->occupancy.push_back(o0);
                if (adapt_p) {
                    series->set_point.push_back(set_point_p[0]);
                    series->pressure.push_back(set_point_p[0] - o0);
                }
            }
            sample_people(people, emax, hill, threshold, dt, inv_a50_p, adapt_p, body_p, set_point_p, sum_p, min_p,
                          max_p, amount_min_p, amount_max_p, peak_p, hours_p, area_p);
            // Doses enter the gut one by one (as in the warm-up), then absorption and
            // elimination over the step, exact for first order.
            while (next_dose < s.doses.size() && s.doses[next_dose].first == sample) {
                const double dose = s.doses[next_dose++].second;
                for (std::size_t j = 0; j < people; ++j) gut_p[j] += dose;
            }
            absorb(people, decay_body_p, decay_gut_p, move_p, body_p, gut_p);
        }
        mean = day_sum / per_day;
        m.largest_day_to_day_change = m.largest_day_to_day_change.max((mean - previous_mean).abs());
        m.largest_within_day = m.largest_within_day.max(day_max - day_min);
        m.largest_two_day = m.largest_two_day.max(day_max.max(previous_max) - day_min.min(previous_min));
        if (static_cast<std::size_t>(day) < s.step_ends.size() && s.step_ends[static_cast<std::size_t>(day)]) {
            m.largest_step_change = m.largest_step_change.max((previous_step_end_mean - mean).abs());
            previous_step_end_mean = mean;
        }
        if (day > 0) {
            const ArrayXd trough = amount_min.min(previous_amount_min);
            m.largest_two_day_amount_ratio = m.largest_two_day_amount_ratio.max(
                (trough > 0.0).select(amount_max.max(previous_amount_max) / trough, 1.0));
        }
        previous_amount_min = amount_min;
        previous_amount_max = amount_max;
        previous_mean = mean;
        previous_min = day_min;
        previous_max = day_max;
    }
    return m;
}

}  // namespace taper::simulate_detail
