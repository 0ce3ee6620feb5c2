/* What the parts of the C ABI test share (capi_test.c and capi_test_*.c, one program): the
 * checks, the error slot each call writes, and the test of each handle family. */
#ifndef TAPER_CAPI_CHECK_H
#define TAPER_CAPI_CHECK_H

#include <taper.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TAPER_TEST_DATA_DIR
#error "TAPER_TEST_DATA_DIR must name tests/data"
#endif

extern int failures;
extern int checks;
extern taper_error* err; /* every call's error out-parameter; OK and FAILS free it */

#define CHECK(cond) check_((cond) != 0, #cond, __FILE__, __LINE__)
#define NEAR(a, b, tol) near_((a), (b), (tol), #a, __FILE__, __LINE__)
#define OK(call) ok_((call), #call, __FILE__, __LINE__)
#define FAILS(status, call) fails_((status), (call), #call, __FILE__, __LINE__, NULL)
#define FAILS_WITH(status, call, text) fails_((status), (call), #call, __FILE__, __LINE__, (text))
#define STR_EQ(a, b) str_eq_((a), (b), #a, __FILE__, __LINE__)
#define CONTAINS(a, b) contains_((a), (b), #a, __FILE__, __LINE__)

void check_(int ok, const char* text, const char* file, int line);
void near_(double a, double b, double tol, const char* text, const char* file, int line);
void str_eq_(const char* a, const char* b, const char* text, const char* file, int line);
void contains_(const char* a, const char* b, const char* text, const char* file, int line);
/* The call must succeed and leave `err` untouched. */
void ok_(taper_status status, const char* text, const char* file, int line);
/* The call must fail with `expected`, set `err` with the same status and a message (that
 * contains `text_in_message`, if given). */
void fails_(taper_status expected, taper_status status, const char* text, const char* file, int line,
            const char* text_in_message);

/* A citalopram request: 20 mg, from 2026-01-05, four-weekly (capi_check.c); the caller frees it. */
taper_request* citalopram_request(void);

/* The tests, one function per handle family (each in its own file). */
void test_versions_and_names(void);
void test_parse_and_format(void);
void test_string_outs_checked_first(taper_database* db, taper_registry* builtins);
void test_database(taper_database* db);
void test_request(taper_database* db);
void test_request_fields(void);
void test_options(void);
void test_schemas(taper_database* db, taper_registry* builtins);
void test_hyperbolic_plan(taper_database* db, taper_registry* builtins);
void test_proportional_and_others(taper_database* db);
void test_registry_and_c_strategy(taper_database* db);
void test_forms_and_realization(taper_database* db);
void test_conversions(taper_database* db);
void test_journal(taper_database* db);
void test_several(taper_database* db);
void test_simulation(taper_database* db);

#endif
