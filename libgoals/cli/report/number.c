/* Numbers as text for the reports, the same in every locale.
 *
 * printf and strtod follow LC_NUMERIC, which may put a comma where JSON and
 * CSV need a point. The command leaves LC_NUMERIC at "C", but a report must
 * not depend on that: the text is made with the C library, checked against
 * itself under the same locale, and its decimal point then made '.'. */
#include "report.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Replaces the locale's decimal point (which may be several bytes) by '.'. */
static void point_to_dot(char *buf)
{
    const char *dp = localeconv()->decimal_point;
    size_t len;
    char *at;

    if (dp == NULL || dp[0] == '\0' || strcmp(dp, ".") == 0)
        return;
    at = strstr(buf, dp);
    if (at == NULL)
        return;
    len = strlen(dp);
    *at = '.';
    memmove(at + 1, at + len, strlen(at + len) + 1);
}

void report_num_exact(char *buf, double v)
{
    int prec, exp10 = 0;
    const char *e;

    /* The fewest significant digits that read back exactly (17 always do). */
    for (prec = 1; prec < 17; prec++) {
        snprintf(buf, REPORT_NUM_MAX, "%.*e", prec - 1, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    snprintf(buf, REPORT_NUM_MAX, "%.*e", prec - 1, v);
    e = strchr(buf, 'e');
    if (e != NULL)
        exp10 = atoi(e + 1);
    /* Plain decimals where they are short ("320", "0.001"), else the exponent. */
    if (v != 0 && exp10 >= -5 && exp10 < 17) {
        int decimals = prec - 1 - exp10;
        snprintf(buf, REPORT_NUM_MAX, "%.*f", decimals > 0 ? decimals : 0, v);
    } else if (v == 0) {
        snprintf(buf, REPORT_NUM_MAX, "%s", signbit(v) ? "-0" : "0");
    }
    point_to_dot(buf);
}

void report_num_human(char *buf, double v)
{
    double mag = fabs(v);
    int digits = 4;

    /* Keep every digit of the integer part (up to 15) and one decimal more. */
    if (mag >= 1000 && mag < 1e15)
        digits = (int)floor(log10(mag)) + 2;
    if (digits > 17)
        digits = 17;
    snprintf(buf, REPORT_NUM_MAX, "%.*g", digits, v);
    point_to_dot(buf);
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
}
