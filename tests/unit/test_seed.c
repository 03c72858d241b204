/* The seed plan, examples/plans/kecheng-2026.xml, against the seed text
 * (../shared/seed/, the digest of the Kecheng district committee's report
 * of 2022-08-18): loaded with XSD validation, it has every section, goal,
 * target and task of the text, with the text's numbers.
 *
 * The expected counts were taken from the seed text by hand, not from the
 * XML file:
 *   Sections: the four "###" headings (the "#" title and the "##" subtitle
 *     are the plan's title and source). Goals: section 1 and its 4 bullets
 *     (5); section 2, its "总体要求", its "到2026年的奋斗目标" heading and the
 *     5 numbered goals under it (8); section 3 and its 10 "####" priorities
 *     (11); section 4 and its 3 "####" parts (4). 5 + 8 + 11 + 4 = 28.
 *   Targets: the clauses of each priority's "主要目标", split at the commas
 *     and at the "、" that joins two things to be created (创成 A、B):
 *     1: 100亿元, 30万元/亩 (2). 2: 技术创新能力, 科技支撑体系, 3%, 60%,
 *     知识产权强县示范区, 省级创新型城区 (6). 3: 生产方式…治理方式,
 *     “数字红利”氛围 (2). 4: 融入一体化, 新突破, 标志性成果 (3). 5: 33.5亿元
 *     累计, 320亿元, 交通物流体系, 辐射力 (4). 6: 60亿元, 7.5%, 全域旅游示范区
 *     (3). 7: 5%, 文明有礼, 精神生活, 四个体系 (4). 8: 设施完善, 体育设施全覆盖,
 *     服务水平, 均等化 (4). 9: 98%, 十二连冠, 平安金鼎 (3). 10: 全国领先,
 *     生态文明示范区, 最美核心区 (3). Sum 34.
 *   Kinds: a number to exceed or reach by 2026 is reach (100, 30, 3, 60,
 *     320, 60, 7.5, 5, 全覆盖 = 100%: 9); 累计 is cumulative (1); 保持在98%
 *     以上 is maintain (1); 十二连冠 is streak (1); 创成/夺取 an award is a
 *     milestone (知识产权, 创新型城区, 全域旅游, 平安金鼎, 生态文明: 5);
 *     保持全国领先 is rank (1); the rest are judged, qualitative (16).
 *   Stretch: "力争" occurs twice; the first governs two awards, the second
 *     one: 3.
 *   Tasks: the bullets under the priorities, 3+3+3+3+3+3+4+4+4+3 = 33, and
 *     the ★ items of section 4, 3 × 3 = 9: 42.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "goals/goals.h"
#include "support.h"

#define SEED_PATH GOALS_SOURCE_DIR "/examples/plans/kecheng-2026.xml"
#define SCHEMA_DIR GOALS_SOURCE_DIR "/libgoals/schema"

static goals_plan *load_seed(unsigned flags)
{
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    opts.flags = flags;
    opts.schema_dir = SCHEMA_DIR;
    goals_plan *plan = NULL;
    int rc = goals_plan_load_file(&plan, SEED_PATH, &opts);
    if (rc != GOALS_OK)
        fail_msg("loading the seed plan: %s", test_error_text());
    assert_non_null(plan);
    return plan;
}

static int setup(void **state)
{
    *state = load_seed(GOALS_LOAD_VALIDATE);
    return 0;
}

static int teardown(void **state)
{
    goals_plan_free(*state);
    return 0;
}

static goals_goal *goal(const goals_plan *plan, const char *id)
{
    goals_goal *g = goals_plan_find_goal(plan, id);
    if (!g)
        fail_msg("no goal '%s'", id);
    return g;
}

static goals_target *target(const goals_plan *plan, const char *id)
{
    goals_target *t = goals_plan_find_target(plan, id);
    if (!t)
        fail_msg("no target '%s'", id);
    return t;
}

/* Whether @p a is @p b or one of its ancestors. */
static int is_ancestor(const goals_goal *a, const goals_goal *b)
{
    for (; b; b = goals_goal_parent(b))
        if (a == b)
            return 1;
    return 0;
}

static void assert_year(const goals_period *p, int y)
{
    int32_t first, last;
    assert_int_equal(goals_date_from_ymd(&first, y, 1, 1), GOALS_OK);
    assert_int_equal(goals_date_from_ymd(&last, y, 12, 31), GOALS_OK);
    assert_int_equal(p->kind, GOALS_PERIOD_YEAR);
    assert_int_equal(p->start, first);
    assert_int_equal(p->end, last);
}

static void test_header(void **state)
{
    const goals_plan *p = *state;
    assert_string_equal(goals_plan_id(p), "kecheng-2026");
    assert_string_equal(goals_plan_lang(p), "zh");
    assert_string_equal(goals_plan_title(p, NULL), "在建设四省边际中心城市中走在前作表率");
    assert_string_equal(goals_plan_title(p, "en"),
                        "Leading the way and setting an example in building a central city of the "
                        "four-province border area");
    assert_int_equal(goals_plan_title_count(p), 2);
    assert_string_equal(goals_plan_issuer(p), "中共衢州市柯城区委");
    assert_string_equal(goals_plan_source(p), "区委九届二次全会报告导读");

    int32_t issued = 0, want = 0;
    assert_int_equal(goals_plan_issued(p, &issued), 1);
    assert_int_equal(goals_date_from_ymd(&want, 2022, 8, 18), GOALS_OK);
    assert_int_equal(issued, want);

    goals_period h;
    int32_t first, last;
    assert_int_equal(goals_plan_horizon(p, &h), 1);
    assert_int_equal(goals_date_from_ymd(&first, 2022, 1, 1), GOALS_OK);
    assert_int_equal(goals_date_from_ymd(&last, 2026, 12, 31), GOALS_OK);
    assert_int_equal(h.start, first);
    assert_int_equal(h.end, last);

    /* The digest publishes no figures: the file has none. */
    assert_int_equal(goals_plan_observation_count(p), 0);
}

static void test_goal_tree(void **state)
{
    const goals_plan *p = *state;
    assert_int_equal(goals_plan_goal_count(p), 28);
    assert_int_equal(goals_plan_root_count(p), 4);
    static const char *const roots[] = {"s1", "s2", "s3", "s4"};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(goals_goal_id(goals_plan_root_at(p, i)), roots[i]);
        assert_string_equal(goals_goal_kind(goals_plan_root_at(p, i)), "section");
    }

    goals_goal *s1 = goal(p, "s1");
    assert_int_equal(goals_goal_child_count(s1), 4);
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(goals_goal_kind(goals_goal_child_at(s1, i)), "point");
    assert_string_equal(goals_goal_title(goals_goal_child_at(s1, 3), NULL),
                        "在建设四省边际中心城市中走在前作表率,是加快追赶跨越的主动作为。");

    goals_goal *s2 = goal(p, "s2");
    assert_int_equal(goals_goal_child_count(s2), 2);
    goals_goal *req = goal(p, "requirement");
    assert_ptr_equal(goals_goal_parent(req), s2);
    assert_string_equal(goals_goal_kind(req), "requirement");
    const char *req_text = goals_goal_title(req, NULL);
    assert_true(strncmp(req_text, "坚持以习近平新时代中国特色社会主义思想为指导,", strlen("坚持以习近平新时代中国特色社会主义思想为指导,")) == 0);
    assert_non_null(strstr(req_text, "对标对表十个“桥头堡”,加快塑造十大“新优势”"));
    assert_non_null(strstr(req_text, "奋力书写“两个先行”示范窗口的柯城篇章。"));

    goals_goal *obj = goal(p, "objectives");
    assert_ptr_equal(goals_goal_parent(obj), s2);
    assert_string_equal(goals_goal_title(obj, NULL), "到2026年的奋斗目标");
    assert_int_equal(goals_goal_child_count(obj), 5);
    for (size_t i = 0; i < 5; i++) {
        goals_goal *o = goals_goal_child_at(obj, i);
        assert_string_equal(goals_goal_kind(o), "objective");
        /* The 2026 goals are headings only: no targets, no tasks, no children. */
        assert_int_equal(goals_goal_target_count(o), 0);
        assert_int_equal(goals_goal_task_count(o), 0);
        assert_int_equal(goals_goal_child_count(o), 0);
    }
    assert_string_equal(goals_goal_title(goals_goal_child_at(obj, 4), NULL), "全面彰显两勤两专的首位度");

    goals_goal *s3 = goal(p, "s3");
    assert_string_equal(goals_goal_title(s3, NULL), "加快塑造十大新优势");
    assert_int_equal(goals_goal_child_count(s3), 10);
    for (size_t i = 0; i < 10; i++) {
        goals_goal *a = goals_goal_child_at(s3, i);
        char id[8];
        snprintf(id, sizeof id, "a%zu", i + 1);
        assert_string_equal(goals_goal_id(a), id);
        assert_string_equal(goals_goal_kind(a), "priority");
        assert_int_equal(goals_goal_child_count(a), 0);
    }
    assert_string_equal(goals_goal_title(goal(p, "a6"), NULL), "聚焦“一县一策”,加快塑造文旅发展新优势");

    /* The 2026 goals and the ten priorities are sibling sections: neither
     * lies under the other. */
    assert_false(is_ancestor(obj, s3));
    assert_false(is_ancestor(s3, obj));
    assert_false(is_ancestor(obj, goal(p, "a1")));

    goals_goal *s4 = goal(p, "s4");
    assert_int_equal(goals_goal_child_count(s4), 3);
    assert_string_equal(goals_goal_title(goals_goal_child_at(s4, 2), NULL), "在纪律严实处持续发力");
}

static void test_targets(void **state)
{
    const goals_plan *p = *state;
    assert_int_equal(goals_plan_target_count(p), 34);

    /* Per priority, in the text's order. */
    static const size_t per_priority[10] = {2, 6, 2, 3, 4, 3, 4, 4, 3, 3};
    goals_goal *s3 = goal(p, "s3");
    for (size_t i = 0; i < 10; i++)
        assert_int_equal(goals_goal_target_count(goals_goal_child_at(s3, i)), per_priority[i]);

    size_t kinds[GOALS_KIND_QUALITATIVE + 1] = {0};
    size_t stretch = 0, expected = 0;
    for (size_t i = 0; i < goals_plan_target_count(p); i++) {
        goals_target *t = goals_plan_target_at(p, i);
        goals_target_kind k = goals_target_kind_of(t);
        assert_in_range(k, GOALS_KIND_REACH, GOALS_KIND_QUALITATIVE);
        kinds[k]++;
        if (goals_target_attribute(t) == GOALS_ATTR_STRETCH)
            stretch++;
        if (goals_target_attribute(t) == GOALS_ATTR_EXPECTED)
            expected++;
        /* Every target is the plan's: "到2026年". */
        goals_period d;
        assert_int_equal(goals_target_deadline(t, &d), 1);
        assert_year(&d, 2026);
        /* Only the priorities have targets. */
        assert_string_equal(goals_goal_kind(goals_target_goal(t)), "priority");
    }
    assert_int_equal(kinds[GOALS_KIND_REACH], 9);
    assert_int_equal(kinds[GOALS_KIND_CUMULATIVE], 1);
    assert_int_equal(kinds[GOALS_KIND_CHANGE], 0);
    assert_int_equal(kinds[GOALS_KIND_AVERAGE_GROWTH], 0);
    assert_int_equal(kinds[GOALS_KIND_RELATIVE], 0);
    assert_int_equal(kinds[GOALS_KIND_MAINTAIN], 1);
    assert_int_equal(kinds[GOALS_KIND_STREAK], 1);
    assert_int_equal(kinds[GOALS_KIND_MILESTONE], 5);
    assert_int_equal(kinds[GOALS_KIND_RANK], 1);
    assert_int_equal(kinds[GOALS_KIND_QUALITATIVE], 16);
    assert_int_equal(stretch, 3);
    assert_int_equal(expected, 31);

    static const char *const stretched[] = {"a2.t5", "a2.t6", "a10.t2"};
    for (size_t i = 0; i < 3; i++) {
        goals_target *t = target(p, stretched[i]);
        assert_int_equal(goals_target_attribute(t), GOALS_ATTR_STRETCH);
        assert_int_equal(goals_target_kind_of(t), GOALS_KIND_MILESTONE);
    }
}

/* Checks a numeric target: kind, comparator, value in the measure's scale ×
 * unit, value and unit as given, measure and attribute. */
static void check_number(const goals_plan *p, const char *id, goals_target_kind kind, goals_op op,
                         double value, double given, const char *unit, const char *measure)
{
    goals_target *t = target(p, id);
    assert_int_equal(goals_target_kind_of(t), kind);
    assert_int_equal(goals_target_op(t), op);
    assert_float_equal(goals_target_value(t), value, 1e-9);
    assert_float_equal(goals_target_given_value(t), given, 1e-9);
    assert_string_equal(goals_target_given_unit(t), unit);
    assert_string_equal(goals_measure_id(goals_target_measure(t)), measure);
    assert_int_equal(goals_target_attribute(t), GOALS_ATTR_EXPECTED);
}

static void test_numbers(void **state)
{
    const goals_plan *p = *state;
    /* 全区社会消费品零售总额超320亿元: the measure is in 亿元 (CNY × 1e8). */
    check_number(p, "a5.t2", GOALS_KIND_REACH, GOALS_OP_GT, 320, 320, "亿元", "retail-sales");
    goals_measure *retail = goals_target_measure(target(p, "a5.t2"));
    assert_string_equal(goals_measure_unit(retail), "CNY");
    assert_float_equal(goals_measure_scale(retail), 1e8, 0);
    assert_string_equal(goals_measure_name(retail, NULL), "社会消费品零售总额");
    assert_string_equal(goals_target_title(target(p, "a5.t2"), NULL), "全区社会消费品零售总额超320亿元");

    check_number(p, "a1.t1", GOALS_KIND_REACH, GOALS_OP_GT, 100, 100, "亿元", "hangbu-industrial-output");
    check_number(p, "a1.t2", GOALS_KIND_REACH, GOALS_OP_GE, 30, 30, "万元/亩", "industrial-tax-per-mu");
    check_number(p, "a2.t3", GOALS_KIND_REACH, GOALS_OP_GE, 3, 3, "%", "rd-share-of-gdp");
    check_number(p, "a2.t4", GOALS_KIND_REACH, GOALS_OP_GE, 60, 60, "%", "high-tech-share");
    check_number(p, "a5.t1", GOALS_KIND_CUMULATIVE, GOALS_OP_GE, 33.5, 33.5, "亿元", "transport-investment");
    check_number(p, "a6.t1", GOALS_KIND_REACH, GOALS_OP_GE, 60, 60, "亿元", "tourism-value-added");
    check_number(p, "a6.t2", GOALS_KIND_REACH, GOALS_OP_GE, 7.5, 7.5, "%", "tourism-share-of-gdp");
    check_number(p, "a7.t1", GOALS_KIND_REACH, GOALS_OP_GE, 5, 5, "%", "culture-share-of-gdp");
    check_number(p, "a8.t2", GOALS_KIND_REACH, GOALS_OP_GE, 100, 100, "%", "sports-facility-coverage");
    check_number(p, "a9.t1", GOALS_KIND_MAINTAIN, GOALS_OP_GE, 98, 98, "%", "public-safety-satisfaction");

    /* 平安区创建实现十二连冠: the title won (1) twelve years running. */
    goals_target *streak = target(p, "a9.t2");
    assert_int_equal(goals_target_kind_of(streak), GOALS_KIND_STREAK);
    assert_int_equal(goals_target_streak(streak), 12);
    assert_int_equal(goals_target_op(streak), GOALS_OP_GE);
    assert_float_equal(goals_target_value(streak), 1, 0);

    /* 生态环境质量保持全国领先: a rank, with no k in the text, so no number. */
    goals_target *rank = target(p, "a10.t1");
    assert_int_equal(goals_target_kind_of(rank), GOALS_KIND_RANK);
    assert_int_equal(goals_target_op(rank), GOALS_OP_NONE);
    assert_true(isnan(goals_target_value(rank)));

    /* Milestones and judged aims carry no number. */
    for (size_t i = 0; i < goals_plan_target_count(p); i++) {
        goals_target *t = goals_plan_target_at(p, i);
        goals_target_kind k = goals_target_kind_of(t);
        if (k == GOALS_KIND_MILESTONE || k == GOALS_KIND_QUALITATIVE) {
            assert_int_equal(goals_target_op(t), GOALS_OP_NONE);
            assert_true(isnan(goals_target_value(t)));
        }
        /* No baselines or interim values: the text gives none. */
        assert_int_equal(goals_target_baseline(t, NULL, NULL), 0);
        assert_int_equal(goals_target_milestone_count(t), 0);
    }
}

static void test_measures(void **state)
{
    const goals_plan *p = *state;
    goals_measure *out = goals_plan_find_measure(p, "hangbu-industrial-output");
    assert_non_null(out);
    assert_string_equal(goals_measure_scope(out), "航埠生态工业园");
    assert_float_equal(goals_measure_scale(out), 1e8, 0);

    goals_measure *tax = goals_plan_find_measure(p, "industrial-tax-per-mu");
    assert_non_null(tax);
    assert_string_equal(goals_measure_unit(tax), "CNY/mu");
    assert_float_equal(goals_measure_scale(tax), 1e4, 0);

    /* 占GDP比重: a share of two measures the text names. */
    goals_measure *rd = goals_plan_find_measure(p, "rd-share-of-gdp");
    assert_non_null(rd);
    assert_int_equal(goals_measure_derivation(rd), GOALS_DERIVED_SHARE);
    assert_string_equal(goals_measure_id(goals_measure_numerator(rd)), "rd-spending");
    assert_string_equal(goals_measure_id(goals_measure_denominator(rd)), "gdp");
    assert_string_equal(goals_measure_name(rd, NULL), "全社会R&D经费支出占GDP比重");

    goals_measure *titles = goals_plan_find_measure(p, "safe-district-title");
    assert_non_null(titles);
    assert_string_equal(goals_measure_unit(titles), "count");

    /* Every measure is named in both languages, and none is unused. */
    for (size_t i = 0; i < goals_plan_measure_count(p); i++) {
        goals_measure *m = goals_plan_measure_at(p, i);
        assert_int_equal(goals_measure_name_count(m), 2);
        int used = 0;
        for (size_t j = 0; j < goals_plan_target_count(p) && !used; j++)
            used = goals_target_measure(goals_plan_target_at(p, j)) == m;
        for (size_t j = 0; j < goals_plan_measure_count(p) && !used; j++) {
            goals_measure *o = goals_plan_measure_at(p, j);
            used = goals_measure_numerator(o) == m || goals_measure_denominator(o) == m;
        }
        if (!used)
            fail_msg("measure '%s' is used by no target", goals_measure_id(m));
    }
}

static void test_tasks(void **state)
{
    const goals_plan *p = *state;
    size_t total = 0;
    for (size_t i = 0; i < goals_plan_goal_count(p); i++)
        total += goals_goal_task_count(goals_plan_goal_at(p, i));
    assert_int_equal(total, 42);

    static const size_t per_priority[10] = {3, 3, 3, 3, 3, 3, 4, 4, 4, 3};
    goals_goal *s3 = goal(p, "s3");
    for (size_t i = 0; i < 10; i++)
        assert_int_equal(goals_goal_task_count(goals_goal_child_at(s3, i)), per_priority[i]);
    goals_goal *s4 = goal(p, "s4");
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(goals_goal_task_count(goals_goal_child_at(s4, i)), 3);

    goals_goal *a5 = goal(p, "a5");
    assert_string_equal(goals_goal_task(a5, 0, NULL), "打造四省边际服务业高地");
    assert_string_equal(goals_goal_task(a5, 0, "en"), "Build a services hub for the four-province border area");
    assert_string_equal(goals_goal_task(goal(p, "a8"), 3, NULL), "加快“扩中”“提低”");
    /* The ★ is layout, not text. */
    assert_string_equal(goals_goal_task(goal(p, "w3"), 2, NULL), "坚持“三不腐”一体推进");
    assert_null(goals_goal_task(a5, 3, NULL));
}

/* Every goal, target and task has its Chinese text and an English one. */
static void test_translations(void **state)
{
    const goals_plan *p = *state;
    for (size_t i = 0; i < goals_plan_goal_count(p); i++) {
        goals_goal *g = goals_plan_goal_at(p, i);
        assert_int_equal(goals_goal_title_count(g), 2);
        assert_string_not_equal(goals_goal_title(g, NULL), goals_goal_title(g, "en"));
        for (size_t k = 0; k < goals_goal_task_count(g); k++)
            assert_int_equal(goals_goal_task_text_count(g, k), 2);
    }
    for (size_t i = 0; i < goals_plan_target_count(p); i++) {
        goals_target *t = goals_plan_target_at(p, i);
        assert_int_equal(goals_target_title_count(t), 2);
        assert_string_not_equal(goals_target_title(t, NULL), goals_target_title(t, "en"));
    }
}

/* Validation changes nothing in what is loaded; the plan survives a save. */
static void test_unvalidated_and_round_trip(void **state)
{
    const goals_plan *p = *state;
    goals_plan *plain = load_seed(0);
    assert_int_equal(goals_plan_equal(p, plain), 1);
    goals_plan_free(plain);

    char *data = NULL;
    size_t size = 0;
    assert_int_equal(goals_plan_save_memory(p, &data, &size, NULL), GOALS_OK);
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    opts.flags = GOALS_LOAD_VALIDATE;
    opts.schema_dir = SCHEMA_DIR;
    opts.name = "saved-seed";
    goals_plan *again = NULL;
    if (goals_plan_load_memory(&again, data, size, &opts) != GOALS_OK)
        fail_msg("reloading the saved seed: %s", test_error_text());
    goals_free(data);
    assert_int_equal(goals_plan_equal(p, again), 1);
    goals_plan_free(again);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header),
        cmocka_unit_test(test_goal_tree),
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_measures),
        cmocka_unit_test(test_tasks),
        cmocka_unit_test(test_translations),
        cmocka_unit_test(test_unvalidated_and_round_trip),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
