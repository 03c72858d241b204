# Packaging for users of the installed library: a CMake package
# (find_package(libgoals) -> libgoals::goals) and a pkg-config file.
include(CMakePackageConfigHelpers)

set(GOALS_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/libgoals)
set(GOALS_SCHEMA_INSTALL_DIR ${CMAKE_INSTALL_DATADIR}/libgoals/schema)

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/libgoalsConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/libgoalsConfig.cmake
  INSTALL_DESTINATION ${GOALS_CMAKE_INSTALL_DIR}
  PATH_VARS GOALS_SCHEMA_INSTALL_DIR)
# Before 1.0 a minor release may change the API; from 1.0 on, the major one.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(_goals_compat SameMinorVersion)
else()
  set(_goals_compat SameMajorVersion)
endif()
write_basic_package_version_file(${PROJECT_BINARY_DIR}/cmake/libgoalsConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY ${_goals_compat})
install(FILES ${PROJECT_BINARY_DIR}/cmake/libgoalsConfig.cmake
              ${PROJECT_BINARY_DIR}/cmake/libgoalsConfigVersion.cmake
  DESTINATION ${GOALS_CMAKE_INSTALL_DIR} COMPONENT dev)
install(EXPORT libgoalsTargets NAMESPACE libgoals:: FILE libgoalsTargets.cmake
  DESTINATION ${GOALS_CMAKE_INSTALL_DIR} COMPONENT dev)

# libgoals.pc holds full paths, so it is written when installing, for the
# prefix actually used: `cmake --install build --prefix DIR` gets a .pc file
# that points into DIR, not at the prefix chosen when configuring.
install(CODE "
  set(GOALS_PC_IN \"${PROJECT_SOURCE_DIR}/pkgconfig/libgoals.pc.in\")
  set(GOALS_PC_OUT \"${PROJECT_BINARY_DIR}/pkgconfig/libgoals.pc\")
  set(GOALS_PC_LIBDIR \"${CMAKE_INSTALL_LIBDIR}\")
  set(GOALS_PC_INCLUDEDIR \"${CMAKE_INSTALL_INCLUDEDIR}\")
  set(GOALS_PC_SCHEMADIR \"${GOALS_SCHEMA_INSTALL_DIR}\")
  set(GOALS_PC_VERSION \"${PROJECT_VERSION}\")
  set(GOALS_PC_DESCRIPTION \"${PROJECT_DESCRIPTION}\")
  include(\"${CMAKE_CURRENT_LIST_DIR}/GoalsPkgConfig.cmake\")
" COMPONENT dev)
install(FILES ${PROJECT_BINARY_DIR}/pkgconfig/libgoals.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT dev)
