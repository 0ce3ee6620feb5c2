// Conversions between forms of one drug and between benzodiazepines / z-drugs.
// Every expected number is worked out by hand in the comment next to it.
#include <taper/drugs/database.hpp>
#include <taper/forms/convert.hpp>
#include <taper/forms/on_hand.hpp>
#include <taper/units/access.hpp>
#include <taper/units/literals.hpp>
#include <taper/units/from_value.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using namespace taper::literals;

const taper::drug& embedded(std::string_view name) { return taper::database::embedded().get(name); }

// A fictional drug with a form of unknown bioavailability, a capsule and two tablets.
taper::database test_db() {
    taper::database db;
    db.overlay_json(R"({"format": "taper-formulary", "version": 1, "drugs": [
      {"name": "formamine", "class": "ssri",
       "formulations": [
        {"id": "tablet", "form": "tablet", "strength": [10, 20], "unit": "mg",
         "splittable": true, "source": "Test SmPC", "status": "verified"},
        {"id": "tablet-mr", "form": "tablet", "strength": 15, "unit": "mg",
         "modified_release": true, "source": "Test SmPC", "status": "verified"},
        {"id": "liquid", "form": "liquid", "strength": null, "unit": "mg/mL",
         "source": "Test label", "status": "secondary"},
        {"id": "drops-10mg-ml", "form": "drops", "strength": 10, "unit": "mg/mL",
         "source": "Drops label", "status": "secondary"},
        {"id": "oral-solution", "form": "liquid", "strength": [1, 5], "unit": "mg/mL",
         "bioavailability_vs_tablet": 0.8, "source": "Solution label", "status": "verified"},
        {"id": "beads-xr", "form": "beads", "strength": [50, 100], "unit": "mg",
         "beads_per_capsule": [100, 200], "modified_release": true,
         "source": "Count of a brand", "status": "user-supplied"}
       ]},
      {"name": "sleepazepam", "class": "z_drug",
       "equivalents": {"ashton": {"dose_mg": 20, "source": "Test table", "status": "secondary"}}}
    ]})",
                    "test");
    return db;
}

// ---- between forms ------------------------------------------------------------------

TEST(ConvertForm, CitalopramTabletToDropsIsTheSmPCExample) {
    // 10 mg tablet × (1 / 1.25) = 8 mg labelled; 8 mg / 40 mg/mL = 0.2 mL; 0.2 / 0.05 = 4 drops.
    const auto c = taper::convert_form(embedded("citalopram"), 10_mg, "tablet", "drops");
    EXPECT_DOUBLE_EQ(c.from_labelled.value(), 10.0);
    EXPECT_DOUBLE_EQ(c.to_labelled.value(), 8.0);
    EXPECT_DOUBLE_EQ(c.bioavailability_ratio, 0.8);
    ASSERT_TRUE(c.to_volume);
    EXPECT_NEAR(c.to_volume->value(), 0.2, 1e-12);
    ASSERT_TRUE(c.to_drops);
    EXPECT_NEAR(c.to_drops->value(), 4.0, 1e-9);
    EXPECT_FALSE(c.to_tablets);
    EXPECT_THAT(c.text, HasSubstr("10 mg citalopram as tablet = 8 mg as drops-40mg-ml"));
    EXPECT_THAT(c.text, HasSubstr("0.2 mL = 4 drops"));
    EXPECT_THAT(c.equivalence, HasSubstr("1.25"));
    EXPECT_THAT(c.equivalence, HasSubstr("verified"));
    EXPECT_THAT(c.equivalence, HasSubstr("Hertfordshire"));  // the data's source
}

TEST(ConvertForm, CitalopramSmPCTableHolds) {
    // SmPC: 20 mg tab = 16 mg (8 drops); 30 = 24 (12); 40 = 32 (16).
    const auto& d = embedded("citalopram");
    for (auto [tab, mg, n] : {std::tuple{20.0, 16.0, 8.0}, {30.0, 24.0, 12.0}, {40.0, 32.0, 16.0}}) {
        const auto c = taper::convert_form(d, taper::from_value<taper::mass>(tab), "tablet",
                                           "drops-40mg-ml");
        EXPECT_NEAR(c.to_labelled.value(), mg, 1e-12) << tab;
        EXPECT_NEAR(c.to_drops->value(), n, 1e-9) << tab;
    }
}

TEST(ConvertForm, DropsToTabletsIsTheInverseAndCountsTablets) {
    // 8 mg drops × 1.25 = 10 mg as tablets = 1 × 10 mg tablet; of 20 mg tablets, 0.5.
    const auto& d = embedded("citalopram");
    const auto c = taper::convert_form(d, 8_mg, "drops", "10 mg tablet");
    EXPECT_DOUBLE_EQ(c.to_labelled.value(), 10.0);
    EXPECT_DOUBLE_EQ(c.bioavailability_ratio, 1.25);
    ASSERT_TRUE(c.to_tablets);
    EXPECT_DOUBLE_EQ(c.to_tablets->value(), 1.0);
    EXPECT_FALSE(c.to_volume);
    EXPECT_THAT(c.text, HasSubstr("= 1 × 10 mg tablet"));

    const auto half = taper::convert_form(d, 8_mg, "drops-40mg-ml", "20 mg tablets");
    EXPECT_DOUBLE_EQ(half.to_tablets->value(), 0.5);
    EXPECT_THAT(half.text, Not(HasSubstr("not a whole")));  // citalopram tablets may be halved

    // Several strengths and none asked: mg only, and the text says how to get a count.
    const auto any = taper::convert_form(d, 8_mg, "drops", "tablet");
    EXPECT_FALSE(any.to_tablets);
    EXPECT_THAT(any.text, HasSubstr("name a strength"));

    // Round trip: tablet -> drops -> tablet returns the dose.
    const auto there = taper::convert_form(d, 13_mg, "tablet", "drops");
    const auto back = taper::convert_form(d, there.to_labelled, "drops", "tablet");
    EXPECT_NEAR(back.to_labelled.value(), 13.0, 1e-12);
}

TEST(ConvertForm, DropsThatAreNotWholeAreSaid) {
    // 5 mg tablet -> 4 mg drops = 0.1 mL = 2 drops; 6 mg -> 4.8 mg = 0.12 mL = 2.4 drops.
    const auto& d = embedded("citalopram");
    EXPECT_NEAR(taper::convert_form(d, 5_mg, "tablet", "drops").to_drops->value(), 2.0, 1e-9);
    const auto c = taper::convert_form(d, 6_mg, "tablet", "drops");
    EXPECT_NEAR(c.to_drops->value(), 2.4, 1e-9);
    EXPECT_THAT(c.text, HasSubstr("2 or 3 drops"));
    // Tiny doses keep three significant digits: 0.0123 mg tablet -> 0.00984 mg of drops.
    EXPECT_THAT(taper::convert_form(d, taper::from_value<taper::mass>(0.0123), "tablet", "drops").text,
                HasSubstr("0.0123 mg citalopram as tablet = 0.00984 mg as drops-40mg-ml"));
}

TEST(ConvertForm, SertralineConcentrateMustBeDiluted) {
    // 20 mg as tablets; no bioavailability data for either form -> 1; 20 / 20 mg/mL = 1 mL.
    const auto c = taper::convert_form(embedded("sertraline"), 20_mg, "tablet", "concentrate-20mg-ml");
    EXPECT_DOUBLE_EQ(c.to_labelled.value(), 20.0);
    ASSERT_TRUE(c.to_volume);
    EXPECT_DOUBLE_EQ(c.to_volume->value(), 1.0);
    EXPECT_FALSE(c.to_drops);
    EXPECT_THAT(c.text, HasSubstr("= 1 mL"));
    EXPECT_THAT(c.text, HasSubstr("must be diluted before taking"));
    EXPECT_THAT(c.text, HasSubstr("120 mL"));  // from the data's notes
    // Unknown bioavailability: taken as 1, said, with the data's source and status.
    EXPECT_THAT(c.equivalence, HasSubstr("not in the data, taken as 1"));
    EXPECT_THAT(c.equivalence, HasSubstr("Zoloft concentrate"));
    EXPECT_THAT(c.equivalence, HasSubstr("verified"));
    // By a unique id prefix too.
    EXPECT_DOUBLE_EQ(taper::convert_form(embedded("sertraline"), 20_mg, "tablet", "concentrate")
                         .to_volume->value(), 1.0);
}

TEST(ConvertForm, FormNameMustBeUnambiguousOrNarrowedByStrength) {
    const auto& d = embedded("sertraline");
    // Two liquids (concentrate-20mg-ml, liquid-5-10-20mg-ml): "liquid" alone is ambiguous.
    try {
        (void)taper::convert_form(d, 10_mg, "tablet", "liquid");
        FAIL();
    } catch (const taper::invalid_argument_error& e) {
        EXPECT_THAT(std::string(e.what()), HasSubstr("concentrate-20mg-ml, liquid-5-10-20mg-ml"));
        EXPECT_THAT(std::string(e.what()), HasSubstr("\"liquid\""));
    }
    // By id with a strength: 10 mg / 5 mg/mL = 2 mL.
    const auto c = taper::convert_form(d, 10_mg, "tablet", "liquid-5-10-20mg-ml",
                                       taper::from_value<taper::concentration>(5));
    EXPECT_DOUBLE_EQ(c.to_volume->value(), 2.0);
    // Several strengths and none named: an error naming them, not a guess.
    try {
        (void)taper::convert_form(d, 10_mg, "tablet", "liquid-5-10-20mg-ml");
        FAIL();
    } catch (const taper::invalid_argument_error& e) {
        EXPECT_THAT(std::string(e.what()), HasSubstr("5 mg/mL, 10 mg/mL, 20 mg/mL"));
    }
    // A strength the data does not have.
    EXPECT_THROW((void)taper::convert_form(d, 10_mg, "tablet", "liquid-5-10-20mg-ml",
                                           taper::from_value<taper::concentration>(7)),
                 taper::invalid_argument_error);
}

TEST(ConvertForm, UnknownBioavailabilityAndOtherForms) {
    const auto db = test_db();
    const auto& d = db.get("formamine");
    // tablet -> oral solution (0.8): 10 × 1/0.8 = 12.5 mg = 12.5 / 5 = 2.5 mL.
    const auto s = taper::convert_form(d, 10_mg, "10 mg tablet", "5 mg/mL liquid");
    EXPECT_DOUBLE_EQ(s.to_labelled.value(), 12.5);
    EXPECT_DOUBLE_EQ(s.to_volume->value(), 2.5);
    EXPECT_THAT(s.equivalence, HasSubstr("0.8"));
    // drops (unknown) -> solution (0.8): 4 mg × 1/0.8 = 5 mg; 5 / 1 mg/mL = 5 mL.
    const auto u = taper::convert_form(d, 4_mg, "drops", "oral-solution",
                                       taper::from_value<taper::concentration>(1));
    EXPECT_DOUBLE_EQ(u.to_labelled.value(), 5.0);
    EXPECT_DOUBLE_EQ(u.to_volume->value(), 5.0);
    EXPECT_THAT(u.equivalence, HasSubstr("drops-10mg-ml: bioavailability vs tablets is not in the data"));
    EXPECT_THAT(u.equivalence, HasSubstr("Drops label"));
    EXPECT_THAT(u.equivalence, HasSubstr("secondary"));
    // Drops without a drop size: volume, no drop count, and it says why.
    const auto dr = taper::convert_form(d, 5_mg, "tablet", "drops");
    EXPECT_DOUBLE_EQ(dr.to_volume->value(), 0.5);
    EXPECT_FALSE(dr.to_drops);
    EXPECT_THAT(dr.text, HasSubstr("drop size is not in the data"));
    // Liquid with an unknown concentration: missing data, unless the user gives one.
    EXPECT_THROW((void)taper::convert_form(d, 5_mg, "tablet", "liquid"), taper::missing_data_error);
    EXPECT_DOUBLE_EQ(taper::convert_form(d, 5_mg, "tablet", "liquid",
                                         taper::from_value<taper::concentration>(2))
                         .to_volume->value(), 2.5);
    // Beads: 25 mg of a 50 mg capsule of 100 beads = 0.5 capsule = 50 beads.
    const auto b = taper::convert_form(d, 25_mg, "tablet", "50 mg beads");
    EXPECT_THAT(b.text, HasSubstr("= 50 beads (100 beads per capsule)"));
    // A modified-release tablet: a fraction is flagged as not to be split.
    const auto mr = taper::convert_form(d, 7.5_mg, "tablet", "tablet-mr");
    EXPECT_DOUBLE_EQ(mr.to_tablets->value(), 0.5);
    EXPECT_THAT(mr.text, HasSubstr("must not be split"));
    // A strength with a formulation id: 30 mg as tablets = 2 × 15 mg tablet-mr.
    EXPECT_DOUBLE_EQ(taper::convert_form(d, 30_mg, "tablet", "15 mg tablet-mr").to_tablets->value(), 2.0);
    EXPECT_THROW((void)taper::convert_form(d, 30_mg, "tablet", "20 mg tablet-mr"), taper::invalid_argument_error);
    // A quarter of a splittable tablet is fine; a third is not.
    EXPECT_THAT(taper::convert_form(d, 2.5_mg, "drops", "10 mg tablet").text,
                Not(HasSubstr("not a whole")));
    EXPECT_THAT(taper::convert_form(d, 3_mg, "drops", "10 mg tablet").text,
                HasSubstr("not a whole, half or quarter tablet"));
}

TEST(ConvertForm, BadInputNamesTheInput) {
    const auto& d = embedded("citalopram");
    for (double bad : {0.0, -5.0, std::numeric_limits<double>::quiet_NaN(),
                       std::numeric_limits<double>::infinity()}) {
        EXPECT_THROW((void)taper::convert_form(d, taper::from_value<taper::mass>(bad), "tablet", "drops"),
                     taper::invalid_argument_error)
            << bad;
    }
    try {
        (void)taper::convert_form(d, -5_mg, "tablet", "drops");
        FAIL() << "expected invalid_argument_error";
    } catch (const taper::invalid_argument_error& e) {
        EXPECT_THAT(std::string(e.what()), HasSubstr("-5 mg"));
    }
    try {
        (void)taper::convert_form(d, 10_mg, "tablet", "gel");
        FAIL();
    } catch (const taper::invalid_argument_error& e) {
        EXPECT_THAT(std::string(e.what()), HasSubstr("\"gel\""));
        EXPECT_THAT(std::string(e.what()), HasSubstr("drops-40mg-ml"));  // what there is
    }
    EXPECT_THROW((void)taper::convert_form(d, 10_mg, "capsule", "drops"), taper::invalid_argument_error);
    EXPECT_THROW((void)taper::convert_form(d, 10_mg, "tablet", "15 mg tablet"), taper::invalid_argument_error);
    // A strength no formulation of that form has, among several formulations of the form.
    try {
        (void)taper::convert_form(embedded("sertraline"), 10_mg, "tablet", "7 mg/mL liquid");
        FAIL();
    } catch (const taper::invalid_argument_error& e) {
        EXPECT_THAT(std::string(e.what()), HasSubstr("names a strength the data does not have"));
    }
    EXPECT_THROW((void)taper::convert_form(d, 10_mg, "", "drops"), taper::invalid_argument_error);
    // A concentration for a tablet, or a zero one.
    EXPECT_THROW((void)taper::convert_form(d, 10_mg, "drops", "tablet",
                                           taper::from_value<taper::concentration>(40)),
                 taper::invalid_argument_error);
    EXPECT_THROW((void)taper::convert_form(d, 10_mg, "tablet", "drops",
                                           taper::from_value<taper::concentration>(0)),
                 taper::invalid_argument_error);
    // A drug with no forms in the data.
    EXPECT_THROW((void)taper::convert_form(embedded("loprazolam"), 1_mg, "tablet", "liquid"),
                 taper::invalid_argument_error);
}

// ---- between drugs ------------------------------------------------------------------

TEST(EquivalentDose, AlprazolamToLorazepamViaDiazepam) {
    // Ashton: alprazolam 0.5 mg ≈ 10 mg diazepam, lorazepam 1 mg ≈ 10 mg.
    // 1 mg × 10/0.5 = 20 mg diazepam; × 1/10 = 2 mg lorazepam.
    const auto e = taper::class_equivalent_dose(embedded("alprazolam"), 1_mg, embedded("lorazepam"));
    EXPECT_DOUBLE_EQ(e.diazepam_equivalent.value(), 20.0);
    EXPECT_DOUBLE_EQ(e.dose.value(), 2.0);
    EXPECT_EQ(e.table, "ashton");
    EXPECT_THAT(e.text, HasSubstr("1 mg alprazolam ≈ 20 mg diazepam ≈ 2 mg lorazepam"));
    EXPECT_THAT(e.text, HasSubstr("table ashton"));
    // VA/DoD 2021: alprazolam 1 mg, lorazepam 2 mg: 1 × 10/1 = 10 mg diazepam; × 2/10 = 2 mg.
    const auto v = taper::class_equivalent_dose(embedded("alprazolam"), 1_mg, embedded("lorazepam"),
                                                "va-dod-2021");
    EXPECT_DOUBLE_EQ(v.diazepam_equivalent.value(), 10.0);
    EXPECT_DOUBLE_EQ(v.dose.value(), 2.0);
    EXPECT_EQ(v.table, "va-dod-2021");
}

TEST(EquivalentDose, ToAndFromDiazepamItself) {
    // Lorazepam 3 mg × 10/1 = 30 mg diazepam.
    const auto e = taper::class_equivalent_dose(embedded("lorazepam"), 3_mg, embedded("diazepam"));
    EXPECT_DOUBLE_EQ(e.dose.value(), 30.0);
    EXPECT_DOUBLE_EQ(e.diazepam_equivalent.value(), 30.0);
    EXPECT_THAT(e.text, HasSubstr("3 mg lorazepam ≈ 30 mg diazepam (table ashton"));  // diazepam once
    // 15 mg diazepam to alprazolam: 15 × 0.5/10 = 0.75 mg.
    const auto a = taper::class_equivalent_dose(embedded("diazepam"), 15_mg, embedded("alprazolam"));
    EXPECT_DOUBLE_EQ(a.dose.value(), 0.75);
    EXPECT_THAT(a.text, HasSubstr("15 mg diazepam ≈ 0.75 mg alprazolam (table ashton"));
}

TEST(EquivalentDose, DiazepamIsTheReferenceInEveryTable) {
    // VA/DoD 2021 does not list diazepam (it is the reference): lorazepam 2 mg ≈ 10 mg diazepam,
    // so 3 mg lorazepam × 10/2 = 15 mg diazepam, and back.
    const auto& lor = embedded("lorazepam");
    const auto& dz = embedded("diazepam");
    const auto e = taper::class_equivalent_dose(lor, 3_mg, dz, "va-dod-2021");
    EXPECT_DOUBLE_EQ(e.dose.value(), 15.0);
    EXPECT_THAT(e.text, HasSubstr("diazepam is the reference (10 mg)"));
    EXPECT_DOUBLE_EQ(taper::class_equivalent_dose(dz, 15_mg, lor, "va-dod-2021").dose.value(), 3.0);
    // An unknown table is still an error, naming the tables there are.
    try {
        (void)taper::class_equivalent_dose(dz, 10_mg, dz, "nice");
        FAIL();
    } catch (const taper::missing_data_error& e2) {
        EXPECT_THAT(std::string(e2.what()), HasSubstr("\"nice\""));
        EXPECT_THAT(std::string(e2.what()), HasSubstr("ashton"));
    }
    EXPECT_THROW((void)taper::class_equivalent_dose(lor, 1_mg, dz, "nice"), taper::missing_data_error);
}

TEST(EquivalentDose, RangeUsesTheChosenEndAndSaysSo) {
    // Loprazolam (Ashton) 1-2 mg ≈ 10 mg diazepam.
    // Low end: 1 mg × 10/1 = 10 mg diazepam -> 1 mg lorazepam. High end: 1 × 10/2 = 5 -> 0.5 mg.
    const auto& lop = embedded("loprazolam");
    const auto low = taper::class_equivalent_dose(lop, 1_mg, embedded("lorazepam"));
    EXPECT_DOUBLE_EQ(low.diazepam_equivalent.value(), 10.0);
    EXPECT_DOUBLE_EQ(low.dose.value(), 1.0);
    EXPECT_THAT(low.text, HasSubstr("a range, 1-2 mg: the low end was used"));
    const auto high = taper::class_equivalent_dose(lop, 1_mg, embedded("lorazepam"), "ashton", true);
    EXPECT_DOUBLE_EQ(high.diazepam_equivalent.value(), 5.0);
    EXPECT_DOUBLE_EQ(high.dose.value(), 0.5);
    EXPECT_THAT(high.text, HasSubstr("the high end was used"));
}

TEST(EquivalentDose, ARangeStatesBothEndsNeverOneSilently) {
    // Issue 10: `taper convert loprazolam 1mg --to-drug diazepam`. Loprazolam (Ashton) 1-2 mg
    // ≈ 10 mg diazepam: the low end gives 1 × 10/1 = 10 mg diazepam, the high end 1 × 10/2 = 5 mg.
    const auto& lop = embedded("loprazolam");
    const auto low = taper::class_equivalent_dose(lop, 1_mg, embedded("diazepam"));
    EXPECT_DOUBLE_EQ(low.dose.value(), 10.0);
    ASSERT_TRUE(low.other_end_dose.has_value());
    EXPECT_DOUBLE_EQ(low.other_end_dose->value(), 5.0);
    EXPECT_THAT(low.text, HasSubstr("high end gives 5 mg diazepam instead"));
    const auto high = taper::class_equivalent_dose(lop, 1_mg, embedded("diazepam"), "ashton", true);
    EXPECT_DOUBLE_EQ(high.other_end_dose->value(), 10.0);
    EXPECT_THAT(high.text, HasSubstr("low end gives 10 mg diazepam instead"));
    // Single values on both sides: no other end (alprazolam 0.5 mg ≈ 10 mg diazepam, Ashton).
    EXPECT_FALSE(taper::class_equivalent_dose(embedded("alprazolam"), 1_mg, embedded("diazepam")).other_end_dose);
}

TEST(EquivalentDose, UnknownValuesAndWrongClassesAreErrors) {
    // Zaleplon's Ashton value is null (unverified).
    try {
        (void)taper::class_equivalent_dose(embedded("zaleplon"), 10_mg, embedded("diazepam"));
        FAIL();
    } catch (const taper::missing_data_error& e) {
        EXPECT_THAT(std::string(e.what()), HasSubstr("zaleplon"));
        EXPECT_THAT(std::string(e.what()), HasSubstr("unverified"));
    }
    // Loprazolam has no VA/DoD entry.
    EXPECT_THROW((void)taper::class_equivalent_dose(embedded("loprazolam"), 1_mg, embedded("diazepam"),
                                                    "va-dod-2021"),
                 taper::missing_data_error);
    // Not a benzodiazepine.
    try {
        (void)taper::class_equivalent_dose(embedded("sertraline"), 50_mg, embedded("diazepam"));
        FAIL();
    } catch (const taper::invalid_argument_error& e) {
        EXPECT_THAT(std::string(e.what()), HasSubstr("sertraline (SSRI) is not a benzodiazepine or z-drug"));
    }
    EXPECT_THROW((void)taper::class_equivalent_dose(embedded("diazepam"), 5_mg, embedded("citalopram")),
                 taper::invalid_argument_error);
    // Bad doses.
    EXPECT_THROW((void)taper::class_equivalent_dose(embedded("diazepam"), 0_mg, embedded("lorazepam")),
                 taper::invalid_argument_error);
    EXPECT_THROW((void)taper::class_equivalent_dose(embedded("diazepam"),
                                                    taper::from_value<taper::mass>(std::nan("")),
                                                    embedded("lorazepam")),
                 taper::invalid_argument_error);
}

TEST(EquivalentDose, AZDrugFromAUserFormulary) {
    // sleepazepam 20 mg ≈ 10 mg diazepam: 10 mg × 10/20 = 5 mg diazepam -> 0.5 mg lorazepam.
    auto db = test_db();
    const auto e = taper::class_equivalent_dose(db.get("sleepazepam"), 10_mg, embedded("lorazepam"));
    EXPECT_DOUBLE_EQ(e.diazepam_equivalent.value(), 5.0);
    EXPECT_DOUBLE_EQ(e.dose.value(), 0.5);
    EXPECT_THAT(e.text, HasSubstr("[secondary]"));
}

}  // namespace

// --from/--to read "<strength> <form>" with the grammar of forms_on_hand (--have): the same
// words name the same products in both.
TEST(ConvertForm, SameStrengthAndFormGrammarAsFormsOnHand) {
    const auto& d = embedded("citalopram");
    // 10 mg as tablets ÷ 1.25 (drops' bioavailability vs tablets) = 8 mg of 40 mg/mL drops
    // = 0.2 mL.
    for (const char* tablets : {"10 mg tabs", "10 mg tablets", "10mg tab", "10 mg film-coated tablet"}) {
        const auto c = taper::convert_form(d, 10_mg, tablets, "drops");
        EXPECT_NEAR(taper::in(c.to_labelled, taper::units::mg), 8.0, 1e-9) << tablets;
        ASSERT_TRUE(c.to_volume) << tablets;
        EXPECT_NEAR(taper::in(*c.to_volume, taper::units::mL), 0.2, 1e-9) << tablets;
        EXPECT_EQ(taper::forms_on_hand(d, tablets).size(), 1u) << tablets;  // and as --have
    }
    // "syrup" and "oral solution" name the 2 mg/mL liquid, as in --have: 10 mg ÷ 2 mg/mL = 5 mL.
    for (const char* liquid : {"2 mg/mL syrup", "2 mg/mL oral solution", "syrup"}) {
        const auto c = taper::convert_form(d, 10_mg, "tablet", liquid);
        ASSERT_TRUE(c.to_volume) << liquid;
        EXPECT_NEAR(taper::in(*c.to_volume, taper::units::mL), 5.0, 1e-9) << liquid;
    }
    EXPECT_EQ(taper::forms_on_hand(d, "2 mg/mL syrup").size(), 1u);
}

// Regression tests from an adversarial review (extreme doses, odd limits, odd tools and odd
// text), each expectation worked out by hand in its comment. Their own namespace keeps the
// helpers they were written with.
namespace review_regression {
namespace {

using namespace taper::literals;

const taper::database& db() { return taper::database::embedded(); }

// venlafaxine 75 mg from the MR tablet to the XR bead capsules (37.5, 75, 150 mg) without a
// strength said: name a strength ("10 mg beads") to count beadss. The example is a strength
// the form has, and what is counted is capsules.
TEST(ReviewRegression, ConvertHintNamesARealStrengthAndPlural) {
    const auto c = taper::convert_form(db().get("venlafaxine"), 75_mg, "tablet-mr", "beads-xr");
    EXPECT_EQ(c.text.find("beadss"), std::string::npos) << c.text;
    EXPECT_EQ(c.text.find("10 mg"), std::string::npos) << c.text;
    EXPECT_NE(c.text.find("(\"37.5 mg beads\") to count capsules"), std::string::npos) << c.text;
    const auto t = taper::convert_form(db().get("paroxetine"), 20_mg, "tablet", "tablet-mr");
    EXPECT_NE(t.text.find("(\"12.5 mg tablet\") to count tablets"), std::string::npos) << t.text;
}

}  // namespace
}  // namespace review_regression
