/* sdg-build (current, generation 3): Open SDG's progress measure, class
 * SeriesProgress of open-sdg/sdg-build sdg/ProgressMeasure.py (2024 on),
 * for one series. Written from the method's documentation and from reading
 * that code; the rules (order of checks, 0 -> 0.001, the sign flip, the
 * natural-limit coefficient, the score lines) follow it so that the
 * results match it exactly. Where it would divide by zero we define the
 * answer (docs/methods.md). */
#include "eval/methods/common.h"

#include "goals/error.h"

enum {
    P_BASE_YEAR, P_TARGET_YEAR, P_MIN_YEARS,
    P_M1_HIGH, P_M1_MED, P_M1_LOW, P_M2_HIGH, P_M2_MED, P_M2_LOW,
    P_LIMIT, P_LIMIT_EXPONENT, P_ZERO,
    P_CAT_ACHIEVED, P_CAT_HIGH, P_CAT_MED, P_CAT_LOW, P_CAT_DET, P_CAT_NONE,
    P_COUNT
};

static const goals__param_desc params[P_COUNT] = {
    [P_BASE_YEAR] = GOALS__P_YEAR("base_year", 2015, "base year when the target has no baseline; the next observed year if not observed"),
    [P_TARGET_YEAR] = GOALS__P_YEAR("target_year", 2030, "target year when the target has no deadline"),
    [P_MIN_YEARS] = GOALS__P_NUM("min_years", 1, 0, 1e4, "latest minus base year below this: not assessable"),
    [P_M1_HIGH] = GOALS__P_ANY("m1_high", 0.015, "no target: growth at or above this is the top category"),
    [P_M1_MED] = GOALS__P_ANY("m1_med", 0.005, "no target: growth at or above this is the middle category"),
    [P_M1_LOW] = GOALS__P_ANY("m1_low", 0, "no target: growth at or above this is the low category, below it deterioration"),
    [P_M2_HIGH] = GOALS__P_ANY("m2_high", 0.95, "target: growth ratio at or above this is the top category"),
    [P_M2_MED] = GOALS__P_ANY("m2_med", 0.6, "target: growth ratio at or above this is the middle category"),
    [P_M2_LOW] = GOALS__P_ANY("m2_low", 0, "target: growth ratio at or above this is the low category, below it deterioration"),
    [P_LIMIT] = GOALS__P_OPT("limit", NAN, -INFINITY, INFINITY, "natural maximum or minimum; scales the no-target thresholds near it"),
    [P_LIMIT_EXPONENT] = GOALS__P_NUM("limit_exponent", 4.44, 0, 1e3, "exponent a of the limit coefficient C = 1 - (b/L)^a"),
    [P_ZERO] = GOALS__P_ANY("zero_value", 0.001, "a base value or target of exactly 0 is replaced by this"),
    [P_CAT_ACHIEVED] = GOALS__P_TEXT("cat_achieved", "target_achieved", "category: the latest value meets the target"),
    [P_CAT_HIGH] = GOALS__P_TEXT("cat_high", "substantial_progress", "top category"),
    [P_CAT_MED] = GOALS__P_TEXT("cat_med", "moderate_progress", "middle category"),
    [P_CAT_LOW] = GOALS__P_TEXT("cat_low", "limited_progress", "low category"),
    [P_CAT_DET] = GOALS__P_TEXT("cat_deterioration", "deterioration", "category below the low threshold"),
    [P_CAT_NONE] = GOALS__P_TEXT("cat_none", "not_available", "category when not assessable"),
};

/* The natural-limit coefficient: 1 far from the limit, falling to 0 at it,
 * so that small moves near a ceiling still count as progress. */
static double limit_coefficient(double base, double limit, double a)
{
    double b = fabs(base), l = fabs(limit);
    if (b >= 2 * l)  /* first, so that b = l = 0 gives 1, not 0/0 */
        return 1;
    if (b <= l)
        return 1 - pow(b / l, a);
    return 1 - pow((2 * l - b) / l, a);
}

/* The series score in [-5, 5]: upstream's lines, fixed to its default
 * thresholds (its own comment says so), with thresholds already scaled. */
static double score_of(double pv, int has_target, double high, double med, double low, double coeff)
{
    if (has_target) {
        if (pv >= med)
            return fmin(7.1429 * pv - 4.2857, 5);
        return fmax(4.1667 * pv - 2.5, -5);
    }
    if (pv < low)
        return fmax(125 * pv - 2.5, -5);
    if (coeff == 0)
        return 5;
    if (pv >= high)
        return fmin(500 * pv / coeff - 5, 5);
    if (pv >= med)
        return 250 * pv / coeff - 1.25;
    return 500 * pv / coeff - 2.5;
}

static int run(const goals__method_input *in, const goals__method_params *p, goals__method_result *r)
{
    int has_target = !isnan(in->target);
    goals__m_result_init(r, has_target ? "progress_value (CAGR ratio)" : "progress_value (direction-adjusted CAGR)",
                         "score");
    goals__m_set(r, p, GOALS__ST_NO_DATA, P_CAT_NONE);
    const int d = in->direction;
    const double zero = goals__m_num(p, P_ZERO);
    double target = in->target;
    if (has_target && target == 0)
        target = zero;

    size_t m = goals__m_latest(in, r);
    if (m == 0)
        return GOALS_OK;
    const double tl = r->latest_t, yl = r->latest_y;
    goals__m_point b;
    if (!goals__m_base(in, m, goals__m_or(in->base_t, goals__m_num(p, P_BASE_YEAR)), GOALS__M_BASE_AT_OR_AFTER,
                       "no observation in or after the base year", r, &b))
        return GOALS_OK;

    /* The sign and the limit coefficient use the base value as observed,
     * before 0 becomes zero_value, as upstream computes them first. */
    const double sign = b.y < 0 ? -1 : 1;
    double high, med, low, coeff = 1;
    if (has_target) {
        high = goals__m_num(p, P_M2_HIGH);
        med = goals__m_num(p, P_M2_MED);
        low = goals__m_num(p, P_M2_LOW);
    } else {
        high = goals__m_num(p, P_M1_HIGH);
        med = goals__m_num(p, P_M1_MED);
        low = goals__m_num(p, P_M1_LOW);
        double limit = goals__m_num(p, P_LIMIT);
        if (!isnan(limit)) {
            coeff = limit_coefficient(b.y, limit, goals__m_num(p, P_LIMIT_EXPONENT));
            high *= coeff;
            med *= coeff;
            low *= coeff;
        }
    }
    const int achieved = has_target && goals__m_meets(yl, target, d);

    const double y0 = b.y == 0 ? zero : b.y;
    double pv = NAN;
    int away_from_base_target = 0;
    const char *why = NULL;
    if ((y0 > 0 && yl < 0) || (y0 < 0 && yl > 0)) {
        why = "base and latest values have opposite signs";
    } else if (b.t > tl) {
        why = "the base year is after the latest observation";
    } else if (tl - b.t < goals__m_num(p, P_MIN_YEARS) || tl == b.t) {
        why = "too few observations from the base year on";
    } else if (!has_target) {
        pv = sign * d * goals__m_cagr(yl, y0, tl, b.t);
    } else {
        const double T = goals__m_or(in->target_t, goals__m_num(p, P_TARGET_YEAR));
        double co = goals__m_cagr(yl, y0, tl, b.t);
        double cr = goals__m_cagr(target, y0, T, b.t);
        if (cr == 0)
            away_from_base_target = 1;  /* upstream: ZeroDivisionError */
        else
            pv = sign * d * co / fabs(cr);
    }
    if (isnan(pv) && !why && !away_from_base_target)
        why = "growth rate undefined (zero or negative ratio, or target year at the base year)";
    r->figure = pv;

    if (achieved) {
        goals__m_set(r, p, GOALS__ST_ACHIEVED, P_CAT_ACHIEVED);
        r->score = 5;
        r->note = why;
    } else if (away_from_base_target) {
        /* Target equal to the base value and not met now: the value moved
         * the wrong way from where the target was met; the ratio's limit
         * is -infinity, whose score is the floor. */
        goals__m_set(r, p, GOALS__ST_REGRESSING, P_CAT_DET);
        r->score = -5;
        r->note = "target equals the base value and is not met: moved away";
    } else if (isnan(pv)) {
        r->note = why;
    } else {
        if (pv >= high)
            goals__m_set(r, p, GOALS__ST_ON_TRACK, P_CAT_HIGH);
        else if (pv >= med)
            goals__m_set(r, p, GOALS__ST_AT_RISK, P_CAT_MED);
        else if (pv >= low)
            goals__m_set(r, p, GOALS__ST_OFF_TRACK, P_CAT_LOW);
        else
            goals__m_set(r, p, GOALS__ST_REGRESSING, P_CAT_DET);
        r->score = score_of(pv, has_target, high, med, low, coeff);
        if (!has_target && coeff != 1)
            r->note = "thresholds scaled by the natural-limit coefficient";
    }
    return GOALS_OK;
}

const goals__method goals__method_sdg_build = {
    "sdg-build",
    "Open SDG sdg-build progress measure, current generation (2024+): CAGR or CAGR ratio, score -5..5",
    params, P_COUNT, run,
};
