// The list of published sources (journal/evidence.hpp): in the enum's order, each found by its
// stable id, each published one with a web address, and an unknown value never read out of bounds.
#include <taper/journal/evidence.hpp>

#include <gtest/gtest.h>

#include <cstddef>
#include <set>
#include <string_view>

namespace {

using taper::evidence_source;

TEST(Evidence, SourcesAreInTheEnumsOrderAndEachIsFoundByItsId) {
    const auto all = taper::evidence_sources();
    // Ten sources: horowitz_taylor_2022 = 0 ... project_rule = 9 (journal/evidence.hpp).
    ASSERT_EQ(all.size(), 10U);
    std::set<std::string_view> ids;
    for (std::size_t i = 0; i < all.size(); ++i) {
        EXPECT_EQ(all[i].source, static_cast<evidence_source>(i)) << i;
        EXPECT_TRUE(ids.insert(all[i].id).second) << all[i].id;
        EXPECT_EQ(taper::evidence_from_id(all[i].id), all[i].source) << all[i].id;
        EXPECT_EQ(&taper::info(all[i].source), &all[i]) << all[i].id;
        EXPECT_FALSE(all[i].citation.empty()) << all[i].id;
    }
}

TEST(Evidence, IdsAreTheNamesTheJsonUses) {
    // The ids are part of the JSON (a message parameter of kind `evidence`): fixed strings.
    EXPECT_EQ(taper::info(evidence_source::horowitz_taylor_2022).id, "horowitz_taylor_2022");
    EXPECT_EQ(taper::info(evidence_source::nice_ng222).id, "nice_ng222");
    EXPECT_EQ(taper::info(evidence_source::nice_ng215).id, "nice_ng215");
    EXPECT_EQ(taper::info(evidence_source::ashton_manual).id, "ashton_manual");
    EXPECT_EQ(taper::info(evidence_source::dess_rosenbaum_1998).id, "dess_rosenbaum_1998");
    EXPECT_EQ(taper::info(evidence_source::risperidone_label).id, "risperidone_label");
    EXPECT_EQ(taper::info(evidence_source::project_rule).id, "project_rule");
    EXPECT_EQ(taper::info(evidence_source::nice_ng222).url, "https://www.nice.org.uk/guidance/ng222");
    EXPECT_EQ(taper::info(evidence_source::ashton_manual).url, "https://www.benzo.org.uk/manual/bzcha03.htm");
}

TEST(Evidence, EveryPublishedSourceHasAnAddressAndTheProjectsOwnRuleHasNone) {
    for (const auto& s : taper::evidence_sources()) {
        if (s.source == evidence_source::project_rule) {
            EXPECT_TRUE(s.url.empty());
            continue;
        }
        EXPECT_TRUE(s.url.starts_with("https://") || s.url.starts_with("http://")) << s.id << ": " << s.url;
    }
}

TEST(Evidence, AnUnknownIdIsNothingAndAnOutOfRangeValueReadsAsTheProjectRule) {
    EXPECT_FALSE(taper::evidence_from_id("").has_value());
    EXPECT_FALSE(taper::evidence_from_id("NICE_NG222").has_value());  // ids are exact, lower case
    EXPECT_FALSE(taper::evidence_from_id("nice_ng").has_value());
    // A value past the last (from a cast, or a newer client) is read as the weakest kind of
    // source, never past the end of the table.
    const auto& past = taper::info(static_cast<evidence_source>(200));
    EXPECT_EQ(past.source, evidence_source::project_rule);
    EXPECT_EQ(past.id, "project_rule");
}

}  // namespace
