// From a plan's steps to the doses a person takes, hour by hour.
#include <taper/simulate/simulation.hpp>

#include <algorithm>
#include <cmath>

namespace taper {
namespace {

[[noreturn]] void bad_option(const std::string& what, const std::string& option, const std::string& input,
                             const std::string& expected) {
    throw invalid_argument_error(what, error_detail{error_code::invalid_argument, input, expected, option, {}});
}

std::string hours_text(hours h) { return std::to_string(in(h, units::hour)) + " h"; }

// The sample index of `time`, which must fall on the grid.
double on_grid(hours time, hours resolution, const std::string& option) {
    const double steps = in(time, units::hour) / in(resolution, units::hour);
    if (std::abs(steps - std::round(steps)) > 1e-9)
        bad_option(option + ": " + hours_text(time) + " is not on the simulation's grid of " + hours_text(resolution),
                   option, hours_text(time), "a multiple of " + hours_text(resolution));
    return std::round(steps);
}

}  // namespace

std::map<std::string, hours, std::less<>> simulation_options::default_dose_clock() {
    // Clock times assumed for the dose-time names people write (docs/simulation.md); a plan
    // with other names gives its own in simulation_options::dose_clock.
    using units::hour;
    return {{"daily", 8.0 * hour},     {"morning", 8.0 * hour}, {"midday", 13.0 * hour},
            {"noon", 12.0 * hour},     {"lunchtime", 13.0 * hour}, {"afternoon", 15.0 * hour},
            {"evening", 18.0 * hour},  {"night", 22.0 * hour},   {"bedtime", 22.0 * hour}};
}

std::vector<dose_event> dose_events(const schedule& plan, const simulation_options& o) {
    const hours resolution = o.resolution;
    if (!(in(resolution, units::hour) > 0) || std::abs(24.0 / in(resolution, units::hour) -
                                                       std::round(24.0 / in(resolution, units::hour))) > 1e-9)
        bad_option("resolution: " + hours_text(resolution) + " does not divide a day into whole steps", "resolution",
                   hours_text(resolution), "a whole fraction of 24 h, e.g. 1 h, 0.5 h, 6 h");
    std::vector<dose_event> out;
    for (const step& st : plan.steps) {
        const long first_day = days_between(plan.start, st.start);
        const long days = std::lround(in(st.length, units::day));
        for (const dose_line& line : st.doses) {
            if (!plan.drug.empty() && line.drug != plan.drug && !line.drug.empty())
                bad_option("the simulation follows one drug; step " + std::to_string(st.number) + " has " + line.drug +
                               " beside " + plan.drug + " (crossovers are not simulated)",
                           "plan", line.drug, plan.drug);
            if (in(line.amount, units::mg) <= 0) continue;
            const auto clock = o.dose_clock.find(line.time);
            if (clock == o.dose_clock.end())
                bad_option("the dose-time \"" + line.time + "\" has no clock time: give it in dose_clock", "dose_clock",
                           line.time, "a clock time for each dose-time name");
            for (long d = first_day; d < first_day + days; ++d) {
                mass amount = line.amount;
                if (o.alternate_day) {
                    if (d % 2 != 0) continue;
                    amount = 2.0 * amount;
                }
                out.push_back({static_cast<double>(d) * 24.0 * units::hour + clock->second, amount});
            }
        }
    }
    for (const hours& missed : o.missed_doses) {
        const auto found = std::find_if(out.begin(), out.end(), [&](const dose_event& e) {
            return std::abs(in(e.time - missed, units::hour)) < 1e-9;
        });
        if (found == out.end())
            bad_option("missed dose at " + hours_text(missed) + ": the plan has no dose then", "missed_doses",
                       hours_text(missed), "the time of a dose of the plan");
        out.erase(found);
    }
    for (const dose_event& extra : o.extra_doses) {
        if (!(in(extra.amount, units::mg) > 0) || in(extra.time, units::hour) < 0)
            bad_option("an extra dose needs a positive amount at a time from the plan's start", "extra_doses",
                       hours_text(extra.time), "a positive dose at 0 h or later");
        out.push_back(extra);
    }
    for (const dose_event& e : out) on_grid(e.time, resolution, "dose times");
    std::stable_sort(out.begin(), out.end(), [](const dose_event& a, const dose_event& b) { return a.time < b.time; });
    return out;
}

}  // namespace taper
