/* The C ABI from C11: every public function of include/taper.h, every error path.
 *
 * Numbers are checked against values computed here by hand from the published models and
 * tables (not against the library's own output): citalopram's SERT model (Emax 83.98 %,
 * ED50 2.33 mg, Sorensen 2022), the Ashton equivalents (alprazolam 0.5 mg, lorazepam 1 mg
 * ~ 10 mg diazepam), citalopram drops (1.25 x tablets, 0.05 mL per drop at 40 mg/mL).
 *
 * One program from several files, one per handle family (capi_test_*.c); capi_check.h holds the
 * checks they share. A test in tests/capi/CMakeLists.txt checks that every function declared in
 * the header is named in one of them. */
#include "capi_check.h"

/* ---------------------------------------------------------------------------------- */

void test_versions_and_names(void) {
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

void test_parse_and_format(void) {
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

/* Every function that hands out an allocated string (taper_string_free) checks its
 * out-parameter before allocating: called with a NULL out it fails with nothing to leak, and
 * an optional out left NULL allocates nothing. capi.valgrind runs this with --leak-check=full,
 * which is what fails if any of them allocates first. Each is called on every path that
 * builds its text a different way (realization JSON and CSV with and without dispensing). */
void test_string_outs_checked_first(taper_database* db, taper_registry* builtins) {
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


int main(void) {
    test_versions_and_names();
    test_parse_and_format();

    taper_database* db = NULL;
    OK(taper_database_create_embedded(&db, &err));
    taper_registry* builtins = NULL;
    OK(taper_registry_create_builtin(&builtins, &err));

    test_database(db);
    test_request(db);
    test_request_fields();
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
