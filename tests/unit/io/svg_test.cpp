// The SVG chart of the hand-made schedule (outputs_fixture.hpp). The geometry is fixed
// (800 × 400, plot area x 64..736, y 48..328), so the dose line's corners can be worked out
// by hand: the axis tops out at 20 mg (the start dose), the plan runs 49 days.
#include "outputs_fixture.hpp"

#include <taper/error.hpp>
#include <taper/io/svg.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

using taper::testing::outputs_sample;

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

std::string attribute_of(const std::string& svg, const std::string& css_class, const std::string& attribute) {
    const auto element = svg.find("class=\"" + css_class + "\"");
    if (element == std::string::npos) return {};
    const auto at = svg.find(attribute + "=\"", element);
    const auto from = at + attribute.size() + 2;
    return svg.substr(from, svg.find('"', from) - from);
}

TEST(ExportSvg, ASelfContainedImage) {
    const std::string svg = taper::to_svg(outputs_sample());
    EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"400\"", 0), 0u);
    EXPECT_EQ(svg.substr(svg.size() - 7), "</svg>\n");
    EXPECT_EQ(svg.find("<script"), std::string::npos);
    EXPECT_EQ(svg.find("href"), std::string::npos);  // nothing fetched
    EXPECT_NE(svg.find("<title id=\"taper-chart-title\">citalopram: daily dose and SERT occupancy"), std::string::npos);
}

TEST(ExportSvg, TheDoseLineFollowsTheSteps) {
    // From 20 mg at the start (y 48) down to 10 mg (y 48 + 280/2 = 188) over step 1's 28 days
    // (x 64 + 672 × 28/49 = 448) and the hold's 14 (x 640), then 0 mg (y 328) to day 49 (x 736).
    EXPECT_EQ(attribute_of(taper::to_svg(outputs_sample()), "dose", "d"),
              "M64.0 48.0 L64.0 188.0 L448.0 188.0 L448.0 188.0 L640.0 188.0 L640.0 328.0 L736.0 328.0");
}

TEST(ExportSvg, OccupancyStepsHoldsAndLegend) {
    const std::string svg = taper::to_svg(outputs_sample());
    // From 75% at the start (y 48 + 280 × 0.25 = 118); 60% is y 48 + 280 × 0.4 = 160; 0% is 328.
    EXPECT_EQ(attribute_of(svg, "occupancy", "d"),
              "M64.0 118.0 L64.0 160.0 L448.0 160.0 L448.0 160.0 L640.0 160.0 L640.0 328.0 L736.0 328.0");
    EXPECT_EQ(count(svg, "class=\"step-mark\""), 3u);
    EXPECT_EQ(count(svg, "class=\"hold\""), 1u);
    EXPECT_EQ(attribute_of(svg, "hold", "x"), "448.0");
    EXPECT_EQ(attribute_of(svg, "hold", "width"), "192.0");
    EXPECT_EQ(count(svg, "class=\"switch\""), 0u);
    EXPECT_NE(svg.find("class=\"legend\""), std::string::npos);
}

TEST(ExportSvg, SwitchStepsAreMarked) {
    auto s = outputs_sample();
    s.steps[1].phase = taper::step_phase::switch_over;
    EXPECT_EQ(count(taper::to_svg(s), "class=\"switch\""), 1u);
}

TEST(ExportSvg, TextIsEscapedAndTheSizeChecked) {
    auto s = outputs_sample();
    s.drug = "a<b>&c";
    const std::string svg = taper::to_svg(s);
    EXPECT_NE(svg.find("a&lt;b&gt;&amp;c"), std::string::npos);
    EXPECT_EQ(svg.find("a<b>"), std::string::npos);
    EXPECT_THROW((void)taper::to_svg(s, {100, 100}), taper::invalid_argument_error);
}

}  // namespace
