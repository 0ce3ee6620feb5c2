#pragma once
// Which strategy to plan a drug with when the person has not chosen one: the policy the
// CLI, the C ABI and the bindings share.
//
//   taper::strategy_suggestion s = taper::suggest_strategy(drug);
//   // s.strategy == "hyperbolic", s.reason == "the default for a drug with an occupancy model"
//
// A hint narrows it: a step size whose kind belongs to one strategy (occupancy points:
// hyperbolic, a percentage: proportional, mg: linear), or a table of doses (table).
#include <taper/drugs/drug.hpp>
#include <taper/plan/options.hpp>

#include <optional>
#include <string>

namespace taper {

struct strategy_suggestion {
    std::string strategy;      ///< a built-in strategy's name
    strategy_options options;  ///< options to make it with beyond its defaults (often none)
    std::string reason;        ///< one line, for people: why this strategy
};

struct suggestion_hints {
    std::optional<option_kind> step_kind{};  ///< the kind of a step size the person gave
    bool has_table = false;                  ///< the person gave their own table of doses
};

/// The default strategy for `subject`: by the hints, else by the drug's class and data.
strategy_suggestion suggest_strategy(const drug& subject, const suggestion_hints& hints = {});

}  // namespace taper
