/* The large hostile inputs: a 100 MB attribute, gzip bombs inflating to
 * tens of gigabytes (from memory and from a file, XML and CSV), a CSV with a
 * 10 MB field. Each ends in a clear error in bounded time and memory
 * (bounded.h). Not run under valgrind (label hostile-large). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <cmocka.h>

#include "bounded.h"
#include "goals/goals.h"

static const bounded_limits LARGE = {768, 60};

static char *repeat_into(const char *head, char fill, size_t count, const char *tail, size_t *size)
{
    size_t h = strlen(head), t = strlen(tail);
    char *s = malloc(h + count + t + 1);
    if (!s)
        return NULL;
    memcpy(s, head, h);
    memset(s + h, fill, count);
    memcpy(s + h + count, tail, t + 1);
    *size = h + count + t;
    return s;
}

/* ---------------------------------------------------- 100 MB attribute */

typedef struct big_job {
    const char *head, *tail;
    char fill;
    size_t count;
} big_job;

/* Builds the input in the child, so that its memory counts against the limit. */
static int load_big(void *arg)
{
    big_job *j = arg;
    size_t size;
    char *xml = repeat_into(j->head, j->fill, j->count, j->tail, &size);
    if (!xml)
        return 97;
    goals_plan *p = NULL;
    int rc = goals_plan_load_memory(&p, xml, size, NULL);
    goals_plan_free(p);
    free(xml);
    return rc;
}

static void test_100mb_attribute(void **state)
{
    (void)state;
    static const big_job jobs[] = {
        {"<plan xmlns='urn:libgoals:plan:1' id='p'><measure id='m' unit='", "'/></plan>", 'a', 100u << 20},
        /* In a foreign attribute, which the reader skips. */
        {"<plan xmlns='urn:libgoals:plan:1' xmlns:x='urn:x' id='p' x:a='", "'/></plan>", 'a', 100u << 20},
        /* As the plan's id, whose characters are all valid. */
        {"<plan xmlns='urn:libgoals:plan:1' id='p", "'/>", 'a', 100u << 20},
        /* And as text. */
        {"<plan xmlns='urn:libgoals:plan:1' id='p'><title>", "</title></plan>", 'b', 100u << 20},
    };
    for (size_t i = 0; i < sizeof jobs / sizeof *jobs; i++) {
        bounded_outcome o;
        bounded_run(&o, load_big, (void *)&jobs[i], LARGE);
        /* libxml2 stops at 10 MB in one attribute or text node (we never
         * pass XML_PARSE_HUGE): not well-formed, as far as we go. */
        if (!(o.exited && (o.rc == GOALS_EPARSE || o.rc == GOALS_ELIMIT)))
            bounded_expect(&o, GOALS_EPARSE, LARGE);
        bounded_expect(&o, o.rc, LARGE);
        if (!bounded_instrumented()) /* valgrind is 50 times slower; CPU is bounded anyway */
            assert_true(o.seconds < 60);
        print_message("100 MB input %zu: %.1f s, peak %ld MiB: %s\n", i, o.seconds, o.maxrss_kb >> 10, o.message);
    }
}

/* ------------------------------------------------------------ gzip bomb */

/* A gzip stream of mibs MiB (a plan's start, then spaces), without
 * deflating them all: deflate
 * one MiB with a full flush, which resets the dictionary, so the block it
 * makes can be repeated; end with an empty final block and the true CRC and
 * length. Deflate's ratio is at most about 1032:1, so each GiB costs about
 * 1 MB: "a few KB for tens of GB" cannot exist, tens of MB can. */
static unsigned char *gzip_bomb(size_t mibs, size_t *size)
{
    const size_t mib = 1u << 20;
    /* A plan's start, then white space: well-formed as far as it goes, so
     * that the parser reads on (a bomb of zeros is refused at its first
     * bytes now that the input is streamed, which tests nothing). */
    static const char head[] = "<plan xmlns='urn:libgoals:plan:1' id='p'><title>t</title>";
    unsigned char *spaces = malloc(mib), *start = malloc(mib);
    unsigned char *first = malloc(2 * mib), *block = malloc(2 * mib);
    assert_true(spaces && start && first && block);
    memset(spaces, ' ', mib);
    memcpy(start, spaces, mib);
    memcpy(start, head, sizeof head - 1);
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    assert_int_equal(deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY), Z_OK);
    zs.next_in = start;
    zs.avail_in = (uInt)mib;
    zs.next_out = first;
    zs.avail_out = (uInt)(2 * mib);
    assert_int_equal(deflate(&zs, Z_FULL_FLUSH), Z_OK);
    size_t nfirst = 2 * mib - zs.avail_out;
    zs.next_in = spaces;
    zs.avail_in = (uInt)mib;
    zs.next_out = block;
    zs.avail_out = (uInt)(2 * mib);
    assert_int_equal(deflate(&zs, Z_FULL_FLUSH), Z_OK);
    size_t nblock = 2 * mib - zs.avail_out;
    deflateEnd(&zs);

    size_t blocks = mibs; /* MiB in all, the first included */
    size_t n = nfirst + (blocks - 1) * nblock + 2 + 8;
    unsigned char *out = malloc(n), *p = out;
    assert_non_null(out);
    memcpy(p, first, nfirst);
    p += nfirst;
    for (size_t i = 1; i < blocks; i++, p += nblock)
        memcpy(p, block, nblock);
    *p++ = 0x03; /* final fixed-Huffman block holding only end-of-block */
    *p++ = 0x00;
    uLong one = crc32(0, spaces, (uInt)mib), crc = crc32(0, start, (uInt)mib);
    for (size_t i = 1; i < blocks; i++)
        crc = crc32_combine(crc, one, (z_off_t)mib);
    uint64_t len = (uint64_t)blocks * mib;
    for (int i = 0; i < 4; i++)
        *p++ = (unsigned char)(crc >> (8 * i));
    for (int i = 0; i < 4; i++)
        *p++ = (unsigned char)(len >> (8 * i));
    *size = n;
    free(spaces);
    free(start);
    free(first);
    free(block);
    return out;
}

typedef struct bomb_job {
    const unsigned char *data;
    size_t size;
    const char *path;   /* load this file instead */
    uint64_t max_bytes; /* 0: the default */
    int csv;            /* as observations rather than a plan */
} bomb_job;

static int load_bomb(void *arg)
{
    bomb_job *j = arg;
    int rc;
    if (j->csv) {
        goals_plan *p;
        if ((rc = goals_plan_new(&p, "p")))
            return rc;
        rc = j->path ? goals_plan_load_observations_file(p, j->path, 0)
                     : goals_plan_load_observations_memory(p, j->data, j->size, NULL, 0);
        goals_plan_free(p);
        return rc;
    }
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    opts.max_bytes = j->max_bytes;
    goals_plan *p = NULL;
    rc = j->path ? goals_plan_load_file(&p, j->path, &opts) : goals_plan_load_memory(&p, j->data, j->size, &opts);
    goals_plan_free(p);
    return rc;
}

static void test_gzip_bomb(void **state)
{
    (void)state;
    size_t n;
    unsigned char *bomb = gzip_bomb(32 * 1024, &n); /* 32 GiB, nearly all white space */
    print_message("gzip bomb: %zu bytes inflating to 32 GiB\n", n);
    assert_true(n < 40u << 20);

    /* The bound: a little over the 16 MiB floor of the ratio check, not the
     * 4 GiB default cap. */
    const bounded_limits lim = {256, 30};
    char dir[] = "/tmp/goals-bomb-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/bomb.xml.gz", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bomb, 1, n, f), n);
    assert_int_equal(fclose(f), 0);

    bomb_job jobs[] = {
        {bomb, n, NULL, 0, 0},        /* memory, default cap */
        {NULL, 0, path, 0, 0},        /* file, default cap */
        {bomb, n, NULL, 64u << 20, 0}, /* memory, an explicit 64 MiB cap */
        {NULL, 0, path, 64u << 20, 0}, /* file, likewise */
        {bomb, n, NULL, 0, 1},        /* observations CSV, memory */
        {NULL, 0, path, 0, 1},        /* observations CSV, file */
    };
    for (size_t i = 0; i < sizeof jobs / sizeof *jobs; i++) {
        bounded_outcome o;
        bounded_run(&o, load_bomb, &jobs[i], lim);
        bounded_expect(&o, GOALS_ELIMIT, lim);
        if (!bounded_instrumented()) /* valgrind is 50 times slower; CPU is bounded anyway */
            assert_true(o.seconds < 30);
        print_message("bomb %zu: %.2f s, peak %ld MiB: %s\n", i, o.seconds, o.maxrss_kb >> 10, o.message);
    }
    unlink(path);
    rmdir(dir);
    free(bomb);
}

/* The loader streams its input: a document far bigger than the memory a
 * load may take is read to its end (where it is cut short: no "</plan>")
 * with the peak resident set well under its size. */
static void test_streamed_not_held(void **state)
{
    (void)state;
    size_t n, mibs = 192;
    unsigned char *doc = gzip_bomb(mibs, &n);
    bomb_job j = {doc, n, NULL, (uint64_t)1 << 30, 0}; /* an explicit cap: no ratio check */
    bounded_outcome o;
    bounded_run(&o, load_bomb, &j, LARGE);
    bounded_expect(&o, GOALS_EPARSE, LARGE);
    print_message("%zu MiB streamed: %.2f s, peak %ld MiB: %s\n", mibs, o.seconds, o.maxrss_kb >> 10, o.message);
    /* At the end: the last line (there is one) past the 192 MiB of spaces. */
    assert_non_null(strstr(o.message, "<memory>:1:"));
    unsigned long col = strtoul(strstr(o.message, "<memory>:1:") + 11, NULL, 10);
    assert_true(col >= (unsigned long)(mibs << 20));
    if (!bounded_instrumented()) /* ASan's shadow and valgrind's own memory count too */
        assert_true(o.maxrss_kb < 48 * 1024);
    free(doc);
}

static void test_many_empty_gzip_members(void **state)
{
    (void)state;
    /* A million empty gzip members back to back (each one restarts the
     * inflater): bounded time, and an empty document in the end. */
    size_t one_n;
    unsigned char one[64];
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    assert_int_equal(deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    zs.next_out = one;
    zs.avail_out = sizeof one;
    assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
    one_n = sizeof one - zs.avail_out;
    deflateEnd(&zs);
    size_t count = 1000000;
    unsigned char *all = malloc(one_n * count);
    assert_non_null(all);
    for (size_t i = 0; i < count; i++)
        memcpy(all + i * one_n, one, one_n);
    bomb_job j = {all, one_n * count, NULL, 0, 0};
    bounded_outcome o;
    bounded_run(&o, load_bomb, &j, LARGE);
    bounded_expect(&o, GOALS_EPARSE, LARGE);
    if (!bounded_instrumented()) /* valgrind is 50 times slower; CPU is bounded anyway */
        assert_true(o.seconds < 30);
    free(all);
}

/* ------------------------------------------------------- 10 MB CSV field */

static int load_csv_field(void *arg)
{
    const char *how = arg;
    const size_t big = 10u << 20;
    size_t size;
    char *csv;
    if (!strcmp(how, "quoted"))
        csv = repeat_into("measure,period,value,source,note\nm,2024,1,s,\"", 'x', big, "\"\n", &size);
    else if (!strcmp(how, "plain"))
        csv = repeat_into("measure,period,value,source,note\nm,2024,1,s,", 'x', big, "\n", &size);
    else if (!strcmp(how, "header"))
        csv = repeat_into("measure,period,value,", 'h', big, "\nm,2024,1\n", &size);
    else /* a number of ten million digits */
        csv = repeat_into("measure,period,value\nm,2024,1", '0', big, "\n", &size);
    if (!csv)
        return 97;
    goals_plan *p;
    int rc = goals_plan_new(&p, "p");
    if (!rc)
        rc = goals_plan_add_measure(NULL, p, "m", "%", 1);
    if (!rc) {
        rc = goals_plan_load_observations_memory(p, csv, size, "big.csv", 0);
        if (goals_plan_observation_count(p) != 0)
            rc = 96; /* all or nothing */
    }
    goals_plan_free(p);
    free(csv);
    return rc;
}

static void test_csv_10mb_field(void **state)
{
    (void)state;
    static const char *const kinds[] = {"quoted", "plain", "header", "number"};
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        bounded_outcome o;
        bounded_run(&o, load_csv_field, (void *)kinds[i], LARGE);
        bounded_expect(&o, GOALS_ELIMIT, LARGE);
        assert_int_equal(o.line, kinds[i][0] == 'h' ? 1 : 2);
        assert_non_null(strstr(o.message, "limit"));
        print_message("10 MB %s field: %.2f s, peak %ld MiB: %s\n", kinds[i], o.seconds, o.maxrss_kb >> 10,
                      o.message);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_100mb_attribute),
        cmocka_unit_test(test_gzip_bomb),
        cmocka_unit_test(test_streamed_not_held),
        cmocka_unit_test(test_many_empty_gzip_members),
        cmocka_unit_test(test_csv_10mb_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
