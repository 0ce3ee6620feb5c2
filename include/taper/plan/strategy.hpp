#pragma once
// What a strategy is: given the request and the steps so far, propose the next target dose
// or stop. The planner (planner.hpp) owns dates, limits, warnings and the stop step; a
// strategy only says where the dose should go next.
//
// Compile time: anything that satisfies the `Strategy` concept.
// Run time: `any_strategy`, a type-erased value that holds any Strategy (and what the
// registry hands out by name). A strategy may have `void validate() const`, throwing
// strategy_error (naming the option) for settings it cannot use: any_strategy calls it once.
#include <taper/drugs/drug.hpp>
#include <taper/plan/request.hpp>
#include <taper/plan/schedule.hpp>
#include <taper/plan/step.hpp>

#include <concepts>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace taper {

/// The next dose a strategy wants.
struct target {
    // A constructor of its own, so that making one (a strategy makes one a step) runs the
    // member initializers only: value-initializing a class without one first clears all of
    // its bytes, which GCC does with a `rep stos` of the whole object.
    target() noexcept {}

    /// Daily dose in the plan's basis (own mg, or diazepam-equivalent mg).
    mass daily_dose;
    step_phase phase = step_phase::reduce;
    /// Overrides the request's interval for this step.
    std::optional<duration> length{};
    /// Explicit doses per time and drug (crossovers). Empty: the planner splits daily_dose
    /// over the request's dose-times in the same proportions as the starting dose.
    std::vector<dose_line> doses{};
    dose_basis basis = dose_basis::own_mg;
    /// Why the target is what it is, if worth saying (copied onto the step).
    std::optional<message> note{};
    /// Strategies written in C, Python or Swift: their note as free text (kept on the plan and
    /// referred to by a strategy_text message). Built-in strategies use `note`.
    std::string note_text{};
    /// The strategy's own position (row, day), copied onto the step as step::progress.
    int progress = 0;
};

/// Everything a strategy may read. Plain references: valid for one planning call.
struct plan_context {
    const drug& subject;
    const plan_request& request;
    const occupancy_model* model;  ///< nullptr when the drug has no usable model

    /// Daily dose the plan starts from, in the drug's own mg.
    mass start_dose() const { return request.daily_dose; }
    /// The most recent daily dose in `basis` units: the last step's, or the start.
    mass latest(std::span<const step> done, mass start) const {
        return done.empty() ? start : done.back().equivalent_daily_dose;
    }
    /// The model, or plan_error saying the strategy needs one (and suggesting proportional).
    const occupancy_model& require_model(std::string_view strategy) const;
};

/// The compile-time plug-in point.
template <class S>
concept Strategy = std::copy_constructible<S> &&
    requires(const S& s, const plan_context& ctx, std::span<const step> done) {
        { s.name() } -> std::convertible_to<std::string_view>;
        { s.next(ctx, done) } -> std::same_as<std::optional<target>>;
    };

/// A strategy value whose type is decided at run time. Copyable; cheap to copy (shared,
/// immutable state). Safe to use from several threads at once if the held strategy is.
class any_strategy {
public:
    // The any_strategy check comes first: Strategy<any_strategy> asks whether any_strategy is
    // copy-constructible, which would look at this constructor again (clang rejects that).
    template <class S>
        requires(!std::same_as<std::remove_cvref_t<S>, any_strategy> && Strategy<S>)
    any_strategy(S s)  // NOLINT: implicit on purpose, so any Strategy can be passed
        : self_((check(s), std::make_shared<model<S>>(std::move(s)))) {}

    std::string_view name() const { return self_->name(); }
    std::optional<target> next(const plan_context& ctx, std::span<const step> done) const {
        return self_->next(ctx, done);
    }

private:
    // A strategy with a `validate()` is checked once here, whether it was made as a C++
    // struct or by name (its factory calls the same function), so next() need not check.
    template <class S>
    static void check(const S& s) {
        if constexpr (requires { s.validate(); }) s.validate();
    }

    struct concept_t {
        virtual ~concept_t() = default;
        virtual std::string_view name() const = 0;
        virtual std::optional<target> next(const plan_context&, std::span<const step>) const = 0;
    };
    template <class S>
    struct model final : concept_t {
        explicit model(S s) : strategy(std::move(s)) {}
        std::string_view name() const override { return strategy.name(); }
        std::optional<target> next(const plan_context& c, std::span<const step> d) const override {
            return strategy.next(c, d);
        }
        S strategy;
    };
    std::shared_ptr<const concept_t> self_;
};

static_assert(Strategy<any_strategy>);

}  // namespace taper
