/* Numbers as publishers write them in StratML and IATI values: "50,000",
 * "£3,500,000", "US$ 12", "45%", " 6.82 ". What is read here is exact (the
 * locale-free parser of util/number.h does the digits); what is not
 * certainly a number is text, which the readers keep and warn about. */
#include <string.h>

#include "import.h"
#include "util/number.h"

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Words that mean "no value here", compared without case, brackets and
 * trailing dots: "N/A", "[To be determined]", "TBD", "...". */
int goals__imp_placeholder(const char *s)
{
    static const char *const words[] = {"n/a", "na", "n.a", "nil", "none", "null", "tbd", "tbc", "to be determined",
                                        "to be confirmed", "to be named", "to be identified", "not applicable",
                                        "not available", "unknown", "unspecified", "", NULL};
    char buf[64];
    size_t k = 0;
    while (is_space((unsigned char)*s))
        s++;
    for (; *s && k + 1 < sizeof buf; s++) {
        char c = *s;
        if (c == '[' || c == ']' || c == '(' || c == ')')
            continue;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c == '_')
            c = ' ';
        buf[k++] = c;
    }
    if (*s)
        return 0; /* long text is never a placeholder */
    while (k > 0 && (buf[k - 1] == '.' || is_space((unsigned char)buf[k - 1])))
        k--;
    buf[k] = '\0';
    /* Only dots or dashes ("...", "-", "--"). */
    size_t marks = strspn(buf, ".-");
    if (k > 0 && marks == k)
        return 1;
    for (int i = 0; words[i]; i++)
        if (strcmp(buf, words[i]) == 0)
            return 1;
    return 0;
}

/* Skips a currency sign or code at s (with the spaces after it). */
static const char *skip_currency(const char *s)
{
    static const char *const signs[] = {"US$", "us$", "$", "\xC2\xA3" /* £ */, "\xE2\x82\xAC" /* € */,
                                        "\xC2\xA5" /* ¥ */, "\xEF\xBF\xA5" /* ￥ */, NULL};
    for (int i = 0; signs[i]; i++) {
        size_t n = strlen(signs[i]);
        if (strncmp(s, signs[i], n) == 0) {
            s += n;
            while (is_space((unsigned char)*s))
                s++;
            return s;
        }
    }
    /* Three capital letters and a space: an ISO 4217 code ("USD 12"). */
    if (s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' && s[2] <= 'Z' && s[3] == ' ') {
        s += 3;
        while (is_space((unsigned char)*s))
            s++;
    }
    return s;
}

goals__imp_value goals__imp_number(const char *s, double *out)
{
    if (!s)
        return IMP_EMPTY;
    while (is_space((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && is_space((unsigned char)s[n - 1]))
        n--;
    if (n == 0)
        return IMP_EMPTY;
    if (n < 64) {
        char tmp[64];
        memcpy(tmp, s, n);
        tmp[n] = '\0';
        if (goals__imp_placeholder(tmp))
            return IMP_EMPTY;
    }
    if (n >= 128)
        return IMP_TEXT; /* prose, not a number */
    char buf[128];
    size_t k = 0;
    const char *p = s, *end = s + n;
    /* A sign may stand before or after the currency: "-£5", "£-5". */
    if (*p == '-' || *p == '+')
        buf[k++] = *p++;
    const char *after = skip_currency(p);
    if (after != p && k == 0 && (*after == '-' || *after == '+'))
        buf[k++] = *after++;
    p = after;
    /* Digits with thousands separators: groups of three after the first. */
    size_t group = 0;
    int commas = 0, digits = 0;
    for (; p < end && ((*p >= '0' && *p <= '9') || *p == ','); p++) {
        if (*p == ',') {
            if (!digits || (commas && group != 3) || (!commas && group > 3))
                return IMP_TEXT;
            commas = 1;
            group = 0;
            continue;
        }
        buf[k++] = *p;
        group++;
        digits = 1;
    }
    if (commas && group != 3)
        return IMP_TEXT; /* "1,5": a decimal comma, or a typo */
    /* The rest: fraction and exponent, as util/number.h reads them. */
    while (p < end && *p != '%' && !is_space((unsigned char)*p))
        buf[k++] = *p++;
    while (p < end && is_space((unsigned char)*p))
        p++;
    if (p < end && *p == '%')
        p++;
    if (p != end || k == 0)
        return IMP_TEXT;
    double v;
    if (goals__parse_double(buf, k, &v) != GOALS_OK)
        return IMP_TEXT;
    *out = v;
    return IMP_NUMBER;
}

const char *goals__imp_currency(const char *s, char code[4])
{
    while (is_space((unsigned char)*s))
        s++;
    if (*s == '-' || *s == '+')
        s++;
    static const struct {
        const char *sign, *code;
    } signs[] = {{"US$", "USD"}, {"us$", "USD"}, {"$", "USD"}, {"\xC2\xA3", "GBP"}, {"\xE2\x82\xAC", "EUR"}};
    for (size_t i = 0; i < sizeof signs / sizeof signs[0]; i++)
        if (strncmp(s, signs[i].sign, strlen(signs[i].sign)) == 0)
            return signs[i].code;
    /* ¥ is yen or yuan: not guessed. */
    if (s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' && s[2] <= 'Z' && s[3] == ' ') {
        memcpy(code, s, 3);
        code[3] = '\0';
        return code;
    }
    return NULL;
}
