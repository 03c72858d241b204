/* Content equality of plans: what load → save → load must preserve. */
#include <math.h>
#include <string.h>

#include "model.h"

static int str_eq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

/* Numbers are equal when bit-for-bit the same value, NaN equal to NaN. */
static int num_eq(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

static int period_eq(const goals_period *a, const goals_period *b)
{
    return a->start == b->start && a->end == b->end && a->kind == b->kind;
}

static int measure_ref_eq(const goals_measure *a, const goals_measure *b)
{
    return (!a && !b) || (a && b && strcmp(a->id, b->id) == 0);
}

static int obs_eq(const goals_observation *a, const goals_observation *b)
{
    const goals__obs_extra *x = goals__obs_extra_of(a), *y = goals__obs_extra_of(b);
    if (!period_eq(&a->period, &b->period) || !num_eq(a->value, b->value) ||
        !str_eq(goals_observation_source(a), goals_observation_source(b)))
        return 0;
    return str_eq(x ? x->text : NULL, y ? y->text : NULL) && str_eq(x ? x->note : NULL, y ? y->note : NULL) &&
           str_eq(x ? x->dim_key : NULL, y ? y->dim_key : NULL);
}

static int measure_eq(const goals_measure *a, const goals_measure *b)
{
    if (strcmp(a->id, b->id) || strcmp(a->unit, b->unit) || a->scale != b->scale ||
        !goals__texts_equal(&a->names, &b->names) || strcmp(a->frequency, b->frequency) ||
        !str_eq(a->definition, b->definition) || !str_eq(a->scope, b->scope) || a->rate != b->rate ||
        a->direction != b->direction || a->derivation != b->derivation ||
        !measure_ref_eq(a->numerator, b->numerator) || !measure_ref_eq(a->denominator, b->denominator) ||
        a->nobs != b->nobs)
        return 0;
    for (size_t i = 0; i < a->nobs; i++)
        if (!obs_eq(&a->obs[i], &b->obs[i]))
            return 0;
    return 1;
}

static int target_eq(const goals_target *a, const goals_target *b)
{
    if (strcmp(a->id, b->id) || a->kind != b->kind || strcmp(a->measure->id, b->measure->id) || a->op != b->op ||
        !num_eq(a->given_value, b->given_value) || !num_eq(a->given_high, b->given_high) ||
        strcmp(a->given_unit, b->given_unit) || a->has_deadline != b->has_deadline ||
        a->has_start != b->has_start || a->has_baseline != b->has_baseline || a->attribute != b->attribute ||
        a->change_mode != b->change_mode || !measure_ref_eq(a->relative_to, b->relative_to) ||
        a->streak != b->streak || !str_eq(a->method, b->method) || a->weight != b->weight ||
        !goals__texts_equal(&a->titles, &b->titles) || a->nmilestones != b->nmilestones)
        return 0;
    if ((a->has_deadline && !period_eq(&a->deadline, &b->deadline)) ||
        (a->has_start && !period_eq(&a->start, &b->start)) ||
        (a->has_baseline &&
         (!period_eq(&a->baseline_period, &b->baseline_period) || a->baseline_value != b->baseline_value)))
        return 0;
    for (size_t i = 0; i < a->nmilestones; i++)
        if (!period_eq(&a->milestones[i].period, &b->milestones[i].period) ||
            a->milestones[i].given != b->milestones[i].given)
            return 0;
    return 1;
}

static int goal_eq(const goals_goal *a, const goals_goal *b)
{
    if (strcmp(a->id, b->id) || strcmp(a->kind, b->kind) || !goals__texts_equal(&a->titles, &b->titles) ||
        !str_eq(a->owner, b->owner) || a->weight != b->weight || a->nchildren != b->nchildren ||
        a->ntargets != b->ntargets || a->ntasks != b->ntasks ||
        (a->parent == NULL) != (b->parent == NULL) || (a->parent && strcmp(a->parent->id, b->parent->id)))
        return 0;
    for (size_t i = 0; i < a->ntasks; i++)
        if (!goals__texts_equal(&a->tasks[i].texts, &b->tasks[i].texts))
            return 0;
    return 1;
}

int goals_plan_equal(const goals_plan *a, const goals_plan *b)
{
    if (!a || !b)
        return a == b;
    if (strcmp(a->id, b->id) || strcmp(a->lang, b->lang) || !goals__texts_equal(&a->titles, &b->titles) ||
        !str_eq(a->issuer, b->issuer) || !str_eq(a->source, b->source) || a->has_issued != b->has_issued ||
        (a->has_issued && a->issued != b->issued) || a->has_horizon != b->has_horizon ||
        (a->has_horizon && !period_eq(&a->horizon, &b->horizon)) || a->ngoals != b->ngoals ||
        a->nroots != b->nroots || a->ntargets != b->ntargets || a->nmeasures != b->nmeasures || a->nobs != b->nobs)
        return 0;
    for (size_t i = 0; i < a->nmeasures; i++)
        if (!measure_eq(a->measures[i], b->measures[i]))
            return 0;
    for (size_t i = 0; i < a->ngoals; i++)
        if (!goal_eq(a->goals[i], b->goals[i]))
            return 0;
    for (size_t i = 0; i < a->ntargets; i++)
        if (!target_eq(a->targets[i], b->targets[i]))
            return 0;
    return 1;
}
