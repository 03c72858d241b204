/* The model through the public API: building, lookup, plan order,
 * observations (order, duplicates, bulk, replace, dimensions), derived
 * measures, units on targets, equality, and allocation failure; and a
 * loader's deferred plan (model.h): observations in runs, out of order,
 * duplicates, each array trimmed to its size once settled. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "goals/goals.h"
#include "model/model.h"
#include "support.h"
#include "util/alloc.h"

static goals_period year(int y)
{
    goals_period p;
    char text[8];
    snprintf(text, sizeof text, "%04d", y);
    assert_int_equal(goals_period_parse(&p, text), GOALS_OK);
    return p;
}

static void test_plan_basics(void **state)
{
    (void)state;
    goals_plan *p = NULL;
    assert_int_equal(goals_plan_new(&p, "1bad"), GOALS_EINVAL);
    assert_null(p);
    assert_string_equal(goals_error_last()->message, "invalid plan id '1bad'");
    assert_int_equal(goals_plan_new(&p, "kecheng-2026"), GOALS_OK);
    assert_string_equal(goals_plan_id(p), "kecheng-2026");
    assert_string_equal(goals_plan_lang(p), "");
    assert_int_equal(goals_plan_set_lang(p, "zh"), GOALS_OK);
    assert_int_equal(goals_plan_set_title(p, NULL, "在建设四省边际中心城市中走在前作表率"), GOALS_OK);
    assert_int_equal(goals_plan_set_title(p, "en", "Leading the way"), GOALS_OK);
    /* The default language given by name is the same text as without. */
    assert_int_equal(goals_plan_set_title(p, "zh", "走在前作表率"), GOALS_OK);
    assert_int_equal(goals_plan_title_count(p), 2);
    assert_string_equal(goals_plan_title(p, NULL), "走在前作表率");
    assert_string_equal(goals_plan_title(p, "en"), "Leading the way");
    assert_string_equal(goals_plan_title(p, "fr"), "走在前作表率");
    const char *lang = NULL;
    assert_string_equal(goals_plan_title_at(p, 1, &lang), "Leading the way");
    assert_string_equal(lang, "en");
    assert_null(goals_plan_title_at(p, 2, &lang));

    int32_t d;
    assert_int_equal(goals_date_from_ymd(&d, 2022, 8, 18), GOALS_OK);
    assert_int_equal(goals_plan_set_issued(p, d), GOALS_OK);
    int32_t got = 0;
    assert_int_equal(goals_plan_issued(p, &got), 1);
    assert_int_equal(got, d);
    assert_int_equal(goals_plan_horizon(p, NULL), 0);
    goals_period h;
    assert_int_equal(goals_period_parse(&h, "2022-01-01/2026-12-31"), GOALS_OK);
    assert_int_equal(goals_plan_set_horizon(p, &h), GOALS_OK);
    goals_period h2;
    assert_int_equal(goals_plan_horizon(p, &h2), 1);
    assert_int_equal(h2.start, h.start);
    assert_int_equal(h2.end, h.end);
    assert_int_equal(goals_plan_set_issuer(p, "中共衢州市柯城区委"), GOALS_OK);
    assert_string_equal(goals_plan_issuer(p), "中共衢州市柯城区委");
    assert_null(goals_plan_source(p));
    goals_plan_free(p);
    goals_plan_free(NULL);
}

/* Goals added out of order still come out depth-first; targets follow their goals. */
static void test_plan_order(void **state)
{
    (void)state;
    goals_plan *p;
    assert_int_equal(goals_plan_new(&p, "p"), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(NULL, p, "m", "%", 1), GOALS_OK);
    goals_goal *a, *b, *a1, *a2, *b1;
    assert_int_equal(goals_plan_add_goal(&a, p, NULL, "a", "priority"), GOALS_OK);
    assert_int_equal(goals_plan_add_goal(&b, p, NULL, "b", NULL), GOALS_OK);
    assert_int_equal(goals_plan_add_goal(&b1, p, b, "b1", NULL), GOALS_OK);
    assert_int_equal(goals_plan_add_goal(&a1, p, a, "a1", NULL), GOALS_OK); /* out of order */
    assert_int_equal(goals_plan_add_goal(&a2, p, a, "a2", NULL), GOALS_OK);
    const char *want[] = {"a", "a1", "a2", "b", "b1"};
    assert_int_equal(goals_plan_goal_count(p), 5);
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(goals_goal_id(goals_plan_goal_at(p, i)), want[i]);
    assert_null(goals_plan_goal_at(p, 5));
    assert_int_equal(goals_plan_root_count(p), 2);
    assert_ptr_equal(goals_plan_root_at(p, 1), b);
    assert_ptr_equal(goals_goal_parent(a2), a);
    assert_int_equal(goals_goal_child_count(a), 2);
    assert_ptr_equal(goals_goal_child_at(a, 1), a2);
    assert_string_equal(goals_goal_kind(a), "priority");
    assert_string_equal(goals_goal_kind(b), "");

    goals_target *tb, *ta;
    assert_int_equal(goals_goal_add_target(&tb, b1, "tb", GOALS_KIND_REACH, "m"), GOALS_OK);
    assert_int_equal(goals_goal_add_target(&ta, a1, "ta", GOALS_KIND_REACH, "m"), GOALS_OK); /* out of order */
    assert_int_equal(goals_plan_target_count(p), 2);
    assert_ptr_equal(goals_plan_target_at(p, 0), ta);
    assert_ptr_equal(goals_plan_target_at(p, 1), tb);
    assert_ptr_equal(goals_plan_find_target(p, "tb"), tb);
    assert_ptr_equal(goals_plan_find_goal(p, "b1"), b1);
    assert_null(goals_plan_find_goal(p, "tb")); /* a target is not a goal */
    assert_null(goals_plan_find_target(p, "b1"));

    /* One id space for goals and targets. */
    assert_int_equal(goals_plan_add_goal(NULL, p, NULL, "ta", NULL), GOALS_EEXISTS);
    assert_string_equal(goals_error_last()->message, "duplicate id 'ta': a target has it already");
    assert_int_equal(goals_goal_add_target(NULL, a, "a1", GOALS_KIND_REACH, "m"), GOALS_EEXISTS);
    assert_string_equal(goals_error_last()->message, "duplicate id 'a1': a goal has it already");
    assert_int_equal(goals_goal_add_target(NULL, a, "t9", GOALS_KIND_REACH, "nope"), GOALS_ENOTFOUND);
    assert_string_equal(goals_error_last()->message, "target 't9': unknown measure 'nope'");
    assert_int_equal(goals_goal_add_target(NULL, a, "t9", (goals_target_kind)99, "m"), GOALS_EINVAL);
    assert_int_equal(goals_plan_target_count(p), 2);
    goals_plan_free(p);
}

/* Many ids: lookups by hash, all found. */
static void test_many_ids(void **state)
{
    (void)state;
    goals_plan *p;
    assert_int_equal(goals_plan_new(&p, "p"), GOALS_OK);
    char id[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(id, sizeof id, "g%d", i);
        assert_int_equal(goals_plan_add_goal(NULL, p, NULL, id, NULL), GOALS_OK);
    }
    for (int i = 0; i < 5000; i += 7) {
        snprintf(id, sizeof id, "g%d", i);
        goals_goal *g = goals_plan_find_goal(p, id);
        assert_non_null(g);
        assert_string_equal(goals_goal_id(g), id);
        assert_ptr_equal(goals_plan_goal_at(p, (size_t)i), g);
    }
    assert_null(goals_plan_find_goal(p, "g5000"));
    goals_plan_free(p);
}

static void test_tasks(void **state)
{
    (void)state;
    goals_plan *p;
    goals_goal *g;
    assert_int_equal(goals_plan_new(&p, "p"), GOALS_OK);
    assert_int_equal(goals_plan_set_lang(p, "zh"), GOALS_OK);
    assert_int_equal(goals_plan_add_goal(&g, p, NULL, "a5", NULL), GOALS_OK);
    assert_int_equal(goals_goal_add_task(g, NULL, "打造四省边际服务业高地"), GOALS_OK);
    assert_int_equal(goals_goal_add_task(g, NULL, "服务市级重大交通项目"), GOALS_OK);
    assert_int_equal(goals_goal_set_task_text(g, 0, "en", "Build a services hub"), GOALS_OK);
    assert_int_equal(goals_goal_set_task_text(g, 2, "en", "x"), GOALS_EINVAL);
    assert_int_equal(goals_goal_task_count(g), 2);
    assert_string_equal(goals_goal_task(g, 0, "en"), "Build a services hub");
    assert_string_equal(goals_goal_task(g, 1, "en"), "服务市级重大交通项目");
    assert_int_equal(goals_goal_task_text_count(g, 0), 2);
    assert_null(goals_goal_task(g, 2, NULL));
    assert_int_equal(goals_goal_set_weight(g, -1), GOALS_ERANGE);
    assert_int_equal(goals_goal_set_weight(g, 2.5), GOALS_OK);
    assert_true(goals_goal_weight(g) == 2.5);
    goals_plan_free(p);
}

/* A target value given in 亿元 on a measure in CNY × 1e8 is 320; in 万元 it is 0.032 per 万. */
static void test_target_units(void **state)
{
    (void)state;
    goals_plan *p;
    goals_goal *g;
    goals_target *t;
    assert_int_equal(goals_plan_new(&p, "p"), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(NULL, p, "retail", "CNY", 1e8), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(NULL, p, "bad", "flurbs", 1), GOALS_EUNIT);
    assert_int_equal(goals_plan_add_measure(NULL, p, "bad", "CNY", 0), GOALS_ERANGE);
    assert_int_equal(goals_plan_add_measure(NULL, p, "retail", "CNY", 1), GOALS_EEXISTS);
    assert_int_equal(goals_plan_add_goal(&g, p, NULL, "a5", NULL), GOALS_OK);
    assert_int_equal(goals_goal_add_target(&t, g, "a5.t2", GOALS_KIND_REACH, "retail"), GOALS_OK);
    assert_true(isnan(goals_target_value(t)));
    assert_int_equal(goals_target_set_value(t, GOALS_OP_GT, 320, NAN, "亿元"), GOALS_OK);
    assert_near(goals_target_value(t), 320, 1e-12);
    assert_near(goals_target_given_value(t), 320, 0);
    assert_string_equal(goals_target_given_unit(t), "亿元");
    assert_int_equal(goals_target_set_value(t, GOALS_OP_GE, 3200000, NAN, "万元"), GOALS_OK);
    assert_near(goals_target_value(t), 320, 1e-9);
    assert_int_equal(goals_target_set_value(t, GOALS_OP_GE, 5, NAN, "%"), GOALS_EUNIT);
    assert_string_equal(goals_error_last()->message,
                        "target 'a5.t2': unit '%' does not convert to measure 'retail' unit 'CNY'");
    /* The failed call left the earlier value. */
    assert_int_equal(goals_target_op(t), GOALS_OP_GE);
    assert_int_equal(goals_target_set_value(t, GOALS_OP_BETWEEN, 5, 4, NULL), GOALS_ERANGE);
    assert_int_equal(goals_target_set_value(t, GOALS_OP_BETWEEN, 300, 340, NULL), GOALS_OK);
    assert_near(goals_target_high(t), 340, 0);
    assert_int_equal(goals_target_set_value(t, GOALS_OP_GE, INFINITY, NAN, NULL), GOALS_ERANGE);
    assert_int_equal(goals_target_set_value(t, GOALS_OP_INCREASE, NAN, NAN, NULL), GOALS_OK);
    assert_true(isnan(goals_target_value(t)));

    goals_period d = year(2026), b = year(2021);
    assert_int_equal(goals_target_set_deadline(t, &d), GOALS_OK);
    assert_int_equal(goals_target_set_baseline(t, &b, 250.5), GOALS_OK);
    goals_period pb;
    double vb;
    assert_int_equal(goals_target_baseline(t, &pb, &vb), 1);
    assert_near(vb, 250.5, 0);
    goals_period m24 = year(2024), m25 = year(2025);
    assert_int_equal(goals_target_set_value(t, GOALS_OP_GT, 320, NAN, "亿元"), GOALS_OK);
    assert_int_equal(goals_target_add_milestone(t, &m25, 300), GOALS_OK);
    assert_int_equal(goals_target_add_milestone(t, &m24, 280), GOALS_OK);
    assert_int_equal(goals_target_add_milestone(t, &m24, 281), GOALS_EEXISTS);
    goals_period mp;
    double mv;
    assert_int_equal(goals_target_milestone_count(t), 2);
    assert_int_equal(goals_target_milestone_at(t, 0, &mp, &mv), GOALS_OK);
    assert_int_equal(mp.start, m24.start);
    assert_near(mv, 280, 1e-12);
    /* Milestones are in the target's given unit: given in 万元, read in 亿元. */
    assert_int_equal(goals_target_set_value(t, GOALS_OP_GT, 3200000, NAN, "万元"), GOALS_OK);
    assert_int_equal(goals_target_milestone_at(t, 0, &mp, &mv), GOALS_OK);
    assert_near(mv, 0.028, 1e-15);
    assert_int_equal(goals_target_milestone_given_at(t, 0, &mp, &mv), GOALS_OK);
    assert_near(mv, 280, 0);
    assert_int_equal(goals_target_milestone_given_at(t, 2, &mp, &mv), GOALS_EINVAL);
    assert_int_equal(goals_target_set_value(t, GOALS_OP_GT, 320, NAN, "亿元"), GOALS_OK);

    /* Average growth: a percentage, whatever the measure's unit. */
    goals_target *g7;
    assert_int_equal(goals_goal_add_target(&g7, g, "g7", GOALS_KIND_AVERAGE_GROWTH, "retail"), GOALS_OK);
    assert_int_equal(goals_target_set_value(g7, GOALS_OP_GE, 7, NAN, "%"), GOALS_OK);
    assert_near(goals_target_value(g7), 7, 0);
    assert_int_equal(goals_target_set_value(g7, GOALS_OP_GE, 7, NAN, "亿元"), GOALS_EUNIT);

    assert_int_equal(goals_target_set_attribute(t, GOALS_ATTR_STRETCH), GOALS_OK);
    assert_int_equal(goals_target_attribute(t), GOALS_ATTR_STRETCH);
    assert_int_equal(goals_target_set_streak(t, 0), GOALS_ERANGE);
    assert_int_equal(goals_target_set_relative_to(t, "gdp"), GOALS_ENOTFOUND);
    goals_plan_free(p);
}

static void test_keywords(void **state)
{
    (void)state;
    goals_target_kind k;
    assert_int_equal(goals_target_kind_parse(&k, "average-growth"), GOALS_OK);
    assert_int_equal(k, GOALS_KIND_AVERAGE_GROWTH);
    assert_string_equal(goals_target_kind_name(GOALS_KIND_QUALITATIVE), "qualitative");
    assert_int_equal(goals_target_kind_parse(&k, "Reach"), GOALS_EINVAL);
    assert_null(goals_target_kind_name((goals_target_kind)0));
    goals_op op;
    assert_int_equal(goals_op_parse(&op, "between"), GOALS_OK);
    assert_int_equal(op, GOALS_OP_BETWEEN);
    assert_int_equal(goals_op_parse(&op, ""), GOALS_EINVAL);
    assert_string_equal(goals_op_name(GOALS_OP_DECREASE), "decrease");
    goals_attribute a;
    assert_int_equal(goals_attribute_parse(&a, "binding"), GOALS_OK);
    assert_int_equal(a, GOALS_ATTR_BINDING);
    assert_string_equal(goals_attribute_name(GOALS_ATTR_EXPECTED), "expected");
    assert_null(goals_attribute_name((goals_attribute)9));
}

static void test_observations(void **state)
{
    (void)state;
    goals_plan *p;
    goals_measure *m;
    assert_int_equal(goals_plan_new(&p, "p"), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(&m, p, "urban", "%", 1), GOALS_OK);
    goals_period y21 = year(2021), y22 = year(2022), y23 = year(2023);
    assert_int_equal(goals_measure_add_observation(m, &y23, 66.16, "S14"), GOALS_OK);
    assert_int_equal(goals_measure_add_observation(m, &y21, 64.72, "S13"), GOALS_OK);
    assert_int_equal(goals_measure_add_observation(m, &y22, 65.22, NULL), GOALS_OK);
    assert_int_equal(goals_measure_observation_count(m), 3);
    assert_int_equal(goals_plan_observation_count(p), 3);
    const double want[] = {64.72, 65.22, 66.16};
    for (size_t i = 0; i < 3; i++)
        assert_near(goals_observation_value(goals_measure_observation_at(m, i)), want[i], 0);
    assert_string_equal(goals_observation_source(goals_measure_observation_at(m, 0)), "S13");
    assert_null(goals_observation_source(goals_measure_observation_at(m, 1)));

    /* A second value for 2022 is refused, naming where the first came from. */
    assert_int_equal(goals_measure_add_observation(m, &y22, 1, NULL), GOALS_EEXISTS);
    assert_string_equal(goals_error_last()->message,
                        "measure 'urban': a second value for 2022 (the first was given at the API)");
    assert_int_equal(goals_measure_add_observation(m, &y22, NAN, NULL), GOALS_ERANGE);

    /* With origins, both places are named; with REPLACE the later wins. */
    goals_observation_input in = GOALS_OBSERVATION_INPUT_INIT;
    in.period = y21;
    in.value = 7;
    in.origin = "obs.csv";
    in.origin_line = 4;
    assert_int_equal(goals_measure_add_observations_ex(m, &in, 1), GOALS_EEXISTS);
    assert_string_equal(test_error_text(),
                        "obs.csv:4:1: measure 'urban': a second value for 2021 (the first was given at the API)");
    in.flags = GOALS_OBS_REPLACE;
    assert_int_equal(goals_measure_add_observations_ex(m, &in, 1), GOALS_OK);
    const goals_observation *o = goals_measure_find_observation(m, &y21);
    assert_non_null(o);
    assert_near(goals_observation_value(o), 7, 0);
    const char *file;
    unsigned long line;
    goals_observation_origin(o, &file, &line);
    assert_string_equal(file, "obs.csv");
    assert_int_equal(line, 4);
    assert_int_equal(goals_measure_observation_count(m), 3);

    /* Disaggregated values do not collide with the total of the same period. */
    const char *dims[] = {"sex", "female", "age", "15-24"};
    goals_observation_input d = GOALS_OBSERVATION_INPUT_INIT;
    d.period = y21;
    d.value = 3;
    d.dimensions = dims;
    d.dimension_count = 2;
    d.note = "survey";
    assert_int_equal(goals_measure_add_observations_ex(m, &d, 1), GOALS_OK);
    assert_int_equal(goals_measure_observation_count(m), 4);
    assert_near(goals_observation_value(goals_measure_find_observation(m, &y21)), 7, 0);
    const goals_observation *od = goals_measure_observation_at(m, 1);
    assert_int_equal(goals_observation_dimension_count(od), 2);
    const char *v;
    assert_string_equal(goals_observation_dimension_at(od, 0, &v), "age"); /* sorted by name */
    assert_string_equal(v, "15-24");
    assert_string_equal(goals_observation_note(od), "survey");
    const char *dims_rev[] = {"age", "15-24", "sex", "female"};
    d.dimensions = dims_rev;
    assert_int_equal(goals_measure_add_observations_ex(m, &d, 1), GOALS_EEXISTS);
    assert_string_equal(goals_error_last()->message,
                        "measure 'urban': a second value for 2021 with dimensions age=15-24, sex=female "
                        "(the first was given at the API)");
    const char *dims_dup[] = {"sex", "f", "sex", "m"};
    d.dimensions = dims_dup;
    assert_int_equal(goals_measure_add_observations_ex(m, &d, 1), GOALS_EINVAL);

    /* Text only (an outcome) is fine; neither value nor text is not. */
    goals_observation_input t = GOALS_OBSERVATION_INPUT_INIT;
    t.period = year(2024);
    assert_int_equal(goals_measure_add_observations_ex(m, &t, 1), GOALS_EINVAL);
    t.text = "基本形成";
    assert_int_equal(goals_measure_add_observations_ex(m, &t, 1), GOALS_OK);
    assert_true(isnan(goals_observation_value(goals_measure_find_observation(m, &t.period))));
    goals_plan_free(p);
}

static void test_bulk(void **state)
{
    (void)state;
    goals_plan *p;
    goals_measure *m;
    assert_int_equal(goals_plan_new(&p, "p"), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(&m, p, "gdp", "CNY", 1e8), GOALS_OK);
    enum { N = 1000 };
    goals_period periods[N];
    double values[N];
    /* Months 1940-01 … in reverse order. */
    for (int i = 0; i < N; i++) {
        char text[16];
        int k = N - 1 - i;
        snprintf(text, sizeof text, "%04d-%02d", 1940 + k / 12, k % 12 + 1);
        assert_int_equal(goals_period_parse(&periods[i], text), GOALS_OK);
        values[i] = k * 1.5;
    }
    assert_int_equal(goals_measure_add_observations(m, N, periods, values, 0), GOALS_OK);
    assert_int_equal(goals_measure_observation_count(m), N);
    for (size_t i = 0; i < N; i++)
        assert_near(goals_observation_value(goals_measure_observation_at(m, i)), i * 1.5, 0);
    /* A batch with a duplicate against the stored ones adds nothing. */
    goals_period two[2] = {year(2100), periods[5]};
    double tv[2] = {1, 2};
    assert_int_equal(goals_measure_add_observations(m, 2, two, tv, 0), GOALS_EEXISTS);
    assert_string_equal(goals_error_last()->message,
                        "measure 'gdp': a second value for 2022-11 at index 1 of the arrays "
                        "(the first was given at the API)");
    assert_int_equal(goals_measure_observation_count(m), N);
    /* A duplicate inside one batch. */
    goals_period same[2] = {year(2200), year(2200)};
    assert_int_equal(goals_measure_add_observations(m, 2, same, tv, 0), GOALS_EEXISTS);
    assert_int_equal(goals_measure_observation_count(m), N);
    assert_int_equal(goals_measure_add_observations(m, 2, same, tv, GOALS_OBS_REPLACE), GOALS_OK);
    assert_near(goals_observation_value(goals_measure_observation_at(m, N)), 2, 0);
    double bad[2] = {1, INFINITY};
    goals_period fresh[2] = {year(2300), year(2301)};
    assert_int_equal(goals_measure_add_observations(m, 2, fresh, bad, 0), GOALS_ERANGE);
    assert_int_equal(goals_plan_observation_count(p), N + 1);
    goals_plan_free(p);
}

static void test_derived(void **state)
{
    (void)state;
    goals_plan *p;
    goals_measure *rd, *gdp, *share, *ratio2;
    assert_int_equal(goals_plan_new(&p, "p"), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(&rd, p, "rd", "CNY", 1e8), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(&gdp, p, "gdp", "CNY", 1e8), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(&share, p, "rd-share", "%", 1), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(&ratio2, p, "r2", NULL, 1), GOALS_OK);
    assert_int_equal(goals_measure_set_derived(share, GOALS_DERIVED_SHARE, rd, gdp), GOALS_OK);
    assert_ptr_equal(goals_measure_numerator(share), rd);
    assert_int_equal(goals_measure_set_derived(share, GOALS_DERIVED_SHARE, share, gdp), GOALS_EINVAL);
    assert_int_equal(goals_measure_set_derived(ratio2, GOALS_DERIVED_RATIO, share, gdp), GOALS_OK);
    /* rd-share ← r2 ← rd-share would be a cycle. */
    assert_int_equal(goals_measure_set_derived(share, GOALS_DERIVED_SHARE, ratio2, gdp), GOALS_EINVAL);
    assert_string_equal(goals_error_last()->message,
                        "measure 'rd-share': derivation from 'r2' and 'gdp' forms a cycle");
    goals_period y = year(2021);
    assert_int_equal(goals_measure_add_observation(share, &y, 2.44, NULL), GOALS_EINVAL);
    assert_int_equal(goals_measure_add_observation(rd, &y, 27956, NULL), GOALS_OK);
    assert_int_equal(goals_measure_set_derived(rd, GOALS_DERIVED_RATIO, gdp, ratio2), GOALS_EEXISTS);
    goals_plan_free(p);
}

static int build(goals_plan **out)
{
    goals_plan *p = NULL;
    goals_measure *m;
    goals_goal *g;
    goals_target *t;
    int rc;
    goals_period y = {0, 0, GOALS_PERIOD_YEAR};
    if ((rc = goals_period_parse(&y, "2026")) || (rc = goals_plan_new(&p, "p")) ||
        (rc = goals_plan_set_title(p, NULL, "Plan")) || (rc = goals_plan_add_measure(&m, p, "m", "万元/亩", 1)) ||
        (rc = goals_measure_set_name(m, "en", "Tax per mu")) || (rc = goals_plan_add_goal(&g, p, NULL, "g", "x")) ||
        (rc = goals_goal_add_task(g, NULL, "task")) ||
        (rc = goals_goal_add_target(&t, g, "t", GOALS_KIND_REACH, "m")) ||
        (rc = goals_target_set_value(t, GOALS_OP_GE, 30, NAN, NULL)) ||
        (rc = goals_target_set_deadline(t, &y)) || (rc = goals_measure_add_observation(m, &y, 31, "src"))) {
        goals_plan_free(p);
        return rc;
    }
    *out = p;
    return GOALS_OK;
}

static void test_equal(void **state)
{
    (void)state;
    goals_plan *a, *b;
    assert_int_equal(build(&a), GOALS_OK);
    assert_int_equal(build(&b), GOALS_OK);
    assert_true(goals_plan_equal(a, b));
    assert_int_equal(goals_target_set_attribute(goals_plan_find_target(b, "t"), GOALS_ATTR_BINDING), GOALS_OK);
    assert_false(goals_plan_equal(a, b));
    assert_true(goals_plan_equal(NULL, NULL));
    assert_false(goals_plan_equal(a, NULL));
    goals_plan_free(a);
    goals_plan_free(b);
}

/* Every allocation of building a plan may fail: each failure is a clean
 * GOALS_ENOMEM, nothing leaks (valgrind and ASan check that), nothing crashes. */
static void test_alloc_failure(void **state)
{
    (void)state;
    goals__alloc_fail_after(-1);
    goals_plan *p = NULL;
    assert_int_equal(build(&p), GOALS_OK);
    goals_plan_free(p);
    long total = goals__alloc_fail_after(-1);
    assert_true(total > 5);
    for (long n = 0; n < total; n++) {
        goals__alloc_fail_after(n);
        p = NULL;
        int rc = build(&p);
        goals__alloc_fail_after(-1);
        assert_int_equal(rc, GOALS_ENOMEM);
        assert_null(p);
        assert_string_equal(goals_error_last()->message, "out of memory");
    }
}

/* Month k after 1900-01. */
static goals_period month(int k)
{
    goals_period p;
    char text[16];
    snprintf(text, sizeof text, "%04d-%02d", 1900 + k / 12, k % 12 + 1);
    assert_int_equal(goals_period_parse(&p, text), GOALS_OK);
    return p;
}

/* What a loader adds: one observation, with its origin line. */
static int add_one(goals_measure *m, int k, double value, unsigned long line, unsigned flags)
{
    goals_observation_input in = GOALS_OBSERVATION_INPUT_INIT;
    in.period = month(k);
    in.value = value;
    in.source = "bureau";
    in.origin = "doc.xml";
    in.origin_line = line;
    in.flags = flags;
    return goals_measure_add_observations_ex(m, &in, 1);
}

/* m holds months first … first + n - 1 in order, month k with value base + k
 * (except where want_at says otherwise), and no spare room. */
static void check_months(const goals_measure *m, int first, int n, double base)
{
    assert_int_equal(goals_measure_observation_count(m), n);
    for (int i = 0; i < n; i++) {
        const goals_observation *o = goals_measure_observation_at(m, (size_t)i);
        goals_period want = month(first + i), got = goals_observation_period(o);
        if (got.start != want.start || got.end != want.end)
            fail_msg("measure '%s': observation %d is not month %d", goals_measure_id(m), i, first + i);
        assert_near(goals_observation_value(o), base + first + i, 0);
        assert_string_equal(goals_observation_source(o), "bureau");
    }
    assert_int_equal(m->obs_cap, m->nobs);
}

static void test_deferred(void **state)
{
    (void)state;
    goals_plan *p;
    goals_measure *a, *b, *c, *d, *e, *f, *g, *h, *i;
    assert_int_equal(goals_plan_new(&p, "p"), GOALS_OK);
    goals__plan_defer(p);
    assert_int_equal(goals_plan_add_measure(&g, p, "g", NULL, 1), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(&h, p, "h", NULL, 1), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(&i, p, "i", NULL, 1), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(&a, p, "a", NULL, 1), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(&b, p, "b", NULL, 1), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(&c, p, "c", NULL, 1), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(&d, p, "d", NULL, 1), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(&e, p, "e", NULL, 1), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(&f, p, "f", NULL, 1), GOALS_OK);
    unsigned long line = 1;

    /* a: 300 in order, then b's first 50, then a's next 100. */
    for (int k = 0; k < 300; k++)
        assert_int_equal(add_one(a, k, 1e6 + k, line++, 0), GOALS_OK);
    for (int k = 0; k < 50; k++)
        assert_int_equal(add_one(b, k, 2e6 + k, line++, 0), GOALS_OK);
    for (int k = 300; k < 400; k++)
        assert_int_equal(add_one(a, k, 1e6 + k, line++, 0), GOALS_OK);
    /* Second values, of the last one added and of an older one, are refused
     * at once, naming both places. */
    assert_int_equal(add_one(a, 399, 0, 9001, 0), GOALS_EEXISTS);
    assert_string_equal(test_error_text(),
                        "doc.xml:9001:1: measure 'a': a second value for 1933-04 (the first was given at doc.xml:450)");
    assert_int_equal(add_one(a, 10, 0, 9002, 0), GOALS_EEXISTS);
    assert_string_equal(test_error_text(),
                        "doc.xml:9002:1: measure 'a': a second value for 1900-11 (the first was given at doc.xml:11)");
    assert_int_equal(add_one(b, 49, 0, 9003, 0), GOALS_EEXISTS);

    /* c: newest first, then a second value of the last one and of an older one. */
    for (int k = 99; k >= 0; k--)
        assert_int_equal(add_one(c, k, 3e6 + k, line++, 0), GOALS_OK);
    assert_int_equal(add_one(c, 0, 0, 9004, 0), GOALS_EEXISTS);
    assert_string_equal(test_error_text(),
                        "doc.xml:9004:1: measure 'c': a second value for 1900-01 (the first was given at doc.xml:550)");
    assert_int_equal(add_one(c, 50, 0, 9005, 0), GOALS_EEXISTS);
    assert_string_equal(test_error_text(),
                        "doc.xml:9005:1: measure 'c': a second value for 1904-03 (the first was given at doc.xml:500)");

    /* b again: more than a run holds, one at a time. */
    for (int k = 50; k < 5050; k++)
        assert_int_equal(add_one(b, k, 2e6 + k, line++, 0), GOALS_OK);

    /* d: one big batch, then a small one after it, then one out of order. */
    enum { BIG = 3000 };
    static goals_observation_input big[BIG];
    for (int k = 0; k < BIG; k++) {
        big[k] = (goals_observation_input)GOALS_OBSERVATION_INPUT_INIT;
        big[k].period = month(k);
        big[k].value = 4e6 + k;
        big[k].source = "bureau";
    }
    assert_int_equal(goals_measure_add_observations_ex(d, big, BIG), GOALS_OK);
    assert_int_equal(goals_measure_add_observations_ex(d, big, 1), GOALS_EEXISTS);
    for (int k = BIG; k < BIG + 10; k++)
        assert_int_equal(add_one(d, k, 4e6 + k, line++, 0), GOALS_OK);
    assert_int_equal(goals_measure_add_observations_ex(d, &big[BIG - 1], 1), GOALS_EEXISTS);

    /* e: a replacement while e's values wait in the run, then more after it. */
    for (int k = 0; k < 10; k++)
        assert_int_equal(add_one(e, k, k == 3 ? -1 : 5e6 + k, line++, 0), GOALS_OK);
    assert_int_equal(add_one(e, 3, 5e6 + 3, line++, GOALS_OBS_REPLACE), GOALS_OK);
    for (int k = 10; k < 20; k++)
        assert_int_equal(add_one(e, k, 5e6 + k, line++, 0), GOALS_OK);

    /* f: observed (its values still in the run), so it cannot become derived. */
    assert_int_equal(add_one(f, 0, 6e6, line++, 0), GOALS_OK);
    assert_int_equal(goals_measure_set_derived(f, GOALS_DERIVED_RATIO, a, b), GOALS_EEXISTS);
    assert_int_equal(add_one(f, 1, 6e6 + 1, line++, 0), GOALS_OK);

    /* g: newest first across other measures' values, past a run's size, a
     * big batch before the oldest, then values that break the order (a new
     * newest, an older one in between: a gap left on purpose). */
    for (int k = 9999; k >= 7000; k--) {
        assert_int_equal(add_one(g, k, 7e6 + k, line++, 0), GOALS_OK);
        if (k % 1000 == 0)
            assert_int_equal(add_one(f, 2 + (9999 - k) / 1000, 6e6 + 2 + (9999 - k) / 1000, line++, 0), GOALS_OK);
    }
    for (int k = 0; k < BIG; k++) {
        big[k].period = month(4000 + k);
        big[k].value = 7e6 + 4000 + k;
    }
    assert_int_equal(goals_measure_add_observations_ex(g, big, BIG), GOALS_OK);
    for (int k = 3999; k >= 1; k--)
        if (k != 1500)
            assert_int_equal(add_one(g, k, 7e6 + k, line++, 0), GOALS_OK);
    assert_int_equal(add_one(g, 10000, 7e6 + 10000, line++, 0), GOALS_OK);
    assert_int_equal(add_one(g, 0, 7e6, line++, 0), GOALS_OK);
    assert_int_equal(add_one(g, 1500, 7e6 + 1500, line++, 0), GOALS_OK);
    assert_int_equal(add_one(g, 1500, 0, 9006, 0), GOALS_EEXISTS);
    assert_int_equal(add_one(g, 7777, 0, 9007, 0), GOALS_EEXISTS);

    /* h: no order at all (k * 37 mod 7001, a prime, visits each of 0 … 7000
     * once); with g's, enough keys for the table to grow. */
    for (int k = 0; k < 7001; k++)
        assert_int_equal(add_one(h, k * 37 % 7001, 8e6 + k * 37 % 7001, line++, 0), GOALS_OK);
    assert_int_equal(add_one(h, 37, 0, 9008, 0), GOALS_EEXISTS);

    /* i: newest first, then the arrays API (which merges into sorted values). */
    for (int k = 4; k >= 0; k--)
        assert_int_equal(add_one(i, k, 9e6 + k, line++, 0), GOALS_OK);
    goals_period later[3] = {month(6), month(5), month(2)};
    double later_values[3] = {9e6 + 6, 9e6 + 5, 0};
    assert_int_equal(goals_measure_add_observations(i, 3, later, later_values, 0), GOALS_EEXISTS);
    assert_int_equal(goals_measure_add_observations(i, 2, later, later_values, 0), GOALS_OK);

    size_t total = 400 + 5050 + 100 + BIG + 10 + 20 + 5 + 10001 + 7001 + 7;
    assert_int_equal(goals_plan_observation_count(p), total);
    assert_int_equal(goals__plan_settle(p), GOALS_OK);
    assert_int_equal(goals_plan_observation_count(p), total);
    check_months(a, 0, 400, 1e6);
    check_months(b, 0, 5050, 2e6);
    check_months(c, 0, 100, 3e6);
    check_months(d, 0, BIG + 10, 4e6);
    check_months(e, 0, 20, 5e6);
    check_months(f, 0, 5, 6e6);
    check_months(g, 0, 10001, 7e6);
    check_months(h, 0, 7001, 8e6);
    assert_int_equal(goals_measure_observation_count(i), 7);
    for (int k = 0; k < 7; k++)
        assert_near(goals_observation_value(goals_measure_observation_at(i, (size_t)k)), 9e6 + k, 0);
    assert_int_equal(i->obs_cap, 7);
    /* Lines as given: the replacement's, and the run's. */
    unsigned long l;
    goals_observation_origin(goals_measure_observation_at(e, 3), NULL, &l);
    assert_int_equal(l, 5571);
    goals_observation_origin(goals_measure_observation_at(a, 399), NULL, &l);
    assert_int_equal(l, 450);

    /* Settled: adding goes on as for any plan. */
    assert_int_equal(add_one(a, 400, 1e6 + 400, line++, 0), GOALS_OK);
    assert_int_equal(add_one(a, 5, 0, line++, 0), GOALS_EEXISTS);
    assert_int_equal(goals_measure_observation_count(a), 401);
    assert_true(a->obs_cap >= 401);
    goals_plan_free(p);
}

/* A bulk add to an empty measure takes exactly its room; one at a time,
 * the room grows by at most half plus one. */
static void test_capacity(void **state)
{
    (void)state;
    goals_plan *p;
    assert_int_equal(goals_plan_new(&p, "p"), GOALS_OK);
    enum { MEASURES = 40, N = 700 };
    static goals_period periods[N];
    static double values[N];
    goals_measure *ms[MEASURES];
    for (int i = 0; i < MEASURES; i++) {
        char id[16];
        snprintf(id, sizeof id, "m%02d", i);
        assert_int_equal(goals_plan_add_measure(&ms[i], p, id, NULL, 1), GOALS_OK);
        int n = N - i * 17;
        /* Every other measure's batch comes newest first. */
        for (int k = 0; k < n; k++) {
            int month_k = i % 2 ? n - 1 - k : k;
            periods[k] = month(month_k);
            values[k] = i * 1e4 + month_k;
        }
        assert_int_equal(goals_measure_add_observations(ms[i], (size_t)n, periods, values, 0), GOALS_OK);
        assert_int_equal(ms[i]->obs_cap, n);
    }
    for (int i = 0; i < MEASURES; i++) {
        int n = N - i * 17;
        assert_int_equal(goals_measure_observation_count(ms[i]), n);
        for (int k = 0; k < n; k++)
            assert_near(goals_observation_value(goals_measure_observation_at(ms[i], (size_t)k)), i * 1e4 + k, 0);
    }
    /* A batch with each key ten times, in no order: with REPLACE the last
     * given wins (the sort keeps the order of equal keys); without, the
     * first two given are named. */
    goals_measure *rep;
    assert_int_equal(goals_plan_add_measure(&rep, p, "rep", NULL, 1), GOALS_OK);
    for (int k = 0; k < 500; k++) {
        periods[k] = month(k * 7 % 50);
        values[k] = k;
    }
    assert_int_equal(goals_measure_add_observations(rep, 500, periods, values, 0), GOALS_EEXISTS);
    assert_string_equal(goals_error_last()->message, "measure 'rep': a second value for 1900-01 at index 50 of the "
                                                     "arrays (the first was given at the API)");
    assert_int_equal(goals_measure_add_observations(rep, 500, periods, values, GOALS_OBS_REPLACE), GOALS_OK);
    assert_int_equal(goals_measure_observation_count(rep), 50);
    assert_int_equal(rep->obs_cap, 50);
    for (int j = 0; j < 50; j++) {
        int last = 0;
        for (int k = 0; k < 500; k++)
            if (k * 7 % 50 == j)
                last = k;
        assert_near(goals_observation_value(goals_measure_observation_at(rep, (size_t)j)), last, 0);
    }
    goals_measure *one;
    assert_int_equal(goals_plan_add_measure(&one, p, "one", NULL, 1), GOALS_OK);
    for (int k = 0; k < 1000; k++) {
        goals_period pk = month(k);
        assert_int_equal(goals_measure_add_observation(one, &pk, k, NULL), GOALS_OK);
        assert_true(one->obs_cap >= one->nobs);
        assert_true(one->obs_cap <= one->nobs + one->nobs / 2 + 1);
    }
    goals_plan_free(p);
}

/* A loader's adds, then settle: every allocation may fail. */
static int load_like(goals_plan **out, int settle)
{
    goals_plan *p = NULL;
    goals_measure *m[3];
    int rc = goals_plan_new(&p, "p");
    if (rc)
        return rc;
    goals__plan_defer(p);
    for (int i = 0; i < 3 && !rc; i++) {
        char id[4] = {'m', (char)('0' + i), 0};
        rc = goals_plan_add_measure(&m[i], p, id, NULL, 1);
    }
    /* m0 in order, m1 newest first, m2 in order across m0's again. */
    for (int k = 0; k < 40 && !rc; k++)
        rc = add_one(m[0], k, 1e6 + k, (unsigned long)k + 1, 0);
    for (int k = 39; k >= 0 && !rc; k--)
        rc = add_one(m[1], k, 2e6 + k, 100 - (unsigned long)k, 0);
    for (int k = 0; k < 40 && !rc; k++)
        rc = add_one(m[k % 2 ? 0 : 2], k % 2 ? 40 + k : k, (k % 2 ? 1e6 : 3e6) + (k % 2 ? 40 + k : k),
                     200 + (unsigned long)k, 0);
    /* m1 once more, out of its order: its values go to the table. */
    for (int k = 40; k < 80 && !rc; k++)
        rc = add_one(m[1], 40 + (k - 40) * 7 % 40, 2e6 + 40 + (k - 40) * 7 % 40, 300 + (unsigned long)k, 0);
    if (!rc && settle)
        rc = goals__plan_settle(p);
    if (rc) {
        goals_plan_free(p);
        return rc;
    }
    *out = p;
    return GOALS_OK;
}

static void check_load_like(const goals_plan *p)
{
    assert_int_equal(goals_plan_observation_count(p), 160);
    goals_measure *m0 = goals_plan_find_measure(p, "m0");
    assert_int_equal(goals_measure_observation_count(m0), 60);
    for (int k = 0; k < 60; k++) {
        int want = k < 40 ? k : 40 + 2 * (k - 40) + 1;
        assert_near(goals_observation_value(goals_measure_observation_at(m0, (size_t)k)), 1e6 + want, 0);
    }
    goals_measure *m1 = goals_plan_find_measure(p, "m1");
    assert_int_equal(goals_measure_observation_count(m1), 80);
    for (int k = 0; k < 80; k++)
        assert_near(goals_observation_value(goals_measure_observation_at(m1, (size_t)k)), 2e6 + k, 0);
}

static void test_deferred_alloc_failure(void **state)
{
    (void)state;
    goals__alloc_fail_after(-1);
    goals_plan *p = NULL;
    assert_int_equal(load_like(&p, 1), GOALS_OK);
    goals_plan_free(p);
    long total = goals__alloc_fail_after(-1);
    assert_true(total > 10);
    int failed = 0;
    for (long n = 0; n < total; n++) {
        goals__alloc_fail_after(n);
        p = NULL;
        int rc = load_like(&p, 1);
        goals__alloc_fail_after(-1);
        if (rc) {
            /* Only an array's trim may fail without failing the load. */
            assert_int_equal(rc, GOALS_ENOMEM);
            assert_null(p);
            failed++;
            continue;
        }
        check_load_like(p);
        goals_plan_free(p);
    }
    assert_true(failed > 10);

    /* A settle that fails leaves the plan deferred and whole: the next one
     * finishes the work. */
    assert_int_equal(load_like(&p, 0), GOALS_OK);
    int settle_failures = 0;
    for (long n = 0;; n++) {
        goals__alloc_fail_after(n);
        int rc = goals__plan_settle(p);
        goals__alloc_fail_after(-1);
        if (rc == GOALS_OK)
            break;
        assert_int_equal(rc, GOALS_ENOMEM);
        assert_true(p->deferred);
        settle_failures++;
    }
    assert_true(settle_failures > 0);
    assert_false(p->deferred);
    check_load_like(p);
    goals_plan_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plan_basics), cmocka_unit_test(test_plan_order),  cmocka_unit_test(test_many_ids),
        cmocka_unit_test(test_tasks),       cmocka_unit_test(test_target_units), cmocka_unit_test(test_keywords),
        cmocka_unit_test(test_observations), cmocka_unit_test(test_bulk),       cmocka_unit_test(test_derived),
        cmocka_unit_test(test_equal),       cmocka_unit_test(test_alloc_failure),
        cmocka_unit_test(test_deferred),    cmocka_unit_test(test_capacity),
        cmocka_unit_test(test_deferred_alloc_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
