/* io/import: StratML and IATI into plans — detection, the mapping of
 * docs/import.md on crafted messy files (tests/data/import/), lenient
 * numbers, warnings with FILE:LINE:COL, out of memory, and every real file
 * of ../shared/data (when it is there) against counts taken independently
 * by tests/data/import/count.py, evaluated, and converted to the native
 * format and back with the same results. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "goals/goals.h"
#include "io/import/import.h"
#include "support.h"
#include "util/alloc.h"

#define IMPORT GOALS_TEST_DATA "/import/"
#define SHARED GOALS_SOURCE_DIR "/../shared/data"

static goals_plan *load_ok(const char *path)
{
    goals_plan *plan = NULL;
    int rc = goals_plan_load_file(&plan, path, NULL);
    if (rc)
        fail_msg("%s: %d %s", path, rc, test_error_text());
    return plan;
}

static int load_text(goals_plan **out, const char *text, goals_format format)
{
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    opts.format = format;
    return goals_plan_load_memory(out, text, strlen(text), &opts);
}

/* The warning whose message contains what, as FILE:LINE:COL: message. */
static const char *warning(const goals_plan *p, const char *what)
{
    static char buf[1200];
    for (size_t i = 0; i < goals_plan_warning_count(p); i++) {
        const goals_error *w = goals_plan_warning_at(p, i);
        if (strstr(w->message, what)) {
            const char *file = w->file ? strrchr(w->file, '/') : NULL;
            snprintf(buf, sizeof buf, "%s:%lu:%lu: %s", file ? file + 1 : w->file ? w->file : "", w->line,
                     w->column, w->message);
            return buf;
        }
    }
    fail_msg("no warning contains '%s'", what);
    return NULL;
}

static goals_period period(const char *text)
{
    goals_period p;
    if (goals_period_parse(&p, text))
        fail_msg("bad period %s", text);
    return p;
}

static const char *period_text(const goals_period *p)
{
    static char buf[GOALS_PERIOD_TEXT_MAX];
    goals_period_format(p, buf, sizeof buf);
    return buf;
}

/* The observation of m for period with exactly these dimensions ("a=b,c=d"
 * sorted by name, "" for the total), or NULL. */
static const goals_observation *find_obs(const goals_measure *m, const char *when, const char *dims)
{
    goals_period p = period(when);
    for (size_t i = 0; i < goals_measure_observation_count(m); i++) {
        const goals_observation *o = goals_measure_observation_at(m, i);
        goals_period q = goals_observation_period(o);
        if (q.start != p.start || q.end != p.end)
            continue;
        char key[256] = "";
        for (size_t k = 0; k < goals_observation_dimension_count(o); k++) {
            const char *v, *n = goals_observation_dimension_at(o, k, &v);
            snprintf(key + strlen(key), sizeof key - strlen(key), "%s%s=%s", k ? "," : "", n, v);
        }
        if (strcmp(key, dims) == 0)
            return o;
    }
    return NULL;
}

/* ------------------------------------------------------------ numbers */

static void test_numbers(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        goals__imp_value kind;
        double value;
    } cases[] = {
        {"50,000", IMP_NUMBER, 50000},
        {"\xC2\xA3" "3,500,000", IMP_NUMBER, 3500000},
        {" 6.82 ", IMP_NUMBER, 6.82},
        {"1,234,567.5", IMP_NUMBER, 1234567.5},
        {"US$ 12", IMP_NUMBER, 12},
        {"USD 12.5", IMP_NUMBER, 12.5},
        {"-$5", IMP_NUMBER, -5},
        {"$-5", IMP_NUMBER, -5},
        {"75%", IMP_NUMBER, 75},
        {"1e3", IMP_NUMBER, 1000},
        {"0", IMP_NUMBER, 0},
        {"", IMP_EMPTY, 0},
        {"   ", IMP_EMPTY, 0},
        {"N/A", IMP_EMPTY, 0},
        {"n/a", IMP_EMPTY, 0},
        {"[To be determined]", IMP_EMPTY, 0},
        {"TBD", IMP_EMPTY, 0},
        {"...", IMP_EMPTY, 0},
        {"-", IMP_EMPTY, 0},
        {"1,5", IMP_TEXT, 0},       /* a decimal comma: never guessed */
        {"12,34,567", IMP_TEXT, 0}, /* not groups of three */
        {",500", IMP_TEXT, 0},
        {"about twelve", IMP_TEXT, 0},
        {"12 apples", IMP_TEXT, 0},
        {"$", IMP_TEXT, 0},
        {"1e999", IMP_TEXT, 0},     /* out of range is not a value */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double v = -1;
        goals__imp_value k = goals__imp_number(cases[i].text, &v);
        if (k != cases[i].kind)
            fail_msg("'%s': kind %d, expected %d", cases[i].text, (int)k, (int)cases[i].kind);
        if (k == IMP_NUMBER)
            assert_near(v, cases[i].value, 0);
        else
            assert_near(v, -1, 0); /* untouched */
    }
}

/* ---------------------------------------------------------- detection */

static void test_detection(void **state)
{
    (void)state;
    goals_plan *p = NULL;
    /* Every StratML namespace, and the roots of Part 1 and Part 2. */
    static const char *const docs[] = {
        "<StrategicPlan xmlns='urn:ISO:std:iso:17469:tech:xsd:stratml_core'><Name>P1</Name></StrategicPlan>",
        "<PerformancePlanOrReport xmlns='urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport' "
        "Type='Strategic_Plan'><Name>P2</Name></PerformancePlanOrReport>",
        "<StrategicPlan xmlns='http://www.stratml.net'><Name>Old</Name></StrategicPlan>",
        "<p:PerformancePlanOrReport xmlns:p='http://www.stratml.net/PerformancePlanOrReport'>"
        "<p:Name>Old P2</p:Name></p:PerformancePlanOrReport>",
    };
    static const char *const titles[] = {"P1", "P2", "Old", "Old P2"};
    static const char *const ids[] = {"P1", "P2", "Old", "Old-P2"};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(load_text(&p, docs[i], GOALS_FORMAT_AUTO), GOALS_OK);
        assert_string_equal(goals_plan_title(p, NULL), titles[i]);
        assert_string_equal(goals_plan_id(p), ids[i]);
        /* These have no goals: said once, and nothing else. */
        assert_int_equal(goals_plan_warning_count(p), 1);
        assert_string_equal(goals_plan_warning_at(p, 0)->message, "no StrategicPlanCore: the plan has no goals");
        goals_plan_free(p);
    }
    /* A StratML root without a namespace is read, with a warning. */
    assert_int_equal(load_text(&p, "<StrategicPlan><Name>x</Name></StrategicPlan>", GOALS_FORMAT_AUTO), GOALS_OK);
    assert_string_equal(warning(p, "namespace"),
                        "<memory>:1:1: namespace '' is not a StratML namespace; read as StratML Part 2");
    goals_plan_free(p);
    /* StratML Part 3 and look-alikes are not StratML. */
    assert_int_equal(load_text(&p, "<PerformancePlanOrReport xmlns='urn:schemas:AIIM:org:03201408:AdditionalElements'/>",
                               GOALS_FORMAT_AUTO),
                     GOALS_EINVALID);
    assert_null(p);
    assert_non_null(strstr(test_error_text(), "unknown document type"));
    assert_int_equal(load_text(&p, "<StrategicPlan xmlns='http://www.stratml.net/StratML'/>", GOALS_FORMAT_AUTO),
                     GOALS_EINVALID);
    /* IATI: both roots. */
    assert_int_equal(load_text(&p, "<iati-activity><iati-identifier>A-1</iati-identifier></iati-activity>",
                               GOALS_FORMAT_AUTO), GOALS_OK);
    assert_string_equal(goals_plan_id(p), "A-1");
    assert_int_equal(goals_plan_goal_count(p), 1);
    goals_plan_free(p);
    /* Forcing a format: the reader says what it expected. */
    assert_int_equal(load_text(&p, "<iati-activities/>", GOALS_FORMAT_STRATML), GOALS_EINVALID);
    assert_string_equal(test_error_text(),
                        "<memory>:1:1: root element 'iati-activities' is not a StratML StrategicPlan or "
                        "PerformancePlanOrReport");
    assert_int_equal(load_text(&p, "<plan xmlns='urn:libgoals:plan:1' id='p'/>", GOALS_FORMAT_IATI), GOALS_EINVALID);
    assert_string_equal(test_error_text(), "<memory>:1:1: root element 'plan' is not IATI iati-activities");
    assert_int_equal(load_text(&p, "<iati-activities version='2.02'/>", GOALS_FORMAT_IATI), GOALS_OK);
    assert_int_equal(goals_plan_goal_count(p), 0);
    goals_plan_free(p);
    /* The safety rules of every load hold for imports too. */
    assert_int_equal(load_text(&p, "<!DOCTYPE x [<!ENTITY e 'x'>]><iati-activities/>", GOALS_FORMAT_AUTO),
                     GOALS_EINVALID);
    assert_int_equal(load_text(&p, "<iati-activities><iati-activity>", GOALS_FORMAT_AUTO), GOALS_EPARSE);
    assert_null(p);
    /* Native plans have no warnings. */
    assert_int_equal(load_text(&p, "<plan xmlns='urn:libgoals:plan:1' id='p'/>", GOALS_FORMAT_AUTO), GOALS_OK);
    assert_int_equal(goals_plan_warning_count(p), 0);
    assert_null(goals_plan_warning_at(p, 0));
    goals_plan_free(p);
}

/* ------------------------------------------------------------- StratML */

static void test_stratml_messy(void **state)
{
    (void)state;
    goals_plan *p = load_ok(IMPORT "stratml-messy.xml");
    assert_string_equal(goals_plan_title(p, NULL), "Messy report");
    assert_string_equal(goals_plan_issuer(p), "Town office");
    goals_period h;
    assert_true(goals_plan_horizon(p, &h));
    assert_string_equal(period_text(&h), "2020-01-01/2023-12-31");
    assert_int_equal(goals_plan_goal_count(p), 4);
    assert_int_equal(goals_plan_measure_count(p), 2);
    assert_int_equal(goals_plan_target_count(p), 3);
    assert_int_equal(goals_plan_observation_count(p), 4);

    /* Goal children in any order; an id used twice made unique. */
    goals_goal *g = goals_plan_find_goal(p, "dup");
    assert_non_null(g);
    assert_string_equal(goals_goal_title(g, NULL), "Goal one");
    assert_string_equal(goals_goal_kind(g), "goal");
    goals_goal *o = goals_plan_find_goal(p, "dup.1");
    assert_non_null(o);
    assert_ptr_equal(goals_goal_parent(o), g);
    assert_string_equal(goals_goal_kind(o), "objective");
    assert_string_equal(warning(p, "duplicate id"), "stratml-messy.xml:8:7: duplicate id 'dup': this one is 'dup.1'");
    assert_non_null(goals_plan_find_goal(p, "goal-2.1"));

    /* The indicator: unit "Percentage" is %, the baseline convention. */
    goals_measure *m = goals_plan_find_measure(p, "ind-1");
    assert_non_null(m);
    assert_string_equal(goals_measure_unit(m), "%");
    assert_string_equal(goals_measure_name(m, NULL), "Satisfaction");
    goals_target *t = goals_plan_find_target(p, "ind-1.t1");
    assert_non_null(t);
    assert_ptr_equal(goals_target_goal(t), o);
    assert_int_equal(goals_target_kind_of(t), GOALS_KIND_REACH);
    assert_int_equal(goals_target_op(t), GOALS_OP_GE);
    assert_near(goals_target_value(t), 75, 0);
    goals_period d, bp;
    double bv;
    assert_true(goals_target_deadline(t, &d));
    assert_string_equal(period_text(&d), "2021-01-01/2022-12-31");
    assert_true(goals_target_baseline(t, &bp, &bv));
    assert_string_equal(period_text(&bp), "2020");
    assert_near(bv, 60, 0);
    /* The baseline is kept as an observation too, apart from the totals. */
    const goals_observation *ob = find_obs(m, "2020", "series=baseline");
    assert_non_null(ob);
    assert_near(goals_observation_value(ob), 60, 0);
    assert_string_equal(goals_observation_note(ob), "Status: Annual Baseline. International average");
    assert_near(goals_observation_value(find_obs(m, "2020", "")), 55, 0);
    /* A value that is not a number: kept as text, never 0, with a warning. */
    const goals_observation *text = find_obs(m, "2021", "");
    assert_non_null(text);
    assert_true(isnan(goals_observation_value(text)));
    assert_string_equal(goals_observation_text(text), "about sixty");
    const char *file;
    unsigned long line;
    goals_observation_origin(text, &file, &line);
    assert_int_equal(line, 21);
    assert_string_equal(warning(p, "about sixty"),
                        "stratml-messy.xml:21:99: value 'about sixty' is not a number: kept as the observation's text");
    /* "0" beside "[To be determined]" is no value. */
    assert_null(find_obs(m, "2022-06-30", ""));
    assert_string_equal(warning(p, "value 0"), "stratml-messy.xml:22:62: value 0 next to '[To be determined]' read as no value");

    /* Free-text unit, currency and thousands, end before start, no date. */
    goals_measure *m2 = goals_plan_find_measure(p, "goal-2.1.m1");
    assert_non_null(m2);
    assert_string_equal(goals_measure_unit(m2), "");
    assert_string_equal(goals_measure_definition(m2), "Unit of measurement: Score");
    assert_string_equal(warning(p, "Score"), "stratml-messy.xml:33:11: unit of measurement 'Score' is not a unit "
                                             "libgoals knows: kept in the measure's definition");
    t = goals_plan_find_target(p, "goal-2.1.m1.t1");
    assert_non_null(t);
    assert_near(goals_target_value(t), 50000, 0);
    assert_true(goals_target_deadline(t, &d));
    assert_string_equal(period_text(&d), "2022-06-30");
    assert_string_equal(warning(p, "before start"), "stratml-messy.xml:35:108: end date 2022-06-30 is before start "
                                                    "date 2022-07-01; the end day alone is used");
    const goals_observation *started = find_obs(m2, "2022-06-30", "");
    assert_non_null(started);
    assert_string_equal(goals_observation_text(started), "Work started");
    assert_string_equal(warning(p, "no date"), "stratml-messy.xml:37:13: result has no date: dated by its target's period");
    /* A descriptor alone makes a qualitative target; an empty one none. */
    t = goals_plan_find_target(p, "goal-2.1.m1.t2");
    assert_non_null(t);
    assert_int_equal(goals_target_kind_of(t), GOALS_KIND_QUALITATIVE);
    assert_string_equal(goals_target_title(t, NULL), "Status: Adopted");
    assert_false(goals_target_deadline(t, &d));
    assert_null(goals_plan_find_target(p, "goal-2.1.m1.t3"));
    assert_string_equal(warning(p, "unknown element"), "stratml-messy.xml:4:3: unknown element 'id' in "
                                                       "<PerformancePlanOrReport> ignored");
    assert_int_equal(goals_plan_warning_count(p), 7);
    goals_plan_free(p);
}

/* ----------------------------------------------------------------- IATI */

static void test_iati_messy(void **state)
{
    (void)state;
    goals_plan *p = load_ok(IMPORT "iati-messy.xml");
    assert_string_equal(goals_plan_id(p), "iati-activities");
    assert_string_equal(goals_plan_lang(p), "en");
    assert_int_equal(goals_plan_goal_count(p), 4);
    assert_int_equal(goals_plan_measure_count(p), 5);
    assert_int_equal(goals_plan_target_count(p), 5);
    assert_int_equal(goals_plan_observation_count(p), 12);

    goals_goal *a = goals_plan_find_goal(p, "XM-TEST-1");
    assert_non_null(a);
    assert_string_equal(goals_goal_kind(a), "activity");
    assert_string_equal(goals_goal_title(a, NULL), "Water for all");
    assert_string_equal(goals_goal_title(a, "fr"), "L'eau pour tous");
    assert_string_equal(goals_goal_owner(a), "Test org");
    goals_goal *r = goals_plan_find_goal(p, "XM-TEST-1.r1");
    assert_string_equal(goals_goal_kind(r), "outcome");
    assert_int_equal(goals_goal_child_count(a), 1); /* the foreign <x:extension> holds no result */
    goals_goal *a2 = goals_plan_find_goal(p, "activity-2");
    assert_non_null(a2);
    assert_string_equal(goals_goal_title(a2, NULL), "Old style title");
    assert_string_equal(warning(p, "duplicate id"), "iati-messy.xml:48:2: duplicate id 'XM-TEST-1': this one is 'activity-2'");

    /* measure 1, ascending: a reach target with the dimensionless baseline. */
    goals_measure *m = goals_plan_find_measure(p, "XM-TEST-1.r1.i1");
    assert_string_equal(goals_measure_name(m, NULL), "People reached");
    assert_int_equal(goals_measure_direction(m), GOALS_DIRECTION_INCREASE);
    goals_target *t = goals_plan_find_target(p, "XM-TEST-1.r1.i1.t1");
    assert_int_equal(goals_target_op(t), GOALS_OP_GE);
    assert_near(goals_target_value(t), 50000, 0);
    goals_period d, bp;
    double bv;
    assert_true(goals_target_deadline(t, &d));
    assert_string_equal(period_text(&d), "2019-04-01/2020-03-31");
    assert_true(goals_target_baseline(t, &bp, &bv));
    assert_string_equal(period_text(&bp), "2018");
    assert_near(bv, 1000, 0);
    t = goals_plan_find_target(p, "XM-TEST-1.r1.i1.t2");
    assert_near(goals_target_value(t), 3500000, 0);
    assert_string_equal(goals_target_title(t, NULL), "Matched funding");
    assert_true(goals_target_deadline(t, &d));
    assert_string_equal(period_text(&d), "2020");

    /* Dimensions and locations keep disaggregated values apart. */
    assert_near(goals_observation_value(find_obs(m, "2018", "series=baseline")), 1000, 0);
    assert_near(goals_observation_value(find_obs(m, "2018", "series=baseline,sex=female")), 400, 0);
    assert_near(goals_observation_value(find_obs(m, "2019-04-01/2020-03-31", "")), 48500, 0);
    assert_near(goals_observation_value(find_obs(m, "2019-04-01/2020-03-31", "location=L1,sex=female")), 20000, 0);
    assert_near(goals_observation_value(find_obs(m, "2019-04-01/2020-03-31", "location=L1,location 2=L2")), 21000, 0);
    const goals_observation *half = find_obs(m, "2019-04-01/2020-03-31", "sex=male");
    assert_true(isnan(goals_observation_value(half)));
    assert_string_equal(goals_observation_text(half), "about half");
    assert_string_equal(warning(p, "about half"),
                        "iati-messy.xml:20:14: value 'about half' is not a number: kept as the observation's text");
    /* Two totals for one period: both kept, the second apart. */
    assert_near(goals_observation_value(find_obs(m, "2020", "")), 60000, 0);
    assert_near(goals_observation_value(find_obs(m, "2020", "duplicate=2")), 61000, 0);
    assert_string_equal(warning(p, "second value"),
                        "iati-messy.xml:27:6: a second value of 'XM-TEST-1.r1.i1' for 2020: kept with dimension duplicate=N");

    /* measure 2, descending: le, in percent. */
    goals_measure *m2 = goals_plan_find_measure(p, "XM-TEST-1.r1.i2");
    assert_string_equal(goals_measure_unit(m2), "%");
    assert_int_equal(goals_measure_direction(m2), GOALS_DIRECTION_DECREASE);
    t = goals_plan_find_target(p, "XM-TEST-1.r1.i2.t1");
    assert_int_equal(goals_target_op(t), GOALS_OP_LE);
    assert_near(goals_target_value(t), 10, 0);
    assert_near(goals_observation_value(find_obs(m2, "2021", "")), 12.5, 0);

    /* measure 5: qualitative target and observed text. */
    goals_measure *m3 = goals_plan_find_measure(p, "XM-TEST-1.r1.i3");
    t = goals_plan_find_target(p, "XM-TEST-1.r1.i3.t1");
    assert_int_equal(goals_target_kind_of(t), GOALS_KIND_QUALITATIVE);
    assert_string_equal(goals_target_title(t, NULL), "Committees formed");
    assert_string_equal(goals_observation_text(find_obs(m3, "2021-01-01/2021-06-30", "")),
                        "Two committees formed");

    /* An empty measure code, a period without dates: said, not silent. */
    assert_string_equal(warning(p, "measure ''"), "iati-messy.xml:42:4: indicator measure '' is not a code 1-5: read as 1 (unit)");
    assert_string_equal(warning(p, "no dates"), "iati-messy.xml:44:5: period has no dates: its targets and actuals are not kept");
    /* A target for a dimension: kept with its value, named in its title,
     * and said to be judged by the totals; empty dimensions are nothing. */
    t = goals_plan_find_target(p, "activity-2.r1.i1.t1");
    assert_non_null(t);
    assert_near(goals_target_value(t), 400, 0);
    assert_string_equal(goals_target_title(t, NULL), "[sex=female]");
    goals_measure *m4 = goals_plan_find_measure(p, "activity-2.r1.i1");
    assert_string_equal(goals_measure_name(m4, NULL), "Girls");
    assert_near(goals_observation_value(find_obs(m4, "2022", "sex=female")), 380, 0);
    assert_string_equal(warning(p, "target for"),
                        "iati-messy.xml:54:6: target for sex=female: evaluation judges it by the indicator's totals "
                        "(values without dimensions); the values for sex=female are kept with their dimensions");
    assert_int_equal(goals_plan_warning_count(p), 6);

    /* Evaluated as of 2021-12-31: 48,500 of 50,000 by March 2020 missed;
     * the pumps at 12.5% where 10% was the most: missed too. */
    goals_evaluation *ev;
    int32_t as_of;
    assert_int_equal(goals_date_parse(&as_of, "2021-12-31"), GOALS_OK);
    assert_int_equal(goals_evaluate(&ev, p, as_of, NULL), GOALS_OK);
    assert_int_equal(goals_result_status(goals_evaluation_find_result(ev, "XM-TEST-1.r1.i1.t1")), GOALS_STATUS_MISSED);
    assert_near(goals_result_progress(goals_evaluation_find_result(ev, "XM-TEST-1.r1.i1.t1")), 47500.0 / 49000.0, 1e-12);
    assert_int_equal(goals_result_status(goals_evaluation_find_result(ev, "XM-TEST-1.r1.i2.t1")), GOALS_STATUS_MISSED);
    assert_int_equal(goals_result_status(goals_evaluation_find_result(ev, "XM-TEST-1.r1.i1.t2")), GOALS_STATUS_MISSED);
    goals_evaluation_free(ev);
    goals_plan_free(p);
}

/* Repeated values whose publisher already uses a dimension "duplicate". */
static void test_duplicate_values(void **state)
{
    (void)state;
    static const char doc[] =
        "<iati-activity><iati-identifier>A</iati-identifier><result><indicator measure='1'>\n"
        "<period><period-start iso-date='2020-01-01'/><period-end iso-date='2020-12-31'/>\n"
        "<actual value='1'><dimension name='duplicate' value='x'/></actual>\n"
        "<actual value='2'><dimension name='duplicate' value='x'/></actual>\n"
        "<actual value='3'><dimension name='duplicate' value='x'/></actual>\n"
        "</period></indicator></result></iati-activity>";
    goals_plan *p;
    assert_int_equal(load_text(&p, doc, GOALS_FORMAT_AUTO), GOALS_OK);
    const goals_measure *m = goals_plan_find_measure(p, "A.r1.i1");
    assert_int_equal(goals_measure_observation_count(m), 3);
    assert_near(goals_observation_value(find_obs(m, "2020", "duplicate=x")), 1, 0);
    assert_near(goals_observation_value(find_obs(m, "2020", "duplicate=x,duplicate 2=2")), 2, 0);
    assert_near(goals_observation_value(find_obs(m, "2020", "duplicate=x,duplicate 2=3")), 3, 0);
    assert_int_equal(goals_plan_warning_count(p), 2);
    assert_string_equal(warning(p, "second value"), "<memory>:4:1: a second value of 'A.r1.i1' for 2020 with "
                                                    "duplicate=x: kept with dimension duplicate 2=N");
    goals_plan_free(p);
}

/* Values all written in one currency give the measure its unit. */
static void test_currency(void **state)
{
    (void)state;
    static const char doc[] =
        "<iati-activity><iati-identifier>A</iati-identifier><result>"
        "<indicator measure='3'><baseline year='2019' value='0'/><period><period-start iso-date='2020-01-01'/>"
        "<period-end iso-date='2020-12-31'/><target value='\xC2\xA3" "3,500,000'/><actual value='\xC2\xA3" "4,721,182'/>"
        "</period></indicator>"
        "<indicator measure='1'><period><period-start iso-date='2020-01-01'/><period-end iso-date='2020-12-31'/>"
        "<target value='\xC2\xA3" "5'/><actual value='7'/></period></indicator>"
        "<indicator measure='1'><period><period-start iso-date='2020-01-01'/><period-end iso-date='2020-12-31'/>"
        "<target value='USD 5'/><actual value='EUR 7'/></period></indicator>"
        "</result></iati-activity>";
    goals_plan *p;
    assert_int_equal(load_text(&p, doc, GOALS_FORMAT_AUTO), GOALS_OK);
    const goals_measure *m = goals_plan_find_measure(p, "A.r1.i1");
    assert_string_equal(goals_measure_unit(m), "GBP");
    assert_near(goals_target_value(goals_plan_find_target(p, "A.r1.i1.t1")), 3500000, 0);
    assert_near(goals_observation_value(find_obs(m, "2020", "")), 4721182, 0);
    assert_string_equal(goals_measure_unit(goals_plan_find_measure(p, "A.r1.i2")), ""); /* 7 has none */
    assert_string_equal(goals_measure_unit(goals_plan_find_measure(p, "A.r1.i3")), ""); /* two currencies */
    goals_plan_free(p);
}

/* A file with more problems than the warnings kept: every value is still
 * kept, and the last warning says that more were left out. */
static void test_warning_cap(void **state)
{
    (void)state;
    size_t cap = 256 * 1024, len = 0;
    char *doc = malloc(cap);
    assert_non_null(doc);
    len += (size_t)snprintf(doc + len, cap - len,
                            "<iati-activity><iati-identifier>A</iati-identifier><result><indicator measure='1'>");
    for (int i = 0; i < 1100; i++) {
        int32_t day;
        char date[16];
        assert_int_equal(goals_date_from_ymd(&day, 2020, 1, 1), GOALS_OK);
        goals_date_format(day + i, date, sizeof date);
        len += (size_t)snprintf(doc + len, cap - len,
                                "<period><period-start iso-date='%s'/><period-end iso-date='%s'/>"
                                "<actual value='v%d'/></period>",
                                date, date, i);
        assert_true(len < cap - 200);
    }
    len += (size_t)snprintf(doc + len, cap - len, "</indicator></result></iati-activity>");
    goals_plan *p;
    assert_int_equal(goals_plan_load_memory(&p, doc, len, NULL), GOALS_OK);
    assert_int_equal(goals_plan_observation_count(p), 1100);
    assert_int_equal(goals_plan_warning_count(p), 1001);
    assert_string_equal(goals_plan_warning_at(p, 999)->message, "value 'v999' is not a number: kept as the observation's text");
    assert_int_equal(goals_plan_warning_at(p, 1000)->code, GOALS_ELIMIT);
    assert_string_equal(goals_plan_warning_at(p, 1000)->message, "further warnings left out");
    assert_null(goals_plan_warning_at(p, 1001));
    goals_plan_free(p);
    free(doc);
}

/* Every allocation failing in turn: a clean ENOMEM, nothing leaked. */
static void test_out_of_memory(void **state)
{
    (void)state;
    static const char *const files[] = {IMPORT "stratml-messy.xml", IMPORT "iati-messy.xml"};
    for (size_t f = 0; f < 2; f++) {
        size_t size;
        char *text = test_read_file(files[f], &size);
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
                    fail_msg("%s, allocation %ld: %d %s", files[f], n, rc, test_error_text());
                assert_null(p);
            }
        }
        assert_true(done);
        free(text);
    }
}

/* --------------------------------------------------- the shared files */

/* Counts from count.py for path, or -1 when python3 is missing. */
static int python_counts(const char *path, long counts[4])
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 '%s' '%s'", IMPORT "count.py", path);
    FILE *f = popen(cmd, "r");
    if (!f)
        return -1;
    char label[32];
    int n = 0;
    while (n < 4 && fscanf(f, "%31s %ld", label, &counts[n]) == 2)
        n++;
    int status = pclose(f);
    return n == 4 && status == 0 ? 0 : -1;
}

/* Results of two evaluations agree target by target. */
static void same_results(const goals_evaluation *a, const goals_evaluation *b, const char *name)
{
    assert_int_equal(goals_evaluation_result_count(a), goals_evaluation_result_count(b));
    for (size_t i = 0; i < goals_evaluation_result_count(a); i++) {
        const goals_result *x = goals_evaluation_result_at(a, i);
        const char *id = goals_target_id(goals_result_target(x));
        const goals_result *y = goals_evaluation_find_result(b, id);
        if (!y)
            fail_msg("%s: target %s lost in conversion", name, id);
        if (goals_result_status(x) != goals_result_status(y))
            fail_msg("%s: target %s: %s, converted %s", name, id, goals_target_status_name(goals_result_status(x)),
                     goals_target_status_name(goals_result_status(y)));
        double px = goals_result_progress(x), py = goals_result_progress(y);
        if (!(px == py || (isnan(px) && isnan(py))))
            fail_msg("%s: target %s: progress %.17g, converted %.17g", name, id, px, py);
        goals_period pa, pb;
        double va = NAN, vb = NAN;
        int la = goals_result_latest(x, &pa, &va), lb = goals_result_latest(y, &pb, &vb);
        assert_int_equal(la, lb);
        if (la && (!(va == vb || (isnan(va) && isnan(vb))) || pa.start != pb.start || pa.end != pb.end))
            fail_msg("%s: target %s: latest differs", name, id);
    }
}

static void check_shared_file(const char *path, const char *name)
{
    long want[4];
    if (python_counts(path, want))
        fail_msg("%s: count.py failed", path);
    goals_plan *p = load_ok(path);
    long got[4] = {(long)goals_plan_goal_count(p), (long)goals_plan_measure_count(p),
                   (long)goals_plan_target_count(p), (long)goals_plan_observation_count(p)};
    static const char *const what[] = {"goals", "measures", "targets", "observations"};
    for (int i = 0; i < 4; i++)
        if (got[i] != want[i])
            fail_msg("%s: %ld %s, count.py says %ld", name, got[i], what[i], want[i]);
    /* Evaluate, convert to the native format, load it, evaluate again. */
    int32_t as_of;
    assert_int_equal(goals_date_parse(&as_of, "2026-11-27"), GOALS_OK);
    goals_evaluation *ev, *ev2;
    if (goals_evaluate(&ev, p, as_of, NULL))
        fail_msg("%s: evaluate: %s", name, test_error_text());
    char *native;
    size_t size;
    if (goals_plan_save_memory(p, &native, &size, NULL))
        fail_msg("%s: save: %s", name, test_error_text());
    goals_plan *q = NULL;
    if (goals_plan_load_memory(&q, native, size, NULL))
        fail_msg("%s: reload: %s", name, test_error_text());
    assert_true(goals_plan_equal(p, q));
    assert_int_equal(goals_plan_warning_count(q), 0);
    assert_int_equal(goals_evaluate(&ev2, q, as_of, NULL), GOALS_OK);
    same_results(ev, ev2, name);
    goals_evaluation_free(ev2);
    goals_evaluation_free(ev);
    goals_free(native);
    goals_plan_free(q);
    goals_plan_free(p);
}

static void test_shared_data(void **state)
{
    (void)state;
    static const char *const dirs[] = {SHARED "/stratml", SHARED "/iati"};
    struct stat st;
    if (stat(SHARED, &st) != 0) {
        print_message("skipped: " SHARED " is not there (the real StratML and IATI files sit beside the repo)\n");
        skip();
    }
    if (access("/usr/bin/python3", X_OK) != 0) {
        print_message("skipped: /usr/bin/python3 is needed to count the files independently\n");
        skip();
    }
    int files = 0;
    for (int d = 0; d < 2; d++) {
        DIR *dir = opendir(dirs[d]);
        assert_non_null(dir);
        struct dirent *e;
        char names[64][256];
        int n = 0;
        while ((e = readdir(dir)) && n < 64) {
            size_t len = strlen(e->d_name);
            if (len > 4 && strcmp(e->d_name + len - 4, ".xml") == 0)
                snprintf(names[n++], sizeof names[0], "%s", e->d_name);
        }
        closedir(dir);
        for (int i = 0; i < n; i++) {
            char path[1024];
            if (snprintf(path, sizeof path, "%s/%s", dirs[d], names[i]) >= (int)sizeof path)
                fail_msg("path too long: %s/%s", dirs[d], names[i]);
            check_shared_file(path, names[i]);
            files++;
        }
    }
    assert_true(files >= 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_detection),
        cmocka_unit_test(test_stratml_messy),
        cmocka_unit_test(test_iati_messy),
        cmocka_unit_test(test_duplicate_values),
        cmocka_unit_test(test_currency),
        cmocka_unit_test(test_warning_cap),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_shared_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
