#include "kernel.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

// No fused multiply-add (see groups_avx2 below). Clang records contraction per expression as
// it parses, so the pragma comes before any code.
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

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

// Into `occ`, which keeps its storage.
void occupancy_of(const ArrayXd& amount, const kernel_people& p, ArrayXd& occ) {
    if (p.hill == 1.0) {
        occ = p.emax * (amount * p.inv_a50) / (1.0 + amount * p.inv_a50);
    } else {
        occ = (amount * p.inv_a50).pow(p.hill);
        occ = p.emax * occ / (1.0 + occ);
    }
}

// The time loop's inputs and outputs, one element per person in each array.
struct course_arrays {
    const kernel_schedule* schedule = nullptr;
    double emax = 0, hill = 1, threshold = 0, dt = 1, per_day = 24;
    // Per person, fixed over the course.
    const double* inv_a50 = nullptr;
    const double* adapt = nullptr;  ///< null without adaptation
    const double* decay_body = nullptr;
    const double* decay_gut = nullptr;
    const double* move = nullptr;
    // The state after the warm-up day.
    const double* gut = nullptr;
    const double* body = nullptr;
    const double* previous_mean = nullptr;  ///< also the set point the person is adapted to
    const double* previous_min = nullptr;
    const double* previous_max = nullptr;
    bool amounts = true;  ///< the two-day amount ratio is wanted
    bool area = true;     ///< the area above the threshold is wanted
    kernel_metrics* metrics = nullptr;
    kernel_series* series = nullptr;  ///< person 0's samples, when asked for
};

// Group `V` of people: a GCC/Clang vector of doubles (one person per element), or a plain
// double for one person. The same source serves both, so a person's arithmetic is the same
// operations in the same order whatever group they run in.
template <class V>
constexpr std::size_t lanes = sizeof(V) / sizeof(double);

// Out-parameters, not return values: a vector wider than the baseline ISA's registers passed
// by value between functions changes the ABI (GCC's -Wpsabi), and Debug builds inline nothing
// unless told to: these and the loop below are always inlined, into the AVX functions too.
template <class V>
[[gnu::always_inline]] inline void load(V& v, const double* p) { std::memcpy(&v, p, sizeof(V)); }
template <class V>
[[gnu::always_inline]] inline void store(double* p, const V& v) { std::memcpy(p, &v, sizeof(V)); }
template <class V>
[[gnu::always_inline]] inline void broadcast(V& v, double c) {
    if constexpr (lanes<V> == 1) {
        v = c;
    } else {
        for (std::size_t j = 0; j < lanes<V>; ++j) v[j] = c;
    }
}

// The state of lanes<V> people (one vector) through the course.
template <class V>
struct lane_state {
    V inv_a50, decay_body, decay_gut, move, adapt;  // fixed
    V gut, body, set_point;
    V sum, day_min, day_max, amount_min, amount_max;  // this day's
    V previous_mean, previous_min, previous_max, previous_amount_min, previous_amount_max, previous_step_end_mean;
    V step_change, day_to_day, within, two_day, amount_ratio, peak, hours, area;  // the course's
};

// Numbers every person shares, as vectors where the operation needs one.
template <class V>
struct shared_numbers {
    double emax, hill, dt, per_day;
    V threshold, zero, one, step, infinity, minus_infinity;
};

template <class V, bool Adapt>
[[gnu::always_inline]] inline void begin(lane_state<V>& q, const shared_numbers<V>& k, const course_arrays& c,
                                         std::size_t at) {
    load(q.inv_a50, c.inv_a50 + at);
    load(q.decay_body, c.decay_body + at);
    load(q.decay_gut, c.decay_gut + at);
    load(q.move, c.move + at);
    if constexpr (Adapt) load(q.adapt, c.adapt + at);
    load(q.gut, c.gut + at);
    load(q.body, c.body + at);
    load(q.previous_mean, c.previous_mean + at);
    load(q.previous_min, c.previous_min + at);
    load(q.previous_max, c.previous_max + at);
    q.set_point = q.previous_mean;
    q.previous_step_end_mean = q.previous_mean;
    q.previous_amount_min = k.infinity;
    q.previous_amount_max = k.zero;
    q.step_change = q.day_to_day = q.within = q.two_day = k.zero;
    q.amount_ratio = k.one;
    q.peak = q.hours = q.area = k.zero;
}

template <class V>
[[gnu::always_inline]] inline void begin_day(lane_state<V>& q, const shared_numbers<V>& k) {
    q.sum = k.zero;
    q.day_min = k.infinity;
    q.day_max = k.minus_infinity;
    q.amount_min = k.infinity;
    q.amount_max = k.zero;
}

// One sample. Per person, the operations and their order are those of the model:
//   occupancy o = Emax·x/(1 + x), x = amount/A50 (or x^hill);
//   the day's sum, minimum and maximum of o and of the amount;
//   pressure = set point − o: its peak, the hours and the area above the threshold;
//   set point ← o + (set point − o)·decay;
//   the sample's doses into the gut, one by one; then absorption and elimination over the step.
// Minimum and maximum are `b < a ? b : a` and `a < b ? b : a`, as std::min(a, b) and
// std::max(a, b) (and Eigen's min/max) choose. `Amounts`: the day's extremes of the amount,
// for the two-day amount ratio, are wanted. `Area`: the area above the threshold is wanted (a
// population does not report it; it is 4 of the 21 operations of a person-step). `UnitStep`:
// the step is 1 hour, so the multiplication by it is left out (hourly steps are the usual
// case). The sample's doses are [dose_first, dose_end) (bioavailable mg). Only lanes<V> == 1
// handles a Hill coefficient other than 1 (std::pow has no vector form here) and the series.
template <class V, bool Adapt, bool Amounts, bool Area, bool UnitStep>
[[gnu::always_inline]] inline void sample(lane_state<V>& q, const shared_numbers<V>& k, kernel_series* series,
                                          const double* dose_first, const double* dose_end) {
    const double emax = k.emax;
    const V x = q.body * q.inv_a50;
    V o;
    if constexpr (lanes<V> == 1) {
        if (k.hill == 1.0) {
            o = emax * x / (1.0 + x);
        } else {
            const double xh = std::pow(x, k.hill);
            o = emax * xh / (1.0 + xh);
        }
        if (series) {
            series->amount.push_back(q.body);
            series->occupancy.push_back(o);
            if constexpr (Adapt) {
                series->set_point.push_back(q.set_point);
                series->pressure.push_back(q.set_point - o);
            }
        }
    } else {
        o = emax * x / (1.0 + x);
    }
    if constexpr (Amounts) {
        q.amount_min = q.body < q.amount_min ? q.body : q.amount_min;
        q.amount_max = q.amount_max < q.body ? q.body : q.amount_max;
    }
    q.sum += o;
    q.day_min = o < q.day_min ? o : q.day_min;
    q.day_max = q.day_max < o ? o : q.day_max;
    if constexpr (Adapt) {
        const V pressure = q.set_point - o;
        q.peak = q.peak < pressure ? pressure : q.peak;
        // hours += (pressure > threshold ? 1 : 0)·dt and area += max(pressure − threshold, 0)·dt,
        // written as adds that only some people take: adding +0 (or −0) leaves a sum that
        // starts at +0 and never falls below it the same double, so the results are the same,
        // NaN included (`!(excess <= 0)` is true for NaN), with fewer instructions per sample.
        q.hours = pressure > k.threshold ? q.hours + k.step : q.hours;
        if constexpr (Area) {
            const V excess = pressure - k.threshold;
            if constexpr (UnitStep)
                q.area = excess <= k.zero ? q.area : q.area + excess;  // x·1 is x, bit for bit
            else
                q.area = excess <= k.zero ? q.area : q.area + excess * k.dt;
        }
        q.set_point = o + (q.set_point - o) * q.adapt;
    }
    for (const double* d = dose_first; d != dose_end; ++d) q.gut += *d;
    q.body = q.body * q.decay_body + q.gut * q.move;
    q.gut *= q.decay_gut;
}

// The day's metrics, as `max(a, |d|)`: |d| by its sign, which can leave −0 where std::abs
// gives +0, but a running maximum from +0 keeps +0 either way.
template <class V, bool Amounts>
[[gnu::always_inline]] inline void end_day(lane_state<V>& q, const shared_numbers<V>& k, bool step_end,
                                           bool after_first) {
    const V zero = k.zero;
    const V mean = q.sum / k.per_day;
    V change = mean - q.previous_mean;
    change = change < zero ? -change : change;
    q.day_to_day = q.day_to_day < change ? change : q.day_to_day;
    const V spread = q.day_max - q.day_min;
    q.within = q.within < spread ? spread : q.within;
    const V high = q.day_max < q.previous_max ? q.previous_max : q.day_max;
    const V low = q.previous_min < q.day_min ? q.previous_min : q.day_min;
    const V swing = high - low;
    q.two_day = q.two_day < swing ? swing : q.two_day;
    if (step_end) {
        V step_mean_change = q.previous_step_end_mean - mean;
        step_mean_change = step_mean_change < zero ? -step_mean_change : step_mean_change;
        q.step_change = q.step_change < step_mean_change ? step_mean_change : q.step_change;
        q.previous_step_end_mean = mean;
    }
    if (Amounts && after_first) {
        const V trough = q.previous_amount_min < q.amount_min ? q.previous_amount_min : q.amount_min;
        const V top = q.amount_max < q.previous_amount_max ? q.previous_amount_max : q.amount_max;
        // Both sides are computed; where the trough is 0 the quotient is not used.
        const V ratio = trough > zero ? top / trough : k.one;
        q.amount_ratio = q.amount_ratio < ratio ? ratio : q.amount_ratio;
    }
    q.previous_amount_min = q.amount_min;
    q.previous_amount_max = q.amount_max;
    q.previous_mean = mean;
    q.previous_min = q.day_min;
    q.previous_max = q.day_max;
}

template <class V>
[[gnu::always_inline]] inline void finish(const lane_state<V>& q, kernel_metrics& m, std::size_t at) {
    store(m.largest_step_change.data() + at, q.step_change);
    store(m.largest_day_to_day_change.data() + at, q.day_to_day);
    store(m.largest_within_day.data() + at, q.within);
    store(m.largest_two_day.data() + at, q.two_day);
    store(m.largest_two_day_amount_ratio.data() + at, q.amount_ratio);
    store(m.peak_pressure.data() + at, q.peak);
    store(m.hours_above.data() + at, q.hours);
    store(m.area_above.data() + at, q.area);
}

// The whole course for people [first, first + count) in groups of G (1 or 2) vectors of
// lanes<V> people, `count` a multiple of G·lanes<V>. A group's state lives in local variables
// (registers, where the ISA has enough) through every time step; memory is touched only for
// the doses and at the start and end of the course. G = 2 gives the processor two
// independent chains to overlap: the set point's update (subtract, multiply, add) depends on
// the previous sample's, and one chain alone can leave the arithmetic units waiting.
template <class V, std::size_t G, bool Adapt, bool Amounts, bool Area, bool UnitStep>
[[gnu::always_inline]] inline void run_groups(const course_arrays& c, std::size_t first, std::size_t count) {
    static_assert(G == 1 || G == 2);
    const kernel_schedule& s = *c.schedule;
    shared_numbers<V> k{};
    k.emax = c.emax;
    k.hill = c.hill;
    k.dt = c.dt;
    k.per_day = c.per_day;
    broadcast(k.threshold, c.threshold);
    broadcast(k.zero, 0.0);
    broadcast(k.one, 1.0);
    broadcast(k.step, c.dt);
    broadcast(k.infinity, INFINITY);
    broadcast(k.minus_infinity, -INFINITY);
    // The doses' amounts in one array, so that a sample's doses are a range of it.
    std::vector<double> amounts;
    amounts.reserve(s.doses.size());
    for (const auto& d : s.doses) amounts.push_back(d.second);
    const std::size_t dose_count = s.doses.size();
    constexpr std::size_t width = G * lanes<V>;
    for (std::size_t i = first; i < first + count; i += width) {
        lane_state<V> q0, q1;
        begin<V, Adapt>(q0, k, c, i);
        if constexpr (G == 2) begin<V, Adapt>(q1, k, c, i + lanes<V>);
        kernel_series* const series = (width == 1 && i == 0) ? c.series : nullptr;

        std::size_t next_dose = 0;
        std::int64_t at = 0;
        for (std::int64_t day = 0; day < s.days; ++day) {
            begin_day(q0, k);
            if constexpr (G == 2) begin_day(q1, k);
            for (std::int64_t step = 0; step < s.steps_per_day; ++step, ++at) {
                const std::size_t dose_first = next_dose;
                while (next_dose < dose_count && s.doses[next_dose].first == at) ++next_dose;
                const double* const from = amounts.data() + dose_first;
                const double* const to = amounts.data() + next_dose;
                sample<V, Adapt, Amounts, Area, UnitStep>(q0, k, series, from, to);
                if constexpr (G == 2) sample<V, Adapt, Amounts, Area, UnitStep>(q1, k, series, from, to);
            }
            const bool step_end =
                static_cast<std::size_t>(day) < s.step_ends.size() && s.step_ends[static_cast<std::size_t>(day)];
            end_day<V, Amounts>(q0, k, step_end, day > 0);
            if constexpr (G == 2) end_day<V, Amounts>(q1, k, step_end, day > 0);
        }
        finish(q0, *c.metrics, i);
        if constexpr (G == 2) finish(q1, *c.metrics, i + lanes<V>);
    }
}

// Each combination of the options as its own loop, so that the hot loop has no branch on them.
// The area is left out only together with the amount's extremes (a population wants neither),
// so that there are not twice as many loops.
template <class V, std::size_t G>
[[gnu::always_inline]] inline void run_groups_of(const course_arrays& c, std::size_t first, std::size_t count) {
    if (c.adapt != nullptr) {
        const bool unit_step = c.dt == 1.0;
        const bool lean = !c.amounts && !c.area;
        if (lean && unit_step)
            run_groups<V, G, true, false, false, true>(c, first, count);
        else if (lean)
            run_groups<V, G, true, false, false, false>(c, first, count);
        else if (c.amounts && unit_step)
            run_groups<V, G, true, true, true, true>(c, first, count);
        else if (c.amounts)
            run_groups<V, G, true, true, true, false>(c, first, count);
        else if (unit_step)
            run_groups<V, G, true, false, true, true>(c, first, count);
        else
            run_groups<V, G, true, false, true, false>(c, first, count);
    } else {
        // Without adaptation there is no area, and the step's length is not used in the loop.
        if (c.amounts)
            run_groups<V, G, false, true, false, false>(c, first, count);
        else
            run_groups<V, G, false, false, false, false>(c, first, count);
    }
}

// Two of the ISA's vectors per group (G = 2: faster than one or three with GCC 12 on the
// machine of docs/performance.md, whose AVX-512 path then keeps the group in registers).
typedef double v2d __attribute__((vector_size(16)));
typedef double v4d __attribute__((vector_size(32)));
typedef double v8d __attribute__((vector_size(64)));

// Whole groups of people from person 0; returns how many people that is.
template <class V>
[[gnu::always_inline]] inline std::size_t whole_groups(const course_arrays& c, std::size_t people) {
    const std::size_t count = people / (2 * lanes<V>) * (2 * lanes<V>);
    run_groups_of<V, 2>(c, 0, count);
    return count;
}

// The target's own vectors (x86-64: SSE2, two doubles).
std::size_t groups_baseline(const course_arrays& c, std::size_t people) { return whole_groups<v2d>(c, people); }

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define TAPER_KERNEL_X86_DISPATCH 1
// The same source compiled for wider vectors, chosen at run time by what the CPU has. Only
// these functions (and what is inlined into them) use the wider instructions: nothing shared
// with the rest of the program is compiled for a CPU it may not run on.
// These ISAs have fused multiply-add, which rounds a·b + c once instead of twice. GCC (in C++,
// even with -std=c++20) and Clang would fuse where they can; the per-file -ffp-contract=off
// (src/CMakeLists.txt) forbids it, and so do the attribute and pragma here for builds that
// compile this file without that flag (tests/capi's ThreadSanitizer library): every path
// gives the same doubles as the baseline.
#if defined(__clang__)
#define TAPER_KERNEL_NO_CONTRACTION  // the pragma at the top of the file
#else
#define TAPER_KERNEL_NO_CONTRACTION gnu::optimize("fp-contract=off"),
#endif
[[TAPER_KERNEL_NO_CONTRACTION gnu::target("avx2")]] std::size_t groups_avx2(const course_arrays& c,
                                                                            std::size_t people) {
    return whole_groups<v4d>(c, people);
}
[[TAPER_KERNEL_NO_CONTRACTION gnu::target("avx512f")]] std::size_t groups_avx512(const course_arrays& c,
                                                                                 std::size_t people) {
    return whole_groups<v8d>(c, people);
}
#endif

// The people a vector path takes: whole groups from person 0.
std::size_t run_vectorised(const course_arrays& c, std::size_t people, kernel_path path) {
    switch (path) {
        case kernel_path::one_by_one: return 0;
        case kernel_path::baseline: return groups_baseline(c, people);
#ifdef TAPER_KERNEL_X86_DISPATCH
        case kernel_path::avx2: return groups_avx2(c, people);
        case kernel_path::avx512: return groups_avx512(c, people);
#else
        case kernel_path::avx2:
        case kernel_path::avx512: return groups_baseline(c, people);
#endif
        case kernel_path::best: break;
    }
    return run_vectorised(c, people, best_kernel_path());
}

kernel_path resolved(kernel_path path) { return path == kernel_path::best ? best_kernel_path() : path; }

// People per group on a vector path: two vectors of the ISA's width.
std::size_t group_width(kernel_path path) {
    switch (resolved(path)) {
        case kernel_path::avx512: return 2 * lanes<v8d>;
        case kernel_path::avx2: return 2 * lanes<v4d>;
        default: return 2 * lanes<v2d>;
    }
}

// The people after the last whole group [first, people), as one whole group padded with
// copies of the last of them: a person's numbers depend on their own inputs alone, so the
// copies change nothing for anyone and are dropped. One group instead of up to 15 people one
// by one (27 times slower each), so that the cost stays linear in people.
void run_padded_tail(const course_arrays& c, std::size_t first, std::size_t people, kernel_path path) {
    const std::size_t width = group_width(path), rest = people - first;
    std::vector<double> inputs(10 * width);
    std::size_t slot = 0;
    auto pad = [&](const double* from) -> const double* {
        if (from == nullptr) return nullptr;
        double* to = inputs.data() + width * slot++;
        for (std::size_t j = 0; j < width; ++j) to[j] = from[first + std::min(j, rest - 1)];
        return to;
    };
    course_arrays tail = c;
    tail.inv_a50 = pad(c.inv_a50);
    tail.adapt = pad(c.adapt);
    tail.decay_body = pad(c.decay_body);
    tail.decay_gut = pad(c.decay_gut);
    tail.move = pad(c.move);
    tail.gut = pad(c.gut);
    tail.body = pad(c.body);
    tail.previous_mean = pad(c.previous_mean);
    tail.previous_min = pad(c.previous_min);
    tail.previous_max = pad(c.previous_max);
    kernel_metrics out;  // every array is written whole by the group
    const auto w = static_cast<Eigen::Index>(width);
    for (ArrayXd* a : {&out.largest_step_change, &out.largest_day_to_day_change, &out.largest_within_day,
                       &out.largest_two_day, &out.peak_pressure, &out.hours_above, &out.area_above,
                       &out.largest_two_day_amount_ratio})
        a->resize(w);
    tail.metrics = &out;
    run_vectorised(tail, width, path);
    kernel_metrics& m = *c.metrics;
    const auto at = static_cast<Eigen::Index>(first), n = static_cast<Eigen::Index>(rest);
    m.largest_step_change.segment(at, n) = out.largest_step_change.head(n);
    m.largest_day_to_day_change.segment(at, n) = out.largest_day_to_day_change.head(n);
    m.largest_within_day.segment(at, n) = out.largest_within_day.head(n);
    m.largest_two_day.segment(at, n) = out.largest_two_day.head(n);
    m.peak_pressure.segment(at, n) = out.peak_pressure.head(n);
    m.hours_above.segment(at, n) = out.hours_above.head(n);
    m.area_above.segment(at, n) = out.area_above.head(n);
    m.largest_two_day_amount_ratio.segment(at, n) = out.largest_two_day_amount_ratio.head(n);
}

}  // namespace

kernel_path best_kernel_path() {
#ifdef TAPER_KERNEL_X86_DISPATCH
    static const kernel_path best = __builtin_cpu_supports("avx512f") ? kernel_path::avx512
                                    : __builtin_cpu_supports("avx2")  ? kernel_path::avx2
                                                                      : kernel_path::baseline;
    return best;
#else
    return kernel_path::baseline;
#endif
}

bool kernel_path_available(kernel_path path) {
#ifdef TAPER_KERNEL_X86_DISPATCH
    if (path == kernel_path::avx512) return __builtin_cpu_supports("avx512f");
    if (path == kernel_path::avx2) return __builtin_cpu_supports("avx2");
#endif
    return true;
}

kernel_metrics run_kernel(const kernel_schedule& s, const kernel_people& p, kernel_series* series, kernel_path path) {
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
    const ArrayXd previous_mean = day_sum / per_day;

    course_arrays c;
    c.schedule = &s;
    c.emax = p.emax;
    c.hill = p.hill;
    c.threshold = p.threshold;
    c.dt = dt;
    c.per_day = per_day;
    c.inv_a50 = p.inv_a50.data();
    c.adapt = p.adaptation ? p.adapt_decay.data() : nullptr;
    c.decay_body = decay_body.data();
    c.decay_gut = decay_gut.data();
    c.move = move.data();
    c.gut = gut.data();
    c.body = body.data();
    c.previous_mean = previous_mean.data();
    c.previous_min = day_min.data();
    c.previous_max = day_max.data();
    c.metrics = &m;
    c.series = series;

    c.amounts = p.amount_ratio;
    c.area = p.area;

    const auto people = static_cast<std::size_t>(n);
    std::size_t done = 0;
    if (p.hill == 1.0 && series == nullptr && path != kernel_path::one_by_one) {
        done = run_vectorised(c, people, path);
        if (done < people) run_padded_tail(c, done, people, path);
        return m;
    }
    run_groups_of<double, 1>(c, done, people - done);
    return m;
}

}  // namespace taper::simulate_detail
