#pragma once
// What it takes to make a strategy by name: its name, a one-line description, the options it
// accepts (its schema) and a factory that makes it from options already checked against that
// schema. Each built-in strategy defines its own in its source file (src/strategies/), so a
// new option is declared, defaulted, bounded and read in that one file; the registry
// (registry.hpp) only collects definitions.
#include <taper/plan/option_schema.hpp>
#include <taper/plan/options.hpp>
#include <taper/plan/strategy.hpp>

#include <functional>
#include <string>

namespace taper {

/// Makes a strategy from options that resolve_options() has checked against its schema and
/// filled with defaults (strategy_options::given() tells a value set from a default). Throws
/// strategy_error for combinations the schema cannot express.
using strategy_factory = std::function<any_strategy(const strategy_options&)>;

struct strategy_definition {
    std::string name;
    std::string description;
    strategy_schema schema;
    strategy_factory make;
};

}  // namespace taper
