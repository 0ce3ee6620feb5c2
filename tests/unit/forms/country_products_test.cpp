// Products of the same form and strength in two countries (issue 11): "5 mg tablet" of
// diazepam is a UK tablet with no score line (DDSA leaflet) and a scored US one (MYLAN 271 /
// 345, "SCORE: 2" in the DailyMed listing). The person's country decides; without it the one
// that may not be split is assumed, and the realization says so (code 504). Expected values
// are the labels' (data/sources/40-us-products.json cites each page).
#include <taper/drugs/database.hpp>
#include <taper/forms/on_hand.hpp>
#include <taper/forms/realize.hpp>
#include <taper/messages/text.hpp>
#include <taper/plan/plan.hpp>
#include <taper/strategies/proportional.hpp>
#include <taper/units/literals.hpp>

#include "../plan_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using taper::market_region;
using taper::message_code;
using namespace taper::literals;

const taper::database& db() { return taper::database::embedded(); }
const taper::drug& get(std::string_view name) { return db().get(name); }

std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const taper::error& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(CountryProducts, WithoutARegionTheTabletThatIsNotSplitIsAssumed) {
    const auto f = taper::forms_on_hand(get("diazepam"), "5 mg tablet");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].formulation_id, "tablet");  // the UK 2 and 5 mg: no score line
    EXPECT_FALSE(f[0].may_split);
    EXPECT_THAT(f[0].assumed_among, ElementsAre("tablet-us-2-5mg"));
    EXPECT_DOUBLE_EQ(f[0].unit_strength->value(), 5.0);
}

TEST(CountryProducts, TheRegionChoosesTheCountrysProduct) {
    const auto us = taper::forms_on_hand(get("diazepam"), "2 mg tablet, 5 mg tablet", market_region::us);
    ASSERT_EQ(us.size(), 2u);
    for (const auto& f : us) {
        EXPECT_EQ(f.formulation_id, "tablet-us-2-5mg");
        EXPECT_TRUE(f.may_split);  // scored: halves allowed
        EXPECT_TRUE(f.assumed_among.empty());
    }
    const auto uk = taper::forms_on_hand(get("diazepam"), "5 mg tablet", market_region::uk);
    ASSERT_EQ(uk.size(), 1u);
    EXPECT_EQ(uk[0].formulation_id, "tablet");
    EXPECT_FALSE(uk[0].may_split);
    EXPECT_TRUE(uk[0].assumed_among.empty());
    // The 10 mg is one product sold in both countries: no choice to make.
    const auto ten = taper::forms_on_hand(get("diazepam"), "10 mg tablet", market_region::us);
    EXPECT_EQ(ten.at(0).formulation_id, "tablet-10mg");
    EXPECT_TRUE(ten[0].assumed_among.empty());
}

TEST(CountryProducts, AFormulationIdStillSelectsExactly) {
    const auto f = taper::forms_on_hand(get("diazepam"), "5 mg tablet-us-2-5mg");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].formulation_id, "tablet-us-2-5mg");
    EXPECT_TRUE(f[0].may_split);
    EXPECT_TRUE(f[0].assumed_among.empty());
    // ... against the region too: the person named the product.
    EXPECT_EQ(taper::forms_on_hand(get("diazepam"), "5 mg tablet-us-2-5mg", market_region::uk).at(0).formulation_id,
              "tablet-us-2-5mg");
    EXPECT_EQ(taper::forms_on_hand(get("diazepam"), "tablet-us-2-5mg").size(), 2u);  // both strengths
}

TEST(CountryProducts, ProductsUsedAlikeTakeTheFirstWithoutANote) {
    // Quetiapine IR 25 mg: the UK tablet and the US one (Apotex, APO QUE 25), neither states a
    // score, so both are whole tablets only.
    const auto q = taper::forms_on_hand(get("quetiapine"), "25 mg tablet");
    ASSERT_EQ(q.size(), 1u);
    EXPECT_EQ(q[0].formulation_id, "tablet");
    EXPECT_FALSE(q[0].may_split);
    EXPECT_TRUE(q[0].assumed_among.empty());
    EXPECT_EQ(taper::forms_on_hand(get("quetiapine"), "25 mg tablet", market_region::us).at(0).formulation_id,
              "tablet-us");
    // Risperidone 1 mg: the UK tablet, its orodispersible tablet and the US tablet, none split.
    EXPECT_EQ(taper::forms_on_hand(get("risperidone"), "1 mg tablet").at(0).formulation_id, "tablet");
    // Paroxetine 20 mg: UK splittable, US functionally scored: alike.
    const auto p = taper::forms_on_hand(get("paroxetine"), "20 mg tablet");
    EXPECT_EQ(p.at(0).formulation_id, "tablet");
    EXPECT_TRUE(p[0].may_split);
    EXPECT_TRUE(p[0].assumed_among.empty());
}

TEST(CountryProducts, ParoxetineThirtyIsNotSplitUnlessTheCountrySaysSo) {
    // The US label scores the 10 and 20 mg only; the UK entry's 30 mg is splittable.
    const auto p = taper::forms_on_hand(get("paroxetine"), "30 mg tablet");
    EXPECT_EQ(p.at(0).formulation_id, "tablet-us-30mg");
    EXPECT_FALSE(p[0].may_split);
    EXPECT_THAT(p[0].assumed_among, ElementsAre("tablet"));
    const auto uk = taper::forms_on_hand(get("paroxetine"), "30 mg tablet", market_region::uk);
    EXPECT_EQ(uk.at(0).formulation_id, "tablet");
    EXPECT_TRUE(uk[0].may_split);
}

TEST(CountryProducts, ImmediateAndModifiedReleaseOfOneStrengthNeedTheChoiceSaid) {
    // Quetiapine 50 mg: the US immediate-release tablet and the UK XL tablet.
    const std::string m = message_of([] { (void)taper::forms_on_hand(get("quetiapine"), "50 mg tablet"); });
    EXPECT_THAT(m, HasSubstr("tablet-us (US)"));
    EXPECT_THAT(m, HasSubstr("tablet-xl (UK)"));
    EXPECT_THAT(m, HasSubstr("--region"));
    EXPECT_EQ(taper::forms_on_hand(get("quetiapine"), "50 mg tablet", market_region::us).at(0).formulation_id,
              "tablet-us");
    EXPECT_EQ(taper::forms_on_hand(get("quetiapine"), "50 mg tablet", market_region::uk).at(0).formulation_id,
              "tablet-xl");
    EXPECT_EQ(taper::forms_on_hand(get("quetiapine"), "50 mg XL tablet").at(0).formulation_id, "tablet-xl");
}

TEST(CountryProducts, TheRealizationSaysWhichProductWasAssumed) {
    const auto plan = taper::make_plan(db(), taper::testing::request("diazepam", 10_mg),
                                       taper::strategies::percent_of_most_recent_dose(10));
    const auto assumed = taper::realize(plan, taper::forms_on_hand(get("diazepam"), "5 mg tablet"));
    const auto* note = taper::find(assumed.messages, message_code::form_assumed_among);
    ASSERT_NE(note, nullptr);
    EXPECT_EQ(note->level, taper::severity::note);
    const std::string t = taper::text(*note, taper::context_of(assumed));
    EXPECT_THAT(t, HasSubstr("diazepam's tablet"));
    EXPECT_THAT(t, HasSubstr("tablet-us-2-5mg"));
    EXPECT_THAT(t, HasSubstr("--region"));
    EXPECT_THAT(t, HasSubstr("\"5 mg tablet-us-2-5mg\""));
    // No halves of the unscored tablet anywhere.
    for (const auto& s : assumed.steps)
        for (const auto& r : s.recipes)
            for (const auto& part : r.parts) EXPECT_DOUBLE_EQ(part.count, std::round(part.count));

    const auto chosen = taper::realize(plan, taper::forms_on_hand(get("diazepam"), "5 mg tablet", market_region::uk));
    EXPECT_EQ(taper::find(chosen.messages, message_code::form_assumed_among), nullptr);
    const auto us = taper::realize(plan, taper::forms_on_hand(get("diazepam"), "5 mg tablet", market_region::us));
    EXPECT_EQ(taper::find(us.messages, message_code::form_assumed_among), nullptr);
    // 9 mg (10% off 10 mg) is nearer with halves of the scored US tablet: 2 x 5 mg would be 10
    // and 1.5 x 5 mg is 7.5; at least one recipe somewhere uses a half.
    bool half = false;
    for (const auto& s : us.steps)
        for (const auto& r : s.recipes)
            for (const auto& part : r.parts) half = half || part.count != std::round(part.count);
    EXPECT_TRUE(half);
}

}  // namespace
