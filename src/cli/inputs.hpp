#pragma once
// Reading the command line's values: steps ("5pp", "10%", "2.5mg"), splits, holds. (Lists and
// tables of strategy options are read by the library's option parsers, option_text.)
// Every function throws cli::input_error naming the option and the text it could not use.
#include <taper/error.hpp>
#include <taper/plan/registry.hpp>
#include <taper/plan/request.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace taper::cli {

/// A value on the command line that cannot be used; the message starts with the option.
class input_error : public error {
public:
    using error::error;
};

/// A size of step or of a limit: occupancy points, a percentage, or mg.
struct step_size {
    enum class kind { points, percent, amount } unit = kind::amount;
    double number = 0;  ///< points or percent
    mass amount;        ///< mg, when unit == amount
};

/// "5pp" / "5 points", "10%", "2.5mg" / "500 mcg". Positive and finite.
step_size parse_step_size(std::string_view option, std::string_view text);

/// A plain number ("0.025", "1/40"), finite.
double parse_number(std::string_view option, std::string_view text);

/// "1mg morning, 1mg night" (or "morning 1mg, night 1mg"); "+" also separates.
std::vector<timed_dose> parse_split(std::string_view option, std::string_view text);

/// "3:4w": after step 3, hold for 4 weeks.
hold parse_hold(std::string_view option, std::string_view text);

/// A whole number ("12"), nothing else around it.
int parse_whole_number(std::string_view option, std::string_view text);

/// A mass ("20mg", "500 mcg"), a duration ("4w", "14d") or a volume ("0.1mL"), with a
/// parse error turned into an input_error that starts with the option name.
mass mass_option(std::string_view option, std::string_view text);
duration duration_option(std::string_view option, std::string_view text);
volume volume_option(std::string_view option, std::string_view text);

/// Runs `f`, turning a taper::error into an input_error that starts with the option name.
template <class F>
auto for_option(std::string_view option, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const input_error&) {
        throw;
    } catch (const error& e) {
        throw input_error(std::string(option) + ": " + e.what());
    }
}

}  // namespace taper::cli
