// Several drugs: one at a time in the order given, a stabilisation gap, a combined calendar,
// and interaction notes where the data has them. The three-drug scenario of issue 13: an
// antidepressant (fluoxetine, a strong CYP2D6 inhibitor), a benzodiazepine (diazepam) and an
// antipsychotic (aripiprazole, cleared partly by CYP2D6: Abilify prescribing information).
#include <taper/messages/text.hpp>
#include <taper/plan/plan.hpp>
#include <taper/several/plan.hpp>
#include <taper/units/literals.hpp>

#include "../plan_fixture.hpp"

#include <gtest/gtest.h>

namespace {

using namespace taper::literals;
using taper::message_code;

taper::drug_course course(const char* drug, taper::mass dose, taper::mass step) {
    return {taper::testing::request(drug, dose), taper::strategies::linear{step}};
}

TEST(SeveralDrugs, ThreeDrugsOneAtATimeWithGapsCalendarAndInteractionNotes) {
    taper::several_drugs_request r;
    r.start = taper::parse_date("2027-01-04");
    r.stabilisation_gap = 14.0 * taper::units::day;
    r.courses = {course("diazepam", 10_mg, 2.5_mg), course("fluoxetine", 20_mg, 10_mg), course("aripiprazole", 10_mg, 5_mg)};
    const auto p = taper::plan_several(taper::database::embedded(), r);
    ASSERT_EQ(p.plans.size(), 3U);
    EXPECT_EQ(p.drugs, (std::vector<std::string>{"diazepam", "fluoxetine", "aripiprazole"}));
    // One at a time: each begins the gap after the one before ends.
    EXPECT_EQ(p.plans[0].start, r.start);
    for (std::size_t i = 1; i < 3; ++i)
        EXPECT_EQ(p.plans[i].start, p.plans[i - 1].end() + std::chrono::days{14}) << i;
    // Order notes: positions, the gap and that the order is the person's and prescriber's.
    EXPECT_TRUE(taper::testing::has_code(p.notes, message_code::order_is_a_shared_choice));
    EXPECT_TRUE(taper::testing::has_code(p.notes, message_code::stabilisation_gap));
    // Reducing fluoxetine (CYP2D6 inhibitor) may lower aripiprazole's level; nothing for diazepam.
    ASSERT_EQ(p.interactions.size(), 1U);
    EXPECT_EQ(p.interactions[0].reduced, "fluoxetine");
    EXPECT_EQ(p.interactions[0].affected, "aripiprazole");
    EXPECT_EQ(p.interactions[0].enzyme, "CYP2D6");
    EXPECT_EQ(p.interactions[0].note.code, message_code::interaction_level_may_fall);
    taper::message_context c;
    c.drug = "fluoxetine";
    c.texts = p.drugs;
    EXPECT_NE(taper::text(p.interactions[0].note, c).find("may lower the level of aripiprazole"), std::string::npos);
    // The calendar: while diazepam is tapered, fluoxetine and aripiprazole stay at their doses.
    ASSERT_FALSE(p.calendar.empty());
    const auto& first = p.calendar.front();
    EXPECT_EQ(first.from, r.start);
    double fluoxetine = 0, aripiprazole = 0;
    for (const auto& l : first.doses) {
        if (l.drug == "fluoxetine") fluoxetine += taper::in(l.amount, taper::units::mg);
        if (l.drug == "aripiprazole") aripiprazole += taper::in(l.amount, taper::units::mg);
    }
    EXPECT_DOUBLE_EQ(fluoxetine, 20.0);
    EXPECT_DOUBLE_EQ(aripiprazole, 10.0);
    // Periods join up with no gaps or overlaps, ending when the last plan ends.
    for (std::size_t i = 1; i < p.calendar.size(); ++i) EXPECT_EQ(p.calendar[i].from, p.calendar[i - 1].to);
    EXPECT_EQ(p.calendar.back().to, p.plans.back().end());
}

TEST(SeveralDrugs, InteractionsAreOnlyForDrugsInThePlan) {
    const std::vector<std::string> others = {"quetiapine"};
    EXPECT_TRUE(taper::interactions_when_reducing("fluoxetine", others, others).empty());
    const auto n = taper::interactions_when_reducing("carbamazepine", others, others);
    ASSERT_EQ(n.size(), 1U);  // an inducer: stopping it lets quetiapine's level rise
    EXPECT_EQ(n[0].note.code, message_code::interaction_level_may_rise);
    for (const auto& i : taper::interaction_table()) EXPECT_FALSE(taper::info(i.source).url.empty());
}

TEST(SeveralDrugs, BadRequestsAreCodedErrors) {
    taper::several_drugs_request r;
    r.start = taper::parse_date("2027-01-04");
    EXPECT_THROW((void)taper::plan_several(taper::database::embedded(), r), taper::plan_error);
    r.courses = {course("diazepam", 10_mg, 2.5_mg), course("diazepam", 10_mg, 2.5_mg)};
    r.stabilisation_gap = 7.0 * taper::units::day;
    EXPECT_THROW((void)taper::plan_several(taper::database::embedded(), r), taper::plan_error);
}

}  // namespace
