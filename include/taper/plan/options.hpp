#pragma once
// Strategy options as an open set of typed values, set by name.
//
//   taper::strategy_options o;
//   o.set("points", 5.0 * taper::units::points);          // occupancy points
//   o.set("percent", 10.0 * taper::units::percent_of_dose);
//   o.set("final_fraction", 0.025 * taper::units::fraction);
//   o.set("curve", std::string("proportional"));
//
// What a strategy accepts (names, kinds, defaults, bounds) is its schema (option_schema.hpp);
// the set itself knows nothing of any strategy, so a new option needs no change here.
#include <taper/units/proportions.hpp>
#include <taper/units/quantities.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace taper {

/// One row of a user's own table of doses.
struct table_row {
    mass daily_dose;
    std::optional<duration> length;  ///< default: the request's interval
};

/// What an option's value is, with its unit kind. The names (to_string) are stable: the CLI,
/// the JSON schema, the C ABI and the bindings use them. (The enumerators are not named like
/// the quantity types they hold, which they would shadow.)
enum class option_kind {
    milligrams,        ///< "mass": a taper::mass, mg (of the plan's basis)
    percentage,        ///< "percent": a taper::percent, a share of a dose
    points,            ///< "occupancy_points": taper::occupancy_points, occupancy or a change in it
    fraction,          ///< "fraction": a share of a dose written as 0..1 (held as a percent)
    days,              ///< "days": a length of time
    choice,            ///< "choice": one text out of the option's choices
    occupancy_list,    ///< "occupancy_list": occupancy levels, in points
    table_rows,        ///< "table_rows": daily doses, each with an optional length
};

/// "mass", "percent", "occupancy_points", "fraction", "days", "choice", "occupancy_list", "table_rows".
std::string_view to_string(option_kind kind) noexcept;
/// The kind with that name, or nullopt.
std::optional<option_kind> option_kind_named(std::string_view name) noexcept;

/// A typed option value. A `fraction` option holds a `percent` (the same dimension); read it
/// with `in(p, units::fraction)`.
using option_value = std::variant<mass, percent, occupancy_points, duration, std::string,
                                  std::vector<occupancy_points>, std::vector<table_row>>;

/// Whether `value` is of the type an option of `kind` holds.
bool holds_kind(const option_value& value, option_kind kind) noexcept;

/// Options by name. Setting a name again replaces its value.
class strategy_options {
public:
    strategy_options() = default;

    // The members that touch the map are defined in src/plan/strategy_options.cpp: every
    // translation unit that includes this header would otherwise instantiate the map's and
    // the set's insert and erase (a tenth of the umbrella header's compile time).
    strategy_options& set(std::string name, option_value value);
    /// Sets a schema's default (resolve_options does): given() tells it from a value set.
    strategy_options& set_default(std::string name, option_value value);
    bool erase(std::string_view name);
    /// Set, and not by a default: for strategies whose options exclude each other.
    bool given(std::string_view name) const noexcept;
    const option_value* find(std::string_view name) const noexcept;
    option_value* find(std::string_view name) noexcept;
    bool contains(std::string_view name) const noexcept { return find(name) != nullptr; }
    /// The value as a T, if it is set and holds a T.
    template <class T>
    std::optional<T> get(std::string_view name) const {
        const option_value* v = find(name);
        if (v == nullptr) return std::nullopt;
        if (const T* t = std::get_if<T>(v)) return *t;
        return std::nullopt;
    }
    bool empty() const noexcept { return values_.empty(); }
    std::size_t size() const noexcept { return values_.size(); }
    using const_iterator = std::map<std::string, option_value, std::less<>>::const_iterator;
    const_iterator begin() const noexcept;
    const_iterator end() const noexcept;

private:
    std::map<std::string, option_value, std::less<>> values_;
    std::set<std::string, std::less<>> defaulted_;
};

}  // namespace taper
