#include "inputs.hpp"
#include "../detail/number_reading.hpp"
#include "../detail/text.hpp"

#include <taper/units/io.hpp>
#include <taper/units/parse.hpp>

#include <charconv>
#include <cmath>

namespace taper::cli {
namespace {

using detail::ends_with_ci;
using detail::read_number;
using detail::split_on;

using detail::trim;

[[noreturn]] void fail(std::string_view option, std::string_view text, const std::string& problem) {
    throw input_error(std::string(option) + ": cannot use \"" + std::string(text) + "\": " + problem);
}

std::vector<std::string_view> words(std::string_view text) {
    std::vector<std::string_view> out;
    for (auto w : split_on(text, " \t"))
        if (!w.empty()) out.push_back(w);
    return out;
}

// Words first..last-1 with the spaces between them, as written.
std::string_view span_of(const std::vector<std::string_view>& w, std::size_t first, std::size_t last) {
    const char* begin = w[first].data();
    const char* end = w[last - 1].data() + w[last - 1].size();
    return {begin, static_cast<std::size_t>(end - begin)};
}

std::optional<int> read_int(std::string_view t) {
    int v = 0;
    auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || ec != std::errc{} || ptr != t.data() + t.size()) return std::nullopt;
    return v;
}

}  // namespace

int parse_whole_number(std::string_view option, std::string_view text) {
    const auto v = read_int(text);
    if (!v) fail(option, text, "expected a whole number, e.g. 12");
    return *v;
}

mass mass_option(std::string_view option, std::string_view text) {
    return for_option(option, [&] { return parse_mass(text); });
}

duration duration_option(std::string_view option, std::string_view text) {
    return for_option(option, [&] { return parse_duration(text); });
}

volume volume_option(std::string_view option, std::string_view text) {
    return for_option(option, [&] { return parse_volume(text); });
}

double parse_number(std::string_view option, std::string_view text) {
    const auto v = read_number(text);
    if (!v) fail(option, text, "expected a finite number, e.g. 0.025 or 1/40");
    return *v;
}

step_size parse_step_size(std::string_view option, std::string_view text) {
    const std::string_view t = trim(text);
    constexpr std::string_view expected =
        "expected occupancy points (\"5pp\"), a percentage (\"10%\") or an amount (\"2.5mg\")";
    step_size out;
    std::string_view number_part;
    for (std::string_view suffix : {"percentage points", "points", "point", "pp"}) {
        if (ends_with_ci(t, suffix)) {
            out.unit = step_size::kind::points;
            number_part = t.substr(0, t.size() - suffix.size());
            break;
        }
    }
    if (number_part.empty() && ends_with_ci(t, "%")) {
        out.unit = step_size::kind::percent;
        number_part = t.substr(0, t.size() - 1);
    }
    if (!number_part.empty() || out.unit != step_size::kind::amount) {
        const auto v = read_number(number_part);
        if (!v) fail(option, text, std::string(expected) + "; the number is missing or not finite");
        if (*v <= 0 || *v >= 100)
            fail(option, text,
                 std::string(out.unit == step_size::kind::points ? "occupancy points" : "a percentage") +
                     " must be more than 0 and less than 100");
        out.number = *v;
        return out;
    }
    if (t.empty()) fail(option, text, std::string(expected));
    try {
        out.amount = parse_mass(t);
    } catch (const parse_error&) {
        fail(option, text, std::string(expected));
    }
    if (out.amount.value() <= 0) fail(option, text, "a step of 0 mg changes nothing; expected more than 0 mg");
    return out;
}

std::vector<timed_dose> parse_split(std::string_view option, std::string_view text) {
    std::vector<timed_dose> out;
    for (auto part : split_on(text, ",+")) {
        const auto w = words(part);
        if (w.size() < 2)
            fail(option, text, "each part needs a dose and a time of day, e.g. \"1mg morning, 1mg night\"");
        std::optional<timed_dose> found;
        // "<dose> <time>": the dose is the first word or two ("1mg", "1 mg"); or the reverse.
        for (std::size_t n = 1; n <= 2 && n < w.size() && !found; ++n) {
            try {
                found = timed_dose{std::string(span_of(w, n, w.size())), parse_mass(span_of(w, 0, n))};
            } catch (const parse_error&) {
            }
        }
        for (std::size_t n = 1; n <= 2 && n < w.size() && !found; ++n) {
            try {
                found = timed_dose{std::string(span_of(w, 0, w.size() - n)),
                                   parse_mass(span_of(w, w.size() - n, w.size()))};
            } catch (const parse_error&) {
            }
        }
        if (!found)
            fail(option, text, "\"" + std::string(part) +
                                   "\" is not a dose and a time of day, e.g. \"1mg morning\" or \"500 mcg night\"");
        out.push_back(std::move(*found));
    }
    return out;
}

hold parse_hold(std::string_view option, std::string_view text) {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos)
        fail(option, text, "expected STEP:LENGTH, e.g. \"3:4w\" (after step 3, stay 4 more weeks)");
    const auto number = read_int(trim(text.substr(0, colon)));
    if (!number || *number < 1)
        fail(option, text, "the step before the colon must be a whole number from 1, e.g. \"3:4w\"");
    hold h;
    h.after_step = *number;
    h.length = duration_option(option, trim(text.substr(colon + 1)));
    return h;
}

}  // namespace taper::cli
