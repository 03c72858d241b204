/* Series for evaluation: the totals of a measure up to a day, with derived
 * measures computed per period from their parts. */
#include <math.h>
#include <string.h>

#include "eval.h"
#include "util/alloc.h"
#include "util/error.h"

/* Derived measures may nest; deeper than this is refused as no data. */
#define MAX_DERIVATION_DEPTH 32

void goals__series_free(goals__series *s)
{
    goals__free(s->p);
    goals__free(s->t);
    goals__free(s->y);
    memset(s, 0, sizeof *s);
}

static int reserve(goals__series *s, size_t need)
{
    if (need <= s->cap)
        return GOALS_OK;
    size_t cap = s->cap ? s->cap : 16;
    while (cap < need)
        cap *= 2;
    goals_period *p = goals__reallocarray(s->p, cap, sizeof *p);
    if (!p)
        return goals__oom();
    s->p = p;
    double *t = goals__reallocarray(s->t, cap, sizeof *t);
    if (!t)
        return goals__oom();
    s->t = t;
    double *y = goals__reallocarray(s->y, cap, sizeof *y);
    if (!y)
        return goals__oom();
    s->y = y;
    s->cap = cap;
    return GOALS_OK;
}

int goals__series_push(goals__series *s, const goals_period *p, double y)
{
    int rc = reserve(s, s->n + 1);
    if (rc)
        return rc;
    s->p[s->n] = *p;
    s->t[s->n] = goals__method_year(p->end);
    s->y[s->n] = y;
    s->n++;
    return GOALS_OK;
}

/* goals__method_year() for runs of days in one year: the year's first and
 * last day and its length are worked out once per year, not per
 * observation (a monthly series has twelve to a year). Same arithmetic,
 * so the same doubles. */
typedef struct year_span {
    int32_t first, last;  /* empty (first > last) until set */
    double before, len;   /* years before this one, days in it */
} year_span;

static double year_time(year_span *c, int32_t day)
{
    if (day < c->first || day > c->last) {
        int y;
        int32_t a, b;
        goals_date_to_ymd(day, &y, NULL, NULL);
        if (goals_date_from_ymd(&a, y, 1, 1) || goals_date_from_ymd(&b, y, 12, 31) || day < a || day > b) {
            c->first = 1;
            c->last = 0;
            return goals__method_year(day);
        }
        c->first = a;
        c->last = b;
        c->before = (double)(y - 1);
        c->len = (double)(b - a + 1);
    }
    return c->before + (double)(day - c->first + 1) / c->len;
}

static int build(goals__series *s, const goals_measure *m, int32_t last_day, int depth)
{
    s->n = 0;
    if (m->derivation == GOALS_DERIVED_NONE) {
        year_span span = {1, 0, 0, 0};
        int rc = reserve(s, m->nobs);
        if (rc)
            return rc;
        for (size_t i = 0; i < m->nobs; i++) {
            const goals_observation *o = &m->obs[i];
            if (o->period.end > last_day)
                break;
            if (goals__obs_has_dims(o) || isnan(o->value))
                continue;
            /* Observations are sorted by end, then start: for one end day the
             * longest period comes first, and is the one kept. */
            if (s->n && s->p[s->n - 1].end == o->period.end)
                continue;
            s->p[s->n] = o->period;
            s->t[s->n] = year_time(&span, o->period.end);
            s->y[s->n] = o->value;
            s->n++;
        }
        return GOALS_OK;
    }
    if (depth >= MAX_DERIVATION_DEPTH)
        return GOALS_OK; /* no data rather than unbounded recursion */
    goals__series num = {0}, den = {0};
    int rc = build(&num, m->numerator, last_day, depth + 1);
    if (!rc)
        rc = build(&den, m->denominator, last_day, depth + 1);
    /* Parts may be in other scales: compute in base units, then express a
     * ratio in the derived measure's own scale × unit (a share is percent). */
    double fn = m->numerator->parsed.factor * m->numerator->scale;
    double fd = m->denominator->parsed.factor * m->denominator->scale;
    double fm = m->derivation == GOALS_DERIVED_SHARE ? 1.0 : m->parsed.factor * m->scale;
    /* Join on identical periods; a zero denominator gives no value. */
    for (size_t i = 0, j = 0; !rc && i < num.n && j < den.n;) {
        if (num.p[i].end < den.p[j].end || (num.p[i].end == den.p[j].end && num.p[i].start < den.p[j].start)) {
            i++;
        } else if (num.p[i].end == den.p[j].end && num.p[i].start == den.p[j].start) {
            if (den.y[j] != 0) {
                double v = (num.y[i] * fn) / (den.y[j] * fd) / fm;
                if (m->derivation == GOALS_DERIVED_SHARE)
                    v *= 100;
                if (isfinite(v))
                    rc = goals__series_push(s, &num.p[i], v);
            }
            i++;
            j++;
        } else {
            j++;
        }
    }
    goals__series_free(&num);
    goals__series_free(&den);
    return rc;
}

int goals__series_build(goals__series *s, const goals_measure *m, int32_t last_day)
{
    return build(s, m, last_day, 0);
}
