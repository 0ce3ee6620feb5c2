// The C ABI of the journal, the assessment and replanning (include/taper.h, "The person in the
// loop"). JSON crosses as allocated strings made by the library's exporters.
#include "internal.hpp"

#include <taper/assess/assessment.hpp>
#include <taper/io/assessment_json.hpp>
#include <taper/io/journal_csv.hpp>
#include <taper/io/journal_json.hpp>
#include <taper/replan/replan.hpp>
#include <taper/several/plan.hpp>

#include "../messages/json.hpp"

#include <nlohmann/json.hpp>

struct taper_journal {
    taper::journal value;
    std::vector<taper::journal_problem> problems;
    std::vector<std::string> problem_texts;  ///< describe(problem), rendered once
};

using namespace taper;
using namespace taper::capi;

static_assert(static_cast<int>(verdict::no_troubling_symptoms) == TAPER_VERDICT_NO_TROUBLING_SYMPTOMS);
static_assert(static_cast<int>(verdict::consistent_with_withdrawal) == TAPER_VERDICT_CONSISTENT_WITH_WITHDRAWAL);
static_assert(static_cast<int>(verdict::consistent_with_relapse) == TAPER_VERDICT_CONSISTENT_WITH_RELAPSE);
static_assert(static_cast<int>(verdict::unclear) == TAPER_VERDICT_UNCLEAR);
static_assert(static_cast<int>(replan_action::continue_plan) == TAPER_REPLAN_CONTINUE);
static_assert(static_cast<int>(replan_action::hold) == TAPER_REPLAN_HOLD);
static_assert(static_cast<int>(replan_action::go_back) == TAPER_REPLAN_GO_BACK);
static_assert(static_cast<int>(replan_action::slow_down) == TAPER_REPLAN_SLOW_DOWN);
static_assert(static_cast<int>(replan_action::resume) == TAPER_REPLAN_RESUME);

namespace {

const journal& need_journal(const taper_journal* j, const char* fn) { return need(j, fn, "journal").value; }

template <class Read>
void make_journal(taper_journal** out, size_t* out_count, const char* text, const char* fn, Read read) {
    need(out, fn, "out_journal");
    const std::string_view t = need_text(text, fn, "text");
    auto j = std::make_unique<taper_journal>();
    journal_read r = read(t);
    j->value = std::move(r.value);
    j->problems = std::move(r.problems);
    for (const auto& p : j->problems) j->problem_texts.push_back(describe(p));
    put(out_count, j->problems.size());
    *out = j.release();
}

}  // namespace

extern "C" {

taper_status taper_journal_from_json(taper_journal** out_journal, size_t* out_problem_count, const char* json,
                                     taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        make_journal(out_journal, out_problem_count, json, fn, [](std::string_view t) { return journal_from_json(t); });
    });
}

taper_status taper_journal_from_csv(taper_journal** out_journal, size_t* out_problem_count, const char* csv,
                                    taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        make_journal(out_journal, out_problem_count, csv, fn, [](std::string_view t) { return journal_from_csv(t); });
    });
}

void taper_journal_free(taper_journal* journal) { delete journal; }

taper_status taper_journal_problem(const taper_journal* journal, taper_journal_problem_info* out_problem, size_t index,
                                   taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& j = need(journal, fn, "journal");
        (void)out_struct_size(out_problem, fn, "out_problem");
        check_index(index, j.problems.size(), fn, "problem");
        const auto& p = j.problems[index];
        auto info = blank<taper_journal_problem_info>();
        info.entry = p.entry == journal_problem::whole_journal ? -1 : static_cast<int64_t>(p.entry);
        info.code = static_cast<int32_t>(p.code);
        info.field = p.field.c_str();
        info.input = p.input.c_str();
        info.text = j.problem_texts[index].c_str();
        write_struct(out_problem, info, fn, "out_problem");
    });
}

size_t taper_journal_entry_count(const taper_journal* journal) { return journal == nullptr ? 0 : journal->value.entries.size(); }

taper_status taper_journal_to_json(const taper_journal* journal, char** out_json, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& j = need_journal(journal, fn);
        char*& out = need(out_json, fn, "out_json");
        out = allocated(to_json(j));
    });
}

taper_status taper_journal_to_csv(const taper_journal* journal, char** out_csv, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& j = need_journal(journal, fn);
        char*& out = need(out_csv, fn, "out_csv");
        out = allocated(to_csv(j));
    });
}

taper_status taper_assess(int32_t* out_latest_verdict, int32_t* out_seek_help_now, char** out_json,
                          const taper_schedule* schedule, const taper_journal* journal, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& s = need(schedule, fn, "schedule").schedule;
        const auto& j = need_journal(journal, fn);
        const assessment a = assess(s, j);
        put(out_latest_verdict, static_cast<int32_t>(a.latest));
        put(out_seek_help_now, a.seek_help_now ? 1 : 0);
        if (out_json != nullptr) *out_json = allocated(to_json(a, s));
    });
}

taper_status taper_replan(taper_schedule** out_schedule, const taper_database* db, const taper_schedule* schedule,
                          const taper_journal* journal, const taper_registry* registry, const char* strategy_name,
                          const taper_strategy_options* options, int32_t action, taper_date today,
                          double tolerable_days, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_schedule, fn, "out_schedule");
        const auto& d = need(db, fn, "db");
        const auto& s = need(schedule, fn, "schedule").schedule;
        const auto& j = need_journal(journal, fn);
        const std::string_view name = need_text(strategy_name, fn, "strategy_name");
        if (action < 0 || action > TAPER_REPLAN_RESUME)
            throw failure(TAPER_ERROR_INVALID_ARGUMENT, std::string(fn) + ": action " + std::to_string(action) +
                                                            " is not a taper_replan_action (0-4)");
        if (!(tolerable_days >= 0) || !std::isfinite(tolerable_days))
            throw failure(TAPER_ERROR_INVALID_ARGUMENT, std::string(fn) + ": tolerable_days must be 0 or more");
        const strategy_registry& reg = registry == nullptr ? builtin_strategies() : registry->registry;
        strategy_options none;
        const any_strategy strategy = reg.make(name, options == nullptr ? none : options->options);
        replan_request r;
        r.action = static_cast<replan_action>(action);
        r.today = from_c(today.year, today.month, today.day, fn);
        r.tolerable_for = tolerable_days * units::day;
        const plan_history h = replan(d.db, start_history(s), j, strategy, r);
        auto out = std::make_unique<taper_schedule>();
        out->schedule = h.current();
        out->render();
        *out_schedule = out.release();
    });
}

struct taper_several_request {
    taper::several_drugs_request request;
};

taper_status taper_offer_next_cut(taper_next_cut_offer* out_offer, char** out_reasons_json,
                                  const taper_schedule* schedule, const taper_journal* journal, taper_date today,
                                  double tolerable_days, double share_of_cut, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        (void)out_struct_size(out_offer, fn, "out_offer");
        const auto& s = need(schedule, fn, "schedule").schedule;
        const auto& j = need_journal(journal, fn);
        if (!(tolerable_days >= 0) || !std::isfinite(tolerable_days))
            throw failure(TAPER_ERROR_INVALID_ARGUMENT, std::string(fn) + ": tolerable_days must be 0 or more");
        const next_cut_offer o = offer_next_cut(start_history(s), j, from_c(today.year, today.month, today.day, fn),
                                                tolerable_days * units::day, share_of_cut);
        auto info = blank<taper_next_cut_offer>();
        info.ready = o.ready ? 1 : 0;
        info.tolerable_days = in(o.tolerable_so_far, units::day);
        info.current_mg = in(o.current, units::mg);
        info.offered_mg = in(o.offered, units::mg);
        if (out_reasons_json != nullptr) {
            nlohmann::ordered_json reasons = nlohmann::ordered_json::array();
            const message_context c = context_of(s);
            for (const auto& m : o.reasons) reasons.push_back(detail::message_json(m, c));
            *out_reasons_json = allocated(reasons.dump(2) + "\n");
        }
        write_struct(out_offer, info, fn, "out_offer");
    });
}

taper_status taper_several_request_create(taper_several_request** out_request, taper_date start,
                                          double stabilisation_gap_days, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_request, fn, "out_request");
        if (!(stabilisation_gap_days >= 0) || !std::isfinite(stabilisation_gap_days))
            throw failure(TAPER_ERROR_INVALID_ARGUMENT, std::string(fn) + ": stabilisation_gap_days must be 0 or more");
        auto out = std::make_unique<taper_several_request>();
        out->request.start = from_c(start.year, start.month, start.day, fn);
        out->request.stabilisation_gap = stabilisation_gap_days * units::day;
        *out_request = out.release();
    });
}

void taper_several_request_free(taper_several_request* request) { delete request; }

taper_status taper_several_request_add(taper_several_request* request, const taper_request* course,
                                       const taper_registry* registry, const char* strategy_name,
                                       const taper_strategy_options* options, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        auto& r = need(request, fn, "request").request;
        const auto& c = need(course, fn, "course").request;
        const std::string_view name = need_text(strategy_name, fn, "strategy_name");
        const strategy_registry& reg = registry == nullptr ? builtin_strategies() : registry->registry;
        strategy_options none;
        r.courses.push_back({c, reg.make(name, options == nullptr ? none : options->options)});
    });
}

taper_status taper_plan_several(char** out_json, size_t* out_plan_count, const taper_database* db,
                                const taper_several_request* request, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        char*& out = need(out_json, fn, "out_json");
        const auto& d = need(db, fn, "db");
        const auto& r = need(request, fn, "request").request;
        const several_drugs_plan p = plan_several(d.db, r);
        put(out_plan_count, p.plans.size());
        out = allocated(to_json(p));
    });
}

}  // extern "C"
