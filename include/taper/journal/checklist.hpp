#pragma once
// The symptom checklist a journal rates (0 none, 1 mild, 2 moderate, 3 severe), drawn from
// published withdrawal-symptom lists: NICE NG222 1.4.14, the DESS checklist and the Ashton
// Manual ch. III; plus the symptoms of the original condition a relapse shows (low mood, loss
// of interest) and the red flags that mean "seek help now". docs/journal.md lists each item
// with its sources.
#include <taper/journal/evidence.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace taper {

enum class symptom : std::uint8_t {
    // Physical.
    dizziness = 0,            ///< unsteadiness, vertigo, light-headedness
    electric_shocks = 1,      ///< "brain zaps", altered sensations
    nausea = 2,               ///< and other abdominal symptoms
    flu_like = 3,             ///< aches, chills, tiredness
    sweating = 4,
    tremor = 5,
    headache = 6,
    palpitations = 7,
    muscle_aches = 8,         ///< aches in joints and muscles, stiffness
    tingling_numbness = 9,
    sensory_sensitivity = 10, ///< to light, sound, touch
    fatigue = 11,
    vivid_dreams = 12,
    // Psychological.
    anxiety = 30,
    panic = 31,
    low_mood = 32,
    loss_of_interest = 33,
    irritability = 34,
    insomnia = 35,
    agitation = 36,           ///< restlessness
    crying_spells = 37,
    poor_concentration = 38,
    depersonalisation = 39,
    mood_swings = 40,
    // Red flags: seek help now whatever else the journal says.
    suicidal_thoughts = 60,
    self_harm = 61,
    seizure = 62,
    mania = 63,               ///< signs of mania (elation, no need for sleep, racing thoughts)
    psychosis = 64,           ///< hallucinations, paranoid thoughts
    akathisia = 65,           ///< severe inner restlessness; a red flag when rated severe (3)
    confusion = 66,
};

enum class symptom_group : std::uint8_t { physical, psychological, red_flag };

struct symptom_info {
    symptom what{};
    std::string_view id;     ///< stable: "electric_shocks"
    std::string_view label;  ///< for people: "electric-shock sensations ('brain zaps')"
    symptom_group group{};
    /// The lowest rating that is a red flag (1 for suicidal thoughts, 3 for akathisia), or 0
    /// when the symptom is never one.
    int red_flag_from = 0;
    evidence_source source{};   ///< the list it is drawn from
};

/// Every item, in the enum's order.
std::span<const symptom_info> checklist() noexcept;
const symptom_info& info(symptom s) noexcept;
std::optional<symptom> symptom_from_id(std::string_view id) noexcept;

/// Ratings run from 0 (none) to 3 (severe).
inline constexpr int max_severity = 3;
/// Functioning runs from 0 (as usual) to 3 (unable to do usual activities).
inline constexpr int max_functioning = 3;

}  // namespace taper
