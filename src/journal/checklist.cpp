// The symptom checklist (journal/checklist.hpp). Each item names the published list it is
// drawn from; red flags that no list here defines as such are marked project_rule
// (docs/journal.md, "The checklist").
#include <taper/journal/checklist.hpp>

#include <algorithm>
#include <iterator>

namespace taper {
namespace {

using s = symptom;
using g = symptom_group;
using e = evidence_source;

constexpr symptom_info items[] = {
    {s::dizziness, "dizziness", "dizziness, unsteadiness or vertigo", g::physical, 0, e::nice_ng222},
    {s::electric_shocks, "electric_shocks", "electric-shock sensations ('brain zaps')", g::physical, 0, e::nice_ng222},
    {s::nausea, "nausea", "nausea or other stomach upset", g::physical, 0, e::nice_ng222},
    {s::flu_like, "flu_like", "flu-like symptoms (aches, chills)", g::physical, 0, e::ashton_manual},
    {s::sweating, "sweating", "sweating", g::physical, 0, e::nice_ng222},
    {s::tremor, "tremor", "tremor or shakiness", g::physical, 0, e::dess_rosenbaum_1998},
    {s::headache, "headache", "headaches", g::physical, 0, e::nice_ng222},
    {s::palpitations, "palpitations", "palpitations (a racing or pounding heart)", g::physical, 0, e::nice_ng222},
    {s::muscle_aches, "muscle_aches", "aches in joints and muscles", g::physical, 0, e::nice_ng222},
    {s::tingling_numbness, "tingling_numbness", "tingling, numbness or altered sensation", g::physical, 0,
     e::ashton_manual},
    {s::sensory_sensitivity, "sensory_sensitivity", "sensitivity to light, sound or touch", g::physical, 0,
     e::ashton_manual},
    {s::fatigue, "fatigue", "tiredness", g::physical, 0, e::nice_ng222},
    {s::vivid_dreams, "vivid_dreams", "vivid dreams or nightmares", g::physical, 0, e::dess_rosenbaum_1998},

    {s::anxiety, "anxiety", "anxiety", g::psychological, 0, e::horowitz_taylor_2022},
    {s::panic, "panic", "panic attacks", g::psychological, 0, e::ashton_manual},
    {s::low_mood, "low_mood", "low mood", g::psychological, 0, e::horowitz_taylor_2022},
    {s::loss_of_interest, "loss_of_interest", "loss of interest or pleasure", g::psychological, 0, e::nice_ng222},
    {s::irritability, "irritability", "irritability", g::psychological, 0, e::nice_ng222},
    {s::insomnia, "insomnia", "problems sleeping", g::psychological, 0, e::nice_ng222},
    {s::agitation, "agitation", "restlessness or agitation", g::psychological, 0, e::nice_ng222},
    {s::crying_spells, "crying_spells", "crying spells", g::psychological, 0, e::dess_rosenbaum_1998},
    {s::poor_concentration, "poor_concentration", "poor concentration or memory", g::psychological, 0,
     e::dess_rosenbaum_1998},
    {s::depersonalisation, "depersonalisation", "feeling unreal or detached", g::psychological, 0, e::ashton_manual},
    {s::mood_swings, "mood_swings", "mood swings", g::psychological, 0, e::dess_rosenbaum_1998},

    {s::suicidal_thoughts, "suicidal_thoughts", "thoughts of suicide", g::red_flag, 1, e::project_rule},
    {s::self_harm, "self_harm", "self-harm or thoughts of it", g::red_flag, 1, e::project_rule},
    {s::seizure, "seizure", "a seizure (fit)", g::red_flag, 1, e::ashton_manual},
    {s::mania, "mania", "signs of mania (elation, little need for sleep, racing thoughts)", g::red_flag, 1,
     e::project_rule},
    {s::psychosis, "psychosis", "hallucinations or paranoid thoughts", g::red_flag, 1, e::ashton_manual},
    {s::akathisia, "akathisia", "severe inner restlessness, unable to sit still (akathisia)", g::red_flag, 3,
     e::project_rule},
    {s::confusion, "confusion", "confusion", g::red_flag, 1, e::dess_rosenbaum_1998},
};

constexpr bool in_order() {
    for (std::size_t i = 1; i < std::size(items); ++i)
        if (!(items[i - 1].what < items[i].what)) return false;
    return true;
}
static_assert(in_order(), "the checklist is in enum order, each symptom once");

}  // namespace

std::span<const symptom_info> checklist() noexcept { return items; }

const symptom_info& info(symptom x) noexcept {
    const auto* it = std::lower_bound(std::begin(items), std::end(items), x,
                                      [](const symptom_info& i, symptom v) { return i.what < v; });
    return it != std::end(items) && it->what == x ? *it : items[0];
}

std::optional<symptom> symptom_from_id(std::string_view id) noexcept {
    for (const auto& i : items)
        if (i.id == id) return i.what;
    return std::nullopt;
}

}  // namespace taper
