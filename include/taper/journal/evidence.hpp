#pragma once
// The published sources the journal, the assessment and replanning rest on. Every reason the
// assessment gives names one of these (a message parameter of kind `evidence`), so that a
// person and a clinician can read the page behind it. docs/assessment.md quotes the part used.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace taper {

enum class evidence_source : std::uint8_t {
    horowitz_taylor_2022 = 0,  ///< BJPsych Advances 2022;28(5):297-311, relapse vs withdrawal
    nice_ng222 = 1,            ///< NICE NG222 (2022), depression in adults: 1.4.13-1.4.22
    nice_ng215 = 2,            ///< NICE NG215 (2022), medicines associated with dependence
    ashton_manual = 3,         ///< Ashton, Benzodiazepines: how they work and how to withdraw (2002), ch. III
    dess_rosenbaum_1998 = 4,   ///< the DESS checklist (Rosenbaum et al., Biol Psychiatry 1998)
    clozapine_label = 5,       ///< Clozaril US prescribing information, table of dose adjustments
    quetiapine_label = 6,      ///< Seroquel US prescribing information, CYP3A4 inducers
    aripiprazole_label = 7,    ///< Abilify US prescribing information, CYP2D6/3A4 dose adjustments
    risperidone_label = 8,     ///< Risperdal US prescribing information, drug interactions
    project_rule = 9,          ///< a rule of this project, not a published one (said so in the docs)
};

struct evidence_info {
    evidence_source source{};
    std::string_view id;        ///< stable: "nice_ng222"
    std::string_view citation;  ///< for people: authors, title, year, section
    std::string_view url;
};

/// Every source, in the enum's order.
std::span<const evidence_info> evidence_sources() noexcept;
const evidence_info& info(evidence_source s) noexcept;
std::optional<evidence_source> evidence_from_id(std::string_view id) noexcept;

}  // namespace taper
