/* Dates and periods: day numbers, parsing with exact messages, canonical
 * text, narrowing, ordering. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "goals/error.h"
#include "goals/period.h"
#include "support.h"
#include "time/period_internal.h"

static int32_t ymd(int y, int m, int d)
{
    int32_t v = 0;
    assert_int_equal(goals_date_from_ymd(&v, y, m, d), GOALS_OK);
    return v;
}

static void test_day_numbers(void **state)
{
    (void)state;
    /* Known values (checked against Python's datetime.date.toordinal() - 719163). */
    assert_int_equal(ymd(1970, 1, 1), 0);
    assert_int_equal(ymd(1969, 12, 31), -1);
    assert_int_equal(ymd(2000, 3, 1), 11017);
    assert_int_equal(ymd(2024, 2, 29), 19782);
    assert_int_equal(ymd(2026, 1, 1), 20454);
    assert_int_equal(ymd(2026, 12, 31), 20818);
    assert_int_equal(ymd(1600, 2, 29), -135081);
    assert_int_equal(ymd(1900, 3, 1), -25508);
    assert_int_equal(ymd(1, 1, 1), GOALS__DAY_MIN);
    assert_int_equal(ymd(9999, 12, 31), GOALS__DAY_MAX);
    assert_int_equal(GOALS__DAY_MIN, -719162);
    assert_int_equal(GOALS__DAY_MAX, 2932896);
}

static void test_day_numbers_all(void **state)
{
    (void)state;
    /* Every day of years 1..9999 in order: consecutive numbers, and
     * to_ymd inverts from_ymd. */
    int32_t expect = GOALS__DAY_MIN;
    for (int y = 1; y <= 9999; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= goals__days_in_month(y, m); d++) {
                int32_t v = goals__days_from_ymd(y, m, d);
                if (v != expect)
                    fail_msg("%04d-%02d-%02d is %ld, expected %ld", y, m, d, (long)v, (long)expect);
                int yy, mm, dd;
                goals_date_to_ymd(v, &yy, &mm, &dd);
                if (yy != y || mm != m || dd != d)
                    fail_msg("%ld split as %d-%d-%d", (long)v, yy, mm, dd);
                expect++;
            }
    assert_int_equal(expect - 1, GOALS__DAY_MAX);
    assert_int_equal(goals__days_in_month(1900, 2), 28);
    assert_int_equal(goals__days_in_month(2000, 2), 29);
    assert_int_equal(goals__days_in_month(2024, 2), 29);
    assert_int_equal(goals__days_in_month(2026, 2), 28);
    assert_int_equal(goals__days_in_month(2026, 13), 0);
}

static void test_to_ymd_any(void **state)
{
    (void)state;
    int y = 0, m = 0, d = 0;
    /* Any int32 splits without overflow, and NULL pointers are allowed. */
    goals_date_to_ymd(INT32_MIN, &y, &m, &d);
    assert_true(m >= 1 && m <= 12 && d >= 1 && d <= 31);
    goals_date_to_ymd(INT32_MAX, &y, &m, &d);
    assert_true(m >= 1 && m <= 12 && d >= 1 && d <= 31);
    goals_date_to_ymd(GOALS__DAY_MIN - 1, &y, &m, &d);
    assert_int_equal(y, 0);
    assert_int_equal(m, 12);
    assert_int_equal(d, 31);
    goals_date_to_ymd(20454, NULL, NULL, &d);
    assert_int_equal(d, 1);
}

static void expect_error(int rc, int code, const char *message)
{
    assert_int_equal(rc, code);
    assert_int_equal(goals_error_last()->code, code);
    assert_string_equal(goals_error_last()->message, message);
}

static void test_from_ymd_errors(void **state)
{
    (void)state;
    int32_t v = 77;
    expect_error(goals_date_from_ymd(&v, 0, 1, 1), GOALS_EPERIOD, "bad date: year 0 is outside 0001..9999");
    expect_error(goals_date_from_ymd(&v, 10000, 1, 1), GOALS_EPERIOD,
                 "bad date: year 10000 is outside 0001..9999");
    expect_error(goals_date_from_ymd(&v, 2026, 13, 1), GOALS_EPERIOD, "bad date: month 13 is outside 01..12");
    expect_error(goals_date_from_ymd(&v, 2026, 0, 1), GOALS_EPERIOD, "bad date: month 0 is outside 01..12");
    expect_error(goals_date_from_ymd(&v, 2026, 2, 29), GOALS_EPERIOD,
                 "bad date: day 29 is outside 01..28 in 2026-02");
    expect_error(goals_date_from_ymd(&v, 2026, 4, 31), GOALS_EPERIOD,
                 "bad date: day 31 is outside 01..30 in 2026-04");
    expect_error(goals_date_from_ymd(&v, 2026, 1, 0), GOALS_EPERIOD,
                 "bad date: day 0 is outside 01..31 in 2026-01");
    expect_error(goals_date_from_ymd(NULL, 2026, 1, 1), GOALS_EINVAL, "goals_date_from_ymd: out is NULL");
    assert_int_equal(v, 77);
}

static void test_date_parse(void **state)
{
    (void)state;
    int32_t v = 77;
    assert_int_equal(goals_date_parse(&v, "2026-07-15"), GOALS_OK);
    assert_int_equal(v, ymd(2026, 7, 15));
    assert_int_equal(goals_date_parse(&v, "0001-01-01"), GOALS_OK);
    assert_int_equal(v, GOALS__DAY_MIN);
    assert_int_equal(goals_date_parse(&v, "2000-02-29"), GOALS_OK);
    assert_int_equal(v, 11016);
    v = 77;
    expect_error(goals_date_parse(&v, "2026-02-30"), GOALS_EPERIOD, "bad date '2026-02-30': day must be 01..28 in 2026-02");
    expect_error(goals_date_parse(&v, "1900-02-29"), GOALS_EPERIOD, "bad date '1900-02-29': day must be 01..28 in 1900-02");
    expect_error(goals_date_parse(&v, "2026-13-01"), GOALS_EPERIOD, "bad date '2026-13-01': month must be 01..12");
    expect_error(goals_date_parse(&v, "0000-01-01"), GOALS_EPERIOD, "bad date '0000-01-01': year must be 0001..9999");
    expect_error(goals_date_parse(&v, "2026-7-15"), GOALS_EPERIOD, "bad date '2026-7-15': expected YYYY-MM-DD");
    expect_error(goals_date_parse(&v, "2026"), GOALS_EPERIOD, "bad date '2026': expected YYYY-MM-DD");
    expect_error(goals_date_parse(&v, "2026-07-15 "), GOALS_EPERIOD, "bad date '2026-07-15 ': expected YYYY-MM-DD");
    expect_error(goals_date_parse(&v, ""), GOALS_EPERIOD, "bad date '': expected YYYY-MM-DD");
    expect_error(goals_date_parse(&v, "2026/07/15"), GOALS_EPERIOD, "bad date '2026/07/15': expected YYYY-MM-DD");
    expect_error(goals_date_parse(&v, NULL), GOALS_EINVAL, "goals_date_parse: text is NULL");
    assert_int_equal(v, 77);
    /* The _n form reads only text[0..len). */
    assert_int_equal(goals__date_parse_n(&v, "2026-07-15T00:00", 10), GOALS_OK);
    assert_int_equal(v, ymd(2026, 7, 15));
}

static void test_date_format(void **state)
{
    (void)state;
    char buf[16];
    assert_int_equal(goals_date_format(ymd(2026, 7, 5), buf, sizeof buf), 10);
    assert_string_equal(buf, "2026-07-05");
    assert_int_equal(goals_date_format(GOALS__DAY_MIN, buf, sizeof buf), 10);
    assert_string_equal(buf, "0001-01-01");
    assert_int_equal(goals_date_format(GOALS__DAY_MAX, buf, 11), 10);
    assert_string_equal(buf, "9999-12-31");
    assert_int_equal(goals_date_format(GOALS__DAY_MIN - 1, buf, sizeof buf), 0);
    assert_int_equal(goals_date_format(GOALS__DAY_MAX + 1, buf, sizeof buf), 0);
    assert_int_equal(goals_date_format(0, buf, 10), 0);
    assert_int_equal(goals_date_format(0, NULL, 0), 0);
}

typedef struct good_case {
    const char *text;
    goals_period_kind kind;
    int sy, sm, sd, ey, em, ed;
} good_case;

static void test_period_parse(void **state)
{
    (void)state;
    static const good_case cases[] = {
        {"2026", GOALS_PERIOD_YEAR, 2026, 1, 1, 2026, 12, 31},
        {"0001", GOALS_PERIOD_YEAR, 1, 1, 1, 1, 12, 31},
        {"9999", GOALS_PERIOD_YEAR, 9999, 1, 1, 9999, 12, 31},
        {"2026-Q1", GOALS_PERIOD_QUARTER, 2026, 1, 1, 2026, 3, 31},
        {"2024-Q1", GOALS_PERIOD_QUARTER, 2024, 1, 1, 2024, 3, 31},
        {"2026-Q2", GOALS_PERIOD_QUARTER, 2026, 4, 1, 2026, 6, 30},
        {"2026-Q3", GOALS_PERIOD_QUARTER, 2026, 7, 1, 2026, 9, 30},
        {"2026-Q4", GOALS_PERIOD_QUARTER, 2026, 10, 1, 2026, 12, 31},
        {"2026-07", GOALS_PERIOD_MONTH, 2026, 7, 1, 2026, 7, 31},
        {"2024-02", GOALS_PERIOD_MONTH, 2024, 2, 1, 2024, 2, 29},
        {"2026-02", GOALS_PERIOD_MONTH, 2026, 2, 1, 2026, 2, 28},
        {"2026-07-15", GOALS_PERIOD_DAY, 2026, 7, 15, 2026, 7, 15},
        {"2019-10-01/2020-03-31", GOALS_PERIOD_INTERVAL, 2019, 10, 1, 2020, 3, 31},
        {"2026-07-15/2026-07-15", GOALS_PERIOD_INTERVAL, 2026, 7, 15, 2026, 7, 15},
        {"2026-01-01/2026-12-31", GOALS_PERIOD_INTERVAL, 2026, 1, 1, 2026, 12, 31},
        {"0001-01-01/9999-12-31", GOALS_PERIOD_INTERVAL, 1, 1, 1, 9999, 12, 31},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const good_case *c = &cases[i];
        goals_period p;
        if (goals_period_parse(&p, c->text) != GOALS_OK)
            fail_msg("'%s': %s", c->text, goals_error_last()->message);
        assert_int_equal(p.kind, c->kind);
        assert_int_equal(p.start, ymd(c->sy, c->sm, c->sd));
        assert_int_equal(p.end, ymd(c->ey, c->em, c->ed));
        /* Formatting gives the text back. */
        char buf[GOALS_PERIOD_TEXT_MAX];
        assert_int_equal(goals_period_format(&p, buf, sizeof buf), strlen(c->text));
        assert_string_equal(buf, c->text);
    }
}

typedef struct bad_case {
    const char *text;
    const char *message;
} bad_case;

#define FORMS "expected YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD"

static void test_period_parse_errors(void **state)
{
    (void)state;
    static const bad_case cases[] = {
        {"0000", "bad period '0000': year must be 0001..9999"},
        {"0000-Q1", "bad period '0000-Q1': year must be 0001..9999"},
        {"0000-13", "bad period '0000-13': year must be 0001..9999"},
        {"2026-13", "bad period '2026-13': month must be 01..12"},
        {"2026-00", "bad period '2026-00': month must be 01..12"},
        {"2026-02-30", "bad period '2026-02-30': day must be 01..28 in 2026-02"},
        {"2024-02-30", "bad period '2024-02-30': day must be 01..29 in 2024-02"},
        {"2026-06-31", "bad period '2026-06-31': day must be 01..30 in 2026-06"},
        {"2026-01-00", "bad period '2026-01-00': day must be 01..31 in 2026-01"},
        {"2026-13-01", "bad period '2026-13-01': month must be 01..12"},
        {"2026-Q5", "bad period '2026-Q5': quarter must be Q1..Q4"},
        {"2026-Q0", "bad period '2026-Q0': quarter must be Q1..Q4"},
        {"2026-q3", "bad period '2026-q3': " FORMS},
        {"2026-Q12", "bad period '2026-Q12': " FORMS},
        {"2026-7", "bad period '2026-7': " FORMS},
        {"2026-07-1", "bad period '2026-07-1': " FORMS},
        {"26", "bad period '26': " FORMS},
        {"20260", "bad period '20260': " FORMS},
        {"2026x", "bad period '2026x': " FORMS},
        {"2026-07x", "bad period '2026-07x': " FORMS},
        {"2026-07-15x", "bad period '2026-07-15x': " FORMS},
        {" 2026", "bad period ' 2026': " FORMS},
        {"2026 ", "bad period '2026 ': " FORMS},
        {"2026年", "bad period '2026年': " FORMS},
        {"-2026", "bad period '-2026': " FORMS},
        {"+2026", "bad period '+2026': " FORMS},
        {"2026-W01", "bad period '2026-W01': " FORMS},
        {"", "bad period '': empty text, " FORMS},
        {"2020-03-31/2019-10-01", "bad period '2020-03-31/2019-10-01': end date is before start date"},
        {"2019/2020", "bad period '2019/2020': start date: expected YYYY-MM-DD"},
        {"2019-10-01/2020", "bad period '2019-10-01/2020': end date: expected YYYY-MM-DD"},
        {"2019-13-01/2020-01-01", "bad period '2019-13-01/2020-01-01': start date: month must be 01..12"},
        {"2019-10-01/2021-02-29", "bad period '2019-10-01/2021-02-29': end date: day must be 01..28 in 2021-02"},
        {"2019-10-01/", "bad period '2019-10-01/': end date: expected YYYY-MM-DD"},
        {"/2019-10-01", "bad period '/2019-10-01': start date: expected YYYY-MM-DD"},
        {"/", "bad period '/': start date: expected YYYY-MM-DD"},
        {"2019-10-01/2020-01-01/2021-01-01", "bad period '2019-10-01/2020-01-01/2021-01-01': end date: expected YYYY-MM-DD"},
        /* Hostile bytes are escaped in the message. */
        {"20\n26", "bad period '20\\x0a26': " FORMS},
        {"2026\x1b[31m", "bad period '2026\\x1b[31m': " FORMS},
        {"\xff\xfe", "bad period '\\xff\\xfe': " FORMS},
        {"a\\b", "bad period 'a\\x5cb': " FORMS},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        goals_period p = {1, 2, GOALS_PERIOD_DAY};
        int rc = goals_period_parse(&p, cases[i].text);
        if (rc != GOALS_EPERIOD)
            fail_msg("'%s' gave %d", cases[i].text, rc);
        assert_string_equal(goals_error_last()->message, cases[i].message);
        assert_int_equal(goals_error_last()->code, GOALS_EPERIOD);
        assert_null(goals_error_last()->file);
        /* *out untouched. */
        assert_int_equal(p.start, 1);
        assert_int_equal(p.end, 2);
    }
    goals_period p;
    expect_error(goals_period_parse(&p, NULL), GOALS_EINVAL, "goals_period_parse: text is NULL");
    expect_error(goals_period_parse(NULL, "2026"), GOALS_EINVAL, "goals_period_parse: out is NULL");
}

static void test_period_parse_n(void **state)
{
    (void)state;
    goals_period p;
    const char text[] = "2026-Q3 and more";
    assert_int_equal(goals__period_parse_n(&p, text, 7), GOALS_OK);
    assert_int_equal(p.kind, GOALS_PERIOD_QUARTER);
    assert_int_equal(p.start, ymd(2026, 7, 1));
    /* Not NUL-terminated at len, and len 4 is a year. */
    assert_int_equal(goals__period_parse_n(&p, text, 4), GOALS_OK);
    assert_int_equal(p.kind, GOALS_PERIOD_YEAR);
    /* An embedded NUL is just a bad byte. */
    expect_error(goals__period_parse_n(&p, "20\0" "26", 5), GOALS_EPERIOD, "bad period '20\\x0026': " FORMS);
    expect_error(goals__period_parse_n(&p, text, 9), GOALS_EPERIOD, "bad period '2026-Q3 a': " FORMS);
    /* A long text is cut in the message, at a character boundary. */
    char big[400];
    memset(big, 'x', sizeof big);
    memcpy(big + 101, "年年年年年年年年", 24);
    assert_int_equal(goals__period_parse_n(&p, big, sizeof big), GOALS_EPERIOD);
    char expected[256];
    /* 124 bytes of room: 101 + 7 × 3 = 122, and the 8th 年 would not fit. */
    snprintf(expected, sizeof expected, "bad period '%.101s%s...': " FORMS, big, "年年年年年年年");
    assert_string_equal(goals_error_last()->message, expected);
}

static void test_from_days(void **state)
{
    (void)state;
    static const struct {
        const char *start, *end, *text;
        goals_period_kind kind;
    } cases[] = {
        {"2026-01-01", "2026-12-31", "2026", GOALS_PERIOD_YEAR},
        {"2024-01-01", "2024-12-31", "2024", GOALS_PERIOD_YEAR},
        {"2026-07-01", "2026-09-30", "2026-Q3", GOALS_PERIOD_QUARTER},
        {"2026-10-01", "2026-12-31", "2026-Q4", GOALS_PERIOD_QUARTER},
        {"2026-02-01", "2026-02-28", "2026-02", GOALS_PERIOD_MONTH},
        {"2024-02-01", "2024-02-29", "2024-02", GOALS_PERIOD_MONTH},
        {"2026-07-15", "2026-07-15", "2026-07-15", GOALS_PERIOD_DAY},
        {"2026-07-01", "2026-07-30", "2026-07-01/2026-07-30", GOALS_PERIOD_INTERVAL},
        {"2026-02-01", "2026-03-31", "2026-02-01/2026-03-31", GOALS_PERIOD_INTERVAL}, /* not a quarter */
        {"2026-01-01", "2026-06-30", "2026-01-01/2026-06-30", GOALS_PERIOD_INTERVAL}, /* a half */
        {"2026-01-01", "2027-12-31", "2026-01-01/2027-12-31", GOALS_PERIOD_INTERVAL},
        {"2026-01-02", "2026-12-31", "2026-01-02/2026-12-31", GOALS_PERIOD_INTERVAL},
        {"2025-12-01", "2026-02-28", "2025-12-01/2026-02-28", GOALS_PERIOD_INTERVAL},
        {"2019-10-01", "2020-03-31", "2019-10-01/2020-03-31", GOALS_PERIOD_INTERVAL},
        {"0001-01-01", "0001-12-31", "0001", GOALS_PERIOD_YEAR},
        {"9999-10-01", "9999-12-31", "9999-Q4", GOALS_PERIOD_QUARTER},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int32_t a, b;
        goals_period p, q;
        assert_int_equal(goals_date_parse(&a, cases[i].start), GOALS_OK);
        assert_int_equal(goals_date_parse(&b, cases[i].end), GOALS_OK);
        assert_int_equal(goals_period_from_days(&p, a, b), GOALS_OK);
        assert_int_equal(p.kind, cases[i].kind);
        assert_int_equal(p.start, a);
        assert_int_equal(p.end, b);
        char buf[GOALS_PERIOD_TEXT_MAX];
        assert_int_equal(goals_period_format(&p, buf, sizeof buf), strlen(cases[i].text));
        assert_string_equal(buf, cases[i].text);
        /* And the canonical text parses to the same period. */
        assert_int_equal(goals_period_parse(&q, buf), GOALS_OK);
        assert_memory_equal(&p, &q, sizeof p);
    }
    goals_period p = {5, 6, GOALS_PERIOD_INTERVAL};
    expect_error(goals_period_from_days(&p, ymd(2026, 2, 1), ymd(2026, 1, 1)), GOALS_EPERIOD,
                 "bad period: end 2026-01-01 is before start 2026-02-01");
    expect_error(goals_period_from_days(&p, GOALS__DAY_MIN - 1, 0), GOALS_EPERIOD,
                 "bad period: day -719163 is outside 0001-01-01..9999-12-31");
    expect_error(goals_period_from_days(&p, 0, GOALS__DAY_MAX + 1), GOALS_EPERIOD,
                 "bad period: day 2932897 is outside 0001-01-01..9999-12-31");
    expect_error(goals_period_from_days(&p, INT32_MIN, INT32_MAX), GOALS_EPERIOD,
                 "bad period: day -2147483648 is outside 0001-01-01..9999-12-31");
    assert_int_equal(p.start, 5);
    expect_error(goals_period_from_days(NULL, 0, 0), GOALS_EINVAL, "goals_period_from_days: out is NULL");
}

static void test_format_edges(void **state)
{
    (void)state;
    goals_period p;
    char buf[GOALS_PERIOD_TEXT_MAX];
    assert_int_equal(goals_period_parse(&p, "0001-01-01/9999-12-31"), GOALS_OK);
    /* The longest text fits GOALS_PERIOD_TEXT_MAX. */
    assert_int_equal(goals_period_format(&p, buf, sizeof buf), 21);
    assert_true(21 < GOALS_PERIOD_TEXT_MAX);
    /* snprintf-style: the full length, and what fits, NUL-terminated. */
    char small[5];
    memset(small, '#', sizeof small);
    assert_int_equal(goals_period_format(&p, small, sizeof small), 21);
    assert_string_equal(small, "0001");
    assert_int_equal(goals_period_format(&p, NULL, 0), 21);
    assert_int_equal(goals_period_parse(&p, "2026-Q3"), GOALS_OK);
    assert_int_equal(goals_period_format(&p, small, 1), 7);
    assert_string_equal(small, "");

    /* Invalid periods give 0 and an empty buffer. */
    static const goals_period invalid[] = {
        {20454, 20818, (goals_period_kind)0},
        {20454, 20818, (goals_period_kind)6},
        {20454, 20818, GOALS_PERIOD_MONTH},   /* a year, called a month */
        {20454, 20817, GOALS_PERIOD_YEAR},    /* a day short of a year */
        {20454, 20455, GOALS_PERIOD_DAY},
        {20455, 20454, GOALS_PERIOD_INTERVAL}, /* end before start */
        {GOALS__DAY_MIN - 1, 0, GOALS_PERIOD_INTERVAL},
        {0, GOALS__DAY_MAX + 1, GOALS_PERIOD_INTERVAL},
    };
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
        strcpy(buf, "junk");
        assert_int_equal(goals_period_format(&invalid[i], buf, sizeof buf), 0);
        assert_string_equal(buf, "");
    }
    assert_int_equal(goals_period_format(NULL, buf, sizeof buf), 0);
}

static goals_period per(const char *text)
{
    goals_period p;
    if (goals_period_parse(&p, text) != GOALS_OK)
        fail_msg("%s", goals_error_last()->message);
    return p;
}

static void test_compare(void **state)
{
    (void)state;
    /* Sorted: by last day, then first day. */
    const char *sorted[] = {"2025",       "2026-01-15",            "2026-Q1", "2026-03",
                            "2026-03-31", "2026-01-01/2026-06-30", "2026-Q2", "2026-06",
                            "2026-07-01", "2026",                  "2026-12"};
    /* 2026-Q1 (ends 03-31, starts 01-01) < 2026-03 (ends 03-31, starts 03-01) < 2026-03-31;
     * the half year < 2026-Q2 < 2026-06 (same end, later starts); 2026 < 2026-12. */
    for (size_t i = 0; i + 1 < sizeof sorted / sizeof sorted[0]; i++) {
        goals_period a = per(sorted[i]), b = per(sorted[i + 1]);
        if (!(goals_period_compare(&a, &b) < 0 && goals_period_compare(&b, &a) > 0))
            fail_msg("'%s' should sort before '%s'", sorted[i], sorted[i + 1]);
    }
    goals_period y = per("2026"), iv = per("2026-01-01/2026-12-31");
    assert_int_equal(goals_period_compare(&y, &iv), 0); /* same days, different text */
    assert_int_equal(goals_period_compare(&y, &y), 0);
    assert_true(goals_period_compare(NULL, &y) < 0);
    assert_true(goals_period_compare(&y, NULL) > 0);
    assert_int_equal(goals_period_compare(NULL, NULL), 0);
}

static void test_contains(void **state)
{
    (void)state;
    goals_period q = per("2026-Q3");
    assert_false(goals_period_contains(&q, ymd(2026, 6, 30)));
    assert_true(goals_period_contains(&q, ymd(2026, 7, 1)));
    assert_true(goals_period_contains(&q, ymd(2026, 8, 15)));
    assert_true(goals_period_contains(&q, ymd(2026, 9, 30)));
    assert_false(goals_period_contains(&q, ymd(2026, 10, 1)));
    assert_false(goals_period_contains(NULL, 0));
}

/* xorshift64*: a fixed sequence, so a failure reproduces. */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

static void test_round_trip_random(void **state)
{
    (void)state;
    uint64_t s = 0x243F6A8885A308D3ULL;
    const int32_t span = GOALS__DAY_MAX - GOALS__DAY_MIN + 1;
    for (int i = 0; i < 200000; i++) {
        uint64_t r = next_random(&s);
        int32_t a = GOALS__DAY_MIN + (int32_t)(r % (uint64_t)span);
        /* Mostly short periods, some ending exactly on month, quarter, year ends. */
        int32_t b = a + (int32_t)((r >> 32) % 400);
        if (b > GOALS__DAY_MAX)
            b = GOALS__DAY_MAX;
        if (i % 4 == 0) {
            int y, m;
            goals_date_to_ymd(a, &y, &m, NULL);
            a = goals__days_from_ymd(y, i % 8 == 0 ? 1 : m, 1);
            b = goals__days_from_ymd(y, 12, 31);
        }
        goals_period p, q;
        assert_int_equal(goals_period_from_days(&p, a, b), GOALS_OK);
        char buf[GOALS_PERIOD_TEXT_MAX];
        size_t n = goals_period_format(&p, buf, sizeof buf);
        assert_true(n > 0 && n < sizeof buf);
        if (goals_period_parse(&q, buf) != GOALS_OK || memcmp(&p, &q, sizeof p) != 0)
            fail_msg("%ld..%ld wrote '%s'", (long)a, (long)b, buf);
    }
}

static void test_fuzz_bytes(void **state)
{
    (void)state;
    /* Random bytes from a small alphabet that reaches every branch: never a
     * crash, always OK or EPERIOD, and OK only with canonical-looking text
     * that formats back to itself. */
    static const char alphabet[] = "0123456789-/Q0120\xe5\xb9\xb4 \xff";
    uint64_t s = 7;
    int ok = 0;
    for (int i = 0; i < 300000; i++) {
        char text[32];
        size_t len = next_random(&s) % 24;
        for (size_t k = 0; k < len; k++)
            text[k] = alphabet[next_random(&s) % (sizeof alphabet - 1)];
        goals_period p;
        int rc = goals__period_parse_n(&p, text, len);
        if (rc == GOALS_OK) {
            char buf[GOALS_PERIOD_TEXT_MAX];
            size_t n = goals_period_format(&p, buf, sizeof buf);
            assert_int_equal(n, len);
            assert_memory_equal(buf, text, len);
            ok++;
        } else {
            assert_int_equal(rc, GOALS_EPERIOD);
            assert_true(strncmp(goals_error_last()->message, "bad period '", 12) == 0);
        }
    }
    assert_true(ok > 100); /* the alphabet does reach valid periods */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_day_numbers),
        cmocka_unit_test(test_day_numbers_all),
        cmocka_unit_test(test_to_ymd_any),
        cmocka_unit_test(test_from_ymd_errors),
        cmocka_unit_test(test_date_parse),
        cmocka_unit_test(test_date_format),
        cmocka_unit_test(test_period_parse),
        cmocka_unit_test(test_period_parse_errors),
        cmocka_unit_test(test_period_parse_n),
        cmocka_unit_test(test_from_days),
        cmocka_unit_test(test_format_edges),
        cmocka_unit_test(test_compare),
        cmocka_unit_test(test_contains),
        cmocka_unit_test(test_round_trip_random),
        cmocka_unit_test(test_fuzz_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
