// Interaction notes (several/interactions.hpp). The table: who inhibits or induces which
// enzyme that clears another drug, from the labels named. Statuses are honest: "secondary"
// where a copy of the label's table was read, "unverified" where only the label section is
// known and its words were not read for this table (docs/journal.md, "Interaction notes").
#include <taper/several/interactions.hpp>

#include "../detail/text.hpp"

#include <algorithm>
#include <iterator>

namespace taper {
namespace {

using e = evidence_source;
using st = evidence_status;
constexpr auto inh = enzyme_effect::inhibits;
constexpr auto ind = enzyme_effect::induces;

constexpr interaction table[] = {
    {"fluvoxamine", "clozapine", "CYP1A2", inh, e::clozapine_label, st::secondary},
    {"fluoxetine", "clozapine", "CYP2D6", inh, e::clozapine_label, st::secondary},
    {"paroxetine", "clozapine", "CYP2D6", inh, e::clozapine_label, st::secondary},
    {"bupropion", "clozapine", "CYP2D6", inh, e::clozapine_label, st::secondary},
    {"carbamazepine", "clozapine", "CYP3A4", ind, e::clozapine_label, st::secondary},
    {"carbamazepine", "quetiapine", "CYP3A4", ind, e::quetiapine_label, st::secondary},
    {"fluoxetine", "aripiprazole", "CYP2D6", inh, e::aripiprazole_label, st::unverified},
    {"paroxetine", "aripiprazole", "CYP2D6", inh, e::aripiprazole_label, st::unverified},
    {"carbamazepine", "aripiprazole", "CYP3A4", ind, e::aripiprazole_label, st::unverified},
    {"fluoxetine", "risperidone", "CYP2D6", inh, e::risperidone_label, st::unverified},
    {"paroxetine", "risperidone", "CYP2D6", inh, e::risperidone_label, st::unverified},
    {"carbamazepine", "risperidone", "CYP3A4", ind, e::risperidone_label, st::unverified},
};

}  // namespace

std::span<const interaction> interaction_table() noexcept { return table; }

std::vector<interaction_note> interactions_when_reducing(std::string_view reduced, std::span<const std::string> others,
                                                         std::span<const std::string> names_for_refs) {
    std::vector<interaction_note> out;
    for (const auto& i : table) {
        if (!detail::equals_ignoring_case(i.reduced, reduced)) continue;
        const auto other = std::find_if(others.begin(), others.end(),
                                        [&](const std::string& o) { return detail::equals_ignoring_case(o, i.affected); });
        if (other == others.end()) continue;
        const auto ref = std::find_if(names_for_refs.begin(), names_for_refs.end(),
                                      [&](const std::string& o) { return detail::equals_ignoring_case(o, i.affected); });
        const auto index = static_cast<std::size_t>(ref - names_for_refs.begin());
        interaction_note n;
        n.reduced = std::string(i.reduced);
        n.affected = std::string(i.affected);
        n.enzyme = std::string(i.enzyme);
        n.effect = i.effect;
        n.status = i.status;
        // Reducing an inhibitor lets the enzyme clear the other drug again: its level may fall.
        // Reducing an inducer lets the enzyme slow down: the other drug's level may rise.
        n.note = make_message(i.effect == inh ? message_code::interaction_level_may_fall
                                              : message_code::interaction_level_may_rise,
                              {parameter::whole(parameter_kind::drug_ref, index),
                               parameter::whole(parameter_kind::evidence, static_cast<std::size_t>(i.source))});
        out.push_back(std::move(n));
    }
    return out;
}

}  // namespace taper
