#pragma once
// The abrupt-stop rule, shared by the planner (on the planned doses) and realization (on the
// doses as taken): stopping to zero from a dose that is still more than 1/20 of the start is
// an abrupt stop. The guidance everywhere is to reach a small dose first (a final dose near
// 1/40 of the start for antipsychotics; the last milligrams in very small steps for
// benzodiazepines); the default hyperbolic, proportional, antipsychotic and crossover plans all
// stop well below 1/20, while a linear taper's last step (a quarter of the start) or a one-step
// stop is far above it. docs/safety.md lists the rule.
#include <taper/drugs/drug.hpp>
#include <taper/messages/message.hpp>

#include <optional>

namespace taper {

inline constexpr double abrupt_stop_fraction = 1.0 / 20.0;

/// The warning for stopping to zero from `previous` (the start was `start`), with `plain`
/// or, for a class whose abrupt stop risks seizures (abrupt_stop_risks_seizures), `seizure_risk`; nullopt when `previous` is a small
/// enough share of the start.
inline std::optional<message> abrupt_stop_warning(drug_class klass, mass previous, mass start, message_code plain,
                                                  message_code seizure_risk) {
    if (!(start > mass{})) return std::nullopt;
    const double share = previous / start;
    if (share <= abrupt_stop_fraction) return std::nullopt;
    return make_message(abrupt_stop_risks_seizures(klass) ? seizure_risk : plain,
                        {previous, percent{share * units::fraction}, percent{abrupt_stop_fraction * units::fraction}});
}

}  // namespace taper
