// One simulated course, and the comparison of several plans.
#include "setup.hpp"

#include <taper/messages/text.hpp>
#include <taper/simulate/simulation.hpp>

#include <cmath>

namespace taper {
namespace {

// The parameter as error_detail::option names it ("time to peak (tmax)", "active metabolite
// norfluoxetine's fraction formed").
std::string pk_parameter_name(pharmacokinetic_parameter k, const std::string& metabolite) {
    switch (k) {
        case pharmacokinetic_parameter::half_life: return "half-life";
        case pharmacokinetic_parameter::time_to_peak: return "time to peak (tmax)";
        case pharmacokinetic_parameter::metabolite_half_life: return "active metabolite " + metabolite + "'s half-life";
        case pharmacokinetic_parameter::metabolite_fraction_formed:
            return "active metabolite " + metabolite + "'s fraction formed";
        case pharmacokinetic_parameter::metabolite_relative_potency:
            return "active metabolite " + metabolite + "'s relative potency";
    }
    return "pharmacokinetics";
}

}  // namespace

std::optional<message> simulation_refusal(const schedule& plan) {
    using k = pharmacokinetic_parameter;
    if (!plan.subject) return std::nullopt;  // prepare_course says what is wrong with such a plan
    const pharmacokinetics* pk = pharmacokinetics_of(plan.subject->name);
    if (pk == nullptr) return make_message(message_code::simulation_no_pharmacokinetics);
    if (!pk->half_life) return make_message(message_code::simulation_parameter_unknown, {k::half_life});
    if (!pk->time_to_peak) return make_message(message_code::simulation_parameter_unknown, {k::time_to_peak});
    if (pk->metabolite && pk->metabolite->active) {
        const auto& m = *pk->metabolite;
        if (!m.half_life) return make_message(message_code::simulation_parameter_unknown, {k::metabolite_half_life});
        if (!m.fraction_formed)
            return make_message(message_code::simulation_parameter_unknown, {k::metabolite_fraction_formed});
        if (!m.relative_potency)
            return make_message(message_code::simulation_parameter_unknown, {k::metabolite_relative_potency});
        return make_message(message_code::simulation_active_metabolite);
    }
    return std::nullopt;
}

namespace simulate_detail {
namespace {

// The refusal's text, with the source's own words on what is missing (for the error message).
[[noreturn]] void refuse(const schedule& plan, const message& why, const std::string& name_in_data,
                         const provenance* origin) {
    std::string what = text(why, context_of(plan));
    if (!name_in_data.empty() || origin != nullptr) {
        what += " (" + name_in_data;
        if (origin != nullptr)
            what += std::string(name_in_data.empty() ? "" : ": ") + std::string(to_string(origin->status)) + "; " +
                    (origin->source.empty() ? std::string("no source") : origin->source);
        what += ")";
    }
    const std::string& drug = plan.subject->name;
    std::string option = why.code == message_code::simulation_active_metabolite ? "metabolite" : "pharmacokinetics";
    if (why.code == message_code::simulation_parameter_unknown)
        option = pk_parameter_name(why[0].as_pk_parameter(), name_in_data);
    throw missing_data_error(what, error_detail{error_code::missing_data, drug,
                                                "a sourced value in data/pharmacokinetics.json", option, {}});
}

const occupancy_model* model_for(const schedule& plan, const simulation_options& o) {
    const drug& d = *plan.subject;
    const std::string id = !o.occupancy_model.empty() ? o.occupancy_model : plan.occupancy_model;
    if (!id.empty()) {
        // Checked before drug::occupancy(id), which refuses an unusable model too but without
        // the error_detail (drug, option) an app reads: the refusal is coded here.
        if (const occupancy_model* found = d.find_target(id); found != nullptr && !found->usable())
            throw missing_data_error("cannot simulate " + d.name + ": its occupancy model " + id +
                                         " lacks Emax, ED50 or the Hill coefficient",
                                     error_detail{error_code::missing_data, d.name, "a usable occupancy model",
                                                  "occupancy model", {}});
        return &d.occupancy(id);  // throws listing the ids there are
    }
    if (const occupancy_model* m = d.usable_occupancy()) return m;
    if (!o.adaptation) return nullptr;
    throw missing_data_error("cannot simulate adaptation for " + d.name + ": it has no usable receptor occupancy "
                             "model, so occupancy over time cannot be computed",
                             error_detail{error_code::missing_data, d.name, "a usable occupancy model",
                                          "occupancy model", {}});
}

}  // namespace

prepared_course prepare_course(const schedule& plan, const simulation_options& o) {
    if (!plan.subject)
        throw invalid_argument_error("the plan carries no drug data (a schedule made by hand?): the simulation "
                                     "needs the drug the plan was made for",
                                     error_detail{error_code::invalid_argument, {}, "a plan from make_plan", "plan", {}});
    const std::string& name = plan.subject->name;
    if (const auto why = simulation_refusal(plan)) {
        const pharmacokinetics* pk = pharmacokinetics_of(name);
        const provenance* origin = nullptr;
        std::string in_data;
        if (pk != nullptr && why->code == message_code::simulation_parameter_unknown) {
            switch (why->parameters[0].as_pk_parameter()) {
                case pharmacokinetic_parameter::half_life: origin = &pk->half_life.origin; break;
                case pharmacokinetic_parameter::time_to_peak: origin = &pk->time_to_peak.origin; break;
                case pharmacokinetic_parameter::metabolite_half_life: origin = &pk->metabolite->half_life.origin; break;
                case pharmacokinetic_parameter::metabolite_fraction_formed:
                    origin = &pk->metabolite->fraction_formed.origin;
                    break;
                case pharmacokinetic_parameter::metabolite_relative_potency:
                    origin = &pk->metabolite->relative_potency.origin;
                    break;
            }
        }
        const bool about_metabolite =
            why->code == message_code::simulation_active_metabolite ||
            (origin != nullptr && why->parameters[0].as_pk_parameter() >= pharmacokinetic_parameter::metabolite_half_life);
        if (about_metabolite) in_data = pk->metabolite->name;
        refuse(plan, *why, in_data, origin);
    }
    const pharmacokinetics* pk = pharmacokinetics_of(name);
    const occupancy_model* model = model_for(plan, o);

    prepared_course c;
    simulation_parameters& p = c.parameters;
    p.half_life = *pk->half_life;
    p.time_to_peak = *pk->time_to_peak;
    p.elimination_per_hour = std::log(2.0) / in(p.half_life, units::hour);
    p.absorption_per_hour = absorption_rate_per_hour(p.time_to_peak, p.half_life);
    if (pk->bioavailability) p.bioavailability = *pk->bioavailability;
    if (pk->volume) {
        p.volume = *pk->volume;
    } else if (pk->volume_per_kg && o.body_weight) {
        p.volume = (*pk->volume_per_kg * in(*o.body_weight, units::g) / 1000.0) * units::L;
    }
    if (model != nullptr) {
        p.has_occupancy = true;
        p.emax = *model->emax_percent * units::points;
        p.ed50 = *model->ed50;
        p.hill = *model->hill;
        p.occupancy_model = model->id;
        p.receptor = model->receptor;
    }
    c.bioavailable_fraction = p.bioavailability ? in(*p.bioavailability, units::fraction) : 1.0;

    c.doses = dose_events(plan, o);
    kernel_schedule& s = c.schedule;
    s.step_hours = in(o.resolution, units::hour);
    s.steps_per_day = std::llround(24.0 / s.step_hours);
    const long plan_days = days_between(plan.start, plan.end());
    s.days = plan_days + std::lround(in(o.after_end, units::day));
    for (const dose_event& e : c.doses) {
        const auto index = std::llround(in(e.time, units::hour) / s.step_hours);
        if (index < s.days * s.steps_per_day)
            s.doses.emplace_back(index, in(e.amount, units::mg) * c.bioavailable_fraction);
    }
    // The regimen before the plan: its split, or the starting dose once daily.
    const hours daily_clock = o.dose_clock.count("daily") ? o.dose_clock.find("daily")->second : 8.0 * units::hour;
    if (plan.start_split.empty()) {
        s.start_day.emplace_back(in(daily_clock, units::hour), in(plan.start_dose, units::mg) * c.bioavailable_fraction);
    } else {
        for (const timed_dose& t : plan.start_split) {
            const auto clock = o.dose_clock.find(t.time);
            if (clock == o.dose_clock.end())
                throw invalid_argument_error("the dose-time \"" + t.time + "\" has no clock time: give it in dose_clock",
                                             error_detail{error_code::invalid_argument, t.time,
                                                          "a clock time for each dose-time name", "dose_clock", {}});
            s.start_day.emplace_back(in(clock->second, units::hour), in(t.amount, units::mg) * c.bioavailable_fraction);
        }
    }
    s.step_ends.assign(static_cast<std::size_t>(s.days), 0);
    for (const step& st : plan.steps) {
        const long last = days_between(plan.start, st.end()) - 1;
        if (last >= 0 && last < s.days) s.step_ends[static_cast<std::size_t>(last)] = 1;
    }
    return c;
}

kernel_people typical_people(const prepared_course& c, const simulation_options& o, Eigen::Index n) {
    const simulation_parameters& p = c.parameters;
    kernel_people k;
    k.ka = Eigen::ArrayXd::Constant(n, p.absorption_per_hour);
    k.ke = Eigen::ArrayXd::Constant(n, p.elimination_per_hour);
    // The dose–occupancy fit is read as a fit to the steady-state average amount in the body:
    // a daily dose D keeps on average F·D/(ke·24 h) there, so ED50 maps to that amount.
    // Without a model, occupancy is held at zero (emax 0) and left out of the results.
    const double a50 = c.bioavailable_fraction * in(p.ed50, units::mg) / (p.elimination_per_hour * 24.0);
    k.inv_a50 = Eigen::ArrayXd::Constant(n, p.has_occupancy ? 1.0 / a50 : 0.0);
    k.emax = p.has_occupancy ? in(p.emax, units::points) : 0.0;
    k.hill = p.hill;
    if (o.adaptation) {
        const double tau_h = in(o.adaptation->time_constant, units::day) * 24.0;
        if (!(tau_h > 0))
            throw invalid_argument_error("the adaptation time constant must be positive",
                                         error_detail{error_code::invalid_argument, {}, "a positive duration",
                                                      "adaptation time constant", {}});
        k.adaptation = true;
        k.threshold = in(o.adaptation->threshold, units::points);
        k.adapt_decay = Eigen::ArrayXd::Constant(n, std::exp(-c.schedule.step_hours / tau_h));
    }
    return k;
}

}  // namespace simulate_detail

simulation_parameters simulation_parameters_for(const schedule& plan, const simulation_options& options) {
    return simulate_detail::prepare_course(plan, options).parameters;
}

simulation simulate(const schedule& plan, const simulation_options& options) {
    using namespace simulate_detail;
    prepared_course c = prepare_course(plan, options);
    const kernel_people people = typical_people(c, options, 1);
    kernel_series series;
    const kernel_metrics m = run_kernel(c.schedule, people, &series);

    simulation out;
    out.plan = plan;
    out.parameters = c.parameters;
    out.options = options;
    out.doses = std::move(c.doses);
    const std::size_t samples = series.occupancy.size();
    out.time.reserve(samples);
    for (std::size_t i = 0; i < samples; ++i)
        out.time.push_back(static_cast<double>(i) * c.schedule.step_hours * units::hour);
    for (double a : series.amount) out.amount_in_body.push_back(a * units::mg);
    if (c.parameters.volume && c.parameters.bioavailability)
        for (double a : series.amount)
            out.plasma_concentration.push_back(a * units::mg /
                                               volume(in(*c.parameters.volume, units::L) * 1000.0 * units::mL));
    if (c.parameters.has_occupancy)
        for (double v : series.occupancy) out.occupancy.push_back(v * units::points);
    for (double v : series.set_point) out.set_point.push_back(v * units::points);
    for (double v : series.pressure) out.pressure.push_back(v * units::points);

    simulation_metrics& r = out.metrics;
    r.length = static_cast<double>(days_between(plan.start, plan.end())) * units::day;
    r.largest_step_change = m.largest_step_change[0] * units::points;
    r.largest_day_to_day_change = m.largest_day_to_day_change[0] * units::points;
    r.largest_within_day_fluctuation = m.largest_within_day[0] * units::points;
    r.largest_two_day_swing = m.largest_two_day[0] * units::points;
    if (people.adaptation) {
        r.peak_pressure = m.peak_pressure[0] * units::points;
        r.time_above_threshold = m.hours_above[0] * units::hour;
        r.area_above_threshold_point_hours = m.area_above[0];
    }
    r.doses_taken = static_cast<int>(out.doses.size());
    r.largest_two_day_amount_ratio = m.largest_two_day_amount_ratio[0];

    if (!c.parameters.has_occupancy) out.messages.push_back(make_message(message_code::simulation_no_occupancy_model));
    const pharmacokinetics* pk = pharmacokinetics_of(plan.subject->name);
    if (pk != nullptr && pk->metabolite && !pk->metabolite->active)
        out.messages.push_back(make_message(message_code::simulation_metabolite_not_modelled));
    if (out.plasma_concentration.empty())
        out.messages.push_back(make_message(message_code::simulation_no_concentration));
    return out;
}

std::vector<simulation_metrics> compare(std::span<const schedule> plans, const simulation_options& options) {
    std::vector<simulation_metrics> out;
    out.reserve(plans.size());
    for (const schedule& plan : plans) out.push_back(simulate(plan, options).metrics);
    return out;
}

}  // namespace taper
