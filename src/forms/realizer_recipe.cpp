// From a choice to the recipe a person follows: the parts (pieces per product, then the
// top-up), the instruction text, and a warning when the dose is off target. Runs for every
// dose of every step, so the text is appended in place (realizer_text.hpp).
#include "realizer.hpp"

namespace taper::forms_detail {

namespace {
constexpr auto round9 = detail::without_float_noise;

mass mg_of(double x) { return x * units::mg; }
volume ml_of(double x) { return x * units::mL; }
}  // namespace

// Solid pieces, grouped per product (whole, half, quarter), in the order the forms were given.
void engine::add_solid_parts(const choice& c, dose_recipe& r, std::array<int, 66>& sources, std::size_t& count) const {
    std::array<std::array<int, 3>, 64> counts{};
    for (std::size_t i = c.solid_index; i > 0;) {
        const piece_type& type = c.table->types[c.table->last[i]];
        const int size = type.denominator == 1 ? 0 : type.denominator == 2 ? 1 : 2;
        ++counts[static_cast<std::size_t>(type.product)][static_cast<std::size_t>(size)];
        i -= static_cast<std::size_t>(type.steps);
    }
    for (std::size_t pi = 0; pi < products_.size(); ++pi) {
        const auto& n = counts[pi];
        if (n[0] + n[1] + n[2] == 0) continue;
        const available_form& f = *products_[pi].source;
        dose_component part;
        part.what = dose_component::kind::whole_or_split_units;
        part.formulation_id = f.formulation_id;
        part.label = f.label;
        part.count = n[0] + n[1] / 2.0 + n[2] / 4.0;
        part.units_used = part.count;
        part.labelled = mg_of(round9(part.count * in(*f.unit_strength, units::mg)));
        part.equivalent = mg_of(round9(part.count * products_[pi].unit_eq));
        part.instruction.reserve(24 + f.label.size());
        append_pieces(part.instruction, n[0], n[1], n[2]);
        part.instruction += " × ";
        part.instruction += f.label;
        r.parts.push_back(std::move(part));
        sources[count++] = static_cast<int>(pi);
    }
}

// The top-up part: a volume on the syringe, drops, beads, or a dilution to take from.
dose_component engine::topup_part(const choice& c) const {
    const topup_kind& t = topups_[static_cast<std::size_t>(c.topup)];
    const product& p = products_[static_cast<std::size_t>(t.product)];
    const available_form& f = *p.source;
    dose_component part;
    part.what = t.what;
    part.formulation_id = f.formulation_id;
    part.label = f.label;
    const double eq = topup_amount(t, p, c.k);
    part.equivalent = mg_of(eq);
    part.labelled = mg_of(round9(eq / f.bioavailability));
    std::string& text = part.instruction;
    text.reserve(48 + f.label.size());
    switch (t.what) {
        case dose_component::kind::liquid_volume: {
            const double v = round9(c.k * t.step_volume);
            part.amount_volume = ml_of(v);
            part.labelled = mg_of(round9(v * in(*f.liquid_strength, units::mg / units::mL)));
            append_amount(text, v);
            text += " mL of ";
            text += f.label;
            const int fills = fills_for(v, in(options_.tools.max_volume, units::mL));
            if (fills > 1) {
                text += " (";
                append_count(text, fills);
                text += " syringe fills)";
            }
            if (f.must_dilute) text += ", diluted before taking";
            break;
        }
        case dose_component::kind::drops: {
            const double drop_ml = in(*f.drop_volume, units::mL / units::drop);
            part.count = c.k;
            part.amount_volume = ml_of(round9(c.k * drop_ml));
            part.labelled = mg_of(round9(c.k * drop_ml * in(*f.liquid_strength, units::mg / units::mL)));
            append_count(text, c.k);
            text += c.k == 1 ? " drop of " : " drops of ";
            text += f.label;
            break;
        }
        case dose_component::kind::beads: {
            part.count = c.k;
            part.units_used = static_cast<double>(c.k) / p.bead_count;
            part.labelled = mg_of(round9(c.k * in(*f.unit_strength, units::mg) / p.bead_count));
            append_count(text, c.k);
            text += c.k == 1 ? " bead" : " beads";
            text += " counted from a " + f.label + " (";
            append_count(text, p.bead_count);
            text += " beads per capsule)";
            break;
        }
        case dose_component::kind::dilution: {
            const double w = water_[static_cast<std::size_t>(t.water)];
            const double v = round9(c.k * t.step_volume);
            const double strength = in(*f.unit_strength, units::mg);
            part.count = 1;
            part.units_used = 1;
            part.dispersed_in = ml_of(w);
            part.amount_volume = ml_of(v);
            part.labelled = mg_of(round9(strength * v / w));
            text = "disperse 1 × " + f.label + " in " + num(w) + " mL of water (" + num(strength / w) +
                   " mg/mL), freshly for this dose; stir well and at once take " + num(v) +
                   " mL with an oral syringe; discard the rest";
            if (!f.caution.empty()) text += " (" + f.caution + ")";
            break;
        }
        case dose_component::kind::whole_or_split_units: break;
    }
    return part;
}

// "1 × 10 mg tablet + 1.7 mL of 2 mg/mL liquid = 13.4 mg", or with a conversion "... = 8 mg
// on the label ≡ 10 mg as tablets"; then each product's caution, once.
double engine::write_instruction(dose_recipe& r, const std::array<int, 66>& sources, double goal) const {
    double realized = 0, labelled = 0;
    bool converted = false;
    std::string cautions;
    for (std::size_t i = 0; i < r.parts.size(); ++i) {
        realized += in(r.parts[i].equivalent, units::mg);
        labelled += in(r.parts[i].labelled, units::mg);
        const available_form& f = *products_[static_cast<std::size_t>(sources[i])].source;
        if (std::abs(f.bioavailability - 1.0) > 1e-12) converted = true;
        if (!f.caution.empty() && cautions.find(f.caution) == std::string::npos)
            cautions += "; " + f.label + ": " + f.caution;
    }
    r.realized = mg_of(round9(realized));
    std::string& text = r.instruction;
    std::size_t length = 32 + cautions.size();
    for (const auto& part : r.parts) length += part.instruction.size() + 3;
    text.reserve(length);
    for (const auto& part : r.parts) {
        if (!text.empty()) text += " + ";
        text += part.instruction;
    }
    if (r.parts.empty()) {
        text = goal > 0 ? "nothing (0 mg)" : "none (0 mg)";
    } else if (converted) {
        text += " = ";
        append_amount(text, labelled);
        text += " mg on the label ≡ ";
        append_amount(text, realized);
        text += " mg as tablets";
    } else {
        text += " = ";
        append_amount(text, realized);
        text += " mg";
    }
    text += cautions;
    return realized;
}

dose_recipe engine::recipe(const choice& c, double goal, std::size_t line) const {
    dose_recipe r;
    r.target = mg_of(goal);
    r.parts.reserve(2);
    // The product of each part (a recipe has at most one part per product, plus a top-up).
    std::array<int, 66> sources{};
    std::size_t source_count = 0;
    if (c.table != nullptr && c.solid_index > 0) add_solid_parts(c, r, sources, source_count);
    if (c.topup >= 0) {
        r.parts.push_back(topup_part(c));
        sources[source_count++] = topups_[static_cast<std::size_t>(c.topup)].product;
    }
    const double realized = write_instruction(r, sources, goal);
    add_off_target_warning(r, realized, goal, line);
    return r;
}

}  // namespace taper::forms_detail
