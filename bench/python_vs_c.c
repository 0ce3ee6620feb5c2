/* The C side of bench/python_vs_c.py: generate and read N plans through the C ABI, the same
 * work the Python side does with the taper package and its bulk accessor.
 *
 *   python_vs_c N [ROUNDS]           -> one line per round: "<wall seconds> <cpu seconds> <checksum>"
 *   python_vs_c N ROUNDS realize     -> the same for realizing the plan (realize_rounds below)
 *
 * Each plan: taper_plan (citalopram 20 mg, hyperbolic, 5 points: 15 steps), the step count,
 * fresh arrays for every column (malloc, as NumPy allocates fresh arrays in Python), one
 * taper_schedule_columns call, then everything freed. The request, options and database
 * are made once, as on the Python side. With N = 0 it prints the doses of one plan instead
 * (%.17g), for the script to compare with Python's. Built by python_vs_c.py (not by CMake). */
#define _POSIX_C_SOURCE 200809L /* clock_gettime under -std=c11 */
#include <taper.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double seconds(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void check(taper_status status, taper_error* error, const char* what) {
    if (status != TAPER_OK) {
        fprintf(stderr, "%s: %s\n", what, taper_error_message(error));
        taper_error_free(error);
        exit(1);
    }
}

/* The realization work: realize the plan with the forms on hand, then read what an app shows
 * for every step: the dose as taken, and each dose-time's instruction (its text is walked, as
 * Python decodes it). Prints "<wall> <cpu> <checksum>" per round; N = 0 prints the realized
 * daily doses of one realization instead. */
static int realize_rounds(long n, long rounds, const taper_database* db, const taper_schedule* schedule) {
    taper_error* error = NULL;
    taper_forms* forms = NULL;
    check(taper_forms_parse(&forms, db, "citalopram", "10 mg tablet, 2 mg/mL liquid", &error), error, "forms");
    taper_realization_options options = {0};
    options.struct_size = sizeof options;
    check(taper_realization_options_init(&options, &error), error, "options");
    for (long round = 0; round < (n == 0 ? 1 : rounds); ++round) {
        const double wall0 = seconds(CLOCK_MONOTONIC);
        const double cpu0 = seconds(CLOCK_PROCESS_CPUTIME_ID);
        double checksum = 0;
        for (long i = 0; i < (n == 0 ? 1 : n); ++i) {
            taper_realization* realization = NULL;
            check(taper_realize(&realization, schedule, forms, &options, &error), error, "realize");
            taper_realization_info info = {0};
            info.struct_size = sizeof info;
            check(taper_realization_get_info(realization, &info, &error), error, "info");
            for (size_t k = 0; k < info.step_count; ++k) {
                taper_realized_step_info step = {0};
                step.struct_size = sizeof step;
                check(taper_realization_step(realization, &step, k, &error), error, "step");
                checksum += step.realized_daily_mg;
                if (n == 0) printf("%.17g\n", step.realized_daily_mg);
                for (size_t r = 0; r < step.recipe_count; ++r) {
                    taper_recipe_info recipe = {0};
                    recipe.struct_size = sizeof recipe;
                    check(taper_realization_recipe(realization, &recipe, k, r, &error), error, "recipe");
                    checksum += (double)strlen(recipe.instruction);
                }
            }
            taper_realization_free(realization);
        }
        if (n > 0)
            printf("%.9f %.9f %.17g\n", seconds(CLOCK_MONOTONIC) - wall0,
                   seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0, checksum);
    }
    taper_forms_free(forms);
    return 0;
}

int main(int argc, char** argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s N [ROUNDS] [realize]\n", argv[0]);
        return 2;
    }
    const long n = strtol(argv[1], NULL, 10);
    const long rounds = argc > 2 ? strtol(argv[2], NULL, 10) : 1;
    taper_error* error = NULL;
    check(taper_abi_check(TAPER_ABI_VERSION, &error), error, "abi");

    taper_database* db = NULL;
    taper_request* request = NULL;
    taper_strategy_options* options = NULL;
    check(taper_database_create_embedded(&db, &error), error, "database");
    check(taper_request_create(&request, &error), error, "request");
    check(taper_request_set_drug(request, "citalopram", &error), error, "drug");
    check(taper_request_set_daily_dose_mg(request, 20.0, &error), error, "dose");
    check(taper_request_set_start_date(request, 2026, 12, 1, &error), error, "start");
    check(taper_strategy_options_create(&options, &error), error, "options");
    check(taper_strategy_options_set_number(options, "points", TAPER_OPTION_KIND_OCCUPANCY_POINTS, 5.0, &error), error, "points");

    if (argc > 3 && strcmp(argv[3], "realize") == 0) {
        taper_schedule* schedule = NULL;
        check(taper_plan(&schedule, db, request, NULL, "hyperbolic", options, &error), error, "plan");
        const int status = realize_rounds(n, rounds, db, schedule);
        taper_schedule_free(schedule);
        taper_strategy_options_free(options);
        taper_request_free(request);
        taper_database_free(db);
        return status;
    }

    for (long round = 0; round < (n == 0 ? 1 : rounds); ++round) {
        const double wall0 = seconds(CLOCK_MONOTONIC);
        const double cpu0 = seconds(CLOCK_PROCESS_CPUTIME_ID);
        double checksum = 0;
        for (long i = 0; i < (n == 0 ? 1 : n); ++i) {
            taper_schedule* schedule = NULL;
            check(taper_plan(&schedule, db, request, NULL, "hyperbolic", options, &error), error, "plan");
            const size_t count = taper_schedule_step_count(schedule);
            double* block = malloc(8 * count * sizeof(double));
            int32_t* phase = malloc(count * sizeof(int32_t));
            if (!block || !phase) return 1;
            size_t written = 0;
            taper_schedule_column_arrays columns = {0};
            columns.struct_size = sizeof columns;
            columns.day_offset = block;
            columns.length_days = block + count;
            columns.daily_dose_mg = block + 2 * count;
            columns.equivalent_daily_dose_mg = block + 3 * count;
            columns.change_mg = block + 4 * count;
            columns.change_percent = block + 5 * count;
            columns.occupancy_percent = block + 6 * count;
            columns.change_points = block + 7 * count;
            columns.phase = phase;
            check(taper_schedule_columns(schedule, &columns, &written, count, &error),
                  error, "columns");
            const double* dose = block + 3 * count; /* equivalent_daily_dose_mg */
            checksum += dose[count - 2];
            if (n == 0)
                for (size_t k = 0; k < count; ++k) printf("%.17g\n", dose[k]);
            free(block);
            free(phase);
            taper_schedule_free(schedule);
        }
        if (n > 0)
            printf("%.9f %.9f %.17g\n", seconds(CLOCK_MONOTONIC) - wall0,
                   seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0, checksum);
    }
    taper_strategy_options_free(options);
    taper_request_free(request);
    taper_database_free(db);
    return 0;
}
