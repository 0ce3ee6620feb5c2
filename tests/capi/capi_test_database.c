/* The C ABI from C11, the database handle: embedded data, overlays, look-ups (part of capi_test: capi_check.h). */
#include "capi_check.h"

static const char* const new_drug_json =
    "{\"format\": \"taper-formulary\", \"version\": 1, \"drugs\": ["
    " {\"name\": \"newdrugine\", \"class\": \"other\","
    "  \"targets\": [{\"id\": \"x\", \"receptor\": \"X\", \"emax\": 90, \"ed50_mg\": 1, \"hill\": 1}]}]}";

void test_database(taper_database* db) {
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
