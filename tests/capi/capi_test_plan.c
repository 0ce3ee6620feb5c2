/* The C ABI from C11, planning and schedules (part of capi_test: capi_check.h). */
#include "capi_check.h"

/* The hyperbolic plan by hand: occupancy falls 5 points per step from occ(20 mg). */
void test_hyperbolic_plan(taper_database* db, taper_registry* builtins) {
    const double emax = 83.98, ed50 = 2.33;
    taper_request* r = citalopram_request();
    taper_strategy_options* o = NULL;
    OK(taper_strategy_options_create(&o, &err));
    OK(taper_strategy_options_set_number(o, "points", TAPER_OPTION_KIND_OCCUPANCY_POINTS, 5, &err));
    taper_schedule* s = NULL;
    OK(taper_plan(&s, db, r, builtins, "hyperbolic", o, &err));
    /* The same option set by name alone, its kind (points) from the schema. */
    taper_strategy_options* by_schema = NULL;
    OK(taper_strategy_options_create(&by_schema, &err));
    OK(taper_strategy_options_set_schema_number(by_schema, builtins, "hyperbolic", "points", 5, &err));
    double schema_points = 0;
    int schema_set = 0;
    OK(taper_strategy_options_get_number(by_schema, "points", TAPER_OPTION_KIND_OCCUPANCY_POINTS, &schema_points,
                                         &schema_set, &err));
    CHECK(schema_set == 1 && schema_points == 5);
    taper_error* misspelt = NULL;
    CHECK(taper_strategy_options_set_schema_number(by_schema, NULL, "hyperbolic", "pointz", 5, &misspelt) ==
          TAPER_ERROR_STRATEGY);
    STR_EQ(taper_error_option(misspelt), "pointz");
    CONTAINS(taper_error_expected(misspelt), "points");
    taper_error_free(misspelt);
    FAILS_WITH(TAPER_ERROR_INVALID_ARGUMENT,
               taper_strategy_options_set_schema_number(by_schema, NULL, "table", "table", 5, &err), "not a single number");
    FAILS(TAPER_ERROR_STRATEGY, taper_strategy_options_set_schema_number(by_schema, NULL, "hyperbolc", "points", 5, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_strategy_options_set_schema_number(NULL, NULL, "hyperbolic", "points", 5, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_strategy_options_set_schema_number(by_schema, NULL, "hyperbolic", NULL, 5, &err));
    taper_strategy_options_free(by_schema);

    taper_schedule_info info;
    info.struct_size = sizeof info;
    OK(taper_schedule_get_info(s, &info, &err));
    CHECK(info.struct_size == sizeof info);
    STR_EQ(info.drug, "citalopram");
    STR_EQ(info.strategy, "hyperbolic");
    STR_EQ(info.occupancy_model, "sert-striatum-sorensen2022");
    STR_EQ(info.occupancy_receptor, "SERT");
    STR_EQ(info.equivalence_table, "");
    CHECK(info.basis == TAPER_BASIS_OWN_MG);
    NEAR(info.start_dose_mg, 20, 0);
    NEAR(info.start_equivalent_dose_mg, 20, 0);
    NEAR(info.start_occupancy_percent, emax * 20 / (ed50 + 20), 1e-9);
    NEAR(info.final_dose_mg, 0, 0);
    CHECK(info.start.year == 2026 && info.start.month == 1 && info.start.day == 5);
    /* 14 cuts of 5 points from 75.2172 % (the 14th to 5.2172 %); what is left is more than one
     * step, so it is cut in two halves of 2.6086 points (the stop is no larger than a step,
     * docs/safety.md): a 15th cut, then the stop step. */
    CHECK(info.step_count == 16);
    CHECK(info.start_dose_time_count == 1);
    const char* time = NULL;
    double mg = 0;
    OK(taper_schedule_start_dose_time(s, &time, &mg, 0, &err));
    STR_EQ(time, "daily");
    NEAR(mg, 20, 0);
    OK(taper_schedule_start_dose_time(s, NULL, NULL, 0, &err));
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_schedule_start_dose_time(s, &time, &mg, 1, &err));

    size_t n = 0;
    n = taper_schedule_step_count(s);
    CHECK(n == info.step_count);
    CHECK(taper_schedule_step_count(NULL) == 0);

    /* Steps one by one against the hand computation. */
    double occ = emax * 20 / (ed50 + 20);
    double previous = 20;
    long expected_offset = 0;
    for (size_t i = 0; i < n; ++i) {
        taper_step_info st;
        st.struct_size = sizeof st;
        OK(taper_schedule_step(s, &st, i, &err));
        CHECK(st.number == (int32_t)i + 1);
        CHECK(st.day_offset == expected_offset);
        NEAR(st.length_days, 28, 0);
        expected_offset += 28;
        CHECK(st.dose_count == 1);
        const char* drug = NULL;
        const char* dose_time = NULL;
        double line_mg = -1;
        OK(taper_schedule_step_dose(s, &drug, &dose_time, &line_mg, i, 0, &err));
        STR_EQ(drug, "citalopram");
        STR_EQ(dose_time, "daily");
        NEAR(line_mg, st.daily_dose_mg, 1e-12);
        if (st.phase == TAPER_PHASE_REDUCE) {
            const double cut = i < 14 ? 5 : (emax * 20 / (ed50 + 20) - 70) / 2;
            occ -= cut;
            const double expected = ed50 * occ / (emax - occ);
            NEAR(st.daily_dose_mg, expected, 1e-6);
            NEAR(st.change_points, cut, 0.1);
            NEAR(st.occupancy_percent, occ, 1e-6);
            NEAR(st.change_mg, previous - expected, 1e-6);
            NEAR(st.change_percent, 100 * (previous - expected) / previous, 1e-6);
            CHECK(st.note_count >= 1);
            const char* note = NULL;
            OK(taper_schedule_step_note(s, &note, i, 0, &err));
            CONTAINS(note, "SERT occupancy");
            FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_schedule_step_note(s, &note, i, st.note_count, &err));
            /* The same note as a code: hyperbolic's target occupancy, first on the step. */
            size_t message_count = 0;
            OK(taper_schedule_step_message_count(s, &message_count, i, &err));
            CHECK(message_count == st.note_count + st.warning_count);
            taper_message_info m;
            memset(&m, 0, sizeof m);
            m.struct_size = sizeof m;
            OK(taper_schedule_step_message(s, &m, i, 0, &err));
            CHECK(m.code == TAPER_MESSAGE_TARGET_OCCUPANCY);
            CHECK(m.severity == TAPER_SEVERITY_NOTE);
            STR_EQ(m.id, "target_occupancy");
            STR_EQ(m.text, note);
            FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_schedule_step_message(s, &m, i, message_count, &err));
        } else {
            CHECK(st.phase == TAPER_PHASE_STOP);
            CHECK(i == n - 1);
            NEAR(st.daily_dose_mg, 0, 0);
            NEAR(st.occupancy_percent, 0, 1e-12);
        }
        NEAR(st.equivalent_daily_dose_mg, st.daily_dose_mg, 0);
        previous = st.daily_dose_mg;
        if (i == 0) NEAR(st.daily_dose_mg, 11.8876, 1e-3); /* the first step, as in the docs */
    }
    taper_step_info bad;
    bad.struct_size = 4;
    FAILS_WITH(TAPER_ERROR_ABI_MISMATCH, taper_schedule_step(s, &bad, 0, &err), "struct_size");
    /* A larger struct (a newer caller): accepted only with its unknown tail zero, which the
     * library leaves as it is (the growable-struct rule; capi_struct_size_test.c in full). */
    struct {
        taper_step_info info;
        double newer_field;
    } larger;
    memset(&larger, 0xff, sizeof larger);
    larger.info.struct_size = sizeof larger;
    FAILS_WITH(TAPER_ERROR_ABI_MISMATCH, taper_schedule_step(s, &larger.info, 0, &err), "not zero");
    memset(&larger, 0, sizeof larger);
    larger.info.struct_size = sizeof larger;
    OK(taper_schedule_step(s, &larger.info, 0, &err));
    CHECK(larger.info.struct_size == sizeof larger && larger.newer_field == 0.0 && larger.info.number == 1);
    CHECK(larger.info.message_count == larger.info.note_count + larger.info.warning_count);
    taper_step_info st;
    st.struct_size = sizeof st;
    FAILS_WITH(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_schedule_step(s, &st, n, &err), "out of range");
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_step(s, NULL, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_step(NULL, &st, 0, &err));
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_schedule_step_dose(s, NULL, NULL, NULL, 0, 1, &err));
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_schedule_step_dose(s, NULL, NULL, NULL, n, 0, &err));
    const char* text = NULL;
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_schedule_step_warning(s, &text, n, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_step_warning(s, NULL, 0, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_step_note(s, NULL, 0, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_get_info(s, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_get_info(NULL, &info, &err));
    info.struct_size = 0;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_schedule_get_info(s, &info, &err));

    /* The bulk accessor agrees with the step-by-step one. */
    size_t count = 0;
    FAILS(TAPER_ERROR_BUFFER_TOO_SMALL, taper_schedule_columns(s, NULL, &count, 0, &err));
    CHECK(count == n);
    double* day = calloc(n, sizeof *day);
    double* length = calloc(n, sizeof *length);
    double* dose = calloc(n, sizeof *dose);
    double* eq = calloc(n, sizeof *eq);
    double* change = calloc(n, sizeof *change);
    double* change_pct = calloc(n, sizeof *change_pct);
    double* occupancy = calloc(n, sizeof *occupancy);
    double* points = calloc(n, sizeof *points);
    int32_t* phase = calloc(n, sizeof *phase);
    taper_schedule_column_arrays columns = {0};
    columns.struct_size = sizeof columns;
    columns.day_offset = day;
    columns.length_days = length;
    columns.daily_dose_mg = dose;
    columns.equivalent_daily_dose_mg = eq;
    columns.change_mg = change;
    columns.change_percent = change_pct;
    columns.occupancy_percent = occupancy;
    columns.change_points = points;
    columns.phase = phase;
    FAILS(TAPER_ERROR_BUFFER_TOO_SMALL, taper_schedule_columns(s, &columns, &count, n - 1, &err));
    CHECK(day[0] == 0.0 && dose[0] == 0.0); /* nothing written */
    OK(taper_schedule_columns(s, &columns, &count, n, &err));
    CHECK(count == n);
    for (size_t i = 0; i < n; ++i) {
        taper_step_info si;
        si.struct_size = sizeof si;
        OK(taper_schedule_step(s, &si, i, &err));
        CHECK(day[i] == (double)si.day_offset && length[i] == si.length_days && dose[i] == si.daily_dose_mg &&
              eq[i] == si.equivalent_daily_dose_mg && change[i] == si.change_mg &&
              change_pct[i] == si.change_percent && occupancy[i] == si.occupancy_percent &&
              points[i] == si.change_points && phase[i] == si.phase);
    }
    taper_schedule_column_arrays dose_only = {0};
    dose_only.struct_size = sizeof dose_only;
    dose_only.daily_dose_mg = dose;
    OK(taper_schedule_columns(s, &dose_only, &count, n, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_columns(s, &columns, NULL, n, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_columns(NULL, &columns, &count, n, &err));
    /* The columns struct follows the growable-struct rule: a size below its first is refused. */
    taper_schedule_column_arrays short_columns = columns;
    short_columns.struct_size = 4;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_schedule_columns(s, &short_columns, &count, n, &err));
    free(day);
    free(length);
    free(dose);
    free(eq);
    free(change);
    free(change_pct);
    free(occupancy);
    free(points);
    free(phase);

    /* Exports. */
    char* json = NULL;
    OK(taper_schedule_to_json(s, &json, &err));
    CONTAINS(json, "\"strategy\": \"hyperbolic\"");
    CONTAINS(json, "\"drug\": \"citalopram\"");
    taper_string_free(json);
    char* csv = NULL;
    OK(taper_schedule_to_csv(s, &csv, &err));
    CONTAINS(csv, "daily_dose_mg");
    CONTAINS(csv, "\r\n");
    taper_string_free(csv);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_to_json(NULL, &json, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_to_json(s, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_to_csv(NULL, &csv, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_to_csv(s, NULL, &err));
    /* The people-facing outputs: a calendar (DTSTAMP 86400 s after the epoch is 1970-01-02
     * 00:00 UTC), FHIR, the chart and the printable page. */
    char* doc = NULL;
    OK(taper_schedule_to_ics(s, &doc, 1, 86400, &err));
    CHECK(strncmp(doc, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", strlen("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")) == 0);
    CONTAINS(doc, "UID:taper-citalopram-");
    CONTAINS(doc, "DTSTAMP:19700102T000000Z\r\n");
    CONTAINS(doc, "RRULE:FREQ=DAILY;COUNT=");
    taper_string_free(doc);
    doc = NULL;
    OK(taper_schedule_to_fhir(s, &doc, &err));
    CONTAINS(doc, "\"resourceType\": \"MedicationRequest\"");
    CONTAINS(doc, "\"code\": \"2556\""); /* citalopram's RxNorm code (data/codes.json) */
    taper_string_free(doc);
    doc = NULL;
    OK(taper_schedule_to_svg(s, &doc, &err));
    CHECK(strncmp(doc, "<svg xmlns=\"http://www.w3.org/2000/svg\"", strlen("<svg xmlns=\"http://www.w3.org/2000/svg\"")) == 0);
    taper_string_free(doc);
    doc = NULL;
    OK(taper_schedule_to_html(s, &doc, &err));
    CHECK(strncmp(doc, "<!DOCTYPE html>", 15) == 0);
    CONTAINS(doc, "<svg");
    taper_string_free(doc);
    doc = NULL;
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_to_ics(NULL, &doc, 0, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_to_ics(s, NULL, 0, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_to_fhir(NULL, &doc, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_to_fhir(s, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_to_svg(NULL, &doc, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_to_svg(s, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_to_html(NULL, &doc, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_to_html(s, NULL, &err));
    CHECK(doc == NULL);
    taper_schedule_free(s);

    /* The same plan with the built-ins by default (registry NULL). */
    OK(taper_plan(&s, db, r, NULL, "hyperbolic", o, &err));
    taper_step_info first;
    first.struct_size = sizeof first;
    OK(taper_schedule_step(s, &first, 0, &err));
    NEAR(first.daily_dose_mg, 11.8876, 1e-3);
    taper_schedule_free(s);
    s = NULL;

    /* Plan errors. */
    FAILS_WITH(TAPER_ERROR_STRATEGY, taper_plan(&s, db, r, builtins, "hyperbolc", o, &err), "did you mean");
    CHECK(s == NULL);
    /* The same error's detail, as data. */
    taper_error* detail = NULL;
    CHECK(taper_plan(&s, db, r, builtins, "hyperbolc", o, &detail) == TAPER_ERROR_STRATEGY);
    CHECK(taper_error_detail_code(detail) == TAPER_ERROR_CODE_UNKNOWN_STRATEGY);
    STR_EQ(taper_error_input(detail), "hyperbolc");
    CHECK(taper_error_suggestion_count(detail) == 1);
    STR_EQ(taper_error_suggestion(detail, 0), "hyperbolic");
    CHECK(taper_error_suggestion(detail, 1) == NULL);
    STR_EQ(taper_error_option(detail), "");
    CONTAINS(taper_error_expected(detail), "linear");
    taper_error_free(detail);
    detail = NULL;
    OK(taper_strategy_options_set_number(o, "amount", TAPER_OPTION_KIND_MASS, 2, &err));
    CHECK(taper_plan(&s, db, r, builtins, "hyperbolic", o, &detail) == TAPER_ERROR_STRATEGY);
    CHECK(taper_error_detail_code(detail) == TAPER_ERROR_CODE_STRATEGY_OPTION);
    STR_EQ(taper_error_option(detail), "amount");
    STR_EQ(taper_error_input(detail), "amount");
    CONTAINS(taper_error_expected(detail), "points");
    taper_error_free(detail);
    OK(taper_strategy_options_unset(o, "amount", &err));
    CHECK(taper_error_detail_code(NULL) == TAPER_ERROR_CODE_UNSPECIFIED);
    STR_EQ(taper_error_input(NULL), "");
    STR_EQ(taper_error_expected(NULL), "");
    STR_EQ(taper_error_option(NULL), "");
    CHECK(taper_error_suggestion_count(NULL) == 0);
    CHECK(taper_error_suggestion(NULL, 0) == NULL);
    OK(taper_strategy_options_set_number(o, "amount", TAPER_OPTION_KIND_MASS, 2, &err));
    FAILS_WITH(TAPER_ERROR_STRATEGY, taper_plan(&s, db, r, builtins, "hyperbolic", o, &err), "amount");
    OK(taper_strategy_options_unset(o, "amount", &err));
    OK(taper_request_set_final_dose_mg(r, 30, &err));
    FAILS_WITH(TAPER_ERROR_PLAN, taper_plan(&s, db, r, builtins, "hyperbolic", o, &err), "final dose");
    OK(taper_request_reset(r, TAPER_REQUEST_FINAL_DOSE, &err));
    OK(taper_request_set_drug(r, "diazepam", &err));
    OK(taper_request_set_daily_dose_mg(r, 10, &err));
    FAILS_WITH(TAPER_ERROR_PLAN, taper_plan(&s, db, r, builtins, "hyperbolic", o, &err), "occupancy model");
    OK(taper_request_set_drug(r, "nosuchdrug", &err));
    FAILS(TAPER_ERROR_UNKNOWN_DRUG, taper_plan(&s, db, r, builtins, "hyperbolic", o, &err));
    CHECK(taper_plan(&s, db, r, builtins, "hyperbolic", o, NULL) == TAPER_ERROR_UNKNOWN_DRUG);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_plan(NULL, db, r, builtins, "hyperbolic", o, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_plan(&s, NULL, r, builtins, "hyperbolic", o, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_plan(&s, db, NULL, builtins, "hyperbolic", o, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_plan(&s, db, r, builtins, NULL, o, &err));
    CHECK(s == NULL);
    taper_schedule_free(NULL);
    taper_strategy_options_free(o);
    taper_request_free(r);
}

/* Proportional, 10 % of the most recent dose: 20, 18, 16.2, ... by hand. */
void test_proportional_and_others(taper_database* db) {
    taper_request* r = citalopram_request();
    taper_strategy_options* o = NULL;
    OK(taper_strategy_options_create(&o, &err));
    OK(taper_strategy_options_set_number(o, "percent", TAPER_OPTION_KIND_PERCENT, 10, &err));
    taper_schedule* s = NULL;
    OK(taper_plan(&s, db, r, NULL, "proportional", o, &err));
    size_t n = 0;
    n = taper_schedule_step_count(s);
    /* Down to 20/40 = 0.5 mg: 20 * 0.9^35 = 0.50063 is above it, 20 * 0.9^36 = 0.45057 the
     * first at or below, so 36 cuts and the stop step. */
    CHECK(n == 37);
    double expected = 20;
    for (size_t i = 0; i + 1 < n; ++i) {
        taper_step_info st;
        st.struct_size = sizeof st;
        OK(taper_schedule_step(s, &st, i, &err));
        expected *= 0.9;
        NEAR(st.daily_dose_mg, expected, 1e-9);
        NEAR(st.change_percent, 10, 1e-9);
    }
    taper_schedule_free(s);

    /* Linear, 5 mg a step: 15, 10, 5, 0. */
    taper_strategy_options* lin = NULL;
    OK(taper_strategy_options_create(&lin, &err));
    OK(taper_strategy_options_set_number(lin, "amount", TAPER_OPTION_KIND_MASS, 5, &err));
    OK(taper_plan(&s, db, r, NULL, "linear", lin, &err));
    size_t count = 0;
    double dose[8];
    taper_schedule_column_arrays columns = {0};
    columns.struct_size = sizeof columns;
    columns.daily_dose_mg = dose;
    OK(taper_schedule_columns(s, &columns, &count, 8, &err));
    CHECK(count == 4);
    NEAR(dose[0], 15, 1e-12);
    NEAR(dose[1], 10, 1e-12);
    NEAR(dose[2], 5, 1e-12);
    NEAR(dose[3], 0, 1e-12);
    taper_schedule_free(s);
    taper_strategy_options_free(lin);

    /* A table: 15 mg for 14 days, then 10 mg (the request's interval), then stop. */
    taper_strategy_options* table = NULL;
    OK(taper_strategy_options_create(&table, &err));
    OK(taper_strategy_options_add_table_row(table, "table", 15, 14, &err));
    OK(taper_strategy_options_add_table_row(table, "table", 10, 0, &err));
    OK(taper_plan(&s, db, r, NULL, "table", table, &err));
    double length[8];
    columns.length_days = length;
    OK(taper_schedule_columns(s, &columns, &count, 8, &err));
    CHECK(count == 3);
    NEAR(dose[0], 15, 1e-12);
    NEAR(length[0], 14, 0);
    NEAR(dose[1], 10, 1e-12);
    NEAR(length[1], 28, 0);
    NEAR(dose[2], 0, 0);
    taper_schedule_free(s);
    taper_strategy_options_free(table);

    /* Tapering strip along the hyperbolic curve: a step per day. */
    taper_strategy_options* strip = NULL;
    OK(taper_strategy_options_create(&strip, &err));
    OK(taper_strategy_options_set_text(strip, "curve", "hyperbolic", &err));
    OK(taper_strategy_options_set_number(strip, "roll_length", TAPER_OPTION_KIND_DAYS, 28, &err));
    OK(taper_plan(&s, db, r, NULL, "tapering-strip", strip, &err));
    taper_step_info st;
    st.struct_size = sizeof st;
    OK(taper_schedule_step(s, &st, 0, &err));
    NEAR(st.length_days, 1, 0);
    taper_schedule_free(s);
    taper_strategy_options_free(strip);

    /* Holds and a phase interval: the hold after step 1 lasts 14 days. */
    OK(taper_request_add_hold(r, 1, 14, &err));
    OK(taper_request_set_phase_interval_days(r, TAPER_PHASE_HOLD, 14, &err));
    OK(taper_plan(&s, db, r, NULL, "proportional", o, &err));
    OK(taper_schedule_step(s, &st, 1, &err));
    CHECK(st.phase == TAPER_PHASE_HOLD);
    NEAR(st.length_days, 14, 0);
    taper_schedule_free(s);
    taper_strategy_options_free(o);
    taper_request_free(r);

    /* Diazepam crossover from alprazolam 0.5 mg twice a day: Ashton 0.5 mg = 10 mg diazepam. */
    taper_request* b = NULL;
    OK(taper_request_create(&b, &err));
    OK(taper_request_set_drug(b, "alprazolam", &err));
    OK(taper_request_set_daily_dose_mg(b, 1, &err));
    OK(taper_request_add_dose_time(b, "morning", 0.5, &err));
    OK(taper_request_add_dose_time(b, "night", 0.5, &err));
    OK(taper_request_set_start_date(b, 2026, 3, 2, &err));
    OK(taper_request_set_interval_days(b, 14, &err));
    OK(taper_request_set_equivalence_table(b, "ashton", &err));
    OK(taper_plan(&s, db, b, NULL, "diazepam-crossover", NULL, &err));
    taper_schedule_info info;
    info.struct_size = sizeof info;
    OK(taper_schedule_get_info(s, &info, &err));
    CHECK(info.basis == TAPER_BASIS_DIAZEPAM_MG);
    STR_EQ(info.equivalence_table, "ashton");
    CHECK(isnan(info.start_occupancy_percent));
    NEAR(info.start_equivalent_dose_mg, 20, 1e-9);
    CHECK(info.start_dose_time_count == 2);
    OK(taper_schedule_step(s, &st, 0, &err));
    CHECK(st.phase == TAPER_PHASE_SWITCH);
    NEAR(st.length_days, 7, 0);
    NEAR(st.equivalent_daily_dose_mg, 20, 1e-9);
    CHECK(isnan(st.occupancy_percent) && isnan(st.change_points));
    CHECK(st.dose_count == 2);
    const char* drug = NULL;
    const char* time = NULL;
    double mg = 0;
    OK(taper_schedule_step_dose(s, &drug, &time, &mg, 0, 1, &err));
    STR_EQ(drug, "diazepam");
    STR_EQ(time, "night");
    NEAR(mg, 10, 1e-9);
    OK(taper_schedule_step_dose(s, &drug, &time, &mg, 0, 0, &err));
    STR_EQ(drug, "alprazolam");
    NEAR(mg, 0.5, 1e-12);
    OK(taper_schedule_step(s, &st, 2, &err));
    CHECK(st.phase == TAPER_PHASE_REDUCE);
    NEAR(st.equivalent_daily_dose_mg, 18, 1e-9);
    taper_schedule_free(s);
    /* The va-dod table gives 1 mg = 10 mg diazepam; an unknown table is a plan error. */
    OK(taper_request_set_equivalence_table(b, "no-such-table", &err));
    FAILS_WITH(TAPER_ERROR_PLAN, taper_plan(&s, db, b, NULL, "diazepam-crossover", NULL, &err), "no-such-table");
    taper_request_free(b);

    /* A plan-wide warning: the data does not know the strengths of quetiapine's
     * modified-release tablet (a US medication guide without them), so whole tablets cannot
     * be checked. Antipsychotic preset: 3-month steps. */
    taper_request* a = NULL;
    OK(taper_request_create(&a, &err));
    OK(taper_request_set_drug(a, "quetiapine", &err));
    OK(taper_request_set_daily_dose_mg(a, 300, &err));
    OK(taper_request_set_current_formulation(a, "tablet-mr", &err));
    /* No start date: refused, naming the field (never planned from 1970-01-01). */
    taper_error* no_start = NULL;
    s = NULL;
    CHECK(taper_plan(&s, db, a, NULL, "antipsychotic", NULL, &no_start) == TAPER_ERROR_PLAN);
    CHECK(s == NULL);
    CONTAINS(taper_error_message(no_start), "no start date");
    STR_EQ(taper_error_option(no_start), "start_date");
    CHECK(taper_error_detail_code(no_start) == TAPER_ERROR_CODE_PLAN_REQUEST);
    taper_error_free(no_start);
    FAILS_WITH(TAPER_ERROR_PLAN, taper_request_validate(a, db, &err), "no start date");
    OK(taper_request_set_start_date(a, 2026, 3, 2, &err));
    OK(taper_plan(&s, db, a, NULL, "antipsychotic", NULL, &err));
    OK(taper_schedule_get_info(s, &info, &err));
    CHECK(info.warning_count >= 1);
    const char* warning = NULL;
    OK(taper_schedule_warning(s, &warning, 0, &err));
    CONTAINS(warning, "strengths are not known");
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_schedule_warning(s, &warning, info.warning_count, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_warning(s, NULL, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_warning(NULL, &warning, 0, &err));
    /* The same warning as a code, with the severity and the text. */
    taper_message_info pm;
    memset(&pm, 0, sizeof pm);
    pm.struct_size = sizeof pm;
    OK(taper_schedule_message(s, &pm, 0, &err));
    CHECK(pm.code == TAPER_MESSAGE_WHOLE_UNITS_STRENGTHS_UNKNOWN);
    CHECK(pm.code == 303); /* pinned */
    CHECK(pm.severity == TAPER_SEVERITY_WARNING);
    STR_EQ(pm.id, "whole_units_strengths_unknown");
    STR_EQ(pm.text, warning);
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_schedule_message(s, &pm, info.warning_count, &err));
    pm.struct_size = 4;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_schedule_message(s, &pm, 0, &err));
    size_t no_count = 0;
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_schedule_step_message_count(s, &no_count, 100000, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_step_message_count(s, NULL, 0, &err));
    /* Every C code has its id; numbers that are not codes have none. */
    STR_EQ(taper_message_code_id(TAPER_MESSAGE_ABRUPT_STOP_SEIZURE_RISK), "abrupt_stop_seizure_risk");
    STR_EQ(taper_message_code_id(TAPER_MESSAGE_TABLE_ROW), "table_row");
    CHECK(taper_message_code_id(0) == NULL);
    CHECK(taper_message_code_id(99999) == NULL);
    OK(taper_schedule_step(s, &st, 0, &err));
    NEAR(st.length_days, 91, 0);
    taper_schedule_free(s);
    taper_request_free(a);
}
