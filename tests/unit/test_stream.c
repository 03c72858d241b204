/* io: the streaming loader's parse (tree.c) against libxml2 2.9's quirks:
 * errors found while the XSD is plugged into the SAX2 stream, and a parse
 * stopped from inside a callback.
 *
 * libxml2 allocates here through guarded pages for blocks of a page or
 * more (its input buffers): a freed one is made unreadable, never reused,
 * so that reading it after it was freed faults (cmocka reports the signal)
 * in any build, not only under valgrind. */
#define _DEFAULT_SOURCE 1 /* MAP_ANONYMOUS */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

#include "goals/goals.h"
#include "support.h"

/* ------------------------------------------------- libxml2's allocator */

#define HDR 16 /* keeps 16-byte alignment: [0] pages' size (0: malloc'd), [1] size asked */
#define GUARD_FROM 4096u

static long live_blocks; /* libxml2's blocks not freed yet */

static void *guard_malloc(size_t n)
{
    unsigned char *p;
    size_t total = 0;
    if (n < GUARD_FROM) {
        if (!(p = malloc(n + HDR)))
            return NULL;
    } else {
        size_t page = (size_t)sysconf(_SC_PAGESIZE);
        total = (n + HDR + page - 1) / page * page;
        p = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            return NULL;
    }
    ((size_t *)(void *)p)[0] = total;
    ((size_t *)(void *)p)[1] = n;
    live_blocks++;
    return p + HDR;
}

static void guard_free(void *q)
{
    if (!q)
        return;
    live_blocks--;
    unsigned char *p = (unsigned char *)q - HDR;
    size_t total = ((size_t *)(void *)p)[0];
    if (total)
        mprotect(p, total, PROT_NONE); /* kept mapped: a read after free faults */
    else
        free(p);
}

static void *guard_realloc(void *q, size_t n)
{
    if (!q)
        return guard_malloc(n);
    size_t old = ((size_t *)(void *)((unsigned char *)q - HDR))[1];
    void *r = guard_malloc(n);
    if (!r)
        return NULL;
    memcpy(r, q, old < n ? old : n);
    guard_free(q);
    return r;
}

static char *guard_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *r = guard_malloc(n);
    if (r)
        memcpy(r, s, n);
    return r;
}

/* ------------------------------------------------------------- helpers */

static int host_errors;
#if LIBXML_VERSION >= 21200
static void host_handler(void *ctx, const xmlError *e)
#else
static void host_handler(void *ctx, xmlErrorPtr e)
#endif
{
    (void)ctx;
    (void)e;
    host_errors++;
}

static int load(const char *doc, int validate)
{
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    if (validate) {
        opts.flags = GOALS_LOAD_VALIDATE;
        opts.schema_dir = GOALS_SOURCE_DIR "/libgoals/schema";
    }
    goals_plan *p = (goals_plan *)1;
    int rc = goals_plan_load_memory(&p, doc, strlen(doc), &opts);
    assert_null(p);
    assert_int_equal(goals_error_last()->code, rc);
    assert_true(goals_error_last()->message[0] != '\0');
    return rc;
}

/* --------------------------------------------------------------- tests */

/* A document that is not well-formed fails the same way with and without
 * GOALS_LOAD_VALIDATE: libxml2's words at libxml2's place. The XSD's SAX
 * plug has no structured error handler of its own, so the parser's errors
 * once went past ours, to the host's global handler, and the load said only
 * "not well-formed XML" at the document's last line. */
static void test_parse_error_while_validating(void **state)
{
    (void)state;
    static const char *const docs[] = {
        "<plan xmlns='urn:libgoals:plan:1' id='p'>\n<goal id='a'>\n</plan>\n\n\n",
        "<plan xmlns='urn:libgoals:plan:1' id='p'>\n<goal id='a' id='b'/>\n\n\n\n</plan>\n",
        "<plan xmlns='urn:libgoals:plan:1' id='p'>\n  <g:goal id='a'/>\n\n</plan>\n",
    };
    xmlSetStructuredErrorFunc(NULL, host_handler);
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        host_errors = 0;
        assert_int_equal(load(docs[i], 0), GOALS_EPARSE);
        char plain[512];
        snprintf(plain, sizeof plain, "%s", test_error_text());
        assert_int_equal(load(docs[i], 1), GOALS_EPARSE);
        assert_string_equal(test_error_text(), plain);
        assert_int_equal(goals_error_last()->line, 2 + (i == 0));
        assert_int_equal(host_errors, 0);
    }
    xmlSetStructuredErrorFunc(NULL, NULL);
}

/* Our own refusals in a start tag while validating: the XSD plug sees the
 * element after us and reads its attributes in the parser's buffer, which
 * xmlStopParser (libxml2 2.9) frees at once. Each load must fail cleanly,
 * with our error, and nothing may read freed memory. */
static void test_refusal_in_start_tag_while_validating(void **state)
{
    (void)state;
    const char *no_ns = "<plan xmlns='urn:libgoals:plan:1' id='p'>\n"
                        "<foo xmlns='' first-attribute='a value long enough' second='2'/></plan>";
    assert_int_equal(load(no_ns, 1), GOALS_EINVALID);
    assert_string_equal(test_error_text(), "<memory>:2:1: element 'foo' is in no namespace: a plan's elements are "
                                           "in urn:libgoals:plan:1, extensions in a namespace of their own");
    /* The depth limit, on an element of ours with attributes. */
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    opts.flags = GOALS_LOAD_VALIDATE;
    opts.schema_dir = GOALS_SOURCE_DIR "/libgoals/schema";
    opts.max_depth = 2;
    const char *deep = "<plan xmlns='urn:libgoals:plan:1' id='p'><goal id='g1'><goal id='g2' weight='1'/></goal></plan>";
    goals_plan *p = (goals_plan *)1;
    assert_int_equal(goals_plan_load_memory(&p, deep, strlen(deep), &opts), GOALS_ELIMIT);
    assert_null(p);
    assert_string_equal(test_error_text(), "<memory>:1:56: elements nested deeper than the limit of 2 levels");
    /* An unknown root, refused by the root hook. */
    assert_int_equal(load("<nothing-known xmlns='urn:x' a='1' b='2'/>", 1), GOALS_EINVALID);
    assert_int_equal(goals_error_last()->column, 1);
}

/* A load that fails while validating leaves nothing of libxml2's behind.
 * libxml2 2.9's XSD validator, unplugged, emptied its cache of key
 * matchers before it put there those of the elements still open, and
 * xmlSchemaFreeValidCtxt left them: 584 bytes a failed load. Counted by
 * the allocator above, once the process's first validation has set up the
 * XSD's built-in types (kept until exit). */
static void test_failed_validation_frees_all(void **state)
{
    (void)state;
    static const char *const docs[] = {
        "<plan xmlns='urn:libgoals:plan:1' id='p'><measure id='m'/><goal id='a' weight='x'/></plan>",
        "<plan xmlns='urn:libgoals:plan:1' id='p'><goal id='a'></plan>",
        "<plan xmlns='urn:libgoals:plan:1' id='p'><goal id='a'><foo xmlns='' a='1'/></goal></plan>",
    };
    static const int codes[] = {GOALS_ESCHEMA, GOALS_EPARSE, GOALS_EINVALID};
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        assert_int_equal(load(docs[i], 1), codes[i]);
        long before = live_blocks;
        for (int k = 0; k < 3; k++)
            assert_int_equal(load(docs[i], 1), codes[i]);
        assert_int_equal(live_blocks, before);
    }
}

/* A NUL byte's column after a UTF-8 byte order mark: the mark is not a
 * column, for the feed's check as for libxml2 and the positions of our own
 * errors. */
static void test_nul_after_byte_order_mark(void **state)
{
    (void)state;
    static const char with[] = "\xEF\xBB\xBF<plan xmlns='urn:libgoals:plan:1' id='p'>\0</plan>";
    static const char without[] = "<plan xmlns='urn:libgoals:plan:1' id='p'>\0</plan>";
    const char *expected = "<memory>:1:42: not well-formed: a NUL byte (U+0000 is not an XML character)";
    goals_plan *p = (goals_plan *)1;
    assert_int_equal(goals_plan_load_memory(&p, without, sizeof without - 1, NULL), GOALS_EPARSE);
    assert_string_equal(test_error_text(), expected);
    assert_int_equal(goals_plan_load_memory(&p, with, sizeof with - 1, NULL), GOALS_EPARSE);
    assert_null(p);
    assert_string_equal(test_error_text(), expected);
    /* On the next line, the mark is long gone. */
    static const char later[] = "\xEF\xBB\xBF<plan xmlns='urn:libgoals:plan:1' id='p'>\n <goal>\0</goal></plan>";
    assert_int_equal(goals_plan_load_memory(&p, later, sizeof later - 1, NULL), GOALS_EPARSE);
    assert_string_equal(test_error_text(), "<memory>:2:8: not well-formed: a NUL byte (U+0000 is not an XML character)");
}

/* The document's first error is the one reported, also when the feed
 * refuses a NUL that libxml2's read-ahead reached before it parsed an
 * error further up: the bytes before the NUL go to the parser first. */
static void test_first_error_before_a_nul(void **state)
{
    (void)state;
    static const char mismatch_then_nul[] = "<plan xmlns='urn:libgoals:plan:1' id='p'>\n<goal id='a'>\n"
                                            "<title>x</titl>\n</goal>\n\0</plan>\n";
    static const char nul_then_mismatch[] = "<plan xmlns='urn:libgoals:plan:1' id='p'>\n<goal id='a'>\n"
                                            "<title>x\0</titl>\n</goal>\n</plan>\n";
    static const char trailing[] = "<plan xmlns='urn:libgoals:plan:1' id='p'/>\n\0\0";
    for (int validate = 0; validate <= 1; validate++) {
        goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
        if (validate) {
            opts.flags = GOALS_LOAD_VALIDATE;
            opts.schema_dir = GOALS_SOURCE_DIR "/libgoals/schema";
        }
        goals_plan *p = (goals_plan *)1;
        assert_int_equal(goals_plan_load_memory(&p, mismatch_then_nul, sizeof mismatch_then_nul - 1, &opts),
                         GOALS_EPARSE);
        assert_null(p);
        assert_int_equal(goals_error_last()->line, 3);
        assert_int_equal(goals_error_last()->column, 16);
        assert_non_null(strstr(goals_error_last()->message, "titl"));
        assert_int_equal(goals_plan_load_memory(&p, nul_then_mismatch, sizeof nul_then_mismatch - 1, &opts),
                         GOALS_EPARSE);
        assert_string_equal(test_error_text(), "<memory>:3:9: not well-formed: a NUL byte (U+0000 is not an XML character)");
        /* After the root, where the parser may never ask for the rest. */
        assert_int_equal(goals_plan_load_memory(&p, trailing, sizeof trailing - 1, &opts), GOALS_EPARSE);
        assert_string_equal(test_error_text(), "<memory>:2:1: not well-formed: a NUL byte (U+0000 is not an XML character)");
    }
}

/* Columns count characters, as libxml2's do, also in a document declared
 * ISO-8859-1 (one byte a character, converted by libxml2): the same plan
 * in UTF-8 and in Latin-1 gives the same places. */
static void test_latin1_columns(void **state)
{
    (void)state;
    static const char *const decl[] = {"UTF-8", "ISO-8859-1"};
    static const char *const title[] = {"\xC2\xB0\xC2\xB1\xC2\xAB\xC2\xBB", "\xB0\xB1\xAB\xBB"};
    for (int i = 0; i < 2; i++) {
        char doc[512];
        int n = snprintf(doc, sizeof doc,
                         "<?xml version='1.0' encoding='%s'?>\n<plan xmlns='urn:libgoals:plan:1' id='p'>\n"
                         "<title>%s</title><goal id='a' weight='x'/>\n</plan>\n",
                         decl[i], title[i]);
        goals_plan *p = (goals_plan *)1;
        assert_int_equal(goals_plan_load_memory(&p, doc, (size_t)n, NULL), GOALS_EINVALID);
        assert_string_equal(test_error_text(), "<memory>:3:33: goal 'a': bad weight 'x' (not a number)");
        /* A NUL's place too (the feed's own count). */
        n = snprintf(doc, sizeof doc,
                     "<?xml version='1.0' encoding='%s'?>\n<plan xmlns='urn:libgoals:plan:1' id='p'>\n"
                     "<title>%s", decl[i], title[i]);
        doc[n++] = '\0';
        n += snprintf(doc + n, sizeof doc - (size_t)n, "</title></plan>\n");
        assert_int_equal(goals_plan_load_memory(&p, doc, (size_t)n, NULL), GOALS_EPARSE);
        assert_string_equal(test_error_text(), "<memory>:3:12: not well-formed: a NUL byte (U+0000 is not an XML character)");
        /* And when it is read again through a window (gzip input). */
        n = snprintf(doc, sizeof doc,
                     "<?xml version='1.0' encoding='%s'?>\n<plan xmlns='urn:libgoals:plan:1' id='p'>\n"
                     "<title>%s</title><goal id='a' weight='x'/>\n</plan>\n",
                     decl[i], title[i]);
        size_t zn;
        unsigned char *z = test_gzip_bytes(doc, (size_t)n, 6, &zn);
        assert_int_equal(goals_plan_load_memory(&p, z, zn, NULL), GOALS_EINVALID);
        assert_string_equal(test_error_text(), "<memory>:3:33: goal 'a': bad weight 'x' (not a number)");
        free(z);
    }
}

/* An element's text is capped (libxml2 caps one text node at 10 MB, but
 * SAX2 hands text over in pieces): over the cap by one byte is refused at
 * the element, exactly at the cap it loads. */
static void test_text_limit(void **state)
{
    (void)state;
    const size_t cap = 10000000;
    static const char head[] = "<plan xmlns='urn:libgoals:plan:1' id='p'>\n  <title>";
    static const char tail[] = "</title></plan>\n";
    size_t n = sizeof head - 1 + cap + 1 + sizeof tail - 1;
    char *doc = malloc(n);
    assert_non_null(doc);
    memcpy(doc, head, sizeof head - 1);
    memset(doc + sizeof head - 1, 'a', cap + 1);
    memcpy(doc + sizeof head - 1 + cap + 1, tail, sizeof tail - 1);
    goals_plan *p = (goals_plan *)1;
    assert_int_equal(goals_plan_load_memory(&p, doc, n, NULL), GOALS_ELIMIT);
    assert_null(p);
    assert_string_equal(test_error_text(), "<memory>:2:3: text longer than the limit of 10000000 bytes");
    /* One byte less: the whole title. */
    memmove(doc + sizeof head - 1 + cap, tail, sizeof tail - 1);
    assert_int_equal(goals_plan_load_memory(&p, doc, n - 1, NULL), GOALS_OK);
    assert_int_equal(strlen(goals_plan_title(p, NULL)), cap);
    goals_plan_free(p);
    free(doc);
}

int main(void)
{
    /* Before libxml2 allocates anything: every block must be freed by the
     * allocator that made it. */
    xmlMemSetup(guard_free, guard_malloc, guard_realloc, guard_strdup);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_error_while_validating),
        cmocka_unit_test(test_refusal_in_start_tag_while_validating),
        cmocka_unit_test(test_nul_after_byte_order_mark),
        cmocka_unit_test(test_first_error_before_a_nul),
        cmocka_unit_test(test_latin1_columns),
        cmocka_unit_test(test_text_limit),
        cmocka_unit_test(test_failed_validation_frees_all),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
