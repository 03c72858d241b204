/* Periods as values: made from days, written in canonical text, ordered. */
#include <stdio.h>
#include <string.h>

#include "time/period_internal.h"
#include "util/error.h"

static int in_range(int32_t day)
{
    return day >= GOALS__DAY_MIN && day <= GOALS__DAY_MAX;
}

goals_period_kind goals__period_kind_of(int32_t start, int32_t end)
{
    int sy, sm, sd, ey, em, ed;
    if (start == end)
        return GOALS_PERIOD_DAY;
    goals_date_to_ymd(start, &sy, &sm, &sd);
    goals_date_to_ymd(end, &ey, &em, &ed);
    if (sy != ey || sd != 1 || ed != goals__days_in_month(ey, em))
        return GOALS_PERIOD_INTERVAL;
    if (sm == 1 && em == 12)
        return GOALS_PERIOD_YEAR;
    if (sm % 3 == 1 && em == sm + 2)
        return GOALS_PERIOD_QUARTER;
    if (sm == em)
        return GOALS_PERIOD_MONTH;
    return GOALS_PERIOD_INTERVAL;
}

int goals_period_from_days(goals_period *out, int32_t start, int32_t end)
{
    if (!out)
        return goals__error(GOALS_EINVAL, "goals_period_from_days: out is NULL");
    if (!in_range(start) || !in_range(end))
        return goals__error(GOALS_EPERIOD, "bad period: day %ld is outside 0001-01-01..9999-12-31",
                            (long)(in_range(start) ? end : start));
    if (end < start) {
        char a[11], b[11];
        goals_date_format(start, a, sizeof a);
        goals_date_format(end, b, sizeof b);
        return goals__error(GOALS_EPERIOD, "bad period: end %s is before start %s", b, a);
    }
    out->start = start;
    out->end = end;
    out->kind = goals__period_kind_of(start, end);
    return GOALS_OK;
}

/* A period is valid when its days are in range and in order, and a narrow
 * kind spans exactly what it names (a YEAR period is a whole year …). */
static int valid(const goals_period *p)
{
    if (!p || !in_range(p->start) || !in_range(p->end) || p->end < p->start)
        return 0;
    if (p->kind == GOALS_PERIOD_INTERVAL)
        return 1;
    return p->kind == goals__period_kind_of(p->start, p->end);
}

size_t goals_period_format(const goals_period *period, char *buf, size_t size)
{
    char text[GOALS_PERIOD_TEXT_MAX];
    int y, m;
    if (buf && size)
        buf[0] = '\0';
    if (!valid(period))
        return 0;
    goals_date_to_ymd(period->start, &y, &m, NULL);
    switch (period->kind) {
    case GOALS_PERIOD_YEAR:
        snprintf(text, sizeof text, "%04d", y);
        break;
    case GOALS_PERIOD_QUARTER:
        snprintf(text, sizeof text, "%04d-Q%d", y, (m + 2) / 3);
        break;
    case GOALS_PERIOD_MONTH:
        snprintf(text, sizeof text, "%04d-%02d", y, m);
        break;
    case GOALS_PERIOD_DAY:
        goals_date_format(period->start, text, sizeof text);
        break;
    default: /* GOALS_PERIOD_INTERVAL; valid() refused any other value */
        goals_date_format(period->start, text, sizeof text);
        text[10] = '/';
        goals_date_format(period->end, text + 11, sizeof text - 11);
        break;
    }
    size_t n = strlen(text);
    if (buf && size) {
        size_t k = n < size ? n : size - 1;
        memcpy(buf, text, k);
        buf[k] = '\0';
    }
    return n;
}

int goals_period_compare(const goals_period *a, const goals_period *b)
{
    /* NULL sorts first, so that sorting never crashes on a hole. */
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return 0;
}

int goals_period_contains(const goals_period *period, int32_t date)
{
    return period && date >= period->start && date <= period->end;
}
