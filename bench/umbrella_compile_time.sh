#!/usr/bin/env bash
# How long a translation unit that includes the umbrella header takes to compile
# (-fsyntax-only: parsing and template instantiation, no code generation).
#
#   bench/umbrella_compile_time.sh [compiler] [runs]     (defaults: c++, 5)
#
# Prints each run's wall time and the fastest and median, in seconds. Issue 8's target: at
# most 1 s. Run it from the repository root on an idle machine if you can; the minimum is
# the figure least disturbed by other work.
set -euo pipefail

compiler=${1:-c++}
runs=${2:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '#include <taper/taper.hpp>\n' > "$work/umbrella.cpp"

times=()
for ((i = 1; i <= runs; ++i)); do
    start=$(date +%s.%N)
    "$compiler" -std=c++20 -fsyntax-only -I "$root/include" "$work/umbrella.cpp"
    end=$(date +%s.%N)
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')")
done

printf '%s\n' "${times[@]}" | sort -n | awk -v compiler="$("$compiler" --version | head -1)" '
    { t[NR] = $1; printf "run: %.3f s\n", $1 }
    END {
        median = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
        printf "%s, #include <taper/taper.hpp>, -fsyntax-only: fastest %.3f s, median %.3f s (%d runs)\n",
               compiler, t[1], median, NR
    }'
