#pragma once
// What the fuzz targets share: a failed invariant aborts (libFuzzer then saves the input as a
// crash), and the errors taper throws on purpose are the expected answer to bad input.
#include <cstdio>
#include <cstdlib>

/// Aborts with the invariant's text when `ok` is false. Not assert(): fuzz builds may define
/// NDEBUG, and an invariant must be checked in every build.
#define TAPER_FUZZ_REQUIRE(ok)                                                         \
    do {                                                                               \
        if (!(ok)) {                                                                   \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #ok); \
            std::abort();                                                              \
        }                                                                              \
    } while (0)
