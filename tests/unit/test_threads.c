/* One plan evaluated from 8 threads at once, with different dates and
 * methods, gives the same results as the same evaluations run serially
 * (the ThreadSanitizer build of this test checks for races). */
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "goals/goals.h"
#include "support.h"

#define THREADS 8
#define ROUNDS 25

typedef struct job {
    const goals_plan *plan;
    int32_t as_of;
    const char *method;
    /* Per target: status, progress, assessment figure; then plan score. */
    int status[64];
    double progress[64], figure[64], score;
    size_t n;
    int rc;
} job;

static goals_plan *build_plan(void)
{
    goals_plan *p;
    goals_measure *m;
    goals_goal *g;
    goals_target *t;
    assert_int_equal(goals_plan_new(&p, "threads"), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(&m, p, "m", "CNY", 1e8), GOALS_OK);
    assert_int_equal(goals_plan_add_goal(&g, p, NULL, "g", NULL), GOALS_OK);
    for (int y = 2010; y <= 2025; y++) {
        goals_period per;
        char text[8];
        snprintf(text, sizeof text, "%d", y);
        assert_int_equal(goals_period_parse(&per, text), GOALS_OK);
        assert_int_equal(goals_measure_add_observation(m, &per, 100 + 7.5 * (y - 2010) + (y % 3), NULL), GOALS_OK);
    }
    goals_period base, dl;
    goals_period_parse(&base, "2015");
    for (int i = 0; i < 40; i++) {
        char id[16];
        snprintf(id, sizeof id, "t%d", i);
        goals_target_kind kind = i % 4 == 0 ? GOALS_KIND_CUMULATIVE : i % 4 == 1 ? GOALS_KIND_MAINTAIN : GOALS_KIND_REACH;
        assert_int_equal(goals_goal_add_target(&t, g, id, kind, "m"), GOALS_OK);
        double v = kind == GOALS_KIND_CUMULATIVE ? 1500 + 40 * i : kind == GOALS_KIND_MAINTAIN ? 100 + i : 150 + 5 * i;
        assert_int_equal(goals_target_set_value(t, i % 7 == 3 ? GOALS_OP_LE : GOALS_OP_GE, v, NAN, NULL), GOALS_OK);
        char d[8];
        snprintf(d, sizeof d, "%d", 2020 + i % 10);
        goals_period_parse(&dl, d);
        assert_int_equal(goals_target_set_deadline(t, &dl), GOALS_OK);
        assert_int_equal(goals_target_set_baseline(t, &base, 140), GOALS_OK);
    }
    return p;
}

static void run_job(job *j)
{
    goals_eval_options o = GOALS_EVAL_OPTIONS_INIT;
    o.method = j->method;
    goals_evaluation *ev;
    j->rc = goals_evaluate(&ev, j->plan, j->as_of, &o);
    if (j->rc)
        return;
    j->n = goals_evaluation_result_count(ev);
    for (size_t i = 0; i < j->n; i++) {
        const goals_result *r = goals_evaluation_result_at(ev, i);
        j->status[i] = goals_result_status(r);
        j->progress[i] = goals_result_progress(r);
        j->figure[i] = goals_result_assessment_value(r);
    }
    j->score = goals_evaluation_score(ev, NULL);
    goals_evaluation_free(ev);
}

static void *thread_main(void *arg)
{
    job *jobs = arg;
    for (int r = 0; r < ROUNDS; r++)
        run_job(&jobs[r]);
    return NULL;
}

static int same(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

static void test_parallel_equals_serial(void **state)
{
    (void)state;
    goals_plan *plan = build_plan();
    static job serial[THREADS][ROUNDS], parallel[THREADS][ROUNDS];
    for (int t = 0; t < THREADS; t++) {
        for (int r = 0; r < ROUNDS; r++) {
            job j = {.plan = plan, .method = goals_method_name_at((size_t)(t + r) % goals_method_count())};
            goals_date_from_ymd(&j.as_of, 2016 + (t + r) % 12, 1 + r % 12, 1 + t);
            serial[t][r] = parallel[t][r] = j;
            run_job(&serial[t][r]);
            assert_int_equal(serial[t][r].rc, GOALS_OK);
        }
    }
    pthread_t th[THREADS];
    for (int t = 0; t < THREADS; t++)
        assert_int_equal(pthread_create(&th[t], NULL, thread_main, parallel[t]), 0);
    for (int t = 0; t < THREADS; t++)
        pthread_join(th[t], NULL);
    size_t differing_statuses = 0;
    for (int t = 0; t < THREADS; t++) {
        for (int r = 0; r < ROUNDS; r++) {
            const job *a = &serial[t][r], *b = &parallel[t][r];
            assert_int_equal(b->rc, GOALS_OK);
            assert_int_equal(a->n, 40);
            assert_int_equal(b->n, a->n);
            assert_true(same(a->score, b->score));
            for (size_t i = 0; i < a->n; i++) {
                assert_int_equal(a->status[i], b->status[i]);
                assert_true(same(a->progress[i], b->progress[i]));
                assert_true(same(a->figure[i], b->figure[i]));
                differing_statuses += a->status[i] != serial[0][0].status[i];
            }
        }
    }
    /* The jobs really differ (dates and methods), so agreement means something. */
    assert_true(differing_statuses > 100);
    goals_plan_free(plan);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_parallel_equals_serial)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
