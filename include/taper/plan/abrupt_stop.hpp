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

/// The Ashton Manual's withdrawal schedules (chapter II) end every diazepam taper, whatever the
/// benzodiazepine or z-drug it replaced, with 0.5 mg diazepam a day and then stop: a stop from
/// at most this many diazepam mg is the guidance's own last step, not an abrupt stop (zopiclone
/// 7.5 mg switches to 5 mg diazepam, so 0.5 mg is 1/10 of its start).
inline constexpr double ashton_last_dose_diazepam_mg = 0.5;

/// The dose at or below which a stop is the guidance's last step, in the plan's dose basis:
/// 0.5 mg when the doses are diazepam mg (a crossover, or diazepam itself), else none (0 mg).
inline mass gentle_stop_dose(bool doses_in_diazepam_mg) {
    return doses_in_diazepam_mg ? ashton_last_dose_diazepam_mg * units::mg : mass{};
}

/// The warning for stopping to zero from `previous` (the start was `start`), with `plain`
/// or, for a class whose abrupt stop risks seizures (abrupt_stop_risks_seizures), `seizure_risk`; nullopt when `previous` is a small
/// enough share of the start, or at most `gentle` (gentle_stop_dose).
inline std::optional<message> abrupt_stop_warning(drug_class klass, mass previous, mass start, message_code plain,
                                                  message_code seizure_risk, mass gentle = mass{}) {
    if (!(start > mass{})) return std::nullopt;
    if (gentle > mass{} && previous <= gentle * (1 + 1e-9)) return std::nullopt;
    const double share = previous / start;
    if (share <= abrupt_stop_fraction) return std::nullopt;
    return make_message(abrupt_stop_risks_seizures(klass) ? seizure_risk : plain,
                        {previous, percent{share * units::fraction}, percent{abrupt_stop_fraction * units::fraction}});
}

}  // namespace taper
