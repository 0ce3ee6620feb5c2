#pragma once
// What every benchmark binary shares: a count of heap allocations (the binary replaces the
// global operator new and delete, bench_support.cpp) and a fixed iteration count for
// instruction counting under callgrind (bench/callgrind.sh).
#include <benchmark/benchmark.h>

#include <cstdint>

namespace taper_bench {

/// Calls of any global operator new so far, in this process.
std::uint64_t allocations() noexcept;

/// Counts the allocations of a benchmark's timed loop; report() adds them to the state as
/// `allocs_per_iter`. Google Benchmark does not allocate inside `for (auto _ : state)`, so
/// every allocation counted there is the library's.
class allocation_counter {
public:
    allocation_counter() noexcept : start_(allocations()) {}
    void report(benchmark::State& state) const {
        state.counters["allocs_per_iter"] =
            benchmark::Counter(static_cast<double>(allocations() - start_), benchmark::Counter::kAvgIterations);
    }

private:
    std::uint64_t start_;
};

/// For ->Apply(): with TAPER_BENCH_ITERATIONS=n in the environment, the benchmark runs exactly
/// n iterations (so that two runs under callgrind differ by a known number of them).
void iterations_from_environment(benchmark::internal::Benchmark* b);

}  // namespace taper_bench

/// BENCHMARK(f) that obeys TAPER_BENCH_ITERATIONS.
#define TAPER_BENCHMARK(f) BENCHMARK(f)->Apply(taper_bench::iterations_from_environment)
