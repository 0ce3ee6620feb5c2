// The SVG chart (and HTML page) of a simulation: the hand-made schedule of outputs_fixture.hpp
// (49 days) with a hand-made simulated series, so that every coordinate can be worked out by
// hand: plot area x 64..736, y 48..328 on 800 × 400; occupancy p% is at y = 48 + 280 (1 − p/100).
// Then the simulation engine's own series, drawn point for point inside the plot area.
#include "outputs_fixture.hpp"

#include <taper/error.hpp>
#include <taper/io/html.hpp>
#include <taper/io/svg.hpp>
#include <taper/simulate/simulation.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

using taper::testing::outputs_sample;

/// 56 days (the plan's 49 and 7 more) sampled every 6 hours: occupancy 40, 50, 60, 50% in turn,
/// so every day's mean is 50% and the samples differ.
taper::simulation hand_made_simulation() {
    taper::simulation s;
    s.plan = outputs_sample();
    s.parameters.has_occupancy = true;
    s.parameters.receptor = "SERT";
    s.parameters.half_life = 35.0 * taper::units::hour;
    const double pattern[] = {40.0, 50.0, 60.0, 50.0};
    for (int i = 0; i < 56 * 4; ++i) {
        s.time.push_back(6.0 * i * taper::units::hour);
        s.occupancy.push_back(pattern[i % 4] * taper::units::points);
    }
    return s;
}

std::string attribute_of(const std::string& svg, const std::string& css_class, const std::string& attribute) {
    const auto element = svg.find("class=\"" + css_class + "\"");
    if (element == std::string::npos) return {};
    const auto at = svg.find(attribute + "=\"", element);
    const auto from = at + attribute.size() + 2;
    return svg.substr(from, svg.find('"', from) - from);
}

/// The points of a path of M and L commands, each "M|L x y".
std::vector<std::pair<double, double>> points_of(const std::string& d) {
    std::vector<std::pair<double, double>> out;
    std::istringstream in(d);
    for (std::string command; in >> command;) {
        EXPECT_EQ(command[0], out.empty() ? 'M' : 'L') << d;
        double x = std::stod(command.substr(1)), y = 0;
        in >> y;
        out.emplace_back(x, y);
    }
    return out;
}

void expect_inside_the_plot(const std::vector<std::pair<double, double>>& points) {
    for (const auto& [x, y] : points) {
        ASSERT_TRUE(std::isfinite(x) && std::isfinite(y));
        EXPECT_GE(x, 64.0);
        EXPECT_LE(x, 736.0);
        EXPECT_GE(y, 48.0);
        EXPECT_LE(y, 328.0);
    }
}

TEST(ExportSvgSimulation, DailyMeansAtEachDaysMiddle) {
    const std::string svg = taper::to_svg(hand_made_simulation(), taper::series_step::daily);
    const auto points = points_of(attribute_of(svg, "simulated-occupancy", "d"));
    ASSERT_EQ(points.size(), 56u);  // one a day
    expect_inside_the_plot(points);
    // The axis runs 56 days: day d's middle is x = 64 + 672 (d + 0.5)/56 = 64 + 12 (d + 0.5);
    // every mean is 50%, y = 48 + 140 = 188.
    EXPECT_EQ(points.front(), std::make_pair(70.0, 188.0));
    EXPECT_EQ(points[27], std::make_pair(394.0, 188.0));
    EXPECT_EQ(points.back(), std::make_pair(730.0, 188.0));
    EXPECT_EQ(attribute_of(svg, "simulated-occupancy", "d").rfind("M70.0 188.0 L82.0 188.0", 0), 0u);
}

TEST(ExportSvgSimulation, EverySampleDrawn) {
    const std::string svg = taper::to_svg(hand_made_simulation(), taper::series_step::each_sample);
    const auto points = points_of(attribute_of(svg, "simulated-occupancy", "d"));
    ASSERT_EQ(points.size(), 224u);
    expect_inside_the_plot(points);
    // Sample i at 6i hours: x = 64 + 672 (6i/24)/56 = 64 + 3i; 40% at y 216, 50% at 188, 60% at 160.
    EXPECT_EQ(points[0], std::make_pair(64.0, 216.0));
    EXPECT_EQ(points[1], std::make_pair(67.0, 188.0));
    EXPECT_EQ(points[2], std::make_pair(70.0, 160.0));
    EXPECT_EQ(points[223], std::make_pair(733.0, 188.0));
}

TEST(ExportSvgSimulation, TheTimeAxisCoversTheSimulationAndTheLegendNamesBothOccupancies) {
    const std::string svg = taper::to_svg(hand_made_simulation());
    // Over 56 days, step 1's end (day 28) is x 64 + 672 × 28/56 = 400, the hold's (day 42) 568.
    EXPECT_EQ(attribute_of(svg, "dose", "d"),
              "M64.0 48.0 L64.0 188.0 L400.0 188.0 L400.0 188.0 L568.0 188.0 L568.0 328.0 L652.0 328.0");
    EXPECT_NE(svg.find("SERT occupancy (simulated)"), std::string::npos);
    EXPECT_NE(svg.find(">steady-state occupancy</text>"), std::string::npos);
    EXPECT_NE(svg.find(">simulated occupancy, daily mean</text>"), std::string::npos);
    // Its own colour, not the dose's or the steady-state occupancy's.
    EXPECT_EQ(attribute_of(svg, "simulated-occupancy", "stroke"), "#CC79A7");
    EXPECT_NE(attribute_of(svg, "occupancy", "stroke"), "#CC79A7");
    EXPECT_NE(attribute_of(svg, "dose", "stroke"), "#CC79A7");
    // Drawn first, under the dashed steady-state occupancy (whose gaps show it) and the dose.
    EXPECT_LT(svg.find("class=\"simulated-occupancy\""), svg.find("class=\"occupancy\""));
    EXPECT_LT(svg.find("class=\"occupancy\""), svg.find("class=\"dose\""));
}

TEST(ExportSvgSimulation, AChartOfAPlanAloneHasNoSimulatedLine) {
    const std::string svg = taper::to_svg(outputs_sample());
    EXPECT_EQ(svg.find("simulated"), std::string::npos);
    EXPECT_NE(svg.find(">occupancy</text>"), std::string::npos);
}

TEST(ExportSvgSimulation, WithoutOccupancyThereIsNothingToDraw) {
    auto s = hand_made_simulation();
    s.occupancy.clear();
    s.parameters.has_occupancy = false;
    EXPECT_THROW((void)taper::to_svg(s), taper::missing_data_error);
    s = hand_made_simulation();
    s.occupancy.pop_back();
    EXPECT_THROW((void)taper::to_svg(s), taper::invalid_argument_error);
}

TEST(ExportSvgSimulation, TheEnginesSeriesPointForPoint) {
    const taper::simulation s = taper::simulate(outputs_sample());
    ASSERT_FALSE(s.occupancy.empty());
    const auto every = points_of(attribute_of(taper::to_svg(s, taper::series_step::each_sample), "simulated-occupancy", "d"));
    EXPECT_EQ(every.size(), s.time.size());
    expect_inside_the_plot(every);
    // Hourly samples (the default resolution): a point per whole day of 24.
    const auto daily = points_of(attribute_of(taper::to_svg(s, taper::series_step::daily), "simulated-occupancy", "d"));
    EXPECT_EQ(daily.size(), s.time.size() / 24);
    expect_inside_the_plot(daily);
}

TEST(ExportHtmlSimulation, ThePageCarriesTheSimulatedChartAndSaysWhatItIs) {
    const std::string page = taper::to_html(hand_made_simulation());
    EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(page.find("class=\"simulated-occupancy\""), std::string::npos);
    EXPECT_NE(page.find("<figcaption class=\"simulated\">"), std::string::npos);
    EXPECT_NE(page.find("not a prediction for one person"), std::string::npos);
}

}  // namespace
