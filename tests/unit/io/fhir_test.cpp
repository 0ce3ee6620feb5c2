// FHIR R4 export of the hand-made schedule (outputs_fixture.hpp): the Bundle's shape, the
// ordered Dosage sequence, UCUM units and the medication's RxNorm code.
#include "outputs_fixture.hpp"

#include <taper/io/fhir.hpp>
#include <taper/plan/plan.hpp>
#include <taper/strategies/diazepam_crossover.hpp>
#include <taper/units/literals.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

using json = nlohmann::json;
using taper::testing::outputs_sample;

TEST(ExportFhir, ABundleOfOneDraftProposalPerDrug) {
    const json j = json::parse(taper::to_fhir(outputs_sample()));
    EXPECT_EQ(j["resourceType"], "Bundle");
    EXPECT_EQ(j["type"], "collection");
    ASSERT_EQ(j["entry"].size(), 1u);
    const json& r = j["entry"][0]["resource"];
    EXPECT_EQ(r["resourceType"], "MedicationRequest");
    EXPECT_EQ(r["status"], "draft");
    EXPECT_EQ(r["intent"], "proposal");
    EXPECT_EQ(r["id"], "taper-citalopram-20261201-hyperbolic-citalopram");
    EXPECT_TRUE(r["subject"].contains("display"));
}

TEST(ExportFhir, CitalopramIsCodedInRxNorm) {
    // RxCUI 2556 is citalopram's ingredient concept (CPIC's drug table, data/codes.json).
    const json j = json::parse(taper::to_fhir(outputs_sample()));
    const json& medication = j["entry"][0]["resource"]["medicationCodeableConcept"];
    EXPECT_EQ(medication["text"], "citalopram");
    ASSERT_EQ(medication["coding"].size(), 1u);
    EXPECT_EQ(medication["coding"][0]["system"], "http://www.nlm.nih.gov/research/umls/rxnorm");
    EXPECT_EQ(medication["coding"][0]["code"], "2556");
}

TEST(ExportFhir, DosagesAreTheStepsInOrder) {
    const json j = json::parse(taper::to_fhir(outputs_sample()));
    const json& dosages = j["entry"][0]["resource"]["dosageInstruction"];
    // Two dose-times in each of the three steps; the dose-times of a step share its sequence.
    ASSERT_EQ(dosages.size(), 6u);
    const int sequences[] = {1, 1, 2, 2, 3, 3};
    const char* whens[] = {"MORN", "NIGHT", "MORN", "NIGHT", "MORN", "NIGHT"};
    for (std::size_t i = 0; i < 6; ++i) {
        EXPECT_EQ(dosages[i]["sequence"], sequences[i]);
        EXPECT_EQ(dosages[i]["timing"]["repeat"]["when"][0], whens[i]);
        EXPECT_EQ(dosages[i]["timing"]["repeat"]["periodUnit"], "d");
    }
    // Step 1: 2026-12-01 for 28 days, so its last day is 2026-12-28; step 3 from 2027-01-12 for 7.
    EXPECT_EQ(dosages[0]["timing"]["repeat"]["boundsPeriod"]["start"], "2026-12-01");
    EXPECT_EQ(dosages[0]["timing"]["repeat"]["boundsPeriod"]["end"], "2026-12-28");
    EXPECT_EQ(dosages[4]["timing"]["repeat"]["boundsPeriod"]["start"], "2027-01-12");
    EXPECT_EQ(dosages[4]["timing"]["repeat"]["boundsPeriod"]["end"], "2027-01-18");
    const json& dose = dosages[0]["doseAndRate"][0]["doseQuantity"];
    EXPECT_EQ(dose["value"], 5.0);
    EXPECT_EQ(dose["unit"], "mg");
    EXPECT_EQ(dose["system"], "http://unitsofmeasure.org");
    EXPECT_EQ(dose["code"], "mg");
    // The stop step takes nothing: its Dosage says so in text and carries no dose.
    EXPECT_FALSE(dosages[4].contains("doseAndRate"));
    EXPECT_NE(dosages[4]["text"].get<std::string>().find("none"), std::string::npos);
}

TEST(ExportFhir, ACrossoversDiazepamIsCodedToo) {
    // Alprazolam switched to diazepam: two MedicationRequests, and diazepam's carries RxCUI
    // 3322 (CPIC's drug table, data/codes.json). Alprazolam has no code in the data.
    using namespace taper::literals;
    taper::plan_request r;
    r.drug = "alprazolam";
    r.daily_dose = 1.0_mg;
    r.start = taper::parse_date("2026-12-01");
    const auto plan = taper::make_plan(taper::database::embedded(), r, taper::strategies::diazepam_crossover{});
    const json j = json::parse(taper::to_fhir(plan));
    ASSERT_EQ(j["entry"].size(), 2u);
    const json& alprazolam = j["entry"][0]["resource"]["medicationCodeableConcept"];
    const json& diazepam = j["entry"][1]["resource"]["medicationCodeableConcept"];
    EXPECT_EQ(alprazolam["text"], "alprazolam");
    EXPECT_FALSE(alprazolam.contains("coding"));
    EXPECT_EQ(diazepam["text"], "diazepam");
    ASSERT_TRUE(diazepam.contains("coding"));
    EXPECT_EQ(diazepam["coding"][0]["system"], "http://www.nlm.nih.gov/research/umls/rxnorm");
    EXPECT_EQ(diazepam["coding"][0]["code"], "3322");
}

TEST(ExportFhir, ADrugWithoutCodesIsTextOnly) {
    auto s = outputs_sample();
    s.subject = taper::database::embedded().share("zopiclone");  // no code in data/codes.json
    s.drug = "zopiclone";
    for (auto& st : s.steps)
        for (auto& l : st.doses) l.drug = "zopiclone";
    const json j = json::parse(taper::to_fhir(s));
    const json& medication = j["entry"][0]["resource"]["medicationCodeableConcept"];
    EXPECT_FALSE(medication.contains("coding"));
    EXPECT_EQ(medication["text"], "zopiclone");
}

}  // namespace
