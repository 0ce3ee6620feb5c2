# Runs the Swift package's tests against an installed taper (what tests/swift registers as
# the ctest test `swift.package`; usable by hand as well):
#
#   cmake -DSWIFT=/opt/swift/usr/bin/swift -DPREFIX=<taper prefix> [-DSCRATCH=<dir>]
#         [-DPRELOAD=<lib>:<lib>] [-DJOBS=<n>] -P bindings/swift/Scripts/ctest-swift.cmake
#
# SwiftPM finds the C module through <prefix>/lib/pkgconfig/taper_c.pc (PKG_CONFIG_PATH);
# the test binary finds libtaper_c.so through an rpath to <prefix>/lib (and LD_LIBRARY_PATH).
# With PKG_CONFIG_PATH set, Package.swift uses the install, not the build tree.
#
# PRELOAD is for sanitizer builds: a libtaper_c built with -fsanitize=address needs the
# sanitizer runtimes loaded first. They are preloaded into the test binary only, never into
# the Swift compiler, so the package is built first (`swift build --build-tests`) and the
# test binary is then run by itself.
cmake_minimum_required(VERSION 3.25)

get_filename_component(_package "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
foreach(_var SWIFT PREFIX)
  if(NOT ${_var})
    message(FATAL_ERROR "ctest-swift.cmake: pass -D${_var}=...")
  endif()
endforeach()
if(NOT SCRATCH)
  set(SCRATCH "${_package}/.build")
endif()

# The prefix's lib directory: lib, lib64 or lib/<multiarch>, wherever taper_c.pc is.
file(GLOB _pc "${PREFIX}/lib*/pkgconfig/taper_c.pc" "${PREFIX}/lib/*/pkgconfig/taper_c.pc")
if(NOT _pc)
  message(FATAL_ERROR "no lib/pkgconfig/taper_c.pc under ${PREFIX}: install taper there first "
                      "(the ctest fixture package.install does)")
endif()
list(GET _pc 0 _pc)
get_filename_component(_pcdir "${_pc}" DIRECTORY)
get_filename_component(_libdir "${_pcdir}" DIRECTORY)

# SwiftPM does not track the headers of a system library: after taper.h changes it would
# reuse modules compiled against the old one (and old struct layouts). So the scratch
# directory remembers the headers it was built against and starts afresh when they change:
# the installed ones, and the repository's include/taper.h, which Sources/CTaper/shim.h uses
# when the package sits in the repository.
set(_stamp "${SCRATCH}/taper-headers.sha256")
set(_headers "")
foreach(_header taper.h taper/version.hpp)
  file(SHA256 "${PREFIX}/include/${_header}" _hash)
  string(APPEND _headers "${_hash}  ${_header}\n")
endforeach()
if(EXISTS "${_package}/../../include/taper.h")
  file(SHA256 "${_package}/../../include/taper.h" _hash)
  string(APPEND _headers "${_hash}  repository include/taper.h\n")
endif()
if(EXISTS "${SCRATCH}")
  set(_old "")
  if(EXISTS "${_stamp}")
    file(READ "${_stamp}" _old)
  endif()
  if(NOT _old STREQUAL _headers)
    message(STATUS "taper's headers changed since the last build in ${SCRATCH}: building afresh")
    file(REMOVE_RECURSE "${SCRATCH}")
  endif()
endif()
file(WRITE "${_stamp}" "${_headers}")

set(ENV{PKG_CONFIG_PATH} "${_pcdir}")
if(DEFINED ENV{LD_LIBRARY_PATH} AND NOT "$ENV{LD_LIBRARY_PATH}" STREQUAL "")
  set(ENV{LD_LIBRARY_PATH} "${_libdir}:$ENV{LD_LIBRARY_PATH}")
else()
  set(ENV{LD_LIBRARY_PATH} "${_libdir}")
endif()

set(_common --package-path "${_package}" --scratch-path "${SCRATCH}"
            -Xlinker -rpath -Xlinker "${_libdir}")
if(JOBS)
  list(APPEND _common --jobs ${JOBS})
endif()

execute_process(COMMAND "${SWIFT}" --version OUTPUT_VARIABLE _version ERROR_VARIABLE _version)
string(STRIP "${_version}" _version)
message(STATUS "${_version}")
message(STATUS "taper from ${PREFIX} (PKG_CONFIG_PATH=${_pcdir})")

string(TIMESTAMP _t0 "%s")
if(NOT PRELOAD)
  execute_process(COMMAND "${SWIFT}" test ${_common} RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "swift test failed: ${_rc}")
  endif()
else()
  execute_process(COMMAND "${SWIFT}" build --build-tests ${_common} RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "swift build --build-tests failed: ${_rc}")
  endif()
  execute_process(COMMAND "${SWIFT}" build --show-bin-path ${_common}
                  OUTPUT_VARIABLE _bin OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE _rc)
  file(GLOB _tests "${_bin}/*PackageTests.xctest")
  if(NOT _rc EQUAL 0 OR NOT _tests)
    message(FATAL_ERROR "no *PackageTests.xctest in '${_bin}'")
  endif()
  message(STATUS "running ${_tests} with LD_PRELOAD=${PRELOAD}")
  set(ENV{LD_PRELOAD} "${PRELOAD}")
  execute_process(COMMAND "${_tests}" --testing-library swift-testing RESULT_VARIABLE _rc)
  unset(ENV{LD_PRELOAD})
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "the Swift tests failed under the sanitizers: ${_rc}")
  endif()
endif()
string(TIMESTAMP _t1 "%s")
math(EXPR _seconds "${_t1} - ${_t0}")
message(STATUS "Swift binding tests passed (${_seconds} s, build included)")
