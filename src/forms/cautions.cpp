// Plan-wide cautions of a realization. See include/taper/forms/realize.hpp.
#include <taper/forms/realize.hpp>

#include "../detail/text.hpp"

#include <algorithm>

namespace taper {

// From the forms the realization keeps (their formulation notes), not from a database.
std::vector<std::string> dilution_cautions(const realized_schedule& r) {
    std::vector<std::string> out;
    std::vector<std::string> seen;
    for (const auto& st : r.steps)
        for (const auto& rc : st.recipes)
            for (const auto& p : rc.parts) {
                if (p.what != dose_component::kind::dilution) continue;
                const std::string drug_name = rc.drug.empty() ? r.plan().drug : rc.drug;
                const std::string key = detail::ascii_lower(drug_name) + '\n' + p.formulation_id;
                if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
                seen.push_back(key);
                const auto form = std::find_if(r.forms.begin(), r.forms.end(), [&](const available_form& f) {
                    return detail::ascii_lower(f.drug) == detail::ascii_lower(drug_name) &&
                           f.formulation_id == p.formulation_id;
                });
                const bool known = form != r.forms.end();
                std::string text = (known ? form->drug + " " : std::string()) + p.label +
                                   ", dispersed in water: measuring part of a dispersion is a way to take very "
                                   "small doses that the prescriber or pharmacist should agree to. Prepare it "
                                   "fresh for each dose: disperse one tablet in the stated volume of water, stir "
                                   "well, draw up the dose with an oral syringe and take it at once, then discard "
                                   "the rest; never keep it for later";
                if (known && !form->formulation_notes.empty()) text += " (data: \"" + form->formulation_notes + "\")";
                out.push_back(text);
            }
    return out;
}

}  // namespace taper
