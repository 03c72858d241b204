/* IATI activity files (2.01, 2.02, 2.03) → one plan. docs/import.md has
 * the mapping: activity → goal, result → sub-goal, indicator → measure
 * (its @measure code and @ascending direction), baseline → a target's
 * baseline (and an observation under series=baseline), period target →
 * target, period actual → observation, with the dimensions and location
 * refs of each value as the observation's dimensions.
 *
 * Everything is read in document order, so that positions are found in one
 * forward scan; only the indicator's baselines are looked at ahead, without
 * positions, for the targets that need them. */
#include <math.h>
#include <string.h>

#include "import.h"
#include "model/model.h"
#include "time/period_internal.h"
#include "util/alloc.h"

typedef struct ibaseline {
    goals_period period;
    double value;
} ibaseline;

typedef struct iati {
    goals__imp im;
    const char *lang;        /* the plan's language, "" for none */
    ibaseline *bl;           /* the indicator's numeric baselines without dimensions */
    size_t nbl, bl_cap;
    int warned_dims;         /* the indicator's targets with dimensions were warned about */
} iati;

/* IATI's IndicatorMeasure codelist. */
enum { MEASURE_UNIT = 1, MEASURE_PERCENT = 2, MEASURE_NOMINAL = 3, MEASURE_ORDINAL = 4, MEASURE_QUALITATIVE = 5 };

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

/* ---------------------------------------------------------- narratives */

/* The language of n's text: its own or an ancestor's xml:lang; NULL when
 * that is the plan's (or none). */
static const char *lang_of(const iati *ia, const goals__xnode *n)
{
    for (const goals__xnode *p = n; p; p = p->parent)
        if (p->lang && *p->lang)
            return ci_equal(p->lang, ia->lang) ? NULL : p->lang;
    return NULL;
}

typedef enum owner { OWN_PLAN, OWN_GOAL, OWN_MEASURE } owner;

static int set_text(iati *ia, owner kind, void *obj, const char *lang, const char *text)
{
    switch (kind) {
    case OWN_PLAN: return goals_plan_set_title(obj, lang, text);
    case OWN_GOAL: return goals_goal_set_title(obj, lang, text);
    case OWN_MEASURE: return goals_measure_set_name(obj, lang, text);
    }
    (void)ia;
    return GOALS_EINVAL;
}

/* Sets obj's titles from n's <narrative> children, one per language (the
 * first in each), or from n's own text where it has none (IATI 1.x). */
static int titles(iati *ia, const goals__xnode *n, owner kind, void *obj)
{
    goals__imp *im = &ia->im;
    const char *seen[16];
    size_t nseen = 0;
    int any = 0;
    for (const goals__xnode *c = goals__imp_child(n, "narrative"); c; c = goals__imp_next(c)) {
        any = 1;
        const char *text = goals__imp_text(im, c), *lang = lang_of(ia, c);
        const char *key = lang ? lang : "";
        size_t i = 0;
        while (i < nseen && !ci_equal(seen[i], key))
            i++;
        if (!*text || i < nseen || nseen == 16)
            continue;
        seen[nseen++] = key;
        int rc = set_text(ia, kind, obj, lang, text);
        if (rc == GOALS_EINVAL && lang) {
            goals__imp_warn(im, c, "xml:lang", "bad xml:lang '%s': text left out", goals__imp_q(im, lang));
            continue;
        }
        if (rc)
            return goals__imp_model(im, c, rc);
    }
    const char *own = goals__imp_text(im, n);
    if (!any && n && *own) {
        int rc = set_text(ia, kind, obj, NULL, own);
        if (rc)
            return goals__imp_model(im, n, rc);
    }
    return GOALS_OK;
}

/* One text of n's narratives: the plan's language first, else the first. */
static const char *narrative(iati *ia, const goals__xnode *n)
{
    const char *first = "";
    for (const goals__xnode *c = goals__imp_child(n, "narrative"); c; c = goals__imp_next(c)) {
        const char *t = goals__imp_text(&ia->im, c);
        if (!*t)
            continue;
        if (!lang_of(ia, c))
            return t;
        if (!*first)
            first = t;
    }
    if (!*first && n && !goals__imp_child(n, "narrative"))
        first = goals__imp_text(&ia->im, n);
    return first;
}

/* -------------------------------------------------------------- values */

/* A baseline, target or actual: its value text, comment and dimensions. */
typedef struct value {
    const goals__xnode *n;
    const char *text;          /* @value, trimmed */
    const char *comment;
    goals__imp_dims dims;
} value;

static void read_value(iati *ia, const goals__xnode *n, value *v)
{
    goals__imp *im = &ia->im;
    v->n = n;
    v->text = goals__imp_attr_text(im, n, "value");
    v->comment = narrative(ia, goals__imp_child(n, "comment"));
    if (goals__imp_placeholder(v->comment))
        v->comment = "";
    v->dims.count = 0;
    for (const goals__xnode *c = n->first; c; c = c->next) {
        /* Empty ones (<location ref=""/>, as exports write) say nothing. */
        if (strcmp(c->name, "dimension") == 0) {
            const char *name = goals__imp_attr_text(im, c, "name"), *val = goals__imp_attr_text(im, c, "value");
            if (*name || *val)
                goals__imp_dims_add(im, &v->dims, name, val, c);
        } else if (strcmp(c->name, "location") == 0) {
            const char *ref = goals__imp_attr_text(im, c, "ref");
            if (*ref)
                goals__imp_dims_add(im, &v->dims, "location", ref, c);
        }
    }
}

/* Adds the observation a baseline or actual holds; baseline ones under
 * series=baseline. A value that is not a number is kept as text. */
static int observe(iati *ia, goals_measure *m, const value *v, const goals_period *p, int qualitative,
                   int baseline_series)
{
    goals__imp *im = &ia->im;
    double x = NAN;
    goals__imp_value kind = goals__imp_number(v->text, &x);
    const char *text = NULL, *note = NULL;
    if (kind == IMP_NUMBER && !isfinite(x))
        kind = IMP_TEXT;
    if (kind == IMP_TEXT || (kind == IMP_NUMBER && qualitative)) {
        if (!qualitative)
            goals__imp_warn(im, v->n, "value", "value '%s' is not a number: kept as the observation's text",
                            goals__imp_q(im, v->text));
        text = v->text;
        note = v->comment;
        x = NAN;
    } else if (kind == IMP_NUMBER) {
        note = v->comment;
    } else {
        text = v->comment; /* qualitative: the comment is what was observed */
        if (!*text)
            return GOALS_OK;
    }
    goals__imp_dims d = v->dims;
    if (baseline_series)
        goals__imp_dims_add(im, &d, "series", "baseline", v->n);
    return goals__imp_observe(im, m, v->n, p, x, text, note, &d);
}

/* The baseline for a target of period p: the latest that starts by p's
 * start, else the nearest after it. */
static const ibaseline *baseline_for(const iati *ia, const goals_period *p)
{
    const ibaseline *before = NULL, *after = NULL;
    for (size_t i = 0; i < ia->nbl; i++) {
        const ibaseline *b = &ia->bl[i];
        if (b->period.start <= p->start) {
            if (!before || b->period.start > before->period.start)
                before = b;
        } else if (!after || b->period.start < after->period.start) {
            after = b;
        }
    }
    return before ? before : after;
}

static int add_target(iati *ia, goals_goal *parent, goals_measure *m, const value *v, const goals_period *p,
                      int qualitative, size_t *count)
{
    goals__imp *im = &ia->im;
    double x = NAN;
    goals__imp_value kind = goals__imp_number(v->text, &x);
    if (kind == IMP_NUMBER && !isfinite(x))
        kind = IMP_TEXT;
    if (kind == IMP_EMPTY && !*v->comment)
        return GOALS_OK; /* nothing targeted */
    const char *title = v->comment;
    if (kind == IMP_TEXT || (kind == IMP_NUMBER && qualitative)) {
        if (!qualitative)
            goals__imp_warn(im, v->n, "value", "target '%s' is not a number: kept as a qualitative target's text",
                            goals__imp_q(im, v->text));
        title = *title ? goals__imp_printf(im, "%s (%s)", v->text, title) : v->text;
    }
    if (v->dims.count) {
        const char *dims = goals__imp_dims_text(im, &v->dims);
        /* The model's targets have no dimensions: say once per indicator
         * how such targets are judged, rather than let it pass unsaid. */
        if (!ia->warned_dims) {
            ia->warned_dims = 1;
            goals__imp_warn(im, v->n, NULL,
                            "target for %s: evaluation judges it by the indicator's totals (values without "
                            "dimensions); the values for %s are kept with their dimensions",
                            dims, dims);
        }
        title = *title ? goals__imp_printf(im, "%s [%s]", title, dims) : goals__imp_printf(im, "[%s]", dims);
    }
    int numeric = kind == IMP_NUMBER && !qualitative;
    (*count)++;
    const char *id = goals__imp_id(im, IMP_GOALS, NULL, goals__imp_printf(im, "%s.t%zu", goals_measure_id(m), *count),
                                   v->n);
    goals_target *t;
    int rc = goals_goal_add_target(&t, parent, id, numeric ? GOALS_KIND_REACH : GOALS_KIND_QUALITATIVE,
                                   goals_measure_id(m));
    if (!rc && numeric) {
        const ibaseline *b = v->dims.count ? NULL : baseline_for(ia, p);
        goals_direction dir = goals_measure_direction(m);
        goals_op op = dir == GOALS_DIRECTION_DECREASE ? GOALS_OP_LE
                      : dir == GOALS_DIRECTION_INCREASE ? GOALS_OP_GE
                      : b && x < b->value ? GOALS_OP_LE : GOALS_OP_GE;
        rc = goals_target_set_value(t, op, x, NAN, NULL);
        if (!rc && b)
            rc = goals_target_set_baseline(t, &b->period, b->value);
    }
    if (!rc)
        rc = goals_target_set_deadline(t, p);
    if (!rc && *title)
        rc = goals_target_set_title(t, NULL, title);
    return rc ? goals__imp_model(im, v->n, rc) : GOALS_OK;
}

/* ---------------------------------------------------------- indicators */

/* The period of a baseline: its @year, else its @iso-date. */
static int baseline_period(iati *ia, const goals__xnode *n, goals_period *out, int quiet)
{
    const char *year = goals__imp_attr_text(&ia->im, n, "year"), *iso = goals__imp_attr_text(&ia->im, n, "iso-date");
    int32_t day;
    if (strlen(year) == 4 && goals__period_parse_n(out, year, 4) == GOALS_OK)
        return 1;
    if (*iso && goals__imp_date(iso, &day) && goals_period_from_days(out, day, day) == GOALS_OK)
        return 1;
    if (!quiet)
        goals__imp_warn(&ia->im, n, *year ? "year" : NULL, "baseline has no year or date that can be read ('%s')",
                        goals__imp_q(&ia->im, year));
    return 0;
}

static int collect_baselines(iati *ia, const goals__xnode *ind)
{
    ia->nbl = 0;
    for (const goals__xnode *b = goals__imp_child(ind, "baseline"); b; b = goals__imp_next(b)) {
        ibaseline bl;
        if (goals__imp_child(b, "dimension") || goals__imp_child(b, "location") ||
            goals__imp_number(goals__imp_attr_text(&ia->im, b, "value"), &bl.value) != IMP_NUMBER ||
            !isfinite(bl.value) || !baseline_period(ia, b, &bl.period, 1))
            continue;
        if (ia->nbl == ia->bl_cap) {
            size_t cap = ia->bl_cap ? 2 * ia->bl_cap : 8;
            ibaseline *nb = goals__reallocarray(ia->bl, cap, sizeof *nb);
            if (!nb)
                return goals__oom();
            ia->bl = nb;
            ia->bl_cap = cap;
        }
        ia->bl[ia->nbl++] = bl;
    }
    return GOALS_OK;
}

/* Folds the currency of value text s into *cur: NULL none yet, "" mixed
 * (or a number without one: only a bare 0 needs none). */
static void currency_of(const char *s, const char **cur, char buf[4], char code[4])
{
    double v;
    if (!s || goals__imp_number(s, &v) != IMP_NUMBER || (*cur && !**cur))
        return;
    const char *c = goals__imp_currency(s, code);
    if (!c) {
        if (v != 0)
            *cur = "";
        return;
    }
    if (!*cur) {
        memcpy(buf, c, 4);
        *cur = buf;
    } else if (strcmp(*cur, c) != 0) {
        *cur = "";
    }
}

/* The currency all the indicator's values are written in ("£3,500,000";
 * a bare 0 is fine), as the measure's unit; NULL for none or a mix. */
static const char *indicator_currency(const goals__xnode *ind, char buf[4])
{
    const char *cur = NULL;
    char code[4];
    for (const goals__xnode *c = ind->first; c; c = c->next) {
        if (strcmp(c->name, "baseline") == 0)
            currency_of(goals__imp_attr(c, "value"), &cur, buf, code);
        else if (strcmp(c->name, "period") == 0)
            for (const goals__xnode *x = c->first; x; x = x->next)
                if (strcmp(x->name, "target") == 0 || strcmp(x->name, "actual") == 0)
                    currency_of(goals__imp_attr(x, "value"), &cur, buf, code);
    }
    return cur && *cur && goals_unit_check(cur) == GOALS_OK ? cur : NULL;
}

static int measure_code(iati *ia, const goals__xnode *ind)
{
    const char *code = goals__imp_attr_text(&ia->im, ind, "measure");
    if (strlen(code) == 1 && code[0] >= '1' && code[0] <= '5')
        return code[0] - '0';
    goals__imp_warn(&ia->im, ind, *code ? "measure" : NULL, "indicator measure '%s' is not a code 1-5: read as 1 (unit)",
                    goals__imp_q(&ia->im, code));
    return MEASURE_UNIT;
}

static int indicator(iati *ia, goals_goal *result, const goals__xnode *ind, size_t index)
{
    goals__imp *im = &ia->im;
    int code = measure_code(ia, ind);
    const char *id = goals__imp_id(im, IMP_MEASURES, NULL, goals__imp_printf(im, "%s.i%zu", goals_goal_id(result), index),
                                   ind);
    char cbuf[4];
    const char *unit = code == MEASURE_PERCENT ? "%" : code == MEASURE_QUALITATIVE ? "" : indicator_currency(ind, cbuf);
    goals_measure *m;
    int rc = goals_plan_add_measure(&m, im->plan, id, unit ? unit : "", 1);
    if (rc)
        return goals__imp_model(im, ind, rc);
    if ((rc = titles(ia, goals__imp_child(ind, "title"), OWN_MEASURE, m)))
        return rc;
    const char *definition = narrative(ia, goals__imp_child(ind, "description"));
    static const char *const kinds[] = {"", "unit", "percentage", "nominal", "ordinal", "qualitative"};
    if (code == MEASURE_NOMINAL || code == MEASURE_ORDINAL)
        definition = *definition ? goals__imp_printf(im, "%s\nIATI measure: %s", definition, kinds[code])
                                 : goals__imp_printf(im, "IATI measure: %s", kinds[code]);
    if (*definition && (rc = goals_measure_set_definition(m, definition)))
        return goals__imp_model(im, ind, rc);
    const char *asc = goals__imp_attr_text(im, ind, "ascending");
    if (*asc) {
        goals_direction dir = GOALS_DIRECTION_NONE;
        if (strcmp(asc, "1") == 0 || strcmp(asc, "true") == 0)
            dir = GOALS_DIRECTION_INCREASE;
        else if (strcmp(asc, "0") == 0 || strcmp(asc, "false") == 0)
            dir = GOALS_DIRECTION_DECREASE;
        else
            goals__imp_warn(im, ind, "ascending", "ascending '%s' is not a boolean: direction left unknown",
                            goals__imp_q(im, asc));
        if (dir && (rc = goals_measure_set_direction(m, dir)))
            return goals__imp_model(im, ind, rc);
    }
    int qualitative = code == MEASURE_QUALITATIVE;
    ia->warned_dims = 0;
    if ((rc = collect_baselines(ia, ind)))
        return rc;
    size_t targets = 0;
    for (const goals__xnode *c = ind->first; c && !rc; c = c->next) {
        if (strcmp(c->name, "baseline") == 0) {
            value v;
            goals_period p;
            read_value(ia, c, &v);
            if (!*v.text && !*v.comment)
                continue;
            if (baseline_period(ia, c, &p, 0))
                rc = observe(ia, m, &v, &p, qualitative, 1);
            continue;
        }
        if (strcmp(c->name, "period") != 0)
            continue;
        const goals__xnode *ps = goals__imp_child(c, "period-start"), *pe = goals__imp_child(c, "period-end");
        goals_period p;
        if (!goals__imp_period(im, c, ps, goals__imp_attr_text(im, ps, "iso-date"), pe,
                               goals__imp_attr_text(im, pe, "iso-date"), &p)) {
            if (goals__imp_child(c, "target") || goals__imp_child(c, "actual"))
                goals__imp_warn(im, c, NULL, "period has no dates: its targets and actuals are not kept");
            continue;
        }
        for (const goals__xnode *x = c->first; x && !rc; x = x->next) {
            int target = strcmp(x->name, "target") == 0;
            if (!target && strcmp(x->name, "actual") != 0)
                continue;
            value v;
            read_value(ia, x, &v);
            rc = target ? add_target(ia, result, m, &v, &p, qualitative, &targets)
                        : observe(ia, m, &v, &p, qualitative, 0);
        }
    }
    return rc;
}

/* ------------------------------------------------------------ activities */

static int result(iati *ia, goals_goal *activity, const goals__xnode *n, size_t index)
{
    goals__imp *im = &ia->im;
    const char *type = goals__imp_attr_text(im, n, "type");
    const char *kind = strcmp(type, "1") == 0   ? "output"
                       : strcmp(type, "2") == 0 ? "outcome"
                       : strcmp(type, "3") == 0 ? "impact"
                                                : "result";
    const char *id = goals__imp_id(im, IMP_GOALS, NULL, goals__imp_printf(im, "%s.r%zu", goals_goal_id(activity), index),
                                   n);
    goals_goal *g;
    int rc = goals_plan_add_goal(&g, im->plan, activity, id, kind);
    if (rc)
        return goals__imp_model(im, n, rc);
    if ((rc = titles(ia, goals__imp_child(n, "title"), OWN_GOAL, g)))
        return rc;
    size_t k = 0;
    for (const goals__xnode *ind = goals__imp_child(n, "indicator"); ind && !rc; ind = goals__imp_next(ind))
        rc = indicator(ia, g, ind, ++k);
    return rc;
}

static int activity(iati *ia, const goals__xnode *n, size_t index)
{
    goals__imp *im = &ia->im;
    const char *ident = goals__imp_child_text(im, n, "iati-identifier");
    const char *id = goals__imp_id(im, IMP_GOALS, ident, goals__imp_printf(im, "activity-%zu", index), n);
    goals_goal *g;
    int rc = goals_plan_add_goal(&g, im->plan, NULL, id, "activity");
    if (rc)
        return goals__imp_model(im, n, rc);
    if ((rc = titles(ia, goals__imp_child(n, "title"), OWN_GOAL, g)))
        return rc;
    const char *org = narrative(ia, goals__imp_child(n, "reporting-org"));
    if (*org && (rc = goals_goal_set_owner(g, org)))
        return goals__imp_model(im, n, rc);
    const char *version = goals__imp_attr_text(im, n, "version");
    if (*version && version[0] != '2')
        goals__imp_warn(im, n, "version", "IATI version '%s' read as 2.0x", goals__imp_q(im, version));
    size_t k = 0;
    for (const goals__xnode *r = goals__imp_child(n, "result"); r && !rc; r = goals__imp_next(r))
        rc = result(ia, g, r, ++k);
    return rc;
}

static int build(iati *ia)
{
    goals__imp *im = &ia->im;
    const goals__xnode *root = im->root;
    int single = strcmp(root->name, "iati-activity") == 0;
    if (!single && strcmp(root->name, "iati-activities") != 0)
        return goals__imp_fail(im, root, GOALS_EINVALID, "root element '%s' is not IATI iati-activities",
                               goals__imp_q(im, root->name));
    const goals__xnode *first = single ? root : goals__imp_child(root, "iati-activity");
    size_t count = single ? 1 : 0;
    for (const goals__xnode *a = first; a && !single; a = goals__imp_next(a))
        count++;
    /* One activity: the plan is named after it; several: after the file. */
    const char *id = "";
    if (count == 1)
        id = goals__imp_sanitize(im, goals__imp_child_text(im, first, "iati-identifier"));
    if (!*id)
        id = "iati-activities";
    int rc = goals_plan_new(&im->plan, id);
    if (rc)
        return rc == GOALS_ENOMEM ? rc : goals__imp_model(im, root, rc);
    goals__plan_defer(im->plan); /* observations in any order: goals__load_dispatch sorts them once */
    ia->lang = "";
    const char *lang = root->lang ? root->lang : first ? first->lang : NULL;
    if (lang && *lang) {
        if (goals_plan_set_lang(im->plan, lang) == GOALS_OK)
            ia->lang = lang;
        else
            goals__imp_warn(im, root->lang ? root : first, "xml:lang", "bad xml:lang '%s' left out",
                            goals__imp_q(im, lang));
    }
    const char *version = goals__imp_attr_text(im, root, "version");
    if (*version && version[0] != '2')
        goals__imp_warn(im, root, "version", "IATI version '%s' read as 2.0x", goals__imp_q(im, version));
    if (count == 1) {
        if ((rc = titles(ia, goals__imp_child(first, "title"), OWN_PLAN, im->plan)))
            return rc;
        const char *issuer = narrative(ia, goals__imp_child(first, "reporting-org"));
        if (*issuer && (rc = goals_plan_set_issuer(im->plan, issuer)))
            return goals__imp_model(im, first, rc);
    }
    size_t k = 0;
    for (const goals__xnode *a = first; a && !rc; a = single ? NULL : goals__imp_next(a))
        rc = activity(ia, a, ++k);
    return rc;
}

int goals__iati_build(goals_plan **out, const goals__xtree *tree, goals__feed *feed)
{
    *out = NULL;
    iati ia;
    memset(&ia, 0, sizeof ia);
    goals__imp_init(&ia.im, tree, feed);
    int rc = build(&ia);
    goals__free(ia.bl);
    return goals__imp_close(&ia.im, out, rc);
}
