/* The C ABI from C11, strategy options, schemas, the registry and strategies written in C (part of capi_test: capi_check.h). */
#include "capi_check.h"

void test_options(void) {
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
void test_schemas(taper_database* db, taper_registry* builtins) {
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

void test_registry_and_c_strategy(taper_database* db) {
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
