// Plausibility against the licensed maximum: see include/taper/plan/plausibility.hpp.
#include <taper/plan/plausibility.hpp>

namespace taper {

std::optional<message> above_licensed_maximum(const drug& d, mass daily) {
    const licensed_maximum* m = d.licensed_maximum_for();
    if (m == nullptr || !(daily > *m->daily_dose)) return std::nullopt;
    return make_message(message_code::above_licensed_maximum, {daily, *m->daily_dose});
}

std::optional<mass> implausible_above(const drug& d) {
    const licensed_maximum* m = d.licensed_maximum_for();
    if (m == nullptr) return std::nullopt;
    return *m->daily_dose * implausible_multiple_of_licensed_maximum;
}

}  // namespace taper
