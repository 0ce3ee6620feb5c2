/* The growable-struct rule (include/taper.h, "Structs grow"; src/capi/struct_size.hpp), from a
 * caller of this version:
 *  - an output struct of ABI 1's size (smaller than today's) gets its prefix and nothing more;
 *  - a larger struct_size is accepted only when the unknown tail is zero, and that tail is not
 *    written; with a non-zero tail the call fails with TAPER_ERROR_ABI_MISMATCH and writes
 *    nothing;
 *  - a struct_size below ABI 1's is refused;
 *  - the same for input structs (realization options) and the strategy vtable;
 *  - nothing at or past struct_size is ever written (guard bytes after every struct).
 * It also checks that a C strategy's note written into a stack buffer survives
 * (taper_strategy_context_set_note copies it during the callback).
 * Runs under valgrind (capi.struct_size_valgrind) and, in the asan-ubsan preset, ASan/UBSan. */
#include <taper.h>

#include <stddef.h>
#include <stdio.h>
#include <string.h>

static int failures = 0;
static taper_error* err = NULL;

#define CHECK(cond)                                                                     \
    do {                                                                                \
        if (!(cond)) {                                                                  \
            fprintf(stderr, "capi_struct_size_test.c:%d: failed: %s\n", __LINE__, #cond); \
            ++failures;                                                                 \
        }                                                                               \
    } while (0)

static void expect(taper_status expected, taper_status status, const char* what, int line) {
    if (status != expected) {
        fprintf(stderr, "capi_struct_size_test.c:%d: %s returned %s, expected %s: %s\n", line, what,
                taper_status_name(status), taper_status_name(expected), taper_error_message(err));
        ++failures;
    }
    if ((status == TAPER_OK) != (err == NULL)) {
        fprintf(stderr, "capi_struct_size_test.c:%d: %s: error set %s\n", line, what,
                status == TAPER_OK ? "on success" : "missing");
        ++failures;
    }
    taper_error_free(err);
    err = NULL;
}
#define OK(call) expect(TAPER_OK, (call), #call, __LINE__)
#define FAILS(status, call) expect((status), (call), #call, __LINE__)

enum { guard_byte = 0xA5, tail_size = 16, guard_size = 32 };

/* A struct of `size` bytes, then guard bytes: what the library may touch, what it may not. */
typedef struct {
    _Alignas(max_align_t) unsigned char bytes[512 + tail_size + guard_size];
} arena;

static void arena_fill(arena* a, unsigned char value) { memset(a->bytes, value, sizeof a->bytes); }

/* Every byte from `from` to the end still holds `value`. */
static int untouched(const arena* a, size_t from, unsigned char value) {
    for (size_t i = from; i < sizeof a->bytes; ++i)
        if (a->bytes[i] != value) return 0;
    return 1;
}

static void set_size(arena* a, uint32_t size) { memcpy(a->bytes, &size, sizeof size); }

/* ---- output structs ---------------------------------------------------------------- */

static void test_output(const taper_schedule* s) {
    arena a;
    const size_t current = sizeof(taper_step_info);
    const size_t abi1 = offsetof(taper_step_info, message_count); /* ABI 1 ended before it */

    /* ABI 1's size: the prefix is written, message_count (past struct_size) is not. */
    arena_fill(&a, guard_byte);
    set_size(&a, (uint32_t)abi1);
    OK(taper_schedule_step(s, (taper_step_info*)(void*)a.bytes, 0, &err));
    CHECK(untouched(&a, abi1, guard_byte));
    taper_step_info prefix;
    memcpy(&prefix, a.bytes, abi1);
    CHECK(prefix.struct_size == abi1 && prefix.number == 1);

    /* Today's size: everything, nothing past. */
    arena_fill(&a, guard_byte);
    set_size(&a, (uint32_t)current);
    OK(taper_schedule_step(s, (taper_step_info*)(void*)a.bytes, 0, &err));
    CHECK(untouched(&a, current, guard_byte));
    taper_step_info full;
    memcpy(&full, a.bytes, current);
    CHECK(full.number == 1 && full.message_count == full.note_count + full.warning_count);

    /* Larger, zero tail (a newer caller that zero-initialised its struct): accepted, the
     * tail stays zero and the guard after struct_size is untouched. */
    arena_fill(&a, guard_byte);
    memset(a.bytes, 0, current + tail_size);
    set_size(&a, (uint32_t)(current + tail_size));
    OK(taper_schedule_step(s, (taper_step_info*)(void*)a.bytes, 0, &err));
    for (size_t i = current; i < current + tail_size; ++i) CHECK(a.bytes[i] == 0);
    CHECK(untouched(&a, current + tail_size, guard_byte));
    memcpy(&full, a.bytes, current);
    CHECK(full.struct_size == current + tail_size && full.number == 1);

    /* Larger, non-zero tail (a newer field set that this library cannot honour): refused,
     * and nothing is written at all. */
    arena_fill(&a, guard_byte);
    set_size(&a, (uint32_t)(current + tail_size));
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_schedule_step(s, (taper_step_info*)(void*)a.bytes, 0, &err));
    CHECK(untouched(&a, sizeof(uint32_t), guard_byte));

    /* Smaller than ABI 1's: refused, nothing written. */
    arena_fill(&a, guard_byte);
    set_size(&a, (uint32_t)(abi1 - 1));
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_schedule_step(s, (taper_step_info*)(void*)a.bytes, 0, &err));
    CHECK(untouched(&a, sizeof(uint32_t), guard_byte));

    /* Absurd sizes (an uninitialised struct_size) are refused before the tail is read. */
    arena_fill(&a, 0);
    set_size(&a, 0x7fffffffu);
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_schedule_step(s, (taper_step_info*)(void*)a.bytes, 0, &err));

    /* The other struct that grew: taper_realized_step_info is checked in the v1 client; a
     * struct that did not grow (taper_schedule_info) follows the same rule. */
    const size_t info_size = sizeof(taper_schedule_info);
    arena_fill(&a, guard_byte);
    memset(a.bytes, 0, info_size + tail_size);
    set_size(&a, (uint32_t)(info_size + tail_size));
    OK(taper_schedule_get_info(s, (taper_schedule_info*)(void*)a.bytes, &err));
    CHECK(untouched(&a, info_size + tail_size, guard_byte));
    arena_fill(&a, guard_byte);
    set_size(&a, (uint32_t)(info_size + tail_size));
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_schedule_get_info(s, (taper_schedule_info*)(void*)a.bytes, &err));
    CHECK(untouched(&a, sizeof(uint32_t), guard_byte));
}

/* A struct new in ABI 2 (taper_request_field_info): its first size is today's, so a smaller
 * struct_size is refused, and a larger one follows the tail rule. */
static void test_new_output(void) {
    arena a;
    const size_t current = sizeof(taper_request_field_info);
    arena_fill(&a, guard_byte);
    memset(a.bytes, 0, current + tail_size);
    set_size(&a, (uint32_t)(current + tail_size));
    OK(taper_request_field_describe(TAPER_REQUEST_INTERVAL, (taper_request_field_info*)(void*)a.bytes, &err));
    for (size_t i = current; i < current + tail_size; ++i) CHECK(a.bytes[i] == 0);
    CHECK(untouched(&a, current + tail_size, guard_byte));
    taper_request_field_info info;
    memcpy(&info, a.bytes, current);
    CHECK(info.field == TAPER_REQUEST_INTERVAL && info.default_number == 28);

    arena_fill(&a, guard_byte);
    set_size(&a, (uint32_t)(current + tail_size));
    FAILS(TAPER_ERROR_ABI_MISMATCH,
          taper_request_field_describe(TAPER_REQUEST_INTERVAL, (taper_request_field_info*)(void*)a.bytes, &err));
    CHECK(untouched(&a, sizeof(uint32_t), guard_byte));

    /* Below the end of its last field (sizeof may add padding after it). */
    arena_fill(&a, guard_byte);
    set_size(&a, (uint32_t)(offsetof(taper_request_field_info, maximum_inclusive) + sizeof(int) - 1));
    FAILS(TAPER_ERROR_ABI_MISMATCH,
          taper_request_field_describe(TAPER_REQUEST_INTERVAL, (taper_request_field_info*)(void*)a.bytes, &err));
    CHECK(untouched(&a, sizeof(uint32_t), guard_byte));
}

/* ---- input structs ----------------------------------------------------------------- */

static void test_input(const taper_database* db) {
    taper_forms* forms = NULL;
    OK(taper_forms_parse(&forms, db, "citalopram", "10 mg tablet", &err));
    const size_t size = sizeof(taper_realization_options);
    arena a;

    /* init writes the defaults into a larger zero-tailed struct, not past struct_size. */
    arena_fill(&a, guard_byte);
    memset(a.bytes, 0, size + tail_size);
    set_size(&a, (uint32_t)(size + tail_size));
    taper_realization_options* options = (taper_realization_options*)(void*)a.bytes;
    OK(taper_realization_options_init(options, &err));
    CHECK(untouched(&a, size + tail_size, guard_byte));
    CHECK(options->max_pieces == 8);

    /* ... and taper_realize_dose reads it: 10 mg is one 10 mg tablet. */
    double realized = 0;
    OK(taper_realize_dose(NULL, &realized, NULL, forms, 10, options, &err));
    CHECK(realized == 10);

    /* A non-zero unknown tail: refused, by init and by every reader. */
    a.bytes[size + 3] = 1;
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_realize_dose(NULL, &realized, NULL, forms, 10, options, &err));
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_realization_options_init(options, &err));
    CHECK(a.bytes[size + 3] == 1);

    /* A struct_size below ABI 1's. */
    set_size(&a, 12);
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_realize_dose(NULL, &realized, NULL, forms, 10, options, &err));
    taper_forms_free(forms);
}

/* ---- the strategy vtable and notes in stack buffers ---------------------------------- */

static int calls = 0;

/* Halves the dose once, with a note written into a stack buffer and then overwritten before
 * returning: the note survives only if the library copied it during the call. */
static int stack_note_next(void* user_data, const taper_strategy_context* context, taper_target* out) {
    (void)user_data;
    const size_t steps = taper_strategy_context_step_count(context);
    double latest = 0;
    if (taper_strategy_context_latest_dose_mg(context, &latest, NULL) != TAPER_OK) return -1;
    ++calls;
    if (steps >= 1) return 0;
    char buffer[64];
    snprintf(buffer, sizeof buffer, "from %.0f mg, halved", latest);
    if (taper_strategy_context_set_note(context, buffer, NULL) != TAPER_OK) return -1;
    memset(buffer, 'X', sizeof buffer - 1); /* the callback's frame is reused: simulate it */
    buffer[sizeof buffer - 1] = '\0';
    out->daily_dose_mg = latest / 2;
    out->phase = TAPER_PHASE_REDUCE;
    return 1;
}

static void test_vtable(const taper_database* db) {
    taper_registry* reg = NULL;
    OK(taper_registry_create_empty(&reg, &err));
    struct {
        taper_strategy_vtable vt;
        unsigned char tail[tail_size];
    } larger;
    memset(&larger, 0, sizeof larger);
    larger.vt.struct_size = sizeof larger;
    larger.vt.version = TAPER_STRATEGY_VTABLE_VERSION;
    larger.vt.next = stack_note_next;
    larger.tail[5] = 1; /* a callback this library does not know */
    FAILS(TAPER_ERROR_ABI_MISMATCH, taper_registry_add(reg, "stack-note", NULL, &larger.vt, NULL, &err));
    larger.tail[5] = 0;
    OK(taper_registry_add(reg, "stack-note", NULL, &larger.vt, NULL, &err));

    taper_request* r = NULL;
    OK(taper_request_create(&r, &err));
    OK(taper_request_set_drug(r, "citalopram", &err));
    OK(taper_request_set_daily_dose_mg(r, 20, &err));
    OK(taper_request_set_start_date(r, 2026, 1, 5, &err));
    taper_schedule* s = NULL;
    OK(taper_plan(&s, db, r, reg, "stack-note", NULL, &err));
    CHECK(calls >= 1);
    const char* note = NULL;
    OK(taper_schedule_step_note(s, &note, 0, 0, &err));
    CHECK(note != NULL && strcmp(note, "from 20 mg, halved") == 0);
    FAILS(TAPER_ERROR_INVALID_ARGUMENT, taper_strategy_context_set_note(NULL, "x", &err));
    taper_schedule_free(s);
    taper_request_free(r);
    taper_registry_free(reg);
}

int main(void) {
    taper_database* db = NULL;
    OK(taper_database_create_embedded(&db, &err));
    taper_request* r = NULL;
    OK(taper_request_create(&r, &err));
    OK(taper_request_set_drug(r, "citalopram", &err));
    OK(taper_request_set_daily_dose_mg(r, 20, &err));
    OK(taper_request_set_start_date(r, 2026, 1, 5, &err));
    taper_strategy_options* o = NULL;
    OK(taper_strategy_options_create(&o, &err));
    OK(taper_strategy_options_set_number(o, "points", TAPER_OPTION_KIND_OCCUPANCY_POINTS, 5, &err));
    taper_schedule* s = NULL;
    OK(taper_plan(&s, db, r, NULL, "hyperbolic", o, &err));
    taper_strategy_options_free(o);
    test_output(s);
    test_new_output();
    test_input(db);
    test_vtable(db);
    taper_schedule_free(s);
    taper_request_free(r);
    taper_database_free(db);
    if (failures != 0) {
        fprintf(stderr, "capi_struct_size_test: %d failures\n", failures);
        return 1;
    }
    printf("capi_struct_size_test: ok\n");
    return 0;
}
