#!/usr/bin/env bash
# How long a translation unit that includes the umbrella header takes to compile
# (-fsyntax-only: parsing and template instantiation, no code generation).
#
#   bench/umbrella_compile_time.sh [compiler] [runs]     (defaults: c++, 5)
#
# Prints each run's wall time and CPU time (user + system of the compiler), then the fastest
# and the median of each, in seconds. Issue 8's target: at most 1 s. On a shared machine the
# CPU time is the figure to read: it changes much less with other work than the wall time.
set -euo pipefail

compiler=${1:-c++}
runs=${2:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '#include <taper/taper.hpp>\n' > "$work/umbrella.cpp"

TIMEFORMAT='%R %U %S'
for ((i = 1; i <= runs; ++i)); do
    { time "$compiler" -std=c++20 -fsyntax-only -I "$root/include" "$work/umbrella.cpp" 2>"$work/compiler.log"; } \
        2>>"$work/times" || { cat "$work/compiler.log" >&2; exit 1; }
done

awk -v compiler="$("$compiler" --version | head -1)" '
    function median(a, n,    s, i, j, t) {
        for (i = 1; i <= n; ++i) s[i] = a[i]
        for (i = 1; i <= n; ++i) for (j = i + 1; j <= n; ++j) if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
        return (n % 2) ? s[(n + 1) / 2] : (s[n / 2] + s[n / 2 + 1]) / 2
    }
    function least(a, n,    i, m) { m = a[1]; for (i = 2; i <= n; ++i) if (a[i] < m) m = a[i]; return m }
    { wall[NR] = $1; cpu[NR] = $2 + $3; printf "run %d: wall %.3f s, cpu %.3f s\n", NR, wall[NR], cpu[NR] }
    END {
        printf "%s, #include <taper/taper.hpp>, -fsyntax-only, %d runs:\n", compiler, NR
        printf "  wall: fastest %.3f s, median %.3f s\n", least(wall, NR), median(wall, NR)
        printf "  cpu:  fastest %.3f s, median %.3f s\n", least(cpu, NR), median(cpu, NR)
    }' "$work/times"
