// The occupancy model's evidence status said once on a plan (code 326, docs/messages.md): the
// weaker of its ED50's and its Emax's statuses, in the order verified < secondary <
// user-supplied < unverified. The embedded models give both numbers one status, so a
// formulary overlay changes one of them to show which is taken.
#include <taper/taper.hpp>
#include <taper/units/literals.hpp>

#include "../plan_fixture.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace taper::literals;
using mc = taper::message_code;

// The status the plan states for its model, or "none" when it states none.
std::string stated_status(const taper::database& db, const std::string& drug, taper::mass dose) {
    const taper::schedule s =
        taper::make_plan(db, taper::testing::request(drug, dose), taper::strategies::percent_of_most_recent_dose(25));
    std::string out = "none";
    int times = 0;
    for (const auto& m : s.messages)
        if (m.code == mc::occupancy_model_evidence) {
            ++times;
            out = s.strategy_texts.at(m[0].as_index());
        }
    EXPECT_LE(times, 1) << drug;
    return out;
}

// Citalopram's default model (sert-striatum-sorensen2022, both numbers "secondary") with one
// number's status replaced.
taper::database citalopram_with(const std::string& number, const std::string& status) {
    taper::database db = taper::database::embedded();
    const std::string status_field = status.empty() ? "" : R"(, "status": ")" + status + "\"";
    db.overlay_json(R"({"format": "taper-formulary", "version": 1, "drugs": [{"name": "citalopram", "targets": [
        {"id": "sert-striatum-sorensen2022", ")" + number + R"(": )" +
                        (number == "emax" ? "83.98" : "2.33") + R"(, "source": "test")" + status_field + "}]}]}");
    return db;
}

TEST(ModelEvidence, TheEmbeddedModelsStatusIsStated) {
    // data/drugs.json: citalopram's Sørensen 2022 model is secondary, duloxetine's Takano 2006 verified.
    EXPECT_EQ(stated_status(taper::database::embedded(), "citalopram", 20_mg), "secondary");
    EXPECT_EQ(stated_status(taper::database::embedded(), "duloxetine", 60_mg), "verified");
    // Mirtazapine has no model: nothing to state.
    EXPECT_EQ(stated_status(taper::database::embedded(), "mirtazapine", 30_mg), "none");
}

TEST(ModelEvidence, TheWeakerOfEd50AndEmaxIsStated) {
    // A verified ED50 does not lift a secondary Emax, whichever number it is.
    EXPECT_EQ(stated_status(citalopram_with("ed50_mg", "verified"), "citalopram", 20_mg), "secondary");
    EXPECT_EQ(stated_status(citalopram_with("emax", "verified"), "citalopram", 20_mg), "secondary");
    // Unverified is the weakest: it wins from either side.
    EXPECT_EQ(stated_status(citalopram_with("ed50_mg", "unverified"), "citalopram", 20_mg), "unverified");
    EXPECT_EQ(stated_status(citalopram_with("emax", "unverified"), "citalopram", 20_mg), "unverified");
    // A formulary's own number without a status is user-supplied, weaker than secondary.
    EXPECT_EQ(stated_status(citalopram_with("ed50_mg", ""), "citalopram", 20_mg), "user-supplied");
    EXPECT_EQ(stated_status(citalopram_with("emax", "user-supplied"), "citalopram", 20_mg), "user-supplied");
}

TEST(ModelEvidence, UnverifiedIsWeakerThanUserSupplied) {
    taper::database db = citalopram_with("emax", "user-supplied");
    db.overlay_json(R"({"format": "taper-formulary", "version": 1, "drugs": [{"name": "citalopram", "targets": [
        {"id": "sert-striatum-sorensen2022", "ed50_mg": 2.33, "source": "test", "status": "unverified"}]}]})");
    EXPECT_EQ(stated_status(db, "citalopram", 20_mg), "unverified");
}

}  // namespace
