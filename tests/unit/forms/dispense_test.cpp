// Dispensing: what to supply per step and per 28-day period. The hand-made schedules below
// give every expected count by hand; the property test realizes random plans with realize()
// and checks the totals day by day, independently of how dispense_* sums them.
#include <taper/drugs/database.hpp>
#include <taper/forms/realize.hpp>
#include <taper/plan/plan.hpp>
#include <taper/units/io.hpp>
#include <taper/units/from_value.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

using ::testing::HasSubstr;
using taper::dispensing_line;
using taper::dispensing_period;
using taper::dose_component;
using K = taper::dose_component::kind;

taper::mass mg(double v) { return taper::from_value<taper::mass>(v); }
taper::volume mL(double v) { return taper::from_value<taper::volume>(v); }
taper::date day(const char* iso) { return taper::parse_date(iso); }

dose_component part(K what, std::string id, std::string label, double count, double units_used,
                    double volume_ml = 0) {
    dose_component p;
    p.what = what;
    p.formulation_id = std::move(id);
    p.label = std::move(label);
    p.count = count;
    p.units_used = units_used;
    p.amount_volume = mL(volume_ml);
    return p;
}

dose_component tablets(double n, std::string label = "10 mg tablet") {
    return part(K::whole_or_split_units, "tablet", std::move(label), n, n);
}
dose_component liquid(double ml, std::string label = "2 mg/mL liquid") {
    return part(K::liquid_volume, "liquid-2mg-ml", std::move(label), 0, 0, ml);
}

/// A step of `days` from `start`, one recipe per dose-time.
taper::realized_step step(const char* start, double days, std::vector<std::vector<dose_component>> times,
                          std::string drug = "citalopram") {
    taper::realized_step s;
    taper::step planned;
    planned.start = day(start);
    planned.length = taper::from_value<taper::duration>(days);
    s.set_planned(std::move(planned));
    double total = 0;
    for (auto& parts : times) {
        taper::dose_recipe r;
        r.drug = drug;
        r.parts.assign(parts.begin(), parts.end());
        for (const auto& p : r.parts) total += p.units_used + p.amount_volume.value();  // non-zero marker
        s.recipes.push_back(std::move(r));
    }
    s.realized_daily = mg(total);
    return s;
}

taper::realized_schedule schedule_of(std::vector<taper::realized_step> steps, std::string strategy = "by hand",
                                     std::string drug = "citalopram") {
    taper::realized_schedule r;
    taper::schedule plan;
    plan.drug = std::move(drug);
    plan.strategy = std::move(strategy);
    plan.start = steps.empty() ? day("2026-01-01") : steps.front().planned().start;
    r.set_plan(std::move(plan));
    r.steps = std::move(steps);
    return r;
}

// The same realization, made with these options (dispensing reads the bottle size from it).
taper::realized_schedule made_with(taper::realized_schedule r, const taper::realization_options& o) {
    r.options = o;
    return r;
}

const dispensing_line& line(const dispensing_period& p, std::string_view label) {
    for (const auto& l : p.lines)
        if (l.label == label) return l;
    ADD_FAILURE() << "no line " << label;
    static const dispensing_line none;
    return none;
}

// ---- by hand ------------------------------------------------------------------------------

TEST(DispenseByStep, WholeHalvesAndQuartersArePooledThenRoundedUp) {
    // Step 1: 1½ tablets a day × 28 days = 42 tablets.
    // Step 2: ¼ tablet + 1.7 mL a day × 14 days = 3.5 tablets → 4; 23.8 mL.
    // Step 3: ¼ tablet a day × 10 days = 2.5 → 3 tablets.
    const auto r = schedule_of({step("2026-01-01", 28, {{tablets(1.5)}}),
                                step("2026-01-29", 14, {{tablets(0.25), liquid(1.7)}}),
                                step("2026-02-12", 10, {{tablets(0.25)}})});
    const auto periods = taper::dispense_by_step(r);
    ASSERT_EQ(periods.size(), 3u);
    EXPECT_EQ(periods[0].start, day("2026-01-01"));
    EXPECT_EQ(periods[0].end, day("2026-01-29"));
    ASSERT_EQ(periods[0].lines.size(), 1u);
    EXPECT_EQ(periods[0].lines[0].formulation_id, "tablet");
    EXPECT_DOUBLE_EQ(periods[0].lines[0].units, 42);
    EXPECT_DOUBLE_EQ(line(periods[1], "10 mg tablet").units, 4);
    EXPECT_NEAR(line(periods[1], "2 mg/mL liquid").total_volume.value(), 23.8, 1e-9);
    EXPECT_EQ(line(periods[1], "2 mg/mL liquid").bottles, 0);  // no bottle volume given
    EXPECT_DOUBLE_EQ(line(periods[1], "2 mg/mL liquid").units, 0);
    EXPECT_DOUBLE_EQ(line(periods[2], "10 mg tablet").units, 3);
}

TEST(DispenseByStep, TwoDoseTimesAddUpAndStrengthsStaySeparate) {
    // Morning 1 × 20 mg, evening ½ × 20 mg + ¼ × 10 mg, 28 days:
    // 20 mg tablets 1.5 × 28 = 42; 10 mg tablets 0.25 × 28 = 7.
    const auto r = schedule_of({step("2026-03-01", 28,
                                     {{tablets(1, "20 mg tablet")}, {tablets(0.5, "20 mg tablet"), tablets(0.25)}})});
    const auto p = taper::dispense_by_step(r).at(0);
    ASSERT_EQ(p.lines.size(), 2u);
    EXPECT_DOUBLE_EQ(line(p, "20 mg tablet").units, 42);
    EXPECT_DOUBLE_EQ(line(p, "10 mg tablet").units, 7);
}

TEST(DispenseByStep, DropsBeadsDilutionAndBottles) {
    taper::realization_options o;
    o.bottle_volume = mL(15);
    // Drops: 4 drops (0.2 mL) a day × 28 = 5.6 mL → 1 bottle of 15 mL.
    // Beads: 30 of 150 a day = 0.2 capsule × 28 = 5.6 → 6 capsules.
    // Dilution: one tablet dispersed each day (the rest discarded) × 28 = 28 tablets; no liquid.
    // Liquid: 2.5 mL × 28 = 70 mL → 5 bottles of 15 mL (4 hold 60).
    auto beads = part(K::beads, "beads-xr", "75 mg capsule", 30, 30.0 / 150);
    auto drops = part(K::drops, "drops-40mg-ml", "40 mg/mL drops", 4, 0, 0.2);
    auto dil = part(K::dilution, "tablet", "20 mg tablet", 1, 1, 3.4);
    dil.dispersed_in = mL(100);
    const auto r = schedule_of({step("2026-03-01", 28, {{drops}, {beads}, {dil}, {liquid(2.5)}})});
    const auto p = taper::dispense_by_step(made_with(r, o)).at(0);
    ASSERT_EQ(p.lines.size(), 4u);
    EXPECT_NEAR(line(p, "40 mg/mL drops").total_volume.value(), 5.6, 1e-9);
    EXPECT_EQ(line(p, "40 mg/mL drops").bottles, 1);
    EXPECT_DOUBLE_EQ(line(p, "75 mg capsule").units, 6);
    EXPECT_DOUBLE_EQ(line(p, "20 mg tablet").units, 28);
    EXPECT_DOUBLE_EQ(line(p, "20 mg tablet").total_volume.value(), 0);
    EXPECT_NEAR(line(p, "2 mg/mL liquid").total_volume.value(), 70, 1e-9);
    EXPECT_EQ(line(p, "2 mg/mL liquid").bottles, 5);
    // Exactly a bottle's worth is one bottle, not two: 15 mL = 0.5 mL × 30 days.
    const auto exact = schedule_of({step("2026-03-01", 30, {{liquid(0.5)}})});
    EXPECT_EQ(taper::dispense_by_step(made_with(exact, o)).at(0).lines.at(0).bottles, 1);
}

TEST(DispenseByStep, StepsWithNothingToTakeAreLeftOut) {
    auto stop = step("2026-01-29", 28, {});
    const auto r = schedule_of({step("2026-01-01", 28, {{tablets(1)}}), stop});
    const auto periods = taper::dispense_by_step(r);
    ASSERT_EQ(periods.size(), 1u);
    EXPECT_DOUBLE_EQ(periods[0].lines.at(0).units, 28);
}

TEST(DispenseByPeriod, StepsAreCutAtPeriodBoundaries) {
    // One 40-day step of ½ tablet from 2026-01-01, 28-day periods:
    //   2026-01-01..01-28: 28 × ½ = 14 tablets; 2026-01-29..02-09: 12 × ½ = 6 tablets.
    // Then 20 days of 1.5 mL: period 2 (from 02-10 to 02-25, 16 days) 24 mL; period 3
    // (02-26 .. 03-01, 4 days) 6 mL.
    const auto r = schedule_of({step("2026-01-01", 40, {{tablets(0.5)}}), step("2026-02-10", 20, {{liquid(1.5)}})});
    const auto periods = taper::dispense_by_period(r);
    ASSERT_EQ(periods.size(), 3u);
    EXPECT_EQ(periods[0].start, day("2026-01-01"));
    EXPECT_EQ(periods[0].end, day("2026-01-29"));
    EXPECT_EQ(periods[1].start, day("2026-01-29"));
    EXPECT_EQ(periods[1].end, day("2026-02-26"));
    EXPECT_EQ(periods[2].end, day("2026-03-02"));  // the plan's end, not a full period
    EXPECT_DOUBLE_EQ(line(periods[0], "10 mg tablet").units, 14);
    EXPECT_DOUBLE_EQ(line(periods[1], "10 mg tablet").units, 6);
    EXPECT_NEAR(line(periods[1], "2 mg/mL liquid").total_volume.value(), 24, 1e-9);
    EXPECT_NEAR(line(periods[2], "2 mg/mL liquid").total_volume.value(), 6, 1e-9);
    ASSERT_EQ(periods[2].lines.size(), 1u);
    // ¼ tablet a day for 30 days in 7-day periods: 1.75 → 2 tablets each week, 0.5 → 1 at the end.
    const auto q = taper::dispense_by_period(schedule_of({step("2026-01-01", 30, {{tablets(0.25)}})}),
                                             taper::from_value<taper::duration>(7));
    ASSERT_EQ(q.size(), 5u);
    for (int i = 0; i < 4; ++i) EXPECT_DOUBLE_EQ(q[static_cast<std::size_t>(i)].lines.at(0).units, 2);
    EXPECT_DOUBLE_EQ(q[4].lines.at(0).units, 1);
}

TEST(DispenseByPeriod, TaperingStripIsOnePouchPerDay) {
    // 30 one-day steps (a strip), then a stop step: 28 pouches in the first period, 2 in the
    // second; the tablets packed into them are listed too (½ tablet a day: 14, then 1).
    std::vector<taper::realized_step> days;
    taper::date d = day("2026-05-01");
    for (int i = 0; i < 30; ++i) {
        days.push_back(step(taper::format_date(d).c_str(), 1, {{tablets(0.5)}}));
        d = days.back().planned().end();
    }
    auto stop = step(taper::format_date(d).c_str(), 28, {});
    stop.realized_daily = mg(0);
    days.push_back(stop);
    const auto r = schedule_of(days, "tapering-strip");
    const auto periods = taper::dispense_by_period(r);
    ASSERT_EQ(periods.size(), 2u);
    ASSERT_EQ(periods[0].lines.size(), 2u);
    EXPECT_EQ(periods[0].lines[0].formulation_id, "tapering-strip");
    EXPECT_THAT(periods[0].lines[0].label, HasSubstr("pouch"));
    EXPECT_DOUBLE_EQ(periods[0].lines[0].units, 28);
    EXPECT_DOUBLE_EQ(periods[0].lines[1].units, 14);
    EXPECT_DOUBLE_EQ(periods[1].lines[0].units, 2);
    EXPECT_DOUBLE_EQ(periods[1].lines[1].units, 1);
    // By step: one pouch a day.
    const auto by_step = taper::dispense_by_step(r);
    ASSERT_EQ(by_step.size(), 30u);
    EXPECT_DOUBLE_EQ(by_step[0].lines[0].units, 1);
    // Not a strip plan: no pouches.
    for (const auto& p : taper::dispense_by_period(schedule_of(days)))
        for (const auto& l : p.lines) EXPECT_NE(l.formulation_id, "tapering-strip");
}

TEST(DispenseByPeriod, AnotherDrugsProductsAreNamed) {
    // A lorazepam plan during a crossover: diazepam 2 mg tablets are a line of their own.
    auto s = step("2026-01-01", 14, {{tablets(1, "1 mg tablet")}}, "lorazepam");
    auto dz = step("2026-01-01", 14, {{tablets(2.5, "2 mg tablet")}}, "diazepam");
    s.recipes.push_back(dz.recipes[0]);
    const auto r = schedule_of({s}, "diazepam-crossover", "lorazepam");
    const auto p = taper::dispense_by_period(r).at(0);
    EXPECT_DOUBLE_EQ(line(p, "1 mg tablet").units, 14);
    EXPECT_DOUBLE_EQ(line(p, "diazepam 2 mg tablet").units, 35);
}

TEST(Dispense, BadOptionsAreErrors) {
    const auto r = schedule_of({step("2026-01-01", 28, {{tablets(1)}})});
    for (double bad : {0.0, -7.0, 1.5, std::nan("")})
        EXPECT_THROW((void)taper::dispense_by_period(r, taper::from_value<taper::duration>(bad)),
                     taper::invalid_argument_error)
            << bad;
    taper::realization_options o;
    o.bottle_volume = mL(0);
    EXPECT_THROW((void)taper::dispense_by_step(made_with(r, o)), taper::invalid_argument_error);
    EXPECT_THROW((void)taper::dispense_by_period(made_with(r, o), taper::from_value<taper::duration>(28)),
                 taper::invalid_argument_error);
    // An empty schedule dispenses nothing.
    EXPECT_TRUE(taper::dispense_by_period(schedule_of({})).empty());
}

// ---- property: random realized plans -------------------------------------------------------

struct scenario {
    const char* drug;
    const char* forms;
    double start_mg;
};

/// The embedded data plus bead counts for venlafaxine's capsules. Test counts, not data:
/// 150, 300 and 600 beads in the 37.5, 75 and 150 mg capsules (0.25 mg a bead), so that
/// counted beads are dispensed as the capsules they come from.
const taper::database& database_with_bead_counts() {
    static const taper::database db = [] {
        taper::database d = taper::database::embedded();
        d.overlay_json(R"json({"format": "taper-formulary", "version": 1, "drugs": [
            {"name": "venlafaxine", "formulations": [
                {"id": "beads-xr", "beads_per_capsule": [150, 300, 600],
                 "source": "test counts", "status": "user-supplied"}]}]})json");
        return d;
    }();
    return db;
}

TEST(DispenseProperty, SuppliesCoverExactlyWhatIsTaken) {
    const scenario scenarios[] = {
        {"citalopram", "10 mg tablet, 20 mg tablet, 2 mg/mL liquid", 20},
        {"citalopram", "20 mg tablet, 40 mg/mL drops", 40},
        {"diazepam", "2 mg tablet, 5 mg tablet, 0.4 mg/mL liquid", 15},
        {"fluoxetine", "20 mg tablet", 20},  // dispersible: dilutions at the tail
        {"sertraline", "20 mg/mL concentrate", 100},
        {"escitalopram", "10 mg tablet, 1 mg/mL liquid", 10},
        {"venlafaxine", "75 mg beads, 37.5 mg beads", 150},  // whole capsules plus counted beads
    };
    std::mt19937 rng(20261201);
    const auto& db = database_with_bead_counts();
    int checked_solids = 0, checked_liquids = 0;
    std::map<K, int> kinds;
    for (int trial = 0; trial < 70; ++trial) {
        const scenario& sc = scenarios[static_cast<std::size_t>(trial) % std::size(scenarios)];
        const auto& d = db.get(sc.drug);
        taper::plan_request req;
        req.drug = sc.drug;
        req.daily_dose = mg(sc.start_mg);
        req.start = taper::parse_date("2026-12-01") + std::chrono::days(std::uniform_int_distribution<int>(0, 400)(rng));
        req.interval = taper::from_value<taper::duration>(std::uniform_int_distribution<int>(5, 45)(rng));
        if (trial % 3 == 1) req.split = {{"morning", req.daily_dose * 0.5}, {"night", req.daily_dose * 0.5}};
        taper::strategy_options so;
        so.set("percent", taper::percent((std::uniform_real_distribution<double>(10, 40)(rng)) * taper::units::percent_of_dose));
        const auto plan = taper::make_plan(db, req, taper::builtin_strategies().make("proportional", so));
        taper::realization_options ro;
        if (trial % 2 == 0) ro.bottle_volume = mL(std::uniform_int_distribution<int>(10, 200)(rng));
        const auto r = taper::realize(plan, taper::forms_on_hand(d, sc.forms), ro);
        const int period_days = std::uniform_int_distribution<int>(1, 60)(rng);
        const auto periods = taper::dispense_by_period(r, taper::from_value<taper::duration>(period_days));

        // Day by day, independently: what is taken on each day, bucketed by period index.
        std::map<std::pair<long, std::string>, double> pieces;  // (period, label) -> units
        std::map<std::pair<long, std::string>, double> ml;
        const taper::date first = std::min(r.plan().start, r.steps.front().planned().start);
        for (const auto& s : r.steps) {
            for (taper::date t = s.planned().start; t < s.planned().end(); t += std::chrono::days(1)) {
                const long k = taper::days_between(first, t) / period_days;
                for (const auto& rc : s.recipes)
                    for (const auto& p : rc.parts) {
                        ++kinds[p.what];
                        const bool by_volume = p.what == K::liquid_volume || p.what == K::drops;
                        if (by_volume) ml[{k, p.label}] += p.amount_volume.value();
                        else pieces[{k, p.label}] += p.units_used;
                    }
            }
        }
        // Every period line matches the day-by-day sums; every taken amount has a line.
        std::map<std::pair<long, std::string>, bool> seen;
        for (const auto& p : periods) {
            const long k = taper::days_between(first, p.start) / period_days;
            EXPECT_EQ(taper::days_between(first, p.start) % period_days, 0);
            for (const auto& l : p.lines) {
                seen[{k, l.label}] = true;
                if (l.total_volume.value() > 0) {
                    const double want = ml[{k, l.label}];
                    EXPECT_NEAR(l.total_volume.value(), want, 1e-9) << sc.drug << " " << l.label;
                    if (ro.bottle_volume) {
                        EXPECT_GE(l.bottles * ro.bottle_volume->value(), want - 1e-9);
                        EXPECT_LT((l.bottles - 1) * ro.bottle_volume->value(), want - 1e-9);
                    }
                    ++checked_liquids;
                } else {
                    const double taken = pieces[{k, l.label}];
                    EXPECT_EQ(l.units, std::floor(l.units)) << l.label;  // whole units
                    EXPECT_GE(l.units, taken - 1e-9) << sc.drug << " " << l.label;
                    EXPECT_LT(l.units, taken + 1) << sc.drug << " " << l.label;
                    ++checked_solids;
                }
            }
        }
        for (const auto& [key, v] : pieces)
            EXPECT_TRUE(v <= 0 || seen.count(key)) << sc.drug << " " << key.second << " period " << key.first;
        for (const auto& [key, v] : ml)
            EXPECT_TRUE(v <= 0 || seen.count(key)) << sc.drug << " " << key.second << " period " << key.first;

        // Whole schedule: liquids total the sum of daily volumes × days.
        double all_ml = 0, all_dispensed_ml = 0;
        for (const auto& [key, v] : ml) all_ml += v;
        for (const auto& p : periods)
            for (const auto& l : p.lines) all_dispensed_ml += l.total_volume.value();
        EXPECT_NEAR(all_dispensed_ml, all_ml, 1e-9 * std::max(1.0, all_ml));
    }
    // The scenarios do exercise both kinds.
    EXPECT_GT(checked_solids, 50);
    EXPECT_GT(checked_liquids, 50);
    for (K k : {K::whole_or_split_units, K::liquid_volume, K::drops, K::dilution, K::beads})
        EXPECT_GT(kinds[k], 0) << static_cast<int>(k);
}

}  // namespace
