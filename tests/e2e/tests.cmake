# The HTML report rendered in headless Chromium (owner: report). Included
# from tests/CMakeLists.txt. Exit code 77 (Chromium missing and not
# installable) is a skip, not a failure.
if(TARGET goals_cli)
  add_test(NAME e2e.report_html
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/html.sh $<TARGET_FILE:goals_cli> ${PROJECT_SOURCE_DIR})
  set_tests_properties(e2e.report_html PROPERTIES LABELS "e2e;cli" SKIP_RETURN_CODE 77 TIMEOUT 600
    ENVIRONMENT "GOALS_SCHEMA_DIR=${PROJECT_SOURCE_DIR}/libgoals/schema")
endif()
