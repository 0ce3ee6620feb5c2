// Strategy options from text: see include/taper/plan/option_text.hpp.
#include <taper/plan/option_text.hpp>

#include <taper/error.hpp>
#include <taper/units/parse.hpp>

#include "../detail/number_reading.hpp"

#include <array>
#include <string>

namespace taper {
namespace {

using detail::ends_with_ci;
using detail::read_number;
using detail::trim_blanks;

[[noreturn]] void unreadable(std::string_view text, std::string expected) {
    throw parse_error(std::string(text), std::move(expected), "it does not read as that");
}

// A number, optionally followed by one of `suffixes` (spaces allowed before it).
template <std::size_t N>
double number_with_suffix(std::string_view text, const std::array<std::string_view, N>& suffixes,
                          const std::string& expected) {
    std::string_view t = trim_blanks(text);
    for (const std::string_view suffix : suffixes)
        if (ends_with_ci(t, suffix)) {
            t = trim_blanks(t.substr(0, t.size() - suffix.size()));
            break;
        }
    const auto v = read_number(t);
    if (!v) unreadable(text, expected);
    return *v;
}

constexpr std::array<std::string_view, 5> point_suffixes{"percentage points", "points", "point", "pp", "%"};
constexpr std::array<std::string_view, 1> percent_suffix{"%"};

}  // namespace

option_value parse_option_value(option_kind kind, std::string_view text) {
    switch (kind) {
        case option_kind::milligrams: return parse_mass(text);
        case option_kind::percentage:
            return percent(number_with_suffix(text, percent_suffix, "a percentage, e.g. 10%") * units::percent_of_dose);
        case option_kind::points:
            return number_with_suffix(text, point_suffixes, "occupancy points, e.g. 5pp") * units::points;
        case option_kind::fraction: {
            const auto v = read_number(text);
            if (!v) unreadable(text, "a fraction, e.g. 0.025 or 1/40");
            return percent(*v * units::fraction);
        }
        case option_kind::days: return parse_duration(text);
        case option_kind::choice: return std::string(trim_blanks(text));
        case option_kind::occupancy_list: {
            std::vector<occupancy_points> out;
            for (const auto part : detail::split_on(text, ","))
                out.push_back(number_with_suffix(part, point_suffixes,
                                                 "occupancy levels separated by commas, e.g. 80,70,60") *
                              units::points);
            return out;
        }
        case option_kind::table_rows: {
            std::vector<table_row> out;
            for (const auto part : detail::split_on(text, ",")) {
                if (part.empty()) unreadable(text, "daily doses separated by commas, e.g. 20mg,15mg:8w,10mg");
                table_row row;
                const auto colon = part.find(':');
                row.daily_dose = parse_mass(trim_blanks(part.substr(0, colon)));
                if (colon != std::string_view::npos) row.length = parse_duration(trim_blanks(part.substr(colon + 1)));
                out.push_back(row);
            }
            return out;
        }
    }
    unreadable(text, "a value");
}

option_kind step_text_kind(std::string_view text) noexcept {
    const std::string_view t = trim_blanks(text);
    for (const std::string_view suffix : {"percentage points", "points", "point", "pp"})
        if (ends_with_ci(t, suffix)) return option_kind::points;
    if (ends_with_ci(t, "%")) return option_kind::percentage;
    return option_kind::milligrams;
}

const option_spec* step_option(const strategy_schema& schema, option_kind kind) noexcept {
    for (const auto& spec : schema.options)
        if (spec.role == option_role::step_size && spec.kind == kind) return &spec;
    return nullptr;
}

void set_option_text(const strategy_schema& schema, strategy_options& options, std::string_view name,
                     std::string_view text) {
    const option_spec* spec = schema.find(name);
    options.set(std::string(name), spec == nullptr ? option_value(std::string(text)) : parse_option_value(spec->kind, text));
}

std::string set_step_text(const strategy_schema& schema, std::string_view strategy, strategy_options& options,
                          std::string_view text) {
    const option_kind kind = step_text_kind(text);
    const option_spec* spec = step_option(schema, kind);
    if (spec == nullptr) {
        std::string takes;
        for (const auto& s : schema.options)
            if (s.role == option_role::step_size)
                takes += (takes.empty() ? "" : ", ") + s.name + " (" + std::string(to_string(s.kind)) + ")";
        // The name a step of this kind usually has, so that front ends can point at their flag.
        const std::string usual = kind == option_kind::points       ? "points"
                                  : kind == option_kind::percentage ? "percent"
                                                                    : "amount";
        throw strategy_error(std::string(strategy) + " strategy: the option \"" + usual +
                                 "\" does not apply to it: it takes no step size of kind " +
                                 std::string(to_string(kind)) +
                                 (takes.empty() ? std::string(" (it takes no step size)") : " (it takes " + takes + ")"),
                             option_detail(usual, std::string(text),
                                           takes.empty() ? std::string("no step size") : takes));
    }
    options.set(spec->name, parse_option_value(kind, text));
    return spec->name;
}

}  // namespace taper
