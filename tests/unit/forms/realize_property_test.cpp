// Properties of realization over many random plans: every built-in strategy, random forms on
// hand, random measuring tools and limits. What must hold for every step of every plan:
//   - each dose is within tolerance of its target, or the step carries a warning;
//   - the realized daily dose never rises above the previous one (nor the start);
//   - no cut is larger than the request's maximum (mg, %, occupancy points), unless the step
//     carries a warning that nothing on hand can keep it;
//   - a dose above 0 that comes out as 0 is warned ("rounds to 0"), never silent;
//   - what is taken respects the forms: halves and quarters only where splitting is allowed,
//     liquids on the syringe grid and at least the minimum volume, whole drops and beads;
//   - steps follow each other day by day; switch points and inserted steps say so;
//   - no step to zero, as taken, from more than 1/20 of the start without the abrupt-stop
//     warning (R1; a stop from 0.5 mg diazepam or less is the Ashton Manual's last step);
//   - no cut, as taken, faster than the class guidance on pace without the pace warning, the
//     planner's or realization's (R5);
//   - no change of release profile (modified-release to immediate-release forms, or back) in
//     the same step as a cut (R7).
#include <taper/drugs/database.hpp>
#include <taper/forms/instruction.hpp>
#include <taper/forms/realize.hpp>
#include <taper/messages/text.hpp>
#include <taper/plan/pace_guidance.hpp>
#include <taper/plan/plan.hpp>
#include <taper/units/io.hpp>
#include <taper/units/from_value.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace {

using taper::dose_component;

taper::mass mg(double v) { return taper::from_value<taper::mass>(v); }

const taper::database& test_database() {
    static const taper::database db = [] {
        taper::database d = taper::database::embedded();
        // Test data, not clinical data: bead counts (0.25 mg a bead) and risperidone strengths,
        // so that beads and the antipsychotic strategy can be exercised.
        d.overlay_json(R"json({"format": "taper-formulary", "version": 1, "drugs": [
            {"name": "venlafaxine", "formulations": [
                {"id": "beads-xr", "beads_per_capsule": [150, 300, 600], "source": "test", "status": "user-supplied"}]},
            {"name": "risperidone", "formulations": [
                {"id": "liquid", "strength": 1, "unit": "mg/mL", "source": "test", "status": "user-supplied"},
                {"id": "tablet-test", "form": "tablet", "strength": [0.5, 1, 2, 3, 4], "unit": "mg",
                 "splittable": true, "source": "test", "status": "user-supplied"}]}]})json");
        return d;
    }();
    return db;
}

struct scenario {
    std::string drug;
    double low, high;                   // starting dose range, mg/day
    std::vector<std::string> strategies;
    std::string partner;                // crossover: the drug switched to
};

const std::vector<scenario>& scenarios() {
    static const std::vector<scenario> all = {
        {"citalopram", 10, 40, {"linear", "proportional", "proportional-of-start", "hyperbolic", "tapering-strip", "table"}, ""},
        {"escitalopram", 5, 20, {"linear", "proportional", "hyperbolic", "table"}, ""},
        {"paroxetine", 10, 40, {"proportional", "hyperbolic", "proportional-of-start", "table"}, ""},
        {"sertraline", 25, 150, {"linear", "proportional", "hyperbolic", "table"}, ""},
        {"fluoxetine", 10, 40, {"proportional", "hyperbolic", "table"}, ""},
        {"venlafaxine", 37.5, 225, {"proportional", "hyperbolic", "linear"}, ""},
        {"duloxetine", 30, 120, {"proportional", "hyperbolic"}, ""},
        {"risperidone", 1, 6, {"antipsychotic", "proportional"}, ""},
        {"diazepam", 5, 30, {"diazepam-crossover", "proportional", "linear"}, ""},
        {"alprazolam", 0.5, 3, {"diazepam-crossover"}, "diazepam"},
        {"lorazepam", 1, 4, {"diazepam-crossover"}, "diazepam"},
        {"clonazepam", 0.5, 3, {"diazepam-crossover"}, "diazepam"},
    };
    return all;
}

double uniform(std::mt19937& rng, double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); }
int pick(std::mt19937& rng, int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
bool coin(std::mt19937& rng, double p = 0.5) { return std::bernoulli_distribution(p)(rng); }

std::vector<taper::available_form> random_subset(std::mt19937& rng, const std::vector<taper::available_form>& all) {
    std::vector<taper::available_form> out;
    for (const auto& f : all)
        if (coin(rng, 0.6)) out.push_back(f);
    if (out.empty()) out.push_back(all[static_cast<std::size_t>(pick(rng, static_cast<int>(all.size())))]);
    return out;
}

bool has(const taper::realized_step& s, taper::message_code code) { return taper::contains(s.messages, code); }

bool any_warning(const taper::realized_step& s) {
    return std::any_of(s.messages.begin(), s.messages.end(),
                       [](const taper::message& m) { return m.level == taper::severity::warning; });
}

bool near_multiple(double x, double step) {
    const double k = x / step;
    return std::abs(k - std::round(k)) < 1e-6;
}

std::string dump(const taper::realized_schedule& r) {
    std::string out;
    for (const auto& s : r.steps) {
        out += std::to_string(s.planned().number) + (s.inserted ? "* " : "  ") + std::string(taper::to_string(s.planned().phase)) +
               " target " + taper::to_string(s.planned().equivalent_daily_dose) + " realized " +
               taper::to_string(s.realized_daily) + "\n";
        for (const auto& rc : s.recipes) out += "    " + rc.time + " " + rc.drug + ": " + taper::instruction_text(r, rc) + "\n";
        for (const auto& m : s.messages)
            out += "    " + std::string(taper::id(m.level)) + ": " + taper::text(m, taper::context_of(r, &s)) + "\n";
    }
    return out;
}

struct counts {
    int plans = 0, steps = 0, inserted = 0, switches = 0, warned_limits = 0, zero_warnings = 0;
    int adjusted = 0;                        ///< steps moved into the limits after rounding
    int broken = 0;                          ///< steps over a maximum (each must carry the warning)
    int pace_warned = 0;                     ///< cuts as taken faster than the class guidance
    int release_changes = 0;                 ///< steps that change the release profile
    int impractical = 0;                     ///< doses beyond the practicality limits (R8)
    int frequency_notes = 0;                 ///< steps starting a form taken more often (436)
    std::map<dose_component::kind, int> parts;  ///< recipe parts of each kind checked
};

void check_plan(const taper::realized_schedule& r, const taper::plan_request& req, const taper::drug& d,
                const std::vector<taper::available_form>& forms, const taper::realization_options& o,
                const std::string& context, counts& c) {
    const auto& plan = r.plan();
    ASSERT_FALSE(r.steps.empty()) << context;
    const taper::occupancy_model* model =
        plan.basis == taper::dose_basis::own_mg && !plan.occupancy_model.empty() ? d.find_target(plan.occupancy_model) : nullptr;
    double prev = plan.start_equivalent_dose.value();
    taper::date day = plan.steps.front().start;
    int inserted = 0;
    for (std::size_t k = 0; k < r.steps.size(); ++k) {
        const auto& s = r.steps[k];
        const std::string where = context + ", step " + std::to_string(k + 1);
        ++c.steps;
        EXPECT_EQ(s.planned().number, static_cast<int>(k) + 1) << where;
        EXPECT_EQ(s.planned().start, day) << where;
        day = s.planned().end();

        const double now = s.realized_daily.value();
        const double eps = 1e-9 * std::max(1.0, prev);
        // Lines of another drug whose forms are not on hand are listed as planned, not
        // realized: the limits after rounding are only promised for what is realized.
        const bool all_realized = std::none_of(s.recipes.begin(), s.recipes.end(), [](const taper::dose_recipe& rc) {
            return !rc.realized_here;
        });
        // Never above the previous dose as taken (the plans here never rise).
        if (all_realized) {
            EXPECT_LE(now, prev + eps) << where;
        }

        // Limits, or a warning that says they cannot be kept.
        const bool limits_warned = has(s, taper::message_code::limits_broken_nothing_within) ||
                                   has(s, taper::message_code::limits_broken_smallest_cut) || !all_realized;
        if (limits_warned) ++c.warned_limits;
        const double cut = prev - now;
        bool over = false;  // a maximum broken (allowed only with the warning above)
        if (req.max_step) {
            over = over || cut > req.max_step->value() + eps;
            EXPECT_TRUE(cut <= req.max_step->value() + eps || limits_warned) << where << ": cut " << cut;
        }
        const bool to_zero = s.planned().phase == taper::step_phase::stop && s.planned().equivalent_daily_dose.value() <= 0;
        if (req.max_step_percent && !to_zero && prev > 0) {
            over = over || cut > prev * taper::in(*req.max_step_percent, taper::units::percent_of_dose) / 100 + eps;
            EXPECT_TRUE(cut <= prev * taper::in(*req.max_step_percent, taper::units::percent_of_dose) / 100 + eps || limits_warned)
                << where << ": cut " << cut << " of " << prev;
        }
        if (req.max_step_points && model != nullptr && prev > 0) {
            const double points = taper::in(model->occupancy_percent(mg(prev)) - model->occupancy_percent(mg(std::max(0.0, now))),
                                            taper::units::points);
            over = over || points > taper::in(*req.max_step_points, taper::units::points) + 1e-7;
            EXPECT_TRUE(points <= taper::in(*req.max_step_points, taper::units::points) + 1e-7 || limits_warned) << where << ": " << points << " points";
        }
        if (over) ++c.broken;

        // Each dose within tolerance or warned; a zero is never silent.
        double own_total = 0;
        for (const auto& rc : s.recipes) {
            if (!rc.within_tolerance) {
                EXPECT_TRUE(any_warning(s)) << where << " " << rc.time;
            }
            if (rc.target.value() > 0 && rc.realized.value() <= 0 && !rc.parts.empty()) ADD_FAILURE() << where;
            if (rc.target.value() > 1e-9 && rc.realized.value() <= 0 && rc.realized_here) {
                EXPECT_TRUE(has(s, taper::message_code::dose_rounds_to_zero)) << where;
                ++c.zero_warnings;
            }
            if (rc.drug == d.name) own_total += rc.realized.value();
            double parts = 0;
            for (const auto& p : rc.parts) {
                parts += p.equivalent.value();
                const auto it = std::find_if(forms.begin(), forms.end(), [&](const taper::available_form& f) {
                    return f.drug == rc.drug && f.label == p.label && f.formulation_id == p.formulation_id;
                });
                ASSERT_NE(it, forms.end()) << where << ": " << p.label << " is not on hand";
                const taper::available_form& f = *it;
                ++c.parts[p.what];
                switch (p.what) {
                    case dose_component::kind::whole_or_split_units: {
                        const double quarters = p.count * 4;
                        EXPECT_NEAR(quarters, std::round(quarters), 1e-9) << where;
                        if (!f.may_split) {
                            EXPECT_EQ(p.count, std::floor(p.count)) << where << ": split " << f.label;
                        }
                        if (!o.tools.allow_quarters) {
                            EXPECT_TRUE(near_multiple(p.count, 0.5)) << where;
                        }
                        break;
                    }
                    case dose_component::kind::liquid_volume:
                        EXPECT_TRUE(near_multiple(p.amount_volume.value(), o.tools.syringe_resolution.value())) << where;
                        EXPECT_GE(p.amount_volume.value(), o.tools.min_volume.value() - 1e-9) << where;
                        break;
                    case dose_component::kind::drops:
                        EXPECT_EQ(p.count, std::floor(p.count)) << where;
                        EXPECT_LE(p.count, o.tools.max_drops) << where;
                        break;
                    case dose_component::kind::beads:
                        EXPECT_EQ(p.count, std::floor(p.count)) << where;
                        ASSERT_TRUE(f.bead_count) << where;
                        EXPECT_LT(p.count, f.bead_count->value()) << where;
                        break;
                    case dose_component::kind::dilution:
                        EXPECT_TRUE(f.dispersible) << where;
                        EXPECT_TRUE(near_multiple(p.amount_volume.value(), o.tools.syringe_resolution.value())) << where;
                        break;
                }
            }
            if (rc.realized_here) {
                EXPECT_NEAR(parts, rc.realized.value(), 1e-7) << where;
            }
        }
        if (plan.basis == taper::dose_basis::own_mg) {
            EXPECT_NEAR(own_total, now, 1e-7) << where;
        }
        EXPECT_NEAR(s.difference.value(), now - s.planned().equivalent_daily_dose.value(), 1e-7) << where;

        if (s.form_changed) {
            ++c.switches;
            EXPECT_TRUE(has(s, taper::message_code::switch_point)) << where;
        }
        if (has(s, taper::message_code::adjusted_after_rounding)) ++c.adjusted;
        // R1 (docs/safety.md): no step to zero, as taken, from more than the abrupt-stop share
        // of the start (1/20) without the abrupt-stop warning, the planner's or realization's.
        const bool diazepam_doses = plan.basis == taper::dose_basis::diazepam_mg || plan.drug == "diazepam";
        if (now <= 1e-12 && prev > 1e-12 && prev > plan.start_equivalent_dose.value() / 20 * (1 + 1e-9) &&
            !(diazepam_doses && prev <= 0.5 * (1 + 1e-9))) {
            const bool warned = taper::contains(s.planned().messages, taper::message_code::abrupt_stop) ||
                                taper::contains(s.planned().messages, taper::message_code::abrupt_stop_seizure_risk) ||
                                has(s, taper::message_code::realized_abrupt_stop) ||
                                has(s, taper::message_code::realized_abrupt_stop_seizure_risk);
            EXPECT_TRUE(warned) << where << ": stops from " << prev;
        }
        // R5 (docs/safety.md): the class guidance on pace holds on the doses as taken, or the
        // step is warned. The guidance's numbers are the class's (plan/pace_guidance.hpp); the
        // period arithmetic is written out here again: shorter steps add up, a stop counts once.
        if (const auto rule = taper::pace_rule_for(d.klass); rule && now < prev - 1e-12 && prev > 0) {
            const bool stop = now <= 1e-12 || s.planned().phase == taper::step_phase::stop;
            const double scale = stop ? 1.0 : std::max(1.0, rule->per_days / s.planned().length.value());
            const bool points_rule = model != nullptr && taper::in(rule->max_points, taper::units::points) > 0;
            bool too_fast = false;
            if (points_rule) {
                const double pts = taper::in(model->occupancy_percent(mg(prev)) - model->occupancy_percent(mg(now)),
                                             taper::units::points);
                too_fast = pts * scale > taper::in(rule->max_points, taper::units::points) + 1e-6;
            } else if (!(stop && now <= 1e-12)) {
                too_fast = (prev - now) / prev * scale > taper::in(rule->max_share, taper::units::fraction) + 1e-6;
            }
            if (too_fast) {
                const bool warned = taper::contains(s.planned().messages, taper::message_code::faster_than_guidance_share) ||
                                    taper::contains(s.planned().messages, taper::message_code::faster_than_guidance_points) ||
                                    has(s, taper::message_code::realized_faster_than_guidance_share) ||
                                    has(s, taper::message_code::realized_faster_than_guidance_points);
                EXPECT_TRUE(warned) << where << ": cuts " << prev << " -> " << now << " faster than the guidance";
                ++c.pace_warned;
            }
        }
        // R7: a change of release profile is its own step at a constant dose.
        if (k > 0) {
            auto release = [&](const taper::realized_step& x) {
                std::optional<bool> mr;
                for (const auto& rc : x.recipes) {
                    if (rc.drug != d.name) continue;
                    for (const auto& p : rc.parts) {
                        const auto* f = d.find_formulation(p.formulation_id);
                        mr = mr.value_or(false) || (f != nullptr && f->modified_release.known() && *f->modified_release);
                    }
                }
                return mr;
            };
            const auto was = release(r.steps[k - 1]);
            const auto is = release(s);
            if (was && is && *was != *is) {
                ++c.release_changes;
                // A cut, not the rounding of a constant dose (within the tolerance).
                // Where nothing on hand makes the dose before in the new forms, the step says so.
                EXPECT_TRUE(!(now < prev * (1 - o.tolerance_percent / 100) - 1e-9) ||
                            has(s, taper::message_code::release_change_with_cut))
                    << where << ": the release profile changes with a cut, unsaid";
            }
        }
        // R8: a dose beyond the practicality limits (12 pieces or counts, 20 mL) is warned.
        for (const auto& rc : s.recipes) {
            double pieces = 0, ml = 0;
            for (const auto& p : rc.parts) {
                if (p.what == dose_component::kind::liquid_volume || p.what == dose_component::kind::dilution)
                    ml += taper::in(p.amount_volume, taper::units::mL);
                else
                    pieces += std::ceil(p.count);
            }
            if (pieces > 12 || ml > 20) {
                ++c.impractical;
                EXPECT_TRUE(has(s, taper::message_code::impractical_recipe)) << where << ": an impractical dose, unsaid";
            }
        }
        // 436: a form of the drug first taken in this step, whose label takes it more times a
        // day than the step's doses of the drug, says so (with that number).
        {
            std::size_t times = 0;
            for (const auto& rc : s.recipes)
                if (rc.drug == d.name && !rc.parts.empty()) ++times;
            for (const auto& rc : s.recipes) {
                if (rc.drug != d.name) continue;
                for (const auto& p : rc.parts) {
                    const auto* f = d.find_formulation(p.formulation_id);
                    if (f == nullptr || !f->doses_per_day || static_cast<std::size_t>(*f->doses_per_day) <= times)
                        continue;
                    bool before = false;
                    if (k == 0) {
                        for (const auto i : r.start_forms) before = before || r.forms.at(i).formulation_id == p.formulation_id;
                    } else {
                        for (std::size_t j = k; j-- > 0 && !before;) {
                            bool takes_drug = false;
                            for (const auto& q : r.steps[j].recipes)
                                if (q.drug == d.name)
                                    for (const auto& qp : q.parts) {
                                        takes_drug = true;
                                        before = before || qp.formulation_id == p.formulation_id;
                                    }
                            if (takes_drug) break;  // the last step that took the drug decides
                        }
                    }
                    if (before) continue;
                    ++c.frequency_notes;
                    const auto* m = taper::find(s.messages, taper::message_code::dosing_frequency_change);
                    EXPECT_TRUE(m != nullptr && (*m)[1].as_index() == static_cast<std::size_t>(*f->doses_per_day))
                        << where << ": " << p.formulation_id << " is taken " << *f->doses_per_day
                        << " times a day, unsaid";
                }
            }
        }
        if (s.inserted) {
            ++inserted;
            ++c.inserted;
            EXPECT_TRUE(has(s, taper::message_code::inserted_step) ||
                        has(s, taper::message_code::inserted_step_before_stop) ||
                        has(s, taper::message_code::release_change_step) ||
                        has(s, taper::message_code::inserted_smallest_cut_before_stop))
                << where;
        }
        prev = now;
    }
    EXPECT_EQ(r.steps.size(), plan.steps.size() + static_cast<std::size_t>(inserted)) << context;
}

TEST(RealizeProperty, RandomPlansKeepTheirPromises) {
    const auto& db = test_database();
    const auto& registry = taper::builtin_strategies();
    counts c;
    int skipped = 0;
    std::vector<std::string> strategies_seen;
    // TAPER_PROPERTY_SEEDS=5000 runs more plans (the default keeps the suite fast).
    const char* env = std::getenv("TAPER_PROPERTY_SEEDS");
    const unsigned seeds = env != nullptr ? static_cast<unsigned>(std::strtoul(env, nullptr, 10)) : 400u;
    for (unsigned seed = 1; seed <= seeds; ++seed) {
        std::mt19937 rng(seed);
        const scenario& sc = scenarios()[static_cast<std::size_t>(pick(rng, static_cast<int>(scenarios().size())))];
        const std::string strategy_name = sc.strategies[static_cast<std::size_t>(pick(rng, static_cast<int>(sc.strategies.size())))];
        const taper::drug& d = db.get(sc.drug);

        taper::plan_request req;
        req.drug = sc.drug;
        const double start = std::round(uniform(rng, sc.low, sc.high) * 4) / 4;
        req.daily_dose = mg(start);
        req.start = taper::parse_date("2026-12-01");
        if (coin(rng, 0.3)) req.split = {{"morning", mg(start / 2)}, {"night", mg(start / 2)}};
        if (coin(rng, 0.4)) req.max_step_percent = uniform(rng, 10, 40) * taper::units::percent_of_dose;
        if (coin(rng, 0.3)) req.max_step = mg(start * uniform(rng, 0.1, 0.4));
        if (coin(rng, 0.3) && d.find_target(d.default_target) != nullptr && d.find_target(d.default_target)->usable())
            req.max_step_points = uniform(rng, 3, 15) * taper::units::points;
        const bool strip = strategy_name == "tapering-strip";
        if (strip) req.max_step_percent.reset();  // daily pouches: keep the plan short-stepped but valid

        taper::strategy_options so;
        if (strategy_name == "linear") so.set("amount", mg(start / (2 + pick(rng, 6))));
        if (strategy_name == "proportional" || strategy_name == "proportional-of-start") so.set("percent", taper::percent((uniform(rng, 10, 30)) * taper::units::percent_of_dose));
        if (strategy_name == "hyperbolic") so.set("points", (uniform(rng, 3, 10)) * taper::units::points);
        // Staged substitution on half the crossovers: two drugs at one dose-time, the drug
        // still taken cut while the diazepam is held.
        if (strategy_name == "diazepam-crossover" && sc.drug != "diazepam" && coin(rng))
            so.set("switch_ceiling", mg(uniform(rng, 10, 40)));
        if (strip) {
            so.set("roll_length", taper::from_value<taper::duration>(14));
            const bool proportional = coin(rng);
            so.set("curve", std::string(proportional ? "proportional" : "hyperbolic"));
            if (proportional) so.set("final_fraction", taper::percent(0.25 * taper::units::fraction));
        }
        if (strategy_name == "table") {
            std::vector<taper::table_row> rows;
            double dose = start;
            for (int i = 0; i < 2 + pick(rng, 6); ++i) {
                dose *= uniform(rng, 0.6, 0.95);
                rows.push_back({mg(std::round(dose * 100) / 100), std::nullopt});
            }
            so.set("table", rows);
        }

        taper::schedule plan;
        try {
            plan = taper::make_plan(db, req, registry.make(strategy_name, so));
        } catch (const taper::error&) {
            ++skipped;  // a request the planner refuses (e.g. limits against the strategy)
            continue;
        }

        auto all = taper::all_forms(d);
        auto forms = random_subset(rng, all);
        if (!sc.partner.empty() || plan.basis == taper::dose_basis::diazepam_mg) {
            const auto partner = taper::all_forms(db.get("diazepam"));
            if (coin(rng, 0.8))
                for (const auto& f : random_subset(rng, partner)) forms.push_back(f);
        }
        taper::realization_options o;
        o.tolerance_percent = coin(rng) ? 5.0 : 10.0;
        o.tie_percent = coin(rng) ? 1.0 : 0.0;
        o.tools.allow_quarters = coin(rng, 0.7);
        o.tools.syringe_resolution = taper::from_value<taper::volume>(std::array{0.1, 0.2, 0.5}[static_cast<std::size_t>(pick(rng, 3))]);
        o.tools.min_volume = taper::from_value<taper::volume>(std::array{0.2, 0.5, 1.0}[static_cast<std::size_t>(pick(rng, 3))]);
        o.allow_mixtures = coin(rng, 0.7);
        o.allow_dilution = coin(rng, 0.7);
        o.keep_forms_in_use = coin(rng, 0.7);
        if (coin(rng, 0.3)) req.current_formulation = forms.front().formulation_id;
        if (!req.current_formulation.empty() && d.find_formulation(req.current_formulation) == nullptr)
            req.current_formulation.clear();
        plan.request.current_formulation = req.current_formulation;  // where realization starts

        const std::string context = "seed " + std::to_string(seed) + " " + sc.drug + " " + strategy_name + " from " +
                                    taper::format_number(start) + " mg";
        taper::realized_schedule r;
        try {
            r = taper::realize(plan, forms, o);
        } catch (const taper::error& e) {
            ADD_FAILURE() << context << ": " << e.what();
            continue;
        }
        ++c.plans;
        if (std::find(strategies_seen.begin(), strategies_seen.end(), strategy_name) == strategies_seen.end())
            strategies_seen.push_back(strategy_name);
        check_plan(r, plan.request, d, forms, o, context, c);  // the limits as planned: a crossover's in diazepam mg
        if (::testing::Test::HasFailure()) {  // one failing plan is enough to read
            ADD_FAILURE() << context << ":\n" << dump(r);
            break;
        }
    }
    // The run must actually exercise what it claims to.
    EXPECT_GE(c.plans, static_cast<int>(seeds * 3 / 4)) << skipped << " skipped";
    EXPECT_EQ(strategies_seen.size(), 8u);
    EXPECT_GT(c.switches, 0);
    EXPECT_GT(c.inserted, 0);
    EXPECT_GT(c.adjusted, 0);
    EXPECT_GT(c.warned_limits, 0);
    EXPECT_GT(c.zero_warnings, 0);
    EXPECT_GT(c.frequency_notes, 0);  // venlafaxine from its XR forms onto the solution
    // Every kind of part the checks above are written for is reached: split and whole
    // tablets, liquids on the grid, whole drops, counted beads and dilutions.
    for (const auto k : {dose_component::kind::whole_or_split_units, dose_component::kind::liquid_volume,
                         dose_component::kind::drops, dose_component::kind::beads, dose_component::kind::dilution})
        EXPECT_GT(c.parts[k], 0) << "no recipe part of kind " << static_cast<int>(k);
    RecordProperty("plans", c.plans);
    RecordProperty("steps", c.steps);
    std::printf("realized %d plans (%d steps): %d switch points, %d inserted steps, %d adjusted, %d over a maximum, "
                "%d steps warned about limits, %d doses warned as rounding to 0; %d requests refused by the planner; "
                "parts: %d units, %d liquid, %d drops, %d beads, %d dilution; %d impractical doses warned, "
                "%d forms taken more often noted\n",
                c.plans, c.steps, c.switches, c.inserted, c.adjusted, c.broken, c.warned_limits, c.zero_warnings,
                skipped,
                c.parts[dose_component::kind::whole_or_split_units], c.parts[dose_component::kind::liquid_volume],
                c.parts[dose_component::kind::drops], c.parts[dose_component::kind::beads],
                c.parts[dose_component::kind::dilution], c.impractical, c.frequency_notes);
}

}  // namespace
