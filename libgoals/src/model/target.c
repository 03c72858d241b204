/* Targets: comparator, value and unit, deadline, window, baseline,
 * milestones and the kind-specific settings. */
#include <math.h>
#include <string.h>

#include "model.h"
#include "util/alloc.h"
#include "util/error.h"

int goals_goal_add_target(goals_target **out, goals_goal *goal, const char *id, goals_target_kind kind,
                          const char *measure_id)
{
    if (out)
        *out = NULL;
    if (!goal)
        return goals__error(GOALS_EINVAL, "goal is NULL");
    goals_plan *plan = goal->plan;
    int rc = goals__check_new_id(plan, "target", id);
    if (rc)
        return rc;
    if (!goals_target_kind_name(kind))
        return goals__error(GOALS_EINVAL, "target '%s': invalid kind %d", id, (int)kind);
    goals_measure *m = goals_plan_find_measure(plan, measure_id);
    if (!m)
        return goals__error(GOALS_ENOTFOUND, "target '%s': unknown measure '%s'", id,
                            measure_id ? measure_id : "(null)");
    if ((rc = goals__grow(&plan->targets, &plan->targets_cap, plan->ntargets + 1, sizeof *plan->targets)) ||
        (rc = goals__grow(&goal->targets, &goal->targets_cap, goal->ntargets + 1, sizeof *goal->targets)))
        return rc;
    goals_target *t = goals__arena_alloc(&plan->arena, sizeof *t);
    if (!t)
        return goals__oom();
    t->plan = plan;
    t->goal = goal;
    t->kind = kind;
    t->measure = m;
    t->op = GOALS_OP_NONE;
    t->given_value = t->given_high = NAN;
    t->given_unit = "";
    t->factor = 1.0;
    t->weight = 1.0;
    if (goals__plan_strdup(plan, &t->id, id))
        return GOALS_ENOMEM;
    if ((rc = goals__hash_put(&plan->target_ids, t->id, t)))
        return rc;
    int in_order = goal->order + 1 >= plan->last_target_goal;
    goal->targets[goal->ntargets++] = t;
    t->order = plan->ntargets;
    plan->targets[plan->ntargets++] = t;
    if (in_order)
        plan->last_target_goal = goal->order + 1;
    else
        goals__plan_reorder(plan);
    if (out)
        *out = t;
    return GOALS_OK;
}

const char *goals_target_id(const goals_target *t) { return t->id; }
goals_goal *goals_target_goal(const goals_target *t) { return t->goal; }
goals_measure *goals_target_measure(const goals_target *t) { return t->measure; }
goals_target_kind goals_target_kind_of(const goals_target *t) { return t->kind; }

/* Values of average-growth and percent-change targets are percentages of
 * change, whatever the measure's unit. */
static int value_is_percent_change(const goals_target *t)
{
    return t->kind == GOALS_KIND_AVERAGE_GROWTH ||
           (t->kind == GOALS_KIND_CHANGE && t->change_mode == GOALS_CHANGE_PERCENT);
}

/* The factor from unit text to the target measure's scale × unit. */
static int factor_for(const goals_target *t, const char *unit, double *factor)
{
    if (!unit || !*unit) {
        *factor = 1.0;
        return GOALS_OK;
    }
    if (value_is_percent_change(t)) {
        if (strcmp(unit, "%") != 0)
            return goals__error(GOALS_EUNIT, "target '%s': a %s target's value is a percentage; unit '%s' given",
                                t->id, goals_target_kind_name(t->kind), unit);
        *factor = 1.0;
        return GOALS_OK;
    }
    goals__unit u;
    int rc = goals__unit_parse(&u, unit);
    if (rc)
        return rc;
    const goals_measure *m = t->measure;
    if (!goals__unit_compatible(&u, &m->parsed))
        return goals__error(GOALS_EUNIT, "target '%s': unit '%s' does not convert to measure '%s' unit '%s'",
                            t->id, unit, m->id, m->unit);
    *factor = u.factor / (m->parsed.factor * m->scale);
    return GOALS_OK;
}

int goals_target_set_value(goals_target *t, goals_op op, double value, double high, const char *unit)
{
    if (!goals_op_name(op))
        return goals__error(GOALS_EINVAL, "target '%s': invalid comparator %d", t->id, (int)op);
    int numeric = op != GOALS_OP_NONE && op != GOALS_OP_INCREASE && op != GOALS_OP_DECREASE;
    if (numeric && !isfinite(value))
        return goals__error(GOALS_ERANGE, "target '%s': value must be a finite number", t->id);
    if (op == GOALS_OP_BETWEEN) {
        if (!isfinite(high))
            return goals__error(GOALS_ERANGE, "target '%s': high must be a finite number", t->id);
        if (value > high)
            return goals__error(GOALS_ERANGE, "target '%s': low %g is above high %g", t->id, value, high);
    }
    double factor = 1.0;
    int rc = numeric ? factor_for(t, unit, &factor) : GOALS_OK;
    if (rc)
        return rc;
    const char *u = "";
    if (numeric && unit && *unit && !(u = goals__intern(t->plan, unit)))
        return GOALS_ENOMEM;
    t->op = op;
    t->given_value = numeric ? value : NAN;
    t->given_high = op == GOALS_OP_BETWEEN ? high : NAN;
    t->given_unit = u;
    t->factor = factor;
    return GOALS_OK;
}

goals_op goals_target_op(const goals_target *t) { return t->op; }
double goals_target_value(const goals_target *t) { return t->given_value * t->factor; }
double goals_target_high(const goals_target *t) { return t->given_high * t->factor; }
double goals_target_given_value(const goals_target *t) { return t->given_value; }
double goals_target_given_high(const goals_target *t) { return t->given_high; }
const char *goals_target_given_unit(const goals_target *t) { return t->given_unit; }

static int check_period(const goals_target *t, const char *what, const goals_period *p)
{
    if (p->end < p->start || p->kind < GOALS_PERIOD_YEAR || p->kind > GOALS_PERIOD_INTERVAL)
        return goals__error(GOALS_EINVAL, "target '%s': invalid %s period", t->id, what);
    return GOALS_OK;
}

int goals_target_set_deadline(goals_target *t, const goals_period *deadline)
{
    if (!deadline) {
        t->has_deadline = 0;
        return GOALS_OK;
    }
    int rc = check_period(t, "deadline", deadline);
    if (rc)
        return rc;
    t->deadline = *deadline;
    t->has_deadline = 1;
    return GOALS_OK;
}

int goals_target_deadline(const goals_target *t, goals_period *out)
{
    if (t->has_deadline && out)
        *out = t->deadline;
    return t->has_deadline;
}

int goals_target_set_start(goals_target *t, const goals_period *start)
{
    if (!start) {
        t->has_start = 0;
        return GOALS_OK;
    }
    int rc = check_period(t, "start", start);
    if (rc)
        return rc;
    t->start = *start;
    t->has_start = 1;
    return GOALS_OK;
}

int goals_target_start(const goals_target *t, goals_period *out)
{
    if (t->has_start && out)
        *out = t->start;
    return t->has_start;
}

int goals_target_set_baseline(goals_target *t, const goals_period *period, double value)
{
    if (!period) {
        t->has_baseline = 0;
        return GOALS_OK;
    }
    int rc = check_period(t, "baseline", period);
    if (rc)
        return rc;
    if (!isfinite(value))
        return goals__error(GOALS_ERANGE, "target '%s': baseline value must be a finite number", t->id);
    t->baseline_period = *period;
    t->baseline_value = value;
    t->has_baseline = 1;
    return GOALS_OK;
}

int goals_target_baseline(const goals_target *t, goals_period *period, double *value)
{
    if (t->has_baseline) {
        if (period)
            *period = t->baseline_period;
        if (value)
            *value = t->baseline_value;
    }
    return t->has_baseline;
}

int goals_target_add_milestone(goals_target *t, const goals_period *period, double value)
{
    if (!period)
        return goals__error(GOALS_EINVAL, "target '%s': milestone period is NULL", t->id);
    int rc = check_period(t, "milestone", period);
    if (rc)
        return rc;
    if (!isfinite(value))
        return goals__error(GOALS_ERANGE, "target '%s': milestone value must be a finite number", t->id);
    size_t i = t->nmilestones;
    while (i > 0 && goals_period_compare(&t->milestones[i - 1].period, period) > 0)
        i--;
    if (i > 0 && goals_period_compare(&t->milestones[i - 1].period, period) == 0) {
        char text[GOALS_PERIOD_TEXT_MAX];
        goals_period_format(period, text, sizeof text);
        return goals__error(GOALS_EEXISTS, "target '%s': a second milestone for %s", t->id, text);
    }
    if ((rc = goals__grow(&t->milestones, &t->milestones_cap, t->nmilestones + 1, sizeof *t->milestones)))
        return rc;
    memmove(&t->milestones[i + 1], &t->milestones[i], (t->nmilestones - i) * sizeof *t->milestones);
    t->milestones[i].period = *period;
    t->milestones[i].given = value;
    t->nmilestones++;
    return GOALS_OK;
}

size_t goals_target_milestone_count(const goals_target *t) { return t->nmilestones; }

int goals_target_milestone_at(const goals_target *t, size_t index, goals_period *period, double *value)
{
    if (index >= t->nmilestones)
        return goals__error(GOALS_EINVAL, "target '%s' has no milestone %zu", t->id, index);
    if (period)
        *period = t->milestones[index].period;
    if (value)
        *value = t->milestones[index].given * t->factor;
    return GOALS_OK;
}

int goals_target_milestone_given_at(const goals_target *t, size_t index, goals_period *period, double *value)
{
    if (index >= t->nmilestones)
        return goals__error(GOALS_EINVAL, "target '%s' has no milestone %zu", t->id, index);
    if (period)
        *period = t->milestones[index].period;
    if (value)
        *value = t->milestones[index].given;
    return GOALS_OK;
}

int goals_target_set_attribute(goals_target *t, goals_attribute attribute)
{
    if (!goals_attribute_name(attribute))
        return goals__error(GOALS_EINVAL, "target '%s': invalid attribute %d", t->id, (int)attribute);
    t->attribute = attribute;
    return GOALS_OK;
}

goals_attribute goals_target_attribute(const goals_target *t) { return t->attribute; }

int goals_target_set_change_mode(goals_target *t, goals_change_mode mode)
{
    if (mode != GOALS_CHANGE_ABSOLUTE && mode != GOALS_CHANGE_PERCENT)
        return goals__error(GOALS_EINVAL, "target '%s': invalid change mode %d", t->id, (int)mode);
    if (mode != t->change_mode && t->given_unit[0])
        return goals__error(GOALS_EUNIT, "target '%s': set the change mode before a value with a unit", t->id);
    t->change_mode = mode;
    return GOALS_OK;
}

goals_change_mode goals_target_change_mode(const goals_target *t) { return t->change_mode; }

int goals_target_set_relative_to(goals_target *t, const char *measure_id)
{
    if (!measure_id) {
        t->relative_to = NULL;
        return GOALS_OK;
    }
    goals_measure *m = goals_plan_find_measure(t->plan, measure_id);
    if (!m)
        return goals__error(GOALS_ENOTFOUND, "target '%s': unknown measure '%s'", t->id, measure_id);
    t->relative_to = m;
    return GOALS_OK;
}

goals_measure *goals_target_relative_to(const goals_target *t) { return t->relative_to; }

int goals_target_set_streak(goals_target *t, unsigned periods)
{
    if (periods < 1)
        return goals__error(GOALS_ERANGE, "target '%s': a streak needs at least one period", t->id);
    t->streak = periods;
    return GOALS_OK;
}

unsigned goals_target_streak(const goals_target *t) { return t->streak; }

int goals_target_set_method(goals_target *t, const char *method)
{
    return goals__plan_strdup(t->plan, &t->method, method);
}

const char *goals_target_method(const goals_target *t) { return t->method; }

int goals_target_set_weight(goals_target *t, double weight)
{
    if (!(weight >= 0) || isinf(weight))
        return goals__error(GOALS_ERANGE, "target '%s': weight must be finite and >= 0", t->id);
    t->weight = weight;
    return GOALS_OK;
}

double goals_target_weight(const goals_target *t) { return t->weight; }

int goals_target_set_title(goals_target *t, const char *lang, const char *text)
{
    return goals__texts_set(t->plan, &t->titles, lang, text);
}

const char *goals_target_title(const goals_target *t, const char *lang)
{
    return goals__texts_get(t->plan, &t->titles, lang);
}

size_t goals_target_title_count(const goals_target *t) { return t->titles.count; }

const char *goals_target_title_at(const goals_target *t, size_t index, const char **lang)
{
    return goals__texts_at(&t->titles, index, lang);
}
