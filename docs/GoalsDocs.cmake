# The API reference (Doxygen over the public headers, docs/Doxyfile):
# a `docs` target, and a `docs` ctest that fails on any Doxygen warning.
find_package(Doxygen QUIET)
if(NOT DOXYGEN_FOUND)
  return()
endif()

# docs/Doxyfile is included as is; only the output folder and, for the
# test, the warning policy are set here.
file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/docs/Doxyfile.html CONTENT
  "@INCLUDE = ${PROJECT_SOURCE_DIR}/docs/Doxyfile\nOUTPUT_DIRECTORY = ${PROJECT_BINARY_DIR}/docs\n")
file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/docs/Doxyfile.check CONTENT
  "@INCLUDE = ${PROJECT_SOURCE_DIR}/docs/Doxyfile\nOUTPUT_DIRECTORY = ${PROJECT_BINARY_DIR}/docs/check\nGENERATE_HTML = NO\nGENERATE_XML = YES\nWARN_AS_ERROR = FAIL_ON_WARNINGS\n")

add_custom_target(docs
  COMMAND ${DOXYGEN_EXECUTABLE} ${PROJECT_BINARY_DIR}/docs/Doxyfile.html
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
  COMMENT "API reference in ${PROJECT_BINARY_DIR}/docs/html"
  VERBATIM)

if(GOALS_BUILD_TESTS)
  add_test(NAME docs COMMAND ${DOXYGEN_EXECUTABLE} ${PROJECT_BINARY_DIR}/docs/Doxyfile.check
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(docs PROPERTIES LABELS docs)
endif()
