/* Loading distinct plans in parallel: 8 threads, each loading its own
 * documents (native plain and gzip, StratML, IATI, CSV observations, and bad
 * documents whose errors must name the thread's own file and line), then
 * evaluating and saving what it loaded. Every thread's results equal the
 * serial ones, and each thread's goals_error_last() is its own. The
 * ThreadSanitizer build of .ci/check runs this with test_threads. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "goals/goals.h"

#define THREADS 8
#define ROUNDS 6
#define SRC GOALS_SOURCE_DIR "/"

typedef struct doc {
    const char *path;
    const char *csv;  /* observations to read into it, or NULL */
    int rc;           /* expected status of the load */
    unsigned long line; /* expected error line, for bad ones */
} doc;

static const doc docs[] = {
    {SRC "examples/plans/kecheng-2026.xml", NULL, GOALS_OK, 0},
    {SRC "examples/plans/cn-14th-fyp.xml", SRC "examples/data/cn-14th-fyp-observations.csv", GOALS_OK, 0},
    {SRC "tests/data/good/full.xml", NULL, GOALS_OK, 0},
    {SRC "tests/fuzz/corpus/load/good-full.xml.gz", NULL, GOALS_OK, 0},
    {SRC "tests/fuzz/corpus/stratml/PMOAI.xml", NULL, GOALS_OK, 0},
    {SRC "tests/fuzz/corpus/iati/canada-activity.xml", NULL, GOALS_OK, 0},
    {SRC "tests/data/bad/mismatched-tag.xml", NULL, GOALS_EPARSE, 4},
    {SRC "tests/data/bad/doctype.xml", NULL, GOALS_EINVALID, 0},
};
#define NDOCS (sizeof docs / sizeof *docs)

/* What one load, evaluation and save gave. */
typedef struct outcome {
    int rc;
    char error[512];
    unsigned long line;
    size_t targets, observations, saved_size;
    uint32_t saved_hash;
    double score;
} outcome;

static uint32_t fnv(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static void run(const doc *d, outcome *o)
{
    memset(o, 0, sizeof *o);
    goals_plan *p = NULL;
    o->rc = goals_plan_load_file(&p, d->path, NULL);
    if (!o->rc && d->csv)
        o->rc = goals_plan_load_observations_file(p, d->csv, GOALS_OBS_REPLACE);
    if (o->rc) {
        goals_error_format(o->error, sizeof o->error);
        o->line = goals_error_last()->line;
        goals_plan_free(p);
        return;
    }
    o->targets = goals_plan_target_count(p);
    o->observations = goals_plan_observation_count(p);
    int32_t as_of;
    goals_date_from_ymd(&as_of, 2024, 12, 31);
    goals_evaluation *ev;
    if (goals_evaluate(&ev, p, as_of, NULL) == GOALS_OK) {
        o->score = goals_evaluation_score(ev, NULL);
        goals_evaluation_free(ev);
    } else {
        o->score = -1;
    }
    char *text;
    if (goals_plan_save_memory(p, &text, &o->saved_size, NULL) == GOALS_OK) {
        o->saved_hash = fnv(text, o->saved_size);
        goals_free(text);
    }
    goals_plan_free(p);
}

typedef struct worker {
    int id;
    outcome got[ROUNDS];
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    for (int r = 0; r < ROUNDS; r++)
        run(&docs[(size_t)(w->id + r) % NDOCS], &w->got[r]);
    return NULL;
}

static void test_load_distinct_plans_in_parallel(void **state)
{
    (void)state;
    outcome serial[NDOCS];
    for (size_t i = 0; i < NDOCS; i++) {
        run(&docs[i], &serial[i]);
        if (serial[i].rc != docs[i].rc)
            fail_msg("%s: status %d, expected %d: %s", docs[i].path, serial[i].rc, docs[i].rc, serial[i].error);
        if (docs[i].line)
            assert_int_equal(serial[i].line, docs[i].line);
        if (!docs[i].rc)
            assert_true(serial[i].saved_size > 0);
    }
    static worker w[THREADS];
    pthread_t th[THREADS];
    for (int t = 0; t < THREADS; t++) {
        w[t].id = t;
        assert_int_equal(pthread_create(&th[t], NULL, work, &w[t]), 0);
    }
    for (int t = 0; t < THREADS; t++)
        assert_int_equal(pthread_join(th[t], NULL), 0);
    for (int t = 0; t < THREADS; t++) {
        for (int r = 0; r < ROUNDS; r++) {
            const outcome *a = &serial[(size_t)(t + r) % NDOCS], *b = &w[t].got[r];
            assert_int_equal(b->rc, a->rc);
            assert_string_equal(b->error, a->error); /* its own file and line, not another thread's */
            assert_int_equal(b->targets, a->targets);
            assert_int_equal(b->observations, a->observations);
            assert_int_equal(b->saved_size, a->saved_size);
            assert_int_equal(b->saved_hash, a->saved_hash);
            assert_true(b->score == a->score || (b->score != b->score && a->score != a->score));
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_load_distinct_plans_in_parallel)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
