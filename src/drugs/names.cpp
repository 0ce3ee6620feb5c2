// Text names of the drug-data enumerations, as they appear in formulary files.
#include <taper/drugs/drug.hpp>
#include <taper/drugs/formulation.hpp>
#include <taper/drugs/market.hpp>
#include <taper/drugs/provenance.hpp>

#include <array>
#include <utility>

namespace taper {
namespace {

template <class Enum, std::size_t N>
using name_table = std::array<std::pair<Enum, std::string_view>, N>;

constexpr name_table<evidence_status, 4> status_names{{
    {evidence_status::verified, "verified"},
    {evidence_status::secondary, "secondary"},
    {evidence_status::unverified, "unverified"},
    {evidence_status::user_supplied, "user-supplied"},
}};

constexpr name_table<form_kind, 5> form_names{{
    {form_kind::tablet, "tablet"},
    {form_kind::capsule, "capsule"},
    {form_kind::beads, "beads"},
    {form_kind::liquid, "liquid"},
    {form_kind::drops, "drops"},
}};

constexpr name_table<market_region, 2> region_names{{
    {market_region::uk, "uk"},
    {market_region::us, "us"},
}};

constexpr name_table<drug_class, 13> class_names{{
    {drug_class::ssri, "ssri"},
    {drug_class::snri, "snri"},
    {drug_class::serotonin_modulator, "serotonin_modulator"},
    {drug_class::nassa, "nassa"},
    {drug_class::antipsychotic, "antipsychotic"},
    {drug_class::benzodiazepine, "benzodiazepine"},
    {drug_class::z_drug, "z_drug"},
    {drug_class::tricyclic, "tricyclic"},
    {drug_class::maoi, "maoi"},
    {drug_class::atypical_antidepressant, "atypical_antidepressant"},
    {drug_class::mood_stabilizer, "mood_stabilizer"},
    {drug_class::gabapentinoid, "gabapentinoid"},
    {drug_class::other, "other"},
}};

template <class Enum, std::size_t N>
std::string_view name_of(const name_table<Enum, N>& table, Enum e) noexcept {
    for (const auto& [value, name] : table)
        if (value == e) return name;
    return "?";
}

template <class Enum, std::size_t N>
std::optional<Enum> value_of(const name_table<Enum, N>& table, std::string_view s) noexcept {
    for (const auto& [value, name] : table)
        if (name == s) return value;
    return std::nullopt;
}

}  // namespace

std::string_view to_string(evidence_status s) noexcept { return name_of(status_names, s); }
std::optional<evidence_status> evidence_status_from_string(std::string_view s) noexcept {
    return value_of(status_names, s);
}
std::string_view to_string(form_kind k) noexcept { return name_of(form_names, k); }
std::optional<form_kind> form_kind_from_string(std::string_view s) noexcept {
    return value_of(form_names, s);
}
std::string_view to_string(market_region r) noexcept { return name_of(region_names, r); }
std::optional<market_region> market_region_from_string(std::string_view s) noexcept {
    return value_of(region_names, s);
}
std::string_view to_string(drug_class c) noexcept { return name_of(class_names, c); }
std::optional<drug_class> drug_class_from_string(std::string_view s) noexcept {
    return value_of(class_names, s);
}

}  // namespace taper
