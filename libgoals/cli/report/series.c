/* A measure's observed totals as points for a chart.
 *
 * Evaluation uses the totals (observations without dimensions); the chart
 * shows the same. A derived measure has no observations of its own: its
 * values are computed per period from its parts, as the library does. */
#include "report.h"

#include <math.h>
#include <stdlib.h>

/* Derivations nest (a share of a ratio); a plan cannot make a cycle, but a
 * bound keeps this safe whatever it holds. */
#define MAX_DEPTH 32

static int value_at(const goals_measure *m, const goals_period *p, double *v, int depth)
{
    double a, b;

    if (depth > MAX_DEPTH)
        return 0;
    if (goals_measure_derivation(m) == GOALS_DERIVED_NONE) {
        const goals_observation *o = goals_measure_find_observation(m, p);
        if (o == NULL)
            return 0;
        *v = goals_observation_value(o);
        return isfinite(*v);
    }
    if (!value_at(goals_measure_numerator(m), p, &a, depth + 1) ||
        !value_at(goals_measure_denominator(m), p, &b, depth + 1) || b == 0)
        return 0;
    *v = a / b;
    if (goals_measure_derivation(m) == GOALS_DERIVED_SHARE)
        *v *= 100.0;
    return isfinite(*v);
}

int report_series(const goals_measure *m, report_point **points, size_t *n)
{
    const goals_measure *base = m;
    size_t count, i, k = 0;
    report_point *pts;
    int depth = 0;

    *points = NULL;
    *n = 0;
    /* The periods come from the innermost numerator's observations. */
    while (base && goals_measure_derivation(base) != GOALS_DERIVED_NONE && depth++ < MAX_DEPTH)
        base = goals_measure_numerator(base);
    if (base == NULL || goals_measure_derivation(base) != GOALS_DERIVED_NONE)
        return 0;
    count = goals_measure_observation_count(base);
    if (count == 0)
        return 0;
    pts = malloc(count * sizeof *pts);
    if (pts == NULL)
        return -1;
    for (i = 0; i < count; i++) {
        const goals_observation *o = goals_measure_observation_at(base, i);
        goals_period p;
        double v;

        if (goals_observation_dimension_count(o) != 0)
            continue;
        p = goals_observation_period(o);
        /* One value per end day, the longest period's (the year over its
         * fourth quarter), as evaluation does: it comes first in the order. */
        if (k > 0 && pts[k - 1].day == p.end)
            continue;
        if (!value_at(m, &p, &v, 0))
            continue;
        pts[k].day = p.end;
        pts[k].value = v;
        pts[k].period = p;
        k++;
    }
    if (k == 0) {
        free(pts);
        return 0;
    }
    *points = pts;
    *n = k;
    return 0;
}
