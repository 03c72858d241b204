/* Units: the grammar, the table, canonical text, factors and messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "goals/error.h"
#include "goals/unit.h"
#include "support.h"
#include "units/unit_internal.h"
#include "units/unit_table.h"

static const char *canon(const char *unit)
{
    static char buf[256];
    size_t len = 0;
    if (goals_unit_canonical(unit, buf, sizeof buf, &len) != GOALS_OK)
        fail_msg("'%s': %s", unit, goals_error_last()->message);
    assert_int_equal(len, strlen(buf));
    return buf;
}

static void test_canonical(void **state)
{
    (void)state;
    static const char *cases[][2] = {
        /* dimensionless */
        {"", "1"}, {"1", "1"}, {"count", "1"}, {"Count", "1"}, {"个", "1"}, {"项", "1"},
        {"件", "1"}, {"家", "1"}, {"人", "1"}, {"persons", "1"}, {"pieces", "1"},
        {"places", "1"}, {"number", "1"}, {"no.", "1"}, {"人次", "1"}, {"万人", "1e4"},
        {"万户", "1e4"}, {"1000", "1e3"}, {"万", "1e4"}, {"千万", "1e7"}, {"thousand", "1e3"},
        /* currencies */
        {"CNY", "CNY"}, {"元", "CNY"}, {"人民币", "CNY"}, {"yuan", "CNY"}, {"Yuan", "CNY"},
        {"RMB", "CNY"}, {"USD", "USD"}, {"美元", "USD"}, {"欧元", "EUR"}, {"英镑", "GBP"},
        {"EUR", "EUR"}, {"GBP", "GBP"}, {"XAU", "XAU"}, {"日元", "JPY"},
        /* Chinese multipliers and their combinations */
        {"十元", "10 CNY"}, {"百元", "100 CNY"}, {"千元", "1e3 CNY"}, {"万元", "1e4 CNY"},
        {"十万元", "1e5 CNY"}, {"百万元", "1e6 CNY"}, {"千万元", "1e7 CNY"}, {"亿元", "1e8 CNY"},
        {"十亿元", "1e9 CNY"}, {"百亿元", "1e10 CNY"}, {"千亿元", "1e11 CNY"},
        {"万亿元", "1e12 CNY"}, {"亿美元", "1e8 USD"}, {"万亿美元", "1e12 USD"},
        /* numbers and English words */
        {"100 million t", "1e8 t"}, {"1e4 CNY", "1e4 CNY"}, {"1e4CNY", "1e4 CNY"},
        {"100t", "100 t"}, {"0.5 t", "0.5 t"}, {"billion yuan", "1e9 CNY"},
        {"100 million yuan", "1e8 CNY"}, {"1.5 thousand USD", "1500 USD"},
        {"trillion USD", "1e12 USD"}, {"Million EUR", "1e6 EUR"}, {"hundred t", "100 t"},
        {"2.5e-3 t", "0.0025 t"}, {"1E+4 CNY", "1e4 CNY"}, {"10 万元", "1e5 CNY"},
        /* percent */
        {"%", "percent"}, {"percent", "percent"}, {"百分点", "percent"}, {"个百分点", "percent"},
        {"pp", "percent"}, {"‰", "0.1 percent"}, {"％", "percent"}, {"permille", "0.1 percent"},
        /* area, mass, length, volume, energy, time */
        {"亩", "mu"}, {"mu", "mu"}, {"ha", "15 mu"}, {"公顷", "15 mu"}, {"hectares", "15 mu"},
        {"km2", "1500 mu"}, {"平方公里", "1500 mu"}, {"m2", "0.0015 mu"}, {"平方米", "0.0015 mu"},
        {"万亩", "1e4 mu"}, {"t", "t"}, {"吨", "t"}, {"万吨", "1e4 t"}, {"kg", "1e-3 t"},
        {"公斤", "1e-3 t"}, {"千克", "1e-3 t"}, {"km", "km"}, {"公里", "km"}, {"米", "1e-3 km"},
        {"m3", "m3"}, {"万立方米", "1e4 m3"}, {"tce", "tce"}, {"吨标准煤", "tce"},
        {"万吨标准煤", "1e4 tce"}, {"kWh", "kWh"}, {"亿千瓦时", "1e8 kWh"}, {"year", "year"},
        {"years", "year"}, {"年", "year"}, {"岁", "year"}, {"day", "day"}, {"days", "day"},
        {"天", "day"}, {"个月", "month"},
        /* products and quotients */
        {"万元/亩", "1e4 CNY/mu"}, {"元 / 亩", "CNY/mu"}, {"元/人", "CNY"}, {"万元/人", "1e4 CNY"},
        {"t/万元", "1e-4 t/CNY"}, {"吨标准煤/万元", "1e-4 tce/CNY"}, {"CNY*t", "CNY*t"},
        {"t*CNY", "CNY*t"}, {"CNY·t", "CNY*t"}, {"t*t", "t*t"}, {"CNY/CNY", "1"},
        {"CNY/t/t", "CNY/t/t"}, {"1/亩", "1/mu"}, {"万/亩", "1e4/mu"}, {"元/年", "CNY/year"},
        {"kg/m2", "0.6666666666666666 t/mu"}, {"亿元/km2", "66666.66666666667 CNY/mu"},
        {"USD/CNY", "USD/CNY"}, {"CNY/mu*t", "CNY*t/mu"}, {"KES", "KES"}, {"1/t/t", "1/t/t"}, {"1.5e5 t", "1.5e5 t"}, {"120000 t", "1.2e5 t"},
        {"123456 t", "123456 t"}, {"0.00015 t", "1.5e-4 t"}, {"1e-300 t", "1e-300 t"},
        {"1e300 t", "1e300 t"}, {"0.1 t", "0.1 t"}, {"12.5 t", "12.5 t"}, {"1e21 t", "1e21 t"},
        {"5 t", "5 t"}, {"10 t", "10 t"}, {"百 t", "100 t"}, {"1234.5 t", "1234.5 t"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = canon(cases[i][0]);
        if (strcmp(got, cases[i][1]) != 0)
            fail_msg("'%s' is '%s', expected '%s'", cases[i][0], got, cases[i][1]);
        /* The canonical text is itself a unit with the same meaning. */
        goals__unit a, b;
        assert_int_equal(goals__unit_parse(&a, cases[i][0]), GOALS_OK);
        assert_int_equal(goals__unit_parse(&b, got), GOALS_OK);
        assert_true(a.factor == b.factor);
        assert_true(goals__unit_compatible(&a, &b));
    }
    assert_string_equal(canon(NULL), "1");
}

static void test_parsed(void **state)
{
    (void)state;
    goals__unit u;
    assert_int_equal(goals__unit_parse(&u, "万元/亩"), GOALS_OK);
    assert_true(u.factor == 1e4);
    assert_int_equal(u.n, 2);
    assert_string_equal(u.base[0].name, "CNY");
    assert_int_equal(u.base[0].exponent, 1);
    assert_string_equal(u.base[1].name, "mu");
    assert_int_equal(u.base[1].exponent, -1);

    assert_int_equal(goals__unit_parse(&u, "t*t/CNY/t"), GOALS_OK);
    assert_int_equal(u.n, 2);
    assert_string_equal(u.base[0].name, "CNY");
    assert_int_equal(u.base[0].exponent, -1);
    assert_string_equal(u.base[1].name, "t");
    assert_int_equal(u.base[1].exponent, 1);

    assert_int_equal(goals__unit_parse(&u, NULL), GOALS_OK);
    assert_true(u.factor == 1);
    assert_int_equal(u.n, 0);
    assert_int_equal(goals__unit_parse(&u, "‰"), GOALS_OK);
    assert_true(u.factor == 0.1);

    /* Four different bases are allowed. */
    assert_int_equal(goals__unit_parse(&u, "CNY*USD/EUR/GBP"), GOALS_OK);
    assert_int_equal(u.n, 4);
    assert_string_equal(u.base[0].name, "CNY");
    assert_string_equal(u.base[3].name, "USD");
}

/* Every name in the table parses, alone and after 万, and its canonical
 * text means the same unit. */
static void test_table(void **state)
{
    (void)state;
    size_t n = 0;
    const goals__unit_name *names = goals__unit_names(&n);
    assert_true(n > 50);
    for (size_t i = 0; i < n; i++) {
        goals__unit a, b;
        char text[64], c[128];
        if (goals__unit_parse(&a, names[i].text) != GOALS_OK)
            fail_msg("'%s': %s", names[i].text, goals_error_last()->message);
        assert_true(a.factor == names[i].factor);
        if (names[i].base) {
            assert_int_equal(a.n, 1);
            assert_string_equal(a.base[0].name, names[i].base);
            assert_true(strlen(names[i].base) < GOALS__UNIT_NAME_MAX);
        } else {
            assert_int_equal(a.n, 0);
        }
        assert_int_equal(goals_unit_canonical(names[i].text, c, sizeof c, NULL), GOALS_OK);
        assert_int_equal(goals__unit_parse(&b, c), GOALS_OK);
        assert_true(a.factor == b.factor && goals__unit_compatible(&a, &b));
        snprintf(text, sizeof text, "万%s", names[i].text);
        assert_int_equal(goals__unit_parse(&b, text), GOALS_OK);
        assert_true(b.factor == 1e4 * names[i].factor);
        /* Every base name is itself a name with factor 1 (or a currency code). */
        if (names[i].base) {
            assert_int_equal(goals__unit_parse(&b, names[i].base), GOALS_OK);
            assert_true(b.factor == 1);
        }
    }
}

static double factor(const char *from, const char *to)
{
    double f = -1;
    if (goals_unit_factor(&f, from, to) != GOALS_OK)
        fail_msg("'%s' -> '%s': %s", from, to, goals_error_last()->message);
    return f;
}

static void test_factor(void **state)
{
    (void)state;
    assert_true(factor("亿元", "万元") == 1e4);
    assert_true(factor("万元", "亿元") == 1e-4);
    assert_true(factor("元", "亿元") == 1e-8);
    assert_true(factor("亿元", "CNY") == 1e8);
    assert_true(factor("100 million yuan", "亿元") == 1);
    assert_true(factor("billion yuan", "亿元") == 10);
    assert_true(factor("万亿元", "亿元") == 1e4);
    assert_true(factor("亩", "公顷") == 1.0 / 15);
    assert_true(factor("公顷", "亩") == 15);
    assert_true(factor("km2", "ha") == 100);
    assert_true(factor("m2", "ha") == 1e-4);
    assert_true(factor("%", "‰") == 10);
    assert_true(factor("‰", "%") == 0.1);
    assert_true(factor("百分点", "%") == 1);
    assert_true(factor("万元/亩", "元/亩") == 1e4);
    assert_true(factor("万元/亩", "元/公顷") == 150000);
    assert_true(factor("kg", "t") == 0.001);
    assert_true(factor("t", "kg") == 1000);
    assert_true(factor("万吨", "吨") == 1e4);
    assert_true(factor("个", "count") == 1);
    assert_true(factor("万人", "人") == 1e4);
    assert_true(factor("", "1") == 1);
    assert_true(factor(NULL, "count") == 1);
    assert_true(factor("吨标准煤/万元", "tce/CNY") == 1e-4);

    double out = 0;
    assert_int_equal(goals_unit_convert(&out, 320, "亿元", "元"), GOALS_OK);
    assert_true(out == 3.2e10);
    assert_int_equal(goals_unit_convert(&out, 30, "万元/亩", "元/亩"), GOALS_OK);
    assert_true(out == 300000);
    assert_int_equal(goals_unit_convert(&out, 30, "万元/亩", "元/公顷"), GOALS_OK); /* docs/units.md */
    assert_true(out == 4.5e6);
    assert_int_equal(goals_unit_convert(&out, 3, "%", "‰"), GOALS_OK);
    assert_true(out == 30);
}

static void expect_error(int rc, int code, const char *message)
{
    assert_int_equal(rc, code);
    assert_int_equal(goals_error_last()->code, code);
    assert_string_equal(goals_error_last()->message, message);
}

static void test_factor_errors(void **state)
{
    (void)state;
    double f = 42;
    expect_error(goals_unit_factor(&f, "万元", "吨"), GOALS_EUNIT, "units '万元' (CNY) and '吨' (t) do not convert");
    expect_error(goals_unit_factor(&f, "%", "count"), GOALS_EUNIT, "units '%' (percent) and 'count' (1) do not convert");
    expect_error(goals_unit_factor(&f, "万元/亩", "万元"), GOALS_EUNIT,
                 "units '万元/亩' (CNY/mu) and '万元' (CNY) do not convert");
    expect_error(goals_unit_factor(&f, "CNY", "USD"), GOALS_EUNIT, "units 'CNY' (CNY) and 'USD' (USD) do not convert");
    expect_error(goals_unit_factor(&f, "year", "day"), GOALS_EUNIT, "units 'year' (year) and 'day' (day) do not convert");
    expect_error(goals_unit_factor(&f, NULL, "t"), GOALS_EUNIT, "units '' (1) and 't' (t) do not convert");
    expect_error(goals_unit_factor(&f, "t*t", "1/t"), GOALS_EUNIT, "units 't*t' (t*t) and '1/t' (1/t) do not convert");
    expect_error(goals_unit_factor(&f, "元", "英亩"), GOALS_EUNIT, "unknown unit '英亩'");
    expect_error(goals_unit_factor(&f, "foo", "t"), GOALS_EUNIT, "unknown unit 'foo'");
    expect_error(goals_unit_factor(NULL, "t", "t"), GOALS_EINVAL, "goals_unit_factor: factor is NULL");
    assert_true(f == 42);
    /* The ratio of two valid units may overflow. */
    expect_error(goals_unit_factor(&f, "1e300 t", "1e-300 t"), GOALS_ERANGE,
                 "the factor from unit '1e300 t' to '1e-300 t' is out of range");
    assert_true(f == 42);

    double out = 7;
    expect_error(goals_unit_convert(&out, 1e305, "亿元", "元"), GOALS_ERANGE,
                 "value out of range after converting to unit '元'");
    expect_error(goals_unit_convert(&out, 1, "亿元", "吨"), GOALS_EUNIT, "units '亿元' (CNY) and '吨' (t) do not convert");
    expect_error(goals_unit_convert(NULL, 1, "t", "t"), GOALS_EINVAL, "goals_unit_convert: out is NULL");
    assert_true(out == 7);
    /* A NaN stays NaN: not an error of units. */
    assert_int_equal(goals_unit_convert(&out, NAN, "t", "kg"), GOALS_OK);
    assert_true(isnan(out));
}

static void test_parse_errors(void **state)
{
    (void)state;
    static const char *cases[][2] = {
        {"foo", "unknown unit 'foo'"},
        {"万元/英亩", "unknown unit '英亩' in '万元/英亩'"},
        {"英亩", "unknown unit '英亩'"},
        {"Cny", "unknown unit 'Cny'"},
        {"cny", "unknown unit 'cny'"},
        {"CNYX", "unknown unit 'CNYX'"},
        {"T", "unknown unit 'T'"},
        {"thousandt", "unknown unit 'thousandt'"},
        {"million thousandt", "unknown unit 'thousandt' in 'million thousandt'"},
        {"1 e4 CNY", "unknown unit 'e4' in '1 e4 CNY'"},
        {"1.5.5 t", "unknown unit '.5' in '1.5.5 t'"},
        {"$", "unknown unit '$'"},
        {"元\n", "unknown unit '\\x0a' in '元\\x0a'"},
        {"元USD", "bad unit '元USD': expected '/', '*' or the end after '元'"},
        {"CNY USD", "bad unit 'CNY USD': expected '/', '*' or the end after 'CNY'"},
        {"t ABCD", "unknown unit 'ABCD' in 't ABCD'"},
        {"\n", "unknown unit '\\x0a'"},
        {"\t元", "unknown unit '\\x09元'"},
        {"\xe4\xba", "unknown unit '\\xe4\\xba'"},
        /* Quoting: valid UTF-8 (4-byte too) is kept, overlong forms and
         * surrogates are escaped byte by byte. */
        {"\xf0\x9f\x98\x80", "unknown unit '\xf0\x9f\x98\x80'"},
        {"\xc0\xaf", "unknown unit '\\xc0\\xaf'"},
        {"\xed\xa0\x80", "unknown unit '\\xed\\xa0\\x80'"},
        {"\xf4\x90\x80\x80", "unknown unit '\\xf4\\x90\\x80\\x80'"},
        {"\x7f", "unknown unit '\\x7f'"},
        {"万元每亩", "unknown unit '每亩' in '万元每亩'"},
        {"元/", "bad unit '元/': missing unit after '/'"},
        {"/亩", "bad unit '/亩': missing unit before '/'"},
        {"元//亩", "bad unit '元//亩': missing unit after '/'"},
        {"元*", "bad unit '元*': missing unit after '*'"},
        {"元 · ", "bad unit '元 · ': missing unit after '·'"},
        {" ", "bad unit ' ': no unit"},
        {"CNY t", "bad unit 'CNY t': expected '/', '*' or the end after 'CNY'"},
        {"元万", "bad unit '元万': expected '/', '*' or the end after '元'"},
        {"t 100", "bad unit 't 100': expected '/', '*' or the end after 't'"},
        {"万100元", "bad unit '万100元': number '100' must come first in its term"},
        {"million 1e4 t", "bad unit 'million 1e4 t': number '1e4' must come first in its term"},
        {"0 t", "bad unit '0 t': multiplier '0' must be greater than 0"},
        {"0.0e5", "bad unit '0.0e5': multiplier '0.0e5' must be greater than 0"},
        {"1e999 t", "bad unit '1e999 t': multiplier '1e999' is out of range"},
        {"1e300 亿亿亿", "bad unit '1e300 亿亿亿': multiplier is out of range"},
        {"1e-300/1e300", "bad unit '1e-300/1e300': multiplier is out of range"},
        {"5e-324 kg", "bad unit '5e-324 kg': multiplier is out of range"},
        {"CNY*USD*EUR*GBP*JPY", "bad unit 'CNY*USD*EUR*GBP*JPY': more than 4 different base units"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        goals__unit u = {.factor = 99};
        int rc = goals__unit_parse(&u, cases[i][0]);
        if (rc != GOALS_EUNIT)
            fail_msg("'%s' gave %d", cases[i][0], rc);
        assert_string_equal(goals_error_last()->message, cases[i][1]);
        assert_true(u.factor == 99);
        /* The public check says the same. */
        expect_error(goals_unit_check(cases[i][0]), GOALS_EUNIT, cases[i][1]);
    }
    /* Too long: refused before any work, the quote is cut. */
    char big[300];
    memset(big, 't', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    char expected[256];
    snprintf(expected, sizeof expected, "bad unit '%.124s...': longer than 256 bytes", big);
    expect_error(goals_unit_check(big), GOALS_EUNIT, expected);
    big[256] = '\0'; /* exactly the limit: read, and cut only in the message */
    snprintf(expected, sizeof expected, "unknown unit '%.124s...'", big);
    expect_error(goals_unit_check(big), GOALS_EUNIT, expected);
    assert_int_equal(goals_unit_check(NULL), GOALS_OK);
    assert_int_equal(goals_unit_check(""), GOALS_OK);
    assert_int_equal(goals_unit_check("万元/亩"), GOALS_OK);
    expect_error(goals__unit_parse(NULL, "t"), GOALS_EINVAL, "goals__unit_parse: out is NULL");
}

static void test_canonical_buffer(void **state)
{
    (void)state;
    char buf[8];
    size_t len = 0;
    memset(buf, '#', sizeof buf);
    assert_int_equal(goals_unit_canonical("亿元", buf, 4, &len), GOALS_OK);
    assert_string_equal(buf, "1e8");
    assert_int_equal(len, 7);
    assert_int_equal(goals_unit_canonical("亿元", NULL, 0, &len), GOALS_OK);
    assert_int_equal(len, 7);
    assert_int_equal(goals_unit_canonical("亿元", buf, sizeof buf, NULL), GOALS_OK);
    assert_string_equal(buf, "1e8 CNY");
    len = 123;
    expect_error(goals_unit_canonical("foo", buf, sizeof buf, &len), GOALS_EUNIT, "unknown unit 'foo'");
    assert_string_equal(buf, "");
    assert_int_equal(len, 123);
    /* Exponents beyond one are written out in full. */
    static char big[512];
    strcpy(big, "t");
    for (int i = 0; i < 40; i++)
        strcat(big, "*t");
    assert_int_equal(goals_unit_canonical(big, buf, sizeof buf, &len), GOALS_OK);
    assert_int_equal(len, 81);
    assert_string_equal(buf, "t*t*t*t");
}

/* xorshift64*: a fixed sequence, so a failure reproduces. */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

/* Parses text; on success its canonical form must mean the same unit. */
static int check_any(const char *text)
{
    goals__unit a, b;
    int rc = goals__unit_parse(&a, text);
    if (rc != GOALS_OK) {
        assert_int_equal(rc, GOALS_EUNIT);
        const char *m = goals_error_last()->message;
        assert_true(strncmp(m, "bad unit '", 10) == 0 || strncmp(m, "unknown unit '", 14) == 0);
        return 0;
    }
    assert_true(isfinite(a.factor) && a.factor > 0);
    assert_true(a.n <= GOALS__UNIT_MAX_BASES);
    char c[1024];
    size_t len;
    assert_int_equal(goals_unit_canonical(text, c, sizeof c, &len), GOALS_OK);
    assert_true(len < sizeof c);
    if (goals__unit_parse(&b, c) != GOALS_OK)
        fail_msg("'%s' -> '%s': %s", text, c, goals_error_last()->message);
    if (!(a.factor == b.factor && goals__unit_compatible(&a, &b)))
        fail_msg("'%s' -> '%s' changed meaning", text, c);
    return 1;
}

static void test_fuzz(void **state)
{
    (void)state;
    /* Pieces that reach every rule, glued at random; then raw bytes. */
    static const char *pieces[] = {"万", "亿", "元", "亩", "/", "*", "·", " ", "1", "0", "e", "5",
                                   ".", "-", "+", "t", "CNY", "%", "‰", "million", "kg", "USD",
                                   "\xe4", "\xff", "个", "百分点", "km2", "EUR", "GBP", "JPY"};
    const size_t np = sizeof pieces / sizeof pieces[0];
    uint64_t s = 99;
    int ok = 0;
    char text[GOALS__UNIT_TEXT_MAX + 40];
    for (int i = 0; i < 200000; i++) {
        size_t n = 0, count = next_random(&s) % 8;
        text[0] = '\0';
        for (size_t k = 0; k < count; k++) {
            const char *p = pieces[next_random(&s) % np];
            size_t pl = strlen(p);
            memcpy(text + n, p, pl + 1);
            n += pl;
        }
        ok += check_any(text);
    }
    assert_true(ok > 1000);
    for (int i = 0; i < 100000; i++) {
        size_t n = next_random(&s) % (GOALS__UNIT_TEXT_MAX + 20);
        for (size_t k = 0; k < n; k++) {
            char c = (char)(next_random(&s) & 0xFF);
            text[k] = c ? c : 'x';
        }
        text[n] = '\0';
        check_any(text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canonical),
        cmocka_unit_test(test_parsed),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_factor),
        cmocka_unit_test(test_factor_errors),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_canonical_buffer),
        cmocka_unit_test(test_fuzz),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
