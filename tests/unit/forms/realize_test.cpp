// Realization: from target doses to what a person takes. Every expected value is worked out
// by hand in the comment next to it, from the strengths in data/drugs.json.
#include <taper/drugs/database.hpp>
#include <taper/error.hpp>
#include <taper/forms/instruction.hpp>
#include <taper/forms/realize.hpp>
#include <taper/messages/text.hpp>
#include <taper/plan/plan.hpp>
#include <taper/units/io.hpp>
#include <taper/units/from_value.hpp>
#include <taper/units/literals.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using taper::dose_component;
using taper::dose_recipe;
using taper::realization_options;

const taper::drug& get(std::string_view name) { return taper::database::embedded().get(name); }
taper::mass mg(double v) { return taper::from_value<taper::mass>(v); }
taper::volume mL(double v) { return taper::from_value<taper::volume>(v); }

std::vector<taper::available_form> have(std::string_view drug, std::string_view text) {
    return taper::forms_on_hand(get(drug), text);
}

/// A recipe with its text (written on demand: forms/instruction.hpp).
struct dose_with_text : dose_recipe {
    std::string instruction;
};

dose_with_text dose(double target, const std::vector<taper::available_form>& forms, const realization_options& o = {}) {
    dose_recipe r = taper::realize_dose(mg(target), forms, o);
    std::string text = taper::instruction_text(r, forms, o);
    return {std::move(r), std::move(text)};
}

std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const taper::error& e) {
        return e.what();
    }
    return "(no error)";
}

bool whole_counts_only(const dose_recipe& r) {
    for (const auto& p : r.parts)
        if (p.what == dose_component::kind::whole_or_split_units && p.count != std::floor(p.count)) return false;
    return true;
}

/// The recipe's messages as text, without a realization (forms are named generically): for
/// the few tests where the wording matters to a person.
std::string all_warnings(const dose_recipe& r) {
    std::string s;
    for (const auto& m : r.messages) s += taper::text(m, taper::message_context{}) + "\n";
    return s;
}

/// The recipe's message with `code`, or nullptr.
const taper::message* coded(const dose_recipe& r, taper::message_code code) { return taper::find(r.messages, code); }

double mg_of(const taper::parameter& p) { return taper::in(p.as_mass(), taper::units::mg); }

/// The text of step `i`'s message with `code` ("" if it has none), as people read it.
std::string step_text(const taper::realized_schedule& r, std::size_t i, taper::message_code code) {
    const auto* m = taper::find(r.steps.at(i).messages, code);
    return m == nullptr ? std::string() : taper::text(*m, taper::context_of(r, &r.steps[i]));
}

/// The realization-wide messages with `code`, as text.
std::vector<std::string> whole_texts(const taper::realized_schedule& r, taper::message_code code) {
    std::vector<std::string> out;
    for (const auto& m : r.messages)
        if (m.code == code) out.push_back(taper::text(m, taper::context_of(r)));
    return out;
}

bool has_warning(const taper::realized_step& s) {
    return std::any_of(s.messages.begin(), s.messages.end(),
                       [](const taper::message& m) { return m.level == taper::severity::warning; });
}

// A schedule written by hand: one dose a day, 28-day steps from 2026-12-01.
taper::schedule hand_schedule(const std::string& drug, double start, const std::vector<double>& targets) {
    taper::schedule s;
    s.drug = drug;
    s.strategy = "by hand";
    s.start_dose = mg(start);
    s.start_equivalent_dose = mg(start);
    s.start_split = {{"daily", mg(start)}};
    s.start = taper::parse_date("2026-12-01");
    s.subject = taper::database::embedded().share(drug);
    s.basis_factors = {{drug, 1.0}};
    taper::date day = s.start;
    double previous = start;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        taper::step st;
        st.number = static_cast<int>(i) + 1;
        st.phase = targets[i] == 0 ? taper::step_phase::stop : taper::step_phase::reduce;
        st.start = day;
        st.length = taper::from_value<taper::duration>(28);
        st.doses = {{drug, "daily", mg(targets[i])}};
        st.daily_dose = mg(targets[i]);
        st.equivalent_daily_dose = mg(targets[i]);
        st.change = mg(previous - targets[i]);
        st.change_percent = 100 * (previous - targets[i]) / previous * taper::units::percent_of_dose;
        previous = targets[i];
        day = st.end();
        s.steps.push_back(st);
    }
    return s;
}

// Realizes a hand-made plan as if make_plan had planned it from `req` for `drug`: the plan
// carries its request and drug, and realize() takes nothing else.
taper::realized_schedule realize_as_planned(taper::schedule plan, const taper::plan_request& req, const std::string& drug,
                                            std::vector<taper::available_form> forms, const realization_options& o = {}) {
    plan.request = req;
    plan.subject = taper::database::embedded().share(drug);
    return taper::realize(plan, std::move(forms), o);
}

taper::plan_request request_for(const std::string& drug, double start) {
    taper::plan_request r;
    r.drug = drug;
    r.daily_dose = mg(start);
    r.start = taper::parse_date("2026-12-01");
    return r;
}

// --- drops and bioavailability -------------------------------------------------------------

TEST(RealizeDose, CitalopramDropsThroughTheTabletEquivalent) {
    // 40 mg/mL drops, 1 drop = 0.05 mL = 2 mg on the label, bioavailability 1.25 vs tablets:
    // 10 mg as tablets = 10 / 1.25 = 8 mg of drops = 4 drops (the reference's own example).
    const auto drops = have("citalopram", "40 mg/mL drops");
    const auto r = dose(10, drops);
    ASSERT_EQ(r.parts.size(), 1u);
    const auto& p = r.parts[0];
    EXPECT_EQ(p.what, dose_component::kind::drops);
    EXPECT_DOUBLE_EQ(p.count, 4);
    EXPECT_DOUBLE_EQ(p.labelled.value(), 8);
    EXPECT_DOUBLE_EQ(p.equivalent.value(), 10);
    EXPECT_DOUBLE_EQ(p.amount_volume.value(), 0.2);  // 4 × 0.05 mL
    EXPECT_DOUBLE_EQ(r.realized.value(), 10);
    EXPECT_TRUE(r.within_tolerance);
    EXPECT_EQ(r.instruction, "4 drops of 40 mg/mL drops = 8 mg on the label ≡ 10 mg as tablets");
    // The data's table: 20 mg tablet = 16 mg = 8 drops; 30 = 24 mg = 12 drops; 40 = 32 mg = 16 drops.
    EXPECT_DOUBLE_EQ(dose(20, drops).parts.at(0).count, 8);
    EXPECT_DOUBLE_EQ(dose(30, drops).parts.at(0).count, 12);
    EXPECT_DOUBLE_EQ(dose(40, drops).parts.at(0).labelled.value(), 32);
    // 7 mg as tablets = 5.6 mg = 2.8 drops: 3 drops = 6 mg = 7.5 mg as tablets (+7.1%, warned).
    const auto off = dose(7, drops);
    EXPECT_DOUBLE_EQ(off.parts.at(0).count, 3);
    EXPECT_DOUBLE_EQ(off.realized.value(), 7.5);
    EXPECT_FALSE(off.within_tolerance);
    const auto* w = coded(off, taper::message_code::dose_off_target);
    ASSERT_NE(w, nullptr);
    EXPECT_DOUBLE_EQ(mg_of((*w)[1]), 7);    // target
    EXPECT_DOUBLE_EQ(mg_of((*w)[2]), 7.5);  // realized
    EXPECT_DOUBLE_EQ(taper::in((*w)[3].as_percent(), taper::units::percent_of_dose), 5);  // the tolerance
    EXPECT_THAT(all_warnings(off), HasSubstr("+7.1%"));  // (7.5 − 7) / 7 = 7.14%
}

// --- the text of a recipe ---------------------------------------------------------------

// The recipe keeps the index of each part's form; its text is written from the forms it was
// made with, and a part that names a form not among them is an error, never a wrong label.
TEST(RealizeDose, InstructionTextIsWrittenFromTheFormsOnHand) {
    const auto tabs = have("citalopram", "10 mg tablet");
    const dose_recipe r = taper::realize_dose(mg(15), tabs);  // 1 + ½ of the 10 mg tablet
    ASSERT_EQ(r.parts.size(), 1u);
    EXPECT_EQ(r.parts[0].form, 0u);
    EXPECT_EQ(taper::instruction_text(r.parts[0], tabs), "1½ × 10 mg tablet");
    EXPECT_EQ(taper::instruction_text(r, tabs), "1½ × 10 mg tablet = 15 mg");
    EXPECT_THROW((void)taper::instruction_text(r, {}), taper::invalid_argument_error);
    EXPECT_EQ(taper::instruction_text(taper::realize_dose(mg(0), tabs), tabs), "none (0 mg)");
}

// --- tablets -------------------------------------------------------------------------------

TEST(RealizeDose, HalvesAndQuartersOfSplittableTablets) {
    const auto tabs = have("citalopram", "10 mg tablet");
    const auto a = dose(15, tabs);  // 1 + ½
    ASSERT_EQ(a.parts.size(), 1u);
    EXPECT_EQ(a.parts[0].what, dose_component::kind::whole_or_split_units);
    EXPECT_DOUBLE_EQ(a.parts[0].count, 1.5);
    EXPECT_DOUBLE_EQ(a.parts[0].units_used, 1.5);
    EXPECT_EQ(a.instruction, "1½ × 10 mg tablet = 15 mg");
    EXPECT_DOUBLE_EQ(dose(7.5, tabs).parts.at(0).count, 0.75);  // ½ + ¼
    EXPECT_EQ(dose(2.5, tabs).instruction, "¼ × 10 mg tablet = 2.5 mg");

    // Without quarters 7.5 mg lies halfway between 5 (½) and 10 (1): equally close, one piece
    // each; the whole tablet needs no splitting. 33% off: warned.
    realization_options no_quarters;
    no_quarters.tools.allow_quarters = false;
    const auto b = dose(7.5, tabs, no_quarters);
    EXPECT_DOUBLE_EQ(b.realized.value(), 10);
    EXPECT_FALSE(b.within_tolerance);
    EXPECT_NE(coded(b, taper::message_code::dose_off_target), nullptr);
}

TEST(RealizeDose, FewestPiecesAmongEquallyCloseWays) {
    const auto tabs = have("citalopram", "10 mg tablet, 20 mg tablet, 40 mg tablet");
    // 30 mg: 20 + 10 (two whole tablets) rather than 1½ × 20 (also two pieces, but split)
    // or 3 × 10.
    const auto r = dose(30, tabs);
    ASSERT_EQ(r.parts.size(), 2u);
    double pieces = 0;
    for (const auto& p : r.parts) pieces += p.count;
    EXPECT_DOUBLE_EQ(pieces, 2);
    EXPECT_DOUBLE_EQ(r.realized.value(), 30);
    EXPECT_TRUE(whole_counts_only(r));
    // 60 mg = 40 + 20.
    EXPECT_EQ(dose(60, tabs).instruction, "1 × 20 mg tablet + 1 × 40 mg tablet = 60 mg");
}

TEST(RealizeDose, ClosenessFirstThenPiecesWithinTheTieBand) {
    const auto forms = have("citalopram", "10 mg tablet, 2 mg/mL liquid");
    // 12.5 mg: 1¼ tablets make it exactly (two pieces); the liquid makes 12.4 or 12.6 mg
    // (6.2 or 6.3 mL, one measurement, 0.1 mg off = 0.8%).
    realization_options exact;
    exact.tie_percent = 0;  // closeness decides alone
    EXPECT_EQ(dose(12.5, forms, exact).instruction, "1¼ × 10 mg tablet = 12.5 mg");
    // With the default 1% tie band (0.125 mg) both liquid volumes tie with the tablets, and
    // one measurement beats two pieces; of the two equally close volumes the lower is taken.
    EXPECT_EQ(dose(12.5, forms).instruction, "6.2 mL of 2 mg/mL liquid = 12.4 mg");
}

// --- never split what must not be split ----------------------------------------------------

TEST(RealizeDose, ModifiedReleaseTabletsAreNeverSplit) {
    // Paroxetine 25 mg MR: 12.5 mg would be half a tablet; only 0 or 25 mg can be made.
    const auto mr = have("paroxetine", "25 mg MR tablet");
    const auto r = dose(12.5, mr);
    EXPECT_TRUE(whole_counts_only(r));
    EXPECT_NE(r.realized.value(), 12.5);
    EXPECT_FALSE(r.within_tolerance);
    const auto r20 = dose(20, mr);  // 25 (5 off) beats 0 (20 off)
    EXPECT_EQ(r20.instruction,
              "1 × 25 mg modified-release tablet = 25 mg; 25 mg modified-release tablet: swallow whole: do not "
              "split, crush or chew");
    // The ordinary paroxetine tablet may be halved.
    EXPECT_DOUBLE_EQ(dose(10, have("paroxetine", "20 mg tablet")).parts.at(0).count, 0.5);
}

TEST(RealizeDose, ModifiedReleaseAndEntericCoatedCapsulesAreWholeOnly) {
    // Venlafaxine XL beads (no bead count) and duloxetine enteric-coated pellets: whole
    // capsules only, so half a capsule's dose is never made by splitting.
    for (const auto& [drug, text, half] : {std::tuple{"venlafaxine", "75 mg capsule", 37.5},
                                          std::tuple{"duloxetine", "30 mg capsule", 15.0},
                                          std::tuple{"duloxetine", "60 mg capsule", 30.0}}) {
        const auto r = dose(half, have(drug, text));
        EXPECT_TRUE(whole_counts_only(r)) << drug;
        EXPECT_NE(r.realized.value(), half) << drug;
        EXPECT_FALSE(r.within_tolerance) << drug;
    }
    EXPECT_DOUBLE_EQ(dose(150, have("venlafaxine", "75 mg capsule")).parts.at(0).count, 2);
    // A plain capsule (fluoxetine 20 mg) is whole too: 30 mg is 20 or 40 mg (10 off either
    // way), and one capsule beats two.
    const auto caps = dose(30, have("fluoxetine", "20 mg capsule"));
    EXPECT_EQ(caps.instruction, "1 × 20 mg capsule = 20 mg");
    EXPECT_FALSE(caps.within_tolerance);
}

TEST(Formulation, MaySplitNeverForModifiedReleaseOrEntericCoated) {
    taper::formulation f;
    f.kind = taper::form_kind::tablet;
    f.splittable.value = true;
    EXPECT_TRUE(f.may_split());
    f.enteric_coated.value = true;
    EXPECT_FALSE(f.may_split());
    f.enteric_coated.value = false;
    f.modified_release.value = true;
    EXPECT_FALSE(f.may_split());
    taper::formulation scored;
    scored.kind = taper::form_kind::tablet;
    scored.scored.value = true;  // scored, splittability unknown: may be split
    EXPECT_TRUE(scored.may_split());
    taper::formulation unknown;
    unknown.kind = taper::form_kind::tablet;  // nothing known: never split
    EXPECT_FALSE(unknown.may_split());
}

// --- beads ---------------------------------------------------------------------------------

std::vector<taper::available_form> venlafaxine_beads(std::string_view text) {
    static const taper::database db = [] {
        taper::database d = taper::database::embedded();
        // Test counts (not data): 150, 300 and 600 beads, so every bead holds 0.25 mg.
        d.overlay_json(R"json({"format": "taper-formulary", "version": 1, "drugs": [
            {"name": "venlafaxine", "formulations": [
                {"id": "beads-xr", "beads_per_capsule": [150, 300, 600],
                 "source": "test counts", "status": "user-supplied"}]}]})json");
        return d;
    }();
    return taper::forms_on_hand(db.get("venlafaxine"), text);
}

TEST(RealizeDose, BeadsAreCountedWhole) {
    const auto beads = venlafaxine_beads("75 mg beads");  // 75 mg / 300 beads = 0.25 mg a bead
    const auto a = dose(50, beads);                       // 50 / 0.25 = 200 beads from one capsule
    ASSERT_EQ(a.parts.size(), 1u);
    EXPECT_EQ(a.parts[0].what, dose_component::kind::beads);
    EXPECT_DOUBLE_EQ(a.parts[0].count, 200);
    EXPECT_NEAR(a.parts[0].units_used, 200.0 / 300.0, 1e-12);
    EXPECT_DOUBLE_EQ(a.realized.value(), 50);
    EXPECT_THAT(a.instruction, HasSubstr("200 beads counted from a 75 mg modified-release capsule of beads"));

    const auto b = dose(100, beads);  // one whole capsule (75) + 100 beads (25)
    ASSERT_EQ(b.parts.size(), 2u);
    EXPECT_EQ(b.parts[0].what, dose_component::kind::whole_or_split_units);
    EXPECT_DOUBLE_EQ(b.parts[0].count, 1);
    EXPECT_EQ(b.parts[1].what, dose_component::kind::beads);
    EXPECT_DOUBLE_EQ(b.parts[1].count, 100);
    EXPECT_DOUBLE_EQ(b.realized.value(), 100);

    // Rounding to whole beads: 0.4 mg = 1.6 beads → 2 beads = 0.5 mg (0.1 off; 1 bead is
    // 0.15 off); 0.3 mg = 1.2 beads → 1 bead = 0.25 mg; 10.1 mg = 40.4 beads → 40 = 10 mg.
    EXPECT_DOUBLE_EQ(dose(0.4, beads).parts.at(0).count, 2);
    EXPECT_DOUBLE_EQ(dose(0.4, beads).realized.value(), 0.5);
    EXPECT_DOUBLE_EQ(dose(0.3, beads).parts.at(0).count, 1);
    EXPECT_DOUBLE_EQ(dose(10.1, beads).realized.value(), 10);
    EXPECT_TRUE(dose(10.1, beads).within_tolerance);
}

// --- liquids on the syringe ------------------------------------------------------------------

TEST(RealizeDose, LiquidOnTheSyringeGrid) {
    const auto liquid = have("citalopram", "2 mg/mL liquid");
    // 3.43 mg = 1.715 mL → 1.7 mL on a 0.1 mL syringe = 3.4 mg.
    const auto a = dose(3.43, liquid);
    ASSERT_EQ(a.parts.size(), 1u);
    EXPECT_EQ(a.parts[0].what, dose_component::kind::liquid_volume);
    EXPECT_DOUBLE_EQ(a.parts[0].amount_volume.value(), 1.7);
    EXPECT_DOUBLE_EQ(a.realized.value(), 3.4);
    EXPECT_EQ(a.instruction, "1.7 mL of 2 mg/mL liquid = 3.4 mg");

    // A 0.5 mL grid: 1.5 mL = 3 mg (0.43 off) beats 2 mL = 4 mg (0.57 off).
    realization_options coarse;
    coarse.tools.syringe_resolution = mL(0.5);
    EXPECT_DOUBLE_EQ(dose(3.43, liquid, coarse).parts.at(0).amount_volume.value(), 1.5);

    // More than one syringe fill: 30 mg = 15 mL, two fills of at most 10 mL.
    EXPECT_EQ(dose(30, liquid).instruction, "15 mL of 2 mg/mL liquid (2 syringe fills) = 30 mg");
}

TEST(RealizeDose, BelowTheSmallestVolumeIsAWarningNeverASilentZero) {
    const auto liquid = have("citalopram", "2 mg/mL liquid");
    // 0.3 mg = 0.15 mL, below the 0.2 mL minimum: 0.2 mL = 0.4 mg (0.1 off) beats 0 (0.3 off).
    const auto a = dose(0.3, liquid);
    EXPECT_DOUBLE_EQ(a.realized.value(), 0.4);
    EXPECT_FALSE(a.within_tolerance);
    const auto* below = coded(a, taper::message_code::below_syringe_minimum);
    ASSERT_NE(below, nullptr);
    EXPECT_EQ((*below)[0].as_index(), 0u);  // the liquid, the first form on hand
    EXPECT_NEAR(taper::in((*below)[1].as_volume(), taper::units::mL), 0.15, 1e-12);
    EXPECT_DOUBLE_EQ(taper::in((*below)[2].as_volume(), taper::units::mL), 0.2);
    EXPECT_THAT(all_warnings(a), HasSubstr("0.15 mL, below the smallest volume the syringe measures (0.2 mL)"));
    // 0.1 mg = 0.05 mL: nothing is closer than 0 mg, and that is said.
    const auto b = dose(0.1, liquid);
    EXPECT_DOUBLE_EQ(b.realized.value(), 0);
    EXPECT_TRUE(b.parts.empty());
    EXPECT_FALSE(b.within_tolerance);
    const auto* zero = coded(b, taper::message_code::dose_rounds_to_zero);
    ASSERT_NE(zero, nullptr);
    EXPECT_DOUBLE_EQ(mg_of((*zero)[1]), 0.1);
    EXPECT_THAT(all_warnings(b), HasSubstr("0.1 mg rounds to 0 mg"));
    // A larger minimum: 1.5 mg = 0.75 mL < 1 mL, so 1 mL = 2 mg.
    realization_options big_min;
    big_min.tools.min_volume = mL(1);
    EXPECT_DOUBLE_EQ(dose(1.5, liquid, big_min).realized.value(), 2);
}

TEST(RealizeDose, ConcentrateIsDilutedBeforeTaking) {
    // Sertraline 20 mg/mL concentrate: 20 mg = 1 mL, and it must be diluted.
    const auto r = dose(20, have("sertraline", "20 mg/mL concentrate"));
    ASSERT_EQ(r.parts.size(), 1u);
    EXPECT_DOUBLE_EQ(r.parts[0].amount_volume.value(), 1);
    EXPECT_THAT(r.instruction, HasSubstr("1 mL of 20 mg/mL concentrate, diluted before taking"));
    EXPECT_THAT(r.instruction, HasSubstr("must be diluted before taking"));
}

// --- mixtures ------------------------------------------------------------------------------

TEST(RealizeDose, TabletWithALiquidTopUp) {
    const auto forms = have("citalopram", "20 mg tablet, 2 mg/mL liquid");
    realization_options o;
    o.tools.max_volume = mL(5);
    // 24.6 mg: 20 mg tablet + 2.3 mL (4.6 mg) = two parts. The liquid alone is 12.3 mL =
    // three 5 mL fills; 1¼ tablets (25 mg) is 1.6% off, outside the 1% tie band.
    const auto r = dose(24.6, forms, o);
    EXPECT_EQ(r.instruction, "1 × 20 mg tablet + 2.3 mL of 2 mg/mL liquid = 24.6 mg");
    ASSERT_EQ(r.parts.size(), 2u);
    EXPECT_DOUBLE_EQ(r.parts[1].amount_volume.value(), 2.3);
    // Without mixtures: the liquid alone.
    o.allow_mixtures = false;
    EXPECT_EQ(dose(24.6, forms, o).instruction, "12.3 mL of 2 mg/mL liquid (3 syringe fills) = 24.6 mg");
}

// --- dilution ------------------------------------------------------------------------------

TEST(RealizeDose, DilutionOnlyForDispersibleTablets) {
    // Fluoxetine 20 mg dispersible tablet, 2.5 mg: ¼ tablet is 5 mg; dispersed in 20 mL of
    // water it is 1 mg/mL, so 2.5 mL is 2.5 mg exactly (in 10 mL: 1.25 mL is off the grid;
    // in 100 mL: 12.5 mL needs two fills).
    const auto tabs = have("fluoxetine", "20 mg tablet");
    const auto r = dose(2.5, tabs);
    ASSERT_EQ(r.parts.size(), 1u);
    const auto& p = r.parts[0];
    EXPECT_EQ(p.what, dose_component::kind::dilution);
    EXPECT_DOUBLE_EQ(p.dispersed_in.value(), 20);
    EXPECT_DOUBLE_EQ(p.amount_volume.value(), 2.5);
    EXPECT_DOUBLE_EQ(p.labelled.value(), 2.5);
    EXPECT_DOUBLE_EQ(p.units_used, 1);
    EXPECT_THAT(r.instruction, HasSubstr("disperse 1 × 20 mg tablet in 20 mL of water (1 mg/mL)"));
    EXPECT_THAT(r.instruction, HasSubstr("take 2.5 mL"));
    EXPECT_DOUBLE_EQ(r.realized.value(), 2.5);

    // Switched off: 0 and ¼ tablet are equally far; nothing is taken, with a warning that
    // says dilution would do it.
    realization_options off;
    off.allow_dilution = false;
    const auto z = dose(2.5, tabs, off);
    EXPECT_DOUBLE_EQ(z.realized.value(), 0);
    EXPECT_NE(coded(z, taper::message_code::dilution_switched_off), nullptr);

    // Citalopram tablets are not marked dispersible: never diluted.
    const auto c = dose(0.5, have("citalopram", "10 mg tablet"));
    for (const auto& part : c.parts) EXPECT_NE(part.what, dose_component::kind::dilution);
    EXPECT_DOUBLE_EQ(c.realized.value(), 0);
    EXPECT_NE(coded(c, taper::message_code::dose_rounds_to_zero), nullptr);
}

// --- bad inputs ------------------------------------------------------------------------------

TEST(RealizeDose, BadToolsAndFormsAreErrors) {
    const auto liquid = have("citalopram", "2 mg/mL liquid");
    realization_options o;
    o.tools.syringe_resolution = mL(0);
    EXPECT_THAT(message_of([&] { (void)dose(5, liquid, o); }), HasSubstr("syringe resolution must be more than 0 mL"));
    o = {};
    o.tools.syringe_resolution = mL(-0.1);
    EXPECT_THROW((void)dose(5, liquid, o), taper::plan_error);
    o = {};
    o.tools.min_volume = mL(-0.1);
    EXPECT_THAT(message_of([&] { (void)dose(5, liquid, o); }), HasSubstr("smallest measurable volume"));
    o = {};
    o.tools.max_volume = mL(0.1);  // below the 0.2 mL minimum
    EXPECT_THROW((void)dose(5, liquid, o), taper::plan_error);
    o = {};
    o.max_pieces = 0;
    EXPECT_THROW((void)dose(5, liquid, o), taper::plan_error);

    EXPECT_THAT(message_of([] { (void)dose(5, {}); }), HasSubstr("nothing on hand"));
    auto zero = have("citalopram", "10 mg tablet");
    zero[0].unit_strength = mg(0);
    EXPECT_THAT(message_of([&] { (void)dose(5, zero); }), HasSubstr("more than 0 mg"));
    auto dry = liquid;
    dry[0].liquid_strength = taper::from_value<taper::concentration>(0);
    EXPECT_THAT(message_of([&] { (void)dose(5, dry); }), HasSubstr("more than 0 mg/mL"));
    auto no_strength = liquid;
    no_strength[0].liquid_strength.reset();
    EXPECT_THROW((void)dose(5, no_strength), taper::plan_error);
    EXPECT_THROW((void)dose(-1, liquid), taper::plan_error);
}

// --- schedules -------------------------------------------------------------------------------

TEST(Realize, SwitchesFromTabletsToLiquidWhenTabletsCannotMakeTheDose) {
    // 20 → 15 → 10 → 7.5 → 3 → 0 mg with 10 mg tablets and 2 mg/mL liquid, starting on tablets.
    // 15 = 1½, 10 = 1, 7.5 = ¾ tablet; 3 mg: the nearest tablet dose is 2.5 mg (−16.7%,
    // outside the 5% tolerance), so the liquid takes over: 1.5 mL = 3 mg.
    const auto plan = hand_schedule("citalopram", 20, {15, 10, 7.5, 3, 0});
    auto req = request_for("citalopram", 20);
    req.current_formulation = "tablet";
    const auto r = realize_as_planned(plan, req, "citalopram", have("citalopram", "10 mg tablet, 2 mg/mL liquid"));
    ASSERT_EQ(r.steps.size(), 5u);
    EXPECT_EQ(taper::instruction_text(r, r.steps[0].recipes.at(0)), "1½ × 10 mg tablet = 15 mg");
    EXPECT_EQ(taper::instruction_text(r, r.steps[1].recipes.at(0)), "1 × 10 mg tablet = 10 mg");
    EXPECT_EQ(taper::instruction_text(r, r.steps[2].recipes.at(0)), "¾ × 10 mg tablet = 7.5 mg");
    EXPECT_EQ(taper::instruction_text(r, r.steps[3].recipes.at(0)), "1.5 mL of 2 mg/mL liquid = 3 mg");
    EXPECT_EQ(taper::instruction_text(r, r.steps[4].recipes.at(0)), "none (0 mg)");
    for (int i : {0, 1, 2, 4}) EXPECT_FALSE(r.steps[static_cast<std::size_t>(i)].form_changed) << i;
    EXPECT_TRUE(r.steps[3].form_changed);
    const auto* sw = taper::find(r.steps[3].messages, taper::message_code::switch_point);
    ASSERT_NE(sw, nullptr);
    EXPECT_EQ((*sw)[0].as_index(), 3u);  // after step 3
    // Wording matters here: a person reads which forms change.
    EXPECT_EQ(step_text(r, 3, taper::message_code::switch_point),
              "switch point: the forms change to 2 mg/mL liquid (before: 10 mg tablet)");
    for (const auto& s : r.steps) {
        // The hand-written stop from 3 mg (15% of 20 mg, above the 1/20 line) is an abrupt
        // stop as taken (docs/safety.md R1). The hand-written schedule has no occupancy model,
        // so the pace is judged in shares (R5): 15 -> 10 mg cuts 1/3 and 7.5 -> 3 mg 60%, more
        // than a quarter in 28 days; 20 -> 15 and 10 -> 7.5 cut exactly a quarter. Nothing
        // else is warned.
        if (s.planned().number == 5) {
            EXPECT_TRUE(taper::contains(s.messages, taper::message_code::realized_abrupt_stop));
        } else if (s.planned().number == 2 || s.planned().number == 4) {
            const auto* pace = taper::find(s.messages, taper::message_code::realized_faster_than_guidance_share);
            ASSERT_NE(pace, nullptr) << s.planned().number;
            EXPECT_NEAR(taper::in((*pace)[0].as_percent(), taper::units::percent_of_dose),
                        s.planned().number == 2 ? 100.0 / 3 : 60.0, 1e-9);
        } else {
            EXPECT_FALSE(has_warning(s)) << s.planned().number;
        }
        EXPECT_DOUBLE_EQ(s.difference.value(), 0);
        EXPECT_FALSE(s.inserted);
    }
    // The liquid has no bioavailability figure: the equivalence used is stated as assumed.
    ASSERT_EQ(r.messages.size(), 1u);
    EXPECT_EQ(r.messages[0].code, taper::message_code::form_equivalence_assumed);
    EXPECT_EQ(r.forms.at(r.messages[0][0].as_index()).formulation_id, "liquid-2mg-ml");
    EXPECT_THAT(whole_texts(r, taper::message_code::form_equivalence_assumed).at(0),
                HasSubstr("no bioavailability figure"));

    // Without keeping the forms in use, the objective alone picks one measurement of liquid
    // (7.5 mL) over 1½ tablets at the first step; the switch is then at step 1.
    realization_options free;
    free.keep_forms_in_use = false;
    const auto f = realize_as_planned(plan, req, "citalopram", have("citalopram", "10 mg tablet, 2 mg/mL liquid"), free);
    EXPECT_EQ(taper::instruction_text(f, f.steps[0].recipes.at(0)), "7.5 mL of 2 mg/mL liquid = 15 mg");
    EXPECT_TRUE(f.steps[0].form_changed);
    EXPECT_EQ(taper::find(f.steps[0].messages, taper::message_code::switch_point)->parameters[0].as_index(), 0u);
    EXPECT_THAT(step_text(f, 0, taper::message_code::switch_point), HasSubstr("at the start: 10 mg tablet"));
}

// --- the plan, shared -----------------------------------------------------------------------

TEST(Realize, KeepsTheSharedPlanAndItsStepsWithoutCopies) {
    // 20 → 15 → 10 mg with 10 mg tablets: 1½ and 1 tablet, exactly the plan's doses, so no
    // step is inserted, renumbered or redated, and each realized step is the plan's own.
    auto plan = hand_schedule("citalopram", 20, {15, 10});
    plan.request = request_for("citalopram", 20);
    const auto shared = std::make_shared<const taper::schedule>(plan);
    const auto r = taper::realize(shared, have("citalopram", "10 mg tablet"));
    EXPECT_EQ(r.shared_plan(), shared);  // the same plan, not a copy
    EXPECT_EQ(&r.plan(), shared.get());
    ASSERT_EQ(r.steps.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) EXPECT_EQ(&r.steps[i].planned(), &shared->steps[i]) << i;

    // The same as realizing the value: recipes, numbers and dates.
    const auto v = taper::realize(plan, have("citalopram", "10 mg tablet"));
    EXPECT_NE(v.shared_plan(), shared);  // its own copy
    EXPECT_EQ(v.plan().steps.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(taper::instruction_text(v, v.steps[i].recipes.at(0)), taper::instruction_text(r, r.steps[i].recipes.at(0)));
        EXPECT_EQ(v.steps[i].planned().number, static_cast<int>(i) + 1);
        EXPECT_EQ(v.steps[i].planned().start, shared->steps[i].start);
    }
    EXPECT_EQ(taper::instruction_text(r, r.steps[0].recipes.at(0)), "1½ × 10 mg tablet = 15 mg");

    // A copy of the realization outlives the plan it was given.
    taper::realized_schedule kept;
    {
        auto own = std::make_shared<const taper::schedule>(plan);
        kept = taper::realize(std::move(own), have("citalopram", "10 mg tablet"));
    }
    EXPECT_DOUBLE_EQ(taper::in(kept.steps.at(1).planned().equivalent_daily_dose, taper::units::mg), 10);

    EXPECT_THAT(message_of([] { (void)taper::realize(std::shared_ptr<const taper::schedule>(), have("citalopram", "10 mg tablet")); }),
                HasSubstr("null plan"));
}

TEST(RealizedStep, APlannedStepChangedInACopyLeavesTheOriginal) {
    taper::realized_step none;
    EXPECT_EQ(none.planned().number, 0);  // an empty step until one is set
    EXPECT_TRUE(none.planned().doses.empty());
    EXPECT_TRUE(taper::realized_schedule{}.plan().steps.empty());

    taper::step st;
    st.number = 3;
    st.doses = {{"citalopram", "daily", mg(10)}};
    taper::realized_step a;
    a.set_planned(st);
    taper::realized_step b = a;
    EXPECT_EQ(&b.planned(), &a.planned());  // shared until changed
    b.planned_to_change().number = 4;
    EXPECT_EQ(a.planned().number, 3);
    EXPECT_EQ(b.planned().number, 4);
    EXPECT_EQ(b.planned().doses.size(), 1u);
    // Its own, and no longer shared: changed in place.
    const taper::step* own = &b.planned();
    b.planned_to_change().number = 5;
    EXPECT_EQ(&b.planned(), own);
    EXPECT_EQ(b.planned().number, 5);

    // A step kept alive by another value is never changed through the realized step.
    const auto plan_step = std::make_shared<const taper::step>(st);
    taper::realized_step c;
    c.share_planned(plan_step);
    EXPECT_EQ(&c.planned(), plan_step.get());
    c.planned_to_change().number = 9;
    EXPECT_EQ(plan_step->number, 3);
    EXPECT_EQ(c.planned().number, 9);
}

TEST(Realize, SwitchToDropsStatesTheEquivalence) {
    // No quarters: tablets make 15 (1½) and 10 (1), but 7.5 mg only as 5 or 10 (33% off).
    // Drops: 7.5 mg as tablets = 6 mg on the label = 3 drops.
    realization_options o;
    o.tools.allow_quarters = false;
    const auto plan = hand_schedule("citalopram", 20, {15, 10, 7.5, 0});
    const auto r = realize_as_planned(plan, request_for("citalopram", 20), "citalopram", have("citalopram", "10 mg tablet, 40 mg/mL drops"), o);
    ASSERT_EQ(r.steps.size(), 4u);
    EXPECT_EQ(taper::instruction_text(r, r.steps[2].recipes.at(0)), "3 drops of 40 mg/mL drops = 6 mg on the label ≡ 7.5 mg as tablets");
    EXPECT_TRUE(r.steps[2].form_changed);
    EXPECT_THAT(step_text(r, 2, taper::message_code::switch_point), HasSubstr("before: 10 mg tablet"));
    // The switch brings in a converted form: its equivalence is on the step too.
    const auto* eq = taper::find(r.steps[2].messages, taper::message_code::form_equivalence);
    ASSERT_NE(eq, nullptr);
    EXPECT_EQ(r.forms.at((*eq)[0].as_index()).formulation_id, "drops-40mg-ml");
    EXPECT_DOUBLE_EQ(r.forms.at((*eq)[0].as_index()).bioavailability, 1.25);
    const auto eqs = whole_texts(r, taper::message_code::form_equivalence);
    ASSERT_EQ(eqs.size(), 1u);
    EXPECT_THAT(eqs[0], HasSubstr("drops-40mg-ml"));
    // 10 mg / 1.25 = 8 mg on the label; 8 mg / (40 mg/mL × 0.05 mL per drop) = 4 drops.
    EXPECT_THAT(eqs[0], HasSubstr("10 mg as tablets ≡ 8 mg as 40 mg/mL drops = 4 drops"));
    EXPECT_THAT(eqs[0], HasSubstr("verified"));
}

TEST(Realize, TheChangeAfterAnInsertedStepIsFromThatStep) {
    // As below: 15 mg is inserted before the planned 12 mg. The 12 mg row's change is from the
    // row before it (15 mg): 3 mg, 20% (3 / 15), not the planner's 8 mg from 20 mg (issue 10).
    const auto plan = hand_schedule("citalopram", 20, {12, 0});
    auto req = request_for("citalopram", 20);
    req.max_step_percent = 25.0 * taper::units::percent_of_dose;
    req.current_formulation = "tablet";
    const auto r = realize_as_planned(plan, req, "citalopram", have("citalopram", "10 mg tablet, 2 mg/mL liquid"));
    ASSERT_EQ(r.steps.size(), 3u);
    ASSERT_TRUE(r.steps[0].inserted);
    EXPECT_DOUBLE_EQ(r.steps[1].planned().change.value(), 3);
    EXPECT_DOUBLE_EQ(taper::in(r.steps[1].planned().change_percent, taper::units::percent_of_dose), 20);
    // The stop after it is unchanged: 12 mg to 0.
    EXPECT_DOUBLE_EQ(r.steps[2].planned().change.value(), 12);
}

TEST(Realize, InsertsAStepWhenRoundingWouldBreakTheMaximumCut) {
    // 20 → 12 mg is a 40% cut; the request allows 25%. From 20 the limits allow 15 to 20 mg:
    // 1½ tablets (15 mg) comes first as an extra step, then 12 mg as 1¼ tablets (12.5 mg,
    // 4.2% off: within tolerance; 16.7% below 15), then the stop (a cut to 0 is exempt from
    // the percentage, as in the planner).
    const auto plan = hand_schedule("citalopram", 20, {12, 0});
    auto req = request_for("citalopram", 20);
    req.max_step_percent = 25.0 * taper::units::percent_of_dose;
    req.current_formulation = "tablet";
    const auto r = realize_as_planned(plan, req, "citalopram", have("citalopram", "10 mg tablet, 2 mg/mL liquid"));
    ASSERT_EQ(r.steps.size(), 3u);
    EXPECT_TRUE(r.steps[0].inserted);
    EXPECT_DOUBLE_EQ(r.steps[0].realized_daily.value(), 15);
    EXPECT_DOUBLE_EQ(r.steps[0].planned().equivalent_daily_dose.value(), 15);
    const auto* ins = taper::find(r.steps[0].messages, taper::message_code::inserted_step);
    ASSERT_NE(ins, nullptr);
    EXPECT_DOUBLE_EQ(mg_of((*ins)[0]), 20);  // from
    EXPECT_DOUBLE_EQ(mg_of((*ins)[1]), 12);  // the planned dose
    EXPECT_DOUBLE_EQ(mg_of((*ins)[3]), 15);  // the extra step
    // Why: 20 → 12.5 mg would cut 37.5%, more than 25%.
    const auto* why = taper::find(r.steps[0].messages, taper::message_code::rounding_over_max_percent);
    ASSERT_NE(why, nullptr);
    EXPECT_DOUBLE_EQ(taper::in((*why)[0].as_percent(), taper::units::percent_of_dose), 37.5);
    EXPECT_DOUBLE_EQ(taper::in((*why)[1].as_percent(), taper::units::percent_of_dose), 25);
    EXPECT_FALSE(r.steps[1].inserted);
    EXPECT_DOUBLE_EQ(r.steps[1].realized_daily.value(), 12.5);
    EXPECT_DOUBLE_EQ(r.steps[2].realized_daily.value(), 0);
    // Numbers and dates follow on: each step 28 days.
    EXPECT_EQ(r.steps[1].planned().number, 2);
    EXPECT_EQ(taper::format_date(r.steps[1].planned().start), "2026-12-29");
    EXPECT_EQ(taper::format_date(r.steps[2].planned().start), "2027-01-26");
    EXPECT_EQ(r.plan().steps.size(), 2u);  // the targets themselves are unchanged
}

TEST(Realize, AdjustsToTheNearestDoseWithinTheLimits) {
    // On the liquid: 20 → 15.04 mg with at most 4.9 mg per cut. 15.04 mg rounds to 7.5 mL =
    // 15 mg, a 5 mg cut; the nearest dose within the limit is 7.6 mL = 15.2 mg (1.1% off).
    const auto plan = hand_schedule("citalopram", 20, {15.04});
    auto req = request_for("citalopram", 20);
    req.max_step = mg(4.9);
    req.current_formulation = "liquid-2mg-ml";
    const auto r = realize_as_planned(plan, req, "citalopram", have("citalopram", "2 mg/mL liquid"));
    ASSERT_EQ(r.steps.size(), 1u);
    EXPECT_DOUBLE_EQ(r.steps[0].realized_daily.value(), 15.2);
    const auto* adj = taper::find(r.steps[0].messages, taper::message_code::adjusted_after_rounding);
    ASSERT_NE(adj, nullptr);
    EXPECT_DOUBLE_EQ(mg_of((*adj)[0]), 15);    // the rounding that broke the limit
    EXPECT_DOUBLE_EQ(mg_of((*adj)[1]), 15.2);  // what is taken
    const auto* why = taper::find(r.steps[0].messages, taper::message_code::rounding_over_max_step);
    ASSERT_NE(why, nullptr);
    EXPECT_DOUBLE_EQ(mg_of((*why)[0]), 5);
    EXPECT_DOUBLE_EQ(mg_of((*why)[1]), 4.9);
    EXPECT_THAT(step_text(r, 0, taper::message_code::rounding_over_max_step), HasSubstr("more than the maximum of 4.9 mg"));
    EXPECT_FALSE(has_warning(r.steps[0]));
}

TEST(Realize, ATinyDoseThatRoundsToZeroIsWarnedAndNamed) {
    // 0.1 mg of a 2 mg/mL liquid is 0.05 mL, below the 0.2 mL minimum.
    const auto plan = hand_schedule("citalopram", 20, {10, 0.1, 0});
    const auto r = realize_as_planned(plan, request_for("citalopram", 20), "citalopram", have("citalopram", "10 mg tablet, 2 mg/mL liquid"));
    ASSERT_EQ(r.steps.size(), 3u);
    const auto& s = r.steps[1];
    EXPECT_DOUBLE_EQ(s.realized_daily.value(), 0);
    EXPECT_FALSE(s.recipes.at(0).within_tolerance);
    EXPECT_EQ(step_text(r, 1, taper::message_code::dose_rounds_to_zero),
              "daily dose: 0.1 mg rounds to 0 mg with what is on hand, so this dose would not be taken");
    const auto* below = taper::find(s.messages, taper::message_code::below_syringe_minimum);
    ASSERT_NE(below, nullptr);
    EXPECT_NEAR(taper::in((*below)[1].as_volume(), taper::units::mL), 0.05, 1e-12);  // 0.1 mg / 2 mg/mL
    // What else citalopram comes as.
    // (named once, for the whole realization)
    const auto also = whole_texts(r, taper::message_code::drug_also_comes_as);
    EXPECT_TRUE(std::any_of(also.begin(), also.end(),
                            [](const std::string& t) { return t.find("40 mg/mL drops") != std::string::npos; }));
    const auto* off = taper::find(r.messages, taper::message_code::steps_off_tolerance);
    ASSERT_NE(off, nullptr);
    EXPECT_EQ((*off)[0].as_index(), 1u);
    EXPECT_EQ((*off)[1].as_index(), 3u);
}

TEST(Realize, BadInputsAreErrors) {
    const auto plan = hand_schedule("citalopram", 20, {10, 0});
    const auto req = request_for("citalopram", 20);
    EXPECT_THAT(message_of([&] { (void)realize_as_planned(plan, req, "citalopram", std::vector<taper::available_form>{}); }),
                HasSubstr("nothing on hand for citalopram"));
    EXPECT_THAT(message_of([&] {
                    (void)realize_as_planned(plan, req, "citalopram", have("diazepam", "2 mg tablet"));
                }),
                HasSubstr("the forms given are for diazepam"));
    EXPECT_THAT(message_of([&] {
                    (void)realize_as_planned(plan, req, "sertraline", have("sertraline", "50 mg tablet"));
                }),
                HasSubstr("the schedule is for citalopram"));
    realization_options o;
    o.tools.syringe_resolution = mL(0);
    EXPECT_THROW((void)realize_as_planned(plan, req, "citalopram", have("citalopram", "2 mg/mL liquid"), o),
                 taper::plan_error);
}

TEST(Realize, TwoDoseTimesKeepTheDailyLimits) {
    // Morning and evening halves of 20 mg, 25% at most per step. 15 mg a day = 7.5 + 7.5
    // (¾ tablet each). 11.25 = 5.625 + 5.625 rounds to 5 + 5 = 10 mg, a 33% cut from 15, so
    // one dose-time moves up to 7.5: 12.5 mg a day (a 16.7% cut; that dose-time is 33% off
    // its target, which is warned).
    taper::schedule plan = hand_schedule("citalopram", 20, {15, 11.25});
    plan.start_split = {{"morning", mg(10)}, {"evening", mg(10)}};
    for (auto& st : plan.steps) {
        const double half = st.equivalent_daily_dose.value() / 2;
        st.doses = {{"citalopram", "morning", mg(half)}, {"citalopram", "evening", mg(half)}};
    }
    auto req = request_for("citalopram", 20);
    req.split = {{"morning", mg(10)}, {"evening", mg(10)}};
    req.max_step_percent = 25.0 * taper::units::percent_of_dose;
    const auto r = realize_as_planned(plan, req, "citalopram", have("citalopram", "10 mg tablet"));
    ASSERT_EQ(r.steps.size(), 2u);
    EXPECT_DOUBLE_EQ(r.steps[0].realized_daily.value(), 15);
    ASSERT_EQ(r.steps[1].recipes.size(), 2u);
    EXPECT_DOUBLE_EQ(r.steps[1].realized_daily.value(), 12.5);
    EXPECT_LE(15 - r.steps[1].realized_daily.value(), 15 * 0.25 + 1e-9);
    // A dose-time off target: 6 mg a dose-time made as 5 or 7.5 mg (½ or ¾ tablet).
    const auto* off = taper::find(r.steps[1].messages, taper::message_code::dose_off_target);
    ASSERT_NE(off, nullptr);
    EXPECT_LT((*off)[0].as_index(), 2u);  // one of the two dose-times
}

TEST(Realize, CrossoverRealizesDiazepamFromItsOwnForms) {
    // Alprazolam 1 mg a day (0.5 morning, 0.5 night) to diazepam: Ashton 0.5 mg ≈ 10 mg
    // diazepam, so each dose-time becomes 10 mg of diazepam.
    const auto& db = taper::database::embedded();
    auto req = request_for("alprazolam", 1);
    req.split = {{"morning", mg(0.5)}, {"night", mg(0.5)}};
    const auto plan = taper::make_plan(db, req, taper::builtin_strategies().make("diazepam-crossover"));
    auto forms = have("alprazolam", "0.5 mg tablet");
    const auto diazepam = have("diazepam", "2 mg tablet, 5 mg tablet, 1 mg/mL liquid");
    forms.insert(forms.end(), diazepam.begin(), diazepam.end());
    const auto r = taper::realize(plan, forms);
    ASSERT_GE(r.steps.size(), 2u);
    // Step 1: morning alprazolam 0.5 mg = 1 tablet; night diazepam 10 mg (10 mL of the liquid,
    // one measurement, or two 5 mg tablets: whichever, it is 10 mg).
    const auto& first = r.steps[0];
    ASSERT_EQ(first.recipes.size(), 2u);
    EXPECT_EQ(first.recipes[0].drug, "alprazolam");
    EXPECT_EQ(taper::instruction_text(r, first.recipes[0]), "1 × 0.5 mg tablet = 0.5 mg");
    EXPECT_EQ(first.recipes[1].drug, "diazepam");
    EXPECT_DOUBLE_EQ(first.recipes[1].realized.value(), 10);
    EXPECT_FALSE(first.recipes[1].parts.empty());
    EXPECT_DOUBLE_EQ(first.realized_daily.value(), 20);  // diazepam-equivalent mg
    for (const auto& s : r.steps)
        for (const auto& rc : s.recipes) EXPECT_FALSE(rc.parts.empty() && rc.target.value() > 0) << rc.drug;

    // Without diazepam forms its doses are listed as planned, and the schedule says so.
    const auto only = taper::realize(plan, have("alprazolam", "0.5 mg tablet"));
    EXPECT_FALSE(only.steps[0].recipes[1].realized_here);
    EXPECT_THAT(taper::instruction_text(only, only.steps[0].recipes[1]),
                HasSubstr("not realized here: no diazepam forms on hand"));
    const auto* not_realized = taper::find(only.messages, taper::message_code::drug_not_realized);
    ASSERT_NE(not_realized, nullptr);
    EXPECT_EQ(only.drugs.at((*not_realized)[0].as_index()), "diazepam");
    EXPECT_THAT(whole_texts(only, taper::message_code::drug_not_realized).at(0),
                HasSubstr("diazepam doses are listed as planned"));
}

TEST(Realize, CrossoverUsesTheFactorsRecordedInThePlan) {
    // The planner records each drug's diazepam-equivalent factor: Ashton 0.5 mg alprazolam ≈
    // 10 mg diazepam, so 20 per mg; diazepam itself 1. Realization converts what a recipe
    // misses with those factors, never with factors worked out again from the doses. Step 1
    // (switch 1 of 2) is 0.5 mg alprazolam in the morning and 10 mg diazepam at night, 20 mg
    // diazepam-equivalent. Ask for 0.6 mg alprazolam instead (the day stays 20 mg): whole or
    // half 0.5 mg tablets make 0.5 mg, 0.1 mg short, which is 0.1 × 20 = 2 mg
    // diazepam-equivalent: 18 mg taken. With 40 recorded instead of 20: 20 − 0.1 × 40 = 16.
    const auto& db = taper::database::embedded();
    auto req = request_for("alprazolam", 1);
    req.split = {{"morning", mg(0.5)}, {"night", mg(0.5)}};
    auto plan = taper::make_plan(db, req, taper::builtin_strategies().make("diazepam-crossover"));
    ASSERT_TRUE(plan.factor_of("alprazolam").has_value());
    EXPECT_DOUBLE_EQ(*plan.factor_of("alprazolam"), 20);
    EXPECT_DOUBLE_EQ(*plan.factor_of("Diazepam"), 1);
    auto& first = plan.steps.at(0).doses;
    ASSERT_EQ(first.size(), 2u);
    ASSERT_EQ(first[0].drug, "alprazolam");
    first[0].amount = mg(0.6);
    auto forms = have("alprazolam", "0.5 mg tablet");
    const auto diazepam = have("diazepam", "2 mg tablet, 5 mg tablet");
    forms.insert(forms.end(), diazepam.begin(), diazepam.end());
    realization_options o;
    o.tools.allow_quarters = false;
    EXPECT_NEAR(taper::realize(plan, forms, o).steps.at(0).realized_daily.value(), 18, 1e-9);
    for (auto& f : plan.basis_factors)
        if (f.drug == "alprazolam") f.per_mg = 40;
    EXPECT_NEAR(taper::realize(plan, forms, o).steps.at(0).realized_daily.value(), 16, 1e-9);
    // A crossover plan without its factors cannot be realized: nothing is guessed.
    plan.basis_factors.clear();
    EXPECT_THAT(message_of([&] { (void)taper::realize(plan, forms, o); }), HasSubstr("basis_factors"));
}

TEST(Realize, APlanWithoutItsDrugIsAnError) {
    auto plan = hand_schedule("citalopram", 20, {10, 0});
    plan.subject.reset();
    EXPECT_THAT(message_of([&] { (void)taper::realize(plan, have("citalopram", "10 mg tablet")); }),
                HasSubstr("does not carry its drug"));
}

}  // namespace

// Regression tests from an adversarial review (extreme doses, odd limits, odd tools and odd
// text), each expectation worked out by hand in its comment. Their own namespace keeps the
// helpers they were written with.
namespace review_regression {
namespace {

using namespace taper::literals;
using taper::from_value;

const taper::database& db() { return taper::database::embedded(); }

taper::volume mL(double v) { return from_value<taper::volume>(v); }

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
    EXPECT_TRUE(coded(r, taper::message_code::dose_rounds_to_zero) != nullptr ||
                coded(r, taper::message_code::dose_off_target) != nullptr);
}

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

}  // namespace
}  // namespace review_regression
