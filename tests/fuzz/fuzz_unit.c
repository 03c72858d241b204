/* Fuzz target: unit text. The input is one unit, or two separated by a
 * newline (from and to). A unit that checks has a canonical form that
 * checks too and converts to it with a factor of 1 (up to rounding). */
#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "goals/goals.h"

#define MAX_TEXT 256

static void one(const char *unit)
{
    if (goals_unit_check(unit) != GOALS_OK) {
        FUZZ_CHECK(goals_error_last()->code == GOALS_EUNIT);
        return;
    }
    char canon[512];
    size_t len = 0;
    FUZZ_CHECK(goals_unit_canonical(unit, canon, sizeof canon, &len) == GOALS_OK);
    /* The canonical form spells every prefix and power out, so it can be
     * longer than the 256 bytes unit text may have (GOALS__UNIT_TEXT_MAX):
     * `m2*m3*…` of 250 bytes gives `1.5e-149 km*km*…*mu`. Only a form
     * within that length must read back. */
    if (len > 256 || len >= sizeof canon)
        return;
    FUZZ_CHECK(goals_unit_check(canon) == GOALS_OK);
    double f = 0;
    if (goals_unit_factor(&f, unit, canon) == GOALS_OK)
        FUZZ_CHECK(fabs(f - 1) < 1e-9);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[MAX_TEXT + 1];
    if (size > MAX_TEXT)
        size = MAX_TEXT;
    memcpy(text, data, size);
    text[size] = '\0';
    char *to = strchr(text, '\n');
    if (to)
        *to++ = '\0';
    one(text);
    if (to) {
        one(to);
        double f = 0, v = 0;
        int rc = goals_unit_factor(&f, text, to);
        if (rc == GOALS_OK) {
            FUZZ_CHECK(isfinite(f) && f > 0);
            rc = goals_unit_convert(&v, 2.5, text, to);
            FUZZ_CHECK(rc == GOALS_OK || rc == GOALS_ERANGE);
        } else {
            FUZZ_CHECK(rc == GOALS_EUNIT || rc == GOALS_ERANGE);
        }
    }
    return 0;
}
