// Dilution recipes for tail doses (a dispersible tablet in a measured volume of water) and
// the must-dilute rule for sertraline concentrate. Realization itself lives in realize.cpp;
// these tests check the recipes against amounts worked out by hand.
#include <taper/drugs/database.hpp>
#include <taper/forms/instruction.hpp>
#include <taper/forms/realize.hpp>
#include <taper/units/from_value.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using K = taper::dose_component::kind;

taper::mass mg(double v) { return taper::from_value<taper::mass>(v); }
taper::volume mL(double v) { return taper::from_value<taper::volume>(v); }

/// A recipe with its text (written on demand: forms/instruction.hpp).
struct recipe_with_text : taper::dose_recipe {
    std::string instruction;
};

recipe_with_text dose_with_text(taper::mass target, const std::vector<taper::available_form>& forms,
                                const taper::realization_options& o = {}) {
    taper::dose_recipe r = taper::realize_dose(target, forms, o);
    std::string text = taper::instruction_text(r, forms, o);
    return {std::move(r), std::move(text)};
}

// Fluoxetine with a 10 mg dispersible tablet that may not be split (so only dilution can
// make doses below 10 mg), and citalopram's 10 mg tablet marked dispersible by a formulary.
taper::database with_formulary() {
    taper::database db = taper::database::embedded();
    db.overlay_json(R"({"format": "taper-formulary", "version": 1, "drugs": [
      {"name": "fluoxetine", "formulations": [
        {"id": "tablet-10mg", "form": "tablet", "strength": 10, "unit": "mg", "dispersible": true,
         "splittable": false, "scored": false, "source": "Local pharmacy", "status": "user-supplied"}]},
      {"name": "citalopram", "formulations": [
        {"id": "tablet", "dispersible": true, "source": "Local pharmacist", "status": "user-supplied"}]}
    ]})",
                    "test formulary");
    return db;
}

const taper::dose_component* dilution_part(const taper::dose_recipe& r) {
    for (const auto& p : r.parts)
        if (p.what == K::dilution) return &p;
    return nullptr;
}

bool on_grid(double v, double step) { return std::abs(v / step - std::round(v / step)) < 1e-9; }

TEST(Dilution, TheIssueExampleOneTenMilligramTabletInAHundredMillilitres) {
    // 0.37 mg from a 10 mg tablet: in 10 mL (1 mg/mL) 0.37 mL, in 20 mL (0.5 mg/mL) 0.74 mL,
    // in 50 mL (0.2 mg/mL) 1.85 mL: all off the 0.1 mL grid. In 100 mL (0.1 mg/mL): 3.7 mL.
    const auto db = with_formulary();
    const auto forms = taper::forms_on_hand(db.get("fluoxetine"), "10 mg tablet");
    const auto r = dose_with_text(mg(0.37), forms);
    const auto* p = dilution_part(r);
    ASSERT_NE(p, nullptr) << r.instruction;
    EXPECT_DOUBLE_EQ(p->dispersed_in.value(), 100);
    EXPECT_NEAR(p->amount_volume.value(), 3.7, 1e-9);
    EXPECT_NEAR(p->labelled.value(), 0.37, 1e-9);  // 10 mg × 3.7 / 100
    EXPECT_DOUBLE_EQ(p->units_used, 1);            // one tablet used up per dose
    EXPECT_NEAR(r.realized.value(), 0.37, 1e-9);
    EXPECT_TRUE(r.within_tolerance);
    EXPECT_THAT(r.instruction, HasSubstr("disperse 1 × 10 mg tablet in 100 mL of water (0.1 mg/mL)"));
    EXPECT_THAT(r.instruction, HasSubstr("take 3.7 mL"));
    EXPECT_THAT(r.instruction, HasSubstr("discard the rest"));
    EXPECT_THAT(r.instruction, HasSubstr("freshly for this dose"));  // never kept for later
}

TEST(Dilution, AnyExactWaterVolumeGivesTheSameDose) {
    // 0.34 mg: 1.7 mL of 50 mL (0.2 mg/mL) and 3.4 mL of 100 mL (0.1 mg/mL) are both exact.
    const auto db = with_formulary();
    const auto r = dose_with_text(mg(0.34), taper::forms_on_hand(db.get("fluoxetine"), "10 mg tablet"));
    const auto* p = dilution_part(r);
    ASSERT_NE(p, nullptr);
    EXPECT_NEAR(r.realized.value(), 0.34, 1e-9);
    EXPECT_NEAR(10.0 * p->amount_volume.value() / p->dispersed_in.value(), 0.34, 1e-9);
    EXPECT_TRUE(p->dispersed_in.value() == 50 || p->dispersed_in.value() == 100) << p->dispersed_in.value();
}

TEST(Dilution, WaterVolumesComeFromTheSetAndDosesFromTheGrid) {
    // Every dose from 0.2 to 9.8 mg in 0.1 mg steps: the water is one of 10/20/50/100 mL,
    // the volume taken is on the 0.1 mL grid, at least the 0.2 mL minimum, and no more than
    // the water; what it contains is strength × taken / water.
    const auto db = with_formulary();
    const auto forms = taper::forms_on_hand(db.get("fluoxetine"), "10 mg tablet");
    int diluted = 0;
    for (int i = 2; i < 99; ++i) {
        const double goal = i / 10.0;
        const auto r = dose_with_text(mg(goal), forms);
        const auto* p = dilution_part(r);
        if (p == nullptr) continue;
        ++diluted;
        const double w = p->dispersed_in.value(), v = p->amount_volume.value();
        EXPECT_TRUE(w == 10 || w == 20 || w == 50 || w == 100) << goal << ": " << w;
        EXPECT_TRUE(on_grid(v, 0.1)) << goal << ": " << v;
        EXPECT_GE(v, 0.2 - 1e-9) << goal;
        EXPECT_LE(v, w + 1e-9) << goal;
        EXPECT_NEAR(p->labelled.value(), 10.0 * v / w, 1e-9) << goal;
        EXPECT_TRUE(r.within_tolerance) << goal << ": " << r.instruction;
    }
    EXPECT_EQ(diluted, 97);  // the tablet may not be split: every dose is a dilution
}

TEST(Dilution, TheMinimumVolumeAndTheSyringeGridAreRespected) {
    const auto db = with_formulary();
    const auto forms = taper::forms_on_hand(db.get("fluoxetine"), "10 mg tablet");
    // 0.02 mg: 0.2 mL of the 100 mL dispersion (0.1 mg/mL), exactly at the minimum.
    const auto r = dose_with_text(mg(0.02), forms);
    ASSERT_NE(dilution_part(r), nullptr) << r.instruction;
    EXPECT_NEAR(dilution_part(r)->amount_volume.value(), 0.2, 1e-9);
    // With a 0.5 mL minimum, 0.02 mg cannot be measured (0.5 mL of 0.1 mg/mL is 0.05 mg):
    // a warning, never a silent wrong dose.
    taper::realization_options big_min;
    big_min.tools.min_volume = mL(0.5);
    const auto off = dose_with_text(mg(0.02), forms, big_min);
    EXPECT_FALSE(off.within_tolerance);
    EXPECT_TRUE(taper::contains(off.messages, taper::message_code::dose_off_target) ||
                taper::contains(off.messages, taper::message_code::dose_rounds_to_zero));
    // A 1 mL syringe grid: 0.37 mg needs 3.7 mL (off the grid); 0.4 mg is 4 mL of 100 mL.
    taper::realization_options coarse;
    coarse.tools.syringe_resolution = mL(1);
    coarse.tools.min_volume = mL(1);
    const auto c = dose_with_text(mg(0.4), forms, coarse);
    ASSERT_NE(dilution_part(c), nullptr) << c.instruction;
    EXPECT_TRUE(on_grid(dilution_part(c)->amount_volume.value(), 1.0));
    EXPECT_NEAR(c.realized.value(), 0.4, 1e-9);
}

TEST(Dilution, OwnWaterVolumes) {
    // Only 25 mL: 10 mg in 25 mL = 0.4 mg/mL; 0.6 mg = 1.5 mL.
    const auto db = with_formulary();
    taper::realization_options o;
    o.dilution_volumes = {mL(25)};
    const auto r = dose_with_text(mg(0.6), taper::forms_on_hand(db.get("fluoxetine"), "10 mg tablet"), o);
    const auto* p = dilution_part(r);
    ASSERT_NE(p, nullptr) << r.instruction;
    EXPECT_DOUBLE_EQ(p->dispersed_in.value(), 25);
    EXPECT_NEAR(p->amount_volume.value(), 1.5, 1e-9);
    EXPECT_THAT(r.instruction, HasSubstr("in 25 mL of water (0.4 mg/mL)"));
}

TEST(Dilution, OnlyForFormsMarkedDispersible) {
    // The embedded citalopram tablet is not marked dispersible: 0.5 mg is never a dilution.
    const auto& plain = taper::database::embedded().get("citalopram");
    const auto no = dose_with_text(mg(0.5), taper::forms_on_hand(plain, "10 mg tablet"));
    EXPECT_EQ(dilution_part(no), nullptr);
    // A formulary that marks it dispersible makes it one: 0.5 mg from 10 mg is 1/20 of the
    // tablet, e.g. 0.5 mL of 10 mL or 5 mL of 100 mL.
    const auto db = with_formulary();
    const auto yes = dose_with_text(mg(0.5), taper::forms_on_hand(db.get("citalopram"), "10 mg tablet"));
    const auto* p = dilution_part(yes);
    ASSERT_NE(p, nullptr) << yes.instruction;
    EXPECT_NEAR(p->amount_volume.value() / p->dispersed_in.value(), 0.05, 1e-12);
    EXPECT_NEAR(yes.realized.value(), 0.5, 1e-9);
    // Switched off in the options: no dilution.
    taper::realization_options off;
    off.allow_dilution = false;
    EXPECT_EQ(dilution_part(dose_with_text(mg(0.5), taper::forms_on_hand(db.get("citalopram"), "10 mg tablet"), off)),
              nullptr);
    // The embedded fluoxetine dispersible tablet (20 mg): 1.3 mg is 1.3 mL of 20 mL (1 mg/mL).
    const auto fl = dose_with_text(mg(1.3), taper::forms_on_hand(taper::database::embedded().get("fluoxetine"),
                                                                       "20 mg tablet"));
    ASSERT_NE(dilution_part(fl), nullptr) << fl.instruction;
    EXPECT_NEAR(fl.realized.value(), 1.3, 1e-9);
}

TEST(Dilution, SertralineConcentrateIsAlwaysDilutedBeforeTaking) {
    // 12 mg of 20 mg/mL = 0.6 mL; 50 mg = 2.5 mL; 1 mg = 0.05 mL is below the 0.2 mL minimum.
    const auto& d = taper::database::embedded().get("sertraline");
    const auto forms = taper::forms_on_hand(d, "20 mg/mL concentrate");
    for (double goal : {12.0, 50.0, 100.0}) {
        const auto r = dose_with_text(mg(goal), forms);
        ASSERT_EQ(r.parts.size(), 1u);
        EXPECT_NEAR(r.parts[0].amount_volume.value(), goal / 20, 1e-9);
        EXPECT_THAT(taper::instruction_text(r.parts[0], forms), HasSubstr("diluted before taking"));
        EXPECT_THAT(r.instruction, HasSubstr("~120 mL"));  // from the data's notes
    }
    const auto tiny = dose_with_text(mg(1), forms);
    EXPECT_FALSE(tiny.within_tolerance);
    EXPECT_TRUE(taper::contains(tiny.messages, taper::message_code::dose_off_target) ||
                taper::contains(tiny.messages, taper::message_code::dose_rounds_to_zero));
}

}  // namespace
