/* Native documents (urn:libgoals:plan:1) → a plan: the root, measures and
 * observations, and the helpers every element shares.
 *
 * Measures come first whatever the document order (targets, observations
 * and derived measures refer to them), then goals, then observations. Every
 * error names the element and attribute at fault, quotes the bad value, and
 * is placed at FILE:LINE:COL of that attribute (or of the element). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "model/model.h"
#include "native.h"
#include "time/period_internal.h"
#include "util/alloc.h"
#include "util/number.h"

/* ------------------------------------------------------------ helpers */

const char *goals__nb_attr(const goals__xnode *n, const char *local)
{
    for (size_t i = 0; i < n->nattrs; i++)
        if (strcmp(n->attrs[i].local, local) == 0)
            return n->attrs[i].value;
    return NULL;
}

const char *goals__nb_q(goals__nb *b, const char *s)
{
    char *buf = b->quoted[b->next_quote++ % 4];
    return goals__quote(buf, s ? s : "", s ? strlen(s) : 0);
}

static void describe(const goals__xnode *n, char *buf, size_t size)
{
    const char *id = goals__nb_attr(n, "id");
    char q[GOALS__QUOTE_MAX];
    if (id && *id) {
        snprintf(buf, size, "%s '%s'", n->name, goals__quote(q, id, strlen(id)));
    } else if (strcmp(n->name, "observation") == 0 && goals__nb_attr(n, "measure")) {
        const char *m = goals__nb_attr(n, "measure"), *p = goals__nb_attr(n, "period");
        char qp[GOALS__QUOTE_MAX];
        if (p)
            snprintf(buf, size, "observation of '%s' for '%s'", goals__quote(q, m, strlen(m)),
                     goals__quote(qp, p, strlen(p)));
        else
            snprintf(buf, size, "observation of '%s'", goals__quote(q, m, strlen(m)));
    } else if (n->parent) {
        char up[256];
        describe(n->parent, up, sizeof up);
        snprintf(buf, size, "%s in %s", n->name, up);
    } else {
        snprintf(buf, size, "%s", n->name);
    }
}

static int fail_v(goals__nb *b, const goals__xnode *what, const goals__xnode *n, const char *attr, int code,
                  int prefix, const char *fmt, va_list ap)
{
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    unsigned long line, col;
    int found = 0;
    if (attr) {
        /* An attribute's qualified name as written: ours are unprefixed,
         * except xml:lang. */
        found = goals__feed_locate(b->feed, n->ordinal, attr, n->line, &line, &col);
    }
    if (!found)
        goals__feed_locate(b->feed, n->ordinal, NULL, n->line, &line, &col);
    const char *name = goals__feed_name(b->feed);
    if (!prefix)
        return goals__error_at(code, name, line, col, "%s", msg);
    char desc[512];
    describe(what, desc, sizeof desc);
    return goals__error_at(code, name, line, col, "%s: %s", desc, msg);
}

int goals__nb_fail(goals__nb *b, const goals__xnode *n, const char *attr, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = fail_v(b, n, n, attr, code, 1, fmt, ap);
    va_end(ap);
    return rc;
}

int goals__nb_fail_at(goals__nb *b, const goals__xnode *what, const goals__xnode *n, const char *attr, int code,
                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = fail_v(b, what, n, attr, code, 1, fmt, ap);
    va_end(ap);
    return rc;
}

int goals__nb_fail_raw(goals__nb *b, const goals__xnode *n, const char *attr, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = fail_v(b, n, n, attr, code, 0, fmt, ap);
    va_end(ap);
    return rc;
}

int goals__nb_model(goals__nb *b, const goals__xnode *n, const char *attr, int rc)
{
    if (rc == GOALS_ENOMEM)
        return rc;
    /* The model's message already names the object; add the position.
     * Codes about the document's content become GOALS_EINVALID (a
     * duplicate, a missing reference or a bad number is a rule of the
     * format broken); unit and period errors keep their own codes. */
    char msg[1024];
    snprintf(msg, sizeof msg, "%s", goals_error_last()->message);
    if (rc != GOALS_EUNIT && rc != GOALS_EPERIOD)
        rc = GOALS_EINVALID;
    return goals__nb_fail_raw(b, n, attr, rc, "%s", msg);
}

int goals__nb_check_attrs(goals__nb *b, const goals__xnode *n, const char *const *allowed)
{
    for (size_t i = 0; i < n->nattrs; i++) {
        const char *const *a = allowed;
        while (*a && strcmp(*a, n->attrs[i].local) != 0)
            a++;
        if (!*a)
            return goals__nb_fail(b, n, n->attrs[i].name, GOALS_EINVALID, "unknown attribute '%s'",
                                  goals__nb_q(b, n->attrs[i].name));
    }
    return GOALS_OK;
}

int goals__nb_need(goals__nb *b, const goals__xnode *n, const char *attr, const char **out)
{
    *out = goals__nb_attr(n, attr);
    if (!*out)
        return goals__nb_fail(b, n, NULL, GOALS_EINVALID, "missing attribute '%s'", attr);
    return GOALS_OK;
}

int goals__nb_number(goals__nb *b, const goals__xnode *n, const char *attr, double *out)
{
    const char *s = goals__nb_attr(n, attr);
    int rc = goals__parse_double(s, strlen(s), out);
    if (rc == GOALS_ENOMEM)
        return goals__oom();
    if (rc)
        return goals__nb_fail(b, n, attr, GOALS_EINVALID, "bad %s '%s' (%s)", attr, goals__nb_q(b, s),
                              rc == GOALS_ERANGE ? "out of range" : "not a number");
    return GOALS_OK;
}

int goals__nb_period(goals__nb *b, const goals__xnode *n, const char *attr, goals_period *out)
{
    const char *s = goals__nb_attr(n, attr);
    if (goals__period_parse_n(out, s, strlen(s)))
        return goals__nb_fail(b, n, attr, GOALS_EPERIOD, "bad %s '%s' (not a period such as 2026, 2026-Q3, "
                              "2026-07, 2026-07-15 or 2026-01-01/2026-06-30)", attr, goals__nb_q(b, s));
    return GOALS_OK;
}

static int all_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            return 0;
    return 1;
}

int goals__nb_no_text(goals__nb *b, const goals__xnode *n)
{
    if (all_space(n->text, n->text_len))
        return GOALS_OK;
    const char *t = n->text;
    while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r')
        t++;
    return goals__nb_fail(b, n, NULL, GOALS_EINVALID, "unexpected text '%s'", goals__nb_q(b, t));
}

int goals__nb_unknown(goals__nb *b, const goals__xnode *parent, const goals__xnode *child)
{
    char what[512];
    describe(parent, what, sizeof what);
    return goals__nb_fail_raw(b, child, NULL, GOALS_EINVALID, "%s: unknown element '%s'", what,
                              goals__nb_q(b, child->name));
}

int goals__nb_text_element(goals__nb *b, const goals__xnode *n)
{
    static const char *const none[] = {NULL};
    int rc = goals__nb_check_attrs(b, n, none);
    if (!rc && n->first)
        rc = goals__nb_unknown(b, n, n->first);
    return rc;
}

const char *goals__nb_lang(const goals__nb *b, const goals__xnode *n)
{
    /* xml:lang is inherited (XML 1.0, 2.12); the plan's own is the default. */
    for (const goals__xnode *p = n; p; p = p->parent)
        if (p->lang)
            return p == b->root ? NULL : p->lang;
    return NULL;
}

static size_t text_count(goals__nb_owner kind, const void *obj)
{
    switch (kind) {
    case NB_PLAN: return goals_plan_title_count(obj);
    case NB_GOAL: return goals_goal_title_count(obj);
    case NB_TARGET: return goals_target_title_count(obj);
    case NB_MEASURE: return goals_measure_name_count(obj);
    }
    return 0;
}

int goals__nb_title(goals__nb *b, const goals__xnode *n, goals__nb_owner kind, void *obj)
{
    int rc = goals__nb_text_element(b, n);
    if (rc)
        return rc;
    const char *lang = goals__nb_lang(b, n);
    size_t before = text_count(kind, obj);
    switch (kind) {
    case NB_PLAN: rc = goals_plan_set_title(obj, lang, n->text); break;
    case NB_GOAL: rc = goals_goal_set_title(obj, lang, n->text); break;
    case NB_TARGET: rc = goals_target_set_title(obj, lang, n->text); break;
    case NB_MEASURE: rc = goals_measure_set_name(obj, lang, n->text); break;
    }
    if (rc)
        return goals__nb_model(b, n, NULL, rc);
    if (text_count(kind, obj) == before) {
        const char *l = lang ? lang : goals_plan_lang(b->plan);
        return goals__nb_fail_raw(b, n, NULL, GOALS_EINVALID, "%s '%s': second <%s> in language '%s'",
                                  n->parent->name, goals__nb_q(b, goals__nb_attr(n->parent, "id")), n->name,
                                  goals__nb_q(b, l));
    }
    return GOALS_OK;
}

/* ----------------------------------------------------------- measures */

static int keyword(goals__nb *b, const goals__xnode *n, const char *attr, const char *const *words, int *out)
{
    const char *s = goals__nb_attr(n, attr);
    *out = 0;
    if (!s)
        return GOALS_OK;
    for (int i = 0; words[i]; i++)
        if (strcmp(s, words[i]) == 0) {
            *out = i + 1;
            return GOALS_OK;
        }
    return goals__nb_fail(b, n, attr, GOALS_EINVALID, "bad %s '%s' (expected %s or %s)", attr,
                          goals__nb_q(b, s), words[0], words[1]);
}

static int text_once(goals__nb *b, const goals__xnode *c, goals_measure *m, int definition)
{
    int rc = goals__nb_text_element(b, c);
    if (rc)
        return rc;
    const char *old = definition ? goals_measure_definition(m) : goals_measure_scope(m);
    if (old)
        return goals__nb_fail(b, c->parent, NULL, GOALS_EINVALID, "second <%s>", c->name);
    rc = definition ? goals_measure_set_definition(m, c->text) : goals_measure_set_scope(m, c->text);
    return rc ? goals__nb_model(b, c, NULL, rc) : GOALS_OK;
}

static int build_measure(goals__nb *b, const goals__xnode *n)
{
    static const char *const allowed[] = {"id", "unit", "scale", "frequency", "rate", "direction",
                                          "derived", "numerator", "denominator", NULL};
    static const char *const rates[] = {"growth", "reduction", NULL};
    static const char *const directions[] = {"increase", "decrease", NULL};
    static const char *const derivations[] = {"ratio", "share", NULL};
    const char *id, *unit = goals__nb_attr(n, "unit");
    double scale = 1;
    int rate, direction, derived;
    int rc = goals__nb_check_attrs(b, n, allowed);
    if (!rc)
        rc = goals__nb_need(b, n, "id", &id);
    if (!rc)
        rc = goals__nb_no_text(b, n);
    if (rc)
        return rc;
    if (unit && (rc = goals_unit_check(unit)))
        return rc == GOALS_EUNIT ? goals__nb_fail(b, n, "unit", GOALS_EUNIT, "unknown unit '%s'", goals__nb_q(b, unit))
                                 : goals__nb_model(b, n, "unit", rc);
    if (goals__nb_attr(n, "scale") && (rc = goals__nb_number(b, n, "scale", &scale)))
        return rc;
    if ((rc = keyword(b, n, "rate", rates, &rate)) || (rc = keyword(b, n, "direction", directions, &direction)) ||
        (rc = keyword(b, n, "derived", derivations, &derived)))
        return rc;
    if (derived && !goals__nb_attr(n, "numerator"))
        return goals__nb_fail(b, n, NULL, GOALS_EINVALID, "missing attribute 'numerator'");
    if (derived && !goals__nb_attr(n, "denominator"))
        return goals__nb_fail(b, n, NULL, GOALS_EINVALID, "missing attribute 'denominator'");
    if (!derived && (goals__nb_attr(n, "numerator") || goals__nb_attr(n, "denominator"))) {
        const char *a = goals__nb_attr(n, "numerator") ? "numerator" : "denominator";
        return goals__nb_fail(b, n, a, GOALS_EINVALID, "attribute '%s' needs 'derived'", a);
    }
    goals_measure *m;
    rc = goals_plan_add_measure(&m, b->plan, id, unit, scale);
    switch (rc) {
    case GOALS_OK: break;
    case GOALS_EINVAL:
        return goals__nb_fail_raw(b, n, "id", GOALS_EINVALID, "measure: bad id '%s'", goals__nb_q(b, id));
    case GOALS_EEXISTS:
        return goals__nb_fail(b, n, "id", GOALS_EINVALID, "duplicate id");
    case GOALS_ERANGE:
        return goals__nb_fail(b, n, "scale", GOALS_EINVALID, "bad scale '%s' (must be above 0)",
                              goals__nb_q(b, goals__nb_attr(n, "scale")));
    default:
        return goals__nb_model(b, n, NULL, rc);
    }
    const char *frequency = goals__nb_attr(n, "frequency");
    if (frequency && (rc = goals_measure_set_frequency(m, frequency)))
        return goals__nb_model(b, n, "frequency", rc);
    if (rate && (rc = goals_measure_set_rate(m, (goals_rate)rate)))
        return goals__nb_model(b, n, "rate", rc);
    if (direction && (rc = goals_measure_set_direction(m, (goals_direction)direction)))
        return goals__nb_model(b, n, "direction", rc);
    for (const goals__xnode *c = n->first; c; c = c->next) {
        if (strcmp(c->name, "name") == 0)
            rc = goals__nb_title(b, c, NB_MEASURE, m);
        else if (strcmp(c->name, "definition") == 0)
            rc = text_once(b, c, m, 1);
        else if (strcmp(c->name, "scope") == 0)
            rc = text_once(b, c, m, 0);
        else
            rc = goals__nb_unknown(b, n, c);
        if (rc)
            return rc;
    }
    return GOALS_OK;
}

/* After all measures exist: the parts of derived measures. */
static int link_measure(goals__nb *b, const goals__xnode *n)
{
    const char *how = goals__nb_attr(n, "derived");
    if (!how)
        return GOALS_OK;
    goals_measure *m = goals_plan_find_measure(b->plan, goals__nb_attr(n, "id"));
    const char *num_id = goals__nb_attr(n, "numerator"), *den_id = goals__nb_attr(n, "denominator");
    goals_measure *num = goals_plan_find_measure(b->plan, num_id);
    goals_measure *den = goals_plan_find_measure(b->plan, den_id);
    if (!num)
        return goals__nb_fail(b, n, "numerator", GOALS_EINVALID, "unknown measure '%s' in numerator",
                              goals__nb_q(b, num_id));
    if (!den)
        return goals__nb_fail(b, n, "denominator", GOALS_EINVALID, "unknown measure '%s' in denominator",
                              goals__nb_q(b, den_id));
    goals_derivation d = strcmp(how, "ratio") == 0 ? GOALS_DERIVED_RATIO : GOALS_DERIVED_SHARE;
    int rc = goals_measure_set_derived(m, d, num, den);
    return rc ? goals__nb_model(b, n, "derived", rc) : GOALS_OK;
}

/* ------------------------------------------------------- observations */

/* An observation's attributes, in the order of obs_attrs. */
enum { OA_MEASURE, OA_PERIOD, OA_VALUE, OA_UNIT, OA_SOURCE, OA_NOTE, OA_TEXT, OA_COUNT };
static const char *const obs_attrs[] = {"measure", "period", "value", "unit", "source", "note", "text", NULL};

/* Sorts n's attributes into v (first of each name wins, as goals__nb_attr).
 * A big plan has millions of observations: names are compared by pointer
 * first (the tree copies each name once), by text only when new.
 * Returns 0 when an attribute is not an observation's. */
static int observation_attrs(goals__nb *b, const goals__xnode *n, const char *v[OA_COUNT])
{
    for (int k = 0; k < OA_COUNT; k++)
        v[k] = NULL;
    for (size_t i = 0; i < n->nattrs; i++) {
        const char *local = n->attrs[i].local;
        int k = 0;
        while (k < OA_COUNT && local != b->obs_names[k])
            k++;
        if (k == OA_COUNT) {
            for (k = 0; k < OA_COUNT && strcmp(local, obs_attrs[k]) != 0; k++)
                ;
            if (k == OA_COUNT)
                return 0;
            b->obs_names[k] = local;
        }
        if (!v[k])
            v[k] = n->attrs[i].value;
    }
    return 1;
}

/* An observation's attributes, sorted by observation_attrs; known is its
 * answer (0: an attribute that is not an observation's). */
typedef struct obs_attrs_of {
    const char *v[OA_COUNT];
    int known;
} obs_attrs_of;

/* m and a: the measure and the sorted attributes when the caller has them
 * already (the parse's hook), else NULL. */
static int build_observation(goals__nb *b, const goals__xnode *n, goals_measure *m, const obs_attrs_of *a)
{
    static const char *const dim_allowed[] = {"name", "value", NULL};
    obs_attrs_of own;
    if (!a) {
        own.known = observation_attrs(b, n, own.v);
        a = &own;
    }
    const char *v[OA_COUNT];
    memcpy(v, a->v, sizeof v);
    int rc = GOALS_OK;
    if (!a->known)
        rc = goals__nb_check_attrs(b, n, obs_attrs);
    if (!rc && !v[OA_MEASURE])
        rc = goals__nb_need(b, n, "measure", &v[OA_MEASURE]);
    if (!rc && !v[OA_PERIOD])
        rc = goals__nb_need(b, n, "period", &v[OA_PERIOD]);
    if (!rc)
        rc = goals__nb_no_text(b, n);
    if (rc)
        return rc;
    const char *mid = v[OA_MEASURE];
    if (!m)
        m = goals_plan_find_measure(b->plan, mid);
    if (!m)
        return goals__nb_fail(b, n, "measure", GOALS_EINVALID, "unknown measure '%s'", goals__nb_q(b, mid));
    goals_observation_input in = GOALS_OBSERVATION_INPUT_INIT;
    if (goals__period_parse_n(&in.period, v[OA_PERIOD], strlen(v[OA_PERIOD])) &&
        (rc = goals__nb_period(b, n, "period", &in.period)))
        return rc;
    if (v[OA_VALUE]) {
        rc = goals__parse_double(v[OA_VALUE], strlen(v[OA_VALUE]), &in.value);
        if (rc && (rc = goals__nb_number(b, n, "value", &in.value)))
            return rc;
    }
    in.unit = v[OA_UNIT];
    if (in.unit && (rc = goals_unit_check(in.unit)))
        return rc == GOALS_EUNIT ? goals__nb_fail(b, n, "unit", GOALS_EUNIT, "unknown unit '%s'", goals__nb_q(b, in.unit))
                                 : goals__nb_model(b, n, "unit", rc);
    in.text = v[OA_TEXT];
    in.source = v[OA_SOURCE];
    in.note = v[OA_NOTE];
    if (isnan(in.value) && !in.text)
        return goals__nb_fail(b, n, NULL, GOALS_EINVALID, "needs a value or a text");
    size_t ndims = 0;
    for (const goals__xnode *c = n->first; c; c = c->next)
        ndims++;
    const char **dims = NULL;
    if (ndims && !(dims = goals__calloc(2 * ndims, sizeof *dims)))
        return goals__oom();
    size_t i = 0;
    for (const goals__xnode *c = n->first; c && !rc; c = c->next, i++) {
        if (strcmp(c->name, "dimension") != 0) {
            rc = goals__nb_unknown(b, n, c);
            break;
        }
        if ((rc = goals__nb_check_attrs(b, c, dim_allowed)) || (rc = goals__nb_need(b, c, "name", &dims[2 * i])) ||
            (rc = goals__nb_need(b, c, "value", &dims[2 * i + 1])) || (rc = goals__nb_no_text(b, c)))
            break;
        if (c->first)
            rc = goals__nb_unknown(b, c, c->first);
    }
    if (!rc) {
        in.dimensions = dims;
        in.dimension_count = ndims;
        in.origin = goals__feed_name(b->feed);
        in.origin_line = n->line;
        rc = goals_measure_add_observations_ex(m, &in, 1);
        if (rc)
            rc = goals__nb_model(b, n, NULL, rc);
    }
    goals__free(dims);
    return rc;
}

/* --------------------------------------------------------------- plan */

/* The plan itself, from the root's attributes. */
static int start_plan(goals__nb *b, const goals__xnode *n)
{
    static const char *const allowed[] = {"id", "issuer", "issued", "horizon", "source", NULL};
    const char *id;
    int rc = goals__nb_check_attrs(b, n, allowed);
    if (!rc)
        rc = goals__nb_need(b, n, "id", &id);
    if (rc)
        return rc;
    if ((rc = goals_plan_new(&b->plan, id)))
        return rc == GOALS_EINVAL
                   ? goals__nb_fail_raw(b, n, "id", GOALS_EINVALID, "plan: bad id '%s'", goals__nb_q(b, id))
                   : rc;
    goals__plan_defer(b->plan); /* observations in any order: sorted once at the end */
    if (n->lang && (rc = goals_plan_set_lang(b->plan, n->lang)))
        return rc == GOALS_ENOMEM ? rc : goals__nb_fail(b, n, "xml:lang", GOALS_EINVALID, "bad xml:lang '%s'", goals__nb_q(b, n->lang));
    const char *issuer = goals__nb_attr(n, "issuer"), *source = goals__nb_attr(n, "source");
    const char *issued = goals__nb_attr(n, "issued");
    if (issuer && (rc = goals_plan_set_issuer(b->plan, issuer)))
        return goals__nb_model(b, n, "issuer", rc);
    if (source && (rc = goals_plan_set_source(b->plan, source)))
        return goals__nb_model(b, n, "source", rc);
    if (issued) {
        int32_t day;
        if (goals__date_parse_n(&day, issued, strlen(issued)))
            return goals__nb_fail(b, n, "issued", GOALS_EPERIOD, "bad issued '%s' (not a date YYYY-MM-DD)",
                                  goals__nb_q(b, issued));
        if ((rc = goals_plan_set_issued(b->plan, day)))
            return goals__nb_model(b, n, "issued", rc);
    }
    if (goals__nb_attr(n, "horizon")) {
        goals_period horizon;
        if ((rc = goals__nb_period(b, n, "horizon", &horizon)))
            return rc;
        if ((rc = goals_plan_set_horizon(b->plan, &horizon)))
            return goals__nb_model(b, n, "horizon", rc);
    }
    return GOALS_OK;
}

/* Whether observations of m must wait for the end of the document: a
 * measure declared derived (linked only once every measure is known)
 * takes none, and that error is the end pass's to report. */
static int derived_declared(const goals__nb *b, const goals_measure *m)
{
    return b->derived.count && goals__hash_get(&b->derived, goals_measure_id(m)) != NULL;
}

/* The parse's child hook (goals__xtree_hooks): measures are built as soon
 * as they are read, and the observations of measures already built go
 * straight into the plan and out of the tree. Everything else (titles,
 * goals, observations that come before their measure) waits for the end,
 * where build_plan() takes it in the usual order. */
/* Whether name is the one *seen holds: by pointer first (the tree copies
 * each name once, as a rule), by text when not. */
static int is_name(const char *name, const char **seen, const char *text)
{
    if (name == *seen)
        return 1;
    if (strcmp(name, text) != 0)
        return 0;
    *seen = name;
    return 1;
}

int goals__native_child(void *ctx, goals__xnode *n)
{
    goals__nb *b = ctx;
    const goals__xnode *root = n->parent;
    int rc;
    if (!b->plan) {
        if (strcmp(root->ns, GOALS__NS) != 0 || strcmp(root->name, "plan") != 0)
            return 0; /* not a plan: goals__native_finish says so */
        b->root = root;
        if ((rc = start_plan(b, root)))
            return rc;
    }
    if (is_name(n->name, &b->seen_observation, "observation")) {
        obs_attrs_of a;
        a.known = observation_attrs(b, n, a.v);
        const char *mid = a.known ? a.v[OA_MEASURE] : goals__nb_attr(n, "measure");
        goals_measure *m = mid ? goals_plan_find_measure(b->plan, mid) : NULL;
        if (!m || derived_declared(b, m))
            return 0;
        return (rc = build_observation(b, n, m, &a)) ? rc : 1;
    }
    if (strcmp(n->name, "measure") == 0) {
        if ((rc = build_measure(b, n)))
            return rc;
        n->done = 1;
        if (goals__nb_attr(n, "derived")) {
            goals_measure *m = goals_plan_find_measure(b->plan, goals__nb_attr(n, "id"));
            if (goals__hash_put(&b->derived, goals_measure_id(m), m))
                return goals__oom();
        }
        return 0;
    }
    return 0;
}

static int build_plan(goals__nb *b, const goals__xnode *n)
{
    int rc = b->plan ? GOALS_OK : start_plan(b, n);
    if (!rc)
        rc = goals__nb_no_text(b, n);
    if (rc)
        return rc;
    /* Titles and measures first: everything else refers to measures. */
    for (const goals__xnode *c = n->first; c && !rc; c = c->next) {
        if (strcmp(c->name, "title") == 0)
            rc = goals__nb_title(b, c, NB_PLAN, b->plan);
        else if (strcmp(c->name, "measure") == 0)
            rc = c->done ? GOALS_OK : build_measure(b, c);
        else if (strcmp(c->name, "goal") != 0 && strcmp(c->name, "observation") != 0)
            rc = goals__nb_unknown(b, n, c);
    }
    for (const goals__xnode *c = n->first; c && !rc; c = c->next)
        if (strcmp(c->name, "measure") == 0)
            rc = link_measure(b, c);
    for (const goals__xnode *c = n->first; c && !rc; c = c->next)
        if (strcmp(c->name, "goal") == 0)
            rc = goals__nb_goal(b, c, NULL);
    for (const goals__xnode *c = n->first; c && !rc; c = c->next)
        if (strcmp(c->name, "observation") == 0)
            rc = build_observation(b, c, NULL, NULL);
    return rc;
}

void goals__native_init(goals__nb *b, goals__feed *feed)
{
    memset(b, 0, sizeof *b);
    b->feed = feed;
    goals__hash_init(&b->derived);
}

void goals__native_abandon(goals__nb *b)
{
    goals__hash_free(&b->derived);
    goals_plan_free(b->plan);
    b->plan = NULL;
}

int goals__native_finish(goals_plan **out, goals__nb *b, const goals__xtree *tree)
{
    *out = NULL;
    goals__hash_free(&b->derived);
    b->root = goals__xtree_root(tree);
    int rc;
    if (strcmp(b->root->ns, GOALS__NS) != 0 || strcmp(b->root->name, "plan") != 0)
        rc = goals__nb_fail_raw(b, b->root, NULL, GOALS_EINVALID,
                                "root element '%s' in namespace '%s' is not a plan of " GOALS__NS,
                                goals__nb_q(b, b->root->name), goals__nb_q(b, b->root->ns));
    else
        rc = build_plan(b, b->root);
    if (rc) {
        goals_plan_free(b->plan);
        b->plan = NULL;
        return rc;
    }
    *out = b->plan;
    b->plan = NULL;
    return GOALS_OK;
}
