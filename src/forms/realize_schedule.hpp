#pragma once
// Realizing a whole schedule (not public API): per drug an engine (realizer.hpp), per step
// the best recipe for every dose line, the request's limits checked again after rounding
// (realize_limits.cpp), switch points and equivalences (realize_switch.cpp).
#include "realizer.hpp"
#include "realization_text.hpp"
#include "../detail/text.hpp"

#include <taper/plan/limits.hpp>

#include <limits>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace taper::forms_detail {

inline constexpr double infinity = std::numeric_limits<double>::infinity();

/// Names are almost always spelt alike (a recipe's drug is copied from its dose line), so
/// they are compared exactly before byte by byte ignoring case: the realization compares a
/// recipe's drug with the tapered drug's several times a step.
inline bool same_drug(std::string_view a, std::string_view b) {
    return a == b || detail::equals_ignoring_case(a, b);
}

/// Whether `list` already has this message (hints repeat on each off-target line).
template <class List>
bool contains_message(const List& list, const message& m) {
    return std::find(list.begin(), list.end(), m) != list.end();
}

/// A step that stops at 0 mg (its percentage cut is not a limit).
inline bool stopping_to_zero(const step& st) {
    return st.phase == step_phase::stop && in(st.equivalent_daily_dose, units::mg) <= 1e-12;
}

/// One dose line of a step, with what realizes it.
struct line_job {
    const dose_line* line = nullptr;
    int drug = 0;            // index into the realizer's drugs (0: the tapered drug)
    engine* eng = nullptr;   // nullptr: another drug with no forms on hand (not realized)
    double goal = 0;         // own mg (tablet-equivalent) of the line's drug
    double factor = 1;       // basis mg per mg of the line's drug
};

/// The request's limits after rounding, for one step: realized daily (basis mg) in [lo, hi].
struct window {
    double lo = 0;
    double hi = infinity;
};

/// One step's lines, their goals, and the best rounding of each on its own.
struct step_attempt {
    std::vector<line_job> jobs;
    std::vector<double> goals;
    double constant = 0;     // basis mg of lines not realized
    double goal_total = 0;   // the plan's daily dose (basis mg)
    window w;
    std::vector<choice> free_fit;
    double free_total = 0;
};

class schedule_realizer {
public:
    /// `on_hand` must outlive the realizer: its engines point into it (no copy of the forms).
    /// The realization keeps `plan` (not null), and its steps refer to its steps.
    schedule_realizer(std::shared_ptr<const schedule> plan, const std::vector<available_form>& on_hand,
                      const realization_options& options);

    realized_schedule run();

private:
    // Drugs and engines (realize_schedule.cpp).
    void group_forms(const std::vector<available_form>& on_hand);
    void factors();
    /// The index of a drug by name (any case); -1 if it is not one of the plan's or the forms'.
    int index_of(std::string_view name) const;
    int add_drug(std::string_view name);
    form_mask in_use(int drug) const { return in_use_[static_cast<std::size_t>(drug)]; }
    engine* engine_at(int drug) const { return engines_[static_cast<std::size_t>(drug)].get(); }
    std::vector<line_job> jobs_for(const step& st) const;
    /// The same into `jobs`, reusing its memory.
    void jobs_for(const step& st, std::vector<line_job>& jobs) const;
    static const drug& subject_of(const schedule& plan);
    double total(const std::vector<line_job>& jobs, const std::vector<choice>& cs, double constant) const;
    /// Appends the step to out_.steps (made in place, never moved) and returns it; emit()
    /// finishes it. Nothing else is appended in between.
    realized_step& make_step(const step& st, const std::vector<line_job>& jobs, const std::vector<choice>& cs,
                            double constant);
    form_mask baseline();
    void start();
    double previous_line(int drug, const std::string& time) const;

    // Limits after rounding (realize_limits.cpp).
    window limits(double prev, double planned_prev, const step& st, bool as_stop = true) const;
    /// Why `value` after `prev` breaks the limits (codes 411-414), appended to `out`.
    void broken_limits(double prev, double value, const step& st, message_list& out) const;
    std::vector<choice> independent(const std::vector<line_job>& jobs, const std::vector<double>& goals) const;
    void independent(const std::vector<line_job>& jobs, const std::vector<double>& goals,
                     std::vector<choice>& cs) const;
    std::optional<std::vector<choice>> fit(const std::vector<line_job>& jobs, const std::vector<double>& goals,
                                           double constant, double goal_total, window w) const;
    std::vector<double> goals_toward(const std::vector<line_job>& jobs, double constant, double goal_total,
                                     double toward) const;
    /// Fills `a` (the realizer's attempt_, whose vectors keep their memory from step to step).
    void attempt(const step& st, step_attempt& a) const;
    /// Realizes `st`, inserting steps before it where the limits need them.
    void realize_step(const step& st);
    /// The step when no rounding lies within the limits. True: a step was inserted before
    /// `st`, which is to be tried again.
    bool outside_limits(const step& st, const step_attempt& a, bool can_insert);
    bool cut_too_large(const step& st, const step_attempt& a, const std::optional<std::vector<choice>>& kept,
                       bool can_insert);
    /// `why` holds the inserted step's messages (what it is, why, and any warning).
    void emit_inserted(const step& base, const std::vector<line_job>& jobs, const std::vector<choice>& cs,
                       double constant, const message_list& why);

    // Switch points, equivalences and what the forms cannot do (realize_switch.cpp).
    void emit(const std::vector<line_job>& jobs, const std::vector<choice>& cs);
    void add_switch_messages(const std::vector<form_mask>& used, realized_step& rs) const;
    void add_equivalences();
    void add_form_warnings();

    // The safety rules on the doses as taken (realize_rules.cpp).
    void check_abrupt_stops();
    void check_pace_as_taken();
    void check_practicality();
    // A change of release profile as its own step at a constant dose (realize_release.cpp).
    /// Fills form_is_mr_ from the forms on hand.
    void note_release_profiles(const std::vector<available_form>& on_hand);
    void separate_release_changes();
    /// Where a step starts a form its label says is taken more often a day than the step's
    /// doses, how to divide the day (dosing_frequency_change, 436; realize_release.cpp).
    void note_dosing_frequency_changes();
    std::optional<realized_step> constant_dose_step(const realized_step& before, const realized_step& after,
                                                    bool modified_release_only) const;
    realized_step start_as_step(std::optional<bool>& modified) const;
    /// The step after an inserted one: its change is from the inserted step's dose.
    void restate_changes_after_inserted_steps();
    void suggest_smaller_last_dose(realized_step& rs, double taken_last, double planned_last);

    std::shared_ptr<const schedule> shared_plan_;
    const schedule& plan_;  // *shared_plan_
    const plan_request& request_;
    const drug& drug_;
    realization_options options_;
    const occupancy_model* model_ = nullptr;
    step_limits limits_;  // the plan's own limits (plan/limits.hpp), as the planner applied them
    // Per drug, by index (0: the tapered drug; then crossover partners and other forms' drugs).
    std::vector<std::string> names_;
    std::vector<std::unique_ptr<engine>> engines_;  // nullptr: no forms on hand
    std::vector<double> factors_;                   // basis mg per mg; NaN: not known yet
    std::vector<form_mask> in_use_;
    std::vector<form_mask> used_ever_;
    std::vector<bool> form_is_mr_;  // per form on hand: a modified-release formulation of the drug
    std::set<int> unrealized_drugs_;
    struct previous_dose {
        int drug;
        std::string time;
        double realized;  // own mg
    };
    std::vector<previous_dose> previous_lines_;  // the last step's lines
    double prev_ = 0;          // the last step's daily dose as taken (basis mg)
    double planned_prev_ = 0;  // the last planned step's daily dose

    // The realization being written, and where it stands.
    realized_schedule out_;
    date cursor_{};
    int number_ = 0;
    int off_tolerance_ = 0;
    bool explicit_start_ = false;
    bool have_previous_ = false;
    bool at_start_ = true;
    std::vector<message> hints_;                  // drug_also_comes_as, once each
    std::vector<form_mask> previous_used_;
    std::vector<form_mask> used_;                 // per emit, reused
    step_attempt attempt_;                        // per step, reused
    std::optional<std::size_t> previous_forms_;   // the last step in out_ that used forms
};

}  // namespace taper::forms_detail
