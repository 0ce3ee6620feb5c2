#pragma once
// From target doses to what a person can take.
//
//   auto forms = taper::forms_on_hand(drug, "10 mg tablet, 2 mg/mL liquid");
//   taper::realized_schedule r = taper::realize(plan, forms, options);
//
// The plan carries what realization needs (its request's limits and current formulation,
// its drug, the basis factors of a crossover): nothing is asked for again, and nothing the
// planner decided is worked out a second time. The realization keeps its plan, forms and
// options, so exporting or dispensing it needs nothing else.
//
// Each dose-time of each step gets a recipe ("1 × 10 mg tablet + 1.7 mL of 2 mg/mL liquid
// = 13.4 mg")
// chosen by the documented objective (measuring.hpp). Tablets are halved or quartered only
// where the data marks them splittable and never when modified-release or enteric-coated;
// liquids sit on the syringe's grid, drops and beads are whole. Forms with a different
// bioavailability are converted through equivalent doses (citalopram drops deliver ~25% more:
// 10 mg as tablets ≡ 8 mg as drops ≡ 4 drops) and the step says which equivalence it used.
// After rounding the request's limits still hold: a rounded step that would cut more than
// allowed is adjusted, or a step is inserted, and the step says so. A dose that cannot be
// made is a warning (or an error when nothing on hand can make any dose), never a silent 0.
//
// Dilution: realize_dose itself offers a dose_component::kind::dilution part ("disperse
// 1 × 20 mg tablet in 100 mL of water (0.2 mg/mL); take 3.4 mL"), and only for forms the data
// marks `dispersible` (with realization_options::allow_dilution). Its top-ups are set up with
// the syringe's (src/forms/realizer_products.cpp) and written in src/forms/realizer_recipe.cpp;
// there is no separate dilution hook to implement elsewhere. Liquids marked `must_dilute` (sertraline concentrate) are measured
// like any liquid and their recipe says to dilute before taking.
//
// Crossovers: dose lines of another drug (diazepam in a benzodiazepine crossover) are
// realized when `on_hand` also holds that drug's forms (available_form::drug); otherwise
// they are listed with their target and a note, and count as taken as planned.
#include <taper/forms/measuring.hpp>
#include <taper/forms/on_hand.hpp>
#include <taper/messages/message.hpp>
#include <taper/plan/schedule.hpp>

#include <boost/container/small_vector.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace taper {

/// One part of a recipe.
struct dose_component {
// GCC before 13 warns that scoped enumerators "shadow" taper::drops and taper::beads (see
// formulation.hpp); they cannot, so silence only that.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#endif
    enum class kind { whole_or_split_units, liquid_volume, drops, beads, dilution };
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
    kind what = kind::whole_or_split_units;
    std::size_t form = 0;       ///< index of its product in the forms on hand as given
    std::string formulation_id;
    std::string label;          ///< "10 mg tablet"
    double count = 0;           ///< tablets (0.5, 0.25 ...), capsules, drops or beads
    volume amount_volume;       ///< liquid, drops (count × drop size) and dilution volume to take
    mass labelled;              ///< mg on the label that this part contains
    mass equivalent;            ///< mg as tablets (labelled × bioavailability)
    /// Tablets or capsules used up from the pack: the count for whole and split units, the
    /// share of a capsule for beads (beads / beads per capsule), the tablets dispersed for a
    /// dilution (the rest of the dispersion is discarded). 0 for liquids and drops.
    double units_used = 0;
    /// Dilution only: the water the tablet is dispersed in (amount_volume is what to take).
    volume dispersed_in;
};

/// A recipe's parts: usually one or two (pieces of one strength, a top-up), kept inline so
/// that a recipe costs no allocation of its own (a realization makes one per dose-time of
/// every step); more spill to the heap. Read it as any sequence (size, [], begin/end).
using recipe_parts = boost::container::small_vector<dose_component, 2>;

/// How to take one dose-time.
struct dose_recipe {
    // Written out, not defaulted: a recipe made in place (emplace_back()) is value-initialised,
    // and with an implicit constructor that first zero-fills all of it, the unused inline
    // parts included.
    dose_recipe() {}  // NOLINT(modernize-use-equals-default)

    std::string drug;
    std::string time;
    mass target;                ///< the schedule's target (tablet-equivalent mg)
    mass realized;              ///< what the recipe delivers (tablet-equivalent mg)
    recipe_parts parts;
    /// As a person reads it ("1 × 10 mg tablet + 1.7 mL of 2 mg/mL liquid = 13.4 mg"):
    /// written on demand by instruction_text() (forms/instruction.hpp), not kept here.
    bool within_tolerance = true;
    /// False for a dose line of another drug with no forms on hand: the recipe has no parts
    /// and stands for the planned dose (its target), counted as taken as planned.
    bool realized_here = true;
    /// Why it is off (dose_rounds_to_zero, dose_off_target) and what would measure it more
    /// finely (codes 402-406), as coded messages; realize() copies them onto the step. Their
    /// form parameters index the forms on hand as given; text: messages/text.hpp.
    message_list messages;
};

/// A step's recipes, one per dose-time: one or two a day are kept inline (no allocation per
/// step); more spill to the heap.
using step_recipes = boost::container::small_vector<dose_recipe, 2>;

struct realized_step {
    // Written out, not defaulted: a step made in place (emplace_back()) is value-initialised,
    // and with an implicit constructor that first zero-fills all of it (1.3 kB, the unused
    // inline recipes included).
    realized_step() {}  // NOLINT(modernize-use-equals-default)

    /// The schedule's step this one realizes. Numbers and start dates follow on from any
    /// inserted step; an inserted step's doses are the ones it realizes. An empty step
    /// until one is set.
    const step& planned() const { return planned_ ? *planned_ : no_planned_step(); }
    /// Gives the step a planned step of its own (an inserted step, a step made by hand).
    void set_planned(step s);
    /// Refers to a step kept alive by `s` (the realization passes its plan's steps so, with
    /// shared_ptr's aliasing constructor: no copy).
    void share_planned(std::shared_ptr<const step> s);
    /// The planned step, to change it: a step of its own, copied first if it is shared.
    step& planned_to_change();
    bool inserted = false;      ///< added because rounding would have broken a limit
    step_recipes recipes;
    mass realized_daily;        ///< tablet-equivalent mg per day, as taken
    mass difference;            ///< realized_daily − planned().equivalent_daily_dose
    bool form_changed = false;  ///< a switch point: the forms differ from the previous step
    /// What realization says about this step (codes 400-499: rounding, inserted steps,
    /// switch points, the rules re-checked on the doses as taken). The planner's own messages
    /// stay on `planned()`. Text: taper::text(m, context_of(realization, &step)).
    message_list messages;

private:
    static const step& no_planned_step();
    // Shared, not copied: a realization's steps refer to its plan's steps (a copy of each,
    // with its dose lines, cost an allocation per step, and most are the plan's step as it
    // is); only a step that differs (inserted, renumbered, redated) has one of its own.
    // Copies of a realized_step share it until one of them changes it.
    std::shared_ptr<const step> planned_;
    bool own_planned_ = false;  // planned_ is this value's own step (set_planned, planned_to_change)
};

/// What to dispense for a period (a step, or a 28-day period).
struct dispensing_line {
    std::string formulation_id;
    std::string label;
    double units = 0;           ///< whole tablets/capsules/pouches to supply (rounded up)
    volume total_volume;        ///< liquids and drops
    int bottles = 0;            ///< when a bottle volume is known
};

struct dispensing_period {
    date start{};
    date end{};
    std::vector<dispensing_line> lines;
};

struct realized_schedule {
    /// The targets: the schedule realized. An empty schedule until one is set.
    const schedule& plan() const { return plan_ ? *plan_ : no_plan(); }
    /// The same, shared: what the steps' planned() refer to (see plan_ below).
    const std::shared_ptr<const schedule>& shared_plan() const { return plan_; }
    void set_plan(schedule s);
    void share_plan(std::shared_ptr<const schedule> s);

    std::vector<available_form> forms;   ///< what it was realized with, as given
    realization_options options;         ///< the tools, tolerance and bottle volume used
    std::vector<realized_step> steps;    ///< what to take, step by step
    /// The drugs of the realization: [0] the plan's, then the others its dose lines or forms
    /// name (drug_name parameters index it).
    std::vector<std::string> drugs;
    /// The forms (indexes into `forms`) taken at the start, before the first step: the
    /// request's current formulation, else the solids that make the starting dose.
    std::vector<std::size_t> start_forms;
    /// About the whole realization: each bioavailability conversion used (form_equivalence,
    /// form_equivalence_assumed) and what the forms on hand cannot do (codes 500-599).
    std::vector<message> messages;

private:
    static const schedule& no_plan();
    // Shared (and never changed once set): its steps are what most realized steps'
    // planned() refer to, so a copy of the realization (in a `dispensing`, say) keeps them
    // alive without copying the plan or any step.
    std::shared_ptr<const schedule> plan_;
};

/// Realize a schedule made by make_plan. Throws plan_error when nothing on hand can make any
/// of its doses (e.g. an empty list, a zero strength, a 0 mL syringe), or for a schedule
/// that does not carry its drug (schedule::subject) or a crossover's basis factors.
realized_schedule realize(const schedule& plan, std::vector<available_form> on_hand,
                          const realization_options& options = {});
/// The same for a plan already shared: the realization keeps `plan` itself (no copy).
/// Throws plan_error for a null plan.
realized_schedule realize(std::shared_ptr<const schedule> plan, std::vector<available_form> on_hand,
                          const realization_options& options = {});

/// The best recipe for one dose (tablet-equivalent mg) with these forms (all of them are
/// used, whatever their drug). Throws plan_error for bad forms or tools, as realize() does.
dose_recipe realize_dose(mass target, const std::vector<available_form>& on_hand,
                         const realization_options& options = {});

/// Cautions for the plan as a whole: each dispersible tablet used for a dilution, once, with
/// what the data's notes say about dispersing it.
std::vector<std::string> dilution_cautions(const realized_schedule& r);

/// Supplies per step, and per `period` (default 28 days) from the plan's start, with the
/// realization's own options (its bottle volume).
std::vector<dispensing_period> dispense_by_step(const realized_schedule& r);
std::vector<dispensing_period> dispense_by_period(const realized_schedule& r,
                                                  duration period = 28.0 * units::day);

/// What to dispense for a realization, as one value for the exporters: the realization it
/// is for, and its periods (per step, or per `period_days` from the start).
struct dispensing {
    realized_schedule realization;
    std::vector<dispensing_period> periods;
    std::optional<long> period_days;  ///< unset: per step
};

/// Per step without `period`; per period of whole days from the plan's start with one.
/// invalid_argument_error for a period that is not a whole number of days from 1 up.
dispensing dispense(realized_schedule r, std::optional<duration> period = std::nullopt);

}  // namespace taper
