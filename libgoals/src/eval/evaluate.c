/* goals_evaluate(): every target through its kind's rule, then the roll-up
 * over the goal tree; the result accessors; the method registry. */
#include <math.h>
#include <string.h>

#include "eval.h"
#include "util/alloc.h"
#include "util/error.h"

static const char *const status_names[GOALS_STATUS_COUNT] = {
    "no_data", "pending", "achieved", "on_track", "at_risk", "off_track", "regressing", "breached", "missed"};

const char *goals_target_status_name(goals_target_status status)
{
    return (unsigned)status < GOALS_STATUS_COUNT ? status_names[status] : NULL;
}

int goals_target_status_parse(goals_target_status *out, const char *name)
{
    for (unsigned i = 0; name && i < GOALS_STATUS_COUNT; i++) {
        if (strcmp(status_names[i], name) == 0) {
            *out = (goals_target_status)i;
            return GOALS_OK;
        }
    }
    return goals__error(GOALS_EINVAL, "unknown status '%s'", name ? name : "(null)");
}

/* Severity for a goal's status: the worst target decides (DESIGN.md order). */
static const int severity[GOALS_STATUS_COUNT] = {
    [GOALS_STATUS_NO_DATA] = 0, [GOALS_STATUS_PENDING] = 1, [GOALS_STATUS_ACHIEVED] = 2,
    [GOALS_STATUS_ON_TRACK] = 3, [GOALS_STATUS_AT_RISK] = 4,  [GOALS_STATUS_OFF_TRACK] = 5,
    [GOALS_STATUS_REGRESSING] = 6, [GOALS_STATUS_BREACHED] = 7, [GOALS_STATUS_MISSED] = 8};

/* A target's contribution to a score; NaN for statuses left out. */
static double status_score(goals_target_status s)
{
    switch (s) {
    case GOALS_STATUS_ACHIEVED: return 1.0;
    case GOALS_STATUS_ON_TRACK: return 0.75;
    case GOALS_STATUS_AT_RISK: return 0.5;
    case GOALS_STATUS_OFF_TRACK: return 0.25;
    case GOALS_STATUS_REGRESSING:
    case GOALS_STATUS_BREACHED:
    case GOALS_STATUS_MISSED: return 0.0;
    default: return NAN;
    }
}

static int setup_params(goals_evaluation *ev, const goals_eval_options *o)
{
    size_t nm = goals__method_count();
    ev->params = goals__calloc(nm, sizeof *ev->params);
    if (!ev->params)
        return goals__oom();
    for (size_t i = 0; i < nm; i++)
        goals__method_params_init(&ev->params[i], goals__method_at(i));
    /* A parameter applies to every method that has it; the default method must. */
    for (size_t k = 0; k < o->param_count; k++) {
        const char *a = o->params ? o->params[k] : NULL;
        const char *eq = a ? strchr(a, '=') : NULL;
        if (!eq)
            return goals__error(GOALS_EINVAL, "parameter '%s': expected NAME=VALUE", a ? a : "(null)");
        size_t nlen = (size_t)(eq - a);
        if (goals__method_param_index(ev->method, a, nlen) < 0)
            return goals__error(GOALS_EINVAL, "method '%s' has no parameter '%.*s'", ev->method->name, (int)nlen, a);
        for (size_t i = 0; i < nm; i++) {
            if (goals__method_param_index(goals__method_at(i), a, nlen) < 0)
                continue;
            int rc = goals__method_params_set(&ev->params[i], a, nlen, eq + 1, strlen(eq + 1));
            if (rc)
                return rc;
        }
    }
    return GOALS_OK;
}

/* The evaluation's parameter block of method m (one per registered method). */
static const goals__method_params *params_of(const goals_evaluation *ev, const goals__method *m)
{
    size_t i = 0;
    while (i + 1 < goals__method_count() && ev->params[i].method != m)
        i++;
    return &ev->params[i];
}

static void add_status(goals__rollup *u, goals_target_status s, double weight)
{
    u->counts[s]++;
    double sc = status_score(s);
    if (!isnan(sc) && weight > 0) {
        u->score_sum += sc * weight;
        u->weight_sum += weight;
    }
}

static void rollup(goals_evaluation *ev)
{
    const goals_plan *plan = ev->plan;
    memset(&ev->total, 0, sizeof ev->total);
    /* Children come after their parent in plan order: walk backwards. */
    for (size_t i = plan->ngoals; i-- > 0;) {
        const goals_goal *g = plan->goals[i];
        goals__rollup *u = &ev->goals[i];
        for (size_t k = 0; k < g->ntargets; k++)
            add_status(u, ev->results[g->targets[k]->order].status, g->targets[k]->weight);
        for (size_t k = 0; k < g->nchildren; k++) {
            const goals_goal *child = g->children[k];
            const goals__rollup *cu = &ev->goals[child->order];
            for (int s = 0; s < GOALS_STATUS_COUNT; s++)
                u->counts[s] += cu->counts[s];
            if (cu->weight_sum > 0 && child->weight > 0) {
                u->score_sum += cu->score_sum / cu->weight_sum * child->weight;
                u->weight_sum += child->weight;
            }
        }
    }
    for (size_t i = 0; i < plan->nroots; i++) {
        const goals_goal *g = plan->roots[i];
        const goals__rollup *cu = &ev->goals[g->order];
        for (int s = 0; s < GOALS_STATUS_COUNT; s++)
            ev->total.counts[s] += cu->counts[s];
        if (cu->weight_sum > 0 && g->weight > 0) {
            ev->total.score_sum += cu->score_sum / cu->weight_sum * g->weight;
            ev->total.weight_sum += g->weight;
        }
    }
}

int goals_evaluate(goals_evaluation **out, const goals_plan *plan, int32_t as_of, const goals_eval_options *opts)
{
    if (!out)
        return goals__error(GOALS_EINVAL, "goals_evaluate: out is NULL");
    *out = NULL;
    if (!plan)
        return goals__error(GOALS_EINVAL, "goals_evaluate: plan is NULL");
    goals_eval_options defaults = GOALS_EVAL_OPTIONS_INIT;
    const goals_eval_options *o = opts ? opts : &defaults;
    if (o->version != GOALS_EVAL_OPTIONS_VERSION)
        return goals__error(GOALS_EINVAL, "goals_eval_options: unknown version %u", o->version);
    const char *name = o->method ? o->method : "linear";
    const goals__method *method = goals__method_find(name);
    if (!method)
        return goals__error(GOALS_ENOTFOUND, "unknown method '%s' (goals report --method list shows them)", name);
    /* A target's own method must exist too: say so before any work. */
    if (!(o->flags & GOALS_EVAL_FORCE_METHOD))
        for (size_t i = 0; i < plan->ntargets; i++)
            if (plan->targets[i]->method && !goals__method_find(plan->targets[i]->method))
                return goals__error(GOALS_ENOTFOUND, "target '%s': unknown method '%s'", plan->targets[i]->id,
                                    plan->targets[i]->method);
    goals_evaluation *ev = goals__calloc(1, sizeof *ev);
    if (!ev)
        return goals__oom();
    ev->plan = plan;
    ev->as_of = as_of;
    ev->method = method;
    int rc = setup_params(ev, o);
    if (!rc && !(ev->results = goals__calloc(plan->ntargets, sizeof *ev->results)))
        rc = goals__oom();
    if (!rc && !(ev->goals = goals__calloc(plan->ngoals, sizeof *ev->goals)))
        rc = goals__oom();
    for (size_t i = 0; !rc && i < plan->ntargets; i++) {
        goals_result *r = &ev->results[i];
        const goals_target *t = plan->targets[i];
        r->target = t;
        const goals__method *m = method;
        if (t->method && !(o->flags & GOALS_EVAL_FORCE_METHOD))
            m = goals__method_find(t->method);
        r->method = m->name;
        r->params = params_of(ev, m);
        rc = goals__eval_target(ev, r);
    }
    if (rc) {
        goals_evaluation_free(ev);
        return rc;
    }
    rollup(ev);
    *out = ev;
    return GOALS_OK;
}

void goals_evaluation_free(goals_evaluation *ev)
{
    if (!ev)
        return;
    goals__free(ev->params);
    goals__free(ev->results);
    goals__free(ev->goals);
    goals__free(ev);
}

const goals_plan *goals_evaluation_plan(const goals_evaluation *ev) { return ev->plan; }
int32_t goals_evaluation_as_of(const goals_evaluation *ev) { return ev->as_of; }
const char *goals_evaluation_method(const goals_evaluation *ev) { return ev->method->name; }
size_t goals_evaluation_result_count(const goals_evaluation *ev) { return ev->plan->ntargets; }

const goals_result *goals_evaluation_result_at(const goals_evaluation *ev, size_t index)
{
    return index < ev->plan->ntargets ? &ev->results[index] : NULL;
}

const goals_result *goals_evaluation_find_result(const goals_evaluation *ev, const char *id)
{
    const goals_target *t = goals_plan_find_target(ev->plan, id);
    return t ? &ev->results[t->order] : NULL;
}

static const goals__rollup *rollup_of(const goals_evaluation *ev, const goals_goal *goal)
{
    if (!goal)
        return &ev->total;
    if (goal->plan != ev->plan || goal->order >= ev->plan->ngoals || ev->plan->goals[goal->order] != goal)
        return NULL;
    return &ev->goals[goal->order];
}

int goals_evaluation_counts(const goals_evaluation *ev, const goals_goal *goal, size_t counts[GOALS_STATUS_COUNT])
{
    const goals__rollup *u = rollup_of(ev, goal);
    if (!u)
        return goals__error(GOALS_EINVAL, "goal is not of the evaluated plan");
    memcpy(counts, u->counts, sizeof u->counts);
    return GOALS_OK;
}

goals_target_status goals_evaluation_status(const goals_evaluation *ev, const goals_goal *goal)
{
    const goals__rollup *u = rollup_of(ev, goal);
    goals_target_status worst = GOALS_STATUS_NO_DATA;
    for (int s = 0; u && s < GOALS_STATUS_COUNT; s++)
        if (u->counts[s] && severity[s] > severity[worst])
            worst = (goals_target_status)s;
    return worst;
}

double goals_evaluation_score(const goals_evaluation *ev, const goals_goal *goal)
{
    const goals__rollup *u = rollup_of(ev, goal);
    return u && u->weight_sum > 0 ? u->score_sum / u->weight_sum : NAN;
}

const goals_target *goals_result_target(const goals_result *r) { return r->target; }
goals_target_status goals_result_status(const goals_result *r) { return r->status; }
int goals_result_violation(const goals_result *r) { return r->violation; }

int goals_result_latest(const goals_result *r, goals_period *period, double *value)
{
    if (r->has_latest) {
        if (period)
            *period = r->latest_period;
        if (value)
            *value = r->latest_value;
    }
    return r->has_latest;
}

int goals_result_baseline(const goals_result *r, goals_period *period, double *value, int *observed)
{
    if (r->has_baseline) {
        if (period)
            *period = r->baseline_period;
        if (value)
            *value = r->baseline_value;
        if (observed)
            *observed = r->baseline_observed;
    }
    return r->has_baseline;
}

double goals_result_progress(const goals_result *r) { return r->progress; }
double goals_result_required_rate(const goals_result *r) { return r->required_rate; }
double goals_result_actual_rate(const goals_result *r) { return r->actual_rate; }
double goals_result_projected(const goals_result *r) { return r->projected; }
int64_t goals_result_days_left(const goals_result *r) { return r->days_left; }
const char *goals_result_method(const goals_result *r) { return r->method; }
double goals_result_assessment_value(const goals_result *r) { return r->assessment_value; }
const char *goals_result_assessment_category(const goals_result *r) { return r->assessment_category; }
const char *goals_result_note(const goals_result *r) { return r->note; }

size_t goals_method_count(void) { return goals__method_count(); }

const char *goals_method_name_at(size_t index)
{
    const goals__method *m = goals__method_at(index);
    return m ? m->name : NULL;
}

const char *goals_method_description(const char *name)
{
    const goals__method *m = name ? goals__method_find(name) : NULL;
    return m ? m->doc : NULL;
}

size_t goals_method_param_count(const char *name)
{
    const goals__method *m = name ? goals__method_find(name) : NULL;
    return m ? m->param_count : 0;
}

const char *goals_method_param_at(const char *name, size_t index, const char **default_text, const char **doc)
{
    const goals__method *m = name ? goals__method_find(name) : NULL;
    if (!m || index >= m->param_count)
        return NULL;
    const goals__param_desc *d = &m->params[index];
    if (default_text) {
        static _Thread_local char buf[GOALS__PARAM_TEXT_MAX];
        *default_text = goals__param_default_text(d, buf);
    }
    if (doc)
        *doc = d->doc;
    return d->name;
}
