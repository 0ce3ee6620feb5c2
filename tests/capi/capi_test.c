/* The C ABI from C11: every public function of include/taper.h, every error path.
 *
 * Numbers are checked against values computed here by hand from the published models and
 * tables (not against the library's own output): citalopram's SERT model (Emax 83.98 %,
 * ED50 2.33 mg, Sorensen 2022), the Ashton equivalents (alprazolam 0.5 mg, lorazepam 1 mg
 * ~ 10 mg diazepam), citalopram drops (1.25 x tablets, 0.05 mL per drop at 40 mg/mL).
 *
 * A test in tests/capi/CMakeLists.txt checks that every function declared in the header is
 * named in this file. */
#include <taper.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TAPER_TEST_DATA_DIR
#error "TAPER_TEST_DATA_DIR must name tests/data"
#endif

static int failures = 0;
static int checks = 0;
static taper_error* err = NULL;

#define CHECK(cond) check_((cond) != 0, #cond, __LINE__)
#define NEAR(a, b, tol) near_((a), (b), (tol), #a, __LINE__)
#define OK(call) ok_((call), #call, __LINE__)
#define FAILS(status, call) fails_((status), (call), #call, __LINE__, NULL)
#define FAILS_WITH(status, call, text) fails_((status), (call), #call, __LINE__, (text))
#define STR_EQ(a, b) str_eq_((a), (b), #a, __LINE__)
#define CONTAINS(a, b) contains_((a), (b), #a, __LINE__)

static void check_(int ok, const char* text, int line) {
    ++checks;
    if (!ok) {
        fprintf(stderr, "capi_test.c:%d: CHECK failed: %s\n", line, text);
        ++failures;
    }
}

static void near_(double a, double b, double tol, const char* text, int line) {
    ++checks;
    if (!(fabs(a - b) <= tol)) {
        fprintf(stderr, "capi_test.c:%d: %s = %.12g, expected %.12g +- %g\n", line, text, a, b, tol);
        ++failures;
    }
}

static void str_eq_(const char* a, const char* b, const char* text, int line) {
    ++checks;
    if (a == NULL || strcmp(a, b) != 0) {
        fprintf(stderr, "capi_test.c:%d: %s = \"%s\", expected \"%s\"\n", line, text, a ? a : "(NULL)", b);
        ++failures;
    }
}

static void contains_(const char* a, const char* b, const char* text, int line) {
    ++checks;
    if (a == NULL || strstr(a, b) == NULL) {
        fprintf(stderr, "capi_test.c:%d: %s = \"%s\" does not contain \"%s\"\n", line, text, a ? a : "(NULL)", b);
        ++failures;
    }
}

/* The call must succeed and leave `err` untouched. */
static void ok_(taper_status status, const char* text, int line) {
    ++checks;
    if (status != TAPER_OK) {
        fprintf(stderr, "capi_test.c:%d: %s failed: %s: %s\n", line, text, taper_status_name(status),
                taper_error_message(err));
        ++failures;
    } else if (err != NULL) {
        fprintf(stderr, "capi_test.c:%d: %s succeeded but set an error\n", line, text);
        ++failures;
    }
    taper_error_free(err);
    err = NULL;
}

/* The call must fail with `expected`, set `err` with the same status and a message (that
 * contains `text_in_message`, if given). */
static void fails_(taper_status expected, taper_status status, const char* text, int line,
                   const char* text_in_message) {
    ++checks;
    if (status != expected) {
        fprintf(stderr, "capi_test.c:%d: %s returned %s, expected %s (%s)\n", line, text, taper_status_name(status),
                taper_status_name(expected), taper_error_message(err));
        ++failures;
    } else if (err == NULL) {
        fprintf(stderr, "capi_test.c:%d: %s failed without an error object\n", line, text);
        ++failures;
    } else if (taper_error_status(err) != expected || taper_error_message(err)[0] == '\0') {
        fprintf(stderr, "capi_test.c:%d: %s: error object says %s \"%s\"\n", line, text,
                taper_status_name(taper_error_status(err)), taper_error_message(err));
        ++failures;
    } else if (text_in_message != NULL && strstr(taper_error_message(err), text_in_message) == NULL) {
        fprintf(stderr, "capi_test.c:%d: %s: message \"%s\" does not contain \"%s\"\n", line, text,
                taper_error_message(err), text_in_message);
        ++failures;
    }
    taper_error_free(err);
    err = NULL;
}

/* ---------------------------------------------------------------------------------- */

static void test_versions_and_names(void) {
    char expected[32];
    snprintf(expected, sizeof expected, "%d.%d.%d", TAPER_VERSION_MAJOR, TAPER_VERSION_MINOR, TAPER_VERSION_PATCH);
    STR_EQ(taper_version(), expected);
    CHECK(taper_abi_version() == TAPER_ABI_VERSION);
    OK(taper_abi_check(TAPER_ABI_VERSION, &err));
    FAILS_WITH(TAPER_ERROR_ABI_MISMATCH, taper_abi_check(TAPER_ABI_VERSION + 1, &err), "ABI version");
    CHECK(taper_abi_check(TAPER_ABI_VERSION + 1, NULL) == TAPER_ERROR_ABI_MISMATCH); /* NULL error out-param */

    /* The pinned values. */
    CHECK(TAPER_OK == 0 && TAPER_ERROR_INVALID_ARGUMENT == 1 && TAPER_ERROR_PARSE == 2 &&
          TAPER_ERROR_UNKNOWN_DRUG == 3 && TAPER_ERROR_MISSING_DATA == 4 && TAPER_ERROR_FORMULARY == 5 &&
          TAPER_ERROR_PLAN == 6 && TAPER_ERROR_STRATEGY == 7 && TAPER_ERROR_BUFFER_TOO_SMALL == 8 &&
          TAPER_ERROR_INDEX_OUT_OF_RANGE == 9 && TAPER_ERROR_ABI_MISMATCH == 10 &&
          TAPER_ERROR_OUT_OF_MEMORY == 11 && TAPER_ERROR_INTERNAL == 12);
    static const char* const status_names[] = {
        "TAPER_OK", "TAPER_ERROR_INVALID_ARGUMENT", "TAPER_ERROR_PARSE", "TAPER_ERROR_UNKNOWN_DRUG",
        "TAPER_ERROR_MISSING_DATA", "TAPER_ERROR_FORMULARY", "TAPER_ERROR_PLAN", "TAPER_ERROR_STRATEGY",
        "TAPER_ERROR_BUFFER_TOO_SMALL", "TAPER_ERROR_INDEX_OUT_OF_RANGE", "TAPER_ERROR_ABI_MISMATCH",
        "TAPER_ERROR_OUT_OF_MEMORY", "TAPER_ERROR_INTERNAL"};
    for (int i = 0; i <= 12; ++i) STR_EQ(taper_status_name((taper_status)i), status_names[i]);
    STR_EQ(taper_status_name((taper_status)99), "TAPER_STATUS_UNKNOWN");

    STR_EQ(taper_phase_name(TAPER_PHASE_REDUCE), "reduce");
    STR_EQ(taper_phase_name(TAPER_PHASE_SWITCH), "switch");
    STR_EQ(taper_phase_name(TAPER_PHASE_HOLD), "hold");
    STR_EQ(taper_phase_name(TAPER_PHASE_STOP), "stop");
    STR_EQ(taper_phase_name((taper_phase)7), "unknown");
    STR_EQ(taper_basis_name(TAPER_BASIS_OWN_MG), "own_mg");
    STR_EQ(taper_basis_name(TAPER_BASIS_DIAZEPAM_MG), "diazepam_mg");
    STR_EQ(taper_basis_name((taper_basis)5), "unknown");
    STR_EQ(taper_form_kind_name(TAPER_FORM_TABLET), "tablet");
    STR_EQ(taper_form_kind_name(TAPER_FORM_CAPSULE), "capsule");
    STR_EQ(taper_form_kind_name(TAPER_FORM_BEADS), "beads");
    STR_EQ(taper_form_kind_name(TAPER_FORM_LIQUID), "liquid");
    STR_EQ(taper_form_kind_name(TAPER_FORM_DROPS), "drops");
    STR_EQ(taper_form_kind_name((taper_form_kind)-1), "unknown");
    STR_EQ(taper_component_kind_name(TAPER_COMPONENT_UNITS), "units");
    STR_EQ(taper_component_kind_name(TAPER_COMPONENT_LIQUID), "liquid");
    STR_EQ(taper_component_kind_name(TAPER_COMPONENT_DROPS), "drops");
    STR_EQ(taper_component_kind_name(TAPER_COMPONENT_BEADS), "beads");
    STR_EQ(taper_component_kind_name(TAPER_COMPONENT_DILUTION), "dilution");
    STR_EQ(taper_component_kind_name((taper_component_kind)42), "unknown");

    /* NULL everywhere the error functions allow it. */
    STR_EQ(taper_error_message(NULL), "");
    CHECK(taper_error_status(NULL) == TAPER_OK);
    taper_error_free(NULL);
    taper_string_free(NULL);
}

static void test_parse_and_format(void) {
    double v = -1;
    OK(taper_parse_mass(&v, "2.5 mg", &err));
    NEAR(v, 2.5, 1e-12);
    OK(taper_parse_mass(&v, "500 mcg", &err));
    NEAR(v, 0.5, 1e-12);
    OK(taper_parse_mass(&v, "1 g", &err));
    NEAR(v, 1000, 1e-9);
    v = 7;
    FAILS_WITH(TAPER_ERROR_PARSE, taper_parse_mass(&v, "5 kg/m", &err), "5 kg/m");
    CHECK(v == 7); /* out-parameter untouched on failure */
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_parse_mass(&v, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_parse_mass(NULL, "1 mg", &err));
    CHECK(taper_parse_mass(&v, "lots", NULL) == TAPER_ERROR_PARSE);

    OK(taper_parse_volume(&v, "2.5 mL", &err));
    NEAR(v, 2.5, 1e-12);
    OK(taper_parse_volume(&v, "1 L", &err));
    NEAR(v, 1000, 1e-9);
    FAILS(TAPER_ERROR_PARSE, taper_parse_volume(&v, "3 mg", &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_parse_volume(NULL, "3 mL", &err));

    OK(taper_parse_concentration(&v, "10 mg/5 mL", &err));
    NEAR(v, 2.0, 1e-12);
    FAILS(TAPER_ERROR_PARSE, taper_parse_concentration(&v, "10 mg", &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_parse_concentration(&v, NULL, &err));

    OK(taper_parse_duration(&v, "4 weeks", &err));
    NEAR(v, 28, 1e-12);
    OK(taper_parse_duration(&v, "14 d", &err));
    NEAR(v, 14, 1e-12);
    FAILS(TAPER_ERROR_PARSE, taper_parse_duration(&v, "a fortnight", &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_parse_duration(NULL, "1 d", &err));

    taper_date d = {0, 0, 0};
    OK(taper_parse_date(&d, "2026-12-01", &err));
    CHECK(d.year == 2026 && d.month == 12 && d.day == 1);
    FAILS(TAPER_ERROR_PARSE, taper_parse_date(&d, "2026-02-30", &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_parse_date(NULL, "2026-02-01", &err));

    char buffer[64];
    size_t length = 0;
    OK(taper_format_mass(buffer, sizeof buffer, &length, 11.5, &err));
    STR_EQ(buffer, "11.5 mg");
    CHECK(length == strlen("11.5 mg") + 1);
    char small[4];
    FAILS(TAPER_ERROR_BUFFER_TOO_SMALL, taper_format_mass(small, sizeof small, &length, 11.5, &err));
    CHECK(length == 8);
    STR_EQ(small, "11."); /* as much as fits, NUL-terminated */
    FAILS(TAPER_ERROR_BUFFER_TOO_SMALL, taper_format_mass(NULL, 0, &length, 2, &err)); /* asking the length */
    CHECK(length == strlen("2 mg") + 1);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_format_mass(NULL, 8, &length, 2, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_format_mass(buffer, sizeof buffer, NULL, 2, &err));

    OK(taper_format_date(buffer, sizeof buffer, &length, 2026, 12, 1, &err));
    STR_EQ(buffer, "2026-12-01");
    CHECK(length == 11);
    FAILS(TAPER_ERROR_BUFFER_TOO_SMALL, taper_format_date(buffer, 10, &length, 2026, 12, 1, &err));
    CHECK(length == 11);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_format_date(buffer, sizeof buffer, &length, 2026, 2, 30, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_format_date(buffer, sizeof buffer, &length, 2026, 13, 1, &err));
}

static const char* const new_drug_json =
    "{\"format\": \"taper-formulary\", \"version\": 1, \"drugs\": ["
    " {\"name\": \"newdrugine\", \"class\": \"other\","
    "  \"targets\": [{\"id\": \"x\", \"receptor\": \"X\", \"emax\": 90, \"ed50_mg\": 1, \"hill\": 1}]}]}";

static void test_database(taper_database* db) {
    size_t count = 0;
    count = taper_database_count(db);
    CHECK(count >= 30);
    const char* name = NULL;
    OK(taper_database_name(db, &name, 0, &err));
    CHECK(name != NULL && name[0] != '\0');
    FAILS_WITH(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_database_name(db, &name, count, &err), "out of range");
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_database_name(NULL, &name, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_database_name(db, NULL, 0, &err));
    CHECK(taper_database_count(NULL) == 0);

    OK(taper_database_lookup(db, &name, "  Cipramil ", &err));
    STR_EQ(name, "citalopram");
    FAILS_WITH(TAPER_ERROR_UNKNOWN_DRUG, taper_database_lookup(db, &name, "citaloparm", &err), "citalopram");
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_database_lookup(db, &name, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_database_lookup(db, NULL, "citalopram", &err));
    CHECK(taper_database_lookup(db, &name, "nosuchdrug", NULL) == TAPER_ERROR_UNKNOWN_DRUG);

    char* json = NULL;
    OK(taper_database_drug_json(db, &json, "citalopram", &err));
    CONTAINS(json, "\"name\": \"citalopram\"");
    CONTAINS(json, "\"ed50_mg\"");
    CONTAINS(json, "drops-40mg-ml");
    taper_string_free(json);
    json = NULL;
    FAILS(TAPER_ERROR_UNKNOWN_DRUG, taper_database_drug_json(db, &json, "citaloparm", &err));
    CHECK(json == NULL);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_database_drug_json(db, NULL, "citalopram", &err));

    /* The support directory: Mind (July 2016) names the Seroxat & SSRI User Group for
       paroxetine and gives Battle Against Tranquillisers' number, 0117 9663629. */
    OK(taper_support_json(db, &json, "Seroxat", NULL, &err));
    CONTAINS(json, "seroxat-ssri-user-group");
    CONTAINS(json, "\"published\": \"2016-07\"");
    taper_string_free(json);
    json = NULL;
    OK(taper_support_json(db, &json, "diazepam", "uk", &err));
    CONTAINS(json, "0117 9663629");
    taper_string_free(json);
    json = NULL;
    OK(taper_support_json(db, &json, NULL, "hk", &err));
    CONTAINS(json, "mind-hk-iact");
    taper_string_free(json);
    json = NULL;
    FAILS(TAPER_ERROR_UNKNOWN_DRUG, taper_support_json(db, &json, "citaloparm", NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_support_json(db, &json, "diazepam", "fr", &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_support_json(db, NULL, "diazepam", NULL, &err));

    /* Occupancy by hand: 83.98 * 20 / (2.33 + 20). */
    double occ = 0;
    OK(taper_database_occupancy(db, &occ, "citalopram", NULL, 20, &err));
    NEAR(occ, 83.98 * 20 / 22.33, 1e-9);
    OK(taper_database_occupancy(db, &occ, "citalopram", "sert-striatum-sorensen2022", 10, &err));
    NEAR(occ, 83.98 * 10 / 12.33, 1e-9);
    FAILS_WITH(TAPER_ERROR_MISSING_DATA, taper_database_occupancy(db, &occ, "citalopram", "no-such-model", 10, &err),
               "no-such-model");
    FAILS(TAPER_ERROR_MISSING_DATA, taper_database_occupancy(db, &occ, "citalopram", "sert-striatum-horowitz2019", 10, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_database_occupancy(db, &occ, "citalopram", "", -1, &err));
    FAILS(TAPER_ERROR_UNKNOWN_DRUG, taper_database_occupancy(db, &occ, "nosuchdrug", NULL, 1, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_database_occupancy(db, NULL, "citalopram", NULL, 1, &err));
    double mg = 0;
    OK(taper_database_dose_for_occupancy(db, &mg, "citalopram", NULL, 70, &err));
    NEAR(mg, 2.33 * 70 / (83.98 - 70), 1e-9);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_database_dose_for_occupancy(db, &mg, "citalopram", NULL, 90, &err));
    FAILS(TAPER_ERROR_MISSING_DATA, taper_database_dose_for_occupancy(db, &mg, "diazepam", NULL, 10, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_database_dose_for_occupancy(NULL, &mg, "citalopram", NULL, 10, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_database_dose_for_occupancy(db, NULL, "citalopram", NULL, 10, &err));

    /* Empty, clone, overlays. */
    taper_database* empty = NULL;
    OK(taper_database_create_empty(&empty, &err));
    count = taper_database_count(empty);
    CHECK(count == 0);
    FAILS(TAPER_ERROR_UNKNOWN_DRUG, taper_database_lookup(empty, &name, "citalopram", &err));
    OK(taper_database_overlay_json(empty, new_drug_json, NULL, &err));
    count = taper_database_count(empty);
    CHECK(count == 1);
    /* occ = 90 D / (1 + D): at 1 mg, 45 %. */
    OK(taper_database_occupancy(empty, &occ, "newdrugine", NULL, 1, &err));
    NEAR(occ, 45, 1e-12);
    FAILS_WITH(TAPER_ERROR_FORMULARY, taper_database_overlay_json(empty, "{\"drugs\": [{\"name\": 5}]}", "mine.json", &err),
               "mine.json");
    FAILS(TAPER_ERROR_FORMULARY, taper_database_overlay_json(empty, "not json", NULL, &err));
    count = taper_database_count(empty);
    CHECK(count == 1); /* unchanged after the failed overlays */
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_database_overlay_json(empty, NULL, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_database_overlay_json(NULL, new_drug_json, NULL, &err));

    taper_database* copy = NULL;
    OK(taper_database_clone(&copy, empty, &err));
    OK(taper_database_overlay_file(copy, TAPER_TEST_DATA_DIR "/formularies/base.json", &err));
    OK(taper_database_overlay_file(copy, TAPER_TEST_DATA_DIR "/formularies/good_overlay.json", &err));
    OK(taper_database_lookup(copy, &name, "Testolux", &err));
    STR_EQ(name, "testamine");
    FAILS_WITH(TAPER_ERROR_FORMULARY, taper_database_overlay_file(copy, TAPER_TEST_DATA_DIR "/formularies/bad_misspelt_field.json", &err),
               "strenght");
    FAILS_WITH(TAPER_ERROR_FORMULARY, taper_database_overlay_file(copy, TAPER_TEST_DATA_DIR "/no-such-file.json", &err),
               "no-such-file.json");
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_database_overlay_file(copy, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_database_overlay_file(NULL, "x.json", &err));
    count = taper_database_count(empty);
    CHECK(count == 1); /* the clone is a copy */
    taper_database_free(copy);
    taper_database_free(empty);

    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_database_clone(&copy, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_database_clone(NULL, db, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_database_create_empty(NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_database_create_embedded(NULL, &err));
    taper_database_free(NULL);
}

/* A citalopram request: 20 mg, from 2026-01-05, four-weekly. */
static taper_request* citalopram_request(void) {
    taper_request* r = NULL;
    OK(taper_request_create(&r, &err));
    OK(taper_request_set_drug(r, "citalopram", &err));
    OK(taper_request_set_daily_dose_mg(r, 20, &err));
    OK(taper_request_set_start_date(r, 2026, 1, 5, &err));
    OK(taper_request_set_interval_days(r, 28, &err));
    return r;
}

static void test_request(taper_database* db) {
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

static void test_options(void) {
    taper_strategy_options* o = NULL;
    OK(taper_strategy_options_create(&o, &err));
    double v = 0;
    int set = -1;
    OK(taper_strategy_options_get_number(o, "points", TAPER_OPTION_KIND_OCCUPANCY_POINTS, &v, &set, &err));
    CHECK(set == 0 && isnan(v));
    /* Set by name, each number with its kind. */
    OK(taper_strategy_options_set_number(o, "points", TAPER_OPTION_KIND_OCCUPANCY_POINTS, 5, &err));
    OK(taper_strategy_options_set_number(o, "percent", TAPER_OPTION_KIND_PERCENT, 10, &err));
    OK(taper_strategy_options_set_number(o, "amount", TAPER_OPTION_KIND_MASS, 2.5, &err));
    OK(taper_strategy_options_set_number(o, "final_fraction", TAPER_OPTION_KIND_FRACTION, 0.025, &err));
    OK(taper_strategy_options_set_number(o, "step_length", TAPER_OPTION_KIND_DAYS, 91, &err));
    OK(taper_strategy_options_add_occupancy(o, "occupancy_targets", 60, &err));
    OK(taper_strategy_options_add_occupancy(o, "occupancy_targets", 50, &err));
    OK(taper_strategy_options_add_table_row(o, "table", 10, 0, &err));
    OK(taper_strategy_options_set_text(o, "range_end", "low", &err));
    OK(taper_strategy_options_set_text(o, "range_end", "high", &err)); /* replaces */

    static const struct { const char* name; taper_option_kind kind; double value; } numbers[] = {
        {"points", TAPER_OPTION_KIND_OCCUPANCY_POINTS, 5}, {"percent", TAPER_OPTION_KIND_PERCENT, 10},
        {"amount", TAPER_OPTION_KIND_MASS, 2.5},           {"final_fraction", TAPER_OPTION_KIND_FRACTION, 0.025},
        {"step_length", TAPER_OPTION_KIND_DAYS, 91}};
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; ++i) {
        OK(taper_strategy_options_get_number(o, numbers[i].name, numbers[i].kind, &v, &set, &err));
        CHECK(set == 1);
        NEAR(v, numbers[i].value, 1e-12);
    }
    /* A fraction is a share of the dose: read as a percentage it is 2.5. */
    OK(taper_strategy_options_get_number(o, "final_fraction", TAPER_OPTION_KIND_PERCENT, &v, &set, &err));
    CHECK(set == 1);
    NEAR(v, 2.5, 1e-12);
    /* Read in another kind: not set as that. */
    OK(taper_strategy_options_get_number(o, "points", TAPER_OPTION_KIND_PERCENT, &v, &set, &err));
    CHECK(set == 0 && isnan(v));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT,
          taper_strategy_options_set_number(o, "curve", TAPER_OPTION_KIND_CHOICE, 1, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT,
          taper_strategy_options_set_number(o, "x", (taper_option_kind)77, 1, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_strategy_options_add_occupancy(o, "points", 1, &err)); /* not a list */
    FAILS(TAPER_ERROR_INVALID_ARGUMENT,
          taper_strategy_options_get_number(o, "points", TAPER_OPTION_KIND_OCCUPANCY_POINTS, NULL, &set, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT,
          taper_strategy_options_get_number(o, "points", TAPER_OPTION_KIND_OCCUPANCY_POINTS, &v, NULL, &err));
    const char* text = NULL;
    OK(taper_strategy_options_get_text(o, "range_end", &text, &err));
    STR_EQ(text, "high");
    OK(taper_strategy_options_get_text(o, "nothing", &text, &err));
    CHECK(text == NULL);
    OK(taper_strategy_options_get_text(o, "points", &text, &err)); /* a number, not text */
    CHECK(text == NULL);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_strategy_options_get_text(o, NULL, &text, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_strategy_options_get_text(NULL, "x", &text, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_strategy_options_get_text(o, "x", NULL, &err));

    OK(taper_strategy_options_unset(o, "step_length", &err));
    OK(taper_strategy_options_unset(o, "never-set", &err));
    OK(taper_strategy_options_get_number(o, "step_length", TAPER_OPTION_KIND_DAYS, &v, &set, &err));
    CHECK(set == 0);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_strategy_options_unset(NULL, "x", &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_strategy_options_set_text(o, "k", NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_strategy_options_set_text(o, NULL, "v", &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT,
          taper_strategy_options_set_number(NULL, "points", TAPER_OPTION_KIND_OCCUPANCY_POINTS, 1, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_strategy_options_add_table_row(NULL, "table", 1, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_strategy_options_create(NULL, &err));
    taper_strategy_options_free(o);
    taper_strategy_options_free(NULL);
}

/* Each strategy's schema, read through the C ABI: hyperbolic's options as declared in its
 * source file (src/strategies/hyperbolic.cpp), and the JSON of all of them. */
static void test_schemas(taper_database* db, taper_registry* builtins) {
    size_t count = 0;
    OK(taper_registry_option_count(builtins, "hyperbolic", &count, &err));
    CHECK(count == 4);
    taper_option_info info;
    memset(&info, 0, sizeof info);
    info.struct_size = sizeof info;
    OK(taper_registry_option(builtins, "hyperbolic", 0, &info, &err));
    STR_EQ(info.name, "points");
    CHECK(info.kind == TAPER_OPTION_KIND_OCCUPANCY_POINTS);
    STR_EQ(info.unit, "pp");
    CHECK(info.role == TAPER_OPTION_ROLE_STEP_SIZE);
    CHECK(info.has_default == 1 && info.default_number == 5);
    CHECK(info.has_minimum == 1 && info.minimum == 0 && info.minimum_inclusive == 0);
    CHECK(info.has_maximum == 1 && info.maximum == 100 && info.maximum_inclusive == 0);
    CHECK(info.default_text == NULL && info.required == 0);
    OK(taper_registry_option(builtins, "hyperbolic", 3, &info, &err));
    STR_EQ(info.name, "final_fraction");
    CHECK(info.kind == TAPER_OPTION_KIND_FRACTION && info.has_default == 0 && isnan(info.default_number));
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_registry_option(builtins, "hyperbolic", 4, &info, &err));
    FAILS_WITH(TAPER_ERROR_STRATEGY, taper_registry_option_count(builtins, "hyperbolc", &count, &err),
               "did you mean \"hyperbolic\"");
    info.struct_size = 4;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_registry_option(builtins, "hyperbolic", 0, &info, &err));
    info.struct_size = sizeof info;

    OK(taper_registry_option_count(builtins, "tapering-strip", &count, &err));
    OK(taper_registry_option(builtins, "tapering-strip", 0, &info, &err));
    STR_EQ(info.name, "curve");
    CHECK(info.kind == TAPER_OPTION_KIND_CHOICE && info.choice_count == 2);
    STR_EQ(info.default_text, "hyperbolic");
    const char* choice = NULL;
    OK(taper_registry_option_choice(builtins, "tapering-strip", 0, 1, &choice, &err));
    STR_EQ(choice, "proportional");
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_registry_option_choice(builtins, "tapering-strip", 0, 2, &choice, &err));
    OK(taper_registry_option(builtins, "linear", 0, &info, &err));
    CHECK(info.required == 1 && info.kind == TAPER_OPTION_KIND_MASS);
    STR_EQ(info.unit, "mg");

    char* json = NULL;
    OK(taper_registry_schema_json(builtins, &json, &err));
    CHECK(strstr(json, "\"format\": \"taper-strategy-schemas\"") != NULL);
    CHECK(strstr(json, "\"name\": \"occupancy_targets\"") != NULL);
    taper_string_free(json);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_registry_schema_json(builtins, NULL, &err));

    /* An option error names its option. */
    taper_strategy_options* o = NULL;
    OK(taper_strategy_options_create(&o, &err));
    OK(taper_strategy_options_set_number(o, "points", TAPER_OPTION_KIND_PERCENT, 5, &err)); /* wrong kind */
    taper_request* r = citalopram_request();
    taper_schedule* s = NULL;
    CHECK(taper_plan(&s, db, r, builtins, "hyperbolic", o, &err) == TAPER_ERROR_STRATEGY);
    STR_EQ(taper_error_option(err), "points");
    taper_error_free(err);
    err = NULL;
    STR_EQ(taper_error_option(NULL), "");
    taper_request_free(r);
    taper_strategy_options_free(o);

    /* The default strategy for a drug, and what a step size's kind chooses. */
    const char* name = NULL;
    const char* reason = NULL;
    OK(taper_suggest_strategy(db, "olanzapine", -1, 0, &name, &reason, &err));
    STR_EQ(name, "antipsychotic");
    CHECK(reason != NULL && strlen(reason) > 0);
    OK(taper_suggest_strategy(db, "olanzapine", TAPER_OPTION_KIND_PERCENT, 0, &name, NULL, &err));
    STR_EQ(name, "proportional");
    OK(taper_suggest_strategy(db, "citalopram", -1, 1, &name, NULL, &err));
    STR_EQ(name, "table");
    FAILS(TAPER_ERROR_UNKNOWN_DRUG, taper_suggest_strategy(db, "citaloparm", -1, 0, &name, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_suggest_strategy(db, "citalopram", 99, 0, &name, NULL, &err));
}

/* The hyperbolic plan by hand: occupancy falls 5 points per step from occ(20 mg). */
static void test_hyperbolic_plan(taper_database* db, taper_registry* builtins) {
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
static void test_proportional_and_others(taper_database* db) {
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

/* ---- a strategy written in C ---------------------------------------------------------- */

typedef struct halving_state {
    int destroyed;
    int calls;
    int context_checks_failed;
    double floor_mg;
} halving_state;

/* Halves the dose each step while it stays above a floor (from the "floor_mg" extra option,
 * default 1 mg); reads everything the context offers on the way. */
static int halving_next(void* user_data, const taper_strategy_context* context, taper_target* out) {
    halving_state* state = user_data;
    ++state->calls;
    double start = 0, latest = 0, occ = 0, back = 0;
    const size_t steps = taper_strategy_context_step_count(context);
    const char* drug = NULL;
    const taper_strategy_options* options = NULL;
    if (taper_strategy_context_start_dose_mg(context, &start, NULL) != TAPER_OK ||
        taper_strategy_context_latest_dose_mg(context, &latest, NULL) != TAPER_OK ||
        taper_strategy_context_drug(context, &drug, NULL) != TAPER_OK ||
        taper_strategy_context_options(context, &options, NULL) != TAPER_OK)
        ++state->context_checks_failed;
    if (steps > 0) {
        taper_step_info last;
        last.struct_size = sizeof last;
        if (taper_strategy_context_step(context, &last, steps - 1, NULL) != TAPER_OK ||
            last.equivalent_daily_dose_mg != latest || last.number != (int32_t)steps)
            ++state->context_checks_failed;
        if (taper_strategy_context_step(context, &last, steps, NULL) != TAPER_ERROR_INDEX_OUT_OF_RANGE)
            ++state->context_checks_failed;
    } else if (latest != start) {
        ++state->context_checks_failed;
    }
    if (strcmp(drug, "citalopram") == 0) {
        /* The model round trip: dose -> occupancy -> dose. */
        if (taper_strategy_context_occupancy(context, &occ, latest, NULL) != TAPER_OK ||
            taper_strategy_context_dose_for_occupancy(context, &back, occ, NULL) != TAPER_OK ||
            fabs(back - latest) > 1e-9 * latest || fabs(occ - 83.98 * latest / (2.33 + latest)) > 1e-9)
            ++state->context_checks_failed;
    } else if (taper_strategy_context_occupancy(context, &occ, latest, NULL) != TAPER_ERROR_MISSING_DATA ||
               taper_strategy_context_dose_for_occupancy(context, &back, 10, NULL) != TAPER_ERROR_MISSING_DATA) {
        ++state->context_checks_failed;
    }
    double floor_mg = state->floor_mg;
    double given = 0;
    int is_set = 0;
    if (taper_strategy_options_get_number(options, "floor", TAPER_OPTION_KIND_MASS, &given, &is_set, NULL) ==
            TAPER_OK &&
        is_set)
        floor_mg = given;
    if (latest / 2 < floor_mg) return 0;
    out->daily_dose_mg = latest / 2;
    out->phase = TAPER_PHASE_REDUCE;
    out->length_days = steps == 0 ? 14 : 0;
    out->note = "halved";
    return 1;
}

static void halving_destroy(void* user_data) { ((halving_state*)user_data)->destroyed += 1; }

static int failing_next(void* user_data, const taper_strategy_context* context, taper_target* out) {
    (void)user_data;
    out->note = "overridden by the copied note";
    /* The reason in a stack buffer: taper_strategy_context_set_note copies it at once. */
    char reason[64];
    snprintf(reason, sizeof reason, "the C strategy's %s reason", "own");
    if (taper_strategy_context_set_note(context, reason, NULL) != TAPER_OK) return -3;
    memset(reason, 0, sizeof reason);
    return -2;
}

static int bad_phase_next(void* user_data, const taper_strategy_context* context, taper_target* out) {
    (void)user_data;
    double latest = 0;
    (void)taper_strategy_context_latest_dose_mg(context, &latest, NULL);
    out->daily_dose_mg = latest / 2;
    out->phase = TAPER_PHASE_STOP;
    return 1;
}

static void test_registry_and_c_strategy(taper_database* db) {
    taper_registry* builtins = NULL;
    OK(taper_registry_create_builtin(&builtins, &err));
    size_t count = 0;
    count = taper_registry_count(builtins);
    CHECK(count == 8);
    const char* name = NULL;
    const char* description = NULL;
    OK(taper_registry_entry(builtins, &name, &description, 0, &err));
    STR_EQ(name, "antipsychotic"); /* sorted by name */
    CHECK(description != NULL && strlen(description) > 20);
    OK(taper_registry_entry(builtins, &name, NULL, 7, &err));
    STR_EQ(name, "tapering-strip");
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_registry_entry(builtins, &name, &description, 8, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_registry_entry(NULL, &name, &description, 0, &err));
    CHECK(taper_registry_count(NULL) == 0);
    taper_registry_free(builtins);

    taper_registry* reg = NULL;
    OK(taper_registry_create_empty(&reg, &err));
    count = taper_registry_count(reg);
    CHECK(count == 0);
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_registry_entry(reg, &name, &description, 0, &err));

    halving_state state = {0, 0, 0, 1.0};
    taper_strategy_vtable vt;
    memset(&vt, 0, sizeof vt);
    vt.struct_size = sizeof vt;
    vt.version = TAPER_STRATEGY_VTABLE_VERSION;
    vt.next = halving_next;
    vt.destroy = halving_destroy;
    OK(taper_registry_add(reg, "halving", "Halve the dose every step, down to a floor.", &vt, &state, &err));
    /* Its one option, declared here and read in its callback: nothing else changes for it. */
    OK(taper_registry_add_option(reg, "halving", "floor", TAPER_OPTION_KIND_MASS, "the lowest dose, mg", &err));
    FAILS_WITH(TAPER_ERROR_STRATEGY,
               taper_registry_add_option(reg, "halving", "floor", TAPER_OPTION_KIND_MASS, NULL, &err), "already");
    FAILS(TAPER_ERROR_STRATEGY, taper_registry_add_option(reg, "nothing", "x", TAPER_OPTION_KIND_MASS, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT,
          taper_registry_add_option(reg, "halving", "x", (taper_option_kind)42, NULL, &err));
    count = taper_registry_count(reg);
    CHECK(count == 1);
    OK(taper_registry_entry(reg, &name, &description, 0, &err));
    STR_EQ(name, "halving");
    STR_EQ(description, "Halve the dose every step, down to a floor.");

    /* Registration errors leave user data alone (destroy is not called). */
    halving_state other = {0, 0, 0, 1.0};
    FAILS_WITH(TAPER_ERROR_STRATEGY, taper_registry_add(reg, "halving", NULL, &vt, &other, &err), "already");
    FAILS(TAPER_ERROR_STRATEGY, taper_registry_add(reg, "  ", NULL, &vt, &other, &err));
    taper_strategy_vtable bad = vt;
    bad.struct_size = 8;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_registry_add(reg, "other", NULL, &bad, &other, &err));
    bad = vt;
    bad.version = 2;
    FAILS_WITH(TAPER_ERROR_ABI_MISMATCH, taper_registry_add(reg, "other", NULL, &bad, &other, &err), "version");
    bad = vt;
    bad.next = NULL;
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_registry_add(reg, "other", NULL, &bad, &other, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_registry_add(reg, "other", NULL, NULL, &other, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_registry_add(reg, NULL, NULL, &vt, &other, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_registry_add(NULL, "other", NULL, &vt, &other, &err));
    CHECK(other.destroyed == 0 && other.calls == 0);

    /* Plan with it: 20 -> 10 (14 days) -> 5 -> 2.5 -> 1.25 -> stop (0): 0.625 is below the floor. */
    taper_request* r = citalopram_request();
    taper_schedule* s = NULL;
    OK(taper_plan(&s, db, r, reg, "halving", NULL, &err));
    double dose[16], length[16];
    int32_t phase[16];
    size_t n = 0;
    taper_schedule_column_arrays columns = {0};
    columns.struct_size = sizeof columns;
    columns.length_days = length;
    columns.daily_dose_mg = dose;
    columns.phase = phase;
    OK(taper_schedule_columns(s, &columns, &n, 16, &err));
    CHECK(n == 4 + 1);
    const double expected[] = {10, 5, 2.5, 1.25, 0};
    for (size_t i = 0; i < n && i < 5; ++i) NEAR(dose[i], expected[i], 1e-12);
    NEAR(length[0], 14, 0);
    NEAR(length[1], 28, 0);
    CHECK(phase[0] == TAPER_PHASE_REDUCE && phase[n - 1] == TAPER_PHASE_STOP);
    const char* note = NULL;
    OK(taper_schedule_step_note(s, &note, 0, 0, &err));
    STR_EQ(note, "halved");
    taper_schedule_info info;
    info.struct_size = sizeof info;
    OK(taper_schedule_get_info(s, &info, &err));
    STR_EQ(info.strategy, "halving");
    taper_schedule_free(s);
    CHECK(state.context_checks_failed == 0);
    CHECK(state.calls == 5); /* four proposals and the stop */

    /* Its option, set by name: a 4 mg floor. */
    taper_strategy_options* o = NULL;
    OK(taper_strategy_options_create(&o, &err));
    OK(taper_strategy_options_set_number(o, "floor", TAPER_OPTION_KIND_MASS, 4, &err));
    OK(taper_plan(&s, db, r, reg, "halving", o, &err));
    n = taper_schedule_step_count(s);
    CHECK(n == 3); /* 10, 5, stop */
    taper_schedule_free(s);
    s = NULL;
    size_t option_count = 0;
    OK(taper_registry_option_count(reg, "halving", &option_count, &err));
    CHECK(option_count == 1);
    /* Checked by its schema like a built-in's: a slip in the name, a value of another kind. */
    taper_strategy_options* slip = NULL;
    OK(taper_strategy_options_create(&slip, &err));
    OK(taper_strategy_options_set_number(slip, "flor", TAPER_OPTION_KIND_MASS, 4, &err));
    CHECK(taper_plan(&s, db, r, reg, "halving", slip, &err) == TAPER_ERROR_STRATEGY);
    STR_EQ(taper_error_option(err), "flor");
    CHECK(strstr(taper_error_message(err), "did you mean \"floor\"") != NULL);
    taper_error_free(err);
    err = NULL;
    OK(taper_strategy_options_set_number(o, "floor", TAPER_OPTION_KIND_PERCENT, 4, &err));
    FAILS(TAPER_ERROR_STRATEGY, taper_plan(&s, db, r, reg, "halving", o, &err));
    taper_strategy_options_free(slip);
    taper_strategy_options_free(o);

    /* A drug without a model: the context says so (checked inside the callback). */
    OK(taper_request_set_drug(r, "diazepam", &err));
    OK(taper_request_set_daily_dose_mg(r, 8, &err));
    OK(taper_plan(&s, db, r, reg, "halving", NULL, &err));
    taper_schedule_free(s);
    s = NULL;
    CHECK(state.context_checks_failed == 0);
    OK(taper_request_set_drug(r, "citalopram", &err));
    OK(taper_request_set_daily_dose_mg(r, 20, &err));

    /* Failing strategies become plan errors naming the strategy. */
    taper_strategy_vtable failing = vt;
    failing.next = failing_next;
    failing.destroy = NULL;
    OK(taper_registry_add(reg, "failing", NULL, &failing, NULL, &err));
    FAILS_WITH(TAPER_ERROR_PLAN, taper_plan(&s, db, r, reg, "failing", NULL, &err), "failing");
    CHECK(taper_plan(&s, db, r, reg, "failing", NULL, &err) == TAPER_ERROR_PLAN);
    CONTAINS(taper_error_message(err), "the C strategy's own reason");
    taper_error_free(err);
    err = NULL;
    taper_strategy_vtable phased = vt;
    phased.next = bad_phase_next;
    phased.destroy = NULL;
    OK(taper_registry_add(reg, "bad-phase", NULL, &phased, NULL, &err));
    FAILS_WITH(TAPER_ERROR_PLAN, taper_plan(&s, db, r, reg, "bad-phase", NULL, &err), "bad-phase");
    FAILS_WITH(TAPER_ERROR_STRATEGY, taper_plan(&s, db, r, reg, "hyperbolic", NULL, &err), "halving");
    CHECK(s == NULL);

    /* Context functions outside a callback: NULL context. */
    double v = 0;
    const char* text = NULL;
    const taper_strategy_options* opts = NULL;
    taper_step_info si;
    si.struct_size = sizeof si;
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_strategy_context_start_dose_mg(NULL, &v, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_strategy_context_latest_dose_mg(NULL, &v, &err));
    CHECK(taper_strategy_context_step_count(NULL) == 0);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_strategy_context_set_note(NULL, "a note", &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_strategy_context_step(NULL, &si, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_strategy_context_drug(NULL, &text, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_strategy_context_occupancy(NULL, &v, 1, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_strategy_context_dose_for_occupancy(NULL, &v, 1, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_strategy_context_options(NULL, &opts, &err));

    CHECK(state.destroyed == 0);
    taper_request_free(r);
    taper_registry_free(reg);
    CHECK(state.destroyed == 1); /* exactly once, when the registry went */
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_registry_create_builtin(NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_registry_create_empty(NULL, &err));
    taper_registry_free(NULL);
}

/* ---- forms, realization, dispensing, conversions -------------------------------------- */

static void test_forms_and_realization(taper_database* db) {
    taper_forms* forms = NULL;
    OK(taper_forms_parse(&forms, db, "citalopram", "10 mg tablet, 2 mg/mL liquid", &err));
    size_t count = 0;
    count = taper_forms_count(forms);
    CHECK(count == 2);
    taper_form_info fi;
    fi.struct_size = sizeof fi;
    OK(taper_forms_item(forms, &fi, 0, &err));
    CHECK(fi.kind == TAPER_FORM_TABLET);
    STR_EQ(fi.drug, "citalopram");
    STR_EQ(fi.formulation_id, "tablet");
    NEAR(fi.unit_strength_mg, 10, 0);
    CHECK(isnan(fi.liquid_strength_mg_per_ml) && isnan(fi.drop_volume_ml) && isnan(fi.beads_per_capsule));
    CHECK(fi.may_split == 1);
    CHECK(fi.label != NULL && fi.caution != NULL && fi.bioavailability_source != NULL);
    OK(taper_forms_item(forms, &fi, 1, &err));
    CHECK(fi.kind == TAPER_FORM_LIQUID);
    NEAR(fi.liquid_strength_mg_per_ml, 2, 0);
    CHECK(isnan(fi.unit_strength_mg));
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_forms_item(forms, &fi, 2, &err));
    fi.struct_size = 0;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_forms_item(forms, &fi, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_forms_item(NULL, &fi, 0, &err));
    CHECK(taper_forms_count(NULL) == 0);

    taper_forms* bad = NULL;
    FAILS(TAPER_ERROR_PARSE, taper_forms_parse(&bad, db, "citalopram", "ten mg tablet", &err));
    FAILS_WITH(TAPER_ERROR_PLAN, taper_forms_parse(&bad, db, "citalopram", "15 mg tablet", &err), "15");
    FAILS(TAPER_ERROR_UNKNOWN_DRUG, taper_forms_parse(&bad, db, "citaloparm", "10 mg tablet", &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_forms_parse(&bad, db, "citalopram", NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_forms_parse(NULL, db, "citalopram", "10 mg tablet", &err));
    CHECK(bad == NULL);

    taper_forms* all = NULL;
    OK(taper_forms_all(&all, db, "citalopram", &err));
    size_t all_count = 0;
    all_count = taper_forms_count(all);
    CHECK(all_count == 7); /* 10, 20, 40 mg tablets, 40 mg/mL drops, 2 mg/mL liquid; US 20, 40 mg tablets */
    FAILS(TAPER_ERROR_UNKNOWN_DRUG, taper_forms_all(&bad, db, "nosuchdrug", &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_forms_all(NULL, db, "citalopram", &err));
    taper_forms* combined = NULL;
    OK(taper_forms_create_empty(&combined, &err));
    OK(taper_forms_append(combined, all, &err));
    OK(taper_forms_append(combined, combined, &err)); /* onto itself */
    count = taper_forms_count(combined);
    CHECK(count == 2 * all_count);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_forms_append(combined, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_forms_append(NULL, all, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_forms_create_empty(NULL, &err));
    taper_forms_free(combined);

    /* Options. */
    taper_realization_options options;
    options.struct_size = sizeof options;
    OK(taper_realization_options_init(&options, &err));
    NEAR(options.syringe_resolution_ml, 0.1, 1e-12);
    NEAR(options.min_volume_ml, 0.2, 1e-12);
    NEAR(options.max_volume_ml, 10, 1e-12);
    CHECK(options.allow_quarters == 1 && options.max_drops == 40 && options.max_pieces == 8);
    NEAR(options.tolerance_percent, 5, 0);
    NEAR(options.bottle_volume_ml, 0, 0);
    CHECK(options.dilution_volumes_ml == NULL && options.dilution_volume_count == 0);
    taper_realization_options wrong;
    wrong.struct_size = 12;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_realization_options_init(&wrong, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_options_init(NULL, &err));

    /* Realize the hyperbolic citalopram plan with tablets and liquid. */
    taper_request* r = citalopram_request();
    taper_schedule* s = NULL;
    OK(taper_plan(&s, db, r, NULL, "hyperbolic", NULL, &err));
    static const double volumes[] = {10, 50};
    options.dilution_volumes_ml = volumes;
    options.dilution_volume_count = 2;
    options.bottle_volume_ml = 100;
    taper_realization* rz = NULL;
    OK(taper_realize(&rz, s, forms, &options, &err));
    taper_realization_info ri;
    ri.struct_size = sizeof ri;
    OK(taper_realization_get_info(rz, &ri, &err));
    size_t planned = 0;
    planned = taper_schedule_step_count(s);
    CHECK(planned == 16);
    CHECK(ri.step_count == planned); /* the request has no maximum cut: nothing is inserted */
    /* Step 1 by hand: the target is 11.8876 mg (occupancy 70.2172 %). 10 mg tablets cannot make
     * it within 5 % (1 1/4 = 12.5 mg is 5.2 % off), so the liquid is chosen: 5.9 mL = 11.8 mg
     * (0.088 mg off) is the closest single measurement (6.0 mL = 12 mg is 0.112 mg off), and a
     * tablet plus 0.9 mL is as close but two pieces. The forms change at step 1 (the start is
     * taken to be two 10 mg tablets). Supplies for that step: 5.9 mL x 28 days = 165.2 mL, two
     * 100 mL bottles. */
    {
        taper_realized_step_info first;
        first.struct_size = sizeof first;
        OK(taper_realization_step(rz, &first, 0, &err));
        NEAR(first.realized_daily_mg, 11.8, 1e-9);
        NEAR(first.difference_mg, 11.8 - 2.33 * (83.98 * 20 / 22.33 - 5) / (83.98 - (83.98 * 20 / 22.33 - 5)), 1e-9);
        CHECK(first.form_changed == 1 && first.inserted == 0);
        taper_recipe_info first_recipe;
        first_recipe.struct_size = sizeof first_recipe;
        OK(taper_realization_recipe(rz, &first_recipe, 0, 0, &err));
        STR_EQ(first_recipe.instruction, "5.9 mL of 2 mg/mL liquid = 11.8 mg");
        CHECK(first_recipe.within_tolerance == 1 && first_recipe.part_count == 1);
        taper_recipe_part_info first_part;
        first_part.struct_size = sizeof first_part;
        OK(taper_realization_recipe_part(rz, &first_part, 0, 0, 0, &err));
        CHECK(first_part.kind == TAPER_COMPONENT_LIQUID);
        NEAR(first_part.volume_ml, 5.9, 1e-9);
        /* The first step switches from the tablets presumed at the start to the liquid: a
         * coded note (docs/messages.md, 420), read by code, not by its text. */
        size_t first_count = 0;
        OK(taper_realization_step_message_count(rz, &first_count, 0, &err));
        CHECK(first_count >= 1);
        taper_message_info sw;
        sw.struct_size = sizeof sw;
        OK(taper_realization_step_message(rz, &sw, 0, 0, &err));
        CHECK(sw.code == TAPER_MESSAGE_SWITCH_POINT && sw.severity == TAPER_SEVERITY_NOTE);
        STR_EQ(sw.id, "switch_point");
        STR_EQ(taper_message_code_id(TAPER_MESSAGE_SWITCH_POINT), "switch_point");
        CHECK(sw.text != NULL && sw.text[0] != '\0');
        FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_realization_step_message(rz, &sw, 0, first_count, &err));
    }
    /* Every recipe lands within the syringe's 0.1 mL of 2 mg/mL (0.2 mg) of its target or
     * says it is off. */
    for (size_t i = 0; i < ri.step_count; ++i) {
        taper_realized_step_info rs;
        rs.struct_size = sizeof rs;
        OK(taper_realization_step(rz, &rs, i, &err));
        CHECK(rs.recipe_count == 1);
        taper_recipe_info rec;
        rec.struct_size = sizeof rec;
        OK(taper_realization_recipe(rz, &rec, i, 0, &err));
        STR_EQ(rec.drug, "citalopram");
        STR_EQ(rec.time, "daily");
        CHECK(rec.instruction != NULL && rec.instruction[0] != '\0');
        if (rec.within_tolerance && rec.target_mg > 1) NEAR(rec.realized_mg, rec.target_mg, 0.2 + 1e-9);
        NEAR(rs.realized_daily_mg, rec.realized_mg, 1e-9);
        double parts_mg = 0;
        for (size_t p = 0; p < rec.part_count; ++p) {
            taper_recipe_part_info part;
            part.struct_size = sizeof part;
            OK(taper_realization_recipe_part(rz, &part, i, 0, p, &err));
            CHECK(part.kind == TAPER_COMPONENT_UNITS || part.kind == TAPER_COMPONENT_LIQUID);
            if (part.kind == TAPER_COMPONENT_LIQUID) {
                NEAR(part.labelled_mg, 2 * part.volume_ml, 1e-9);
                NEAR(part.volume_ml * 10, floor(part.volume_ml * 10 + 0.5), 1e-9); /* on the 0.1 mL grid */
            } else {
                NEAR(part.labelled_mg, 10 * part.count, 1e-9);
            }
            parts_mg += part.equivalent_mg;
            CHECK(part.instruction != NULL && part.label != NULL && part.formulation_id != NULL);
            (void)part.units_used;
            (void)part.dispersed_in_ml;
        }
        NEAR(parts_mg, rec.realized_mg, 1e-9);
        taper_recipe_part_info part;
        part.struct_size = sizeof part;
        FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_realization_recipe_part(rz, &part, i, 0, rec.part_count, &err));
        const char* text = NULL;
        for (size_t w = 0; w < rec.warning_count; ++w) OK(taper_realization_recipe_warning(rz, &text, i, 0, w, &err));
        FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_realization_recipe_warning(rz, &text, i, 0, rec.warning_count, &err));
        for (size_t w = 0; w < rs.note_count; ++w) OK(taper_realization_step_note(rz, &text, i, w, &err));
        for (size_t w = 0; w < rs.warning_count; ++w) OK(taper_realization_step_warning(rz, &text, i, w, &err));
        FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_realization_step_note(rz, &text, i, rs.note_count, &err));
        FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_realization_step_warning(rz, &text, i, rs.warning_count, &err));
        /* The coded messages: as many as the notes and warnings, each with a catalogue id. */
        size_t step_messages = 0, recipe_messages = 0;
        OK(taper_realization_step_message_count(rz, &step_messages, i, &err));
        CHECK(step_messages == rs.note_count + rs.warning_count);
        for (size_t m = 0; m < step_messages; ++m) {
            taper_message_info mi;
            mi.struct_size = sizeof mi;
            OK(taper_realization_step_message(rz, &mi, i, m, &err));
            CHECK(mi.code >= 400 && mi.code < 600);
            STR_EQ(mi.id, taper_message_code_id(mi.code));
        }
        OK(taper_realization_recipe_message_count(rz, &recipe_messages, i, 0, &err));
        CHECK(recipe_messages >= rec.warning_count);
        for (size_t m = 0; m < recipe_messages; ++m) {
            taper_message_info mi;
            mi.struct_size = sizeof mi;
            OK(taper_realization_recipe_message(rz, &mi, i, 0, m, &err));
            CHECK(mi.code >= 400 && mi.code < 500);
        }
        {
            taper_message_info mi;
            mi.struct_size = sizeof mi;
            FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_realization_recipe_message(rz, &mi, i, 0, recipe_messages, &err));
        }
        (void)rs.inserted;
        (void)rs.form_changed;
        (void)rs.difference_mg;
    }
    const char* text = NULL;
    for (size_t i = 0; i < ri.equivalence_count; ++i) OK(taper_realization_equivalence(rz, &text, i, &err));
    for (size_t i = 0; i < ri.warning_count; ++i) OK(taper_realization_warning(rz, &text, i, &err));
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_realization_equivalence(rz, &text, ri.equivalence_count, &err));
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_realization_warning(rz, &text, ri.warning_count, &err));
    {
        size_t whole = 0;
        whole = taper_realization_message_count(rz);
        CHECK(whole >= ri.equivalence_count + ri.warning_count);
        taper_message_info mi;
        mi.struct_size = sizeof mi;
        for (size_t i = 0; i < whole; ++i) {
            OK(taper_realization_message(rz, &mi, i, &err));
            CHECK(mi.code >= 400 && mi.code < 600);
        }
        FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_realization_message(rz, &mi, whole, &err));
    }
    taper_realized_step_info rs;
    rs.struct_size = sizeof rs;
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_realization_step(rz, &rs, ri.step_count, &err));
    taper_recipe_info rec;
    rec.struct_size = sizeof rec;
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_realization_recipe(rz, &rec, 0, 1, &err));
    rec.struct_size = 1;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_realization_recipe(rz, &rec, 0, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_get_info(NULL, &ri, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_step_note(rz, NULL, 0, 0, &err));

    /* The realized steps as a schedule. */
    taper_schedule* realized = NULL;
    OK(taper_realization_schedule(&realized, rz, &err));
    size_t realized_steps = 0;
    realized_steps = taper_schedule_step_count(realized);
    CHECK(realized_steps == ri.step_count);
    taper_schedule_free(realized);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_schedule(&realized, NULL, &err));

    /* Dispensing: per step and per 28 days, with 100 mL bottles. */
    taper_dispensing* by_step = NULL;
    OK(taper_dispense_by_step(&by_step, rz, &err));
    size_t periods = 0;
    periods = taper_dispensing_period_count(by_step);
    CHECK(periods >= 1 && periods <= ri.step_count);
    taper_dispensing_period_info pi;
    pi.struct_size = sizeof pi;
    OK(taper_dispensing_period(by_step, &pi, 0, &err));
    CHECK(pi.start.year == 2026 && pi.start.month == 1 && pi.start.day == 5);
    CHECK(pi.end.year == 2026 && pi.end.month == 2 && pi.end.day == 2); /* 28 days later */
    CHECK(pi.line_count == 1);
    taper_dispensing_line_info li;
    li.struct_size = sizeof li;
    OK(taper_dispensing_line(by_step, &li, 0, 0, &err));
    STR_EQ(li.formulation_id, "liquid-2mg-ml");
    STR_EQ(li.label, "2 mg/mL liquid");
    NEAR(li.units, 0, 0);
    NEAR(li.total_volume_ml, 5.9 * 28, 1e-9); /* 165.2 mL */
    CHECK(li.bottles == 2);
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_dispensing_line(by_step, &li, 0, pi.line_count, &err));
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_dispensing_line(by_step, &li, periods, 0, &err));
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_dispensing_period(by_step, &pi, periods, &err));
    li.struct_size = 0;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_dispensing_line(by_step, &li, 0, 0, &err));
    taper_dispensing_free(by_step);
    taper_dispensing* monthly = NULL;
    OK(taper_dispense_by_period(&monthly, rz, 28, &err));
    periods = taper_dispensing_period_count(monthly);
    CHECK(periods >= 1);
    taper_dispensing_free(monthly);
    monthly = NULL;
    FAILS_WITH(TAPER_ERROR_INVALID_ARGUMENT, taper_dispense_by_period(&monthly, rz, 0.5, &err), "whole number");
    /* Dispensing counts bottles with the options the realization was made with. */
    options.bottle_volume_ml = -1;
    taper_realization* bad_bottle = NULL;
    /* A bad bottle volume is refused when realizing, not first when exporting (issue 15). */
    FAILS_WITH(TAPER_ERROR_INVALID_ARGUMENT, taper_realize(&bad_bottle, s, forms, &options, &err), "bottle volume");
    CHECK(bad_bottle == NULL);
    options.bottle_volume_ml = 100;
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_dispense_by_step(NULL, rz, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_dispense_by_period(&monthly, NULL, 28, &err));
    CHECK(taper_dispensing_period_count(NULL) == 0);
    CHECK(monthly == NULL);
    taper_dispensing_free(NULL);

    /* Exports of the realization, as `taper plan ... --have ... --format json|csv` prints them:
     * step 1's recipe (checked by hand above), the tools from `options`, and dispensing only
     * when a period is given. */
    char* rjson = NULL;
    OK(taper_realization_to_json(rz, &rjson, 0, &err));
    CONTAINS(rjson, "\"format\": \"taper-schedule\"");
    CONTAINS(rjson, "\"instruction\": \"5.9 mL of 2 mg/mL liquid = 11.8 mg\"");
    CONTAINS(rjson, "\"syringe_resolution_ml\": 0.1,");
    CONTAINS(rjson, "\"dispensing\": null\n}\n");
    taper_string_free(rjson);
    rjson = NULL;
    OK(taper_realization_to_json(rz, &rjson, 28, &err));
    CONTAINS(rjson, "\"by\": \"period\",\n    \"period_days\": 28,\n    \"bottle_volume_ml\": 100.0,");
    taper_string_free(rjson);
    char* rcsv = NULL;
    OK(taper_realization_to_csv(rz, &rcsv, 0, &err));
    CONTAINS(rcsv, ",amount_mg,notes,warnings,message_ids,realized_amount_mg,how_to_take,realized_daily_mg,");
    CONTAINS(rcsv, ",5.9 mL of 2 mg/mL liquid = 11.8 mg,");
    taper_string_free(rcsv);
    rcsv = NULL;
    OK(taper_realization_to_csv(rz, &rcsv, 28, &err));
    CHECK(strncmp(rcsv, "period_start,period_end,last_day,formulation_id,label,units,total_volume_ml,bottles\r\n", 85) ==
          0);
    CONTAINS(rcsv, ",2 mg/mL liquid,,");
    taper_string_free(rcsv);
    rjson = NULL;
    rcsv = NULL;
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_json(NULL, &rjson, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_json(rz, NULL, 0, &err));
    FAILS_WITH(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_json(rz, &rjson, 0.5, &err), "whole number");
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_json(rz, &rjson, -28, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_csv(NULL, &rcsv, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_csv(rz, NULL, 0, &err));
    FAILS_WITH(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_csv(rz, &rcsv, 0.5, &err), "whole number");
    CHECK(rjson == NULL && rcsv == NULL); /* untouched on failure */
    /* The realization's people-facing outputs say how to take each step. */
    char* rdoc = NULL;
    OK(taper_realization_to_ics(rz, &rdoc, 0, 86400, &err));
    CONTAINS(rdoc, "\r\nSUMMARY:citalopram step 1: ");
    CONTAINS(rdoc, "DTSTAMP:19700102T000000Z\r\n");
    taper_string_free(rdoc);
    rdoc = NULL;
    OK(taper_realization_to_fhir(rz, &rdoc, &err));
    CONTAINS(rdoc, "5.9 mL of 2 mg/mL liquid = 11.8 mg");
    taper_string_free(rdoc);
    rdoc = NULL;
    OK(taper_realization_to_svg(rz, &rdoc, &err));
    CONTAINS(rdoc, "class=\"target\"");
    taper_string_free(rdoc);
    rdoc = NULL;
    OK(taper_realization_to_html(rz, &rdoc, &err));
    CONTAINS(rdoc, "How to take it");
    taper_string_free(rdoc);
    rdoc = NULL;
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_ics(NULL, &rdoc, 0, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_ics(rz, NULL, 0, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_fhir(NULL, &rdoc, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_fhir(rz, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_svg(NULL, &rdoc, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_svg(rz, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_html(NULL, &rdoc, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_html(rz, NULL, &err));
    CHECK(rdoc == NULL);

    taper_realization_free(rz);
    rz = NULL;

    /* Realization errors. */
    taper_forms* nothing = NULL;
    OK(taper_forms_create_empty(&nothing, &err));
    FAILS_WITH(TAPER_ERROR_PLAN, taper_realize(&rz, s, nothing, NULL, &err), "nothing on hand");
    options.syringe_resolution_ml = 0;
    FAILS(TAPER_ERROR_PLAN, taper_realize(&rz, s, forms, &options, &err));
    options.syringe_resolution_ml = 0.1;
    options.dilution_volumes_ml = NULL;
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realize(&rz, s, forms, &options, &err));
    options.dilution_volume_count = 0;
    options.struct_size = 16;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_realize(&rz, s, forms, &options, &err));
    options.struct_size = sizeof options;
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realize(&rz, NULL, forms, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realize(NULL, s, forms, NULL, &err));
    CHECK(rz == NULL);
    taper_realization_free(NULL);

    /* One dose: 12.4 mg is 6.2 mL of 2 mg/mL (one measurement beats a tablet plus 1.2 mL). */
    char* instruction = NULL;
    double realized_mg = 0;
    int within = 0;
    OK(taper_realize_dose(&instruction, &realized_mg, &within, forms, 12.4, NULL, &err));
    NEAR(realized_mg, 12.4, 1e-9);
    CHECK(within == 1);
    CONTAINS(instruction, "6.2 mL");
    taper_string_free(instruction);
    OK(taper_realize_dose(NULL, &realized_mg, NULL, forms, 5, &options, &err));
    NEAR(realized_mg, 5, 1e-9);
    FAILS(TAPER_ERROR_PLAN, taper_realize_dose(NULL, &realized_mg, NULL, forms, -1, NULL, &err));
    FAILS(TAPER_ERROR_PLAN, taper_realize_dose(NULL, &realized_mg, NULL, nothing, 5, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realize_dose(NULL, &realized_mg, NULL, NULL, 5, NULL, &err));

    taper_forms_free(nothing);
    taper_schedule_free(s);
    taper_request_free(r);
    taper_forms_free(all);
    taper_forms_free(forms);
    taper_forms_free(NULL);
}

static void test_conversions(taper_database* db) {
    /* Citalopram drops deliver 1.25 x tablets: 10 mg as tablets = 8 mg as drops = 0.2 mL = 4 drops. */
    taper_form_conversion c;
    c.struct_size = sizeof c;
    char* text = NULL;
    char* equivalence = NULL;
    OK(taper_convert_form(&c, &text, &equivalence, db, "citalopram", 10, "tablet", "drops-40mg-ml", 0, &err));
    NEAR(c.from_labelled_mg, 10, 1e-12);
    NEAR(c.to_labelled_mg, 8, 1e-9);
    NEAR(c.bioavailability_ratio, 1 / 1.25, 1e-9);
    NEAR(c.to_volume_ml, 0.2, 1e-9);
    NEAR(c.to_drops, 4, 1e-9);
    CHECK(isnan(c.to_tablets));
    CONTAINS(text, "4 drops");
    CHECK(equivalence != NULL && equivalence[0] != '\0');
    taper_string_free(text);
    taper_string_free(equivalence);
    OK(taper_convert_form(&c, NULL, NULL, db, "citalopram", 4, "liquid-2mg-ml", "tablet", 0, &err));
    NEAR(c.to_labelled_mg, 4, 1e-9);
    FAILS(TAPER_ERROR_UNKNOWN_DRUG, taper_convert_form(&c, NULL, NULL, db, "citaloparm", 10, "tablet", "drops", 0, &err));
    FAILS_WITH(TAPER_ERROR_INVALID_ARGUMENT,
               taper_convert_form(&c, NULL, NULL, db, "citalopram", 10, "tablet", "patch", 0, &err), "patch");
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_convert_form(&c, NULL, NULL, db, "citalopram", 10, NULL, "tablet", 0, &err));
    c.struct_size = 0;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_convert_form(&c, NULL, NULL, db, "citalopram", 10, "tablet", "tablet", 0, &err));

    /* Ashton: alprazolam 0.5 mg ~ 10 mg diazepam ~ lorazepam 1 mg, so 1 mg alprazolam ~ 2 mg lorazepam. */
    taper_class_equivalent e;
    e.struct_size = sizeof e;
    OK(taper_class_equivalent_dose(&e, &text, db, "alprazolam", 1, "lorazepam", NULL, 0, &err));
    NEAR(e.dose_mg, 2, 1e-9);
    NEAR(e.diazepam_equivalent_mg, 20, 1e-9);
    CONTAINS(text, "ashton");
    taper_string_free(text);
    /* VA/DoD 2021: alprazolam 1 mg ~ lorazepam 2 mg ~ 10 mg diazepam. */
    OK(taper_class_equivalent_dose(&e, NULL, db, "alprazolam", 1, "lorazepam", "va-dod-2021", 0, &err));
    NEAR(e.dose_mg, 2, 1e-9);
    NEAR(e.diazepam_equivalent_mg, 10, 1e-9);
    FAILS(TAPER_ERROR_MISSING_DATA, taper_class_equivalent_dose(&e, NULL, db, "zaleplon", 10, "diazepam", NULL, 0, &err));
    FAILS(TAPER_ERROR_UNKNOWN_DRUG, taper_class_equivalent_dose(&e, NULL, db, "alprazolam", 1, "nosuchdrug", NULL, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_class_equivalent_dose(NULL, NULL, db, "alprazolam", 1, "lorazepam", NULL, 0, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_class_equivalent_dose(&e, NULL, NULL, "alprazolam", 1, "lorazepam", NULL, 1, &err));
}

/* Every function that hands out an allocated string (taper_string_free) checks its
 * out-parameter before allocating: called with a NULL out it fails with nothing to leak, and
 * an optional out left NULL allocates nothing. capi.valgrind runs this with --leak-check=full,
 * which is what fails if any of them allocates first. Each is called on every path that
 * builds its text a different way (realization JSON and CSV with and without dispensing). */
static void test_string_outs_checked_first(taper_database* db, taper_registry* builtins) {
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_database_drug_json(db, NULL, "citalopram", &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_registry_schema_json(builtins, NULL, &err));

    taper_request* r = citalopram_request();
    taper_schedule* s = NULL;
    OK(taper_plan(&s, db, r, NULL, "hyperbolic", NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_to_json(s, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_schedule_to_csv(s, NULL, &err));

    taper_forms* forms = NULL;
    OK(taper_forms_parse(&forms, db, "citalopram", "10 mg tablet, 2 mg/mL liquid", &err));
    taper_realization* rz = NULL;
    OK(taper_realize(&rz, s, forms, NULL, &err));
    const double periods[] = {0, 28};
    for (size_t i = 0; i < 2; ++i) {
        FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_json(rz, NULL, periods[i], &err));
        FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_csv(rz, NULL, periods[i], &err));
    }

    /* Optional string outs: NULL means "not wanted", so nothing is allocated. */
    double realized_mg = 0;
    OK(taper_realize_dose(NULL, &realized_mg, NULL, forms, 12.4, NULL, &err));
    taper_form_conversion c;
    c.struct_size = sizeof c;
    OK(taper_convert_form(&c, NULL, NULL, db, "citalopram", 10, "tablet", "drops-40mg-ml", 0, &err));
    taper_class_equivalent e;
    e.struct_size = sizeof e;
    OK(taper_class_equivalent_dose(&e, NULL, db, "alprazolam", 1, "lorazepam", NULL, 0, &err));
    /* ... and a failure with the out given leaves it as it was. */
    char* text = NULL;
    FAILS(TAPER_ERROR_MISSING_DATA, taper_class_equivalent_dose(&e, &text, db, "zaleplon", 10, "diazepam", NULL, 0, &err));
    CHECK(text == NULL);
    char* json = NULL;
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_realization_to_json(rz, &json, 0.5, &err));
    CHECK(json == NULL);

    taper_realization_free(rz);
    taper_forms_free(forms);
    taper_schedule_free(s);
    taper_request_free(r);
}


/* The person in the loop: a journal read from JSON and CSV (a bad entry reported, the rest
 * kept), the assessment of a withdrawal pattern, and a replan that holds (docs/journal.md). */
static void test_journal(taper_database* db) {
    /* Sertraline 50 mg, 12.5 mg every 28 days from 2026-12-01: 37.5 mg, then 25 mg from
     * 2026-12-29. Dizziness and electric shocks two days after that cut, worst on day 3, eased
     * within a day of going back to 37.5 mg: consistent with withdrawal (docs/assessment.md). */
    const char* json =
        "{\"drug\": \"sertraline\", \"baseline\": [\"low_mood\"], \"entries\": ["
        "{\"date\": \"2026-12-28\", \"doses\": [{\"mg\": 37.5}]},"
        "{\"date\": \"2026-12-29\", \"doses\": [{\"mg\": 25}]},"
        "{\"date\": \"2026-12-30\", \"doses\": [{\"mg\": 25}]},"
        "{\"date\": \"2026-12-31\", \"doses\": [{\"mg\": 25}], \"symptoms\": {\"dizziness\": 2, \"electric_shocks\": 2}},"
        "{\"date\": \"2027-01-01\", \"doses\": [{\"mg\": 25}], \"symptoms\": {\"dizziness\": 3, \"anxiety\": 1}},"
        "{\"date\": \"2027-01-02\", \"doses\": [{\"mg\": 37.5}], \"symptoms\": {\"dizziness\": 3, \"electric_shocks\": 1}},"
        "{\"date\": \"2027-01-03\", \"doses\": [{\"mg\": 37.5}], \"symptoms\": {\"dizziness\": 1}},"
        "{\"date\": \"2027-01-04\", \"symptoms\": {\"dizziness\": 7}}"
        "]}";
    taper_journal* j = NULL;
    size_t problems = 99;
    OK(taper_journal_from_json(&j, &problems, json, &err));
    CHECK(problems == 1);
    size_t entries = 0;
    entries = taper_journal_entry_count(j);
    CHECK(entries == 7);
    taper_journal_problem_info p;
    p.struct_size = sizeof p;
    OK(taper_journal_problem(j, &p, 0, &err));
    CHECK(p.entry == 7);
    CHECK(p.code == TAPER_MESSAGE_JOURNAL_SEVERITY_OUT_OF_RANGE);
    STR_EQ(p.field, "symptoms.dizziness");
    STR_EQ(p.input, "7");
    CONTAINS(p.text, "entry 8");
    FAILS(TAPER_ERROR_INDEX_OUT_OF_RANGE, taper_journal_problem(j, &p, 1, &err));
    STR_EQ(taper_message_code_id(TAPER_MESSAGE_RED_FLAG_SEEK_HELP_NOW), "red_flag_seek_help_now");

    /* JSON -> CSV -> journal again: the same entries. */
    char* csv = NULL;
    OK(taper_journal_to_csv(j, &csv, &err));
    taper_journal* again = NULL;
    OK(taper_journal_from_csv(&again, NULL, csv, &err));
    entries = taper_journal_entry_count(again);
    CHECK(entries == 7);
    char* text = NULL;
    OK(taper_journal_to_json(again, &text, &err));
    CONTAINS(text, "\"electric_shocks\": 2");
    taper_string_free(text);
    taper_string_free(csv);
    taper_journal_free(again);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_journal_from_json(&again, NULL, "not json", &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_journal_to_json(j, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_journal_to_csv(j, NULL, &err));
    taper_journal_free(NULL);

    taper_request* r = NULL;
    OK(taper_request_create(&r, &err));
    OK(taper_request_set_drug(r, "sertraline", &err));
    OK(taper_request_set_daily_dose_mg(r, 50, &err));
    OK(taper_request_set_start_date(r, 2026, 12, 1, &err));
    OK(taper_request_set_interval_days(r, 28, &err));
    taper_strategy_options* o = NULL;
    OK(taper_strategy_options_create(&o, &err));
    OK(taper_strategy_options_set_number(o, "amount", TAPER_OPTION_KIND_MASS, 12.5, &err));
    taper_schedule* s = NULL;
    OK(taper_plan(&s, db, r, NULL, "linear", o, &err));

    int32_t verdict = -1, seek_help = -1;
    char* assessment = NULL;
    OK(taper_assess(&verdict, &seek_help, &assessment, s, j, &err));
    CHECK(verdict == TAPER_VERDICT_CONSISTENT_WITH_WITHDRAWAL);
    CHECK(seek_help == 0);
    CONTAINS(assessment, "\"onset_soon_after_cut\"");
    CONTAINS(assessment, "\"nice_ng222\"");
    taper_string_free(assessment);
    OK(taper_assess(NULL, NULL, NULL, s, j, &err));

    /* Hold 14 days from 2027-01-04 at the dose recorded last (37.5 mg), then on. */
    taper_schedule* next = NULL;
    const taper_date today = {2027, 1, 4};
    OK(taper_replan(&next, db, s, j, NULL, "linear", o, TAPER_REPLAN_HOLD, today, 14, &err));
    taper_step_info step;
    step.struct_size = sizeof step;
    OK(taper_schedule_step(next, &step, 0, &err));
    CHECK(step.phase == TAPER_PHASE_HOLD);
    NEAR(step.daily_dose_mg, 37.5, 0);
    NEAR(step.length_days, 14, 0);
    taper_message_info m;
    m.struct_size = sizeof m;
    OK(taper_schedule_message(next, &m, 0, &err));
    CHECK(m.code == TAPER_MESSAGE_REPLAN_HOLD);
    taper_schedule_free(next);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_replan(&next, db, s, j, NULL, "linear", o, 9, today, 14, &err));

    /* Patient pacing on 2027-01-04: the last entry kept (2027-01-03, 37.5 mg) is tolerable,
     * the one before (dizziness 3) is not: 2 tolerable days (01-03 and 01-04). Not ready
     * after the 7 days agreed; ready after 2, offering the plan's next dose below 37.5 mg
     * (25 mg), or half that cut if the person asks (37.5 - 12.5 / 2 = 31.25 mg). */
    taper_next_cut_offer offer;
    offer.struct_size = sizeof offer;
    char* reasons = NULL;
    OK(taper_offer_next_cut(&offer, &reasons, s, j, today, 7, 1, &err));
    CHECK(offer.ready == 0);
    NEAR(offer.tolerable_days, 2, 0);
    NEAR(offer.current_mg, 37.5, 0);
    NEAR(offer.offered_mg, 37.5, 0);
    CONTAINS(reasons, "\"not_ready_for_next_cut\"");
    taper_string_free(reasons);
    OK(taper_offer_next_cut(&offer, NULL, s, j, today, 2, 1, &err));
    CHECK(offer.ready == 1);
    NEAR(offer.offered_mg, 25, 0);
    OK(taper_offer_next_cut(&offer, &reasons, s, j, today, 2, 0.5, &err));
    NEAR(offer.offered_mg, 31.25, 0);
    CONTAINS(reasons, "\"cut_lowered_by_person\"");
    taper_string_free(reasons);
    FAILS(TAPER_ERROR_PLAN, taper_offer_next_cut(&offer, NULL, s, j, today, 2, 1.5, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_offer_next_cut(&offer, NULL, s, j, today, -1, 1, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_offer_next_cut(NULL, NULL, s, j, today, 7, 1, &err));

    taper_schedule_free(s);
    taper_strategy_options_free(o);
    taper_request_free(r);
    taper_journal_free(j);
}

/* Three drugs, one at a time in the order given, two weeks apart: diazepam, fluoxetine (a
 * strong CYP2D6 inhibitor) and aripiprazole, whose level may fall when fluoxetine is reduced
 * (aripiprazole prescribing information, data/interactions.json). */
static void test_several(taper_database* db) {
    taper_several_request* sr = NULL;
    const taper_date start = {2027, 1, 4};
    OK(taper_several_request_create(&sr, start, 14, &err));
    const char* drugs[] = {"diazepam", "fluoxetine", "aripiprazole"};
    const double doses[] = {10, 20, 10};
    const double cuts[] = {2.5, 10, 5};
    for (int i = 0; i < 3; ++i) {
        taper_request* r = NULL;
        OK(taper_request_create(&r, &err));
        OK(taper_request_set_drug(r, drugs[i], &err));
        OK(taper_request_set_daily_dose_mg(r, doses[i], &err));
        taper_strategy_options* o = NULL;
        OK(taper_strategy_options_create(&o, &err));
        OK(taper_strategy_options_set_number(o, "amount", TAPER_OPTION_KIND_MASS, cuts[i], &err));
        OK(taper_several_request_add(sr, r, NULL, "linear", o, &err));
        FAILS(TAPER_ERROR_STRATEGY, taper_several_request_add(sr, r, NULL, "no-such-strategy", NULL, &err));
        taper_strategy_options_free(o);
        taper_request_free(r);
    }
    char* json = NULL;
    size_t plans = 0;
    OK(taper_plan_several(&json, &plans, db, sr, &err));
    CHECK(plans == 3);
    CONTAINS(json, "\"drugs\": [\n    \"diazepam\",\n    \"fluoxetine\",\n    \"aripiprazole\"");
    CONTAINS(json, "\"interaction_level_may_fall\"");
    CONTAINS(json, "\"stabilisation_gap\"");
    CONTAINS(json, "\"calendar\"");
    taper_string_free(json);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_plan_several(NULL, NULL, db, sr, &err));
    taper_several_request_free(sr);
    taper_several_request_free(NULL);

    /* No course at all, and a negative gap. */
    OK(taper_several_request_create(&sr, start, 0, &err));
    FAILS(TAPER_ERROR_PLAN, taper_plan_several(&json, NULL, db, sr, &err));
    taper_several_request_free(sr);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_several_request_create(&sr, start, -1, &err));
}

/* A citalopram plan: 20 mg, 5 mg less every 28 days from 2026-12-01 (linear). */
static taper_schedule* citalopram_linear(taper_database* db, const char* drug, double dose_mg) {
    taper_request* r = NULL;
    OK(taper_request_create(&r, &err));
    OK(taper_request_set_drug(r, drug, &err));
    OK(taper_request_set_daily_dose_mg(r, dose_mg, &err));
    OK(taper_request_set_start_date(r, 2026, 12, 1, &err));
    OK(taper_request_set_interval_days(r, 28, &err));
    taper_strategy_options* o = NULL;
    OK(taper_strategy_options_create(&o, &err));
    OK(taper_strategy_options_set_number(o, "amount", TAPER_OPTION_KIND_MASS, dose_mg / 4, &err));
    taper_schedule* s = NULL;
    OK(taper_plan(&s, db, r, NULL, "linear", o, &err));
    taper_strategy_options_free(o);
    taper_request_free(r);
    return s;
}

/* The points of the chart's simulated-occupancy line: its path is "M x y L x y L x y ...". */
static size_t simulated_points(const char* svg) {
    const char* const marker = "class=\"simulated-occupancy\" d=\"";
    const char* p = svg == NULL ? NULL : strstr(svg, marker);
    if (p == NULL) return 0;
    size_t points = 0;
    for (p += strlen(marker); *p != '\0' && *p != '"'; ++p)
        if (*p == 'M' || *p == 'L') ++points;
    return points;
}

static void test_simulation(taper_database* db) {
    taper_schedule* s = citalopram_linear(db, "citalopram", 20);
    taper_simulation_options so;
    memset(&so, 0, sizeof so);
    so.struct_size = sizeof so;
    so.after_end_days = NAN;
    so.body_weight_kg = 70;
    taper_simulation* sim = NULL;
    OK(taper_simulate(&sim, s, &so, &err));

    /* Citalopram in data/pharmacokinetics.json (Celexa label): t1/2 35 h, tmax 4 h, F 0.8,
     * V 12 L/kg. ke = ln 2 / 35 h; ka solves tmax = ln(ka/ke)/(ka - ke). */
    taper_simulation_metrics m;
    m.struct_size = sizeof m;
    OK(taper_simulation_metrics_get(sim, &m, &err));
    NEAR(m.half_life_hours, 35, 0);
    NEAR(m.elimination_per_hour, log(2.0) / 35, 1e-12);
    NEAR(log(m.absorption_per_hour / m.elimination_per_hour) / (m.absorption_per_hour - m.elimination_per_hour), 4,
         1e-6);
    CHECK(isnan(m.peak_pressure_points) && isnan(m.time_above_threshold_hours));
    CHECK(m.length_days >= 3 * 28); /* 15, 10 and 5 mg for 28 days each, then the stop */
    CHECK(m.doses_taken > 0);

    const double *time = NULL, *amount = NULL, *conc = NULL, *occ = NULL, *set_point = NULL, *pressure = NULL;
    size_t n = 0, n_amount = 0, n_conc = 0, n_occ = 0, n_set = 99, n_pressure = 99;
    OK(taper_simulation_time_hours(sim, &time, &n, &err));
    OK(taper_simulation_amount_mg(sim, &amount, &n_amount, &err));
    OK(taper_simulation_concentration_ng_per_ml(sim, &conc, &n_conc, &err));
    OK(taper_simulation_occupancy_points(sim, &occ, &n_occ, &err));
    OK(taper_simulation_set_point_points(sim, &set_point, &n_set, &err));
    OK(taper_simulation_pressure_points(sim, &pressure, &n_pressure, &err));
    /* Hourly samples over the plan and the default 14 days after it. */
    CHECK(n == (size_t)(24 * (m.length_days + 14)) && n_amount == n && n_conc == n && n_occ == n);
    CHECK(n_set == 0 && n_pressure == 0); /* no adaptation model */
    NEAR(time[1] - time[0], 1, 0);
    /* Two weeks after the stop only elimination is left: one day divides the amount by
     * e^(ke * 24 h) (the gut emptied long before: ka is about 0.6 per hour). */
    NEAR(amount[n - 1] / amount[n - 25], exp(-log(2.0) / 35 * 24), 1e-6);
    /* ng/mL = mg / (12 L/kg * 70 kg = 840 000 mL) * 1e6 ng/mg. */
    NEAR(conc[100], amount[100] * 1e6 / 840000.0, 1e-9);
    CHECK(occ[0] > 0 && occ[0] < 84);

    /* The chart and the page of the simulation: the simulated occupancy drawn on the plan's
     * chart, one point a day or every sample. */
    char* chart = NULL;
    OK(taper_simulation_to_svg(sim, 1, &chart, &err));
    CHECK(strncmp(chart, "<svg xmlns=\"http://www.w3.org/2000/svg\"",
                  strlen("<svg xmlns=\"http://www.w3.org/2000/svg\"")) == 0);
    CONTAINS(chart, "class=\"simulated-occupancy\"");
    /* One point per whole day: the plan's days and the 14 after it. */
    CHECK(simulated_points(chart) == (size_t)(m.length_days + 14));
    taper_string_free(chart);
    chart = NULL;
    /* Every sample: the n hourly samples. */
    OK(taper_simulation_to_svg(sim, 0, &chart, &err));
    CHECK(simulated_points(chart) == n);
    taper_string_free(chart);
    chart = NULL;
    OK(taper_simulation_to_html(sim, 1, &chart, &err));
    CHECK(strncmp(chart, "<!DOCTYPE html>", 15) == 0);
    CONTAINS(chart, "class=\"simulated-occupancy\"");
    taper_string_free(chart);
    chart = NULL;
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_simulation_to_svg(NULL, 1, &chart, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_simulation_to_svg(sim, 1, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_simulation_to_html(NULL, 1, &chart, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_simulation_to_html(sim, 0, NULL, &err));
    CHECK(chart == NULL);
    taper_simulation_free(sim);
    taper_simulation_free(NULL);

    /* Mirtazapine has pharmacokinetic data but no occupancy model: it simulates (amounts and
     * concentrations), but there is no occupancy to draw. */
    taper_schedule* mirtazapine = citalopram_linear(db, "mirtazapine", 15);
    OK(taper_simulate(&sim, mirtazapine, NULL, &err));
    FAILS_WITH(TAPER_ERROR_MISSING_DATA, taper_simulation_to_svg(sim, 1, &chart, &err), "occupancy");
    FAILS_WITH(TAPER_ERROR_MISSING_DATA, taper_simulation_to_html(sim, 0, &chart, &err), "occupancy");
    CHECK(chart == NULL);
    taper_simulation_free(sim);
    taper_schedule_free(mirtazapine);

    /* With the adaptation model: the set point follows, the pressure is set point - occupancy. */
    so.adaptation_time_constant_days = 14;
    so.adaptation_threshold_points = 5;
    OK(taper_simulate(&sim, s, &so, &err));
    OK(taper_simulation_set_point_points(sim, &set_point, &n_set, &err));
    OK(taper_simulation_pressure_points(sim, &pressure, &n_pressure, &err));
    OK(taper_simulation_occupancy_points(sim, &occ, &n_occ, &err));
    CHECK(n_set == n_occ && n_pressure == n_occ);
    NEAR(pressure[500], set_point[500] - occ[500], 1e-9);
    OK(taper_simulation_metrics_get(sim, &m, &err));
    CHECK(m.peak_pressure_points > 0 && m.time_above_threshold_hours >= 0);
    taper_simulation_free(sim);

    /* Refusals: no source for norfluoxetine's fraction formed; NULL handles; struct sizes. */
    taper_schedule* fluoxetine = citalopram_linear(db, "fluoxetine", 20);
    FAILS_WITH(TAPER_ERROR_MISSING_DATA, taper_simulate(&sim, fluoxetine, NULL, &err), "norfluoxetine");
    taper_schedule_free(fluoxetine);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_simulate(&sim, NULL, NULL, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_simulate(NULL, s, NULL, &err));
    so.struct_size = 8;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_simulate(&sim, s, &so, &err));
    so.struct_size = sizeof so;
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_simulation_time_hours(NULL, &time, &n, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_simulation_metrics_get(NULL, &m, &err));

    /* A population: the same seed gives the same people whatever the threads, and people
     * [3, 6) alone are people 3-5 of the whole run (what the Dask example relies on). */
    taper_population_options po;
    memset(&po, 0, sizeof po);
    po.struct_size = sizeof po;
    po.people = 6;
    po.seed = 7;
    po.ed50_log_sd = 0.3;
    po.half_life_log_sd = 0.3;
    po.threads = 1;
    taper_population *whole = NULL, *threaded = NULL, *shard = NULL;
    OK(taper_simulate_population(&whole, s, &so, &po, &err));
    po.threads = 2;
    OK(taper_simulate_population(&threaded, s, &so, &po, &err));
    po.first_person = 3;
    po.people = 3;
    OK(taper_simulate_population(&shard, s, &so, &po, &err));
    taper_population_summary sum;
    sum.struct_size = sizeof sum;
    OK(taper_population_summary_get(whole, &sum, &err));
    CHECK(sum.people == 6 && sum.first_person == 0 && sum.has_adaptation == 1);
    CHECK(sum.time_steps == (int64_t)n);
    CHECK(sum.share_above_threshold_percent >= 0 && sum.share_above_threshold_percent <= 100);
    const int64_t *ids = NULL, *shard_ids = NULL;
    size_t count = 0, shard_count = 0;
    OK(taper_population_person(shard, &shard_ids, &shard_count, &err));
    CHECK(shard_count == 3 && shard_ids[0] == 3 && shard_ids[2] == 5);
    OK(taper_population_person(whole, &ids, &count, &err));
    CHECK(count == 6 && ids[5] == 5);
    typedef taper_status (*column_fn)(const taper_population*, const double**, size_t*, taper_error**);
    const column_fn columns[] = {taper_population_ed50_factor,
                                 taper_population_half_life_factor,
                                 taper_population_volume_factor,
                                 taper_population_adaptation_factor,
                                 taper_population_largest_day_to_day_change_points,
                                 taper_population_largest_within_day_fluctuation_points,
                                 taper_population_largest_two_day_swing_points,
                                 taper_population_peak_pressure_points,
                                 taper_population_time_above_threshold_hours};
    for (size_t c = 0; c < sizeof columns / sizeof columns[0]; ++c) {
        const double *a = NULL, *b = NULL, *part = NULL;
        size_t na = 0, nb = 0, np = 0;
        OK(columns[c](whole, &a, &na, &err));
        OK(columns[c](threaded, &b, &nb, &err));
        OK(columns[c](shard, &part, &np, &err));
        CHECK(na == 6 && nb == 6 && np == 3);
        if (na == 6 && nb == 6 && np == 3) {
            CHECK(memcmp(a, b, 6 * sizeof(double)) == 0);
            CHECK(memcmp(a + 3, part, 3 * sizeof(double)) == 0);
        }
    }
    /* Each column by name as well (the loop above calls them through pointers). */
    const double* any = NULL;
    OK(taper_population_half_life_factor(shard, &any, &count, &err));
    OK(taper_population_adaptation_factor(shard, &any, &count, &err));
    NEAR(any[0], 1, 0); /* no spread of the time constant */
    OK(taper_population_largest_day_to_day_change_points(shard, &any, &count, &err));
    OK(taper_population_largest_within_day_fluctuation_points(shard, &any, &count, &err));
    OK(taper_population_largest_two_day_swing_points(shard, &any, &count, &err));
    OK(taper_population_peak_pressure_points(shard, &any, &count, &err));
    OK(taper_population_time_above_threshold_hours(shard, &any, &count, &err));
    CHECK(count == 3);
    /* No volume spread: every volume factor is exactly 1; an ED50 spread of 0.3 moves them. */
    const double* factor = NULL;
    OK(taper_population_volume_factor(whole, &factor, &count, &err));
    NEAR(factor[4], 1, 0);
    OK(taper_population_ed50_factor(whole, &factor, &count, &err));
    CHECK(factor[0] != 1 && factor[0] > 0);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_population_summary_get(NULL, &sum, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_population_person(NULL, &ids, &count, &err));
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_simulate_population(&shard, s, &so, NULL, &err));
    po.half_life_log_sd = -1;
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_simulate_population(&shard, s, &so, &po, &err));
    po.half_life_log_sd = 0.3;
    po.struct_size = 4;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_simulate_population(&shard, s, &so, &po, &err));
    taper_population_free(whole);
    taper_population_free(threaded);
    taper_population_free(shard);
    taper_population_free(NULL);
    taper_schedule_free(s);
}

int main(void) {
    test_versions_and_names();
    test_parse_and_format();

    taper_database* db = NULL;
    OK(taper_database_create_embedded(&db, &err));
    taper_registry* builtins = NULL;
    OK(taper_registry_create_builtin(&builtins, &err));

    test_database(db);
    test_request(db);
    test_options();
    test_schemas(db, builtins);
    test_hyperbolic_plan(db, builtins);
    test_proportional_and_others(db);
    test_registry_and_c_strategy(db);
    test_forms_and_realization(db);
    test_conversions(db);
    test_string_outs_checked_first(db, builtins);
    test_journal(db);
    test_several(db);
    test_simulation(db);

    taper_registry_free(builtins);
    taper_database_free(db);
    if (failures != 0) {
        fprintf(stderr, "%d of %d checks failed\n", failures, checks);
        return 1;
    }
    printf("all %d checks passed\n", checks);
    return 0;
}
