#include <taper/drugs/occupancy_model.hpp>
#include <taper/units/io.hpp>
#include "../detail/input_range.hpp"

#include <cmath>

namespace taper {
namespace {

void require_usable(const occupancy_model& m) {
    if (m.usable()) return;
    std::string missing;
    auto add = [&](bool known, const char* what) {
        if (known) return;
        if (!missing.empty()) missing += ", ";
        missing += what;
    };
    add(m.emax_percent.known(), "Emax");
    add(m.ed50.known(), "ED50");
    add(m.hill.known(), "Hill coefficient");
    throw missing_data_error("occupancy model \"" + m.id + "\" (" + m.receptor +
                             ") cannot be evaluated: " + missing +
                             " not known in the data (status " +
                             std::string(to_string(m.ed50.origin.status)) + ")");
}

}  // namespace

// Both functions run several times on every step of a plan: the usual case is tested inline,
// and the calls that write an error's text are made only when it is about to be thrown (the
// calls on every evaluation were about 7 % of a hyperbolic plan's instructions,
// docs/performance.md).

occupancy_points occupancy_model::occupancy_percent(mass daily_dose) const {
    if (!usable()) [[unlikely]]
        require_usable(*this);
    const double d = in(daily_dose, units::mg);
    // Bounded above too: Emax × D overflows for a huge finite D, and inf / inf is NaN. (A NaN
    // fails both comparisons; a dose within them is finite.)
    if (!(d >= 0 && d <= detail::max_dose_mg)) [[unlikely]]
        detail::require_in_range(d, 0, detail::max_dose_mg, "occupancy: daily dose", "mg");
    const double emax = *emax_percent;
    const double ed = in(*ed50, units::mg);
    const double n = *hill;
    if (n == 1.0) return emax * d / (ed + d) * units::points;  // the common case, exact and cheap
    // Emax / (1 + (ED50/D)ⁿ): Dⁿ and ED50ⁿ overflow for a steep n (a user's formulary may
    // give any n > 0), and inf/inf is NaN; the ratio only ever overflows to an occupancy of 0.
    if (d == 0) return occupancy_points{};
    return emax / (1.0 + std::pow(ed / d, n)) * units::points;
}

mass occupancy_model::dose_for_occupancy(occupancy_points target) const {
    if (!usable()) [[unlikely]]
        require_usable(*this);
    const double occupancy = in(target, units::points);
    const double emax = *emax_percent;
    if (!std::isfinite(occupancy) || occupancy < 0 || occupancy >= emax)
        throw invalid_argument_error(
            "occupancy model \"" + id + "\" reaches " + format_number(occupancy) +
            "% at no finite dose: expected an occupancy from 0% up to (not including) its Emax of " +
            format_number(emax) + "%");
    const double ratio = occupancy / (emax - occupancy);
    const double n = *hill;
    const mass dose = *ed50 * (n == 1.0 ? ratio : std::pow(ratio, 1.0 / n));
    // Just below Emax (or with a shallow Hill coefficient) the dose overflows. The message is
    // written only then: the planner asks for a dose on every step (formatting it each time
    // was a fifth of a hyperbolic plan's instructions, docs/performance.md).
    if (!std::isfinite(in(dose, units::mg)))
        detail::require_finite_result(in(dose, units::mg), "occupancy model \"" + id + "\": dose for " +
                                                               format_number(occupancy) + "% occupancy (mg)");
    return dose;
}

}  // namespace taper
