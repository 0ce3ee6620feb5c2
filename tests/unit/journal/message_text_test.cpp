// The wording of the journal's messages (700-799, src/journal/message_text.cpp): every
// published source is named in brackets, by the name its citation (journal/evidence.hpp) gives,
// so a clinician can look it up; an interaction names the drug it is about.
#include <taper/journal/evidence.hpp>
#include <taper/messages/text.hpp>

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace {

using taper::evidence_source;
using taper::parameter;
using mc = taper::message_code;

parameter source(evidence_source s) {
    return parameter::whole(taper::parameter_kind::evidence, static_cast<std::size_t>(s));
}

// The text of consistent_with_relapse (code 7xx, {source}) citing `s`.
std::string relapse_citing(evidence_source s) {
    return taper::text(taper::make_message(mc::consistent_with_relapse, {source(s)}), {});
}

TEST(JournalMessageText, EachSourceIsNamedInBracketsAsItsCitationNamesIt) {
    // A part of each citation, the one a reader would search for.
    const std::vector<std::pair<evidence_source, std::string>> named{
        {evidence_source::horowitz_taylor_2022, "Horowitz & Taylor 2022"},
        {evidence_source::nice_ng222, "NICE NG222"},
        {evidence_source::nice_ng215, "NICE NG215"},
        {evidence_source::ashton_manual, "the Ashton Manual"},
        {evidence_source::dess_rosenbaum_1998, "DESS, Rosenbaum et al. 1998"},
        {evidence_source::clozapine_label, "clozapine prescribing information"},
        {evidence_source::quetiapine_label, "quetiapine prescribing information"},
        {evidence_source::aripiprazole_label, "aripiprazole prescribing information"},
        {evidence_source::risperidone_label, "risperidone prescribing information"},
        {evidence_source::project_rule, "a rule of this program"}};
    ASSERT_EQ(named.size(), taper::evidence_sources().size());
    std::set<std::string> texts;
    for (const auto& [s, name] : named) {
        const std::string t = relapse_citing(s);
        EXPECT_TRUE(t.ends_with(" (" + name + ")")) << t;
        EXPECT_TRUE(texts.insert(t).second) << "two sources worded alike: " << t;
    }
    // The names agree with the citations they shorten.
    EXPECT_NE(taper::info(evidence_source::horowitz_taylor_2022).citation.find("Horowitz MA, Taylor D"), std::string::npos);
    EXPECT_NE(taper::info(evidence_source::ashton_manual).citation.find("the Ashton Manual"), std::string::npos);
    EXPECT_NE(taper::info(evidence_source::dess_rosenbaum_1998).citation.find("Rosenbaum JF"), std::string::npos);
}

TEST(JournalMessageText, AnInteractionNamesTheDrugItIsAbout) {
    const std::vector<std::string> texts{"clozapine"};
    taper::message_context c;
    c.drug = "fluvoxamine";
    c.texts = texts;
    const auto fall = taper::make_message(
        mc::interaction_level_may_fall,
        {parameter::whole(taper::parameter_kind::drug_ref, 0), source(evidence_source::clozapine_label)});
    EXPECT_EQ(taper::text(fall, c),
              "reducing fluvoxamine may lower the level of clozapine: its dose may need adjusting; ask your "
              "prescriber (clozapine prescribing information)");
    const auto rise = taper::make_message(
        mc::interaction_level_may_rise,
        {parameter::whole(taper::parameter_kind::drug_ref, 0), source(evidence_source::risperidone_label)});
    EXPECT_EQ(taper::text(rise, c),
              "reducing fluvoxamine may raise the level of clozapine: its dose may need adjusting; ask your "
              "prescriber (risperidone prescribing information)");
    // Without the plan's texts the drug is not invented: "another drug".
    c.texts = {};
    EXPECT_NE(taper::text(rise, c).find("the level of another drug"), std::string::npos) << taper::text(rise, c);
}

}  // namespace
