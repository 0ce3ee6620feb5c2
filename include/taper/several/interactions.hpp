#pragma once
// Where reducing or stopping one drug changes the blood levels of another: enzyme inhibitors
// and inducers among psychiatric drugs (fluvoxamine, fluoxetine, paroxetine, bupropion,
// carbamazepine). Each entry carries its source and status; notes are given only for drugs
// that are both in the plan (and so in the data). docs/journal.md lists the table.
#include <taper/drugs/provenance.hpp>
#include <taper/journal/evidence.hpp>
#include <taper/messages/message.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace taper {

enum class enzyme_effect : std::uint8_t { inhibits = 0, induces = 1 };

struct interaction {
    std::string_view reduced;   ///< the inhibitor or inducer being reduced
    std::string_view affected;  ///< the drug whose levels change
    std::string_view enzyme;    ///< "CYP2D6"
    enzyme_effect effect{};
    evidence_source source{};
    evidence_status status{};
};

/// The table, in no particular order.
std::span<const interaction> interaction_table() noexcept;

struct interaction_note {
    std::string reduced;
    std::string affected;
    std::string enzyme;
    enzyme_effect effect{};
    evidence_status status{};
    /// interaction_level_may_fall (an inhibitor reduced) or _may_rise (an inducer reduced).
    message note;
};

/// Notes for reducing `reduced` while taking `others` (names as in the data).
std::vector<interaction_note> interactions_when_reducing(std::string_view reduced,
                                                         std::span<const std::string> others,
                                                         std::span<const std::string> names_for_refs);

}  // namespace taper
