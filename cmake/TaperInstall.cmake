# Install rules: headers, targets, TaperConfig.cmake + version file, taper.pc.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)
install(TARGETS taper taper_c EXPORT TaperTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/" DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
