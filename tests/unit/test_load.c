/* io: loading native plans — good files, every bad file in tests/data/bad/
 * (each states its expected error in its first comment), safety limits,
 * gzip input, memory input, validation and error-handler hygiene. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlerror.h>
#include <zlib.h>

#include "goals/goals.h"
#include "support.h"
#include "util/alloc.h"

#define GOOD GOALS_TEST_DATA "/good/"
#define BAD GOALS_TEST_DATA "/bad/"

static goals_plan *load_ok(const char *path)
{
    goals_plan *plan = NULL;
    int rc = goals_plan_load_file(&plan, path, NULL);
    if (rc)
        fail_msg("%s: %d %s", path, rc, test_error_text());
    return plan;
}

static int load_text(goals_plan **out, const char *text, const goals_load_options *opts)
{
    return goals_plan_load_memory(out, text, strlen(text), opts);
}

/* ----------------------------------------------------------- good files */

static void test_full_plan(void **state)
{
    (void)state;
    goals_plan *p = load_ok(GOOD "full.xml");
    const char *lang;
    assert_string_equal(goals_plan_id(p), "full-2026");
    assert_string_equal(goals_plan_lang(p), "zh");
    assert_int_equal(goals_plan_title_count(p), 2); /* the foreign x:meta title is not ours */
    assert_string_equal(goals_plan_title(p, NULL), "全面测试计划");
    assert_string_equal(goals_plan_title(p, "en"), "A plan that uses every feature");
    assert_string_equal(goals_plan_issuer(p), "柯城区委");
    int32_t issued, day;
    assert_int_equal(goals_plan_issued(p, &issued), 1);
    assert_int_equal(goals_date_from_ymd(&day, 2022, 8, 18), GOALS_OK);
    assert_int_equal(issued, day);
    goals_period h;
    assert_int_equal(goals_plan_horizon(p, &h), 1);
    assert_int_equal(h.kind, GOALS_PERIOD_INTERVAL);

    assert_int_equal(goals_plan_measure_count(p), 11);
    assert_int_equal(goals_plan_goal_count(p), 3);
    assert_int_equal(goals_plan_root_count(p), 2);
    assert_int_equal(goals_plan_target_count(p), 13);
    assert_int_equal(goals_plan_observation_count(p), 6);

    goals_measure *m = goals_plan_find_measure(p, "retail-sales");
    assert_non_null(m);
    assert_string_equal(goals_measure_unit(m), "CNY");
    assert_true(goals_measure_scale(m) == 1e8);
    assert_string_equal(goals_measure_name(m, "en"), "Total retail sales of consumer goods");
    assert_string_equal(goals_measure_definition(m), "Retail sales in the district & its towns <all>.");
    assert_string_equal(goals_measure_scope(m), "柯城区");
    assert_int_equal(goals_measure_direction(m), GOALS_DIRECTION_INCREASE);
    /* 2.455e10 元 in a measure of 亿元 (CNY × 1e8). */
    goals_period y2021;
    assert_int_equal(goals_period_parse(&y2021, "2021"), GOALS_OK);
    const goals_observation *o = goals_measure_find_observation(m, &y2021);
    assert_non_null(o);
    assert_true(fabs(goals_observation_value(o) - 245.5) < 1e-9);
    assert_string_equal(goals_observation_note(o), "in yuan");
    const char *file;
    unsigned long line;
    goals_observation_origin(o, &file, &line);
    assert_string_equal(file, GOOD "full.xml");
    assert_int_equal(line, 61);

    goals_measure *share = goals_plan_find_measure(p, "rnd-share");
    assert_int_equal(goals_measure_derivation(share), GOALS_DERIVED_SHARE);
    assert_string_equal(goals_measure_id(goals_measure_numerator(share)), "rnd");
    assert_string_equal(goals_measure_id(goals_measure_denominator(share)), "gdp");
    assert_int_equal(goals_measure_rate(goals_plan_find_measure(p, "energy-intensity")), GOALS_RATE_REDUCTION);

    goals_goal *g1 = goals_plan_find_goal(p, "g1");
    assert_string_equal(goals_goal_kind(g1), "objective");
    assert_string_equal(goals_goal_owner(g1), "区政府");
    assert_true(goals_goal_weight(g1) == 2);
    assert_int_equal(goals_goal_task_count(g1), 2);
    assert_string_equal(goals_goal_task(g1, 0, NULL), "打造四省边际服务业高地");
    assert_int_equal(goals_goal_task_text_count(g1, 1), 2);
    assert_string_equal(goals_goal_task(g1, 1, "en"), "Build platforms");
    goals_goal *g2 = goals_plan_find_goal(p, "g2");
    assert_string_equal(goals_goal_task_text_at(g2, 0, 0, &lang), "An English-only task");
    assert_string_equal(lang, "en");
    assert_ptr_equal(goals_goal_parent(goals_plan_find_goal(p, "g1.1")), g1);

    goals_target *t = goals_plan_find_target(p, "g1.t1");
    assert_int_equal(goals_target_kind_of(t), GOALS_KIND_REACH);
    assert_int_equal(goals_target_op(t), GOALS_OP_GT);
    assert_true(goals_target_given_value(t) == 320);
    assert_string_equal(goals_target_given_unit(t), "亿元");
    assert_true(goals_target_value(t) == 320);
    assert_int_equal(goals_target_attribute(t), GOALS_ATTR_EXPECTED);
    assert_string_equal(goals_target_title(t, NULL), "社会消费品零售总额超320亿元");
    goals_period bp;
    double bv;
    assert_int_equal(goals_target_baseline(t, &bp, &bv), 1);
    assert_true(bv == 245.5);
    assert_int_equal(goals_target_milestone_count(t), 2);
    goals_period mp;
    double mv;
    assert_int_equal(goals_target_milestone_at(t, 0, &mp, &mv), GOALS_OK);
    assert_true(mv == 270); /* kept in period order, whatever the document's */

    t = goals_plan_find_target(p, "g1.1.t6");
    assert_int_equal(goals_target_op(t), GOALS_OP_BETWEEN);
    assert_true(goals_target_value(t) == 95 && goals_target_high(t) == 99.5);
    t = goals_plan_find_target(p, "g1.1.t2");
    assert_int_equal(goals_target_streak(t), 12);
    t = goals_plan_find_target(p, "g1.t5");
    assert_int_equal(goals_target_change_mode(t), GOALS_CHANGE_PERCENT);
    assert_int_equal(goals_target_attribute(t), GOALS_ATTR_BINDING);
    t = goals_plan_find_target(p, "g1.t6");
    assert_string_equal(goals_measure_id(goals_target_relative_to(t)), "gdp");
    assert_string_equal(goals_target_method(goals_plan_find_target(p, "g1.t3")), "sdg-build");
    assert_true(goals_target_weight(goals_plan_find_target(p, "g1.t2")) == 0.5);
    assert_int_equal(goals_target_op(goals_plan_find_target(p, "g1.1.t7")), GOALS_OP_INCREASE);
    assert_true(isnan(goals_target_value(goals_plan_find_target(p, "g1.1.t7"))));

    /* Disaggregated and total observations of one period are both kept. */
    goals_measure *sat = goals_plan_find_measure(p, "satisfaction");
    assert_int_equal(goals_measure_observation_count(sat), 2);
    goals_period y2023;
    goals_period_parse(&y2023, "2023");
    assert_true(goals_observation_value(goals_measure_find_observation(sat, &y2023)) == 98.6);
    goals_measure *tour = goals_plan_find_measure(p, "tourism");
    assert_string_equal(goals_observation_text(goals_measure_observation_at(tour, 0)), "created");
    goals_plan_free(p);
}

/* Text in many pieces (CDATA sections, text around skipped foreign
 * elements) is joined whole; white space between children is not kept. */
static void test_text_pieces(void **state)
{
    (void)state;
    size_t n = 5000;
    char *doc = malloc(n * 32 + 200);
    assert_non_null(doc);
    strcpy(doc, "<plan xmlns='urn:libgoals:plan:1' xmlns:x='urn:x' id='p'><title>");
    char *end = doc + strlen(doc);
    for (size_t i = 0; i < n; i++)
        end += sprintf(end, i % 2 ? "<![CDATA[a<]]>" : "b<x:e/>");
    strcpy(end, "</title></plan>");
    goals_plan *p;
    assert_int_equal(load_text(&p, doc, NULL), GOALS_OK);
    const char *title = goals_plan_title(p, NULL);
    assert_int_equal(strlen(title), n / 2 * 3);
    assert_memory_equal(title, "ba<ba<", 6);
    assert_string_equal(title + strlen(title) - 3, "ba<");
    goals_plan_free(p);
    free(doc);
}

static void test_languages(void **state)
{
    (void)state;
    /* xml:lang is inherited; the plan's own language is the default. */
    const char *doc = "<plan xmlns='urn:libgoals:plan:1' id='p' xml:lang='zh'>"
                      "<title>中</title><title xml:lang='zh'>same language: a second title</title></plan>";
    goals_plan *p;
    assert_int_equal(load_text(&p, doc, NULL), GOALS_EINVALID);
    assert_string_equal(test_error_text(), "<memory>:1:72: plan 'p': second <title> in language 'zh'");
    doc = "<plan xmlns='urn:libgoals:plan:1' id='p' xml:lang='zh'>"
          "<goal id='g' xml:lang='en'><title>Economy</title><title xml:lang='fr'>Économie</title>"
          "<task>Build</task></goal></plan>";
    assert_int_equal(load_text(&p, doc, NULL), GOALS_OK);
    goals_goal *g = goals_plan_find_goal(p, "g");
    const char *lang;
    assert_string_equal(goals_goal_title_at(g, 0, &lang), "Economy");
    assert_string_equal(lang, "en");
    assert_string_equal(goals_goal_title(g, "fr"), "Économie");
    assert_string_equal(goals_goal_task_text_at(g, 0, 0, &lang), "Build");
    assert_string_equal(lang, "en");
    goals_plan_free(p);
}

static void test_any_order_and_prefixes(void **state)
{
    (void)state;
    goals_plan *p = load_ok(GOOD "order.xml");
    assert_int_equal(goals_plan_target_count(p), 1);
    assert_int_equal(goals_plan_observation_count(p), 1);
    /* CDATA, a character reference and an entity joined into one text. */
    assert_string_equal(goals_plan_title(p, NULL), "CDATA <title> 中&");
    goals_plan_free(p);
    p = load_ok(GOOD "minimal.xml");
    assert_int_equal(goals_plan_goal_count(p), 0);
    goals_plan_free(p);
}

/* ------------------------------------------------------------ bad files */

static int code_of(const char *name)
{
    static const struct { const char *name; int code; } codes[] = {
        {"EPARSE", GOALS_EPARSE}, {"EINVALID", GOALS_EINVALID}, {"ESCHEMA", GOALS_ESCHEMA},
        {"ELIMIT", GOALS_ELIMIT}, {"EUNIT", GOALS_EUNIT}, {"EPERIOD", GOALS_EPERIOD},
        {"EUNSUPPORTED", GOALS_EUNSUPPORTED}};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (strcmp(codes[i].name, name) == 0)
            return codes[i].code;
    fail_msg("unknown code %s", name);
    return 0;
}

/* Checks one bad file against its "<!-- expect[ (validate)]: CODE L:C msg -->".
 * For libxml2's own errors (EPARSE, ESCHEMA) only the position and the
 * code are given: libxml2's wording changes between versions. */
static void check_bad(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, BAD "%s", name);
    size_t size;
    char *text = test_read_file(path, &size);
    char *copy = malloc(size + 1); /* the bytes to load, expectation intact */
    assert_non_null(copy);
    memcpy(copy, text, size);
    char *e = strstr(text, "<!-- expect");
    if (!e)
        fail_msg("%s: no expectation", name);
    int validate = strncmp(e, "<!-- expect (validate): ", 24) == 0;
    char *spec = strchr(e, ':') + 2, *end = strstr(spec, " -->");
    *end = '\0';
    char code[32];
    unsigned long line, col;
    int used = 0;
    if (sscanf(spec, "%31s %lu:%lu%n", code, &line, &col, &used) != 3)
        fail_msg("%s: bad expectation '%s'", name, spec);
    const char *message = spec[used] ? spec + used + 1 : NULL;
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    opts.name = name;
    if (validate) {
        opts.flags = GOALS_LOAD_VALIDATE;
        opts.schema_dir = GOALS_SOURCE_DIR "/libgoals/schema";
    }
    goals_plan *plan = (goals_plan *)1;
    int rc = goals_plan_load_memory(&plan, copy, size, &opts);
    const goals_error *err = goals_error_last();
    if (rc != code_of(code) || plan != NULL || err->code != rc || !err->file || strcmp(err->file, name) != 0 ||
        err->line != line || err->column != col || (message && strcmp(err->message, message) != 0))
        fail_msg("%s: expected %s %lu:%lu %s\n  got %d %s", name, code, line, col, message ? message : "",
                 rc, test_error_text());
    free(copy);
    free(text);
}

static void test_bad_files(void **state)
{
    (void)state;
    DIR *d = opendir(BAD);
    assert_non_null(d);
    struct dirent *de;
    int count = 0, ours = 0;
    while ((de = readdir(d))) {
        size_t n = strlen(de->d_name);
        if (n < 5 || strcmp(de->d_name + n - 4, ".xml") != 0)
            continue;
        check_bad(de->d_name);
        count++;
        if (goals_error_last()->code != GOALS_EPARSE && goals_error_last()->code != GOALS_ESCHEMA)
            ours++;
    }
    closedir(d);
    assert_true(count >= 25);
    assert_true(ours >= 25);
}

/* A few messages pinned by hand as well, so that the data files cannot
 * silently drift with the code. */
static void test_messages_by_hand(void **state)
{
    (void)state;
    goals_plan *p;
    const char *doc = "<plan xmlns='urn:libgoals:plan:1' id='k'>\n"
                      "  <measure id='retail-sales' unit='CNY' scale='1e8'/>\n"
                      "  <goal id='a5'>\n"
                      "    <target id='a5.t2' measure='retail' kind='reach'/>\n"
                      "  </goal>\n"
                      "</plan>\n";
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    opts.name = "kecheng.xml";
    assert_int_equal(load_text(&p, doc, &opts), GOALS_EINVALID);
    assert_null(p);
    assert_string_equal(test_error_text(), "kecheng.xml:4:24: target 'a5.t2': unknown measure 'retail'");
    assert_int_equal(load_text(&p, "<plan xmlns='urn:libgoals:plan:1' id='k'><goal/></plan>", NULL), GOALS_EINVALID);
    assert_string_equal(test_error_text(), "<memory>:1:42: goal in plan 'k': missing attribute 'id'");
}

/* --------------------------------------------------------------- safety */

static void test_doctype_refused(void **state)
{
    (void)state;
    goals_plan *p;
    /* After a BOM, an XML declaration and a comment; no internal subset. */
    const char *doc = "\xEF\xBB\xBF<?xml version='1.0'?><!-- c -->\n  <!DOCTYPE plan SYSTEM 'http://example.org/x.dtd'>"
                      "<plan xmlns='urn:libgoals:plan:1' id='p'/>";
    assert_int_equal(load_text(&p, doc, NULL), GOALS_EINVALID);
    assert_null(p);
    assert_string_equal(test_error_text(),
                        "<memory>:2:3: DOCTYPE is not allowed (no DTDs, no entity declarations)");
    /* Explicit native format skips detection, not the refusal. */
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    opts.format = GOALS_FORMAT_NATIVE;
    assert_int_equal(load_text(&p, doc, &opts), GOALS_EINVALID);
    /* UTF-16 would defeat the raw scans: refused. */
    static const char utf16[] = "\xFF\xFE<\0p\0";
    assert_int_equal(goals_plan_load_memory(&p, utf16, sizeof utf16 - 1, NULL), GOALS_EUNSUPPORTED);
    static const char ebcdic[] = "\x4C\x6F\xA7\x94\x93";
    assert_int_equal(goals_plan_load_memory(&p, ebcdic, sizeof ebcdic - 1, NULL), GOALS_EUNSUPPORTED);
}

/* A plan holding depth nested elements: "<goal id='gN'>" or "<x:e n='N'>". */
static char *nested(int foreign, int depth)
{
    const char *close = foreign ? "</x:e>" : "</goal>";
    size_t n = 20;
    size_t c = strlen(close);
    char *s = malloc(200 + (size_t)depth * (n + c));
    assert_non_null(s);
    strcpy(s, "<plan xmlns='urn:libgoals:plan:1' xmlns:x='urn:x' id='p'>");
    for (int i = 0; i < depth; i++) {
        char buf[64];
        if (foreign)
            snprintf(buf, sizeof buf, "<x:e n='%d'>", i);
        else
            snprintf(buf, sizeof buf, "<goal id='g%d'>", i);
        strcat(s, buf);
    }
    for (int i = 0; i < depth; i++)
        strcat(s, close);
    strcat(s, "</plan>");
    return s;
}

static void test_depth_limit(void **state)
{
    (void)state;
    goals_plan *p;
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    opts.max_depth = 5;
    /* plan + 4 goals = 5 levels: fine; a 5th goal is the 6th level. */
    char *ok = nested(0, 4);
    assert_int_equal(load_text(&p, ok, &opts), GOALS_OK);
    assert_int_equal(goals_plan_goal_count(p), 4);
    goals_plan_free(p);
    free(ok);
    char *deep = nested(0, 5);
    assert_int_equal(load_text(&p, deep, &opts), GOALS_ELIMIT);
    assert_null(p);
    /* <plan ...> is 57 characters, each <goal id='gN'> 14. */
    assert_string_equal(test_error_text(), "<memory>:1:114: elements nested deeper than the limit of 5 levels");
    free(deep);
    /* Foreign subtrees count too: they are skipped, not unbounded. */
    char *foreign = nested(1, 10);
    assert_int_equal(load_text(&p, foreign, &opts), GOALS_ELIMIT);
    opts.max_depth = 0; /* the default, 256 */
    assert_int_equal(load_text(&p, foreign, &opts), GOALS_OK);
    goals_plan_free(p);
    free(foreign);
    char *very = nested(1, 400);
    int rc = load_text(&p, very, &opts);
    assert_true(rc == GOALS_ELIMIT || rc == GOALS_EPARSE); /* ours at 257, or libxml2's own at the same depth */
    assert_null(p);
    free(very);
}

static void test_size_cap(void **state)
{
    (void)state;
    goals_plan *p;
    /* An 8 MiB document of white space compresses to a few KiB (and stays
     * under libxml2's own 10 MB limit on one text node). */
    size_t big = 8u << 20;
    char *doc = malloc(big);
    const char *head = "<plan xmlns='urn:libgoals:plan:1' id='p'>", *tail = "</plan>";
    memset(doc, ' ', big);
    memcpy(doc, head, strlen(head));
    memcpy(doc + big - strlen(tail), tail, strlen(tail));
    size_t zsize;
    unsigned char *z = test_gzip_bytes(doc, big, 9, &zsize);
    assert_true(zsize < 64 * 1024);
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    opts.max_bytes = 1u << 20;
    assert_int_equal(goals_plan_load_memory(&p, z, zsize, &opts), GOALS_ELIMIT);
    assert_null(p);
    assert_string_equal(test_error_text(),
                        "<memory>: document is larger than the limit of 1048576 bytes (after decompression)");
    char path[256];
    char dir[128];
    snprintf(dir, sizeof dir, "%s", test_tmpdir());
    snprintf(path, sizeof path, "%s/bomb.xml.gz", dir);
    test_write_file(path, z, zsize);
    assert_int_equal(goals_plan_load_file(&p, path, &opts), GOALS_ELIMIT);
    assert_int_equal(goals_error_last()->code, GOALS_ELIMIT);
    /* Plain input over the cap, from memory and from a file. */
    assert_int_equal(goals_plan_load_memory(&p, doc, big, &opts), GOALS_ELIMIT);
    opts.max_bytes = big;
    assert_int_equal(goals_plan_load_memory(&p, z, zsize, &opts), GOALS_OK);
    goals_plan_free(p);
    unlink(path);
    rmdir(dir);
    free(z);
    free(doc);
}

static void test_gzip_input(void **state)
{
    (void)state;
    size_t size, zsize;
    char *text = test_read_file(GOOD "full.xml", &size);
    unsigned char *z = test_gzip_bytes(text, size, 9, &zsize);
    goals_plan *plain = load_ok(GOOD "full.xml"), *p;
    assert_int_equal(goals_plan_load_memory(&p, z, zsize, NULL), GOALS_OK);
    assert_true(goals_plan_equal(plain, p));
    goals_plan_free(p);
    char path[256];
    char dir[128];
    snprintf(dir, sizeof dir, "%s", test_tmpdir());
    snprintf(path, sizeof path, "%s/full.xml.gz", dir);
    test_write_file(path, z, zsize);
    assert_int_equal(goals_plan_load_file(&p, path, NULL), GOALS_OK);
    assert_true(goals_plan_equal(plain, p));
    goals_plan_free(p);

    /* Two gzip members one after the other (gzip -c a b) read as one. */
    size_t z1size, z2size;
    unsigned char *z1 = test_gzip_bytes(text, size / 2, 9, &z1size);
    unsigned char *z2 = test_gzip_bytes(text + size / 2, size - size / 2, 9, &z2size);
    unsigned char *both = malloc(z1size + z2size);
    memcpy(both, z1, z1size);
    memcpy(both + z1size, z2, z2size);
    assert_int_equal(goals_plan_load_memory(&p, both, z1size + z2size, NULL), GOALS_OK);
    assert_true(goals_plan_equal(plain, p));
    goals_plan_free(p);
    test_write_file(path, both, z1size + z2size);
    assert_int_equal(goals_plan_load_file(&p, path, NULL), GOALS_OK);
    assert_true(goals_plan_equal(plain, p));
    goals_plan_free(p);
    free(both);
    free(z1);
    free(z2);

    /* Truncated: from memory and from a file. */
    for (size_t cut = 10; cut < zsize; cut += zsize / 3) {
        assert_int_equal(goals_plan_load_memory(&p, z, cut, NULL), GOALS_EPARSE);
        assert_null(p);
        assert_string_equal(goals_error_last()->message, "truncated gzip data");
        test_write_file(path, z, cut);
        assert_int_equal(goals_plan_load_file(&p, path, NULL), GOALS_EPARSE);
        assert_string_equal(goals_error_last()->message, "truncated gzip data");
        assert_string_equal(goals_error_last()->file, path);
    }
    /* Corrupt deflate data. */
    z[zsize / 2] ^= 0x55;
    z[zsize / 2 + 1] ^= 0xAA;
    assert_int_equal(goals_plan_load_memory(&p, z, zsize, NULL), GOALS_EPARSE);
    unlink(path);
    rmdir(dir);
    free(z);
    free(text);
    goals_plan_free(plain);
}

static void test_memory_and_file_agree(void **state)
{
    (void)state;
    size_t size;
    char *text = test_read_file(GOOD "full.xml", &size);
    goals_plan *a = load_ok(GOOD "full.xml"), *b;
    assert_int_equal(goals_plan_load_memory(&b, text, size, NULL), GOALS_OK);
    assert_true(goals_plan_equal(a, b));
    goals_plan_free(b);
    free(text);
    goals_plan_free(a);
    /* I/O errors name the path. */
    assert_int_equal(goals_plan_load_file(&a, GOOD "no-such-file.xml", NULL), GOALS_EIO);
    assert_null(a);
    assert_string_equal(test_error_text(), GOOD "no-such-file.xml: cannot open: No such file or directory");
    assert_int_equal(goals_plan_load_file(&a, GOOD, NULL), GOALS_EIO);
    /* Empty input. */
    assert_int_equal(goals_plan_load_memory(&a, "", 0, NULL), GOALS_EPARSE);
}

static void test_foreign_skipped_unknown_refused(void **state)
{
    (void)state;
    goals_plan *a, *b;
    const char *with = "<plan xmlns='urn:libgoals:plan:1' xmlns:x='urn:x' id='p' x:a='1'>"
                       "<x:goal id='not-ours'><goal id='inside-foreign'/></x:goal>"
                       "<goal id='g' x:weight='9'><x:title>no</x:title><title>yes</title></goal></plan>";
    const char *without = "<plan xmlns='urn:libgoals:plan:1' id='p'><goal id='g'><title>yes</title></goal></plan>";
    assert_int_equal(load_text(&a, with, NULL), GOALS_OK);
    assert_int_equal(load_text(&b, without, NULL), GOALS_OK);
    assert_true(goals_plan_equal(a, b));
    assert_null(goals_plan_find_goal(a, "inside-foreign"));
    goals_plan_free(a);
    goals_plan_free(b);
    /* The same element in our namespace is an error naming it. */
    const char *unknown = "<plan xmlns='urn:libgoals:plan:1' id='p'><goal id='g'><note/></goal></plan>";
    assert_int_equal(load_text(&a, unknown, NULL), GOALS_EINVALID);
    assert_string_equal(test_error_text(), "<memory>:1:55: goal 'g': unknown element 'note'");
}

static void test_validation(void **state)
{
    (void)state;
    goals_plan *p;
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    opts.flags = GOALS_LOAD_VALIDATE;
    opts.schema_dir = GOALS_SOURCE_DIR "/libgoals/schema";
    assert_int_equal(goals_plan_load_file(&p, GOOD "full.xml", &opts), GOALS_OK);
    goals_plan_free(p);
    assert_int_equal(goals_plan_load_file(&p, GOOD "order.xml", &opts), GOALS_OK);
    goals_plan_free(p);
    /* A value the XSD refuses: ESCHEMA, at its line. */
    const char *doc = "<plan xmlns='urn:libgoals:plan:1' id='p'>\n<goal id='a' weight='x'/>\n</plan>";
    assert_int_equal(load_text(&p, doc, &opts), GOALS_ESCHEMA);
    assert_null(p);
    assert_int_equal(goals_error_last()->line, 2);
    /* Without the flag the loader's own check answers. */
    assert_int_equal(load_text(&p, doc, NULL), GOALS_EINVALID);
    assert_string_equal(test_error_text(), "<memory>:2:14: goal 'a': bad weight 'x' (not a number)");
    opts.schema_dir = "/nonexistent";
    assert_int_equal(load_text(&p, doc, &opts), GOALS_EIO);
    assert_string_equal(goals_error_last()->file, "/nonexistent/goals-plan-1.xsd");
    /* No folder given: $GOALS_SCHEMA_DIR, then the installed one. */
    opts.schema_dir = NULL;
    setenv("GOALS_SCHEMA_DIR", "/nonexistent-env", 1);
    assert_int_equal(load_text(&p, doc, &opts), GOALS_EIO);
    assert_string_equal(goals_error_last()->file, "/nonexistent-env/goals-plan-1.xsd");
    setenv("GOALS_SCHEMA_DIR", GOALS_SOURCE_DIR "/libgoals/schema", 1);
    assert_int_equal(load_text(&p, doc, &opts), GOALS_ESCHEMA);
}

static void test_options(void **state)
{
    (void)state;
    goals_load_options opts;
    assert_int_equal(goals_load_options_init(&opts, 2), GOALS_EINVAL);
    assert_int_equal(goals_load_options_init(&opts, GOALS_LOAD_OPTIONS_VERSION), GOALS_OK);
    assert_int_equal(opts.version, GOALS_LOAD_OPTIONS_VERSION);
    assert_int_equal(opts.format, GOALS_FORMAT_AUTO);
    goals_plan *p;
    opts.version = 7;
    assert_int_equal(load_text(&p, "<plan xmlns='urn:libgoals:plan:1' id='p'/>", &opts), GOALS_EINVAL);
    opts.version = GOALS_LOAD_OPTIONS_VERSION;
    opts.flags = 0x80;
    assert_int_equal(load_text(&p, "<plan xmlns='urn:libgoals:plan:1' id='p'/>", &opts), GOALS_EINVAL);
    assert_int_equal(goals_plan_load_memory(NULL, "", 0, NULL), GOALS_EINVAL);
    /* Format detection: IATI is recognised and read (tests/unit/test_import.c). */
    assert_int_equal(load_text(&p, "<iati-activities version='2.03'/>", NULL), GOALS_OK);
    goals_plan_free(p);
    /* Asking for native on a foreign root names it. */
    opts.flags = 0;
    opts.format = GOALS_FORMAT_NATIVE;
    assert_int_equal(load_text(&p, "<iati-activities/>", &opts), GOALS_EINVALID);
    assert_string_equal(test_error_text(),
                        "<memory>:1:1: root element 'iati-activities' in namespace '' is not a plan of urn:libgoals:plan:1");
}

static int cancel_cb(uint64_t done, uint64_t total, void *data)
{
    (void)total;
    (void)done;
    return ++*(int *)data >= 1;
}

static void test_progress_cancel(void **state)
{
    (void)state;
    int calls = 0;
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    opts.progress = cancel_cb;
    opts.progress_data = &calls;
    goals_plan *p;
    assert_int_equal(goals_plan_load_file(&p, GOOD "full.xml", &opts), GOALS_ERROR);
    assert_null(p);
    assert_int_equal(calls, 1);
    assert_string_equal(goals_error_last()->message, "load cancelled");
}

/* The host program's own libxml2 error handler is never called by us. */
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

static void test_global_handler_untouched(void **state)
{
    (void)state;
    xmlSetStructuredErrorFunc(NULL, host_handler);
    goals_plan *p;
    assert_int_equal(load_text(&p, "<plan xmlns='urn:libgoals:plan:1' id='p'><goal></plan>", NULL), GOALS_EPARSE);
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    opts.flags = GOALS_LOAD_VALIDATE;
    opts.schema_dir = GOALS_SOURCE_DIR "/libgoals/schema";
    assert_int_equal(load_text(&p, "<plan xmlns='urn:libgoals:plan:1' id='p'><goal id='a' weight='x'/></plan>", &opts),
                     GOALS_ESCHEMA);
    assert_int_equal(host_errors, 0);
    xmlSetStructuredErrorFunc(NULL, NULL);
}

/* Every allocation failing in turn: a clean GOALS_ENOMEM (or success once
 * the failure falls after the last allocation), nothing leaked. */
static void test_out_of_memory(void **state)
{
    (void)state;
    size_t size;
    char *text = test_read_file(GOOD "full.xml", &size);
    int done = 0;
    for (long n = 0; !done && n < 100000; n++) {
        goals_plan *p = (goals_plan *)1;
        goals__alloc_fail_after(n);
        int rc = goals_plan_load_memory(&p, text, size, NULL);
        goals__alloc_fail_after(-1);
        if (rc == GOALS_OK) {
            done = 1;
            goals_plan_free(p);
        } else {
            if (rc != GOALS_ENOMEM)
                fail_msg("allocation %ld: %d %s", n, rc, test_error_text());
            assert_null(p);
        }
    }
    assert_true(done);
    free(text);
}

static void *load_thread(void *arg)
{
    (void)arg;
    for (int i = 0; i < 20; i++) {
        goals_plan *p;
        if (goals_plan_load_file(&p, GOOD "full.xml", NULL) != GOALS_OK)
            return (void *)1;
        goals_plan_free(p);
        if (goals_plan_load_file(&p, BAD "mismatched-tag.xml", NULL) != GOALS_EPARSE ||
            goals_error_last()->line != 4)
            return (void *)1;
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, load_thread, NULL), 0);
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(t[i], &r);
        assert_null(r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_plan),
        cmocka_unit_test(test_text_pieces),
        cmocka_unit_test(test_languages),
        cmocka_unit_test(test_any_order_and_prefixes),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_messages_by_hand),
        cmocka_unit_test(test_doctype_refused),
        cmocka_unit_test(test_depth_limit),
        cmocka_unit_test(test_size_cap),
        cmocka_unit_test(test_gzip_input),
        cmocka_unit_test(test_memory_and_file_agree),
        cmocka_unit_test(test_foreign_skipped_unknown_refused),
        cmocka_unit_test(test_validation),
        cmocka_unit_test(test_options),
        cmocka_unit_test(test_progress_cancel),
        cmocka_unit_test(test_global_handler_untouched),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
