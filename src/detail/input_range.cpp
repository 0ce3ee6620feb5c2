#include "input_range.hpp"

#include <taper/error.hpp>
#include <taper/units/io.hpp>

#include <cmath>
#include <string>

namespace taper::detail {

void require_in_range(double value, double lowest, double highest, std::string_view what, std::string_view unit) {
    if (std::isfinite(value) && value >= lowest && value <= highest) return;
    const std::string u = unit.empty() ? std::string() : std::string(" ").append(unit);  // not " " + string: GCC 12 -Wrestrict false positive (bug 105329)
    const std::string expected = "a finite number from " + format_number(lowest) + u + " to " +
                                 format_number(highest) + u;
    throw invalid_argument_error(std::string(what) + " is " + format_number(value) + u + ": expected " + expected,
                                 error_detail{error_code::invalid_argument, format_number(value), expected,
                                              std::string(what), {}});
}

void require_finite_result(double value, std::string_view what) {
    if (std::isfinite(value)) return;
    throw invalid_argument_error(std::string(what) + " comes out as " + format_number(value) +
                                     ": the inputs are too large or too small for a finite result",
                                 error_detail{error_code::invalid_argument, format_number(value),
                                              "a finite result", std::string(what), {}});
}

}  // namespace taper::detail
