#pragma once
// Internal: reading a taper-formulary JSON document onto a list of drugs.
#include <taper/drugs/drug.hpp>

#include <string_view>
#include <vector>

namespace taper::detail {

/// Apply a formulary (docs/drug-data.md) to `drugs` in place: new drugs are appended,
/// existing ones merged field by field. Throws formulary_error naming `origin`, the drug,
/// the field and the problem; `drugs` may then be half-changed, so callers pass a copy.
void apply_formulary(std::vector<drug>& drugs, std::string_view json_text,
                     std::string_view origin);

/// Lower-case ASCII with surrounding spaces removed: the key names are matched by.
std::string name_key(std::string_view name);

}  // namespace taper::detail
