/* io: the streaming loader's parse (tree.c) against libxml2 2.9's quirks:
 * errors found while the XSD is plugged into the SAX2 stream. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <libxml/xmlerror.h>

#include "goals/goals.h"
#include "support.h"

/* ------------------------------------------------------------- helpers */

static int host_errors;
#if LIBXML_VERSION >= 21200
static void host_handler(void *ctx, const xmlError *e)
#else
static void host_handler(void *ctx, xmlErrorPtr e)
#endif
{
    (void)ctx;
    (void)e;
    host_errors++;
}

static int load(const char *doc, int validate)
{
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    if (validate) {
        opts.flags = GOALS_LOAD_VALIDATE;
        opts.schema_dir = GOALS_SOURCE_DIR "/libgoals/schema";
    }
    goals_plan *p = (goals_plan *)1;
    int rc = goals_plan_load_memory(&p, doc, strlen(doc), &opts);
    assert_null(p);
    assert_int_equal(goals_error_last()->code, rc);
    assert_true(goals_error_last()->message[0] != '\0');
    return rc;
}

/* --------------------------------------------------------------- tests */

/* A document that is not well-formed fails the same way with and without
 * GOALS_LOAD_VALIDATE: libxml2's words at libxml2's place. The XSD's SAX
 * plug has no structured error handler of its own, so the parser's errors
 * once went past ours, to the host's global handler, and the load said only
 * "not well-formed XML" at the document's last line. */
static void test_parse_error_while_validating(void **state)
{
    (void)state;
    static const char *const docs[] = {
        "<plan xmlns='urn:libgoals:plan:1' id='p'>\n<goal id='a'>\n</plan>\n\n\n",
        "<plan xmlns='urn:libgoals:plan:1' id='p'>\n<goal id='a' id='b'/>\n\n\n\n</plan>\n",
        "<plan xmlns='urn:libgoals:plan:1' id='p'>\n  <g:goal id='a'/>\n\n</plan>\n",
    };
    xmlSetStructuredErrorFunc(NULL, host_handler);
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        host_errors = 0;
        assert_int_equal(load(docs[i], 0), GOALS_EPARSE);
        char plain[512];
        snprintf(plain, sizeof plain, "%s", test_error_text());
        assert_int_equal(load(docs[i], 1), GOALS_EPARSE);
        assert_string_equal(test_error_text(), plain);
        assert_int_equal(goals_error_last()->line, 2 + (i == 0));
        assert_int_equal(host_errors, 0);
    }
    xmlSetStructuredErrorFunc(NULL, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_error_while_validating),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
