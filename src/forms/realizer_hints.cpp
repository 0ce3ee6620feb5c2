// When a dose cannot be made within the tolerance: the warning, and what would measure it
// more finely (a liquid, a dilution, the drug's finer forms that are not on hand).
#include "realizer.hpp"

namespace taper::forms_detail {

std::string engine::off_target_hint(double goal) const {
    std::vector<std::string> hints;
    bool fine_form = false;
    const double min_v = in(options_.tools.min_volume, units::mL);
    for (const auto& p : products_) {
        if (p.syringe) {
            fine_form = true;
            const double v = goal / p.per_ml_eq;
            if (v < min_v - 1e-12 && goal > 0)
                hints.push_back("as " + p.source->label + " it would be " + readable(v) +
                                " mL, below the smallest volume the syringe measures (" + num(min_v) + " mL)");
        }
        if (p.counted_drops || p.counted_beads) fine_form = true;
        if (p.dilutable) fine_form = true;
        if (p.source->dispersible && !options_.allow_dilution)
            hints.push_back(p.source->label + " may be dispersed in water, but dilution is switched off");
    }
    if (!fine_form) hints.push_back("a liquid (or a dilution of a dispersible tablet) would measure it more finely");
    else if (hints.empty()) hints.push_back("a more dilute liquid or a dilution would measure it more finely");
    if (suggest_from_ != nullptr && !suggestion_) {
        std::string missing;
        for (const auto& f : all_forms(*suggest_from_)) {
            const bool fine = is_liquid(f.kind) || f.dispersible;
            const bool have = std::any_of(forms_.begin(), forms_.end(), [&](const available_form& g) {
                return g.formulation_id == f.formulation_id && g.label == f.label;
            });
            if (fine && !have) missing += (missing.empty() ? "" : ", ") + f.label;
        }
        suggestion_ = missing.empty() ? std::string() : suggest_from_->name + " also comes as " + missing + " (not on hand)";
    }
    if (suggestion_ && !suggestion_->empty()) hints.push_back(*suggestion_);
    std::string out;
    for (const auto& h : hints) out += "; " + h;
    return out;
}

void engine::add_off_target_warning(dose_recipe& r, double realized, double goal) const {
    r.within_tolerance = within_tolerance(realized, goal);
    if (goal > 0 && realized <= 0) {
        r.within_tolerance = false;
        r.warnings.push_back(readable(goal) + " mg rounds to 0 mg with what is on hand, so this dose would not be taken" +
                             off_target_hint(goal));
    } else if (!r.within_tolerance) {
        const double pct = goal > 0 ? 100.0 * (realized - goal) / goal : 0.0;
        r.warnings.push_back("the closest that can be made to " + readable(goal) + " mg is " + num(realized) + " mg (" +
                             (pct >= 0 ? "+" : "") + num(std::round(pct * 10) / 10) + "%, beyond the " +
                             num(options_.tolerance_percent) + "% tolerance)" + off_target_hint(goal));
    }
}

}  // namespace taper::forms_detail
