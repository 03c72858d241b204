/* StratML (ISO 17469-1 Part 1, ANSI/AIIM Part 2, and the older
 * www.stratml.net namespaces) → a plan. docs/import.md has the mapping:
 * Goal → goal, Objective → sub-goal, PerformanceIndicator → measure,
 * TargetResult → target (or baseline, by the "Annual Baseline"
 * convention), ActualResult → observation.
 *
 * Children are found by name, in any order; unknown ones are skipped with a
 * warning. Each indicator is read in two passes: its baselines first
 * (targets take the latest one before their deadline), then every result in
 * document order, so that positions are found in one forward scan. */
#include <math.h>
#include <string.h>

#include "import.h"
#include "model/model.h"
#include "util/alloc.h"

typedef struct baseline {
    goals_period period;
    double value;
} baseline;

/* A unit text already warned about. */
typedef struct seen_unit {
    const char *text;
    struct seen_unit *next;
} seen_unit;

typedef struct sm {
    goals__imp im;
    int has_fallback;       /* a day for results with no date of their own */
    int32_t fallback_day;
    const char *fallback_what;
    baseline *bl;           /* the current indicator's baselines */
    size_t nbl, bl_cap;
    seen_unit *units;
} sm;

static const char *const namespaces[] = {
    "urn:ISO:std:iso:17469:tech:xsd:stratml_core",
    "urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport",
    "http://www.stratml.net",
    "http://www.stratml.net/PerformancePlanOrReport",
    NULL,
};

static int is_name(const goals__xnode *n, const char *name)
{
    return strcmp(n->name, name) == 0;
}

static int ci_equal(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a, y = *b;
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return 0;
    }
    return *a == *b;
}

static int ci_contains(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i]) {
            char x = hay[i];
            if (x >= 'A' && x <= 'Z')
                x = (char)(x - 'A' + 'a');
            if (x != needle[i])
                break;
            i++;
        }
        if (i == n)
            return 1;
    }
    return 0;
}

/* Warns about children of n whose names are not in known (NULL-ended). */
static void check_children(sm *s, const goals__xnode *n, const char *const *known)
{
    for (const goals__xnode *c = n->first; c; c = c->next) {
        const char *const *k = known;
        while (*k && strcmp(*k, c->name) != 0)
            k++;
        if (!*k)
            goals__imp_warn(&s->im, c, NULL, "unknown element '%s' in <%s> ignored", goals__imp_q(&s->im, c->name),
                            n->name);
    }
}

/* "Name", else "Description", else "SequenceIndicator": the title. */
static const char *title_of(sm *s, const goals__xnode *n)
{
    const char *t = goals__imp_child_text(&s->im, n, "Name");
    if (!*t)
        t = goals__imp_child_text(&s->im, n, "Description");
    if (!*t)
        t = goals__imp_child_text(&s->im, n, "SequenceIndicator");
    return t;
}

/* ------------------------------------------------------------- results */

/* A result's parts, trimmed; "" when absent. */
typedef struct result {
    const goals__xnode *n, *start_el, *end_el, *number_el;
    const char *start, *end, *number, *dname, *dvalue, *description;
} result;

static void read_result(sm *s, const goals__xnode *n, result *r)
{
    goals__imp *im = &s->im;
    r->n = n;
    r->start_el = goals__imp_child(n, "StartDate");
    r->end_el = goals__imp_child(n, "EndDate");
    r->number_el = goals__imp_child(n, "NumberOfUnits");
    r->start = goals__imp_text(im, r->start_el);
    r->end = goals__imp_text(im, r->end_el);
    r->number = goals__imp_text(im, r->number_el);
    const goals__xnode *d = goals__imp_child(n, "Descriptor");
    r->dname = goals__imp_child_text(im, d, "DescriptorName");
    r->dvalue = goals__imp_child_text(im, d, "DescriptorValue");
    r->description = goals__imp_child_text(im, n, "Description");
    if (goals__imp_placeholder(r->description))
        r->description = "";
    if (goals__imp_placeholder(r->dvalue))
        r->dvalue = "";
}

static void check_result(sm *s, const goals__xnode *n)
{
    static const char *const known[] = {"StartDate", "EndDate", "NumberOfUnits", "Descriptor", "Description", NULL};
    check_children(s, n, known);
}

/* "Status: Adopted. Adoption of the plan" — the descriptor and description
 * as one text; "" when both are empty. */
static const char *result_text(sm *s, const result *r)
{
    const char *d = "";
    if (*r->dvalue)
        d = *r->dname ? goals__imp_printf(&s->im, "%s: %s", r->dname, r->dvalue) : r->dvalue;
    if (*d && *r->description)
        return goals__imp_printf(&s->im, "%s. %s", d, r->description);
    return *d ? d : r->description;
}

static int is_baseline(const result *r)
{
    return ci_contains(r->dvalue, "baseline");
}

/* The period of a result that has none of its own: that of a dated
 * TargetResult in the same MeasurementInstance, else the plan's end or
 * publication date; with a warning either way. */
static int borrowed_period(sm *s, const result *r, goals_period *out)
{
    const goals__xnode *mi = r->n->parent;
    for (const goals__xnode *c = mi->first; c; c = c->next) {
        if (!is_name(c, "TargetResult"))
            continue;
        int32_t a, b;
        const char *st = goals__imp_child_text(&s->im, c, "StartDate"), *en = goals__imp_child_text(&s->im, c, "EndDate");
        int has_a = goals__imp_date(st, &a), has_b = goals__imp_date(en, &b);
        if (has_b && (!has_a || a > b))
            a = b;
        if (has_b && goals_period_from_days(out, a, b) == GOALS_OK) {
            goals__imp_warn(&s->im, r->n, NULL, "result has no date: dated by its target's period");
            return 1;
        }
    }
    if (s->has_fallback && goals_period_from_days(out, s->fallback_day, s->fallback_day) == GOALS_OK) {
        goals__imp_warn(&s->im, r->n, NULL, "result has no date: dated by the plan's %s", s->fallback_what);
        return 1;
    }
    return 0;
}

/* The latest baseline that ends by the deadline (or any, without one). */
static const baseline *baseline_for(const sm *s, const goals_period *deadline)
{
    const baseline *best = NULL;
    for (size_t i = 0; i < s->nbl; i++) {
        const baseline *b = &s->bl[i];
        if (deadline && b->period.end > deadline->end)
            continue;
        if (!best || b->period.end > best->period.end)
            best = b;
    }
    return best;
}

static int add_target(sm *s, goals_goal *owner, goals_measure *m, const result *r, size_t *count, int qualitative)
{
    goals__imp *im = &s->im;
    double v = NAN;
    goals__imp_value kind = goals__imp_number(r->number, &v);
    const char *text = result_text(s, r);
    if (kind == IMP_EMPTY && !*text)
        return GOALS_OK; /* an empty skeleton: no target */
    if (kind == IMP_NUMBER && !isfinite(v))
        kind = IMP_TEXT;
    if (kind == IMP_TEXT) {
        goals__imp_warn(im, r->number_el, NULL, "target '%s' is not a number: kept as a qualitative target's text",
                        goals__imp_q(im, r->number));
        text = *text ? goals__imp_printf(im, "%s (%s)", r->number, text) : r->number;
    }
    goals_period deadline;
    int has_deadline = goals__imp_period(im, r->n, r->start_el, r->start, r->end_el, r->end, &deadline);
    (*count)++;
    const char *id = goals__imp_id(im, IMP_GOALS, NULL, goals__imp_printf(im, "%s.t%zu", goals_measure_id(m), *count),
                                   r->n);
    int numeric = kind == IMP_NUMBER && !qualitative;
    if (kind == IMP_NUMBER && qualitative)
        text = *text ? goals__imp_printf(im, "%s (%s)", r->number, text) : r->number;
    goals_target *t;
    int rc = goals_goal_add_target(&t, owner, id, numeric ? GOALS_KIND_REACH : GOALS_KIND_QUALITATIVE,
                                   goals_measure_id(m));
    if (!rc && numeric) {
        const baseline *b = baseline_for(s, has_deadline ? &deadline : NULL);
        /* StratML states no direction: a target below its baseline is one
         * to come down to. */
        goals_op op = b && v < b->value ? GOALS_OP_LE : GOALS_OP_GE;
        rc = goals_target_set_value(t, op, v, NAN, NULL);
        if (!rc && b)
            rc = goals_target_set_baseline(t, &b->period, b->value);
    }
    if (!rc && has_deadline)
        rc = goals_target_set_deadline(t, &deadline);
    if (!rc && *text)
        rc = goals_target_set_title(t, NULL, text);
    return rc ? goals__imp_model(im, r->n, rc) : GOALS_OK;
}

/* An ActualResult, or a baseline TargetResult (kept under series=baseline). */
static int add_observation(sm *s, goals_measure *m, const result *r, int baseline_series)
{
    goals__imp *im = &s->im;
    double v = NAN;
    goals__imp_value kind = goals__imp_number(r->number, &v);
    const char *text = result_text(s, r), *note = NULL;
    if (kind == IMP_NUMBER && !isfinite(v))
        kind = IMP_TEXT;
    if (kind == IMP_EMPTY && (!*text || baseline_series))
        return GOALS_OK; /* "...", "[To be determined]", a baseline with no value: nothing observed */
    const char *said = goals__imp_child_text(im, r->n, "Description");
    if (kind == IMP_NUMBER && v == 0 && !*text && *said && goals__imp_placeholder(said) &&
        strspn(said, ".- ") != strlen(said)) {
        /* "0" beside "[To be determined]": a form's default, not a zero.
         * (A bare "..." is no such word: Albania's scores all have it.) */
        goals__imp_warn(im, r->number_el, NULL, "value 0 next to '%s' read as no value", goals__imp_q(im, said));
        return GOALS_OK;
    }
    if (kind == IMP_TEXT) {
        goals__imp_warn(im, r->number_el, NULL, "value '%s' is not a number: kept as the observation's text",
                        goals__imp_q(im, r->number));
        note = text;
        text = r->number;
        v = NAN;
    } else if (kind == IMP_NUMBER) {
        note = text;
        text = NULL;
    }
    goals_period p;
    int has = goals__imp_period(im, r->n, r->start_el, r->start, r->end_el, r->end, &p);
    if (!has && !(has = borrowed_period(s, r, &p))) {
        goals__imp_warn(im, r->n, NULL, "result has no date, nor has the plan: not kept");
        return GOALS_OK;
    }
    goals__imp_dims d;
    d.count = 0;
    if (baseline_series)
        goals__imp_dims_add(im, &d, "series", "baseline", r->n);
    return goals__imp_observe(im, m, r->n, &p, v, text, note, &d);
}

/* ---------------------------------------------------------- indicators */

static const char *unit_of(sm *s, const goals__xnode *pi, const char *text)
{
    static const char *const percent[] = {"percentage", "percent", "%", "per cent", NULL};
    static const char *const dollars[] = {"dollars", "dollar", "$", "us dollars", "usd", NULL};
    static const char *const counts[] = {"number", "count", "numbers", "#", NULL};
    if (!*text || goals_unit_check(text) == GOALS_OK)
        return text;
    for (int i = 0; percent[i]; i++)
        if (ci_equal(text, percent[i]))
            return "%";
    for (int i = 0; dollars[i]; i++)
        if (ci_equal(text, dollars[i]))
            return "USD";
    for (int i = 0; counts[i]; i++)
        if (ci_equal(text, counts[i]))
            return "";
    /* Free text ("Score", "Ratings"): the measure counts in it with no
     * unit of ours, and its definition keeps the words. Said once per text. */
    for (seen_unit *u = s->units; u; u = u->next)
        if (strcmp(u->text, text) == 0)
            return NULL;
    seen_unit *u = goals__arena_alloc(&s->im.scratch, sizeof *u);
    if (!u) {
        s->im.oom = 1;
        return NULL;
    }
    u->text = text;
    u->next = s->units;
    s->units = u;
    goals__imp_warn(&s->im, goals__imp_child(pi, "UnitOfMeasurement"), NULL,
                    "unit of measurement '%s' is not a unit libgoals knows: kept in the measure's definition",
                    goals__imp_q(&s->im, text));
    return NULL;
}

static int collect_baselines(sm *s, const goals__xnode *pi)
{
    s->nbl = 0;
    for (const goals__xnode *mi = goals__imp_child(pi, "MeasurementInstance"); mi; mi = goals__imp_next(mi))
        for (const goals__xnode *c = goals__imp_child(mi, "TargetResult"); c; c = goals__imp_next(c)) {
            result r;
            read_result(s, c, &r);
            double v;
            int32_t a, b;
            if (!is_baseline(&r) || goals__imp_number(r.number, &v) != IMP_NUMBER || !isfinite(v) ||
                !goals__imp_date(r.end, &b))
                continue;
            if (!goals__imp_date(r.start, &a) || a > b)
                a = b;
            baseline bl;
            if (goals_period_from_days(&bl.period, a, b))
                continue;
            bl.value = v;
            if (s->nbl == s->bl_cap) {
                size_t cap = s->bl_cap ? 2 * s->bl_cap : 16;
                baseline *nb = goals__reallocarray(s->bl, cap, sizeof *nb);
                if (!nb)
                    return goals__oom();
                s->bl = nb;
                s->bl_cap = cap;
            }
            s->bl[s->nbl++] = bl;
        }
    return GOALS_OK;
}

static int indicator(sm *s, goals_goal *owner, const goals__xnode *pi, size_t index)
{
    static const char *const known[] = {"SequenceIndicator", "MeasurementDimension", "UnitOfMeasurement",
                                        "Identifier", "Relationship", "MeasurementInstance", "OtherInformation",
                                        NULL};
    static const char *const mi_known[] = {"Place", "TargetResult", "ActualResult", NULL};
    goals__imp *im = &s->im;
    check_children(s, pi, known);
    const char *id = goals__imp_id(im, IMP_MEASURES, goals__imp_child_text(im, pi, "Identifier"),
                                   goals__imp_printf(im, "%s.m%zu", goals_goal_id(owner), index), pi);
    const char *unit_text = goals__imp_child_text(im, pi, "UnitOfMeasurement");
    const char *unit = unit_of(s, pi, unit_text);
    goals_measure *m;
    int rc = goals_plan_add_measure(&m, im->plan, id, unit ? unit : "", 1);
    if (rc)
        return goals__imp_model(im, pi, rc);
    const char *name = goals__imp_child_text(im, pi, "MeasurementDimension");
    if (!*name)
        name = goals__imp_child_text(im, pi, "SequenceIndicator");
    if (*name && (rc = goals_measure_set_name(m, NULL, name)))
        return goals__imp_model(im, pi, rc);
    const char *definition = goals__imp_child_text(im, pi, "OtherInformation");
    if (!unit)
        definition = *definition ? goals__imp_printf(im, "%s\nUnit of measurement: %s", definition, unit_text)
                                 : goals__imp_printf(im, "Unit of measurement: %s", unit_text);
    if (*definition && (rc = goals_measure_set_definition(m, definition)))
        return goals__imp_model(im, pi, rc);
    const char *type = goals__imp_attr(pi, "PerformanceIndicatorType");
    if (!type)
        type = goals__imp_attr(pi, "IndicatorType"); /* the ANSI 2011 name */
    int qualitative = type && ci_equal(type, "Qualitative");

    if ((rc = collect_baselines(s, pi)))
        return rc;
    size_t targets = 0;
    for (const goals__xnode *mi = goals__imp_child(pi, "MeasurementInstance"); mi && !rc; mi = goals__imp_next(mi)) {
        check_children(s, mi, mi_known);
        for (const goals__xnode *c = mi->first; c && !rc; c = c->next) {
            int target = is_name(c, "TargetResult");
            if (!target && !is_name(c, "ActualResult"))
                continue;
            check_result(s, c);
            result r;
            read_result(s, c, &r);
            if (target && is_baseline(&r))
                rc = add_observation(s, m, &r, 1);
            else if (target)
                rc = add_target(s, owner, m, &r, &targets, qualitative);
            else
                rc = add_observation(s, m, &r, 0);
        }
    }
    return rc;
}

/* --------------------------------------------------------------- goals */

static int add_goal(sm *s, goals_goal **out, goals_goal *parent, const goals__xnode *n, const char *fallback,
                    const char *kind)
{
    goals__imp *im = &s->im;
    const char *id = goals__imp_id(im, IMP_GOALS, goals__imp_child_text(im, n, "Identifier"), fallback, n);
    int rc = goals_plan_add_goal(out, im->plan, parent, id, kind);
    if (rc)
        return goals__imp_model(im, n, rc);
    const char *title = title_of(s, n);
    if (*title && (rc = goals_goal_set_title(*out, NULL, title)))
        return goals__imp_model(im, n, rc);
    return GOALS_OK;
}

static int objective(sm *s, goals_goal *goal, const goals__xnode *n, size_t index)
{
    static const char *const known[] = {"Name", "Description", "Identifier", "SequenceIndicator", "Stakeholder",
                                        "OtherInformation", "PerformanceIndicator", NULL};
    check_children(s, n, known);
    goals_goal *obj;
    int rc = add_goal(s, &obj, goal, n, goals__imp_printf(&s->im, "%s.%zu", goals_goal_id(goal), index), "objective");
    size_t k = 0;
    for (const goals__xnode *pi = goals__imp_child(n, "PerformanceIndicator"); pi && !rc; pi = goals__imp_next(pi))
        rc = indicator(s, obj, pi, ++k);
    return rc;
}

static int goal(sm *s, const goals__xnode *n, size_t index)
{
    static const char *const known[] = {"Name", "Description", "Identifier", "SequenceIndicator", "Stakeholder",
                                        "OtherInformation", "Objective", "PerformanceIndicator", NULL};
    check_children(s, n, known);
    goals_goal *g;
    int rc = add_goal(s, &g, NULL, n, goals__imp_printf(&s->im, "goal-%zu", index), "goal");
    size_t k = 0;
    for (const goals__xnode *o = goals__imp_child(n, "Objective"); o && !rc; o = goals__imp_next(o))
        rc = objective(s, g, o, ++k);
    /* Not in the schema, but seen: indicators right under a goal. */
    k = 0;
    for (const goals__xnode *pi = goals__imp_child(n, "PerformanceIndicator"); pi && !rc; pi = goals__imp_next(pi))
        rc = indicator(s, g, pi, ++k);
    return rc;
}

/* ---------------------------------------------------------------- plan */

static int date_of(sm *s, const goals__xnode *n, const char *text, int32_t *day)
{
    if (!*text)
        return 0;
    if (goals__imp_date(text, day))
        return 1;
    goals__imp_warn(&s->im, n, NULL, "date '%s' is not a date YYYY-MM-DD; left out", goals__imp_q(&s->im, text));
    return 0;
}

static int plan_info(sm *s)
{
    static const char *const known[] = {"Identifier", "StartDate", "EndDate", "PublicationDate", "Source",
                                        "Submitter", NULL};
    goals__imp *im = &s->im;
    goals_plan *plan = im->plan;
    const goals__xnode *root = im->root, *core = goals__imp_child(root, "StrategicPlanCore");
    int rc = GOALS_OK;
    const char *title = goals__imp_child_text(im, root, "Name");
    if (*title && (rc = goals_plan_set_title(plan, NULL, title)))
        return goals__imp_model(im, root, rc);
    const char *issuer = goals__imp_child_text(im, goals__imp_child(core, "Organization"), "Name");
    if (*issuer && (rc = goals_plan_set_issuer(plan, issuer)))
        return goals__imp_model(im, root, rc);
    const goals__xnode *admin = goals__imp_child(root, "AdministrativeInformation");
    if (!admin)
        return GOALS_OK;
    check_children(s, admin, known);
    const char *source = goals__imp_child_text(im, admin, "Source");
    if (*source && (rc = goals_plan_set_source(plan, source)))
        return goals__imp_model(im, admin, rc);
    int32_t start, end, published;
    const goals__xnode *se = goals__imp_child(admin, "StartDate"), *ee = goals__imp_child(admin, "EndDate"),
                      *pe = goals__imp_child(admin, "PublicationDate");
    int has_start = date_of(s, se, goals__imp_text(im, se), &start);
    int has_end = date_of(s, ee, goals__imp_text(im, ee), &end);
    int has_pub = date_of(s, pe, goals__imp_text(im, pe), &published);
    if (has_pub && (rc = goals_plan_set_issued(plan, published)))
        return goals__imp_model(im, pe, rc);
    if (has_start && has_end && start <= end) {
        goals_period horizon;
        if (!goals_period_from_days(&horizon, start, end) && (rc = goals_plan_set_horizon(plan, &horizon)))
            return goals__imp_model(im, admin, rc);
    }
    if (has_end) {
        s->has_fallback = 1;
        s->fallback_day = end;
        s->fallback_what = "end date";
    } else if (has_pub) {
        s->has_fallback = 1;
        s->fallback_day = published;
        s->fallback_what = "publication date";
    }
    return GOALS_OK;
}

static int build(sm *s)
{
    static const char *const root_known[] = {"Name", "Description", "OtherInformation", "StrategicPlanCore",
                                              "AdministrativeInformation", "Submitter", NULL};
    static const char *const core_known[] = {"Organization", "Vision", "Mission", "Value", "Goal", NULL};
    goals__imp *im = &s->im;
    const goals__xnode *root = im->root;
    int known_ns = 0;
    for (int i = 0; namespaces[i]; i++)
        known_ns |= strcmp(root->ns, namespaces[i]) == 0;
    if (!is_name(root, "StrategicPlan") && !is_name(root, "PerformancePlanOrReport"))
        return goals__imp_fail(im, root, GOALS_EINVALID,
                               "root element '%s' is not a StratML StrategicPlan or PerformancePlanOrReport",
                               goals__imp_q(im, root->name));
    /* The plan's id: the document's identifier, else its name. */
    const goals__xnode *admin = goals__imp_child(root, "AdministrativeInformation");
    const char *id = goals__imp_sanitize(im, goals__imp_child_text(im, admin, "Identifier"));
    if (!*id)
        id = goals__imp_sanitize(im, goals__imp_child_text(im, root, "Name"));
    if (!*id)
        id = "stratml-plan";
    int rc = goals_plan_new(&im->plan, id);
    if (rc)
        return rc == GOALS_ENOMEM ? rc : goals__imp_model(im, root, rc);
    goals__plan_defer(im->plan); /* observations in any order: goals__load_dispatch sorts them once */
    if (root->lang && *root->lang && goals_plan_set_lang(im->plan, root->lang) != GOALS_OK)
        goals__imp_warn(im, root, "xml:lang", "bad xml:lang '%s' left out", goals__imp_q(im, root->lang));
    if (!known_ns)
        goals__imp_warn(im, root, NULL, "namespace '%s' is not a StratML namespace; read as StratML Part 2",
                        goals__imp_q(im, root->ns));
    check_children(s, root, root_known);
    if ((rc = plan_info(s)))
        return rc;
    const goals__xnode *core = goals__imp_child(root, "StrategicPlanCore");
    if (!core) {
        goals__imp_warn(im, root, NULL, "no StrategicPlanCore: the plan has no goals");
        return GOALS_OK;
    }
    check_children(s, core, core_known);
    size_t k = 0;
    for (const goals__xnode *g = goals__imp_child(core, "Goal"); g && !rc; g = goals__imp_next(g))
        rc = goal(s, g, ++k);
    return rc;
}

int goals__stratml_build(goals_plan **out, const goals__xtree *tree, goals__feed *feed)
{
    *out = NULL;
    sm s;
    memset(&s, 0, sizeof s);
    goals__imp_init(&s.im, tree, feed);
    int rc = build(&s);
    goals__free(s.bl);
    return goals__imp_close(&s.im, out, rc);
}
