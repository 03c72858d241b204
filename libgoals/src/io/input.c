/* Input: the whole document as bytes, decompressed, under a size cap.
 *
 * Files go through zlib's gzread, which reads plain and gzip files alike
 * (libxml2 stopped decompressing by itself in 2.15, so we never rely on it).
 * Memory input starting with the gzip magic is inflated here. Either way the
 * cap applies to the decompressed size, so a small gzip bomb stops at the
 * cap, not at the end of memory. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "io_internal.h"
#include "util/alloc.h"
#include "util/error.h"

#define CHUNK (256u * 1024u)

void goals__doc_free(goals__doc *doc)
{
    goals__free(doc->owned);
    doc->owned = NULL;
    doc->data = NULL;
    doc->size = 0;
}

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

/* Decompression bombs: past INFLATE_FLOOR bytes of output, gzip input may
 * not inflate to more than INFLATE_RATIO times the compressed bytes read so
 * far. Real plans compress 5 to 30 times and deflate tops out near 1032, so
 * a bomb stops at the floor rather than at the 4 GiB default cap. Only with
 * the default cap: a caller who sets max_bytes has chosen how much memory a
 * document may take. */
#define INFLATE_RATIO 200u
#define INFLATE_FLOOR ((uint64_t)16 << 20)

static int bomb(const goals__load_cfg *cfg, uint64_t out, uint64_t in)
{
    if (cfg->max_bytes != GOALS_DEFAULT_MAX_BYTES || out <= INFLATE_FLOOR || out / INFLATE_RATIO <= in)
        return GOALS_OK;
    return goals__error_at(GOALS_ELIMIT, cfg->name, 0, 0,
                           "compressed data inflates more than %u times (%llu bytes from %llu): "
                           "a decompression bomb? (set max_bytes to allow it)",
                           INFLATE_RATIO, (unsigned long long)out, (unsigned long long)in);
}

static int progress(const goals__load_cfg *cfg, uint64_t done, uint64_t total)
{
    if (cfg->progress && cfg->progress(done, total, cfg->progress_data))
        return goals__error_at(GOALS_ERROR, cfg->name, 0, 0, "load cancelled");
    return GOALS_OK;
}

/* Makes room for at least one more byte beyond b->len (and, at the end, the
 * NUL), never beyond cap + 1 bytes of content: one byte past the cap is
 * enough to know the cap was passed. */
static int grow(goals__buf *b, uint64_t cap)
{
    if (b->cap - b->len > 1)
        return GOALS_OK;
    uint64_t limit = cap + 2; /* cap + 1 content bytes, and the NUL */
    uint64_t want = b->cap ? (uint64_t)b->cap * 2 : 64 * 1024;
    if (want > limit)
        want = limit;
    if (want > SIZE_MAX)
        want = SIZE_MAX;
    if (want <= b->cap)
        return goals__oom();
    char *p = goals__realloc(b->data, (size_t)want);
    if (!p)
        return goals__oom();
    b->data = p;
    b->cap = (size_t)want;
    return GOALS_OK;
}

static void finish(goals__doc *doc, goals__buf *b)
{
    b->data[b->len] = '\0';
    doc->owned = b->data;
    doc->data = b->data;
    doc->size = b->len;
}

int goals__input_file(goals__doc *doc, const char *path, const goals__load_cfg *cfg)
{
    memset(doc, 0, sizeof *doc);
    doc->name = cfg->name;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return io_error(path, "cannot open", errno);
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return io_error(path, "cannot read", e);
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return io_error(path, "cannot read", EISDIR);
    }
    gzFile gz = gzdopen(fd, "rb");
    if (!gz) {
        close(fd);
        return goals__oom();
    }
    gzbuffer(gz, CHUNK);
    goals__buf b = {0};
    uint64_t total = S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0;
    int rc = GOALS_OK;
    for (;;) {
        if ((rc = grow(&b, cfg->max_bytes)))
            break;
        size_t room = b.cap - b.len - 1;
        unsigned want = room > CHUNK ? CHUNK : (unsigned)room;
        int n = gzread(gz, b.data + b.len, want);
        if (n < 0)
            break; /* gzerror below says why */
        if (n == 0)
            break;
        b.len += (size_t)n;
        if (b.len > cfg->max_bytes) {
            rc = too_big(cfg);
            break;
        }
        z_off_t done = gzoffset(gz);
        if ((rc = bomb(cfg, b.len, done > 0 ? (uint64_t)done : 0)))
            break;
        if ((rc = progress(cfg, done > 0 ? (uint64_t)done : 0, total)))
            break;
    }
    if (!rc) {
        int zerr = Z_OK;
        const char *msg = gzerror(gz, &zerr);
        if (zerr == Z_ERRNO)
            rc = io_error(path, "cannot read", errno);
        else if (zerr == Z_BUF_ERROR)
            rc = goals__error_at(GOALS_EPARSE, cfg->name, 0, 0, "truncated gzip data");
        else if (zerr == Z_MEM_ERROR)
            rc = goals__oom();
        else if (zerr != Z_OK)
            rc = goals__error_at(GOALS_EPARSE, cfg->name, 0, 0, "bad gzip data: %s", msg ? msg : "");
    }
    gzclose_r(gz);
    if (rc) {
        goals__free(b.data);
        return rc;
    }
    if (!b.data && (rc = grow(&b, cfg->max_bytes)))
        return rc;
    finish(doc, &b);
    return GOALS_OK;
}

/* zlib allocates through ours, so that failure injection reaches it. */
static voidpf z_alloc(voidpf opaque, uInt items, uInt size)
{
    (void)opaque;
    return goals__calloc(items, size);
}

static void z_free(voidpf opaque, voidpf address)
{
    (void)opaque;
    goals__free(address);
}

static int is_gzip(const unsigned char *p, size_t n)
{
    return n >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

static int inflate_all(goals__doc *doc, const unsigned char *in, size_t size, const goals__load_cfg *cfg)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    zs.zalloc = z_alloc;
    zs.zfree = z_free;
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
        return goals__oom();
    goals__buf b = {0};
    size_t consumed = 0;
    int rc = GOALS_OK;
    for (;;) {
        if ((rc = grow(&b, cfg->max_bytes)))
            break;
        size_t in_left = size - consumed;
        zs.next_in = (Bytef *)(uintptr_t)(in + consumed);
        zs.avail_in = in_left > UINT_MAX ? UINT_MAX : (uInt)in_left;
        size_t room = b.cap - b.len - 1;
        zs.next_out = (Bytef *)b.data + b.len;
        zs.avail_out = room > UINT_MAX ? UINT_MAX : (uInt)room;
        uInt avail_in = zs.avail_in, avail_out = zs.avail_out;
        int z = inflate(&zs, Z_NO_FLUSH);
        consumed += avail_in - zs.avail_in;
        b.len += avail_out - zs.avail_out;
        if (b.len > cfg->max_bytes) {
            rc = too_big(cfg);
            break;
        }
        if ((rc = bomb(cfg, b.len, consumed)))
            break;
        if (z == Z_STREAM_END) {
            /* Another gzip member may follow (as gzip -c a b > c makes);
             * anything else after the end is ignored, as gzread does. */
            if (is_gzip(in + consumed, size - consumed)) {
                inflateReset(&zs);
                continue;
            }
            break;
        }
        if (z == Z_MEM_ERROR) {
            rc = goals__oom();
            break;
        }
        if (z == Z_DATA_ERROR || z == Z_NEED_DICT || z == Z_STREAM_ERROR) {
            rc = goals__error_at(GOALS_EPARSE, cfg->name, 0, 0, "bad gzip data: %s",
                                 zs.msg ? zs.msg : "corrupt stream");
            break;
        }
        if (consumed == size && zs.avail_out != 0) {
            rc = goals__error_at(GOALS_EPARSE, cfg->name, 0, 0, "truncated gzip data");
            break;
        }
        if ((rc = progress(cfg, consumed, size)))
            break;
    }
    inflateEnd(&zs);
    if (rc) {
        goals__free(b.data);
        return rc;
    }
    finish(doc, &b);
    return GOALS_OK;
}

int goals__input_memory(goals__doc *doc, const void *data, size_t size, const goals__load_cfg *cfg)
{
    memset(doc, 0, sizeof *doc);
    doc->name = cfg->name;
    if (!data && size)
        return goals__error(GOALS_EINVAL, "memory input is NULL");
    if (is_gzip(data, size))
        return inflate_all(doc, data, size, cfg);
    if (size > cfg->max_bytes)
        return too_big(cfg);
    int rc = progress(cfg, size, size);
    if (rc)
        return rc;
    /* Plain bytes are read in place: the caller's buffer outlives the load. */
    doc->data = size ? data : "";
    doc->size = size;
    return GOALS_OK;
}
