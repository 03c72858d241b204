/* util/number: locale-independent, exact decimal numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <float.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "goals/error.h"
#include "support.h"
#include "util/number.h"

static double parse_ok(const char *s)
{
    double v = -12345;
    int rc = goals__parse_double(s, strlen(s), &v);
    if (rc != GOALS_OK)
        fail_msg("'%s' did not parse (%d)", s, rc);
    return v;
}

static int parse_rc(const char *s)
{
    double v = 42;
    int rc = goals__parse_double(s, strlen(s), &v);
    assert_true(v == 42); /* untouched on failure (and only failures are asked here) */
    return rc;
}

static const char *fmt(double v)
{
    static char buf[GOALS__DOUBLE_MAX];
    size_t n = goals__format_double(v, buf);
    assert_int_equal(n, strlen(buf));
    assert_true(n < GOALS__DOUBLE_MAX);
    return buf;
}

static void test_parse_exact(void **state)
{
    (void)state;
    assert_true(parse_ok("0.1") == 0.1);
    assert_true(parse_ok("320") == 320.0);
    assert_true(parse_ok("3.77") == 3.77);
    assert_true(parse_ok("1e8") == 1e8);
    assert_true(parse_ok("1E+08") == 1e8);
    assert_true(parse_ok("1e-300") == 1e-300);
    assert_true(parse_ok("5e-324") == 5e-324);
    assert_true(parse_ok("5e-324") > 0);
    assert_true(parse_ok("1.7976931348623157e308") == DBL_MAX);
    assert_true(parse_ok("+1.5") == 1.5);
    assert_true(parse_ok(".5") == 0.5);
    assert_true(parse_ok("5.") == 5.0);
    assert_true(parse_ok("-33.5") == -33.5);
    assert_true(parse_ok("007") == 7.0);
    double z = parse_ok("-0");
    assert_true(z == 0 && signbit(z));
    z = parse_ok("0.0");
    assert_true(z == 0 && !signbit(z));
    /* Below the smallest subnormal: rounds to zero, as any correctly rounded reader does. */
    assert_true(parse_ok("1e-400") == 0);
    /* 2^-1075 exactly halfway between 0 and 5e-324 rounds to even (0); a hair above rounds up. */
    assert_true(parse_ok("2.4703282292062328e-324") == 5e-324);
}

static void test_parse_long(void **state)
{
    (void)state;
    /* Longer than the stack buffer: "0." then 300 zeros then "1" = 1e-301. */
    char text[400];
    strcpy(text, "0.");
    memset(text + 2, '0', 300);
    strcpy(text + 302, "1");
    assert_true(parse_ok(text) == 1e-301);
    /* 150 digits of 9 followed by ".5": 1e150 after rounding. */
    memset(text, '9', 150);
    strcpy(text + 150, ".5");
    assert_true(parse_ok(text) == 1e150);
}

static void test_parse_length(void **state)
{
    (void)state;
    double v = 0;
    /* Only s[0..len) is read: no NUL needed, trailing bytes ignored. */
    const char buf[] = {'1', '2', '.', '5', 'x', 'y'};
    assert_int_equal(goals__parse_double(buf, 4, &v), GOALS_OK);
    assert_true(v == 12.5);
    assert_int_equal(goals__parse_double("12345", 3, &v), GOALS_OK);
    assert_true(v == 123);
    assert_int_equal(goals__parse_double("1e5", 2, &v), GOALS_EPARSE); /* "1e" */
    assert_int_equal(goals__parse_double(NULL, 0, &v), GOALS_EPARSE);
    assert_int_equal(goals__parse_double("1\0" "2", 3, &v), GOALS_EPARSE);
}

static void test_parse_errors(void **state)
{
    (void)state;
    const char *bad[] = {"", ".", "-", "+", "e5", "1e", "1e+", "1e-", " 1", "1 ", "\t1", "0x10",
                         "nan", "NaN", "inf", "-inf", "infinity", "1,5", "--1", "+-1", "1.2.3",
                         "1e5.0", "١", "1_000", "1'000", "e", ".e1", "1ee5", "1e5e5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (parse_rc(bad[i]) != GOALS_EPARSE)
            fail_msg("'%s' should not parse", bad[i]);
    assert_int_equal(parse_rc("1e309"), GOALS_ERANGE);
    assert_int_equal(parse_rc("-1e309"), GOALS_ERANGE);
    assert_int_equal(parse_rc("1.8e308"), GOALS_ERANGE);
}

static void test_format_exact(void **state)
{
    (void)state;
    assert_string_equal(fmt(0.1), "0.1");
    assert_string_equal(fmt(1e8), "1e+08");
    assert_string_equal(fmt(320), "320");
    assert_string_equal(fmt(3.77), "3.77");
    assert_string_equal(fmt(1e-300), "1e-300");
    assert_string_equal(fmt(5e-324), "5e-324");
    assert_string_equal(fmt(DBL_MAX), "1.7976931348623157e+308");
    assert_string_equal(fmt(-0.0), "-0");
    assert_string_equal(fmt(0.0), "0");
    assert_string_equal(fmt(1), "1");
    assert_string_equal(fmt(-2.5), "-2.5");
    assert_string_equal(fmt(33.5), "33.5");
    assert_string_equal(fmt(100), "100");
    assert_string_equal(fmt(1000), "1000");
    assert_string_equal(fmt(10000), "10000");   /* tie with "1e+04": plain wins */
    assert_string_equal(fmt(100000), "1e+05");
    assert_string_equal(fmt(120000), "120000"); /* "1.2e+05" is longer */
    assert_string_equal(fmt(0.001), "0.001");   /* tie with "1e-03" */
    assert_string_equal(fmt(0.0001), "1e-04");
    assert_string_equal(fmt(0.00015), "0.00015");
    assert_string_equal(fmt(1.5e-7), "1.5e-07");
    assert_string_equal(fmt(123456789), "123456789");
    assert_string_equal(fmt(1.0 / 3), "0.3333333333333333");
    assert_string_equal(fmt(2.0 / 3), "0.6666666666666666");
    assert_string_equal(fmt(9007199254740992.0), "9007199254740992");
    assert_string_equal(fmt(1e21), "1e+21");
    assert_string_equal(fmt(1e100), "1e+100");
    assert_string_equal(fmt(-1e-100), "-1e-100");
    assert_string_equal(fmt(0.1 + 0.2), "0.30000000000000004");
    assert_string_equal(fmt(2.2250738585072014e-308), "2.2250738585072014e-308");
    assert_string_equal(fmt(NAN), "nan");
    assert_string_equal(fmt(INFINITY), "inf");
    assert_string_equal(fmt(-INFINITY), "-inf");
}

/* xorshift64*: a fixed sequence, so a failure reproduces. */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

static void round_trip(double v)
{
    char buf[GOALS__DOUBLE_MAX];
    size_t n = goals__format_double(v, buf);
    double back = 0;
    if (goals__parse_double(buf, n, &back) != GOALS_OK || memcmp(&back, &v, sizeof v) != 0)
        fail_msg("%.17g was written as '%s' and read back as %.17g", v, buf, back);
}

static void test_round_trip_random(void **state)
{
    (void)state;
    uint64_t s = 0x9E3779B97F4A7C15ULL;
    int done = 0;
    while (done < 100000) {
        uint64_t bits = next_random(&s);
        double v;
        memcpy(&v, &bits, sizeof v);
        if (!isfinite(v))
            continue;
        round_trip(v);
        /* One in ten also as a value of everyday size (random bits are
         * mostly huge or tiny), with few digits or many. */
        if (done % 10 == 0) {
            double u = (double)(bits >> 11) / 9007199254740992.0 * 1e6;
            round_trip(u);
            round_trip(round(u) / 100);
        }
        done++;
    }
    round_trip(5e-324);
    round_trip(-5e-324);
    round_trip(DBL_MAX);
    round_trip(-DBL_MAX);
    round_trip(-0.0);
}

/* Finds a locale whose decimal point is a comma: an installed one, or one
 * made with localedef into a temporary folder (LOCPATH). NULL if none. */
static const char *comma_locale(void)
{
    static const char *names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
                                  "de_DE", "ru_RU.UTF-8", NULL};
    for (int i = 0; names[i]; i++)
        if (setlocale(LC_NUMERIC, names[i]) && strcmp(localeconv()->decimal_point, ",") == 0)
            return names[i];
    const char *dir = test_tmpdir();
    char cmd[256];
    snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 >/dev/null 2>&1", dir);
    if (system(cmd) != 0)
        return NULL;
    setenv("LOCPATH", dir, 1);
    if (setlocale(LC_NUMERIC, "de_DE.UTF-8") && strcmp(localeconv()->decimal_point, ",") == 0)
        return "de_DE.UTF-8 (made with localedef)";
    unsetenv("LOCPATH");
    return NULL;
}

/* Each thread formats and reads back its own sequence; returns the
 * number of mismatches. */
static void *worker(void *arg)
{
    uint64_t s = (uint64_t)(uintptr_t)arg;
    uintptr_t bad = 0;
    for (int i = 0; i < 20000; i++) {
        double v = (double)(next_random(&s) >> 11) / 9007199254740992.0 * 1000;
        char buf[GOALS__DOUBLE_MAX];
        size_t n = goals__format_double(v, buf);
        double back = 0;
        if (memchr(buf, ',', n) || goals__parse_double(buf, n, &back) != GOALS_OK || back != v)
            bad++;
    }
    return (void *)bad;
}

static void test_comma_locale(void **state)
{
    (void)state;
    const char *name = comma_locale();
    if (!name) {
        setlocale(LC_NUMERIC, "C");
        print_message("[ SKIPPED  ] no locale with a decimal comma is installed and localedef "
                      "could not make one: the comma-locale assertions did not run\n");
        skip();
    }
    print_message("[ INFO     ] LC_NUMERIC=%s\n", name);
    /* The host's printf and strtod now use a comma: the test can tell. */
    char host[16];
    snprintf(host, sizeof host, "%.1f", 1.5);
    assert_string_equal(host, "1,5");
    assert_true(strtod("1.5", NULL) == 1.0);

    assert_true(parse_ok("1.5") == 1.5);
    assert_true(parse_ok("3.77") == 3.77);
    assert_true(parse_ok("0.1") == 0.1);
    assert_int_equal(parse_rc("1,5"), GOALS_EPARSE);
    assert_string_equal(fmt(1.5), "1.5");
    assert_string_equal(fmt(3.77), "3.77");
    assert_string_equal(fmt(0.1), "0.1");
    assert_string_equal(fmt(1.5e-7), "1.5e-07");
    uint64_t s = 12345;
    for (int i = 0; i < 1000; i++) {
        uint64_t bits = next_random(&s);
        round_trip((double)(bits >> 11) / 9007199254740992.0 * 1000);
    }
    /* Threads on the comma locale at once: each switch is per thread. */
    pthread_t th[4];
    for (uintptr_t i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, worker, (void *)(i + 1)), 0);
    for (int i = 0; i < 4; i++) {
        void *bad = NULL;
        assert_int_equal(pthread_join(th[i], &bad), 0);
        assert_int_equal((uintptr_t)bad, 0);
    }
    /* And the host's locale is as it was. */
    snprintf(host, sizeof host, "%.1f", 2.5);
    assert_string_equal(host, "2,5");
    setlocale(LC_NUMERIC, "C");
    unsetenv("LOCPATH");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_exact),
        cmocka_unit_test(test_parse_long),
        cmocka_unit_test(test_parse_length),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_format_exact),
        cmocka_unit_test(test_round_trip_random),
        cmocka_unit_test(test_comma_locale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
