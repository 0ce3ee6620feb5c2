// The diazepam-crossover strategy: see include/taper/strategies/diazepam_crossover.hpp.
#include <taper/strategies/diazepam_crossover.hpp>

#include <taper/drugs/equivalence.hpp>
#include <taper/error.hpp>
#include <taper/plan/strategy_definition.hpp>
#include <taper/units/access.hpp>
#include <taper/units/io.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace taper::strategies {
namespace {

struct equivalence {
    double diazepam_per_mg;   ///< mg diazepam per mg of the drug
    std::string description;  ///< for notes: "ashton: 0.5 mg alprazolam ~ 10 mg diazepam"
};

equivalence equivalent(const plan_context& ctx, const std::optional<range_end>& range) {
    const drug& d = ctx.subject;
    const std::string& table = ctx.request.equivalence_table;
    const auto it = d.equivalents.tables.find(table);
    if (it == d.equivalents.tables.end()) {
        std::string tables;
        for (const auto& [key, value] : d.equivalents.tables) tables += (tables.empty() ? "" : ", ") + key;
        throw plan_error("diazepam-crossover strategy: equivalence table: " + d.name + " has no entry in the \"" +
                         table + "\" table" +
                         (tables.empty() ? std::string(" (nor in any other)")
                                         : " (tables with an entry for it: " + tables + ")") +
                         "; choose one of those in the request's equivalence table");
    }
    const sourced<equivalent_dose>& entry = it->second;
    if (!entry.known())
        throw missing_data_error("diazepam-crossover strategy: the \"" + table +
                                 "\" equivalence table has no diazepam equivalent for " + d.name + " (status " +
                                 std::string(to_string(entry.origin.status)) + "; source: " +
                                 (entry.origin.source.empty() ? "none" : entry.origin.source) +
                                 "); agree a switching dose with the prescriber and give it in your own "
                                 "formulary, or choose another table");
    const equivalent_dose& e = *entry;
    // mg diazepam per mg of the drug, when `amount` of it counts as 10 mg diazepam.
    auto per_mg = [](mass amount) { return 10.0 / in(amount, units::mg); };
    const std::string source_part = "\"" + table + "\": ";
    if (!e.is_range()) {
        if (range)
            return {per_mg(e.low), source_part + to_string(e.low) + " " + d.name +
                                               " ~ 10 mg diazepam; the table gives one value, so the chosen "
                                               "range end does not apply"};
        return {per_mg(e.low), source_part + to_string(e.low) + " " + d.name + " ~ 10 mg diazepam"};
    }
    const std::string range_text = format_number(in(e.low, units::mg)) + " to " + to_string(e.high);
    if (!range)
        throw plan_error("diazepam-crossover strategy: range end: the \"" + table + "\" table gives a range for " +
                         d.name + ": " + range_text + " ~ 10 mg diazepam, so 1 mg " + d.name + " ~ " +
                         format_number(per_mg(e.high)) + " to " + format_number(per_mg(e.low)) +
                         " mg diazepam. Choose the end explicitly with the prescriber: \"low\" (" +
                         to_string(e.low) + " ~ 10 mg diazepam, the larger diazepam dose) or \"high\" (" +
                         to_string(e.high) + " ~ 10 mg diazepam, the smaller)");
    const mass chosen = *range == range_end::low ? e.low : e.high;
    return {per_mg(chosen), source_part + range_text + " " + d.name + " ~ 10 mg diazepam; " +
                                        (*range == range_end::low ? "low" : "high") + " end chosen: " +
                                        to_string(chosen) + " ~ 10 mg diazepam"};
}

}  // namespace

std::optional<target> diazepam_crossover::next(const plan_context& ctx, std::span<const step> done) const {
    const drug& d = ctx.subject;
    if (!uses_diazepam_equivalents(d.klass))
        throw plan_error("diazepam-crossover strategy: " + d.name + " is not a benzodiazepine or z-drug (class " +
                         d.class_label + "); use the hyperbolic strategy (equal occupancy steps) or the "
                         "proportional strategy (a percentage of the most recent dose) instead");
    if (d.name == reference_drug) {
        auto t = reduce(ctx, done, dose_basis::own_mg);
        // The first step says why there is no switch; its cut is the usual one.
        if (t && done.empty()) t->note = make_message(message_code::crossover_not_needed);
        return t;
    }

    const equivalence eq = equivalent(ctx, range);
    if (switch_ceiling && ctx.request.daily_dose * eq.diazepam_per_mg > *switch_ceiling * (1 + 1e-9))
        return staged(ctx, done, eq.diazepam_per_mg, *switch_ceiling);
    const std::vector<timed_dose> split =
        ctx.request.split.empty() ? std::vector<timed_dose>{{"daily", ctx.request.daily_dose}} : ctx.request.split;
    const auto switched = static_cast<std::size_t>(
        std::count_if(done.begin(), done.end(), [](const step& s) { return s.phase == step_phase::switch_over; }));
    if (switched >= split.size()) return reduce(ctx, done, dose_basis::diazepam_mg);

    // Switch step `switched + 1`: the last `switched + 1` dose-times of the day are diazepam.
    const std::size_t first_diazepam = split.size() - switched - 1;
    target t;
    t.phase = step_phase::switch_over;
    t.basis = dose_basis::diazepam_mg;
    if (!ctx.request.phase_interval.contains(step_phase::switch_over)) t.length = switch_length;
    t.daily_dose = 0.0 * units::mg;
    for (std::size_t i = 0; i < split.size(); ++i) {
        const mass as_diazepam = split[i].amount * eq.diazepam_per_mg;
        t.daily_dose += as_diazepam;
        if (i >= first_diazepam)
            t.doses.push_back({reference_drug, split[i].time, as_diazepam});
        else
            t.doses.push_back({d.name, split[i].time, split[i].amount});
    }
    const timed_dose& now = split[first_diazepam];
    t.note = make_message(message_code::crossover_switch,
                          {parameter::count(switched + 1), parameter::dose_time(first_diazepam), now.amount,
                           in(now.amount * eq.diazepam_per_mg, units::mg) * units::diazepam_mg});
    return t;
}

namespace {

/// One dose-time of a staged substitution: how much of the drug and of diazepam it holds.
struct dose_time_share {
    std::string time;
    mass own{};       ///< mg of the drug being replaced
    mass diazepam{};  ///< mg diazepam
};

/// Where a staged plan is: the last step's lines by dose-time, or the starting split.
std::vector<dose_time_share> shares_now(const plan_context& ctx, std::span<const step> done) {
    std::vector<dose_time_share> shares;
    if (ctx.request.split.empty()) shares.push_back({"daily", ctx.request.daily_dose, {}});
    for (const timed_dose& part : ctx.request.split) shares.push_back({part.time, part.amount, {}});
    if (done.empty()) return shares;
    for (auto& share : shares) share.own = share.diazepam = mass{};
    for (const dose_line& line : done.back().doses) {
        auto it = std::find_if(shares.begin(), shares.end(), [&](const dose_time_share& s) { return s.time == line.time; });
        if (it == shares.end()) it = shares.insert(shares.end(), {line.time, {}, {}});
        (line.drug == diazepam_crossover::reference_drug ? it->diazepam : it->own) += line.amount;
    }
    return shares;
}

/// The step's lines: at each dose-time the drug (if any is left), then diazepam (if any).
/// Returns the index of the diazepam line of dose-time `marked`, for the note.
std::size_t write_lines(target& t, const std::vector<dose_time_share>& shares, std::string_view drug_name,
                        double diazepam_per_mg, std::size_t marked) {
    std::size_t marked_line = 0;
    t.daily_dose = mass{};
    for (std::size_t i = 0; i < shares.size(); ++i) {
        const dose_time_share& s = shares[i];
        if (s.own > mass{}) t.doses.push_back({std::string(drug_name), s.time, s.own});
        if (s.diazepam > mass{}) {
            if (i == marked) marked_line = t.doses.size();
            t.doses.push_back({std::string(diazepam_crossover::reference_drug), s.time, s.diazepam});
        }
        t.daily_dose += s.own * diazepam_per_mg + s.diazepam;
    }
    return marked_line;
}

}  // namespace

std::optional<target> diazepam_crossover::staged(const plan_context& ctx, std::span<const step> done,
                                                   double diazepam_per_mg, mass ceiling) const {
    std::vector<dose_time_share> shares = shares_now(ctx, done);
    mass own{}, diazepam{};
    for (const auto& s : shares) {
        own += s.own;
        diazepam += s.diazepam;
    }
    // Phase 3: the drug is gone; the diazepam is reduced as after a whole switch.
    if (!(in(own, units::mg) > 0)) return reduce(ctx, done, dose_basis::diazepam_mg);
    const mass latest = own * diazepam_per_mg + diazepam;

    target t;
    t.basis = dose_basis::diazepam_mg;
    // Still switching until the first cut (a hold the request places between switch steps
    // does not end the switch).
    const bool switching = std::none_of(done.begin(), done.end(), [](const step& s) { return s.phase == step_phase::reduce; });
    const mass room = ceiling - diazepam;
    if (switching && room > ceiling * 1e-9) {
        // Phase 1: the last dose-time still taken as the drug moves to diazepam, as far as the
        // ceiling allows.
        std::size_t i = shares.size();
        while (i > 0 && !(shares[i - 1].own > mass{})) --i;
        dose_time_share& now = shares[i - 1];
        const mass moved = std::min(now.own, room / diazepam_per_mg);
        now.own = moved >= now.own * (1 - 1e-12) ? mass{} : now.own - moved;
        now.diazepam += moved * diazepam_per_mg;
        t.phase = step_phase::switch_over;
        if (!ctx.request.phase_interval.contains(step_phase::switch_over)) t.length = switch_length;
        const std::size_t line = write_lines(t, shares, ctx.subject.name, diazepam_per_mg, i - 1);
        t.note = make_message(message_code::crossover_partial_switch,
                              {parameter::dose_time(line), moved,
                               in(moved * diazepam_per_mg, units::mg) * units::diazepam_mg,
                               in(ceiling, units::mg) * units::diazepam_mg});
        return t;
    }
    // Phase 2: cut from the drug still taken, the diazepam held. The request's limits are
    // applied here (once switching is over they are in diazepam mg), so that the planner has
    // no reason to rescale the step: no cut larger than the percentage, `max_step` or
    // `max_step_percent`, none past the final dose. A remainder under half a cut is not left
    // behind as a meaningless last step: the last two cuts share it equally.
    const plan_request& r = ctx.request;
    if (r.final_dose && latest <= *r.final_dose * (1 + 1e-9)) return std::nullopt;
    mass cut = latest * (percent / 100.0);
    if (r.max_step && *r.max_step > mass{}) cut = std::min(cut, *r.max_step);
    if (r.max_step_percent) cut = std::min(cut, latest * (in(*r.max_step_percent, units::percent_of_dose) / 100.0));
    const mass own_eq = own * diazepam_per_mg;
    if (own_eq <= cut) cut = own_eq;
    else if (own_eq < cut * 1.5) cut = own_eq * 0.5;
    if (r.final_dose && latest - cut < *r.final_dose) cut = latest - *r.final_dose;
    const double keep = own_eq > cut ? 1.0 - in(cut, units::mg) / in(own_eq, units::mg) : 0.0;
    for (auto& s : shares) s.own = keep > 0 ? s.own * keep : mass{};
    t.phase = step_phase::reduce;
    write_lines(t, shares, ctx.subject.name, diazepam_per_mg, shares.size());
    t.note = make_message(message_code::crossover_reduce_remaining,
                          {in(cut, units::mg) / in(latest, units::mg) * 100.0 * units::percent_of_dose,
                           in(diazepam, units::mg) * units::diazepam_mg});
    return t;
}

std::optional<target> diazepam_crossover::reduce(const plan_context& ctx, std::span<const step> done,
                                                   dose_basis basis) const {
    const mass latest = ctx.latest(done, ctx.start_dose());
    if (!(in(latest, units::mg) > 0)) return std::nullopt;
    if (ctx.request.final_dose && latest <= *ctx.request.final_dose * (1 + 1e-9)) return std::nullopt;
    target t;
    t.basis = basis;
    const mass cut = latest * (percent / 100.0);
    if (cut >= tail_step * (1 - 1e-9)) {
        t.daily_dose = latest - cut;
        t.note = make_message(message_code::cut_share_of_recent, {percent * units::percent_of_dose});
        return t;
    }
    // The tail: whole multiples of tail_step, one lower per step.
    const double multiples = std::round(in(latest, units::mg) / in(tail_step, units::mg)) - 1.0;
    t.daily_dose = tail_step * std::max(0.0, multiples);
    t.note = make_message(message_code::crossover_tail, {tail_step, percent * units::percent_of_dose});
    return t;
}

void diazepam_crossover::validate() const {
    if (!std::isfinite(percent) || percent <= 0 || percent >= 100)
        throw strategy_error("diazepam-crossover strategy: percent: expected a percentage of the most recent dose "
                             "between 0 and 100 (exclusive), not " + format_number(percent),
                             option_detail("percent", format_number(percent), "a percentage between 0 and 100 (exclusive)"));
    const double tail_mg = in(tail_step, units::mg);
    if (!std::isfinite(tail_mg) || tail_mg <= 0)
        throw strategy_error("diazepam-crossover strategy: tail step: expected more than 0 mg diazepam, not " +
                                 to_string(tail_step),
                             option_detail("tail_step", to_string(tail_step), "more than 0 mg diazepam"));
    if (switch_ceiling) {
        const double ceiling_mg = in(*switch_ceiling, units::mg);
        if (!std::isfinite(ceiling_mg) || ceiling_mg <= 0)
            throw strategy_error("diazepam-crossover strategy: switch ceiling: expected more than 0 mg diazepam a "
                                 "day, not " + to_string(*switch_ceiling),
                                 option_detail("switch_ceiling", to_string(*switch_ceiling), "more than 0 mg diazepam a day"));
    }
    const double days = in(switch_length, units::day);
    if (!std::isfinite(days) || days < 1 || days > 365)
        throw strategy_error("diazepam-crossover strategy: switch length: expected 1 to 365 days per switch step, "
                             "not " + format_number(days) + " days",
                             option_detail("step_length", format_number(days), "1 to 365 days"));
}

diazepam_crossover diazepam_crossover::from_options(const strategy_options& given) {
    const strategy_options o = resolve_options(definition().schema, "diazepam-crossover", given);
    diazepam_crossover c;
    c.percent = in(*o.get<taper::percent>("percent"), units::percent_of_dose);
    c.switch_length = *o.get<duration>("step_length");
    if (const auto end = o.get<std::string>("range_end")) c.range = *end == "low" ? range_end::low : range_end::high;
    c.tail_step = *o.get<mass>("tail_step");
    c.switch_ceiling = o.get<mass>("switch_ceiling");
    c.validate();
    return c;
}

const strategy_definition& diazepam_crossover::definition() {
    static const strategy_definition d{
        "diazepam-crossover",
        "Benzodiazepines and z-drugs: switch to diazepam one dose-time at a time at an equivalent dose, reduce "
        "it proportionally, then a tail of small steps (Ashton).",
        {.options =
             {{.name = "percent",
               .kind = option_kind::percentage,
               .description = "% of the most recent diazepam-equivalent dose cut at every step",
               .default_value = taper::percent(10.0 * units::percent_of_dose),
               .minimum = option_bound{taper::percent(0.0 * units::percent_of_dose), false},
               .maximum = option_bound{taper::percent(100.0 * units::percent_of_dose), false},
               .role = option_role::step_size},
              {.name = "step_length",
               .kind = option_kind::days,
               .description = "length of each switch step",
               .default_value = 7.0 * units::day,
               .minimum = option_bound{1.0 * units::day, true},
               .maximum = option_bound{365.0 * units::day, true}},
              {.name = "range_end",
               .kind = option_kind::choice,
               .description = "which end of a table's range to switch at (needed when the table gives a range)",
               .choices = {"low", "high"}},
              {.name = "tail_step",
               .kind = option_kind::milligrams,
               .description = "diazepam mg per step in the tail, once a proportional cut would be smaller",
               .default_value = 0.5 * units::mg,
               .minimum = option_bound{0.0 * units::mg, false}},
              {.name = "switch_ceiling",
               .kind = option_kind::milligrams,
               .description = "diazepam mg a day the switch may reach; above it the rest of the drug is reduced "
                              "before it is switched (staged substitution; UK guidance: not above 30 mg)",
               .minimum = option_bound{0.0 * units::mg, false}}}},
        [](const strategy_options& o) -> any_strategy { return from_options(o); }};
    return d;
}

}  // namespace taper::strategies
