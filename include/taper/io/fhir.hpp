#pragma once
// A plan or a realization as HL7 FHIR R4 JSON (hl7.org/fhir/R4), for a prescriber's system.
//
//   std::string a = taper::to_fhir(plan);          // a Bundle of MedicationRequests
//   std::string b = taper::to_fhir(realization);   // the same, with each recipe as text
//
// A Bundle (type "collection") holding one MedicationRequest per drug in the plan (two in a
// diazepam crossover), each with status "draft" and intent "proposal": decision support,
// never a prescription. Its dosageInstruction is the plan as an ordered sequence of Dosage
// entries: `sequence` is the step number (the dose-times of one step share it, so they
// are taken together), `timing.repeat.boundsPeriod` the step's first and last day,
// `timing.repeat.when` the dose-time where it names one, and `doseAndRate.doseQuantity`
// the amount in UCUM mg. The medication is coded where data/codes.json has codes for the
// drug (RxNorm, with their source). docs/output-formats.md has an example.
#include <taper/forms/realize.hpp>
#include <taper/plan/schedule.hpp>

#include <string>

namespace taper {

/// The plan as a FHIR R4 Bundle of MedicationRequests (JSON, two-space indent).
std::string to_fhir(const schedule& plan);

/// The realized steps as a FHIR R4 Bundle; each Dosage's text is its recipe.
std::string to_fhir(const realized_schedule& realization);

}  // namespace taper
