#pragma once
// Benzodiazepine and z-drug dose equivalents: mg of a drug ≈ 10 mg oral diazepam.
//
// Tables disagree (Ashton 2002 vs VA/DoD 2021), and some give a range, so every table is
// kept under its name and the caller chooses; "ashton" is the documented default.
#include <taper/drugs/provenance.hpp>
#include <taper/units/quantities.hpp>

#include <map>
#include <string>

namespace taper {

/// The table used when none is named.
inline constexpr const char* default_equivalence_table = "ashton";

/// mg of this drug approximately equivalent to 10 mg diazepam; low == high unless the
/// table gives a range (loprazolam 1-2 mg).
struct equivalent_dose {
    mass low;
    mass high;
    bool is_range() const noexcept { return low != high; }
    friend bool operator==(const equivalent_dose&, const equivalent_dose&) = default;
};

struct diazepam_equivalence {
    /// table name ("ashton", "va-dod-2021") -> dose equivalent to 10 mg diazepam.
    std::map<std::string, sourced<equivalent_dose>, std::less<>> tables;

    bool empty() const noexcept { return tables.empty(); }
};

}  // namespace taper
