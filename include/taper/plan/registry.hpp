#pragma once
// Strategies by name, at run time (for the CLI, the C ABI and the bindings).
//
//   taper::strategy_registry reg;
//   taper::register_builtin_strategies(reg);        // explicit: no static self-registration
//   taper::strategy_options o;
//   o.set("points", 5.0 * taper::units::points);
//   taper::any_strategy s = reg.make("hyperbolic", o);
//   reg.add({"my-taper", "what it does", my_schema, [](const taper::strategy_options& o) { ... }});
//   reg.find("hyperbolic")->schema;   // the options it takes: names, kinds, defaults, bounds
//
// make() checks the options against the strategy's schema (resolve_options) before its
// factory sees them, so every strategy gets the same checks and messages. Adding a name
// twice is a strategy_error; so is asking for an unknown one (with the names that exist).
// Lookups on a registry nobody is changing are safe from several threads.
#include <taper/plan/strategy_definition.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taper {

class strategy_registry {
public:
    using entry = strategy_definition;

    /// Throws strategy_error if the name is empty or taken, or the factory is empty.
    void add(strategy_definition definition);
    /// Declares one more option of a registered strategy, and closes its schema (options it
    /// does not declare are then refused): for strategies written in another language, which
    /// register first and declare their options one by one (the C ABI). Throws strategy_error
    /// for an unknown strategy or an option name it already has.
    void add_option(std::string_view strategy, option_spec option);
    /// The entry, or nullptr.
    const entry* find(std::string_view name) const noexcept;
    /// Make a strategy: checks `options` against its schema, fills in the defaults and calls
    /// its factory. Throws strategy_error for an unknown name (listing known ones) and for
    /// options the strategy cannot use (strategy_error::option() names the option).
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
