#pragma once
// What a strategy accepts: each option's name, kind (with its unit), default, bounds and a
// one-line description. Every strategy declares its schema in its own source file; the
// registry hands schemas out (taper strategies --format json, the C ABI, the bindings), and
// resolve_options() checks a set of options against one, in one place for every strategy:
// unknown names (with the nearest known name), values of the wrong kind, values out of
// bounds, unknown choices, missing required options.
#include <taper/plan/options.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taper {

/// What an option does beyond its value, so that generic front ends can map their own
/// settings onto it without naming strategies.
enum class option_role {
    none,
    step_size,    ///< the size of each step (the CLI's --step picks the one of its kind)
    step_length,  ///< the length of each step (a request's explicit interval sets it)
};
/// "none", "step_size", "step_length".
std::string_view to_string(option_role role) noexcept;

/// A limit on an option's value; for a list, on each item, in bound_kind(kind).
struct option_bound {
    option_value value;
    bool inclusive = true;
};

struct option_spec {
    std::string name;         ///< lower_snake_case
    option_kind kind = option_kind::milligrams;
    std::string description;  ///< one line
    /// Used when the option is not given. None: the option is unset unless given (the
    /// description says what that means), or it is required.
    std::optional<option_value> default_value{};
    bool required = false;
    std::optional<option_bound> minimum{};
    std::optional<option_bound> maximum{};
    std::vector<std::string> choices{};  ///< for option_kind::choice
    option_role role = option_role::none;
};

struct strategy_schema {
    std::vector<option_spec> options{};
    /// Accepts options it does not declare, unchecked: for strategies written in another
    /// language that read their options themselves (the C ABI's custom strategies).
    bool open = false;

    const option_spec* find(std::string_view name) const noexcept;
};

/// Checks `given` against `schema` and returns it with the defaults filled in. Throws
/// strategy_error (its option() names the option) for an unknown name (suggesting the
/// nearest), a value of the wrong kind, a value out of bounds, a choice not offered or a
/// required option not given. `strategy` names the strategy in messages.
strategy_options resolve_options(const strategy_schema& schema, std::string_view strategy,
                                 const strategy_options& given);

/// Checks one value against one option (as resolve_options does for each).
void check_option(const option_spec& spec, std::string_view strategy, const option_value& value);

// ---- numbers at the boundaries (C ABI, JSON, bindings) -----------------------------------
// Each kind has one unit for plain numbers: mg, percent, occupancy points, a fraction (0..1),
// days. Lists and tables are not plain numbers.

/// The kind bounds are written in: a list's items (occupancy points for an occupancy list),
/// else the kind itself.
option_kind bound_kind(option_kind kind) noexcept;

/// The kind's unit for plain numbers: "mg", "%", "pp", "fraction", "days"; empty for the rest.
std::string_view number_unit(option_kind kind) noexcept;
/// A value of `kind` from a number in number_unit(kind). Throws invalid_argument_error for
/// kinds that are not numbers.
option_value option_from_number(option_kind kind, double number);
/// The number in number_unit(kind) of a scalar value of that kind, or nullopt.
std::optional<double> option_number(const option_value& value, option_kind kind) noexcept;

/// "5 pp", "10%", "2.5 mg", "0.025", "28 days", "proportional", "80, 70 pp", "3 rows".
std::string describe_value(const option_value& value, option_kind kind);

}  // namespace taper
