#pragma once
// What every plan ends with: withdrawal or relapse, and what to do, written for the drug's
// class (antidepressants, antipsychotics, benzodiazepines and z-drugs, others), with the
// guidance it follows. Front ends print it after a plan; docs/safety.md lists the sources.
#include <taper/drugs/drug.hpp>

#include <string_view>

namespace taper {

struct closing_text {
    std::string_view text;    ///< for the person and their prescriber
    std::string_view source;  ///< the guidance it follows, as a citation
};

/// The closing text for a drug class.
closing_text closing_text_for(drug_class c) noexcept;

}  // namespace taper
