/* taper: the C ABI.
 *
 * Plain C11, for C programs and for other languages' foreign-function interfaces
 * (Python through cffi, Swift through its clang importer). Every function is
 * taper_<area>_<verb>, never throws, and states who owns what it returns.
 * See docs/c-api.md. */
#ifndef TAPER_H
#define TAPER_H

#include <taper/version.hpp>

/* TAPER_C_API marks the functions the shared library exports; everything else in it is
 * hidden. Define TAPER_C_STATIC when linking a static build of the C ABI. */
#if defined(TAPER_C_STATIC)
#define TAPER_C_API
#elif defined(_WIN32)
#if defined(TAPER_C_BUILDING)
#define TAPER_C_API __declspec(dllexport)
#else
#define TAPER_C_API __declspec(dllimport)
#endif
#else
#define TAPER_C_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The library's version as "MAJOR.MINOR.PATCH". Static storage: never free it. */
TAPER_C_API const char* taper_version(void);

/* The ABI version the library was built with (TAPER_ABI_VERSION). A binding compares it
 * with the TAPER_ABI_VERSION it was written against and refuses a mismatch. */
TAPER_C_API int taper_abi_version(void);

#ifdef __cplusplus
}
#endif

#endif /* TAPER_H */
