/* Helpers the StratML and IATI readers share: the tree, messages and
 * warnings, ids, dates and observations. Numbers are in number.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "import.h"
#include "model/model.h"
#include "time/period_internal.h"

void goals__imp_init(goals__imp *im, const goals__xtree *tree, goals__feed *feed)
{
    memset(im, 0, sizeof *im);
    im->feed = feed;
    im->name = goals__feed_name(feed);
    im->root = goals__xtree_root(tree);
    goals__arena_init(&im->scratch);
}

int goals__imp_close(goals__imp *im, goals_plan **out, int rc)
{
    if (!rc && im->oom)
        rc = goals__oom();
    goals__arena_free(&im->scratch);
    if (rc) {
        goals_plan_free(im->plan);
        im->plan = NULL;
        return rc;
    }
    *out = im->plan;
    im->plan = NULL;
    return GOALS_OK;
}

/* ----------------------------------------------------------------- tree */

const goals__xnode *goals__imp_child(const goals__xnode *n, const char *name)
{
    for (const goals__xnode *c = n ? n->first : NULL; c; c = c->next)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

const goals__xnode *goals__imp_next(const goals__xnode *c)
{
    for (const goals__xnode *s = c->next; s; s = s->next)
        if (strcmp(s->name, c->name) == 0)
            return s;
    return NULL;
}

const char *goals__imp_attr(const goals__xnode *n, const char *local)
{
    for (size_t i = 0; n && i < n->nattrs; i++)
        if (strcmp(n->attrs[i].local, local) == 0)
            return n->attrs[i].value;
    return NULL;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static const char *trimmed(goals__imp *im, const char *s)
{
    if (!s)
        return "";
    while (is_space((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && is_space((unsigned char)s[n - 1]))
        n--;
    if (!n)
        return "";
    char *copy = goals__arena_strndup(&im->scratch, s, n);
    if (!copy) {
        im->oom = 1;
        return "";
    }
    return copy;
}

const char *goals__imp_text(goals__imp *im, const goals__xnode *n)
{
    return n ? trimmed(im, n->text) : "";
}

const char *goals__imp_child_text(goals__imp *im, const goals__xnode *n, const char *name)
{
    return goals__imp_text(im, goals__imp_child(n, name));
}

const char *goals__imp_attr_text(goals__imp *im, const goals__xnode *n, const char *local)
{
    return trimmed(im, goals__imp_attr(n, local));
}

const char *goals__imp_printf(goals__imp *im, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n >= 0 ? goals__arena_alloc(&im->scratch, (size_t)n + 1) : NULL;
    if (!s) {
        im->oom = 1;
        return "";
    }
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

const char *goals__imp_q(goals__imp *im, const char *s)
{
    char *buf = im->quoted[im->next_quote++ % 4];
    return goals__quote(buf, s ? s : "", s ? strlen(s) : 0);
}

unsigned long goals__imp_line(goals__imp *im, const goals__xnode *n)
{
    (void)im;
    return n->line;
}

/* ------------------------------------------------------------- messages */

/* Line and column of n (or of its attribute attr, when it is there). The
 * feed finds them by reading the document again, linearly while the
 * elements asked for come in document order. */
static void position(goals__imp *im, const goals__xnode *n, const char *attr, unsigned long *line,
                     unsigned long *col)
{
    *line = *col = 0;
    if (!n)
        return;
    if (!attr || !goals__feed_locate(im->feed, n->ordinal, attr, n->line, line, col))
        goals__feed_locate(im->feed, n->ordinal, NULL, n->line, line, col);
}

void goals__imp_warn(goals__imp *im, const goals__xnode *n, const char *attr, const char *fmt, ...)
{
    if (!im->plan || goals_plan_warning_count(im->plan) > GOALS__WARNINGS_MAX)
        return; /* no plan yet (nothing warns before it is made), or no room left */
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    unsigned long line, col;
    position(im, n, attr, &line, &col);
    if (goals__plan_add_warning(im->plan, GOALS_EINVALID, im->name, line, col, msg))
        im->oom = 1;
}

int goals__imp_fail(goals__imp *im, const goals__xnode *n, int code, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    unsigned long line, col;
    position(im, n, NULL, &line, &col);
    return goals__error_at(code, im->name, line, col, "%s", msg);
}

int goals__imp_model(goals__imp *im, const goals__xnode *n, int rc)
{
    /* A scratch copy that failed leaves "" where an id or text was: the
     * model then refuses it, but the cause is memory. */
    if (rc == GOALS_ENOMEM || im->oom)
        return im->oom ? goals__oom() : rc;
    char msg[1024];
    snprintf(msg, sizeof msg, "%s", goals_error_last()->message);
    return goals__imp_fail(im, n, rc, "%s", msg);
}

/* ------------------------------------------------------------------ ids */

static int id_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
}

const char *goals__imp_sanitize(goals__imp *im, const char *s)
{
    size_t n = strlen(s);
    if (n > 100)
        n = 100; /* ids are names, not texts */
    char *out = goals__arena_alloc(&im->scratch, n + 2);
    if (!out) {
        im->oom = 1;
        return "";
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!id_char(c))
            c = '-';
        if (c == '-' && (k == 0 || out[k - 1] == '-'))
            continue; /* no leading or doubled separators from "[To_be_identified]" */
        out[k++] = (char)c;
    }
    while (k > 0 && (out[k - 1] == '-' || out[k - 1] == '.'))
        k--;
    out[k] = '\0';
    if (k && ((out[0] >= '0' && out[0] <= '9') || out[0] == '.' || out[0] == '-')) {
        memmove(out + 1, out, k + 1);
        out[0] = '_'; /* a UUID's leading digit, the xs:ID way */
    }
    return out;
}

static int taken(goals__imp *im, goals__imp_space space, const char *id)
{
    if (space == IMP_MEASURES)
        return goals_plan_find_measure(im->plan, id) != NULL;
    return goals_plan_find_goal(im->plan, id) != NULL || goals_plan_find_target(im->plan, id) != NULL;
}

const char *goals__imp_id(goals__imp *im, goals__imp_space space, const char *wanted, const char *fallback,
                          const goals__xnode *n)
{
    const char *id = goals__imp_sanitize(im, wanted ? wanted : "");
    if (*id && !taken(im, space, id))
        return id;
    const char *base = goals__imp_sanitize(im, fallback);
    const char *pick = base;
    for (unsigned k = 2; taken(im, space, pick) && !im->oom; k++)
        pick = goals__imp_printf(im, "%s-%u", base, k);
    if (*id)
        goals__imp_warn(im, n, NULL, "duplicate id '%s': this one is '%s'", goals__imp_q(im, wanted),
                        goals__imp_q(im, pick));
    return pick;
}

/* ---------------------------------------------------------------- dates */

int goals__imp_date(const char *s, int32_t *day)
{
    size_t n = strlen(s);
    /* xs:date may carry a zone (2020-01-01Z, 2020-01-01+02:00) and some
     * exports write a dateTime: the day is the first ten characters. */
    if (n > 10 && (s[10] == 'T' || s[10] == 'Z' || s[10] == '+' || s[10] == '-' || s[10] == ' '))
        n = 10;
    return goals__date_parse_n(day, s, n) == GOALS_OK;
}

int goals__imp_period(goals__imp *im, const goals__xnode *n, const goals__xnode *start_el, const char *start,
                      const goals__xnode *end_el, const char *end, goals_period *out)
{
    int32_t a = 0, b = 0;
    int has_a = 0, has_b = 0;
    if (*start && !(has_a = goals__imp_date(start, &a)))
        goals__imp_warn(im, start_el ? start_el : n, NULL, "start date '%s' is not a date YYYY-MM-DD; left out",
                        goals__imp_q(im, start));
    if (*end && !(has_b = goals__imp_date(end, &b)))
        goals__imp_warn(im, end_el ? end_el : n, NULL, "end date '%s' is not a date YYYY-MM-DD; left out",
                        goals__imp_q(im, end));
    if (has_a && has_b && b < a) {
        goals__imp_warn(im, end_el ? end_el : n, NULL, "end date %s is before start date %s; the end day alone is used",
                        goals__imp_q(im, end), goals__imp_q(im, start));
        has_a = 0;
    }
    if (has_a && !has_b) {
        goals__imp_warn(im, start_el ? start_el : n, NULL, "start date %s without an end date; that day is used",
                        goals__imp_q(im, start));
        b = a;
    } else if (!has_a) {
        a = b;
    }
    if (!has_a && !has_b)
        return 0;
    return goals_period_from_days(out, a, b) == GOALS_OK;
}

/* --------------------------------------------------------- observations */

void goals__imp_dims_add(goals__imp *im, goals__imp_dims *d, const char *name, const char *value,
                         const goals__xnode *n)
{
    if (d->count == GOALS__IMP_MAX_DIMS) {
        goals__imp_warn(im, n, NULL, "more than %d dimensions; '%s' left out", GOALS__IMP_MAX_DIMS,
                        goals__imp_q(im, name));
        return;
    }
    const char *base = *name ? name : "dimension";
    if (strchr(base, '=')) {
        char *copy = (char *)goals__imp_printf(im, "%s", base);
        for (char *p = copy; *p; p++)
            if (*p == '=')
                *p = ':';
        base = copy;
    }
    const char *pick = base;
    for (unsigned k = 2;; k++) {
        size_t i = 0;
        while (i < d->count && strcmp(d->pairs[2 * i], pick) != 0)
            i++;
        if (i == d->count || im->oom)
            break;
        pick = goals__imp_printf(im, "%s %u", base, k);
    }
    d->pairs[2 * d->count] = pick;
    d->pairs[2 * d->count + 1] = value;
    d->count++;
}

const char *goals__imp_dims_text(goals__imp *im, const goals__imp_dims *d)
{
    const char *s = "";
    for (size_t i = 0; i < d->count; i++)
        s = goals__imp_printf(im, "%s%s%s=%s", s, i ? ", " : "", d->pairs[2 * i], d->pairs[2 * i + 1]);
    return s;
}

int goals__imp_observe(goals__imp *im, goals_measure *m, const goals__xnode *n, const goals_period *period,
                       double value, const char *text, const char *note, const goals__imp_dims *dims)
{
    goals__imp_dims d;
    d.count = 0;
    if (dims)
        d = *dims;
    goals_observation_input in = GOALS_OBSERVATION_INPUT_INIT;
    in.period = *period;
    in.value = value;
    in.text = text && *text ? text : NULL;
    in.note = note && *note ? note : NULL;
    in.origin = im->name;
    in.origin_line = goals__imp_line(im, n);
    if (isnan(value) && !in.text)
        return GOALS_OK; /* nothing to keep */
    size_t plain = d.count;
    /* The extra dimension's name, unless the publisher's own use it. */
    const char *dup_name = "duplicate";
    for (unsigned k = 2; !im->oom; k++) {
        size_t i = 0;
        while (i < plain && strcmp(d.pairs[2 * i], dup_name) != 0)
            i++;
        if (i == plain)
            break;
        dup_name = goals__imp_printf(im, "duplicate %u", k);
    }
    for (unsigned k = 2;; k++) {
        in.dimensions = d.count ? d.pairs : NULL;
        in.dimension_count = d.count;
        int rc = goals_measure_add_observations_ex(m, &in, 1);
        if (rc != GOALS_EEXISTS)
            return rc ? goals__imp_model(im, n, rc) : GOALS_OK;
        if (k == 2) {
            char p[GOALS_PERIOD_TEXT_MAX];
            goals_period_format(period, p, sizeof p);
            goals__imp_warn(im, n, NULL, "a second value of '%s' for %s%s%s: kept with dimension %s=N",
                            goals__imp_q(im, goals_measure_id(m)), p, plain ? " with " : "",
                            plain ? goals__imp_dims_text(im, dims) : "", dup_name);
            if (d.count == GOALS__IMP_MAX_DIMS)
                return GOALS_OK; /* no room for one more dimension: warned */
            d.count++;
        }
        d.pairs[2 * plain] = dup_name;
        d.pairs[2 * plain + 1] = goals__imp_printf(im, "%u", k);
        if (im->oom)
            return GOALS_ENOMEM;
    }
}
