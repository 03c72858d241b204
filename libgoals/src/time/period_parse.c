/* Reading date and period text: `2026`, `2026-Q3`, `2026-07`, `2026-07-15`
 * and `2019-10-01/2020-03-31`, exactly (no white space, no other forms).
 * Every failure names the text and says which rule it broke. */
#include <stdio.h>
#include <string.h>

#include "time/period_internal.h"
#include "util/error.h"
#include "util/quote.h"

/* Why a piece of text was refused: filled in by the scanners below. */
typedef struct reason {
    const char *side; /* "start date: ", "end date: " or "" */
    char text[128];
} reason;

#define FORMS "expected YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD"

/* Whether s[pos..pos+n) are n ASCII digits; their value in *val. */
static int digits_at(const char *s, size_t pos, size_t n, int *val)
{
    int v = 0;
    for (size_t i = pos; i < pos + n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *val = v;
    return 1;
}

static int fail(reason *why, const char *msg)
{
    snprintf(why->text, sizeof why->text, "%s", msg);
    return -1;
}

static int check_year(int year, reason *why)
{
    return year >= 1 ? 0 : fail(why, "year must be 0001..9999");
}

static int check_month(int month, reason *why)
{
    return month >= 1 && month <= 12 ? 0 : fail(why, "month must be 01..12");
}

static int check_day(int year, int month, int day, reason *why)
{
    int dim = goals__days_in_month(year, month);
    if (day >= 1 && day <= dim)
        return 0;
    snprintf(why->text, sizeof why->text, "day must be 01..%02d in %04d-%02d", dim, year, month);
    return -1;
}

/* YYYY-MM-DD, exactly. */
static int scan_date(const char *s, size_t len, int32_t *out, reason *why)
{
    int y, m, d;
    if (len != 10 || s[4] != '-' || s[7] != '-' || !digits_at(s, 0, 4, &y) ||
        !digits_at(s, 5, 2, &m) || !digits_at(s, 8, 2, &d))
        return fail(why, "expected YYYY-MM-DD");
    if (check_year(y, why) || check_month(m, why) || check_day(y, m, d, why))
        return -1;
    *out = goals__days_from_ymd(y, m, d);
    return 0;
}

static int date_error(const char *text, size_t len, const reason *why)
{
    char q[GOALS__QUOTE_MAX];
    return goals__error(GOALS_EPERIOD, "bad date '%s': %s", goals__quote(q, text, len), why->text);
}

int goals__date_parse_n(int32_t *out, const char *text, size_t len)
{
    reason why;
    int32_t day;
    if (!out)
        return goals__error(GOALS_EINVAL, "goals_date_parse: out is NULL");
    if (!text)
        return goals__error(GOALS_EINVAL, "goals_date_parse: text is NULL");
    if (scan_date(text, len, &day, &why))
        return date_error(text, len, &why);
    *out = day;
    return GOALS_OK;
}

int goals_date_parse(int32_t *out, const char *text)
{
    return goals__date_parse_n(out, text, text ? strlen(text) : 0);
}

/* start/end, both full dates, end not before start. */
static int scan_interval(const char *s, size_t len, const char *slash, goals_period *p, reason *why)
{
    size_t n1 = (size_t)(slash - s);
    int32_t a, b;
    if (scan_date(s, n1, &a, why)) {
        why->side = "start date: ";
        return -1;
    }
    if (scan_date(slash + 1, len - n1 - 1, &b, why)) {
        why->side = "end date: ";
        return -1;
    }
    if (b < a)
        return fail(why, "end date is before start date");
    p->start = a;
    p->end = b;
    p->kind = GOALS_PERIOD_INTERVAL;
    return 0;
}

static int scan_period(const char *s, size_t len, goals_period *p, reason *why)
{
    if (len == 0)
        return fail(why, "empty text, " FORMS);
    const char *slash = memchr(s, '/', len);
    if (slash)
        return scan_interval(s, len, slash, p, why);

    int y, m, d, q;
    if (len < 4 || !digits_at(s, 0, 4, &y) || (len > 4 && s[4] != '-'))
        return fail(why, FORMS);
    if (len == 4) {
        if (check_year(y, why))
            return -1;
        p->start = goals__days_from_ymd(y, 1, 1);
        p->end = goals__days_from_ymd(y, 12, 31);
        p->kind = GOALS_PERIOD_YEAR;
        return 0;
    }
    if (len == 7 && s[5] == 'Q' && digits_at(s, 6, 1, &q)) {
        if (check_year(y, why))
            return -1;
        if (q < 1 || q > 4)
            return fail(why, "quarter must be Q1..Q4");
        int m1 = 3 * q - 2;
        p->start = goals__days_from_ymd(y, m1, 1);
        p->end = goals__days_from_ymd(y, m1 + 2, goals__days_in_month(y, m1 + 2));
        p->kind = GOALS_PERIOD_QUARTER;
        return 0;
    }
    if (len == 7 && digits_at(s, 5, 2, &m)) {
        if (check_year(y, why) || check_month(m, why))
            return -1;
        p->start = goals__days_from_ymd(y, m, 1);
        p->end = goals__days_from_ymd(y, m, goals__days_in_month(y, m));
        p->kind = GOALS_PERIOD_MONTH;
        return 0;
    }
    if (len == 10 && s[7] == '-' && digits_at(s, 5, 2, &m) && digits_at(s, 8, 2, &d)) {
        if (check_year(y, why) || check_month(m, why) || check_day(y, m, d, why))
            return -1;
        p->start = p->end = goals__days_from_ymd(y, m, d);
        p->kind = GOALS_PERIOD_DAY;
        return 0;
    }
    return fail(why, FORMS);
}

int goals__period_parse_n(goals_period *out, const char *text, size_t len)
{
    goals_period p;
    reason why = {"", ""};
    if (!out)
        return goals__error(GOALS_EINVAL, "goals_period_parse: out is NULL");
    if (!text)
        return goals__error(GOALS_EINVAL, "goals_period_parse: text is NULL");
    if (scan_period(text, len, &p, &why)) {
        char q[GOALS__QUOTE_MAX];
        return goals__error(GOALS_EPERIOD, "bad period '%s': %s%s", goals__quote(q, text, len), why.side,
                            why.text);
    }
    *out = p;
    return GOALS_OK;
}

int goals_period_parse(goals_period *out, const char *text)
{
    return goals__period_parse_n(out, text, text ? strlen(text) : 0);
}
