// The support directory: every class finds someone, the drug's own organisations come first,
// phone numbers are the source's (Mind, "Coming off psychiatric drugs", July 2016:
// BAT 0117 9663629, Bipolar UK 0333 323 3880, No Panic 0300 7729844, Rethink 0300 5000 927),
// and a malformed file names the field.
#include <taper/drugs/database.hpp>
#include <taper/drugs/support.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace {

using ::testing::HasSubstr;

const taper::support_directory& dir() { return taper::support_directory::embedded(); }
const taper::drug& get(std::string_view name) { return taper::database::embedded().get(name); }

const taper::support_organisation& by_id(std::string_view id) {
    for (const auto& o : dir().organisations())
        if (o.id == id) return o;
    throw std::runtime_error("no organisation " + std::string(id));
}

bool lists(const std::vector<const taper::support_organisation*>& list, std::string_view id) {
    return std::any_of(list.begin(), list.end(), [&](const auto* o) { return o->id == id; });
}

TEST(Support, PhoneNumbersAndDatesAreTheSources) {
    EXPECT_EQ(by_id("battle-against-tranquillisers").phone, "0117 9663629");
    EXPECT_EQ(by_id("bipolar-uk").phone, "0333 323 3880");
    EXPECT_EQ(by_id("no-panic").phone, "0300 7729844");
    EXPECT_EQ(by_id("rethink-mental-illness").phone, "0300 5000 927");
    EXPECT_FALSE(by_id("surviving-antidepressants").phone.has_value());  // the source gives none
    EXPECT_EQ(by_id("battle-against-tranquillisers").source->published, "2016-07");
    EXPECT_EQ(by_id("mind-hk-iact").source->published, "");  // Mind HK's page has no date
    EXPECT_EQ(by_id("mind-hk-iact").country, "hk");
}

TEST(Support, EveryClassAndEveryDrugFindsSomeone) {
    for (const auto& d : taper::database::embedded().drugs()) {
        const auto uk = dir().for_drug(d, "uk");
        EXPECT_FALSE(uk.empty()) << d.name;
        EXPECT_TRUE(lists(uk, "mind-infoline")) << d.name;  // general: for anyone
    }
}

TEST(Support, TheDrugsOwnOrganisationsComeFirst) {
    const auto paroxetine = dir().for_drug(get("Seroxat"));
    ASSERT_FALSE(paroxetine.empty());
    EXPECT_EQ(paroxetine.front()->id, "seroxat-ssri-user-group");
    // Then the class's (Surviving Antidepressants) before the general ones.
    const auto class_pos = std::find_if(paroxetine.begin(), paroxetine.end(),
                                        [](const auto* o) { return o->id == "surviving-antidepressants"; });
    const auto general_pos = std::find_if(paroxetine.begin(), paroxetine.end(),
                                          [](const auto* o) { return o->id == "mind-infoline"; });
    EXPECT_LT(class_pos, general_pos);
    // Sertraline is an SSRI, but the Seroxat group is named for paroxetine, and its class list
    // says SSRIs too, so it is listed for sertraline after nothing drug-specific.
    EXPECT_TRUE(lists(dir().for_drug(get("sertraline")), "seroxat-ssri-user-group"));
}

TEST(Support, ClassesFindTheirOrganisations) {
    EXPECT_TRUE(lists(dir().for_drug(get("Xanax")), "battle-against-tranquillisers"));
    EXPECT_TRUE(lists(dir().for_drug(get("zopiclone")), "battle-against-tranquillisers"));
    EXPECT_FALSE(lists(dir().for_drug(get("citalopram")), "battle-against-tranquillisers"));
    EXPECT_TRUE(lists(dir().for_drug(get("lithium")), "bipolar-uk"));
    EXPECT_TRUE(lists(dir().for_drug(get("olanzapine")), "hearing-voices-network"));
    EXPECT_TRUE(lists(dir().for_drug(get("amitriptyline")), "surviving-antidepressants"));
    EXPECT_TRUE(lists(dir().for_class(taper::drug_class::gabapentinoid), "rethink-mental-illness"));
}

TEST(Support, ACountryNarrowsTheList) {
    const auto hk = dir().for_drug(get("citalopram"), "hk");
    ASSERT_FALSE(hk.empty());
    for (const auto* o : hk) EXPECT_EQ(o->country, "hk");
    EXPECT_TRUE(dir().for_drug(get("citalopram"), "us").size() < dir().for_drug(get("citalopram")).size());
}

TEST(Support, AMalformedFileNamesTheField) {
    const auto message = [](std::string_view json) -> std::string {
        try {
            (void)taper::support_directory::from_json(json, "test");
        } catch (const taper::formulary_error& e) {
            return e.what();
        }
        return "(accepted)";
    };
    const std::string head = R"({"format": "taper-support", "version": 1, "sources": [{"id": "s", "title": "t", "where": "w"}], "organisations": [)";
    EXPECT_THAT(message(head + R"({"id": "a", "name": "A", "kind": "k", "offers": "o", "country": "fr", "source": "s"}]})"),
                HasSubstr("country"));
    EXPECT_THAT(message(head + R"({"id": "a", "name": "A", "kind": "k", "offers": "o", "country": "uk", "source": "x"}]})"),
                HasSubstr("source"));
    EXPECT_THAT(message(head + R"({"id": "a", "name": "A", "kind": "k", "offers": "o", "country": "uk", "source": "s", "classes": ["pills"]}]})"),
                HasSubstr("classes"));
    EXPECT_THAT(message(head + R"({"id": "a", "name": "A", "kind": "k", "offers": "o", "country": "uk", "source": "s", "fax": "1"}]})"),
                HasSubstr("fax"));
    EXPECT_EQ(message(head + R"({"id": "a", "name": "A", "kind": "k", "offers": "o", "country": "uk", "source": "s"}]})"),
              "(accepted)");
}

}  // namespace
