#pragma once
// A taper journal: a value the app stores and hands back (the library keeps no state). The
// person's baseline symptoms of their original condition, recorded at the start, and one
// entry per day, in date order. docs/journal.md; JSON and CSV in io/journal_json.hpp and
// io/journal_csv.hpp; checks in journal/validate.hpp.
#include <taper/journal/entry.hpp>

#include <string>
#include <vector>

namespace taper {

struct journal {
    std::string drug;                  ///< the drug being tapered
    std::string country;               ///< ISO 3166 code, for support contacts ("GB"); may be empty
    std::vector<symptom> baseline;     ///< symptoms of the original condition, before tapering
    std::vector<journal_entry> entries;  ///< by date, one per day

    bool in_baseline(symptom s) const;
    /// The entry of `day`, or nullptr.
    const journal_entry* on(date day) const;
    friend bool operator==(const journal&, const journal&) = default;
};

}  // namespace taper
