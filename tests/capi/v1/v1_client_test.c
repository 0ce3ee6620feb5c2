/* A "version 1 client": compiled against tests/capi/v1/taper.h, the C header as ABI 1
 * published it (a verbatim copy, with its taper/version.hpp beside it), and run against
 * this library. It checks the growable-struct rule from the old side: the structs that
 * grew since (taper_step_info, taper_realized_step_info) are passed at their ABI 1 size,
 * the library writes their known prefix and not one byte more (guard bytes), and the
 * input structs (realization options, strategy vtable) of ABI 1's size are read with the
 * fields they lack at their defaults.
 *
 * It calls only functions whose signatures ABI 2 kept: this is a source-compatibility
 * test (ABI 2 has a new SOVERSION, so an ABI 1 binary is not loaded by it at all; see
 * docs/c-api.md, "Versions"). Expected numbers: citalopram 20 mg halved per step by the
 * strategy below (10, 5, 2.5, 1.25, stop), computed by hand. */
#include "taper.h" /* the ABI 1 copy beside this file */

#include <math.h>
#include <stdio.h>
#include <string.h>

#if TAPER_ABI_VERSION != 1
#error "this client must see the ABI 1 header (tests/capi/v1 first on the include path)"
#endif

static int failures = 0;

#define CHECK(cond)                                                        \
    do {                                                                   \
        if (!(cond)) {                                                     \
            fprintf(stderr, "v1_client_test.c:%d: failed: %s\n", __LINE__, #cond); \
            ++failures;                                                    \
        }                                                                  \
    } while (0)

static taper_error* err = NULL;

static void ok(taper_status status, const char* what, int line) {
    if (status != TAPER_OK) {
        fprintf(stderr, "v1_client_test.c:%d: %s: %s\n", line, what, taper_error_message(err));
        ++failures;
    }
    taper_error_free(err);
    err = NULL;
}
#define OK(call) ok((call), #call, __LINE__)

enum { guard_size = 32, guard_byte = 0xA5 };

static int guard_intact(const unsigned char* guard) {
    for (int i = 0; i < guard_size; ++i)
        if (guard[i] != guard_byte) return 0;
    return 1;
}

/* Halves the latest dose until it would fall below 1 mg. */
static int halving_next(void* user_data, const taper_strategy_context* context, taper_target* out) {
    (void)user_data;
    double latest = 0;
    if (taper_strategy_context_latest_dose_mg(context, &latest, NULL) != TAPER_OK) return -1;
    if (latest / 2 < 1) return 0;
    out->daily_dose_mg = latest / 2;
    out->phase = TAPER_PHASE_REDUCE;
    out->note = "halved"; /* a literal: outlives the call */
    return 1;
}

int main(void) {
    /* This library is ABI 2; the client, built for ABI 1, can tell. */
    CHECK(taper_abi_version() >= 1);

    taper_database* db = NULL;
    OK(taper_database_create_embedded(&db, &err));
    taper_registry* reg = NULL;
    OK(taper_registry_create_builtin(&reg, &err));

    /* An ABI 1 vtable (its struct_size is ABI 1's). */
    taper_strategy_vtable vt;
    memset(&vt, 0, sizeof vt);
    vt.struct_size = sizeof vt;
    vt.version = TAPER_STRATEGY_VTABLE_VERSION;
    vt.next = halving_next;
    OK(taper_registry_add(reg, "halving", "halves each step", &vt, NULL, &err));

    taper_request* r = NULL;
    OK(taper_request_create(&r, &err));
    OK(taper_request_set_drug(r, "citalopram", &err));
    OK(taper_request_set_daily_dose_mg(r, 20, &err));
    OK(taper_request_set_start_date(r, 2026, 1, 5, &err));
    OK(taper_request_set_interval_days(r, 28, &err));
    taper_schedule* s = NULL;
    OK(taper_plan(&s, db, r, reg, "halving", NULL, &err));

    /* taper_step_info grew in ABI 2: pass ABI 1's, followed by guard bytes. */
    struct {
        taper_step_info info;
        unsigned char guard[guard_size];
    } step;
    const double expected[] = {10, 5, 2.5, 1.25, 0};
    for (size_t i = 0; i < 5; ++i) {
        memset(&step, guard_byte, sizeof step);
        step.info.struct_size = sizeof step.info;
        OK(taper_schedule_step(s, &step.info, i, &err));
        CHECK(step.info.struct_size == sizeof step.info);
        CHECK(step.info.number == (int32_t)(i + 1));
        CHECK(step.info.daily_dose_mg == expected[i]);
        CHECK(guard_intact(step.guard));
        size_t messages = 0;
        OK(taper_schedule_step_message_count(s, &messages, i, &err));
        CHECK(messages == step.info.note_count + step.info.warning_count);
    }
    const char* note = NULL;
    OK(taper_schedule_step_note(s, &note, 0, 0, &err));
    CHECK(note != NULL && strcmp(note, "halved") == 0);

    /* Realization with ABI 1's options (init, then read by taper_realize) and ABI 1's
     * taper_realized_step_info, which grew too. */
    taper_forms* forms = NULL;
    OK(taper_forms_parse(&forms, db, "citalopram", "10 mg tablet, 2 mg/mL liquid", &err));
    struct {
        taper_realization_options options;
        unsigned char guard[guard_size];
    } options;
    memset(&options, guard_byte, sizeof options);
    options.options.struct_size = sizeof options.options;
    OK(taper_realization_options_init(&options.options, &err));
    CHECK(guard_intact(options.guard));
    CHECK(options.options.max_drops == 40 && options.options.max_pieces == 8);
    taper_realization* rz = NULL;
    OK(taper_realize(&rz, s, forms, &options.options, &err));
    struct {
        taper_realized_step_info info;
        unsigned char guard[guard_size];
    } realized;
    memset(&realized, guard_byte, sizeof realized);
    realized.info.struct_size = sizeof realized.info;
    OK(taper_realization_step(rz, &realized.info, 0, &err));
    CHECK(realized.info.recipe_count == 1);
    CHECK(fabs(realized.info.realized_daily_mg - 10) < 1e-9); /* one 10 mg tablet */
    CHECK(guard_intact(realized.guard));

    taper_realization_free(rz);
    taper_forms_free(forms);
    taper_schedule_free(s);
    taper_request_free(r);
    taper_registry_free(reg);
    taper_database_free(db);
    if (failures != 0) {
        fprintf(stderr, "v1_client_test: %d failures\n", failures);
        return 1;
    }
    printf("v1_client_test: an ABI 1 client works against ABI %d\n", taper_abi_version());
    return 0;
}
