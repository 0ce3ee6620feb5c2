// Simulations and populations as CSV and JSON.
#include <taper/io/format.hpp>
#include <taper/io/simulation_export.hpp>

#include "export_detail.hpp"
#include <taper/units/io.hpp>

#include <optional>
#include <string>
#include <vector>

namespace taper {
namespace {

using detail::ordered_json;

// One column: a name and a value per sample (nullopt: unknown for this simulation).
struct column {
    std::string name;
    std::vector<std::optional<double>> values;
};

std::vector<column> columns_of(const simulation& s, series_step step) {
    const std::size_t n = s.time.size();
    std::vector<column> cols = {{"time_h", {}}, {"amount_mg", {}}, {"concentration_ng_per_ml", {}},
                                {"occupancy_percent", {}}, {"set_point_percent", {}}, {"pressure_points", {}}};
    auto at = [&](std::size_t i) {
        std::vector<std::optional<double>> row(cols.size());
        row[0] = in(s.time[i], units::hour);
        row[1] = in(s.amount_in_body[i], units::mg);
        if (!s.plasma_concentration.empty()) row[2] = in(s.plasma_concentration[i], units::mg / units::mL) * 1e6;
        if (!s.occupancy.empty()) row[3] = in(s.occupancy[i], units::points);
        if (!s.set_point.empty()) row[4] = in(s.set_point[i], units::points);
        if (!s.pressure.empty()) row[5] = in(s.pressure[i], units::points);
        return row;
    };
    if (step == series_step::each_sample) {
        for (std::size_t i = 0; i < n; ++i) {
            const auto row = at(i);
            for (std::size_t c = 0; c < cols.size(); ++c) cols[c].values.push_back(row[c]);
        }
        return cols;
    }
    const double step_h = n > 1 ? in(s.time[1] - s.time[0], units::hour) : 24.0;
    const auto per_day = static_cast<std::size_t>(24.0 / step_h + 0.5);
    for (std::size_t first = 0; first + per_day <= n; first += per_day) {
        std::vector<std::optional<double>> mean = at(first);
        for (std::size_t i = first + 1; i < first + per_day; ++i) {
            const auto row = at(i);
            for (std::size_t c = 1; c < cols.size(); ++c)
                if (mean[c]) *mean[c] += *row[c];
        }
        for (std::size_t c = 1; c < cols.size(); ++c)
            if (mean[c]) *mean[c] /= static_cast<double>(per_day);
        for (std::size_t c = 0; c < cols.size(); ++c) cols[c].values.push_back(mean[c]);
    }
    return cols;
}

ordered_json sourced_json(const auto& value_json, const provenance& origin) {
    return ordered_json{{"value", value_json}, {"source", origin.source}, {"status", std::string(to_string(origin.status))}};
}

}  // namespace

std::string to_csv(const simulation& s, series_step step) {
    const auto cols = columns_of(s, step);
    std::string out;
    for (std::size_t c = 0; c < cols.size(); ++c) out += (c ? "," : "") + cols[c].name;
    out += "\r\n";
    const std::size_t rows = cols.front().values.size();
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < cols.size(); ++c) {
            if (c) out += ',';
            if (cols[c].values[r]) out += format_number(*cols[c].values[r]);
        }
        out += "\r\n";
    }
    return out;
}

std::string to_json(const simulation& s, series_step step) {
    const simulation_parameters& p = s.parameters;
    const pharmacokinetics* pk = pharmacokinetics_of(s.plan.drug.empty() && s.plan.subject ? s.plan.subject->name : s.plan.drug);
    ordered_json j;
    j["format"] = "taper-simulation";
    j["format_version"] = 1;
    j["disclaimer"] = std::string("A research model, not a prediction for one person. ") + schedule_disclaimer;
    j["drug"] = s.plan.subject ? s.plan.subject->name : s.plan.drug;
    ordered_json params;
    params["half_life_h"] = pk ? sourced_json(in(p.half_life, units::hour), pk->half_life.origin)
                               : ordered_json(in(p.half_life, units::hour));
    params["tmax_h"] = pk ? sourced_json(in(p.time_to_peak, units::hour), pk->time_to_peak.origin)
                          : ordered_json(in(p.time_to_peak, units::hour));
    params["absorption_per_h"] = p.absorption_per_hour;
    params["elimination_per_h"] = p.elimination_per_hour;
    params["bioavailability"] = p.bioavailability ? ordered_json(in(*p.bioavailability, units::fraction)) : ordered_json();
    params["volume_l"] = p.volume ? ordered_json(in(*p.volume, units::L)) : ordered_json();
    if (p.has_occupancy) {
        params["occupancy_model"] = p.occupancy_model;
        params["receptor"] = p.receptor;
        params["emax_percent"] = in(p.emax, units::points);
        params["ed50_mg"] = in(p.ed50, units::mg);
        params["hill"] = p.hill;
    } else {
        params["occupancy_model"] = nullptr;
    }
    if (s.options.adaptation) {
        params["adaptation_time_constant_days"] = in(s.options.adaptation->time_constant, units::day);
        params["pressure_threshold_points"] = in(s.options.adaptation->threshold, units::points);
    }
    params["alternate_day"] = s.options.alternate_day;
    j["parameters"] = params;
    const simulation_metrics& m = s.metrics;
    ordered_json metrics;
    metrics["length_days"] = in(m.length, units::day);
    metrics["doses_taken"] = m.doses_taken;
    if (p.has_occupancy) {
        metrics["largest_step_change_points"] = in(m.largest_step_change, units::points);
        metrics["largest_day_to_day_change_points"] = in(m.largest_day_to_day_change, units::points);
        metrics["largest_within_day_fluctuation_points"] = in(m.largest_within_day_fluctuation, units::points);
        metrics["largest_two_day_swing_points"] = in(m.largest_two_day_swing, units::points);
    }
    metrics["largest_two_day_amount_ratio"] = m.largest_two_day_amount_ratio;
    if (m.peak_pressure) {
        metrics["peak_pressure_points"] = in(*m.peak_pressure, units::points);
        metrics["time_above_threshold_h"] = in(*m.time_above_threshold, units::hour);
        metrics["area_above_threshold_point_h"] = *m.area_above_threshold_point_hours;
    }
    j["metrics"] = metrics;
    ordered_json series = ordered_json::object();
    series["step"] = step == series_step::daily ? "daily" : "each_sample";
    for (const column& c : columns_of(s, step)) {
        ordered_json values = ordered_json::array();
        for (const auto& v : c.values) values.push_back(v ? ordered_json(*v) : ordered_json());
        series[c.name] = std::move(values);
    }
    j["series"] = std::move(series);
    return j.dump(2) + "\n";
}

std::string to_csv(const population_result& r) {
    std::string out = "person,ed50_factor,half_life_factor,volume_factor,adaptation_factor,"
                      "largest_day_to_day_change_points,largest_within_day_fluctuation_points,"
                      "largest_two_day_swing_points,peak_pressure_points,time_above_threshold_h\r\n";
    for (std::size_t i = 0; i < r.person.size(); ++i) {
        out += std::to_string(r.person[i]) + "," + format_number(r.ed50_factor[i]) + "," +
               format_number(r.half_life_factor[i]) + "," + format_number(r.volume_factor[i]) + "," +
               format_number(r.adaptation_factor[i]) + "," +
               format_number(in(r.largest_day_to_day_change[i], units::points)) + "," +
               format_number(in(r.largest_within_day_fluctuation[i], units::points)) + "," +
               format_number(in(r.largest_two_day_swing[i], units::points)) + ",";
        if (!r.peak_pressure.empty())
            out += format_number(in(r.peak_pressure[i], units::points)) + "," +
                   format_number(in(r.time_above_threshold[i], units::hour));
        else
            out += ",";
        out += "\r\n";
    }
    return out;
}

}  // namespace taper
