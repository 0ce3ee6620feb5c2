// A plan for several drugs, one at a time (several/plan.hpp).
#include <taper/several/plan.hpp>

#include <taper/error.hpp>

#include <algorithm>
#include <set>

namespace taper {
namespace {

using mc = message_code;

/// The dose lines of `plan` on `day`: before it starts, the starting split; after it ends,
/// the last step's lines.
std::vector<dose_line> lines_on(const schedule& plan, date day) {
    if (day < plan.start || plan.steps.empty()) {
        std::vector<dose_line> out;
        for (const auto& t : plan.start_split) out.push_back({plan.drug, t.time, t.amount});
        return out;
    }
    for (const auto& s : plan.steps)
        if (s.start <= day && day < s.end()) return s.doses;
    return plan.steps.back().doses;
}

}  // namespace

several_drugs_plan plan_several(const database& db, const several_drugs_request& request) {
    if (request.courses.empty())
        throw plan_error("a plan for several drugs needs at least one drug",
                         {error_code::plan_request, "", "one or more drugs", "drugs", {}});
    if (in(request.stabilisation_gap, units::day) < 0)
        throw plan_error("the stabilisation gap cannot be negative",
                         {error_code::plan_request, std::to_string(in(request.stabilisation_gap, units::day)),
                          "0 days or more", "stabilisation gap", {}});
    several_drugs_plan out;
    std::set<std::string> seen;
    date start = request.start;
    for (std::size_t i = 0; i < request.courses.size(); ++i) {
        plan_request r = request.courses[i].request;
        r.start = start;
        schedule s = make_plan(db, r, request.courses[i].strategy);
        if (!seen.insert(s.drug).second)
            throw plan_error("the drug " + s.drug + " is listed twice",
                             {error_code::plan_request, s.drug, "each drug once", "drugs", {}});
        start = add_days(s.end(), request.stabilisation_gap);
        out.drugs.push_back(s.drug);
        out.plans.push_back(std::move(s));
    }
    const std::size_t n = out.plans.size();
    for (std::size_t i = 0; i < n; ++i)
        out.notes.push_back(make_message(mc::one_drug_at_a_time, {parameter::count(i + 1), parameter::count(n)}));
    if (n > 1) {
        out.notes.push_back(make_message(mc::stabilisation_gap, {request.stabilisation_gap}));
        out.notes.push_back(make_message(mc::order_is_a_shared_choice,
                                         {parameter::whole(parameter_kind::evidence,
                                                           static_cast<std::size_t>(evidence_source::nice_ng215))}));
    }
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<std::string> others;
        for (std::size_t k = 0; k < n; ++k)
            if (k != i) others.push_back(out.drugs[k]);
        for (auto& note : interactions_when_reducing(out.drugs[i], others, out.drugs)) out.interactions.push_back(std::move(note));
    }

    // The combined calendar: a new period wherever any drug's step begins or ends.
    std::set<date> bounds{request.start};
    for (const auto& p : out.plans)
        for (const auto& s : p.steps) {
            bounds.insert(s.start);
            bounds.insert(s.end());
        }
    const std::vector<date> b(bounds.begin(), bounds.end());
    for (std::size_t k = 0; k + 1 < b.size(); ++k) {
        calendar_period c;
        c.from = b[k];
        c.to = b[k + 1];
        for (const auto& p : out.plans)
            for (auto& l : lines_on(p, c.from)) c.doses.push_back(std::move(l));
        if (!out.calendar.empty() && out.calendar.back().doses == c.doses) out.calendar.back().to = c.to;
        else out.calendar.push_back(std::move(c));
    }
    return out;
}

}  // namespace taper
