/* The C ABI's boundary (issue 15): every number entering is finite and inside a documented
 * range (docs/reliability.md), every number leaving is finite, every loop is bounded by the
 * request's own limits, and a refusal names the input and the range.
 *
 * Each block is the regression test of a defect a fuzzing campaign found: before its fix the
 * call hung, hit undefined behaviour, returned inf/NaN with TAPER_OK, accepted a value that
 * failed only later, or wrote a date that is not ISO 8601. */
#include <taper.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

static int failures = 0;
static taper_error* err = NULL;

#define CHECK(cond) check_((cond) != 0, #cond, __LINE__)
#define OK(call) expect_((call), TAPER_OK, NULL, NULL, #call, __LINE__)
/* The call fails with `status`; the message contains `text` and the error's input/expected
 * detail contain `input` (either may be NULL). */
#define REFUSED(status, call, text, input) expect_((call), (status), (text), (input), #call, __LINE__)

static void check_(int ok, const char* text, int line) {
    if (!ok) {
        fprintf(stderr, "capi_boundary_test.c:%d: CHECK failed: %s\n", line, text);
        ++failures;
    }
}

static void expect_(taper_status status, taper_status expected, const char* text, const char* input,
                    const char* call, int line) {
    if (status != expected) {
        fprintf(stderr, "capi_boundary_test.c:%d: %s returned %s, expected %s (%s)\n", line, call,
                taper_status_name(status), taper_status_name(expected), err ? taper_error_message(err) : "");
        ++failures;
    } else if (expected != TAPER_OK) {
        if (err == NULL) {
            fprintf(stderr, "capi_boundary_test.c:%d: %s failed without an error\n", line, call);
            ++failures;
        } else {
            if (text != NULL && strstr(taper_error_message(err), text) == NULL) {
                fprintf(stderr, "capi_boundary_test.c:%d: %s: \"%s\" does not say \"%s\"\n", line, call,
                        taper_error_message(err), text);
                ++failures;
            }
            if (input != NULL && strstr(taper_error_input(err), input) == NULL) {
                fprintf(stderr, "capi_boundary_test.c:%d: %s: the error's input \"%s\" is not \"%s\"\n", line,
                        call, taper_error_input(err), input);
                ++failures;
            }
            if (input != NULL && taper_error_expected(err)[0] == '\0') {
                fprintf(stderr, "capi_boundary_test.c:%d: %s: the error does not say what was expected\n", line,
                        call);
                ++failures;
            }
        }
    }
    taper_error_free(err);
    err = NULL;
}

static taper_database* db;

/* A hyperbolic citalopram plan from 20 mg, 10 points every 4 weeks, starting on the date given. */
static taper_status plan_from(taper_schedule** out, int year, int month, int day) {
    taper_request* request = NULL;
    taper_strategy_options* options = NULL;
    taper_status st = taper_request_create(&request, &err);
    if (st == TAPER_OK) st = taper_strategy_options_create(&options, &err);
    if (st == TAPER_OK) st = taper_request_set_drug(request, "citalopram", &err);
    if (st == TAPER_OK) st = taper_request_set_daily_dose_mg(request, 20, &err);
    if (st == TAPER_OK) st = taper_request_set_interval_days(request, 28, &err);
    if (st == TAPER_OK)
        st = taper_strategy_options_set_number(options, "points", TAPER_OPTION_KIND_OCCUPANCY_POINTS, 10, &err);
    if (st == TAPER_OK) st = taper_request_set_start_date(request, year, month, day, &err);
    if (st == TAPER_OK) st = taper_plan(out, db, request, NULL, "hyperbolic", options, &err);
    taper_strategy_options_free(options);
    taper_request_free(request);
    return st;
}

static void test_dates(void) {
    char buffer[32];
    size_t length = 0;
    /* The range's ends are accepted and written with four-digit years. */
    OK(taper_format_date(buffer, sizeof buffer, &length, 1900, 1, 1, &err));
    CHECK(strcmp(buffer, "1900-01-01") == 0);
    OK(taper_format_date(buffer, sizeof buffer, &length, 9999, 12, 31, &err));
    CHECK(strcmp(buffer, "9999-12-31") == 0);
    /* Was: "10218-01-01" (five digits), "-005-01-01". */
    REFUSED(TAPER_ERROR_INVALID_ARGUMENT, taper_format_date(buffer, sizeof buffer, &length, 10218, 1, 1, &err),
            "1900-01-01 ... 9999-12-31", "10218-1-1");
    REFUSED(TAPER_ERROR_INVALID_ARGUMENT, taper_format_date(buffer, sizeof buffer, &length, -5, 1, 1, &err),
            "1900-01-01 ... 9999-12-31", "-5-1-1");
    REFUSED(TAPER_ERROR_INVALID_ARGUMENT, taper_format_date(buffer, sizeof buffer, &length, 1899, 12, 31, &err),
            "1900-01-01", "1899-12-31");
    taper_date parsed;
    REFUSED(TAPER_ERROR_PARSE, taper_parse_date(&parsed, "0005-01-01", &err), "1900-01-01", "0005-01-01");
    OK(taper_parse_date(&parsed, "1900-01-01", &err));
    CHECK(parsed.year == 1900 && parsed.month == 1 && parsed.day == 1);

    /* A plan may not start in year -5 (it exported "-005-01-01"), nor end after 9999-12-31. */
    taper_request* request = NULL;
    OK(taper_request_create(&request, &err));
    REFUSED(TAPER_ERROR_INVALID_ARGUMENT, taper_request_set_start_date(request, -5, 1, 1, &err),
            "1900-01-01 ... 9999-12-31", "-5-1-1");
    taper_request_free(request);
    taper_schedule* plan = NULL;
    /* From 9999-10-01 there are 92 days left: 3 steps of 28 days, fewer than the plan's. */
    REFUSED(TAPER_ERROR_PLAN, plan_from(&plan, 9999, 10, 1), "9999-12-31", NULL);
    CHECK(plan == NULL);
    OK(plan_from(&plan, 1900, 1, 1));
    char* json = NULL;
    OK(taper_schedule_to_json(plan, &json, &err));
    CHECK(json != NULL && strstr(json, "\"start\": \"1900-01-01\"") != NULL);
    taper_string_free(json);
    taper_schedule_free(plan);
}

static void test_numbers_leaving_are_finite(void) {
    double out = 0;
    /* Was inf with TAPER_OK: Emax x 1e300 overflows. 1e6 mg is the largest dose accepted. */
    REFUSED(TAPER_ERROR_INVALID_ARGUMENT, taper_database_occupancy(db, &out, "citalopram", NULL, 1e300, &err),
            "1000000 mg", "1e+300");
    REFUSED(TAPER_ERROR_INVALID_ARGUMENT, taper_database_occupancy(db, &out, "citalopram", NULL, INFINITY, &err),
            "daily dose", NULL);
    REFUSED(TAPER_ERROR_INVALID_ARGUMENT, taper_database_occupancy(db, &out, "citalopram", NULL, NAN, &err),
            "daily dose", NULL);
    /* At the bound the answer is finite and just below Emax (83.98 %, Sorensen 2022:
     * 83.98 x 1e6 / (2.33 + 1e6)). */
    OK(taper_database_occupancy(db, &out, "citalopram", NULL, 1e6, &err));
    CHECK(fabs(out - 83.98 * 1e6 / (2.33 + 1e6)) < 1e-9);

    taper_class_equivalent eq;
    eq.struct_size = sizeof eq;
    char* text = NULL;
    /* Was inf mg with TAPER_OK. */
    REFUSED(TAPER_ERROR_INVALID_ARGUMENT,
            taper_class_equivalent_dose(&eq, &text, db, "alprazolam", 1e308, "diazepam", NULL, 0, &err), "1000000 mg",
            "1e+308");
    CHECK(text == NULL);

    taper_form_conversion conv;
    conv.struct_size = sizeof conv;
    /* Was inf/NaN with TAPER_OK: a huge dose, and a strength near zero. */
    REFUSED(TAPER_ERROR_INVALID_ARGUMENT,
            taper_convert_form(&conv, NULL, NULL, db, "citalopram", 1e308, "tablet", "drops-40mg-ml", 0, &err),
            "1000000 mg", "1e+308");
    REFUSED(TAPER_ERROR_INVALID_ARGUMENT,
            taper_convert_form(&conv, NULL, NULL, db, "citalopram", 10, "tablet", "liquid", 1e-300, &err),
            "0.001 mg/mL", "1e-300");
    /* The data's own strength is inside the range: 10 mg as tablets to the 2 mg/mL liquid. */
    OK(taper_convert_form(&conv, NULL, NULL, db, "citalopram", 10, "tablet", "liquid", 2, &err));
    CHECK(isfinite(conv.to_volume_ml) && conv.to_volume_ml > 0);
}

static void test_realization_limits(void) {
    taper_schedule* plan = NULL;
    OK(plan_from(&plan, 2026, 1, 5));
    taper_forms* forms = NULL;
    OK(taper_forms_parse(&forms, db, "citalopram", "10 mg tablet, 2 mg/mL liquid", &err));
    taper_realization_options options;
    options.struct_size = sizeof options;
    OK(taper_realization_options_init(&options, &err));

    /* Was accepted, and the export failed later. */
    taper_realization* rz = NULL;
    options.bottle_volume_ml = -1;
    REFUSED(TAPER_ERROR_INVALID_ARGUMENT, taper_realize(&rz, plan, forms, &options, &err), "bottle volume", "-1");
    CHECK(rz == NULL);
    /* Was undefined behaviour: 1e-300 mL bottles overflow the int bottle count. */
    options.bottle_volume_ml = 1e-300;
    REFUSED(TAPER_ERROR_INVALID_ARGUMENT, taper_realize(&rz, plan, forms, &options, &err), "1 mL to 100000 mL",
            "1e-300");
    CHECK(rz == NULL);

    options.bottle_volume_ml = 100;
    OK(taper_realize(&rz, plan, forms, &options, &err));
    /* Was a loop without end: a period above LONG_MAX days made std::lround negative. */
    taper_dispensing* d = NULL;
    REFUSED(TAPER_ERROR_INVALID_ARGUMENT, taper_dispense_by_period(&d, rz, 1e19, &err), "1000000", "1e+19");
    CHECK(d == NULL);
    REFUSED(TAPER_ERROR_INVALID_ARGUMENT, taper_dispense_by_period(&d, rz, 9.3e18, &err), "whole number", NULL);
    char* json = NULL;
    REFUSED(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_json(rz, &json, 1e19, &err), "whole number", NULL);
    CHECK(json == NULL);
    /* The largest period accepted covers the plan in one period. */
    OK(taper_dispense_by_period(&d, rz, 1e6, &err));
    size_t periods = 0;
    periods = taper_dispensing_period_count(d);
    CHECK(periods == 1);
    taper_dispensing_free(d);

    taper_realization_free(rz);
    taper_forms_free(forms);
    taper_schedule_free(plan);
}

/* The request's setters: each number is finite and inside its field's range
 * (docs/reliability.md), or the call fails with the planner's own error naming the field, the
 * input and the range. */
static void test_request_setters(void) {
    taper_request* r = NULL;
    OK(taper_request_create(&r, &err));
    REFUSED(TAPER_ERROR_PLAN, taper_request_set_daily_dose_mg(r, NAN, &err), "plan request: daily dose", NULL);
    REFUSED(TAPER_ERROR_PLAN, taper_request_set_daily_dose_mg(r, -5, &err), "daily dose", "-5");
    REFUSED(TAPER_ERROR_PLAN, taper_request_set_daily_dose_mg(r, 1e7, &err), "at most 1000000 mg", "10000000");
    OK(taper_request_set_daily_dose_mg(r, 1e6, &err)); /* the bound itself */
    REFUSED(TAPER_ERROR_PLAN, taper_request_set_interval_days(r, INFINITY, &err), "plan request: interval", NULL);
    REFUSED(TAPER_ERROR_PLAN, taper_request_set_interval_days(r, 4000, &err), "at most ten years", "4000");
    OK(taper_request_set_interval_days(r, 3653, &err));
    REFUSED(TAPER_ERROR_PLAN, taper_request_set_max_step_mg(r, 0, &err), "plan request: max step", "0");
    REFUSED(TAPER_ERROR_PLAN, taper_request_set_max_step_percent(r, 100, &err), "max step percent", "100");
    OK(taper_request_set_max_step_percent(r, 99.5, &err));
    REFUSED(TAPER_ERROR_PLAN, taper_request_set_max_step_points(r, -1, &err), "max step points", "-1");
    REFUSED(TAPER_ERROR_PLAN, taper_request_set_min_change_mg(r, -0.5, &err), "min change", "-0.5");
    OK(taper_request_set_min_change_mg(r, 0, &err));
    REFUSED(TAPER_ERROR_PLAN, taper_request_set_final_dose_mg(r, 1e300, &err), "final dose", "1e+300");
    REFUSED(TAPER_ERROR_PLAN, taper_request_set_maintenance_mg(r, -INFINITY, &err), "maintenance", NULL);
    REFUSED(TAPER_ERROR_PLAN, taper_request_set_max_duration_days(r, 0.5, &err), "max duration", "0.5");
    REFUSED(TAPER_ERROR_PLAN, taper_request_add_dose_time(r, "morning", NAN, &err), "plan request: split", NULL);
    REFUSED(TAPER_ERROR_PLAN, taper_request_set_phase_interval_days(r, TAPER_PHASE_STOP, 0, &err),
            "interval for stop steps", "0");
    REFUSED(TAPER_ERROR_PLAN, taper_request_add_hold(r, 2, -14, &err), "hold after step 2", "-14");
    taper_request_free(r);
}

int main(void) {
    if (taper_database_create_embedded(&db, &err) != TAPER_OK) {
        fprintf(stderr, "no database: %s\n", taper_error_message(err));
        return 1;
    }
    test_dates();
    test_numbers_leaving_are_finite();
    test_realization_limits();
    test_request_setters();
    taper_database_free(db);
    if (failures != 0) {
        fprintf(stderr, "%d failure(s)\n", failures);
        return 1;
    }
    printf("capi_boundary_test: all passed\n");
    return 0;
}
