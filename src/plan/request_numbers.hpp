#pragma once
// The numbers of a plan request, each checked on its own: finite and inside its field's range
// (docs/reliability.md, "Ranges of numbers entering"). One function, shared by the planner's
// request check and the C ABI's request setters, so that a number is refused with the same
// plan_error (naming the field, the input and the range) wherever it enters. Private to the
// library: not part of its interface.
#include <string_view>

namespace taper::planning {

/// What a number of a plan request measures, and so its range.
enum class request_number {
    daily_dose_mg,      ///< more than 0, at most 1,000,000 mg (the drug's plausible limit is checked apart)
    dose_time_mg,       ///< one dose-time's share of the split: as the daily dose
    step_length_days,   ///< an interval, a phase's interval, a hold: 1 (0.5 rounds up) to 3,653 days
    max_step_mg,        ///< more than 0, at most 1,000,000 mg
    max_step_percent,   ///< between 0 and 100 % of the most recent dose, exclusive
    max_step_points,    ///< between 0 and 100 occupancy points, exclusive
    min_change_mg,      ///< 0 to 1,000,000 mg
    final_dose_mg,      ///< more than 0, at most 1,000,000 mg
    maintenance_mg,     ///< 0 to 1,000,000 mg
    max_duration_days,  ///< 1 to 1,000,000 days
};

/// The range of one kind of request number, and the unit it is in ("mg", "days", "%",
/// "points"; static strings). The C ABI publishes it as the field's bounds.
struct number_range {
    double lowest;
    bool lowest_allowed;  ///< false: the value must be above `lowest`
    double highest;
    bool highest_allowed;
    std::string_view unit;
};

number_range range_of(request_number kind);

/// Throws plan_error ("plan request: <field>: ...", error_detail with the input, the range
/// expected and the field) unless `value` is finite and inside the range of `kind`. `field` is
/// the request's field as the planner names it ("daily dose", "interval for stop steps").
/// `subject` names the item of a list field the number belongs to (the dose-time "night" of
/// the split), so that the message says which one: "split: the night dose must be ...".
void check_request_number(request_number kind, double value, std::string_view field, std::string_view subject = {});

}  // namespace taper::planning
