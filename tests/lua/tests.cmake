# The Lua tests (included from bindings/lua/CMakeLists.txt): the suite in
# tests/lua/test_*.lua, run by our runner (run.lua) under each Lua version
# the module was built for, against the build tree; and an install test that
# requires the module from a fresh `cmake --install` prefix.
file(GLOB GOALS_LUA_TEST_FILES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/lua/test_*.lua)
list(SORT GOALS_LUA_TEST_FILES)

foreach(_ver IN LISTS GOALS_LUA_BUILT)
  string(REPLACE "." "_" _u ${_ver})
  find_program(GOALS_LUA_INTERPRETER_${_u} NAMES lua${_ver})
  if(NOT GOALS_LUA_INTERPRETER_${_u})
    message(STATUS "Lua ${_ver} tests skipped: no lua${_ver} interpreter (Debian: apt-get install lua${_ver})")
    continue()
  endif()
  add_test(NAME lua.api.${_ver}
    COMMAND ${GOALS_LUA_INTERPRETER_${_u}} ${PROJECT_SOURCE_DIR}/tests/lua/run.lua ${GOALS_LUA_TEST_FILES}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(lua.api.${_ver} PROPERTIES LABELS "lua"
    FAIL_REGULAR_EXPRESSION "[1-9][0-9]* failed"
    ENVIRONMENT "LD_PRELOAD=${GOALS_LUA_PRELOAD};LUA_CPATH_${_u}=${CMAKE_CURRENT_BINARY_DIR}/${_ver}/?.so;LUA_PATH_${_u}=${PROJECT_SOURCE_DIR}/bindings/lua/?.lua\\;${PROJECT_SOURCE_DIR}/tests/lua/?.lua;GOALS_SOURCE_DIR=${PROJECT_SOURCE_DIR};GOALS_SCHEMA_DIR=${PROJECT_SOURCE_DIR}/libgoals/schema;GOALS_CLI=$<TARGET_FILE:goals_cli>")

  add_test(NAME lua.install.${_ver}
    COMMAND bash ${PROJECT_SOURCE_DIR}/tests/lua/install.sh ${PROJECT_BINARY_DIR} ${GOALS_LUA_INTERPRETER_${_u}} ${_ver})
  set_tests_properties(lua.install.${_ver} PROPERTIES LABELS "lua;install" RESOURCE_LOCK goals_install
    ENVIRONMENT "CMAKE=${CMAKE_COMMAND}")
endforeach()
