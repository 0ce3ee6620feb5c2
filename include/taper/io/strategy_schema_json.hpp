#pragma once
// Strategy option schemas as JSON (docs/strategy-options.md gives the format), for
// `taper strategies --format json`, the C ABI and the bindings.
//
//   std::string all = taper::strategy_schemas_json(taper::builtin_strategies());
#include <string>

namespace taper {

struct strategy_definition;
class strategy_registry;

/// One strategy: {"name", "description", "open", "options": [...]}.
std::string strategy_schema_json(const strategy_definition& strategy);

/// Every strategy of `registry`, sorted by name: {"format": "taper-strategy-schemas",
/// "version": 1, "strategies": [...]}.
std::string strategy_schemas_json(const strategy_registry& registry);

}  // namespace taper
