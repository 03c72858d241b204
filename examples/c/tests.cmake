# Tests of the installed product (label "install"), included from the top
# CMakeLists.txt: install into a temporary prefix, then build plan_demo.c
# through pkg-config, and through find_package(libgoals).
foreach(_mode pkg-config cmake)
  add_test(NAME install.${_mode}
    COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/test-installed.sh ${_mode} ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  # One install at a time: each writes the build's libgoals.pc for its prefix.
  set_tests_properties(install.${_mode} PROPERTIES LABELS install RESOURCE_LOCK goals_install
    ENVIRONMENT "CMAKE=${CMAKE_COMMAND};CC=${CMAKE_C_COMPILER}")
endforeach()
