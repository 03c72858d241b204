/* util/number: locale-independent, exact decimal numbers. */
#define _GNU_SOURCE /* strtod_l: the reference the fast path is compared with */
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

/* Bit for bit: 0.0 == -0.0, so == cannot tell the zeros apart. */
static void assert_same_bits(const char *text, double got, double want)
{
    if (memcmp(&got, &want, sizeof got) != 0)
        fail_msg("'%s' read as %a (%.17g), expected %a (%.17g)", text, got, got, want, want);
}

/* The shapes the fast path (one IEEE multiplication or division) takes and
 * those next to its edges, which strtod takes. Expected values are C
 * literals, which the compiler rounds correctly. */
static void test_parse_fast_cases(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        double want;
    } cases[] = {
        /* Zeros keep the text's sign, whatever the exponent. */
        {"0", 0.0}, {"+0", 0.0}, {"-0", -0.0}, {"-0.00", -0.0}, {"-.0", -0.0}, {"0.", 0.0},
        {"-0.", -0.0}, {"00000", 0.0}, {"0e999", 0.0}, {"-0e-99999999999999999999", -0.0},
        {"-000.000e5", -0.0},
        /* The benchmark's values and the grammar's corners. */
        {"30.30", 30.30}, {"1255.07", 1255.07}, {"-0.50", -0.5}, {"000123.4500", 123.45},
        {"5.", 5.0}, {".5", 0.5}, {"-.5", -0.5}, {"1.5e3", 1500.0}, {"1E-5", 1e-5},
        {"+1.5", 1.5}, {"+.25E+1", 2.5}, {"1e0", 1.0}, {"1e+0022", 1e22}, {"0.1", 0.1},
        {"0.3", 0.3}, {"-3.77", -3.77}, {"0.000001", 1e-6}, {"123e-2", 1.23},
        {"0.0000000000000000000001", 1e-22},
        /* 15 digits and the exponent's limits: still one rounding. */
        {"123456789012345", 123456789012345.0}, {"123456789012345e-22", 123456789012345e-22},
        {"999999999999999e22", 999999999999999e22}, {"1e22", 1e22}, {"-1e-22", -1e-22},
        /* 10^23 is no double, but 10 * 10^22 rounds once: the extension. */
        {"1e23", 1e23}, {"3e37", 3e37}, {"-12e30", -12e30}, {"9007199254740992e22", 9007199254740992e22},
        /* Up to 2^53 the digits are exact. Ties to even, through the fast
         * path: 1801439850948199e1 = 2^54 + 6, halfway between 2^54 + 4 and
         * 2^54 + 8 (even mantissa); 1801439850948201e1 = 2^54 + 26,
         * halfway between 2^54 + 24 (even) and 2^54 + 28. */
        {"9007199254740992", 9007199254740992.0}, {"1801439850948199e1", 18014398509481992.0},
        {"1801439850948201e1", 18014398509482008.0}, {"-1801439850948199e1", -18014398509481992.0},
        /* Just outside: strtod, with the same ties to even. */
        {"9007199254740993", 9007199254740992.0}, {"9007199254740995", 9007199254740996.0},
        {"1e-23", 1e-23}, {"1234567890123456789", 1234567890123456789.0},
        {"12345678901234567890", 12345678901234567890.0}, {"9e38", 9e38},
        {"0.1000000000000000055511151231257827", 0.1}, {"1.00000000000000000000", 1.0},
        {"2.2250738585072014e-308", 2.2250738585072014e-308}, {"-4.9e-324", -4.9e-324},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_same_bits(cases[i].text, parse_ok(cases[i].text), cases[i].want);
    assert_true(signbit(parse_ok("-0")));
    assert_true(signbit(parse_ok("-0.00")));
    assert_false(signbit(parse_ok("0.00")));
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

static int under_valgrind(void)
{
    const char *pre = getenv("LD_PRELOAD");
    return pre && strstr(pre, "vgpreload") != NULL;
}

/* Writes into buf a random decimal of the grammar: a sign or none, 1 to 20
 * digits (leading and trailing zeros now and then), a '.' anywhere or none,
 * an exponent or none, mostly small, sometimes far out. Returns its length
 * and sets *classic when it has the fast path's textbook shape (at most 15
 * significant digits, w * 10^e with |e| <= 22, or zero), which the fast
 * path surely takes; the others mostly go to strtod. */
static size_t random_decimal(uint64_t *s, char *buf, int *classic)
{
    size_t n = 0;
    uint64_t r = next_random(s);
    if (r % 4 == 0)
        buf[n++] = '-';
    else if (r % 4 == 1)
        buf[n++] = '+';
    r /= 4;
    int count = 1 + (int)(r % 20);
    r /= 20;
    int zeros_before = r % 4 == 0 ? (int)(r / 4 % 4) : 0; /* beyond the count */
    r /= 16;
    int zeros_after = r % 4 == 0 ? 1 + (int)(r / 4 % 5) : 0; /* within the count */
    r /= 20;
    int total = zeros_before + count;
    int dot = (int)(r % (uint64_t)(total + 2)) - 1; /* -1: none; else after dot digits */
    r /= (uint64_t)(total + 2);

    int significant = 0, frac = 0;
    for (int k = 0; k < total; k++) {
        if (k == dot)
            buf[n++] = '.';
        char c = '0';
        if (k >= zeros_before && k < total - zeros_after)
            c = (char)('0' + next_random(s) % 10);
        buf[n++] = c;
        if (significant || c != '0')
            significant++;
        if (dot >= 0 && k >= dot)
            frac++;
    }
    if (dot == total)
        buf[n++] = '.';

    long e = -frac;
    if (r % 2 == 0) {
        r /= 2;
        buf[n++] = r % 2 ? 'e' : 'E';
        r /= 2;
        int sign = (int)(r % 3); /* none, '+', '-' */
        r /= 3;
        if (sign)
            buf[n++] = sign == 1 ? '+' : '-';
        long x = r % 4 ? (long)(r / 4 % 31) : (long)(r / 4 % 331);
        e += sign == 2 ? -x : x;
        n += (size_t)sprintf(buf + n, r % 16 == 3 ? "%03ld" : "%ld", x);
    }
    buf[n] = '\0';
    *classic = significant == 0 || (significant <= 15 && e >= -22 && e <= 22);
    return n;
}

/* A few million random decimals, the same ones every run: each must read
 * exactly as glibc's strtod reads it in the C locale, bit for bit, and
 * overflow where it overflows. Both the fast path and strtod must have
 * been given plenty to do. */
static void test_parse_random_vs_strtod(void **state)
{
    (void)state;
    locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    assert_non_null(c);
    const long total = under_valgrind() ? 100000 : 2000000;
    long classic_count = 0;
    uint64_t s = 0x2545F4914F6CDD1DULL;
    char buf[64];
    for (long i = 0; i < total; i++) {
        int classic;
        size_t n = random_decimal(&s, buf, &classic);
        classic_count += classic;
        char *end = NULL;
        double want = strtod_l(buf, &end, c);
        if (end != buf + n)
            fail_msg("the generator made '%s', which strtod does not read whole", buf);
        double got = 42;
        int rc = goals__parse_double(buf, n, &got);
        if (isinf(want)) {
            if (rc != GOALS_ERANGE || got != 42)
                fail_msg("'%s' overflows, but gave %d and %.17g", buf, rc, got);
        } else if (rc != GOALS_OK || memcmp(&got, &want, sizeof got) != 0) {
            fail_msg("'%s' read as %a (rc %d), strtod reads %a", buf, got, rc, want);
        }
    }
    freelocale(c);
    print_message("[ INFO     ] %ld random decimals, %ld of the fast path's textbook shape\n",
                  total, classic_count);
    assert_true(classic_count > total / 4);
    assert_true(total - classic_count > total / 4);
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
        cmocka_unit_test(test_parse_fast_cases),
        cmocka_unit_test(test_parse_random_vs_strtod),
        cmocka_unit_test(test_parse_long),
        cmocka_unit_test(test_parse_length),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_format_exact),
        cmocka_unit_test(test_round_trip_random),
        cmocka_unit_test(test_comma_locale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
