/* The name people use for a measure's unit.
 *
 * A measure in `CNY` with scale 1e8 holds values in 亿元, but says so only
 * as "1e8 CNY". When a target on the measure was written in a unit that is
 * exactly the measure's scale × unit (value="320" unit="亿元"), that name
 * is the one the plan's readers know: the report uses it for every target
 * on the measure. The table is made once per report (a pass over the
 * targets) and searched by measure. */
#include "report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct report_units {
    size_t n;
    struct entry {
        const goals_measure *measure;
        const char *name; /* borrowed from the target that gave it */
        size_t order;     /* the target's place in the plan */
    } *e;
};

static int by_measure(const void *a, const void *b)
{
    const struct entry *p = a, *q = b;
    uintptr_t x = (uintptr_t)p->measure, y = (uintptr_t)q->measure;

    if (x != y)
        return x < y ? -1 : 1;
    return p->order < q->order ? -1 : p->order > q->order;
}

static int by_measure_only(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const struct entry *)a)->measure;
    uintptr_t y = (uintptr_t)((const struct entry *)b)->measure;

    return x < y ? -1 : x > y;
}

int report_units_build(report_units **out, const goals_plan *plan)
{
    size_t nt = goals_plan_target_count(plan);
    report_units *u = calloc(1, sizeof *u);
    char label[64];

    *out = NULL;
    if (u == NULL || (nt > 0 && (u->e = malloc(nt * sizeof *u->e)) == NULL)) {
        free(u);
        return -1;
    }
    for (size_t i = 0; i < nt; i++) {
        const goals_target *t = goals_plan_target_at(plan, i);
        const goals_measure *m = goals_target_measure(t);
        const char *given = goals_target_given_unit(t);
        double factor = 0;

        if (given[0] == '\0' || goals_target_kind_of(t) == GOALS_KIND_AVERAGE_GROWTH)
            continue;
        report_measure_unit(m, label, sizeof label);
        if (strcmp(given, label) == 0 || goals_unit_factor(&factor, given, label) != GOALS_OK ||
            factor != 1.0) {
            goals_error_clear();
            continue;
        }
        u->e[u->n].measure = m;
        u->e[u->n].name = given;
        u->e[u->n].order = i;
        u->n++;
    }
    /* One entry per measure: the first target in plan order names it. */
    if (u->n > 1)
        qsort(u->e, u->n, sizeof *u->e, by_measure);
    size_t k = 0;
    for (size_t i = 0; i < u->n; i++)
        if (k == 0 || u->e[k - 1].measure != u->e[i].measure)
            u->e[k++] = u->e[i];
    u->n = k;
    *out = u;
    return 0;
}

const char *report_units_name(const report_units *u, const goals_measure *m)
{
    struct entry key;
    const struct entry *hit;

    if (u == NULL || u->n == 0)
        return NULL;
    /* Look up by measure alone: compare orders as equal. */
    key.measure = m;
    key.name = NULL;
    hit = bsearch(&key, u->e, u->n, sizeof *u->e, by_measure_only);
    return hit ? hit->name : NULL;
}

void report_units_free(report_units *u)
{
    if (u != NULL) {
        free(u->e);
        free(u);
    }
}
