# cmake -DHEADER=include/taper.h -DVERSION_HEADER=include/taper/version.hpp -DOUTPUT=<file>
#       [-DCHECK=ON] -P generate_cdef.cmake
#
# Writes the cffi-ready variant of the C ABI: the declarations between TAPER_CDEF_BEGIN and
# TAPER_CDEF_END of include/taper.h with TAPER_C_API removed, preceded by the version
# macros as plain `#define NAME <number>` lines (which cffi's cdef accepts). With CHECK=ON
# it writes nothing and fails if OUTPUT differs from what it would write (the test that
# keeps bindings/common/taper_cdef.h in step with the header).
file(READ "${HEADER}" _text)
string(FIND "${_text}" "/* TAPER_CDEF_BEGIN" _begin)
string(FIND "${_text}" "/* TAPER_CDEF_END */" _end)
if(_begin EQUAL -1 OR _end EQUAL -1 OR _end LESS _begin)
  message(FATAL_ERROR "${HEADER}: the TAPER_CDEF_BEGIN / TAPER_CDEF_END markers are missing")
endif()
math(EXPR _length "${_end} - ${_begin}")
string(SUBSTRING "${_text}" ${_begin} ${_length} _body)
string(REPLACE "TAPER_C_API " "" _body "${_body}")
if(_body MATCHES "\n[ \t]*#[ \t]*(if|include|else|endif|undef)")
  message(FATAL_ERROR "${HEADER}: the cdef region may hold only `#define NAME <number>` lines")
endif()

file(STRINGS "${VERSION_HEADER}" _versions
     REGEX "^#define TAPER_(VERSION_(MAJOR|MINOR|PATCH)|ABI_VERSION) [0-9]+$")
string(REPLACE ";" "\n" _versions "${_versions}")

set(_out "/* Generated from include/taper.h by src/capi/generate_cdef.cmake: do not edit.\n")
string(APPEND _out " * The C ABI for cffi's cdef() (no preprocessor lines, no TAPER_C_API).\n")
string(APPEND _out " * Regenerate: cmake --build <build> --target taper_cdef */\n")
string(APPEND _out "${_versions}\n\n${_body}")

if(CHECK)
  if(NOT EXISTS "${OUTPUT}")
    message(FATAL_ERROR "${OUTPUT} is missing; build the taper_cdef target to write it")
  endif()
  file(READ "${OUTPUT}" _old)
  if(NOT _old STREQUAL _out)
    message(FATAL_ERROR "${OUTPUT} is out of date with ${HEADER}; build the taper_cdef target "
                        "(cmake --build <build> --target taper_cdef) and commit the result")
  endif()
else()
  file(WRITE "${OUTPUT}.tmp" "${_out}")
  file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
  file(REMOVE "${OUTPUT}.tmp")
endif()
