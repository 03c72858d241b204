/* Goals: the tree, titles, owner, weight and tasks. */
#include <math.h>
#include <string.h>

#include "model.h"
#include "util/error.h"

/* Whether a new child of parent lands at the end of the pre-order: true when
 * parent is the last goal in plan order or one of its ancestors. */
static int appends_in_order(const goals_plan *plan, const goals_goal *parent)
{
    if (!parent || !plan->ngoals)
        return 1;
    for (const goals_goal *g = plan->goals[plan->ngoals - 1]; g; g = g->parent)
        if (g == parent)
            return 1;
    return 0;
}

int goals_plan_add_goal(goals_goal **out, goals_plan *plan, goals_goal *parent, const char *id,
                        const char *kind)
{
    if (out)
        *out = NULL;
    if (!plan)
        return goals__error(GOALS_EINVAL, "plan is NULL");
    if (parent && parent->plan != plan)
        return goals__error(GOALS_EINVAL, "goal '%s': parent belongs to another plan", id ? id : "");
    int rc = goals__check_new_id(plan, "goal", id);
    if (rc)
        return rc;
    /* Reserve every slot first, so that a failure leaves the plan unchanged. */
    if ((rc = goals__grow(&plan->goals, &plan->goals_cap, plan->ngoals + 1, sizeof *plan->goals)))
        return rc;
    if (parent) {
        if ((rc = goals__grow(&parent->children, &parent->children_cap, parent->nchildren + 1,
                              sizeof *parent->children)))
            return rc;
    } else if ((rc = goals__grow(&plan->roots, &plan->roots_cap, plan->nroots + 1, sizeof *plan->roots))) {
        return rc;
    }
    goals_goal *g = goals__arena_alloc(&plan->arena, sizeof *g);
    if (!g)
        return goals__oom();
    g->plan = plan;
    g->parent = parent;
    g->weight = 1.0;
    if (goals__plan_strdup(plan, &g->id, id) || goals__plan_strdup(plan, &g->kind, kind ? kind : ""))
        return GOALS_ENOMEM;
    if ((rc = goals__hash_put(&plan->goal_ids, g->id, g)))
        return rc;
    int in_order = appends_in_order(plan, parent);
    if (parent) {
        g->sibling = parent->nchildren;
        parent->children[parent->nchildren++] = g;
    } else {
        g->sibling = plan->nroots;
        plan->roots[plan->nroots++] = g;
    }
    g->order = plan->ngoals;
    plan->goals[plan->ngoals++] = g;
    if (!in_order)
        goals__plan_reorder(plan);
    if (out)
        *out = g;
    return GOALS_OK;
}

const char *goals_goal_id(const goals_goal *goal) { return goal->id; }
const char *goals_goal_kind(const goals_goal *goal) { return goal->kind; }
goals_plan *goals_goal_plan(const goals_goal *goal) { return goal->plan; }
goals_goal *goals_goal_parent(const goals_goal *goal) { return goal->parent; }
size_t goals_goal_child_count(const goals_goal *goal) { return goal->nchildren; }

goals_goal *goals_goal_child_at(const goals_goal *goal, size_t index)
{
    return index < goal->nchildren ? goal->children[index] : NULL;
}

size_t goals_goal_target_count(const goals_goal *goal) { return goal->ntargets; }

goals_target *goals_goal_target_at(const goals_goal *goal, size_t index)
{
    return index < goal->ntargets ? goal->targets[index] : NULL;
}

int goals_goal_set_title(goals_goal *goal, const char *lang, const char *text)
{
    return goals__texts_set(goal->plan, &goal->titles, lang, text);
}

const char *goals_goal_title(const goals_goal *goal, const char *lang)
{
    return goals__texts_get(goal->plan, &goal->titles, lang);
}

size_t goals_goal_title_count(const goals_goal *goal) { return goal->titles.count; }

const char *goals_goal_title_at(const goals_goal *goal, size_t index, const char **lang)
{
    return goals__texts_at(&goal->titles, index, lang);
}

int goals_goal_set_owner(goals_goal *goal, const char *owner)
{
    return goals__plan_strdup(goal->plan, &goal->owner, owner);
}

const char *goals_goal_owner(const goals_goal *goal) { return goal->owner; }

int goals_goal_set_weight(goals_goal *goal, double weight)
{
    if (!(weight >= 0) || isinf(weight))
        return goals__error(GOALS_ERANGE, "goal '%s': weight must be finite and >= 0", goal->id);
    goal->weight = weight;
    return GOALS_OK;
}

double goals_goal_weight(const goals_goal *goal) { return goal->weight; }

int goals_goal_add_task(goals_goal *goal, const char *lang, const char *text)
{
    if (!text)
        return goals__error(GOALS_EINVAL, "goal '%s': task text is NULL", goal->id);
    int rc = goals__grow(&goal->tasks, &goal->tasks_cap, goal->ntasks + 1, sizeof *goal->tasks);
    if (rc)
        return rc;
    goals__task *t = &goal->tasks[goal->ntasks];
    memset(t, 0, sizeof *t);
    if ((rc = goals__texts_set(goal->plan, &t->texts, lang, text))) {
        goals__texts_free(&t->texts);
        return rc;
    }
    goal->ntasks++;
    return GOALS_OK;
}

int goals_goal_set_task_text(goals_goal *goal, size_t index, const char *lang, const char *text)
{
    if (index >= goal->ntasks)
        return goals__error(GOALS_EINVAL, "goal '%s' has no task %zu", goal->id, index);
    return goals__texts_set(goal->plan, &goal->tasks[index].texts, lang, text);
}

size_t goals_goal_task_count(const goals_goal *goal) { return goal->ntasks; }

const char *goals_goal_task(const goals_goal *goal, size_t index, const char *lang)
{
    if (index >= goal->ntasks)
        return NULL;
    return goals__texts_get(goal->plan, &goal->tasks[index].texts, lang);
}

size_t goals_goal_task_text_count(const goals_goal *goal, size_t index)
{
    return index < goal->ntasks ? goal->tasks[index].texts.count : 0;
}

const char *goals_goal_task_text_at(const goals_goal *goal, size_t index, size_t i, const char **lang)
{
    if (index >= goal->ntasks)
        return NULL;
    return goals__texts_at(&goal->tasks[index].texts, i, lang);
}
