# Install rules and the package files consumers use:
#
#   <prefix>/include/taper.h, include/taper/...        the headers (C ABI and C++)
#   <prefix>/lib/libtaper.a                             Taper::taper   (static, PIC)
#   <prefix>/lib/libtaper_c.so.<SOVERSION>              Taper::taper_c (shared, C ABI)
#   <prefix>/lib/cmake/Taper/TaperConfig.cmake          find_package(Taper)
#   <prefix>/lib/cmake/Taper/TaperConfigVersion.cmake
#   <prefix>/lib/cmake/Taper/TaperTargets*.cmake
#   <prefix>/lib/pkgconfig/taper.pc, taper_c.pc         pkg-config taper / taper_c
#   <prefix>/bin/taper                                  the command, when it is built
#
# The build tree is a package too: point Taper_DIR at the build directory to use a build
# without installing it. See docs/packaging.md.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(TAPER_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/Taper"
    CACHE STRING "Where TaperConfig.cmake goes, relative to the install prefix")
set(TAPER_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig"
    CACHE STRING "Where taper.pc goes, relative to the install prefix")
mark_as_advanced(TAPER_INSTALL_CMAKEDIR TAPER_INSTALL_PKGCONFIGDIR)

# Components let a distribution split a runtime package (the C ABI's .so.N) from a
# development package (headers, static library, .so link, CMake and pkg-config files).
install(TARGETS taper taper_c EXPORT TaperTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT Taper_Development
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT Taper_Runtime
          NAMELINK_COMPONENT Taper_Development
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT Taper_Runtime
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
  COMPONENT Taper_Development
  FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp")

# The command-line tool, once src/cli defines it. It is not part of the export set: a
# consumer links the libraries, it does not build against the tool.
if(TARGET taper_cli)
  install(TARGETS taper_cli RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT Taper_Tools)
endif()

install(EXPORT TaperTargets
  NAMESPACE Taper::
  DESTINATION "${TAPER_INSTALL_CMAKEDIR}"
  COMPONENT Taper_Development)

# TaperConfig.cmake. What the installed headers need (Boost) is a find_dependency; what
# only the compiled part needs (nlohmann_json, linked through $<BUILD_INTERFACE>) is not,
# so a consumer never has to have nlohmann_json. The build-tree export keeps the
# $<BUILD_INTERFACE> link, so the build-tree config (below) also finds nlohmann_json.
set(TAPER_CONFIG_BUILD_TREE_DEPENDENCIES "")
configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/TaperConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/cmake/install/TaperConfig.cmake"
  INSTALL_DESTINATION "${TAPER_INSTALL_CMAKEDIR}")

# Versions 0.x promise nothing across minor releases (0.1 -> 0.2 may break the API), so
# while the major version is 0 only the same MAJOR.MINOR satisfies a request; from 1.0 on
# the usual semantic-versioning rule, the same major version, applies.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(_taper_compatibility SameMinorVersion)
else()
  set(_taper_compatibility SameMajorVersion)
endif()
write_basic_package_version_file("${PROJECT_BINARY_DIR}/TaperConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY ${_taper_compatibility})
unset(_taper_compatibility)

install(FILES
  "${PROJECT_BINARY_DIR}/cmake/install/TaperConfig.cmake"
  "${PROJECT_BINARY_DIR}/TaperConfigVersion.cmake"
  DESTINATION "${TAPER_INSTALL_CMAKEDIR}"
  COMPONENT Taper_Development)

# pkg-config files. Paths are relative to the .pc file (${pcfiledir}), so the files stay
# right when the prefix is chosen at install time (`cmake --install . --prefix <dir>`).
function(_taper_pc_relative out_var dir)
  if(IS_ABSOLUTE "${dir}")
    set(${out_var} "${dir}" PARENT_SCOPE)
  else()
    set(${out_var} "\${prefix}/${dir}" PARENT_SCOPE)
  endif()
endfunction()
if(IS_ABSOLUTE "${TAPER_INSTALL_PKGCONFIGDIR}")
  set(TAPER_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  # /x/<pkgconfigdir> -> /x gives "../.." for lib/pkgconfig, "../../.." for
  # lib/x86_64-linux-gnu/pkgconfig.
  file(RELATIVE_PATH _taper_up "/x/${TAPER_INSTALL_PKGCONFIGDIR}" "/x")
  string(REGEX REPLACE "/$" "" _taper_up "${_taper_up}")
  set(TAPER_PC_PREFIX "\${pcfiledir}/${_taper_up}")
  unset(_taper_up)
endif()
_taper_pc_relative(TAPER_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
_taper_pc_relative(TAPER_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
foreach(_pc IN ITEMS taper taper_c)
  configure_file("${CMAKE_CURRENT_LIST_DIR}/${_pc}.pc.in" "${PROJECT_BINARY_DIR}/${_pc}.pc" @ONLY)
  install(FILES "${PROJECT_BINARY_DIR}/${_pc}.pc"
    DESTINATION "${TAPER_INSTALL_PKGCONFIGDIR}"
    COMPONENT Taper_Development)
endforeach()

# Build-tree package: find_package(Taper) with Taper_DIR=<build dir> uses the targets as
# built here, headers from the source tree. Useful for trying a change in a consumer
# without installing.
export(EXPORT TaperTargets
  NAMESPACE Taper::
  FILE "${PROJECT_BINARY_DIR}/TaperTargets.cmake")
set(TAPER_CONFIG_BUILD_TREE_DEPENDENCIES "find_dependency(nlohmann_json 3.10)")
configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/TaperConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/TaperConfig.cmake"
  INSTALL_DESTINATION "${PROJECT_BINARY_DIR}"
  INSTALL_PREFIX "${PROJECT_BINARY_DIR}")
unset(TAPER_CONFIG_BUILD_TREE_DEPENDENCIES)
