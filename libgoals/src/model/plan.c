/* The plan: creation, description, and the flat plan-order collections. */
#include <math.h>
#include <string.h>

#include "model.h"
#include "util/alloc.h"
#include "util/error.h"

int goals_plan_new(goals_plan **out, const char *id)
{
    if (!out)
        return goals__error(GOALS_EINVAL, "goals_plan_new: out is NULL");
    *out = NULL;
    if (!goals__valid_id(id))
        return goals__error(GOALS_EINVAL, "invalid plan id '%s'", id ? id : "(null)");
    goals_plan *p = goals__calloc(1, sizeof *p);
    if (!p)
        return goals__oom();
    goals__arena_init(&p->arena);
    goals__hash_init(&p->goal_ids);
    goals__hash_init(&p->target_ids);
    goals__hash_init(&p->measure_ids);
    goals__hash_init(&p->strings);
    goals__hash_init(&p->obs_metas);
    p->lang = "";
    if (goals__plan_strdup(p, &p->id, id)) {
        goals_plan_free(p);
        return GOALS_ENOMEM;
    }
    *out = p;
    return GOALS_OK;
}

static void free_goal(goals_goal *g)
{
    goals__texts_free(&g->titles);
    goals__free(g->children);
    goals__free(g->targets);
    for (size_t i = 0; i < g->ntasks; i++)
        goals__texts_free(&g->tasks[i].texts);
    goals__free(g->tasks);
}

static void free_target(goals_target *t)
{
    goals__texts_free(&t->titles);
    goals__free(t->milestones);
}

void goals_plan_free(goals_plan *plan)
{
    if (!plan)
        return;
    goals__plan_free_deferred(plan); /* before the measures, which hold some of it */
    for (size_t i = 0; i < plan->ngoals; i++)
        free_goal(plan->goals[i]);
    for (size_t i = 0; i < plan->ntargets; i++)
        free_target(plan->targets[i]);
    for (size_t i = 0; i < plan->nmeasures; i++) {
        goals__texts_free(&plan->measures[i]->names);
        goals__free(plan->measures[i]->obs);
    }
    goals__free(plan->roots);
    goals__free(plan->goals);
    goals__free(plan->targets);
    goals__free(plan->measures);
    goals__texts_free(&plan->titles);
    goals__hash_free(&plan->goal_ids);
    goals__hash_free(&plan->target_ids);
    goals__hash_free(&plan->measure_ids);
    goals__hash_free(&plan->strings);
    goals__hash_free(&plan->obs_metas);
    goals__free(plan->tslots);
    goals__arena_free(&plan->arena);
    goals__free(plan);
}

const char *goals_plan_id(const goals_plan *plan) { return plan->id; }

int goals__check_new_id(const goals_plan *plan, const char *what, const char *id)
{
    if (!goals__valid_id(id))
        return goals__error(GOALS_EINVAL, "invalid %s id '%s'", what, id ? id : "(null)");
    if (goals__hash_get(&plan->goal_ids, id))
        return goals__error(GOALS_EEXISTS, "duplicate id '%s': a goal has it already", id);
    if (goals__hash_get(&plan->target_ids, id))
        return goals__error(GOALS_EEXISTS, "duplicate id '%s': a target has it already", id);
    return GOALS_OK;
}

int goals_plan_set_lang(goals_plan *plan, const char *lang)
{
    if (!lang)
        return goals__error(GOALS_EINVAL, "language is NULL");
    const char *l = goals__intern(plan, lang);
    if (!l)
        return GOALS_ENOMEM;
    plan->lang = l;
    return GOALS_OK;
}

const char *goals_plan_lang(const goals_plan *plan) { return plan->lang; }

int goals_plan_set_title(goals_plan *plan, const char *lang, const char *text)
{
    return goals__texts_set(plan, &plan->titles, lang, text);
}

const char *goals_plan_title(const goals_plan *plan, const char *lang)
{
    return goals__texts_get(plan, &plan->titles, lang);
}

size_t goals_plan_title_count(const goals_plan *plan) { return plan->titles.count; }

const char *goals_plan_title_at(const goals_plan *plan, size_t index, const char **lang)
{
    return goals__texts_at(&plan->titles, index, lang);
}

int goals_plan_set_issuer(goals_plan *plan, const char *issuer)
{
    return goals__plan_strdup(plan, &plan->issuer, issuer);
}

const char *goals_plan_issuer(const goals_plan *plan) { return plan->issuer; }

int goals_plan_set_issued(goals_plan *plan, int32_t date)
{
    int y;
    goals_date_to_ymd(date, &y, NULL, NULL);
    if (y < 1 || y > 9999)
        return goals__error(GOALS_EPERIOD, "issue date out of range (years 1 to 9999)");
    plan->issued = date;
    plan->has_issued = 1;
    return GOALS_OK;
}

int goals_plan_issued(const goals_plan *plan, int32_t *date)
{
    if (plan->has_issued && date)
        *date = plan->issued;
    return plan->has_issued;
}

int goals_plan_set_horizon(goals_plan *plan, const goals_period *horizon)
{
    if (!horizon) {
        plan->has_horizon = 0;
        return GOALS_OK;
    }
    if (horizon->end < horizon->start)
        return goals__error(GOALS_EPERIOD, "horizon ends before it starts");
    plan->horizon = *horizon;
    plan->has_horizon = 1;
    return GOALS_OK;
}

int goals_plan_horizon(const goals_plan *plan, goals_period *horizon)
{
    if (plan->has_horizon && horizon)
        *horizon = plan->horizon;
    return plan->has_horizon;
}

int goals_plan_set_source(goals_plan *plan, const char *source)
{
    return goals__plan_strdup(plan, &plan->source, source);
}

const char *goals_plan_source(const goals_plan *plan) { return plan->source; }

size_t goals_plan_goal_count(const goals_plan *plan) { return plan->ngoals; }

goals_goal *goals_plan_goal_at(const goals_plan *plan, size_t index)
{
    return index < plan->ngoals ? plan->goals[index] : NULL;
}

size_t goals_plan_root_count(const goals_plan *plan) { return plan->nroots; }

goals_goal *goals_plan_root_at(const goals_plan *plan, size_t index)
{
    return index < plan->nroots ? plan->roots[index] : NULL;
}

goals_goal *goals_plan_find_goal(const goals_plan *plan, const char *id)
{
    return id ? goals__hash_get(&plan->goal_ids, id) : NULL;
}

size_t goals_plan_measure_count(const goals_plan *plan) { return plan->nmeasures; }

goals_measure *goals_plan_measure_at(const goals_plan *plan, size_t index)
{
    return index < plan->nmeasures ? plan->measures[index] : NULL;
}

goals_measure *goals_plan_find_measure(const goals_plan *plan, const char *id)
{
    return id ? goals__hash_get(&plan->measure_ids, id) : NULL;
}

size_t goals_plan_target_count(const goals_plan *plan) { return plan->ntargets; }

goals_target *goals_plan_target_at(const goals_plan *plan, size_t index)
{
    return index < plan->ntargets ? plan->targets[index] : NULL;
}

goals_target *goals_plan_find_target(const goals_plan *plan, const char *id)
{
    return id ? goals__hash_get(&plan->target_ids, id) : NULL;
}

size_t goals_plan_observation_count(const goals_plan *plan) { return plan->nobs; }

/* Rebuilds the pre-order of goals and the plan order of targets from the
 * tree, without recursion (trees built through the API may be deep). */
void goals__plan_reorder(goals_plan *plan)
{
    size_t ng = 0, nt = 0;
    plan->last_target_goal = 0;
    goals_goal *g = plan->nroots ? plan->roots[0] : NULL;
    while (g) {
        g->order = ng;
        plan->goals[ng++] = g;
        for (size_t i = 0; i < g->ntargets; i++) {
            g->targets[i]->order = nt;
            plan->targets[nt++] = g->targets[i];
        }
        if (g->ntargets)
            plan->last_target_goal = g->order + 1;
        if (g->nchildren) {
            g = g->children[0];
            continue;
        }
        /* Climb until a next sibling exists. */
        while (g) {
            goals_goal **sib = g->parent ? g->parent->children : plan->roots;
            size_t nsib = g->parent ? g->parent->nchildren : plan->nroots;
            if (g->sibling + 1 < nsib) {
                g = sib[g->sibling + 1];
                break;
            }
            g = g->parent;
        }
    }
}
