// Recipes as a person reads them, written on demand from their parts and the forms they name
// (include/taper/forms/instruction.hpp). The amounts are appended in place (realizer_text.hpp).
#include <taper/forms/instruction.hpp>

#include "realizer.hpp"

#include <taper/error.hpp>

#include <cmath>
#include <utility>

namespace taper {

namespace {

using forms_detail::append_amount;
using forms_detail::append_count;
using forms_detail::num;

const available_form& form_of(const dose_component& part, const std::vector<available_form>& on_hand) {
    if (part.form >= on_hand.size()) {
        error_detail detail;
        detail.input = std::to_string(part.form);
        detail.expected = "an index into the forms the recipe was made with";
        throw invalid_argument_error("instruction text: the part names form " + detail.input + ", but " +
                                         std::to_string(on_hand.size()) + " forms are on hand",
                                     std::move(detail));
    }
    return on_hand[part.form];
}

void append_part(std::string& text, const dose_component& part, const available_form& f,
                 const realization_options& options) {
    switch (part.what) {
        case dose_component::kind::whole_or_split_units: {
            // count is whole units plus halves and quarters: 4 × count quarters in all.
            forms_detail::append_pieces(text, 0, 0, static_cast<int>(std::lround(part.count * 4)));
            text += " × ";
            text += f.label;
            break;
        }
        case dose_component::kind::liquid_volume: {
            const double v = in(part.amount_volume, units::mL);
            append_amount(text, v);
            text += " mL of ";
            text += f.label;
            const int fills = forms_detail::fills_for(v, in(options.tools.max_volume, units::mL));
            if (fills > 1) {
                text += " (";
                append_count(text, fills);
                text += " syringe fills)";
            }
            if (f.must_dilute) text += ", diluted before taking";
            break;
        }
        case dose_component::kind::drops: {
            const long k = std::lround(part.count);
            append_count(text, k);
            text += k == 1 ? " drop of " : " drops of ";
            text += f.label;
            break;
        }
        case dose_component::kind::beads: {
            const long k = std::lround(part.count);
            append_count(text, k);
            text += k == 1 ? " bead" : " beads";
            text += " counted from a ";
            text += f.label;
            text += " (";
            append_count(text, f.bead_count ? std::lround(in(*f.bead_count, units::bead / units::capsule)) : 0);
            text += " beads per capsule)";
            break;
        }
        case dose_component::kind::dilution: {
            const double w = in(part.dispersed_in, units::mL);
            const double strength = f.unit_strength ? in(*f.unit_strength, units::mg) : 0.0;
            text += "disperse 1 × " + f.label + " in " + num(w) + " mL of water (" + num(strength / w) +
                    " mg/mL), freshly for this dose; stir well and at once take " +
                    num(in(part.amount_volume, units::mL)) + " mL with an oral syringe; discard the rest";
            if (!f.caution.empty()) text += " (" + f.caution + ")";
            break;
        }
    }
}

}  // namespace

std::string instruction_text(const dose_component& part, const std::vector<available_form>& on_hand,
                             const realization_options& options) {
    std::string text;
    append_part(text, part, form_of(part, on_hand), options);
    return text;
}

std::string instruction_text(const dose_recipe& recipe, const std::vector<available_form>& on_hand,
                             const realization_options& options) {
    std::string text;
    if (!recipe.realized_here) {
        text = "not realized here: no " + recipe.drug + " forms on hand (";
        append_amount(text, in(recipe.target, units::mg));
        text += " mg as planned)";
        return text;
    }
    if (recipe.parts.empty()) return in(recipe.target, units::mg) > 0 ? "nothing (0 mg)" : "none (0 mg)";
    double realized = 0, labelled = 0;
    bool converted = false;
    std::string cautions;
    text.reserve(64);
    for (const auto& part : recipe.parts) {
        const available_form& f = form_of(part, on_hand);
        realized += in(part.equivalent, units::mg);
        labelled += in(part.labelled, units::mg);
        if (std::abs(f.bioavailability - 1.0) > 1e-12) converted = true;
        if (!f.caution.empty() && cautions.find(f.caution) == std::string::npos)
            cautions += "; " + f.label + ": " + f.caution;
        if (!text.empty()) text += " + ";
        append_part(text, part, f, options);
    }
    text += " = ";
    if (converted) {
        append_amount(text, labelled);
        text += " mg on the label ≡ ";
        append_amount(text, realized);
        text += " mg as tablets";
    } else {
        append_amount(text, realized);
        text += " mg";
    }
    return text + cautions;
}

std::string instruction_text(const realized_schedule& realization, const dose_recipe& recipe) {
    return instruction_text(recipe, realization.forms, realization.options);
}

}  // namespace taper
