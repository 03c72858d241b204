/* Observation CSV (io.h, docs/csv.md): good files (quotes, CRLF, BOM,
 * gzip, blank lines), every bad file under tests/data/csv/bad/ with its
 * exact message and position, duplicates within a file and against the
 * plan, replace, limits, and all or nothing when memory runs out. */
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
#include "io/csv.h"
#include "support.h"
#include "util/alloc.h"

#define GOOD GOALS_TEST_DATA "/csv/good/"
#define BAD GOALS_TEST_DATA "/csv/bad/"

static goals_period period(const char *text)
{
    goals_period p;
    assert_int_equal(goals_period_parse(&p, text), GOALS_OK);
    return p;
}

/* The plan every test loads into: a few measures of the 14th FYP table, one
 * derived, one with a Chinese id, and one observation given through the API. */
static goals_plan *make_plan(void)
{
    goals_plan *p;
    goals_measure *share;
    assert_int_equal(goals_plan_new(&p, "t"), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(NULL, p, "gdp-growth", "%", 1), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(NULL, p, "urbanisation", "%", 1), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(NULL, p, "rd-spending", "CNY", 1e8), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(NULL, p, "gdp", "CNY", 1e8), GOALS_OK);
    assert_int_equal(goals_plan_add_measure(&share, p, "rd-share", "%", 1), GOALS_OK);
    assert_int_equal(goals_measure_set_derived(share, GOALS_DERIVED_SHARE, goals_plan_find_measure(p, "rd-spending"),
                                               goals_plan_find_measure(p, "gdp")),
                     GOALS_OK);
    assert_int_equal(goals_plan_add_measure(NULL, p, "城镇化率", "%", 1), GOALS_OK);
    goals_period y2019 = period("2019");
    assert_int_equal(goals_measure_add_observation(goals_plan_find_measure(p, "urbanisation"), &y2019, 60.6, "S12"),
                     GOALS_OK);
    return p;
}

static const goals_observation *obs(const goals_plan *p, const char *measure, const char *per)
{
    goals_period pp = period(per);
    const goals_observation *o = goals_measure_find_observation(goals_plan_find_measure(p, measure), &pp);
    assert_non_null(o);
    return o;
}

static void assert_origin(const goals_observation *o, const char *file, unsigned long line)
{
    const char *f = NULL;
    unsigned long l = 0;
    goals_observation_origin(o, &f, &l);
    if (file)
        assert_string_equal(f, file);
    else
        assert_null(f);
    assert_int_equal(l, line);
}

static void test_basic(void **state)
{
    (void)state;
    goals_plan *p = make_plan();
    assert_int_equal(goals_plan_load_observations_file(p, GOOD "basic.csv", 0), GOALS_OK);
    assert_int_equal(goals_plan_observation_count(p), 5);
    assert_int_equal(goals_measure_observation_count(goals_plan_find_measure(p, "gdp-growth")), 3);
    assert_int_equal(goals_measure_observation_count(goals_plan_find_measure(p, "urbanisation")), 2);
    const goals_observation *o = obs(p, "gdp-growth", "2022");
    assert_true(goals_observation_value(o) == 3.0);
    assert_null(goals_observation_source(o));
    assert_null(goals_observation_note(o));
    assert_origin(o, GOOD "basic.csv", 3);
    assert_true(goals_observation_value(obs(p, "urbanisation", "2021")) == 64.72);
    assert_origin(obs(p, "urbanisation", "2021"), GOOD "basic.csv", 5);
    /* Kept in period order whatever the file's order. */
    const goals_measure *u = goals_plan_find_measure(p, "urbanisation");
    assert_true(goals_observation_value(goals_measure_observation_at(u, 0)) == 60.6);
    goals_plan_free(p);
}

/* BOM, CRLF, every field quoted, doubled quotes, a comma and a line break
 * inside quotes, empty optional fields, a Chinese id and note. */
static void test_full(void **state)
{
    (void)state;
    goals_plan *p = make_plan();
    assert_int_equal(goals_plan_load_observations_file(p, GOOD "full.csv", 0), GOALS_OK);
    assert_int_equal(goals_plan_observation_count(p), 5);
    const goals_observation *o = obs(p, "gdp-growth", "2021");
    assert_true(goals_observation_value(o) == 8.1);
    assert_string_equal(goals_observation_source(o), "S5");
    assert_string_equal(goals_observation_note(o), "first release, later revised");
    assert_origin(o, GOOD "full.csv", 2);
    o = obs(p, "gdp-growth", "2022");
    assert_true(goals_observation_value(o) == 3.0);
    assert_string_equal(goals_observation_source(o), "S6 \"2022 communiqué\"");
    assert_null(goals_observation_note(o));
    assert_origin(o, GOOD "full.csv", 3);
    o = obs(p, "urbanisation", "2024");
    assert_true(goals_observation_value(o) == 67.0);
    assert_string_equal(goals_observation_note(o), "line one\r\nline two");
    assert_origin(o, GOOD "full.csv", 4);
    o = obs(p, "城镇化率", "2025-Q1");
    assert_true(goals_observation_value(o) == 15.0);
    assert_null(goals_observation_source(o));
    assert_string_equal(goals_observation_note(o), "注释");
    assert_origin(o, GOOD "full.csv", 6); /* the row after a two-line field */
    goals_plan_free(p);
}

static void test_gzip(void **state)
{
    (void)state;
    goals_plan *p = make_plan(), *q = make_plan();
    assert_int_equal(goals_plan_load_observations_file(p, GOOD "basic.csv", 0), GOALS_OK);
    assert_int_equal(goals_plan_load_observations_file(q, GOOD "basic.csv.gz", 0), GOALS_OK);
    assert_int_equal(goals_plan_observation_count(q), 5);
    assert_true(goals_observation_value(obs(q, "gdp-growth", "2023")) == 5.2);
    assert_origin(obs(q, "gdp-growth", "2023"), GOOD "basic.csv.gz", 4);
    goals_plan_free(q);
    /* Gzip in memory too. */
    size_t size;
    char *data = test_read_file(GOOD "basic.csv.gz", &size);
    q = make_plan();
    assert_int_equal(goals_plan_load_observations_memory(q, data, size, "basic.csv.gz", 0), GOALS_OK);
    assert_int_equal(goals_plan_observation_count(q), 5);
    assert_true(goals_observation_value(obs(q, "gdp-growth", "2021")) == 8.1);
    free(data);
    goals_plan_free(q);
    goals_plan_free(p);
}

static void test_header_only_and_blank_lines(void **state)
{
    (void)state;
    goals_plan *p = make_plan();
    assert_int_equal(goals_plan_load_observations_file(p, GOOD "header-only.csv", 0), GOALS_OK);
    assert_int_equal(goals_plan_observation_count(p), 1);
    /* Empty lines anywhere, no final line break, a note column without source. */
    assert_int_equal(goals_plan_load_observations_file(p, GOOD "blank-lines.csv", 0), GOALS_OK);
    assert_int_equal(goals_plan_observation_count(p), 4);
    const goals_observation *o = obs(p, "gdp-growth", "2021");
    assert_string_equal(goals_observation_note(o), "a");
    assert_null(goals_observation_source(o));
    assert_origin(o, GOOD "blank-lines.csv", 3);
    o = obs(p, "gdp-growth", "2022-07");
    assert_true(goals_observation_value(o) == -0.5);
    assert_null(goals_observation_note(o));
    assert_origin(o, GOOD "blank-lines.csv", 6);
    o = obs(p, "urbanisation", "2021-01-01/2021-06-30");
    assert_true(goals_observation_value(o) == 64.0);
    assert_origin(o, GOOD "blank-lines.csv", 7);
    /* An empty last field at the end of the file. */
    assert_int_equal(goals_plan_load_observations_file(p, GOOD "trailing-empty.csv", GOALS_OBS_REPLACE), GOALS_OK);
    o = obs(p, "gdp-growth", "2021");
    assert_string_equal(goals_observation_source(o), "S5");
    assert_null(goals_observation_note(o));
    assert_int_equal(goals_plan_observation_count(p), 4);
    goals_plan_free(p);
}

typedef struct bad_case {
    const char *file;
    int code;
    const char *where_what; /* "LINE:COL: message" after the path */
} bad_case;

#define ONLY_SOURCE_NOTE "(only source and note may follow measure,period,value, in that order)"

static const bad_case bad_cases[] = {
    {"empty.csv", GOALS_EINVALID, "1:1: empty file: expected the header 'measure,period,value'"},
    {"blank-only.csv", GOALS_EINVALID, "1:1: no header: the file has only empty lines"},
    {"header-wrong.csv", GOALS_EINVALID, "1:9: header must begin 'measure,period,value': column 2 is 'date'"},
    {"header-missing.csv", GOALS_EINVALID, "1:15: header must begin 'measure,period,value': column 3 is missing"},
    {"header-unknown.csv", GOALS_EINVALID, "1:22: header: unknown column 'unit' " ONLY_SOURCE_NOTE},
    {"header-order.csv", GOALS_EINVALID, "1:27: header: column 'source' is repeated or out of order " ONLY_SOURCE_NOTE},
    {"header-space.csv", GOALS_EINVALID,
     "1:9: header must begin 'measure,period,value': column 2 is ' period' (spaces are part of a CSV field)"},
    {"number.csv", GOALS_EINVALID, "2:17: value '8.1%' is not a number"},
    {"nan.csv", GOALS_EINVALID, "2:17: value 'NaN' is not a finite number"},
    {"infinity.csv", GOALS_EINVALID, "2:17: value '-Infinity' is not a finite number"},
    {"range.csv", GOALS_EINVALID, "2:17: value '1e999' is out of range"},
    {"value-empty.csv", GOALS_EINVALID, "2:17: column 'value' is empty"},
    {"period.csv", GOALS_EINVALID, "3:12: bad period '2021-13': month must be 01..12"},
    {"measure.csv", GOALS_ENOTFOUND, "2:1: unknown measure 'gdp-growht'"},
    {"measure-space.csv", GOALS_ENOTFOUND, "2:1: unknown measure ' gdp-growth' (spaces are part of a CSV field)"},
    {"measure-empty.csv", GOALS_EINVALID, "2:1: column 'measure' is empty"},
    {"derived.csv", GOALS_EINVALID, "2:1: measure 'rd-share' is derived: its values are computed, not observed"},
    {"too-few.csv", GOALS_EPARSE, "2:16: too few fields: 2, the header has 3"},
    {"too-many.csv", GOALS_EPARSE, "2:21: too many fields: the header has 3"},
    {"unterminated.csv", GOALS_EPARSE, "2:21: quoted field not closed before the end of the file"},
    {"stray-quote.csv", GOALS_EPARSE,
     "2:24: quote inside an unquoted field (quote the whole field and double each quote in it)"},
    {"after-quote.csv", GOALS_EPARSE, "2:18: text after the closing quote of a field"},
    {"multiline.csv", GOALS_EINVALID, "4:17: value 'x' is not a number"},
    {"multiline-quote.csv", GOALS_EPARSE,
     "3:10: quote inside an unquoted field (quote the whole field and double each quote in it)"},
    {"duplicate.csv", GOALS_EEXISTS,
     "4:1: measure 'gdp-growth': a second value for 2021 (the first was given at " BAD "duplicate.csv:2)"},
    {"utf8.csv", GOALS_EPARSE, "2:23: invalid UTF-8 (byte 0xFF)"},
    {"overlong.csv", GOALS_EPARSE, "2:17: invalid UTF-8 (byte 0xC0)"},
    {"nul.csv", GOALS_EPARSE, "2:18: NUL byte in the text"},
    {"control.csv", GOALS_EPARSE, "2:22: control character U+0007 is not allowed"},
    {"bare-cr.csv", GOALS_EPARSE, "1:21: carriage return not followed by a line feed"},
    {"utf16.csv", GOALS_EPARSE, "1:1: UTF-16 text: observation CSV must be UTF-8"},
    /* Columns count characters: 城镇化率 is four, not twelve bytes. */
    {"cjk-column.csv", GOALS_EINVALID, "2:11: value '六十' is not a number"},
    {"field-too-long.csv.gz", GOALS_ELIMIT, "2:24: field is longer than the limit of 1048576 bytes"},
};

/* Every bad file fails with its exact message, and adds nothing: the plan
 * keeps exactly its one observation. */
static void test_bad_files(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof *bad_cases; i++) {
        const bad_case *c = &bad_cases[i];
        char path[512], want[1024];
        snprintf(path, sizeof path, BAD "%s", c->file);
        snprintf(want, sizeof want, "%s:%s", path, c->where_what);
        goals_plan *p = make_plan();
        int rc = goals_plan_load_observations_file(p, path, 0);
        if (rc != c->code || strcmp(test_error_text(), want) != 0)
            fail_msg("%s: got %d '%s', want %d '%s'", c->file, rc, test_error_text(), c->code, want);
        assert_int_equal(goals_plan_observation_count(p), 1);
        goals_plan_free(p);
    }
}

static void test_bad_gzip(void **state)
{
    (void)state;
    goals_plan *p = make_plan();
    assert_int_equal(goals_plan_load_observations_file(p, BAD "truncated.csv.gz", 0), GOALS_EPARSE);
    assert_string_equal(test_error_text(), BAD "truncated.csv.gz: truncated gzip data");
    assert_int_equal(goals_plan_observation_count(p), 1);
    assert_int_equal(goals_plan_load_observations_file(p, BAD "no-such-file.csv", 0), GOALS_EIO);
    assert_string_equal(test_error_text(), BAD "no-such-file.csv: cannot open: No such file or directory");
    goals_plan_free(p);
}

/* A value the plan already has: an error naming where the first came from
 * (the API, or the earlier file and line), and nothing of the file added. */
static void test_duplicate_against_plan(void **state)
{
    (void)state;
    goals_plan *p = make_plan();
    goals_period y2021 = period("2021");
    assert_int_equal(goals_measure_add_observation(goals_plan_find_measure(p, "gdp-growth"), &y2021, 8.1, NULL),
                     GOALS_OK);
    assert_int_equal(goals_plan_load_observations_file(p, BAD "duplicate-plan.csv", 0), GOALS_EEXISTS);
    assert_string_equal(test_error_text(), BAD "duplicate-plan.csv:3:1: measure 'gdp-growth': a second value for 2021 "
                                           "(the first was given at the API)");
    assert_int_equal(goals_plan_observation_count(p), 2);
    goals_plan_free(p);

    p = make_plan();
    assert_int_equal(goals_plan_load_observations_file(p, GOOD "basic.csv", 0), GOALS_OK);
    assert_int_equal(goals_plan_load_observations_file(p, BAD "duplicate-plan.csv", 0), GOALS_EEXISTS);
    assert_string_equal(test_error_text(), BAD "duplicate-plan.csv:3:1: measure 'gdp-growth': a second value for 2021 "
                                           "(the first was given at " GOOD "basic.csv:2)");
    assert_int_equal(goals_plan_observation_count(p), 5);
    goals_period y2022 = period("2022");
    assert_null(goals_measure_find_observation(goals_plan_find_measure(p, "urbanisation"), &y2022));
    goals_plan_free(p);
}

static void test_replace(void **state)
{
    (void)state;
    goals_plan *p = make_plan();
    /* Within a file, the later row wins (2021-01-01/2021-12-31 is 2021). */
    assert_int_equal(goals_plan_load_observations_file(p, BAD "duplicate.csv", GOALS_OBS_REPLACE), GOALS_OK);
    assert_int_equal(goals_measure_observation_count(goals_plan_find_measure(p, "gdp-growth")), 2);
    const goals_observation *o = obs(p, "gdp-growth", "2021");
    assert_true(goals_observation_value(o) == 8.4);
    assert_origin(o, BAD "duplicate.csv", 4);
    /* Against the plan, the file's value replaces the plan's. */
    static const char csv[] = "measure,period,value,source\ngdp-growth,2021,8.1,S5 revised\nurbanisation,2019,60.60,S12\n";
    assert_int_equal(goals_plan_load_observations_memory(p, csv, sizeof csv - 1, "rev.csv", GOALS_OBS_REPLACE),
                     GOALS_OK);
    o = obs(p, "gdp-growth", "2021");
    assert_true(goals_observation_value(o) == 8.1);
    assert_string_equal(goals_observation_source(o), "S5 revised");
    assert_origin(o, "rev.csv", 2);
    assert_origin(obs(p, "urbanisation", "2019"), "rev.csv", 3);
    assert_int_equal(goals_plan_observation_count(p), 3);
    goals_plan_free(p);
}

static void test_memory(void **state)
{
    (void)state;
    goals_plan *p = make_plan();
    static const char bad[] = "measure,period,value\ngdp-growth,2021,x\n";
    assert_int_equal(goals_plan_load_observations_memory(p, bad, sizeof bad - 1, NULL, 0), GOALS_EINVALID);
    assert_string_equal(test_error_text(), "<memory>:2:17: value 'x' is not a number");
    assert_int_equal(goals_plan_load_observations_memory(p, NULL, 0, "none.csv", 0), GOALS_EINVALID);
    assert_string_equal(test_error_text(), "none.csv:1:1: empty file: expected the header 'measure,period,value'");
    /* Quoted header names; values in the measure's own scale (亿元). */
    static const char good[] = "\"measure\",\"period\",\"value\"\nrd-spending,2021,27956.3\nrd-spending,2022,30782.9";
    assert_int_equal(goals_plan_load_observations_memory(p, good, sizeof good - 1, "rd.csv", 0), GOALS_OK);
    assert_true(goals_observation_value(obs(p, "rd-spending", "2022")) == 30782.9);
    assert_int_equal(goals_plan_observation_count(p), 3);
    goals_plan_free(p);
}

static void test_limits(void **state)
{
    (void)state;
    goals_plan *p = make_plan();
    goals__csv_limits lim = {10, 0};
    static const char csv[] = "measure,period,value,note\ngdp,2021,8.1,\"abc\"\"defghi\"\n";
    /* A doubled quote counts once: "abc""defghi" is exactly 10 bytes. */
    assert_int_equal(goals__csv_load_memory(p, csv, sizeof csv - 1, "l.csv", 0, &lim), GOALS_OK);
    lim.max_field = 9;
    assert_int_equal(goals__csv_load_memory(p, csv, sizeof csv - 1, "l.csv", GOALS_OBS_REPLACE, &lim), GOALS_ELIMIT);
    assert_string_equal(test_error_text(), "l.csv:2:14: field is longer than the limit of 9 bytes");
    lim.max_field = 0;
    lim.max_bytes = 20;
    assert_int_equal(goals__csv_load_memory(p, csv, sizeof csv - 1, "l.csv", GOALS_OBS_REPLACE, &lim), GOALS_ELIMIT);
    assert_string_equal(test_error_text(), "l.csv: document is larger than the limit of 20 bytes (after decompression)");
    assert_int_equal(goals_plan_observation_count(p), 2);
    goals_plan_free(p);
}

static void test_arguments(void **state)
{
    (void)state;
    goals_plan *p = make_plan();
    assert_int_equal(goals_plan_load_observations_file(NULL, GOOD "basic.csv", 0), GOALS_EINVAL);
    assert_int_equal(goals_plan_load_observations_file(p, NULL, 0), GOALS_EINVAL);
    assert_int_equal(goals_plan_load_observations_file(p, GOOD "basic.csv", 1u << 5), GOALS_EINVAL);
    assert_string_equal(goals_error_last()->message, "unknown observation flags 0x20");
    assert_int_equal(goals_plan_observation_count(p), 1);
    goals_plan_free(p);
}

/* Every allocation failure ends in GOALS_ENOMEM with the plan exactly as it
 * was, also when it strikes after a first measure's batch went in (the
 * copies put it back), and with replaced values restored. */
static void test_out_of_memory(void **state)
{
    (void)state;
    static const char csv[] = "measure,period,value,source,note\n"
                              "gdp-growth,2021,8.1,S5,first release\n"
                              "urbanisation,2019,60.60,S12,replaces the API's\n"
                              "urbanisation,2021,64.72,S13,\n"
                              "rd-spending,2021,27956.3,S18,final\n";
    int ok = 0;
    for (long n = 0; n < 1000 && !ok; n++) {
        goals_plan *p = make_plan();
        goals__alloc_fail_after(n);
        int rc = goals_plan_load_observations_memory(p, csv, sizeof csv - 1, "m.csv", GOALS_OBS_REPLACE);
        goals__alloc_fail_after(-1);
        if (rc == GOALS_OK) {
            ok = 1;
            assert_int_equal(goals_plan_observation_count(p), 4);
            assert_string_equal(goals_observation_source(obs(p, "urbanisation", "2019")), "S12");
            assert_string_equal(goals_observation_note(obs(p, "urbanisation", "2019")), "replaces the API's");
        } else {
            assert_int_equal(rc, GOALS_ENOMEM);
            assert_int_equal(goals_plan_observation_count(p), 1);
            assert_int_equal(goals_measure_observation_count(goals_plan_find_measure(p, "urbanisation")), 1);
            assert_int_equal(goals_measure_observation_count(goals_plan_find_measure(p, "gdp-growth")), 0);
            const goals_observation *o = obs(p, "urbanisation", "2019");
            assert_true(goals_observation_value(o) == 60.6);
            assert_null(goals_observation_note(o));
            assert_origin(o, NULL, 0);
        }
        goals_plan_free(p);
    }
    assert_true(ok);
}

/* ------------------------------------------------ the bundled 14th FYP */

#define CN14_PLAN GOALS_SOURCE_DIR "/examples/plans/cn-14th-fyp.xml"
#define CN14_CSV GOALS_SOURCE_DIR "/examples/data/cn-14th-fyp-observations.csv"

/* examples/plans/cn-14th-fyp.xml against the project's data table
 * (data/plans/cn-14th-fyp.csv). The counts were taken from the table, not
 * from the XML:
 *   Measures: its 20 indicators, and the 2 aspects on which the two
 *     qualitative aims (CN14-01, CN14-07) are judged: 22.
 *   Kinds: comparator "qualitative" is qualitative (01, 07) or, where the
 *     text compares with GDP growth by a direction, relative (02); level
 *     and share are reach (03 05 06 09 10 11 12 16 17 18 19 20: 12) except
 *     unemployment, "within 5.5 each year", maintain (08); annual average
 *     growth with a number is average-growth (04); cumulative is change
 *     (13 14 15). 2 + 1 + 12 + 1 + 1 + 3 = 20. Binding: 09 14-20 = 8.
 *   Observations: the non-empty obs_2021..obs_2025 cells, row by row
 *     5 4 5 3 4 1 4 4 2 1 0 0 1 1 2 5 5 0 3 0 = 50, and the baseline values
 *     kept as observations of their year (GDP 2020, urbanisation 2019 and
 *     2020, schooling, life expectancy, air, water 2020) = 7: 57. */
static void test_cn14_plan(void **state)
{
    (void)state;
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    opts.flags = GOALS_LOAD_VALIDATE;
    opts.schema_dir = GOALS_SOURCE_DIR "/libgoals/schema";
    goals_plan *p = NULL;
    if (goals_plan_load_file(&p, CN14_PLAN, &opts) != GOALS_OK)
        fail_msg("loading %s: %s", CN14_PLAN, test_error_text());
    assert_int_equal(goals_plan_measure_count(p), 22);
    assert_int_equal(goals_plan_target_count(p), 20);
    assert_int_equal(goals_plan_root_count(p), 5);
    assert_int_equal(goals_plan_observation_count(p), 57);
    size_t kinds[GOALS_KIND_QUALITATIVE + 1] = {0}, binding = 0, baselines = 0;
    for (size_t i = 0; i < goals_plan_target_count(p); i++) {
        const goals_target *t = goals_plan_target_at(p, i);
        kinds[goals_target_kind_of(t)]++;
        binding += goals_target_attribute(t) == GOALS_ATTR_BINDING;
        baselines += goals_target_baseline(t, NULL, NULL);
        goals_period d;
        assert_int_equal(goals_target_deadline(t, &d), 1);
        assert_true(d.start == period("2025").start && d.end == period("2025").end);
    }
    assert_int_equal(kinds[GOALS_KIND_REACH], 12);
    assert_int_equal(kinds[GOALS_KIND_QUALITATIVE], 2);
    assert_int_equal(kinds[GOALS_KIND_RELATIVE], 1);
    assert_int_equal(kinds[GOALS_KIND_AVERAGE_GROWTH], 1);
    assert_int_equal(kinds[GOALS_KIND_MAINTAIN], 1);
    assert_int_equal(kinds[GOALS_KIND_CHANGE], 3);
    assert_int_equal(binding, 8);
    assert_int_equal(baselines, 4);

    /* A few cells of the table, with their sources and marks. */
    const goals_observation *o = obs(p, "gdp-growth", "2022");
    assert_true(goals_observation_value(o) == 3.0);
    assert_string_equal(goals_observation_source(o), "S6");
    o = obs(p, "urban-unemployment", "2022");
    assert_true(goals_observation_value(o) == 5.6);
    assert_string_equal(goals_observation_note(o), "derived: 2023's 5.2 was 0.4 lower");
    assert_true(goals_observation_value(obs(p, "grain-capacity", "2021")) == 6.8285);
    assert_true(goals_observation_value(obs(p, "co2-intensity-reduction", "2025")) == 5.0);
    assert_int_equal(goals_measure_observation_count(goals_plan_find_measure(p, "gdp-growth-range")), 0);

    const goals_target *t = goals_plan_find_target(p, "CN14-02");
    assert_string_equal(goals_measure_id(goals_target_relative_to(t)), "gdp-growth");
    assert_int_equal(goals_target_op(t), GOALS_OP_GT);
    t = goals_plan_find_target(p, "CN14-14");
    assert_int_equal(goals_target_change_mode(t), GOALS_CHANGE_PERCENT);
    assert_int_equal(goals_measure_rate(goals_target_measure(t)), GOALS_RATE_REDUCTION);
    assert_true(goals_target_value(t) == 13.5);
    t = goals_plan_find_target(p, "CN14-20");
    assert_string_equal(goals_target_given_unit(t), "亿吨标准煤");
    assert_true(goals_target_value(t) == 46.0); /* the measure is in tce × 1e8 */
    double b = 0;
    assert_int_equal(goals_target_baseline(goals_plan_find_target(p, "CN14-18"), NULL, &b), 1);
    assert_true(b == 23.04);

    /* The observation CSV holds exactly the plan's observations: the plan
     * without them, plus the CSV, is the plan. */
    goals_save_options so = GOALS_SAVE_OPTIONS_INIT;
    so.flags = GOALS_SAVE_NO_OBSERVATIONS;
    char *bare = NULL;
    size_t size = 0;
    assert_int_equal(goals_plan_save_memory(p, &bare, &size, &so), GOALS_OK);
    goals_plan *q = NULL;
    assert_int_equal(goals_plan_load_memory(&q, bare, size, NULL), GOALS_OK);
    goals_free(bare);
    assert_int_equal(goals_plan_observation_count(q), 0);
    assert_int_equal(goals_plan_equal(p, q), 0);
    if (goals_plan_load_observations_file(q, CN14_CSV, 0) != GOALS_OK)
        fail_msg("loading %s: %s", CN14_CSV, test_error_text());
    assert_int_equal(goals_plan_observation_count(q), 57);
    assert_int_equal(goals_plan_equal(p, q), 1);
    assert_origin(obs(q, "physicians", "2025"), CN14_CSV, 38);
    /* Loading it again over the plan's own observations names both places. */
    assert_int_equal(goals_plan_load_observations_file(p, CN14_CSV, 0), GOALS_EEXISTS);
    assert_string_equal(test_error_text(), CN14_CSV ":2:1: measure 'gdp-growth': a second value for 2020 "
                                           "(the first was given at " CN14_PLAN ":301)");
    goals_plan_free(q);
    goals_plan_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_full),
        cmocka_unit_test(test_gzip),
        cmocka_unit_test(test_header_only_and_blank_lines),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_bad_gzip),
        cmocka_unit_test(test_duplicate_against_plan),
        cmocka_unit_test(test_replace),
        cmocka_unit_test(test_memory),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_arguments),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_cn14_plan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
