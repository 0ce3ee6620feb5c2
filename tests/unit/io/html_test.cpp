// The printable page of the hand-made schedule (outputs_fixture.hpp): what it holds and that
// it prints (its print CSS), escaped and self-contained. tests/outputs renders it in Chromium.
#include "outputs_fixture.hpp"

#include <taper/io/format.hpp>
#include <taper/io/html.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

using taper::testing::outputs_sample;

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

TEST(ExportHtml, OnePageWithEverySection) {
    const std::string html = taper::to_html(outputs_sample());
    EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
    for (const char* id : {"chart", "steps", "cautions", "withdrawal", "support", "sources"})
        EXPECT_NE(html.find(" id=\"" + std::string(id) + "\">\n<h2>"), std::string::npos) << id;
    EXPECT_EQ(count(html, "<tr"), 4u);  // the header and three steps
    EXPECT_EQ(count(html, "<svg"), 1u);
    EXPECT_EQ(count(html, "<tr class=\"hold\">"), 1u);
    EXPECT_NE(html.find("morning 5 mg, night 5 mg"), std::string::npos);
}

TEST(ExportHtml, PrintsOnA4AndLetter) {
    const std::string html = taper::to_html(outputs_sample());
    EXPECT_NE(html.find("@media print"), std::string::npos);
    EXPECT_NE(html.find("@page { margin: 14mm 12mm; }"), std::string::npos);
    // No paper size is forced, and the content fits A4's width less the margins (186 mm),
    // which is narrower than Letter's.
    EXPECT_EQ(count(html, "@page"), 1u);  // the rule above, with a margin and no size
    EXPECT_NE(html.find("max-width: 186mm"), std::string::npos);
}

TEST(ExportHtml, SourcesCautionsAndTheDisclaimerOnce) {
    const std::string html = taper::to_html(outputs_sample());
    const auto& drug = *outputs_sample().subject;
    for (const auto& c : drug.cautions) EXPECT_EQ(count(html, c.substr(0, 40)), 1u) << c;
    EXPECT_NE(html.find("https://www.nice.org.uk/guidance/ng222"), std::string::npos);
    EXPECT_NE(html.find(drug.codes.front().origin.source.substr(0, 40)), std::string::npos);
    ASSERT_NE(drug.find_target("sert-striatum-sorensen2022"), nullptr);
    EXPECT_NE(html.find(drug.find_target("sert-striatum-sorensen2022")->ed50.origin.source.substr(0, 30)), std::string::npos);
}

// The support section lists the directory's organisations (data/support.json) for the plan's
// drug: citalopram is an SSRI, so the UK's Seroxat/SSRI user group and the Mind Infoline (for
// anyone), with BAT's and No Panic's numbers left out (they are for benzodiazepines); each with
// its source and the source's date (Mind, July 2016).
TEST(ExportHtml, SupportSectionListsTheDirectoryForTheDrugAndCountry) {
    const std::string html = taper::to_html(outputs_sample());
    const auto section = html.substr(html.find(" id=\"support\">"), html.find(" id=\"sources\">") - html.find(" id=\"support\">"));
    EXPECT_EQ(section.find("To fill in:"), std::string::npos);  // no longer a placeholder
    EXPECT_NE(section.find("data-id=\"mind-infoline\""), std::string::npos);
    EXPECT_NE(section.find("data-id=\"seroxat-ssri-user-group\""), std::string::npos);
    EXPECT_NE(section.find("data-id=\"mind-hk-iact\""), std::string::npos);  // no country: all
    EXPECT_EQ(section.find("battle-against-tranquillisers"), std::string::npos);
    EXPECT_NE(section.find("Phone: <span class=\"phone\">0300 5000 927</span>"), std::string::npos);  // Rethink
    EXPECT_NE(section.find("published 2016-07"), std::string::npos);
    EXPECT_NE(section.find("no publication date given"), std::string::npos);  // Mind HK's page has none

    // In the UK: the UK's and the online ones, none from Hong Kong or the US.
    const std::string uk = taper::to_html(outputs_sample(), {.country = "GB", .support = nullptr});
    EXPECT_NE(uk.find("data-id=\"mind-infoline\""), std::string::npos);
    EXPECT_NE(uk.find("data-id=\"surviving-antidepressants\""), std::string::npos);
    EXPECT_EQ(uk.find("data-id=\"mind-hk-iact\""), std::string::npos);
    EXPECT_EQ(uk.find("data-id=\"icarus-project\""), std::string::npos);
}

TEST(ExportHtml, TextIsEscapedAndNothingIsFetched) {
    const std::string html = taper::to_html(outputs_sample());
    EXPECT_NE(html.find("a, b; c\\d &lt;e&gt; &amp; &quot;f&quot; &#39;g&#39;"), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("src="), std::string::npos);
    EXPECT_EQ(html.find("<link"), std::string::npos);
}

}  // namespace
