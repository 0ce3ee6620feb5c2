// Formulary files: a good overlay merges field by field with provenance; every malformed
// file gets a formulary_error naming the file, the drug, the field and the problem, and
// leaves the database exactly as it was.
#include <taper/drugs/database.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace {

using ::testing::HasSubstr;

const std::filesystem::path data_dir = std::filesystem::path(TAPER_TEST_DATA_DIR) / "formularies";

taper::database base_database() {
    taper::database db;
    db.overlay_file(data_dir / "base.json");
    return db;
}

TEST(Formulary, BaseLoadsWithPerValueProvenance) {
    const auto db = base_database();
    ASSERT_EQ(db.size(), 2u);
    const auto& d = db.get("testamine");
    EXPECT_EQ(d.klass, taper::drug_class::ssri);
    const auto& sert = d.occupancy();
    EXPECT_EQ(sert.id, "sert");
    EXPECT_DOUBLE_EQ(*sert.emax_percent, 80.0);
    EXPECT_DOUBLE_EQ(sert.ed50->value(), 4.0);
    EXPECT_EQ(sert.ed50.origin.source, "Test paper 2020");
    EXPECT_EQ(sert.ed50.origin.status, taper::evidence_status::verified);
    const auto& net = *d.find_target("net");
    EXPECT_FALSE(net.usable());
    EXPECT_EQ(net.ed50.origin.status, taper::evidence_status::unverified);
    EXPECT_DOUBLE_EQ(d.half_life.parent->shortest.value(), 20.0);
    EXPECT_EQ(d.half_life.parent.origin.status, taper::evidence_status::secondary);
    const auto* liquid = d.find_formulation("liquid");
    ASSERT_NE(liquid, nullptr);
    EXPECT_DOUBLE_EQ(liquid->concentrations->at(0).value(), 2.0);
    EXPECT_FALSE(liquid->unit_strengths.known());
    const auto* tablet = d.find_formulation("tablet");
    ASSERT_EQ(tablet->unit_strengths->size(), 2u);
    EXPECT_DOUBLE_EQ(tablet->unit_strengths->at(1).value(), 20.0);
    EXPECT_TRUE(tablet->may_split());
    EXPECT_FALSE(d.find_formulation("beads")->may_split());  // modified release
}

TEST(Formulary, OverlayReplacesOnlyTheFieldsItNames) {
    auto db = base_database();
    db.overlay_file(data_dir / "good_overlay.json");
    const auto& d = db.get("testamine");
    const auto& liquid = *d.find_formulation("liquid");
    EXPECT_DOUBLE_EQ(liquid.concentrations->at(0).value(), 2.5);
    EXPECT_EQ(liquid.concentrations.origin.source, "Our pharmacy label, 2026-11");
    // No status given on the overlay object: the value is marked as the user's own.
    EXPECT_EQ(liquid.concentrations.origin.status, taper::evidence_status::user_supplied);

    const auto& beads = *d.find_formulation("beads");
    ASSERT_TRUE(beads.bead_counts.known());
    EXPECT_DOUBLE_EQ(beads.bead_counts->at(1).value(), 300.0);
    EXPECT_THAT(beads.bead_counts.origin.source, HasSubstr("good_overlay.json"));
    // Untouched neighbours keep their own provenance.
    EXPECT_EQ(beads.unit_strengths.origin.source, "Test PI");
    EXPECT_EQ(beads.unit_strengths.origin.status, taper::evidence_status::secondary);

    const auto& drops = *d.find_formulation("drops");
    EXPECT_EQ(drops.kind, taper::form_kind::drops);
    EXPECT_DOUBLE_EQ(drops.drop_volume->value(), 0.05);
    EXPECT_EQ(drops.drop_volume.origin.status, taper::evidence_status::secondary);

    // Lists add, they do not replace.
    EXPECT_EQ(d.brand_names.size(), 2u);
    EXPECT_EQ(&db.get("Testolux"), &db.get("testorex"));
    // A new drug without a stated default model gets its first usable one.
    EXPECT_EQ(db.get("newdrugine").occupancy().id, "x");
}

struct bad_case {
    const char* file;
    const char* drug;     // expected in the message ("" for file-level problems)
    const char* field;    // expected in the message
    const char* problem;  // expected in the message
};

void PrintTo(const bad_case& c, std::ostream* os) { *os << c.file; }

class MalformedFormulary : public ::testing::TestWithParam<bad_case> {};

TEST_P(MalformedFormulary, IsRejectedWithANamedErrorAndChangesNothing) {
    const bad_case& c = GetParam();
    auto db = base_database();
    const auto before_size = db.size();
    const double before_ed50 = db.get("testamine").occupancy().ed50->value();
    const auto file = data_dir / c.file;
    try {
        db.overlay_file(file);
        FAIL() << c.file << " was accepted";
    } catch (const taper::formulary_error& e) {
        const std::string what = e.what();
        EXPECT_THAT(what, HasSubstr(c.file));
        EXPECT_THAT(what, HasSubstr(c.drug));
        EXPECT_THAT(what, HasSubstr(c.field));
        EXPECT_THAT(what, HasSubstr(c.problem));
        EXPECT_EQ(e.origin(), file.string());
    }
    // Strong guarantee: nothing of the bad file stayed.
    EXPECT_EQ(db.size(), before_size);
    EXPECT_DOUBLE_EQ(db.get("testamine").occupancy().ed50->value(), before_ed50);
    EXPECT_EQ(db.find("otherine"), nullptr);
    EXPECT_EQ(db.find("newdrugine"), nullptr);
    EXPECT_EQ(db.get("testamine").formulations.size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(
    Files, MalformedFormulary,
    ::testing::Values(
        bad_case{"bad_not_json.json", "", "", "not valid JSON"},
        bad_case{"bad_top_is_list.json", "", "", "expected an object"},
        bad_case{"bad_wrong_version.json", "", "version", "reads version 1"},
        bad_case{"bad_drugs_not_list.json", "", "drugs", "expected a list"},
        bad_case{"bad_misspelt_field.json", "testamine", "strenght", "unknown field"},
        bad_case{"bad_negative_strength.json", "testamine", "strength[1]", "greater than 0"},
        bad_case{"bad_strength_as_text.json", "testamine", "strength", "found a string"},
        bad_case{"bad_unit_for_form.json", "testamine", "unit", "expected \"mg\""},
        bad_case{"bad_bad_status.json", "testamine", "status", "is not a status"},
        bad_case{"bad_new_drug_without_class.json", "newdrugine", "class", "needs a class"},
        bad_case{"bad_unknown_default_target.json", "testamine", "default_target", "sert-cortex"},
        bad_case{"bad_brand_taken.json", "otherine", "brand_names", "already names testamine"},
        bad_case{"bad_bead_counts_mismatch.json", "testamine", "beads_per_capsule", "one count per strength"},
        bad_case{"bad_emax_out_of_range.json", "testamine", "emax", "between 0 and 200"},
        bad_case{"bad_half_life_inverted.json", "testamine", "parent_h", "shortest half-life is longer"},
        bad_case{"bad_duplicate_drug.json", "TESTAMINE", "name", "appears twice"},
        bad_case{"bad_new_formulation_without_form.json", "testamine", "form", "needs a form"},
        bad_case{"bad_blank_name.json", "", "name", "must not be blank"},
        bad_case{"bad_change_form.json", "testamine", "form", "cannot change the form"},
        bad_case{"bad_equivalent_range_inverted.json", "calmazepam", "dose_mg", "low end"},
        bad_case{"bad_drop_volume_on_tablet.json", "testamine", "drop_volume_ml", "only drops"},
        bad_case{"bad_huge_number.json", "", "", "number overflow"},
        bad_case{"bad_alias_as_new_name.json", "Testorex", "name", "another name for testamine"},
        bad_case{"bad_empty_source.json", "testamine", "source", "must not be empty"}));

TEST(Formulary, MissingFileIsAFormularyError) {
    auto db = base_database();
    EXPECT_THROW(db.overlay_file(data_dir / "does_not_exist.json"), taper::formulary_error);
    EXPECT_THROW(db.overlay_file(data_dir), taper::formulary_error);  // a directory
    EXPECT_EQ(db.size(), 2u);
}

TEST(Formulary, StringOverlayNamesItsOrigin) {
    auto db = base_database();
    try {
        db.overlay_json(R"({"drugs": [{"name": "testamine", "class": "opioid"}]})", "inline test");
        FAIL();
    } catch (const taper::formulary_error& e) {
        EXPECT_THAT(std::string(e.what()), HasSubstr("inline test"));
        EXPECT_EQ(e.field(), "class");
        EXPECT_EQ(e.drug(), "testamine");
    }
}

// How many times a day a form is taken: a whole number from 1 to 6 with the formulation's
// source, or null; anything else names the field and leaves the database as it was.
TEST(Formulary, DosesPerDayIsAWholeNumberFromOneToSix) {
    auto db = base_database();
    db.overlay_json(R"({"drugs": [{"name": "testamine", "formulations": [
        {"id": "liquid", "doses_per_day": 2, "source": "test label", "status": "verified"}]}]})",
                    "twice");
    const auto* f = db.get("testamine").find_formulation("liquid");
    ASSERT_NE(f, nullptr);
    ASSERT_TRUE(f->doses_per_day.known());
    EXPECT_EQ(*f->doses_per_day, 2);
    EXPECT_EQ(f->doses_per_day.origin.source, "test label");
    for (const char* bad : {"0", "7", "2.5", "-1", "\"2\"", "true", "1e300"}) {
        const std::string text = std::string(R"({"drugs": [{"name": "testamine", "formulations": [{"id": "liquid", "doses_per_day": )") +
                                 bad + "}]}]}";
        try {
            db.overlay_json(text, "bad");
            ADD_FAILURE() << bad << " was accepted";
        } catch (const taper::formulary_error& e) {
            EXPECT_EQ(e.field(), "formulations[liquid].doses_per_day") << bad;
            EXPECT_EQ(e.drug(), "testamine") << bad;
        }
        EXPECT_EQ(*db.get("testamine").find_formulation("liquid")->doses_per_day, 2) << bad;  // unchanged
    }
    db.overlay_json(R"({"drugs": [{"name": "testamine", "formulations": [{"id": "liquid", "doses_per_day": null}]}]})",
                    "unknown again");
    EXPECT_FALSE(db.get("testamine").find_formulation("liquid")->doses_per_day.known());
}

TEST(Formulary, GarbageBytesNeverCrash) {
    // A few adversarial inputs beyond the files: each is an error, never a crash.
    for (const std::string& text : {std::string(""), std::string("\0\0", 2), std::string(100000, '['),
                                   std::string("{\"drugs\": [null]}"), std::string("{\"drugs\": [1, 2]}"),
                                   std::string("{\"drugs\": [{\"name\": 5}]}")}) {
        auto db = base_database();
        EXPECT_THROW(db.overlay_json(text, "garbage"), taper::formulary_error);
        EXPECT_EQ(db.size(), 2u);
    }
}

}  // namespace
