# cmake -DBUILD_DIR=<build> -DPREFIX=<dir> [-DCONFIG=<cfg>] -P install_and_check.cmake
#
# Installs the build into a clean prefix and checks the layout docs/packaging.md promises,
# so a missing file fails here, with its name, rather than as a puzzling consumer error.
file(REMOVE_RECURSE "${PREFIX}")
set(_config "")
if(CONFIG)
  set(_config --config "${CONFIG}")
endif()
execute_process(
  COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}" ${_config}
  RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "cmake --install ${BUILD_DIR} --prefix ${PREFIX} failed: ${_rc}")
endif()

file(GLOB _cmakedir LIST_DIRECTORIES true "${PREFIX}/lib*/cmake/Taper" "${PREFIX}/lib/*/cmake/Taper")
file(GLOB _pcdir LIST_DIRECTORIES true "${PREFIX}/lib*/pkgconfig" "${PREFIX}/lib/*/pkgconfig")
if(NOT _cmakedir OR NOT _pcdir)
  message(FATAL_ERROR "no lib/cmake/Taper or lib/pkgconfig under ${PREFIX}")
endif()
get_filename_component(_libdir "${_pcdir}" DIRECTORY)

set(_missing "")
foreach(_file
    "${PREFIX}/include/taper.h"
    "${PREFIX}/include/taper/taper.hpp"
    "${PREFIX}/include/taper/version.hpp"
    "${_libdir}/libtaper.a"
    "${_libdir}/libtaper_c.so"
    "${_cmakedir}/TaperConfig.cmake"
    "${_cmakedir}/TaperConfigVersion.cmake"
    "${_cmakedir}/TaperTargets.cmake"
    "${_pcdir}/taper.pc"
    "${_pcdir}/taper_c.pc")
  if(NOT EXISTS "${_file}")
    list(APPEND _missing "${_file}")
  endif()
endforeach()
file(GLOB _soname "${_libdir}/libtaper_c.so.[0-9]*")
if(NOT _soname)
  list(APPEND _missing "${_libdir}/libtaper_c.so.<SOVERSION>")
endif()
if(_missing)
  list(JOIN _missing "\n  " _missing)
  message(FATAL_ERROR "installed package is missing:\n  ${_missing}")
endif()

# The private JSON dependency must not leak into what consumers load.
file(GLOB _exported "${_cmakedir}/*.cmake" "${_pcdir}/taper*.pc")
foreach(_file IN LISTS _exported)
  file(STRINGS "${_file}" _hits REGEX "nlohmann")
  if(_hits)
    message(FATAL_ERROR "${_file} mentions nlohmann_json, a private dependency:\n${_hits}")
  endif()
endforeach()
message(STATUS "installed into ${PREFIX}")
