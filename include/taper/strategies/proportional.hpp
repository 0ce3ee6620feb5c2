#pragma once
// Proportional: each step takes a percentage off.
//
// Two meanings that people confuse, under names that cannot be confused:
//   percent_of_most_recent_dose — the community "10% rule", Maudsley's 10–25%, NICE NG222:
//       each cut is a share of the dose just taken, so cuts shrink as the dose falls
//       (20 → 18 → 16.2 → 14.58 ... at 10%). This never reaches zero by itself, so it stops
//       at a final dose: the request's, or `final_fraction` of the start (default 1/40).
//   percent_of_starting_dose — each cut is a share of the *starting* dose: equal mg steps,
//       i.e. a linear taper in disguise (20 → 18 → 16 → 14 ... at 10%).
// Body, options and schemas: src/strategies/proportional.cpp.
#include <taper/plan/strategy.hpp>

namespace taper {
class strategy_options;
struct strategy_definition;
}  // namespace taper

namespace taper::strategies {

enum class percent_of { most_recent_dose, starting_dose };

struct proportional {
    double percent = 10.0;  ///< per step, in (0, 100)
    percent_of of = percent_of::most_recent_dose;
    /// Most-recent only: stop once the dose is at or below this share of the start
    /// (unless the request sets a final dose).
    double final_fraction = 1.0 / 40.0;

    std::string_view name() const {
        return of == percent_of::most_recent_dose ? "proportional" : "proportional-of-start";
    }
    std::optional<target> next(const plan_context& ctx, std::span<const step> done) const;

    /// Throws strategy_error (naming the option) for a percentage or fraction out of range.
    void validate() const;
    /// By name. Of the most recent dose: `percent` (default 10) and `final_fraction` (default
    /// 1/40). Of the starting dose: `percent` only, since it reaches zero by itself.
    static proportional from_options(const strategy_options& options,
                                     percent_of which = percent_of::most_recent_dose);
    /// Name, description, schema and factory of each meaning, for the registry.
    static const strategy_definition& definition(percent_of which);
};

/// The "10% rule": `percent` of the dose just taken, each step.
inline proportional percent_of_most_recent_dose(double percent) {
    return proportional{.percent = percent, .of = percent_of::most_recent_dose};
}
/// `percent` of the starting dose, each step (equal mg steps).
inline proportional percent_of_starting_dose(double percent) {
    return proportional{.percent = percent, .of = percent_of::starting_dose};
}

static_assert(Strategy<proportional>);

}  // namespace taper::strategies
