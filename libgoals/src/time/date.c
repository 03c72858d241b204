/* Calendar arithmetic: proleptic Gregorian day numbers since 1970-01-01.
 * The conversions count in 400-year eras of 146097 days with years that
 * start on 1 March, so the leap day falls at the end of a year and months
 * have a closed-form length pattern (153 days per 5 months from March). */
#include <stdint.h>

#include "time/period_internal.h"
#include "util/error.h"

/* Days from 0000-03-01 to 1970-01-01. */
#define EPOCH_SHIFT 719468

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int goals__days_in_month(int year, int month)
{
    static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

int32_t goals__days_from_ymd(int year, int month, int day)
{
    int64_t y = (int64_t)year - (month <= 2);
    int64_t era = floor_div(y, 400);
    int64_t yoe = y - era * 400;                           /* 0..399 */
    int64_t mp = (month + 9) % 12;                         /* March = 0 */
    int64_t doy = (153 * mp + 2) / 5 + day - 1;            /* 0..365 */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;   /* 0..146096 */
    return (int32_t)(era * 146097 + doe - EPOCH_SHIFT);
}

void goals_date_to_ymd(int32_t date, int *year, int *month, int *day)
{
    int64_t z = (int64_t)date + EPOCH_SHIFT;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    int64_t y = yoe + era * 400 + (m <= 2);
    if (year)
        *year = (int)y;
    if (month)
        *month = m;
    if (day)
        *day = d;
}

int goals_date_from_ymd(int32_t *out, int year, int month, int day)
{
    if (!out)
        return goals__error(GOALS_EINVAL, "goals_date_from_ymd: out is NULL");
    if (year < 1 || year > 9999)
        return goals__error(GOALS_EPERIOD, "bad date: year %d is outside 0001..9999", year);
    if (month < 1 || month > 12)
        return goals__error(GOALS_EPERIOD, "bad date: month %d is outside 01..12", month);
    int dim = goals__days_in_month(year, month);
    if (day < 1 || day > dim)
        return goals__error(GOALS_EPERIOD, "bad date: day %d is outside 01..%02d in %04d-%02d",
                            day, dim, year, month);
    *out = goals__days_from_ymd(year, month, day);
    return GOALS_OK;
}

/* Writes n digits of v (0 <= v < 10^n), zero-padded. */
static void put_digits(char *p, int v, int n)
{
    while (n--) {
        p[n] = (char)('0' + v % 10);
        v /= 10;
    }
}

size_t goals_date_format(int32_t date, char *buf, size_t size)
{
    if (!buf || size < 11 || date < GOALS__DAY_MIN || date > GOALS__DAY_MAX)
        return 0;
    int y, m, d;
    goals_date_to_ymd(date, &y, &m, &d);
    put_digits(buf, y, 4);
    buf[4] = '-';
    put_digits(buf + 5, m, 2);
    buf[7] = '-';
    put_digits(buf + 8, d, 2);
    buf[10] = '\0';
    return 10;
}
