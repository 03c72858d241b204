# Run at install time (see GoalsPackage.cmake): writes libgoals.pc from
# pkgconfig/libgoals.pc.in with full paths under the install prefix in use.
foreach(_dir LIBDIR INCLUDEDIR SCHEMADIR)
  if(NOT IS_ABSOLUTE "${GOALS_PC_${_dir}}")
    set(GOALS_PC_${_dir} "${CMAKE_INSTALL_PREFIX}/${GOALS_PC_${_dir}}")
  endif()
endforeach()
set(GOALS_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
configure_file("${GOALS_PC_IN}" "${GOALS_PC_OUT}" @ONLY)
