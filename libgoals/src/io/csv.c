/* Observations from CSV (DESIGN.md's contract; docs/csv.md): UTF-8,
 * RFC 4180, header measure,period,value then optional source, note.
 *
 * Three stages, so that a bad file changes nothing:
 *   1. read: every row is read and checked (syntax, UTF-8, header, measure,
 *      period, number) and kept;
 *   2. check: duplicates within the file and against the plan;
 *   3. add: one batch per measure. Only running out of memory can fail
 *      there; each touched measure's observations are copied before the
 *      first batch, and put back if a later batch fails.
 *
 * Positions: 1-based lines, and columns counted in characters (code
 * points; a BOM is not counted), as the XML reader counts them. The column
 * is where the field at fault starts (its opening quote if quoted), or the
 * character at fault for errors of syntax and encoding. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "io_internal.h"
#include "source.h"
#include "model/model.h"
#include "time/period_internal.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/number.h"
#include "util/quote.h"

enum { COL_MEASURE, COL_PERIOD, COL_VALUE, COL_SOURCE, COL_NOTE, NCOLS };
static const char *const column_names[NCOLS] = {"measure", "period", "value", "source", "note"};
#define NONE SIZE_MAX
#define OPTIONAL_RULE "only source and note may follow measure,period,value, in that order"

/* --------------------------------------------------------------- buffers */

typedef struct bytes {
    char *data;
    size_t len, cap;
} bytes;

static int reserve(bytes *b, size_t more)
{
    if (b->cap - b->len >= more)
        return GOALS_OK;
    if (more > SIZE_MAX / 2 - b->len)
        return goals__oom();
    size_t want = b->cap ? b->cap : 256;
    while (want - b->len < more)
        want *= 2;
    char *p = goals__realloc(b->data, want);
    if (!p)
        return goals__oom();
    b->data = p;
    b->cap = want;
    return GOALS_OK;
}

static int append(bytes *b, const void *s, size_t n)
{
    if (n == 0) /* b->data may still be NULL, and NULL + 0 is undefined */
        return GOALS_OK;
    int rc = reserve(b, n);
    if (rc)
        return rc;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    return GOALS_OK;
}

/* --------------------------------------------------------------- scanner */

typedef struct scanner {
    const unsigned char *p;
    size_t n, pos;
    unsigned long line;
    size_t line_start; /* offset of the current line's first byte (after a BOM) */
    const char *name;
    size_t max_field;
} scanner;

/* A place in the input, kept so that a message can name it later. */
typedef struct place {
    size_t off;
    unsigned long line;
    size_t line_start;
} place;

static place here(const scanner *s)
{
    return (place){s->pos, s->line, s->line_start};
}

/* Characters before the place on its line, + 1. The bytes before it were
 * checked as UTF-8 already, so counting lead bytes counts characters. */
static unsigned long column_of(const scanner *s, place at)
{
    unsigned long col = 1;
    for (size_t i = at.line_start; i < at.off; i++)
        if ((s->p[i] & 0xC0) != 0x80)
            col++;
    return col;
}

static int fail_at(const scanner *s, place at, int code, const char *fmt, ...) GOALS__PRINTF(4, 5);
static int fail_at(const scanner *s, place at, int code, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return goals__error_at(code, s->name, at.line, column_of(s, at), "%s", msg);
}

static void newline(scanner *s, size_t width)
{
    s->pos += width;
    s->line++;
    s->line_start = s->pos;
}

/* Length of the valid UTF-8 sequence at p[0..n), 0 if it is not one
 * (overlong forms, surrogates and code points above U+10FFFF refused). */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    size_t len;
    unsigned long cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, cp = c & 0x1Fu;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, cp = c & 0x0Fu;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, cp = c & 0x07u;
    else
        return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return len;
}

/* Checks the character at s->pos, which is not a line break: valid UTF-8,
 * not NUL, not a control character other than tab (text that the XML
 * writer could not save). Its length in bytes through *len. */
static int check_char(const scanner *s, size_t *len)
{
    unsigned char c = s->p[s->pos];
    if ((c >= 0x20 && c < 0x80) || c == '\t') {
        *len = 1;
        return GOALS_OK;
    }
    if (c == 0)
        return fail_at(s, here(s), GOALS_EPARSE, "NUL byte in the text");
    if (c < 0x20)
        return fail_at(s, here(s), GOALS_EPARSE, "control character U+%04X is not allowed", (unsigned)c);
    *len = utf8_len(s->p + s->pos, s->n - s->pos);
    if (!*len)
        return fail_at(s, here(s), GOALS_EPARSE, "invalid UTF-8 (byte 0x%02X)", (unsigned)c);
    return GOALS_OK;
}

static int bare_cr(const scanner *s)
{
    return fail_at(s, here(s), GOALS_EPARSE, "carriage return not followed by a line feed");
}

static int crlf_at(const scanner *s)
{
    return s->p[s->pos] == '\r' && s->pos + 1 < s->n && s->p[s->pos + 1] == '\n';
}

/* One field of a row: where it starts, and its text (unquoted,
 * NUL-terminated) at text in the row buffer. */
typedef struct field {
    place at;
    size_t text, len;
} field;

typedef struct row {
    field f[NCOLS + 1];
    size_t count;
    int more;    /* a field beyond the cap starts at extra */
    place extra;
    place end;   /* where the row ends: its line break, or the end of input */
} row;

static int too_long(const scanner *s, const field *f)
{
    return fail_at(s, f->at, GOALS_ELIMIT, "field is longer than the limit of %zu bytes", s->max_field);
}

static int unquoted(scanner *s, bytes *buf, const field *f)
{
    size_t from = s->pos;
    while (s->pos < s->n) {
        unsigned char c = s->p[s->pos];
        if (c == ',' || c == '\n' || crlf_at(s))
            break;
        if (c == '\r')
            return bare_cr(s);
        if (c == '"')
            return fail_at(s, here(s), GOALS_EPARSE,
                           "quote inside an unquoted field (quote the whole field and double each quote in it)");
        size_t len;
        int rc = check_char(s, &len);
        if (rc)
            return rc;
        s->pos += len;
        if (s->pos - from > s->max_field)
            return too_long(s, f);
    }
    return append(buf, s->p + from, s->pos - from);
}

static int quoted(scanner *s, bytes *buf, const field *f)
{
    size_t start = buf->len;
    s->pos++; /* the opening quote */
    for (;;) {
        if (s->pos == s->n)
            return fail_at(s, f->at, GOALS_EPARSE, "quoted field not closed before the end of the file");
        unsigned char c = s->p[s->pos];
        size_t len = 1;
        int rc = GOALS_OK;
        if (c == '"') {
            if (s->pos + 1 < s->n && s->p[s->pos + 1] == '"') {
                rc = append(buf, "\"", 1); /* a doubled quote is one quote */
                s->pos += 2;
            } else {
                s->pos++;
                break;
            }
        } else if (c == '\n') {
            /* A line break inside quotes is part of the text. */
            rc = append(buf, "\n", 1);
            newline(s, 1);
        } else {
            if (c != '\r')
                rc = check_char(s, &len);
            if (!rc)
                rc = append(buf, s->p + s->pos, len);
            s->pos += len;
        }
        if (rc)
            return rc;
        if (buf->len - start > s->max_field)
            return too_long(s, f);
    }
    /* After the closing quote: a comma, a line end, or the end of input. */
    if (s->pos < s->n && s->p[s->pos] != ',' && s->p[s->pos] != '\n' && !crlf_at(s))
        return s->p[s->pos] == '\r' ? bare_cr(s)
                                    : fail_at(s, here(s), GOALS_EPARSE, "text after the closing quote of a field");
    return GOALS_OK;
}

/* Reads the next row into r (count 0 at the end of input), at most cap
 * fields: when another follows, r->more is set and the rest of the row is
 * left unread (the caller reports it). Empty lines are skipped. */
static int read_row(scanner *s, bytes *buf, size_t cap, row *r)
{
    buf->len = 0;
    r->count = 0;
    r->more = 0;
    for (;;) {
        if (s->pos == s->n)
            return GOALS_OK;
        if (s->p[s->pos] == '\n')
            newline(s, 1);
        else if (crlf_at(s))
            newline(s, 2);
        else
            break;
    }
    for (;;) {
        if (r->count == cap) {
            r->more = 1;
            r->extra = here(s);
            return GOALS_OK;
        }
        field *f = &r->f[r->count++];
        f->at = here(s);
        f->text = buf->len;
        int rc = s->pos < s->n && s->p[s->pos] == '"' ? quoted(s, buf, f) : unquoted(s, buf, f);
        if (rc)
            return rc;
        f->len = buf->len - f->text;
        if ((rc = append(buf, "", 1)))
            return rc;
        r->end = here(s);
        if (s->pos == s->n)
            return GOALS_OK;
        if (s->p[s->pos] == ',') {
            s->pos++;
            continue;
        }
        newline(s, s->p[s->pos] == '\n' ? 1 : 2);
        return GOALS_OK;
    }
}

/* ---------------------------------------------------------------- checks */

static const char *text_of(const bytes *buf, const field *f)
{
    return buf->data + f->text;
}

/* RFC 4180 keeps spaces in fields; say so when they are why text failed. */
static const char *space_hint(const char *t, size_t n)
{
    if (n && (t[0] == ' ' || t[0] == '\t' || t[n - 1] == ' ' || t[n - 1] == '\t'))
        return " (spaces are part of a CSV field)";
    return "";
}

/* Reads the header; map[i] is the column of the file's field i. */
static int read_header(scanner *s, bytes *buf, int map[NCOLS], size_t *ncols, place start)
{
    row r;
    int rc = read_row(s, buf, NCOLS + 1, &r);
    if (rc)
        return rc;
    if (!r.count)
        return fail_at(s, start, GOALS_EINVALID,
                       s->n == start.off ? "empty file: expected the header 'measure,period,value'"
                                         : "no header: the file has only empty lines");
    char q[GOALS__QUOTE_MAX];
    for (size_t i = 0; i < COL_SOURCE; i++) {
        if (i >= r.count)
            return fail_at(s, r.end, GOALS_EINVALID,
                           "header must begin 'measure,period,value': column %zu is missing", i + 1);
        const char *t = text_of(buf, &r.f[i]);
        if (strcmp(t, column_names[i]) != 0)
            return fail_at(s, r.f[i].at, GOALS_EINVALID, "header must begin 'measure,period,value': column %zu is '%s'%s",
                           i + 1, goals__quote(q, t, r.f[i].len), space_hint(t, r.f[i].len));
        map[i] = (int)i;
    }
    int next = COL_SOURCE;
    for (size_t i = COL_SOURCE; i < r.count; i++) {
        const char *t = text_of(buf, &r.f[i]);
        int col = strcmp(t, "source") == 0 ? COL_SOURCE : strcmp(t, "note") == 0 ? COL_NOTE : -1;
        if (col < 0)
            return fail_at(s, r.f[i].at, GOALS_EINVALID, "header: unknown column '%s'%s (" OPTIONAL_RULE ")",
                           goals__quote(q, t, r.f[i].len), space_hint(t, r.f[i].len));
        if (col < next)
            return fail_at(s, r.f[i].at, GOALS_EINVALID,
                           "header: column '%s' is repeated or out of order (" OPTIONAL_RULE ")", t);
        map[i] = col;
        next = col + 1;
    }
    /* Six names cannot all pass the checks above, so r.more is unreachable. */
    *ncols = r.count;
    return GOALS_OK;
}

/* A row of the file, read and checked. */
typedef struct obs_row {
    goals_measure *m;
    goals_period period;
    double value;
    size_t source, note; /* offsets in the strings buffer, or NONE */
    unsigned long line;
} obs_row;

static int is_nonfinite_word(const char *t, size_t n)
{
    static const char *const words[] = {"nan", "inf", "infinity"};
    if (n && (*t == '+' || *t == '-'))
        t++, n--;
    for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
        if (strlen(words[w]) != n)
            continue;
        size_t i = 0;
        /* ASCII case folding: tolower() would follow the locale. */
        while (i < n && (t[i] | 0x20) == words[w][i])
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

static int parse_value(const scanner *s, const char *t, const field *f, double *out)
{
    char q[GOALS__QUOTE_MAX];
    int rc = goals__parse_double(t, f->len, out);
    if (rc == GOALS_ENOMEM)
        return goals__oom();
    if (rc == GOALS_ERANGE)
        return fail_at(s, f->at, GOALS_EINVALID, "value '%s' is out of range", goals__quote(q, t, f->len));
    if (rc && is_nonfinite_word(t, f->len))
        return fail_at(s, f->at, GOALS_EINVALID, "value '%s' is not a finite number", goals__quote(q, t, f->len));
    if (rc)
        return fail_at(s, f->at, GOALS_EINVALID, "value '%s' is not a number%s", goals__quote(q, t, f->len),
                       space_hint(t, f->len));
    return GOALS_OK;
}

typedef struct reader {
    scanner s;
    goals_plan *plan;
    bytes buf;      /* the current row's fields */
    bytes strings;  /* sources and notes, NUL-terminated */
    obs_row *rows;
    size_t nrows, cap;
    int map[NCOLS];
    size_t ncols;
} reader;

static int keep_text(reader *rd, const field *f, size_t *out)
{
    *out = NONE;
    if (!f->len)
        return GOALS_OK;
    *out = rd->strings.len;
    return append(&rd->strings, text_of(&rd->buf, f), f->len + 1);
}

static int required(const reader *rd, const field *f, int col)
{
    if (f->len)
        return GOALS_OK;
    return fail_at(&rd->s, f->at, GOALS_EINVALID, "column '%s' is empty", column_names[col]);
}

static int read_rows(reader *rd)
{
    scanner *s = &rd->s;
    char q[GOALS__QUOTE_MAX];
    goals_measure *last = NULL;
    for (;;) {
        row r;
        int rc = read_row(s, &rd->buf, rd->ncols, &r);
        if (rc)
            return rc;
        if (!r.count)
            return GOALS_OK;
        if (r.more)
            return fail_at(s, r.extra, GOALS_EPARSE, "too many fields: the header has %zu", rd->ncols);
        if (r.count < rd->ncols)
            return fail_at(s, r.end, GOALS_EPARSE, "too few fields: %zu, the header has %zu", r.count, rd->ncols);
        obs_row o = {.source = NONE, .note = NONE, .line = r.f[0].at.line};

        const field *f = &r.f[COL_MEASURE];
        const char *t = text_of(&rd->buf, f);
        if ((rc = required(rd, f, COL_MEASURE)))
            return rc;
        /* Rows of one measure usually come together: skip the lookup. */
        o.m = last && strcmp(goals_measure_id(last), t) == 0 ? last : goals_plan_find_measure(rd->plan, t);
        if (!o.m)
            return fail_at(s, f->at, GOALS_ENOTFOUND, "unknown measure '%s'%s", goals__quote(q, t, f->len),
                           space_hint(t, f->len));
        if (goals_measure_derivation(o.m) != GOALS_DERIVED_NONE)
            return fail_at(s, f->at, GOALS_EINVALID, "measure '%s' is derived: its values are computed, not observed",
                           goals_measure_id(o.m));
        last = o.m;

        f = &r.f[COL_PERIOD];
        t = text_of(&rd->buf, f);
        if ((rc = required(rd, f, COL_PERIOD)))
            return rc;
        if (goals__period_parse_n(&o.period, t, f->len))
            return fail_at(s, f->at, GOALS_EINVALID, "%s%s", goals_error_last()->message, space_hint(t, f->len));

        f = &r.f[COL_VALUE];
        if ((rc = required(rd, f, COL_VALUE)) || (rc = parse_value(s, text_of(&rd->buf, f), f, &o.value)))
            return rc;

        for (size_t i = COL_SOURCE; i < rd->ncols; i++)
            if ((rc = keep_text(rd, &r.f[i], rd->map[i] == COL_SOURCE ? &o.source : &o.note)))
                return rc;

        if (rd->nrows == rd->cap && (rc = goals__grow(&rd->rows, &rd->cap, rd->nrows + 1, sizeof *rd->rows)))
            return rc;
        rd->rows[rd->nrows++] = o;
    }
}

/* Groups rows by measure (in plan order), then by period, then by line. */
static int compare_rows(const void *a, const void *b)
{
    const obs_row *x = a, *y = b;
    if (x->m != y->m)
        return x->m->index < y->m->index ? -1 : 1;
    if (x->period.end != y->period.end)
        return x->period.end < y->period.end ? -1 : 1;
    if (x->period.start != y->period.start)
        return x->period.start < y->period.start ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

static int same_key(const obs_row *x, const obs_row *y)
{
    return x->m == y->m && x->period.start == y->period.start && x->period.end == y->period.end;
}

/* The period is the first value's, as the model words it. */
static int duplicate(const reader *rd, const obs_row *o, const goals_period *p, const char *first)
{
    char period[GOALS_PERIOD_TEXT_MAX];
    goals_period_format(p, period, sizeof period);
    return goals__error_at(GOALS_EEXISTS, rd->s.name, o->line, 1,
                           "measure '%s': a second value for %s (the first was given at %s)",
                           goals_measure_id(o->m), period, first);
}

/* Duplicates within the file, then against the plan; the one reported is
 * the earliest in the file, whatever the order of the checks. */
static int check_duplicates(const reader *rd)
{
    char first[1100];
    size_t worst = NONE;
    for (size_t i = 1; i < rd->nrows; i++)
        if (same_key(&rd->rows[i - 1], &rd->rows[i]) && (worst == NONE || rd->rows[i].line < rd->rows[worst].line))
            worst = i;
    if (worst != NONE) {
        snprintf(first, sizeof first, "%s:%lu", rd->s.name, rd->rows[worst - 1].line);
        return duplicate(rd, &rd->rows[worst], &rd->rows[worst - 1].period, first);
    }
    const goals_observation *old = NULL;
    for (size_t i = 0; i < rd->nrows; i++) {
        const goals_observation *o = goals_measure_find_observation(rd->rows[i].m, &rd->rows[i].period);
        if (o && (worst == NONE || rd->rows[i].line < rd->rows[worst].line)) {
            worst = i;
            old = o;
        }
    }
    if (worst == NONE)
        return GOALS_OK;
    const char *file;
    unsigned long line;
    goals_observation_origin(old, &file, &line);
    if (file && line)
        snprintf(first, sizeof first, "%s:%lu", file, line);
    else
        snprintf(first, sizeof first, "%s", file ? file : "the API");
    goals_period p = goals_observation_period(old);
    return duplicate(rd, &rd->rows[worst], &p, first);
}

/* ------------------------------------------------------------------ add */

/* A measure's observations as they were before the load. The batches only
 * insert and replace, so the array afterwards is at least as long, and
 * copying these back into it restores the measure. What they interned in
 * the plan's arena stays there until the plan is freed (unreachable). */
typedef struct saved {
    goals_measure *m;
    goals_observation *obs;
    size_t n;
} saved;

static void restore(goals_plan *plan, saved *sv, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        goals_measure *m = sv[i].m;
        if (sv[i].n)
            memcpy(m->obs, sv[i].obs, sv[i].n * sizeof *m->obs);
        plan->nobs -= m->nobs - sv[i].n;
        m->nobs = sv[i].n;
    }
}

static int add_all(reader *rd, unsigned flags)
{
    if (!rd->nrows)
        return GOALS_OK;
    size_t groups = 1;
    for (size_t i = 1; i < rd->nrows; i++)
        groups += rd->rows[i].m != rd->rows[i - 1].m;
    goals_observation_input *in = goals__reallocarray(NULL, rd->nrows, sizeof *in);
    saved *sv = goals__calloc(groups, sizeof *sv);
    int rc = in && sv ? GOALS_OK : goals__oom();
    for (size_t i = 0, g = 0; !rc && i < rd->nrows; i++) {
        const obs_row *o = &rd->rows[i];
        goals_observation_input x = GOALS_OBSERVATION_INPUT_INIT;
        x.period = o->period;
        x.value = o->value;
        x.source = o->source == NONE ? NULL : rd->strings.data + o->source;
        x.note = o->note == NONE ? NULL : rd->strings.data + o->note;
        x.origin = rd->s.name;
        x.origin_line = o->line;
        x.flags = flags & GOALS_OBS_REPLACE;
        in[i] = x;
        if (i && o->m == rd->rows[i - 1].m)
            continue;
        sv[g].m = o->m;
        sv[g].n = o->m->nobs;
        if (sv[g].n && !(sv[g].obs = goals__reallocarray(NULL, sv[g].n, sizeof *sv[g].obs)))
            rc = goals__oom();
        else if (sv[g].n)
            memcpy(sv[g].obs, o->m->obs, sv[g].n * sizeof *sv[g].obs);
        g++;
    }
    size_t done = 0;
    for (size_t i = 0; !rc && i < rd->nrows; done++) {
        size_t j = i + 1;
        while (j < rd->nrows && rd->rows[j].m == rd->rows[i].m)
            j++;
        rc = goals_measure_add_observations_ex(rd->rows[i].m, in + i, j - i);
        i = j;
    }
    if (rc && done)
        restore(rd->plan, sv, done);
    if (sv)
        for (size_t g = 0; g < groups; g++)
            goals__free(sv[g].obs);
    goals__free(sv);
    goals__free(in);
    return rc;
}

/* ---------------------------------------------------------------- public */

static int load(goals_plan *plan, const char *data, size_t size, const char *name, unsigned flags, size_t max_field)
{
    reader rd;
    memset(&rd, 0, sizeof rd);
    rd.plan = plan;
    rd.s = (scanner){(const unsigned char *)data, size, 0, 1, 0, name, max_field};
    scanner *s = &rd.s;
    if (size >= 2 && ((s->p[0] == 0xFF && s->p[1] == 0xFE) || (s->p[0] == 0xFE && s->p[1] == 0xFF)))
        return fail_at(s, here(s), GOALS_EPARSE, "UTF-16 text: observation CSV must be UTF-8");
    if (size >= 3 && s->p[0] == 0xEF && s->p[1] == 0xBB && s->p[2] == 0xBF)
        s->pos = s->line_start = 3; /* the BOM: not text, not counted in columns */
    int rc = read_header(s, &rd.buf, rd.map, &rd.ncols, here(s));
    if (!rc)
        rc = read_rows(&rd);
    if (!rc && rd.nrows) {
        qsort(rd.rows, rd.nrows, sizeof *rd.rows, compare_rows);
        if (!(flags & GOALS_OBS_REPLACE))
            rc = check_duplicates(&rd);
    }
    if (!rc)
        rc = add_all(&rd, flags);
    goals__free(rd.buf.data);
    goals__free(rd.strings.data);
    goals__free(rd.rows);
    return rc;
}

static int check_args(const goals_plan *plan, unsigned flags, goals__load_cfg *cfg, const char *name,
                      const goals__csv_limits *lim)
{
    if (!plan)
        return goals__error(GOALS_EINVAL, "plan is NULL");
    if (flags & ~(unsigned)GOALS_OBS_REPLACE)
        return goals__error(GOALS_EINVAL, "unknown observation flags 0x%x", flags & ~(unsigned)GOALS_OBS_REPLACE);
    int rc = goals__load_cfg_resolve(cfg, NULL, name);
    if (!rc && lim && lim->max_bytes)
        cfg->max_bytes = lim->max_bytes;
    return rc;
}

static size_t max_field(const goals__csv_limits *lim)
{
    return lim && lim->max_field ? lim->max_field : GOALS__CSV_MAX_FIELD;
}

/* Reads all of src (the rows are sorted and checked as a whole before any
 * goes into the plan, so the text is kept until then) and loads it. Plain
 * memory is read in place. */
static int load_source(goals_plan *plan, goals__source *src, unsigned flags, const goals__csv_limits *lim)
{
    size_t size;
    const char *whole = goals__source_whole(src, &size);
    if (whole)
        return load(plan, whole, size, goals__source_name(src), flags, max_field(lim));
    goals__buf b = {0};
    int rc = GOALS_OK;
    for (;;) {
        if (b.cap - b.len < GOALS__SOURCE_CHUNK + 1) {
            size_t cap = b.cap ? b.cap * 2 : (size_t)GOALS__SOURCE_CHUNK * 4;
            char *p = goals__realloc(b.data, cap);
            if (!p) {
                rc = goals__oom();
                break;
            }
            b.data = p;
            b.cap = cap;
        }
        ptrdiff_t n = goals__source_read(src, b.data + b.len, b.cap - b.len - 1);
        if (n < 0) {
            rc = (int)n;
            break;
        }
        if (n == 0)
            break;
        b.len += (size_t)n;
    }
    if (!rc) {
        b.data[b.len] = '\0';
        rc = load(plan, b.data, b.len, goals__source_name(src), flags, max_field(lim));
    }
    goals__free(b.data);
    return rc;
}

int goals__csv_load_file(goals_plan *plan, const char *path, unsigned flags, const goals__csv_limits *lim)
{
    goals__load_cfg cfg;
    if (!path)
        return goals__error(GOALS_EINVAL, "path is NULL");
    int rc = check_args(plan, flags, &cfg, path, lim);
    goals__source *src;
    if (rc || (rc = goals__source_open_file(&src, path, &cfg)))
        return rc;
    rc = load_source(plan, src, flags, lim);
    goals__source_free(src);
    return rc;
}

int goals__csv_load_memory(goals_plan *plan, const void *data, size_t size, const char *name, unsigned flags,
                           const goals__csv_limits *lim)
{
    goals__load_cfg cfg;
    int rc = check_args(plan, flags, &cfg, name && *name ? name : "<memory>", lim);
    goals__source *src;
    if (rc || (rc = goals__source_open_memory(&src, data, size, &cfg)))
        return rc;
    rc = load_source(plan, src, flags, lim);
    goals__source_free(src);
    return rc;
}

int goals_plan_load_observations_file(goals_plan *plan, const char *path, unsigned flags)
{
    return goals__csv_load_file(plan, path, flags, NULL);
}

int goals_plan_load_observations_memory(goals_plan *plan, const void *data, size_t size, const char *name,
                                        unsigned flags)
{
    return goals__csv_load_memory(plan, data, size, name, flags, NULL);
}
