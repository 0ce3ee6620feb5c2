// Strategies by name: see include/taper/plan/registry.hpp.
#include <taper/plan/registry.hpp>
#include "../detail/text.hpp"

#include <taper/error.hpp>

#include <algorithm>
#include <utility>

namespace taper {
namespace {

using detail::edit_distance;

}  // namespace

void strategy_registry::add(std::string name, std::string description, strategy_factory factory) {
    if (name.find_first_not_of(" \t") == std::string::npos)
        throw strategy_error("strategy registry: a strategy needs a name that is not empty",
                             error_detail{error_code::strategy_registration, {}, "a name", {}, {}});
    if (!factory)
        throw strategy_error("strategy registry: the strategy \"" + name + "\" needs a factory that makes it",
                             error_detail{error_code::strategy_registration, name, "a factory", {}, {}});
    if (entries_.contains(name))
        throw strategy_error("strategy registry: a strategy named \"" + name + "\" is already registered",
                             error_detail{error_code::strategy_registration, name, "a name not yet registered", {}, {}});
    entry e{name, std::move(description), std::move(factory)};
    entries_.emplace(std::move(name), std::move(e));
}

const strategy_registry::entry* strategy_registry::find(std::string_view name) const noexcept {
    const auto it = entries_.find(name);
    return it == entries_.end() ? nullptr : &it->second;
}

any_strategy strategy_registry::make(std::string_view name, const strategy_options& options) const {
    if (const entry* e = find(name)) return e->make(options);

    std::string known;
    std::string nearest;
    std::size_t best = std::string_view::npos;
    for (const auto& [key, e] : entries_) {
        if (!known.empty()) known += ", ";
        known += key;
        const std::size_t d = edit_distance(name, key);
        if (d < best) {
            best = d;
            nearest = key;
        }
    }
    std::string message = "unknown strategy \"" + std::string(name) + "\"";
    error_detail detail{error_code::unknown_strategy, std::string(name), known, {}, {}};
    // Close enough to be a slip: a third of the name's letters, at least two.
    if (!nearest.empty() && best <= std::max<std::size_t>(2, nearest.size() / 3)) {
        message += "; did you mean \"" + nearest + "\"?";
        detail.suggestions.push_back(nearest);
    }
    message += known.empty() ? std::string(" (no strategies are registered)") : " (known: " + known + ")";
    throw strategy_error(message, std::move(detail));
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
