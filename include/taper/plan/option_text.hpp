#pragma once
// Strategy options written as text, read by the kind their schema gives them, so that a front
// end (the CLI's flags, a configuration file) needs no knowledge of any one strategy:
//
//   const taper::strategy_schema& s = registry.find("hyperbolic")->schema;
//   taper::set_option_text(s, options, "occupancy_floor", "10pp");
//   taper::set_step_text(s, options, "5pp");   // the step_size option of kind occupancy points
//
// The forms each kind reads: mass "2.5mg" / "500 mcg"; percent "10%" or "10"; occupancy
// points "5pp", "5 points" or "5"; fraction "0.025" or "1/40"; days "28d", "4w"; choice the
// text itself; occupancy list "80,70,60" (each may end in % or pp); table rows
// "20mg,15mg:8w,10mg" (a daily dose, optionally ":" and its length).
#include <taper/plan/option_schema.hpp>
#include <taper/plan/options.hpp>

#include <string_view>

namespace taper {

/// `text` as a value of `kind`. Throws parse_error naming the text and what was expected.
option_value parse_option_value(option_kind kind, std::string_view text);

/// The kind a step size is written in: "5pp" / "5 points" occupancy points, "10%" a
/// percentage, anything else a mass.
option_kind step_text_kind(std::string_view text) noexcept;

/// The option of `schema` that sets the size of each step in `kind`, or nullptr.
const option_spec* step_option(const strategy_schema& schema, option_kind kind) noexcept;

/// Sets option `name` from `text`, read by the kind `schema` gives it. A name the schema does
/// not have is set as plain text, so that resolve_options() reports it (with the nearest
/// name). Throws parse_error for text that does not read as the kind.
void set_option_text(const strategy_schema& schema, strategy_options& options, std::string_view name,
                     std::string_view text);

/// Sets the schema's step-size option of the kind `text` is written in. Throws
/// strategy_error (option() names the kind's usual option) when the strategy has no step
/// size of that kind, and parse_error for unreadable text. Returns the option's name.
std::string set_step_text(const strategy_schema& schema, std::string_view strategy, strategy_options& options,
                          std::string_view text);

}  // namespace taper
