// Withdrawal, relapse or unclear (assess/assessment.hpp). The rules and their sources are in
// docs/assessment.md; each feature found becomes a coded reason naming its source.
#include <taper/assess/assessment.hpp>
#include <taper/replan/replan.hpp>

#include <algorithm>
#include <cmath>
#include <set>

namespace taper {
namespace {

using mc = message_code;

parameter source(evidence_source s) { return parameter::whole(parameter_kind::evidence, static_cast<std::size_t>(s)); }
parameter symptom_param(symptom s) { return parameter::whole(parameter_kind::symptom, static_cast<std::size_t>(s)); }
duration days(long n) { return static_cast<double>(n) * units::day; }

/// Sum of the ratings of a day's withdrawal/relapse symptoms (red flags are handled apart).
int score(const journal_entry& e) {
    int total = 0;
    for (const auto& r : e.ratings)
        if (info(r.what).group != symptom_group::red_flag) total += r.severity;
    return total;
}

int worst(const journal_entry& e) {
    int w = 0;
    for (const auto& r : e.ratings)
        if (info(r.what).group != symptom_group::red_flag) w = std::max(w, r.severity);
    return w;
}

bool same(mass a, mass b) { return std::abs(in(a - b, units::mg)) <= 1e-9 * std::max(1.0, in(a, units::mg)); }

/// A day the daily dose fell and stayed lower for at least two days (a single missed day is
/// not treated as a cut).
struct change {
    date day{};
    mass from, to;
};

std::vector<change> cuts(const schedule& plan, const journal& j) {
    std::vector<change> out;
    if (j.entries.empty()) return out;
    const date first = std::min(plan.start, j.entries.front().day);
    const date last = j.entries.back().day;
    mass before = plan.start_dose;
    for (date d = first; d <= last; d += std::chrono::days{1}) {
        const mass now = dose_on(plan, j, d);
        if (in(now, units::mg) < in(before, units::mg) && !same(now, before)) {
            const date next = d + std::chrono::days{1};
            const bool lasts = next > last || in(dose_on(plan, j, next), units::mg) <= in(now, units::mg) + 1e-9;
            if (lasts) out.push_back({d, before, now});
        }
        before = now;
    }
    return out;
}

void assess_period(const schedule& plan, const journal& j, const assessment_rules& rules, period_assessment& p,
                   date end, bool latest) {
    std::vector<const journal_entry*> in_period;
    for (const auto& e : j.entries)
        if (e.day >= p.change && e.day < end) in_period.push_back(&e);
    const auto onset = std::find_if(in_period.begin(), in_period.end(),
                                    [&](const journal_entry* e) { return worst(*e) >= rules.troubling_severity; });
    if (onset == in_period.end()) {
        p.result = verdict::no_troubling_symptoms;
        const long covered = in_period.empty() ? 0 : days_between(p.change, in_period.back()->day) + 1;
        p.reasons.push_back(make_message(mc::no_troubling_symptoms, {days(covered)}));
        if (latest) p.advice.push_back(make_message(mc::advise_continue));
        return;
    }
    p.onset = (*onset)->day;
    const long onset_days = days_between(p.change, *p.onset);
    int withdrawal = 0, relapse = 0;

    if (days(onset_days) <= rules.soon_after_cut) {
        p.reasons.push_back(make_message(mc::onset_soon_after_cut, {days(onset_days), source(evidence_source::horowitz_taylor_2022)}));
        ++withdrawal;
    } else if (days(onset_days) >= rules.long_after_cut) {
        p.reasons.push_back(make_message(mc::onset_long_after_cut, {days(onset_days), source(evidence_source::horowitz_taylor_2022)}));
        ++relapse;
    }

    // Which symptoms were felt from the onset on.
    std::set<symptom> physical, psychological, rated;
    for (auto it = onset; it != in_period.end(); ++it)
        for (const auto& r : (*it)->ratings) {
            if (r.severity < 1) continue;
            const auto g = info(r.what).group;
            if (g == symptom_group::physical) physical.insert(r.what);
            if (g == symptom_group::psychological) psychological.insert(r.what);
            if (g != symptom_group::red_flag) rated.insert(r.what);
        }
    if (!physical.empty() && !psychological.empty()) {
        p.reasons.push_back(make_message(mc::physical_with_psychological,
                                         {parameter::count(physical.size()), parameter::count(psychological.size()),
                                          source(evidence_source::horowitz_taylor_2022)}));
        ++withdrawal;
    } else if (physical.empty() && !psychological.empty()) {
        p.reasons.push_back(make_message(mc::psychological_only, {parameter::count(psychological.size()),
                                                                  source(evidence_source::horowitz_taylor_2022)}));
        ++relapse;
    }
    std::vector<symptom> new_ones;
    for (auto s : rated)
        if (!j.in_baseline(s)) new_ones.push_back(s);
    if (!new_ones.empty()) {
        p.reasons.push_back(make_message(mc::symptoms_not_in_baseline,
                                         {symptom_param(new_ones.front()), parameter::count(new_ones.size() - 1),
                                          source(evidence_source::horowitz_taylor_2022)}));
        ++withdrawal;
    } else if (!rated.empty() && !j.baseline.empty()) {
        p.reasons.push_back(make_message(mc::like_original_condition,
                                         {parameter::count(rated.size()), source(evidence_source::horowitz_taylor_2022)}));
        ++relapse;
    }

    // The wave: a peak, then a day at half of it or less.
    auto peak = onset;
    for (auto it = onset; it != in_period.end(); ++it)
        if (score(**it) > score(**peak)) peak = it;
    const auto eased = std::find_if(peak, in_period.end(),
                                    [&](const journal_entry* e) { return 2 * score(*e) <= score(**peak); });
    if (eased != in_period.end()) {
        p.reasons.push_back(make_message(mc::wave_pattern, {days(days_between(p.change, (*peak)->day)),
                                                            days(days_between(p.change, (*eased)->day)),
                                                            source(evidence_source::horowitz_taylor_2022)}));
        ++withdrawal;
    } else {
        const auto first_felt = std::find_if(in_period.begin(), in_period.end(),
                                             [](const journal_entry* e) { return worst(*e) >= 1; });
        const long build_up = days_between((*first_felt)->day, (*peak)->day);
        if (days(build_up) >= rules.gradual_over) {
            p.reasons.push_back(make_message(mc::gradual_onset, {days(build_up), source(evidence_source::horowitz_taylor_2022)}));
            ++relapse;
        }
    }

    // Back on a higher dose after the onset: did the symptoms ease quickly?
    for (date d = *p.onset; d < end && d <= j.entries.back().day; d += std::chrono::days{1}) {
        if (in(dose_on(plan, j, d), units::mg) <= in(p.to, units::mg) + 1e-9) continue;
        int before = 0;
        for (const auto* e : in_period)
            if (e->day <= d) before = score(*e);
        for (const auto* e : in_period)
            if (e->day > d && days(days_between(d, e->day)) <= rules.eased_within && 2 * score(*e) <= before && before > 0) {
                p.reasons.push_back(make_message(mc::eased_on_reinstatement, {days(days_between(d, e->day)),
                                                                              source(evidence_source::horowitz_taylor_2022)}));
                ++withdrawal;
                break;
            }
        break;
    }

    bool severe = false;
    for (auto it = onset; it != in_period.end(); ++it)
        severe = severe || worst(**it) >= max_severity || (*it)->functioning.value_or(0) >= 2;
    const mass now = dose_on(plan, j, in_period.back()->day);

    if (withdrawal >= 2 && withdrawal > relapse) {
        p.result = verdict::consistent_with_withdrawal;
        p.reasons.push_back(make_message(mc::consistent_with_withdrawal, {p.to, source(evidence_source::horowitz_taylor_2022)}));
        if (severe && same(now, p.to))
            p.advice.push_back(make_message(mc::advise_go_back, {p.from, source(evidence_source::nice_ng222)}));
        p.advice.push_back(make_message(mc::advise_hold, {now, rules.tolerable_for, source(evidence_source::nice_ng222)}));
        if (severe) p.advice.push_back(make_message(mc::advise_talk_to_prescriber, {source(evidence_source::nice_ng222)}));
    } else if (relapse >= 2 && relapse > withdrawal) {
        p.result = verdict::consistent_with_relapse;
        p.reasons.push_back(make_message(mc::consistent_with_relapse, {source(evidence_source::horowitz_taylor_2022)}));
        p.advice.push_back(make_message(mc::advise_talk_to_prescriber, {source(evidence_source::nice_ng222)}));
    } else {
        p.result = verdict::unclear;
        p.reasons.push_back(make_message(mc::pattern_unclear));
        p.advice.push_back(make_message(mc::advise_keep_recording));
        p.advice.push_back(make_message(mc::advise_talk_to_prescriber, {source(evidence_source::nice_ng222)}));
    }
}

}  // namespace

std::string_view to_string(verdict v) noexcept {
    switch (v) {
        case verdict::no_troubling_symptoms: return "no_troubling_symptoms";
        case verdict::consistent_with_withdrawal: return "consistent_with_withdrawal";
        case verdict::consistent_with_relapse: return "consistent_with_relapse";
        case verdict::unclear: return "unclear";
    }
    return "unclear";
}

assessment assess(const schedule& plan, const journal& j, const assessment_rules& rules,
                  const support_directory& support) {
    assessment out;
    if (j.entries.empty()) return out;

    // Red flags first, whatever else is true: the most recent day of each.
    std::vector<std::pair<symptom, date>> flags;
    for (const auto& e : j.entries)
        for (const auto& r : e.ratings) {
            const auto& i = info(r.what);
            if (i.red_flag_from == 0 || r.severity < i.red_flag_from) continue;
            auto it = std::find_if(flags.begin(), flags.end(), [&](const auto& f) { return f.first == r.what; });
            if (it == flags.end()) flags.emplace_back(r.what, e.day);
            else it->second = e.day;
        }
    for (const auto& [s, day] : flags)
        out.red_flags.push_back(make_message(mc::red_flag_seek_help_now,
                                             {symptom_param(s), days(days_between(day, j.entries.back().day))}));
    if (!flags.empty()) {
        out.seek_help_now = true;
        out.red_flags.push_back(make_message(mc::contact_prescriber_or_emergency));
        // "The output says to seek help now and lists the support contacts for the person's
        // country and class" (issue 13): the journal's country, the plan's drug.
        const std::string country = support_country_from_code(j.country);
        out.contacts = plan.subject ? support.for_person(*plan.subject, country)
                                    : support.for_person(drug_class::other, country);
    }

    const auto changes = cuts(plan, j);
    for (std::size_t i = 0; i < changes.size(); ++i) {
        period_assessment p;
        p.change = changes[i].day;
        p.from = changes[i].from;
        p.to = changes[i].to;
        const date end = i + 1 < changes.size() ? changes[i + 1].day : j.entries.back().day + std::chrono::days{1};
        assess_period(plan, j, rules, p, end, i + 1 == changes.size());
        out.periods.push_back(std::move(p));
    }
    if (!out.periods.empty()) out.latest = out.periods.back().result;
    return out;
}

}  // namespace taper
