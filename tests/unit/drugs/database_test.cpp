// Look-up by name, alias and brand; "did you mean"; equivalence tables; copies are values.
#include <taper/drugs/database.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

taper::database base_database() {
    taper::database db;
    db.overlay_file(std::filesystem::path(TAPER_TEST_DATA_DIR) / "formularies" / "base.json");
    return db;
}

TEST(Database, FindsByNameAliasAndBrandInAnyCase) {
    const auto db = base_database();
    const auto* d = &db.get("testamine");
    EXPECT_EQ(&db.get("  TESTAMINE "), d);
    EXPECT_EQ(&db.get("Testorex"), d);
    EXPECT_EQ(&db.get("testamine HYDROCHLORIDE"), d);
    EXPECT_EQ(db.find("nothing-like-it"), nullptr);
}

TEST(Database, UnknownNameSuggestsNearMisses) {
    const auto db = base_database();
    try {
        (void)db.get("testamin");
        FAIL();
    } catch (const taper::unknown_drug_error& e) {
        EXPECT_THAT(e.suggestions(), ElementsAre("testamine"));
        // The text names the suggestion's class (docs/safety.md, rule "look-up").
        EXPECT_THAT(std::string(e.what()), HasSubstr("did you mean testamine (ssri)?"));
        EXPECT_EQ(e.query(), "testamin");
    }
    // A transposition and a brand-name typo.
    EXPECT_THAT(db.suggestions("tsetamine"), ElementsAre("testamine"));
    EXPECT_THAT(db.suggestions("testorexx"), ElementsAre("Testorex (testamine)"));
    // A prefix of three letters or more.
    EXPECT_THAT(db.suggestions("calma"), ElementsAre("calmazepam"));
    // Nothing close: no suggestion, and the message says where to look.
    EXPECT_TRUE(db.suggestions("zzzzzzzz").empty());
    try {
        (void)db.get("zzzzzzzz");
        FAIL();
    } catch (const taper::unknown_drug_error& e) {
        EXPECT_THAT(std::string(e.what()), HasSubstr("taper drugs"));
    }
}

TEST(Database, EquivalenceTablesAreKeptSideBySide) {
    const auto db = base_database();
    const auto& d = db.get("calmo");
    const auto& ashton = d.diazepam_equivalent();  // the default table
    EXPECT_TRUE(ashton.is_range());
    EXPECT_DOUBLE_EQ(ashton.low.value(), 1.0);
    EXPECT_DOUBLE_EQ(ashton.high.value(), 2.0);
    EXPECT_DOUBLE_EQ(d.diazepam_equivalent("va-dod-2021").low.value(), 1.5);
    EXPECT_THROW((void)d.diazepam_equivalent("maudsley"), taper::missing_data_error);
    EXPECT_THROW((void)db.get("testamine").diazepam_equivalent(), taper::missing_data_error);
}

TEST(Database, DrugWithoutModelSaysToUseProportional) {
    const auto db = base_database();
    try {
        (void)db.get("calmazepam").occupancy();
        FAIL();
    } catch (const taper::missing_data_error& e) {
        EXPECT_THAT(std::string(e.what()), HasSubstr("proportional"));
    }
    // A model that exists but has no numbers says which ones are missing.
    try {
        (void)db.get("testamine").occupancy("net");
        FAIL();
    } catch (const taper::missing_data_error& e) {
        EXPECT_THAT(std::string(e.what()), HasSubstr("ED50"));
    }
    EXPECT_THROW((void)db.get("testamine").occupancy("d2"), taper::missing_data_error);
}

TEST(Database, IsAValue) {
    auto a = base_database();
    auto b = a;
    b.overlay_json(R"({"drugs": [{"name": "testamine", "targets": [{"id": "sert", "ed50_mg": 8}]}]})");
    EXPECT_DOUBLE_EQ(a.get("testamine").occupancy().ed50->value(), 4.0);
    EXPECT_DOUBLE_EQ(b.get("testamine").occupancy().ed50->value(), 8.0);
}

}  // namespace
