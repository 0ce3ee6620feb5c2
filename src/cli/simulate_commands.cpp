#include "simulate_commands.hpp"

#include "inputs.hpp"
#include "outputs.hpp"
#include "plan_options.hpp"
#include "../detail/text.hpp"

#include <taper/io/simulation_export.hpp>
#include <taper/simulate/population.hpp>
#include <taper/units/io.hpp>
#include <taper/units/parse.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <unistd.h>

namespace taper::cli {
namespace {

constexpr const char* research_note =
    "A research model, not a prediction for one person: one compartment, occupancy read from the "
    "dose fit at steady state, and an adaptation model with parameters you chose (docs/simulation.md).";

std::string points_text(occupancy_points p) { return fmt::format("{:.2f} pp", in(p, units::points)); }

simulation_options simulation_options_from(const simulation_args& a) {
    simulation_options o;
    o.alternate_day = a.alternate_day;
    if (!a.resolution.empty()) {
        const double h = parse_number("--resolution", a.resolution);
        o.resolution = h * units::hour;
    }
    if (!a.weight.empty()) o.body_weight = mass(parse_number("--weight", a.weight) * 1000.0 * units::g);
    if (a.adaptation.empty() != a.threshold.empty())
        throw input_error("--adaptation and --threshold go together: the set point's time constant (e.g. 14d) "
                          "and the pressure threshold (e.g. 5pp); no source gives either, so there are no defaults");
    if (!a.adaptation.empty()) {
        const step_size t = parse_step_size("--threshold", a.threshold);
        if (t.unit != step_size::kind::points)
            throw input_error("--threshold: \"" + a.threshold + "\": expected occupancy points, e.g. 5pp");
        o.adaptation = adaptation_model{duration_option("--adaptation", a.adaptation), t.number * units::points};
    }
    return o;
}

population_options population_options_from(const simulation_args& a) {
    population_options p;
    p.people = parse_whole_number("--population", a.people);
    if (!a.seed.empty()) p.seed = static_cast<std::uint64_t>(parse_whole_number("--seed", a.seed));
    if (!a.threads.empty()) p.threads = static_cast<unsigned>(parse_whole_number("--threads", a.threads));
    for (const std::string& text : a.spreads) {
        const auto eq = text.find('=');
        const std::string name = eq == std::string::npos ? text : text.substr(0, eq);
        const double sd = eq == std::string::npos ? -1 : parse_number("--spread", text.substr(eq + 1));
        double* slot = name == "ed50"        ? &p.spread.ed50
                       : name == "half_life" ? &p.spread.half_life
                       : name == "volume"    ? &p.spread.volume
                       : name == "adaptation" ? &p.spread.adaptation_time_constant
                                              : nullptr;
        if (slot == nullptr || eq == std::string::npos)
            throw input_error("--spread: \"" + text + "\": expected NAME=SD with NAME ed50, half_life, volume or "
                              "adaptation and SD the standard deviation of its log, e.g. half_life=0.3");
        *slot = sd;
    }
    return p;
}

void add_simulation_options(CLI::App& cmd, simulation_args& a) {
    cmd.add_flag("--alternate-day", a.alternate_day, "Take two days' doses every other day");
    cmd.add_option("--adaptation", a.adaptation, "Research model: the set point's time constant, e.g. 14d");
    cmd.add_option("--threshold", a.threshold, "Research model: pressure threshold in occupancy points, e.g. 5pp");
    cmd.add_option("--weight", a.weight, "Body weight in kg, for drugs whose volume is given per kg");
    cmd.add_option("--resolution", a.resolution, "Hours between samples (default 1; must divide 24)");
    cmd.add_option("--population", a.people, "Simulate this many virtual people");
    cmd.add_option("--seed", a.seed, "Seed of the population (the same seed gives the same people)");
    cmd.add_option("--threads", a.threads, "Threads for a population (default: all)");
    cmd.add_option("--spread", a.spreads, "NAME=SD: log-normal spread of ed50, half_life, volume or adaptation (repeatable)");
}

double percentile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const double at = q * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(at));
    const auto hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (v[hi] - v[lo]) * (at - static_cast<double>(lo));
}

std::string distribution(const std::vector<occupancy_points>& values) {
    std::vector<double> v;
    v.reserve(values.size());
    for (auto x : values) v.push_back(in(x, units::points));
    return fmt::format("median {:.2f}, 5th {:.2f}, 95th {:.2f}", percentile(v, 0.5), percentile(v, 0.05),
                       percentile(v, 0.95));
}

std::string population_summary(const population_result& r) {
    std::string out = fmt::format("population: {} people, {} time steps each\n", r.person.size(), r.time_steps);
    out += "  largest day-to-day change (pp): " + distribution(r.largest_day_to_day_change) + "\n";
    out += "  largest two-day swing (pp):     " + distribution(r.largest_two_day_swing) + "\n";
    if (!r.peak_pressure.empty()) {
        out += "  peak pressure (pp):             " + distribution(r.peak_pressure) + "\n";
        out += fmt::format("  share above the threshold:      {:.1f}%\n", in(r.share_above_threshold(), units::percent_of_dose));
    }
    return out;
}

std::string metrics_text(const simulation& s) {
    const simulation_metrics& m = s.metrics;
    std::string out;
    out += fmt::format("  length:                         {:.0f} days, {} doses\n", in(m.length, units::day), m.doses_taken);
    if (s.parameters.has_occupancy) {
        out += "  largest step change:            " + points_text(m.largest_step_change) + "\n";
        out += "  largest day-to-day change:      " + points_text(m.largest_day_to_day_change) + "\n";
        out += "  largest within-day fluctuation: " + points_text(m.largest_within_day_fluctuation) + "\n";
        out += "  largest two-day swing:          " + points_text(m.largest_two_day_swing) + "\n";
    } else {
        out += "  occupancy:                      not known (no usable occupancy model in the data)\n";
    }
    out += fmt::format("  largest two-day amount ratio:   {:.3f} (peak / trough)\n", m.largest_two_day_amount_ratio);
    if (m.peak_pressure) {
        out += "  peak pressure:                  " + points_text(*m.peak_pressure) + "\n";
        out += fmt::format("  time above threshold:           {:.0f} h, area {:.1f} pp·h\n",
                           in(*m.time_above_threshold, units::hour), *m.area_above_threshold_point_hours);
    }
    return out;
}

std::string parameters_text(const simulation& s) {
    const simulation_parameters& p = s.parameters;
    std::string out = fmt::format("half-life {:.4g} h, time to peak {:.4g} h (ka {:.4g}/h, ke {:.4g}/h)",
                                  in(p.half_life, units::hour), in(p.time_to_peak, units::hour),
                                  p.absorption_per_hour, p.elimination_per_hour);
    if (p.has_occupancy)
        out += fmt::format("; {} model {}: Emax {:.4g}%, ED50 {:.4g} mg", p.receptor, p.occupancy_model,
                           in(p.emax, units::points), in(p.ed50, units::mg));
    return out + "\n";
}

}  // namespace

CLI::App* add_simulate_command(CLI::App& app, simulate_args& a) {
    auto* cmd = app.add_subcommand("simulate", "Follow a plan through time: concentration, occupancy, adaptation");
    add_plan_options(*cmd, a.plan, true);
    add_simulation_options(*cmd, a.sim);
    cmd->add_flag("--daily", a.daily, "csv/json/svg/html: daily means instead of every sample");
    cmd->add_option("-f,--format", a.format,
                    "table (summary, default), csv or json (the series), svg (the chart with the simulated occupancy) "
                    "or html (the printable page with that chart)")
        ->check(CLI::IsMember({"table", "json", "csv", "svg", "html"}));
    cmd->add_option("--country", a.plan.country,
                    "With --format html: the person's country (uk, us, hk, or ISO 3166 such as GB) for the page's "
                    "support contacts; default: every country's");
    cmd->footer("Examples:\n  taper simulate citalopram 20mg --step 5pp --every 4w --start 2026-12-01\n"
                "  taper simulate sertraline 50mg --step 10% --alternate-day --format csv --daily\n"
                "  taper simulate citalopram 20mg --step 5pp --every 4w --start 2026-12-01 --format svg --daily\n"
                "  taper simulate citalopram 20mg --step 5pp --adaptation 14d --threshold 5pp --population 1000 "
                "--seed 1 --spread half_life=0.3 --spread ed50=0.3\n" +
                std::string(research_note));
    return cmd;
}

CLI::App* add_compare_command(CLI::App& app, compare_args& a) {
    auto* cmd = app.add_subcommand("compare", "Compare plans of one drug and dose by their simulated metrics");
    cmd->add_option("drug", a.drug, "Name, brand or alias")->required();
    cmd->add_option("dose", a.dose, "Current daily dose with its unit")->required();
    cmd->add_option("--plan", a.plans, "The options of one plan, quoted, e.g. \"--step 5pp --every 4w\" (repeatable)")
        ->required();
    add_simulation_options(*cmd, a.sim);
    cmd->add_option("-f,--format", a.format, "table (default) or csv")->check(CLI::IsMember({"table", "csv"}));
    cmd->footer("Example:\n  taper compare citalopram 20mg --plan \"--step 5pp --every 4w\" --plan \"--step 10% --every 4w\" "
                "--plan \"--step 10% --every 4w --alternate-day\" --adaptation 14d --threshold 5pp\n" +
                std::string(research_note));
    return cmd;
}

std::string run_simulate(const database& db, const strategy_registry& registry, const simulate_args& a) {
    plan_args exporting = a.plan;
    exporting.format = a.format;
    check_export_options(exporting);
    const built_plan b = build_plan(db, registry, a.plan);
    const simulation_options o = simulation_options_from(a.sim);
    const simulation s = simulate(b.plan, o);
    const series_step step = a.daily ? series_step::daily : series_step::each_sample;
    if (a.format == "csv") return to_csv(s, step);
    if (a.format == "json") return to_json(s, step);
    if (auto document = exported_document(s, step, exporting)) return *std::move(document);
    std::string out = fmt::format("{}: {} a day, {} strategy, {} steps{}\n", b.plan.subject->name,
                                  a.plan.dose, b.plan.strategy, b.plan.steps.size(),
                                  a.sim.alternate_day ? ", taken as two days' doses every other day" : "");
    out += parameters_text(s);
    out += metrics_text(s);
    if (!a.sim.people.empty()) {
        const bool terminal = isatty(STDERR_FILENO) != 0;
        if (terminal) std::fputs("simulating the population...\r", stderr);
        const population_result r = simulate_population(b.plan, o, population_options_from(a.sim));
        if (terminal) std::fputs("                             \r", stderr);
        out += population_summary(r);
    }
    return out + research_note + "\n";
}

std::string run_compare(const database& db, const strategy_registry& registry, const compare_args& a) {
    const simulation_options base = simulation_options_from(a.sim);
    struct row {
        std::string label;
        simulation sim;
    };
    std::vector<row> rows;
    for (const std::string& text : a.plans) {
        // Each --plan is read by the same options as `taper plan`, plus --alternate-day.
        plan_args p;
        p.drug = a.drug;
        p.dose = a.dose;
        bool alternate = false;
        CLI::App sub{"--plan"};
        add_plan_options(sub, p, false);
        sub.add_flag("--alternate-day", alternate);
        try {
            sub.parse(text, false);
        } catch (const CLI::ParseError& e) {
            throw input_error("--plan \"" + text + "\": " + e.what());
        }
        simulation_options o = base;
        o.alternate_day = o.alternate_day || alternate;
        const built_plan b = build_plan(db, registry, p);
        rows.push_back({text, simulate(b.plan, o)});
    }
    if (a.format == "csv") {
        std::string out = "plan,strategy,length_days,doses,largest_step_change_points,largest_day_to_day_change_points,"
                          "largest_within_day_fluctuation_points,largest_two_day_swing_points,peak_pressure_points,"
                          "time_above_threshold_h\r\n";
        for (const row& r : rows) {
            const simulation_metrics& m = r.sim.metrics;
            out += "\"" + r.label + "\"," + r.sim.plan.strategy + "," + format_number(in(m.length, units::day)) + "," +
                   std::to_string(m.doses_taken) + "," + format_number(in(m.largest_step_change, units::points)) + "," +
                   format_number(in(m.largest_day_to_day_change, units::points)) + "," +
                   format_number(in(m.largest_within_day_fluctuation, units::points)) + "," +
                   format_number(in(m.largest_two_day_swing, units::points)) + "," +
                   (m.peak_pressure ? format_number(in(*m.peak_pressure, units::points)) : "") + "," +
                   (m.time_above_threshold ? format_number(in(*m.time_above_threshold, units::hour)) : "") + "\r\n";
        }
        return out;
    }
    std::string out = fmt::format("{} {}: {} plans compared\n\n", a.drug, a.dose, rows.size());
    out += fmt::format("{:<36} {:>6} {:>7} {:>7} {:>7} {:>7} {:>8} {:>8}\n", "plan", "days", "step", "day", "within",
                       "2-day", "pressure", "h above");
    for (const row& r : rows) {
        const simulation_metrics& m = r.sim.metrics;
        std::string label = r.label.size() > 36 ? r.label.substr(0, 33) + "..." : r.label;
        out += fmt::format("{:<36} {:>6.0f} {:>7.2f} {:>7.2f} {:>7.2f} {:>7.2f} {:>8} {:>8}\n", label,
                           in(m.length, units::day), in(m.largest_step_change, units::points),
                           in(m.largest_day_to_day_change, units::points),
                           in(m.largest_within_day_fluctuation, units::points),
                           in(m.largest_two_day_swing, units::points),
                           m.peak_pressure ? fmt::format("{:.2f}", in(*m.peak_pressure, units::points)) : "-",
                           m.time_above_threshold ? fmt::format("{:.0f}", in(*m.time_above_threshold, units::hour)) : "-");
    }
    out += "\ncolumns: step, day, within, 2-day = largest change in occupancy points between steps, between days,\n"
           "within one day and within two days; pressure = peak set point - occupancy; h above = hours above the threshold.\n";
    return out + research_note + "\n";
}

}  // namespace taper::cli
