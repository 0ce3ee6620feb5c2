#pragma once
// Internal: reading data/codes.json (taper-codes) onto a list of drugs.
#include <taper/drugs/drug.hpp>

#include <string_view>
#include <vector>

namespace taper::detail {

/// Append each drug's codes from a taper-codes document (data/codes.json) to the drug of that
/// name in `drugs`. Throws formulary_error naming `origin` for a malformed document, a drug
/// the list does not have, or a code without its source, system or status.
void apply_codes(std::vector<drug>& drugs, std::string_view json_text, std::string_view origin);

}  // namespace taper::detail
