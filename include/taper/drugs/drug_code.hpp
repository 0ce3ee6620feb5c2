#pragma once
// A drug's identifier in a medical terminology (RxNorm, SNOMED CT, dm+d), for systems that
// code medications (the FHIR export). Like every value in the drug data it carries its source.
#include <taper/drugs/provenance.hpp>

#include <string>

namespace taper {

struct drug_code {
    std::string system;   ///< the terminology's URI, "http://www.nlm.nih.gov/research/umls/rxnorm"
    std::string code;     ///< "2556"
    std::string display;  ///< the terminology's name for it, "citalopram"
    provenance origin;
    friend bool operator==(const drug_code&, const drug_code&) = default;
};

}  // namespace taper
