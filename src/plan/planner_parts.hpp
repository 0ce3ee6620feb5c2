#pragma once
// The planner's pieces, one concern to a file; make_plan (planner.cpp) puts them together.
// Private to src/plan: nothing here is part of the library's interface.
//
//   planner_request.cpp   the request checked on its own, before any step
//   planner_target.cpp    a strategy's proposal checked before it is used
//   planner_pacing.cpp    half-life pacing: longer steps, smaller cuts for short half-lives
//   planner_limits.cpp    the request's limits applied to one target (final dose, min change, maxima)
//   planner_warnings.cpp  class guidance on pace, abrupt stops, whole-unit forms
//   planner_holds.cpp     the holds a request asks for, and the ones that never came
//   planner_steps.cpp     the steps written into a reused vector, keeping its capacity
//
// Nothing on the planning path formats text: messages are coded values, and text is built
// only for an error that is about to be thrown.
#include <taper/drugs/database.hpp>
#include <taper/error.hpp>
#include <taper/messages/message.hpp>
#include <taper/plan/abrupt_stop.hpp>
#include <taper/plan/limits.hpp>
#include <taper/plan/pace_guidance.hpp>
#include <taper/plan/schedule.hpp>
#include <taper/plan/strategy.hpp>
#include <taper/units/access.hpp>

#include "../detail/number_text.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace taper::planning {

// --- planner_request.cpp ----------------------------------------------------------------

/// validate_request, returning the drug, so that make_plan looks it up once.
const drug& validated_drug(const database& db, const plan_request& request);
/// The model the request names, or the drug's usable default (nullptr: none).
const occupancy_model* resolve_model(const drug& d, const plan_request& request);
/// plan_error about one field of the request.
[[noreturn]] void reject(std::string_view field, const std::string& problem);
/// The final and maintenance doses against the start in the plan's basis, known once the
/// strategy's first target says what the basis is.
void check_against_start(const plan_request& request, mass start_in_basis, dose_basis basis);
/// The plan so far (`steps`, from `start`): at most max_steps steps, within max_duration, dates
/// that can be written. Throws plan_error as soon as one is broken; `finished`: the last step
/// is the plan's last, so the message can give the whole plan's steps and days.
void check_plan_bounds(const plan_request& request, date start, std::span<const step> steps, bool finished,
                       std::string_view strategy);
/// The same after each step, with the end of the last step (steps.back().end()) already
/// known: the usual case, no bound broken and no maximum duration asked for, is decided here
/// without a call; anything else goes to the full check, which writes the error.
inline void check_plan_bounds(const plan_request& request, date start, std::span<const step> steps, date end,
                              bool finished, std::string_view strategy) {
    if ((!request.max_steps || static_cast<long>(steps.size()) <= *request.max_steps) && end <= latest_date &&
        !request.max_duration)
        return;
    check_plan_bounds(request, start, steps, finished, strategy);
}

// --- planner_target.cpp -----------------------------------------------------------------

/// Throws plan_error for a target no plan can take after `previous`: not finite, negative,
/// raising the dose, a hold or switch that changes it, a length out of range, dose lines
/// that are impossible or do not add up.
void check_target(const target& t, mass previous, std::string_view strategy);
/// check_target for the planner's loop: a plain reduction (not above `previous`, no length or
/// dose lines of its own) passes every check, decided here without a call.
inline void check_target_in_loop(const target& t, mass previous, std::string_view strategy) {
    if (!(t.daily_dose > previous) && t.phase == step_phase::reduce && !t.length && t.doses.empty()) return;
    check_target(t, previous, strategy);
}

// --- planner_pacing.cpp -----------------------------------------------------------------

struct pacing {
    bool active = false;
    double interval_factor = 1.0;  ///< step lengths times this
    double step_factor = 1.0;      ///< cuts times this
    hours half_life{};
};

/// The pacing a request asks for, with a plan message when the drug does not qualify.
pacing pacing_for(const drug& d, const plan_request& request, std::vector<message>& plan_messages);
/// Plan notes on what the half-life means: a long one (a week or more, counting active
/// metabolites) or a short one the request does not pace for.
void add_half_life_notes(const drug& d, const plan_request& request, dose_basis basis,
                         std::vector<message>& plan_messages);
/// No pacing once a crossover has switched to diazepam (a long half-life), said on the plan.
void end_pacing_after_switch(const database& db, pacing& pace, std::vector<message>& plan_messages);

// --- planner_evidence.cpp ---------------------------------------------------------------

class text_writer;

/// A plan note with the evidence status of the occupancy model an own-mg plan used (the
/// weaker of its ED50 and Emax); nothing without a model or in diazepam mg.
void add_model_evidence_note(const occupancy_model* model, dose_basis basis, schedule& plan, text_writer& texts);
/// Each of the drug's cautions in the data, once, as a plan-wide note (drug_caution, 327):
/// once on the plan, never repeated on the steps (issue 10).
void add_drug_cautions(const drug& d, schedule& plan, text_writer& texts);

// --- planner_limits.cpp -----------------------------------------------------------------

/// What the request's limits need to know to move one target.
struct cut_rules {
    const plan_request& request;
    const step_limits& limits;  ///< the basis's: own mg with the model, diazepam mg without
    const pacing& pace;
    mass end_dose;  ///< 0 mg, or the maintenance dose
};

/// A target after the limits: the dose and the phase it makes.
struct limited_target {
    mass dose;
    step_phase phase;
    /// The minimum change could not be kept because a maximum was smaller.
    bool min_change_broken = false;
};

/// Applies final dose, pacing, minimum change and maxima to a reduce or stop target; each one
/// that moves the dose leaves a note in `notes`. `occupancy_previous` is the occupancy at
/// `previous` (needed only with a points limit).
limited_target apply_limits(const cut_rules& rules, mass target_dose, step_phase phase, bool own_length,
                            mass previous, std::optional<occupancy_points> occupancy_previous,
                            message_list& notes);

/// Whether a request sets none of the limits apply_limits applies (final dose, pacing,
/// minimum change, maxima in `limits`, the plan basis's): decided once per plan.
inline bool sets_no_limits(const plan_request& request, const step_limits& limits, const pacing& pace) {
    return !request.final_dose && !pace.active && !(request.min_change > mass{}) && !limits.max_cut &&
           !limits.max_cut_share && !limits.max_cut_points;
}

// A remnant is what a cut leaves above the end dose when it is less than this share of what
// was above the end dose before it (with the usual end of 0 mg: of the dose it was cut from):
// a cut of 95% of the way or more leaves a dose too small to mean anything (a linear
// taper's 0.02 mg of diazepam after 6.68 mg; 0.001 mg of clozapine after 133.334 mg), taken
// for a whole step while the real stop comes after it unwarned. The abrupt-stop rule is
// judged from the last meaningful dose (docs/safety.md, rule "remnant").
inline constexpr double remnant_fraction = 1.0 / 20.0;

/// The share rule of a remnant, for a dose above the end dose (and not about equal to it).
inline bool leaves_remnant(mass dose, mass previous, mass end) { return dose - end < (previous - end) * remnant_fraction; }

inline bool is_remnant(const cut_rules& rules, mass dose, mass previous) {
    const auto about_equal = [](mass a, mass b) { return detail::nearly_equal(in(a, units::mg), in(b, units::mg)); };
    const mass end = rules.end_dose;
    if (!(dose > end) || about_equal(dose, end)) return false;
    // The person's own final dose is theirs to choose, however small.
    if (rules.request.final_dose && about_equal(dose, *rules.request.final_dose)) return false;
    return leaves_remnant(dose, previous, end);
}

/// apply_limits for a request that sets no limit (sets_no_limits, so `notes` is untouched):
/// the end dose is kept and the dose says the phase, decided inline on every step of such a
/// plan. A remnant, which has its own rule, goes to apply_limits, as does every other request.
inline limited_target apply_limits_inline(bool no_limits, const cut_rules& rules, mass target_dose, step_phase phase,
                                          bool own_length, mass previous,
                                          std::optional<occupancy_points> occupancy_previous, message_list& notes) {
    if (no_limits) {
        // apply_limits' own steps with every limit unset, each test made once: at (or about at)
        // the end dose no remnant is left and the step is the stop; above it, without a final
        // dose (unset here), is_remnant is the share rule alone. The dose is finite (the
        // planner refuses any other target), so `!(dose > end)` is `dose <= end`.
        const auto about_equal = [](mass a, mass b) { return detail::nearly_equal(in(a, units::mg), in(b, units::mg)); };
        const mass end = rules.end_dose;
        const mass dose = std::max(target_dose, end);
        if (!(dose > end) || about_equal(dose, end)) return limited_target{end, step_phase::stop};
        if (!leaves_remnant(dose, previous, end))
            return limited_target{dose, about_equal(dose, previous) ? step_phase::hold : step_phase::reduce};
    }
    return apply_limits(rules, target_dose, phase, own_length, previous, occupancy_previous, notes);
}

// --- planner_warnings.cpp ---------------------------------------------------------------

/// Warnings on a finished step: faster than the drug class's guidance, an abrupt stop from a
/// large share of the start (judged from `meaningful_previous`, the last dose that was not a
/// remnant; never from at most `gentle_stop`, the guidance's own last dose: gentle_stop_dose),
/// a dose the current whole-unit form cannot make.
/// Inline: it runs on every step and rarely warns (the call and its seven arguments cost as
/// much as the checks); the warnings' messages are made only when they are given.
inline void add_step_warnings(step& s, const drug& d, mass previous, mass meaningful_previous, mass start,
                              const formulation* whole_units_only, mass gentle_stop);
/// The warning when a dose line of `s` cannot be made from whole units of `f` (whose
/// strengths are known), or nullopt.
std::optional<message> whole_units_warning(const step& s, const drug& d, const formulation& f);

inline void add_step_warnings(step& s, const drug& d, mass previous, mass meaningful_previous, mass start,
                              const formulation* whole_units_only, mass gentle_stop) {
    if (auto w = pace_warning(d.klass, pace_cut{s.phase, previous, s.equivalent_daily_dose, s.change_points, s.length},
                              message_code::faster_than_guidance_share, message_code::faster_than_guidance_points))
        s.messages.push_back(*w);
    // Stopping to zero from a large share of the start: the shared rule (plan/abrupt_stop.hpp).
    if (s.phase == step_phase::stop && !(s.equivalent_daily_dose > mass{}))
        if (auto w = abrupt_stop_warning(d.klass, meaningful_previous, start, message_code::abrupt_stop,
                                         message_code::abrupt_stop_seizure_risk, gentle_stop))
            s.messages.push_back(*w);
    if (whole_units_only != nullptr && whole_units_only->unit_strengths)
        if (auto w = whole_units_warning(s, d, *whole_units_only)) s.messages.push_back(*w);
}

/// The plan message when the whole-unit form's strengths are not in the data.
std::optional<message> whole_units_unknown_message(const formulation& f);

// --- planner_steps.cpp ------------------------------------------------------------------

/// Writes steps into a vector, reusing the steps (and their dose lines' capacity) a previous
/// plan left there. `done()` is what has been written; finish() drops the rest.
class step_writer {
public:
    explicit step_writer(std::vector<step>& steps) : steps_(steps) {}

    /// A slot for the next step (an old step to overwrite, or a new default one). Inline: a
    /// reused plan takes this path on every step.
    step& next() {
        if (count_ < steps_.size()) {
            // An old step: every field is written again by the planner; the dose lines keep
            // their capacity (the planner assigns into them), so a reused plan allocates nothing.
            step& s = steps_[count_++];
            s.messages.clear();
            s.occupancy_percent.reset();
            s.change_points.reset();
            s.progress = 0;
            return s;
        }
        return append();
    }
    /// A slot for the next step, copied from the last one (holds).
    step& repeat_last();
    std::size_t count() const { return count_; }
    bool empty() const { return count_ == 0; }
    const step& last() const { return steps_[count_ - 1]; }
    std::span<const step> done() const { return {steps_.data(), count_}; }
    void finish();

private:
    step& append();
    void grow();
    std::vector<step>& steps_;
    std::size_t count_ = 0;
};

/// Writes the plan's texts (schedule::strategy_texts, which messages refer to by index) into
/// a reused vector: a string a previous plan left is assigned, keeping its capacity, so a
/// drug's caution copied onto every plan allocates only the first time. finish() drops the rest.
class text_writer {
public:
    explicit text_writer(std::vector<std::string>& texts) : texts_(texts) {}

    /// Adds `text`; returns its index, for parameter::text.
    std::size_t add(std::string_view text) {
        if (count_ < texts_.size()) texts_[count_].assign(text);
        else texts_.emplace_back(text);
        return count_++;
    }
    std::size_t add(std::string&& text) {
        if (count_ < texts_.size()) texts_[count_] = std::move(text);
        else texts_.push_back(std::move(text));
        return count_++;
    }
    /// The index the next text will have.
    std::size_t next_index() const { return count_; }
    void finish() { texts_.resize(count_); }

private:
    std::vector<std::string>& texts_;
    std::size_t count_ = 0;
};

// --- planner_holds.cpp ------------------------------------------------------------------

/// Tracks which of the request's holds have been placed.
class hold_tracker {
public:
    explicit hold_tracker(const std::vector<hold>& holds) : holds_(holds), placed_(holds.size(), false) {}
    /// Adds the holds that follow the last written step (a hold may follow a hold).
    void place_after_last(step_writer& steps);
    /// A plan message for each hold that never came (after the last step, or past the end).
    void report_missing(std::size_t step_count, std::vector<message>& plan_messages) const;

private:
    const std::vector<hold>& holds_;
    std::vector<bool> placed_;  ///< one bit per hold: no allocation for a request without holds
};

}  // namespace taper::planning
