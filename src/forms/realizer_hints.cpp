// When a dose cannot be made within the tolerance: the warning, and what would measure it
// more finely (a liquid, a dilution, the drug's finer forms that are not on hand), as coded
// messages on the recipe (codes 400-406; text in src/forms/realization_text.cpp).
#include "realizer.hpp"

namespace taper::forms_detail {

void engine::add_off_target_hints(dose_recipe& r, double goal) const {
    const std::size_t before = r.messages.size();
    bool fine_form = false;
    const double min_v = in(options_.tools.min_volume, units::mL);
    for (const auto& p : products_) {
        if (p.syringe) {
            fine_form = true;
            const double v = goal / p.per_ml_eq;
            if (v < min_v - 1e-12 && goal > 0)
                r.messages.push_back(make_message(message_code::below_syringe_minimum,
                                                  {parameter::on_hand_form(origin_of(p.source)), v * units::mL,
                                                   options_.tools.min_volume}));
        }
        if (p.counted_drops || p.counted_beads || p.dilutable) fine_form = true;
        if (p.source->dispersible && !options_.allow_dilution)
            r.messages.push_back(
                make_message(message_code::dilution_switched_off, {parameter::on_hand_form(origin_of(p.source))}));
    }
    if (!fine_form) r.messages.push_back(make_message(message_code::liquid_would_measure_finer));
    else if (r.messages.size() == before) r.messages.push_back(make_message(message_code::more_dilute_would_measure_finer));
    if (suggest_from_ != nullptr && !suggestion_) suggestion_ = fine_forms_not_on_hand(*suggest_from_, forms_);
    if (suggestion_)
        for (const std::size_t i : *suggestion_)
            r.messages.push_back(make_message(message_code::drug_also_comes_as, {parameter::drug_form(i)}));
}

void engine::add_off_target_warning(dose_recipe& r, double realized, double goal, std::size_t line) const {
    r.within_tolerance = within_tolerance(realized, goal);
    if (goal > 0 && realized <= 0) {
        r.within_tolerance = false;
        r.messages.push_back(
            make_message(message_code::dose_rounds_to_zero, {parameter::dose_time(line), goal * units::mg}));
        add_off_target_hints(r, goal);
    } else if (!r.within_tolerance) {
        r.messages.push_back(make_message(
            message_code::dose_off_target, {parameter::dose_time(line), goal * units::mg, realized * units::mg,
                                            options_.tolerance_percent * units::percent_of_dose}));
        add_off_target_hints(r, goal);
    }
}

}  // namespace taper::forms_detail
