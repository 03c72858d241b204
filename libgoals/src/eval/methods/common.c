/* Helpers shared by the method files: time, series look-ups, growth rates. */
#include "eval/methods/common.h"

#include <math.h>

const char *goals__status_name(goals__status status)
{
    switch (status) {
    case GOALS__ST_NO_DATA: return "no_data";
    case GOALS__ST_ACHIEVED: return "achieved";
    case GOALS__ST_ON_TRACK: return "on_track";
    case GOALS__ST_AT_RISK: return "at_risk";
    case GOALS__ST_OFF_TRACK: return "off_track";
    case GOALS__ST_REGRESSING: return "regressing";
    case GOALS__ST_MISSED: return "missed";
    case GOALS__ST_BREACHED: return "breached";
    case GOALS__ST_PENDING: return "pending";
    }
    return NULL;
}

/* Floor division, so that the leap-year count is right for any sign. */
static long floordiv(long a, long b)
{
    long q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Leap years among 1 .. y-1 of the proleptic Gregorian calendar (extended
 * backwards arithmetically). */
static long leaps_before(long y)
{
    return floordiv(y - 1, 4) - floordiv(y - 1, 100) + floordiv(y - 1, 400);
}

/* Day number of January 1st of year y. */
static long jan1(long y)
{
    return 365 * (y - 1970) + leaps_before(y) - leaps_before(1970);
}

double goals__method_year(int32_t day)
{
    long d = day;
    long y = 1970 + floordiv(d, 365);   /* at or after the true year; step back */
    while (jan1(y) > d)
        y--;
    while (jan1(y + 1) <= d)
        y++;
    long start = jan1(y), len = jan1(y + 1) - start;
    /* The end of day d: the last day of the year gives exactly y. */
    return (double)(y - 1) + (double)(d - start + 1) / (double)len;
}

void goals__method_input_init(goals__method_input *in)
{
    in->t = NULL;
    in->y = NULL;
    in->n = 0;
    in->as_of = NAN;
    in->base_t = NAN;
    in->base_y = NAN;
    in->target = NAN;
    in->target_t = NAN;
    in->direction = 1;
}

size_t goals__m_count_upto(const goals__method_input *in)
{
    if (isnan(in->as_of))
        return in->n;
    return goals__m_first_after(in->t, in->n, in->as_of);
}

size_t goals__m_first_after(const double *t, size_t m, double x)
{
    size_t lo = 0, hi = m;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid] <= x + GOALS__M_EPS)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t goals__m_latest(const goals__method_input *in, goals__method_result *r)
{
    size_t m = goals__m_count_upto(in);
    if (m == 0) {
        r->note = "no observation";
        return 0;
    }
    r->latest_t = in->t[m - 1];
    r->latest_y = in->y[m - 1];
    return m;
}

/* goals__m_base's search, without recording. */
static int find_base(const goals__method_input *in, size_t m, double year, goals__m_base_rule rule,
                     goals__m_point *out)
{
    if (!isnan(in->base_y)) {
        out->t = in->base_t;
        out->y = in->base_y;
        return 1;
    }
    if (m == 0)
        return 0;
    size_t i = 0;
    if (!isnan(year)) {
        /* First observation at or after the base year (binary search). */
        size_t lo = 0, hi = m;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (in->t[mid] < year - GOALS__M_EPS)
                lo = mid + 1;
            else
                hi = mid;
        }
        i = lo;
        if (rule == GOALS__M_BASE_NEAREST) {
            if (i == m || (i > 0 && fabs(in->t[i] - year) > GOALS__M_EPS &&
                           year - in->t[i - 1] <= in->t[i] - year))
                i--;
        } else if (i == m) {
            return 0;
        }
    }
    out->t = in->t[i];
    out->y = in->y[i];
    return 1;
}

int goals__m_base(const goals__method_input *in, size_t m, double year, goals__m_base_rule rule, const char *none,
                  goals__method_result *r, goals__m_point *out)
{
    if (!find_base(in, m, year, rule, out)) {
        if (none)
            r->note = none;
        return 0;
    }
    r->base_t = out->t;
    r->base_y = out->y;
    return 1;
}

double goals__m_cagr(double a, double b, double t1, double t2)
{
    if (b == 0 || t1 == t2)
        return NAN;
    double r = a / b;
    if (!(r >= 0))
        return NAN;
    double g = pow(r, 1.0 / (t1 - t2)) - 1.0;
    return isfinite(g) ? g : NAN;
}

int goals__m_meets(double y, double target, int d)
{
    return d > 0 ? y >= target : y <= target;
}

double goals__m_or(double given, double fallback)
{
    return isnan(given) ? fallback : given;
}

void goals__m_result_init(goals__method_result *r, const char *figure_name, const char *score_name)
{
    r->status = GOALS__ST_NO_DATA;
    r->category = NULL;
    r->figure = NAN;
    r->figure_name = figure_name;
    r->score = NAN;
    r->score_name = score_name;
    r->base_t = NAN;
    r->base_y = NAN;
    r->latest_t = NAN;
    r->latest_y = NAN;
    r->projected = NAN;
    r->expected = NAN;
    r->note = NULL;
}

double goals__m_num(const goals__method_params *p, int i)
{
    return p->num[i];
}

const char *goals__m_text(const goals__method_params *p, int i)
{
    return p->text[i][0] ? p->text[i] : NULL;
}

void goals__m_set(goals__method_result *r, const goals__method_params *p, goals__status st, int cat)
{
    r->status = st;
    r->category = cat >= 0 ? goals__m_text(p, cat) : NULL;
}
