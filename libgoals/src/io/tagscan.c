/* The raw pre-scans (see tagscan.h), chunk by chunk.
 *
 * Why the attribute count is cheap: in well-formed XML neither text nor an
 * attribute value holds a raw '<', so a start tag lies inside the segment
 * from its '<' to the next '<', and it has at most as many attributes as the
 * segment has '='. libxml2 keeps to that bound on any input, too: it needs
 * an '=' for each attribute, and a '<' ends the tag it is reading (in a value
 * it is a fatal error, after which it reads no further). So the scan jumps
 * from '<' to '<' with memchr, and only a segment longer than
 * GOALS__MAX_ATTRIBUTES bytes has its '=' counted (a loop gcc vectorises);
 * only a segment with more '=' than the limit is read exactly: '=' outside
 * quoted values, up to the tag's '>'. Comments, CDATA sections, PIs and
 * DOCTYPEs may hold '<' and are skipped to their ends as the former
 * whole-document locator (tests/unit/oracle.c) skips them, so that start
 * tags are numbered as it numbers them (and as position.c does).
 *
 * The state between chunks is one of the states below, plus a counter; the
 * one start tag that a chunk's end cuts is read exactly (it is one tag per
 * chunk). */
#include <string.h>

#include "io_internal.h"
#include "tagscan.h"
#include "util/error.h"
#include "util/quote.h"

enum {
    TS_TEXT,       /* outside markup, looking for '<' */
    TS_LT,         /* after '<' */
    TS_BANG,       /* after "<!" */
    TS_BANG_DASH,  /* after "<!-" */
    TS_CDATA_OPEN, /* after "<!" and run bytes of "[CDATA[" */
    TS_COMMENT,    /* in a comment, run '-' just before */
    TS_CDATA,      /* in a CDATA section, run ']' just before */
    TS_PI,         /* in a PI, run '?' just before */
    TS_DOCTYPE,    /* in "<!..." other than those: quote and depth */
    TS_TAG,        /* in a start tag cut by a chunk's end: attrs and quote */
    TS_REFUSED     /* a start tag had too many attributes: ordinal is it */
};

void goals__tagscan_init(goals__tagscan *s)
{
    memset(s, 0, sizeof *s);
    s->state = TS_TEXT;
}

/* Number of '=' in p[0..n), or some number above GOALS__MAX_ATTRIBUTES as
 * soon as it is known to be above. Blocks of fixed size, so that gcc
 * vectorises the inner loop at -O2. */
static size_t count_eq(const char *p, size_t n)
{
    enum { BLOCK = 64 };
    size_t total = 0;
    while (n >= BLOCK) {
        unsigned char k = 0;
        for (int i = 0; i < BLOCK; i++)
            k = (unsigned char)(k + (p[i] == '='));
        total += k;
        if (total > GOALS__MAX_ATTRIBUTES)
            return total;
        p += BLOCK;
        n -= BLOCK;
    }
    for (size_t i = 0; i < n; i++)
        total += p[i] == '=';
    return total;
}

/* Reads a start tag exactly from *pp to stop (the next '<', or the chunk's
 * end): counts '=' outside quoted values into s->attrs. Returns -1 when
 * they pass the limit, 1 after the tag's '>' (*pp just past it), 0 when stop
 * came first (*pp == stop; s->quote tells whether a value is open). */
static int tag_exact(goals__tagscan *s, const char **pp, const char *stop)
{
    const char *p = *pp;
    int rc = 0;
    while (p < stop) {
        if (s->quote) {
            const char *q = memchr(p, s->quote, (size_t)(stop - p));
            if (!q) {
                p = stop;
                break;
            }
            s->quote = 0;
            p = q + 1;
            continue;
        }
        char c = *p++;
        if (c == '"' || c == '\'') {
            s->quote = c;
        } else if (c == '=') {
            if (++s->attrs > GOALS__MAX_ATTRIBUTES) {
                rc = -1;
                break;
            }
        } else if (c == '>') {
            rc = 1;
            break;
        }
    }
    *pp = p;
    return rc;
}

/* In a comment, CDATA section or PI, whose body ends at the first '>'
 * preceded by need copies of c (in the body): s->run counts the copies of c
 * ending the body read so far. Returns where reading goes on: past the
 * '>' (state TS_TEXT), or end. */
static const char *skip_body(goals__tagscan *s, const char *p, const char *end, char c, unsigned need)
{
    for (;;) {
        const char *gt = memchr(p, '>', (size_t)(end - p));
        const char *stop = gt ? gt : end;
        unsigned run = 0;
        const char *b = stop;
        while (b > p && run < need && b[-1] == c) {
            b--;
            run++;
        }
        if (b == p && run < need) /* all of p..stop is c: the run goes on */
            run += s->run;
        if (run > need)
            run = need;
        if (!gt) {
            s->run = (unsigned char)run;
            return end;
        }
        if (run >= need) {
            s->state = TS_TEXT;
            return gt + 1;
        }
        s->run = 0;
        p = gt + 1;
    }
}

/* In a DOCTYPE (or any "<!" markup that is not a comment or CDATA): its
 * internal subset may hold '>' inside brackets or quotes. Rare, so bytewise. */
static const char *skip_doctype(goals__tagscan *s, const char *p, const char *end)
{
    for (; p < end; p++) {
        char c = *p;
        if (s->quote) {
            if (c == s->quote)
                s->quote = 0;
        } else if (c == '"' || c == '\'') {
            s->quote = c;
        } else if (c == '[') {
            s->depth++;
        } else if (c == ']') {
            s->depth--;
        } else if (c == '>' && s->depth <= 0) {
            s->state = TS_TEXT;
            return p + 1;
        }
    }
    return end;
}

static void enter_doctype(goals__tagscan *s, long depth)
{
    s->state = TS_DOCTYPE;
    s->quote = 0;
    s->depth = depth;
}

int goals__tagscan_feed(goals__tagscan *s, const char *data, size_t n, unsigned long *ordinal)
{
    static const char cdata[] = "[CDATA[";
    const char *p = data, *end = data + n;
    if (s->state == TS_REFUSED)
        goto refused;
    while (p < end) {
        switch (s->state) {
        case TS_TEXT: {
            const char *lt = memchr(p, '<', (size_t)(end - p));
            if (!lt)
                return GOALS_OK;
            p = lt + 1;
            s->state = TS_LT;
            break;
        }
        case TS_LT: {
            char c = *p;
            if (c == '/') { /* an end tag: it too ends by the next '<' */
                p++;
                s->state = TS_TEXT;
            } else if (c == '?') {
                p++;
                s->state = TS_PI;
                s->run = 0;
            } else if (c == '!') {
                p++;
                s->state = TS_BANG;
            } else {
                /* A start tag, from c on. The common case, in one segment. */
                s->ordinal++;
                const char *lt = memchr(p, '<', (size_t)(end - p));
                s->attrs = 0;
                s->quote = 0;
                if (lt) {
                    if ((size_t)(lt - p) > GOALS__MAX_ATTRIBUTES &&
                        count_eq(p, (size_t)(lt - p)) > GOALS__MAX_ATTRIBUTES &&
                        tag_exact(s, &p, lt) < 0)
                        goto refuse;
                    p = lt + 1; /* state stays TS_LT */
                } else {
                    s->state = TS_TAG;
                }
            }
            break;
        }
        case TS_TAG: {
            const char *lt = memchr(p, '<', (size_t)(end - p));
            int rc = tag_exact(s, &p, lt ? lt : end);
            if (rc < 0)
                goto refuse;
            if (lt) {
                p = lt + 1;
                s->state = TS_LT;
            } else if (rc > 0) {
                s->state = TS_TEXT;
            }
            break;
        }
        case TS_BANG:
            if (*p == '-') {
                p++;
                s->state = TS_BANG_DASH;
            } else if (*p == '[') {
                p++;
                s->state = TS_CDATA_OPEN;
                s->run = 1;
            } else {
                enter_doctype(s, 0);
            }
            break;
        case TS_BANG_DASH:
            if (*p == '-') {
                p++;
                s->state = TS_COMMENT;
                s->run = 0;
            } else {
                enter_doctype(s, 0); /* the '-' read is nothing to a DOCTYPE */
            }
            break;
        case TS_CDATA_OPEN:
            if (*p == cdata[s->run]) {
                p++;
                if (++s->run == sizeof cdata - 1) {
                    s->state = TS_CDATA;
                    s->run = 0;
                }
            } else {
                enter_doctype(s, 1); /* of the bytes read, only the '[' counts */
            }
            break;
        case TS_COMMENT:
            p = skip_body(s, p, end, '-', 2);
            break;
        case TS_CDATA:
            p = skip_body(s, p, end, ']', 2);
            break;
        case TS_PI:
            p = skip_body(s, p, end, '?', 1);
            break;
        case TS_DOCTYPE:
            p = skip_doctype(s, p, end);
            break;
        default:
            goto refused;
        }
    }
    return GOALS_OK;
refuse:
    s->state = TS_REFUSED;
refused:
    *ordinal = s->ordinal;
    return GOALS_ELIMIT;
}

/* ---------------------------------------------------------------- prolog */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int starts(const char *d, size_t size, size_t at, const char *s)
{
    size_t n = strlen(s);
    return size - at >= n && memcmp(d + at, s, n) == 0;
}

/* Offset just past the first occurrence of s at or after from, or size. */
static size_t past(const char *d, size_t size, size_t from, const char *s)
{
    size_t n = strlen(s);
    while (from < size) {
        const char *hit = memchr(d + from, s[0], size - from);
        if (!hit)
            break;
        size_t at = (size_t)(hit - d);
        if (size - at >= n && memcmp(hit, s, n) == 0)
            return at + n;
        from = at + 1;
    }
    return size;
}

/* Line and column (characters) of offset at, counted from first. */
static void line_col(const char *data, size_t first, size_t at, unsigned long *line, unsigned long *col)
{
    const unsigned char *u = (const unsigned char *)data;
    size_t line_start = first;
    *line = 1;
    *col = 1;
    for (size_t i = first; i < at; i++)
        if (data[i] == '\n') {
            ++*line;
            line_start = i + 1;
        }
    for (size_t i = line_start; i < at; i++)
        if ((u[i] & 0xC0) != 0x80)
            ++*col;
}

static int ascii_upper(int c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

/* s begins with p, letters in either case (no locale). */
static int has_prefix(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++)
        if (ascii_upper((unsigned char)s[i]) != p[i])
            return 0;
    return 1;
}

/* Whether the raw-byte checks (attribute counts, the ends of comments and
 * CDATA sections, positions) read a document in encoding e as libxml2
 * does once it has transcoded it: so in encodings where every byte below
 * 0x80 is that ASCII character wherever it stands. Not so in UTF-7 or
 * ISO-2022-JP, where '<' and '=' can be written without their bytes (an
 * element's 100 000 attributes would reach libxml2 uncounted), nor in GBK,
 * Big5 or Shift_JIS, whose second bytes may be ']' (a CDATA section would
 * seem to end early, and markup after it be skipped). UTF-16, UTF-32 and
 * UCS names pass: on bytes without a byte order mark, their markup needs
 * NUL bytes, which the feed refuses; libxml2 refuses the rest. */
static int ascii_safe(const char *e, size_t n)
{
    static const char *const exact[] = {"UTF-8", "UTF8", "US-ASCII", "ASCII", "GB2312", "TIS-620"};
    static const char *const prefix[] = {"ISO-8859-", "ISO8859-", "ISO_8859-", "LATIN", "WINDOWS-125", "CP125",
                                         "KOI8-",     "EUC-",     "UTF-16",    "UTF16", "UTF-32",      "UTF32",
                                         "UCS-2",     "UCS2",     "UCS-4",     "UCS4"};
    for (size_t i = 0; i < sizeof exact / sizeof *exact; i++)
        if (n == strlen(exact[i]) && has_prefix(e, n, exact[i]))
            return 1;
    for (size_t i = 0; i < sizeof prefix / sizeof *prefix; i++)
        if (has_prefix(e, n, prefix[i]))
            return 1;
    return 0;
}

/* The encoding named by an XML declaration at data[at..size): 1 with *enc
 * and *n (not NUL-terminated), or 0 when there is none or it is cut off
 * (libxml2 then reads UTF-8, or refuses the document). */
static int declared_encoding(const char *data, size_t size, size_t at, size_t *enc, size_t *n)
{
    if (!starts(data, size, at, "<?xml") || size - at < 6 || !is_space(data[at + 5]))
        return 0;
    size_t end = past(data, size, at + 5, "?>");
    for (size_t i = at + 5; end - i >= 8; i++) {
        if (memcmp(data + i, "encoding", 8) != 0)
            continue;
        size_t j = i + 8;
        while (j < end && is_space(data[j]))
            j++;
        if (j >= end || data[j] != '=')
            continue;
        j++;
        while (j < end && is_space(data[j]))
            j++;
        if (j >= end || (data[j] != '"' && data[j] != '\''))
            return 0;
        const char *close = memchr(data + j + 1, data[j], end - j - 1);
        if (!close)
            return 0;
        *enc = j + 1;
        *n = (size_t)(close - (data + j + 1));
        return 1;
    }
    return 0;
}

int goals__tagscan_single_byte(const char *data, size_t size)
{
    static const char *const prefix[] = {"ISO-8859-", "ISO8859-", "ISO_8859-", "LATIN", "WINDOWS-125", "CP125",
                                         "KOI8-", "TIS-620"};
    size_t first = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    size_t enc, n;
    if (!declared_encoding(data, size, first, &enc, &n))
        return 0;
    for (size_t i = 0; i < sizeof prefix / sizeof *prefix; i++)
        if (has_prefix(data + enc, n, prefix[i]))
            return 1;
    return 0;
}

int goals__tagscan_prolog(const char *data, size_t size, const char *name)
{
    const unsigned char *u = (const unsigned char *)data;
    /* Positions count bytes as UTF-8 (or any ASCII-compatible encoding);
     * wide encodings would make them wrong, and no plan needs them. */
    if (size >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE) ||
                      (u[0] == 0 && u[1] == '<') || (u[0] == '<' && u[1] == 0) || (u[0] == 0 && u[1] == 0)))
        return goals__error_at(GOALS_EUNSUPPORTED, name, 1, 1,
                               "UTF-16 and UTF-32 documents are not supported; use UTF-8");
    if (size >= 4 && memcmp(u, "\x4C\x6F\xA7\x94", 4) == 0) /* "<?xm" in EBCDIC */
        return goals__error_at(GOALS_EUNSUPPORTED, name, 1, 1, "EBCDIC documents are not supported; use UTF-8");
    /* A UTF-8 byte order mark is not a column. */
    size_t first = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0, at = first;
    size_t enc, enc_len;
    if (declared_encoding(data, size, first, &enc, &enc_len) && !ascii_safe(data + enc, enc_len)) {
        unsigned long line, col;
        char q[GOALS__QUOTE_MAX];
        line_col(data, first, enc, &line, &col);
        return goals__error_at(GOALS_EUNSUPPORTED, name, line, col,
                               "encoding '%s' is not supported; use UTF-8 (or ASCII, ISO-8859-n, windows-125n, KOI8 "
                               "or EUC)",
                               goals__quote(q, data + enc, enc_len));
    }
    /* The prolog: white space, the XML declaration, comments and PIs, then
     * the root's start tag. A DOCTYPE can only be here. */
    for (;;) {
        while (at < size && is_space(data[at]))
            at++;
        if (at >= size || data[at] != '<')
            return GOALS_OK; /* not well-formed: libxml2 will say so */
        if (starts(data, size, at, "<!DOCTYPE"))
            break;
        if (starts(data, size, at, "<!--"))
            at = past(data, size, at + 4, "-->");
        else if (starts(data, size, at, "<?"))
            at = past(data, size, at + 2, "?>");
        else
            return GOALS_OK; /* the root, or markup libxml2 will refuse */
    }
    unsigned long line, col;
    line_col(data, first, at, &line, &col);
    return goals__error_at(GOALS_EINVALID, name, line, col, "DOCTYPE is not allowed (no DTDs, no entity declarations)");
}
