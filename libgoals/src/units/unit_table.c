/* The table of unit names. Chinese plans write scales as characters (亿元 is
 * 1e8 yuan) and counts with measure words (个, 项, 家); English sources use
 * words (100 million t) and ISO 4217 codes. Factors are exact where the
 * definition is (1 ha = 15 mu; 1 mu = 1/15 ha). */
#include "unit_table.h"

#include <string.h>

#define MUL GOALS__UNIT_MULTIPLIER
#define FOLD GOALS__UNIT_FOLD

static const goals__unit_name names[] = {
    /* Multipliers. Consecutive ones multiply: 万亿 = 1e12, 千万 = 1e7. */
    {"十", NULL, 1e1, MUL},
    {"百", NULL, 1e2, MUL},
    {"千", NULL, 1e3, MUL},
    {"万", NULL, 1e4, MUL},
    {"亿", NULL, 1e8, MUL},
    {"hundred", NULL, 1e2, MUL | FOLD},
    {"thousand", NULL, 1e3, MUL | FOLD},
    {"million", NULL, 1e6, MUL | FOLD},
    {"billion", NULL, 1e9, MUL | FOLD},
    {"trillion", NULL, 1e12, MUL | FOLD},

    /* Currencies (any other three capital letters are a currency too). */
    {"元", "CNY", 1, 0},
    {"人民币", "CNY", 1, 0},
    {"yuan", "CNY", 1, FOLD},
    {"RMB", "CNY", 1, 0},
    {"美元", "USD", 1, 0},
    {"欧元", "EUR", 1, 0},
    {"英镑", "GBP", 1, 0},
    {"日元", "JPY", 1, 0},
    {"港元", "HKD", 1, 0},

    /* Percent and percentage points are one base (a share, not a count). */
    {"%", "percent", 1, 0},
    {"\xEF\xBC\x85", "percent", 1, 0}, /* ％ full width */
    {"percent", "percent", 1, FOLD},
    {"百分点", "percent", 1, 0},
    {"pp", "percent", 1, 0},
    {"\xE2\x80\xB0", "percent", 0.1, 0}, /* ‰ */
    {"permille", "percent", 0.1, FOLD},

    /* Counts: dimensionless. */
    {"count", NULL, 1, FOLD},
    {"number", NULL, 1, FOLD},
    {"no.", NULL, 1, FOLD},
    {"persons", NULL, 1, FOLD},
    {"person", NULL, 1, FOLD},
    {"people", NULL, 1, FOLD},
    {"pieces", NULL, 1, FOLD},
    {"piece", NULL, 1, FOLD},
    {"places", NULL, 1, FOLD},
    {"place", NULL, 1, FOLD},
    {"items", NULL, 1, FOLD},
    {"item", NULL, 1, FOLD},
    {"times", NULL, 1, FOLD},
    {"个", NULL, 1, 0},
    {"项", NULL, 1, 0},
    {"件", NULL, 1, 0},
    {"家", NULL, 1, 0},
    {"人", NULL, 1, 0},
    {"户", NULL, 1, 0},
    {"次", NULL, 1, 0},
    {"名", NULL, 1, 0},
    {"座", NULL, 1, 0},
    {"所", NULL, 1, 0},
    {"处", NULL, 1, 0},
    {"位", NULL, 1, 0},
    {"倍", NULL, 1, 0},

    /* Area, in mu (亩): 1 ha = 15 mu. */
    {"亩", "mu", 1, 0},
    {"mu", "mu", 1, 0},
    {"ha", "mu", 15, 0},
    {"hectares", "mu", 15, FOLD},
    {"hectare", "mu", 15, FOLD},
    {"公顷", "mu", 15, 0},
    {"km2", "mu", 1500, 0},
    {"平方公里", "mu", 1500, 0},
    {"平方千米", "mu", 1500, 0},
    {"m2", "mu", 0.0015, 0},
    {"平方米", "mu", 0.0015, 0},

    /* Mass, in tonnes. */
    {"t", "t", 1, 0},
    {"吨", "t", 1, 0},
    {"tonnes", "t", 1, FOLD},
    {"tonne", "t", 1, FOLD},
    {"kg", "t", 0.001, 0},
    {"公斤", "t", 0.001, 0},
    {"千克", "t", 0.001, 0},

    /* Length, in km. */
    {"km", "km", 1, 0},
    {"公里", "km", 1, 0},
    {"千米", "km", 1, 0},
    {"m", "km", 0.001, 0},
    {"米", "km", 0.001, 0},

    /* Volume. */
    {"m3", "m3", 1, 0},
    {"立方米", "m3", 1, 0},

    /* Energy: tonnes of standard coal equivalent; electricity in kWh. */
    {"tce", "tce", 1, 0},
    {"吨标准煤", "tce", 1, 0},
    {"吨标煤", "tce", 1, 0},
    {"kWh", "kWh", 1, 0},
    {"千瓦时", "kWh", 1, 0},

    /* Time. Years, months and days do not convert (a year is not a whole
     * number of days), so each is its own base. */
    {"year", "year", 1, FOLD},
    {"years", "year", 1, FOLD},
    {"年", "year", 1, 0},
    {"岁", "year", 1, 0},
    {"month", "month", 1, FOLD},
    {"months", "month", 1, FOLD},
    {"月", "month", 1, 0},
    {"day", "day", 1, FOLD},
    {"days", "day", 1, FOLD},
    {"天", "day", 1, 0},
    {"日", "day", 1, 0},
};

#define NNAMES (sizeof names / sizeof names[0])

static int ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static int same(const char *name, const char *s, size_t len, int fold)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char a = (unsigned char)name[i], b = (unsigned char)s[i];
        if (a == '\0')
            return 0;
        if (a != b && !(fold && lower(a) == lower(b)))
            return 0;
    }
    return name[len] == '\0';
}

const goals__unit_name *goals__unit_name_exact(const char *s, size_t len)
{
    /* Exact case first, so that a folded match never shadows a real name. */
    for (size_t i = 0; i < NNAMES; i++)
        if (same(names[i].text, s, len, 0))
            return &names[i];
    for (size_t i = 0; i < NNAMES; i++)
        if ((names[i].flags & FOLD) && same(names[i].text, s, len, 1))
            return &names[i];
    return NULL;
}

const goals__unit_name *goals__unit_name_prefix(const char *s, size_t len)
{
    const goals__unit_name *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; i < NNAMES; i++) {
        const char *t = names[i].text;
        size_t n = strlen(t);
        if (ascii_alnum((unsigned char)t[0]) || n > len || n <= best_len)
            continue;
        if (memcmp(t, s, n) == 0) {
            best = &names[i];
            best_len = n;
        }
    }
    return best;
}

const goals__unit_name *goals__unit_names(size_t *count)
{
    if (count)
        *count = NNAMES;
    return names;
}
