/* Locale-independent decimal numbers. The grammar is checked by hand; the
 * conversion itself is left to strtod and snprintf (correctly rounded in
 * glibc), run under the "C" locale for the calling thread only (uselocale),
 * so a host that set LC_NUMERIC to a comma locale changes nothing, and no
 * other thread sees a locale switch. Short decimals such as "1255.07", the
 * bulk of any plan's observations, skip strtod: see fast_decimal. */
#include "number.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "goals/error.h"
#include "util/alloc.h"

/* The "C" locale object, made once and kept for the life of the process
 * (documented global state: read-only after pthread_once). */
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static locale_t c_locale = (locale_t)0;

static void make_c_locale(void)
{
    c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

static locale_t get_c_locale(void)
{
    pthread_once(&c_locale_once, make_c_locale);
    return c_locale;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Whether s[0..len) is: sign? (digits ('.' digits?)? | '.' digits) exponent? */
static int valid_decimal(const char *s, size_t len)
{
    size_t i = 0, int_digits = 0, frac_digits = 0;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        i++;
    while (i < len && is_digit(s[i]))
        i++, int_digits++;
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && is_digit(s[i]))
            i++, frac_digits++;
    }
    if (int_digits + frac_digits == 0)
        return 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        size_t exp_digits = 0;
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        while (i < len && is_digit(s[i]))
            i++, exp_digits++;
        if (exp_digits == 0)
            return 0;
    }
    return i == len;
}

/* The fast path (Clinger's, 1990). A decimal is w * 10^e with w the
 * integer of its digits. When w <= 2^53 it is a double exactly, and so is
 * 10^k for 0 <= k <= 22 (5^22 < 2^53); IEEE 754 rounds the product or
 * quotient of two exact doubles correctly, so one multiplication (e >= 0)
 * or division (e < 0) gives the correctly rounded value: bit for bit what
 * strtod gives, ties to even included. For e > 22, w * 10^(e - 22) may
 * still be an integer <= 2^53, which is exact, and then one multiplication
 * by 10^22 rounds once as well ("1e30"). Results stay between 1e-22 and
 * 2^53 * 1e22, so neither overflow nor subnormals (a second rounding) can
 * occur. Rounding mode: libgoals runs in IEEE's default round-to-nearest
 * (ties to even) and never changes it; that is what the tests check. (The
 * sign is put on w before the one rounding operation, so a caller's
 * directed mode would round the way glibc's strtod does too.)
 * This needs double arithmetic done in double: FLT_EVAL_METHOD 0 (x86-64
 * SSE2, AArch64), not x87's extended registers (a double rounding), and no
 * -ffast-math (which may turn x / 10^k into x * 10^-k). Elsewhere every
 * number goes through strtod. */
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0 && !defined(__FAST_MATH__)
#define FAST_PATH 1
#else
#define FAST_PATH 0
#endif

#if FAST_PATH
/* Every integer up to 2^53 is a double; 2^53 + 1 is not. */
#define EXACT_INT_MAX (UINT64_C(1) << 53)

/* 10^0 .. 10^22: each one a double exactly. */
static const double exact_pow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* Converts s[0..len), which valid_decimal accepted, when the fast path
 * applies: returns 1 with *out set, or 0 to leave it to strtod. */
static int fast_decimal(const char *s, size_t len, double *out)
{
    size_t i = 0;
    int negative = 0;
    if (s[i] == '+' || s[i] == '-')
        negative = s[i++] == '-';

    /* w: the digits without leading zeros, at most 19 (< 2^64); the value
     * is w * 10^(exponent - frac), frac the number of digits after '.'. */
    uint64_t w = 0;
    int digits = 0;
    long long frac = 0;
    int in_fraction = 0;
    for (; i < len; i++) {
        char c = s[i];
        if (c == '.') {
            in_fraction = 1;
            continue;
        }
        if (!is_digit(c))
            break;
        frac += in_fraction;
        if (digits == 0 && c == '0')
            continue;
        if (digits == 19)
            return 0;
        w = w * 10 + (uint64_t)(c - '0');
        digits++;
    }

    /* The exponent, saturated: beyond 10^5 it is out of range anyway. */
    long long exponent = 0;
    if (i < len) { /* 'e' or 'E' */
        int exponent_negative = 0;
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            exponent_negative = s[i++] == '-';
        for (; i < len; i++)
            if (exponent < 100000)
                exponent = exponent * 10 + (s[i] - '0');
        if (exponent_negative)
            exponent = -exponent;
    }

    if (w == 0) { /* "0", "-0.00", "0e999": zero of the text's sign */
        *out = negative ? -0.0 : 0.0;
        return 1;
    }
    if (w > EXACT_INT_MAX)
        return 0;
    long long e = exponent - frac;
    if (e < -22)
        return 0;
    for (; e > 22; e--) {
        if (w > EXACT_INT_MAX / 10)
            return 0;
        w *= 10;
    }
    double v = (double)(int64_t)w; /* exact: w <= 2^53 */
    if (negative)
        v = -v;
    *out = e < 0 ? v / exact_pow10[-e] : v * exact_pow10[e];
    return 1;
}
#endif

/* Fallback when no "C" locale object could be made (out of memory at the
 * first call): rewrite '.' into the current locale's decimal point. Not
 * thread-safe with respect to setlocale(), but only reached in that case. */
static double strtod_current_locale(char *buf)
{
    const char *point = localeconv()->decimal_point;
    char *dot = strchr(buf, '.');
    if (dot && point && point[0] && !point[1])
        *dot = point[0];
    return strtod(buf, NULL);
}

int goals__parse_double(const char *s, size_t len, double *out)
{
    if (!s || !valid_decimal(s, len))
        return GOALS_EPARSE;
#if FAST_PATH
    if (fast_decimal(s, len, out))
        return GOALS_OK;
#endif

    /* strtod needs a NUL-terminated copy; most numbers fit on the stack. */
    char small[128];
    char *buf = small;
    if (len >= sizeof small) {
        buf = goals__malloc(len + 1);
        if (!buf)
            return GOALS_ENOMEM;
    }
    memcpy(buf, s, len);
    buf[len] = '\0';

    double v;
    locale_t c = get_c_locale();
    if (c) {
        locale_t old = uselocale(c);
        v = strtod(buf, NULL);
        uselocale(old);
    } else {
        v = strtod_current_locale(buf);
    }
    if (buf != small)
        goals__free(buf);

    /* Underflow rounds to a subnormal or zero, which is the nearest double:
     * accepted. Overflow to infinity is not. */
    if (isinf(v))
        return GOALS_ERANGE;
    *out = v;
    return GOALS_OK;
}

/* Writes into e the fewest significant digits of v that read back exactly
 * (17 always do), as printf's "%.*e" text, under the C locale: one locale
 * switch for the whole search. */
static void shortest_e(char *e, size_t size, double v)
{
    locale_t c = get_c_locale();
    int precision;
    if (c) {
        locale_t old = uselocale(c);
        for (precision = 0; precision < 16; precision++) {
            snprintf(e, size, "%.*e", precision, v);
            if (strtod(e, NULL) == v)
                break;
        }
        if (precision == 16)
            snprintf(e, size, "%.16e", v);
        uselocale(old);
        return;
    }
    /* Fallback (see strtod_current_locale): write and read in the current
     * locale, which agree, then turn its decimal point into '.'. */
    for (precision = 0; precision < 16; precision++) {
        snprintf(e, size, "%.*e", precision, v);
        if (strtod(e, NULL) == v)
            break;
    }
    if (precision == 16)
        snprintf(e, size, "%.16e", v);
    const char *point = localeconv()->decimal_point;
    size_t plen = point ? strlen(point) : 0;
    char *p = plen ? strstr(e, point) : NULL;
    if (p && !(plen == 1 && *p == '.')) {
        *p = '.';
        memmove(p + 1, p + plen, strlen(p + plen) + 1);
    }
}

/* Lays out the significant digits (no point, no trailing zeros except for
 * a lone "0") with decimal exponent exp (value = d.ddd × 10^exp) in plain
 * notation. */
static size_t layout_plain(char *buf, int negative, const char *digits, int exp)
{
    size_t n = 0, nd = strlen(digits);
    if (negative)
        buf[n++] = '-';
    if (exp < 0) {
        buf[n++] = '0';
        buf[n++] = '.';
        for (int i = -1; i > exp; i--)
            buf[n++] = '0';
        memcpy(buf + n, digits, nd);
        n += nd;
    } else if ((size_t)exp + 1 >= nd) {
        memcpy(buf + n, digits, nd);
        n += nd;
        for (size_t i = nd; i < (size_t)exp + 1; i++)
            buf[n++] = '0';
    } else {
        memcpy(buf + n, digits, (size_t)exp + 1);
        n += (size_t)exp + 1;
        buf[n++] = '.';
        memcpy(buf + n, digits + exp + 1, nd - (size_t)exp - 1);
        n += nd - (size_t)exp - 1;
    }
    buf[n] = '\0';
    return n;
}

/* The same in exponent notation, printf's way: d[.ddd]e±XX (two digits at least). */
static size_t layout_exp(char *buf, int negative, const char *digits, int exp)
{
    size_t nd = strlen(digits);
    size_t n = 0;
    if (negative)
        buf[n++] = '-';
    buf[n++] = digits[0];
    if (nd > 1) {
        buf[n++] = '.';
        memcpy(buf + n, digits + 1, nd - 1);
        n += nd - 1;
    }
    buf[n++] = 'e';
    buf[n++] = exp < 0 ? '-' : '+';
    int a = exp < 0 ? -exp : exp;
    char rev[8];
    int k = 0;
    do {
        rev[k++] = (char)('0' + a % 10);
        a /= 10;
    } while (a);
    if (k < 2)
        rev[k++] = '0';
    while (k)
        buf[n++] = rev[--k];
    buf[n] = '\0';
    return n;
}

size_t goals__format_double(double v, char *buf)
{
    if (isnan(v)) {
        memcpy(buf, "nan", 4);
        return 3;
    }
    if (isinf(v)) {
        memcpy(buf, v < 0 ? "-inf" : "inf", v < 0 ? 5 : 4);
        return v < 0 ? 4 : 3;
    }
    char e[48];
    shortest_e(e, sizeof e, v);

    /* e is "-d.ddde±XX": split it into sign, digits and exponent. */
    const char *p = e;
    int negative = *p == '-';
    if (negative)
        p++;
    char digits[24];
    size_t nd = 0;
    for (; *p && *p != 'e'; p++)
        if (*p != '.')
            digits[nd++] = *p;
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    digits[nd] = '\0';
    int exp = *p == 'e' ? atoi(p + 1) : 0;

    /* Both layouts; the shorter wins, plain on a tie. */
    char plain[64]; /* |exp| < 25: at most 1 + 2 + 24 + 17 characters */
    char expo[GOALS__DOUBLE_MAX];
    size_t np = (exp > -25 && exp < 25) ? layout_plain(plain, negative, digits, exp) : (size_t)-1;
    size_t ne = layout_exp(expo, negative, digits, exp);
    if (np <= ne) {
        memcpy(buf, plain, np + 1);
        return np;
    }
    memcpy(buf, expo, ne + 1);
    return ne;
}
