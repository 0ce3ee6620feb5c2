// data/codes.json merged into the embedded drugs: each code with its source, none guessed.
#include "../../../src/drugs/codes_json.hpp"

#include <taper/drugs/database.hpp>
#include <taper/error.hpp>

#include <gtest/gtest.h>

namespace {

constexpr const char* rxnorm = "http://www.nlm.nih.gov/research/umls/rxnorm";

TEST(DrugCodes, EmbeddedDrugsCarryTheirRxNormIngredientCodes) {
    const auto& db = taper::database::embedded();
    // RxCUIs as CPIC's drug table lists them (cpicpgx/cpic-schema drug.sql).
    const std::pair<const char*, const char*> expected[] = {
        {"citalopram", "2556"}, {"sertraline", "36437"}, {"diazepam", "3322"}, {"olanzapine", "61381"},
        {"amitriptyline", "704"}, {"lamotrigine", "28439"}, {"bupropion", "42347"}};
    for (const auto& [name, code] : expected) {
        const auto& codes = db.get(name).codes;
        ASSERT_EQ(codes.size(), 1u) << name;
        EXPECT_EQ(codes[0].system, rxnorm);
        EXPECT_EQ(codes[0].code, code) << name;
        EXPECT_EQ(codes[0].origin.status, taper::evidence_status::secondary);
        EXPECT_NE(codes[0].origin.source.find("cpic-schema"), std::string::npos);
    }
    EXPECT_TRUE(db.get("zopiclone").codes.empty());  // not in the source: left out
}

TEST(DrugCodes, AMalformedDocumentIsAFormularyError) {
    std::vector<taper::drug> drugs(1);
    drugs[0].name = "citalopram";
    EXPECT_THROW(taper::detail::apply_codes(drugs, "{", "t"), taper::formulary_error);
    EXPECT_THROW(taper::detail::apply_codes(drugs, R"({"format":"taper-codes","drugs":{"nodrug":[]}})", "t"),
                 taper::formulary_error);
    EXPECT_THROW(taper::detail::apply_codes(
                     drugs, R"({"format":"taper-codes","drugs":{"citalopram":[{"system":"s","code":"1","display":"c","status":"secondary"}]}})",
                     "t"),
                 taper::formulary_error);  // no source
    taper::detail::apply_codes(
        drugs, R"({"format":"taper-codes","drugs":{"Citalopram":[{"system":"s","code":"1","display":"c","source":"x","status":"verified"}]}})",
        "t");
    ASSERT_EQ(drugs[0].codes.size(), 1u);
    EXPECT_EQ(drugs[0].codes[0].origin.status, taper::evidence_status::verified);
}

}  // namespace
