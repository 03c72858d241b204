/* io: saving plans — canonical bytes, round trips, gzip in and out, atomic
 * replacement, memory output and refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "goals/goals.h"
#include "support.h"
#include "util/alloc.h"

#define GOOD GOALS_TEST_DATA "/good/"

static void ok(int rc)
{
    if (rc != GOALS_OK)
        fail_msg("%d %s", rc, test_error_text());
}

static goals_period period(const char *text)
{
    goals_period p;
    ok(goals_period_parse(&p, text));
    return p;
}

/* A small plan built through the API, touching escaping and every part. */
static goals_plan *demo_plan(void)
{
    goals_plan *p;
    goals_measure *m, *w;
    goals_goal *g, *sub;
    goals_target *t;
    ok(goals_plan_new(&p, "demo"));
    ok(goals_plan_set_lang(p, "zh"));
    ok(goals_plan_set_title(p, NULL, "示例 & <计划>"));
    ok(goals_plan_set_title(p, "en", "Demo \"plan\""));
    ok(goals_plan_set_issuer(p, "A & B"));
    ok(goals_plan_add_measure(&m, p, "gdp", "亿元", 1));
    ok(goals_measure_set_name(m, NULL, "地区生产总值"));
    ok(goals_measure_set_frequency(m, "annual"));
    ok(goals_plan_add_measure(&w, p, "wage", "CNY", 1e4));
    ok(goals_plan_add_goal(&g, p, NULL, "g1", "objective"));
    ok(goals_goal_set_title(g, NULL, "增长"));
    ok(goals_goal_add_target(&t, g, "g1.t1", GOALS_KIND_REACH, "gdp"));
    ok(goals_target_set_value(t, GOALS_OP_GE, 100, NAN, NULL));
    goals_period d = period("2026");
    ok(goals_target_set_deadline(t, &d));
    ok(goals_target_set_attribute(t, GOALS_ATTR_BINDING));
    goals_period b = period("2021");
    ok(goals_target_set_baseline(t, &b, 80.5));
    goals_period ms = period("2024-Q2");
    ok(goals_target_add_milestone(t, &ms, 0.1));
    ok(goals_goal_add_task(g, NULL, "line1\nline2\ttab\r"));
    ok(goals_plan_add_goal(&sub, p, g, "g1.1", NULL));
    ok(goals_goal_set_weight(sub, 0.25));
    goals_period y = period("2022");
    ok(goals_measure_add_observation(m, &y, 85.25, "公报"));
    goals_observation_input in = GOALS_OBSERVATION_INPUT_INIT;
    const char *dims[] = {"area", "north \"side\""};
    in.period = y;
    in.value = 1e-7;
    in.note = "tab\there";
    in.dimensions = dims;
    in.dimension_count = 1;
    ok(goals_measure_add_observations_ex(w, &in, 1));
    return p;
}

static const char demo_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<plan xmlns=\"urn:libgoals:plan:1\" id=\"demo\" xml:lang=\"zh\" issuer=\"A &amp; B\">\n"
    "  <title>示例 &amp; &lt;计划&gt;</title>\n"
    "  <title xml:lang=\"en\">Demo \"plan\"</title>\n"
    "  <measure id=\"gdp\" unit=\"亿元\" frequency=\"annual\">\n"
    "    <name>地区生产总值</name>\n"
    "  </measure>\n"
    "  <measure id=\"wage\" unit=\"CNY\" scale=\"10000\"/>\n"
    "  <goal id=\"g1\" kind=\"objective\">\n"
    "    <title>增长</title>\n"
    "    <target id=\"g1.t1\" measure=\"gdp\" kind=\"reach\" op=\"ge\" value=\"100\" deadline=\"2026\" attribute=\"binding\">\n"
    "      <baseline period=\"2021\" value=\"80.5\"/>\n"
    "      <milestone period=\"2024-Q2\" value=\"0.1\"/>\n"
    "    </target>\n"
    "    <task>line1\nline2\ttab&#13;</task>\n"
    "    <goal id=\"g1.1\" weight=\"0.25\"/>\n"
    "  </goal>\n"
    "  <observation measure=\"gdp\" period=\"2022\" value=\"85.25\" source=\"公报\"/>\n"
    "  <observation measure=\"wage\" period=\"2022\" value=\"1e-07\" note=\"tab&#9;here\">\n"
    "    <dimension name=\"area\" value=\"north &quot;side&quot;\"/>\n"
    "  </observation>\n"
    "</plan>\n";

static void test_canonical_bytes(void **state)
{
    (void)state;
    goals_plan *p = demo_plan(), *q;
    char *data;
    size_t size;
    ok(goals_plan_save_memory(p, &data, &size, NULL));
    assert_int_equal(size, strlen(data)); /* NUL-terminated, no NUL inside */
    assert_string_equal(data, demo_xml);
    goals_load_options opts_v = GOALS_LOAD_OPTIONS_INIT;
    opts_v.flags = GOALS_LOAD_VALIDATE;
    opts_v.schema_dir = GOALS_SOURCE_DIR "/libgoals/schema";
    ok(goals_plan_load_memory(&q, data, size, &opts_v));
    goals_plan_free(q);
    /* And it reads back to the same plan, whose bytes are the same. */
    ok(goals_plan_load_memory(&q, data, size, NULL));
    assert_true(goals_plan_equal(p, q));
    char *again;
    size_t again_size;
    ok(goals_plan_save_memory(q, &again, &again_size, NULL));
    assert_int_equal(again_size, size);
    assert_memory_equal(again, data, size);
    /* Without observations. */
    goals_save_options opts = GOALS_SAVE_OPTIONS_INIT;
    opts.flags = GOALS_SAVE_NO_OBSERVATIONS;
    char *bare;
    size_t bare_size;
    ok(goals_plan_save_memory(p, &bare, &bare_size, &opts));
    assert_null(strstr(bare, "<observation"));
    assert_non_null(strstr(bare, "<goal id=\"g1.1\""));
    goals_free(bare);
    goals_free(again);
    goals_free(data);
    goals_plan_free(q);
    goals_plan_free(p);
}

/* load → save → load is equal; save → load → save is the same bytes. */
static void round_trip(const char *path)
{
    goals_plan *a, *b;
    char *x, *y;
    size_t xs, ys;
    if (goals_plan_load_file(&a, path, NULL))
        fail_msg("%s: %s", path, test_error_text());
    ok(goals_plan_save_memory(a, &x, &xs, NULL));
    /* What the saver writes is valid against the XSD. */
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    opts.flags = GOALS_LOAD_VALIDATE;
    opts.schema_dir = GOALS_SOURCE_DIR "/libgoals/schema";
    if (goals_plan_load_memory(&b, x, xs, &opts))
        fail_msg("%s saved: %s", path, test_error_text());
    goals_plan_free(b);
    ok(goals_plan_load_memory(&b, x, xs, NULL));
    if (!goals_plan_equal(a, b))
        fail_msg("%s: not equal after a save and a load", path);
    ok(goals_plan_save_memory(b, &y, &ys, NULL));
    assert_int_equal(xs, ys);
    assert_memory_equal(x, y, xs);
    goals_free(x);
    goals_free(y);
    goals_plan_free(a);
    goals_plan_free(b);
}

static void test_round_trips(void **state)
{
    (void)state;
    round_trip(GOOD "full.xml");
    round_trip(GOOD "order.xml");
    round_trip(GOOD "minimal.xml");
    int examples = 0;
    /* Every example plan of the project. */
    glob_t g;
    if (glob(GOALS_SOURCE_DIR "/examples/plans/*.xml", 0, NULL, &g) == 0) {
        for (size_t i = 0; i < g.gl_pathc; i++, examples++)
            round_trip(g.gl_pathv[i]);
        globfree(&g);
    }
    assert_true(examples >= 1); /* the seed plan, kecheng-2026.xml, at least */
}

/* A milestone is given in the target's unit; the API hands it back in the
 * measure's. The saver writes it in the given unit again, exactly. */
static void test_milestone_in_given_unit(void **state)
{
    (void)state;
    const char *doc = "<plan xmlns='urn:libgoals:plan:1' id='p'>"
                      "<measure id='m' unit='亿元'/><goal id='g'>"
                      "<target id='t' measure='m' kind='reach' op='ge' value='300000' unit='万元'>"
                      "<milestone period='2024' value='250000'/><milestone period='2025' value='0.3'/>"
                      "</target></goal></plan>";
    goals_plan *a, *b;
    ok(goals_plan_load_memory(&a, doc, strlen(doc), NULL));
    goals_period p;
    double v;
    ok(goals_target_milestone_at(goals_plan_find_target(a, "t"), 0, &p, &v));
    assert_true(fabs(v - 25) < 1e-12);
    char *x;
    size_t xs;
    ok(goals_plan_save_memory(a, &x, &xs, NULL));
    assert_non_null(strstr(x, "<milestone period=\"2024\" value=\"250000\"/>"));
    assert_non_null(strstr(x, "<milestone period=\"2025\" value=\"0.3\"/>"));
    ok(goals_plan_load_memory(&b, x, xs, NULL));
    assert_true(goals_plan_equal(a, b));
    goals_free(x);
    goals_plan_free(a);
    goals_plan_free(b);
}

static char *path_in(const char *dir, const char *name)
{
    static char buf[4][512];
    static int next;
    char *p = buf[next++ % 4];
    snprintf(p, 512, "%s/%s", dir, name);
    return p;
}

static void test_gzip_output(void **state)
{
    (void)state;
    const char *dir = test_tmpdir();
    goals_plan *p = demo_plan(), *q;
    char *gz = path_in(dir, "demo.xml.gz");
    ok(goals_plan_save_file(p, gz, NULL)); /* .gz: compressed */
    size_t size;
    unsigned char *bytes = (unsigned char *)test_read_file(gz, &size);
    assert_true(size > 18);
    assert_int_equal(bytes[0], 0x1f);
    assert_int_equal(bytes[1], 0x8b);
    assert_int_equal(bytes[2], 8);                      /* deflate */
    assert_int_equal(bytes[3], 0);                      /* no name, no extra */
    assert_memory_equal(bytes + 4, "\0\0\0\0", 4);      /* no time */
    assert_int_equal(bytes[9], 3);                      /* Unix, wherever it ran */
    ok(goals_plan_load_file(&q, gz, NULL));
    assert_true(goals_plan_equal(p, q));
    goals_plan_free(q);
    /* Same plan, same compressed bytes. */
    ok(goals_plan_save_file(p, gz, NULL));
    size_t size2;
    char *bytes2 = test_read_file(gz, &size2);
    assert_int_equal(size, size2);
    assert_memory_equal(bytes, bytes2, size);
    free(bytes2);
    free(bytes);
    /* PLAIN wins over the suffix; GZIP works without one. */
    goals_save_options opts = GOALS_SAVE_OPTIONS_INIT;
    opts.flags = GOALS_SAVE_PLAIN;
    ok(goals_plan_save_file(p, gz, &opts));
    char *plain = test_read_file(gz, NULL);
    assert_string_equal(plain, demo_xml);
    free(plain);
    char *xml = path_in(dir, "demo.xml");
    opts.flags = GOALS_SAVE_GZIP;
    opts.gzip_level = 1;
    ok(goals_plan_save_file(p, xml, &opts));
    bytes = (unsigned char *)test_read_file(xml, &size);
    assert_int_equal(bytes[0], 0x1f);
    free(bytes);
    ok(goals_plan_load_file(&q, xml, NULL));
    assert_true(goals_plan_equal(p, q));
    goals_plan_free(q);
    /* In memory, too. */
    char *data;
    ok(goals_plan_save_memory(p, &data, &size, &opts));
    assert_int_equal((unsigned char)data[0], 0x1f);
    ok(goals_plan_load_memory(&q, data, size, NULL));
    assert_true(goals_plan_equal(p, q));
    goals_plan_free(q);
    goals_free(data);
    unlink(gz);
    unlink(xml);
    rmdir(dir);
    goals_plan_free(p);
}

/* Entries of dir whose name holds ".tmp-" (leftover temp files). */
static int temp_files(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)))
        if (strstr(de->d_name, ".tmp-"))
            n++;
    closedir(d);
    return n;
}

static void test_atomic_replace(void **state)
{
    (void)state;
    const char *dir = test_tmpdir();
    goals_plan *p = demo_plan(), *small;
    ok(goals_plan_new(&small, "small"));
    char *target = path_in(dir, "plan.xml");
    ok(goals_plan_save_file(small, target, NULL));
    size_t old_size;
    char *old = test_read_file(target, &old_size);
    assert_true(old_size < 100);
    ok(chmod(target, 0640));

    /* A write that fails half-way (file size limit): the old file stays. */
    struct rlimit saved, lim;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
    lim = saved;
    lim.rlim_cur = 200; /* the demo plan is larger */
    void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
    int rc = goals_plan_save_file(p, target, NULL);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
    signal(SIGXFSZ, prev);
    assert_int_equal(rc, GOALS_EIO);
    assert_string_equal(goals_error_last()->file, target);
    assert_string_equal(goals_error_last()->message, "cannot write: File too large");
    size_t now_size;
    char *now = test_read_file(target, &now_size);
    assert_int_equal(now_size, old_size);
    assert_memory_equal(now, old, old_size);
    free(now);
    assert_int_equal(temp_files(dir), 0);

    /* A path that is a folder: refused, the folder intact. */
    char *sub = path_in(dir, "sub");
    assert_int_equal(mkdir(sub, 0755), 0);
    assert_int_equal(goals_plan_save_file(p, sub, NULL), GOALS_EIO);
    struct stat st;
    assert_int_equal(stat(sub, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(temp_files(dir), 0);

    /* A missing folder. */
    char *missing = path_in(dir, "no/such/plan.xml");
    assert_int_equal(goals_plan_save_file(p, missing, NULL), GOALS_EIO);
    assert_string_equal(goals_error_last()->message,
                        "cannot create a temporary file beside it: No such file or directory");
    assert_string_equal(goals_error_last()->file, missing);

    /* A good save replaces the file and keeps its permissions. */
    ok(goals_plan_save_file(p, target, NULL));
    now = test_read_file(target, NULL);
    assert_string_equal(now, demo_xml);
    free(now);
    assert_int_equal(stat(target, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);
    assert_int_equal(temp_files(dir), 0);

    /* Text XML cannot hold: refused before anything is written. */
    goals_plan *bad;
    ok(goals_plan_new(&bad, "bad"));
    ok(goals_plan_set_title(bad, NULL, "bell \x07"));
    char *badpath = path_in(dir, "bad.xml");
    assert_int_equal(goals_plan_save_file(bad, badpath, NULL), GOALS_EINVAL);
    assert_string_equal(goals_error_last()->message, "cannot save text 'bell \\x07': it holds a character XML cannot hold");
    assert_int_equal(access(badpath, F_OK), -1);
    ok(goals_plan_set_title(bad, NULL, "bad utf-8 \xC3\x28"));
    char *data;
    size_t size;
    assert_int_equal(goals_plan_save_memory(bad, &data, &size, NULL), GOALS_EINVAL);
    assert_null(data);
    goals_plan_free(bad);

    unlink(target);
    rmdir(sub);
    rmdir(dir);
    free(old);
    goals_plan_free(small);
    goals_plan_free(p);
}

static void test_save_options(void **state)
{
    (void)state;
    goals_plan *p;
    ok(goals_plan_new(&p, "p"));
    char *data;
    size_t size;
    goals_save_options opts;
    assert_int_equal(goals_save_options_init(&opts, 9), GOALS_EINVAL);
    ok(goals_save_options_init(&opts, GOALS_SAVE_OPTIONS_VERSION));
    opts.flags = GOALS_SAVE_GZIP | GOALS_SAVE_PLAIN;
    assert_int_equal(goals_plan_save_memory(p, &data, &size, &opts), GOALS_EINVAL);
    opts.flags = 0;
    opts.gzip_level = 10;
    assert_int_equal(goals_plan_save_memory(p, &data, &size, &opts), GOALS_EINVAL);
    opts.gzip_level = 0;
    opts.version = 2;
    assert_int_equal(goals_plan_save_memory(p, &data, &size, &opts), GOALS_EINVAL);
    assert_int_equal(goals_plan_save_memory(NULL, &data, &size, NULL), GOALS_EINVAL);
    assert_int_equal(goals_plan_save_file(p, "", NULL), GOALS_EINVAL);
    ok(goals_plan_save_memory(p, &data, &size, NULL));
    assert_string_equal(data, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                              "<plan xmlns=\"urn:libgoals:plan:1\" id=\"p\"/>\n");
    goals_free(data);
    goals_plan_free(p);
}

/* The deepest goal tree that can be read back is saved; one level more is
 * refused rather than written unreadable. */
static void test_deep_goals(void **state)
{
    (void)state;
    goals_plan *p, *q;
    goals_measure *m;
    ok(goals_plan_new(&p, "deep"));
    ok(goals_plan_add_measure(&m, p, "m", NULL, 1));
    goals_goal *g = NULL;
    for (int i = 1; i <= 251; i++) {
        char id[16];
        snprintf(id, sizeof id, "g%d", i);
        ok(goals_plan_add_goal(&g, p, g, id, NULL));
        ok(goals_goal_set_title(g, NULL, id));
        if (i == 250) {
            goals_target *t;
            ok(goals_goal_add_target(&t, g, "t", GOALS_KIND_REACH, "m"));
            ok(goals_target_set_title(t, NULL, "deepest text"));
            char *data;
            size_t size;
            ok(goals_plan_save_memory(p, &data, &size, NULL));
            ok(goals_plan_load_memory(&q, data, size, NULL));
            assert_true(goals_plan_equal(p, q));
            goals_plan_free(q);
            goals_free(data);
        }
    }
    char *data;
    size_t size;
    assert_int_equal(goals_plan_save_memory(p, &data, &size, NULL), GOALS_EINVAL);
    assert_string_equal(goals_error_last()->message,
                        "cannot save goal 'g251': nested deeper than 250 levels, which no loader would read back");
    goals_plan_free(p);
}

static void test_save_out_of_memory(void **state)
{
    (void)state;
    goals_plan *p = demo_plan();
    goals_save_options opts = GOALS_SAVE_OPTIONS_INIT;
    for (int gzip = 0; gzip < 2; gzip++) {
        opts.flags = gzip ? GOALS_SAVE_GZIP : 0;
        int done = 0;
        for (long n = 0; !done && n < 10000; n++) {
            char *data = (char *)1;
            size_t size;
            goals__alloc_fail_after(n);
            int rc = goals_plan_save_memory(p, &data, &size, &opts);
            goals__alloc_fail_after(-1);
            if (rc == GOALS_OK) {
                done = 1;
                goals_free(data);
            } else {
                assert_int_equal(rc, GOALS_ENOMEM);
                assert_null(data);
            }
        }
        assert_true(done);
    }
    goals_plan_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canonical_bytes),
        cmocka_unit_test(test_round_trips),
        cmocka_unit_test(test_milestone_in_given_unit),
        cmocka_unit_test(test_gzip_output),
        cmocka_unit_test(test_atomic_replace),
        cmocka_unit_test(test_save_options),
        cmocka_unit_test(test_deep_goals),
        cmocka_unit_test(test_save_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
