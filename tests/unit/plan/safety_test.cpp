// The planning side of issue 10, one named rule per test (docs/safety.md lists each rule and
// its source). Every expectation is computed by hand in the comment beside it.
#include "../plan_fixture.hpp"

#include <taper/taper.hpp>
#include <taper/units/literals.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace {

using namespace taper::literals;
using namespace taper::testing;
using mc = taper::message_code;
namespace strategies = taper::strategies;

const taper::database& db() { return taper::database::embedded(); }

double mg_of(taper::mass m) { return taper::in(m, taper::units::mg); }
double points_of(taper::occupancy_points p) { return taper::in(p, taper::units::points); }

// --- rule "remnant": a cut that leaves less than 1/20 of the dose is merged into the stop ---

TEST(SafetyRemnant, DiazepamLinearRemnantIsMergedIntoTheStopAndTheStopIsWarned) {
    // 20 - 6.66 = 13.34, - 6.66 = 6.68, - 6.66 = 0.02: 0.02 mg is less than 6.68 / 20 = 0.334 mg,
    // so the plan stops from 6.68 mg (33.4% of the start, above 1/20): the seizure warning.
    const auto s = taper::make_plan(db(), request("diazepam", 20.0_mg), strategies::linear{6.66_mg});
    ASSERT_EQ(s.steps.size(), 3U);
    EXPECT_NEAR(mg_of(s.steps[1].equivalent_daily_dose), 6.68, 1e-9);
    const auto& stop = s.steps[2];
    EXPECT_EQ(stop.phase, taper::step_phase::stop);
    EXPECT_NEAR(mg_of(stop.change), 6.68, 1e-9);
    EXPECT_NEAR(mg_of(param(stop.messages, mc::remnant_merged_into_stop, "remnant").as_mass()), 0.02, 1e-9);
    EXPECT_NEAR(mg_of(param(stop.messages, mc::abrupt_stop_seizure_risk, "dose").as_mass()), 6.68, 1e-9);
}

TEST(SafetyRemnant, ClozapineLinearMicroStepIsNotTakenForAMonth) {
    // 400 - 133.333 = 266.667, - 133.333 = 133.334, - 133.333 = 0.001 mg: a remnant
    // (< 133.334 / 20), merged: three steps, the stop from 133.334 mg is an abrupt stop.
    const auto s = taper::make_plan(db(), request("clozapine", 400.0_mg), strategies::linear{133.333_mg});
    ASSERT_EQ(s.steps.size(), 3U);
    EXPECT_EQ(s.steps[2].phase, taper::step_phase::stop);
    EXPECT_NEAR(mg_of(param(s.steps[2].messages, mc::abrupt_stop, "dose").as_mass()), 133.334, 1e-9);
    EXPECT_TRUE(has_code(s.steps[2].messages, mc::remnant_merged_into_stop));
}

TEST(SafetyRemnant, WhereALimitForbidsTheStopTheRemainderIsCutInHalves) {
    // As above with a maximum cut of 6.67 mg: stopping from 6.68 mg would cut 6.68 > 6.67, so
    // what is left is cut in two: 6.68 -> 3.34 -> 0, each cut within the limit.
    auto r = request("diazepam", 20.0_mg);
    r.max_step = 6.67_mg;
    const auto s = taper::make_plan(db(), r, strategies::linear{6.66_mg});
    ASSERT_EQ(s.steps.size(), 4U);
    EXPECT_NEAR(mg_of(s.steps[2].equivalent_daily_dose), 3.34, 1e-9);
    EXPECT_NEAR(mg_of(param(s.steps[2].messages, mc::remainder_cut_in_halves, "remnant").as_mass()), 0.02, 1e-9);
    EXPECT_EQ(s.steps[3].phase, taper::step_phase::stop);
    EXPECT_NEAR(mg_of(s.steps[3].change), 3.34, 1e-9);
}

TEST(SafetyRemnant, EscitalopramPointsLimitLeavesNoMicroDose) {
    // 3 points every 14 days with at most 5 points per cut: the old plan ended with 0.00044 mg.
    // Every cut now leaves at least 1/20 of the dose it was cut from, and keeps the 5 points.
    auto r = request("escitalopram", 10.0_mg);
    r.interval = taper::from_value<taper::duration>(14);
    r.max_step_points = 5.0 * taper::units::points;
    strategies::hyperbolic h;
    h.points = 3;
    const auto s = taper::make_plan(db(), r, h);
    taper::mass previous = r.daily_dose;
    for (const auto& st : s.steps) {
        if (st.phase == taper::step_phase::reduce) {
            EXPECT_GE(mg_of(st.equivalent_daily_dose), mg_of(previous) / 20) << st.number;
        }
        EXPECT_LE(points_of(*st.change_points), 5.0 + 1e-9) << st.number;
        previous = st.equivalent_daily_dose;
    }
}

TEST(SafetyRemnant, ThePersonsOwnFinalDoseIsNeverMerged) {
    // A final dose of 0.2 mg after 6.68 mg is below 1/20, but it is the person's choice.
    auto r = request("diazepam", 20.0_mg);
    r.final_dose = 0.2_mg;
    const auto s = taper::make_plan(db(), r, strategies::linear{6.66_mg});
    ASSERT_GE(s.steps.size(), 2U);
    EXPECT_NEAR(mg_of(s.steps[s.steps.size() - 2].equivalent_daily_dose), 0.2, 1e-9);
    EXPECT_FALSE(has_code(s.steps.back().messages, mc::remnant_merged_into_stop));
}

TEST(SafetyStop, AStopToZeroIsExactlyAHundredPercent) {
    // Vortioxetine 20 mg, 5 points: the stop printed as "->99.9%" (99.99999999999999) before.
    const auto s = taper::make_plan(db(), request("vortioxetine", 20.0_mg), strategies::hyperbolic{});
    EXPECT_EQ(taper::in(s.steps.back().change_percent, taper::units::percent_of_dose), 100.0);
}

// --- rule "hyperbolic stop": the stop is no larger than the planned step ---

TEST(SafetyHyperbolicStop, CitalopramTenPointsStopsWithinTenPoints) {
    // Before: the last target left 15.2 points and the stop cut all of them. Now what is left
    // between one and two steps is cut in two equal halves, each within 10 points.
    strategies::hyperbolic h;
    h.points = 10;
    const auto s = taper::make_plan(db(), request("citalopram", 20.0_mg), h);
    const auto& stop = s.steps.back();
    const auto& before = s.steps[s.steps.size() - 2];
    ASSERT_EQ(stop.phase, taper::step_phase::stop);
    EXPECT_LE(points_of(*stop.change_points), 10.0);
    EXPECT_NEAR(points_of(*stop.change_points), points_of(*before.change_points), 1e-9);
    for (const auto& st : s.steps) EXPECT_LE(points_of(*st.change_points), 10.0 + 1e-9) << st.number;
}

TEST(SafetyHyperbolicStop, VortioxetineAndOlanzapineFivePoints) {
    for (const char* drug : {"vortioxetine", "olanzapine"}) {
        SCOPED_TRACE(drug);
        const taper::drug& d = db().get(drug);
        const auto s = taper::make_plan(db(), request(drug, taper::plausible_daily_limit(d) * 0.02),
                                        strategies::hyperbolic{});
        for (const auto& st : s.steps) EXPECT_LE(points_of(*st.change_points), 5.0 + 1e-9) << st.number;
    }
}

TEST(SafetyHyperbolicStop, AFloorTheyChoseStillSetsTheStop) {
    // With a floor of 20%, the plan stops from the last target at or above 20% (a stop of up
    // to 25 points with 5-point steps): the person chose it.
    strategies::hyperbolic h;
    h.points = 5;
    h.occupancy_floor = 20;
    const auto s = taper::make_plan(db(), request("citalopram", 20.0_mg), h);
    const auto& before = s.steps[s.steps.size() - 2];
    EXPECT_GE(points_of(*before.occupancy_percent), 20.0 - 1e-9);
    EXPECT_GT(points_of(*s.steps.back().change_points), 5.0);
}

// --- rule "crossover limits": doses a person gives are in the drug they name ---

TEST(SafetyCrossover, UntilIsInTheNamedDrug) {
    // Ashton: 0.5 mg alprazolam ~ 10 mg diazepam, so 2 mg alprazolam = 40 mg diazepam and a
    // maintenance dose of 0.5 mg alprazolam is 10 mg diazepam.
    auto r = request("alprazolam", 2.0_mg);
    r.maintenance = 0.5_mg;
    const auto s = taper::make_plan(db(), r, strategies::diazepam_crossover{});
    EXPECT_NEAR(mg_of(s.steps.back().equivalent_daily_dose), 10.0, 1e-9);
    EXPECT_NEAR(mg_of(s.request.maintenance), 10.0, 1e-9);
    EXPECT_EQ(s.request.limits_in, taper::limit_basis::plan_basis);
    EXPECT_NEAR(mg_of(param(s.messages, mc::limits_converted_to_diazepam, "dose").as_mass()), 2.0, 1e-12);
    EXPECT_NEAR(taper::in(param(s.messages, mc::limits_converted_to_diazepam, "diazepam_dose").as_diazepam_mass(),
                          taper::units::diazepam_mg),
                40.0, 1e-9);
}

TEST(SafetyCrossover, MaxStepIsInTheNamedDrug) {
    // 0.25 mg alprazolam is 5 mg diazepam: no cut is larger than 5 mg diazepam, and the plan
    // is no longer the 12-year plan of 0.25 mg diazepam cuts (each cut at least the 0.5 mg tail).
    auto r = request("alprazolam", 2.0_mg);
    r.max_step = 0.25_mg;
    const auto s = taper::make_plan(db(), r, strategies::diazepam_crossover{});
    EXPECT_NEAR(mg_of(*s.request.max_step), 5.0, 1e-9);
    for (const auto& st : s.steps) EXPECT_LE(mg_of(st.change), 5.0 + 1e-9) << st.number;
    EXPECT_LT(s.steps.size(), 60U);
}

TEST(SafetyCrossover, LimitsInThePlanBasisWhenTheRequestSaysSo) {
    auto r = request("alprazolam", 2.0_mg);
    r.maintenance = 0.5_mg;
    r.limits_in = taper::limit_basis::plan_basis;
    const auto s = taper::make_plan(db(), r, strategies::diazepam_crossover{});
    EXPECT_NEAR(mg_of(s.steps.back().equivalent_daily_dose), 0.5, 1e-9);
    EXPECT_FALSE(has_code(s.messages, mc::limits_converted_to_diazepam));
}

TEST(SafetyCrossover, NoConversionMessageWithoutLimits) {
    const auto s = taper::make_plan(db(), request("alprazolam", 2.0_mg), strategies::diazepam_crossover{});
    EXPECT_FALSE(has_code(s.messages, mc::limits_converted_to_diazepam));
}

// --- rule "switching dose": sourced ceiling, and tables that disagree ---

double diazepam_of(const taper::parameter& p) { return taper::in(p.as_diazepam_mass(), taper::units::diazepam_mg); }

TEST(SafetySwitchingDose, AboveThirtyMgDiazepamIsWarnedAndTablesThatDifferAreShown) {
    // Ashton: 0.5 mg alprazolam ~ 10 mg diazepam, so 3 mg -> 60 mg diazepam, above 30 mg.
    // VA/DoD 2021: 1 mg alprazolam ~ 10 mg, so 30 mg: the tables differ twofold.
    const auto s = taper::make_plan(db(), request("alprazolam", 3.0_mg), strategies::diazepam_crossover{});
    EXPECT_NEAR(diazepam_of(param(s.messages, mc::diazepam_equivalent_above_ceiling, "diazepam_dose")), 60.0, 1e-9);
    EXPECT_NEAR(diazepam_of(param(s.messages, mc::diazepam_equivalent_above_ceiling, "ceiling")), 30.0, 1e-12);
    EXPECT_NEAR(diazepam_of(param(s.messages, mc::equivalence_tables_differ, "diazepam_dose")), 60.0, 1e-9);
    EXPECT_NEAR(diazepam_of(param(s.messages, mc::equivalence_tables_differ, "other_dose")), 30.0, 1e-9);
    const std::size_t table = param(s.messages, mc::equivalence_tables_differ, "other_table").as_index();
    ASSERT_LT(table, s.strategy_texts.size());
    EXPECT_EQ(s.strategy_texts[table], "va-dod-2021");
}

TEST(SafetySwitchingDose, WithinTheCeilingAndTablesThatAgree) {
    // Clorazepate: 15 mg ~ 10 mg diazepam in both tables; 15 mg -> 10 mg diazepam.
    const auto s = taper::make_plan(db(), request("clorazepate", 15.0_mg), strategies::diazepam_crossover{});
    EXPECT_FALSE(has_code(s.messages, mc::diazepam_equivalent_above_ceiling));
    EXPECT_FALSE(has_code(s.messages, mc::equivalence_tables_differ));
}

// --- rule "half-life": what it means for the plan, said once ---

double hours_of(const taper::parameter& p) { return taper::in(p.as_hours(), taper::units::hour); }

TEST(SafetyHalfLife, FluoxetinesLongHalfLifeIsSaid) {
    // Norfluoxetine: up to 384 h (PMC6168070 Table 3, in the data), a week or more.
    const auto s = taper::make_plan(db(), request("fluoxetine", 20.0_mg), strategies::percent_of_most_recent_dose(10));
    EXPECT_NEAR(hours_of(param(s.messages, mc::long_half_life, "half_life")), 384.0, 1e-12);
    EXPECT_FALSE(has_code(s.messages, mc::short_half_life_unpaced));
}

TEST(SafetyHalfLife, ParoxetinesShortHalfLifeIsSaidUnlessPaced) {
    // Paroxetine: up to 24 h, a day or less.
    auto r = request("paroxetine", 20.0_mg);
    const auto unpaced = taper::make_plan(db(), r, strategies::percent_of_most_recent_dose(10));
    EXPECT_NEAR(hours_of(param(unpaced.messages, mc::short_half_life_unpaced, "half_life")), 24.0, 1e-12);
    r.half_life_pacing = true;
    const auto paced = taper::make_plan(db(), r, strategies::percent_of_most_recent_dose(10));
    EXPECT_FALSE(has_code(paced.messages, mc::short_half_life_unpaced));
}

TEST(SafetyHalfLife, NothingForAnOrdinaryHalfLife) {
    // Citalopram: up to 35 h, neither.
    const auto s = taper::make_plan(db(), request("citalopram", 20.0_mg), strategies::hyperbolic{});
    EXPECT_FALSE(has_code(s.messages, mc::long_half_life));
    EXPECT_FALSE(has_code(s.messages, mc::short_half_life_unpaced));
}

// --- closing text: one per class, each with its source ---

TEST(SafetyClosingText, EachClassHasItsOwnTextAndSource) {
    using taper::drug_class;
    const auto antidepressant = taper::closing_text_for(drug_class::ssri);
    const auto antipsychotic = taper::closing_text_for(drug_class::antipsychotic);
    const auto benzodiazepine = taper::closing_text_for(drug_class::benzodiazepine);
    const auto other = taper::closing_text_for(drug_class::other);
    EXPECT_TRUE(has(std::string(antidepressant.source), "NG222"));
    EXPECT_TRUE(has(std::string(antipsychotic.text), "relapse of psychosis"));
    EXPECT_TRUE(has(std::string(benzodiazepine.text), "seizures"));
    EXPECT_TRUE(has(std::string(benzodiazepine.source), "NG215"));
    EXPECT_EQ(taper::closing_text_for(drug_class::z_drug).text, benzodiazepine.text);
    EXPECT_EQ(taper::closing_text_for(drug_class::snri).text, antidepressant.text);
    EXPECT_EQ(taper::closing_text_for(drug_class::tricyclic).text, antidepressant.text);
    EXPECT_NE(antidepressant.text, antipsychotic.text);
    EXPECT_NE(antidepressant.text, benzodiazepine.text);
    EXPECT_NE(other.text, antidepressant.text);
    for (const auto& c : {antidepressant, antipsychotic, benzodiazepine, other}) {
        EXPECT_TRUE(has(std::string(c.text), "not a prescriber"));
        EXPECT_FALSE(c.source.empty());
    }
}

// --- rule "hyperbolic targets": a target above the start is refused, not dropped ---

TEST(SafetyHyperbolicTargets, ATargetAboveTheStartIsRefused) {
    // Citalopram 20 mg is 75.2172% SERT occupancy; a target of 80% cannot be reached by a taper.
    strategies::hyperbolic h;
    h.occupancy_targets = {80, 70};
    EXPECT_THROW((void)taper::make_plan(db(), request("citalopram", 20.0_mg), h), taper::plan_error);
}

// --- rule "plausibility": the starting dose against the licensed maximum daily dose ---

TEST(SafetyPlausibility, AboveTheLicensedMaximumIsWarned) {
    // Citalopram's licensed maximum in the data is 40 mg a day (UK SmPC 4.2); 60 mg is above it
    // and below 3 x 40 = 120 mg: planned, with the warning naming both doses.
    const auto s = taper::make_plan(db(), request("citalopram", 60.0_mg), strategies::hyperbolic{});
    EXPECT_NEAR(mg_of(param(s.messages, mc::above_licensed_maximum, "dose").as_mass()), 60.0, 1e-12);
    EXPECT_NEAR(mg_of(param(s.messages, mc::above_licensed_maximum, "licensed_maximum").as_mass()), 40.0, 1e-12);
}

TEST(SafetyPlausibility, AtTheMaximumOrWithoutOneThereIsNoWarning) {
    // 40 mg is the maximum itself, not above it; diazepam has no licensed maximum in the data.
    const auto at = taper::make_plan(db(), request("citalopram", 40.0_mg), strategies::hyperbolic{});
    EXPECT_FALSE(has_code(at.messages, mc::above_licensed_maximum));
    const auto none = taper::make_plan(db(), request("diazepam", 20.0_mg), strategies::proportional{});
    EXPECT_FALSE(has_code(none.messages, mc::above_licensed_maximum));
}

TEST(SafetyPlausibility, FarAboveTheMaximumIsRefusedAsAUnitSlip) {
    // citalopram 200 mg > 3 x 40; risperidone 60 mg > 3 x 16 (US label, schizophrenia);
    // mirtazapine 3 g > 3 x 45 mg (UK SmPC). Each is refused, naming the request field.
    for (const auto& [name, dose] : {std::pair{"citalopram", 200.0_mg}, std::pair{"risperidone", 60.0_mg},
                                     std::pair{"mirtazapine", 3000.0_mg}}) {
        try {
            (void)taper::make_plan(db(), request(name, dose), strategies::proportional{});
            ADD_FAILURE() << name << " was planned";
        } catch (const taper::plan_error& e) {
            EXPECT_EQ(e.detail().option, "daily dose") << name;
            EXPECT_THAT(e.what(), ::testing::HasSubstr("licensed maximum")) << name;
        }
    }
    // Just under three times is planned (with the warning): 119 mg citalopram.
    const auto s = taper::make_plan(db(), request("citalopram", 119.0_mg), strategies::proportional{});
    EXPECT_TRUE(has_code(s.messages, mc::above_licensed_maximum));
}

// --- rule "no contradicting warnings": a plan's notes never contradict its own numbers ---

TEST(SafetyConsistentWarnings, AStopIsJudgedAsTheLastCutNotScaledByItsRow) {
    // The antipsychotic guidance is about 5-10 D2 points per 3 months (91 days). The stop row
    // is 28 days long (the request's interval), but no cut follows a stop, so its cut is
    // judged as it is: a stop of 8 points is within the guidance, where it used to count as
    // 8 x 91/28 = 26 points. Olanzapine 20 mg with a final dose whose occupancy is about 8
    // points: the stop from it carries no pace warning.
    const auto* model = db().get("olanzapine").usable_occupancy();
    ASSERT_NE(model, nullptr);
    auto r = request("olanzapine", 20.0_mg);
    r.final_dose = model->dose_for_occupancy(8.0 * taper::units::points);
    const auto s = taper::make_plan(db(), r, strategies::antipsychotic{});
    const auto& stop = s.steps.back();
    ASSERT_EQ(stop.phase, taper::step_phase::stop);
    ASSERT_TRUE(stop.change_points);
    EXPECT_NEAR(points_of(*stop.change_points), 8.0, 1e-6);
    EXPECT_LT(taper::in(stop.length, taper::units::day), 91.0);
    EXPECT_FALSE(has_code(stop.messages, mc::faster_than_guidance_points));
    // The preset's own stop (from 1/40 of the start) is warned only when it is above the
    // guidance's 10 points, and then the warning states its real size.
    for (const auto& [name, dose] : {std::pair{"olanzapine", 20.0_mg}, std::pair{"risperidone", 6.0_mg}}) {
        const auto p = taper::make_plan(db(), request(name, dose), strategies::antipsychotic{});
        const auto& last = p.steps.back();
        ASSERT_TRUE(last.change_points) << name;
        const bool above = points_of(*last.change_points) > 10.0;
        EXPECT_EQ(has_code(last.messages, mc::faster_than_guidance_points), above) << name;
        if (above) {
            EXPECT_NEAR(points_of(param(last.messages, mc::faster_than_guidance_points, "points").as_points()),
                        points_of(*last.change_points), 1e-9)
                << name;
        }
    }
}

TEST(SafetyConsistentWarnings, AStopStillFasterThanTheGuidanceIsWarned) {
    // Olanzapine 20 mg in one step to zero: the cut is its whole occupancy (far above 10 points).
    const auto s = taper::make_plan(db(), request("olanzapine", 20.0_mg), strategies::linear{20.0_mg});
    EXPECT_TRUE(has_code(s.steps.back().messages, mc::faster_than_guidance_points));
}

TEST(SafetyConsistentWarnings, ZopiclonesStandardLastDiazepamStepIsNotAnAbruptStop) {
    // Zopiclone 7.5 mg ~ 5 mg diazepam (Ashton table: 15 mg ~ 10 mg). The Ashton schedules end
    // with 0.5 mg diazepam, then stop: 0.5 mg is 1/10 of 5 mg (above 1/20), yet it is the
    // guidance's own last step, so no seizure warning.
    const auto s = taper::make_plan(db(), request("zopiclone", 7.5_mg), strategies::diazepam_crossover{});
    ASSERT_GE(s.steps.size(), 2U);
    EXPECT_NEAR(mg_of(s.start_equivalent_dose), 5.0, 1e-9);
    const auto& before = s.steps[s.steps.size() - 2];
    EXPECT_LE(mg_of(before.equivalent_daily_dose), 0.5 + 1e-9);
    EXPECT_FALSE(has_code(s.steps.back().messages, mc::abrupt_stop_seizure_risk));
    // Stopping from 1 mg diazepam (1/5 of the start) is still warned.
    auto r = request("zopiclone", 7.5_mg);
    r.final_dose = 1.0_mg * (7.5 / 5.0);  // 1.5 mg zopiclone = 1 mg diazepam
    const auto from_one = taper::make_plan(db(), r, strategies::diazepam_crossover{});
    EXPECT_TRUE(has_code(from_one.steps.back().messages, mc::abrupt_stop_seizure_risk));
}

TEST(SafetyConsistentWarnings, PacedStepsStateThePacedTarget) {
    // Paroxetine (short half-life) paced: each cut is 0.75x the strategy's, so the target
    // occupancy a step states must be the occupancy its dose reaches, not the unpaced target.
    auto r = request("paroxetine", 20.0_mg);
    r.half_life_pacing = true;
    const auto s = taper::make_plan(db(), r, strategies::hyperbolic{});
    int paced = 0;
    for (const auto& st : s.steps) {
        if (!has_code(st.messages, mc::paced_for_half_life) || !has_code(st.messages, mc::target_occupancy)) continue;
        ++paced;
        EXPECT_NEAR(points_of(param(st.messages, mc::target_occupancy, "occupancy").as_points()),
                    points_of(*st.occupancy_percent), 1e-9)
            << "step " << st.number;
    }
    EXPECT_GT(paced, 0);
}

TEST(SafetyConsistentWarnings, FinalDoseNotesOnlyWhereTheDoseIsTheFinalDose) {
    // Citalopram 20 mg, linear 5 mg steps, final 0.9375 mg, at most 4 mg a cut: where the cut
    // to the final dose is larger than 4 mg, the maximum raises the dose above the final dose,
    // and the "final dose before stopping" note must not stay on that step. Every such note
    // sits on a step at 0.9375 mg, and no step but the stop goes below it.
    auto r = request("citalopram", 20.0_mg);
    r.final_dose = 0.9375_mg;
    r.max_step = 4.0_mg;
    const auto s = taper::make_plan(db(), r, strategies::linear{5.0_mg});
    for (const auto& st : s.steps) {
        if (has_code(st.messages, mc::final_dose_before_stop)) {
            EXPECT_NEAR(mg_of(st.equivalent_daily_dose), 0.9375, 1e-9) << "step " << st.number;
        }
        if (st.phase != taper::step_phase::stop) {
            EXPECT_GE(mg_of(st.equivalent_daily_dose), 0.9375 - 1e-9) << "step " << st.number;
        }
    }
    EXPECT_NEAR(mg_of(s.steps[s.steps.size() - 2].equivalent_daily_dose), 0.9375, 1e-9);
}

TEST(SafetyConsistentWarnings, AMaximumCutNeverTakesThePlanBelowTheFinalDose) {
    // Final 0.9375 mg with a maximum cut of 0.25 mg: the stop from 0.9375 mg breaks the maximum.
    // The final dose is the last one before stopping: the plan stops from it and warns (219),
    // where it used to go on 0.6875 -> 0.4375 -> ... below the final dose. Likewise with a
    // maximum of 5 occupancy points (0.9375 mg citalopram is more than 5 points of SERT).
    for (bool in_points : {false, true}) {
        auto r = request("citalopram", 20.0_mg);
        r.final_dose = 0.9375_mg;
        if (in_points) r.max_step_points = 5.0 * taper::units::points;
        else r.max_step = 5.0_mg;
        const auto s = taper::make_plan(db(), r, strategies::proportional{});
        const auto& last = s.steps[s.steps.size() - 2];
        EXPECT_NEAR(mg_of(last.equivalent_daily_dose), 0.9375, 1e-9) << in_points;
        EXPECT_EQ(s.steps.back().phase, taper::step_phase::stop);
        for (const auto& st : s.steps)
            if (st.phase != taper::step_phase::stop) {
                EXPECT_GE(mg_of(st.equivalent_daily_dose), 0.9375 - 1e-9);
            }
    }
    auto r = request("citalopram", 20.0_mg);
    r.final_dose = 0.9375_mg;
    r.max_step = 0.25_mg;
    const auto s = taper::make_plan(db(), r, strategies::proportional{});
    EXPECT_NEAR(mg_of(s.steps[s.steps.size() - 2].equivalent_daily_dose), 0.9375, 1e-9);
    EXPECT_NEAR(mg_of(param(s.steps.back().messages, mc::stop_from_final_dose_over_limit, "final_dose").as_mass()),
                0.9375, 1e-9);
}

// --- rule "holds keep what is true of the dose": a hold repeats the dose, and its warnings ---

TEST(SafetyHolds, AHoldKeepsTheWholeUnitsWarning) {
    // Paroxetine MR 25 mg (12.5/25/37.5 mg tablets, not to be split), cut 10%: 22.5 mg, which
    // whole tablets cannot make. A hold after step 1 stays at 22.5 mg, so it keeps the warning.
    auto r = request("paroxetine", 25.0_mg);
    r.current_formulation = "tablet-mr";
    r.holds.push_back(taper::hold{1, 14.0 * taper::units::day});
    const auto s = taper::make_plan(db(), r, strategies::percent_of_most_recent_dose(10));
    ASSERT_GE(s.steps.size(), 2U);
    const auto& held = s.steps[1];
    EXPECT_EQ(held.phase, taper::step_phase::hold);
    EXPECT_NEAR(mg_of(held.equivalent_daily_dose), 22.5, 1e-9);
    EXPECT_TRUE(has_code(held.messages, mc::hold_step));
    EXPECT_EQ(param(held.messages, mc::whole_units_cannot_make, "reason").as_reason(),
              taper::whole_unit_reason::modified_release);
    // Notes about the cut do not carry over to the hold.
    for (const auto& m : held.messages)
        EXPECT_TRUE(m.code == mc::hold_step || m.code == mc::whole_units_cannot_make) << static_cast<int>(m.code);
}

// --- rule "look-up": a name not in the data is never offered another drug as a typo ---

TEST(SafetyLookUp, DifferentDrugsAreNotSuggestedAsTypos) {
    // clonidine/clozapine and fluvoxamine/fluoxetine: 3 edits. (lithium/Librium was the issue's
    // third example; lithium is in the data now, and finds lithium carbonate: below.)
    for (const char* name : {"clonidine", "fluvoxamine"}) {
        SCOPED_TRACE(name);
        EXPECT_TRUE(db().suggestions(name).empty());
        try {
            (void)db().get(name);
            ADD_FAILURE() << "found";
        } catch (const taper::unknown_drug_error& e) {
            EXPECT_TRUE(has(e.what(), "taper has no data for it")) << e.what();
        }
    }
    EXPECT_EQ(db().get("lithium").name, "lithium carbonate");
}

TEST(SafetyLookUp, ASlipIsSuggestedWithItsClass) {
    // "sertralin": one letter missing.
    EXPECT_THAT(db().suggestions("sertralin"), ::testing::ElementsAre("sertraline"));
    try {
        (void)db().get("sertralin");
        ADD_FAILURE() << "found";
    } catch (const taper::unknown_drug_error& e) {
        EXPECT_TRUE(has(e.what(), "did you mean sertraline (SSRI)?")) << e.what();
        EXPECT_THAT(e.suggestions(), ::testing::ElementsAre("sertraline"));
    }
}

// --- rule "cautions once": the drug's cautions in the data are said once, on the plan ---

TEST(SafetyCautions, TheDrugsCautionsAreSaidOnceOnThePlanNeverOnTheSteps) {
    const taper::drug& d = db().get("venlafaxine");
    ASSERT_EQ(d.cautions.size(), 4U);  // data/drugs.json: half-life, NICE NG222, MR tablets, XL capsules
    const auto s = taper::make_plan(db(), request("venlafaxine", 150.0_mg), strategies::linear{37.5_mg});
    std::vector<std::string> said;
    for (const auto& m : s.messages)
        if (m.code == mc::drug_caution) said.push_back(taper::text(m, taper::context_of(s)));
    std::vector<std::string> expected;
    for (const auto& c : d.cautions) expected.push_back(c);
    EXPECT_EQ(said, expected);  // each once, in the data's order
    for (const auto& st : s.steps) EXPECT_FALSE(has_code(st.messages, mc::drug_caution)) << st.number;

    // A drug without cautions in the data gets none.
    ASSERT_TRUE(db().get("escitalopram").cautions.empty());
    const auto e = taper::make_plan(db(), request("escitalopram", 10.0_mg), strategies::linear{2.5_mg});
    EXPECT_FALSE(has_code(e.messages, mc::drug_caution));
}

}  // namespace
