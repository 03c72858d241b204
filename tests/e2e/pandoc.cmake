# End-to-end test of the Pandoc filter (included from bindings/lua/CMakeLists.txt):
# pandoc runs examples/lua/goals-report.lua on examples/lua/report.md, to HTML
# and to docx; the HTML's status tables are checked against
# `goals report --format json` on the same inputs (tests/e2e/pandoc_report.sh).
find_program(GOALS_PANDOC NAMES pandoc)
if(NOT GOALS_PANDOC)
  message(STATUS "Pandoc filter test skipped: no pandoc (Debian: apt-get install pandoc)")
  return()
endif()
# Any Python 3 reads the HTML and JSON (standard library only). Not
# find_package(Python3): that would settle the interpreter the Python binding
# is built for, which bindings/CMakeLists.txt chooses after this.
find_program(GOALS_E2E_PYTHON NAMES python3)
if(NOT GOALS_E2E_PYTHON)
  message(STATUS "Pandoc filter test skipped: no Python 3 to read the HTML and JSON")
  return()
endif()

# Whichever Lua the pandoc embeds finds the module of its version in the build tree.
set(_env "GOALS_LUA_PRELOAD=${GOALS_LUA_PRELOAD};GOALS_CLI=$<TARGET_FILE:goals_cli>;PANDOC=${GOALS_PANDOC};PYTHON=${GOALS_E2E_PYTHON}")
foreach(_ver IN LISTS GOALS_LUA_BUILT)
  string(REPLACE "." "_" _u ${_ver})
  list(APPEND _env "LUA_CPATH_${_u}=${PROJECT_BINARY_DIR}/bindings/lua/${_ver}/?.so"
                   "LUA_PATH_${_u}=${PROJECT_SOURCE_DIR}/bindings/lua/?.lua")
endforeach()
add_test(NAME e2e.pandoc COMMAND bash ${PROJECT_SOURCE_DIR}/tests/e2e/pandoc_report.sh ${PROJECT_SOURCE_DIR})
set_tests_properties(e2e.pandoc PROPERTIES LABELS "lua;e2e" ENVIRONMENT "${_env}" SKIP_RETURN_CODE 77)
