#pragma once
// Replanning from a plan and its journal: continue, hold (until tolerable for a number of
// days), go back to the last tolerated dose, slow down, resume. The result is a new plan from
// today that keeps every constraint of the original request (limits, final or maintenance
// dose, pacing, never above the starting dose), with the reason for the change as coded
// messages, and the earlier versions kept as history. docs/journal.md, "Replanning".
#include <taper/drugs/database.hpp>
#include <taper/journal/journal.hpp>
#include <taper/plan/planner.hpp>
#include <taper/plan/schedule.hpp>
#include <taper/plan/strategy.hpp>

#include <optional>
#include <vector>

namespace taper {

enum class replan_action : std::uint8_t { continue_plan = 0, hold = 1, go_back = 2, slow_down = 3, resume = 4 };
std::string_view to_string(replan_action a) noexcept;
std::optional<replan_action> replan_action_from_string(std::string_view s) noexcept;

struct replan_request {
    replan_action action = replan_action::continue_plan;
    date today{};
    /// Hold: stay until symptoms have been tolerable this long (docs/assessment.md: NG222).
    duration tolerable_for = 7.0 * units::day;
    /// Slow down (and go back, which slows down too): the largest cut as a share of the most
    /// recent dose becomes this share of the last cut's share (NG222 1.4.17: 50% then 25%).
    double cut_share_factor = 0.5;
    /// Slow down: steps this many times longer (1: as before).
    double interval_factor = 1.0;
};

/// One version of a plan and why it was made.
struct plan_version {
    schedule plan;
    date made{};
    replan_action action = replan_action::continue_plan;
    std::vector<message> reasons;
};

/// Every version, oldest first: the original plan and each replan.
struct plan_history {
    std::vector<plan_version> versions;
    const schedule& current() const { return versions.back().plan; }
    const schedule& original() const { return versions.front().plan; }
};

/// A history whose only version is `original`.
plan_history start_history(schedule original);

/// The dose taken on `day` by the journal (its record), else by the plan.
mass dose_on(const schedule& plan, const journal& j, date day);

/// The new version from `request.today`, appended to a copy of `history`. `strategy` plans the
/// rest (the original plan's strategy, with its options). Throws plan_error when the original
/// request cannot be kept at all.
plan_history replan(const database& db, const plan_history& history, const journal& j, const any_strategy& strategy,
                    const replan_request& request);

/// Patient pacing: the next cut is offered only when the journal has been tolerable (nothing
/// rated moderate or worse, no red flag) for `tolerable_for`; the person may lower its size.
struct next_cut_offer {
    bool ready = false;
    duration tolerable_so_far;
    mass current;         ///< the dose now
    mass offered;         ///< the next dose the current plan gives (lowered if asked)
    std::vector<message> reasons;
};
next_cut_offer offer_next_cut(const plan_history& history, const journal& j, date today,
                              duration tolerable_for = 7.0 * units::day, double share_of_cut = 1.0);

}  // namespace taper
