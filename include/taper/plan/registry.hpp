#pragma once
// Strategies by name, at run time (for the CLI, the C ABI and the bindings).
//
//   taper::strategy_registry reg;
//   taper::register_builtin_strategies(reg);        // explicit: no static self-registration
//   taper::any_strategy s = reg.make("hyperbolic", {.points = 5});
//   reg.add("my-taper", "what it does", [](const taper::strategy_options& o) { return my_taper{...}; });
//
// Adding a name twice is a strategy_error; so is asking for an unknown one (with the names
// that exist). Lookups on a registry nobody is changing are safe from several threads.
#include <taper/plan/strategy.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taper {

/// One row of a user's own table of doses.
struct table_row {
    mass daily_dose;
    std::optional<duration> length;  ///< default: the request's interval
};

/// The settings a strategy can be made from by name. Each strategy reads what it needs and
/// rejects (strategy_error) settings it cannot use, rather than ignoring them.
struct strategy_options {
    std::optional<double> points;            ///< occupancy points per step
    std::optional<double> percent;           ///< percent per step
    std::optional<mass> amount;              ///< mg per step
    std::vector<double> occupancy_targets;   ///< explicit occupancy targets, %
    std::optional<double> occupancy_floor;   ///< %
    std::optional<double> final_fraction;    ///< of the starting dose
    std::optional<duration> step_length;     ///< a preset's own step length
    std::vector<table_row> table;            ///< the `table` strategy's rows
    std::string curve;                       ///< `tapering-strip`: "hyperbolic" or "proportional"
    std::optional<duration> roll_length;     ///< `tapering-strip`: days per roll (default 28)
    std::map<std::string, std::string> extra; ///< anything else, by name, for user strategies
};

using strategy_factory = std::function<any_strategy(const strategy_options&)>;

class strategy_registry {
public:
    struct entry {
        std::string name;
        std::string description;
        strategy_factory make;
    };

    /// Throws strategy_error if the name is empty or taken.
    void add(std::string name, std::string description, strategy_factory factory);
    /// The entry, or nullptr.
    const entry* find(std::string_view name) const noexcept;
    /// Make a strategy; throws strategy_error for an unknown name (listing known ones) and
    /// whatever the factory throws for bad options.
    any_strategy make(std::string_view name, const strategy_options& options = {}) const;
    /// All entries, sorted by name.
    std::vector<const entry*> list() const;

private:
    std::map<std::string, entry, std::less<>> entries_;
};

/// Registers linear, proportional, proportional-of-start, hyperbolic, antipsychotic,
/// diazepam-crossover, tapering-strip and table.
void register_builtin_strategies(strategy_registry& registry);

/// A registry with the built-ins, made once (for convenience; its own copy is yours).
const strategy_registry& builtin_strategies();

}  // namespace taper
