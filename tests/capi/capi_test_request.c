/* The C ABI from C11, plan requests: the handle, the per-field setters and every field by key
 * (part of capi_test: capi_check.h). The bounds and defaults expected below are the ones
 * docs/c-api.md and src/plan/request_numbers.hpp state for each field. */
#include "capi_check.h"

void test_request(taper_database* db) {
    taper_request* r = citalopram_request();
    OK(taper_request_validate(r, db, &err));

    /* Every setter, then every reset. */
    OK(taper_request_add_dose_time(r, "morning", 10, &err));
    OK(taper_request_add_dose_time(r, "evening", 10, &err));
    OK(taper_request_set_phase_interval_days(r, TAPER_PHASE_HOLD, 14, &err));
    OK(taper_request_set_max_step_mg(r, 5, &err));
    OK(taper_request_set_max_step_percent(r, 50, &err));
    OK(taper_request_set_max_step_points(r, 10, &err));
    OK(taper_request_set_min_change_mg(r, 0.1, &err));
    OK(taper_request_set_final_dose_mg(r, 0.5, &err));
    OK(taper_request_set_maintenance_mg(r, 0, &err));
    OK(taper_request_set_max_steps(r, 40, &err));
    OK(taper_request_set_max_duration_days(r, 3650, &err));
    OK(taper_request_add_hold(r, 1, 14, &err));
    OK(taper_request_set_half_life_pacing(r, 1, &err));
    OK(taper_request_set_occupancy_model(r, "sert-striatum-sorensen2022", &err));
    OK(taper_request_set_equivalence_table(r, "ashton", &err));
    OK(taper_request_set_current_formulation(r, "tablet", &err));
    OK(taper_request_validate(r, db, &err));

    taper_request* copy = NULL;
    OK(taper_request_clone(&copy, r, &err));
    OK(taper_request_set_occupancy_model(copy, "nonesuch", &err));
    FAILS_WITH(TAPER_ERROR_PLAN, taper_request_validate(copy, db, &err), "nonesuch");
    OK(taper_request_validate(r, db, &err)); /* the original is unchanged */
    taper_request_free(copy);

    /* A clone keeps the start date; resetting it leaves the request without one. */
    OK(taper_request_clone(&copy, r, &err));
    OK(taper_request_reset(copy, TAPER_REQUEST_START_DATE, &err));
    FAILS_WITH(TAPER_ERROR_PLAN, taper_request_validate(copy, db, &err), "start date");
    taper_request_free(copy);
    copy = NULL;
    for (int f = TAPER_REQUEST_DRUG; f <= TAPER_REQUEST_CURRENT_FORMULATION; ++f)
        OK(taper_request_reset(r, (taper_request_field)f, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_reset(r, (taper_request_field)19, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_reset(NULL, TAPER_REQUEST_DRUG, &err));
    /* Everything reset, the start date too: refused for that first. */
    FAILS_WITH(TAPER_ERROR_PLAN, taper_request_validate(r, db, &err), "no start date");
    /* With a start date, after resetting the drug: no drug named. */
    OK(taper_request_set_start_date(r, 2026, 1, 5, &err));
    FAILS(TAPER_ERROR_PLAN, taper_request_validate(r, db, &err));

    /* Setter errors. */
    FAILS_WITH(TAPER_ERROR_INVALID_ARGUMENT, taper_request_set_start_date(r, 2026, 2, 30, &err), "2026-2-30");
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_set_phase_interval_days(r, (taper_phase)9, 7, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_set_drug(r, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_set_drug(NULL, "citalopram", &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_add_dose_time(r, NULL, 1, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_set_occupancy_model(r, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_set_equivalence_table(r, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_set_current_formulation(r, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_set_daily_dose_mg(NULL, 1, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_add_hold(NULL, 1, 1, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_set_max_steps(NULL, 1, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_validate(NULL, db, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_validate(r, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_create(NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_clone(&copy, NULL, &err));

    /* The setters refuse a number outside its field's range, the planner what needs the drug
     * (plan errors name the field): 1000 mg is far beyond any plausible citalopram dose. */
    OK(taper_request_set_drug(r, "citalopram", &err));
    FAILS_WITH(TAPER_ERROR_PLAN, taper_request_set_daily_dose_mg(r, -5, &err), "daily dose");
    OK(taper_request_set_daily_dose_mg(r, 1000, &err));
    FAILS_WITH(TAPER_ERROR_PLAN, taper_request_validate(r, db, &err), "daily dose");
    OK(taper_request_set_drug(r, "citaloparm", &err));
    FAILS_WITH(TAPER_ERROR_UNKNOWN_DRUG, taper_request_validate(r, db, &err), "citalopram");
    taper_request_free(r);
    taper_request_free(NULL);
}

/* The status of `call` and the option its error names; frees the error. */
static taper_status failed_naming(taper_status status, const char* option) {
    CHECK(err != NULL);
    if (err != NULL) STR_EQ(taper_error_option(err), option);
    taper_error_free(err);
    err = NULL;
    return status;
}

static taper_request_field_info described(taper_request_field field) {
    taper_request_field_info info;
    memset(&info, 0, sizeof info);
    info.struct_size = sizeof info;
    OK(taper_request_field_describe(field, &info, &err));
    return info;
}

void test_request_fields(void) {
    /* Every field: described, and found again by its name. */
    CHECK(taper_request_field_count() == 19);
    for (size_t i = 0; i < taper_request_field_count(); ++i) {
        const taper_request_field_info info = described((taper_request_field)i);
        CHECK(info.field == (taper_request_field)i);
        CHECK(info.name != NULL && info.name[0] != '\0');
        CHECK(info.description != NULL && info.description[0] != '\0');
        CHECK(info.unit != NULL);
        taper_request_field found = TAPER_REQUEST_DRUG;
        OK(taper_request_field_from_name(info.name, &found, &err));
        CHECK(found == (taper_request_field)i);
    }

    /* The ranges of the planner, as published. */
    taper_request_field_info info = described(TAPER_REQUEST_DAILY_DOSE);
    STR_EQ(info.name, "daily_dose");
    CHECK(info.kind == TAPER_REQUEST_VALUE_NUMBER && info.required == 1 && info.optional == 0);
    CHECK(info.has_default == 0 && isnan(info.default_number));
    STR_EQ(info.unit, "mg");
    CHECK(info.has_minimum && info.minimum == 0 && !info.minimum_inclusive);
    CHECK(info.has_maximum && info.maximum == 1000000 && info.maximum_inclusive);

    info = described(TAPER_REQUEST_INTERVAL);
    STR_EQ(info.name, "interval");
    STR_EQ(info.unit, "days");
    CHECK(info.has_default && info.default_number == 28);  /* four-weekly */
    CHECK(info.minimum == 0.5 && info.minimum_inclusive && info.maximum == 3653 && info.maximum_inclusive);

    info = described(TAPER_REQUEST_MAX_STEP_PERCENT);
    STR_EQ(info.name, "max_step_percent");
    STR_EQ(info.unit, "%");
    CHECK(info.optional == 1 && info.has_default == 0 && isnan(info.default_number));
    CHECK(info.minimum == 0 && !info.minimum_inclusive && info.maximum == 100 && !info.maximum_inclusive);

    info = described(TAPER_REQUEST_MAX_STEP_POINTS);
    STR_EQ(info.unit, "points");
    CHECK(info.maximum == 100 && !info.maximum_inclusive);

    info = described(TAPER_REQUEST_MAINTENANCE);
    CHECK(info.has_default && info.default_number == 0 && info.minimum == 0 && info.minimum_inclusive);

    info = described(TAPER_REQUEST_MAX_DURATION);
    STR_EQ(info.unit, "days");
    CHECK(info.optional && info.minimum == 1 && info.minimum_inclusive);

    info = described(TAPER_REQUEST_MAX_STEPS);
    CHECK(info.kind == TAPER_REQUEST_VALUE_COUNT && info.optional);
    STR_EQ(info.unit, "");
    CHECK(info.minimum == 1 && info.maximum == 2147483647.0 && info.minimum_inclusive && info.maximum_inclusive);

    info = described(TAPER_REQUEST_HALF_LIFE_PACING);
    CHECK(info.kind == TAPER_REQUEST_VALUE_FLAG && info.has_default && info.default_number == 0);
    CHECK(info.minimum == 0 && info.maximum == 1);

    info = described(TAPER_REQUEST_EQUIVALENCE_TABLE);
    CHECK(info.kind == TAPER_REQUEST_VALUE_TEXT && info.has_default);
    STR_EQ(info.default_text, "ashton");
    CHECK(!info.has_minimum && !info.has_maximum && isnan(info.minimum));

    info = described(TAPER_REQUEST_START_DATE);
    STR_EQ(info.name, "start_date");
    CHECK(info.kind == TAPER_REQUEST_VALUE_DATE && info.required && !info.has_default);
    STR_EQ(info.default_text, "");

    info = described(TAPER_REQUEST_SPLIT);  /* a list: the bounds are each dose-time's */
    CHECK(info.kind == TAPER_REQUEST_VALUE_LIST && !info.has_default);
    STR_EQ(info.unit, "mg");
    info = described(TAPER_REQUEST_HOLDS);
    STR_EQ(info.unit, "days");

    /* Bad fields, names and structs. */
    taper_request_field_info bad;
    memset(&bad, 0, sizeof bad);
    bad.struct_size = sizeof bad;
    FAILS_WITH(TAPER_ERROR_INVALID_ARGUMENT, taper_request_field_describe((taper_request_field)19, &bad, &err),
               "expected 0 to 18");
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_field_describe((taper_request_field)-1, &bad, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_field_describe(TAPER_REQUEST_DRUG, NULL, &err));
    bad.struct_size = 0;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_request_field_describe(TAPER_REQUEST_DRUG, &bad, &err));
    taper_request_field field = TAPER_REQUEST_DRUG;
    CHECK(taper_request_field_from_name("max_step_precent", &field, &err) == TAPER_ERROR_INVALID_ARGUMENT);
    CHECK(err != NULL && taper_error_suggestion_count(err) == 1);
    if (err != NULL) STR_EQ(taper_error_suggestion(err, 0), "max_step_percent");
    taper_error_free(err);
    err = NULL;
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_field_from_name("colour", &field, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_field_from_name(NULL, &field, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_field_from_name("drug", NULL, &err));

    /* Set and get by key. */
    taper_request* r = NULL;
    OK(taper_request_create(&r, &err));
    double value = 0;
    int is_set = -1;
    OK(taper_request_get_number(r, TAPER_REQUEST_INTERVAL, &value, &is_set, &err));
    CHECK(value == 28 && is_set == 1);
    OK(taper_request_get_number(r, TAPER_REQUEST_MAX_STEP_PERCENT, &value, &is_set, &err));
    CHECK(isnan(value) && is_set == 0);
    OK(taper_request_set_number(r, TAPER_REQUEST_MAX_STEP_PERCENT, 12.5, &err));
    OK(taper_request_get_number(r, TAPER_REQUEST_MAX_STEP_PERCENT, &value, NULL, &err));
    CHECK(value == 12.5);
    OK(taper_request_reset(r, TAPER_REQUEST_MAX_STEP_PERCENT, &err));
    OK(taper_request_get_number(r, TAPER_REQUEST_MAX_STEP_PERCENT, &value, &is_set, &err));
    CHECK(is_set == 0);

    OK(taper_request_set_number(r, TAPER_REQUEST_MAX_STEPS, 12, &err));
    OK(taper_request_get_number(r, TAPER_REQUEST_MAX_STEPS, &value, &is_set, &err));
    CHECK(value == 12 && is_set == 1);
    OK(taper_request_set_number(r, TAPER_REQUEST_HALF_LIFE_PACING, 1, &err));
    OK(taper_request_get_number(r, TAPER_REQUEST_HALF_LIFE_PACING, &value, NULL, &err));
    CHECK(value == 1);
    OK(taper_request_set_number(r, TAPER_REQUEST_MAX_STEP_POINTS, 5, &err));
    OK(taper_request_set_number(r, TAPER_REQUEST_MAX_DURATION, 365, &err));
    OK(taper_request_get_number(r, TAPER_REQUEST_MAX_DURATION, &value, NULL, &err));
    CHECK(value == 365);

    /* Out of range: the planner's error, naming the field; the value is kept as it was. */
    CHECK(failed_naming(taper_request_set_number(r, TAPER_REQUEST_MAX_STEP_PERCENT, 100, &err),
                        "max step percent") == TAPER_ERROR_PLAN);
    CHECK(failed_naming(taper_request_set_number(r, TAPER_REQUEST_DAILY_DOSE, NAN, &err), "daily dose") ==
          TAPER_ERROR_PLAN);
    CHECK(failed_naming(taper_request_set_number(r, TAPER_REQUEST_INTERVAL, 0.25, &err), "interval") ==
          TAPER_ERROR_PLAN);
    CHECK(failed_naming(taper_request_set_number(r, TAPER_REQUEST_MAX_STEPS, 2.5, &err), "max steps") ==
          TAPER_ERROR_PLAN);
    CHECK(failed_naming(taper_request_set_number(r, TAPER_REQUEST_MAX_STEPS, 0, &err), "max steps") ==
          TAPER_ERROR_PLAN);
    CHECK(failed_naming(taper_request_set_number(r, TAPER_REQUEST_MAX_STEPS, 3e9, &err), "max steps") ==
          TAPER_ERROR_PLAN);
    CHECK(failed_naming(taper_request_set_number(r, TAPER_REQUEST_HALF_LIFE_PACING, 2, &err),
                        "half-life pacing") == TAPER_ERROR_PLAN);
    OK(taper_request_get_number(r, TAPER_REQUEST_MAX_STEPS, &value, NULL, &err));
    CHECK(value == 12);
    OK(taper_request_get_number(r, TAPER_REQUEST_INTERVAL, &value, NULL, &err));
    CHECK(value == 28);

    /* The wrong kind of call says which one to use. */
    FAILS_WITH(TAPER_ERROR_INVALID_ARGUMENT, taper_request_set_number(r, TAPER_REQUEST_DRUG, 1, &err),
               "taper_request_set_text");
    FAILS_WITH(TAPER_ERROR_INVALID_ARGUMENT, taper_request_set_number(r, TAPER_REQUEST_SPLIT, 1, &err),
               "taper_request_add_dose_time");
    FAILS_WITH(TAPER_ERROR_INVALID_ARGUMENT, taper_request_set_number(r, TAPER_REQUEST_HOLDS, 1, &err),
               "taper_request_add_hold");
    FAILS_WITH(TAPER_ERROR_INVALID_ARGUMENT, taper_request_set_number(r, TAPER_REQUEST_PHASE_INTERVALS, 1, &err),
               "taper_request_set_phase_interval_days");
    FAILS_WITH(TAPER_ERROR_INVALID_ARGUMENT, taper_request_set_text(r, TAPER_REQUEST_INTERVAL, "28", &err),
               "taper_request_set_number");
    const char* text = NULL;
    FAILS_WITH(TAPER_ERROR_INVALID_ARGUMENT, taper_request_get_text(r, TAPER_REQUEST_INTERVAL, &text, &err),
               "taper_request_get_number");
    FAILS_WITH(TAPER_ERROR_INVALID_ARGUMENT, taper_request_get_number(r, TAPER_REQUEST_DRUG, &value, NULL, &err),
               "taper_request_get_text");
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_set_number(NULL, TAPER_REQUEST_INTERVAL, 14, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_set_number(r, (taper_request_field)42, 14, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_get_number(r, TAPER_REQUEST_INTERVAL, NULL, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_get_number(NULL, TAPER_REQUEST_INTERVAL, &value, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_set_text(r, TAPER_REQUEST_DRUG, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_set_text(NULL, TAPER_REQUEST_DRUG, "x", &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_get_text(r, TAPER_REQUEST_DRUG, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_request_get_text(NULL, TAPER_REQUEST_DRUG, &text, &err));

    /* A list field's number is its item count. */
    OK(taper_request_add_dose_time(r, "morning", 5, &err));
    OK(taper_request_add_dose_time(r, "night", 15, &err));
    OK(taper_request_get_number(r, TAPER_REQUEST_SPLIT, &value, &is_set, &err));
    CHECK(value == 2 && is_set == 1);
    OK(taper_request_get_number(r, TAPER_REQUEST_HOLDS, &value, NULL, &err));
    CHECK(value == 0);

    /* Texts and the date. */
    OK(taper_request_get_text(r, TAPER_REQUEST_EQUIVALENCE_TABLE, &text, &err));
    STR_EQ(text, "ashton");
    OK(taper_request_get_text(r, TAPER_REQUEST_START_DATE, &text, &err));
    STR_EQ(text, ""); /* unset: taper_plan refuses it */
    OK(taper_request_set_text(r, TAPER_REQUEST_DRUG, "Citalopram", &err));
    OK(taper_request_get_text(r, TAPER_REQUEST_DRUG, &text, &err));
    STR_EQ(text, "Citalopram");
    OK(taper_request_set_text(r, TAPER_REQUEST_START_DATE, "2026-12-01", &err));
    OK(taper_request_get_text(r, TAPER_REQUEST_START_DATE, &text, &err));
    STR_EQ(text, "2026-12-01");
    FAILS(TAPER_ERROR_PARSE, taper_request_set_text(r, TAPER_REQUEST_START_DATE, "2026-02-30", &err));
    FAILS(TAPER_ERROR_PARSE, taper_request_set_text(r, TAPER_REQUEST_START_DATE, "1899-12-31", &err));
    FAILS(TAPER_ERROR_PARSE, taper_request_set_text(r, TAPER_REQUEST_START_DATE, "next week", &err));
    OK(taper_request_get_text(r, TAPER_REQUEST_START_DATE, &text, &err));
    STR_EQ(text, "2026-12-01"); /* a refused date leaves the one before */
    taper_request_free(r);

    /* A request built by key plans exactly as one built with the per-field setters. */
    taper_database* db = NULL;
    OK(taper_database_create_embedded(&db, &err));
    taper_request* by_key = NULL;
    OK(taper_request_create(&by_key, &err));
    OK(taper_request_set_text(by_key, TAPER_REQUEST_DRUG, "citalopram", &err));
    OK(taper_request_set_number(by_key, TAPER_REQUEST_DAILY_DOSE, 20, &err));
    OK(taper_request_set_text(by_key, TAPER_REQUEST_START_DATE, "2026-01-05", &err));
    OK(taper_request_set_number(by_key, TAPER_REQUEST_MAX_STEP_PERCENT, 25, &err));
    taper_request* by_setter = citalopram_request();
    OK(taper_request_set_max_step_percent(by_setter, 25, &err));
    taper_strategy_options* options = NULL;
    OK(taper_strategy_options_create(&options, &err));
    OK(taper_strategy_options_set_number(options, "percent", TAPER_OPTION_KIND_PERCENT, 10, &err));
    taper_schedule* a = NULL;
    taper_schedule* b = NULL;
    OK(taper_plan(&a, db, by_key, NULL, "proportional", options, &err));
    OK(taper_plan(&b, db, by_setter, NULL, "proportional", options, &err));
    char* json_a = NULL;
    char* json_b = NULL;
    OK(taper_schedule_to_json(a, &json_a, &err));
    OK(taper_schedule_to_json(b, &json_b, &err));
    CHECK(json_a != NULL && json_b != NULL && strcmp(json_a, json_b) == 0);
    taper_string_free(json_a);
    taper_string_free(json_b);
    taper_schedule_free(a);
    taper_schedule_free(b);
    taper_strategy_options_free(options);
    taper_request_free(by_key);
    taper_request_free(by_setter);
    taper_database_free(db);
}
