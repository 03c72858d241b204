# Schema tests: every examples/plans/*.xml must validate against the XSD
# with xmllint (libxml2's own validator, independent of our loader), and a
# document that breaks the schema must be refused, so the check can fail.
# Included from tests/CMakeLists.txt.
find_program(GOALS_XMLLINT xmllint)
if(NOT GOALS_XMLLINT)
  message(STATUS "xmllint not found: schema tests skipped (Debian: libxml2-utils)")
  return()
endif()

set(_goals_xsd ${PROJECT_SOURCE_DIR}/libgoals/schema/goals-plan-1.xsd)
file(GLOB _goals_plans CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/examples/plans/*.xml)
foreach(_plan IN LISTS _goals_plans)
  get_filename_component(_name ${_plan} NAME_WE)
  add_test(NAME schema.${_name}
           COMMAND ${GOALS_XMLLINT} --noout --nonet --schema ${_goals_xsd} ${_plan})
  set_tests_properties(schema.${_name} PROPERTIES LABELS "schema")
endforeach()

# The negative control: a target on a measure the plan does not have.
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/schema-bad-keyref.xml
  "<plan xmlns=\"urn:libgoals:plan:1\" id=\"p\"><measure id=\"m\"/>"
  "<goal id=\"g\"><target id=\"t\" measure=\"nope\" kind=\"reach\"/></goal></plan>\n")
add_test(NAME schema.refuses-bad-keyref
         COMMAND ${GOALS_XMLLINT} --noout --nonet --schema ${_goals_xsd}
                 ${CMAKE_CURRENT_BINARY_DIR}/schema-bad-keyref.xml)
# Pass only on that error (not, say, on a schema that fails to compile).
set_tests_properties(schema.refuses-bad-keyref PROPERTIES LABELS "schema"
  PASS_REGULAR_EXPRESSION "No match found for key-sequence \\['nope'\\] of keyref")
