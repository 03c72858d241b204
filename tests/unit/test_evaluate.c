/* Evaluation: every target kind against every status it can take, with
 * real numbers; the figures (progress, rates, projection); roll-up;
 * methods and parameters through the public API. The rules are the ones
 * docs/evaluation.md states. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "goals/goals.h"
#include "support.h"

/* One case: a plan with measure "m" (and "o" for relative), one target. */
typedef struct kcase {
    const char *name;
    goals_target_kind kind;
    goals_op op;
    double value, high;
    const char *deadline;     /* period text or NULL */
    const char *start;        /* window start or NULL */
    const char *base_period;  /* baseline or NULL */
    double base_value;
    goals_rate rate;
    goals_change_mode mode;
    unsigned streak;
    const char *obs;          /* "2021:60;2022:70" (a value "t:text" for text) */
    const char *other;        /* observations of "o" (relative) */
    const char *as_of;        /* YYYY-MM-DD */
    goals_target_status want;
    double want_latest;       /* NaN: not checked */
    double want_progress;     /* NaN: not checked */
} kcase;

static void add_obs(goals_measure *m, const char *spec)
{
    if (!spec)
        return;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", spec);
    for (char *save = NULL, *tok = strtok_r(buf, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
        char *colon = strchr(tok, ':');
        assert_non_null(colon);
        *colon = '\0';
        goals_observation_input in = GOALS_OBSERVATION_INPUT_INIT;
        assert_int_equal(goals_period_parse(&in.period, tok), GOALS_OK);
        if (colon[1] == 't' && colon[2] == ':')
            in.text = colon + 3;
        else
            in.value = strtod(colon + 1, NULL);
        assert_int_equal(goals_measure_add_observations_ex(m, &in, 1), GOALS_OK);
    }
}

static goals_plan *make_plan(const kcase *k)
{
    goals_plan *p;
    goals_measure *m, *o;
    goals_goal *g;
    goals_target *t;
    assert_int_equal(goals_plan_new(&p, "p"), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(&m, p, "m", "%", 1), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(&o, p, "o", "%", 1), GOALS_OK);
    assert_int_equal(goals_measure_set_rate(m, k->rate), GOALS_OK);
    assert_int_equal(goals_plan_add_goal(&g, p, NULL, "g", NULL), GOALS_OK);
    assert_int_equal(goals_goal_add_target(&t, g, "t", k->kind, "m"), GOALS_OK);
    assert_int_equal(goals_target_set_change_mode(t, k->mode), GOALS_OK);
    assert_int_equal(goals_target_set_value(t, k->op, k->value, k->high, NULL), GOALS_OK);
    goals_period pd;
    if (k->deadline) {
        assert_int_equal(goals_period_parse(&pd, k->deadline), GOALS_OK);
        assert_int_equal(goals_target_set_deadline(t, &pd), GOALS_OK);
    }
    if (k->start) {
        assert_int_equal(goals_period_parse(&pd, k->start), GOALS_OK);
        assert_int_equal(goals_target_set_start(t, &pd), GOALS_OK);
    }
    if (k->base_period) {
        assert_int_equal(goals_period_parse(&pd, k->base_period), GOALS_OK);
        assert_int_equal(goals_target_set_baseline(t, &pd, k->base_value), GOALS_OK);
    }
    if (k->streak)
        assert_int_equal(goals_target_set_streak(t, k->streak), GOALS_OK);
    if (k->kind == GOALS_KIND_RELATIVE)
        assert_int_equal(goals_target_set_relative_to(t, "o"), GOALS_OK);
    add_obs(m, k->obs);
    add_obs(o, k->other);
    return p;
}

static const goals_result *run_case(const kcase *k, goals_evaluation **ev, goals_plan **plan)
{
    *plan = make_plan(k);
    int32_t day;
    assert_int_equal(goals_date_parse(&day, k->as_of), GOALS_OK);
    if (goals_evaluate(ev, *plan, day, NULL) != GOALS_OK)
        fail_msg("%s: %s", k->name, test_error_text());
    const goals_result *r = goals_evaluation_find_result(*ev, "t");
    assert_non_null(r);
    if (goals_result_status(r) != k->want)
        fail_msg("%s: status %s, expected %s (%s)", k->name, goals_target_status_name(goals_result_status(r)),
                 goals_target_status_name(k->want), goals_result_note(r));
    double v;
    if (!isnan(k->want_latest)) {
        assert_int_equal(goals_result_latest(r, NULL, &v), 1);
        assert_near(v, k->want_latest, 1e-9);
    }
    if (!isnan(k->want_progress))
        assert_near(goals_result_progress(r), k->want_progress, 1e-9);
    return r;
}

#define X NAN
/* 1 - 0.97^5, in percent: five yearly 3% reductions compound to 14.13%. */
#define RED5_3 14.12659743

static const kcase cases[] = {
    /* reach: ge 100 by 2026 from 50 in 2020 */
    {"reach achieved", GOALS_KIND_REACH, GOALS_OP_GE, 100, X, "2026", NULL, "2020", 50, 0, 0, 0,
     "2021:60;2023:100", NULL, "2024-06-30", GOALS_STATUS_ACHIEVED, 100, 1},
    {"reach on track", GOALS_KIND_REACH, GOALS_OP_GE, 100, X, "2026", NULL, "2020", 50, 0, 0, 0,
     "2021:60;2022:70;2023:80", NULL, "2024-06-30", GOALS_STATUS_ON_TRACK, 80, 0.6},
    {"reach at risk", GOALS_KIND_REACH, GOALS_OP_GE, 100, X, "2026", NULL, "2020", 50, 0, 0, 0,
     "2023:70", NULL, "2024-06-30", GOALS_STATUS_AT_RISK, 70, 0.4},
    {"reach off track", GOALS_KIND_REACH, GOALS_OP_GE, 100, X, "2026", NULL, "2020", 50, 0, 0, 0,
     "2023:55", NULL, "2024-06-30", GOALS_STATUS_OFF_TRACK, 55, 0.1},
    {"reach regressing", GOALS_KIND_REACH, GOALS_OP_GE, 100, X, "2026", NULL, "2020", 50, 0, 0, 0,
     "2023:45", NULL, "2024-06-30", GOALS_STATUS_REGRESSING, 45, -0.1},
    {"reach missed", GOALS_KIND_REACH, GOALS_OP_GE, 100, X, "2026", NULL, "2020", 50, 0, 0, 0,
     "2026:90;2027:120", NULL, "2028-03-01", GOALS_STATUS_MISSED, 90, 0.8},
    {"reach after the deadline, deadline year unpublished: judged on the trend", GOALS_KIND_REACH, GOALS_OP_GE,
     11.3, X, "2025", NULL, "2020", 10.75, 0, 0, 0, "2023:11.05;2024:11.21", NULL, "2026-03-01",
     GOALS_STATUS_ON_TRACK, 11.21, 0.46 / 0.55},
    {"reach met at the baseline: progress 1 while met", GOALS_KIND_REACH, GOALS_OP_GT, 6.5, X, "2025", NULL, NULL,
     0, 0, 0, 0, "2021:6.8285;2023:6.9541;2024:7.065", NULL, "2025-03-01", GOALS_STATUS_ACHIEVED, 7.065, 1},
    {"reach no data", GOALS_KIND_REACH, GOALS_OP_GE, 100, X, "2026", NULL, "2020", 50, 0, 0, 0,
     NULL, NULL, "2024-06-30", GOALS_STATUS_NO_DATA, X, X},
    {"reach pending", GOALS_KIND_REACH, GOALS_OP_GE, 100, X, "2026", NULL, "2020", 50, 0, 0, 0,
     NULL, NULL, "2020-06-30", GOALS_STATUS_PENDING, X, X},
    {"reach gt is strict", GOALS_KIND_REACH, GOALS_OP_GT, 320, X, "2026", NULL, "2021", 250, 0, 0, 0,
     "2024:320", NULL, "2025-01-31", GOALS_STATUS_ON_TRACK, 320, 1},
    {"reach le, decreasing", GOALS_KIND_REACH, GOALS_OP_LE, 5.5, X, "2025", NULL, "2020", 6.0, 0, 0, 0,
     "2021:5.1", NULL, "2022-01-31", GOALS_STATUS_ACHIEVED, 5.1, X},
    {"reach between", GOALS_KIND_REACH, GOALS_OP_BETWEEN, 2, 3, "2025", NULL, "2020", 5, 0, 0, 0,
     "2022:2.5", NULL, "2023-01-31", GOALS_STATUS_ACHIEVED, 2.5, X},
    {"reach direction alone", GOALS_KIND_REACH, GOALS_OP_INCREASE, X, X, "2025", NULL, "2020", 5, 0, 0, 0,
     "2022:6", NULL, "2023-01-31", GOALS_STATUS_ACHIEVED, 6, X},
    {"rank within 3", GOALS_KIND_RANK, GOALS_OP_LE, 3, X, "2026", NULL, NULL, 0, 0, 0, 0,
     "2022:2;2023:2", NULL, "2024-01-31", GOALS_STATUS_ACHIEVED, 2, X},
    {"rank slipping", GOALS_KIND_RANK, GOALS_OP_LE, 3, X, "2026", NULL, NULL, 0, 0, 0, 0,
     "2022:4;2023:6", NULL, "2024-01-31", GOALS_STATUS_REGRESSING, 6, X},

    /* cumulative: >= 33.5 over 2022-2026 */
    {"cumulative achieved", GOALS_KIND_CUMULATIVE, GOALS_OP_GE, 33.5, X, "2026", "2022", NULL, 0, 0, 0, 0,
     "2021:50;2022:6;2023:7;2024:8;2025:13", NULL, "2026-01-31", GOALS_STATUS_ACHIEVED, 34, 34 / 33.5},
    {"cumulative on track", GOALS_KIND_CUMULATIVE, GOALS_OP_GE, 33.5, X, "2026", "2022", NULL, 0, 0, 0, 0,
     "2022:6;2023:7;2024:8", NULL, "2025-01-31", GOALS_STATUS_ON_TRACK, 21, 21 / 33.5},
    {"cumulative at risk", GOALS_KIND_CUMULATIVE, GOALS_OP_GE, 33.5, X, "2026", "2022", NULL, 0, 0, 0, 0,
     "2022:4;2023:5;2024:6", NULL, "2025-01-31", GOALS_STATUS_AT_RISK, 15, 15 / 33.5},
    {"cumulative off track", GOALS_KIND_CUMULATIVE, GOALS_OP_GE, 33.5, X, "2026", "2022", NULL, 0, 0, 0, 0,
     "2022:1;2023:1;2024:1", NULL, "2025-01-31", GOALS_STATUS_OFF_TRACK, 3, 3 / 33.5},
    {"cumulative missed", GOALS_KIND_CUMULATIVE, GOALS_OP_GE, 33.5, X, "2026", "2022", NULL, 0, 0, 0, 0,
     "2022:6;2023:6;2024:6;2025:6;2026:6", NULL, "2027-01-31", GOALS_STATUS_MISSED, 30, 30 / 33.5},
    {"cumulative pending", GOALS_KIND_CUMULATIVE, GOALS_OP_GE, 33.5, X, "2026", "2022", NULL, 0, 0, 0, 0,
     "2021:5", NULL, "2021-12-31", GOALS_STATUS_PENDING, X, X},

    /* change: yearly reductions compound (13.5% over 2021-2025) */
    {"change compounded achieved", GOALS_KIND_CHANGE, GOALS_OP_GE, 13.5, X, "2025", NULL, "2020", 0,
     GOALS_RATE_REDUCTION, GOALS_CHANGE_PERCENT, 0, "2021:3;2022:3;2023:3;2024:3;2025:3", NULL, "2026-03-01",
     GOALS_STATUS_ACHIEVED, RED5_3, X},
    {"change compounded missed (a plain sum would pass)", GOALS_KIND_CHANGE, GOALS_OP_GE, 13.5, X, "2025", NULL,
     "2020", 0, GOALS_RATE_REDUCTION, GOALS_CHANGE_PERCENT, 0, "2021:2.8;2022:2.8;2023:2.8;2024:2.8;2025:2.8",
     NULL, "2026-03-01", GOALS_STATUS_MISSED, 13.2376463930368 /* (1 - 0.972^5) * 100 */, X},
    {"change compounded off track", GOALS_KIND_CHANGE, GOALS_OP_GE, 13.5, X, "2025", NULL, "2020", 0,
     GOALS_RATE_REDUCTION, GOALS_CHANGE_PERCENT, 0, "2021:2.7;2022:0.1;2023:0.5", NULL, "2024-03-01",
     GOALS_STATUS_OFF_TRACK, (1 - 0.973 * 0.999 * 0.995) * 100, X},
    {"change compounded with missing years is not assessable", GOALS_KIND_CHANGE, GOALS_OP_GE, 13.5, X, "2025",
     NULL, "2020", 0, GOALS_RATE_REDUCTION, GOALS_CHANGE_PERCENT, 0, "2021:3.8;2025:5.0", NULL, "2026-03-01",
     GOALS_STATUS_NO_DATA, X, X},
    {"change absolute achieved (+1 year)", GOALS_KIND_CHANGE, GOALS_OP_GE, 1, X, "2025", NULL, "2020", 77.93, 0,
     GOALS_CHANGE_ABSOLUTE, 0, "2024:79.0", NULL, "2025-06-30", GOALS_STATUS_ACHIEVED, 79.0 - 77.93, X},
    {"change absolute on track", GOALS_KIND_CHANGE, GOALS_OP_GE, 1, X, "2025", NULL, "2020", 77.93, 0,
     GOALS_CHANGE_ABSOLUTE, 0, "2022:78.43", NULL, "2023-06-30", GOALS_STATUS_ON_TRACK, 0.5, 0.5},
    {"change percent regressing", GOALS_KIND_CHANGE, GOALS_OP_GE, 10, X, "2025", NULL, "2020", 200, 0,
     GOALS_CHANGE_PERCENT, 0, "2022:190", NULL, "2023-06-30", GOALS_STATUS_REGRESSING, -5, -0.5},
    {"change percent from zero", GOALS_KIND_CHANGE, GOALS_OP_GE, 10, X, "2025", NULL, "2020", 0, 0,
     GOALS_CHANGE_PERCENT, 0, "2022:190", NULL, "2023-06-30", GOALS_STATUS_NO_DATA, X, X},

    /* average growth: >= 7% a year over 2021-2025 from yearly growth rates */
    {"average growth achieved", GOALS_KIND_AVERAGE_GROWTH, GOALS_OP_GE, 7, X, "2025", "2021", NULL, 0,
     GOALS_RATE_GROWTH, 0, 0, "2021:9.4;2022:8.0", NULL, "2023-03-01", GOALS_STATUS_ACHIEVED, X, X},
    {"average growth at risk", GOALS_KIND_AVERAGE_GROWTH, GOALS_OP_GE, 7, X, "2025", "2021", NULL, 0,
     GOALS_RATE_GROWTH, 0, 0, "2021:5;2022:9", NULL, "2023-03-01", GOALS_STATUS_AT_RISK, X, X},
    {"average growth off track", GOALS_KIND_AVERAGE_GROWTH, GOALS_OP_GE, 7, X, "2025", "2021", NULL, 0,
     GOALS_RATE_GROWTH, 0, 0, "2021:5;2022:5", NULL, "2023-03-01", GOALS_STATUS_OFF_TRACK, 5, X},
    {"average growth regressing", GOALS_KIND_AVERAGE_GROWTH, GOALS_OP_GE, 7, X, "2025", "2021", NULL, 0,
     GOALS_RATE_GROWTH, 0, 0, "2021:-1;2022:-2", NULL, "2023-03-01", GOALS_STATUS_REGRESSING, X, X},
    {"average growth missed", GOALS_KIND_AVERAGE_GROWTH, GOALS_OP_GE, 7, X, "2025", "2021", NULL, 0,
     GOALS_RATE_GROWTH, 0, 0, "2021:5;2022:5;2023:5;2024:5;2025:5", NULL, "2026-03-01", GOALS_STATUS_MISSED, 5, X},
    {"average growth of levels (CAGR)", GOALS_KIND_AVERAGE_GROWTH, GOALS_OP_GE, 7, X, "2025", NULL, "2020", 100, 0,
     0, 0, "2023:125", NULL, "2024-03-01", GOALS_STATUS_ACHIEVED, X, X},
    {"average growth over the published years (2023, 2024 missing)", GOALS_KIND_AVERAGE_GROWTH, GOALS_OP_GT, 7,
     X, "2025", "2021", NULL, 0, GOALS_RATE_GROWTH, 0, 0, "2021:9.4;2022:8.0;2025:9.1", NULL, "2026-03-01",
     GOALS_STATUS_ACHIEVED, 8.831665649628228 /* cbrt(1.094 * 1.08 * 1.091) - 1, in % */, X},
    {"average growth below target with years missing is never a final miss", GOALS_KIND_AVERAGE_GROWTH,
     GOALS_OP_GT, 7, X, "2025", "2021", NULL, 0, GOALS_RATE_GROWTH, 0, 0, "2021:5;2022:5;2025:5", NULL,
     "2026-03-01", GOALS_STATUS_OFF_TRACK, 5, X},
    {"average growth no data", GOALS_KIND_AVERAGE_GROWTH, GOALS_OP_GE, 7, X, "2025", "2021", NULL, 0,
     GOALS_RATE_GROWTH, 0, 0, "2019:9", NULL, "2021-03-01", GOALS_STATUS_NO_DATA, X, X},

    /* relative: labour productivity growth above GDP growth (gt 0) */
    {"relative achieved", GOALS_KIND_RELATIVE, GOALS_OP_GT, 0, X, "2025", NULL, NULL, 0, 0, 0, 0,
     "2021:8.7;2022:4.2;2023:5.7", "2021:8.1;2022:3.0;2023:5.2", "2024-03-01", GOALS_STATUS_ACHIEVED, 5.7, 1},
    {"relative off track", GOALS_KIND_RELATIVE, GOALS_OP_GT, 0, X, "2025", NULL, NULL, 0, 0, 0, 0,
     "2021:8.7;2022:4.2;2023:5.0", "2021:8.1;2022:3.0;2023:5.2", "2024-03-01", GOALS_STATUS_OFF_TRACK, 5.0, 2.0 / 3},
    {"relative at risk", GOALS_KIND_RELATIVE, GOALS_OP_GT, 0, X, "2025", NULL, NULL, 0, 0, 0, 0,
     "2021:8.7;2022:2.0;2023:5.7", "2021:8.1;2022:3.0;2023:5.2", "2024-03-01", GOALS_STATUS_AT_RISK, 5.7, 2.0 / 3},
    {"relative missed", GOALS_KIND_RELATIVE, GOALS_OP_GT, 0, X, "2025", NULL, NULL, 0, 0, 0, 0,
     "2021:8.7;2022:2.0;2023:5.7;2025:6", "2021:8.1;2022:3.0;2023:5.2;2025:5", "2026-03-01", GOALS_STATUS_MISSED, X,
     X},
    {"relative after the deadline, last year unpublished", GOALS_KIND_RELATIVE, GOALS_OP_GT, 0, X, "2025", NULL,
     NULL, 0, 0, 0, 0, "2021:8.7;2022:2.0;2023:5.7", "2021:8.1;2022:3.0;2023:5.2", "2026-03-01",
     GOALS_STATUS_AT_RISK, X, X},
    {"relative no data", GOALS_KIND_RELATIVE, GOALS_OP_GT, 0, X, "2025", NULL, NULL, 0, 0, 0, 0,
     "2021:8.7", NULL, "2024-03-01", GOALS_STATUS_NO_DATA, X, X},

    /* maintain: >= 98 every year 2022-2026 */
    {"maintain achieved", GOALS_KIND_MAINTAIN, GOALS_OP_GE, 98, X, "2026", "2022", NULL, 0, 0, 0, 0,
     "2021:90;2022:98.5;2023:99", NULL, "2024-03-01", GOALS_STATUS_ACHIEVED, 99, 1},
    {"maintain breached (cannot recover)", GOALS_KIND_MAINTAIN, GOALS_OP_GE, 98, X, "2026", "2022", NULL, 0, 0, 0,
     0, "2022:98.5;2023:97.9;2024:99", NULL, "2025-03-01", GOALS_STATUS_BREACHED, 97.9, X},
    {"maintain pending", GOALS_KIND_MAINTAIN, GOALS_OP_GE, 98, X, "2026", "2022", NULL, 0, 0, 0, 0,
     "2021:99", NULL, "2021-06-30", GOALS_STATUS_PENDING, X, X},
    {"maintain no data", GOALS_KIND_MAINTAIN, GOALS_OP_GE, 98, X, "2026", "2022", NULL, 0, 0, 0, 0,
     "2021:99", NULL, "2022-06-30", GOALS_STATUS_NO_DATA, X, X},

    /* streak: twelve in a row by 2026 */
    {"streak achieved", GOALS_KIND_STREAK, GOALS_OP_GE, 1, X, "2026", NULL, NULL, 0, 0, 0, 12,
     "2015:1;2016:1;2017:1;2018:1;2019:1;2020:1;2021:1;2022:1;2023:1;2024:1;2025:1;2026:1", NULL, "2027-01-31",
     GOALS_STATUS_ACHIEVED, 1, 1},
    {"streak on track (11 of 12, one year left)", GOALS_KIND_STREAK, GOALS_OP_GE, 1, X, "2026", NULL, NULL, 0, 0,
     0, 12, "2015:1;2016:1;2017:1;2018:1;2019:1;2020:1;2021:1;2022:1;2023:1;2024:1;2025:1", NULL, "2026-01-31",
     GOALS_STATUS_ON_TRACK, 1, 11.0 / 12},
    {"streak off track (broken, too late)", GOALS_KIND_STREAK, GOALS_OP_GE, 1, X, "2026", NULL, NULL, 0, 0, 0,
     12, "2023:1;2024:1;2025:0", NULL, "2026-01-31", GOALS_STATUS_OFF_TRACK, 0, 0},
    {"streak at risk (broken, time left)", GOALS_KIND_STREAK, GOALS_OP_GE, 1, X, "2026", NULL, NULL, 0, 0, 0, 3,
     "2019:1;2020:0", NULL, "2021-01-31", GOALS_STATUS_AT_RISK, 0, 0},
    {"streak missed", GOALS_KIND_STREAK, GOALS_OP_GE, 1, X, "2026", NULL, NULL, 0, 0, 0, 3,
     "2025:1;2026:0", NULL, "2027-01-31", GOALS_STATUS_MISSED, 0, 0},

    /* milestone: an event by 2026 */
    {"milestone achieved", GOALS_KIND_MILESTONE, GOALS_OP_NONE, X, X, "2026", NULL, NULL, 0, 0, 0, 0,
     "2024:0;2025:1", NULL, "2025-06-30", GOALS_STATUS_PENDING, X, X}, /* 2025 has not ended by the as-of */
    {"milestone achieved after its year", GOALS_KIND_MILESTONE, GOALS_OP_NONE, X, X, "2026", NULL, NULL, 0, 0, 0,
     0, "2024:0;2025:1", NULL, "2026-01-01", GOALS_STATUS_ACHIEVED, 1, 1},
    {"milestone pending", GOALS_KIND_MILESTONE, GOALS_OP_NONE, X, X, "2026", NULL, NULL, 0, 0, 0, 0, "2024:0", NULL,
     "2025-06-30", GOALS_STATUS_PENDING, 0, 0},
    {"milestone missed", GOALS_KIND_MILESTONE, GOALS_OP_NONE, X, X, "2026", NULL, NULL, 0, 0, 0, 0, "2024:0", NULL,
     "2027-01-01", GOALS_STATUS_MISSED, 0, 0},
    {"milestone late is missed", GOALS_KIND_MILESTONE, GOALS_OP_NONE, X, X, "2026", NULL, NULL, 0, 0, 0, 0,
     "2027:1", NULL, "2028-01-01", GOALS_STATUS_MISSED, 1, X},

    /* qualitative: the latest assessment */
    {"qualitative pending", GOALS_KIND_QUALITATIVE, GOALS_OP_NONE, X, X, "2026", NULL, NULL, 0, 0, 0, 0, NULL,
     NULL, "2025-06-30", GOALS_STATUS_PENDING, X, X},
    {"qualitative status word", GOALS_KIND_QUALITATIVE, GOALS_OP_NONE, X, X, "2026", NULL, NULL, 0, 0, 0, 0,
     "2023:t:at_risk;2024:t:achieved", NULL, "2025-06-30", GOALS_STATUS_ACHIEVED, X, X},
    {"qualitative grade on track", GOALS_KIND_QUALITATIVE, GOALS_OP_NONE, X, X, "2026", NULL, NULL, 0, 0, 0, 0,
     "2024:0.8", NULL, "2025-06-30", GOALS_STATUS_ON_TRACK, 0.8, 0.8},
    {"qualitative grade at risk", GOALS_KIND_QUALITATIVE, GOALS_OP_NONE, X, X, "2026", NULL, NULL, 0, 0, 0, 0,
     "2024:0.5", NULL, "2025-06-30", GOALS_STATUS_AT_RISK, 0.5, 0.5},
    {"qualitative grade off track", GOALS_KIND_QUALITATIVE, GOALS_OP_NONE, X, X, "2026", NULL, NULL, 0, 0, 0, 0,
     "2024:0.3", NULL, "2025-06-30", GOALS_STATUS_OFF_TRACK, 0.3, 0.3},
    {"qualitative text only", GOALS_KIND_QUALITATIVE, GOALS_OP_NONE, X, X, "2026", NULL, NULL, 0, 0, 0, 0,
     "2024:t:基本形成", NULL, "2025-06-30", GOALS_STATUS_PENDING, X, X},
};

static void test_kinds(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        goals_evaluation *ev;
        goals_plan *p;
        run_case(&cases[i], &ev, &p);
        goals_evaluation_free(ev);
        goals_plan_free(p);
    }
}

/* The figures of the on-track reach case, worked by hand: baseline 50 (2020),
 * latest 80 (2023), target 100 by 2026. */
static void test_figures(void **state)
{
    (void)state;
    goals_evaluation *ev;
    goals_plan *p;
    const goals_result *r = run_case(&cases[1], &ev, &p);
    goals_period per;
    double v;
    int observed = -1;
    assert_int_equal(goals_result_baseline(r, &per, &v, &observed), 1);
    assert_near(v, 50, 0);
    assert_int_equal(observed, 0);
    assert_near(goals_result_actual_rate(r), 10, 1e-9);       /* 30 over 3 years */
    assert_near(goals_result_required_rate(r), 20.0 / 3, 1e-9); /* 20 over 3 years */
    assert_near(goals_result_projected(r), 110, 1e-9);
    assert_string_equal(goals_result_method(r), "linear");
    assert_near(goals_result_assessment_value(r), 1.2, 1e-9); /* 0.6 of the way at half the time */
    assert_string_equal(goals_result_assessment_category(r), "on_track");
    int32_t d26, asof;
    goals_date_from_ymd(&d26, 2026, 12, 31);
    goals_date_parse(&asof, "2024-06-30");
    assert_int_equal(goals_result_days_left(r), d26 - asof);
    assert_int_equal(goals_result_violation(r), 0);
    goals_evaluation_free(ev);
    goals_plan_free(p);
}

static void test_observed_baseline(void **state)
{
    (void)state;
    /* No baseline given: the latest observation before the window (the horizon). */
    kcase k = cases[1];
    k.base_period = NULL;
    k.obs = "2019:40;2020:50;2021:60;2022:70;2023:80";
    k.start = "2021";
    goals_evaluation *ev;
    goals_plan *p;
    const goals_result *r = run_case(&k, &ev, &p);
    goals_period per;
    double v;
    int observed = 0;
    assert_int_equal(goals_result_baseline(r, &per, &v, &observed), 1);
    assert_near(v, 50, 0);
    assert_int_equal(observed, 1);
    char text[GOALS_PERIOD_TEXT_MAX];
    goals_period_format(&per, text, sizeof text);
    assert_string_equal(text, "2020");
    goals_evaluation_free(ev);
    goals_plan_free(p);
}

static void test_violation(void **state)
{
    (void)state;
    goals_evaluation *ev;
    goals_plan *p = make_plan(&cases[5]); /* reach missed */
    assert_int_equal(goals_target_set_attribute(goals_plan_find_target(p, "t"), GOALS_ATTR_BINDING), GOALS_OK);
    int32_t day;
    goals_date_parse(&day, "2028-03-01");
    assert_int_equal(goals_evaluate(&ev, p, day, NULL), GOALS_OK);
    assert_int_equal(goals_result_violation(goals_evaluation_result_at(ev, 0)), 1);
    goals_evaluation_free(ev);
    goals_plan_free(p);
}

/* Two goals: a (achieved, on_track) and b with child b1 (missed); the plan is missed. */
static void test_rollup(void **state)
{
    (void)state;
    goals_plan *p;
    goals_measure *m;
    goals_goal *a, *b, *b1;
    goals_target *t;
    goals_period y26, y20, y23;
    goals_period_parse(&y26, "2026");
    goals_period_parse(&y20, "2020");
    goals_period_parse(&y23, "2023");
    assert_int_equal(goals_plan_new(&p, "p"), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(&m, p, "m", NULL, 1), GOALS_OK);
    assert_int_equal(goals_measure_add_observation(m, &y23, 80, NULL), GOALS_OK);
    assert_int_equal(goals_plan_add_goal(&a, p, NULL, "a", NULL), GOALS_OK);
    assert_int_equal(goals_plan_add_goal(&b, p, NULL, "b", NULL), GOALS_OK);
    assert_int_equal(goals_plan_add_goal(&b1, p, b, "b1", NULL), GOALS_OK);
    const struct { goals_goal *g; const char *id; double value; const char *deadline; } ts[] = {
        {a, "a.1", 70, "2026"}, {a, "a.2", 100, "2026"}, {b1, "b1.1", 90, "2023"}};
    for (size_t i = 0; i < 3; i++) {
        goals_period d;
        goals_period_parse(&d, ts[i].deadline);
        assert_int_equal(goals_goal_add_target(&t, ts[i].g, ts[i].id, GOALS_KIND_REACH, "m"), GOALS_OK);
        assert_int_equal(goals_target_set_value(t, GOALS_OP_GE, ts[i].value, NAN, NULL), GOALS_OK);
        assert_int_equal(goals_target_set_deadline(t, &d), GOALS_OK);
        assert_int_equal(goals_target_set_baseline(t, &y20, 50), GOALS_OK);
    }
    goals_evaluation *ev;
    int32_t day;
    goals_date_parse(&day, "2024-06-30");
    assert_int_equal(goals_evaluate(&ev, p, day, NULL), GOALS_OK);
    assert_int_equal(goals_result_status(goals_evaluation_find_result(ev, "a.1")), GOALS_STATUS_ACHIEVED);
    assert_int_equal(goals_result_status(goals_evaluation_find_result(ev, "a.2")), GOALS_STATUS_ON_TRACK);
    assert_int_equal(goals_result_status(goals_evaluation_find_result(ev, "b1.1")), GOALS_STATUS_MISSED);
    size_t counts[GOALS_STATUS_COUNT];
    assert_int_equal(goals_evaluation_counts(ev, a, counts), GOALS_OK);
    assert_int_equal(counts[GOALS_STATUS_ACHIEVED], 1);
    assert_int_equal(counts[GOALS_STATUS_ON_TRACK], 1);
    assert_int_equal(counts[GOALS_STATUS_MISSED], 0);
    assert_int_equal(goals_evaluation_counts(ev, NULL, counts), GOALS_OK);
    assert_int_equal(counts[GOALS_STATUS_MISSED], 1);
    assert_int_equal(goals_evaluation_status(ev, a), GOALS_STATUS_ON_TRACK);
    assert_int_equal(goals_evaluation_status(ev, b), GOALS_STATUS_MISSED);
    assert_int_equal(goals_evaluation_status(ev, NULL), GOALS_STATUS_MISSED);
    assert_near(goals_evaluation_score(ev, a), (1 + 0.75) / 2, 1e-12);
    assert_near(goals_evaluation_score(ev, b), 0, 0);
    assert_near(goals_evaluation_score(ev, NULL), (0.875 + 0) / 2, 1e-12);
    assert_int_equal(goals_goal_set_weight(a, 3), GOALS_OK);
    goals_evaluation_free(ev);
    assert_int_equal(goals_evaluate(&ev, p, day, NULL), GOALS_OK);
    assert_near(goals_evaluation_score(ev, NULL), (0.875 * 3 + 0) / 4, 1e-12);
    goals_evaluation_free(ev);
    goals_plan_free(p);
}

static void test_methods_api(void **state)
{
    (void)state;
    assert_true(goals_method_count() >= 8);
    assert_string_equal(goals_method_name_at(0), "linear");
    const char *names[] = {"linear", "sdg-build", "sdg-build-2023", "sdg-build-2022", "unsd", "eurostat", "escap", "okr"};
    for (size_t i = 0; i < 8; i++) {
        assert_non_null(goals_method_description(names[i]));
        assert_true(goals_method_param_count(names[i]) > 0);
    }
    assert_null(goals_method_description("nope"));
    const char *def = NULL, *doc = NULL;
    size_t n = goals_method_param_count("linear");
    int found = 0;
    for (size_t i = 0; i < n; i++) {
        const char *name = goals_method_param_at("linear", i, &def, &doc);
        if (strcmp(name, "on_track") == 0) {
            assert_string_equal(def, "0.95");
            found = 1;
        }
    }
    assert_true(found);

    /* Parameters change the verdict: on_track=1.5 makes the 1.2 case at risk. */
    goals_plan *p = make_plan(&cases[1]);
    int32_t day;
    goals_date_parse(&day, "2024-06-30");
    goals_eval_options o = GOALS_EVAL_OPTIONS_INIT;
    const char *params[] = {"on_track=1.5"};
    o.params = params;
    o.param_count = 1;
    goals_evaluation *ev;
    assert_int_equal(goals_evaluate(&ev, p, day, &o), GOALS_OK);
    assert_int_equal(goals_result_status(goals_evaluation_result_at(ev, 0)), GOALS_STATUS_AT_RISK);
    goals_evaluation_free(ev);
    const char *bad[] = {"no_such=1"};
    o.params = bad;
    assert_int_equal(goals_evaluate(&ev, p, day, &o), GOALS_EINVAL);
    assert_null(ev);
    assert_string_equal(goals_error_last()->message, "method 'linear' has no parameter 'no_such'");
    o.params = NULL;
    o.param_count = 0;
    o.method = "astrology";
    assert_int_equal(goals_evaluate(&ev, p, day, &o), GOALS_ENOTFOUND);
    /* A target may name its own method. */
    o.method = NULL;
    assert_int_equal(goals_target_set_method(goals_plan_find_target(p, "t"), "sdg-build"), GOALS_OK);
    assert_int_equal(goals_evaluate(&ev, p, day, &o), GOALS_OK);
    assert_string_equal(goals_result_method(goals_evaluation_result_at(ev, 0)), "sdg-build");
    assert_non_null(goals_result_assessment_category(goals_evaluation_result_at(ev, 0)));
    goals_evaluation_free(ev);
    o.flags = GOALS_EVAL_FORCE_METHOD;
    assert_int_equal(goals_evaluate(&ev, p, day, &o), GOALS_OK);
    assert_string_equal(goals_result_method(goals_evaluation_result_at(ev, 0)), "linear");
    goals_evaluation_free(ev);
    goals_plan_free(p);
}

/* Every method evaluates every kind without failing (the trajectory kinds use it). */
static void test_every_method_every_case(void **state)
{
    (void)state;
    for (size_t mi = 0; mi < goals_method_count(); mi++) {
        goals_eval_options o = GOALS_EVAL_OPTIONS_INIT;
        o.method = goals_method_name_at(mi);
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            goals_plan *p = make_plan(&cases[i]);
            int32_t day;
            goals_date_parse(&day, cases[i].as_of);
            goals_evaluation *ev;
            if (goals_evaluate(&ev, p, day, &o) != GOALS_OK)
                fail_msg("%s on %s: %s", o.method, cases[i].name, test_error_text());
            goals_target_status s = goals_result_status(goals_evaluation_result_at(ev, 0));
            assert_non_null(goals_target_status_name(s));
            goals_evaluation_free(ev);
            goals_plan_free(p);
        }
    }
}

static void test_status_names(void **state)
{
    (void)state;
    const char *want[] = {"no_data", "pending", "achieved", "on_track", "at_risk", "off_track", "regressing",
                          "breached", "missed"};
    for (int i = 0; i < GOALS_STATUS_COUNT; i++) {
        assert_string_equal(goals_target_status_name((goals_target_status)i), want[i]);
        goals_target_status s;
        assert_int_equal(goals_target_status_parse(&s, want[i]), GOALS_OK);
        assert_int_equal(s, i);
    }
    assert_null(goals_target_status_name((goals_target_status)GOALS_STATUS_COUNT));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds),        cmocka_unit_test(test_figures),
        cmocka_unit_test(test_observed_baseline), cmocka_unit_test(test_violation),
        cmocka_unit_test(test_rollup),       cmocka_unit_test(test_methods_api),
        cmocka_unit_test(test_every_method_every_case), cmocka_unit_test(test_status_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
