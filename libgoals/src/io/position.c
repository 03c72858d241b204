/* Positions of start tags on a document read again as a stream (see
 * position.h).
 *
 * In well-formed XML every '<' starts markup (text and attribute values
 * cannot hold a raw '<'), so counting start tags while skipping comments,
 * CDATA sections, processing instructions and end tags finds the n-th
 * element exactly. Offsets below are from the document's start (uint64_t:
 * documents may pass 4 GiB); the window holds [base, base + len).
 *
 * Every refill names the first offset still needed ("keep"): the bytes
 * before it are counted into the running line and column, then dropped.
 * Only the start tag being located is kept whole, for its attributes. */
#include <stdio.h>
#include <string.h>

#include "position.h"
#include "util/alloc.h"
#include "util/error.h"

#define MIN_WINDOW 16u /* "<![CDATA[" must fit, with room to read */

void goals__pos_init_window(goals__pos *p, const goals__source *src, size_t window)
{
    memset(p, 0, sizeof *p);
    p->src = src;
    size_t whole_size;
    if (window == 0 && !goals__source_whole(src, &whole_size))
        window = GOALS__POS_WINDOW;
    if (window && window < MIN_WINDOW)
        window = MIN_WINDOW;
    p->window = window;
}

void goals__pos_init(goals__pos *p, const goals__source *src)
{
    goals__pos_init_window(p, src, 0);
}

void goals__pos_single_byte(goals__pos *p)
{
    p->single_byte = 1;
}

void goals__pos_free(goals__pos *p)
{
    goals__source_free(p->in);
    goals__free(p->buf);
    p->in = NULL;
    p->buf = NULL;
    p->buf_cap = 0;
}

/* --------------------------------------------- the caller's error, kept */

/* Reading again may fail (and set the thread's error) while the caller is
 * about to report an error of its own: that one is put back. */
typedef struct saved_error {
    int code;
    unsigned long line, col;
    int has_file;
    char file[1024];
    char message[1024];
} saved_error;

static void save_error(saved_error *e)
{
    const goals_error *g = goals_error_last();
    e->code = g->code;
    e->line = g->line;
    e->col = g->column;
    e->has_file = g->file != NULL;
    snprintf(e->file, sizeof e->file, "%s", g->file ? g->file : "");
    snprintf(e->message, sizeof e->message, "%s", g->message);
}

static void restore_error(const saved_error *e)
{
    if (e->code == GOALS_OK && !e->message[0])
        goals_error_clear();
    else
        goals__error_at(e->code, e->has_file ? e->file : NULL, e->line, e->col, "%s", e->message);
}

/* ------------------------------------------------------------ counting */

/* Moves line/col over [s, e): col counts UTF-8 lead bytes (every byte, in
 * an encoding of one byte a character) since the last line break, so only
 * the bytes after the last break are looked at one by one. */
static void walk(const char *s, const char *e, int single_byte, unsigned long *line, unsigned long *col)
{
    const char *nl, *after = NULL;
    for (const char *q = s; q < e && (nl = memchr(q, '\n', (size_t)(e - q))) != NULL; q = nl + 1) {
        ++*line;
        after = nl + 1;
    }
    if (after) {
        *col = 1;
        s = after;
    }
    unsigned long n = 0;
    if (single_byte)
        n = (unsigned long)(e - s);
    else
        for (; s < e; s++)
            n += ((unsigned char)*s & 0xC0) != 0x80;
    *col += n;
}

/* Brings the running count to offset to (in the window, not before mark). */
static void count_to(goals__pos *p, uint64_t to)
{
    if (to <= p->mark)
        return;
    walk(p->win + (p->mark - p->base), p->win + (to - p->base), p->single_byte, &p->line, &p->col);
    p->mark = to;
}

/* ------------------------------------------------------------- window */

static uint64_t end_of(const goals__pos *p)
{
    return p->base + p->len;
}

/* More bytes after the window, dropping those before keep: 1, or 0 at the
 * end of the document (or when reading failed: p->failed). */
static int more(goals__pos *p, uint64_t keep)
{
    if (p->eof || p->failed || !p->in)
        return 0;
    if (keep > end_of(p))
        keep = end_of(p);
    count_to(p, keep);
    size_t drop = (size_t)(keep - p->base);
    if (drop) {
        memmove(p->buf, p->buf + drop, p->len - drop);
        p->len -= drop;
        p->base = keep;
    }
    if (p->buf_cap > p->window && p->len <= p->window / 2) {
        /* A big tag grew the window: back to its usual size. */
        char *smaller = goals__realloc(p->buf, p->window);
        if (smaller) {
            p->buf = smaller;
            p->buf_cap = p->window;
        }
    } else if (p->len == p->buf_cap) {
        /* One construct fills the window: make room for it. */
        size_t want = p->buf_cap * 2;
        char *bigger = want > p->buf_cap ? goals__realloc(p->buf, want) : NULL;
        if (!bigger) {
            p->failed = 1;
            return 0;
        }
        p->buf = bigger;
        p->buf_cap = want;
    }
    p->win = p->buf;
    saved_error e;
    save_error(&e);
    ptrdiff_t n = goals__source_read(p->in, p->buf + p->len, p->buf_cap - p->len);
    if (n < 0) {
        restore_error(&e);
        p->failed = 1;
        return 0;
    }
    if (n == 0) {
        p->eof = 1;
        return 0;
    }
    p->len += (size_t)n;
    return 1;
}

/* Bytes available from at, up to n (fewer only at the document's end). */
static size_t have(goals__pos *p, uint64_t at, size_t n, uint64_t keep)
{
    while (end_of(p) < at + n && more(p, keep))
        ;
    uint64_t end = end_of(p);
    return end <= at ? 0 : end - at >= n ? n : (size_t)(end - at);
}

static int starts(goals__pos *p, uint64_t at, const char *s)
{
    size_t n = strlen(s);
    return have(p, at, n, at) == n && memcmp(p->win + (at - p->base), s, n) == 0;
}

/* From the start: opens the source again (or takes the document in place). */
static int restart(goals__pos *p)
{
    goals__source_free(p->in);
    p->in = NULL;
    p->started = 1;
    p->eof = p->failed = 0;
    p->base = p->pos = p->mark = 0;
    p->ordinal = p->found = 0;
    p->line = p->col = 1;
    if (!p->window) {
        p->win = goals__source_whole(p->src, &p->len);
        p->eof = 1;
    } else {
        if (!p->buf) {
            if (!(p->buf = goals__malloc(p->window))) {
                p->failed = 1;
                return 0;
            }
            p->buf_cap = p->window;
        }
        p->win = p->buf;
        p->len = 0;
        saved_error e;
        save_error(&e);
        if (goals__source_reopen(p->src, &p->in)) {
            restore_error(&e);
            p->failed = 1;
            return 0;
        }
    }
    /* A UTF-8 byte order mark is not a column. */
    if (starts(p, 0, "\xEF\xBB\xBF"))
        p->pos = p->mark = 3;
    return !p->failed;
}

/* ------------------------------------------------------------ skipping */

/* Offset just past the first s at or after from, or the document's end. */
static uint64_t past(goals__pos *p, uint64_t from, const char *s)
{
    size_t n = strlen(s);
    uint64_t i = from;
    for (;;) {
        uint64_t end = end_of(p);
        if (i < end) {
            const char *hit = memchr(p->win + (i - p->base), s[0], (size_t)(end - i));
            if (hit) {
                uint64_t j = p->base + (uint64_t)(hit - p->win);
                if (have(p, j, n, j) < n)
                    return end_of(p);
                if (memcmp(p->win + (j - p->base), s, n) == 0)
                    return j + n;
                i = j + 1;
                continue;
            }
            i = end;
        }
        if (!more(p, i))
            return end_of(p);
    }
}

/* Bytes markup_end stops at: 1 in any tag, 2 in a DOCTYPE only. */
static const unsigned char stops[256] = {['>'] = 1, ['"'] = 1, ['\''] = 1, ['['] = 2, [']'] = 2};

/* Offset just past the '>' closing the tag whose name starts at from,
 * skipping quoted values (which may hold '>'). Bytes from keep on stay in
 * the window (keep == from: none need to). With doctype, '>' inside
 * brackets (an internal subset) does not end it. This is where a scan
 * spends its time: other bytes are passed over by a table, and quoted
 * values by memchr. */
static uint64_t markup_end(goals__pos *p, uint64_t from, uint64_t keep, int doctype)
{
    const unsigned char mask = doctype ? 3 : 1;
    char quote = 0;
    int depth = 0;
    uint64_t i = from;
    for (;;) {
        const char *w = p->win;
        size_t k = (size_t)(i - p->base), n = p->len;
        while (k < n) {
            if (quote) {
                const char *close = memchr(w + k, quote, n - k);
                if (!close) {
                    k = n;
                    break;
                }
                k = (size_t)(close - w) + 1;
                quote = 0;
                continue;
            }
            while (k < n && !(stops[(unsigned char)w[k]] & mask))
                k++;
            if (k == n)
                break;
            char c = w[k++];
            if (c == '"' || c == '\'')
                quote = c;
            else if (c == '[')
                depth++;
            else if (c == ']')
                depth--;
            else if (depth <= 0) /* '>' */
                return p->base + k;
        }
        i = p->base + k;
        if (!more(p, keep == from ? i : keep))
            return end_of(p);
    }
}

/* The next '<' at or after p->pos, or 0 at the end. */
static int next_lt(goals__pos *p, uint64_t *at)
{
    for (;;) {
        uint64_t end = end_of(p);
        if (p->pos < end) {
            const char *lt = memchr(p->win + (p->pos - p->base), '<', (size_t)(end - p->pos));
            if (lt) {
                *at = p->base + (uint64_t)(lt - p->win);
                return 1;
            }
            p->pos = end;
        }
        if (!more(p, p->pos))
            return 0;
    }
}

/* Scans on to start tag ordinal and holds it: 1, or 0 when the document
 * has fewer. */
static int seek(goals__pos *p, unsigned long ordinal)
{
    p->found = 0;
    while (p->ordinal < ordinal) {
        uint64_t at;
        if (!next_lt(p, &at))
            return 0;
        /* The byte after '<' tells most apart (0: the document ends). */
        char c = have(p, at, 2, at) == 2 ? p->win[at + 1 - p->base] : 0;
        if (c == '!' && starts(p, at, "<!--")) {
            p->pos = past(p, at + 4, "-->");
        } else if (c == '!' && starts(p, at, "<![CDATA[")) {
            p->pos = past(p, at + 9, "]]>");
        } else if (c == '?') {
            p->pos = past(p, at + 2, "?>");
        } else if (c == '!') {
            p->pos = markup_end(p, at + 2, at + 2, 1);
        } else if (c == '/') {
            p->pos = markup_end(p, at + 2, at + 2, 0);
        } else if (++p->ordinal < ordinal) {
            p->pos = markup_end(p, at + 1, at + 1, 0);
        } else {
            /* The one: its position, then the whole tag into the window
             * (for its attributes, now or at a later call). The scan goes
             * on after it, as when it is passed over: the answers never
             * depend on what was asked before (the former locator's may, in
             * documents that are not well-formed). */
            count_to(p, at);
            p->tag_line = p->line;
            p->tag_col = p->col;
            p->tag_end = markup_end(p, at + 1, at, 0);
            p->tag = at;
            p->found = ordinal;
            p->pos = p->tag_end;
        }
    }
    return 1;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The offset of attribute qname in the held tag, or 0. */
static uint64_t find_attribute(const goals__pos *p, const char *qname)
{
    const char *d = p->win + (p->tag - p->base);
    size_t n = strlen(qname), end = (size_t)(p->tag_end - p->tag), i = 1;
    while (i < end && !is_space(d[i]) && d[i] != '>' && d[i] != '/')
        i++;
    for (;;) {
        while (i < end && is_space(d[i]))
            i++;
        if (i >= end || d[i] == '>' || d[i] == '/')
            return 0;
        size_t name = i;
        while (i < end && !is_space(d[i]) && d[i] != '=')
            i++;
        if (i - name == n && memcmp(d + name, qname, n) == 0)
            return p->tag + name;
        while (i < end && d[i] != '"' && d[i] != '\'')
            i++;
        if (i >= end)
            return 0;
        const char *close = memchr(d + i + 1, d[i], end - i - 1);
        if (!close)
            return 0;
        i = (size_t)(close - d) + 1;
    }
}

int goals__pos_locate(goals__pos *p, unsigned long ordinal, const char *qname, unsigned long *line,
                      unsigned long *col)
{
    *line = 0;
    if (col)
        *col = 0;
    if (ordinal == 0)
        return 0;
    if (ordinal != p->found) {
        if ((!p->started || ordinal <= p->ordinal) && !restart(p))
            return 0;
        if (p->failed || !seek(p, ordinal))
            return 0;
    }
    uint64_t at = p->tag;
    if (qname) {
        uint64_t a = find_attribute(p, qname);
        if (a)
            at = a;
    }
    unsigned long l = p->tag_line, c = p->tag_col;
    walk(p->win + (p->tag - p->base), p->win + (at - p->base), p->single_byte, &l, &c);
    *line = l;
    if (col)
        *col = c;
    return 1;
}
