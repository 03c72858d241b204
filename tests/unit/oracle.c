/* The oracles of oracle.h: libgoals/src/io/locate.c and scan.c as they
 * were before the streaming loader (git history has them in place). */

#include <string.h>

#include "io/io_internal.h"
#include "oracle.h"
#include "util/error.h"

void oracle_locator_init(oracle_locator *loc, const char *data, size_t size)
{
    memset(loc, 0, sizeof *loc);
    loc->data = data;
    loc->size = size;
    loc->line = 1;
    /* A UTF-8 byte order mark is not a column. */
    if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        loc->pos = loc->line_start = 3;
}

/* Moves loc->pos to to, counting the lines passed. */
static void advance(oracle_locator *loc, size_t to)
{
    const char *p = loc->data + loc->pos, *end = loc->data + to;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            break;
        loc->line++;
        loc->line_start = (size_t)(nl - loc->data) + 1;
        p = nl + 1;
    }
    loc->pos = to;
}

/* Offset just past the first occurrence of s at or after from, or size. */
static size_t past(const oracle_locator *loc, size_t from, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = from; i + n <= loc->size; i++) {
        const char *hit = memchr(loc->data + i, s[0], loc->size - i);
        if (!hit)
            break;
        i = (size_t)(hit - loc->data);
        if (i + n <= loc->size && memcmp(hit, s, n) == 0)
            return i + n;
    }
    return loc->size;
}

/* Offset just past the '>' closing the tag that starts at from, skipping
 * quoted attribute values (which may hold '>'). */
static size_t tag_end(const oracle_locator *loc, size_t from)
{
    char quote = 0;
    for (size_t i = from; i < loc->size; i++) {
        char c = loc->data[i];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i + 1;
        }
    }
    return loc->size;
}

/* Offset past a DOCTYPE: its internal subset may hold '>' inside brackets. */
static size_t doctype_end(const oracle_locator *loc, size_t from)
{
    char quote = 0;
    int depth = 0;
    for (size_t i = from; i < loc->size; i++) {
        char c = loc->data[i];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[') {
            depth++;
        } else if (c == ']') {
            depth--;
        } else if (c == '>' && depth <= 0) {
            return i + 1;
        }
    }
    return loc->size;
}

static int starts(const oracle_locator *loc, size_t at, const char *s)
{
    size_t n = strlen(s);
    return at + n <= loc->size && memcmp(loc->data + at, s, n) == 0;
}

/* The offset after the markup at pos (which is '<'); *is_start tells
 * whether it was a start tag. */
static size_t skip_markup(const oracle_locator *loc, size_t pos, int *is_start)
{
    *is_start = 0;
    if (starts(loc, pos, "<!--"))
        return past(loc, pos + 4, "-->");
    if (starts(loc, pos, "<![CDATA["))
        return past(loc, pos + 9, "]]>");
    if (starts(loc, pos, "<?"))
        return past(loc, pos + 2, "?>");
    if (starts(loc, pos, "<!"))
        return doctype_end(loc, pos + 2);
    if (starts(loc, pos, "</"))
        return tag_end(loc, pos + 2);
    *is_start = 1;
    return tag_end(loc, pos + 1);
}

static unsigned long column_of(const oracle_locator *loc, size_t at)
{
    unsigned long col = 1;
    for (size_t i = loc->line_start; i < at; i++)
        if (((unsigned char)loc->data[i] & 0xC0) != 0x80)
            col++;
    return col;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The offset of attribute qname in the start tag at tag, or 0. */
static size_t find_attribute(const oracle_locator *loc, size_t tag, const char *qname)
{
    size_t n = strlen(qname), i = tag + 1, end = loc->size;
    while (i < end && !is_space(loc->data[i]) && loc->data[i] != '>' && loc->data[i] != '/')
        i++;
    for (;;) {
        while (i < end && is_space(loc->data[i]))
            i++;
        if (i >= end || loc->data[i] == '>' || loc->data[i] == '/')
            return 0;
        size_t name = i;
        while (i < end && !is_space(loc->data[i]) && loc->data[i] != '=')
            i++;
        if (i - name == n && memcmp(loc->data + name, qname, n) == 0)
            return name;
        while (i < end && loc->data[i] != '"' && loc->data[i] != '\'')
            i++;
        if (i >= end)
            return 0;
        const char *close = memchr(loc->data + i + 1, loc->data[i], end - i - 1);
        if (!close)
            return 0;
        i = (size_t)(close - loc->data) + 1;
    }
}

int oracle_locate(oracle_locator *loc, unsigned long ordinal, const char *qname, unsigned long *line,
                  unsigned long *col)
{
    *line = 0;
    if (col)
        *col = 0;
    if (ordinal == 0)
        return 0;
    if (ordinal < loc->ordinal) /* backwards: start again */
        oracle_locator_init(loc, loc->data, loc->size);
    while (loc->ordinal < ordinal) {
        const char *lt = loc->pos < loc->size ? memchr(loc->data + loc->pos, '<', loc->size - loc->pos) : NULL;
        if (!lt)
            return 0;
        size_t at = (size_t)(lt - loc->data);
        int is_start;
        size_t next = skip_markup(loc, at, &is_start);
        if (is_start) {
            loc->ordinal++;
            if (loc->ordinal == ordinal) {
                /* Stop at the tag itself, so that its line is current. */
                advance(loc, at);
                loc->tag = at;
                loc->pos = at + 1;
                break;
            }
        }
        advance(loc, next);
    }
    if (loc->ordinal != ordinal)
        return 0;
    size_t at = loc->tag;
    if (qname) {
        size_t a = find_attribute(loc, loc->tag, qname);
        if (a)
            at = a;
    }
    /* The line of at: count from the tag, which is on the current line. */
    oracle_locator tmp = *loc;
    tmp.pos = loc->tag;
    advance(&tmp, at);
    *line = tmp.line;
    if (col) /* counting columns walks the line: skip it when not needed */
        *col = column_of(&tmp, at);
    return 1;
}

int oracle_prolog_check(const char *data, size_t size, const char *name)
{
    const unsigned char *u = (const unsigned char *)data;
    /* Our positions count bytes as UTF-8 (or any ASCII-compatible
     * encoding); wide encodings would make them wrong, and no plan needs them. */
    if (size >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE) ||
                      (u[0] == 0 && u[1] == '<') || (u[0] == '<' && u[1] == 0) || (u[0] == 0 && u[1] == 0)))
        return goals__error_at(GOALS_EUNSUPPORTED, name, 1, 1,
                               "UTF-16 and UTF-32 documents are not supported; use UTF-8");
    if (size >= 4 && memcmp(u, "\x4C\x6F\xA7\x94", 4) == 0) /* "<?xm" in EBCDIC */
        return goals__error_at(GOALS_EUNSUPPORTED, name, 1, 1, "EBCDIC documents are not supported; use UTF-8");
    oracle_locator loc;
    oracle_locator_init(&loc, data, size);
    /* The prolog: white space, the XML declaration, comments and PIs, then
     * the root's start tag. A DOCTYPE can only be here. */
    while (loc.pos < size) {
        size_t at = loc.pos;
        while (at < size && is_space(data[at]))
            at++;
        if (at >= size || data[at] != '<')
            break; /* not well-formed: libxml2 will say so */
        if (starts(&loc, at, "<!DOCTYPE")) {
            advance(&loc, at);
            return goals__error_at(GOALS_EINVALID, name, loc.line, column_of(&loc, at),
                                   "DOCTYPE is not allowed (no DTDs, no entity declarations)");
        }
        int is_start;
        size_t next = skip_markup(&loc, at, &is_start);
        if (is_start || (!starts(&loc, at, "<?") && !starts(&loc, at, "<!--")))
            break;
        advance(&loc, next);
    }
    return GOALS_OK;
}

/* ------------------------------------------------ the attribute scan */
/* Offset just past the first occurrence of end at or after from, or size. */
static size_t scan_past(const char *d, size_t size, size_t from, const char *end)
{
    size_t n = strlen(end);
    while (from < size) {
        const char *p = memchr(d + from, end[0], size - from);
        if (!p)
            return size;
        size_t at = (size_t)(p - d);
        if (size - at >= n && memcmp(p, end, n) == 0)
            return at + n;
        from = at + 1;
    }
    return size;
}

static int scan_starts(const char *d, size_t size, size_t at, const char *s)
{
    size_t n = strlen(s);
    return size - at >= n && memcmp(d + at, s, n) == 0;
}

/* Line and column (in characters) of offset at. */
static void scan_position(const char *d, size_t at, unsigned long *line, unsigned long *col)
{
    *line = 1;
    size_t start = 0;
    for (size_t i = 0; i < at; i++)
        if (d[i] == '\n') {
            ++*line;
            start = i + 1;
        }
    *col = 1;
    for (size_t i = start; i < at; i++)
        if (((unsigned char)d[i] & 0xC0) != 0x80)
            ++*col;
}

int oracle_attribute_scan(const char *d, size_t size, const char *name)
{
    size_t at = 0;
    while (at < size) {
        const char *lt = memchr(d + at, '<', size - at);
        if (!lt)
            break;
        size_t tag = (size_t)(lt - d);
        if (scan_starts(d, size, tag, "<!--")) {
            at = scan_past(d, size, tag + 4, "-->");
        } else if (scan_starts(d, size, tag, "<![CDATA[")) {
            at = scan_past(d, size, tag + 9, "]]>");
        } else if (scan_starts(d, size, tag, "<?")) {
            at = scan_past(d, size, tag + 2, "?>");
        } else if (scan_starts(d, size, tag, "</") || scan_starts(d, size, tag, "<!")) {
            at = scan_past(d, size, tag + 2, ">");
        } else {
            /* A start tag: count '=' outside quoted values up to its '>'. */
            unsigned long attrs = 0;
            size_t i = tag + 1;
            char quote = 0;
            for (; i < size; i++) {
                char c = d[i];
                if (quote) {
                    if (c == quote)
                        quote = 0;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '=') {
                    if (++attrs > GOALS__MAX_ATTRIBUTES) {
                        unsigned long line, col;
                        scan_position(d, tag, &line, &col);
                        return goals__error_at(GOALS_ELIMIT, name, line, col,
                                               "an element with more than %u attributes (namespace "
                                               "declarations included)",
                                               (unsigned)GOALS__MAX_ATTRIBUTES);
                    }
                } else if (c == '>' || c == '<') {
                    break;
                }
            }
            at = i < size && d[i] == '>' ? i + 1 : i;
        }
    }
    return GOALS_OK;
}
