// Strategies by name: see include/taper/plan/registry.hpp.
#include <taper/plan/registry.hpp>

#include <taper/error.hpp>

#include "../detail/nearest.hpp"

#include <algorithm>
#include <utility>

namespace taper {

void strategy_registry::add(strategy_definition definition) {
    const std::string& name = definition.name;
    if (name.find_first_not_of(" \t") == std::string::npos)
        throw strategy_error("strategy registry: a strategy needs a name that is not empty",
                             error_detail{error_code::strategy_registration, {}, "a name", {}, {}});
    if (!definition.make)
        throw strategy_error("strategy registry: the strategy \"" + name + "\" needs a factory that makes it",
                             error_detail{error_code::strategy_registration, name, "a factory", {}, {}});
    if (entries_.contains(name))
        throw strategy_error("strategy registry: a strategy named \"" + name + "\" is already registered",
                             error_detail{error_code::strategy_registration, name, "a name not yet registered", {}, {}});
    std::string key = name;
    entries_.emplace(std::move(key), std::move(definition));
}

void strategy_registry::add_option(std::string_view strategy, option_spec option) {
    const auto it = entries_.find(strategy);
    if (it == entries_.end())
        throw strategy_error("strategy registry: no strategy named \"" + std::string(strategy) +
                                 "\" to declare the option \"" + option.name + "\" on",
                             error_detail{error_code::strategy_registration, std::string(strategy),
                                          "a registered strategy", option.name, {}});
    strategy_schema& schema = it->second.schema;
    if (option.name.find_first_not_of(" \t") == std::string::npos)
        throw strategy_error("strategy registry: an option of \"" + std::string(strategy) + "\" needs a name",
                             error_detail{error_code::strategy_registration, {}, "an option name", {}, {}});
    if (schema.find(option.name) != nullptr)
        throw strategy_error("strategy registry: the strategy \"" + std::string(strategy) +
                                 "\" already has an option named \"" + option.name + "\"",
                             error_detail{error_code::strategy_registration, option.name,
                                          "an option name not yet declared", option.name, {}});
    schema.options.push_back(std::move(option));
    schema.open = false;
}

const strategy_registry::entry* strategy_registry::find(std::string_view name) const noexcept {
    const auto it = entries_.find(name);
    return it == entries_.end() ? nullptr : &it->second;
}

any_strategy strategy_registry::make(std::string_view name, const strategy_options& options) const {
    if (const entry* e = find(name)) return e->make(resolve_options(e->schema, e->name, options));

    std::string known;
    std::vector<std::string> names;
    for (const auto& [key, e] : entries_) {
        if (!known.empty()) known += ", ";
        known += key;
        names.push_back(key);
    }
    std::string message = "unknown strategy \"" + std::string(name) + "\"";
    error_detail info{error_code::unknown_strategy, std::string(name), known, {}, {}};
    if (const std::string nearest = detail::nearest_name(name, names); !nearest.empty()) {
        message += "; did you mean \"" + nearest + "\"?";
        info.suggestions.push_back(nearest);
    }
    message += known.empty() ? std::string(" (no strategies are registered)") : " (known: " + known + ")";
    throw strategy_error(message, std::move(info));
}

std::vector<const strategy_registry::entry*> strategy_registry::list() const {
    std::vector<const entry*> out;
    out.reserve(entries_.size());
    for (const auto& [key, e] : entries_) out.push_back(&e);  // std::map: already sorted
    return out;
}

const strategy_registry& builtin_strategies() {
    static const strategy_registry registry = [] {
        strategy_registry r;
        register_builtin_strategies(r);
        return r;
    }();
    return registry;
}

}  // namespace taper
