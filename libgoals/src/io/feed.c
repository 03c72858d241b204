/* The feed: input → checks → libxml2, and positions on demand. */
#include <limits.h>
#include <string.h>

#include "feed.h"
#include "util/alloc.h"
#include "util/error.h"

struct goals__feed {
    goals__doc doc;
    size_t pos;
    int status;
    goals__locator loc;
};

static int start(goals__feed *f)
{
    int rc = goals__prolog_check(f->doc.data, f->doc.size, f->doc.name);
    if (!rc)
        rc = goals__attribute_scan(f->doc.data, f->doc.size, f->doc.name);
    goals__locator_init(&f->loc, f->doc.data, f->doc.size);
    return rc;
}

int goals__feed_open_file(goals__feed **out, const char *path, const goals__load_cfg *cfg)
{
    *out = NULL;
    goals__feed *f = goals__calloc(1, sizeof *f);
    if (!f)
        return goals__oom();
    int rc = goals__input_file(&f->doc, path, cfg);
    if (!rc)
        rc = start(f);
    if (rc) {
        goals__feed_free(f);
        return rc;
    }
    *out = f;
    return GOALS_OK;
}

int goals__feed_open_memory(goals__feed **out, const void *data, size_t size, const goals__load_cfg *cfg)
{
    *out = NULL;
    goals__feed *f = goals__calloc(1, sizeof *f);
    if (!f)
        return goals__oom();
    int rc = goals__input_memory(&f->doc, data, size, cfg);
    if (!rc)
        rc = start(f);
    if (rc) {
        goals__feed_free(f);
        return rc;
    }
    *out = f;
    return GOALS_OK;
}

void goals__feed_free(goals__feed *f)
{
    if (!f)
        return;
    goals__doc_free(&f->doc);
    goals__free(f);
}

/* Line and column (characters) of byte offset at. */
static void offset_position(const goals__feed *f, size_t at, unsigned long *line, unsigned long *col)
{
    const char *d = f->doc.data;
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

/* A NUL byte is no XML character, anywhere. libxml2's parser would take it
 * for the end of its buffer and may stop there as if the document ended. */
static int refuse_nul(goals__feed *f, size_t at)
{
    unsigned long line, col;
    offset_position(f, at, &line, &col);
    f->status = goals__error_at(GOALS_EPARSE, f->doc.name, line, col,
                                "not well-formed: a NUL byte (U+0000 is not an XML character)");
    return -1;
}

int goals__feed_read(goals__feed *f, char *buf, int len)
{
    if (f->status)
        return -1;
    size_t left = f->doc.size - f->pos;
    size_t n = len > 0 ? (size_t)len : 0;
    if (n > left)
        n = left;
    const char *nul = memchr(f->doc.data + f->pos, '\0', n);
    if (nul)
        return refuse_nul(f, (size_t)(nul - f->doc.data));
    memcpy(buf, f->doc.data + f->pos, n);
    f->pos += n;
    return (int)n;
}

int goals__feed_status(const goals__feed *f)
{
    return f->status;
}

int goals__feed_locate(goals__feed *f, unsigned long ordinal, const char *qname, unsigned long *line,
                       unsigned long *col)
{
    return goals__locate(&f->loc, ordinal, qname, line, col);
}

const char *goals__feed_name(const goals__feed *f)
{
    return f->doc.name;
}
