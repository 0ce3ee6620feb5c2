// Strategy option schemas as JSON: see include/taper/io/strategy_schema_json.hpp.
#include <taper/io/strategy_schema_json.hpp>

#include <taper/plan/registry.hpp>
#include <taper/units/access.hpp>

#include <nlohmann/json.hpp>

namespace taper {
namespace {

using json = nlohmann::ordered_json;

// A value in the numbers of its kind's unit (number_unit): numbers, text, lists, rows.
json value_json(const option_value& value, option_kind kind) {
    if (const auto number = option_number(value, kind)) return *number;
    if (const auto* text = std::get_if<std::string>(&value)) return *text;
    if (const auto* list = std::get_if<std::vector<occupancy_points>>(&value)) {
        json out = json::array();
        for (const auto& p : *list) out.push_back(in(p, units::points));
        return out;
    }
    if (const auto* rows = std::get_if<std::vector<table_row>>(&value)) {
        json out = json::array();
        for (const auto& row : *rows)
            out.push_back({{"daily_dose_mg", in(row.daily_dose, units::mg)},
                           {"length_days", row.length ? json(in(*row.length, units::day)) : json(nullptr)}});
        return out;
    }
    return nullptr;
}

json bound_json(const std::optional<option_bound>& bound, option_kind kind) {
    if (!bound) return nullptr;
    return {{"value", value_json(bound->value, bound_kind(kind))}, {"inclusive", bound->inclusive}};
}

json definition_json(const strategy_definition& d) {
    json options = json::array();
    for (const option_spec& spec : d.schema.options) {
        json choices = json::array();
        for (const auto& c : spec.choices) choices.push_back(c);
        options.push_back({{"name", spec.name},
                           {"kind", to_string(spec.kind)},
                           {"unit", number_unit(spec.kind)},
                           {"description", spec.description},
                           {"required", spec.required},
                           {"default", spec.default_value ? value_json(*spec.default_value, spec.kind) : json(nullptr)},
                           {"minimum", bound_json(spec.minimum, spec.kind)},
                           {"maximum", bound_json(spec.maximum, spec.kind)},
                           {"choices", choices},
                           {"role", to_string(spec.role)}});
    }
    return {{"name", d.name}, {"description", d.description}, {"open", d.schema.open}, {"options", options}};
}

}  // namespace

std::string strategy_schema_json(const strategy_definition& strategy) { return definition_json(strategy).dump(2); }

std::string strategy_schemas_json(const strategy_registry& registry) {
    json strategies = json::array();
    for (const auto* e : registry.list()) strategies.push_back(definition_json(*e));
    const json out{{"format", "taper-strategy-schemas"}, {"version", 1}, {"strategies", strategies}};
    return out.dump(2) + "\n";
}

}  // namespace taper
