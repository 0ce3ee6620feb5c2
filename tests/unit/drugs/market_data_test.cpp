// Products by country and licensed maxima in a formulary: read with their provenance, merged
// by key, rejected with the field named when malformed. The drug here is made up; its
// numbers test the loader, not the clinic.
#include <taper/drugs/database.hpp>
#include <taper/io/json.hpp>
#include <taper/units/access.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

namespace {

using ::testing::HasSubstr;
using taper::market_region;

constexpr const char* base = R"({"format": "taper-formulary", "version": 1, "drugs": [
  {"name": "testamine", "class": "tricyclic",
   "formulations": [
     {"id": "tablet", "form": "tablet", "strength": [10, 25], "unit": "mg", "scored": true,
      "regions": ["uk", "us"], "source": "Test SmPC", "status": "verified"},
     {"id": "odt", "form": "tablet", "strength": 5, "unit": "mg", "scored": true,
      "orodispersible": true, "regions": ["us"], "brand": "Testamelt",
      "source": "Test label", "status": "verified"},
     {"id": "liquid-2mg-ml", "form": "liquid", "strength": 2, "unit": "mg/mL",
      "excipient_cautions": ["contains ethanol"], "source": "Test SmPC", "status": "verified"}],
   "max_daily_dose": [
     {"region": "uk", "dose_mg": 150, "source": "Test SmPC 4.2", "status": "verified"},
     {"region": "uk", "population": "older adults", "dose_mg": 75, "source": "Test SmPC 4.2", "status": "verified"},
     {"region": "us", "indication": "depression", "dose_mg": 200, "source": "Test label 2", "status": "verified"},
     {"region": "us", "indication": "pain", "dose_mg": 300, "source": "Test label 2", "status": "secondary"}]}
]})";

taper::database loaded() {
    taper::database db;
    db.overlay_json(base, "base");
    return db;
}

TEST(MarketData, ProductsKnowTheirCountries) {
    const auto db = loaded();
    const auto& d = db.get("testamine");
    EXPECT_EQ(d.klass, taper::drug_class::tricyclic);
    const auto& tablet = *d.find_formulation("tablet");
    EXPECT_TRUE(tablet.sold_in(market_region::uk));
    EXPECT_TRUE(tablet.sold_in(market_region::us));
    EXPECT_EQ(tablet.regions.origin.source, "Test SmPC");
    const auto& odt = *d.find_formulation("odt");
    EXPECT_FALSE(odt.sold_in(market_region::uk));
    EXPECT_EQ(odt.brand, "Testamelt");
    // Scored, but an orodispersible tablet melts: never split.
    EXPECT_FALSE(odt.may_split());
    EXPECT_TRUE(tablet.may_split());
    // Region not stated: sold nowhere as far as the data knows.
    const auto& liquid = *d.find_formulation("liquid-2mg-ml");
    EXPECT_FALSE(liquid.regions.known());
    EXPECT_FALSE(liquid.sold_in(market_region::uk));
    EXPECT_EQ(liquid.excipient_cautions, std::vector<std::string>{"contains ethanol"});
}

TEST(MarketData, LicensedMaximumIsTheRegionsHighestGeneralAdultEntry) {
    const auto db = loaded();
    const auto& d = db.get("testamine");
    ASSERT_EQ(d.max_daily_dose.size(), 4u);
    const auto* uk = d.licensed_maximum_for(market_region::uk);
    ASSERT_NE(uk, nullptr);
    // 150, not the older adults' 75.
    EXPECT_DOUBLE_EQ(taper::in(*uk->daily_dose, taper::units::mg), 150.0);
    EXPECT_EQ(uk->daily_dose.origin.source, "Test SmPC 4.2");
    // Two US indications: the higher (300, pain) is the licensed maximum.
    const auto* us = d.licensed_maximum_for(market_region::us);
    ASSERT_NE(us, nullptr);
    EXPECT_DOUBLE_EQ(taper::in(*us->daily_dose, taper::units::mg), 300.0);
    EXPECT_EQ(us->indication, "pain");
    // No region: the highest anywhere.
    EXPECT_EQ(d.licensed_maximum_for(), us);
}

TEST(MarketData, NoMaximumIsNullNotAGuess) {
    taper::database db;
    db.overlay_json(R"({"format": "taper-formulary", "version": 1, "drugs": [
        {"name": "unlabelled", "class": "other"}]})");
    EXPECT_EQ(db.get("unlabelled").licensed_maximum_for(), nullptr);
    EXPECT_EQ(db.get("unlabelled").licensed_maximum_for(market_region::uk), nullptr);
}

TEST(MarketData, OverlayReplacesTheMaximumWithTheSameKey) {
    auto db = loaded();
    db.overlay_json(R"({"format": "taper-formulary", "version": 1, "drugs": [
        {"name": "testamine", "max_daily_dose": [{"region": "uk", "dose_mg": 100}]}]})", "local");
    const auto& d = db.get("testamine");
    EXPECT_EQ(d.max_daily_dose.size(), 4u);
    const auto* uk = d.licensed_maximum_for(market_region::uk);
    EXPECT_DOUBLE_EQ(taper::in(*uk->daily_dose, taper::units::mg), 100.0);
    EXPECT_EQ(uk->daily_dose.origin.status, taper::evidence_status::user_supplied);
}

void expect_rejected(const std::string& drug_json, const std::string& field) {
    taper::database db = loaded();
    const std::string doc = R"({"format": "taper-formulary", "version": 1, "drugs": [)" + drug_json + "]}";
    try {
        db.overlay_json(doc, "bad");
        ADD_FAILURE() << "accepted: " << drug_json;
    } catch (const taper::formulary_error& e) {
        EXPECT_THAT(e.what(), HasSubstr(field)) << drug_json;
    }
    // Strong guarantee: the database is as it was.
    EXPECT_EQ(db.get("testamine").max_daily_dose.size(), 4u);
}

TEST(MarketData, MalformedEntriesNameTheField) {
    expect_rejected(R"({"name": "testamine", "max_daily_dose": [{"dose_mg": 100}]})", "region");
    expect_rejected(R"({"name": "testamine", "max_daily_dose": [{"region": "fr", "dose_mg": 100}]})", "region");
    expect_rejected(R"({"name": "testamine", "max_daily_dose": [{"region": "uk"}]})", "dose_mg");
    expect_rejected(R"({"name": "testamine", "max_daily_dose": [{"region": "uk", "dose_mg": -5}]})", "dose_mg");
    expect_rejected(R"({"name": "testamine", "formulations": [{"id": "tablet", "regions": []}]})", "regions");
    expect_rejected(R"({"name": "testamine", "formulations": [{"id": "tablet", "regions": ["uk", "uk"]}]})",
                    "regions");
    expect_rejected(R"({"name": "testamine", "formulations": [{"id": "tablet", "regions": ["eu"]}]})", "regions");
    expect_rejected(R"({"name": "testamine", "class": "anticonvulsant"})", "class");
}

TEST(MarketData, JsonExportCarriesRegionsAndMaxima) {
    const auto db = loaded();
    const auto j = nlohmann::json::parse(taper::to_json(db.get("testamine")));
    EXPECT_EQ(j["class"], "tricyclic");
    EXPECT_EQ(j["formulations"][1]["regions"]["value"], nlohmann::json::array({"us"}));
    EXPECT_EQ(j["formulations"][1]["orodispersible"]["value"], true);
    EXPECT_EQ(j["formulations"][1]["brand"], "Testamelt");
    EXPECT_TRUE(j["formulations"][2]["regions"]["value"].is_null());
    ASSERT_EQ(j["max_daily_dose"].size(), 4u);
    EXPECT_EQ(j["max_daily_dose"][1]["population"], "older adults");
    EXPECT_EQ(j["max_daily_dose"][1]["daily_dose_mg"]["value"], 75.0);
    EXPECT_EQ(j["max_daily_dose"][1]["daily_dose_mg"]["source"], "Test SmPC 4.2");
}

TEST(MarketData, ClassFamilies) {
    using taper::drug_class;
    EXPECT_TRUE(taper::is_antidepressant(drug_class::tricyclic));
    EXPECT_TRUE(taper::is_antidepressant(drug_class::maoi));
    EXPECT_FALSE(taper::is_antidepressant(drug_class::mood_stabilizer));
    EXPECT_TRUE(taper::abrupt_stop_risks_seizures(drug_class::gabapentinoid));
    EXPECT_EQ(taper::drug_class_from_string("atypical_antidepressant"), drug_class::atypical_antidepressant);
    EXPECT_EQ(taper::to_string(taper::market_region::us), "us");
    EXPECT_EQ(taper::market_region_from_string("UK"), std::nullopt);  // files use lower case
}

}  // namespace
