#pragma once
// One drug: what it is called, how it binds, how long it lasts, what forms it comes in.
#include <taper/drugs/equivalence.hpp>
#include <taper/drugs/formulation.hpp>
#include <taper/drugs/half_life.hpp>
#include <taper/drugs/licensed_maximum.hpp>
#include <taper/drugs/market.hpp>
#include <taper/drugs/occupancy_model.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taper {

enum class drug_class {
    ssri,
    snri,
    serotonin_modulator,
    nassa,
    antipsychotic,
    benzodiazepine,
    z_drug,
    tricyclic,                ///< amitriptyline, nortriptyline, clomipramine ...
    maoi,                     ///< phenelzine, tranylcypromine (irreversible), moclobemide (RIMA)
    atypical_antidepressant,  ///< bupropion, agomelatine: antidepressants of no class above
    mood_stabilizer,          ///< lithium, valproate, lamotrigine, carbamazepine
    gabapentinoid,            ///< gabapentin, pregabalin
    other,
};

std::string_view to_string(drug_class c) noexcept;
std::optional<drug_class> drug_class_from_string(std::string_view s) noexcept;

/// True for the classes tapered in diazepam-equivalent mg (no human occupancy model).
constexpr bool uses_diazepam_equivalents(drug_class c) noexcept {
    return c == drug_class::benzodiazepine || c == drug_class::z_drug;
}

/// True for every antidepressant class (NICE NG222's advice on stopping covers them all).
constexpr bool is_antidepressant(drug_class c) noexcept {
    return c == drug_class::ssri || c == drug_class::snri || c == drug_class::serotonin_modulator ||
           c == drug_class::nassa || c == drug_class::tricyclic || c == drug_class::maoi ||
           c == drug_class::atypical_antidepressant;
}

/// True where stopping abruptly risks seizures (the labels of benzodiazepines, z-drugs,
/// anticonvulsant mood stabilisers and gabapentinoids say to withdraw gradually for this).
constexpr bool abrupt_stop_risks_seizures(drug_class c) noexcept {
    return uses_diazepam_equivalents(c) || c == drug_class::gabapentinoid;
}

struct drug {
    std::string name;                      ///< lower-case generic name, the key
    std::vector<std::string> aliases;      ///< other generic spellings
    std::vector<std::string> brand_names;
    drug_class klass = drug_class::other;
    std::string class_label;               ///< as the source writes it, "antipsychotic (SGA)"
    std::vector<occupancy_model> targets;  ///< alternative fits are kept side by side
    std::string default_target;            ///< id of the model used when none is chosen
    half_life_info half_life;
    std::vector<formulation> formulations;
    diazepam_equivalence equivalents;
    /// Licensed maximum daily doses, one per region (and population or indication where
    /// the label distinguishes them). Empty where no label was read: never guessed.
    std::vector<licensed_maximum> max_daily_dose;
    std::vector<std::string> cautions;     ///< plain-language warnings for this drug
    std::string notes;

    /// The model with this id, or nullptr.
    const occupancy_model* find_target(std::string_view id) const noexcept;
    /// The default model if it can be evaluated (Emax, ED50 and Hill known), else nullptr.
    const occupancy_model* usable_occupancy() const noexcept;
    /// The default model. Throws missing_data_error if the drug has no usable model,
    /// with a message suggesting a proportional taper instead.
    const occupancy_model& occupancy() const;
    /// The model with this id; throws missing_data_error listing the ids there are.
    const occupancy_model& occupancy(std::string_view id) const;
    /// The licensed maximum daily dose for adults in `region`: the highest general-adult
    /// entry of that region (the highest indication's, where the label gives several), or
    /// nullptr if the data has none. Without a region: the highest of all regions, so that a
    /// dose licensed somewhere is never called implausible.
    const licensed_maximum* licensed_maximum_for(std::optional<market_region> region = std::nullopt) const noexcept;
    /// The formulation with this id, or nullptr.
    const formulation* find_formulation(std::string_view id) const noexcept;
    /// Equivalent to 10 mg diazepam in the named table; throws missing_data_error.
    const equivalent_dose& diazepam_equivalent(std::string_view table = default_equivalence_table) const;
};

}  // namespace taper
