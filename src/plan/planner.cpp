// The planner: asks a strategy for targets and turns them into dated steps that keep every
// limit of the request. See include/taper/plan/planner.hpp and docs/schedule-engine.md; the
// pieces it puts together are in src/plan/planner_parts.hpp.
#include <taper/plan/planner.hpp>

#include "../detail/number_text.hpp"
#include "planner_parts.hpp"

#include <taper/plan/abrupt_stop.hpp>
#include <taper/plan/plausibility.hpp>
#include <taper/units/access.hpp>
#include <taper/units/io.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace taper {
namespace {

using namespace planning;

constexpr std::size_t step_guard = 20000;  // far beyond any real plan; stops a runaway strategy

bool about_equal(mass a, mass b) { return detail::nearly_equal(in(a, units::mg), in(b, units::mg)); }

/// The `n` bytes at `p` (n = sizeof(Word)) as a word, for comparing.
template <class Word>
Word word_at(const char* p) {
    Word w;
    std::memcpy(&w, p, sizeof w);
    return w;
}

/// a == b. A reused step's dose lines are compared with the drug's name and the dose-time on
/// every step: names of 4 to 16 bytes are compared as two overlapping words each (together
/// they cover every byte) instead of by a call to memcmp.
inline bool same_text(std::string_view a, std::string_view b) {
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    if (n >= 8 && n <= 16)
        return ((word_at<std::uint64_t>(a.data()) ^ word_at<std::uint64_t>(b.data())) |
                (word_at<std::uint64_t>(a.data() + n - 8) ^ word_at<std::uint64_t>(b.data() + n - 8))) == 0;
    if (n >= 4 && n < 8)
        return ((word_at<std::uint32_t>(a.data()) ^ word_at<std::uint32_t>(b.data())) |
                (word_at<std::uint32_t>(a.data() + n - 4) ^ word_at<std::uint32_t>(b.data() + n - 4))) == 0;
    return a == b;
}

/// Copies into `out`, keeping the capacity of its strings and vector (a reused plan).
void assign_split(std::vector<timed_dose>& out, const plan_request& r) {
    if (!r.split.empty()) {
        out = r.split;
        return;
    }
    out.resize(1);
    out[0].time.assign("daily");
    out[0].amount = r.daily_dose;
}

/// Empties a schedule for a new plan; its vectors and strings keep their capacity.
void start_schedule(schedule& s, const database& db, const drug& d, const plan_request& r,
                    std::string_view strategy, const occupancy_model* model) {
    s.drug.assign(d.name);
    s.strategy.assign(strategy);
    s.basis = dose_basis::own_mg;
    s.start_dose = r.daily_dose;
    s.start_equivalent_dose = r.daily_dose;
    s.start = r.start;
    assign_split(s.start_split, r);
    s.equivalence_table.clear();
    s.messages.clear();
    // (strategy_texts: rewritten by the run's text_writer, keeping the strings' capacity)
    s.basis_factors.clear();
    s.line_drugs.clear();
    s.request = r;
    if (s.subject.get() != &d) s.subject = db.share(d.name);  // the same drug: keep the shared one
    if (model != nullptr) {
        s.occupancy_model.assign(model->id);
        s.occupancy_receptor.assign(model->receptor);
        s.start_occupancy_percent = model->occupancy_percent(r.daily_dose);
    } else {
        s.occupancy_model.clear();
        s.occupancy_receptor.clear();
        s.start_occupancy_percent.reset();
    }
}

/// A step's length in days: whole, at least one.
double whole_days(duration length) { return std::max(1.0, detail::round_half_away(in(length, units::day))); }

/// One planning call: the request's state while the steps are written.
class planner_run {
public:
    planner_run(schedule& into, const database& db, const drug& d, const plan_request& r,
                const any_strategy& strategy, const occupancy_model* model)
        : s_(into), db_(db), d_(d), r_(r), strategy_(strategy), name_(strategy.name()), model_(model),
          own_limits_(step_limits::of(r, model)),  // points apply to own-mg plans only
          basis_limits_(step_limits::of(r, nullptr)), ctx_{d, r, model}, steps_(into.steps), texts_(into.strategy_texts),
          holds_(r.holds), drug_is_diazepam_(d.name == "diazepam") {}

    void run();

private:
    target next_target();
    void settle_basis(const target& t);
    void read_limits_in_diazepam();
    mass last_meaningful_dose(mass previous) const;
    void warn_about_the_switching_dose();
    void warn_if_diazepam_above_ceiling();
    void catch_up(target& t, mass previous);
    void write_step(target& t, mass previous, std::optional<occupancy_points> occ_previous);
    void write_doses(step& st, const target& t, mass dose, mass asked, mass previous);
    bool change_only_the_drug(std::vector<dose_line>& lines, mass dose) const;

    schedule& s_;
    const database& db_;
    const drug& d_;
    const plan_request& r_;
    const any_strategy& strategy_;
    std::string_view name_;
    const occupancy_model* model_;
    const step_limits own_limits_;
    step_limits basis_limits_;  // rebuilt when a crossover converts the request's limits
    const plan_context ctx_;
    step_writer steps_;
    text_writer texts_;
    hold_tracker holds_;
    pacing pace_;
    const formulation* whole_units_only_ = nullptr;  // the current form, if it cannot be divided
    const bool drug_is_diazepam_;
    date last_end_{};  // the end of the last step written (steps_.last().end()), worked out once
    mass start_eq_;
    bool basis_known_ = false;
    const double interval_days_ = whole_days(r_.interval);  // a step without a length of its own
    bool no_limits_ = false;  // sets_no_limits, decided once the basis (and so its limits) is known
    bool finished_ = false;
    bool min_change_conflict_warned_ = false;
    bool planner_went_lower_ = false;  // the last step is below its strategy's target
    bool caught_up_ = false;           // the current target was lowered to the most recent dose
    std::optional<std::size_t> ceiling_warning_at_;  // where the plan's ceiling warning goes, if due
};

void planner_run::run() {
    pace_ = pacing_for(d_, r_, s_.messages);
    const formulation* current = r_.current_formulation.empty() ? nullptr : d_.find_formulation(r_.current_formulation);
    if (current != nullptr && !current->may_split() && !is_liquid(current->kind)) {
        whole_units_only_ = current;
        if (auto m = whole_units_unknown_message(*current)) s_.messages.push_back(*m);
    }
    start_eq_ = r_.daily_dose;
    if (auto above = above_licensed_maximum(d_, r_.daily_dose)) s_.messages.push_back(*above);

    while (!finished_) {
        if (steps_.count() >= step_guard)
            throw plan_error("the " + std::string(name_) + " strategy did not reach " + to_string(r_.maintenance) +
                             " within " + std::to_string(step_guard) + " steps; check its settings");
        std::optional<target> proposed = strategy_.next(ctx_, steps_.done());
        const bool stopped = !proposed;
        if (stopped) proposed.emplace(next_target());
        target& t = *proposed;  // used in place: a target holds a vector, a string and a message
        if (!basis_known_) settle_basis(t);
        else if (t.basis != s_.basis)
            throw plan_error("the " + std::string(name_) + " strategy changed the plan's dose basis midway");

        const mass previous = steps_.empty() ? start_eq_ : steps_.last().equivalent_daily_dose;
        // Occupancy at `previous` (own-mg plans with a model): the last step's, not recomputed.
        const std::optional<occupancy_points> occ_previous =
            steps_.empty() ? s_.start_occupancy_percent : steps_.last().occupancy_percent;
        if (!std::isfinite(in(t.daily_dose, units::mg)) || t.daily_dose < mass{})
            throw plan_error("the " + std::string(name_) + " strategy proposed an impossible dose (" +
                             to_string(t.daily_dose) + ")");
        catch_up(t, previous);
        check_target_in_loop(t, previous, name_);
        // (Not before the first step: a starting dose within about_equal of the end dose, such
        // as 1e-9 mg, still gets its stop step; a plan always has at least one.)
        if (stopped && !steps_.empty() && about_equal(previous, r_.maintenance)) break;
        write_step(t, previous, occ_previous);
        // (write_step set last_end_; a hold placed after the step ends later.)
        if (!finished_ && !r_.holds.empty()) {
            const std::size_t written = steps_.count();
            holds_.place_after_last(steps_);
            if (steps_.count() != written) last_end_ = steps_.last().end();
        }
        // Bounded work: stop as soon as the plan breaks the request's own limits.
        check_plan_bounds(r_, r_.start, steps_.done(), last_end_, finished_, name_);
    }
    warn_if_diazepam_above_ceiling();
    holds_.report_missing(steps_.count(), s_.messages);
    add_half_life_notes(d_, r_, s_.basis, s_.messages);
    add_model_evidence_note(model_, s_.basis, s_, texts_);
    add_drug_cautions(d_, s_, texts_);
    // Every plan ends by pointing to people who help (the seed documents ask "who can I talk
    // to?"): coded, so that JSON, C, Python and Swift carry it, not only the CLI.
    s_.messages.push_back(make_message(message_code::who_can_help));
    steps_.finish();
    texts_.finish();
}

/// The stop step the planner adds when the strategy has no more targets.
target planner_run::next_target() {
    target t;
    t.daily_dose = r_.maintenance;
    t.phase = step_phase::stop;
    t.basis = basis_known_ ? s_.basis : dose_basis::own_mg;
    // The strategy's position stays where it was: a stop the limits break up must not look to
    // the strategy like a fresh start.
    t.progress = steps_.empty() ? 0 : steps_.last().progress;
    return t;
}

/// The first target says what the plan's doses are measured in.
void planner_run::settle_basis(const target& t) {
    s_.basis = t.basis;
    basis_known_ = true;
    if (s_.basis == dose_basis::diazepam_mg) {
        if (t.phase != step_phase::switch_over)
            throw plan_error("the " + std::string(name_) +
                             " strategy must begin a diazepam-equivalent plan with a switch step");
        start_eq_ = t.daily_dose;
        s_.equivalence_table.assign(r_.equivalence_table);
        end_pacing_after_switch(db_, pace_, s_.messages);
    }
    s_.start_equivalent_dose = start_eq_;
    // The factors realization converts with. The switch keeps the daily total, so the drug's
    // own factor is the start's equivalent over its dose; diazepam is the basis.
    s_.basis_factors.resize(1);
    s_.basis_factors[0].drug.assign(d_.name);
    s_.basis_factors[0].per_mg = start_eq_ / r_.daily_dose;
    if (s_.basis == dose_basis::diazepam_mg && d_.name != "diazepam") {
        s_.basis_factors.push_back({"diazepam", 1.0});
        // The exporters code each drug of the dose lines (FHIR): diazepam's data goes with the plan.
        if (db_.find("diazepam") != nullptr) s_.line_drugs.push_back(db_.share("diazepam"));
    }
    if (s_.basis == dose_basis::diazepam_mg && d_.name != "diazepam") {
        read_limits_in_diazepam();
        warn_about_the_switching_dose();
    }
    check_against_start(r_, start_eq_, s_.basis);
    no_limits_ = sets_no_limits(r_, s_.basis == dose_basis::own_mg ? own_limits_ : basis_limits_, pace_);
}

// A person gives doses in the drug they name: a crossover converts them to diazepam mg with
// the plan's own switching factor, in the schedule's snapshot of the request (which r_ and
// the strategy's context read), and says so on the plan.
void planner_run::read_limits_in_diazepam() {
    plan_request& snapshot = s_.request;
    if (snapshot.limits_in == limit_basis::plan_basis) return;
    const double factor = start_eq_ / r_.daily_dose;
    const bool any = snapshot.final_dose || snapshot.maintenance > mass{} || snapshot.max_step ||
                     snapshot.min_change > mass{};
    if (snapshot.final_dose) *snapshot.final_dose = *snapshot.final_dose * factor;
    if (snapshot.max_step) *snapshot.max_step = *snapshot.max_step * factor;
    snapshot.maintenance = snapshot.maintenance * factor;
    snapshot.min_change = snapshot.min_change * factor;
    snapshot.limits_in = limit_basis::plan_basis;
    basis_limits_ = step_limits::of(snapshot, nullptr);
    if (any)
        s_.messages.push_back(make_message(message_code::limits_converted_to_diazepam,
                                           {r_.daily_dose, in(start_eq_, units::mg) * units::diazepam_mg}));
}

// The smallest change worth making took the last step below what the strategy asked, so a
// strategy of fixed doses (a table) may now ask for more than the most recent dose: the dose
// is already past that target, so stay on it.
void planner_run::catch_up(target& t, mass previous) {
    caught_up_ = t.daily_dose > previous && !about_equal(t.daily_dose, previous) && planner_went_lower_;
    if (!caught_up_) return;
    for (auto& line : t.doses) line.amount = line.amount * (previous / t.daily_dose);
    t.daily_dose = previous;
}

// UK guidance advises against starting diazepam above 30 mg a day (NHS Lothian Joint Adult
// Formulary, benzodiazepine dependence; Northern Ireland Formulary 4.10.3: "only very rarely
// should doses of more than 30mg diazepam equivalent per day be prescribed"); higher doses
// are switched in stages (Ashton Manual, chapter II, slow withdrawal schedules).
constexpr double diazepam_ceiling_mg = 30.0;
// Equivalence tables are approximate; a factor of 1.5 or more between two of them is a
// difference a prescriber must see before choosing (issue 10).
constexpr double tables_differ_ratio = 1.5;

void planner_run::warn_about_the_switching_dose() {
    const diazepam_mass switched = in(start_eq_, units::mg) * units::diazepam_mg;
    // Whether the diazepam goes above the ceiling is known once the steps are planned (a
    // staged substitution stays under it); the warning keeps its place among these.
    ceiling_warning_at_ = s_.messages.size();
    for (const auto& [table, entry] : d_.equivalents.tables) {
        if (table == s_.equivalence_table || !entry.known()) continue;
        // Each end of the other table's entry: the one nearest to this plan's switch.
        const double here = in(start_eq_, units::mg);
        const double at_low = 10.0 * (r_.daily_dose / entry->low);
        const double at_high = 10.0 * (r_.daily_dose / entry->high);
        const double nearest = std::abs(at_low - here) < std::abs(at_high - here) ? at_low : at_high;
        if (!(nearest > 0) || std::max(here, nearest) / std::min(here, nearest) < tables_differ_ratio - 1e-9) continue;
        s_.messages.push_back(make_message(message_code::equivalence_tables_differ,
                                           {switched, nearest * units::diazepam_mg, parameter::text(texts_.add(table))}));
    }
}

// The ceiling is on the diazepam a person takes: the largest day of diazepam in the plan.
void planner_run::warn_if_diazepam_above_ceiling() {
    if (!ceiling_warning_at_) return;
    mass most{};
    for (const step& st : steps_.done()) {
        mass diazepam{};
        for (const dose_line& line : st.doses)
            if (line.drug == "diazepam") diazepam += line.amount;
        most = std::max(most, diazepam);
    }
    if (most > diazepam_ceiling_mg * units::mg * (1 + 1e-9))
        s_.messages.insert(s_.messages.begin() + static_cast<std::ptrdiff_t>(*ceiling_warning_at_),
                           make_message(message_code::diazepam_equivalent_above_ceiling,
                                        {in(most, units::mg) * units::diazepam_mg, diazepam_ceiling_mg * units::diazepam_mg}));
}

// The abrupt-stop rule is judged from the last meaningful dose: a remnant step the limits
// forced (flagged remnant_step) does not make the stop after it gentle.
mass planner_run::last_meaningful_dose(mass previous) const {
    if (steps_.empty()) return previous;
    bool remnant = false;  // (a plain loop: the generic find was a call on every step)
    for (const message& m : steps_.last().messages) remnant = remnant || m.code == message_code::remnant_step;
    if (!remnant) return previous;
    return steps_.count() >= 2 ? steps_.done()[steps_.count() - 2].equivalent_daily_dose : start_eq_;
}

void planner_run::write_step(target& t, mass previous, std::optional<occupancy_points> occ_previous) {
    const std::size_t number = steps_.count() + 1;
    const date start = steps_.empty() ? r_.start : last_end_;
    const mass meaningful_previous = last_meaningful_dose(previous);
    step& st = steps_.next();
    if (!t.note_text.empty()) {
        st.messages.push_back(make_message(message_code::strategy_text, {parameter::text(texts_.add(std::move(t.note_text)))}));
    } else if (t.note) {
        st.messages.push_back(*t.note);
    }
    if (caught_up_) st.messages.push_back(make_message(message_code::target_already_passed, {t.daily_dose, previous}));

    const mass asked = t.daily_dose;
    mass dose = t.daily_dose;
    step_phase phase = t.phase;
    if (phase == step_phase::reduce || phase == step_phase::stop) {
        const cut_rules rules{r_, s_.basis == dose_basis::own_mg ? own_limits_ : basis_limits_, pace_, r_.maintenance};
        const limited_target limited = apply_limits_inline(no_limits_, rules, dose, phase, t.length.has_value(), previous,
                                                           occ_previous, st.messages);
        dose = limited.dose;
        phase = limited.phase;
        if (limited.min_change_broken && !min_change_conflict_warned_) {
            s_.messages.push_back(make_message(message_code::min_change_exceeds_max_cut, {r_.min_change}));
            min_change_conflict_warned_ = true;
        }
    }

    st.number = static_cast<int>(number);
    st.phase = phase;
    st.start = start;
    double days = interval_days_;  // the usual case: the request's interval, rounded once per plan
    if (t.length || !r_.phase_interval.empty() || pace_.active) {
        duration length = t.length ? *t.length : r_.interval;
        if (!t.length)
            if (auto it = r_.phase_interval.find(phase); it != r_.phase_interval.end()) length = it->second;
        if (pace_.active && (phase == step_phase::reduce || phase == step_phase::stop) && !t.length)
            length = length * pace_.interval_factor;
        days = whole_days(length);
    }
    st.length = days * units::day;
    // The step's end, step::end() (add_days) without the call: the length is a whole number
    // of days, so below 2^52 add_days' rounding gives it back unchanged.
    last_end_ = days < 4503599627370496.0 ? start + std::chrono::days{static_cast<long>(days)} : st.end();

    write_doses(st, t, dose, asked, previous);
    st.equivalent_daily_dose = dose;
    st.change = previous - dose;
    // 100 × (change / previous): a stop to zero is exactly 100% (x / x is 1 exactly; (100·x) / x
    // can be 99.99999999999999, issue 10).
    st.change_percent = (previous > mass{} ? 100.0 * (in(st.change, units::mg) / in(previous, units::mg)) : 0.0) *
                        units::percent_of_dose;
    if (model_ != nullptr && s_.basis == dose_basis::own_mg) {
        st.occupancy_percent = model_->occupancy_percent(dose);
        st.change_points = *occ_previous - *st.occupancy_percent;
    }
    st.progress = t.progress;
    add_step_warnings(st, d_, previous, meaningful_previous, start_eq_, s_.basis == dose_basis::own_mg ? whole_units_only_ : nullptr,
                      gentle_stop_dose(s_.basis == dose_basis::diazepam_mg || drug_is_diazepam_));
    finished_ = phase == step_phase::stop;
    planner_went_lower_ = (dose < asked && !about_equal(dose, asked)) || caught_up_;
}

// Doses per time (and per drug): the strategy's lines, scaled if a limit moved the target, or
// the starting split in proportion. Assigned into the step's lines, keeping their capacity.
// A staged substitution's reduce step holds the diazepam while it cuts the drug still taken:
// when the limits change that cut, the change falls on the drug's lines, so the diazepam stays
// where the strategy put it (under its ceiling). Only for a step with lines of both drugs
// whose drug lines can take the change; otherwise every line is scaled.
bool planner_run::change_only_the_drug(std::vector<dose_line>& lines, mass dose) const {
    if (s_.basis != dose_basis::diazepam_mg || s_.basis_factors.empty()) return false;
    const double per_mg = s_.basis_factors[0].per_mg;
    mass own{}, other{};
    for (const auto& line : lines) (line.drug == d_.name ? own : other) += line.amount;
    if (!(own > mass{}) || !(other > mass{}) || !(per_mg > 0)) return false;
    const double keep = (in(dose, units::mg) - in(other, units::mg)) / (in(own, units::mg) * per_mg);
    if (!(keep >= 0) || !std::isfinite(keep)) return false;
    for (auto& line : lines)
        if (line.drug == d_.name) line.amount = line.amount * keep;
    return true;
}

void planner_run::write_doses(step& st, const target& t, mass dose, mass asked, mass previous) {
    if (!t.doses.empty()) {
        st.doses.assign(t.doses.begin(), t.doses.end());
        if (!about_equal(dose, asked) && !change_only_the_drug(st.doses, dose)) {
            const double scale = asked > mass{} ? in(dose, units::mg) / in(asked, units::mg) : 0.0;
            for (auto& line : st.doses) line.amount = line.amount * scale;
        }
    } else if (s_.basis == dose_basis::own_mg) {
        // Every line is of the drug itself, so the daily dose is their sum, in the same order
        // as the general sum below (no name comparisons on every step).
        // A reused step's lines usually hold these names already: compared, not copied again.
        // (Walked with a pointer: a vector's size() divides by the 72-byte line each time.)
        if (st.doses.size() != s_.start_split.size()) st.doses.resize(s_.start_split.size());
        mass total{};
        dose_line* line = st.doses.data();
        for (const timed_dose& part : s_.start_split) {
            if (!same_text(line->drug, d_.name)) line->drug.assign(d_.name);
            if (!same_text(line->time, part.time)) line->time.assign(part.time);
            line->amount = dose * (part.amount / r_.daily_dose);
            total += line->amount;
            ++line;
        }
        st.daily_dose = total;
        return;
    } else {
        // A diazepam plan always starts with lines (its switch steps): scale the last step's.
        const step& last = steps_.done()[steps_.count() - 2];
        const double scale = previous > mass{} ? in(dose, units::mg) / in(previous, units::mg) : 0.0;
        st.doses.assign(last.doses.begin(), last.doses.end());
        for (auto& line : st.doses) line.amount = line.amount * scale;
    }
    st.daily_dose = mass{};
    for (const auto& line : st.doses)
        if (line.drug == d_.name) st.daily_dose += line.amount;
}

}  // namespace

void make_plan(schedule& into, const database& db, const plan_request& r, const any_strategy& strategy) {
    const drug& d = validated_drug(db, r);
    const occupancy_model* model = resolve_model(d, r);
    start_schedule(into, db, d, r, strategy.name(), model);
    // The run reads the schedule's snapshot of the request (it may convert its limits).
    planner_run(into, db, d, into.request, strategy, model).run();
    check_plan_bounds(into.request, into.start, into.steps, true, strategy.name());
}

schedule make_plan(const database& db, const plan_request& r, const any_strategy& strategy) {
    schedule s;
    make_plan(s, db, r, strategy);
    return s;
}

}  // namespace taper
