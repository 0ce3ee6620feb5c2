#!/usr/bin/env bash
# Instruction counts per iteration, which a shared, noisy machine does not change.
#
#   bench/callgrind.sh <benchmark binary> [filter regex]      e.g.
#   bench/callgrind.sh build/release/bench/plan_bench 'BM_plan_hyperbolic_30_steps$'
#
# Each benchmark the filter selects runs twice under `valgrind --tool=callgrind`, with
# TAPER_BENCH_ITERATIONS=LOW and =HIGH (bench_support.hpp: exactly that many iterations, one
# run). Start-up, the database load and the benchmark's own set-up are in both runs, so
# (Ir(HIGH) - Ir(LOW)) / (HIGH - LOW) is the cost of one iteration. LOW and HIGH default to 2
# and 12; set them in the environment (fewer for the slow table benchmarks).
set -euo pipefail

if [[ $# -lt 1 ]]; then
    echo "usage: $0 <benchmark binary> [filter regex]" >&2
    exit 2
fi
binary=$1
filter=${2:-.}
low=${LOW:-2}
high=${HIGH:-12}
if ! (( high > low && low >= 1 )); then
    echo "$0: need HIGH > LOW >= 1 (have LOW=$low HIGH=$high)" >&2
    exit 2
fi
command -v valgrind >/dev/null || { echo "$0: valgrind is not installed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Total instructions (Ir) of one run of one benchmark with a fixed iteration count.
instructions() {
    local name=$1 iterations=$2 out="$work/callgrind.out"
    # A fixed iteration count adds "/iterations:N" to the benchmark's name.
    TAPER_BENCH_ITERATIONS=$iterations valgrind --tool=callgrind --callgrind-out-file="$out" \
        "$binary" --benchmark_filter="^${name}(/iterations:[0-9]+)?\$" >"$work/run.log" 2>"$work/valgrind.log" || {
        cat "$work/valgrind.log" >&2
        return 1
    }
    if ! grep -q "/iterations:${iterations}" "$work/run.log"; then
        echo "$0: $name did not run with $iterations iterations:" >&2
        cat "$work/run.log" >&2
        return 1
    fi
    awk '/^(summary|totals):/ { print $2; exit }' "$out"
}

mapfile -t names < <("$binary" --benchmark_list_tests=true --benchmark_filter="$filter")
if [[ ${#names[@]} -eq 0 ]]; then
    echo "$0: no benchmark matches \"$filter\"" >&2
    exit 1
fi

printf '%-52s %16s\n' "benchmark (callgrind, $low vs $high iterations)" "instructions/iter"
for name in "${names[@]}"; do
    a=$(instructions "$name" "$low")
    b=$(instructions "$name" "$high")
    printf '%-52s %16d\n' "$name" $(( (b - a) / (high - low) ))
done
