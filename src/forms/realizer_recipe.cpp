// From a choice to the recipe a person follows: the parts (pieces per product, then the
// top-up) and a warning when the dose is off target. Runs for every dose of every step, so it
// writes numbers only: the text is written on demand (forms/instruction.hpp).
#include "realizer.hpp"

namespace taper::forms_detail {

namespace {
mass mg_of(double x) { return x * units::mg; }
volume ml_of(double x) { return x * units::mL; }
}  // namespace

// Solid pieces, grouped per product (whole, half, quarter), in the order the forms were given.
void engine::add_solid_parts(const choice& c, dose_recipe& r) const {
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
        dose_component& part = r.parts.emplace_back();
        part.what = dose_component::kind::whole_or_split_units;
        part.form = origin_of(&f);
        part.formulation_id = f.formulation_id;
        part.label = f.label;
        part.count = n[0] + n[1] / 2.0 + n[2] / 4.0;
        part.units_used = part.count;
        part.labelled = mg_of(round9(part.count * in(*f.unit_strength, units::mg)));
        part.equivalent = mg_of(round9(part.count * products_[pi].unit_eq));
    }
}

// The top-up part: a volume on the syringe, drops, beads, or a dilution to take from.
void engine::add_topup_part(const choice& c, dose_recipe& r) const {
    const topup_kind& t = topups_[static_cast<std::size_t>(c.topup)];
    const product& p = products_[static_cast<std::size_t>(t.product)];
    const available_form& f = *p.source;
    dose_component& part = r.parts.emplace_back();
    part.what = t.what;
    part.form = origin_of(&f);
    part.formulation_id = f.formulation_id;
    part.label = f.label;
    const double eq = topup_amount(t, p, c.k);
    part.equivalent = mg_of(eq);
    part.labelled = mg_of(round9(eq / f.bioavailability));
    switch (t.what) {
        case dose_component::kind::liquid_volume: {
            const double v = round9(c.k * t.step_volume);
            part.amount_volume = ml_of(v);
            part.labelled = mg_of(round9(v * in(*f.liquid_strength, units::mg / units::mL)));
            break;
        }
        case dose_component::kind::drops: {
            const double drop_ml = in(*f.drop_volume, units::mL / units::drop);
            part.count = c.k;
            part.amount_volume = ml_of(round9(c.k * drop_ml));
            part.labelled = mg_of(round9(c.k * drop_ml * in(*f.liquid_strength, units::mg / units::mL)));
            break;
        }
        case dose_component::kind::beads: {
            part.count = c.k;
            part.units_used = static_cast<double>(c.k) / p.bead_count;
            part.labelled = mg_of(round9(c.k * in(*f.unit_strength, units::mg) / p.bead_count));
            break;
        }
        case dose_component::kind::dilution: {
            const double w = water_[static_cast<std::size_t>(t.water)];
            const double v = round9(c.k * t.step_volume);
            part.count = 1;
            part.units_used = 1;
            part.dispersed_in = ml_of(w);
            part.amount_volume = ml_of(v);
            part.labelled = mg_of(round9(in(*f.unit_strength, units::mg) * v / w));
            break;
        }
        case dose_component::kind::whole_or_split_units: break;
    }
}

// The recipe's numbers; its text is written on demand (src/forms/recipe_text.cpp).
dose_recipe engine::recipe(const choice& c, double goal, std::size_t line) const {
    dose_recipe r;
    recipe_into(r, c, goal, line);
    return r;
}

void engine::recipe_into(dose_recipe& r, const choice& c, double goal, std::size_t line) const {
    r.target = mg_of(goal);
    r.parts.reserve(2);
    if (c.table != nullptr && c.solid_index > 0) add_solid_parts(c, r);
    if (c.topup >= 0) add_topup_part(c, r);
    double realized = 0;
    for (const auto& part : r.parts) realized += in(part.equivalent, units::mg);
    r.realized = mg_of(round9(realized));
    add_off_target_warning(r, realized, goal, line);
}

}  // namespace taper::forms_detail
