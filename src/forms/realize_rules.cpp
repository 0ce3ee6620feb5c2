// The safety rules checked again on the doses as taken (docs/safety.md, "Realization"):
// rounding to what the forms on hand can make must never hide an abrupt stop. When the forms
// force a large last dose, the step says which of the drug's forms (not on hand) would make
// the planned last dose instead.
#include "practicality.hpp"
#include "realize_schedule.hpp"

#include <taper/plan/abrupt_stop.hpp>
#include <taper/plan/pace_guidance.hpp>

#include <cmath>

namespace taper::forms_detail {

namespace {

/// The smallest dose (tablet-equivalent mg) at or above `dose` that `f` makes as one
/// measurement: whole (or, where the data allows, half) units, or at least the syringe's
/// smallest volume of a liquid on its grid; nullopt for a form that is not measured so.
std::optional<double> smallest_dose(const available_form& f, double dose, const realization_options& o) {
    if (f.unit_strength && f.kind == form_kind::tablet) {
        const double unit = in(*f.unit_strength, units::mg) * f.bioavailability;
        if (!(unit > 0)) return std::nullopt;
        const double piece = f.may_split ? unit / 2 : unit;
        return piece * std::max(1.0, std::ceil(dose / piece - 1e-9));
    }
    if (f.liquid_strength && f.kind == form_kind::liquid) {
        const double per_ml = in(*f.liquid_strength, units::mg / units::mL) * f.bioavailability;
        const double grid = in(o.tools.syringe_resolution, units::mL);
        if (!(per_ml > 0) || !(grid > 0)) return std::nullopt;
        const double ml = std::max(in(o.tools.min_volume, units::mL), grid * std::ceil(dose / per_ml / grid - 1e-9));
        return ml * per_ml;
    }
    return std::nullopt;
}

}  // namespace

// Rule R1 (abrupt stop as taken): a step whose doses as taken are 0 after a day that is still
// more than the abrupt-stop share of the start carries the warning, unless the planner's own
// step already does (the plan itself stops abruptly).
void schedule_realizer::check_abrupt_stops() {
    const double start = in(plan_.start_equivalent_dose, units::mg);
    if (!(start > 0)) return;
    // The plan's own last dose before stopping: what a better-suited form would let the person
    // take last.
    double plan_last = 0;
    for (const auto& st : plan_.steps)
        if (in(st.equivalent_daily_dose, units::mg) > 1e-12) plan_last = in(st.equivalent_daily_dose, units::mg);
    double before = start;
    for (auto& rs : out_.steps) {
        const double now = in(rs.realized_daily, units::mg);
        const bool stops = now <= 1e-12 && before > 1e-12;
        const bool planner_warned = contains(rs.planned().messages, message_code::abrupt_stop) ||
                                    contains(rs.planned().messages, message_code::abrupt_stop_seizure_risk);
        if (stops && !planner_warned) {
            if (auto w = abrupt_stop_warning(drug_.klass, before * units::mg, start * units::mg,
                                             message_code::realized_abrupt_stop,
                                             message_code::realized_abrupt_stop_seizure_risk,
                                             gentle_stop_dose(plan_.basis == dose_basis::diazepam_mg ||
                                                              drug_.name == "diazepam"))) {
                rs.messages.push_back(*w);
                suggest_smaller_last_dose(rs, before, plan_last);
            }
        }
        before = now;
    }
}

// Rule R5 (pace as taken): the class guidance on pace (plan/pace_guidance.hpp) checked on the
// doses as taken. Rounding can make a cut larger than the planned one (a 10% cut taken as 25%
// because the tablets make nothing nearer); such a step is warned unless the planner's step
// already is. In occupancy points for own-mg plans with a model, as the planner judges them.
void schedule_realizer::check_pace_as_taken() {
    const bool in_points = model_ != nullptr && plan_.basis == dose_basis::own_mg;
    mass before = plan_.start_equivalent_dose;
    for (auto& rs : out_.steps) {
        const mass now = rs.realized_daily;
        const bool planner_warned = contains(rs.planned().messages, message_code::faster_than_guidance_share) ||
                                    contains(rs.planned().messages, message_code::faster_than_guidance_points);
        if (now < before && !planner_warned) {
            const bool stops = !(in(now, units::mg) > 1e-12);
            const step_phase phase =
                stops || rs.planned().phase == step_phase::stop ? step_phase::stop : step_phase::reduce;
            std::optional<occupancy_points> points;
            if (in_points) points = model_->occupancy_percent(before) - model_->occupancy_percent(now);
            if (auto w = pace_warning(drug_.klass, pace_cut{phase, before, now, points, rs.planned().length},
                                      message_code::realized_faster_than_guidance_share,
                                      message_code::realized_faster_than_guidance_points))
                rs.messages.push_back(*w);
        }
        before = now;
    }
}

// Rule R8 (practicality): a recipe no pharmacist would dispense is said, never handed over as
// if it were ordinary (the limits and why: practicality.hpp).

void schedule_realizer::check_practicality() {
    for (auto& rs : out_.steps) {
        for (std::size_t i = 0; i < rs.recipes.size(); ++i) {
            double pieces = 0;
            volume liquid{};
            for (const auto& p : rs.recipes[i].parts) {
                if (p.what == dose_component::kind::liquid_volume || p.what == dose_component::kind::dilution)
                    liquid += p.amount_volume;
                else
                    pieces += std::ceil(p.count);
            }
            if (pieces > impractical_pieces || in(liquid, units::mL) > impractical_volume_ml)
                rs.messages.push_back(make_message(message_code::impractical_recipe,
                                                   {parameter::dose_time(i),
                                                    parameter::count(static_cast<std::size_t>(pieces)), liquid}));
        }
    }
}

// A form of the drug not on hand whose smallest dose at or above the plan's last dose is
// below the abrupt-stop line, so that the person could stop from it: tablets first (what the
// person already takes), then liquids; among them the one with the smallest such dose.
void schedule_realizer::suggest_smaller_last_dose(realized_step& rs, double taken_last, double plan_last) {
    const double line = abrupt_stop_fraction * in(plan_.start_equivalent_dose, units::mg);
    if (plan_.basis != dose_basis::own_mg || !(plan_last > 0)) return;
    const auto every = all_forms(drug_);
    for (const bool solids : {true, false}) {
        std::optional<std::size_t> best;
        double best_dose = 0;
        for (std::size_t i = 0; i < every.size(); ++i) {
            const available_form& f = every[i];
            if ((f.kind == form_kind::tablet) != solids) continue;
            const bool on_hand = std::any_of(engines_[0]->forms().begin(), engines_[0]->forms().end(),
                                             [&](const available_form* g) {
                                                 return g->formulation_id == f.formulation_id && g->label == f.label;
                                             });
            const auto dose = on_hand ? std::nullopt : smallest_dose(f, plan_last, options_);
            if (!dose || *dose > line * (1 + 1e-9) || *dose >= taken_last) continue;
            if (!best || *dose < best_dose) {
                best = i;
                best_dose = *dose;
            }
        }
        if (best) {
            rs.messages.push_back(make_message(message_code::form_would_avoid_abrupt_stop,
                                               {parameter::drug_form(*best), best_dose * units::mg,
                                                taken_last * units::mg}));
            return;
        }
    }
}

}  // namespace taper::forms_detail
