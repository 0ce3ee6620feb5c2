// A message as JSON ({code, id, severity, params, text}, docs/output-formats.md): each kind of
// parameter is written as docs/messages.md says, and a reference the context cannot resolve
// (an index past its list) is written as a fallback, never read out of bounds.
#include "../../../src/messages/json.hpp"

#include <taper/journal/checklist.hpp>
#include <taper/journal/evidence.hpp>
#include <taper/taper.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace taper::literals;
using mc = taper::message_code;
using taper::parameter;

nlohmann::ordered_json json_of(const taper::message& m, const taper::message_context& c = {}) {
    return taper::detail::message_json(m, c);
}

TEST(MessageJson, EveryWholeUnitReasonAndFormHasItsId) {
    // docs/messages.md: whole_units_cannot_make (215) {reason, form, dose, time}.
    const std::vector<std::pair<taper::whole_unit_reason, std::string>> reasons{
        {taper::whole_unit_reason::modified_release, "modified_release"},
        {taper::whole_unit_reason::enteric_coated, "enteric_coated"},
        {taper::whole_unit_reason::not_known_splittable, "not_known_splittable"},
        {taper::whole_unit_reason::cannot_split, "cannot_split"}};
    const std::vector<std::pair<taper::whole_unit_form, std::string>> forms{
        {taper::whole_unit_form::tablet, "tablet"},
        {taper::whole_unit_form::capsule, "capsule"},
        {taper::whole_unit_form::bead_capsule, "bead_capsule"}};
    const std::vector<taper::dose_line> lines{{"citalopram", "morning", 7.5_mg}};
    taper::message_context c;
    c.doses = lines;
    for (const auto& [reason, reason_id] : reasons)
        for (const auto& [form, form_id] : forms) {
            SCOPED_TRACE(reason_id + " " + form_id);
            const auto j = json_of(taper::make_message(mc::whole_units_cannot_make,
                                                       {reason, form, 7.5_mg, parameter::dose_time(0)}),
                                   c);
            EXPECT_EQ(j["code"], 215);
            EXPECT_EQ(j["id"], "whole_units_cannot_make");
            EXPECT_EQ(j["severity"], "warning");
            EXPECT_EQ(j["params"]["reason"], reason_id);
            EXPECT_EQ(j["params"]["form"], form_id);
            EXPECT_EQ(j["params"]["dose"], 7.5);
            EXPECT_EQ(j["params"]["time"], "morning");
        }
}

TEST(MessageJson, EveryGuidanceHasItsId) {
    const std::vector<std::pair<taper::pace_guidance, std::string>> guidance{
        {taper::pace_guidance::benzodiazepines, "benzodiazepines"},
        {taper::pace_guidance::antidepressants, "antidepressants"},
        {taper::pace_guidance::antipsychotics, "antipsychotics"}};
    for (const auto& [g, g_id] : guidance) {
        SCOPED_TRACE(g_id);
        const auto j = json_of(taper::make_message(mc::faster_than_guidance_share, {30.0_pct, 14_d, g}));
        EXPECT_EQ(j["params"]["share"], 30.0);
        EXPECT_EQ(j["params"]["days"], 14.0);
        EXPECT_EQ(j["params"]["guidance"], g_id);
    }
}

TEST(MessageJson, ReferencesTheContextCannotResolveFallBack) {
    // A dose-time past the step's lines is the whole day; a text past the plan's texts is empty.
    auto j = json_of(taper::make_message(mc::whole_units_cannot_make,
                                         {taper::whole_unit_reason::cannot_split, taper::whole_unit_form::capsule,
                                          5_mg, parameter::dose_time(3)}));
    EXPECT_EQ(j["params"]["time"], "daily");
    j = json_of(taper::make_message(mc::strategy_text, {parameter::text(4)}));
    EXPECT_EQ(j["params"]["text"], "");
    const std::vector<std::string> texts{"first", "second"};
    taper::message_context c;
    c.texts = texts;
    EXPECT_EQ(json_of(taper::make_message(mc::strategy_text, {parameter::text(1)}), c)["params"]["text"], "second");

    // Forms on hand, forms of the drug and drugs of a realization: the label or name when the
    // context has it, else the index itself.
    EXPECT_EQ(json_of(taper::make_message(mc::dilution_switched_off, {parameter::on_hand_form(1)}))["params"]["form"],
              1);
    EXPECT_EQ(json_of(taper::make_message(mc::drug_also_comes_as, {parameter::drug_form(2)}))["params"]["form"], 2);
    EXPECT_EQ(json_of(taper::make_message(mc::drug_not_realized, {parameter::drug_name(2)}))["params"]["drug"], 2);
    const std::vector<std::string> drugs{"alprazolam", "diazepam"};
    c.drugs = drugs;
    EXPECT_EQ(json_of(taper::make_message(mc::drug_not_realized, {parameter::drug_name(1)}), c)["params"]["drug"],
              "diazepam");
    // With the plan's drug as subject, a drug_form index names one of its forms.
    c.subject = &taper::database::embedded().get("citalopram");
    const auto named = json_of(taper::make_message(mc::drug_also_comes_as, {parameter::drug_form(0)}), c);
    EXPECT_TRUE(named["params"]["form"].is_string()) << named.dump();
    EXPECT_EQ(json_of(taper::make_message(mc::drug_also_comes_as, {parameter::drug_form(999)}), c)["params"]["form"],
              999);
}

TEST(MessageJson, ParameterKindsHaveTheirDocumentedIds) {
    // docs/messages.md, "Parameter kinds".
    using k = taper::parameter_kind;
    const std::vector<std::pair<k, std::string>> ids{
        {k::none, "none"},           {k::dose, "dose"},
        {k::diazepam_dose, "diazepam_dose"}, {k::share, "share"},
        {k::points, "points"},       {k::days, "days"},
        {k::half_life_hours, "hours"}, {k::count, "count"},
        {k::dose_time, "dose_time"}, {k::whole_unit_reason, "whole_unit_reason"},
        {k::guidance, "guidance"},   {k::text, "text"},
        {k::whole_unit_form, "whole_unit_form"}, {k::symptom, "symptom"},
        {k::evidence, "evidence"},   {k::drug_ref, "drug_ref"},
        {k::volume_ml, "volume"},    {k::form_on_hand, "form"},
        {k::drug_form, "drug_form"}, {k::drug_name, "drug"}};
    for (const auto& [kind, expected] : ids) EXPECT_EQ(taper::id(kind), expected);
}

TEST(MessageJson, EveryPharmacokineticParameterHasItsId) {
    // docs/messages.md: simulation_parameter_unknown (601) {parameter}.
    using pk = taper::pharmacokinetic_parameter;
    const std::vector<std::pair<pk, std::string>> ids{{pk::half_life, "half_life"},
                                                      {pk::time_to_peak, "time_to_peak"},
                                                      {pk::metabolite_half_life, "metabolite_half_life"},
                                                      {pk::metabolite_fraction_formed, "metabolite_fraction_formed"},
                                                      {pk::metabolite_relative_potency, "metabolite_relative_potency"}};
    for (const auto& [k, expected] : ids) {
        SCOPED_TRACE(expected);
        const auto j = json_of(taper::make_message(mc::simulation_parameter_unknown, {k}));
        EXPECT_EQ(j["code"], 601);
        EXPECT_EQ(j["id"], "simulation_parameter_unknown");
        EXPECT_EQ(j["params"]["parameter"], expected);
        EXPECT_EQ(j["params"].size(), 1U);
    }
}

TEST(MessageJson, SymptomsSourcesCountsAndDrugReferencesAreWrittenByTheirIds) {
    using k = taper::parameter_kind;
    // symptoms_not_in_baseline {symptom, others, source}: the symptom's and the source's stable ids.
    const auto j = json_of(taper::make_message(
        mc::symptoms_not_in_baseline,
        {parameter::whole(k::symptom, static_cast<std::size_t>(taper::symptom::dizziness)), parameter::count(2),
         parameter::whole(k::evidence, static_cast<std::size_t>(taper::evidence_source::horowitz_taylor_2022))}));
    EXPECT_EQ(j["params"]["symptom"], "dizziness");
    EXPECT_EQ(j["params"]["others"], 2);
    EXPECT_EQ(j["params"]["source"], "horowitz_taylor_2022");
    // interaction_level_may_fall {affected, source}: the drug named in the context's texts, or
    // an empty name when the index is past them.
    const std::vector<std::string> texts{"clozapine"};
    taper::message_context c;
    c.texts = texts;
    const auto ref = taper::make_message(
        mc::interaction_level_may_fall,
        {parameter::whole(k::drug_ref, 0),
         parameter::whole(k::evidence, static_cast<std::size_t>(taper::evidence_source::clozapine_label))});
    EXPECT_EQ(json_of(ref, c)["params"]["affected"], "clozapine");
    EXPECT_EQ(json_of(ref, c)["params"]["source"], "clozapine_label");
    EXPECT_EQ(json_of(ref)["params"]["affected"], "");
}

}  // namespace
