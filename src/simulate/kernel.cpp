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
    ArrayXd occ(n), pressure(n);
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
    for (std::int64_t day = 0; day < s.days; ++day) {
        day_sum.setZero();
        day_min.setConstant(INFINITY);
        day_max.setConstant(-INFINITY);
        amount_min.setConstant(INFINITY);
        amount_max.setZero();
        for (std::int64_t k = 0; k < s.steps_per_day; ++k, ++sample) {
            occupancy_of(body, p, occ);
            amount_min = amount_min.min(body);
            amount_max = amount_max.max(body);
            day_sum += occ;
            day_min = day_min.min(occ);
            day_max = day_max.max(occ);
            if (p.adaptation) {
                pressure = set_point - occ;
                m.peak_pressure = m.peak_pressure.max(pressure);
                m.hours_above += (pressure > p.threshold).cast<double>() * dt;
                m.area_above += (pressure - p.threshold).max(0.0) * dt;
                if (series) {
                    series->set_point.push_back(set_point[0]);
                    series->pressure.push_back(pressure[0]);
                }
                set_point = occ + (set_point - occ) * p.adapt_decay;
            }
            if (series) {
                series->amount.push_back(body[0]);
                series->occupancy.push_back(occ[0]);
            }
            while (next_dose < s.doses.size() && s.doses[next_dose].first == sample)
                gut += s.doses[next_dose++].second;
            body = body * decay_body + gut * move;
            gut *= decay_gut;
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
