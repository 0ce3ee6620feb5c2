// Virtual populations: people × hourly time steps per second on one thread, against the NumPy
// version of the same model (bench/simulate_numpy.py). Figures, commands and the machine they
// were taken on: docs/performance.md.
//
//   cmake --preset release && cmake --build --preset release --target simulate_bench
//   build/release/bench/simulate_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
//   python3 bench/simulate_numpy.py --people 10000 --days 730
//
// Issue 12's target: 10,000 people × 2 years hourly at least 20× faster than NumPy on one core
// (BM_population/10000/730), and cost linear in people and in time steps (the other arguments).
#include "bench_support.hpp"

#include <taper/plan/calendar.hpp>
#include <taper/simulate/population.hpp>
#include <taper/taper.hpp>

#include <benchmark/benchmark.h>

#include <vector>

namespace {

using namespace taper::literals;

/// Citalopram 20 mg, 5 mg less every 4 weeks, followed to `days` days from the start.
struct course {
    taper::schedule plan;
    taper::simulation_options options;
};

course citalopram_course(long days) {
    taper::plan_request r;
    r.drug = "citalopram";
    r.daily_dose = 20_mg;
    r.start = taper::parse_date("2026-12-01");
    r.interval = 28_d;
    taper::strategies::linear s;
    s.amount_per_step = 5_mg;
    course c{taper::make_plan(taper::database::embedded(), r, s), {}};
    const long plan_days = taper::days_between(c.plan.start, c.plan.end());
    c.options.after_end = static_cast<double>(days - plan_days) * taper::units::day;
    c.options.adaptation = taper::adaptation_model{14.0 * taper::units::day, 5.0 * taper::units::points};
    return c;
}

// Arguments: people, days (hourly samples). One thread, so the rate is one core's.
void BM_population(benchmark::State& state) {
    const course c = citalopram_course(state.range(1));
    taper::population_options p;
    p.people = state.range(0);
    p.seed = 1;
    p.threads = 1;
    p.spread.ed50 = 0.3;
    p.spread.half_life = 0.3;
    std::int64_t steps = 0;
    for (auto _ : state) {
        const taper::population_result r = taper::simulate_population(c.plan, c.options, p);
        steps = r.time_steps;
        benchmark::DoNotOptimize(r.peak_pressure.data());
    }
    state.counters["person_steps_per_s"] = benchmark::Counter(
        static_cast<double>(steps) * static_cast<double>(p.people) * static_cast<double>(state.iterations()),
        benchmark::Counter::kIsRate);
}
BENCHMARK(BM_population)
    ->Args({1000, 730})
    ->Args({2000, 730})
    ->Args({4000, 730})
    ->Args({10000, 730})
    ->Args({10000, 182})
    ->Args({10000, 365})
    ->Unit(benchmark::kMillisecond)
    ->Apply(taper_bench::iterations_from_environment);

// The yardstick for "within 2x of the machine's arithmetic throughput": how many double
// multiply-adds one core does per second in the same build (the default x86-64 target: SSE2,
// two doubles per instruction, no FMA instruction), with 16 independent chains so that
// latency does not limit it. Counted as 2 flops per multiply-add.
void BM_yardstick_multiply_add(benchmark::State& state) {
    constexpr int chains = 16;
    constexpr int rounds = 4096;
    double x[chains];
    for (int i = 0; i < chains; ++i) x[i] = 1.0 + 1e-3 * i;
    const double m = 0.999999, c = 1e-7;
    for (auto _ : state) {
        for (int r = 0; r < rounds; ++r)
            for (int i = 0; i < chains; ++i) x[i] = x[i] * m + c;
        benchmark::DoNotOptimize(x);
    }
    state.counters["flops_per_s"] = benchmark::Counter(2.0 * chains * rounds * static_cast<double>(state.iterations()),
                                                       benchmark::Counter::kIsRate);
}
BENCHMARK(BM_yardstick_multiply_add)->Apply(taper_bench::iterations_from_environment);

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#if defined(__clang__)
#define TAPER_BENCH_NO_CONTRACTION  // Clang fuses only within one expression: two statements below
#else
#define TAPER_BENCH_NO_CONTRACTION gnu::optimize("fp-contract=off"),
#endif
typedef double v8d __attribute__((vector_size(64)));
// The same yardstick for the widest vectors the simulation kernel uses at run time (its AVX-512F
// path: 8 doubles per instruction), compiled as that path is: a multiply and an add, never fused.
[[TAPER_BENCH_NO_CONTRACTION gnu::target("avx512f")]] void multiply_add_avx512(benchmark::State& state) {
    constexpr int chains = 16;
    constexpr int rounds = 4096;
    v8d x[chains];
    for (int i = 0; i < chains; ++i)
        for (int j = 0; j < 8; ++j) x[i][j] = 1.0 + 1e-3 * i + 1e-5 * j;
    const double m = 0.999999, c = 1e-7;
    for (auto _ : state) {
        for (int r = 0; r < rounds; ++r)
            for (int i = 0; i < chains; ++i) {
                x[i] = x[i] * m;
                x[i] = x[i] + c;
            }
        benchmark::DoNotOptimize(x);
    }
    state.counters["flops_per_s"] = benchmark::Counter(2.0 * 8 * chains * rounds * static_cast<double>(state.iterations()),
                                                       benchmark::Counter::kIsRate);
}
void BM_yardstick_multiply_add_avx512(benchmark::State& state) {
    if (!__builtin_cpu_supports("avx512f")) {
        state.SkipWithError("this CPU has no AVX-512F");
        return;
    }
    multiply_add_avx512(state);
}
BENCHMARK(BM_yardstick_multiply_add_avx512)->Apply(taper_bench::iterations_from_environment);
#endif

// The same multiply-add streamed through arrays in L1 (a block of 512 people, as the kernel
// reads them): loads and stores included, the kernel's own shape.
void BM_yardstick_stream(benchmark::State& state) {
    constexpr std::size_t n = 512;
    std::vector<double> a(n, 1.0), b(n, 0.999999), c(n, 1e-7);
    for (auto _ : state) {
        for (int r = 0; r < 64; ++r)
            for (std::size_t j = 0; j < n; ++j) a[j] = a[j] * b[j] + c[j];
        benchmark::DoNotOptimize(a.data());
    }
    state.counters["flops_per_s"] =
        benchmark::Counter(2.0 * 64 * n * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_yardstick_stream)->Apply(taper_bench::iterations_from_environment);

}  // namespace
