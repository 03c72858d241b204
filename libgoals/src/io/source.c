/* A document's decompressed bytes as a stream (see source.h).
 *
 * gzip is inflated by our own loop over read() rather than by gzread:
 * - zlib then allocates through goals__calloc (gzread's state and buffers
 *   use malloc), so the allocation-failure walk of the tests reaches it;
 * - files and memory share one inflate loop, hence one set of messages;
 * - we know exactly how many input bytes were used, for the bomb rule and
 *   for progress, and plain files are read straight into the caller's
 *   buffer when it is big enough (no copy through gzread's buffer).
 * As gzread does, members that follow one another (gzip -c a b > c) read as
 * one stream, and bytes after the last member that do not start another one
 * are ignored.
 *
 * Regular files are read with pread() at our own offset, so that a source
 * made by goals__source_reopen() can share the open file (a dup of its
 * descriptor) without the two disturbing each other. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "source.h"
#include "zlib_alloc.h"
#include "util/alloc.h"
#include "util/error.h"

#define CHUNK GOALS__SOURCE_CHUNK
/* Progress is reported when this many more input bytes were used. */
#define REPORT_EVERY ((uint64_t)1 << 20)

/* Decompression bombs: past INFLATE_FLOOR bytes of output, gzip input may
 * not inflate to more than INFLATE_RATIO times the compressed bytes used so
 * far. Real plans compress 5 to 30 times and deflate tops out near 1032, so
 * a bomb stops at the floor rather than at the 4 GiB default cap. Only with
 * the default cap: a caller who sets max_bytes has chosen how much a
 * document may inflate to. */
#define INFLATE_RATIO 200u
#define INFLATE_FLOOR ((uint64_t)16 << 20)

struct goals__source {
    goals__load_cfg cfg;
    /* Files */
    char *path;              /* for messages */
    int fd;                  /* -1 for memory input */
    int regular;             /* a regular file: pread, and it can be read again */
    struct stat st;          /* as opened, to tell a changed file on reopen */
    uint64_t off;            /* pread offset */
    unsigned char *in;       /* one chunk of input (files only) */
    /* Memory */
    const unsigned char *mem;
    size_t mem_size;
    /* Input not used yet: in the chunk, or the rest of memory. */
    const unsigned char *next;
    size_t avail;
    uint64_t taken;          /* input bytes read (files) or given (memory) */
    int eof;                 /* no input beyond next + avail */
    /* gzip */
    int gzip;
    int z_live;              /* zs needs inflateEnd */
    int member_end;          /* a member ended: another may follow */
    z_stream zs;
    /* Output and state */
    uint64_t out;            /* decompressed bytes given out */
    uint64_t total;          /* for progress: input size, 0 when unknown */
    uint64_t reported;       /* input used at the last progress report */
    int ended;               /* the end was reached (and reported) */
    int rc;                  /* sticky failure */
};

static int io_error(const char *path, const char *what, int err)
{
    char reason[256];
    if (strerror_r(err, reason, sizeof reason) != 0)
        strcpy(reason, "unknown error");
    return goals__error_at(GOALS_EIO, path, 0, 0, "%s: %s", what, reason);
}

static int too_big(const goals__load_cfg *cfg)
{
    return goals__error_at(GOALS_ELIMIT, cfg->name, 0, 0,
                           "document is larger than the limit of %llu bytes (after decompression)",
                           (unsigned long long)cfg->max_bytes);
}

static int bomb(const goals__load_cfg *cfg, uint64_t out, uint64_t in)
{
    if (cfg->max_bytes != GOALS_DEFAULT_MAX_BYTES || out <= INFLATE_FLOOR || out / INFLATE_RATIO <= in)
        return GOALS_OK;
    return goals__error_at(GOALS_ELIMIT, cfg->name, 0, 0,
                           "compressed data inflates more than %u times (%llu bytes from %llu): "
                           "a decompression bomb? (set max_bytes to allow it)",
                           INFLATE_RATIO, (unsigned long long)out, (unsigned long long)in);
}

static int progress(goals__source *s, uint64_t done)
{
    s->reported = done;
    if (s->cfg.progress && s->cfg.progress(done, s->total, s->cfg.progress_data))
        return goals__error_at(GOALS_ERROR, s->cfg.name, 0, 0, "load cancelled");
    return GOALS_OK;
}

static int is_gzip(const unsigned char *p, size_t n)
{
    return n >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

static uint64_t used(const goals__source *s)
{
    return s->taken - s->avail;
}

/* Up to n bytes of the file into buf: the count, 0 at its end, or a status. */
static ptrdiff_t raw_read(goals__source *s, void *buf, size_t n)
{
    if (n > (size_t)1 << 30)
        n = (size_t)1 << 30;
    for (;;) {
        ssize_t got = s->regular ? pread(s->fd, buf, n, (off_t)s->off) : read(s->fd, buf, n);
        if (got >= 0) {
            s->off += (uint64_t)got;
            s->taken += (uint64_t)got;
            if (got == 0)
                s->eof = 1;
            return got;
        }
        if (errno != EINTR)
            return io_error(s->path, "cannot read", errno);
    }
}

/* Reads more of the file into the chunk, after the bytes not used yet. */
static ptrdiff_t fill(goals__source *s)
{
    if (s->eof)
        return 0;
    if (s->next != s->in && s->avail)
        memmove(s->in, s->next, s->avail);
    s->next = s->in;
    ptrdiff_t n = raw_read(s, s->in + s->avail, CHUNK - s->avail);
    if (n > 0)
        s->avail += (size_t)n;
    return n;
}

/* How many bytes a read of cap may give before the cap is passed: one byte
 * past it is enough to know. */
static size_t cap_room(const goals__source *s, size_t cap)
{
    uint64_t room = s->cfg.max_bytes - s->out; /* s->out never passes max_bytes unfailed */
    return room >= cap ? cap : (size_t)room + 1;
}

static ptrdiff_t read_plain(goals__source *s, char *buf, size_t cap)
{
    cap = cap_room(s, cap);
    size_t n = 0;
    if (s->avail) {
        n = s->avail < cap ? s->avail : cap;
        memcpy(buf, s->next, n);
        s->next += n;
        s->avail -= n;
    } else if (s->eof) {
        return 0;
    } else if (cap >= CHUNK) { /* big reads go straight to the caller */
        ptrdiff_t got = raw_read(s, buf, cap);
        if (got <= 0)
            return got;
        n = (size_t)got;
    } else {
        ptrdiff_t got = fill(s);
        if (got <= 0)
            return got;
        return read_plain(s, buf, cap);
    }
    s->out += n;
    if (s->out > s->cfg.max_bytes)
        return too_big(&s->cfg);
    return (ptrdiff_t)n;
}

/* After a member's end: is there another? Needs two bytes of input. */
static int next_member(goals__source *s, int *more)
{
    while (s->avail < 2 && !s->eof) {
        ptrdiff_t got = fill(s);
        if (got < 0)
            return (int)got;
    }
    *more = is_gzip(s->next, s->avail);
    if (*more && inflateReset(&s->zs) != Z_OK)
        return goals__oom();
    return GOALS_OK;
}

static ptrdiff_t read_gzip(goals__source *s, char *buf, size_t cap)
{
    cap = cap_room(s, cap);
    if (cap > UINT_MAX)
        cap = UINT_MAX;
    for (;;) {
        if (s->member_end) {
            int more = 0, rc = next_member(s, &more);
            if (rc)
                return rc;
            if (!more)
                return 0;
            s->member_end = 0;
        }
        if (!s->avail && !s->eof) {
            ptrdiff_t got = fill(s);
            if (got < 0)
                return got;
            continue;
        }
        s->zs.next_in = (Bytef *)(uintptr_t)s->next;
        s->zs.avail_in = s->avail > UINT_MAX ? UINT_MAX : (uInt)s->avail;
        s->zs.next_out = (Bytef *)buf;
        s->zs.avail_out = (uInt)cap;
        uInt avail_in = s->zs.avail_in;
        int z = inflate(&s->zs, Z_NO_FLUSH);
        size_t took = avail_in - s->zs.avail_in, made = cap - s->zs.avail_out;
        s->next += took;
        s->avail -= took;
        s->out += made;
        if (s->out > s->cfg.max_bytes)
            return too_big(&s->cfg);
        int rc = bomb(&s->cfg, s->out, used(s));
        if (rc)
            return rc;
        if (z == Z_STREAM_END)
            s->member_end = 1;
        else if (z == Z_MEM_ERROR)
            return goals__oom();
        else if (z == Z_DATA_ERROR || z == Z_NEED_DICT || z == Z_STREAM_ERROR)
            return goals__error_at(GOALS_EPARSE, s->cfg.name, 0, 0, "bad gzip data: %s",
                                   s->zs.msg ? s->zs.msg : "corrupt stream");
        else if (!s->avail && s->eof && s->zs.avail_out != 0)
            return goals__error_at(GOALS_EPARSE, s->cfg.name, 0, 0, "truncated gzip data");
        else if (z == Z_BUF_ERROR && !took && !made) /* zlib says it cannot happen here: never loop on it */
            return goals__error_at(GOALS_EPARSE, s->cfg.name, 0, 0, "bad gzip data: %s", "no progress");
        if (made)
            return (ptrdiff_t)made;
    }
}

ptrdiff_t goals__source_read(goals__source *s, char *buf, size_t cap)
{
    if (s->rc)
        return s->rc;
    if (s->ended || cap == 0)
        return 0;
    if (cap > (size_t)1 << 30) /* a count must fit a ptrdiff_t */
        cap = (size_t)1 << 30;
    ptrdiff_t n = s->gzip ? read_gzip(s, buf, cap) : read_plain(s, buf, cap);
    int rc = GOALS_OK;
    if (n > 0) {
        if (used(s) - s->reported >= REPORT_EVERY)
            rc = progress(s, used(s));
    } else if (n == 0) {
        /* The end: all of the input counts as used (what follows the last
         * gzip member is ignored, not left over). */
        s->ended = 1;
        rc = progress(s, s->taken > s->total ? s->taken : s->total);
    } else {
        rc = (int)n;
    }
    if (rc) {
        s->rc = rc;
        return rc;
    }
    return n;
}

static goals__source *new_source(const goals__load_cfg *cfg)
{
    goals__source *s = goals__calloc(1, sizeof *s);
    if (s) {
        s->cfg = *cfg;
        s->fd = -1;
    }
    return s;
}

static int start_gzip(goals__source *s)
{
    s->gzip = 1;
    s->zs.zalloc = goals__zalloc;
    s->zs.zfree = goals__zfree;
    if (inflateInit2(&s->zs, 16 + MAX_WBITS) != Z_OK)
        return goals__oom();
    s->z_live = 1;
    return GOALS_OK;
}

/* With s->fd open and s->st filled: the first chunk, and what it is. */
static int start_file(goals__source *s)
{
    if (S_ISDIR(s->st.st_mode))
        return io_error(s->path, "cannot read", EISDIR);
    s->regular = S_ISREG(s->st.st_mode);
    s->total = s->regular ? (uint64_t)s->st.st_size : 0;
    if (!(s->in = goals__malloc(CHUNK)))
        return goals__oom();
    s->next = s->in;
    while (s->avail < 2 && !s->eof) {
        ptrdiff_t got = fill(s);
        if (got < 0)
            return (int)got;
    }
    if (is_gzip(s->next, s->avail))
        return start_gzip(s);
    /* Plain and regular: over the cap is known now, not after reading it. */
    if (s->regular && (uint64_t)s->st.st_size > s->cfg.max_bytes)
        return too_big(&s->cfg);
    return GOALS_OK;
}

int goals__source_open_file(goals__source **out, const char *path, const goals__load_cfg *cfg)
{
    *out = NULL;
    goals__source *s = new_source(cfg);
    if (!s)
        return goals__oom();
    int rc = GOALS_OK;
    if (!(s->path = goals__strdup(path))) {
        goals__source_free(s);
        return goals__oom();
    }
    s->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (s->fd < 0)
        rc = io_error(path, "cannot open", errno);
    else if (fstat(s->fd, &s->st) != 0)
        rc = io_error(path, "cannot read", errno);
    else
        rc = start_file(s);
    if (rc) {
        goals__source_free(s);
        return rc;
    }
    *out = s;
    return GOALS_OK;
}

int goals__source_open_memory(goals__source **out, const void *data, size_t size, const goals__load_cfg *cfg)
{
    *out = NULL;
    if (!data && size)
        return goals__error(GOALS_EINVAL, "memory input is NULL");
    goals__source *s = new_source(cfg);
    if (!s)
        return goals__oom();
    int rc = GOALS_OK;
    s->mem = size ? data : (const unsigned char *)"";
    s->mem_size = size;
    s->next = s->mem;
    s->avail = size;
    s->taken = size;
    s->total = size;
    s->eof = 1;
    if (is_gzip(s->mem, size)) {
        rc = start_gzip(s);
    } else if (size > cfg->max_bytes) {
        rc = too_big(cfg);
    } else if (!(rc = progress(s, size))) {
        /* Plain memory is all there at once: that was its one report. */
        s->total = 0;
        s->cfg.progress = NULL;
    }
    if (rc) {
        goals__source_free(s);
        return rc;
    }
    *out = s;
    return GOALS_OK;
}

const char *goals__source_whole(const goals__source *s, size_t *size)
{
    if (s->fd >= 0 || s->gzip) {
        *size = 0;
        return NULL;
    }
    *size = s->mem_size;
    return (const char *)s->mem;
}

static int same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* A file is read again through a duplicate of the descriptor it was opened
 * with, not by its path: a file renamed over, deleted, or reached by a
 * relative path from another working folder still gives the bytes that
 * were loaded. Only changes in place (size or mtime) make it unusable. */
int goals__source_reopen(const goals__source *s, goals__source **out)
{
    *out = NULL;
    goals__load_cfg cfg = s->cfg;
    cfg.progress = NULL;
    cfg.progress_data = NULL;
    if (s->fd < 0)
        return goals__source_open_memory(out, s->mem, s->mem_size, &cfg);
    if (!s->regular)
        return goals__error_at(GOALS_EIO, s->path, 0, 0, "cannot read again: not a regular file");
    goals__source *r = new_source(&cfg);
    if (!r)
        return goals__oom();
    int rc = GOALS_OK;
    if (!(r->path = goals__strdup(s->path))) {
        goals__source_free(r);
        return goals__oom();
    }
    r->fd = fcntl(s->fd, F_DUPFD_CLOEXEC, 0);
    if (r->fd < 0)
        rc = io_error(s->path, "cannot open", errno);
    else if (fstat(r->fd, &r->st) != 0)
        rc = io_error(s->path, "cannot read", errno);
    else if (!same_file(&s->st, &r->st))
        rc = goals__error_at(GOALS_EIO, s->path, 0, 0, "changed while loading");
    else
        rc = start_file(r);
    if (rc) {
        goals__source_free(r);
        return rc;
    }
    *out = r;
    return GOALS_OK;
}

const char *goals__source_name(const goals__source *s)
{
    return s->cfg.name;
}

void goals__source_free(goals__source *s)
{
    if (!s)
        return;
    if (s->z_live)
        inflateEnd(&s->zs);
    if (s->fd >= 0)
        close(s->fd);
    goals__free(s->in);
    goals__free(s->path);
    goals__free(s);
}
