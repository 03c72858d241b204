/* Units: the public API over the parser (unit_parse.c) and the canonical
 * text of a unit. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "goals/unit.h"
#include "units/unit_internal.h"
#include "util/error.h"
#include "util/number.h"
#include "util/quote.h"

int goals__unit_compatible(const goals__unit *a, const goals__unit *b)
{
    if (a->n != b->n)
        return 0;
    for (unsigned i = 0; i < a->n; i++)
        if (a->base[i].exponent != b->base[i].exponent || strcmp(a->base[i].name, b->base[i].name) != 0)
            return 0;
    return 1;
}

/* snprintf-style appending: counts the whole length, writes what fits. */
typedef struct sink {
    char *buf;
    size_t size;
    size_t len;
} sink;

static void put(sink *s, const char *text)
{
    size_t n = strlen(text);
    if (s->len < s->size) {
        size_t room = s->size - s->len - 1;
        size_t k = n < room ? n : room;
        memcpy(s->buf + s->len, text, k);
        s->buf[s->len + k] = '\0';
    }
    s->len += n;
}

/* The multiplier as a number that reads back exactly, in the shortest of
 * plain and exponent notation (plain on a tie), with the exponent written
 * as people write it in unit text: 1e8, 1e-4 (not 1e+08, 1e-04). */
static void put_factor(sink *s, double f)
{
    char num[GOALS__DOUBLE_MAX], sci[GOALS__DOUBLE_MAX + 8];
    goals__format_double(f, num);

    /* Significant digits and decimal exponent of num, in either notation. */
    char digits[GOALS__DOUBLE_MAX];
    size_t nd = 0;
    int exp = 0, seen_point = 0, int_digits = 0, lead_zeros = 0;
    const char *p = num;
    for (; *p && *p != 'e'; p++) {
        if (*p == '.') {
            seen_point = 1;
        } else if (*p >= '0' && *p <= '9') {
            if (!seen_point)
                int_digits++;
            if (nd == 0 && *p == '0') {
                if (seen_point)
                    lead_zeros++;
                continue;
            }
            digits[nd++] = *p;
        }
    }
    if (*p == 'e') {
        exp = atoi(p + 1); /* printf form: one digit before the point */
    } else if (nd > 0 && !(int_digits == 1 && num[0] == '0')) {
        exp = int_digits - 1;
    } else {
        exp = -(lead_zeros + 1);
    }
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    if (nd == 0) { /* not reached: factors are > 0 */
        put(s, num);
        return;
    }

    size_t k = 0;
    sci[k++] = digits[0];
    if (nd > 1) {
        sci[k++] = '.';
        memcpy(sci + k, digits + 1, nd - 1);
        k += nd - 1;
    }
    k += (size_t)snprintf(sci + k, sizeof sci - k, "e%d", exp);
    if (*p == 'e' || k < strlen(num))
        put(s, sci);
    else
        put(s, num);
}

/* Writes the unit: "[factor ]a*b/c/d", or only the bases when factor is 0
 * ("1" when there are none). */
static void render(sink *s, const goals__unit *u, int with_factor)
{
    int any_positive = 0;
    for (unsigned i = 0; i < u->n; i++)
        any_positive |= u->base[i].exponent > 0;
    if (with_factor && u->factor != 1) {
        put_factor(s, u->factor);
        if (any_positive)
            put(s, " ");
    } else if (!any_positive) {
        put(s, "1");
    }
    const char *sep = "";
    for (unsigned i = 0; i < u->n; i++)
        for (int e = 0; e < u->base[i].exponent; e++) {
            put(s, sep);
            put(s, u->base[i].name);
            sep = "*";
        }
    for (unsigned i = 0; i < u->n; i++)
        for (int e = 0; e > u->base[i].exponent; e--) {
            put(s, "/");
            put(s, u->base[i].name);
        }
}

int goals_unit_check(const char *unit)
{
    goals__unit u;
    return goals__unit_parse(&u, unit);
}

int goals_unit_factor(double *factor, const char *from, const char *to)
{
    goals__unit a, b;
    int rc;
    if (!factor)
        return goals__error(GOALS_EINVAL, "goals_unit_factor: factor is NULL");
    if ((rc = goals__unit_parse(&a, from)) || (rc = goals__unit_parse(&b, to)))
        return rc;
    if (!goals__unit_compatible(&a, &b)) {
        char qa[GOALS__QUOTE_MAX], qb[GOALS__QUOTE_MAX], ba[64], bb[64];
        sink sa = {ba, sizeof ba, 0}, sb = {bb, sizeof bb, 0};
        render(&sa, &a, 0);
        render(&sb, &b, 0);
        return goals__error(GOALS_EUNIT, "units '%s' (%s) and '%s' (%s) do not convert",
                            goals__quote(qa, from ? from : "", from ? strlen(from) : 0), ba,
                            goals__quote(qb, to ? to : "", to ? strlen(to) : 0), bb);
    }
    double f = a.factor / b.factor;
    if (!isfinite(f) || !(f > 0))
        return goals__error(GOALS_ERANGE, "the factor from unit '%s' to '%s' is out of range",
                            goals__quote((char[GOALS__QUOTE_MAX]){0}, from, strlen(from)),
                            goals__quote((char[GOALS__QUOTE_MAX]){0}, to, strlen(to)));
    *factor = f;
    return GOALS_OK;
}

int goals_unit_convert(double *out, double value, const char *from, const char *to)
{
    double f;
    int rc;
    if (!out)
        return goals__error(GOALS_EINVAL, "goals_unit_convert: out is NULL");
    if ((rc = goals_unit_factor(&f, from, to)))
        return rc;
    double v = value * f;
    if (!isfinite(v) && isfinite(value))
        return goals__error(GOALS_ERANGE, "value out of range after converting to unit '%s'",
                            goals__quote((char[GOALS__QUOTE_MAX]){0}, to, strlen(to)));
    *out = v;
    return GOALS_OK;
}

int goals_unit_canonical(const char *unit, char *buf, size_t size, size_t *length)
{
    goals__unit u;
    if (buf && size)
        buf[0] = '\0';
    int rc = goals__unit_parse(&u, unit);
    if (rc)
        return rc;
    sink s = {buf, buf ? size : 0, 0};
    render(&s, &u, 1);
    if (length)
        *length = s.len;
    return GOALS_OK;
}
