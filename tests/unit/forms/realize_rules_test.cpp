// The safety rules realization checks again on the doses as taken (docs/safety.md,
// "Realization"), each by its code. The commands come from issue 10 (all with
// --start 2026-12-01).
#include <taper/drugs/database.hpp>
#include <taper/forms/realize.hpp>
#include <taper/messages/text.hpp>
#include <taper/plan/plan.hpp>
#include <taper/plan/registry.hpp>
#include <taper/plan/suggest.hpp>
#include <taper/strategies/proportional.hpp>
#include <taper/units/literals.hpp>

#include "../plan_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>

namespace {

using taper::message_code;
using namespace taper::literals;

const taper::database& db() { return taper::database::embedded(); }

taper::realized_schedule realized(const std::string& drug, taper::mass dose, const taper::any_strategy& s,
                                  const std::string& have) {
    const auto plan = taper::make_plan(db(), taper::testing::request(drug, dose), s);
    return taper::realize(plan, taper::forms_on_hand(db().get(drug), have));
}

taper::any_strategy default_strategy(const std::string& drug) {
    const auto s = taper::suggest_strategy(db().get(drug));
    return taper::builtin_strategies().make(s.strategy, s.options);
}

double mg_of(const taper::parameter& p) { return taper::in(p.as_mass(), taper::units::mg); }
double pct_of(const taper::parameter& p) { return taper::in(p.as_percent(), taper::units::percent_of_dose); }

/// The first realized step taken as 0 mg after a dose above 0, or nullptr.
const taper::realized_step* first_realized_stop(const taper::realized_schedule& r) {
    double before = taper::in(r.plan().start_equivalent_dose, taper::units::mg);
    for (const auto& s : r.steps) {
        const double now = taper::in(s.realized_daily, taper::units::mg);
        if (now <= 1e-12 && before > 1e-12) return &s;
        before = now;
    }
    return nullptr;
}

bool abrupt_warned(const taper::realized_step& s) {
    for (const auto c : {message_code::abrupt_stop, message_code::abrupt_stop_seizure_risk})
        if (taper::contains(s.planned().messages, c)) return true;
    for (const auto c : {message_code::realized_abrupt_stop, message_code::realized_abrupt_stop_seizure_risk})
        if (taper::contains(s.messages, c)) return true;
    return false;
}

// R1. `taper plan sertraline 100mg --have "50 mg tablet"`: the plan's small doses cannot be
// made from 50 mg tablets. The data marks the 50 mg tablet scored (its SmPC: it divides into
// equal doses), so the smallest piece a cutter makes is a quarter, 12.5 mg: the doses as taken
// go 12.5 mg → 0, 12.5% of the start, above the 5% line (plan/abrupt_stop.hpp).
TEST(RealizationRules, AbruptStopAsTakenIsWarnedSertraline) {
    const auto r = realized("sertraline", 100_mg, default_strategy("sertraline"), "50 mg tablet");
    const auto* stop = first_realized_stop(r);
    ASSERT_NE(stop, nullptr);
    const auto* w = taper::find(stop->messages, message_code::realized_abrupt_stop);
    ASSERT_NE(w, nullptr);
    EXPECT_DOUBLE_EQ(mg_of((*w)[0]), 12.5);   // the last dose as taken: 50 mg / 4
    EXPECT_DOUBLE_EQ(pct_of((*w)[1]), 12.5);  // 12.5 / 100 mg
    EXPECT_DOUBLE_EQ(pct_of((*w)[2]), 5);   // the line: 1/20 of the start
    // Which form would avoid it, and by how much. The plan's last dose is below 1 mg; no
    // sertraline tablet in the data makes less than 12.5 mg, so a liquid: 5 mg/mL on the 0.2 mL minimum of the syringe is 1 mg, the smallest of the
    // liquids (10 mg/mL: 2 mg; 20 mg/mL: 4 mg), below the line of 5 mg (1/20 of 100 mg).
    const auto* better = taper::find(stop->messages, message_code::form_would_avoid_abrupt_stop);
    ASSERT_NE(better, nullptr);
    const auto every = taper::all_forms(db().get("sertraline"));
    ASSERT_LT((*better)[0].as_index(), every.size());
    EXPECT_EQ(every[(*better)[0].as_index()].label, "5 mg/mL liquid");
    EXPECT_NEAR(mg_of((*better)[1]), 1, 1e-9);
    EXPECT_DOUBLE_EQ(mg_of((*better)[2]), 12.5);
}

// R1 for a benzodiazepine: `taper plan diazepam 20mg --strategy proportional --have "10 mg
// tablet"` (the issue's clonazepam example needs a 2 mg tablet the data no longer lists with a
// source). The smallest piece is a quarter of the scored 10 mg tablet, 2.5 mg: the stop from
// 2.5 mg (12.5% of 20 mg, above the 5% line) is warned with the seizure caution.
TEST(RealizationRules, AbruptStopAsTakenOfABenzodiazepineWarnsOfSeizures) {
    const auto r = realized("diazepam", 20_mg, taper::strategies::proportional{}, "10 mg tablet");
    const auto* stop = first_realized_stop(r);
    ASSERT_NE(stop, nullptr);
    EXPECT_TRUE(abrupt_warned(*stop));
    const auto* w = taper::find(stop->messages, message_code::realized_abrupt_stop_seizure_risk);
    ASSERT_NE(w, nullptr);
    EXPECT_DOUBLE_EQ(mg_of((*w)[0]), 2.5);
    EXPECT_DOUBLE_EQ(pct_of((*w)[1]), 12.5);  // 2.5 / 20 mg
    // Wording matters here: a person must act on it.
    EXPECT_NE(taper::text(*w, taper::context_of(r, stop)).find("abruptly can cause seizures"), std::string::npos);
}

// R1: `taper plan vortioxetine 15mg --strategy proportional --step 10% --have "5 mg tablet"`.
TEST(RealizationRules, AbruptStopAsTakenIsWarnedVortioxetine) {
    taper::strategies::proportional p;
    p.percent = 10;
    const auto r = realized("vortioxetine", 15_mg, p, "5 mg tablet");
    const auto* stop = first_realized_stop(r);
    ASSERT_NE(stop, nullptr);
    EXPECT_TRUE(abrupt_warned(*stop));
    const auto* w = taper::find(stop->messages, message_code::realized_abrupt_stop);
    ASSERT_NE(w, nullptr);
    EXPECT_DOUBLE_EQ(mg_of((*w)[0]), 5);  // one whole 5 mg tablet: 33% of 15 mg
}

// A plan that already stops gently, realized with forms that can make its doses: no warning.
TEST(RealizationRules, NoAbruptStopWarningWhenTheFormsMakeTheSmallDoses) {
    const auto r = realized("citalopram", 20_mg, default_strategy("citalopram"),
                            "10 mg tablet, 2 mg/mL liquid, 40 mg/mL drops");
    for (const auto& s : r.steps) {
        EXPECT_FALSE(taper::contains(s.messages, message_code::realized_abrupt_stop)) << s.planned().number;
    }
}

}  // namespace

namespace {

// R5. Diazepam 20 mg cut 10% a month with only 5 mg tablets (unscored: whole tablets): the
// doses as taken move in 5 mg jumps, so some 10% cuts are taken as 15 -> 10 mg (a third of the
// dose) or 10 -> 5 mg (half), faster than the Ashton Manual's pace for benzodiazepines (at most
// a quarter of the dose per two weeks). Each such step carries the realized pace warning, with
// the share computed from the doses as taken.
TEST(RealizationRules, PaceAsTakenIsCheckedAgainstTheClassGuidance) {
    const auto r = realized("diazepam", 20_mg, taper::strategies::percent_of_most_recent_dose(10), "5 mg tablet");
    double before = 20;
    int warned = 0;
    for (const auto& s : r.steps) {
        const double now = taper::in(s.realized_daily, taper::units::mg);
        const double days = taper::in(s.planned().length, taper::units::day);
        const bool planner_warned = taper::contains(s.planned().messages, message_code::faster_than_guidance_share);
        const bool is_stop = now <= 1e-12 || s.planned().phase == taper::step_phase::stop;
        // A stop to zero is 100% and exempt in share (as in the planner).
        const double scale = is_stop ? 1.0 : std::max(1.0, 14.0 / days);
        const bool too_fast = now < before && !(is_stop && now <= 1e-12) && (before - now) / before * scale > 0.25 + 1e-9;
        const auto* w = taper::find(s.messages, message_code::realized_faster_than_guidance_share);
        EXPECT_EQ(w != nullptr, too_fast && !planner_warned) << "step " << s.planned().number;
        if (w != nullptr) {
            ++warned;
            EXPECT_NEAR(pct_of((*w)[0]), 100 * (before - now) / before, 1e-9);
        }
        before = now;
    }
    EXPECT_GT(warned, 0);
}

}  // namespace

namespace {

/// Whether the tapered drug's parts of a realized step are modified-release (nullopt: none).
std::optional<bool> takes_modified_release(const taper::realized_step& s, const taper::drug& d) {
    std::optional<bool> mr;
    for (const auto& rc : s.recipes)
        for (const auto& p : rc.parts) {
            const auto* f = d.find_formulation(p.formulation_id);
            const bool this_mr = f != nullptr && f->modified_release.known() && *f->modified_release;
            mr = mr.value_or(false) || this_mr;
        }
    return mr;
}

// R7. Venlafaxine 150 mg a day on XR capsules, with XR capsules and the immediate-release
// liquid on hand. Capsules (37.5/75/150 mg, whole) cannot make the small doses, so the forms
// change to the liquid; that change of release profile comes as its own step at the dose
// before (release_change_step), never in the same step as a cut.
TEST(RealizationRules, AChangeOfReleaseProfileIsItsOwnStepAtAConstantDose) {
    const auto& d = db().get("venlafaxine");
    auto req = taper::testing::request("venlafaxine", 150_mg);
    req.current_formulation = "beads-xr";
    const auto plan = taper::make_plan(db(), req, default_strategy("venlafaxine"));
    std::vector<taper::available_form> forms;
    for (const auto& f : taper::all_forms(d))
        if (f.formulation_id == "beads-xr" || f.kind == taper::form_kind::liquid) forms.push_back(f);
    ASSERT_FALSE(forms.empty());
    const auto r = taper::realize(plan, forms);
    ASSERT_FALSE(r.steps.empty());
    int changes = 0;
    // The person starts on the XR capsules (150 mg); the first change of form is to the
    // liquid, at 150 mg, before any cut.
    std::optional<bool> was = true;
    double before = 150;
    for (const auto& s : r.steps) {
        const auto now = takes_modified_release(s, d);
        const double taken = taper::in(s.realized_daily, taper::units::mg);
        if (was && now && *was != *now) {
            ++changes;
            EXPECT_NEAR(taken, before, before * 0.05) << "step " << s.planned().number;  // the dose before
            EXPECT_LE(taken, before + 1e-9) << "step " << s.planned().number;             // never above it
            EXPECT_TRUE(taper::contains(s.messages, message_code::release_change_step)) << "step " << s.planned().number;
            EXPECT_TRUE(taper::contains(s.messages, message_code::switch_point)) << "step " << s.planned().number;
        }
        if (now) was = now;
        before = taken;
    }
    EXPECT_GT(changes, 0);
}

// Venlafaxine 150 mg once a day on XR capsules, with the immediate-release solution on hand:
// the solution's SmPC (emc 12750, 4.2) gives it "in two divided doses", so the step that
// starts the solution says it is taken 2 times a day; no other step says it again. Taken
// twice a day already (a split of two doses), there is nothing to say.
std::vector<taper::available_form> venlafaxine_beads_and_liquid() {
    std::vector<taper::available_form> forms;
    for (const auto& f : taper::all_forms(db().get("venlafaxine")))
        if (f.formulation_id == "beads-xr" || f.kind == taper::form_kind::liquid) forms.push_back(f);
    return forms;
}

TEST(RealizationRules, ANewFormTakenMoreOftenSaysHowToDivideTheDay) {
    const auto& d = db().get("venlafaxine");
    const auto* liquid = d.find_formulation("liquid-7.5-15mg-ml");
    ASSERT_NE(liquid, nullptr);
    ASSERT_TRUE(liquid->doses_per_day.known());
    EXPECT_EQ(*liquid->doses_per_day, 2);  // "75 mg/day in two divided doses" (emc 12750)

    auto req = taper::testing::request("venlafaxine", 150_mg);
    req.current_formulation = "beads-xr";
    const auto forms = venlafaxine_beads_and_liquid();
    const auto r = taper::realize(taper::make_plan(db(), req, default_strategy("venlafaxine")), forms);
    int noted = 0;
    bool liquid_before = false;
    for (const auto& s : r.steps) {
        bool liquid_now = false;
        for (const auto& rc : s.recipes)
            for (const auto& p : rc.parts)
                if (p.formulation_id == "liquid-7.5-15mg-ml") liquid_now = true;
        const auto* m = taper::find(s.messages, message_code::dosing_frequency_change);
        EXPECT_EQ(m != nullptr, liquid_now && !liquid_before) << "step " << s.planned().number;
        if (m != nullptr) {
            ++noted;
            EXPECT_EQ(forms.at((*m)[0].as_index()).formulation_id, "liquid-7.5-15mg-ml");
            EXPECT_EQ((*m)[1].as_index(), 2U);
            // The note comes with the change to the solution, which is made at a constant dose.
            EXPECT_TRUE(taper::contains(s.messages, message_code::release_change_step)) << "step " << s.planned().number;
        }
        if (liquid_now) liquid_before = true;
    }
    EXPECT_EQ(noted, 1);

    auto twice = req;
    twice.split = {{"morning", 75_mg}, {"evening", 75_mg}};
    const auto r2 = taper::realize(taper::make_plan(db(), twice, default_strategy("venlafaxine")), forms);
    for (const auto& s : r2.steps)
        EXPECT_FALSE(taper::contains(s.messages, message_code::dosing_frequency_change)) << "step " << s.planned().number;

    // A person who already takes the solution (the request's current formulation) is not told
    // on step 1 as if it were new: the forms in use before step 1 are the ones they start on.
    auto on_liquid = req;
    on_liquid.current_formulation = "liquid-7.5-15mg-ml";
    const auto r3 = taper::realize(taper::make_plan(db(), on_liquid, default_strategy("venlafaxine")), forms);
    ASSERT_FALSE(r3.steps.empty());
    bool liquid_at_start = false;
    for (const auto& rc : r3.steps.front().recipes)
        for (const auto& p : rc.parts) liquid_at_start = liquid_at_start || p.formulation_id == "liquid-7.5-15mg-ml";
    ASSERT_TRUE(liquid_at_start) << "the plan should start on the solution the person takes";
    for (const auto& s : r3.steps)
        EXPECT_FALSE(taper::contains(s.messages, message_code::dosing_frequency_change)) << "step " << s.planned().number;
}

}  // namespace

namespace {

// R8. Diazepam 20 mg with only the 2 mg/5 mL (0.4 mg/mL) liquid on hand: the first doses need more than 20 mL of the
// liquid (2 mg/5 mL: 18 mg is 45 mL), which no one measures at home. Each recipe over 20 mL
// or 12 pieces carries the warning with its volume; the others do not.
TEST(RealizationRules, ImpracticalRecipesAreSaid) {
    const auto& d = db().get("diazepam");
    std::vector<taper::available_form> liquids;
    for (const auto& f : taper::all_forms(d))
        if (f.formulation_id == "liquid-0.4mg-ml") liquids.push_back(f);
    ASSERT_EQ(liquids.size(), 1U);
    const auto plan = taper::make_plan(db(), taper::testing::request("diazepam", 20_mg),
                                       taper::strategies::percent_of_most_recent_dose(10));
    const auto r = taper::realize(plan, liquids);
    int warned = 0;
    for (const auto& s : r.steps) {
        for (std::size_t i = 0; i < s.recipes.size(); ++i) {
            double ml = 0, pieces = 0;
            for (const auto& p : s.recipes[i].parts) {
                if (p.what == taper::dose_component::kind::liquid_volume ||
                    p.what == taper::dose_component::kind::dilution)
                    ml += taper::in(p.amount_volume, taper::units::mL);
                else
                    pieces += std::ceil(p.count);
            }
            const bool impractical = ml > 20 || pieces > 12;
            const auto* w = taper::find(s.messages, message_code::impractical_recipe);
            EXPECT_EQ(w != nullptr, impractical) << "step " << s.planned().number << ": " << ml << " mL";
            if (w != nullptr) {
                ++warned;
                EXPECT_NEAR(taper::in((*w)[2].as_volume(), taper::units::mL), ml, 1e-9);
            }
        }
    }
    EXPECT_GT(warned, 0);
}

// R8 in the choice. Diazepam 20 mg, 10% cuts, with the 2 mg tablet (unscored: whole only) and
// the 2 mg/5 mL liquid on hand. Step 1's 18 mg can be made exactly in several ways, all equally
// close (the liquid's 0.1 mL grid is 0.04 mg, of which 2 mg is a multiple). By hand, with at
// most 8 pieces and measurements (the default) and a syringe fill of at most 10 mL:
//   45 mL of liquid:             5 fills                 = 5, but 45 mL > 20 mL: impractical
//   3 tablets + 30 mL:           3 + 3 fills             = 6, 30 mL > 20 mL: impractical
//   4 tablets + 25 mL:           4 + 3 fills             = 7, 25 mL > 20 mL: impractical
//   5 tablets + 20 mL:           5 + 2 fills             = 7, practical
//   6 tablets + 15 mL:           6 + 2 fills             = 8, practical
//   7 tablets + 10 mL:           7 + 1 fill              = 8, practical
// so the choice is 5 tablets and 20 mL (before this rule: the 45 mL, fewest measurements).
// Every later target (at most 16.2 mg) has such a practical recipe too, so no step warns.
TEST(RealizationRules, APracticalRecipeIsChosenOverAnEquallyCloseImpracticalOne) {
    const auto& d = db().get("diazepam");
    std::vector<taper::available_form> forms;
    for (const auto& f : taper::all_forms(d))
        if ((f.formulation_id == "tablet" && f.label == "2 mg tablet") || f.formulation_id == "liquid-0.4mg-ml")
            forms.push_back(f);
    ASSERT_EQ(forms.size(), 2U);
    const auto plan = taper::make_plan(db(), taper::testing::request("diazepam", 20_mg),
                                       taper::strategies::percent_of_most_recent_dose(10));
    const auto r = taper::realize(plan, forms);
    ASSERT_FALSE(r.steps.empty());
    const auto& first = r.steps.front();
    EXPECT_NEAR(taper::in(first.realized_daily, taper::units::mg), 18.0, 1e-9);
    ASSERT_EQ(first.recipes.size(), 1U);
    double tablets = 0, ml = 0;
    for (const auto& p : first.recipes[0].parts) {
        if (p.what == taper::dose_component::kind::liquid_volume)
            ml += taper::in(p.amount_volume, taper::units::mL);
        else
            tablets += p.count;
    }
    EXPECT_DOUBLE_EQ(tablets, 5.0);
    EXPECT_NEAR(ml, 20.0, 1e-9);
    for (const auto& s : r.steps)
        EXPECT_FALSE(taper::contains(s.messages, message_code::impractical_recipe)) << "step " << s.planned().number;
}

// R8 beyond the tie band: when every equally close recipe is impractical, a practical one
// still within the tolerance is taken. Diazepam 10 mg tablets and the 2 mg/5 mL (0.4 mg/mL)
// liquid, one form per dose (the tablets quarter: 2.5 mg steps): 19.5 mg is exactly 48.75 mL
// of liquid (five fills, over 20 mL) or two tablets, 20 mg (+0.5 mg, 2.6%, within the 5%
// tolerance): the two tablets. For 18.75 mg the tablets make 17.5 or 20 mg (6.7% off either
// way, beyond the tolerance), so the liquid stays: 46.875 mL, measured as 46.9 mL on the
// 0.1 mL syringe (18.76 mg), impractical, which the realization warns of (437).
TEST(RealizationRules, APracticalRecipeWithinTheToleranceIsChosenOverACloserImpracticalOne) {
    const auto& d = db().get("diazepam");
    std::vector<taper::available_form> forms;
    for (const auto& f : taper::all_forms(d))
        if (f.formulation_id == "tablet-10mg" || f.formulation_id == "liquid-0.4mg-ml") forms.push_back(f);
    ASSERT_EQ(forms.size(), 2U);
    taper::realization_options o;
    o.allow_mixtures = false;
    auto volume_and_tablets = [](const taper::dose_recipe& r) {
        double ml = 0, tablets = 0;
        for (const auto& p : r.parts) {
            if (p.what == taper::dose_component::kind::liquid_volume)
                ml += taper::in(p.amount_volume, taper::units::mL);
            else
                tablets += p.count;
        }
        return std::pair{ml, tablets};
    };
    const auto near_twenty = taper::realize_dose(19.5_mg, forms, o);
    EXPECT_NEAR(taper::in(near_twenty.realized, taper::units::mg), 20.0, 1e-9);
    EXPECT_EQ(volume_and_tablets(near_twenty), (std::pair{0.0, 2.0}));
    EXPECT_TRUE(near_twenty.within_tolerance);

    const auto between = taper::realize_dose(18.75_mg, forms, o);
    EXPECT_NEAR(taper::in(between.realized, taper::units::mg), 18.76, 1e-9);
    EXPECT_EQ(volume_and_tablets(between).second, 0.0);
    EXPECT_NEAR(volume_and_tablets(between).first, 46.9, 1e-9);
}

}  // namespace
