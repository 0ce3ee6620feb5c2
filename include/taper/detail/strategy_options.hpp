#pragma once
// Not public API. Shared by the built-in strategies' `from_options`: each strategy names
// the options it can use, and any other option that is set is an error rather than being
// silently ignored (registry.hpp).
#include <taper/error.hpp>
#include <taper/plan/registry.hpp>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace taper::detail {

/// The names of the options that are set, as strategy_options spells them.
inline std::vector<std::string> options_set(const strategy_options& o) {
    std::vector<std::string> out;
    if (o.points) out.emplace_back("points");
    if (o.percent) out.emplace_back("percent");
    if (o.amount) out.emplace_back("amount");
    if (!o.occupancy_targets.empty()) out.emplace_back("occupancy_targets");
    if (o.occupancy_floor) out.emplace_back("occupancy_floor");
    if (o.final_fraction) out.emplace_back("final_fraction");
    if (o.step_length) out.emplace_back("step_length");
    if (!o.table.empty()) out.emplace_back("table");
    if (!o.curve.empty()) out.emplace_back("curve");
    if (o.roll_length) out.emplace_back("roll_length");
    for (const auto& [key, value] : o.extra) out.push_back("extra." + key);
    return out;
}

/// Throws strategy_error naming the first option that is set but not in `allowed`.
inline void accept_only(const strategy_options& o, std::string_view strategy,
                        std::initializer_list<std::string_view> allowed) {
    for (const auto& name : options_set(o)) {
        if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
        std::string takes;
        for (auto a : allowed) {
            if (!takes.empty()) takes += ", ";
            takes += a;
        }
        throw strategy_error(std::string(strategy) + " strategy: the option \"" + name +
                                 "\" does not apply to it (it takes " +
                                 (takes.empty() ? std::string("no options") : takes) + ")",
                             error_detail{error_code::strategy_option, name, takes, name, {}});
    }
}

}  // namespace taper::detail
