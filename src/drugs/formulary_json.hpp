#pragma once
// Internal: reading a taper-formulary JSON document onto a list of drugs.
#include <taper/drugs/drug.hpp>

#include <cstddef>
#include <string_view>
#include <vector>

namespace taper::detail {

/// Limits on a formulary (docs/drug-data.md): each is refused with a formulary_error naming it,
/// before any work that grows with it, so that a wrong file (/dev/zero, a disk image, a JSON
/// bomb) fails within a second and in bounded memory.
inline constexpr std::size_t max_formulary_bytes = 64u * 1024u * 1024u;
inline constexpr int max_formulary_depth = 32;
inline constexpr std::size_t max_formulary_drugs = 100000;

/// Checks the size, NUL bytes and nesting depth of a formulary's text (formulary_error).
void check_formulary_text(std::string_view text, std::string_view origin);

/// Apply a formulary (docs/drug-data.md) to `drugs` in place: new drugs are appended,
/// existing ones merged field by field. Throws formulary_error naming `origin`, the drug,
/// the field and the problem; `drugs` may then be half-changed, so callers pass a copy.
void apply_formulary(std::vector<drug>& drugs, std::string_view json_text,
                     std::string_view origin);

/// Lower-case ASCII with surrounding spaces removed: the key names are matched by.
std::string name_key(std::string_view name);

}  // namespace taper::detail
