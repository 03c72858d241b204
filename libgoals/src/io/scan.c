/* A raw pass over a document before libxml2 reads it, for what libxml2
 * 2.9 handles in quadratic time: it checks each attribute of a start tag,
 * and each namespace declaration, against all the others before it, so one
 * element with 100 000 attributes (a 1 MB document) takes 20 seconds. Start
 * tags with more than GOALS__MAX_ATTRIBUTES attributes are refused here, in
 * one linear scan. Comments, CDATA sections, processing instructions and
 * end tags are skipped; quoted values may hold '>' and '='. A document that
 * is not well-formed is scanned to its end and left to libxml2 to judge. */
#include <string.h>

#include "io_internal.h"
#include "util/error.h"

/* Offset just past the first occurrence of end at or after from, or size. */
static size_t past(const char *d, size_t size, size_t from, const char *end)
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

static int starts(const char *d, size_t size, size_t at, const char *s)
{
    size_t n = strlen(s);
    return size - at >= n && memcmp(d + at, s, n) == 0;
}

/* Line and column (in characters) of offset at. */
static void position(const char *d, size_t at, unsigned long *line, unsigned long *col)
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

int goals__attribute_scan(const char *d, size_t size, const char *name)
{
    size_t at = 0;
    while (at < size) {
        const char *lt = memchr(d + at, '<', size - at);
        if (!lt)
            break;
        size_t tag = (size_t)(lt - d);
        if (starts(d, size, tag, "<!--")) {
            at = past(d, size, tag + 4, "-->");
        } else if (starts(d, size, tag, "<![CDATA[")) {
            at = past(d, size, tag + 9, "]]>");
        } else if (starts(d, size, tag, "<?")) {
            at = past(d, size, tag + 2, "?>");
        } else if (starts(d, size, tag, "</") || starts(d, size, tag, "<!")) {
            at = past(d, size, tag + 2, ">");
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
                        position(d, tag, &line, &col);
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
