/* Reading unit text. A unit is terms joined by '/', '*' or '·'; a term is an
 * optional number, then any multiplier words, then at most one base name:
 * `亿元`, `100 million t`, `1e4 CNY`, `万元/亩`, `‰`. The grammar is in
 * docs/units.md. Work is linear in the text, which is capped at
 * GOALS__UNIT_TEXT_MAX bytes, and the table is small. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "goals/error.h"
#include "units/unit_internal.h"
#include "units/unit_table.h"
#include "util/error.h"
#include "util/number.h"
#include "util/quote.h"

typedef struct parser {
    const char *text;
    size_t len;
    size_t pos;
} parser;

/* One term: its value in its base (1 for a bare number or count) and the
 * base's name, NULL when dimensionless. */
typedef struct term {
    double factor;
    const char *base;
    char currency[4]; /* the base when it is a three-letter code not in the table */
} term;

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_alpha(unsigned char c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }

static void skip_spaces(parser *p)
{
    while (p->pos < p->len && p->text[p->pos] == ' ')
        p->pos++;
}

/* Length of the separator at the current position ('/', '*', '·'), or 0. */
static size_t separator_len(const parser *p)
{
    const char *s = p->text + p->pos;
    size_t left = p->len - p->pos;
    if (left >= 1 && (s[0] == '/' || s[0] == '*'))
        return 1;
    if (left >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xB7)
        return 2;
    return 0;
}

static int bad(const parser *p, const char *why)
{
    char q[GOALS__QUOTE_MAX];
    return goals__error(GOALS_EUNIT, "bad unit '%s': %s", goals__quote(q, p->text, p->len), why);
}

/* "bad unit 'TEXT': <before>'PIECE'<after>" */
static int bad_piece(const parser *p, const char *before, size_t at, size_t n, const char *after)
{
    char q[GOALS__QUOTE_MAX], r[GOALS__QUOTE_MAX];
    return goals__error(GOALS_EUNIT, "bad unit '%s': %s'%s'%s", goals__quote(q, p->text, p->len),
                        before, goals__quote(r, p->text + at, n), after);
}

static int unknown(const parser *p, size_t at, size_t n)
{
    char q[GOALS__QUOTE_MAX], r[GOALS__QUOTE_MAX];
    if (at == 0 && n == p->len)
        return goals__error(GOALS_EUNIT, "unknown unit '%s'", goals__quote(q, p->text, p->len));
    return goals__error(GOALS_EUNIT, "unknown unit '%s' in '%s'", goals__quote(r, p->text + at, n),
                        goals__quote(q, p->text, p->len));
}

/* The span of an unknown piece: up to the next space or separator. */
static size_t piece_len(const parser *p)
{
    parser q = *p;
    while (q.pos < q.len && q.text[q.pos] != ' ' && !separator_len(&q))
        q.pos++;
    return q.pos - p->pos;
}

/* Length of the ASCII word at the current position: letters, digits and
 * '.' (for km2, no.). */
static size_t word_len(const parser *p)
{
    size_t n = 0;
    while (p->pos + n < p->len) {
        unsigned char c = (unsigned char)p->text[p->pos + n];
        if (!is_alpha(c) && !is_digit(c) && c != '.')
            break;
        n++;
    }
    return n;
}

/* Any three capital letters not in the table name a currency (ISO 4217
 * style), so that a plan in, say, KES needs no change here. */
static int is_currency_code(const char *s, size_t n)
{
    return n == 3 && is_upper((unsigned char)s[0]) && is_upper((unsigned char)s[1]) &&
           is_upper((unsigned char)s[2]);
}

/* The end of a number at the current position: digits, an optional
 * fraction and an optional exponent (the 'e' only when digits follow, so
 * `1em` is 1 em). */
static size_t number_end(const parser *p)
{
    const char *s = p->text;
    size_t i = p->pos;
    while (i < p->len && is_digit((unsigned char)s[i]))
        i++;
    if (i < p->len && s[i] == '.') {
        i++;
        while (i < p->len && is_digit((unsigned char)s[i]))
            i++;
    }
    if (i < p->len && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < p->len && (s[j] == '+' || s[j] == '-'))
            j++;
        if (j < p->len && is_digit((unsigned char)s[j])) {
            while (j < p->len && is_digit((unsigned char)s[j]))
                j++;
            i = j;
        }
    }
    return i;
}

/* A number at the start of a term: a multiplier, finite and > 0. */
static int scan_number(parser *p, double *out)
{
    const char *s = p->text;
    size_t start = p->pos, i = number_end(p);
    double v = 0;
    int rc = goals__parse_double(s + start, i - start, &v);
    if (rc == GOALS_ENOMEM)
        return goals__oom();
    if (rc == GOALS_ERANGE || (rc == GOALS_OK && isinf(v)))
        return bad_piece(p, "multiplier ", start, i - start, " is out of range");
    if (rc != GOALS_OK)
        return bad_piece(p, "", start, i - start, " is not a number");
    if (!(v > 0))
        return bad_piece(p, "multiplier ", start, i - start, " must be greater than 0");
    p->pos = i;
    *out = v;
    return GOALS_OK;
}

enum { T_START, T_SCALED, T_BASE };

static int scan_term(parser *p, term *t)
{
    int state = T_START;
    size_t last = 0, last_len = 0; /* the previous piece, for messages */
    t->factor = 1;
    t->base = NULL;
    for (;;) {
        skip_spaces(p);
        if (p->pos >= p->len || separator_len(p))
            break;
        size_t at = p->pos;
        unsigned char c = (unsigned char)p->text[at];
        if (is_digit(c)) {
            if (state == T_BASE)
                return bad_piece(p, "expected '/', '*' or the end after ", last, last_len, "");
            if (state != T_START)
                return bad_piece(p, "number ", at, number_end(p) - at, " must come first in its term");
            double v = 1;
            int rc = scan_number(p, &v);
            if (rc)
                return rc;
            t->factor *= v;
            state = T_SCALED;
        } else {
            const goals__unit_name *e;
            size_t n;
            int currency = 0;
            if (is_alpha(c)) {
                /* A whole ASCII word: `t` must not match the start of `thousand`. */
                n = word_len(p);
                e = goals__unit_name_exact(p->text + at, n);
                currency = !e && is_currency_code(p->text + at, n);
            } else {
                e = goals__unit_name_prefix(p->text + at, p->len - at);
                n = e ? strlen(e->text) : 0;
            }
            if (!e && !currency)
                return unknown(p, at, n ? n : piece_len(p));
            if (state == T_BASE)
                return bad_piece(p, "expected '/', '*' or the end after ", last, last_len, "");
            p->pos = at + n;
            if (currency) {
                memcpy(t->currency, p->text + at, 3);
                t->currency[3] = '\0';
                t->base = t->currency;
                state = T_BASE;
            } else if (e->base) {
                t->factor *= e->factor;
                t->base = e->base;
                state = T_BASE;
            } else {
                /* A multiplier, or a count word (个, 人, persons): dimensionless
                 * and, like a multiplier, followed by more: 个月, 人次, 个百分点. */
                t->factor *= e->factor;
                state = T_SCALED;
            }
        }
        last = at, last_len = p->pos - at;
        if (!isfinite(t->factor))
            return bad(p, "multiplier is out of range");
    }
    return state == T_START ? -1 : GOALS_OK; /* -1: empty term, the caller says where */
}

/* Multiplies u by base^exponent, keeping the bases sorted and non-zero. */
static int add_base(parser *p, goals__unit *u, const char *name, int exponent)
{
    unsigned i = 0;
    while (i < u->n && strcmp(u->base[i].name, name) < 0)
        i++;
    if (i < u->n && strcmp(u->base[i].name, name) == 0) {
        u->base[i].exponent += exponent;
        if (u->base[i].exponent == 0) {
            memmove(&u->base[i], &u->base[i + 1], (u->n - i - 1) * sizeof u->base[0]);
            u->n--;
        }
        return GOALS_OK;
    }
    if (u->n == GOALS__UNIT_MAX_BASES)
        return bad(p, "more than 4 different base units");
    memmove(&u->base[i + 1], &u->base[i], (u->n - i) * sizeof u->base[0]);
    size_t n = strlen(name);
    memcpy(u->base[i].name, name, n + 1);
    u->base[i].exponent = exponent;
    u->n++;
    return GOALS_OK;
}

int goals__unit_parse(goals__unit *out, const char *text)
{
    goals__unit u;
    memset(&u, 0, sizeof u);
    u.factor = 1;
    if (!out)
        return goals__error(GOALS_EINVAL, "goals__unit_parse: out is NULL");
    parser p = {text ? text : "", 0, 0};
    p.len = strnlen(p.text, GOALS__UNIT_TEXT_MAX + 1);
    if (p.len > GOALS__UNIT_TEXT_MAX)
        return bad(&p, "longer than 256 bytes");

    int sign = 1;
    size_t sep_at = SIZE_MAX, sep_len = 0; /* the last separator, for messages */
    while (p.len > 0) {
        term t;
        int rc = scan_term(&p, &t);
        if (rc == -1) {
            if (sep_at != SIZE_MAX)
                return bad_piece(&p, "missing unit after ", sep_at, sep_len, "");
            if (p.pos < p.len)
                return bad_piece(&p, "missing unit before ", p.pos, separator_len(&p), "");
            return bad(&p, "no unit");
        }
        if (rc)
            return rc;
        u.factor = sign > 0 ? u.factor * t.factor : u.factor / t.factor;
        if (!isfinite(u.factor) || !(u.factor > 0))
            return bad(&p, "multiplier is out of range");
        if (t.base && (rc = add_base(&p, &u, t.base, sign)))
            return rc;
        if (p.pos >= p.len)
            break;
        /* scan_term stopped at a separator. */
        sep_at = p.pos;
        sep_len = separator_len(&p);
        sign = p.text[p.pos] == '/' ? -1 : 1;
        p.pos += sep_len;
    }
    *out = u;
    return GOALS_OK;
}
