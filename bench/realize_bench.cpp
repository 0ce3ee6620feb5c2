// Realization cost: a 40-step plan with three tablet strengths (halves and quarters) and one
// liquid must realize in at most 15 µs on one core (issue 8; 50 µs in issue 4); and the cost
// must not blow up from 1 to 6 tablet strengths plus 2 liquids. Figures and commands:
// docs/performance.md, "Realization"; instruction counts: bench/callgrind.sh.
//
// The plan is written by hand (a plain value), so that only realization is timed: 40 mg,
// then 10% less each step for 39 steps (down to 0.66 mg), then stop; one dose a day.
#include "bench_support.hpp"

#include <taper/drugs/database.hpp>
#include <taper/forms/realize.hpp>
#include <taper/plan/plan.hpp>
#include <taper/units/from_value.hpp>

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

namespace {

taper::mass mg(double v) { return taper::from_value<taper::mass>(v); }

taper::schedule forty_steps(int times_a_day = 1) {
    taper::schedule s;
    s.drug = "citalopram";
    s.strategy = "by hand";
    s.start_dose = mg(40);
    s.start_equivalent_dose = mg(40);
    s.start = taper::parse_date("2026-12-01");
    s.subject = taper::database::embedded().share("citalopram");
    s.basis_factors = {{"citalopram", 1.0}};
    const std::vector<std::string> times = {"morning", "night"};
    for (int t = 0; t < times_a_day; ++t) s.start_split.push_back({times[static_cast<std::size_t>(t)], mg(40.0 / times_a_day)});
    taper::date day = s.start;
    double dose = 40;
    for (int i = 1; i <= 40; ++i) {
        dose = i < 40 ? dose * 0.9 : 0.0;
        taper::step st;
        st.number = i;
        st.phase = i < 40 ? taper::step_phase::reduce : taper::step_phase::stop;
        st.start = day;
        st.length = taper::from_value<taper::duration>(28);
        for (int t = 0; t < times_a_day; ++t)
            st.doses.push_back({"citalopram", times[static_cast<std::size_t>(t)], mg(dose / times_a_day)});
        st.daily_dose = mg(dose);
        st.equivalent_daily_dose = mg(dose);
        day = st.end();
        s.steps.push_back(st);
    }
    return s;
}

taper::plan_request request() {
    taper::plan_request r;
    r.drug = "citalopram";
    r.daily_dose = mg(40);
    r.start = taper::parse_date("2026-12-01");
    r.current_formulation = "tablet";
    return r;
}

// The case: citalopram 10, 20 and 40 mg tablets (halves and quarters) and the 2 mg/mL
// liquid, straight from the database.
void BM_Realize40StepsThreeStrengthsOneLiquid(benchmark::State& state) {
    const auto& d = taper::database::embedded().get("citalopram");
    const auto forms = taper::forms_on_hand(d, "10 mg tablet, 20 mg tablet, 40 mg tablet, 2 mg/mL liquid");
    auto plan = forty_steps();
    plan.request = request();
    const taper_bench::allocation_counter allocations;
    for (auto _ : state) {
        auto r = taper::realize(plan, forms);
        benchmark::DoNotOptimize(r);
    }
    allocations.report(state);
    state.counters["steps"] = 40;
}
TAPER_BENCHMARK(BM_Realize40StepsThreeStrengthsOneLiquid)->Unit(benchmark::kMicrosecond);

// The same with the request's limits checked after rounding (25% at most per step).
void BM_Realize40StepsWithLimits(benchmark::State& state) {
    const auto& d = taper::database::embedded().get("citalopram");
    const auto forms = taper::forms_on_hand(d, "10 mg tablet, 20 mg tablet, 40 mg tablet, 2 mg/mL liquid");
    auto plan = forty_steps();
    plan.request = request();
    plan.request.max_step_percent = 25.0 * taper::units::percent_of_dose;
    plan.request.max_step_points = 10.0 * taper::units::points;
    for (auto _ : state) {
        auto r = taper::realize(plan, forms);
        benchmark::DoNotOptimize(r);
    }
}
TAPER_BENCHMARK(BM_Realize40StepsWithLimits)->Unit(benchmark::kMicrosecond);

// Growth: 1 to 6 splittable tablet strengths (0.5, 1, 2.5, 5, 10, 20 mg ... taken from the
// top: 1 strength = 20 mg, 2 = 20 and 10 mg, ...) plus 2 liquids (1 and 10 mg/mL), and the
// same with two dose-times a day. Synthetic products of one drug, so any count can be tried.
std::vector<taper::available_form> synthetic(int strengths, int liquids) {
    const double tablet_mg[] = {20, 10, 5, 2.5, 1, 0.5};
    const double liquid_mg_ml[] = {1, 10};
    std::vector<taper::available_form> out;
    for (int i = 0; i < strengths; ++i) {
        taper::available_form f;
        f.drug = "citalopram";
        f.formulation_id = "tablet";
        f.kind = taper::form_kind::tablet;
        f.unit_strength = mg(tablet_mg[i]);
        f.may_split = true;
        f.label = std::to_string(tablet_mg[i]) + " mg tablet";
        out.push_back(f);
    }
    for (int i = 0; i < liquids; ++i) {
        taper::available_form f;
        f.drug = "citalopram";
        f.formulation_id = "liquid-" + std::to_string(i);
        f.kind = taper::form_kind::liquid;
        f.liquid_strength = taper::from_value<taper::concentration>(liquid_mg_ml[i]);
        f.label = std::to_string(liquid_mg_ml[i]) + " mg/mL liquid";
        out.push_back(f);
    }
    return out;
}

void BM_RealizeStrengthSweep(benchmark::State& state) {
    const auto forms = synthetic(static_cast<int>(state.range(0)), 2);
    auto plan = forty_steps(static_cast<int>(state.range(1)));
    plan.request = request();
    for (auto _ : state) {
        auto r = taper::realize(plan, forms);
        benchmark::DoNotOptimize(r);
    }
    state.counters["strengths"] = static_cast<double>(state.range(0));
    state.counters["times_a_day"] = static_cast<double>(state.range(1));
}
TAPER_BENCHMARK(BM_RealizeStrengthSweep)
    ->ArgsProduct({{1, 2, 3, 4, 5, 6}, {1, 2}})
    ->Unit(benchmark::kMicrosecond);

// One dose on its own (builds the tables each call, as realize_dose does).
void BM_RealizeDoseOnce(benchmark::State& state) {
    const auto& d = taper::database::embedded().get("citalopram");
    const auto forms = taper::forms_on_hand(d, "10 mg tablet, 20 mg tablet, 40 mg tablet, 2 mg/mL liquid");
    for (auto _ : state) {
        auto r = taper::realize_dose(mg(13.43), forms);
        benchmark::DoNotOptimize(r);
    }
}
TAPER_BENCHMARK(BM_RealizeDoseOnce)->Unit(benchmark::kMicrosecond);

}  // namespace
