/* Eight threads plan and realize at once from one shared, read-only database handle, one
 * shared registry (the built-ins plus a strategy written in C) and one shared list of forms
 * on hand, each with its own request, options, schedules and realizations. Every thread must
 * get exactly the plans and realizations one thread gets alone.
 * Built twice: against the shared library, and (capi_thread_tsan) with the library's
 * sources compiled in under ThreadSanitizer, which fails the test on any data race. */
#include <taper.h>

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { thread_count = 8, rounds = 12, plan_kinds = 4, max_steps = 512 };

static taper_database* db;
static taper_registry* registry;
static taper_forms* citalopram_forms; /* shared by every thread, read only */

/* A stateless C strategy (safe to call from several threads): a third off each step. */
static int thirds_next(void* user_data, const taper_strategy_context* context, taper_target* out) {
    (void)user_data;
    double latest = 0;
    if (taper_strategy_context_latest_dose_mg(context, &latest, NULL) != TAPER_OK) return -1;
    if (latest < 1) return 0;
    out->daily_dose_mg = latest * 2 / 3;
    out->note = "a third off";
    return 1;
}

typedef struct plan_result {
    size_t steps;
    double dose[max_steps];
    double occupancy[max_steps];
    double day[max_steps];
    size_t realized_steps;            /* 0: this kind is not realized */
    double realized[max_steps];       /* tablet-equivalent mg a day, as taken */
} plan_result;

/* Realizes `schedule` with `forms` and reads each step's realized dose and both exports. */
static int realize_into(const taper_schedule* schedule, const taper_forms* forms, plan_result* out,
                        taper_error** error) {
    taper_realization_options options;
    options.struct_size = sizeof options;
    taper_realization* rz = NULL;
    int ok = taper_realization_options_init(&options, error) == TAPER_OK;
    options.bottle_volume_ml = 100;
    ok = ok && taper_realize(&rz, schedule, forms, &options, error) == TAPER_OK;
    taper_realization_info info;
    info.struct_size = sizeof info;
    ok = ok && taper_realization_get_info(rz, &info, error) == TAPER_OK && info.step_count <= max_steps;
    out->realized_steps = ok ? info.step_count : 0;
    for (size_t i = 0; ok && i < out->realized_steps; ++i) {
        taper_realized_step_info step;
        step.struct_size = sizeof step;
        ok = taper_realization_step(rz, &step, i, error) == TAPER_OK;
        out->realized[i] = step.realized_daily_mg;
    }
    char* json = NULL;
    ok = ok && taper_realization_to_json(rz, &json, 28, error) == TAPER_OK && strstr(json, "\"dispensing\"") != NULL;
    taper_string_free(json);
    taper_dispensing* by_step = NULL;
    ok = ok && taper_dispense_by_step(&by_step, rz, error) == TAPER_OK;
    taper_dispensing_free(by_step);
    taper_realization_free(rz);
    return ok;
}

/* Plans kind `kind` and reads it back through the bulk accessor and the exporters. */
static int make_plan(int kind, plan_result* out) {
    taper_request* request = NULL;
    taper_strategy_options* options = NULL;
    taper_schedule* schedule = NULL;
    taper_error* error = NULL;
    int ok = taper_request_create(&request, &error) == TAPER_OK &&
             taper_strategy_options_create(&options, &error) == TAPER_OK &&
             taper_request_set_start_date(request, 2026, 1, 5, &error) == TAPER_OK;
    const char* strategy = "hyperbolic";
    if (ok) {
        switch (kind) {
            case 0:
                ok = taper_request_set_drug(request, "citalopram", &error) == TAPER_OK &&
                     taper_request_set_daily_dose_mg(request, 20, &error) == TAPER_OK &&
                     taper_strategy_options_set_number(options, "points", TAPER_OPTION_KIND_OCCUPANCY_POINTS, 5, &error) == TAPER_OK;
                break;
            case 1:
                strategy = "proportional";
                ok = taper_request_set_drug(request, "Zoloft", &error) == TAPER_OK &&
                     taper_request_set_daily_dose_mg(request, 100, &error) == TAPER_OK &&
                     taper_strategy_options_set_number(options, "percent", TAPER_OPTION_KIND_PERCENT, 10, &error) == TAPER_OK;
                break;
            case 2:
                strategy = "diazepam-crossover";
                ok = taper_request_set_drug(request, "alprazolam", &error) == TAPER_OK &&
                     taper_request_set_daily_dose_mg(request, 1, &error) == TAPER_OK &&
                     taper_request_add_dose_time(request, "morning", 0.5, &error) == TAPER_OK &&
                     taper_request_add_dose_time(request, "night", 0.5, &error) == TAPER_OK;
                break;
            default:
                strategy = "thirds";
                ok = taper_request_set_drug(request, "citalopram", &error) == TAPER_OK &&
                     taper_request_set_daily_dose_mg(request, 40, &error) == TAPER_OK;
                break;
        }
    }
    taper_schedule_column_arrays columns = {0};
    columns.struct_size = sizeof columns;
    columns.day_offset = out->day;
    columns.daily_dose_mg = out->dose;
    columns.occupancy_percent = out->occupancy;
    ok = ok && taper_plan(&schedule, db, request, registry, strategy, options, &error) == TAPER_OK &&
         taper_schedule_columns(schedule, &columns, &out->steps, max_steps, &error) == TAPER_OK;
    out->realized_steps = 0;
    if (ok && (kind == 0 || kind == plan_kinds - 1)) ok = realize_into(schedule, citalopram_forms, out, &error);
    if (ok && kind == 1) {
        taper_forms* own = NULL; /* this thread's own list */
        ok = taper_forms_all(&own, db, "sertraline", &error) == TAPER_OK && realize_into(schedule, own, out, &error);
        taper_forms_free(own);
    }
    if (ok) {
        char* json = NULL;
        char* csv = NULL;
        taper_schedule_info info;
        info.struct_size = sizeof info;
        ok = taper_schedule_to_json(schedule, &json, &error) == TAPER_OK &&
             taper_schedule_to_csv(schedule, &csv, &error) == TAPER_OK &&
             taper_schedule_get_info(schedule, &info, &error) == TAPER_OK && strstr(json, info.drug) != NULL;
        taper_string_free(json);
        taper_string_free(csv);
    }
    if (!ok) fprintf(stderr, "plan kind %d failed: %s\n", kind, taper_error_message(error));
    taper_error_free(error);
    taper_schedule_free(schedule);
    taper_strategy_options_free(options);
    taper_request_free(request);
    return ok;
}

static plan_result reference[plan_kinds];

static int same(const plan_result* a, const plan_result* b) {
    if (a->steps != b->steps || a->realized_steps != b->realized_steps) return 0;
    for (size_t i = 0; i < a->realized_steps; ++i)
        if (a->realized[i] != b->realized[i]) return 0;
    for (size_t i = 0; i < a->steps; ++i) {
        if (a->dose[i] != b->dose[i] || a->day[i] != b->day[i]) return 0;
        if (!(a->occupancy[i] == b->occupancy[i] || (isnan(a->occupancy[i]) && isnan(b->occupancy[i])))) return 0;
    }
    return 1;
}

static void* worker(void* arg) {
    const int id = *(const int*)arg;
    static _Thread_local plan_result result;
    long failures = 0;
    for (int round = 0; round < rounds; ++round) {
        const int kind = (id + round) % plan_kinds;
        const char* name = NULL;
        /* Reads of the shared database and registry between plans. */
        if (taper_database_lookup(db, &name, "Cipramil", NULL) != TAPER_OK || strcmp(name, "citalopram") != 0)
            ++failures;
        if (taper_registry_count(registry) != 9) ++failures;
        if (!make_plan(kind, &result) || !same(&result, &reference[kind])) ++failures;
    }
    return (void*)(intptr_t)failures;
}

int main(void) {
    taper_error* error = NULL;
    if (taper_database_create_embedded(&db, &error) != TAPER_OK ||
        taper_registry_create_builtin(&registry, &error) != TAPER_OK) {
        fprintf(stderr, "set-up failed: %s\n", taper_error_message(error));
        return 1;
    }
    taper_strategy_vtable vt;
    memset(&vt, 0, sizeof vt);
    vt.struct_size = sizeof vt;
    vt.version = TAPER_STRATEGY_VTABLE_VERSION;
    vt.next = thirds_next;
    if (taper_registry_add(registry, "thirds", "A third off each step.", &vt, NULL, &error) != TAPER_OK) {
        fprintf(stderr, "registering failed: %s\n", taper_error_message(error));
        return 1;
    }
    if (taper_forms_parse(&citalopram_forms, db, "citalopram", "10 mg tablet, 2 mg/mL liquid", &error) != TAPER_OK) {
        fprintf(stderr, "forms failed: %s\n", taper_error_message(error));
        return 1;
    }
    for (int kind = 0; kind < plan_kinds; ++kind)
        if (!make_plan(kind, &reference[kind]) || reference[kind].steps < 3) return 1;
    /* Hand check of the reference itself: citalopram 20 mg, 5 points: 11.8876 mg first, made
     * as 5.9 mL of 2 mg/mL = 11.8 mg (the 0.1 mL syringe grid), as capi_test.c checks. */
    if (fabs(reference[0].dose[0] - 11.8876) > 1e-3 || fabs(reference[0].realized[0] - 11.8) > 1e-9 ||
        reference[0].realized_steps < reference[0].steps || reference[1].realized_steps == 0) {
        fprintf(stderr, "first hyperbolic step %.6f mg (expected 11.8876), realized %.6f mg (expected 11.8)\n",
                reference[0].dose[0], reference[0].realized[0]);
        return 1;
    }

    pthread_t threads[thread_count];
    int ids[thread_count];
    for (int i = 0; i < thread_count; ++i) {
        ids[i] = i;
        if (pthread_create(&threads[i], NULL, worker, &ids[i]) != 0) return 1;
    }
    long failures = 0;
    for (int i = 0; i < thread_count; ++i) {
        void* result = NULL;
        pthread_join(threads[i], &result);
        failures += (long)(intptr_t)result;
    }
    taper_forms_free(citalopram_forms);
    taper_registry_free(registry);
    taper_database_free(db);
    if (failures != 0) {
        fprintf(stderr, "%ld plans or realizations differed or failed across threads\n", failures);
        return 1;
    }
    printf("%d threads x %d plans (and realizations): all identical to the single-threaded ones\n", thread_count,
           rounds);
    return 0;
}
