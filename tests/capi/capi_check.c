/* The checks the parts of the C ABI test share (capi_check.h). */
#include "capi_check.h"

int failures = 0;
int checks = 0;
taper_error* err = NULL;

void check_(int ok, const char* text, const char* file, int line) {
    ++checks;
    if (!ok) {
        fprintf(stderr, "%s:%d: CHECK failed: %s\n", file, line, text);
        ++failures;
    }
}

void near_(double a, double b, double tol, const char* text, const char* file, int line) {
    ++checks;
    if (!(fabs(a - b) <= tol)) {
        fprintf(stderr, "%s:%d: %s = %.12g, expected %.12g +- %g\n", file, line, text, a, b, tol);
        ++failures;
    }
}

void str_eq_(const char* a, const char* b, const char* text, const char* file, int line) {
    ++checks;
    if (a == NULL || strcmp(a, b) != 0) {
        fprintf(stderr, "%s:%d: %s = \"%s\", expected \"%s\"\n", file, line, text, a ? a : "(NULL)", b);
        ++failures;
    }
}

void contains_(const char* a, const char* b, const char* text, const char* file, int line) {
    ++checks;
    if (a == NULL || strstr(a, b) == NULL) {
        fprintf(stderr, "%s:%d: %s = \"%s\" does not contain \"%s\"\n", file, line, text, a ? a : "(NULL)", b);
        ++failures;
    }
}

/* The call must succeed and leave `err` untouched. */
void ok_(taper_status status, const char* text, const char* file, int line) {
    ++checks;
    if (status != TAPER_OK) {
        fprintf(stderr, "%s:%d: %s failed: %s: %s\n", file, line, text, taper_status_name(status),
                taper_error_message(err));
        ++failures;
    } else if (err != NULL) {
        fprintf(stderr, "%s:%d: %s succeeded but set an error\n", file, line, text);
        ++failures;
    }
    taper_error_free(err);
    err = NULL;
}

/* The call must fail with `expected`, set `err` with the same status and a message (that
 * contains `text_in_message`, if given). */
void fails_(taper_status expected, taper_status status, const char* text, const char* file, int line,
                   const char* text_in_message) {
    ++checks;
    if (status != expected) {
        fprintf(stderr, "%s:%d: %s returned %s, expected %s (%s)\n", file, line, text, taper_status_name(status),
                taper_status_name(expected), taper_error_message(err));
        ++failures;
    } else if (err == NULL) {
        fprintf(stderr, "%s:%d: %s failed without an error object\n", file, line, text);
        ++failures;
    } else if (taper_error_status(err) != expected || taper_error_message(err)[0] == '\0') {
        fprintf(stderr, "%s:%d: %s: error object says %s \"%s\"\n", file, line, text,
                taper_status_name(taper_error_status(err)), taper_error_message(err));
        ++failures;
    } else if (text_in_message != NULL && strstr(taper_error_message(err), text_in_message) == NULL) {
        fprintf(stderr, "%s:%d: %s: message \"%s\" does not contain \"%s\"\n", file, line, text,
                taper_error_message(err), text_in_message);
        ++failures;
    }
    taper_error_free(err);
    err = NULL;
}

/* A citalopram request: 20 mg, from 2026-01-05, four-weekly. */
taper_request* citalopram_request(void) {
    taper_request* r = NULL;
    OK(taper_request_create(&r, &err));
    OK(taper_request_set_drug(r, "citalopram", &err));
    OK(taper_request_set_daily_dose_mg(r, 20, &err));
    OK(taper_request_set_start_date(r, 2026, 1, 5, &err));
    OK(taper_request_set_interval_days(r, 28, &err));
    return r;
}
