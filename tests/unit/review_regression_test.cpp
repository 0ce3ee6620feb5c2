// Regression tests for defects found by an adversarial review (extreme doses, odd limits,
// odd tools and odd text). Each expectation is worked out by hand in its comment.
#include <taper/io/csv.hpp>
#include <taper/io/json.hpp>
#include <taper/taper.hpp>

#include "plan_fixture.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace {

using namespace taper::literals;
namespace strategies = taper::strategies;
using taper::from_value;

const taper::database& db() { return taper::database::embedded(); }

taper::mass mg(double v) { return from_value<taper::mass>(v); }
taper::volume mL(double v) { return from_value<taper::volume>(v); }

using taper::testing::request;

using taper::testing::has_code;
using taper::testing::param;

// --- a dose so small that it is "about equal" to zero -------------------------------------

// citalopram 0.000000001 mg (1e-9 mg) a day: its SERT occupancy (84 × 1e-9 / 2.33 ≈ 4e-8 %)
// is below one 5-point step, so the hyperbolic strategy stops at once. The planner took the
// starting dose for "already at 0 mg" (about_equal's absolute 1e-9 mg) and returned a plan of
// no steps at all, ending the day before it started. A plan must have its stop step: one step
// from 1e-9 mg to 0 mg.
TEST(ReviewRegression, TinyStartingDoseStillGetsItsStopStep) {
    for (const auto& s : std::vector<taper::any_strategy>{strategies::hyperbolic{},
                                                          strategies::tapering_strip{}}) {
        SCOPED_TRACE(std::string(s.name()));
        const auto plan = taper::make_plan(db(), request("citalopram", mg(1e-9)), s);
        ASSERT_EQ(plan.steps.size(), 1U);
        const auto& st = plan.steps.front();
        EXPECT_EQ(st.phase, taper::step_phase::stop);
        EXPECT_EQ(st.equivalent_daily_dose.value(), 0.0);
        EXPECT_DOUBLE_EQ(st.change.value(), 1e-9);
        EXPECT_EQ(taper::format_date(plan.end()), "2026-12-29");  // 28 days from 2026-12-01
    }
}

// --- the smallest change worth making must not skip the final dose ------------------------

// citalopram 20 mg, 10% of the most recent dose, final dose 6 mg, smallest
// change 3 mg. 10% cuts (2, 1.7, ...) are all below 3 mg, so each cut is raised to 3 mg:
// 20 → 17 → 14 → 11 → 8. From 8 the strategy asks 7.2; raised to a 3 mg cut that is 5 mg,
// below the final dose of 6 mg, which the plan then silently never took. The final dose is
// the floor of that raise (as the end dose is): 8 → 6, then the stop step 6 → 0.
TEST(ReviewRegression, SmallestChangeDoesNotJumpOverTheFinalDose) {
    auto r = request("citalopram", 20_mg);
    r.final_dose = 6_mg;
    r.min_change = 3_mg;
    const auto plan = taper::make_plan(db(), r, strategies::percent_of_most_recent_dose(10));
    std::vector<double> doses;
    for (const auto& st : plan.steps) doses.push_back(st.equivalent_daily_dose.value());
    const std::vector<double> expected{17, 14, 11, 8, 6, 0};
    ASSERT_EQ(doses.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(doses[i], expected[i], 1e-9) << "step " << i + 1;
    EXPECT_DOUBLE_EQ(taper::in(param(plan.steps[4].messages, taper::message_code::final_dose_by_min_change, "final_dose")
                                   .as_mass(),
                               taper::units::mg),
                     6);
    EXPECT_FALSE(has_code(plan.steps[4].messages, taper::message_code::cut_raised_to_min_change));
    EXPECT_EQ(plan.steps.back().phase, taper::step_phase::stop);
}

// --- occupancy with a steep Hill coefficient ----------------------------------------------

// Emax 80 %, ED50 2 mg, n = 1000 (a user formulary may give any n > 0). 4¹⁰⁰⁰ overflowed to inf
// and inf/inf gave NaN ("-nan%" in `taper occupancy`). Written as Emax / (1 + (ED50/D)ⁿ):
//   D = 4 mg: (0.5)^1000 ≈ 0     → 80 %
//   D = 2 mg: 1^1000 = 1         → 40 %
//   D = 1 mg: 2^1000 ≈ 1.1e301   → 80 / 1.1e301 ≈ 0 %
//   D = 0 mg:                    → 0 %
TEST(ReviewRegression, SteepHillCoefficientGivesNoNaN) {
    taper::occupancy_model m;
    m.id = "steep";
    m.receptor = "SERT";
    m.emax_percent.value = 80.0;
    m.ed50.value = 2_mg;
    m.hill.value = 1000.0;
    EXPECT_NEAR(m.occupancy_percent(4_mg), 80.0, 1e-9);
    EXPECT_NEAR(m.occupancy_percent(2_mg), 40.0, 1e-9);
    EXPECT_NEAR(m.occupancy_percent(1_mg), 0.0, 1e-9);
    EXPECT_EQ(m.occupancy_percent(0_mg), 0.0);
    // and back: 40 % is ED50 whatever n is
    EXPECT_NEAR(m.dose_for_occupancy(40.0).value(), 2.0, 1e-9);
}

// --- half-life pacing and strategies that set their own step length -----------------------

// quetiapine (half-life 7-12 h, so paced) with the antipsychotic preset, whose steps are its
// own 91 days. Pacing shrinks each cut to 0.75× (25% → 18.75%: 600 → 487.5 mg) but, by
// design, leaves a length the strategy set alone: the step is 91 days, not 136. Its note said
// "step 1.5x longer" all the same.
TEST(ReviewRegression, PacingNoteDoesNotClaimALongerStepThatIsNot) {
    auto r = request("quetiapine", 600_mg);
    r.half_life_pacing = true;
    const auto plan = taper::make_plan(db(), r, strategies::antipsychotic{});
    const auto& st = plan.steps.front();
    EXPECT_NEAR(st.equivalent_daily_dose.value(), 487.5, 1e-9);
    EXPECT_EQ(st.length.value(), 91.0);
    EXPECT_TRUE(has_code(st.messages, taper::message_code::paced_for_half_life_own_length));
    EXPECT_FALSE(has_code(st.messages, taper::message_code::paced_for_half_life));
    // Where the planner does lengthen the step, the note still says so: 28 → 42 days.
    auto v = request("paroxetine", 20_mg);
    v.half_life_pacing = true;
    const auto paced = taper::make_plan(db(), v, strategies::percent_of_most_recent_dose(10));
    EXPECT_EQ(paced.steps.front().length.value(), 42.0);
    EXPECT_TRUE(has_code(paced.steps.front().messages, taper::message_code::paced_for_half_life));
}

// --- text that cannot be exported ---------------------------------------------------------

// A dose-time named with a byte that is not UTF-8 ("morn\xFFing") went into the plan and
// made the JSON export throw nlohmann's type_error (the CLI's "internal error", exit 70).
// It is a bad request, named as such.
TEST(ReviewRegression, DoseTimeNamesMustBeText) {
    for (const std::string& bad : {std::string("morn\xFFing"), std::string("night\x01"), std::string("a\nb")}) {
        auto r = request("citalopram", 20_mg);
        r.split = {{bad, 10_mg}, {"evening", 10_mg}};
        try {
            (void)taper::make_plan(db(), r, strategies::percent_of_most_recent_dose(10));
            ADD_FAILURE() << "expected a plan_error";
        } catch (const taper::plan_error& e) {
            EXPECT_NE(std::string(e.what()).find("plan request: split"), std::string::npos) << e.what();
        }
    }
    // Names in other scripts are fine, and export.
    auto ok = request("citalopram", 20_mg);
    ok.split = {{"朝", 10_mg}, {"nuit étoilée", 10_mg}};
    const auto plan = taper::make_plan(db(), ok, strategies::percent_of_most_recent_dose(10));
    EXPECT_NE(taper::to_json(plan).find("nuit étoilée"), std::string::npos);
}

// --- dates past the year 9999 -------------------------------------------------------------

// Steps of 3640 days (520 weeks, within the ten-year limit) from 9999-12-01 ran into years
// of five digits (10009-11-17), which the schema's dates (YYYY-MM-DD) cannot hold, and a long
// enough plan wrapped round std::chrono's year range into negative years ("to -13380-05-22").
// A plan must end by 9999-12-31.
TEST(ReviewRegression, PlanMustEndByTheYear9999) {
    auto r = request("citalopram", 20_mg);
    r.start = taper::parse_date("9999-12-01");
    r.interval = from_value<taper::duration>(3640);
    try {
        (void)taper::make_plan(db(), r, strategies::percent_of_most_recent_dose(10));
        ADD_FAILURE() << "expected a plan_error";
    } catch (const taper::plan_error& e) {
        EXPECT_NE(std::string(e.what()).find("9999-12-31"), std::string::npos) << e.what();
    }
    // 18182 steps of 0.0011 mg, 3640 days each: 66 million days.
    auto far = request("citalopram", 20_mg);
    far.interval = from_value<taper::duration>(3640);
    EXPECT_THROW((void)taper::make_plan(db(), far, strategies::linear{mg(0.0011)}), taper::plan_error);
    // The JSON gives each step's `end` (the day after its last day) as well, so the last day
    // may be 9999-12-30: one stop step of 29 days from 9999-12-02 ends there; 30 days do not.
    auto last = request("citalopram", 0.001_mg);
    last.start = taper::parse_date("9999-12-02");
    last.interval = 29_d;
    const auto plan = taper::make_plan(db(), last, strategies::linear{mg(1)});
    EXPECT_EQ(taper::format_date(plan.end()), "9999-12-31");
    EXPECT_NE(taper::to_json(plan).find("\"end\": \"9999-12-31\""), std::string::npos);
    last.interval = 30_d;
    EXPECT_THROW((void)taper::make_plan(db(), last, strategies::linear{mg(1)}), taper::plan_error);
}

// --- a syringe finer than anything that measures ------------------------------------------

// A 1e-9 mL syringe: 10 mL × 8 fills / 1e-9 mL = 8e10 syringe steps, converted to int
// (undefined behaviour; on x86 INT_MIN), so the liquid silently measured nothing and every
// dose "rounded to 0 mg" with advice to use a more dilute liquid. It is a bad tool setting,
// named as such.
TEST(ReviewRegression, ImpossiblyFineSyringeIsAnError) {
    const auto& citalopram = db().get("citalopram");
    const auto forms = taper::forms_on_hand(citalopram, "2 mg/mL liquid");
    taper::realization_options o;
    o.tools.syringe_resolution = mL(1e-9);
    try {
        (void)taper::realize_dose(11.9_mg, forms, o);
        ADD_FAILURE() << "expected a plan_error";
    } catch (const taper::plan_error& e) {
        EXPECT_NE(std::string(e.what()).find("syringe resolution"), std::string::npos) << e.what();
    }
    // 0.001 mL is still accepted: 5.95 mL of 2 mg/mL = 11.9 mg exactly.
    o.tools.syringe_resolution = mL(0.001);
    o.tools.min_volume = mL(0.001);
    const auto r = taper::realize_dose(11.9_mg, forms, o);
    EXPECT_NEAR(r.realized.value(), 11.9, 1e-9);
    // A huge largest volume overflowed the same way: 1e9 mL per fill.
    taper::realization_options big;
    big.tools.max_volume = mL(1e9);
    EXPECT_THROW((void)taper::realize_dose(11.9_mg, forms, big), taper::plan_error);
}

// A liquid so dilute (1e-9 mg/mL, from a user's own product) that reaching 20 mg would take
// 2e11 syringe steps: (lo − a) / step was cast to int before being clamped. The dose cannot
// be made; it is a warned 0 mg or the largest measurable amount, never a crash.
TEST(ReviewRegression, VeryDiluteLiquidDoesNotOverflowTheSearch) {
    taper::available_form f;
    f.drug = "citalopram";
    f.formulation_id = "weak";
    f.kind = taper::form_kind::liquid;
    f.liquid_strength = from_value<taper::concentration>(1e-9);
    f.label = "0.000000001 mg/mL liquid";
    const auto r = taper::realize_dose(20_mg, {f});
    EXPECT_TRUE(std::isfinite(r.realized.value()));
    EXPECT_LE(r.realized.value(), 1e-6);
    EXPECT_FALSE(r.within_tolerance);
    EXPECT_FALSE(r.warnings.empty());
}

// --- taper convert's hint for a form with several strengths -------------------------------

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

namespace {

// A user's formulary gave 1e12 beads per capsule: the count was converted to int (wrapping
// to a negative number), so the beads were silently used as whole capsules. A count no
// capsule can hold is an error naming it.
TEST(ReviewRegression, ImpossibleBeadCountIsAnError) {
    taper::available_form f;
    f.drug = "venlafaxine";
    f.formulation_id = "beads-xr";
    f.kind = taper::form_kind::beads;
    f.unit_strength = 37.5_mg;
    f.bead_count = from_value<taper::beads_per_capsule>(1e12);
    f.label = "37.5 mg capsule of beads";
    try {
        (void)taper::realize_dose(20_mg, {f});
        ADD_FAILURE() << "expected a plan_error";
    } catch (const taper::plan_error& e) {
        EXPECT_NE(std::string(e.what()).find("beads per capsule"), std::string::npos) << e.what();
    }
    // 150 beads: 20 mg is 80 beads of 0.25 mg each.
    f.bead_count = from_value<taper::beads_per_capsule>(150);
    const auto r = taper::realize_dose(20_mg, {f});
    EXPECT_NEAR(r.realized.value(), 20.0, 1e-9);
}

// One pouch a day of a tapering strip cut 90% of the roll's dose: the pace warning read
// "... in 1 days"; one day is "1 day".
TEST(ReviewRegression, PaceWarningSaysOneDay) {
    strategies::tapering_strip strip;
    strip.curve = strategies::strip_curve::proportional;
    strip.percent = 99;
    strip.roll_length = 2_d;
    const auto plan = taper::make_plan(db(), request("citalopram", 20_mg), strip);
    // Wording matters here: people read it.
    // (citalopram has an occupancy model: the cut is measured in points)
    const auto* w = taper::find(plan.steps.front().messages, taper::message_code::faster_than_guidance_points);
    ASSERT_NE(w, nullptr);
    const std::string text = taper::text(*w, taper::context_of(plan, &plan.steps.front()));
    EXPECT_NE(text.find(" in 1 day ("), std::string::npos) << text;
}

}  // namespace
