// What is on hand: "10 mg tablet, 2 mg/mL liquid" read against the drug's data, and every
// product of a drug. Expected values come from data/drugs.json (the reviewed data) as
// listed by `taper info <drug>`.
#include <taper/drugs/database.hpp>
#include <taper/forms/on_hand.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>

namespace {

using ::testing::HasSubstr;
using taper::available_form;
using taper::form_kind;

const taper::drug& get(std::string_view name) { return taper::database::embedded().get(name); }

std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const taper::error& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(FormsOnHand, ReadsTabletsLiquidsAndDrops) {
    const auto forms = taper::forms_on_hand(get("citalopram"), "10 mg tablet, 2 mg/mL liquid, 40 mg/mL drops");
    ASSERT_EQ(forms.size(), 3u);

    EXPECT_EQ(forms[0].drug, "citalopram");
    EXPECT_EQ(forms[0].formulation_id, "tablet");
    EXPECT_EQ(forms[0].kind, form_kind::tablet);
    ASSERT_TRUE(forms[0].unit_strength);
    EXPECT_DOUBLE_EQ(forms[0].unit_strength->value(), 10.0);
    EXPECT_TRUE(forms[0].may_split);  // citalopram tablets are scored and splittable in the data
    EXPECT_EQ(forms[0].label, "10 mg tablet");

    EXPECT_EQ(forms[1].formulation_id, "liquid-2mg-ml");
    ASSERT_TRUE(forms[1].liquid_strength);
    EXPECT_DOUBLE_EQ(forms[1].liquid_strength->value(), 2.0);
    EXPECT_FALSE(forms[1].bioavailability_known);  // the data has no figure for the liquid
    EXPECT_DOUBLE_EQ(forms[1].bioavailability, 1.0);
    EXPECT_EQ(forms[1].label, "2 mg/mL liquid");

    EXPECT_EQ(forms[2].formulation_id, "drops-40mg-ml");
    EXPECT_EQ(forms[2].kind, form_kind::drops);
    ASSERT_TRUE(forms[2].drop_volume);
    EXPECT_DOUBLE_EQ(forms[2].drop_volume->value(), 0.05);  // 1 drop = 0.05 mL = 2 mg
    EXPECT_TRUE(forms[2].bioavailability_known);
    EXPECT_DOUBLE_EQ(forms[2].bioavailability, 1.25);
    EXPECT_EQ(forms[2].bioavailability_origin.status, taper::evidence_status::verified);
    EXPECT_EQ(forms[2].label, "40 mg/mL drops");
}

TEST(FormsOnHand, ABareFormulationIdIsEveryStrengthOfIt) {
    // docs/cli.md: an item of --have may be a formulation id, as `taper info` lists them
    // (issue 10: they were refused). Venlafaxine's liquid-7.5-15mg-ml has two strengths in
    // the data (7.5 and 15 mg/mL); diazepam's liquid-1mg-ml one.
    const auto v = taper::forms_on_hand(get("venlafaxine"), "liquid-7.5-15mg-ml");
    ASSERT_EQ(v.size(), 2U);
    for (const auto& f : v) EXPECT_EQ(f.formulation_id, "liquid-7.5-15mg-ml");
    const auto dz = taper::forms_on_hand(get("diazepam"), "LIQUID-1mg-ml, 2 mg tablet");
    ASSERT_EQ(dz.size(), 2U);
    EXPECT_EQ(dz[0].formulation_id, "liquid-1mg-ml");
    EXPECT_EQ(dz[0].kind, form_kind::liquid);
    // An id the data has no strengths for is refused, saying so (quetiapine's tablet-mr: the
    // data gives none; venlafaxine's, used here before, has had its strengths since the
    // products were added to every drug).
    try {
        (void)taper::forms_on_hand(get("quetiapine"), "tablet-mr");
        ADD_FAILURE() << "tablet-mr (strengths unknown) was accepted";
    } catch (const taper::plan_error& e) {
        EXPECT_THAT(std::string(e.what()), HasSubstr("does not know the strengths of tablet-mr"));
    }
}

TEST(FormsOnHand, AcceptsOtherSpellingsOfTheSameThing) {
    const auto& d = get("citalopram");
    const auto a = taper::forms_on_hand(d, "10 mg/5 mL oral solution; 20mg tablets");
    ASSERT_EQ(a.size(), 2u);
    EXPECT_DOUBLE_EQ(a[0].liquid_strength->value(), 2.0);  // 10 mg / 5 mL = 2 mg/mL
    EXPECT_DOUBLE_EQ(a[1].unit_strength->value(), 20.0);
    const auto b = taper::forms_on_hand(d, "40 mg/mL drops-40mg-ml");  // a formulation id as the form
    ASSERT_EQ(b.size(), 1u);
    EXPECT_EQ(b[0].formulation_id, "drops-40mg-ml");
    // A repeated item is the same product, listed once.
    EXPECT_EQ(taper::forms_on_hand(d, "10 mg tablet, 10 mg tablet").size(), 1u);
}

TEST(FormsOnHand, UnknownStrengthNamesTheItemAndListsWhatTheDrugHas) {
    const auto& d = get("citalopram");
    const std::string m = message_of([&] { (void)taper::forms_on_hand(d, "10 mg tablet, 15 mg tablet"); });
    EXPECT_THAT(m, HasSubstr("\"15 mg tablet\""));
    EXPECT_THAT(m, HasSubstr("10 mg tablet, 20 mg tablet, 40 mg tablet"));
    EXPECT_THAT(m, HasSubstr("40 mg/mL drops"));
    EXPECT_THAT(m, HasSubstr("2 mg/mL liquid"));
    EXPECT_THROW((void)taper::forms_on_hand(d, "5 mg/mL liquid"), taper::plan_error);
}

TEST(FormsOnHand, RejectsUnknownFormsZeroStrengthsAndEmptyItems) {
    const auto& d = get("citalopram");
    EXPECT_THAT(message_of([&] { (void)taper::forms_on_hand(d, "10 mg lozenge"); }), HasSubstr("lozenge"));
    EXPECT_THAT(message_of([&] { (void)taper::forms_on_hand(d, "0 mg tablet"); }), HasSubstr("more than 0 mg"));
    EXPECT_THROW((void)taper::forms_on_hand(d, "0 mg/mL liquid"), taper::parse_error);   // the parser refuses
    EXPECT_THROW((void)taper::forms_on_hand(d, "-10 mg tablet"), taper::parse_error);
    EXPECT_THROW((void)taper::forms_on_hand(d, "tablet"), taper::parse_error);          // no strength
    EXPECT_THAT(message_of([&] { (void)taper::forms_on_hand(d, "2 mg liquid"); }), HasSubstr("concentration"));
    EXPECT_THAT(message_of([&] { (void)taper::forms_on_hand(d, "10 mg/mL tablet"); }), HasSubstr("mass per unit"));
    EXPECT_THAT(message_of([&] { (void)taper::forms_on_hand(d, "  "); }), HasSubstr("nothing given"));
    EXPECT_THAT(message_of([&] { (void)taper::forms_on_hand(d, "10 mg tablet,, 2 mg/mL liquid"); }),
                HasSubstr("item 2"));
}

TEST(FormsOnHand, ModifiedReleaseIsNeverSplittable) {
    const auto& d = get("paroxetine");
    // 12.5 mg exists only as the modified-release tablet.
    const auto mr = taper::forms_on_hand(d, "12.5 mg tablet, 25 mg MR tablet, 37.5 mg tablet-mr");
    ASSERT_EQ(mr.size(), 3u);
    for (const auto& f : mr) {
        EXPECT_EQ(f.formulation_id, "tablet-mr");
        EXPECT_FALSE(f.may_split) << f.label;
        EXPECT_THAT(f.label, HasSubstr("modified-release"));
        EXPECT_THAT(f.caution, HasSubstr("do not split"));
    }
    const auto plain = taper::forms_on_hand(d, "20 mg tablet");
    ASSERT_EQ(plain.size(), 1u);
    EXPECT_EQ(plain[0].formulation_id, "tablet");
    EXPECT_TRUE(plain[0].may_split);
    // "MR" restricts to modified-release forms: paroxetine has no 20 mg one.
    EXPECT_THROW((void)taper::forms_on_hand(d, "20 mg MR tablet"), taper::plan_error);
}

TEST(FormsOnHand, EntericCoatedBeadsAreWholeCapsulesWithoutACount) {
    const auto& d = get("duloxetine");
    const auto forms = taper::forms_on_hand(d, "30 mg capsule");
    ASSERT_EQ(forms.size(), 1u);
    EXPECT_EQ(forms[0].formulation_id, "beads-dr");
    EXPECT_EQ(forms[0].kind, form_kind::beads);
    EXPECT_FALSE(forms[0].may_split);
    EXPECT_FALSE(forms[0].bead_count);
}

TEST(FormsOnHand, BeadsNeedACountAndSayHowToGiveOne) {
    const auto& d = get("venlafaxine");
    const std::string m = message_of([&] { (void)taper::forms_on_hand(d, "75 mg beads"); });
    EXPECT_THAT(m, HasSubstr("\"75 mg beads\""));
    EXPECT_THAT(m, HasSubstr("beads_per_capsule"));
    EXPECT_THAT(m, HasSubstr("formulary"));
    EXPECT_THAT(m, HasSubstr("75 mg capsule"));  // the whole-capsule alternative
    // Whole capsules are fine without a count.
    const auto whole = taper::forms_on_hand(d, "75 mg capsule");
    ASSERT_EQ(whole.size(), 1u);
    EXPECT_EQ(whole[0].formulation_id, "beads-xr");
    EXPECT_FALSE(whole[0].bead_count);
    EXPECT_FALSE(whole[0].may_split);
}

TEST(FormsOnHand, BeadCountFromAUserFormulary) {
    taper::database db = taper::database::embedded();
    db.overlay_json(R"json({"format": "taper-formulary", "version": 1, "drugs": [
        {"name": "venlafaxine", "formulations": [
            {"id": "beads-xr", "beads_per_capsule": [150, 300, 600],
             "source": "counted in our pharmacy (test)", "status": "user-supplied"}]}]})json");
    const auto forms = taper::forms_on_hand(db.get("venlafaxine"), "75 mg beads, 37.5 mg beads");
    ASSERT_EQ(forms.size(), 2u);
    ASSERT_TRUE(forms[0].bead_count);
    EXPECT_DOUBLE_EQ(forms[0].bead_count->value(), 300.0);
    EXPECT_DOUBLE_EQ(forms[1].bead_count->value(), 150.0);
    EXPECT_EQ(forms[0].label, "75 mg modified-release capsule of beads");
}

TEST(FormsOnHand, ConcentrateMustBeDilutedAndAmbiguityIsAnError) {
    const auto& d = get("sertraline");
    const auto c = taper::forms_on_hand(d, "20 mg/mL concentrate");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formulation_id, "concentrate-20mg-ml");
    EXPECT_TRUE(c[0].must_dilute);
    EXPECT_THAT(c[0].caution, HasSubstr("diluted"));
    // 20 mg/mL is both the concentrate and a suspension: say which.
    const std::string m = message_of([&] { (void)taper::forms_on_hand(d, "20 mg/mL liquid"); });
    EXPECT_THAT(m, HasSubstr("concentrate-20mg-ml"));
    EXPECT_THAT(m, HasSubstr("liquid-5-10-20mg-ml"));
    // Sertraline 50 mg: scored, "can be divided into equal halves" (SmPC PL 11311-0491);
    // 100 mg: UK generics differ (PL 29831-0183 states no score line), so never split.
    EXPECT_TRUE(taper::forms_on_hand(d, "50 mg tablet")[0].may_split);
    EXPECT_FALSE(taper::forms_on_hand(d, "100 mg tablet")[0].may_split);
}

TEST(FormsOnHand, DispersibleTablets) {
    const auto f = taper::forms_on_hand(get("fluoxetine"), "20 mg tablet, 20 mg capsule");
    ASSERT_EQ(f.size(), 2u);
    EXPECT_TRUE(f[0].dispersible);
    EXPECT_EQ(f[1].kind, form_kind::capsule);
    EXPECT_FALSE(f[1].dispersible);
    EXPECT_FALSE(f[1].may_split);
}

TEST(AllForms, OneEntryPerStrengthAndNothingUnmeasurable) {
    const auto c = taper::all_forms(get("citalopram"));
    // 10, 20, 40 mg tablets (UK); 40 mg/mL drops; 2 mg/mL liquid; the US 20 and 40 mg tablets
    // (tablet-us-20-40mg), each strength of each product its own entry.
    EXPECT_EQ(c.size(), 7u);
    // Venlafaxine: three bead strengths (whole capsules: no count in the data), two liquids
    // and the four XL tablets (37.5, 75, 150, 225 mg; Venlalic XL leaflet).
    const auto v = taper::all_forms(get("venlafaxine"));
    EXPECT_EQ(v.size(), 9u);
    for (const auto& f : v) {
        if (f.kind == form_kind::beads) {
            EXPECT_FALSE(f.bead_count);
            EXPECT_EQ(f.label.find("beads"), std::string::npos) << f.label;  // "... capsule"
        }
    }
    // A liquid with no concentration in the data (every embedded product now has one, so a
    // formulary adds it) is left out, and described as such; the tablets are in.
    taper::database db = taper::database::embedded();
    db.overlay_json(R"json({"format": "taper-formulary", "version": 1, "drugs": [
        {"name": "risperidone", "formulations": [
            {"id": "liquid-local", "form": "liquid", "unit": "mg/mL", "strength": null,
             "source": "a local liquid (test)", "status": "user-supplied"}]}]})json");
    for (const auto& f : taper::all_forms(db.get("risperidone"))) EXPECT_NE(f.formulation_id, "liquid-local");
    EXPECT_THAT(taper::describe_forms(db.get("risperidone")), HasSubstr("strength not known"));
}

// "any" on hand: every product, once per set used alike, never a splittable one where the same
// label is not scored elsewhere, the person's country first. The same rule for the CLI's
// --have any and for C, Python and Swift (taper_forms_parse with "any").
TEST(FormsOnHand, AnyIsEveryProductOncePerSetUsedAlike) {
    for (const auto* name : {"citalopram", "sertraline", "diazepam", "venlafaxine", "quetiapine"}) {
        const taper::drug& d = get(name);
        const auto any = taper::forms_on_hand(d, " Any ");
        const auto same = taper::all_forms(d, std::nullopt);
        ASSERT_EQ(any.size(), same.size()) << name;
        ASSERT_FALSE(any.empty()) << name;
        for (std::size_t i = 0; i < any.size(); ++i) {
            EXPECT_EQ(any[i].formulation_id, same[i].formulation_id) << name;
            for (std::size_t j = 0; j < any.size(); ++j) {
                if (i == j || any[i].label != any[j].label) continue;
                // Two of one label are never both kept as the same thing, and a splittable one
                // never stands beside an unscored one of the same label.
                EXPECT_FALSE(any[i].may_split && !any[j].may_split) << name << ": " << any[i].label;
                EXPECT_FALSE(any[i].may_split == any[j].may_split && any[i].kind == any[j].kind &&
                             any[i].bioavailability == any[j].bioavailability &&
                             any[i].drop_volume == any[j].drop_volume && any[i].bead_count == any[j].bead_count)
                    << name << ": " << any[i].label << " twice";
            }
        }
        // Every product of the drug is in "any" or has one of its label there.
        for (const auto& a : taper::all_forms(d))
            EXPECT_TRUE(std::any_of(any.begin(), any.end(), [&](const available_form& b) { return b.label == a.label; }))
                << name << ": " << a.label;
    }
    // With a country, only what is sold there (where the drug has any there).
    const taper::drug& c = get("citalopram");
    for (const auto& a : taper::all_forms(c, taper::market_region::us))
        EXPECT_TRUE(c.find_formulation(a.formulation_id)->sold_in(taper::market_region::us)) << a.label;
}

}  // namespace
