/* Native documents: goals, their targets (with baseline and milestones)
 * and tasks. */
#include <limits.h>
#include <math.h>
#include <string.h>

#include "native.h"

static int build_point(goals__nb *b, const goals__xnode *n, goals_period *period, double *value)
{
    static const char *const allowed[] = {"period", "value", NULL};
    const char *s;
    int rc = goals__nb_check_attrs(b, n, allowed);
    if (!rc)
        rc = goals__nb_need(b, n, "period", &s);
    if (!rc)
        rc = goals__nb_need(b, n, "value", &s);
    if (!rc)
        rc = goals__nb_no_text(b, n);
    if (!rc && n->first)
        rc = goals__nb_unknown(b, n, n->first);
    if (!rc)
        rc = goals__nb_period(b, n, "period", period);
    if (!rc)
        rc = goals__nb_number(b, n, "value", value);
    return rc;
}

/* A streak length: a whole number of periods, 1 or more. */
static int parse_count(const char *s, unsigned *out)
{
    unsigned long v = 0;
    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (unsigned long)(*s - '0');
        if (v > UINT_MAX)
            return -1;
    }
    if (v == 0)
        return -1;
    *out = (unsigned)v;
    return 0;
}

/* op, value, high and unit, checked together: a numeric comparator needs
 * its number(s), a direction takes none, and nothing comes without an op. */
static int set_value(goals__nb *b, const goals__xnode *n, goals_target *t)
{
    const char *op_s = goals__nb_attr(n, "op"), *value_s = goals__nb_attr(n, "value");
    const char *high_s = goals__nb_attr(n, "high"), *unit = goals__nb_attr(n, "unit");
    if (!op_s) {
        const char *extra = value_s ? "value" : high_s ? "high" : unit ? "unit" : NULL;
        if (extra)
            return goals__nb_fail(b, n, extra, GOALS_EINVALID, "attribute '%s' needs an op", extra);
        return GOALS_OK;
    }
    goals_op op;
    if (goals_op_parse(&op, op_s) || op == GOALS_OP_NONE)
        return goals__nb_fail(b, n, "op", GOALS_EINVALID,
                              "bad op '%s' (expected ge, gt, le, lt, eq, between, increase or decrease)",
                              goals__nb_q(b, op_s));
    int numeric = op != GOALS_OP_INCREASE && op != GOALS_OP_DECREASE;
    if (!numeric && (value_s || high_s || unit)) {
        const char *extra = value_s ? "value" : high_s ? "high" : "unit";
        return goals__nb_fail(b, n, extra, GOALS_EINVALID, "op '%s' takes no %s", op_s, extra);
    }
    if (numeric && !value_s)
        return goals__nb_fail(b, n, "op", GOALS_EINVALID, "op '%s' needs a value", op_s);
    if (op == GOALS_OP_BETWEEN && !high_s)
        return goals__nb_fail(b, n, "op", GOALS_EINVALID, "op 'between' needs a high value");
    if (op != GOALS_OP_BETWEEN && high_s)
        return goals__nb_fail(b, n, "high", GOALS_EINVALID, "attribute 'high' is only for op 'between'");
    double value = NAN, high = NAN;
    int rc;
    if (value_s && (rc = goals__nb_number(b, n, "value", &value)))
        return rc;
    if (high_s && (rc = goals__nb_number(b, n, "high", &high)))
        return rc;
    if (unit && (rc = goals_unit_check(unit)))
        return rc == GOALS_EUNIT ? goals__nb_fail(b, n, "unit", GOALS_EUNIT, "unknown unit '%s'", goals__nb_q(b, unit))
                                 : goals__nb_model(b, n, "unit", rc);
    rc = goals_target_set_value(t, op, value, high, unit);
    if (rc == GOALS_ERANGE && op == GOALS_OP_BETWEEN && value > high)
        return goals__nb_fail(b, n, "high", GOALS_EINVALID, "high '%s' is below value '%s'", goals__nb_q(b, high_s),
                              goals__nb_q(b, value_s));
    if (rc)
        return goals__nb_model(b, n, rc == GOALS_EUNIT ? "unit" : "value", rc);
    return GOALS_OK;
}

static int build_target(goals__nb *b, const goals__xnode *n, goals_goal *goal)
{
    static const char *const allowed[] = {"id", "measure", "kind", "op", "value", "high", "unit",
                                          "deadline", "start", "attribute", "method", "weight",
                                          "change", "relative-to", "streak", NULL};
    const char *id, *measure, *kind_s;
    int rc = goals__nb_check_attrs(b, n, allowed);
    if (!rc)
        rc = goals__nb_need(b, n, "id", &id);
    if (!rc)
        rc = goals__nb_need(b, n, "measure", &measure);
    if (!rc)
        rc = goals__nb_need(b, n, "kind", &kind_s);
    if (!rc)
        rc = goals__nb_no_text(b, n);
    if (rc)
        return rc;
    goals_target_kind kind;
    if (goals_target_kind_parse(&kind, kind_s))
        return goals__nb_fail(b, n, "kind", GOALS_EINVALID,
                              "bad kind '%s' (expected reach, cumulative, change, average-growth, relative, "
                              "maintain, streak, milestone, rank or qualitative)",
                              goals__nb_q(b, kind_s));
    goals_target *t;
    rc = goals_goal_add_target(&t, goal, id, kind, measure);
    switch (rc) {
    case GOALS_OK: break;
    case GOALS_EINVAL:
        return goals__nb_fail_raw(b, n, "id", GOALS_EINVALID, "target: bad id '%s'", goals__nb_q(b, id));
    case GOALS_EEXISTS:
        return goals__nb_fail(b, n, "id", GOALS_EINVALID, "duplicate id");
    case GOALS_ENOTFOUND:
        return goals__nb_fail(b, n, "measure", GOALS_EINVALID, "unknown measure '%s'", goals__nb_q(b, measure));
    default:
        return goals__nb_model(b, n, NULL, rc);
    }
    /* The change mode first: it decides how the value's unit is read. */
    const char *change = goals__nb_attr(n, "change");
    if (change) {
        goals_change_mode mode;
        if (strcmp(change, "absolute") == 0)
            mode = GOALS_CHANGE_ABSOLUTE;
        else if (strcmp(change, "percent") == 0)
            mode = GOALS_CHANGE_PERCENT;
        else
            return goals__nb_fail(b, n, "change", GOALS_EINVALID, "bad change '%s' (expected absolute or percent)",
                                  goals__nb_q(b, change));
        if ((rc = goals_target_set_change_mode(t, mode)))
            return goals__nb_model(b, n, "change", rc);
    }
    if ((rc = set_value(b, n, t)))
        return rc;
    goals_period p;
    if (goals__nb_attr(n, "deadline") &&
        ((rc = goals__nb_period(b, n, "deadline", &p)) || (rc = goals_target_set_deadline(t, &p))))
        return rc == GOALS_EPERIOD ? rc : goals__nb_model(b, n, "deadline", rc);
    if (goals__nb_attr(n, "start") &&
        ((rc = goals__nb_period(b, n, "start", &p)) || (rc = goals_target_set_start(t, &p))))
        return rc == GOALS_EPERIOD ? rc : goals__nb_model(b, n, "start", rc);
    const char *attribute = goals__nb_attr(n, "attribute");
    if (attribute) {
        goals_attribute a;
        if (goals_attribute_parse(&a, attribute) || a == GOALS_ATTR_NONE)
            return goals__nb_fail(b, n, "attribute", GOALS_EINVALID,
                                  "bad attribute '%s' (expected binding, expected or stretch)",
                                  goals__nb_q(b, attribute));
        if ((rc = goals_target_set_attribute(t, a)))
            return goals__nb_model(b, n, "attribute", rc);
    }
    const char *method = goals__nb_attr(n, "method");
    if (method && (rc = goals_target_set_method(t, method)))
        return goals__nb_model(b, n, "method", rc);
    if (goals__nb_attr(n, "weight")) {
        double w;
        if ((rc = goals__nb_number(b, n, "weight", &w)))
            return rc;
        if (goals_target_set_weight(t, w))
            return goals__nb_fail(b, n, "weight", GOALS_EINVALID, "bad weight '%s' (must be 0 or more)",
                                  goals__nb_q(b, goals__nb_attr(n, "weight")));
    }
    const char *rel = goals__nb_attr(n, "relative-to");
    if (rel && (rc = goals_target_set_relative_to(t, rel)))
        return rc == GOALS_ENOTFOUND ? goals__nb_fail(b, n, "relative-to", GOALS_EINVALID,
                                                      "unknown measure '%s' in relative-to", goals__nb_q(b, rel))
                                     : goals__nb_model(b, n, "relative-to", rc);
    const char *streak = goals__nb_attr(n, "streak");
    if (streak) {
        unsigned count;
        if (parse_count(streak, &count))
            return goals__nb_fail(b, n, "streak", GOALS_EINVALID,
                                  "bad streak '%s' (a whole number of periods, 1 or more)", goals__nb_q(b, streak));
        if ((rc = goals_target_set_streak(t, count)))
            return goals__nb_model(b, n, "streak", rc);
    }
    int have_baseline = 0;
    for (const goals__xnode *c = n->first; c; c = c->next) {
        double v;
        if (strcmp(c->name, "title") == 0) {
            rc = goals__nb_title(b, c, NB_TARGET, t);
        } else if (strcmp(c->name, "baseline") == 0) {
            if (have_baseline++)
                return goals__nb_fail_at(b, n, c, NULL, GOALS_EINVALID, "second <baseline>");
            if (!(rc = build_point(b, c, &p, &v)) && (rc = goals_target_set_baseline(t, &p, v)))
                rc = goals__nb_model(b, c, NULL, rc);
        } else if (strcmp(c->name, "milestone") == 0) {
            if (!(rc = build_point(b, c, &p, &v)) && (rc = goals_target_add_milestone(t, &p, v)))
                rc = rc == GOALS_EEXISTS
                         ? goals__nb_fail_at(b, n, c, "period", GOALS_EINVALID, "second milestone for period '%s'",
                                             goals__nb_q(b, goals__nb_attr(c, "period")))
                         : goals__nb_model(b, c, NULL, rc);
        } else {
            rc = goals__nb_unknown(b, n, c);
        }
        if (rc)
            return rc;
    }
    return GOALS_OK;
}

/* A task: its own text, or title children (one per language). */
static int build_task(goals__nb *b, const goals__xnode *n, goals_goal *goal)
{
    static const char *const none[] = {NULL};
    int rc = goals__nb_check_attrs(b, n, none);
    if (rc)
        return rc;
    size_t index = goals_goal_task_count(goal);
    if (!n->first) {
        size_t i = 0;
        while (i < n->text_len && (n->text[i] == ' ' || n->text[i] == '\n' || n->text[i] == '\t' || n->text[i] == '\r'))
            i++;
        if (i == n->text_len)
            return goals__nb_fail(b, n, NULL, GOALS_EINVALID, "empty task");
        rc = goals_goal_add_task(goal, goals__nb_lang(b, n), n->text);
        return rc ? goals__nb_model(b, n, NULL, rc) : GOALS_OK;
    }
    if ((rc = goals__nb_no_text(b, n)))
        return goals__nb_fail(b, n, NULL, GOALS_EINVALID, "both text and <title> children");
    for (const goals__xnode *c = n->first; c; c = c->next) {
        if (strcmp(c->name, "title") != 0)
            return goals__nb_unknown(b, n, c);
        if ((rc = goals__nb_text_element(b, c)))
            return rc;
        const char *lang = goals__nb_lang(b, c);
        if (c == n->first) {
            rc = goals_goal_add_task(goal, lang, c->text);
        } else {
            size_t before = goals_goal_task_text_count(goal, index);
            rc = goals_goal_set_task_text(goal, index, lang, c->text);
            if (!rc && goals_goal_task_text_count(goal, index) == before)
                return goals__nb_fail(b, c, NULL, GOALS_EINVALID, "second text in language '%s'",
                                      goals__nb_q(b, lang ? lang : goals_plan_lang(b->plan)));
        }
        if (rc)
            return goals__nb_model(b, c, NULL, rc);
    }
    return GOALS_OK;
}

int goals__nb_goal(goals__nb *b, const goals__xnode *n, goals_goal *parent)
{
    static const char *const allowed[] = {"id", "kind", "owner", "weight", NULL};
    const char *id;
    int rc = goals__nb_check_attrs(b, n, allowed);
    if (!rc)
        rc = goals__nb_need(b, n, "id", &id);
    if (!rc)
        rc = goals__nb_no_text(b, n);
    if (rc)
        return rc;
    goals_goal *g;
    rc = goals_plan_add_goal(&g, b->plan, parent, id, goals__nb_attr(n, "kind"));
    switch (rc) {
    case GOALS_OK: break;
    case GOALS_EINVAL:
        return goals__nb_fail_raw(b, n, "id", GOALS_EINVALID, "goal: bad id '%s'", goals__nb_q(b, id));
    case GOALS_EEXISTS:
        return goals__nb_fail(b, n, "id", GOALS_EINVALID, "duplicate id");
    default:
        return goals__nb_model(b, n, "kind", rc);
    }
    const char *owner = goals__nb_attr(n, "owner");
    if (owner && (rc = goals_goal_set_owner(g, owner)))
        return goals__nb_model(b, n, "owner", rc);
    if (goals__nb_attr(n, "weight")) {
        double w;
        if ((rc = goals__nb_number(b, n, "weight", &w)))
            return rc;
        if (goals_goal_set_weight(g, w))
            return goals__nb_fail(b, n, "weight", GOALS_EINVALID, "bad weight '%s' (must be 0 or more)",
                                  goals__nb_q(b, goals__nb_attr(n, "weight")));
    }
    for (const goals__xnode *c = n->first; c; c = c->next) {
        if (strcmp(c->name, "title") == 0)
            rc = goals__nb_title(b, c, NB_GOAL, g);
        else if (strcmp(c->name, "target") == 0)
            rc = build_target(b, c, g);
        else if (strcmp(c->name, "task") == 0)
            rc = build_task(b, c, g);
        else if (strcmp(c->name, "goal") == 0)
            rc = goals__nb_goal(b, c, g);
        else
            rc = goals__nb_unknown(b, n, c);
        if (rc)
            return rc;
    }
    return GOALS_OK;
}
