/* taper's C ABI. In a taper checkout the header is the repository's own include/taper.h
 * (four levels up from here), the one this binding was written against, whether the library
 * comes from a build tree or an install (Package.swift). A copy of the package outside the
 * repository uses the installed header, from the include directory pkg-config gives
 * (taper_c.pc). */
#if __has_include("../../../../include/taper.h")
#include "../../../../include/taper.h"
#else
#include <taper.h>
#endif
