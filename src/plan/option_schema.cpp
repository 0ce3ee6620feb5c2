// Option kinds and schema checks: see include/taper/plan/option_schema.hpp.
#include <taper/plan/option_schema.hpp>

#include <taper/error.hpp>
#include <taper/units/access.hpp>
#include <taper/units/io.hpp>

#include "../detail/nearest.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace taper {
namespace {

constexpr std::array<std::pair<option_kind, std::string_view>, 8> kind_names{{
    {option_kind::milligrams, "mass"},
    {option_kind::percentage, "percent"},
    {option_kind::points, "occupancy_points"},
    {option_kind::fraction, "fraction"},
    {option_kind::days, "days"},
    {option_kind::choice, "choice"},
    {option_kind::occupancy_list, "occupancy_list"},
    {option_kind::table_rows, "table_rows"},
}};

// What a value of each kind is, for "expected ..." messages.
std::string_view kind_phrase(option_kind kind) {
    switch (kind) {
        case option_kind::milligrams: return "a mass (mg)";
        case option_kind::percentage: return "a percentage";
        case option_kind::points: return "receptor occupancy points";
        case option_kind::fraction: return "a share of a dose";
        case option_kind::days: return "a number of days";
        case option_kind::choice: return "one of its choices";
        case option_kind::occupancy_list: return "a list of occupancy levels";
        case option_kind::table_rows: return "rows of daily doses";
    }
    return "a value";
}

// The kind a value's type belongs to (percent values may also be fractions).
option_kind kind_of_value(const option_value& v) {
    switch (v.index()) {
        case 0: return option_kind::milligrams;
        case 1: return option_kind::percentage;
        case 2: return option_kind::points;
        case 3: return option_kind::days;
        case 4: return option_kind::choice;
        case 5: return option_kind::occupancy_list;
        default: return option_kind::table_rows;
    }
}

std::string prefix(std::string_view strategy, std::string_view option) {
    return std::string(strategy) + " strategy: " + std::string(option) + ": ";
}

// One number against the spec's bounds (numbers in the kind's unit): "expected a percentage
// between 0 and 100 (exclusive), not 150%".
void check_number(const option_spec& spec, std::string_view strategy, double number, const option_value& shown) {
    const option_kind kind = bound_kind(spec.kind);
    const auto number_of = [&](const option_bound& b) { return option_number(b.value, kind).value_or(0.0); };
    const bool below = spec.minimum && (spec.minimum->inclusive ? number < number_of(*spec.minimum)
                                                                : number <= number_of(*spec.minimum));
    const bool above = spec.maximum && (spec.maximum->inclusive ? number > number_of(*spec.maximum)
                                                                : number >= number_of(*spec.maximum));
    if (std::isfinite(number) && !below && !above) return;
    const auto shown_bound = [&](const option_bound& b) {
        const std::string unit(kind == option_kind::milligrams ? " mg" : kind == option_kind::days ? " days" : "");
        return format_number(number_of(b)) + unit;
    };
    std::string range;
    if (spec.minimum && spec.maximum) {
        const bool low = spec.minimum->inclusive;
        const bool high = spec.maximum->inclusive;
        if (!low && !high)
            range = " between " + shown_bound(*spec.minimum) + " and " + shown_bound(*spec.maximum) + " (exclusive)";
        else if (low && high)
            range = " from " + shown_bound(*spec.minimum) + " to " + shown_bound(*spec.maximum);
        else
            range = std::string(low ? " of at least " : " of more than ") + shown_bound(*spec.minimum) +
                    (high ? " and at most " : " and less than ") + shown_bound(*spec.maximum);
    } else if (spec.minimum) {
        range = std::string(spec.minimum->inclusive ? " of at least " : " of more than ") + shown_bound(*spec.minimum);
    } else if (spec.maximum) {
        range = std::string(spec.maximum->inclusive ? " of at most " : " of less than ") + shown_bound(*spec.maximum);
    } else {
        range = " that is a finite number";
    }
    const std::string expected = std::string(kind_phrase(kind)) + range;
    throw strategy_error(prefix(strategy, spec.name) + "expected " + expected + ", not " + describe_value(shown, kind),
                         option_detail(spec.name, describe_value(shown, kind), expected));
}

}  // namespace

std::string_view to_string(option_kind kind) noexcept {
    for (const auto& [k, name] : kind_names)
        if (k == kind) return name;
    return "unknown";
}

std::optional<option_kind> option_kind_named(std::string_view name) noexcept {
    for (const auto& [k, n] : kind_names)
        if (n == name) return k;
    return std::nullopt;
}

std::string_view to_string(option_role role) noexcept {
    switch (role) {
        case option_role::none: return "none";
        case option_role::step_size: return "step_size";
        case option_role::step_length: return "step_length";
    }
    return "none";
}

bool holds_kind(const option_value& value, option_kind kind) noexcept {
    if (kind == option_kind::fraction) return std::holds_alternative<percent>(value);
    return kind_of_value(value) == kind;
}

const option_spec* strategy_schema::find(std::string_view name) const noexcept {
    const auto it = std::find_if(options.begin(), options.end(), [&](const option_spec& s) { return s.name == name; });
    return it == options.end() ? nullptr : &*it;
}

option_kind bound_kind(option_kind kind) noexcept {
    return kind == option_kind::occupancy_list ? option_kind::points : kind;
}

std::string_view number_unit(option_kind kind) noexcept {
    switch (kind) {
        case option_kind::milligrams: return "mg";
        case option_kind::percentage: return "%";
        case option_kind::points: return "pp";
        case option_kind::fraction: return "fraction";
        case option_kind::days: return "days";
        default: return "";
    }
}

option_value option_from_number(option_kind kind, double number) {
    switch (kind) {
        case option_kind::milligrams: return number * units::mg;
        case option_kind::percentage: return percent(number * units::percent_of_dose);
        case option_kind::points: return number * units::points;
        case option_kind::fraction: return percent(number * units::fraction);
        case option_kind::days: return number * units::day;
        default:
            throw invalid_argument_error("an option of kind " + std::string(to_string(kind)) +
                                         " is not a single number");
    }
}

std::optional<double> option_number(const option_value& value, option_kind kind) noexcept {
    if (!holds_kind(value, kind)) return std::nullopt;
    switch (kind) {
        case option_kind::milligrams: return in(std::get<mass>(value), units::mg);
        case option_kind::percentage: return in(std::get<percent>(value), units::percent_of_dose);
        case option_kind::points: return in(std::get<occupancy_points>(value), units::points);
        case option_kind::fraction: return in(std::get<percent>(value), units::fraction);
        case option_kind::days: return in(std::get<duration>(value), units::day);
        default: return std::nullopt;
    }
}

std::string describe_value(const option_value& value, option_kind kind) {
    if (const auto number = option_number(value, kind)) {
        switch (kind) {
            case option_kind::milligrams: return format_number(*number) + " mg";
            case option_kind::percentage: return format_number(*number) + "%";
            case option_kind::points: return format_number(*number) + " pp";
            case option_kind::days: return format_number(*number) + (*number == 1 ? " day" : " days");
            default: return format_number(*number);
        }
    }
    if (const auto* text = std::get_if<std::string>(&value)) return "\"" + *text + "\"";
    if (const auto* list = std::get_if<std::vector<occupancy_points>>(&value)) {
        std::string out;
        for (const auto& p : *list) out += (out.empty() ? "" : ", ") + format_number(in(p, units::points));
        return out + " pp";
    }
    if (const auto* rows = std::get_if<std::vector<table_row>>(&value))
        return std::to_string(rows->size()) + (rows->size() == 1 ? " row" : " rows");
    return "a value of another kind";
}

void check_option(const option_spec& spec, std::string_view strategy, const option_value& value) {
    if (!holds_kind(value, spec.kind)) {
        const std::string expected =
            std::string(kind_phrase(spec.kind)) + " (kind " + std::string(to_string(spec.kind)) + ")";
        throw strategy_error(prefix(strategy, spec.name) + "expected " + expected + ", not " +
                                 std::string(kind_phrase(kind_of_value(value))),
                             option_detail(spec.name, describe_value(value, kind_of_value(value)), expected));
    }
    if (const auto number = option_number(value, spec.kind)) {
        check_number(spec, strategy, *number, value);
        return;
    }
    if (spec.kind == option_kind::choice) {
        const std::string& text = std::get<std::string>(value);
        if (std::find(spec.choices.begin(), spec.choices.end(), text) != spec.choices.end()) return;
        std::string offered;
        for (const auto& c : spec.choices) offered += (offered.empty() ? "\"" : ", \"") + c + "\"";
        std::string message = prefix(strategy, spec.name) + "expected one of " + offered + ", not \"" + text + "\"";
        std::vector<std::string> suggestions;
        if (std::string near = detail::nearest_name(text, spec.choices); !near.empty()) {
            message += "; did you mean \"" + near + "\"?";
            suggestions.push_back(std::move(near));
        }
        throw strategy_error(message, option_detail(spec.name, text, "one of " + offered, std::move(suggestions)));
    }
    if (spec.kind == option_kind::occupancy_list) {
        const auto& list = std::get<std::vector<occupancy_points>>(value);
        if (list.empty())
            throw strategy_error(prefix(strategy, spec.name) + "expected at least one occupancy level",
                                 option_detail(spec.name, "an empty list", "at least one occupancy level"));
        for (const auto& p : list) check_number(spec, strategy, in(p, units::points), option_value(p));
    }
    // Table rows: the strategy checks its rows (order, lengths) itself.
}

strategy_options resolve_options(const strategy_schema& schema, std::string_view strategy,
                                 const strategy_options& given) {
    for (const auto& [name, value] : given) {
        const option_spec* spec = schema.find(name);
        if (spec == nullptr) {
            if (schema.open) continue;
            std::vector<std::string> names;
            std::string takes;
            for (const auto& s : schema.options) {
                names.push_back(s.name);
                takes += (takes.empty() ? "" : ", ") + s.name;
            }
            std::string message = std::string(strategy) + " strategy: the option \"" + name + "\" does not apply to it";
            std::vector<std::string> suggestions;
            if (std::string near = detail::nearest_name(name, names); !near.empty()) {
                message += "; did you mean \"" + near + "\"?";
                suggestions.push_back(std::move(near));
            }
            const std::string expected = takes.empty() ? std::string("no options") : takes;
            message += " (it takes " + expected + ")";
            throw strategy_error(message, option_detail(name, name, expected, std::move(suggestions)));
        }
        check_option(*spec, strategy, value);
    }
    strategy_options resolved = given;
    for (const auto& spec : schema.options) {
        if (resolved.contains(spec.name)) continue;
        if (spec.required)
            throw strategy_error(std::string(strategy) + " strategy: needs the option \"" + spec.name + "\" (" +
                                     spec.description + ")",
                                 option_detail(spec.name, "", std::string(kind_phrase(spec.kind))));
        if (spec.default_value) resolved.set_default(spec.name, *spec.default_value);
    }
    return resolved;
}

}  // namespace taper
