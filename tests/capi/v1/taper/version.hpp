#pragma once
/* The one place the version lives. CMake reads the TAPER_VERSION_* and TAPER_ABI_VERSION
 * lines (see the top-level CMakeLists.txt), so keep the format `#define NAME <number>`.
 * The macros are plain C so that include/taper.h (the C ABI) can use them too. */
#define TAPER_VERSION_MAJOR 0
#define TAPER_VERSION_MINOR 1
#define TAPER_VERSION_PATCH 0
/* Bumped on any incompatible change to the C ABI; the shared library's SOVERSION. */
#define TAPER_ABI_VERSION 1

#define TAPER_DETAIL_STR2(x) #x
#define TAPER_DETAIL_STR(x) TAPER_DETAIL_STR2(x)
#define TAPER_VERSION_STRING                                                      \
    TAPER_DETAIL_STR(TAPER_VERSION_MAJOR)                                         \
    "." TAPER_DETAIL_STR(TAPER_VERSION_MINOR) "." TAPER_DETAIL_STR(TAPER_VERSION_PATCH)

#ifdef __cplusplus
namespace taper {
inline constexpr int version_major = TAPER_VERSION_MAJOR;
inline constexpr int version_minor = TAPER_VERSION_MINOR;
inline constexpr int version_patch = TAPER_VERSION_PATCH;
inline constexpr const char* version_string = TAPER_VERSION_STRING;
}  // namespace taper
#endif
