/* io: the streaming input (src/io/source.c) and positions found on a
 * re-read stream (src/io/position.c): bytes in chunks of every size, gzip
 * members, truncation and corruption, caps, bombs, progress, reading again;
 * positions compared with oracle_locate() (the former locate.c, tests/unit/oracle.c) on the same bytes,
 * through windows small enough to refill at every construct. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <zlib.h>

#include "goals/goals.h"
#include "io/io_internal.h"
#include "io/position.h"
#include "io/source.h"
#include "oracle.h"
#include "support.h"
#include "util/alloc.h"
#include "util/error.h"

/* ------------------------------------------------------------- helpers */

static goals__load_cfg cfg_of(const char *name, uint64_t max_bytes)
{
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    opts.max_bytes = max_bytes;
    goals__load_cfg cfg;
    assert_int_equal(goals__load_cfg_resolve(&cfg, &opts, name), GOALS_OK);
    return cfg;
}

/* Everything a source gives, in reads of cap: GOALS_OK and the bytes, or
 * the status of the failing read. */
static int read_all(goals__source *s, size_t cap, char **out, size_t *size)
{
    size_t len = 0, room = 1024;
    char *all = malloc(room);
    char *chunk = malloc(cap);
    assert_true(all && chunk);
    for (;;) {
        ptrdiff_t n = goals__source_read(s, chunk, cap);
        if (n < 0) {
            free(all);
            free(chunk);
            *out = NULL;
            *size = 0;
            return (int)n;
        }
        if (n == 0)
            break;
        assert_true((size_t)n <= cap);
        if (len + (size_t)n > room) {
            while (len + (size_t)n > room)
                room *= 2;
            all = realloc(all, room);
            assert_non_null(all);
        }
        memcpy(all + len, chunk, (size_t)n);
        len += (size_t)n;
    }
    /* The end stays the end. */
    assert_int_equal(goals__source_read(s, chunk, cap), 0);
    free(chunk);
    *out = all;
    *size = len;
    return GOALS_OK;
}

static void expect_bytes(goals__source *s, size_t cap, const void *want, size_t want_size)
{
    char *got;
    size_t n;
    int rc = read_all(s, cap, &got, &n);
    if (rc)
        fail_msg("read in chunks of %zu: %d %s", cap, rc, test_error_text());
    assert_int_equal(n, want_size);
    assert_memory_equal(got, want, want_size);
    free(got);
}

/* Text that is not all alike, so that it compresses like a plan (a few
 * times, not a thousand). */
static char *sample(size_t size)
{
    char *s = malloc(size);
    assert_non_null(s);
    uint32_t x = 12345;
    for (size_t i = 0; i < size; i++) {
        x = x * 1103515245u + 12345u;
        s[i] = (i % 61 == 60) ? '\n' : (char)('a' + (x >> 16) % 26);
    }
    return s;
}

typedef enum { MEM, FILE_ } where;

/* A source over data: from memory, or from a file written at path. */
static int open_on(goals__source **s, where w, const char *path, const void *data, size_t size,
                   const goals__load_cfg *cfg)
{
    if (w == MEM)
        return goals__source_open_memory(s, data, size, cfg);
    test_write_file(path, data, size);
    return goals__source_open_file(s, path, cfg);
}

/* --------------------------------------------------------------- bytes */

static void test_chunks(void **state)
{
    (void)state;
    const char *dir = test_tmpdir();
    char path[128];
    snprintf(path, sizeof path, "%s/doc", dir);
    goals__load_cfg cfg = cfg_of(path, 0);
    size_t big = 700u * 1024u + 13u; /* more than two file chunks */
    char *text = sample(big);
    static const size_t caps[] = {1, 7, 4096, GOALS__SOURCE_CHUNK, 1u << 20};
    for (size_t c = 0; c < sizeof caps / sizeof *caps; c++) {
        /* One byte at a time over a smaller document (still past a chunk). */
        size_t size = caps[c] == 1 ? 300u * 1024u : big;
        size_t zsize;
        unsigned char *z = test_gzip_bytes(text, size, 6, &zsize);
        for (int w = MEM; w <= FILE_; w++) {
            goals__source *s;
            assert_int_equal(open_on(&s, (where)w, path, text, size, &cfg), GOALS_OK);
            expect_bytes(s, caps[c], text, size);
            goals__source_free(s);
            assert_int_equal(open_on(&s, (where)w, path, z, zsize, &cfg), GOALS_OK);
            expect_bytes(s, caps[c], text, size);
            goals__source_free(s);
        }
        free(z);
    }
    /* Empty input, and input shorter than the gzip magic. */
    for (int w = MEM; w <= FILE_; w++) {
        goals__source *s;
        assert_int_equal(open_on(&s, (where)w, path, "", 0, &cfg), GOALS_OK);
        expect_bytes(s, 16, "", 0);
        goals__source_free(s);
        assert_int_equal(open_on(&s, (where)w, path, "\x1f", 1, &cfg), GOALS_OK);
        expect_bytes(s, 16, "\x1f", 1);
        goals__source_free(s);
    }
    unlink(path);
    rmdir(dir);
    free(text);
}

static void test_members_and_trailing_bytes(void **state)
{
    (void)state;
    const char *dir = test_tmpdir();
    char path[128];
    snprintf(path, sizeof path, "%s/doc.gz", dir);
    goals__load_cfg cfg = cfg_of(path, 0);
    size_t size = 100000;
    char *text = sample(size);
    size_t n1, n2, n0;
    unsigned char *z1 = test_gzip_bytes(text, 40000, 9, &n1), *z2 = test_gzip_bytes(text + 40000, size - 40000, 1, &n2), *z0 = test_gzip_bytes("", 0, 9, &n0);
    /* gzip -c a empty b > c, then the same followed by bytes that are not
     * another member (ignored, as gzread ignores them). */
    static const char *const tails[] = {"", "garbage after the end\n", "\x1f", "\x1f\x8a not gzip"};
    for (size_t t = 0; t < sizeof tails / sizeof *tails; t++) {
        size_t tail = strlen(tails[t]);
        size_t n = n1 + n0 + n2 + tail;
        unsigned char *all = malloc(n);
        memcpy(all, z1, n1);
        memcpy(all + n1, z0, n0);
        memcpy(all + n1 + n0, z2, n2);
        memcpy(all + n1 + n0 + n2, tails[t], tail);
        for (int w = MEM; w <= FILE_; w++) {
            static const size_t caps[] = {7, 65536};
            for (size_t c = 0; c < 2; c++) {
                goals__source *s;
                assert_int_equal(open_on(&s, (where)w, path, all, n, &cfg), GOALS_OK);
                expect_bytes(s, caps[c], text, size);
                goals__source_free(s);
            }
        }
        free(all);
    }
    /* A second member that starts like one but is broken is an error. */
    unsigned char *bad = malloc(n1 + 12);
    memcpy(bad, z1, n1);
    memcpy(bad + n1, "\x1f\x8b\x07\x00\x00\x00\x00\x00\x00\x03xx", 12);
    goals__source *s;
    assert_int_equal(goals__source_open_memory(&s, bad, n1 + 12, &cfg), GOALS_OK);
    char *got;
    size_t got_n;
    assert_int_equal(read_all(s, 4096, &got, &got_n), GOALS_EPARSE);
    assert_string_equal(goals_error_last()->message, "bad gzip data: unknown compression method");
    goals__source_free(s);
    free(bad);
    free(z0);
    free(z1);
    free(z2);
    unlink(path);
    rmdir(dir);
    free(text);
}

static void test_truncated_and_corrupt(void **state)
{
    (void)state;
    const char *dir = test_tmpdir();
    char path[128];
    snprintf(path, sizeof path, "%s/t.xml.gz", dir);
    size_t size = 20000, zsize;
    char *text = sample(size);
    unsigned char *z = test_gzip_bytes(text, size, 9, &zsize);
    for (int w = MEM; w <= FILE_; w++) {
        goals__load_cfg cfg = cfg_of(w == MEM ? "<memory>" : path, 0);
        for (size_t cut = 2; cut < zsize; cut += cut < 30 ? 1 : 997) {
            goals__source *s;
            assert_int_equal(open_on(&s, (where)w, path, z, cut, &cfg), GOALS_OK);
            char *got;
            size_t n;
            assert_int_equal(read_all(s, 4096, &got, &n), GOALS_EPARSE);
            assert_int_equal(goals_error_last()->code, GOALS_EPARSE);
            assert_string_equal(goals_error_last()->message, "truncated gzip data");
            assert_string_equal(goals_error_last()->file, cfg.name);
            /* The failure stays. */
            char b[16];
            assert_int_equal(goals__source_read(s, b, sizeof b), GOALS_EPARSE);
            goals__source_free(s);
        }
        /* Corrupt: the CRC, the length, the method; each with zlib's words. */
        static const struct {
            size_t from_end; /* 0: byte 2 (the method) */
            const char *message;
        } bad[] = {
            {8, "bad gzip data: incorrect data check"},
            {4, "bad gzip data: incorrect length check"},
            {0, "bad gzip data: unknown compression method"},
        };
        for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
            size_t at = bad[i].from_end ? zsize - bad[i].from_end : 2;
            z[at] ^= 0x41;
            goals__source *s;
            assert_int_equal(open_on(&s, (where)w, path, z, zsize, &cfg), GOALS_OK);
            char *got;
            size_t n;
            assert_int_equal(read_all(s, 1u << 20, &got, &n), GOALS_EPARSE);
            assert_string_equal(goals_error_last()->message, bad[i].message);
            assert_string_equal(goals_error_last()->file, cfg.name);
            goals__source_free(s);
            z[at] ^= 0x41;
        }
    }
    unlink(path);
    rmdir(dir);
    free(z);
    free(text);
}

static void test_size_cap(void **state)
{
    (void)state;
    const char *dir = test_tmpdir();
    char path[128];
    snprintf(path, sizeof path, "%s/big", dir);
    size_t size = 300000, zsize;
    char *text = sample(size);
    unsigned char *z = test_gzip_bytes(text, size, 6, &zsize);
    char want[256];
    for (int w = MEM; w <= FILE_; w++) {
        const char *name = w == MEM ? "<memory>" : path;
        /* Exactly at the cap: fine, plain or gzip. */
        goals__load_cfg cfg = cfg_of(name, size);
        goals__source *s;
        assert_int_equal(open_on(&s, (where)w, path, text, size, &cfg), GOALS_OK);
        expect_bytes(s, 4096, text, size);
        goals__source_free(s);
        assert_int_equal(open_on(&s, (where)w, path, z, zsize, &cfg), GOALS_OK);
        expect_bytes(s, 4096, text, size);
        goals__source_free(s);
        /* One byte less: plain input is refused when opened (its size is
         * known), gzip input when its output passes the cap. */
        cfg = cfg_of(name, size - 1);
        snprintf(want, sizeof want, "%s: document is larger than the limit of %zu bytes (after decompression)",
                 name, size - 1);
        s = (goals__source *)1;
        assert_int_equal(open_on(&s, (where)w, path, text, size, &cfg), GOALS_ELIMIT);
        assert_null(s);
        assert_string_equal(test_error_text(), want);
        assert_int_equal(open_on(&s, (where)w, path, z, zsize, &cfg), GOALS_OK);
        char *got;
        size_t n;
        assert_int_equal(read_all(s, 4096, &got, &n), GOALS_ELIMIT);
        assert_string_equal(test_error_text(), want);
        goals__source_free(s);
    }
    /* A plain stream of unknown size (a pipe) is counted as it is read. */
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        close(fds[0]);
        size_t off = 0;
        while (off < size) {
            ssize_t k = write(fds[1], text + off, size - off);
            if (k <= 0)
                _exit(1);
            off += (size_t)k;
        }
        _exit(0);
    }
    close(fds[1]);
    char dev[64];
    snprintf(dev, sizeof dev, "/dev/fd/%d", fds[0]);
    goals__load_cfg cfg = cfg_of("pipe", 100000);
    goals__source *s;
    assert_int_equal(goals__source_open_file(&s, dev, &cfg), GOALS_OK);
    char *got;
    size_t n;
    assert_int_equal(read_all(s, 4096, &got, &n), GOALS_ELIMIT);
    assert_string_equal(test_error_text(), "pipe: document is larger than the limit of 100000 bytes (after decompression)");
    /* And it cannot be read again for positions. */
    goals__source *again = (goals__source *)1;
    assert_int_equal(goals__source_reopen(s, &again), GOALS_EIO);
    assert_null(again);
    goals__source_free(s);
    close(fds[0]);
    int status;
    waitpid(child, &status, 0);
    unlink(path);
    rmdir(dir);
    free(z);
    free(text);
}

/* A gzip member of mib MiB of zeros, deflated as it is made. */
static unsigned char *zeros_gz(size_t mib, size_t *out_size)
{
    const size_t one = 1u << 20;
    unsigned char *zeros = calloc(1, one);
    size_t cap = mib * 2048 + 4096; /* deflate makes about 1 KiB of a MiB of zeros */
    unsigned char *out = malloc(cap);
    assert_true(zeros && out);
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    assert_int_equal(deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    for (size_t i = 0; i < mib; i++) {
        zs.next_in = zeros;
        zs.avail_in = (uInt)one;
        assert_int_equal(deflate(&zs, i + 1 == mib ? Z_FINISH : Z_NO_FLUSH), i + 1 == mib ? Z_STREAM_END : Z_OK);
        assert_int_equal(zs.avail_in, 0);
    }
    *out_size = zs.total_out;
    deflateEnd(&zs);
    free(zeros);
    return out;
}

static void test_bomb(void **state)
{
    (void)state;
    size_t zsize;
    unsigned char *z = zeros_gz(20, &zsize); /* 20 MiB from about 20 KiB */
    assert_true(zsize < (20u << 20) / 200);
    goals__load_cfg cfg = cfg_of("bomb.gz", 0);
    goals__source *s;
    assert_int_equal(goals__source_open_memory(&s, z, zsize, &cfg), GOALS_OK);
    char *got;
    size_t n;
    assert_int_equal(read_all(s, GOALS__SOURCE_CHUNK, &got, &n), GOALS_ELIMIT);
    const char *m = goals_error_last()->message;
    assert_non_null(strstr(m, "compressed data inflates more than 200 times ("));
    assert_non_null(strstr(m, "a decompression bomb? (set max_bytes to allow it)"));
    /* It stopped just past the 16 MiB floor. */
    unsigned long long out = strtoull(m + strlen("compressed data inflates more than 200 times ("), NULL, 10);
    assert_true(out > (16u << 20) && out <= (16u << 20) + GOALS__SOURCE_CHUNK);
    goals__source_free(s);
    /* A cap of one's own allows it. */
    cfg = cfg_of("bomb.gz", 64u << 20);
    assert_int_equal(goals__source_open_memory(&s, z, zsize, &cfg), GOALS_OK);
    assert_int_equal(read_all(s, GOALS__SOURCE_CHUNK, &got, &n), GOALS_OK);
    assert_int_equal(n, 20u << 20);
    assert_int_equal(got[0], 0);
    assert_int_equal(got[n - 1], 0);
    free(got);
    goals__source_free(s);
    free(z);
}

/* ------------------------------------------------------------ progress */

typedef struct calls {
    int n;
    int cancel_at; /* this call cancels; 0: none */
    uint64_t done, total;
    int backwards; /* done went down */
} calls;

static int on_progress(uint64_t done, uint64_t total, void *data)
{
    calls *c = data;
    if (c->n && (done < c->done || total != c->total))
        c->backwards = 1;
    c->n++;
    c->done = done;
    c->total = total;
    return c->n == c->cancel_at;
}

static void test_progress(void **state)
{
    (void)state;
    const char *dir = test_tmpdir();
    char path[128];
    snprintf(path, sizeof path, "%s/p", dir);
    size_t size = (5u << 20) + 1234, zsize;
    char *text = sample(size);
    unsigned char *z = test_gzip_bytes(text, size, 1, &zsize);
    assert_true(zsize > (2u << 20)); /* a few reports' worth, compressed too */
    const struct {
        where w;
        const void *data;
        size_t size;
    } cases[] = {{FILE_, text, size}, {FILE_, z, zsize}, {MEM, z, zsize}, {MEM, text, size}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        calls c = {0};
        goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
        opts.progress = on_progress;
        opts.progress_data = &c;
        goals__load_cfg cfg;
        assert_int_equal(goals__load_cfg_resolve(&cfg, &opts, cases[i].w == FILE_ ? path : NULL), GOALS_OK);
        goals__source *s;
        assert_int_equal(open_on(&s, cases[i].w, path, cases[i].data, cases[i].size, &cfg), GOALS_OK);
        expect_bytes(s, GOALS__SOURCE_CHUNK, text, size);
        /* Input bytes as stored (compressed for gzip), of their total; the
         * last call says all of it. Plain memory is all there at once:
         * one call. */
        assert_false(c.backwards);
        assert_int_equal(c.total, cases[i].size);
        assert_int_equal(c.done, cases[i].size);
        int most = (int)(cases[i].size >> 20) + 2;
        if (cases[i].w == MEM && cases[i].data == text)
            assert_int_equal(c.n, 1);
        else
            assert_true(c.n >= (int)(cases[i].size >> 20) && c.n <= most);
        /* Read again: no reports. */
        goals__source *again;
        int before = c.n;
        assert_int_equal(goals__source_reopen(s, &again), GOALS_OK);
        expect_bytes(again, 4096, text, size);
        assert_int_equal(c.n, before);
        goals__source_free(again);
        goals__source_free(s);

        /* Cancelled at the second report (at the first for plain memory,
         * which has only one: its open fails). */
        c = (calls){0};
        c.cancel_at = cases[i].w == MEM && cases[i].data == text ? 1 : 2;
        if (c.cancel_at == 1) {
            assert_int_equal(goals__source_open_memory(&s, text, size, &cfg), GOALS_ERROR);
            assert_string_equal(test_error_text(), "<memory>: load cancelled");
            continue;
        }
        assert_int_equal(open_on(&s, cases[i].w, path, cases[i].data, cases[i].size, &cfg), GOALS_OK);
        char *got;
        size_t n;
        assert_int_equal(read_all(s, GOALS__SOURCE_CHUNK, &got, &n), GOALS_ERROR);
        assert_int_equal(c.n, 2);
        assert_string_equal(goals_error_last()->message, "load cancelled");
        char b[8];
        assert_int_equal(goals__source_read(s, b, sizeof b), GOALS_ERROR);
        assert_int_equal(c.n, 2);
        goals__source_free(s);
    }
    /* A small file: one report, at the end (test_load.c cancels there). */
    calls c = {0};
    c.cancel_at = 1;
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    opts.progress = on_progress;
    opts.progress_data = &c;
    goals__load_cfg cfg;
    assert_int_equal(goals__load_cfg_resolve(&cfg, &opts, path), GOALS_OK);
    goals__source *s;
    assert_int_equal(open_on(&s, FILE_, path, "<a/>", 4, &cfg), GOALS_OK);
    char b[64];
    assert_int_equal(goals__source_read(s, b, sizeof b), 4);
    assert_int_equal(c.n, 0);
    assert_int_equal(goals__source_read(s, b, sizeof b), GOALS_ERROR);
    assert_int_equal(c.n, 1);
    assert_int_equal(c.done, 4);
    goals__source_free(s);
    unlink(path);
    rmdir(dir);
    free(z);
    free(text);
}

/* -------------------------------------------------- reopen and in place */

static void test_reopen_and_whole(void **state)
{
    (void)state;
    const char *dir = test_tmpdir();
    char path[128], moved[128];
    snprintf(path, sizeof path, "%s/r.xml", dir);
    snprintf(moved, sizeof moved, "%s/moved.xml", dir);
    size_t size = 400000, zsize;
    char *text = sample(size);
    unsigned char *z = test_gzip_bytes(text, size, 6, &zsize);
    goals__load_cfg cfg = cfg_of(path, 0);

    /* Plain memory: in place, the caller's own pointer, then and again. */
    goals__source *s, *again;
    size_t n;
    assert_int_equal(goals__source_open_memory(&s, text, size, &cfg), GOALS_OK);
    assert_ptr_equal(goals__source_whole(s, &n), text);
    assert_int_equal(n, size);
    assert_string_equal(goals__source_name(s), path);
    assert_int_equal(goals__source_reopen(s, &again), GOALS_OK);
    assert_ptr_equal(goals__source_whole(again, &n), text);
    expect_bytes(again, 1000, text, size);
    goals__source_free(again);
    goals__source_free(s);
    /* Not for gzip or files. */
    assert_int_equal(goals__source_open_memory(&s, z, zsize, &cfg), GOALS_OK);
    assert_null(goals__source_whole(s, &n));
    expect_bytes(s, 4096, text, size);
    assert_int_equal(goals__source_reopen(s, &again), GOALS_OK);
    expect_bytes(again, 4096, text, size);
    goals__source_free(again);
    goals__source_free(s);

    for (int gzip = 0; gzip <= 1; gzip++) {
        const void *bytes = gzip ? (const void *)z : text;
        size_t bytes_n = gzip ? zsize : size;
        assert_int_equal(open_on(&s, FILE_, path, bytes, bytes_n, &cfg), GOALS_OK);
        assert_null(goals__source_whole(s, &n));
        /* Half read, then read again from the start: each on its own. */
        char half[1000];
        assert_true(goals__source_read(s, half, sizeof half) > 0);
        assert_int_equal(goals__source_reopen(s, &again), GOALS_OK);
        expect_bytes(again, 4096, text, size);
        goals__source_free(again);
        assert_int_equal(goals__source_reopen(s, &again), GOALS_OK);
        char a[100];
        assert_int_equal(goals__source_read(again, a, sizeof a), 100);
        assert_memory_equal(a, text, 100);
        goals__source_free(again);
        /* Renamed, or deleted: still the bytes that were opened. */
        assert_int_equal(rename(path, moved), 0);
        assert_int_equal(goals__source_reopen(s, &again), GOALS_OK);
        expect_bytes(again, 65536, text, size);
        goals__source_free(again);
        assert_int_equal(unlink(moved), 0);
        assert_int_equal(goals__source_reopen(s, &again), GOALS_OK);
        expect_bytes(again, 65536, text, size);
        goals__source_free(again);
        goals__source_free(s);

        /* Rewritten in place (another size), or touched (same size, another
         * time): changed while loading. */
        assert_int_equal(open_on(&s, FILE_, path, bytes, bytes_n, &cfg), GOALS_OK);
        int fd = open(path, O_WRONLY);
        assert_true(fd >= 0);
        struct timespec t[2] = {{0, UTIME_OMIT}, {1000000000, 5}};
        assert_int_equal(futimens(fd, t), 0);
        close(fd);
        again = (goals__source *)1;
        assert_int_equal(goals__source_reopen(s, &again), GOALS_EIO);
        assert_null(again);
        char want[256];
        snprintf(want, sizeof want, "%s: changed while loading", path);
        assert_string_equal(test_error_text(), want);
        goals__source_free(s);
        assert_int_equal(open_on(&s, FILE_, path, bytes, bytes_n, &cfg), GOALS_OK);
        FILE *f = fopen(path, "ab");
        assert_non_null(f);
        fputs("more", f);
        fclose(f);
        assert_int_equal(goals__source_reopen(s, &again), GOALS_EIO);
        assert_string_equal(test_error_text(), want);
        goals__source_free(s);
        unlink(path);
    }

    /* A reopened source keeps the cap. */
    cfg = cfg_of("<memory>", size - 1);
    assert_int_equal(goals__source_open_memory(&s, z, zsize, &cfg), GOALS_OK);
    assert_int_equal(goals__source_reopen(s, &again), GOALS_OK);
    char *got;
    assert_int_equal(read_all(again, 4096, &got, &n), GOALS_ELIMIT);
    goals__source_free(again);
    goals__source_free(s);

    rmdir(dir);
    free(z);
    free(text);
}

static void test_open_errors(void **state)
{
    (void)state;
    const char *dir = test_tmpdir();
    goals__load_cfg cfg = cfg_of(dir, 0);
    goals__source *s = (goals__source *)1;
    char want[256];
    assert_int_equal(goals__source_open_file(&s, dir, &cfg), GOALS_EIO);
    assert_null(s);
    snprintf(want, sizeof want, "%s: cannot read: Is a directory", dir);
    assert_string_equal(test_error_text(), want);
    char path[128];
    snprintf(path, sizeof path, "%s/none.xml", dir);
    cfg = cfg_of(path, 0);
    assert_int_equal(goals__source_open_file(&s, path, &cfg), GOALS_EIO);
    snprintf(want, sizeof want, "%s: cannot open: No such file or directory", path);
    assert_string_equal(test_error_text(), want);
    if (geteuid() != 0) { /* root reads anything */
        test_write_file(path, "<a/>", 4);
        assert_int_equal(chmod(path, 0), 0);
        assert_int_equal(goals__source_open_file(&s, path, &cfg), GOALS_EIO);
        snprintf(want, sizeof want, "%s: cannot open: Permission denied", path);
        assert_string_equal(test_error_text(), want);
        unlink(path);
    }
    assert_int_equal(goals__source_open_memory(&s, NULL, 3, &cfg), GOALS_EINVAL);
    goals__source_free(NULL);
    rmdir(dir);
}

/* Every allocation failing in turn: a clean GOALS_ENOMEM, nothing leaked
 * (valgrind and ASan tell), zlib's own allocations included. */
static void test_out_of_memory(void **state)
{
    (void)state;
    const char *dir = test_tmpdir();
    char path[128];
    snprintf(path, sizeof path, "%s/oom.gz", dir);
    size_t size = 50000, zsize;
    char *text = sample(size);
    unsigned char *z = test_gzip_bytes(text, size, 6, &zsize);
    test_write_file(path, z, zsize);
    goals__load_cfg cfg = cfg_of(path, 0);
    for (int w = MEM; w <= FILE_; w++) {
        int done = 0;
        long n;
        for (n = 0; !done && n < 100; n++) {
            goals__alloc_fail_after(n);
            goals__source *s = NULL, *again = NULL;
            int rc = w == MEM ? goals__source_open_memory(&s, z, zsize, &cfg)
                              : goals__source_open_file(&s, path, &cfg);
            char *got = NULL;
            size_t got_n = 0;
            if (!rc)
                rc = read_all(s, 4096, &got, &got_n);
            if (!rc)
                rc = goals__source_reopen(s, &again);
            free(got);
            if (!rc) {
                rc = read_all(again, 4096, &got, &got_n);
                free(got);
            }
            goals__alloc_fail_after(-1);
            goals__source_free(again);
            goals__source_free(s);
            if (rc == GOALS_OK)
                done = 1;
            else if (rc != GOALS_ENOMEM)
                fail_msg("allocation %ld: %d %s", n, rc, test_error_text());
        }
        assert_true(done);
        assert_true(n > 4); /* the source, its chunk, zlib's state and window were reached */
    }
    unlink(path);
    rmdir(dir);
    free(z);
    free(text);
}

/* ----------------------------------------------------------- positions */

/* Documents with everything the scan must step over. */
static const char *const docs[] = {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!-- a comment with <tags> and > and -- inside -->\n"
    "<plan xmlns=\"urn:libgoals:plan:1\" id='p' note=\"a > b\" other='x\"y>z'>\r\n"
    "  <![CDATA[ <not-a-tag attr='1'> ]] > ]]>\r\n"
    "  <?pi <ignored> ? > ?>\r\n"
    "  <goal\r\n    id=\"g1\"\r\n    xml:lang=\"fr\"\n\tweight = '2'/>\n"
    "  <title>é ü — 日本語 <b>bold</b></title><goal id=\"g2\" title=\"ü>\"></goal>\n"
    "</plan>\n",
    "\xEF\xBB\xBF<a><b c='1'/>\xC3\xA9<d  c=\"2\"\n e='3'/></a>",
    "<!DOCTYPE r [ <!ELEMENT r ANY> <!ATTLIST r a CDATA \"x>y\"> <!-- ]> --> ]>\n<r a='1'><s/><!----><s a=\"2\"/></r>",
    "<r>\n日本語テキスト<s a=\"é\" b=\"2\"/>ñ<t/></r>\n<!-- after -->",
    "<r><a/><!-- never closed <x/>",
    "<r><a b='never closed><c/></r>",
    "<r><!-- a --><!--b--><![CDATA[]]><?" "?><a/></r>",
    "",
    "no markup at all",
    "<",
};

/* One more: a generated document with a little of everything, on many
 * short lines (CRLF and LF) or on one line, with tags longer than the
 * smallest windows. */
static char *generated(int one_line, size_t *size)
{
    size_t cap = 1u << 20, len = 0;
    char *d = malloc(cap);
    assert_non_null(d);
    uint32_t x = one_line ? 7u : 99u;
#define RND() (x = x * 1103515245u + 12345u, (x >> 16) & 0x7fff)
    const char *nl = one_line ? " " : "\n";
    len += (size_t)sprintf(d + len, "<?xml version='1.0'?>%s<root a='1'>%s", nl, nl);
    for (int i = 0; i < 1500 && len < cap - 2000; i++) {
        const char *sep = one_line ? " " : (RND() % 3 == 0 ? "\r\n" : "\n");
        switch (RND() % 9) {
        case 0:
            len += (size_t)sprintf(d + len, "<!-- <c%d> > -- %s -->%s", i, sep, sep);
            break;
        case 1:
            len += (size_t)sprintf(d + len, "<![CDATA[<x%d>]]]>%s", i, sep);
            break;
        case 2:
            len += (size_t)sprintf(d + len, "<?p%d <q> ?>%s", i, sep);
            break;
        case 3:
            len += (size_t)sprintf(d + len, "<e%d id=\"i%d\" v='a>b'%sw=\"%s\"/>%s", i, i, sep,
                                   "0123456789012345678901234567890123456789>", sep);
            break;
        case 4:
            len += (size_t)sprintf(d + len, "<t id='t%d'>\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80 x</t>%s", i, sep);
            break;
        case 5:
            len += (size_t)sprintf(d + len, "<u%sid=\"u%d\"%sxml:lang='en'%s>%s</u>", sep, i, sep, sep, sep);
            break;
        default:
            len += (size_t)sprintf(d + len, "<g id='g%d' w=\"%d\"><h/></g>%s", i, (int)RND(), sep);
            break;
        }
    }
    len += (size_t)sprintf(d + len, "</root>%s", nl);
#undef RND
    *size = len;
    return d;
}

static const char *const qnames[] = {"id", "a", "c", "e", "w", "v", "xml:lang", "weight", "title", "b", "note",
                                     "other", "missing"};

/* The old locator's answers (locate.c) for ordinals 1 to n + 2 (past the
 * end), each from a fresh locator: in documents that are not well-formed
 * its answers may depend on what it was asked before, ours never do. */
#define NQ (sizeof qnames / sizeof *qnames + 1) /* [0]: no attribute */
typedef struct answer {
    int found;
    unsigned long line, col;
} answer;

typedef struct reference {
    unsigned long n;  /* start tags */
    answer *a;        /* [(ordinal - 1) * NQ + q] */
} reference;

static reference reference_of(const char *data, size_t size)
{
    reference r = {0, NULL};
    size_t cap = 0;
    for (unsigned long o = 1;; o++) {
        if (o * NQ > cap) {
            cap = cap ? 2 * cap : 64 * NQ;
            r.a = realloc(r.a, cap * sizeof *r.a);
            assert_non_null(r.a);
        }
        oracle_locator loc;
        oracle_locator_init(&loc, data, size);
        for (size_t q = 0; q < NQ; q++) {
            answer *x = &r.a[(o - 1) * NQ + q];
            x->found = oracle_locate(&loc, o, q ? qnames[q - 1] : NULL, &x->line, &x->col);
        }
        if (!r.a[(o - 1) * NQ].found) {
            r.n = o - 1;
            break;
        }
    }
    return r;
}

static void expect_same(goals__pos *p, const reference *r, unsigned long ordinal, size_t q)
{
    unsigned long l2, c2;
    answer none = {0, 0, 0};
    const answer *want = ordinal >= 1 && ordinal <= r->n ? &r->a[(ordinal - 1) * NQ + q] : &none;
    const char *qname = q ? qnames[q - 1] : NULL;
    int got = goals__pos_locate(p, ordinal, qname, &l2, &c2);
    if (got != want->found || want->line != l2 || want->col != c2)
        fail_msg("ordinal %lu %s (window %zu): locate.c %d %lu:%lu, position.c %d %lu:%lu", ordinal,
                 qname ? qname : "", p->window, want->found, want->line, want->col, got, l2, c2);
    /* Without the column: the same line. */
    got = goals__pos_locate(p, ordinal, qname, &l2, NULL);
    assert_int_equal(l2, want->line);
}

/* Every way of asking, on one source, with one window size. */
static void compare(const goals__source *src, size_t window, const reference *r)
{
    unsigned long n = r->n;
    goals__pos p;
    goals__pos_init_window(&p, src, window);
    /* In order, each with every attribute name, then past the end: one
     * pass, the source opened once (a few allocations, however many tags;
     * tiny windows also grow and shrink around each tag bigger than they). */
    goals__alloc_fail_after(-1);
    for (unsigned long o = 1; o <= n + 2; o++) {
        for (size_t q = 0; q < NQ; q++)
            expect_same(&p, r, o, q);
        expect_same(&p, r, o, 0);
    }
    long allocations = goals__alloc_fail_after(-1);
    if (window == 0 || window >= 4096)
        assert_in_range(allocations, 0, 8);
    /* Backwards, and in a scattered order (each step back reads again
     * from the start: a few dozen of them in big documents). */
    unsigned long step = n / 25 + 1;
    for (unsigned long o = n + 1; o >= 1; o = o > step ? o - step : 0)
        expect_same(&p, r, o, 1);
    for (unsigned long i = 0; i < 3 * n + 3 && i < 60; i++)
        expect_same(&p, r, (i * 7919u) % (n + 2), i % 2);
    expect_same(&p, r, 0, 0);
    goals__pos_free(&p);
}

static void positions_on(const char *data, size_t size, const size_t *windows, size_t nwindows)
{
    const char *dir = test_tmpdir();
    char path[128];
    snprintf(path, sizeof path, "%s/pos.xml", dir);
    goals__load_cfg cfg = cfg_of(path, 0);
    size_t zsize;
    unsigned char *z = test_gzip_bytes(data, size, 6, &zsize);
    goals__source *mem, *zmem, *file, *zfile;
    assert_int_equal(goals__source_open_memory(&mem, data, size, &cfg), GOALS_OK);
    assert_int_equal(goals__source_open_memory(&zmem, z, zsize, &cfg), GOALS_OK);
    assert_int_equal(open_on(&file, FILE_, path, data, size, &cfg), GOALS_OK);
    char zpath[160];
    snprintf(zpath, sizeof zpath, "%s.gz", path);
    assert_int_equal(open_on(&zfile, FILE_, zpath, z, zsize, &cfg), GOALS_OK);
    reference r = reference_of(data, size);
    compare(mem, 0, &r); /* in place */
    for (size_t w = 0; w < nwindows; w++) {
        compare(mem, windows[w], &r);
        compare(zmem, windows[w], &r);
        compare(file, windows[w], &r);
        compare(zfile, windows[w], &r);
    }
    compare(zfile, 0, &r); /* the default window */
    free(r.a);
    goals__source_free(mem);
    goals__source_free(zmem);
    goals__source_free(file);
    goals__source_free(zfile);
    unlink(path);
    unlink(zpath);
    rmdir(dir);
    free(z);
}

static void test_positions_small_documents(void **state)
{
    (void)state;
    static const size_t windows[] = {1, 16, 17, 23, 64, 4096};
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++)
        positions_on(docs[i], strlen(docs[i]), windows, sizeof windows / sizeof *windows);
    /* Some answers pinned by hand, so that both cannot be wrong alike. */
    goals__load_cfg cfg = cfg_of("<memory>", 0);
    goals__source *s;
    assert_int_equal(goals__source_open_memory(&s, docs[0], strlen(docs[0]), &cfg), GOALS_OK);
    goals__pos p;
    goals__pos_init_window(&p, s, 16);
    unsigned long line, col;
    assert_int_equal(goals__pos_locate(&p, 1, NULL, &line, &col), 1); /* <plan> */
    assert_int_equal(line, 3);
    assert_int_equal(col, 1);
    assert_int_equal(goals__pos_locate(&p, 1, "other", &line, &col), 1);
    assert_int_equal(col, 55);
    assert_int_equal(goals__pos_locate(&p, 2, "xml:lang", &line, &col), 1); /* <goal ...> over lines */
    assert_int_equal(line, 8);
    assert_int_equal(col, 5);
    assert_int_equal(goals__pos_locate(&p, 2, "weight", &line, &col), 1);
    assert_int_equal(line, 9);
    assert_int_equal(col, 2);
    assert_int_equal(goals__pos_locate(&p, 4, NULL, &line, &col), 1); /* <b> after é ü — 日本語 */
    assert_int_equal(line, 10);
    assert_int_equal(col, 20);
    assert_int_equal(goals__pos_locate(&p, 5, "title", &line, &col), 1);
    assert_int_equal(col, 53);
    assert_int_equal(goals__pos_locate(&p, 6, NULL, &line, &col), 0);
    assert_int_equal(line, 0);
    assert_int_equal(col, 0);
    goals__pos_free(&p);
    goals__source_free(s);
}

static void test_positions_generated(void **state)
{
    (void)state;
    static const size_t windows[] = {16, 61, 4096};
    for (int one_line = 0; one_line <= 1; one_line++) {
        size_t size;
        char *d = generated(one_line, &size);
        positions_on(d, size, windows, sizeof windows / sizeof *windows);
        free(d);
    }
}

/* A tag far bigger than the window: the window grows for it, and goes
 * back to its size once the scan has passed it. */
static void test_big_tag(void **state)
{
    (void)state;
    size_t big = 100000;
    size_t size = big + 100;
    char *d = malloc(size + 1);
    int k = sprintf(d, "<r>\n<big a='");
    memset(d + k, 'x', big);
    k += (int)big;
    k += sprintf(d + k, "' b=\"1\"/>\n<after/></r>");
    size = (size_t)k;
    goals__load_cfg cfg = cfg_of("<memory>", 0);
    size_t zsize;
    unsigned char *z = test_gzip_bytes(d, size, 6, &zsize);
    goals__source *s;
    assert_int_equal(goals__source_open_memory(&s, z, zsize, &cfg), GOALS_OK);
    goals__pos p;
    goals__pos_init_window(&p, s, 64);
    unsigned long line, col;
    assert_int_equal(goals__pos_locate(&p, 2, "b", &line, &col), 1);
    assert_int_equal(line, 2);
    assert_int_equal(col, 9 + big + 2);
    assert_true(p.buf_cap > big);
    assert_int_equal(goals__pos_locate(&p, 3, NULL, &line, &col), 1);
    assert_int_equal(line, 3);
    assert_int_equal(col, 1);
    assert_int_equal(goals__pos_locate(&p, 4, NULL, &line, &col), 0);
    assert_int_equal(p.buf_cap, 64);
    goals__pos_free(&p);
    goals__source_free(s);
    free(z);
    free(d);
}

/* When the document cannot be read again, no position, and the caller's
 * error is left as it was. */
static void test_positions_unreadable(void **state)
{
    (void)state;
    const char *dir = test_tmpdir();
    char path[128];
    snprintf(path, sizeof path, "%s/gone.xml", dir);
    goals__load_cfg cfg = cfg_of(path, 0);
    goals__source *s;
    assert_int_equal(open_on(&s, FILE_, path, "<a>\n<b/></a>", 12, &cfg), GOALS_OK);
    goals__pos p;
    goals__pos_init(&p, s);
    /* The document changes after it was loaded. */
    test_write_file(path, "<a><b/></a>\n\n\n", 14);
    goals__error_at(GOALS_EINVALID, "doc.xml", 3, 4, "the caller's own error");
    unsigned long line = 9, col = 9;
    assert_int_equal(goals__pos_locate(&p, 2, NULL, &line, &col), 0);
    assert_int_equal(line, 0);
    assert_int_equal(col, 0);
    assert_int_equal(goals_error_last()->code, GOALS_EINVALID);
    assert_string_equal(test_error_text(), "doc.xml:3:4: the caller's own error");
    /* No error at all stays no error. */
    goals_error_clear();
    assert_int_equal(goals__pos_locate(&p, 1, NULL, &line, NULL), 0);
    assert_int_equal(goals_error_last()->code, GOALS_OK);
    assert_string_equal(goals_error_last()->message, "");
    goals__pos_free(&p);
    goals__pos_free(&p); /* twice is harmless */
    goals__source_free(s);

    /* A read failing half way (a gzip file cut short after it was opened,
     * bigger than what is read at once): what was found before stays
     * found, the rest is not. */
    size_t text_size = 3u << 20;
    char *text = sample(text_size);
    size_t size = text_size + 32;
    char *d = malloc(size);
    memcpy(d, "<r>", 3);
    memcpy(d + 3, text, text_size);
    memcpy(d + 3 + text_size, "<a/><b/></r>", 12);
    size = text_size + 15;
    free(text);
    size_t zsize;
    unsigned char *z = test_gzip_bytes(d, size, 6, &zsize);
    assert_true(zsize > 2 * GOALS__SOURCE_CHUNK);
    snprintf(path, sizeof path, "%s/cut.xml.gz", dir);
    test_write_file(path, z, zsize);
    cfg = cfg_of(path, 0);
    assert_int_equal(goals__source_open_file(&s, path, &cfg), GOALS_OK);
    goals__pos_init_window(&p, s, 16);
    assert_int_equal(goals__pos_locate(&p, 1, NULL, &line, &col), 1);
    assert_int_equal(line, 1);
    goals__error_at(GOALS_EINVALID, "doc.xml", 3, 4, "the caller's own error");
    int fd = open(path, O_WRONLY);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)(zsize / 2)), 0);
    close(fd);
    assert_int_equal(goals__pos_locate(&p, 3, NULL, &line, &col), 0);
    assert_int_equal(goals_error_last()->code, GOALS_EINVALID);
    assert_string_equal(test_error_text(), "doc.xml:3:4: the caller's own error");
    /* Going back needs the file again: it changed, so no more answers. */
    assert_int_equal(goals__pos_locate(&p, 1, NULL, &line, &col), 0);
    assert_int_equal(goals__pos_locate(&p, 3, NULL, &line, &col), 0);
    assert_string_equal(test_error_text(), "doc.xml:3:4: the caller's own error");
    goals__pos_free(&p);
    goals__source_free(s);
    unlink(path);
    rmdir(dir);
    free(z);
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chunks),
        cmocka_unit_test(test_members_and_trailing_bytes),
        cmocka_unit_test(test_truncated_and_corrupt),
        cmocka_unit_test(test_size_cap),
        cmocka_unit_test(test_bomb),
        cmocka_unit_test(test_progress),
        cmocka_unit_test(test_reopen_and_whole),
        cmocka_unit_test(test_open_errors),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_positions_small_documents),
        cmocka_unit_test(test_positions_generated),
        cmocka_unit_test(test_big_tag),
        cmocka_unit_test(test_positions_unreadable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
