// Whole-unit feasibility. See include/taper/forms/whole_units.hpp.
#include <taper/forms/whole_units.hpp>

#include <taper/units/access.hpp>

#include <cmath>
#include <numeric>

namespace taper {

// Coin change on a 1 µg grid: whether the goal is reachable with unlimited units of each.
bool whole_units_make(mass amount, const std::vector<mass>& strengths) {
    const auto to_grid = [](mass m) { return static_cast<long>(std::llround(in(m, units::mcg))); };
    const long goal = to_grid(amount);
    if (goal == 0) return true;
    long g = 0;
    for (auto s : strengths) g = std::gcd(g, to_grid(s));
    if (g <= 0 || goal % g != 0) return false;
    const long n = goal / g;
    if (n > 200000) return true;  // too large to check cheaply; multiples of the gcd nearly always work
    std::vector<char> can(static_cast<std::size_t>(n) + 1, 0);
    can[0] = 1;
    for (long i = 1; i <= n; ++i)
        for (auto s : strengths) {
            const long k = to_grid(s) / g;
            if (k <= i && can[static_cast<std::size_t>(i - k)]) {
                can[static_cast<std::size_t>(i)] = 1;
                break;
            }
        }
    return can[static_cast<std::size_t>(n)] != 0;
}

}  // namespace taper
