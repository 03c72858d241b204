/* The method registry: names, parameter blocks set from NAME=VALUE text,
 * and the one entry point that checks a series before a method sees it. */
#include "eval/methods/common.h"

#include <math.h>
#include <string.h>

#include "util/error.h"
#include "util/number.h"

/* Listing order of `goals report --method list`: the default first. */
static const goals__method *const methods[] = {
    &goals__method_linear,
    &goals__method_sdg_build,
    &goals__method_sdg_build_2023,
    &goals__method_sdg_build_2022,
    &goals__method_unsd,
    &goals__method_eurostat,
    &goals__method_escap,
    &goals__method_okr,
};

size_t goals__method_count(void)
{
    return sizeof methods / sizeof methods[0];
}

const goals__method *goals__method_at(size_t i)
{
    return i < goals__method_count() ? methods[i] : NULL;
}

const goals__method *goals__method_find(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < goals__method_count(); i++)
        if (strcmp(methods[i]->name, name) == 0)
            return methods[i];
    return NULL;
}

void goals__method_params_init(goals__method_params *p, const goals__method *m)
{
    memset(p, 0, sizeof *p);
    p->method = m;
    for (size_t i = 0; i < m->param_count && i < GOALS__METHOD_PARAMS_MAX; i++) {
        const goals__param_desc *d = &m->params[i];
        if (d->type == GOALS__PARAM_NUMBER) {
            p->num[i] = d->def;
        } else {
            p->num[i] = NAN;
            size_t len = strlen(d->def_text);
            memcpy(p->text[i], d->def_text, len + 1); /* defaults are short: see test_methods */
        }
    }
}

int goals__method_param_index(const goals__method *m, const char *name, size_t len)
{
    for (size_t i = 0; i < m->param_count; i++)
        if (strlen(m->params[i].name) == len && memcmp(m->params[i].name, name, len) == 0)
            return (int)i;
    return -1;
}

/* A range bound as text: format_double takes finite numbers only. */
static const char *bound_text(double v, char *buf)
{
    if (isinf(v))
        strcpy(buf, v < 0 ? "-inf" : "inf");
    else
        buf[goals__format_double(v, buf)] = '\0';
    return buf;
}

int goals__method_params_set(goals__method_params *p, const char *name, size_t name_len,
                             const char *value, size_t value_len)
{
    const goals__method *m = p->method;
    int i = goals__method_param_index(m, name, name_len);
    if (i < 0)
        return goals__error(GOALS_ENOTFOUND, "method %s has no parameter '%.*s'", m->name,
                            (int)name_len, name);
    const goals__param_desc *d = &m->params[i];
    if (d->type == GOALS__PARAM_TEXT) {
        if (value_len >= GOALS__PARAM_TEXT_MAX)
            return goals__error(GOALS_ERANGE, "%s parameter %s: name longer than %d bytes", m->name,
                                d->name, GOALS__PARAM_TEXT_MAX - 1);
        if (memchr(value, '\0', value_len))
            return goals__error(GOALS_EPARSE, "%s parameter %s: NUL in the name", m->name, d->name);
        memcpy(p->text[i], value, value_len);
        p->text[i][value_len] = '\0';
        return GOALS_OK;
    }
    double v;
    if (d->optional && value_len == 4 && memcmp(value, "none", 4) == 0) {
        p->num[i] = NAN;
        return GOALS_OK;
    }
    int rc = goals__parse_double(value, value_len, &v);
    if (rc != GOALS_OK)
        return goals__error(rc == GOALS_ERANGE ? GOALS_ERANGE : GOALS_EPARSE,
                            "%s parameter %s: '%.*s' is not a number%s", m->name, d->name,
                            (int)value_len, value, d->optional ? " or 'none'" : "");
    if (!(v >= d->lo && v <= d->hi)) {
        char lo[GOALS__DOUBLE_MAX + 1], hi[GOALS__DOUBLE_MAX + 1];
        return goals__error(GOALS_ERANGE, "%s parameter %s: %.*s is outside [%s, %s]", m->name,
                            d->name, (int)value_len, value, bound_text(d->lo, lo), bound_text(d->hi, hi));
    }
    p->num[i] = v;
    return GOALS_OK;
}

int goals__method_params_assign(goals__method_params *p, const char *assignment)
{
    const char *eq = strchr(assignment, '=');
    if (!eq)
        return goals__error(GOALS_EINVAL, "parameter '%s' is not NAME=VALUE", assignment);
    return goals__method_params_set(p, assignment, (size_t)(eq - assignment), eq + 1, strlen(eq + 1));
}

const char *goals__param_default_text(const goals__param_desc *d, char *buf)
{
    if (d->type == GOALS__PARAM_TEXT) {
        size_t len = strlen(d->def_text);
        if (len >= GOALS__PARAM_TEXT_MAX)
            len = GOALS__PARAM_TEXT_MAX - 1;
        memcpy(buf, d->def_text, len);
        buf[len] = '\0';
    } else if (isnan(d->def)) {
        strcpy(buf, "none");
    } else {
        buf[goals__format_double(d->def, buf)] = '\0';
    }
    return buf;
}

int goals__method_run(const goals__method_params *p, const goals__method_input *in,
                      goals__method_result *out)
{
    if (!p || !p->method || !in || !out)
        return goals__error(GOALS_EINVAL, "method run: NULL argument");
    if (in->n > 0 && (!in->t || !in->y))
        return goals__error(GOALS_EINVAL, "method %s: %zu observations but no arrays", p->method->name,
                            in->n);
    if (in->direction != 1 && in->direction != -1)
        return goals__error(GOALS_EINVAL, "method %s: direction %d is neither +1 nor -1",
                            p->method->name, in->direction);
    for (size_t i = 0; i < in->n; i++) {
        if (!isfinite(in->t[i]) || !isfinite(in->y[i]))
            return goals__error(GOALS_EINVAL, "method %s: observation %zu is not a finite number",
                                p->method->name, i);
        /* Methods look years up by binary search and take the last as the
         * latest: two observations at one time would be ambiguous. */
        if (i > 0 && !(in->t[i] > in->t[i - 1]))
            return goals__error(GOALS_EINVAL, "method %s: observation times not strictly increasing at %zu",
                                p->method->name, i);
    }
    if (!isnan(in->base_y) && (!isfinite(in->base_y) || !isfinite(in->base_t)))
        return goals__error(GOALS_EINVAL, "method %s: a baseline value needs a finite baseline time",
                            p->method->name);
    if (isinf(in->base_t) || isinf(in->target) || isinf(in->target_t) || isinf(in->as_of))
        return goals__error(GOALS_EINVAL, "method %s: infinite base, target or date", p->method->name);
    return p->method->run(in, p, out);
}
