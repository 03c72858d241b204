/* The canonical writer: the same plan always gives the same bytes.
 *
 * Our own small writer rather than xmlTextWriter: canonical output needs
 * exact control of attribute order, quoting, escaping, indentation and
 * number text, and bytes that do not change with the libxml2 version.
 * Fixed order: attributes as listed below, children by kind (titles,
 * measures, goals, observations; in a goal: titles, targets, tasks, goals),
 * two spaces per level, numbers in the shortest form that reads back
 * exactly (goals__format_double), defaults left out. Text XML 1.0 cannot
 * hold (control characters, bad UTF-8) is refused rather than mangled. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io_internal.h"
#include "util/error.h"
#include "util/number.h"
#include "util/quote.h"

typedef struct writer {
    goals__buf *b;
    int rc;
    int depth;
} writer;

/* Length of the valid UTF-8 character XML allows at s (0: not allowed). */
static size_t xml_char(const unsigned char *s)
{
    unsigned c = s[0];
    if (c < 0x80)
        return (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') ? 1 : 0;
    size_t n;
    unsigned long cp;
    if ((c & 0xE0) == 0xC0) {
        n = 2;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    static const unsigned long min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
        return 0;
    return n;
}

static void escaped(writer *w, const char *s, int in_attribute)
{
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *run = p;
    while (*p) {
        const char *rep = NULL;
        switch (*p) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '\r': rep = "&#13;"; break; /* parsers turn a raw CR into LF */
        case '"': rep = in_attribute ? "&quot;" : NULL; break;
        case '\t': rep = in_attribute ? "&#9;" : NULL; break; /* attribute values are normalised */
        case '\n': rep = in_attribute ? "&#10;" : NULL; break;
        default: break;
        }
        if (rep) {
            goals__buf_append(w->b, (const char *)run, (size_t)(p - run));
            goals__buf_puts(w->b, rep);
            p++;
            run = p;
            continue;
        }
        size_t n = xml_char(p);
        if (!n) {
            if (!w->rc) {
                char q[GOALS__QUOTE_MAX];
                w->rc = goals__error(GOALS_EINVAL, "cannot save text '%s': it holds a character XML cannot hold",
                                     goals__quote(q, s, strlen(s)));
            }
            return;
        }
        p += n;
    }
    goals__buf_append(w->b, (const char *)run, (size_t)(p - run));
}

static void indent(writer *w)
{
    static const char spaces[] = "                                                                ";
    size_t n = (size_t)w->depth * 2;
    while (n > 0) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        goals__buf_append(w->b, spaces, k);
        n -= k;
    }
}

static void open_tag(writer *w, const char *name)
{
    indent(w);
    goals__buf_puts(w->b, "<");
    goals__buf_puts(w->b, name);
}

/* Ends a start tag: with children (depth grows) or empty. */
static void end_open(writer *w, int has_children)
{
    goals__buf_puts(w->b, has_children ? ">\n" : "/>\n");
    if (has_children)
        w->depth++;
}

static void close_tag(writer *w, const char *name)
{
    w->depth--;
    indent(w);
    goals__buf_puts(w->b, "</");
    goals__buf_puts(w->b, name);
    goals__buf_puts(w->b, ">\n");
}

static void attr(writer *w, const char *name, const char *value)
{
    if (!value)
        return;
    goals__buf_puts(w->b, " ");
    goals__buf_puts(w->b, name);
    goals__buf_puts(w->b, "=\"");
    escaped(w, value, 1);
    goals__buf_puts(w->b, "\"");
}

static void attr_nonempty(writer *w, const char *name, const char *value)
{
    if (value && *value)
        attr(w, name, value);
}

static void attr_number(writer *w, const char *name, double v)
{
    char buf[GOALS__DOUBLE_MAX];
    if (isnan(v))
        return;
    goals__format_double(v, buf);
    attr(w, name, buf);
}

static void attr_period(writer *w, const char *name, const goals_period *p)
{
    char buf[GOALS_PERIOD_TEXT_MAX];
    size_t n = goals_period_format(p, buf, sizeof buf);
    if (n == 0 || n >= sizeof buf) {
        if (!w->rc)
            w->rc = goals__error(GOALS_EINVAL, "cannot save an invalid period in '%s'", name);
        return;
    }
    attr(w, name, buf);
}

/* <name xml:lang="lang">text</name> on one line. */
static void text_element(writer *w, const char *name, const char *lang, const char *text)
{
    open_tag(w, name);
    attr_nonempty(w, "xml:lang", lang);
    goals__buf_puts(w->b, ">");
    escaped(w, text ? text : "", 0);
    goals__buf_puts(w->b, "</");
    goals__buf_puts(w->b, name);
    goals__buf_puts(w->b, ">\n");
}

/* ------------------------------------------------------------ measures */

static void write_measure(writer *w, const goals_measure *m)
{
    static const char *const rates[] = {NULL, "growth", "reduction"};
    static const char *const directions[] = {NULL, "increase", "decrease"};
    static const char *const derivations[] = {NULL, "ratio", "share"};
    size_t names = goals_measure_name_count(m);
    const char *definition = goals_measure_definition(m), *scope = goals_measure_scope(m);
    goals_rate rate = goals_measure_rate(m);
    goals_direction direction = goals_measure_direction(m);
    goals_derivation derivation = goals_measure_derivation(m);
    open_tag(w, "measure");
    attr(w, "id", goals_measure_id(m));
    attr_nonempty(w, "unit", goals_measure_unit(m));
    if (goals_measure_scale(m) != 1)
        attr_number(w, "scale", goals_measure_scale(m));
    attr_nonempty(w, "frequency", goals_measure_frequency(m));
    if (rate >= GOALS_RATE_NONE && rate <= GOALS_RATE_REDUCTION)
        attr(w, "rate", rates[rate]);
    if (direction >= GOALS_DIRECTION_NONE && direction <= GOALS_DIRECTION_DECREASE)
        attr(w, "direction", directions[direction]);
    if (derivation > GOALS_DERIVED_NONE && derivation <= GOALS_DERIVED_SHARE) {
        attr(w, "derived", derivations[derivation]);
        attr(w, "numerator", goals_measure_id(goals_measure_numerator(m)));
        attr(w, "denominator", goals_measure_id(goals_measure_denominator(m)));
    }
    int children = names || definition || scope;
    end_open(w, children);
    if (!children)
        return;
    for (size_t i = 0; i < names; i++) {
        const char *lang;
        const char *text = goals_measure_name_at(m, i, &lang);
        text_element(w, "name", lang, text);
    }
    if (definition)
        text_element(w, "definition", NULL, definition);
    if (scope)
        text_element(w, "scope", NULL, scope);
    close_tag(w, "measure");
}

/* ------------------------------------------------------------- targets */

static void write_target(writer *w, const goals_target *t)
{
    static const char *const attributes[] = {NULL, "binding", "expected", "stretch"};
    goals_op op = goals_target_op(t);
    goals_period p;
    double v;
    size_t titles = goals_target_title_count(t), milestones = goals_target_milestone_count(t);
    int has_baseline = goals_target_baseline(t, NULL, NULL);
    open_tag(w, "target");
    attr(w, "id", goals_target_id(t));
    attr(w, "measure", goals_measure_id(goals_target_measure(t)));
    attr(w, "kind", goals_target_kind_name(goals_target_kind_of(t)));
    if (op != GOALS_OP_NONE)
        attr(w, "op", goals_op_name(op));
    attr_number(w, "value", goals_target_given_value(t));
    if (op == GOALS_OP_BETWEEN)
        attr_number(w, "high", goals_target_given_high(t));
    attr_nonempty(w, "unit", goals_target_given_unit(t));
    if (goals_target_deadline(t, &p))
        attr_period(w, "deadline", &p);
    if (goals_target_start(t, &p))
        attr_period(w, "start", &p);
    goals_attribute a = goals_target_attribute(t);
    if (a > GOALS_ATTR_NONE && a <= GOALS_ATTR_STRETCH)
        attr(w, "attribute", attributes[a]);
    attr(w, "method", goals_target_method(t));
    if (goals_target_weight(t) != 1)
        attr_number(w, "weight", goals_target_weight(t));
    if (goals_target_change_mode(t) == GOALS_CHANGE_PERCENT)
        attr(w, "change", "percent");
    if (goals_target_relative_to(t))
        attr(w, "relative-to", goals_measure_id(goals_target_relative_to(t)));
    if (goals_target_streak(t) > 0) {
        char buf[24];
        snprintf(buf, sizeof buf, "%u", goals_target_streak(t));
        attr(w, "streak", buf);
    }
    int children = titles || milestones || has_baseline;
    end_open(w, children);
    if (!children)
        return;
    for (size_t i = 0; i < titles; i++) {
        const char *lang;
        const char *text = goals_target_title_at(t, i, &lang);
        text_element(w, "title", lang, text);
    }
    if (goals_target_baseline(t, &p, &v)) {
        open_tag(w, "baseline");
        attr_period(w, "period", &p);
        attr_number(w, "value", v);
        end_open(w, 0);
    }
    for (size_t i = 0; i < milestones; i++) {
        if (goals_target_milestone_given_at(t, i, &p, &v) != GOALS_OK)
            continue;
        open_tag(w, "milestone");
        attr_period(w, "period", &p);
        attr_number(w, "value", v);
        end_open(w, 0);
    }
    close_tag(w, "target");
}

/* --------------------------------------------------------------- goals */

static void write_task(writer *w, const goals_goal *g, size_t index)
{
    size_t n = goals_goal_task_text_count(g, index);
    const char *lang;
    if (n == 1) {
        const char *text = goals_goal_task_text_at(g, index, 0, &lang);
        text_element(w, "task", lang, text);
        return;
    }
    open_tag(w, "task");
    end_open(w, 1);
    for (size_t i = 0; i < n; i++) {
        const char *text = goals_goal_task_text_at(g, index, i, &lang);
        text_element(w, "title", lang, text);
    }
    close_tag(w, "task");
}

/* Goals nested deeper than this could not be read back: libxml2 refuses
 * documents nested deeper than 256 elements (without its HUGE option, which
 * we never use), and a goal's title sits three levels below it. */
#define MAX_GOAL_LEVEL 250

static void write_goal(writer *w, const goals_goal *g, int level)
{
    if (level > MAX_GOAL_LEVEL) {
        if (!w->rc) {
            char q[GOALS__QUOTE_MAX];
            const char *id = goals_goal_id(g);
            w->rc = goals__error(GOALS_EINVAL, "cannot save goal '%s': nested deeper than %d levels, which no loader "
                                 "would read back", goals__quote(q, id, strlen(id)), MAX_GOAL_LEVEL);
        }
        return;
    }
    size_t titles = goals_goal_title_count(g), targets = goals_goal_target_count(g);
    size_t tasks = goals_goal_task_count(g), children = goals_goal_child_count(g);
    open_tag(w, "goal");
    attr(w, "id", goals_goal_id(g));
    attr_nonempty(w, "kind", goals_goal_kind(g));
    attr(w, "owner", goals_goal_owner(g));
    if (goals_goal_weight(g) != 1)
        attr_number(w, "weight", goals_goal_weight(g));
    int any = titles || targets || tasks || children;
    end_open(w, any);
    if (!any)
        return;
    for (size_t i = 0; i < titles; i++) {
        const char *lang;
        const char *text = goals_goal_title_at(g, i, &lang);
        text_element(w, "title", lang, text);
    }
    for (size_t i = 0; i < targets; i++)
        write_target(w, goals_goal_target_at(g, i));
    for (size_t i = 0; i < tasks; i++)
        write_task(w, g, i);
    for (size_t i = 0; i < children && !w->rc && !w->b->failed; i++)
        write_goal(w, goals_goal_child_at(g, i), level + 1);
    close_tag(w, "goal");
}

/* -------------------------------------------------------- observations */

static void write_observation(writer *w, const goals_measure *m, const goals_observation *o)
{
    goals_period p = goals_observation_period(o);
    size_t dims = goals_observation_dimension_count(o);
    open_tag(w, "observation");
    attr(w, "measure", goals_measure_id(m));
    attr_period(w, "period", &p);
    attr_number(w, "value", goals_observation_value(o));
    attr(w, "source", goals_observation_source(o));
    attr(w, "note", goals_observation_note(o));
    attr(w, "text", goals_observation_text(o));
    end_open(w, dims > 0);
    if (!dims)
        return;
    for (size_t i = 0; i < dims; i++) {
        const char *value;
        const char *name = goals_observation_dimension_at(o, i, &value);
        open_tag(w, "dimension");
        attr(w, "name", name);
        attr(w, "value", value);
        end_open(w, 0);
    }
    close_tag(w, "observation");
}

/* ---------------------------------------------------------------- plan */

int goals__write_plan(goals__buf *b, const goals_plan *plan, unsigned flags)
{
    writer w = {.b = b};
    int32_t issued;
    goals_period horizon;
    char date[16];
    size_t titles = goals_plan_title_count(plan), measures = goals_plan_measure_count(plan);
    size_t roots = goals_plan_root_count(plan);
    size_t observations = (flags & GOALS_SAVE_NO_OBSERVATIONS) ? 0 : goals_plan_observation_count(plan);
    goals__buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    open_tag(&w, "plan");
    attr(&w, "xmlns", GOALS__NS);
    attr(&w, "id", goals_plan_id(plan));
    attr_nonempty(&w, "xml:lang", goals_plan_lang(plan));
    attr(&w, "issuer", goals_plan_issuer(plan));
    if (goals_plan_issued(plan, &issued) && goals_date_format(issued, date, sizeof date))
        attr(&w, "issued", date);
    if (goals_plan_horizon(plan, &horizon))
        attr_period(&w, "horizon", &horizon);
    attr(&w, "source", goals_plan_source(plan));
    int any = titles || measures || roots || observations;
    end_open(&w, any);
    if (any) {
        for (size_t i = 0; i < titles; i++) {
            const char *lang;
            const char *text = goals_plan_title_at(plan, i, &lang);
            text_element(&w, "title", lang, text);
        }
        for (size_t i = 0; i < measures; i++)
            write_measure(&w, goals_plan_measure_at(plan, i));
        for (size_t i = 0; i < roots && !w.rc && !b->failed; i++)
            write_goal(&w, goals_plan_root_at(plan, i), 1);
        for (size_t i = 0; i < measures && observations; i++) {
            const goals_measure *m = goals_plan_measure_at(plan, i);
            size_t n = goals_measure_observation_count(m);
            for (size_t k = 0; k < n && !w.rc && !b->failed; k++)
                write_observation(&w, m, goals_measure_observation_at(m, k));
        }
        close_tag(&w, "plan");
    }
    if (w.rc)
        return w.rc;
    if (b->failed)
        return goals__oom();
    return GOALS_OK;
}
