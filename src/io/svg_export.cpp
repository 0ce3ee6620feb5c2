// A chart of a plan or a realization as SVG: see include/taper/io/svg.hpp.
#include <taper/io/svg.hpp>

#include "output_detail.hpp"
#include "../detail/number_text.hpp"

#include <taper/error.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string_view>

namespace taper {
namespace {

// Colours that stay apart for the common colour-vision deficiencies (Okabe & Ito's palette)
// and in greyscale print: the dose solid and dark, the occupancy dashed.
constexpr std::string_view dose_colour = "#0072B2";
constexpr std::string_view occupancy_colour = "#D55E00";
constexpr std::string_view switch_colour = "#009E73";
// The simulated occupancy: solid and thin, reddish purple, apart from the dashed steady-state
// occupancy (vermillion) and the dose (blue) in colour and in greyscale.
constexpr std::string_view simulated_colour = "#CC79A7";

std::string n(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", std::abs(v) < 0.05 ? 0.0 : v);
    return buffer;
}

/// What the chart draws of one step.
struct bar {
    date start{};
    date end{};
    double dose = 0;                 // mg a day as drawn (the plan's basis, or as taken)
    std::optional<double> target;    // a realization: the plan's target, drawn faint
    std::optional<double> occupancy; // percent
    bool hold = false;
    bool switch_point = false;
    int number = 0;
};

/// A simulation's occupancy as drawn: (hours from the plan's start, percent) per point.
struct simulated_line {
    std::vector<std::pair<double, double>> points;
    std::string receptor;
    series_step step = series_step::daily;
};

// A round upper bound for an axis: 1, 2, 2.5 or 5 times a power of ten, at least `v`.
double nice_ceiling(double v) {
    if (!(v > 0)) return 1;
    const double power = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * power >= v * (1 - 1e-12)) return m * power;
    return 10 * power;
}

std::string chart(const schedule& plan, const std::vector<bar>& bars, const svg_options& o, bool realized,
                  const simulated_line* simulated = nullptr) {
    if (o.width < 320 || o.height < 200)
        throw invalid_argument_error("SVG export: the chart must be at least 320 × 200",
                                     error_detail{error_code::invalid_argument,
                                                  std::to_string(o.width) + "x" + std::to_string(o.height),
                                                  "a width of 320 or more and a height of 200 or more", "size", {}});
    const double w = o.width, h = o.height;
    const double left = 64, right = 64, top = 48, bottom = 72;
    const double pw = w - left - right, ph = h - top - bottom;
    const bool diazepam_basis = plan.basis == dose_basis::diazepam_mg;
    const double start_dose = diazepam_basis ? plan.start_equivalent_dose.value() : plan.start_dose.value();
    double top_dose = start_dose;
    for (const auto& b : bars) top_dose = std::max({top_dose, b.dose, b.target.value_or(0)});
    const double y_max = nice_ceiling(top_dose);
    const bool simulated_drawn = simulated != nullptr && !simulated->points.empty();
    const bool has_occupancy =
        simulated_drawn || std::any_of(bars.begin(), bars.end(), [](const bar& b) { return b.occupancy.has_value(); });
    const std::string receptor = plan.occupancy_receptor.empty() && simulated != nullptr ? simulated->receptor
                                                                                         : plan.occupancy_receptor;
    const std::optional<double> start_occupancy =
        plan.start_occupancy_percent && !realized ? std::optional<double>(in(*plan.start_occupancy_percent, units::points))
                                                  : std::nullopt;
    const date first = plan.start;
    date last = bars.empty() ? plan.start + std::chrono::days{1} : std::max(bars.back().end, plan.start + std::chrono::days{1});
    // A simulation follows the plan past its end: the time axis runs to its last whole day.
    if (simulated_drawn)
        last = std::max(last, first + std::chrono::days{static_cast<int>(std::ceil(simulated->points.back().first / 24.0 - 1e-9))});
    const double total_days = static_cast<double>(days_between(first, last));
    const auto x = [&](date d) { return left + pw * static_cast<double>(days_between(first, d)) / total_days; };
    const auto y_dose = [&](double mg) { return top + ph * (1 - mg / y_max); };
    const auto y_occ = [&](double pct) { return top + ph * (1 - pct / 100); };
    const auto x_hours = [&](double since_start_h) { return left + pw * since_start_h / 24.0 / total_days; };

    const std::string title = plan.drug + ": daily dose" + (has_occupancy ? " and " + receptor + " occupancy" : "") +
                              (simulated_drawn ? " (simulated)" : "") +
                              ", " + format_date(plan.start) + " to " + format_date(last - std::chrono::days{1});
    std::string s;
    s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(o.width) + "\" height=\"" +
         std::to_string(o.height) + "\" viewBox=\"0 0 " + std::to_string(o.width) + " " + std::to_string(o.height) +
         "\" role=\"img\" aria-labelledby=\"taper-chart-title\" font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\" font-size=\"12\">\n";
    s += "<title id=\"taper-chart-title\">" + detail::xml_escape(title) + "</title>\n";
    s += "<rect class=\"background\" x=\"0\" y=\"0\" width=\"" + n(w) + "\" height=\"" + n(h) + "\" fill=\"#ffffff\"/>\n";
    s += "<text class=\"heading\" x=\"" + n(left) + "\" y=\"24\" font-size=\"15\" font-weight=\"bold\" fill=\"#111111\">" +
         detail::xml_escape(title) + "</text>\n";

    // Holds behind everything, then the grid and axes.
    s += "<g class=\"holds\">\n";
    for (const auto& b : bars)
        if (b.hold)
            s += "<rect class=\"hold\" x=\"" + n(x(b.start)) + "\" y=\"" + n(top) + "\" width=\"" + n(x(b.end) - x(b.start)) +
                 "\" height=\"" + n(ph) + "\" fill=\"#999999\" fill-opacity=\"0.18\"><title>step " + std::to_string(b.number) +
                 ": hold</title></rect>\n";
    s += "</g>\n";
    s += "<g class=\"axis\" stroke=\"#444444\" stroke-width=\"1\">\n";
    s += "<line x1=\"" + n(left) + "\" y1=\"" + n(top + ph) + "\" x2=\"" + n(left + pw) + "\" y2=\"" + n(top + ph) + "\"/>\n";
    s += "<line x1=\"" + n(left) + "\" y1=\"" + n(top) + "\" x2=\"" + n(left) + "\" y2=\"" + n(top + ph) + "\"/>\n";
    if (has_occupancy)
        s += "<line x1=\"" + n(left + pw) + "\" y1=\"" + n(top) + "\" x2=\"" + n(left + pw) + "\" y2=\"" + n(top + ph) + "\"/>\n";
    s += "</g>\n<g class=\"axis-labels\" fill=\"#222222\">\n";
    for (int i = 0; i <= 4; ++i) {
        const double mg = y_max * i / 4, yy = y_dose(mg);
        s += "<line class=\"grid\" x1=\"" + n(left) + "\" y1=\"" + n(yy) + "\" x2=\"" + n(left + pw) + "\" y2=\"" + n(yy) +
             "\" stroke=\"#dddddd\" stroke-width=\"1\"/>\n";
        s += "<text x=\"" + n(left - 6) + "\" y=\"" + n(yy + 4) + "\" text-anchor=\"end\">" + detail::significant_text(mg) + "</text>\n";
        if (has_occupancy)
            s += "<text x=\"" + n(left + pw + 6) + "\" y=\"" + n(y_occ(25.0 * i) + 4) + "\">" + std::to_string(25 * i) + "%</text>\n";
    }
    const std::string dose_axis = diazepam_basis ? "mg a day, diazepam-equivalent" : "mg a day";
    s += "<text x=\"14\" y=\"" + n(top + ph / 2) + "\" transform=\"rotate(-90 14 " + n(top + ph / 2) +
         ")\" text-anchor=\"middle\">" + dose_axis + "</text>\n";
    if (has_occupancy)
        s += "<text x=\"" + n(w - 10) + "\" y=\"" + n(top + ph / 2) + "\" transform=\"rotate(90 " + n(w - 10) + " " +
             n(top + ph / 2) + ")\" text-anchor=\"middle\">" + detail::xml_escape(receptor) +
             " occupancy</text>\n";
    // Dates under the axis: the first and last day and up to four step starts between them.
    std::vector<date> labelled{first};
    const std::size_t every = std::max<std::size_t>(1, bars.size() / 5);
    for (std::size_t i = every; i < bars.size(); i += every)
        if (x(bars[i].start) - x(labelled.back()) > 90 && x(last) - x(bars[i].start) > 90) labelled.push_back(bars[i].start);
    labelled.push_back(last);
    for (std::size_t i = 0; i < labelled.size(); ++i) {
        const date d = i + 1 == labelled.size() ? last - std::chrono::days{1} : labelled[i];
        const char* anchor = i == 0 ? "start" : i + 1 == labelled.size() ? "end" : "middle";
        s += "<text class=\"date\" x=\"" + n(x(labelled[i])) + "\" y=\"" + n(top + ph + 18) + "\" text-anchor=\"" + anchor +
             "\">" + format_date(d) + "</text>\n";
    }
    s += "</g>\n";

    // A tick at the start of every step.
    s += "<g class=\"step-marks\" stroke=\"#444444\" stroke-width=\"1\">\n";
    for (const auto& b : bars)
        s += "<line class=\"step-mark\" x1=\"" + n(x(b.start)) + "\" y1=\"" + n(top + ph) + "\" x2=\"" + n(x(b.start)) +
             "\" y2=\"" + n(top + ph + 6) + "\"><title>step " + std::to_string(b.number) + " from " + format_date(b.start) +
             "</title></line>\n";
    s += "</g>\n";

    // The plan's starting value (the dose or occupancy before step 1), then each step's.
    const auto step_path = [&](auto value, auto y, std::optional<double> from) {
        std::string d;
        bool open = false;
        if (from) {
            d = "M" + n(x(first)) + " " + n(y(*from));
            open = true;
        }
        for (const auto& b : bars) {
            const std::optional<double> v = value(b);
            if (!v) {
                open = false;
                continue;
            }
            d += (open ? " L" : (d.empty() ? "M" : " M")) + n(x(b.start)) + " " + n(y(*v));
            d += " L" + n(x(b.end)) + " " + n(y(*v));
            open = true;
        }
        return d;
    };
    if (realized)
        s += "<path class=\"target\" d=\"" + step_path([](const bar& b) { return b.target; }, y_dose, std::optional<double>()) +
             "\" fill=\"none\" stroke=\"" + std::string(dose_colour) + "\" stroke-opacity=\"0.35\" stroke-width=\"5\"/>\n";
    // The simulated line under the dashed steady-state occupancy, so that both show where they meet.
    if (simulated_drawn) {
        std::string d;
        for (const auto& [at_hour, pct] : simulated->points)
            d += (d.empty() ? "M" : " L") + n(x_hours(at_hour)) + " " + n(y_occ(pct));
        s += "<path class=\"simulated-occupancy\" d=\"" + d + "\" fill=\"none\" stroke=\"" + std::string(simulated_colour) +
             "\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n";
    }
    if (has_occupancy)
        s += "<path class=\"occupancy\" d=\"" + step_path([](const bar& b) { return b.occupancy; }, y_occ, start_occupancy) +
             "\" fill=\"none\" stroke=\"" + std::string(occupancy_colour) + "\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n";
    s += "<path class=\"dose\" d=\"" + step_path([](const bar& b) { return std::optional<double>(b.dose); }, y_dose,
                                              realized ? std::optional<double>() : std::optional<double>(start_dose)) +
         "\" fill=\"none\" stroke=\"" + std::string(dose_colour) + "\" stroke-width=\"2.5\"/>\n";

    s += "<g class=\"switches\">\n";
    for (const auto& b : bars)
        if (b.switch_point) {
            s += "<line class=\"switch\" x1=\"" + n(x(b.start)) + "\" y1=\"" + n(top) + "\" x2=\"" + n(x(b.start)) + "\" y2=\"" +
                 n(top + ph) + "\" stroke=\"" + std::string(switch_colour) +
                 "\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"><title>step " + std::to_string(b.number) +
                 (realized ? ": the forms change" : ": switch") + "</title></line>\n";
        }
    s += "</g>\n";

    // The legend under the dates: one row, or two when the items do not fit in one.
    struct legend_item {
        std::string swatch;  // drawn at (lx, ly): {x} and {y} are replaced
        std::string label;
    };
    std::vector<legend_item> items;
    const auto swatch_line = [](std::string_view colour, std::string_view extra) {
        return "<line x1=\"{x}\" y1=\"{y}\" x2=\"{x24}\" y2=\"{y}\" stroke=\"" + std::string(colour) + "\" " +
               std::string(extra) + "/>";
    };
    items.push_back({swatch_line(dose_colour, "stroke-width=\"2.5\""), realized ? "dose as taken" : "daily dose"});
    if (realized) items.push_back({swatch_line(dose_colour, "stroke-opacity=\"0.35\" stroke-width=\"5\""), "planned"});
    if (has_occupancy && std::any_of(bars.begin(), bars.end(), [](const bar& b) { return b.occupancy.has_value(); }))
        items.push_back({swatch_line(occupancy_colour, "stroke-width=\"2\" stroke-dasharray=\"6 4\""),
                         simulated_drawn ? "steady-state occupancy" : "occupancy"});
    if (simulated_drawn)
        items.push_back({swatch_line(simulated_colour, "stroke-width=\"2\""),
                         simulated->step == series_step::daily ? "simulated occupancy, daily mean" : "simulated occupancy"});
    if (std::any_of(bars.begin(), bars.end(), [](const bar& b) { return b.hold; }))
        items.push_back({"<rect x=\"{x}\" y=\"{y-6}\" width=\"24\" height=\"12\" fill=\"#999999\" fill-opacity=\"0.3\"/>", "hold"});
    if (std::any_of(bars.begin(), bars.end(), [](const bar& b) { return b.switch_point; }))
        items.push_back({swatch_line(switch_colour, "stroke-width=\"1.5\" stroke-dasharray=\"2 3\""),
                         realized ? "forms change" : "switch"});
    const auto item_width = [](const legend_item& i) { return 44 + 7.0 * static_cast<double>(i.label.size()); };
    double total = 0;
    for (const auto& i : items) total += item_width(i);
    double ly = total > pw ? h - 36 : h - 18;
    double lx = left;
    s += "<g class=\"legend\" fill=\"#222222\">\n";
    for (const auto& i : items) {
        if (lx > left && lx + item_width(i) > left + pw) {
            lx = left;
            ly += 18;
        }
        std::string swatch = i.swatch;
        const auto put = [&](std::string_view key, double v) {
            for (auto at = swatch.find(key); at != std::string::npos; at = swatch.find(key)) swatch.replace(at, key.size(), n(v));
        };
        put("{x24}", lx + 24);
        put("{x}", lx);
        put("{y-6}", ly - 6);
        put("{y}", ly);
        s += swatch + "<text x=\"" + n(lx + 30) + "\" y=\"" + n(ly + 4) + "\">" + detail::xml_escape(i.label) + "</text>\n";
        lx += item_width(i);
    }
    s += "</g>\n</svg>\n";
    return s;
}

std::optional<double> occupancy_of(const step& st) {
    if (!st.occupancy_percent) return std::nullopt;
    return in(*st.occupancy_percent, units::points);
}

std::vector<bar> bars_of(const schedule& plan) {
    std::vector<bar> bars;
    const bool diazepam_basis = plan.basis == dose_basis::diazepam_mg;
    for (const auto& st : plan.steps)
        bars.push_back({st.start, st.end(), diazepam_basis ? st.equivalent_daily_dose.value() : st.daily_dose.value(),
                        std::nullopt, occupancy_of(st), st.phase == step_phase::hold, st.phase == step_phase::switch_over,
                        st.number});
    return bars;
}

}  // namespace

std::string to_svg(const schedule& plan, const svg_options& options) { return chart(plan, bars_of(plan), options, false); }

std::string to_svg(const simulation& sim, series_step step, const svg_options& options) {
    if (sim.occupancy.empty())
        throw missing_data_error(
            "SVG export: the simulation of " + sim.plan.drug +
                " has no occupancy to draw (the drug has no usable occupancy model); `taper plan --format svg` charts its doses",
            error_detail{error_code::missing_data, sim.plan.drug, "a simulation with an occupancy model", "occupancy_model", {}});
    if (sim.occupancy.size() != sim.time.size())
        throw invalid_argument_error("SVG export: the simulation has " + std::to_string(sim.occupancy.size()) +
                                         " occupancy samples for " + std::to_string(sim.time.size()) + " times",
                                     error_detail{error_code::invalid_argument, std::to_string(sim.occupancy.size()),
                                                  "one occupancy sample per time", "occupancy", {}});
    simulated_line line;
    line.receptor = sim.parameters.receptor;
    line.step = step;
    const std::size_t count = sim.time.size();
    if (step == series_step::each_sample) {
        for (std::size_t i = 0; i < count; ++i)
            line.points.emplace_back(in(sim.time[i], units::hour), in(sim.occupancy[i], units::points));
    } else {
        // The mean of each whole day's samples, drawn at the day's middle (as simulation_export's
        // daily rows, which carry the day's start).
        const double step_h = count > 1 ? in(sim.time[1] - sim.time[0], units::hour) : 24.0;
        const auto per_day = static_cast<std::size_t>(24.0 / step_h + 0.5);
        for (std::size_t first = 0; per_day > 0 && first + per_day <= count; first += per_day) {
            double sum = 0;
            for (std::size_t i = first; i < first + per_day; ++i) sum += in(sim.occupancy[i], units::points);
            line.points.emplace_back(in(sim.time[first], units::hour) + 12.0, sum / static_cast<double>(per_day));
        }
    }
    for (const auto& [at_hour, pct] : line.points)
        if (!std::isfinite(at_hour) || !std::isfinite(pct) || at_hour < 0)
            throw invalid_argument_error("SVG export: a simulated occupancy sample is not finite or before the plan starts",
                                         error_detail{error_code::invalid_argument, detail::significant_text(at_hour) + " h",
                                                      "finite samples from hour 0", "occupancy", {}});
    std::vector<bar> bars = bars_of(sim.plan);
    return chart(sim.plan, bars, options, false, &line);
}

std::string to_svg(const realized_schedule& realization, const svg_options& options) {
    const schedule plan = detail::realized_plan(realization);
    std::vector<bar> bars;
    for (std::size_t i = 0; i < realization.steps.size(); ++i) {
        const realized_step& rs = realization.steps[i];
        const step& st = plan.steps[i];
        bars.push_back({st.start, st.end(), rs.realized_daily.value(), st.equivalent_daily_dose.value(), occupancy_of(st),
                        st.phase == step_phase::hold, rs.form_changed || st.phase == step_phase::switch_over, st.number});
    }
    return chart(plan, bars, options, true);
}

}  // namespace taper
