// A message as JSON: see src/messages/json.hpp.
#include "json.hpp"

#include <taper/journal/checklist.hpp>
#include <taper/forms/on_hand.hpp>

namespace taper::detail {
namespace {

std::string_view reason_id(whole_unit_reason r) {
    switch (r) {
        case whole_unit_reason::modified_release: return "modified_release";
        case whole_unit_reason::enteric_coated: return "enteric_coated";
        case whole_unit_reason::not_known_splittable: return "not_known_splittable";
        case whole_unit_reason::cannot_split: return "cannot_split";
    }
    return "cannot_split";
}

std::string_view form_id(whole_unit_form f) {
    switch (f) {
        case whole_unit_form::tablet: return "tablet";
        case whole_unit_form::capsule: return "capsule";
        case whole_unit_form::bead_capsule: return "bead_capsule";
    }
    return "tablet";
}

std::string_view guidance_id(pace_guidance g) {
    switch (g) {
        case pace_guidance::benzodiazepines: return "benzodiazepines";
        case pace_guidance::antidepressants: return "antidepressants";
        case pace_guidance::antipsychotics: return "antipsychotics";
    }
    return "benzodiazepines";
}

std::string_view pk_parameter_id(pharmacokinetic_parameter k) {
    switch (k) {
        case pharmacokinetic_parameter::half_life: return "half_life";
        case pharmacokinetic_parameter::time_to_peak: return "time_to_peak";
        case pharmacokinetic_parameter::metabolite_half_life: return "metabolite_half_life";
        case pharmacokinetic_parameter::metabolite_fraction_formed: return "metabolite_fraction_formed";
        case pharmacokinetic_parameter::metabolite_relative_potency: return "metabolite_relative_potency";
    }
    return "half_life";
}

nlohmann::ordered_json parameter_json(const parameter& p, const message_context& c) {
    switch (p.kind()) {
        case parameter_kind::none: return nullptr;
        case parameter_kind::count: return p.as_index();
        case parameter_kind::dose_time:
            return p.as_index() < c.doses.size() ? nlohmann::ordered_json(c.doses[p.as_index()].time)
                                                 : nlohmann::ordered_json("daily");
        case parameter_kind::text:
            return p.as_index() < c.texts.size() ? nlohmann::ordered_json(c.texts[p.as_index()])
                                                 : nlohmann::ordered_json("");
        case parameter_kind::whole_unit_reason: return reason_id(p.as_reason());
        case parameter_kind::whole_unit_form: return form_id(p.as_form());
        case parameter_kind::guidance: return guidance_id(p.as_guidance());
        case parameter_kind::pk_parameter: return pk_parameter_id(p.as_pk_parameter());
        case parameter_kind::symptom: return info(static_cast<symptom>(p.as_index())).id;
        case parameter_kind::evidence: return info(static_cast<evidence_source>(p.as_index())).id;
        case parameter_kind::drug_ref:
            return p.as_index() < c.texts.size() ? nlohmann::ordered_json(c.texts[p.as_index()])
                                                 : nlohmann::ordered_json("");
        // Realization's references: the form's label ("2 mg/mL liquid"), or the drug's name.
        case parameter_kind::form_on_hand:
            return p.as_index() < c.forms.size() ? nlohmann::ordered_json(c.forms[p.as_index()].label)
                                                 : nlohmann::ordered_json(p.as_index());
        case parameter_kind::drug_form: {
            if (c.subject == nullptr) return p.as_index();
            const auto forms = all_forms(*c.subject);
            return p.as_index() < forms.size() ? nlohmann::ordered_json(forms[p.as_index()].label)
                                               : nlohmann::ordered_json(p.as_index());
        }
        case parameter_kind::drug_name:
            return p.as_index() < c.drugs.size() ? nlohmann::ordered_json(c.drugs[p.as_index()])
                                                 : nlohmann::ordered_json(p.as_index());
        default: return p.number() == 0 ? 0.0 : p.number();  // in the kind's unit (docs/messages.md)
    }
}

}  // namespace

nlohmann::ordered_json message_json(const message& m, const message_context& context) {
    nlohmann::ordered_json j;
    const message_info& i = info(m.code);
    j["code"] = static_cast<int>(m.code);
    j["id"] = i.id;
    j["severity"] = id(m.level);
    nlohmann::ordered_json params = nlohmann::ordered_json::object();
    for (std::size_t n = 0; n < i.parameters.size(); ++n)
        if (i.parameters[n].kind != parameter_kind::none)
            params[std::string(i.parameters[n].name)] = parameter_json(m[n], context);
    j["params"] = std::move(params);
    j["text"] = text(m, context);
    return j;
}

}  // namespace taper::detail
