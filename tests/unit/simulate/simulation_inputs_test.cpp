// What the simulation refuses and what it reads: the pharmacokinetics file's format (each break
// named by its field), the options of dose_events (grid, clock, crossovers, missed and extra
// doses), the occupancy model chosen by id, an absolute volume of distribution, and compare().
// The numbers come from the definitions in docs/simulation.md and data/pharmacokinetics.json.
#include "constant_plan.hpp"

#include <taper/drugs/database.hpp>
#include <taper/simulate/simulation.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace taper {
namespace {

using namespace units;

using testing::constant_plan;

// The option an invalid_argument_error or missing_data_error names, or what went wrong instead.
template <class Error, class F>
std::string option_of(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.detail().option;
    }
    return "no error";
}

std::string pk_file(const std::string& drugs) {
    return R"({"format": "taper-pharmacokinetics", "drugs": [)" + drugs + "]}";
}

// The field of the formulary_error that reading `text` throws.
std::string refused_field(const std::string& text) {
    try {
        (void)read_pharmacokinetics(text, "test.json");
    } catch (const formulary_error& e) {
        EXPECT_EQ(e.origin(), "test.json");
        return e.field();
    }
    return "accepted";
}

TEST(PharmacokineticsFile, ReadsNumbersRangesUnknownValuesAndAMetabolite) {
    const auto table = read_pharmacokinetics(pk_file(R"({
        "drug": "examplazine",
        "half_life_h": {"value": [10, 20], "source": "a label", "status": "verified"},
        "tmax_h": {"value": 2, "source": "a review", "status": "secondary"},
        "bioavailability": {"value": 0.25, "source": "a study", "status": "verified"},
        "volume_l": {"value": 100, "source": "a study", "status": "unverified"},
        "volume_l_per_kg": {"value": null, "source": "Not found", "status": "unverified"},
        "notes": "made up for the test",
        "metabolite": {"name": "desexamplazine", "active": true, "notes": "also made up",
                       "half_life_h": {"value": 50, "source": "a label", "status": "verified"},
                       "fraction_formed": {"value": 0.5, "source": "a label", "status": "verified"},
                       "relative_potency": {"value": 2, "source": "a label", "status": "secondary"}}
    }, {"drug": "bare"})"), "test.json");
    ASSERT_EQ(table.size(), 2U);
    const pharmacokinetics& pk = table[0];
    EXPECT_EQ(pk.drug, "examplazine");
    EXPECT_DOUBLE_EQ(in(*pk.half_life, hour), 15.0);  // the midpoint of 10-20 h
    EXPECT_EQ(pk.half_life.origin.status, evidence_status::verified);
    EXPECT_EQ(pk.half_life.origin.source, "a label");
    EXPECT_DOUBLE_EQ(in(*pk.time_to_peak, hour), 2.0);
    EXPECT_EQ(pk.time_to_peak.origin.status, evidence_status::secondary);
    EXPECT_DOUBLE_EQ(in(*pk.bioavailability, fraction), 0.25);
    EXPECT_DOUBLE_EQ(in(*pk.volume, L), 100.0);
    // A value no source gives: empty, with the source's words kept.
    EXPECT_FALSE(pk.volume_per_kg.value.has_value());
    EXPECT_EQ(pk.volume_per_kg.origin.source, "Not found");
    EXPECT_EQ(pk.notes, "made up for the test");
    ASSERT_TRUE(pk.metabolite.has_value());
    EXPECT_EQ(pk.metabolite->name, "desexamplazine");
    EXPECT_TRUE(pk.metabolite->active);
    EXPECT_DOUBLE_EQ(in(*pk.metabolite->half_life, hour), 50.0);
    EXPECT_DOUBLE_EQ(in(*pk.metabolite->fraction_formed, fraction), 0.5);
    EXPECT_DOUBLE_EQ(*pk.metabolite->relative_potency, 2.0);
    EXPECT_EQ(pk.metabolite->notes, "also made up");
    // A drug listing nothing: every parameter unknown, without a source.
    EXPECT_FALSE(table[1].half_life.value.has_value());
    EXPECT_TRUE(table[1].half_life.origin.source.empty());
    EXPECT_FALSE(table[1].metabolite.has_value());
}

TEST(PharmacokineticsFile, EachBreakOfTheFormatIsRefusedNamingItsField) {
    const auto with = [](const std::string& parameter) {
        return pk_file(R"({"drug": "x", "half_life_h": )" + parameter + "}");
    };
    const std::vector<std::pair<std::string, std::string>> cases{
        {"not json", "the file"},
        {"[1, 2]", "format"},
        {R"({"format": "taper-drugs", "drugs": []})", "format"},
        {R"({"format": "taper-pharmacokinetics"})", "drugs"},
        {R"({"format": "taper-pharmacokinetics", "drugs": {}})", "drugs"},
        {pk_file("1"), "drugs[0].drug"},
        {pk_file(R"({"drug": 3})"), "drugs[0].drug"},
        {pk_file(R"({"drug": "ok"}, {"name": "x"})"), "drugs[1].drug"},
        {with("12"), "drugs[0].half_life_h"},
        {with(R"({"value": 12, "source": "s"})"), "drugs[0].half_life_h.status"},
        {with(R"({"value": 12, "source": "s", "status": "guessed"})"), "drugs[0].half_life_h.status"},
        {with(R"({"value": 12, "status": "verified"})"), "drugs[0].half_life_h.source"},
        {with(R"({"value": 12, "source": "", "status": "verified"})"), "drugs[0].half_life_h.source"},
        {with(R"({"value": "12", "source": "s", "status": "verified"})"), "drugs[0].half_life_h.value"},
        {with(R"({"value": [20, 10], "source": "s", "status": "verified"})"), "drugs[0].half_life_h.value"},
        {with(R"({"value": [10, 15, 20], "source": "s", "status": "verified"})"), "drugs[0].half_life_h.value"},
        {with(R"({"value": 0, "source": "s", "status": "verified"})"), "drugs[0].half_life_h.value"},
        {with(R"({"value": -5, "source": "s", "status": "verified"})"), "drugs[0].half_life_h.value"},
        {with(R"({"value": [-4, 4], "source": "s", "status": "verified"})"), "drugs[0].half_life_h.value"},
        {pk_file(R"({"drug": "x", "bioavailability": {"value": 1.5, "source": "s", "status": "verified"}})"),
         "drugs[0].bioavailability.value"},
        {pk_file(R"({"drug": "x", "metabolite": "norx"})"), "drugs[0].metabolite"},
        {pk_file(R"({"drug": "x", "metabolite": {"name": "norx"}})"), "drugs[0].metabolite"},
        {pk_file(R"({"drug": "x", "metabolite": {"active": true}})"), "drugs[0].metabolite"},
        {pk_file(R"({"drug": "x", "metabolite": {"name": "norx", "active": "yes"}})"), "drugs[0].metabolite"},
        {pk_file(R"({"drug": "x", "metabolite": {"name": "norx", "active": true, "half_life_h": {"value": 1}}})"),
         "drugs[0].metabolite.half_life_h.status"},
    };
    for (const auto& [text, field] : cases) EXPECT_EQ(refused_field(text), field) << text;
    // A bioavailability of exactly 1 (all of the dose) is a fraction.
    EXPECT_EQ(refused_field(pk_file(R"({"drug": "x", "bioavailability": {"value": 1, "source": "s", "status": "verified"}})")),
              "accepted");
}

TEST(Pharmacokinetics, AbsorptionNeedsPositiveFiniteTimes) {
    EXPECT_THROW((void)absorption_rate_per_hour(0.0 * hour, 35.0 * hour), invalid_argument_error);
    EXPECT_THROW((void)absorption_rate_per_hour(4.0 * hour, -35.0 * hour), invalid_argument_error);
    EXPECT_THROW((void)absorption_rate_per_hour(std::nan("") * hour, 35.0 * hour), invalid_argument_error);
    EXPECT_THROW((void)absorption_rate_per_hour(4.0 * hour, INFINITY * hour), invalid_argument_error);
    // 1/ke = 35 h / ln 2 = 50.49 h: a peak just below it has a root, one just above has none.
    EXPECT_GT(absorption_rate_per_hour(50.0 * hour, 35.0 * hour), std::log(2.0) / 35.0);
    EXPECT_THROW((void)absorption_rate_per_hour(50.6 * hour, 35.0 * hour), invalid_argument_error);
}

TEST(DoseEvents, TheResolutionMustDivideADayIntoWholeSteps) {
    const schedule plan = constant_plan("citalopram", 20.0 * mg, 20.0 * mg, 2);
    for (double h : {0.0, -1.0, 5.0, 7.0, 0.7}) {
        simulation_options o;
        o.resolution = h * hour;
        EXPECT_EQ(option_of<invalid_argument_error>([&] { (void)dose_events(plan, o); }), "resolution") << h;
    }
    for (double h : {0.5, 1.0, 2.0, 4.0}) {
        simulation_options o;
        o.resolution = h * hour;
        EXPECT_EQ(dose_events(plan, o).size(), 2U) << h;  // 08:00 is on each of these grids
    }
}

TEST(DoseEvents, EveryDoseTimeNeedsAClockTimeOnTheGrid) {
    schedule plan = constant_plan("citalopram", 20.0 * mg, 20.0 * mg, 2);
    plan.steps[0].doses = {{"citalopram", "elevenses", 20.0 * mg}};
    simulation_options o;
    EXPECT_EQ(option_of<invalid_argument_error>([&] { (void)dose_events(plan, o); }), "dose_clock");
    o.dose_clock["elevenses"] = 11.0 * hour;
    auto events = dose_events(plan, o);
    ASSERT_EQ(events.size(), 2U);
    EXPECT_EQ(events[0], (dose_event{11.0 * hour, 20.0 * mg}));
    EXPECT_EQ(events[1], (dose_event{35.0 * hour, 20.0 * mg}));  // day 1, 24 + 11 h
    // 11:30 is off a 1 h grid and on a 0.5 h one.
    o.dose_clock["elevenses"] = 11.5 * hour;
    EXPECT_EQ(option_of<invalid_argument_error>([&] { (void)dose_events(plan, o); }), "dose times");
    o.resolution = 0.5 * hour;
    EXPECT_EQ(dose_events(plan, o)[0].time, 11.5 * hour);
}

TEST(DoseEvents, ZeroDosesAreNotTakenAndAnotherDrugIsRefused) {
    schedule plan = constant_plan("citalopram", 20.0 * mg, 10.0 * mg, 2);
    step off = plan.steps[0];
    off.number = 2;
    off.start = plan.start + std::chrono::days(2);
    off.doses = {{"citalopram", "daily", 0.0 * mg}};
    off.daily_dose = 0.0 * mg;
    plan.steps.push_back(off);
    // Two days of 10 mg, then two days of nothing: two doses, not four.
    EXPECT_EQ(dose_events(plan, {}).size(), 2U);
    // A crossover step (diazepam beside the plan's drug) is not simulated.
    plan.steps[1].doses = {{"diazepam", "daily", 5.0 * mg}};
    EXPECT_EQ(option_of<invalid_argument_error>([&] { (void)dose_events(plan, {}); }), "plan");
}

TEST(DoseEvents, AlternateDayTakesTwoDaysDosesOnEvenDays) {
    const schedule plan = constant_plan("citalopram", 20.0 * mg, 10.0 * mg, 5);
    simulation_options o;
    o.alternate_day = true;
    // Days 0, 2 and 4 at 08:00, 2 × 10 mg each.
    const std::vector<dose_event> expected{
        {8.0 * hour, 20.0 * mg}, {56.0 * hour, 20.0 * mg}, {104.0 * hour, 20.0 * mg}};
    EXPECT_EQ(dose_events(plan, o), expected);
}

TEST(DoseEvents, AnExtraDoseNeedsAPositiveAmountFromThePlansStart) {
    const schedule plan = constant_plan("citalopram", 20.0 * mg, 20.0 * mg, 2);
    simulation_options o;
    o.extra_doses = {{10.0 * hour, 0.0 * mg}};
    EXPECT_EQ(option_of<invalid_argument_error>([&] { (void)dose_events(plan, o); }), "extra_doses");
    o.extra_doses = {{-1.0 * hour, 5.0 * mg}};
    EXPECT_EQ(option_of<invalid_argument_error>([&] { (void)dose_events(plan, o); }), "extra_doses");
    // An extra dose off the grid is refused like any dose time.
    o.extra_doses = {{10.25 * hour, 5.0 * mg}};
    EXPECT_EQ(option_of<invalid_argument_error>([&] { (void)dose_events(plan, o); }), "dose times");
    // One at the very start goes first, before the 08:00 dose.
    o.extra_doses = {{0.0 * hour, 5.0 * mg}};
    const auto events = dose_events(plan, o);
    ASSERT_EQ(events.size(), 3U);
    EXPECT_EQ(events[0], (dose_event{0.0 * hour, 5.0 * mg}));
    EXPECT_EQ(events[1].time, 8.0 * hour);
}

TEST(Simulation, APlanWithoutItsDrugIsRefused) {
    schedule plan = constant_plan("citalopram", 20.0 * mg, 20.0 * mg, 2);
    plan.subject = nullptr;
    EXPECT_EQ(option_of<invalid_argument_error>([&] { (void)simulate(plan); }), "plan");
    // Without the drug there is nothing to look up: no refusal of its own (simulate says why).
    EXPECT_FALSE(simulation_refusal(plan).has_value());
}

TEST(Simulation, TheRefusalCarriesTheSourcesWordsOnTheMissingValue) {
    // Paroxetine's tmax is null in data/pharmacokinetics.json; the error quotes its status and source.
    const pharmacokinetics* pk = pharmacokinetics_of("paroxetine");
    ASSERT_NE(pk, nullptr);
    ASSERT_FALSE(pk->time_to_peak.value.has_value());
    try {
        (void)simulation_parameters_for(constant_plan("paroxetine", 20.0 * mg, 20.0 * mg, 2), {});
        ADD_FAILURE() << "paroxetine was simulated";
    } catch (const missing_data_error& e) {
        const std::string what = e.what();
        const std::string quoted = std::string(to_string(pk->time_to_peak.origin.status)) + "; " +
                                   pk->time_to_peak.origin.source;
        EXPECT_NE(what.find(quoted), std::string::npos) << what;
        EXPECT_EQ(e.detail().input, "paroxetine");
        EXPECT_EQ(e.detail().option, "time to peak (tmax)");
    }
}

TEST(Simulation, TheOccupancyModelCanBeChosenById) {
    const schedule plan = constant_plan("duloxetine", 60.0 * mg, 60.0 * mg, 2);
    // The default model (data/drugs.json): SERT, Takano 2006, Emax 100%, ED50 7.9 mg.
    const simulation_parameters standard = simulation_parameters_for(plan, {});
    EXPECT_EQ(standard.occupancy_model, "sert-thalamus-takano2006");
    EXPECT_EQ(standard.receptor, "SERT");
    // Moriguchi 2017's NET model: Emax 100%, ED50 76.8 mg, Hill 1.
    simulation_options o;
    o.occupancy_model = "net-thalamus-moriguchi2017";
    const simulation_parameters net = simulation_parameters_for(plan, o);
    EXPECT_TRUE(net.has_occupancy);
    EXPECT_EQ(net.occupancy_model, "net-thalamus-moriguchi2017");
    EXPECT_EQ(net.receptor, "NET");
    EXPECT_DOUBLE_EQ(in(net.emax, points), 100.0);
    EXPECT_DOUBLE_EQ(in(net.ed50, mg), 76.8);
    EXPECT_DOUBLE_EQ(net.hill, 1.0);
    // An id the drug does not have, and a model without Emax and ED50 (citalopram's Horowitz
    // 2019 entry), are refused.
    o.occupancy_model = "no-such-model";
    EXPECT_THROW((void)simulation_parameters_for(plan, o), error);
    // Regression: the unusable model's refusal carries its coded detail (the drug, the option
    // "occupancy model"), not only text; drug::occupancy(id) used to throw first without it.
    simulation_options unusable;
    unusable.occupancy_model = "sert-striatum-horowitz2019";
    try {
        (void)simulation_parameters_for(constant_plan("citalopram", 20.0 * mg, 20.0 * mg, 2), unusable);
        ADD_FAILURE() << "an unusable model was used";
    } catch (const missing_data_error& e) {
        EXPECT_EQ(e.detail().option, "occupancy model");
        EXPECT_EQ(e.detail().input, "citalopram");
        EXPECT_EQ(e.detail().code, error_code::missing_data);
    }
}

TEST(Simulation, AnAbsoluteVolumeGivesConcentrationsWithoutABodyWeight) {
    // Duloxetine: V = 1640 L, F = 0.5, half-life 12 h, tmax 6 h (data/pharmacokinetics.json).
    const schedule plan = constant_plan("duloxetine", 60.0 * mg, 60.0 * mg, 3);
    simulation_options o;
    const simulation s = simulate(plan, o);
    ASSERT_TRUE(s.parameters.volume.has_value());
    EXPECT_DOUBLE_EQ(in(*s.parameters.volume, L), 1640.0);
    EXPECT_DOUBLE_EQ(s.parameters.elimination_per_hour, std::log(2.0) / 12.0);
    EXPECT_FALSE(contains(s.messages, message_code::simulation_no_concentration));
    // The concentration is the amount in the body over V at every sample.
    ASSERT_EQ(s.plasma_concentration.size(), s.amount_in_body.size());
    for (std::size_t i = 0; i < s.amount_in_body.size(); i += 13)
        EXPECT_NEAR(in(s.plasma_concentration[i], mg / mL) * 1'640'000.0, in(s.amount_in_body[i], mg),
                    1e-9 * in(s.amount_in_body[i], mg) + 1e-15)
            << i;
    // A body weight does not replace an absolute volume.
    o.body_weight = mass(50'000.0 * g);
    EXPECT_DOUBLE_EQ(in(*simulation_parameters_for(plan, o).volume, L), 1640.0);
    // Citalopram's volume is per kg (12 L/kg): 12 × 50 kg = 600 L with a weight, none without.
    EXPECT_DOUBLE_EQ(in(*simulation_parameters_for(constant_plan("citalopram", 20.0 * mg, 20.0 * mg, 2), o).volume, L),
                     600.0);
    EXPECT_FALSE(simulation_parameters_for(constant_plan("citalopram", 20.0 * mg, 20.0 * mg, 2), {}).volume.has_value());
}

TEST(Simulation, TheStartingSplitNeedsClockTimesAndAdaptationAPositiveTimeConstant) {
    schedule plan = constant_plan("citalopram", 20.0 * mg, 20.0 * mg, 2);
    plan.start_split = {{"morning", 10.0 * mg}, {"teatime", 10.0 * mg}};
    EXPECT_EQ(option_of<invalid_argument_error>([&] { (void)simulate(plan); }), "dose_clock");
    plan.start_split[1].time = "night";
    EXPECT_NO_THROW((void)simulate(plan));
    simulation_options o;
    o.adaptation = adaptation_model{0.0 * day, 5.0 * points};
    EXPECT_EQ(option_of<invalid_argument_error>([&] { (void)simulate(plan, o); }), "adaptation time constant");
    o.adaptation = adaptation_model{-3.0 * day, 5.0 * points};
    EXPECT_EQ(option_of<invalid_argument_error>([&] { (void)simulate(plan, o); }), "adaptation time constant");
}

TEST(Simulation, CompareGivesEachPlansMetricsInOrder) {
    simulation_options o;
    o.after_end = 0.0 * day;
    const std::vector<schedule> plans{constant_plan("citalopram", 20.0 * mg, 20.0 * mg, 3),
                                      constant_plan("citalopram", 20.0 * mg, 10.0 * mg, 5)};
    const auto metrics = compare(plans, o);
    ASSERT_EQ(metrics.size(), 2U);
    // One dose a day: 3 and 5 doses; lengths 3 and 5 days.
    EXPECT_EQ(metrics[0].doses_taken, 3);
    EXPECT_EQ(metrics[1].doses_taken, 5);
    EXPECT_DOUBLE_EQ(in(metrics[0].length, day), 3.0);
    EXPECT_DOUBLE_EQ(in(metrics[1].length, day), 5.0);
    // Staying on 20 mg changes nothing from day to day; halving it does.
    EXPECT_LT(in(metrics[0].largest_day_to_day_change, points), in(metrics[1].largest_day_to_day_change, points));
    EXPECT_TRUE(compare(std::vector<schedule>{}, o).empty());
}

}  // namespace
}  // namespace taper
