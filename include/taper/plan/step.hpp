#pragma once
// One step of a schedule: from a date, for a while, take these doses.
#include <taper/messages/message.hpp>
#include <taper/plan/calendar.hpp>
#include <taper/units/quantities.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taper {

enum class step_phase {
    reduce,      ///< a reduction
    switch_over, ///< part of a crossover to another drug, equivalent dose unchanged
    hold,        ///< the same dose, held longer
    stop,        ///< the last step: zero, or the maintenance dose
};

std::string_view to_string(step_phase p) noexcept;

/// A dose of one drug at one time of day. During a crossover a step has lines of both drugs.
struct dose_line {
    std::string drug;
    std::string time;
    mass amount;
    friend bool operator==(const dose_line&, const dose_line&) = default;
};

struct step {
    int number = 0;          ///< 1-based
    step_phase phase = step_phase::reduce;
    date start{};
    duration length;
    std::vector<dose_line> doses;

    mass daily_dose;             ///< of the drug being tapered (0 once switched away)
    mass equivalent_daily_dose;  ///< in the plan's basis: own mg or diazepam-equivalent mg
    mass change;                 ///< reduction from the previous step (basis mg; > 0 = lower)
    double change_percent = 0;   ///< reduction as % of the previous step's dose
    std::optional<double> occupancy_percent;  ///< where the drug has a model
    std::optional<double> change_points;      ///< occupancy reduction, percentage points

    /// Notes and warnings, as coded values (text: messages/text.hpp).
    message_list messages;
    /// The strategy's own position after this step (the table's row, the strip's day), so
    /// that it reads where it is from the last step. The planner copies it from the target.
    int progress = 0;

    date end() const;  ///< the day after the last day of this step
};

}  // namespace taper
