// A strategy's proposal checked before the planner uses it. See src/plan/planner_parts.hpp.
#include "planner_parts.hpp"

#include "../detail/number_text.hpp"

#include <taper/units/access.hpp>
#include <taper/units/io.hpp>

#include <cmath>

namespace taper::planning {
namespace {

bool finite(mass m) { return std::isfinite(in(m, units::mg)); }
bool about_equal(mass a, mass b) { return detail::nearly_equal(in(a, units::mg), in(b, units::mg)); }

std::string strategy_says(std::string_view strategy) { return "the " + std::string(strategy) + " strategy "; }

void check_lines(const target& t, std::string_view strategy) {
    mass lines{};
    for (const auto& line : t.doses) {
        if (!finite(line.amount) || line.amount < mass{})
            throw plan_error(strategy_says(strategy) + "proposed an impossible " + line.time + " dose of " +
                             line.drug + " (" + to_string(line.amount) + ")");
        lines += line.amount;
    }
    if (t.basis == dose_basis::own_mg && !about_equal(lines, t.daily_dose))
        throw plan_error(strategy_says(strategy) + "'s doses per time add up to " + to_string(lines) +
                         ", not its daily dose of " + to_string(t.daily_dose));
}

}  // namespace

void check_target(const target& t, mass previous, std::string_view strategy) {
    if (t.daily_dose > previous && !about_equal(t.daily_dose, previous))
        throw plan_error(strategy_says(strategy) + "proposed " + to_string(t.daily_dose) + " after " +
                         to_string(previous) + ": a taper never raises the dose");
    if ((t.phase == step_phase::hold || t.phase == step_phase::switch_over) && !about_equal(t.daily_dose, previous))
        throw plan_error(strategy_says(strategy) + "proposed a " + std::string(to_string(t.phase)) + " step at " +
                         to_string(t.daily_dose) + " after " + to_string(previous) +
                         ": hold and switch steps keep the (equivalent) daily dose; a change is a reduce step");
    if (t.length) {
        const double days = in(*t.length, units::day);
        if (!std::isfinite(days) || days < 0.5 || days > 3653)
            throw plan_error(strategy_says(strategy) + "proposed a step length of " + format_number(days) +
                             " days; expected one day to ten years");
    }
    if (!t.doses.empty()) check_lines(t, strategy);
}

}  // namespace taper::planning
