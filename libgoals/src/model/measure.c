/* Measures: unit and scale, names, description, derivation. */
#include <math.h>
#include <string.h>

#include "model.h"
#include "util/alloc.h"
#include "util/error.h"

int goals_plan_add_measure(goals_measure **out, goals_plan *plan, const char *id, const char *unit,
                           double scale)
{
    if (out)
        *out = NULL;
    if (!plan)
        return goals__error(GOALS_EINVAL, "plan is NULL");
    if (!goals__valid_id(id))
        return goals__error(GOALS_EINVAL, "invalid measure id '%s'", id ? id : "(null)");
    if (goals__hash_get(&plan->measure_ids, id))
        return goals__error(GOALS_EEXISTS, "duplicate measure id '%s'", id);
    if (!(scale > 0) || isinf(scale))
        return goals__error(GOALS_ERANGE, "measure '%s': scale must be finite and > 0", id);
    goals__unit parsed;
    int rc = goals__unit_parse(&parsed, unit);
    if (rc)
        return rc;
    if ((rc = goals__grow(&plan->measures, &plan->measures_cap, plan->nmeasures + 1, sizeof *plan->measures)))
        return rc;
    goals_measure *m = goals__arena_alloc(&plan->arena, sizeof *m);
    if (!m)
        return goals__oom();
    m->plan = plan;
    m->scale = scale;
    m->parsed = parsed;
    m->frequency = "";
    if (goals__plan_strdup(plan, &m->id, id) || goals__plan_strdup(plan, &m->unit, unit ? unit : ""))
        return GOALS_ENOMEM;
    if ((rc = goals__hash_put(&plan->measure_ids, m->id, m)))
        return rc;
    m->index = plan->nmeasures;
    plan->measures[plan->nmeasures++] = m;
    if (out)
        *out = m;
    return GOALS_OK;
}

const char *goals_measure_id(const goals_measure *m) { return m->id; }
goals_plan *goals_measure_plan(const goals_measure *m) { return m->plan; }
const char *goals_measure_unit(const goals_measure *m) { return m->unit; }
double goals_measure_scale(const goals_measure *m) { return m->scale; }

int goals_measure_set_name(goals_measure *m, const char *lang, const char *text)
{
    return goals__texts_set(m->plan, &m->names, lang, text);
}

const char *goals_measure_name(const goals_measure *m, const char *lang)
{
    return goals__texts_get(m->plan, &m->names, lang);
}

size_t goals_measure_name_count(const goals_measure *m) { return m->names.count; }

const char *goals_measure_name_at(const goals_measure *m, size_t index, const char **lang)
{
    return goals__texts_at(&m->names, index, lang);
}

int goals_measure_set_frequency(goals_measure *m, const char *frequency)
{
    return goals__plan_strdup(m->plan, &m->frequency, frequency ? frequency : "");
}

const char *goals_measure_frequency(const goals_measure *m) { return m->frequency; }

int goals_measure_set_definition(goals_measure *m, const char *definition)
{
    return goals__plan_strdup(m->plan, &m->definition, definition);
}

const char *goals_measure_definition(const goals_measure *m) { return m->definition; }

int goals_measure_set_scope(goals_measure *m, const char *scope)
{
    return goals__plan_strdup(m->plan, &m->scope, scope);
}

const char *goals_measure_scope(const goals_measure *m) { return m->scope; }

int goals_measure_set_rate(goals_measure *m, goals_rate rate)
{
    if (rate != GOALS_RATE_NONE && rate != GOALS_RATE_GROWTH && rate != GOALS_RATE_REDUCTION)
        return goals__error(GOALS_EINVAL, "measure '%s': invalid rate %d", m->id, (int)rate);
    m->rate = rate;
    return GOALS_OK;
}

goals_rate goals_measure_rate(const goals_measure *m) { return m->rate; }

int goals_measure_set_direction(goals_measure *m, goals_direction direction)
{
    if (direction != GOALS_DIRECTION_NONE && direction != GOALS_DIRECTION_INCREASE &&
        direction != GOALS_DIRECTION_DECREASE)
        return goals__error(GOALS_EINVAL, "measure '%s': invalid direction %d", m->id, (int)direction);
    m->direction = direction;
    return GOALS_OK;
}

goals_direction goals_measure_direction(const goals_measure *m) { return m->direction; }

/* Whether target is reachable from start through derivation parts
 * (iterative: chains of derived measures may be long). */
static int reaches(const goals_measure *start, const goals_measure *target, int *err)
{
    size_t cap = start->plan->nmeasures * 2 + 2, n = 0;
    const goals_measure **stack = goals__malloc(cap * sizeof *stack);
    if (!stack) {
        *err = goals__oom();
        return 0;
    }
    unsigned char *seen = goals__calloc(start->plan->nmeasures, 1);
    if (!seen) {
        goals__free(stack);
        *err = goals__oom();
        return 0;
    }
    int found = 0;
    stack[n++] = start;
    while (n && !found) {
        const goals_measure *m = stack[--n];
        if (m == target) {
            found = 1;
            break;
        }
        if (seen[m->index])
            continue;
        seen[m->index] = 1;
        if (m->derivation != GOALS_DERIVED_NONE) {
            stack[n++] = m->numerator;
            stack[n++] = m->denominator;
        }
    }
    goals__free(seen);
    goals__free(stack);
    return found;
}

int goals_measure_set_derived(goals_measure *m, goals_derivation how, goals_measure *numerator,
                              goals_measure *denominator)
{
    if (how == GOALS_DERIVED_NONE) {
        m->derivation = GOALS_DERIVED_NONE;
        m->numerator = m->denominator = NULL;
        return GOALS_OK;
    }
    if (how != GOALS_DERIVED_RATIO && how != GOALS_DERIVED_SHARE)
        return goals__error(GOALS_EINVAL, "measure '%s': invalid derivation %d", m->id, (int)how);
    if (!numerator || !denominator || numerator->plan != m->plan || denominator->plan != m->plan)
        return goals__error(GOALS_EINVAL, "measure '%s': derived from a missing measure or one of another plan",
                            m->id);
    int rc = goals__plan_flush(m->plan); /* a deferred plan's last observations may be in its run */
    if (rc)
        return rc;
    if (m->nobs)
        return goals__error(GOALS_EEXISTS, "measure '%s' has observations and cannot be derived", m->id);
    int err = 0;
    if (numerator == m || denominator == m || reaches(numerator, m, &err) || reaches(denominator, m, &err)) {
        if (err)
            return err;
        return goals__error(GOALS_EINVAL, "measure '%s': derivation from '%s' and '%s' forms a cycle", m->id,
                            numerator->id, denominator->id);
    }
    if (err)
        return err;
    m->derivation = how;
    m->numerator = numerator;
    m->denominator = denominator;
    return GOALS_OK;
}

goals_derivation goals_measure_derivation(const goals_measure *m) { return m->derivation; }
goals_measure *goals_measure_numerator(const goals_measure *m) { return m->numerator; }
goals_measure *goals_measure_denominator(const goals_measure *m) { return m->denominator; }
