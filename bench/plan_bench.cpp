// Schedule generation: a plan per strategy, the registry, the occupancy model and the
// database look-ups. Figures, commands and the machine they were taken on:
// docs/performance.md.
//
//   cmake --preset release && cmake --build --preset release --target plan_bench
//   build/release/bench/plan_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
//   bench/callgrind.sh build/release/bench/plan_bench BM_plan_hyperbolic_30_steps
//
// Issue 8's targets: a 30-step hyperbolic plan in at most 1.5 µs and 3 allocations when
// planned into a reused schedule (BM_plan_hyperbolic_30_steps; `steps` says how many steps it made, `allocs_per_iter` how
// many heap allocations one plan made); the table strategy linear in its rows
// (BM_plan_table_rows/1000 and /10000 against BM_plan_proportional_10000_steps).
#include "bench_support.hpp"

#include <taper/taper.hpp>
#include <taper/units/from_value.hpp>

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

namespace {

using namespace taper::literals;
namespace st = taper::strategies;

const taper::database& db() { return taper::database::embedded(); }

taper::plan_request request(std::string drug, taper::mass dose) {
    taper::plan_request r;
    r.drug = std::move(drug);
    r.daily_dose = dose;
    r.start = taper::parse_date("2026-12-01");
    r.interval = 28_d;
    return r;
}

/// Plans `r` with `s` over and over into one reused schedule (make_plan(into, ...)), as a
/// caller planning many times would; reports the steps of one plan as a counter.
void run_plan(benchmark::State& state, const taper::plan_request& r, const taper::any_strategy& s) {
    taper::schedule plan;
    taper::make_plan(plan, db(), r, s);  // the first plan sizes the reused value
    const taper_bench::allocation_counter allocations;
    for (auto _ : state) {
        taper::make_plan(plan, db(), r, s);
        benchmark::DoNotOptimize(plan);
    }
    allocations.report(state);
    const std::size_t steps = plan.steps.size();
    state.counters["steps"] = static_cast<double>(steps);
    state.counters["per_step_ns"] = benchmark::Counter(static_cast<double>(steps) * static_cast<double>(state.iterations()),
                                                       benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

/// The same, with a fresh schedule returned by value each time (make_plan(db, r, s)).
void run_fresh_plan(benchmark::State& state, const taper::plan_request& r, const taper::any_strategy& s) {
    std::size_t steps = 0;
    const taper_bench::allocation_counter allocations;
    for (auto _ : state) {
        taper::schedule plan = taper::make_plan(db(), r, s);
        steps = plan.steps.size();
        benchmark::DoNotOptimize(plan);
    }
    allocations.report(state);
    state.counters["steps"] = static_cast<double>(steps);
}

// Citalopram 40 mg (79.36 % SERT occupancy), 2.5 points a step down to a 5 % floor:
// 29 reductions and the stop step, 30 steps in all.
void BM_plan_hyperbolic_30_steps(benchmark::State& state) {
    st::hyperbolic h;
    h.points = 2.5;
    h.occupancy_floor = 5.0;
    run_plan(state, request("citalopram", 40_mg), h);
}
TAPER_BENCHMARK(BM_plan_hyperbolic_30_steps);

// The same plan returned as a fresh value each time: the steps, their dose lines and the
// request snapshot are allocated anew.
void BM_plan_hyperbolic_30_steps_fresh(benchmark::State& state) {
    st::hyperbolic h;
    h.points = 2.5;
    h.occupancy_floor = 5.0;
    run_fresh_plan(state, request("citalopram", 40_mg), h);
}
TAPER_BENCHMARK(BM_plan_hyperbolic_30_steps_fresh);

// The same with every limit the planner checks on each step: mg, %, points, a minimum
// change, a hold and half-life pacing (paroxetine, 21-24 h, so pacing applies).
void BM_plan_hyperbolic_all_limits(benchmark::State& state) {
    auto r = request("paroxetine", 40_mg);
    r.max_step = 5_mg;
    r.max_step_percent = 25_pct;
    r.max_step_points = 4_points;
    r.min_change = 0.05_mg;
    r.holds = {{3, 14_d}};
    r.half_life_pacing = true;
    r.split = {{"morning", 20_mg}, {"night", 20_mg}};
    r.current_formulation = "tablet";
    st::hyperbolic h;
    h.points = 2.5;
    run_plan(state, r, h);
}
TAPER_BENCHMARK(BM_plan_hyperbolic_all_limits);

// Sertraline 50 mg, 2.5 mg a step: 20 steps.
void BM_plan_linear(benchmark::State& state) { run_plan(state, request("sertraline", 50_mg), st::linear{2.5_mg}); }
TAPER_BENCHMARK(BM_plan_linear);

// Citalopram 20 mg, 10 % of the most recent dose down to 1/40 of the start: 36 steps.
void BM_plan_proportional(benchmark::State& state) {
    run_plan(state, request("citalopram", 20_mg), st::percent_of_most_recent_dose(10));
}
TAPER_BENCHMARK(BM_plan_proportional);

// Citalopram 20 mg, 5 % of the starting dose: 20 steps.
void BM_plan_proportional_of_start(benchmark::State& state) {
    run_plan(state, request("citalopram", 20_mg), st::percent_of_starting_dose(5));
}
TAPER_BENCHMARK(BM_plan_proportional_of_start);

// Risperidone 6 mg, the D2 preset (a quarter, at most 5 points, 3 months a step).
void BM_plan_antipsychotic(benchmark::State& state) {
    run_plan(state, request("risperidone", 6_mg), st::antipsychotic{});
}
TAPER_BENCHMARK(BM_plan_antipsychotic);

// Alprazolam 0.5 mg three times a day: three switch steps to diazepam, then 10 % steps and
// the 0.5 mg tail.
void BM_plan_diazepam_crossover(benchmark::State& state) {
    auto r = request("alprazolam", 1.5_mg);
    r.split = {{"morning", 0.5_mg}, {"afternoon", 0.5_mg}, {"night", 0.5_mg}};
    r.interval = 14_d;
    run_plan(state, r, st::diazepam_crossover{});
}
TAPER_BENCHMARK(BM_plan_diazepam_crossover);

// Citalopram 20 mg on a hyperbolic tapering strip: one step per day, 14 rolls of 28 days.
void BM_plan_tapering_strip(benchmark::State& state) {
    run_plan(state, request("citalopram", 20_mg), st::tapering_strip{});
}
TAPER_BENCHMARK(BM_plan_tapering_strip);

// A person's own table of 10 rows.
void BM_plan_table(benchmark::State& state) {
    st::table t;
    for (double d : {18.0, 16.0, 14.0, 12.0, 10.0, 8.0, 6.0, 4.0, 2.0, 0.0}) t.rows.push_back({d * taper::units::mg, {}});
    run_plan(state, request("citalopram", 20_mg), t);
}
TAPER_BENCHMARK(BM_plan_table);

// The table strategy against its row count: one row a day from 20 mg down to 0 in equal
// cuts. Linear cost means /10000 takes ten times /1000 and about what the 10,000-step
// proportional plan below takes.
void BM_plan_table_rows(benchmark::State& state) {
    const auto rows = static_cast<int>(state.range(0));
    st::table t;
    t.rows.reserve(static_cast<std::size_t>(rows));
    for (int i = 1; i <= rows; ++i)
        t.rows.push_back({20.0_mg * (static_cast<double>(rows - i) / rows), {}});
    auto r = request("citalopram", 20_mg);
    r.interval = 1_d;
    run_plan(state, r, t);
}
TAPER_BENCHMARK(BM_plan_table_rows)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// The yardstick for the table: 10,000 steps of 0.01 % of the 20 mg start, one a day.
void BM_plan_proportional_10000_steps(benchmark::State& state) {
    auto r = request("citalopram", 20_mg);
    r.interval = 1_d;
    run_plan(state, r, st::percent_of_starting_dose(0.01));
}
TAPER_BENCHMARK(BM_plan_proportional_10000_steps)->Unit(benchmark::kMillisecond);

// --- the pieces ----------------------------------------------------------------------------

void BM_validate_request(benchmark::State& state) {
    const auto r = request("citalopram", 20_mg);
    for (auto _ : state) taper::validate_request(db(), r);
}
TAPER_BENCHMARK(BM_validate_request);

void BM_registry_find(benchmark::State& state) {
    const taper::strategy_registry& reg = taper::builtin_strategies();
    for (auto _ : state) benchmark::DoNotOptimize(reg.find("hyperbolic"));
}
TAPER_BENCHMARK(BM_registry_find);

void BM_registry_make(benchmark::State& state) {
    const taper::strategy_registry& reg = taper::builtin_strategies();
    taper::strategy_options o;
    o.set("points", 5.0 * taper::units::points);
    for (auto _ : state) benchmark::DoNotOptimize(reg.make("hyperbolic", o));
}
TAPER_BENCHMARK(BM_registry_make);

void BM_occupancy_percent(benchmark::State& state) {
    const taper::occupancy_model& m = db().get("citalopram").occupancy();
    taper::mass dose = 20_mg;
    for (auto _ : state) {
        benchmark::DoNotOptimize(dose);
        benchmark::DoNotOptimize(m.occupancy_percent(dose));
    }
}
TAPER_BENCHMARK(BM_occupancy_percent);

void BM_dose_for_occupancy(benchmark::State& state) {
    const taper::occupancy_model& m = db().get("citalopram").occupancy();
    taper::occupancy_points occupancy = 50_points;
    for (auto _ : state) {
        benchmark::DoNotOptimize(occupancy);
        benchmark::DoNotOptimize(m.dose_for_occupancy(occupancy));
    }
}
TAPER_BENCHMARK(BM_dose_for_occupancy);

void BM_database_get_by_name(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(&db().get("citalopram"));
}
TAPER_BENCHMARK(BM_database_get_by_name);

void BM_database_get_by_brand(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(&db().get("Cipramil"));
}
TAPER_BENCHMARK(BM_database_get_by_brand);

// Spaces and capitals are folded before the look-up.
void BM_database_get_untidy(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(&db().get("  SERTRALINE "));
}
TAPER_BENCHMARK(BM_database_get_untidy);

// A misspelt name: the error with "did you mean" suggestions (edit distance to every name).
void BM_database_unknown_with_suggestions(benchmark::State& state) {
    for (auto _ : state) {
        try {
            benchmark::DoNotOptimize(&db().get("citaloprem"));
        } catch (const taper::unknown_drug_error& e) {
            benchmark::DoNotOptimize(e.what());
        }
    }
}
TAPER_BENCHMARK(BM_database_unknown_with_suggestions);

}  // namespace
