/* The feed: source → checks → libxml2, and positions on demand.
 *
 * libxml2 pulls the document through goals__feed_read a few kilobytes at a
 * time; each piece is read from the source straight into libxml2's own
 * buffer and checked there before the parser looks at it. Nothing keeps
 * the document: a position is found, when an error needs one, by reading
 * the input again (position.c). */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "feed.h"
#include "position.h"
#include "source.h"
#include "tagscan.h"
#include "util/alloc.h"
#include "util/error.h"

/* The prolog check reads this much before the parser sees anything: an XML
 * declaration, comments and a DOCTYPE fit in it many times over. */
#define PROLOG_BYTES ((size_t)64 * 1024)

struct goals__feed {
    goals__source *src;
    goals__pos pos;
    goals__tagscan scan;
    const char *name;
    int status;
    uint64_t offset;     /* bytes handed to the parser so far */
    /* A NUL at refused_line:col: found (nul_pending) and refused at the next
     * read, once the parser has every byte before it (refused). */
    int nul_pending, refused;
    unsigned long refused_line, refused_col;
    char *head;          /* the first bytes, read ahead for the prolog check */
    size_t head_len, head_at;
    int started;
    int single_byte;     /* the declared encoding has one byte a character */
};

static int open_with(goals__feed **out, goals__source *src)
{
    goals__feed *f = goals__calloc(1, sizeof *f);
    if (!f) {
        goals__source_free(src);
        return goals__oom();
    }
    f->src = src;
    f->name = goals__source_name(src);
    goals__pos_init(&f->pos, src);
    goals__tagscan_init(&f->scan);
    *out = f;
    return GOALS_OK;
}

int goals__feed_open_file(goals__feed **out, const char *path, const goals__load_cfg *cfg)
{
    *out = NULL;
    goals__source *src;
    int rc = goals__source_open_file(&src, path, cfg);
    return rc ? rc : open_with(out, src);
}

int goals__feed_open_memory(goals__feed **out, const void *data, size_t size, const goals__load_cfg *cfg)
{
    *out = NULL;
    goals__source *src;
    int rc = goals__source_open_memory(&src, data, size, cfg);
    return rc ? rc : open_with(out, src);
}

void goals__feed_free(goals__feed *f)
{
    if (!f)
        return;
    goals__pos_free(&f->pos);
    goals__source_free(f->src);
    goals__free(f->head);
    goals__free(f);
}

/* Line and column (characters) of byte offset at, by reading the input
 * again from its start. 0s when it cannot be read again. */
static void offset_position(const goals__feed *f, uint64_t at, unsigned long *line, unsigned long *col)
{
    *line = *col = 0;
    goals__source *again; /* a failure's error is overwritten by the caller's */
    if (goals__source_reopen(f->src, &again))
        return;
    char buf[16384];
    uint64_t done = 0;
    unsigned long l = 1, c = 1;
    while (done < at) {
        size_t want = at - done < sizeof buf ? (size_t)(at - done) : sizeof buf;
        ptrdiff_t n = goals__source_read(again, buf, want);
        if (n <= 0)
            break;
        /* A UTF-8 byte order mark is not a column (nor is it to libxml2
         * and position.c). */
        ptrdiff_t i = done == 0 && n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        for (; i < n; i++) {
            if (buf[i] == '\n') {
                l++;
                c = 1;
            } else if (f->single_byte || ((unsigned char)buf[i] & 0xC0) != 0x80) {
                c++;
            }
        }
        done += (uint64_t)n;
    }
    goals__source_free(again);
    if (done == at) {
        *line = l;
        *col = c;
    }
}

/* Checks bytes on their way to the parser: a NUL is no XML character (and
 * libxml2's parser would take one for the end of its buffer, as if the
 * document ended there); a start tag may not have more attributes than
 * libxml2 2.9 can check in reasonable time (it compares them pairwise).
 * Returns how many of the n bytes may go to the parser: all, unless a NUL
 * is among them (then those before it, the refusal kept for the next
 * read, so that an error the parser finds before the NUL still comes
 * first); or a negative status (nothing of them goes). */
static ptrdiff_t check(goals__feed *f, const char *p, size_t n)
{
    const char *nul = memchr(p, '\0', n);
    size_t upto = nul ? (size_t)(nul - p) : n;
    unsigned long ordinal;
    if (goals__tagscan_feed(&f->scan, p, upto, &ordinal) == GOALS_ELIMIT) {
        /* Nothing of this piece goes to the parser (it could cut the tag
         * anywhere): what the parser says about the cut is no error of the
         * document's, so this refusal wins over anything it says next. */
        unsigned long line, col;
        goals__pos_locate(&f->pos, ordinal, NULL, &line, &col);
        return goals__error_at(GOALS_ELIMIT, f->name, line, col,
                               "an element with more than %u attributes (namespace declarations included)",
                               (unsigned)GOALS__MAX_ATTRIBUTES);
    }
    if (nul) {
        offset_position(f, f->offset + upto, &f->refused_line, &f->refused_col);
        f->nul_pending = 1;
    }
    return (ptrdiff_t)upto;
}

/* The NUL found in the last piece, now that the parser has what came
 * before it. */
static int refuse_nul(goals__feed *f)
{
    f->nul_pending = 0;
    f->refused = 1;
    return goals__error_at(GOALS_EPARSE, f->name, f->refused_line, f->refused_col,
                           "not well-formed: a NUL byte (U+0000 is not an XML character)");
}

/* The first bytes: read ahead, and the prolog checked (no UTF-16, no
 * DOCTYPE) before the parser sees any of them. */
static int start(goals__feed *f)
{
    f->started = 1;
    if (!(f->head = goals__malloc(PROLOG_BYTES)))
        return goals__oom();
    while (f->head_len < PROLOG_BYTES) {
        ptrdiff_t n = goals__source_read(f->src, f->head + f->head_len, PROLOG_BYTES - f->head_len);
        if (n < 0)
            return (int)n;
        if (n == 0)
            break;
        f->head_len += (size_t)n;
    }
    int rc = goals__tagscan_prolog(f->head, f->head_len, f->name);
    if (!rc && goals__tagscan_single_byte(f->head, f->head_len)) {
        f->single_byte = 1;
        goals__pos_single_byte(&f->pos);
    }
    return rc;
}

int goals__feed_read(goals__feed *f, char *buf, int len)
{
    if (!f->status && f->nul_pending)
        f->status = refuse_nul(f);
    if (f->status || len <= 0)
        return f->status ? -1 : 0;
    if (!f->started && (f->status = start(f)))
        return -1;
    size_t n;
    if (f->head_at < f->head_len) {
        n = f->head_len - f->head_at < (size_t)len ? f->head_len - f->head_at : (size_t)len;
        memcpy(buf, f->head + f->head_at, n);
        f->head_at += n;
        if (f->head_at == f->head_len) {
            goals__free(f->head);
            f->head = NULL;
            f->head_at = f->head_len = 0;
        }
    } else {
        ptrdiff_t got = goals__source_read(f->src, buf, (size_t)len);
        if (got < 0) {
            f->status = (int)got;
            return -1;
        }
        n = (size_t)got;
    }
    if (n) {
        ptrdiff_t ok = check(f, buf, n);
        if (ok < 0) {
            f->status = (int)ok;
            return -1;
        }
        n = (size_t)ok;
        if (!n) { /* a NUL first: 0 would read as the end of the document */
            f->status = refuse_nul(f);
            return -1;
        }
    }
    f->offset += n;
    return (int)n;
}

int goals__feed_refused_at(const goals__feed *f, unsigned long *line, unsigned long *col)
{
    if (!f->status || !f->refused)
        return 0;
    *line = f->refused_line;
    *col = f->refused_col;
    return 1;
}

int goals__feed_status(goals__feed *f)
{
    /* A NUL the parser never came back for (it found the end of the
     * document before it): still a refusal. */
    if (!f->status && f->nul_pending)
        f->status = refuse_nul(f);
    return f->status;
}

int goals__feed_locate(goals__feed *f, unsigned long ordinal, const char *qname, unsigned long known_line,
                       unsigned long *line, unsigned long *col)
{
    if (goals__pos_locate(&f->pos, ordinal, qname, line, col))
        return 1;
    *line = known_line;
    if (col)
        *col = 0;
    return 0;
}

const char *goals__feed_name(const goals__feed *f)
{
    return f->name;
}
