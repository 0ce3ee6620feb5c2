// The planner: asks a strategy for targets and turns them into dated steps that keep every
// limit of the request. See include/taper/plan/planner.hpp and docs/schedule-engine.md.
#include <taper/plan/planner.hpp>
#include "../detail/number_text.hpp"
#include "../detail/text.hpp"

#include <taper/forms/whole_units.hpp>
#include <taper/messages/message.hpp>
#include <taper/plan/limits.hpp>
#include <taper/units/access.hpp>
#include <taper/units/io.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <set>

namespace taper {

std::string_view to_string(step_phase p) noexcept {
    switch (p) {
        case step_phase::reduce: return "reduce";
        case step_phase::switch_over: return "switch";
        case step_phase::hold: return "hold";
        case step_phase::stop: return "stop";
    }
    return "?";
}

std::string_view to_string(dose_basis b) noexcept {
    return b == dose_basis::own_mg ? "mg" : "mg diazepam-equivalent";
}

std::optional<double> schedule::factor_of(std::string_view drug_name) const {
    for (const auto& f : basis_factors)
        if (f.drug == drug_name) return f.per_mg;
    const std::string key = detail::ascii_lower(drug_name);
    for (const auto& f : basis_factors)
        if (detail::ascii_lower(f.drug) == key) return f.per_mg;
    return std::nullopt;
}

date step::end() const { return add_days(start, length); }

const occupancy_model& plan_context::require_model(std::string_view strategy) const {
    if (model != nullptr) return *model;
    throw plan_error("the " + std::string(strategy) + " strategy needs a receptor occupancy model, and " +
                     subject.name +
                     " has none that can be evaluated in the data (no published Emax and ED50 were "
                     "found); use the proportional strategy (a percentage of the most recent dose) instead");
}

namespace {

constexpr int step_guard = 20000;  // far beyond any real plan; stops a runaway strategy
constexpr double relative_eps = 1e-9;

bool about_equal(mass a, mass b) { return detail::nearly_equal(in(a, units::mg), in(b, units::mg)); }
bool finite(mass m) { return std::isfinite(m.value()); }
bool finite(duration d) { return std::isfinite(d.value()); }
mass mg_of(double v) { return from_value<mass>(v); }

/// push_back that moves the steps when the vector grows. std::vector copies elements whose
/// move constructor is not noexcept, and step's is not (Boost.Units' quantity declares only
/// a copy constructor), so plain growth would copy every note and dose line of every step.
void append(std::vector<step>& steps, step&& s) {
    if (steps.size() == steps.capacity()) {
        std::vector<step> bigger;
        bigger.reserve(std::max<std::size_t>(32, 2 * steps.capacity()));
        for (auto& old : steps) bigger.push_back(std::move(old));
        steps.swap(bigger);
    }
    steps.push_back(std::move(s));
}

/// Well-formed UTF-8 with no control characters: the dose-time names go into JSON (which
/// needs UTF-8), CSV and a table laid out in columns.
bool printable_text(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7F) return false;
        if (c < 0x80) {
            ++i;
            continue;
        }
        // Lead byte: the length of the sequence and the smallest code point it may encode
        // (anything smaller is an overlong form).
        std::size_t n = 0;
        std::uint32_t cp = 0, least = 0;
        if ((c & 0xE0U) == 0xC0U) {
            n = 2;
            cp = c & 0x1FU;
            least = 0x80;
        } else if ((c & 0xF0U) == 0xE0U) {
            n = 3;
            cp = c & 0x0FU;
            least = 0x800;
        } else if ((c & 0xF8U) == 0xF0U) {
            n = 4;
            cp = c & 0x07U;
            least = 0x10000;
        } else {
            return false;
        }
        if (i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k) {
            const auto b = static_cast<unsigned char>(s[i + k]);
            if ((b & 0xC0U) != 0x80U) return false;
            cp = (cp << 6) | (b & 0x3FU);
        }
        if (cp < least || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        if (cp >= 0x80 && cp < 0xA0) return false;  // C1 control characters
        i += n;
    }
    return true;
}

[[noreturn]] void reject(const std::string& field, const std::string& problem) {
    throw plan_error("plan request: " + field + ": " + problem, error_detail{error_code::plan_request, {}, {}, field, {}});
}

const occupancy_model* resolve_model(const drug& d, const plan_request& r) {
    if (!r.occupancy_model.empty()) return &d.occupancy(r.occupancy_model);
    return d.usable_occupancy();
}

// --- class guidance on pace -------------------------------------------------------------

struct pace_rule {
    double max_fraction;       // of the most recent dose
    double max_points;         // occupancy points, where the drug has a model
    double per_days;
    pace_guidance guidance;    // its text: src/messages/text.cpp
};

std::optional<pace_rule> pace_rule_for(drug_class c) {
    switch (c) {
        case drug_class::benzodiazepine:
        case drug_class::z_drug:
            return pace_rule{0.25, 0, 14, pace_guidance::benzodiazepines};
        case drug_class::ssri:
        case drug_class::snri:
        case drug_class::serotonin_modulator:
        case drug_class::nassa:
            return pace_rule{0.25, 10, 14, pace_guidance::antidepressants};
        case drug_class::antipsychotic:
            return pace_rule{0.25, 10, 91, pace_guidance::antipsychotics};
        case drug_class::other: return std::nullopt;
    }
    return std::nullopt;
}

// Stopping to zero from a dose that is still a large share of the start is an abrupt stop,
// whatever the strategy: the guidance everywhere is to reach a small dose first (a final dose
// near 1/40 of the start for antipsychotics; the last milligrams in very small steps for
// benzodiazepines). 1/20 of the starting dose is the line: the default hyperbolic,
// proportional, antipsychotic and crossover plans all stop well below it; a linear taper's
// last step (a quarter of the start) or a one-step stop is far above it.
constexpr double abrupt_stop_fraction = 1.0 / 20.0;

std::optional<message> abrupt_stop_warning(const drug& d, const step& s, mass previous, mass start) {
    if (s.phase != step_phase::stop || s.equivalent_daily_dose.value() > 0 || start.value() <= 0) return std::nullopt;
    const double share = previous.value() / start.value();
    if (share <= abrupt_stop_fraction) return std::nullopt;
    return make_message(uses_diazepam_equivalents(d.klass) ? message_code::abrupt_stop_seizure_risk
                                                           : message_code::abrupt_stop,
                        {previous, percent{share * units::fraction}, percent{abrupt_stop_fraction * units::fraction}});
}

std::optional<message> pace_warning(const drug& d, const step& s, mass previous) {
    const auto rule = pace_rule_for(d.klass);
    if (!rule || previous.value() <= 0) return std::nullopt;
    // The stop step counts too: a linear taper's last step is its largest drop in effect.
    // Only a stop to zero measured in % is exempt (it is always 100% of the dose).
    const bool stop_to_zero = s.phase == step_phase::stop && s.equivalent_daily_dose.value() <= 0;
    const bool in_points = s.change_points && rule->max_points > 0;
    if ((s.phase != step_phase::reduce && s.phase != step_phase::stop) || (stop_to_zero && !in_points))
        return std::nullopt;
    const double days = s.length.value();
    // Per the guidance's period. A step longer than the period earns no credit: a single
    // cut happens on one day, so one 50% cut followed by eight weeks' rest is still 50% in
    // two weeks. Shorter steps add up (two 20% cuts a week apart count as 40% per two weeks).
    const double scale = std::max(1.0, rule->per_days / days);
    if (in_points) {
        if (*s.change_points * scale <= rule->max_points + 1e-9) return std::nullopt;
        return make_message(message_code::faster_than_guidance_points,
                            {*s.change_points * units::points, s.length, rule->guidance});
    }
    const double fraction = s.change.value() / previous.value();
    if (fraction * scale <= rule->max_fraction + 1e-9) return std::nullopt;
    return make_message(message_code::faster_than_guidance_share,
                        {percent{fraction * units::fraction}, s.length, rule->guidance});
}

// --- modified-release forms --------------------------------------------------------------

/// Why a form the planner cannot divide is whole-units only, for warnings.
whole_unit_reason whole_units_reason(const formulation& f) {
    if (f.modified_release.known() && *f.modified_release) return whole_unit_reason::modified_release;
    if (f.enteric_coated.known() && *f.enteric_coated) return whole_unit_reason::enteric_coated;
    if (f.kind == form_kind::tablet) return whole_unit_reason::not_known_splittable;
    return whole_unit_reason::cannot_split;
}

/// What is taken whole; bead capsules may be opened and the beads counted.
whole_unit_form whole_units_form(const formulation& f) {
    if (f.kind == form_kind::tablet) return whole_unit_form::tablet;
    return f.kind == form_kind::beads ? whole_unit_form::bead_capsule : whole_unit_form::capsule;
}

// --- pacing by half-life -----------------------------------------------------------------

struct pacing {
    bool active = false;
    double interval_factor = 1.0;
    double step_factor = 1.0;
    hours half_life{};
};

// Short half-life drugs (about a day or less) give faster, stronger withdrawal: steps 1.5×
// longer and cuts 0.75× as large. The reference gives the direction, not numbers; these
// factors are the library's conservative choice (docs/schedule-engine.md).
pacing pacing_for(const drug& d, const plan_request& r, std::vector<message>& plan_messages) {
    pacing p;
    if (!r.half_life_pacing) return p;
    if (!d.half_life.parent) {
        plan_messages.push_back(make_message(message_code::pacing_half_life_unknown));
        return p;
    }
    const hours longest = d.half_life.parent->longest;
    if (in(longest, units::hour) > 24.0) {
        plan_messages.push_back(make_message(message_code::pacing_half_life_not_short, {longest}));
        return p;
    }
    p.active = true;
    p.interval_factor = 1.5;
    p.step_factor = 0.75;
    p.half_life = longest;
    return p;
}

}  // namespace

mass plausible_daily_limit(const drug& d) {
    if (const auto* m = d.usable_occupancy())
        return 100.0 * *m->ed50;
    if (!d.equivalents.empty()) {
        const auto it = d.equivalents.tables.find(default_equivalence_table);
        if (it != d.equivalents.tables.end() && it->second.known())
            return mg_of(500.0 / 10.0 * it->second->high.value());  // 500 mg diazepam-equivalent
    }
    return mg_of(10000.0);
}

namespace {

/// validate_request, returning the drug (so that make_plan looks it up once).
const drug& validated_drug(const database& db, const plan_request& r) {
    if (r.drug.find_first_not_of(" \t") == std::string::npos)
        reject("drug", "name a drug, e.g. \"citalopram\"");
    const drug& d = db.get(r.drug);

    if (!finite(r.daily_dose)) reject("daily dose", "must be a finite number of mg");
    if (r.daily_dose.value() <= 0)
        reject("daily dose", to_string(r.daily_dose) + " leaves nothing to taper; expected more than 0 mg");
    const mass limit = plausible_daily_limit(d);
    if (r.daily_dose > limit)
        reject("daily dose", to_string(r.daily_dose) + " is far beyond any plausible daily dose of " + d.name +
                                 " (taper refuses more than " + to_string(limit) +
                                 "); check the number and the unit (mg, not mcg)");

    if (!r.split.empty()) {
        std::set<std::string> times;
        mass total = mg_of(0);
        for (const auto& t : r.split) {
            if (t.time.empty()) reject("split", "every dose-time needs a name, e.g. \"morning\"");
            if (!printable_text(t.time))
                reject("split", "a dose-time's name must be UTF-8 text without control characters (tabs, line "
                                "breaks), e.g. \"morning\"");
            if (!times.insert(t.time).second) reject("split", "the dose-time \"" + t.time + "\" appears twice");
            if (!finite(t.amount) || t.amount.value() <= 0)
                reject("split", "the " + t.time + " dose must be more than 0 mg, not " + to_string(t.amount));
            total += t.amount;
        }
        if (!about_equal(total, r.daily_dose))
            reject("split", "the dose-times add up to " + to_string(total) + ", not the daily dose of " +
                                to_string(r.daily_dose));
    }

    auto check_interval = [](const std::string& field, duration length) {
        if (!finite(length) || length.value() < 0.5)
            reject(field, "must be at least one day, not " + format_number(length.value()) + " days");
        if (length.value() > 3653) reject(field, "must be at most ten years");
    };
    check_interval("interval", r.interval);
    for (const auto& [phase, length] : r.phase_interval)
        check_interval("interval for " + std::string(to_string(phase)) + " steps", length);

    if (r.max_step && (!finite(*r.max_step) || r.max_step->value() <= 0))
        reject("max step", "must be more than 0 mg, not " + to_string(*r.max_step));
    auto check_percent = [](const std::string& field, const std::optional<double>& v, const char* what) {
        if (v && (!std::isfinite(*v) || *v <= 0 || *v >= 100))
            reject(field, std::string("expected ") + what + " between 0 and 100 (exclusive), not " + format_number(*v));
    };
    check_percent("max step percent", r.max_step_percent, "a percentage of the most recent dose");
    check_percent("max step points", r.max_step_points, "occupancy points");
    if (!finite(r.min_change) || r.min_change.value() < 0)
        reject("min change", "must be 0 mg or more, not " + to_string(r.min_change));
    if (r.max_step && r.min_change > *r.max_step)
        reject("min change", "the smallest change worth making (" + to_string(r.min_change) +
                                 ") is larger than the largest allowed cut (" + to_string(*r.max_step) + ")");
    if (r.final_dose) {
        if (!finite(*r.final_dose) || r.final_dose->value() <= 0)
            reject("final dose", "must be more than 0 mg, not " + to_string(*r.final_dose));
        // For benzodiazepines and z-drugs the final and maintenance doses may be in diazepam-
        // equivalent mg (a crossover): make_plan compares them once the plan's basis is known.
        if (*r.final_dose >= r.daily_dose && !uses_diazepam_equivalents(d.klass))
            reject("final dose", to_string(*r.final_dose) + " is not below the daily dose of " + to_string(r.daily_dose));
        if (r.maintenance.value() > 0)
            reject("final dose", "a final dose before stopping makes no sense with a maintenance dose; give one or the other");
    }
    if (!finite(r.maintenance) || r.maintenance.value() < 0)
        reject("maintenance", "must be 0 mg or more, not " + to_string(r.maintenance));
    if (r.maintenance >= r.daily_dose && !uses_diazepam_equivalents(d.klass))
        reject("maintenance", to_string(r.maintenance) + " is not below the daily dose of " + to_string(r.daily_dose));
    if (r.max_steps && *r.max_steps < 1) reject("max steps", "must be at least 1");
    if (r.max_duration && (!finite(*r.max_duration) || r.max_duration->value() < 1))
        reject("max duration", "must be at least one day");
    std::set<int> held_steps;
    for (const auto& h : r.holds) {
        if (h.after_step < 1) reject("holds", "a hold follows a step, numbered from 1");
        if (!held_steps.insert(h.after_step).second)
            reject("holds", "two holds after step " + std::to_string(h.after_step) +
                                "; give one hold with the total length");
        check_interval("hold after step " + std::to_string(h.after_step), h.length);
    }
    if (!r.occupancy_model.empty() && d.find_target(r.occupancy_model) == nullptr) {
        std::string ids;
        for (const auto& t : d.targets) ids += (ids.empty() ? "" : ", ") + t.id;
        reject("occupancy model", d.name + " has no occupancy model \"" + r.occupancy_model + "\" (" +
                                      (ids.empty() ? std::string("it has none") : "its models: " + ids) + ")");
    }
    if (r.max_step_points && resolve_model(d, r) == nullptr)
        reject("max step points", d.name + " has no receptor occupancy model in the data, so a limit in "
                                           "occupancy points cannot be checked; limit the cut in mg or % instead");
    if (!r.occupancy_model.empty()) (void)resolve_model(d, r);  // throws if unknown or unusable
    if (!r.current_formulation.empty() && d.find_formulation(r.current_formulation) == nullptr)
        reject("current formulation", d.name + " has no formulation \"" + r.current_formulation + "\"");
    return d;
}

}  // namespace

void validate_request(const database& db, const plan_request& r) { (void)validated_drug(db, r); }

schedule make_plan(const database& db, const plan_request& r, const any_strategy& strategy) {
    const drug& d = validated_drug(db, r);
    const occupancy_model* model = resolve_model(d, r);
    const step_limits own_limits = step_limits::of(r, model);  // points apply to own-mg plans only
    const step_limits basis_limits = step_limits::of(r, nullptr);
    const plan_context ctx{d, r, model};
    const std::string strategy_name(strategy.name());

    schedule s;
    s.drug = d.name;
    s.strategy = strategy_name;
    s.start_dose = r.daily_dose;
    s.start = r.start;
    s.start_split = r.split.empty() ? std::vector<timed_dose>{{"daily", r.daily_dose}} : r.split;
    s.request = r;
    s.subject = db.share(d.name);
    if (model != nullptr) {
        s.occupancy_model = model->id;
        s.occupancy_receptor = model->receptor;
        s.start_occupancy_percent = model->occupancy_percent(r.daily_dose);
    }
    pacing pace = pacing_for(d, r, s.messages);
    const formulation* current_form =
        r.current_formulation.empty() ? nullptr : d.find_formulation(r.current_formulation);
    const mass end_dose = r.maintenance;
    const bool check_whole_units = current_form != nullptr && !current_form->may_split() &&
                                   !is_liquid(current_form->kind);
    if (check_whole_units && !current_form->unit_strengths)
        s.messages.push_back(make_message(message_code::whole_units_strengths_unknown,
                                          {whole_units_reason(*current_form), whole_units_form(*current_form)}));

    std::vector<step> steps;
    bool basis_known = false;
    mass start_eq = r.daily_dose;
    bool finished = false;
    bool min_change_conflict_warned = false;
    bool planner_went_lower = false;  // the last step is below its strategy's target
    std::vector<char> hold_applied(r.holds.size(), 0);

    while (!finished) {
        if (static_cast<int>(steps.size()) >= step_guard)
            throw plan_error("the " + strategy_name + " strategy did not reach " + to_string(end_dose) +
                             " within " + std::to_string(step_guard) + " steps; check its settings");
        std::optional<target> proposed = strategy.next(ctx, steps);
        const bool strategy_stopped = !proposed;
        target t;
        if (strategy_stopped) {
            t.daily_dose = end_dose;
            t.phase = step_phase::stop;
            t.basis = basis_known ? s.basis : dose_basis::own_mg;
            // The strategy's position stays where it was: a stop the limits break up must not
            // look to the strategy like a fresh start.
            t.progress = steps.empty() ? 0 : steps.back().progress;
        } else {
            t = std::move(*proposed);
        }
        if (!basis_known) {
            s.basis = t.basis;
            basis_known = true;
            if (s.basis == dose_basis::diazepam_mg) {
                if (t.phase != step_phase::switch_over)
                    throw plan_error("the " + strategy_name +
                                     " strategy must begin a diazepam-equivalent plan with a switch step");
                start_eq = t.daily_dose;
                s.equivalence_table = r.equivalence_table;
                // Once switched, the person takes diazepam: its half-life sets the pace, not
                // the original drug's (the reason for the crossover is diazepam's long one).
                const drug* diazepam = db.find("diazepam");
                if (pace.active && diazepam != nullptr && diazepam->half_life.parent &&
                    diazepam->half_life.parent->longest.value() > 24.0) {
                    pace = pacing{};
                    s.messages.push_back(make_message(message_code::pacing_after_switch_to_diazepam,
                                                      {diazepam->half_life.parent->longest}));
                }
            }
            s.start_equivalent_dose = start_eq;
            // The factors realization converts with. The switch keeps the daily total, so the
            // drug's own factor is the start's equivalent over its dose; diazepam is the basis.
            s.basis_factors = {{d.name, start_eq / r.daily_dose}};
            if (s.basis == dose_basis::diazepam_mg && d.name != "diazepam") s.basis_factors.push_back({"diazepam", 1.0});
            if (r.final_dose && *r.final_dose >= start_eq)
                reject("final dose", to_string(*r.final_dose) + " is not below the starting dose of " +
                                         to_string(start_eq) + " (" + std::string(to_string(s.basis)) + ")");
            if (r.maintenance >= start_eq)
                reject("maintenance", to_string(r.maintenance) + " is not below the starting dose of " +
                                          to_string(start_eq) + " (" + std::string(to_string(s.basis)) + ")");
        } else if (t.basis != s.basis) {
            throw plan_error("the " + strategy_name + " strategy changed the plan's dose basis midway");
        }

        const mass previous = steps.empty() ? start_eq : steps.back().equivalent_daily_dose;
        // Occupancy at `previous` (own-mg plans with a model): the last step's, not recomputed.
        const std::optional<double> occ_previous =
            steps.empty() ? s.start_occupancy_percent : steps.back().occupancy_percent;
        if (!finite(t.daily_dose) || t.daily_dose.value() < 0)
            throw plan_error("the " + strategy_name + " strategy proposed an impossible dose (" +
                             to_string(t.daily_dose) + ")");
        std::optional<message> caught_up_note;
        if (t.daily_dose > previous && !about_equal(t.daily_dose, previous) && planner_went_lower) {
            // The smallest change worth making took the last step below what the strategy
            // asked, so a strategy of fixed doses (a table) may now ask for more than the most
            // recent dose: the dose is already past that target, so stay on it.
            caught_up_note = make_message(message_code::target_already_passed, {t.daily_dose, previous});
            for (auto& line : t.doses) line.amount = line.amount * (previous / t.daily_dose);
            t.daily_dose = previous;
        }
        if (t.daily_dose > previous && !about_equal(t.daily_dose, previous))
            throw plan_error("the " + strategy_name + " strategy proposed " + to_string(t.daily_dose) +
                             " after " + to_string(previous) + ": a taper never raises the dose");
        if ((t.phase == step_phase::hold || t.phase == step_phase::switch_over) && !about_equal(t.daily_dose, previous))
            throw plan_error("the " + strategy_name + " strategy proposed a " + std::string(to_string(t.phase)) +
                             " step at " + to_string(t.daily_dose) + " after " + to_string(previous) +
                             ": hold and switch steps keep the (equivalent) daily dose; a change is a reduce step");
        if (t.length && (!finite(*t.length) || t.length->value() < 0.5 || t.length->value() > 3653))
            throw plan_error("the " + strategy_name + " strategy proposed a step length of " +
                             format_number(t.length->value()) + " days; expected one day to ten years");
        if (!t.doses.empty()) {
            mass lines = mg_of(0);
            for (const auto& line : t.doses) {
                if (!finite(line.amount) || line.amount.value() < 0)
                    throw plan_error("the " + strategy_name + " strategy proposed an impossible " + line.time +
                                     " dose of " + line.drug + " (" + to_string(line.amount) + ")");
                lines += line.amount;
            }
            if (t.basis == dose_basis::own_mg && !detail::nearly_equal(lines.value(), t.daily_dose.value()))
                throw plan_error("the " + strategy_name + " strategy's doses per time add up to " + to_string(lines) +
                                 ", not its daily dose of " + to_string(t.daily_dose));
        }
        // (Not before the first step: a starting dose within about_equal of the end dose, such
        // as 1e-9 mg, still gets its stop step; a plan always has at least one.)
        if (strategy_stopped && !steps.empty() && about_equal(previous, end_dose)) break;

        message_list notes;
        if (!t.note_text.empty()) {
            notes.push_back(make_message(message_code::strategy_text, {parameter::text(s.strategy_texts.size())}));
            s.strategy_texts.push_back(std::move(t.note_text));
        } else if (t.note) {
            notes.push_back(*t.note);
        }
        if (caught_up_note) notes.push_back(*caught_up_note);
        const mass asked = t.daily_dose;
        mass dose = t.daily_dose;
        step_phase phase = t.phase;

        if (phase == step_phase::reduce || phase == step_phase::stop) {
            if (r.final_dose && previous <= *r.final_dose * (1 + relative_eps)) {
                if (dose > end_dose) notes.push_back(make_message(message_code::stopping_from_final_dose, {previous}));
                dose = end_dose;
            } else if (r.final_dose && dose < *r.final_dose) {
                dose = *r.final_dose;
                notes.push_back(make_message(message_code::final_dose_before_stop, {dose}));
            }
            if (dose < end_dose) dose = end_dose;
            if (pace.active && phase == step_phase::reduce && dose > end_dose) {
                dose = previous - (previous - dose) * pace.step_factor;
                notes.push_back(make_message(t.length ? message_code::paced_for_half_life_own_length
                                                      : message_code::paced_for_half_life,
                                             {pace.half_life}));
            }
            // A target equal to the most recent dose is a hold the strategy asked for (a table's
            // repeated row), not a change too small to be worth making: it stays a hold.
            // The raised cut stops at the final dose, as it stops at the end dose: the final dose
            // is the last one before stopping, so it is taken, not stepped over.
            if (dose > end_dose && previous - dose < r.min_change && !about_equal(dose, previous)) {
                const bool final_ahead = r.final_dose && previous > *r.final_dose * (1 + relative_eps);
                const mass floor = final_ahead ? std::max(end_dose, *r.final_dose) : end_dose;
                const mass raised = std::max(floor, previous - r.min_change);
                if (raised < dose && !about_equal(raised, dose)) {
                    dose = raised;
                    if (final_ahead && about_equal(raised, *r.final_dose))
                        notes.push_back(make_message(message_code::final_dose_by_min_change, {raised, r.min_change}));
                    else
                        notes.push_back(make_message(message_code::cut_raised_to_min_change, {r.min_change}));
                }
            }

            // The request's maxima. Each one that bites says so on the step.
            const mass min_change_target = dose;
            const step_limits& limits = s.basis == dose_basis::own_mg ? own_limits : basis_limits;
            if (limits.breaks_mass(previous, dose)) {
                dose = *limits.floor_by_mass(previous);
                notes.push_back(make_message(message_code::cut_limited_by_max_step, {*r.max_step}));
            }
            // Before the % limit: a points limit can turn a stop to zero into a cut, which the
            // % limit then applies to.
            if (limits.max_cut_points && limits.model != nullptr) {
                const occupancy_points occ_prev = *occ_previous * units::points;
                if (limits.breaks_points(occ_prev, limits.occupancy_at(dose), 1e-12 * units::points)) {
                    dose = *limits.floor_by_points(occ_prev);
                    notes.push_back(
                        make_message(message_code::cut_limited_by_max_points, {*r.max_step_points * units::points}));
                }
            }
            const bool stopping_to_zero = dose.value() <= 0 && end_dose.value() <= 0;
            if (!stopping_to_zero && limits.breaks_share(previous, dose)) {
                dose = *limits.floor_by_share(previous);
                notes.push_back(make_message(message_code::cut_limited_by_max_percent,
                                             {*r.max_step_percent * units::percent_of_dose}));
            }
            if (dose > min_change_target && previous - dose < r.min_change && !min_change_conflict_warned) {
                s.messages.push_back(make_message(message_code::min_change_exceeds_max_cut, {r.min_change}));
                min_change_conflict_warned = true;
            }
            if (dose <= end_dose || about_equal(dose, end_dose)) {
                dose = end_dose;
                phase = step_phase::stop;
            } else {
                phase = step_phase::reduce;
            }
            if (about_equal(dose, previous) && phase == step_phase::reduce) phase = step_phase::hold;
        }

        step st;
        st.number = static_cast<int>(steps.size()) + 1;
        st.phase = phase;
        st.start = steps.empty() ? r.start : steps.back().end();
        duration length = t.length ? *t.length : r.interval;
        if (!t.length)
            if (auto it = r.phase_interval.find(phase); it != r.phase_interval.end()) length = it->second;
        if (pace.active && (phase == step_phase::reduce || phase == step_phase::stop) && !t.length)
            length = length * pace.interval_factor;
        st.length = from_value<duration>(std::max(1.0, std::round(length.value())));

        // Doses per time (and per drug): the strategy's lines, scaled if a limit moved the
        // target, or the starting split in proportion.
        if (!t.doses.empty()) {
            const double scale = asked.value() > 0 ? dose.value() / asked.value() : 0.0;
            st.doses = t.doses;
            if (!about_equal(dose, asked))
                for (auto& line : st.doses) line.amount = line.amount * scale;
        } else if (s.basis == dose_basis::own_mg) {
            for (const auto& part : s.start_split)
                st.doses.push_back({d.name, part.time, dose * (part.amount / r.daily_dose)});
        } else {
            const auto& last = steps.back().doses;  // a diazepam plan always starts with lines
            const double scale = previous.value() > 0 ? dose.value() / previous.value() : 0.0;
            st.doses = last;
            for (auto& line : st.doses) line.amount = line.amount * scale;
        }
        st.daily_dose = mg_of(0);
        for (const auto& line : st.doses)
            if (line.drug == d.name) st.daily_dose += line.amount;
        st.equivalent_daily_dose = dose;
        st.change = previous - dose;
        st.change_percent = previous.value() > 0 ? 100.0 * st.change.value() / previous.value() : 0.0;
        if (model != nullptr && s.basis == dose_basis::own_mg) {
            st.occupancy_percent = model->occupancy_percent(dose);
            st.change_points = *occ_previous - *st.occupancy_percent;
        }
        st.messages = std::move(notes);
        st.progress = t.progress;
        if (auto w = pace_warning(d, st, previous)) st.messages.push_back(*w);
        if (auto w = abrupt_stop_warning(d, st, previous, start_eq)) st.messages.push_back(*w);
        if (check_whole_units && current_form->unit_strengths && s.basis == dose_basis::own_mg) {
            for (std::size_t i = 0; i < st.doses.size(); ++i) {
                const auto& line = st.doses[i];
                if (line.drug == d.name && !whole_units_make(line.amount, *current_form->unit_strengths)) {
                    st.messages.push_back(make_message(message_code::whole_units_cannot_make,
                                                       {whole_units_reason(*current_form),
                                                        whole_units_form(*current_form), line.amount,
                                                        parameter::dose_time(i)}));
                    break;
                }
            }
        }
        finished = phase == step_phase::stop;
        planner_went_lower = (dose < asked && !about_equal(dose, asked)) || caught_up_note.has_value();
        append(steps, std::move(st));

        // Holds follow the schedule's own numbering (holds included), so a hold may follow a
        // hold, and the order they are given in does not matter (one per step: validated).
        while (!finished) {
            const auto h = std::find_if(r.holds.begin(), r.holds.end(),
                                        [&](const hold& x) { return x.after_step == steps.back().number; });
            if (h == r.holds.end()) break;
            hold_applied[static_cast<std::size_t>(h - r.holds.begin())] = 1;
            step held = steps.back();
            held.number = static_cast<int>(steps.size()) + 1;
            held.phase = step_phase::hold;
            held.start = steps.back().end();
            held.length = from_value<duration>(std::max(1.0, std::round(h->length.value())));
            held.change = mg_of(0);
            held.change_percent = 0;
            if (held.change_points) held.change_points = 0.0;
            held.messages = {make_message(message_code::hold_step)};
            append(steps, std::move(held));
        }
    }
    // A hold that never came is said, not dropped: after the last step, or past the end.
    for (std::size_t i = 0; i < r.holds.size(); ++i) {
        if (hold_applied[i]) continue;
        const int n = r.holds[i].after_step;
        const int count = static_cast<int>(steps.size());
        s.messages.push_back(
            n > count
                ? make_message(message_code::hold_after_missing_step,
                               {parameter::count(static_cast<std::size_t>(n)), parameter::count(static_cast<std::size_t>(count))})
                : make_message(message_code::hold_after_last_step, {parameter::count(static_cast<std::size_t>(n))}));
    }

    const int reductions = static_cast<int>(steps.size());
    if (r.max_steps && reductions > *r.max_steps)
        throw plan_error("plan request: max steps: reaching " + to_string(end_dose) + " from " +
                         to_string(r.daily_dose) + " with the " + strategy_name + " strategy takes " +
                         std::to_string(reductions) + " steps, more than the " + std::to_string(*r.max_steps) +
                         " allowed; allow more steps or choose larger ones");
    s.steps = std::move(steps);
    // Dates are written YYYY-MM-DD, and each step's `end` (the day after its last) is written
    // too, so the plan ends by 9999-12-31; later dates would not fit (and far later ones run
    // past std::chrono's years).
    constexpr date last_writable{std::chrono::year{9999} / std::chrono::December / 31};
    if (s.end() > last_writable)
        throw plan_error("plan request: start: this plan of " + std::to_string(s.steps.size()) + " steps from " +
                         format_date(s.start) + " would end after 9999-12-31 (" +
                         std::to_string(days_between(s.start, s.end())) +
                         " days); dates are written with four-digit years: start earlier, or choose shorter or "
                         "larger steps");
    if (r.max_duration && days_between(s.start, s.end()) > std::lround(r.max_duration->value()))
        throw plan_error("plan request: max duration: this plan takes " +
                         std::to_string(days_between(s.start, s.end())) + " days (" +
                         std::to_string(s.steps.size()) + " steps), more than the " +
                         format_number(r.max_duration->value()) + " allowed; allow longer or choose larger steps");
    return s;
}

}  // namespace taper
