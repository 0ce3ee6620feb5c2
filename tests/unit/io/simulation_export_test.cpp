// A simulation as CSV and JSON (io/simulation_export.hpp, docs/simulation.md "Output"), from
// simulations built by hand so that every exported number is known: the daily rows are the
// means of each day's 24 hourly samples, columns the simulation lacks are empty (CSV) or null
// (JSON), and the parameters carry the sources of data/pharmacokinetics.json.
#include <taper/drugs/database.hpp>
#include <taper/io/simulation_export.hpp>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace taper {
namespace {

using namespace units;
using nlohmann::json;

// `hours` hourly samples, the amount in the body i mg at hour i; nothing else.
simulation hand_made(const std::string& drug, int samples) {
    simulation s;
    s.plan.drug = drug;
    s.plan.subject = database::embedded().share(drug);
    s.parameters.half_life = 35.0 * hour;
    s.parameters.time_to_peak = 4.0 * hour;
    s.parameters.absorption_per_hour = 0.5;
    s.parameters.elimination_per_hour = 0.02;
    for (int i = 0; i < samples; ++i) {
        s.time.push_back(static_cast<double>(i) * hour);
        s.amount_in_body.push_back(static_cast<double>(i) * mg);
    }
    s.metrics.length = 2.0 * day;
    s.metrics.doses_taken = 2;
    s.metrics.largest_two_day_amount_ratio = 1.5;
    return s;
}

std::vector<std::string> lines_of(const std::string& csv) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < csv.size()) {
        const std::size_t end = csv.find("\r\n", at);
        EXPECT_NE(end, std::string::npos) << "a row without CRLF";
        if (end == std::string::npos) break;
        out.push_back(csv.substr(at, end - at));
        at = end + 2;
    }
    return out;
}

TEST(SimulationCsv, EverySampleOrTheMeanOfEachDayWithUnknownColumnsEmpty) {
    const simulation s = hand_made("citalopram", 48);
    const auto each = lines_of(to_csv(s, series_step::each_sample));
    ASSERT_EQ(each.size(), 49U);  // the header and 48 samples
    EXPECT_EQ(each[0], "time_h,amount_mg,concentration_ng_per_ml,occupancy_percent,set_point_percent,pressure_points");
    EXPECT_EQ(each[1], "0,0,,,,");
    EXPECT_EQ(each[48], "47,47,,,,");
    // Daily: the day's start, and the mean of 0..23 = 11.5 and of 24..47 = 35.5.
    const auto daily = lines_of(to_csv(s, series_step::daily));
    ASSERT_EQ(daily.size(), 3U);
    EXPECT_EQ(daily[1], "0,11.5,,,,");
    EXPECT_EQ(daily[2], "24,35.5,,,,");
    // An incomplete last day is left out of the daily means (47 samples: one whole day).
    EXPECT_EQ(lines_of(to_csv(hand_made("citalopram", 47), series_step::daily)).size(), 2U);
}

TEST(SimulationCsv, EveryColumnAtHalfHourSamples) {
    simulation s = hand_made("citalopram", 0);
    // 96 samples of 0.5 h (two days); concentration 2 ng/mL, occupancy 60%, set point 70%,
    // pressure 10 points, the amount rising by 1 mg a sample.
    for (int i = 0; i < 96; ++i) {
        s.time.push_back(0.5 * static_cast<double>(i) * hour);
        s.amount_in_body.push_back(static_cast<double>(i) * mg);
        s.plasma_concentration.push_back(2e-6 * mg / mL);
        s.occupancy.push_back(60.0 * points);
        s.set_point.push_back(70.0 * points);
        s.pressure.push_back(10.0 * points);
    }
    const auto daily = lines_of(to_csv(s, series_step::daily));
    ASSERT_EQ(daily.size(), 3U);
    // 48 samples a day: the mean of 0..47 is 23.5, of 48..95 71.5.
    std::istringstream first(daily[1]);
    std::vector<double> v;
    for (std::string cell; std::getline(first, cell, ',');) v.push_back(std::stod(cell));
    ASSERT_EQ(v.size(), 6U);
    EXPECT_DOUBLE_EQ(v[0], 0.0);
    EXPECT_DOUBLE_EQ(v[1], 23.5);
    EXPECT_NEAR(v[2], 2.0, 1e-9);
    EXPECT_DOUBLE_EQ(v[3], 60.0);
    EXPECT_DOUBLE_EQ(v[4], 70.0);
    EXPECT_DOUBLE_EQ(v[5], 10.0);
    EXPECT_EQ(daily[2].substr(0, 8), "24,71.5,");
    EXPECT_EQ(lines_of(to_csv(s, series_step::each_sample)).size(), 97U);
}

TEST(SimulationJson, ParametersCarryTheirSourcesAndUnknownsAreNull) {
    const simulation s = hand_made("citalopram", 48);
    const json j = json::parse(to_json(s, series_step::daily));
    EXPECT_EQ(j["format"], "taper-simulation");
    EXPECT_EQ(j["format_version"], 1);
    EXPECT_EQ(j["drug"], "citalopram");
    EXPECT_EQ(j["disclaimer"].get<std::string>().rfind("A research model, not a prediction for one person. ", 0), 0U);
    const pharmacokinetics* pk = pharmacokinetics_of("citalopram");
    ASSERT_NE(pk, nullptr);
    const json& p = j["parameters"];
    EXPECT_EQ(p["half_life_h"]["value"], 35.0);
    EXPECT_EQ(p["half_life_h"]["source"], pk->half_life.origin.source);
    EXPECT_EQ(p["half_life_h"]["status"], std::string(to_string(pk->half_life.origin.status)));
    EXPECT_EQ(p["tmax_h"]["value"], 4.0);
    EXPECT_EQ(p["tmax_h"]["source"], pk->time_to_peak.origin.source);
    EXPECT_EQ(p["absorption_per_h"], 0.5);
    EXPECT_EQ(p["elimination_per_h"], 0.02);
    EXPECT_TRUE(p["bioavailability"].is_null());
    EXPECT_TRUE(p["volume_l"].is_null());
    EXPECT_TRUE(p["occupancy_model"].is_null());
    EXPECT_FALSE(p.contains("emax_percent"));
    EXPECT_FALSE(p.contains("adaptation_time_constant_days"));
    EXPECT_EQ(p["alternate_day"], false);
    const json& m = j["metrics"];
    EXPECT_EQ(m["length_days"], 2.0);
    EXPECT_EQ(m["doses_taken"], 2);
    EXPECT_EQ(m["largest_two_day_amount_ratio"], 1.5);
    // Without occupancy the occupancy metrics are left out; without adaptation the pressure's.
    EXPECT_FALSE(m.contains("largest_day_to_day_change_points"));
    EXPECT_FALSE(m.contains("peak_pressure_points"));
    const json& series = j["series"];
    EXPECT_EQ(series["step"], "daily");
    EXPECT_EQ(series["time_h"], json::array({0.0, 24.0}));
    EXPECT_EQ(series["amount_mg"], json::array({11.5, 35.5}));
    EXPECT_EQ(series["occupancy_percent"], json::array({nullptr, nullptr}));
    EXPECT_EQ(json::parse(to_json(s, series_step::each_sample))["series"]["step"], "each_sample");
    EXPECT_EQ(json::parse(to_json(s, series_step::each_sample))["series"]["amount_mg"].size(), 48U);
}

TEST(SimulationJson, OccupancyAdaptationAndTheirMetrics) {
    simulation s = hand_made("citalopram", 24);
    s.parameters.bioavailability = percent(0.8 * fraction);
    s.parameters.volume = 840.0 * L;
    s.parameters.has_occupancy = true;
    s.parameters.occupancy_model = "sert-striatum-sorensen2022";
    s.parameters.receptor = "SERT";
    s.parameters.emax = 83.98 * points;
    s.parameters.ed50 = 2.33 * mg;
    s.parameters.hill = 1.0;
    s.options.adaptation = adaptation_model{14.0 * day, 5.0 * points};
    s.options.alternate_day = true;
    s.metrics.largest_step_change = 1.0 * points;
    s.metrics.largest_day_to_day_change = 2.0 * points;
    s.metrics.largest_within_day_fluctuation = 3.0 * points;
    s.metrics.largest_two_day_swing = 4.0 * points;
    s.metrics.peak_pressure = 6.0 * points;
    s.metrics.time_above_threshold = 12.0 * hour;
    s.metrics.area_above_threshold_point_hours = 7.5;
    const json j = json::parse(to_json(s, series_step::daily));
    const json& p = j["parameters"];
    EXPECT_DOUBLE_EQ(p["bioavailability"].get<double>(), 0.8);
    EXPECT_DOUBLE_EQ(p["volume_l"].get<double>(), 840.0);
    EXPECT_EQ(p["occupancy_model"], "sert-striatum-sorensen2022");
    EXPECT_EQ(p["receptor"], "SERT");
    EXPECT_DOUBLE_EQ(p["emax_percent"].get<double>(), 83.98);
    EXPECT_DOUBLE_EQ(p["ed50_mg"].get<double>(), 2.33);
    EXPECT_EQ(p["hill"], 1.0);
    EXPECT_DOUBLE_EQ(p["adaptation_time_constant_days"].get<double>(), 14.0);
    EXPECT_DOUBLE_EQ(p["pressure_threshold_points"].get<double>(), 5.0);
    EXPECT_EQ(p["alternate_day"], true);
    const json& m = j["metrics"];
    EXPECT_EQ(m["largest_step_change_points"], 1.0);
    EXPECT_EQ(m["largest_day_to_day_change_points"], 2.0);
    EXPECT_EQ(m["largest_within_day_fluctuation_points"], 3.0);
    EXPECT_EQ(m["largest_two_day_swing_points"], 4.0);
    EXPECT_EQ(m["peak_pressure_points"], 6.0);
    EXPECT_EQ(m["time_above_threshold_h"], 12.0);
    EXPECT_EQ(m["area_above_threshold_point_h"], 7.5);
}

TEST(SimulationJson, ADrugWithoutPharmacokineticDataHasPlainParameters) {
    // Risperidone has no entry in data/pharmacokinetics.json: its numbers have no source to give.
    simulation s = hand_made("risperidone", 24);
    const json j = json::parse(to_json(s, series_step::daily));
    EXPECT_EQ(j["drug"], "risperidone");
    EXPECT_EQ(j["parameters"]["half_life_h"], 35.0);
    EXPECT_EQ(j["parameters"]["tmax_h"], 4.0);
    // A plan with its drug only as subject (no name) is looked up by the subject's name.
    simulation unnamed = hand_made("citalopram", 24);
    unnamed.plan.drug.clear();
    const json u = json::parse(to_json(unnamed, series_step::daily));
    EXPECT_EQ(u["drug"], "citalopram");
    EXPECT_TRUE(u["parameters"]["half_life_h"].is_object());
    // Neither name nor subject: the name is empty and nothing is looked up.
    simulation bare = hand_made("citalopram", 24);
    bare.plan.drug.clear();
    bare.plan.subject = nullptr;
    const json b = json::parse(to_json(bare, series_step::daily));
    EXPECT_EQ(b["drug"], "");
    EXPECT_EQ(b["parameters"]["half_life_h"], 35.0);
}

TEST(PopulationCsv, OneRowPerPersonWithPressureOnlyUnderAdaptation) {
    population_result r;
    r.person = {0, 1};
    r.ed50_factor = {1.0, 0.5};
    r.half_life_factor = {1.25, 2.0};
    r.volume_factor = {1.0, 0.75};
    r.adaptation_factor = {1.0, 1.5};
    r.largest_day_to_day_change = {2.0 * points, 3.5 * points};
    r.largest_within_day_fluctuation = {1.0 * points, 0.25 * points};
    r.largest_two_day_swing = {4.0 * points, 4.5 * points};
    const std::string header =
        "person,ed50_factor,half_life_factor,volume_factor,adaptation_factor,largest_day_to_day_change_points,"
        "largest_within_day_fluctuation_points,largest_two_day_swing_points,peak_pressure_points,time_above_threshold_h";
    auto rows = lines_of(to_csv(r));
    ASSERT_EQ(rows.size(), 3U);
    EXPECT_EQ(rows[0], header);
    EXPECT_EQ(rows[1], "0,1,1.25,1,1,2,1,4,,");
    EXPECT_EQ(rows[2], "1,0.5,2,0.75,1.5,3.5,0.25,4.5,,");
    r.peak_pressure = {6.0 * points, 0.5 * points};
    r.time_above_threshold = {12.0 * hour, 0.0 * hour};
    rows = lines_of(to_csv(r));
    EXPECT_EQ(rows[1], "0,1,1.25,1,1,2,1,4,6,12");
    EXPECT_EQ(rows[2], "1,0.5,2,0.75,1.5,3.5,0.25,4.5,0.5,0");
    EXPECT_EQ(lines_of(to_csv(population_result{})), std::vector<std::string>{header});
}

}  // namespace
}  // namespace taper
