// The C ABI: requests, strategy options, the registry (with strategies written in C),
// planning and schedules (see include/taper.h).
#include "internal.hpp"

#include <taper/io/csv.hpp>
#include <taper/io/json.hpp>
#include <taper/io/strategy_schema_json.hpp>
#include <taper/plan/suggest.hpp>
#include <taper/units/from_value.hpp>

#include <algorithm>
#include <mutex>
#include <set>

namespace taper::capi {
namespace {

mass mg_of(double v) { return from_value<mass>(v); }
duration days_of(double v) { return from_value<duration>(v); }

static_assert(TAPER_OPTION_KIND_MASS == static_cast<int>(option_kind::milligrams) &&
              TAPER_OPTION_KIND_PERCENT == static_cast<int>(option_kind::percentage) &&
              TAPER_OPTION_KIND_OCCUPANCY_POINTS == static_cast<int>(option_kind::points) &&
              TAPER_OPTION_KIND_FRACTION == static_cast<int>(option_kind::fraction) &&
              TAPER_OPTION_KIND_DAYS == static_cast<int>(option_kind::days) &&
              TAPER_OPTION_KIND_CHOICE == static_cast<int>(option_kind::choice) &&
              TAPER_OPTION_KIND_OCCUPANCY_LIST == static_cast<int>(option_kind::occupancy_list) &&
              TAPER_OPTION_KIND_TABLE_ROWS == static_cast<int>(option_kind::table_rows));
static_assert(TAPER_OPTION_ROLE_NONE == static_cast<int>(option_role::none) &&
              TAPER_OPTION_ROLE_STEP_SIZE == static_cast<int>(option_role::step_size) &&
              TAPER_OPTION_ROLE_STEP_LENGTH == static_cast<int>(option_role::step_length));

// A taper_option_kind from C, checked (the C enum's values are the C++ enum's, in order).
option_kind kind_from_c(int value, const char* fn) {
    if (value < TAPER_OPTION_KIND_MASS || value > TAPER_OPTION_KIND_TABLE_ROWS)
        throw failure(TAPER_ERROR_INVALID_ARGUMENT, std::string(fn) + ": " + std::to_string(value) +
                                                        " is not a taper_option_kind (expected 0 to 7)");
    return static_cast<option_kind>(value);
}

// ---- strategies written in C ----------------------------------------------------------

/// The vtable and user data of one registered C strategy. Shared by the registry entry and
/// every strategy value made from it; the last one out calls destroy.
struct c_strategy_state {
    taper_strategy_vtable vtable{};
    void* user_data = nullptr;
    bool owned = false;  // set once registration succeeded: only then is destroy ours to call

    c_strategy_state() = default;
    c_strategy_state(const c_strategy_state&) = delete;
    c_strategy_state& operator=(const c_strategy_state&) = delete;
    ~c_strategy_state() {
        if (owned && vtable.destroy != nullptr) vtable.destroy(user_data);
    }
};

/// A C strategy as a taper Strategy (the planner's any_strategy holds it).
struct c_strategy {
    std::shared_ptr<const c_strategy_state> state;
    std::string strategy_name;
    std::shared_ptr<const taper_strategy_options> options;

    std::string_view name() const { return strategy_name; }

    std::optional<target> next(const plan_context& ctx, std::span<const step> done) const {
        const taper_strategy_context context{&ctx, done, options.get(), std::nullopt};
        taper_target proposed;
        std::memset(static_cast<void*>(&proposed), 0, sizeof proposed);
        const int result = state->vtable.next(state->user_data, &context, &proposed);
        // A note set through taper_strategy_context_set_note was copied during the call; the
        // pointer in proposed.note must outlive the call (include/taper.h).
        const std::string note = context.note ? *context.note
                                 : proposed.note != nullptr ? std::string(proposed.note)
                                                            : std::string();
        if (result == 0) return std::nullopt;
        if (result != 1)
            throw plan_error("the " + strategy_name + " strategy (written in C) failed: its next callback returned " +
                             std::to_string(result) + (note.empty() ? std::string() : ": " + note));
        target t;
        t.daily_dose = mg_of(proposed.daily_dose_mg);
        if (proposed.phase == TAPER_PHASE_REDUCE)
            t.phase = step_phase::reduce;
        else if (proposed.phase == TAPER_PHASE_HOLD)
            t.phase = step_phase::hold;
        else
            throw plan_error("the " + strategy_name + " strategy (written in C) proposed phase " +
                             std::to_string(proposed.phase) +
                             "; a strategy written in C proposes TAPER_PHASE_REDUCE (0) or TAPER_PHASE_HOLD (2), "
                             "and returns 0 to stop");
        if (proposed.length_days != 0) t.length = days_of(proposed.length_days);
        t.note_text = note;
        return t;
    }
};

static_assert(Strategy<c_strategy>);

// The list option `name` holds, made empty if unset; a failure if it holds another kind.
template <class List>
List& list_option(strategy_options& o, const std::string& name, const char* fn) {
    if (!o.contains(name)) o.set(name, List{});
    auto* list = std::get_if<List>(o.find(name));
    if (list == nullptr)
        throw failure(TAPER_ERROR_INVALID_ARGUMENT,
                      std::string(fn) + ": option \"" + name + "\" already holds a value of another kind");
    return *list;
}

const strategy_definition& strategy_in(const taper_registry* registry, const char* name, const char* fn) {
    const strategy_registry& reg = need(registry, fn, "registry").registry;
    const std::string_view strategy = need_text(name, fn, "strategy_name");
    if (const auto* e = reg.find(strategy)) return *e;
    (void)reg.make(strategy);  // throws the registry's strategy_error: known names, the nearest
    throw failure(TAPER_ERROR_STRATEGY, std::string(fn) + ": unknown strategy");
}

const option_spec& option_in(const taper_registry* registry, const char* name, std::size_t index, const char* fn) {
    const auto& options = strategy_in(registry, name, fn).schema.options;
    check_index(index, options.size(), fn, "option");
    return options[index];
}

const strategy_options& options_or_none(const taper_strategy_options* options) {
    static const strategy_options none{};
    return options == nullptr ? none : options->options;
}

const taper_strategy_context& need_context(const taper_strategy_context* c, const char* fn) {
    const auto& context = need(c, fn, "context");
    if (context.context == nullptr)
        throw failure(TAPER_ERROR_INVALID_ARGUMENT, std::string(fn) + ": the context is not a live strategy context");
    return context;
}

const occupancy_model& context_model(const taper_strategy_context& c, const char* fn) {
    if (c.context->model == nullptr)
        throw missing_data_error(std::string(fn) + ": " + c.context->subject.name +
                                 " has no usable receptor occupancy model in the data for this plan");
    return *c.context->model;
}

const schedule& need_schedule(const taper_schedule* s, const char* fn) { return need(s, fn, "schedule").schedule; }

const step& step_at(const schedule& s, std::size_t index, const char* fn) {
    check_index(index, s.steps.size(), fn, "step");
    return s.steps[index];
}

// A step's note or warning by index: the same checks and text for both lists.
using message_indexes = std::vector<std::vector<std::size_t>>;

taper_status step_message_text(const taper_schedule* schedule, const char** out_text, size_t step, size_t index,
                               taper_error** error, const char* fn, message_indexes taper_schedule::*list,
                               const char* what) {
    return guarded(error, [&] {
        step_at(need_schedule(schedule, fn), step, fn);
        need(out_text, fn, "out_text");
        const auto& h = *schedule;
        const auto& indexes = (h.*list)[step];
        check_index(index, indexes.size(), fn, what);
        *out_text = h.step_texts[step][indexes[index]].c_str();
    });
}

}  // namespace
}  // namespace taper::capi

using namespace taper;
using namespace taper::capi;

extern "C" {

// ---- strategy options -----------------------------------------------------------------

taper_status taper_strategy_options_create(taper_strategy_options** out_options, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_options, fn, "out_options");
        *out_options = new taper_strategy_options{};
    });
}

void taper_strategy_options_free(taper_strategy_options* options) { delete options; }

taper_status taper_strategy_options_set_number(taper_strategy_options* options, const char* name,
                                               taper_option_kind kind, double value, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        strategy_options& o = need(options, fn, "options").options;
        const std::string option(need_text(name, fn, "name"));
        const option_kind k = kind_from_c(raw(kind), fn);
        if (number_unit(k).empty())
            throw failure(TAPER_ERROR_INVALID_ARGUMENT, std::string(fn) + ": option \"" + option + "\": kind " +
                                                            std::string(to_string(k)) + " is not a single number");
        o.set(option, option_from_number(k, value));
    });
}

taper_status taper_strategy_options_set_schema_number(taper_strategy_options* options, const taper_registry* registry,
                                                      const char* strategy_name, const char* name, double value,
                                                      taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        strategy_options& o = need(options, fn, "options").options;
        const std::string option(need_text(name, fn, "name"));
        const strategy_registry& reg = registry == nullptr ? builtin_strategies() : registry->registry;
        const std::string_view strategy = need_text(strategy_name, fn, "strategy_name");
        const auto* entry = reg.find(strategy);
        if (entry == nullptr) {
            (void)reg.make(strategy);  // throws the registry's error: known names, the nearest
            throw failure(TAPER_ERROR_STRATEGY, std::string(fn) + ": unknown strategy");
        }
        const auto& declared = entry->schema.options;
        const auto spec = std::find_if(declared.begin(), declared.end(),
                                       [&](const option_spec& s) { return s.name == option; });
        if (spec == declared.end()) {
            std::string names;
            for (const option_spec& s : declared) names += (names.empty() ? "" : ", ") + s.name;
            throw strategy_error(std::string(fn) + ": the " + std::string(strategy) + " strategy has no option \"" +
                                     option + "\" (it has: " + (names.empty() ? "none" : names) + ")",
                                 option_detail(option, option, names.empty() ? "no option" : "one of: " + names));
        }
        if (number_unit(spec->kind).empty())
            throw failure(TAPER_ERROR_INVALID_ARGUMENT,
                          std::string(fn) + ": option \"" + option + "\" of the " + std::string(strategy) +
                              " strategy is a " + std::string(to_string(spec->kind)) +
                              ", not a single number (use taper_strategy_options_set_text, _add_occupancy or "
                              "_add_table_row)");
        o.set(option, option_from_number(spec->kind, value));
    });
}

taper_status taper_strategy_options_set_text(taper_strategy_options* options, const char* name, const char* text,
                                             taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        strategy_options& o = need(options, fn, "options").options;
        o.set(std::string(need_text(name, fn, "name")), std::string(need_text(text, fn, "text")));
    });
}

taper_status taper_strategy_options_add_occupancy(taper_strategy_options* options, const char* name, double points,
                                                  taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        strategy_options& o = need(options, fn, "options").options;
        list_option<std::vector<occupancy_points>>(o, std::string(need_text(name, fn, "name")), fn)
            .push_back(points * units::points);
    });
}

taper_status taper_strategy_options_add_table_row(taper_strategy_options* options, const char* name,
                                                  double daily_dose_mg, double length_days, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        strategy_options& o = need(options, fn, "options").options;
        table_row row;
        row.daily_dose = mg_of(daily_dose_mg);
        if (length_days != 0) row.length = days_of(length_days);
        list_option<std::vector<table_row>>(o, std::string(need_text(name, fn, "name")), fn).push_back(row);
    });
}

taper_status taper_strategy_options_unset(taper_strategy_options* options, const char* name, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        (void)need(options, fn, "options").options.erase(need_text(name, fn, "name"));
    });
}

taper_status taper_strategy_options_get_number(const taper_strategy_options* options, const char* name,
                                               taper_option_kind kind, double* out_value, int* out_is_set,
                                               taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const strategy_options& o = need(options, fn, "options").options;
        const option_kind k = kind_from_c(raw(kind), fn);
        need(out_value, fn, "out_value");
        need(out_is_set, fn, "out_is_set");
        const option_value* v = o.find(need_text(name, fn, "name"));
        const std::optional<double> number = v == nullptr ? std::nullopt : option_number(*v, k);
        *out_is_set = number ? 1 : 0;
        *out_value = or_nan(number);
    });
}

taper_status taper_strategy_options_get_text(const taper_strategy_options* options, const char* name,
                                             const char** out_text, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const strategy_options& o = need(options, fn, "options").options;
        need(out_text, fn, "out_text");
        const option_value* v = o.find(need_text(name, fn, "name"));
        const auto* text = v == nullptr ? nullptr : std::get_if<std::string>(v);
        *out_text = text == nullptr ? nullptr : text->c_str();
    });
}

// ---- the registry ---------------------------------------------------------------------

taper_status taper_registry_create_builtin(taper_registry** out_registry, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_registry, fn, "out_registry");
        auto r = std::make_unique<taper_registry>();
        register_builtin_strategies(r->registry);
        *out_registry = r.release();
    });
}

taper_status taper_registry_create_empty(taper_registry** out_registry, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_registry, fn, "out_registry");
        *out_registry = new taper_registry{};
    });
}

void taper_registry_free(taper_registry* registry) { delete registry; }

size_t taper_registry_count(const taper_registry* registry) {
    if (registry == nullptr) return 0;
    try {
        return registry->registry.list().size();
    } catch (...) {  // only out of memory for the list; a count cannot fail
        return 0;
    }
}

taper_status taper_registry_entry(const taper_registry* registry, const char** out_name,
                                  const char** out_description, size_t index, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto entries = need(registry, fn, "registry").registry.list();
        check_index(index, entries.size(), fn, "strategy");
        put(out_name, entries[index]->name.c_str());
        put(out_description, entries[index]->description.c_str());
    });
}

taper_status taper_registry_option_count(const taper_registry* registry, const char* strategy_name,
                                         size_t* out_count, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_count, fn, "out_count") = strategy_in(registry, strategy_name, fn).schema.options.size();
    });
}

taper_status taper_registry_option(const taper_registry* registry, const char* strategy_name, size_t index,
                                   taper_option_info* out, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        out_struct_size(out, fn, "taper_option_info");
        const option_spec& spec = option_in(registry, strategy_name, index, fn);
        const option_kind bounds = bound_kind(spec.kind);
        auto info = blank<taper_option_info>();
        info.name = spec.name.c_str();
        info.kind = static_cast<taper_option_kind>(static_cast<int>(spec.kind));
        info.unit = number_unit(spec.kind).data();  // static strings: NUL-terminated
        info.description = spec.description.c_str();
        info.role = static_cast<taper_option_role>(static_cast<int>(spec.role));
        info.required = spec.required ? 1 : 0;
        info.has_default = spec.default_value ? 1 : 0;
        info.default_number = spec.default_value ? or_nan(option_number(*spec.default_value, spec.kind)) : capi::nan;
        const auto* text = spec.default_value ? std::get_if<std::string>(&*spec.default_value) : nullptr;
        info.default_text = text == nullptr ? nullptr : text->c_str();
        info.has_minimum = spec.minimum ? 1 : 0;
        info.minimum = spec.minimum ? or_nan(option_number(spec.minimum->value, bounds)) : capi::nan;
        info.minimum_inclusive = spec.minimum && spec.minimum->inclusive ? 1 : 0;
        info.has_maximum = spec.maximum ? 1 : 0;
        info.maximum = spec.maximum ? or_nan(option_number(spec.maximum->value, bounds)) : capi::nan;
        info.maximum_inclusive = spec.maximum && spec.maximum->inclusive ? 1 : 0;
        info.choice_count = spec.choices.size();
        write_struct(out, info, fn, "taper_option_info");
    });
}

taper_status taper_registry_option_choice(const taper_registry* registry, const char* strategy_name,
                                          size_t option_index, size_t choice_index, const char** out_choice,
                                          taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const option_spec& spec = option_in(registry, strategy_name, option_index, fn);
        check_index(choice_index, spec.choices.size(), fn, "choice");
        need(out_choice, fn, "out_choice") = spec.choices[choice_index].c_str();
    });
}

taper_status taper_registry_schema_json(const taper_registry* registry, char** out_json, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        char*& out = need(out_json, fn, "out_json");  // before allocating: nothing to leak
        out = allocated(strategy_schemas_json(need(registry, fn, "registry").registry));
    });
}

taper_status taper_suggest_strategy(const taper_database* db, const char* drug, int step_kind, int has_table,
                                    const char** out_strategy, const char** out_reason, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const taper::drug& d = drug_in(db, drug, fn);
        need(out_strategy, fn, "out_strategy");
        suggestion_hints hints;
        if (step_kind != -1) hints.step_kind = kind_from_c(step_kind, fn);
        hints.has_table = has_table != 0;
        const strategy_suggestion s = suggest_strategy(d, hints);
        // The suggestions are a few fixed strings: keep one copy of each for the process.
        static std::mutex lock;
        static std::set<std::string, std::less<>> kept;
        const std::scoped_lock hold(lock);
        *out_strategy = kept.insert(s.strategy).first->c_str();
        put(out_reason, kept.insert(s.reason).first->c_str());
    });
}

taper_status taper_registry_add(taper_registry* registry, const char* name, const char* description,
                                const taper_strategy_vtable* vtable, void* user_data, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        auto& r = need(registry, fn, "registry");
        const std::string strategy_name(need_text(name, fn, "name"));
        // An older caller's vtable is shorter: the callbacks it lacks are NULL.
        const taper_strategy_vtable vt =
            read_prefix(need(vtable, fn, "vtable"), blank<taper_strategy_vtable>(), fn, "vtable");
        if (vt.version < 1 || vt.version > TAPER_STRATEGY_VTABLE_VERSION)
            throw failure(TAPER_ERROR_ABI_MISMATCH,
                          std::string(fn) + ": vtable->version is " + std::to_string(vt.version) +
                              "; this library knows versions 1 to " + std::to_string(TAPER_STRATEGY_VTABLE_VERSION));
        if (vt.next == nullptr)
            throw failure(TAPER_ERROR_INVALID_ARGUMENT, std::string(fn) + ": vtable->next is NULL");
        auto state = std::make_shared<c_strategy_state>();
        state->vtable = vt;
        state->user_data = user_data;
        std::shared_ptr<const c_strategy_state> shared = state;
        // A strategy written in C reads its own options: its schema is open (docs/c-api.md).
        r.registry.add({strategy_name, description == nullptr ? std::string() : std::string(description),
                        strategy_schema{.options = {}, .open = true},
                        [shared, strategy_name](const strategy_options& o) -> any_strategy {
                            return c_strategy{shared, strategy_name,
                                              std::make_shared<const taper_strategy_options>(taper_strategy_options{o})};
                        }});
        state->owned = true;  // registered: from now on destroy is called when the last user goes
    });
}

taper_status taper_registry_add_option(taper_registry* registry, const char* strategy_name, const char* name,
                                       taper_option_kind kind, const char* description, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        auto& r = need(registry, fn, "registry");
        option_spec spec;
        spec.name = std::string(need_text(name, fn, "name"));
        spec.kind = kind_from_c(raw(kind), fn);
        spec.description = description == nullptr ? std::string() : std::string(description);
        r.registry.add_option(need_text(strategy_name, fn, "strategy_name"), std::move(spec));
    });
}

// ---- the strategy context -------------------------------------------------------------

taper_status taper_strategy_context_start_dose_mg(const taper_strategy_context* context, double* out_mg,
                                                  taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& c = need_context(context, fn);
        need(out_mg, fn, "out_mg") = c.context->start_dose().value();
    });
}

taper_status taper_strategy_context_latest_dose_mg(const taper_strategy_context* context, double* out_mg,
                                                   taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& c = need_context(context, fn);
        need(out_mg, fn, "out_mg") = c.context->latest(c.done, c.context->start_dose()).value();
    });
}

size_t taper_strategy_context_step_count(const taper_strategy_context* context) { return context == nullptr ? 0 : context->done.size(); }

taper_status taper_strategy_context_step(const taper_strategy_context* context, taper_step_info* out_step,
                                         size_t index, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& c = need_context(context, fn);
        out_struct_size(out_step, fn, "taper_step_info");
        check_index(index, c.done.size(), fn, "step");
        write_struct(out_step, step_info(c.done[index], c.context->request.start), fn, "taper_step_info");
    });
}

taper_status taper_strategy_context_drug(const taper_strategy_context* context, const char** out_name,
                                         taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& c = need_context(context, fn);
        need(out_name, fn, "out_name") = c.context->subject.name.c_str();
    });
}

taper_status taper_strategy_context_occupancy(const taper_strategy_context* context, double* out_percent,
                                              double daily_dose_mg, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& c = need_context(context, fn);
        need(out_percent, fn, "out_percent");
        *out_percent = in(context_model(c, fn).occupancy_percent(mg_of(daily_dose_mg)), units::points);
    });
}

taper_status taper_strategy_context_dose_for_occupancy(const taper_strategy_context* context, double* out_mg,
                                                       double occupancy_percent, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& c = need_context(context, fn);
        need(out_mg, fn, "out_mg");
        *out_mg = in(context_model(c, fn).dose_for_occupancy(occupancy_percent * units::points), units::mg);
    });
}

taper_status taper_strategy_context_options(const taper_strategy_context* context,
                                            const taper_strategy_options** out_options, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& c = need_context(context, fn);
        need(out_options, fn, "out_options") = c.options;
    });
}

taper_status taper_strategy_context_set_note(const taper_strategy_context* context, const char* text,
                                             taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& c = need_context(context, fn);
        if (text == nullptr)
            c.note.reset();
        else
            c.note = std::string(text);  // copied now: the text may be in the callback's stack frame
    });
}

// ---- planning and schedules -----------------------------------------------------------

taper_status taper_plan(taper_schedule** out_schedule, const taper_database* db, const taper_request* request,
                        const taper_registry* registry, const char* strategy_name,
                        const taper_strategy_options* options, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need(out_schedule, fn, "out_schedule");
        const auto& d = need(db, fn, "db");
        const auto& r = need_start(need(request, fn, "request"), fn);
        const std::string_view name = need_text(strategy_name, fn, "strategy_name");
        const strategy_registry& reg = registry == nullptr ? builtin_strategies() : registry->registry;
        const any_strategy strategy = reg.make(name, options_or_none(options));
        auto s = std::make_unique<taper_schedule>();
        s->schedule = make_plan(d.db, r.request, strategy);
        s->render();
        *out_schedule = s.release();
    });
}

void taper_schedule_free(taper_schedule* schedule) { delete schedule; }

}  // extern "C"

void taper_schedule::render() {
    using namespace taper;
    plan_texts.clear();
    for (const auto& m : schedule.messages) plan_texts.push_back(text(m, context_of(schedule)));
    step_texts.assign(schedule.steps.size(), {});
    step_notes.assign(schedule.steps.size(), {});
    step_warnings.assign(schedule.steps.size(), {});
    for (std::size_t i = 0; i < schedule.steps.size(); ++i) {
        const step& st = schedule.steps[i];
        const message_context context = context_of(schedule, &st);
        for (std::size_t n = 0; n < st.messages.size(); ++n) {
            step_texts[i].push_back(text(st.messages[n], context));
            (st.messages[n].level == severity::note ? step_notes : step_warnings)[i].push_back(n);
        }
    }
}

extern "C" {

taper_status taper_schedule_get_info(const taper_schedule* schedule, taper_schedule_info* out_info,
                                     taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& s = need_schedule(schedule, fn);
        out_struct_size(out_info, fn, "taper_schedule_info");
        auto info = blank<taper_schedule_info>();
        info.basis = s.basis == dose_basis::own_mg ? TAPER_BASIS_OWN_MG : TAPER_BASIS_DIAZEPAM_MG;
        info.drug = s.drug.c_str();
        info.strategy = s.strategy.c_str();
        info.occupancy_model = s.occupancy_model.c_str();
        info.occupancy_receptor = s.occupancy_receptor.c_str();
        info.equivalence_table = s.equivalence_table.c_str();
        info.start_dose_mg = s.start_dose.value();
        info.start_equivalent_dose_mg = s.start_equivalent_dose.value();
        info.start_occupancy_percent = or_nan(s.start_occupancy_percent);
        info.final_dose_mg = s.final_dose().value();
        info.start = to_c(s.start);
        info.end = to_c(s.end());
        info.total_days = days_between(s.start, s.end());
        info.step_count = s.steps.size();
        info.warning_count = s.messages.size();
        info.start_dose_time_count = s.start_split.size();
        write_struct(out_info, info, fn, "taper_schedule_info");
    });
}

size_t taper_schedule_step_count(const taper_schedule* schedule) { return schedule == nullptr ? 0 : schedule->schedule.steps.size(); }

taper_status taper_schedule_warning(const taper_schedule* schedule, const char** out_text, size_t index,
                                    taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        need_schedule(schedule, fn);
        need(out_text, fn, "out_text");
        *out_text = text_at(schedule->plan_texts, index, fn, "warning").c_str();
    });
}

taper_status taper_schedule_start_dose_time(const taper_schedule* schedule, const char** out_time, double* out_mg,
                                            size_t index, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& s = need_schedule(schedule, fn);
        check_index(index, s.start_split.size(), fn, "dose-time");
        put(out_time, s.start_split[index].time.c_str());
        put(out_mg, s.start_split[index].amount.value());
    });
}

taper_status taper_schedule_step(const taper_schedule* schedule, taper_step_info* out_step, size_t index,
                                 taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& s = need_schedule(schedule, fn);
        out_struct_size(out_step, fn, "taper_step_info");
        write_struct(out_step, step_info(step_at(s, index, fn), s.start), fn, "taper_step_info");
    });
}

taper_status taper_schedule_step_dose(const taper_schedule* schedule, const char** out_drug, const char** out_time,
                                      double* out_mg, size_t step, size_t line, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& st = step_at(need_schedule(schedule, fn), step, fn);
        check_index(line, st.doses.size(), fn, "dose line");
        const dose_line& d = st.doses[line];
        put(out_drug, d.drug.c_str());
        put(out_time, d.time.c_str());
        put(out_mg, d.amount.value());
    });
}


taper_status taper_schedule_step_note(const taper_schedule* schedule, const char** out_text, size_t step,
                                      size_t index, taper_error** error) {
    return step_message_text(schedule, out_text, step, index, error, __func__, &taper_schedule::step_notes, "note");
}

taper_status taper_schedule_step_warning(const taper_schedule* schedule, const char** out_text, size_t step,
                                         size_t index, taper_error** error) {
    return step_message_text(schedule, out_text, step, index, error, __func__, &taper_schedule::step_warnings,
                             "warning");
}

taper_status taper_schedule_columns(const taper_schedule* schedule, const taper_schedule_column_arrays* columns,
                                    size_t* out_count, size_t capacity, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& s = need_schedule(schedule, fn);
        // An older caller's struct is shorter: the columns it lacks are NULL (not written).
        const taper_schedule_column_arrays c =
            columns == nullptr ? blank<taper_schedule_column_arrays>()
                               : read_prefix(*columns, blank<taper_schedule_column_arrays>(), fn, "columns");
        need(out_count, fn, "out_count") = s.steps.size();
        if (s.steps.size() > capacity)
            throw failure(TAPER_ERROR_BUFFER_TOO_SMALL, std::string(fn) + ": the arrays hold " +
                                                            std::to_string(capacity) + " steps; the schedule has " +
                                                            std::to_string(s.steps.size()));
        for (std::size_t i = 0; i < s.steps.size(); ++i) {
            const step& st = s.steps[i];
            if (c.day_offset != nullptr) c.day_offset[i] = static_cast<double>(days_between(s.start, st.start));
            if (c.length_days != nullptr) c.length_days[i] = st.length.value();
            if (c.daily_dose_mg != nullptr) c.daily_dose_mg[i] = st.daily_dose.value();
            if (c.equivalent_daily_dose_mg != nullptr) c.equivalent_daily_dose_mg[i] = st.equivalent_daily_dose.value();
            if (c.change_mg != nullptr) c.change_mg[i] = st.change.value();
            if (c.change_percent != nullptr) c.change_percent[i] = in(st.change_percent, units::percent_of_dose);
            if (c.occupancy_percent != nullptr) c.occupancy_percent[i] = or_nan(st.occupancy_percent);
            if (c.change_points != nullptr) c.change_points[i] = or_nan(st.change_points);
            if (c.phase != nullptr) c.phase[i] = phase_to_c(st.phase);
        }
    });
}

taper_status taper_schedule_to_json(const taper_schedule* schedule, char** out_json, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& s = need_schedule(schedule, fn);
        need(out_json, fn, "out_json");
        *out_json = allocated(to_json(s));
    });
}

taper_status taper_schedule_to_csv(const taper_schedule* schedule, char** out_csv, taper_error** error) {
    const char* const fn = __func__;
    return guarded(error, [&] {
        const auto& s = need_schedule(schedule, fn);
        need(out_csv, fn, "out_csv");
        *out_csv = allocated(to_csv(s));
    });
}

}  // extern "C"
