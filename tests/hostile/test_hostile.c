/* The bad-input suite: each hostile input, loaded in a forked child under
 * RLIMIT_CPU and RLIMIT_AS (bounded.h), ends in a clear error within
 * bounded time and memory. The large inputs (100 MB attribute, gzip bomb,
 * 10 MB CSV field) are in test_hostile_large.c, kept out of the valgrind
 * pass. Messages are compared by their own words, never libxml2's. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>
#include <cmocka.h>

#include "bounded.h"
#include "goals/goals.h"
#include "util/alloc.h"

/* Every small input here fits in this. */
static const bounded_limits SMALL = {256, 20};

/* ------------------------------------------------------------------ jobs */

typedef struct load_job {
    const char *data;
    size_t size;
    const char *path; /* a file instead of data */
    const char *must_not_contain; /* e.g. a secret an entity would have read */
} load_job;

/* Loads, and when it loads, checks the plan's saved text for the secret. */
static int load_it(void *arg)
{
    load_job *j = arg;
    goals_plan *p = NULL;
    int rc = j->path ? goals_plan_load_file(&p, j->path, NULL) : goals_plan_load_memory(&p, j->data, j->size, NULL);
    if (rc != GOALS_OK) {
        if (p)
            return 99; /* a failure must leave no plan */
        return rc;
    }
    if (j->must_not_contain) {
        char *text = NULL;
        size_t n = 0;
        if (goals_plan_save_memory(p, &text, &n, NULL) == GOALS_OK && strstr(text, j->must_not_contain))
            rc = 98;
        goals_free(text);
    }
    goals_plan_free(p);
    return rc;
}

static bounded_outcome load_bounded(const char *xml, size_t size, bounded_limits lim)
{
    load_job j = {xml, size, NULL, NULL};
    bounded_outcome o;
    bounded_run(&o, load_it, &j, lim);
    return o;
}

#define EXPECT_LOAD(xml, rc)                                                   \
    do {                                                                       \
        bounded_outcome o_ = load_bounded((xml), strlen(xml), SMALL);          \
        bounded_expect(&o_, (rc), SMALL);                                      \
    } while (0)

/* A plan around a body: <plan ...>body</plan>. */
static char *plan_with(const char *body)
{
    const char *head = "<plan xmlns='urn:libgoals:plan:1' id='p'>";
    char *s = malloc(strlen(head) + strlen(body) + 16);
    assert_non_null(s);
    sprintf(s, "%s%s</plan>", head, body);
    return s;
}

/* The loader reports a document that breaks a rule as GOALS_EINVALID, with
 * the rule in the message; the API functions behind it (period parsing,
 * adding an object) have their own codes. Either is a clear error. */
static void expect_body(const char *body, int rc, const char *fragment)
{
    char *xml = plan_with(body);
    bounded_outcome o = load_bounded(xml, strlen(xml), SMALL);
    if (o.exited && o.rc == GOALS_EINVALID && rc != GOALS_OK && rc != GOALS_EPARSE)
        rc = GOALS_EINVALID;
    bounded_expect(&o, rc, SMALL);
    if (fragment && !strstr(o.message, fragment))
        fail_msg("message \"%s\" does not mention \"%s\"", o.message, fragment);
    /* A document error names its place: <memory>:LINE:COL. */
    if (rc != GOALS_OK && o.line == 0)
        fail_msg("no line in \"%s\"", o.message);
    free(xml);
}

/* -------------------------------------------------------- entity attacks */

static void test_billion_laughs(void **state)
{
    (void)state;
    /* Ten levels of ten: 10^9 "lol"s, 3 GB expanded. */
    char xml[4096];
    size_t n = (size_t)sprintf(xml, "<?xml version='1.0'?>\n<!DOCTYPE plan [\n <!ENTITY lol0 'lol'>\n");
    for (int i = 1; i <= 9; i++) {
        n += (size_t)sprintf(xml + n, " <!ENTITY lol%d '", i);
        for (int k = 0; k < 10; k++)
            n += (size_t)sprintf(xml + n, "&lol%d;", i - 1);
        n += (size_t)sprintf(xml + n, "'>\n");
    }
    sprintf(xml + n, "]>\n<plan xmlns='urn:libgoals:plan:1' id='p'><title>&lol9;</title></plan>");
    bounded_outcome o = load_bounded(xml, strlen(xml), SMALL);
    bounded_expect(&o, GOALS_EINVALID, SMALL);
    assert_non_null(strstr(o.message, "DOCTYPE is not allowed"));
    if (!bounded_instrumented()) /* valgrind is 50 times slower; CPU is bounded anyway */
        assert_true(o.seconds < 10);
}

static void test_quadratic_blowup(void **state)
{
    (void)state;
    /* One 64 KB entity referenced 20 000 times: 1.3 GB from 200 KB, which
     * no expansion ratio check catches (each reference is small). */
    size_t big = 64 * 1024, refs = 20000;
    char *xml = malloc(big + refs * 4 + 512);
    assert_non_null(xml);
    char *p = xml + sprintf(xml, "<!DOCTYPE plan [<!ENTITY a '");
    memset(p, 'a', big);
    p += big;
    p += sprintf(p, "'>]><plan xmlns='urn:libgoals:plan:1' id='p'><title>");
    for (size_t i = 0; i < refs; i++)
        p += sprintf(p, "&a;");
    strcpy(p, "</title></plan>");
    bounded_outcome o = load_bounded(xml, strlen(xml), SMALL);
    bounded_expect(&o, GOALS_EINVALID, SMALL);
    free(xml);
}

static void test_many_attributes(void **state)
{
    (void)state;
    /* 100 000 attributes on one element (1.4 MB): libxml2 2.9 checks each
     * against all before it, 20 s; refused first by a linear scan. */
    size_t count = 100000;
    char *xml = malloc(count * 16 + 256);
    assert_non_null(xml);
    char *p = xml + sprintf(xml, "<plan xmlns='urn:libgoals:plan:1' id='p'>\n  <goal id='g'");
    for (size_t i = 0; i < count; i++)
        p += sprintf(p, " a%zu='1'", i);
    strcpy(p, "/></plan>");
    bounded_outcome o = load_bounded(xml, strlen(xml), SMALL);
    bounded_expect(&o, GOALS_ELIMIT, SMALL);
    assert_string_equal(o.message, "<memory>:2:3: an element with more than 256 attributes (namespace declarations included)");
    if (!bounded_instrumented()) /* valgrind is 50 times slower; CPU is bounded anyway */
        assert_true(o.seconds < 2);
    /* Namespace declarations likewise. */
    p = xml + sprintf(xml, "<plan xmlns='urn:libgoals:plan:1' id='p'");
    for (size_t i = 0; i < count / 2; i++)
        p += sprintf(p, " xmlns:p%zu='urn:%zu'", i, i);
    strcpy(p, "/>");
    o = load_bounded(xml, strlen(xml), SMALL);
    bounded_expect(&o, GOALS_ELIMIT, SMALL);
    /* 250 foreign attributes are fine, and '=' in values, comments, CDATA
     * and text does not count. */
    p = xml + sprintf(xml, "<plan xmlns='urn:libgoals:plan:1' xmlns:x='urn:x' id='p'><goal id='g' title='a=b'");
    for (size_t i = 0; i < 250; i++)
        p += sprintf(p, " x:a%zu='=%zu='", i, i);
    p = stpcpy(p, "><!-- ");
    for (size_t i = 0; i < 1000; i++)
        p = stpcpy(p, "a=b ");
    p = stpcpy(p, "--><title><![CDATA[");
    for (size_t i = 0; i < 1000; i++)
        p = stpcpy(p, "x=y ");
    p = stpcpy(p, "]]>");
    for (size_t i = 0; i < 1000; i++)
        p = stpcpy(p, "1=1 ");
    strcpy(p, "</title></goal></plan>");
    goals_plan *plan;
    int rc = goals_plan_load_memory(&plan, xml, strlen(xml), NULL);
    /* 'title' is not an attribute of goal: refused for that, not the count. */
    assert_int_equal(rc, GOALS_EINVALID);
    assert_non_null(strstr(goals_error_last()->message, "title"));
    char *t = strstr(xml, " title='a=b'");
    memmove(t, t + 12, strlen(t + 12) + 1);
    assert_int_equal(goals_plan_load_memory(&plan, xml, strlen(xml), NULL), GOALS_OK);
    goals_plan_free(plan);
    free(xml);
}

/* A TCP listener on 127.0.0.1 that records whether anyone connected. */
static int listener(int *port)
{
    int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    assert_true(s >= 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(s, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(s, 8), 0);
    socklen_t len = sizeof a;
    assert_int_equal(getsockname(s, (struct sockaddr *)&a, &len), 0);
    *port = ntohs(a.sin_port);
    return s;
}

static void assert_nobody_connected(int s)
{
    int c = accept(s, NULL, NULL);
    if (c >= 0)
        fail_msg("the loader connected to the network");
    assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
    close(s);
}

static void test_external_entity_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/goals-hostile-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char secret_path[64], xml[512];
    snprintf(secret_path, sizeof secret_path, "%s/secret", dir);
    FILE *f = fopen(secret_path, "w");
    assert_non_null(f);
    fputs("TOP-SECRET-42", f);
    fclose(f);
    snprintf(xml, sizeof xml,
             "<?xml version='1.0'?><!DOCTYPE plan [<!ENTITY s SYSTEM 'file://%s'>]>"
             "<plan xmlns='urn:libgoals:plan:1' id='p'><title>&s;</title></plan>",
             secret_path);
    load_job j = {xml, strlen(xml), NULL, "TOP-SECRET"};
    bounded_outcome o;
    bounded_run(&o, load_it, &j, SMALL);
    bounded_expect(&o, GOALS_EINVALID, SMALL);
    assert_null(strstr(o.message, "TOP-SECRET"));
    /* A parameter entity, and /etc/passwd, the classic. */
    const char *pe = "<!DOCTYPE plan [<!ENTITY % p SYSTEM 'file:///etc/passwd'> %p;]>"
                     "<plan xmlns='urn:libgoals:plan:1' id='p'/>";
    EXPECT_LOAD(pe, GOALS_EINVALID);
    /* XInclude is never processed: its element is foreign and skipped. */
    snprintf(xml, sizeof xml,
             "<plan xmlns='urn:libgoals:plan:1' xmlns:xi='http://www.w3.org/2001/XInclude' id='p'>"
             "<title>t<xi:include href='file://%s' parse='text'/></title></plan>",
             secret_path);
    load_job k = {xml, strlen(xml), NULL, "TOP-SECRET"};
    bounded_run(&o, load_it, &k, SMALL);
    bounded_expect(&o, GOALS_OK, SMALL);
    unlink(secret_path);
    rmdir(dir);
}

static void test_external_entity_network(void **state)
{
    (void)state;
    int port;
    int s = listener(&port);
    char xml[512];
    snprintf(xml, sizeof xml,
             "<?xml version='1.0'?><!DOCTYPE plan [<!ENTITY n SYSTEM 'http://127.0.0.1:%d/entity'>]>"
             "<plan xmlns='urn:libgoals:plan:1' id='p'><title>&n;</title></plan>",
             port);
    EXPECT_LOAD(xml, GOALS_EINVALID);
    snprintf(xml, sizeof xml,
             "<plan xmlns='urn:libgoals:plan:1' xmlns:xi='http://www.w3.org/2001/XInclude' id='p'>"
             "<xi:include href='http://127.0.0.1:%d/x.xml'/></plan>",
             port);
    EXPECT_LOAD(xml, GOALS_OK);
    assert_nobody_connected(s);
}

static void test_external_dtd(void **state)
{
    (void)state;
    int port;
    int s = listener(&port);
    char xml[512];
    snprintf(xml, sizeof xml,
             "<?xml version='1.0' standalone='no'?>\n<!DOCTYPE plan SYSTEM 'http://127.0.0.1:%d/plan.dtd'>\n"
             "<plan xmlns='urn:libgoals:plan:1' id='p'/>",
             port);
    bounded_outcome o = load_bounded(xml, strlen(xml), SMALL);
    bounded_expect(&o, GOALS_EINVALID, SMALL);
    assert_int_equal(o.line, 2);
    snprintf(xml, sizeof xml,
             "<!DOCTYPE plan PUBLIC '-//x//y' 'file:///etc/passwd'><plan xmlns='urn:libgoals:plan:1' id='p'/>");
    EXPECT_LOAD(xml, GOALS_EINVALID);
    /* A DOCTYPE after the root is not well-formed; still refused. */
    EXPECT_LOAD("<plan xmlns='urn:libgoals:plan:1' id='p'/><!DOCTYPE plan SYSTEM 'x.dtd'>", GOALS_EPARSE);
    assert_nobody_connected(s);
}

/* ----------------------------------------------------------- structure */

static void test_deep_nesting(void **state)
{
    (void)state;
    /* 100 000 nested elements, ours and foreign: refused at the depth cap,
     * with no recursion proportional to the input. */
    for (int foreign = 0; foreign < 2; foreign++) {
        size_t depth = 100000;
        const char *open = foreign ? "<x:e>" : "<goal id='g'>";
        const char *close = foreign ? "</x:e>" : "</goal>";
        char *xml = malloc(depth * (strlen(open) + strlen(close)) + 256);
        assert_non_null(xml);
        char *p = xml + sprintf(xml, "<plan xmlns='urn:libgoals:plan:1' xmlns:x='urn:x' id='p'>");
        for (size_t i = 0; i < depth; i++)
            p = stpcpy(p, open);
        for (size_t i = 0; i < depth; i++)
            p = stpcpy(p, close);
        strcpy(p, "</plan>");
        bounded_outcome o = load_bounded(xml, strlen(xml), SMALL);
        if (!(o.exited && (o.rc == GOALS_ELIMIT || o.rc == GOALS_EPARSE)))
            bounded_expect(&o, GOALS_ELIMIT, SMALL);
        bounded_expect(&o, o.rc, SMALL);
        free(xml);
    }
}

/* --------------------------------------------------------------- bytes */

static void test_invalid_utf8(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "\xC3\x28",             /* bad continuation */
        "\xE2\x82",             /* truncated sequence */
        "\xC0\xAF",             /* overlong '/' */
        "\xED\xA0\x80",         /* a UTF-16 surrogate */
        "\xF4\x90\x80\x80",     /* above U+10FFFF */
        "\xFF",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char body[128];
        snprintf(body, sizeof body, "<title>a%sb</title>", bad[i]);
        expect_body(body, GOALS_EPARSE, NULL);
        snprintf(body, sizeof body, "<goal id='g'><title>x</title><task>%s</task></goal>", bad[i]);
        expect_body(body, GOALS_EPARSE, NULL);
    }
    /* In an attribute value. */
    expect_body("<measure id='m' unit='\xE4\xBA'/>", GOALS_EPARSE, NULL);
}

static void test_declared_encoding(void **state)
{
    (void)state;
    /* A declared Latin-1 document is transcoded by libxml2: é arrives as
     * UTF-8 (a plan is text; its bytes on load need not be UTF-8 ones). */
    const char latin1[] = "<?xml version='1.0' encoding='ISO-8859-1'?>"
                          "<plan xmlns='urn:libgoals:plan:1' id='p'><title>caf\xE9</title></plan>";
    goals_plan *p = NULL;
    int rc = goals_plan_load_memory(&p, latin1, sizeof latin1 - 1, NULL);
    if (rc == GOALS_OK) {
        assert_string_equal(goals_plan_title(p, NULL), "caf\xC3\xA9");
        goals_plan_free(p);
    } else {
        assert_int_equal(rc, GOALS_EUNSUPPORTED);
    }
    /* Declared UTF-16 on ASCII bytes, an unknown encoding, and EBCDIC
     * bytes: each a clean refusal, never a misread. */
    bounded_outcome o;
    const char *u16 = "<?xml version='1.0' encoding='UTF-16'?><plan xmlns='urn:libgoals:plan:1' id='p'/>";
    o = load_bounded(u16, strlen(u16), SMALL);
    assert_true(o.exited);
    assert_true(o.rc == GOALS_EPARSE || o.rc == GOALS_EUNSUPPORTED);
    const char *unknown = "<?xml version='1.0' encoding='X-NO-SUCH'?><plan xmlns='urn:libgoals:plan:1' id='p'/>";
    o = load_bounded(unknown, strlen(unknown), SMALL);
    assert_true(o.exited);
    assert_true(o.rc == GOALS_EPARSE || o.rc == GOALS_EUNSUPPORTED);
    static const char utf32[] = "\x00\x00\xFE\xFF\x00\x00\x00<";
    o = load_bounded(utf32, sizeof utf32 - 1, SMALL);
    bounded_expect(&o, GOALS_EUNSUPPORTED, SMALL);
}

static void test_nul_bytes(void **state)
{
    (void)state;
    static const char in_text[] = "<plan xmlns='urn:libgoals:plan:1' id='p'><title>a\0b</title></plan>";
    bounded_outcome o = load_bounded(in_text, sizeof in_text - 1, SMALL);
    bounded_expect(&o, GOALS_EPARSE, SMALL);
    static const char in_attr[] = "<plan xmlns='urn:libgoals:plan:1' id='p\0q'/>";
    o = load_bounded(in_attr, sizeof in_attr - 1, SMALL);
    bounded_expect(&o, GOALS_EPARSE, SMALL);
    static const char leading[] = "\0<plan xmlns='urn:libgoals:plan:1' id='p'/>";
    o = load_bounded(leading, sizeof leading - 1, SMALL);
    assert_true(o.exited && o.rc != GOALS_OK);
    static const char trailing[] = "<plan xmlns='urn:libgoals:plan:1' id='p'/>\0\0\0";
    o = load_bounded(trailing, sizeof trailing - 1, SMALL);
    bounded_expect(&o, GOALS_EPARSE, SMALL);
    /* Character references to NUL and other non-characters. */
    expect_body("<title>a&#0;b</title>", GOALS_EPARSE, NULL);
    expect_body("<title>a&#x1;b</title>", GOALS_EPARSE, NULL);
    expect_body("<title>a&#xFFFE;b</title>", GOALS_EPARSE, NULL);
    expect_body("<title>a&#x110000;b</title>", GOALS_EPARSE, NULL);
    /* An empty input and white space only. */
    o = load_bounded("", 0, SMALL);
    bounded_expect(&o, GOALS_EPARSE, SMALL);
    o = load_bounded("  \n", 3, SMALL);
    bounded_expect(&o, GOALS_EPARSE, SMALL);
}

/* ----------------------------------------------------------------- gzip */

static unsigned char *gzip_of(const char *s, size_t *n)
{
    uLong bound = compressBound((uLong)strlen(s)) + 32;
    unsigned char *out = malloc(bound);
    assert_non_null(out);
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    assert_int_equal(deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    zs.next_in = (Bytef *)(uintptr_t)s;
    zs.avail_in = (uInt)strlen(s);
    zs.next_out = out;
    zs.avail_out = (uInt)bound;
    assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
    *n = zs.total_out;
    deflateEnd(&zs);
    return out;
}

static void test_truncated_gzip(void **state)
{
    (void)state;
    const char *xml = "<plan xmlns='urn:libgoals:plan:1' id='p'><title>truncated gzip</title>"
                      "<measure id='m' unit='%'/></plan>";
    size_t n;
    unsigned char *gz = gzip_of(xml, &n);
    /* The whole stream loads; every shorter prefix fails cleanly. */
    bounded_outcome o = load_bounded((const char *)gz, n, SMALL);
    bounded_expect(&o, GOALS_OK, SMALL);
    char dir[] = "/tmp/goals-hostile-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/t.xml.gz", dir);
    for (size_t cut = 2; cut < n; cut += (cut < 24 ? 1 : 7)) {
        o = load_bounded((const char *)gz, cut, SMALL);
        if (!(o.exited && o.rc == GOALS_EPARSE))
            fail_msg("%zu of %zu bytes from memory: status %d: %s", cut, n, o.rc, o.message);
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(gz, 1, cut, f), cut);
        fclose(f);
        load_job j = {NULL, 0, path, NULL};
        bounded_run(&o, load_it, &j, SMALL);
        if (!(o.exited && o.rc == GOALS_EPARSE))
            fail_msg("%zu of %zu bytes from a file: status %d: %s", cut, n, o.rc, o.message);
    }
    /* A corrupt byte in the deflate data or the CRC. */
    for (size_t at = 10; at < n; at += 5) {
        unsigned char save = gz[at];
        gz[at] ^= 0x5a;
        o = load_bounded((const char *)gz, n, SMALL);
        assert_true(o.exited);
        assert_true(o.rc != GOALS_OK || at < n - 8); /* a CRC or length error is always caught */
        gz[at] = save;
    }
    unlink(path);
    rmdir(dir);
    free(gz);
}

/* --------------------------------------------------------------- numbers */

static void test_numbers_that_overflow(void **state)
{
    (void)state;
    const char *m = "<measure id='m' unit='%'/>";
    char body[2048];
    static const char *const values[] = {"1e999", "-1e400", "1e-99999",
                                         "99999999999999999999999999999999999999999999999999999999999999999999"
                                         "99999999999999999999999999999999999999999999999999999999999999999999"
                                         "99999999999999999999999999999999999999999999999999999999999999999999"
                                         "99999999999999999999999999999999999999999999999999999999999999999999"
                                         "99999999999999999999999999999999999999999999999999999999999999999999"};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        char *xml;
        snprintf(body, sizeof body, "%s<observation measure='m' period='2024' value='%s'/>", m, values[i]);
        xml = plan_with(body);
        goals_plan *p = NULL;
        int rc = goals_plan_load_memory(&p, xml, strlen(xml), NULL);
        if (i == 2) {
            /* Underflow to a denormal or zero is a number, not an error. */
            assert_true(rc == GOALS_OK || rc == GOALS_ERANGE || rc == GOALS_EINVALID);
        } else {
            if (rc != GOALS_ERANGE && rc != GOALS_EINVALID)
                fail_msg("value %.20s: status %d: %s", values[i], rc, goals_error_last()->message);
            assert_null(p);
            assert_true(goals_error_last()->line > 0);
        }
        goals_plan_free(p);
        free(xml);
    }
    expect_body("<measure id='m' unit='%' scale='1e400'/>", GOALS_ERANGE, NULL);
    expect_body("<goal id='g' weight='1e400'/>", GOALS_ERANGE, NULL);
    expect_body("<measure id='m' unit='count'/><goal id='g'><target id='t' measure='m' kind='streak' op='ge' "
                "value='1' streak='99999999999999999999' deadline='2026'/></goal>",
                GOALS_ERANGE, NULL);
    /* A unit conversion that overflows: 1e300 yuan in a measure of 1e-300 yuan. */
    expect_body("<measure id='m' unit='CNY' scale='1e-300'/>"
                "<observation measure='m' period='2024' value='1e300' unit='CNY'/>",
                GOALS_ERANGE, NULL);
    /* In CSV. */
    goals_plan *p;
    assert_int_equal(goals_plan_new(&p, "p"), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(NULL, p, "m", "%", 1), GOALS_OK);
    const char *csv = "measure,period,value\nm,2024,1e999\n";
    int rc = goals_plan_load_observations_memory(p, csv, strlen(csv), NULL, 0);
    assert_true(rc == GOALS_ERANGE || rc == GOALS_EINVALID);
    assert_int_equal(goals_error_last()->line, 2);
    assert_int_equal(goals_plan_observation_count(p), 0);
    goals_plan_free(p);
}

static void test_nan_and_infinities(void **state)
{
    (void)state;
    static const char *const values[] = {"NaN", "nan", "-nan", "inf", "-inf", "Infinity", "+INF", "0x1p3", "1,5",
                                         " 1", "1 ", ""};
    goals_plan *p;
    assert_int_equal(goals_plan_new(&p, "p"), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(NULL, p, "m", "%", 1), GOALS_OK);
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        char body[256], csv[256];
        snprintf(body, sizeof body, "<measure id='m' unit='%%'/><observation measure='m' period='2024' value='%s'/>",
                 values[i]);
        char *xml = plan_with(body);
        goals_plan *q = NULL;
        int rc = goals_plan_load_memory(&q, xml, strlen(xml), NULL);
        if (rc == GOALS_OK)
            fail_msg("value '%s' loaded", values[i]);
        assert_true(rc == GOALS_ERANGE || rc == GOALS_EINVALID);
        assert_null(q);
        free(xml);
        snprintf(body, sizeof body,
                 "<measure id='m' unit='%%'/><goal id='g'><target id='t' measure='m' kind='reach' op='ge' "
                 "value='%s' deadline='2026'/></goal>",
                 values[i]);
        xml = plan_with(body);
        rc = goals_plan_load_memory(&q, xml, strlen(xml), NULL);
        assert_true(rc == GOALS_ERANGE || rc == GOALS_EINVALID);
        free(xml);
        snprintf(csv, sizeof csv, "measure,period,value\nm,2024,%s\n", values[i]);
        rc = goals_plan_load_observations_memory(p, csv, strlen(csv), NULL, 0);
        if (rc == GOALS_OK)
            fail_msg("CSV value '%s' loaded", values[i]);
        assert_int_equal(goals_plan_observation_count(p), 0);
    }
    /* Through the API too: a NaN or infinite value is refused. */
    goals_period y;
    assert_int_equal(goals_period_parse(&y, "2024"), GOALS_OK);
    goals_measure *m = goals_plan_find_measure(p, "m");
    assert_int_equal(goals_measure_add_observation(m, &y, NAN, NULL), GOALS_ERANGE);
    assert_int_equal(goals_measure_add_observation(m, &y, INFINITY, NULL), GOALS_ERANGE);
    assert_int_equal(goals_measure_add_observation(m, &y, -INFINITY, NULL), GOALS_ERANGE);
    assert_int_equal(goals_plan_observation_count(p), 0);
    goals_plan_free(p);
}

/* ---------------------------------------------------------------- periods */

static void test_bad_periods(void **state)
{
    (void)state;
    static const char *const bad[] = {"2026-13", "0000", "0000-01-01", "2026-00", "2026-02-30", "2023-02-29",
                                      "2026-Q0", "2026-Q5", "10000", "-2026", "2026-07-32", "2026-1",
                                      "2026/2027", "2026-01-02/2026-01-01", "99999999999999999999", "2026-W01"};
    goals_period per;
    goals_plan *p;
    assert_int_equal(goals_plan_new(&p, "p"), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(NULL, p, "m", "%", 1), GOALS_OK);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (goals_period_parse(&per, bad[i]) != GOALS_EPERIOD)
            fail_msg("period '%s' parsed", bad[i]);
        assert_non_null(strstr(goals_error_last()->message, bad[i]));
        char body[256], csv[128];
        snprintf(body, sizeof body,
                 "<measure id='m' unit='%%'/><goal id='g'><target id='t' measure='m' kind='reach' op='ge' "
                 "value='1' deadline='%s'/></goal>",
                 bad[i]);
        expect_body(body, GOALS_EPERIOD, bad[i]);
        snprintf(body, sizeof body, "<measure id='m' unit='%%'/><observation measure='m' period='%s' value='1'/>",
                 bad[i]);
        expect_body(body, GOALS_EPERIOD, NULL);
        snprintf(csv, sizeof csv, "measure,period,value\nm,%s,1\n", bad[i]);
        int rc = goals_plan_load_observations_memory(p, csv, strlen(csv), NULL, 0);
        if (rc != GOALS_EPERIOD && rc != GOALS_EINVALID)
            fail_msg("CSV period '%s': status %d", bad[i], rc);
        assert_int_equal(goals_error_last()->line, 2);
        assert_non_null(strstr(goals_error_last()->message, bad[i]));
    }
    /* The edges that are fine. */
    assert_int_equal(goals_period_parse(&per, "0001-01-01"), GOALS_OK);
    assert_int_equal(goals_period_parse(&per, "9999-12-31"), GOALS_OK);
    assert_int_equal(goals_period_parse(&per, "2024-02-29"), GOALS_OK);
    assert_int_equal(goals_date_from_ymd(&per.start, 0, 1, 1), GOALS_EPERIOD);
    goals_plan_free(p);
}

/* ------------------------------------------------------- model integrity */

static void test_self_referencing_derived(void **state)
{
    (void)state;
    expect_body("<measure id='a' unit='%' derived='share' numerator='a' denominator='b'/>"
                "<measure id='b' unit='%'/>",
                GOALS_EINVALID, NULL);
    expect_body("<measure id='a' unit='%' derived='ratio' numerator='b' denominator='a'/>"
                "<measure id='b' unit='%'/>",
                GOALS_EINVALID, NULL);
    /* A cycle through two derived measures. */
    expect_body("<measure id='x' unit='%'/>"
                "<measure id='a' unit='%' derived='ratio' numerator='b' denominator='x'/>"
                "<measure id='b' unit='%' derived='ratio' numerator='a' denominator='x'/>",
                GOALS_EINVALID, NULL);
    /* And through the API. */
    goals_plan *p;
    goals_measure *a, *b, *c;
    assert_int_equal(goals_plan_new(&p, "p"), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(&a, p, "a", "%", 1), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(&b, p, "b", "%", 1), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(&c, p, "c", "%", 1), GOALS_OK);
    assert_int_not_equal(goals_measure_set_derived(a, GOALS_DERIVED_RATIO, a, b), GOALS_OK);
    assert_int_equal(goals_measure_set_derived(a, GOALS_DERIVED_RATIO, b, c), GOALS_OK);
    assert_int_not_equal(goals_measure_set_derived(b, GOALS_DERIVED_RATIO, a, c), GOALS_OK);
    assert_int_not_equal(goals_measure_set_derived(c, GOALS_DERIVED_RATIO, c, c), GOALS_OK);
    goals_plan_free(p);
}

static void test_duplicate_ids(void **state)
{
    (void)state;
    expect_body("<measure id='m' unit='%'/><measure id='m' unit='%'/>", GOALS_EEXISTS, "m");
    expect_body("<goal id='g'/><goal id='g'/>", GOALS_EEXISTS, NULL);
    expect_body("<goal id='g'><goal id='g'/></goal>", GOALS_EEXISTS, NULL);
    expect_body("<measure id='m' unit='%'/><goal id='g'>"
                "<target id='t' measure='m' kind='reach' op='ge' value='1' deadline='2026'/>"
                "<target id='t' measure='m' kind='reach' op='ge' value='2' deadline='2026'/></goal>",
                GOALS_EEXISTS, NULL);
    /* Two observations for the same measure and period. */
    expect_body("<measure id='m' unit='%'/><observation measure='m' period='2024' value='1'/>"
                "<observation measure='m' period='2024' value='2'/>",
                GOALS_EEXISTS, NULL);
    /* Many distinct ids stay fast (hash tables, not lists). */
    size_t count = 20000;
    char *body = malloc(count * 40 + 64);
    assert_non_null(body);
    char *q = body;
    for (size_t i = 0; i < count; i++)
        q += sprintf(q, "<measure id='m%zu' unit='%%'/>", i);
    q += sprintf(q, "<measure id='m%zu' unit='%%'/>", count / 2);
    char *xml = plan_with(body);
    bounded_outcome o = load_bounded(xml, strlen(xml), SMALL);
    bounded_expect(&o, GOALS_EINVALID, SMALL);
    assert_non_null(strstr(o.message, "duplicate id"));
    if (!bounded_instrumented()) /* valgrind is 50 times slower; CPU is bounded anyway */
        assert_true(o.seconds < 10);
    free(xml);
    free(body);
}

static void test_target_missing_measure(void **state)
{
    (void)state;
    expect_body("<measure id='m' unit='%'/>\n<goal id='g'><target id='t' measure='nope' kind='reach' op='ge' "
                "value='1' deadline='2026'/></goal>",
                GOALS_ENOTFOUND, "nope");
    expect_body("<observation measure='nope' period='2024' value='1'/>", GOALS_ENOTFOUND, "nope");
    expect_body("<measure id='m' unit='%' derived='share' numerator='nope' denominator='m2'/>", GOALS_ENOTFOUND,
                NULL);
}

/* ------------------------------------------------- observation order */

/* n observations of one measure, days counting down (reverse) or scattered
 * (a multiplicative permutation), then the given tail. */
static char *observations_doc(size_t n, int scattered, const char *tail)
{
    char *xml = malloc(n * 64 + strlen(tail) + 256);
    assert_non_null(xml);
    char *p = xml + sprintf(xml, "<plan xmlns='urn:libgoals:plan:1' id='p'>\n<measure id='m' unit='%%'/>\n");
    for (size_t i = 0; i < n; i++) {
        size_t k = scattered ? (i * 7919) % n : n - 1 - i;
        int32_t day = (int32_t)k - 200000; /* from about 1422 on */
        char date[16];
        assert_int_equal(goals_date_format(day, date, sizeof date), 10);
        p += sprintf(p, "<observation measure='m' period='%s' value='%zu'/>\n", date, i);
    }
    p = stpcpy(p, tail);
    strcpy(p, "</plan>\n");
    return xml;
}

static void test_observations_in_any_order(void **state)
{
    (void)state;
    /* Kept sorted on every insert, 100 000 observations written newest
     * first took minutes (each insert moved the whole array): now one sort. */
    const bounded_limits lim = {256, 20};
    for (int scattered = 0; scattered < 2; scattered++) {
        char *xml = observations_doc(100000, scattered, "");
        bounded_outcome o = load_bounded(xml, strlen(xml), lim);
        bounded_expect(&o, GOALS_OK, lim);
        if (!bounded_instrumented()) /* valgrind is 50 times slower; CPU is bounded anyway */
            assert_true(o.seconds < 5);
        free(xml);
    }
    /* Still sorted for the reader, and still all or nothing. */
    char *xml = observations_doc(1000, 1, "");
    goals_plan *p;
    assert_int_equal(goals_plan_load_memory(&p, xml, strlen(xml), NULL), GOALS_OK);
    const goals_measure *m = goals_plan_find_measure(p, "m");
    assert_int_equal(goals_measure_observation_count(m), 1000);
    for (size_t i = 1; i < 1000; i++) {
        goals_period a = goals_observation_period(goals_measure_observation_at(m, i - 1));
        goals_period b = goals_observation_period(goals_measure_observation_at(m, i));
        assert_true(a.end < b.end);
    }
    goals_period first = goals_observation_period(goals_measure_observation_at(m, 0));
    assert_int_equal(first.start, -200000);
    assert_non_null(goals_measure_find_observation(m, &first));
    goals_plan_free(p);
    free(xml);
    /* A duplicate after out-of-order ones is found where it is, as before. */
    xml = observations_doc(1000, 1, "  <observation measure='m' period='1422-06-03' value='1'/>\n");
    assert_int_equal(goals_plan_load_memory(&p, xml, strlen(xml), NULL), GOALS_EINVALID);
    assert_null(p);
    assert_int_equal(goals_error_last()->line, 1003);
    assert_int_equal(goals_error_last()->column, 3);
    assert_non_null(strstr(goals_error_last()->message, "a second value for 1422-06-03"));
    free(xml);
    /* The importers too: an IATI indicator with its periods newest first. */
    size_t np = 50000;
    char *iati = malloc(np * 160 + 512);
    assert_non_null(iati);
    char *q = iati + sprintf(iati, "<iati-activities version='2.03'><iati-activity>"
                                   "<iati-identifier>XM-X-1</iati-identifier><result type='1'>"
                                   "<indicator measure='1'><title><narrative>i</narrative></title>");
    for (size_t i = np; i > 0; i--) {
        char date[16];
        assert_int_equal(goals_date_format((int32_t)i - 100000, date, sizeof date), 10);
        q += sprintf(q, "<period><period-start iso-date='%s'/><period-end iso-date='%s'/><actual value='%zu'/></period>",
                     date, date, i);
    }
    strcpy(q, "</indicator></result></iati-activity></iati-activities>");
    bounded_outcome o = load_bounded(iati, strlen(iati), lim);
    bounded_expect(&o, GOALS_OK, lim);
    if (!bounded_instrumented())
        assert_true(o.seconds < 5);
    free(iati);
    /* And every allocation of it may fail cleanly. */
    xml = observations_doc(40, 1, "");
    for (long n = 0;; n++) {
        goals__alloc_fail_after(n);
        int rc = goals_plan_load_memory(&p, xml, strlen(xml), NULL);
        goals__alloc_fail_after(-1);
        if (rc == GOALS_OK) {
            assert_int_equal(goals_plan_observation_count(p), 40);
            goals_plan_free(p);
            break;
        }
        assert_int_equal(rc, GOALS_ENOMEM);
        assert_null(p);
    }
    free(xml);
}

static void test_many_languages(void **state)
{
    (void)state;
    /* A title in 100 000 languages: each language was looked for by a scan
     * of the ones before (seconds per 100 000, minutes per million); now a
     * hash table past a few. Every one is kept and found. */
    const bounded_limits lim = {256, 20};
    size_t n = 100000;
    char *body = malloc(n * 48 + 64);
    assert_non_null(body);
    char *q = body;
    for (size_t i = 0; i < n; i++)
        q += sprintf(q, "<title xml:lang='x-l%zu'>t%zu</title>", i, i);
    char *xml = plan_with(body);
    bounded_outcome o = load_bounded(xml, strlen(xml), lim);
    bounded_expect(&o, GOALS_OK, lim);
    if (!bounded_instrumented())
        assert_true(o.seconds < 5);
    goals_plan *p;
    assert_int_equal(goals_plan_load_memory(&p, xml, strlen(xml), NULL), GOALS_OK);
    assert_int_equal(goals_plan_title_count(p), n);
    assert_string_equal(goals_plan_title(p, "x-l77777"), "t77777");
    assert_string_equal(goals_plan_title(p, "x-l3"), "t3");
    assert_string_equal(goals_plan_title(p, "no-such"), "t0");
    /* Replacing one keeps the count. */
    assert_int_equal(goals_plan_set_title(p, "x-l99999", "last"), GOALS_OK);
    assert_int_equal(goals_plan_title_count(p), n);
    assert_string_equal(goals_plan_title(p, "x-l99999"), "last");
    goals_plan_free(p);
    free(xml);
    /* A second title in one language is still refused, past the scan too. */
    q += sprintf(q, "<title xml:lang='x-l20'>again</title>");
    xml = plan_with(body);
    o = load_bounded(xml, strlen(xml), lim);
    assert_true(o.exited && o.rc != GOALS_OK);
    free(xml);
    free(body);
}

/* ------------------------------------------------ found by the fuzzers */

static void test_fuzz_regressions(void **state)
{
    (void)state;
    goals_plan *p;
    assert_int_equal(goals_plan_new(&p, "p"), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(NULL, p, "m", "%", 1), GOALS_OK);
    /* fuzz_csv: an empty first field appended zero bytes to a NULL buffer
     * (undefined behaviour, reported by UBSan); a clean header error now. */
    assert_int_equal(goals_plan_load_observations_memory(p, ",", 1, NULL, 0), GOALS_EINVALID);
    assert_int_equal(goals_error_last()->line, 1);
    assert_int_equal(goals_plan_observation_count(p), 0);
    goals_plan_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_billion_laughs),
        cmocka_unit_test(test_quadratic_blowup),
        cmocka_unit_test(test_many_attributes),
        cmocka_unit_test(test_external_entity_file),
        cmocka_unit_test(test_external_entity_network),
        cmocka_unit_test(test_external_dtd),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_declared_encoding),
        cmocka_unit_test(test_nul_bytes),
        cmocka_unit_test(test_truncated_gzip),
        cmocka_unit_test(test_numbers_that_overflow),
        cmocka_unit_test(test_nan_and_infinities),
        cmocka_unit_test(test_bad_periods),
        cmocka_unit_test(test_self_referencing_derived),
        cmocka_unit_test(test_duplicate_ids),
        cmocka_unit_test(test_target_missing_measure),
        cmocka_unit_test(test_observations_in_any_order),
        cmocka_unit_test(test_many_languages),
        cmocka_unit_test(test_fuzz_regressions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
