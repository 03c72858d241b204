/* escap: UN ESCAP's Asia-Pacific SDG progress assessment, for one series
 * with a target. Two figures: the Current Status Index (how far along the
 * way from the base to the target the latest value is) and the Anticipated
 * Progress ratio (the change projected to the target year over the change
 * needed), whose bands give the category. ESCAP projects with a
 * time-weighted regression whose weights we could not read; this uses the
 * plain growth rate between the base and the latest value, an
 * approximation (docs/methods.md). Without a target ESCAP does not assess. */
#include "eval/methods/common.h"

#include "goals/error.h"

enum {
    P_BASE_YEAR, P_TARGET_YEAR, P_CSI_SCALE, P_MAINTAIN, P_REVERSE,
    P_CAT_ACHIEVED, P_CAT_MAINTAIN, P_CAT_ACCELERATE, P_CAT_REVERSE, P_CAT_NONE,
    P_COUNT
};

static const goals__param_desc params[P_COUNT] = {
    [P_BASE_YEAR] = GOALS__P_YEAR("base_year", 2015, "base year when the target has no baseline; the nearest observation to it"),
    [P_TARGET_YEAR] = GOALS__P_YEAR("target_year", 2030, "target year when the target has no deadline"),
    [P_CSI_SCALE] = GOALS__P_NUM("csi_scale", 1, -INFINITY, INFINITY, "current status index multiplier (1: fraction of the way; 10 in some transcriptions)"),
    [P_MAINTAIN] = GOALS__P_ANY("maintain", 1, "anticipated ratio at or above this: maintain progress"),
    [P_REVERSE] = GOALS__P_ANY("reverse", 0, "anticipated ratio at or below this: reverse trend; between: accelerate"),
    [P_CAT_ACHIEVED] = GOALS__P_TEXT("cat_achieved", "maintain progress", "category: the latest value meets the target"),
    [P_CAT_MAINTAIN] = GOALS__P_TEXT("cat_maintain", "maintain progress", "top category"),
    [P_CAT_ACCELERATE] = GOALS__P_TEXT("cat_accelerate", "accelerate progress", "middle category"),
    [P_CAT_REVERSE] = GOALS__P_TEXT("cat_reverse", "reverse trend", "moving away from the target"),
    [P_CAT_NONE] = GOALS__P_TEXT("cat_none", "insufficient data", "fewer than two observations, or no growth rate"),
};

static int run(const goals__method_input *in, const goals__method_params *p, goals__method_result *r)
{
    goals__m_result_init(r, "anticipated progress ratio", "current status index");
    const int d = in->direction;
    if (isnan(in->target)) {
        r->note = "ESCAP assesses only indicators with a target";
        return GOALS_OK;
    }
    goals__m_set(r, p, GOALS__ST_NO_DATA, P_CAT_NONE);
    size_t m = goals__m_latest(in, r);
    if (m == 0)
        return GOALS_OK;
    const double tl = r->latest_t, yl = r->latest_y, tv = in->target;
    const int achieved = goals__m_meets(yl, tv, d);
    if (achieved)
        goals__m_set(r, p, GOALS__ST_ACHIEVED, P_CAT_ACHIEVED);

    goals__m_point b;
    if (!goals__m_base(in, m, goals__m_or(in->base_t, goals__m_num(p, P_BASE_YEAR)), GOALS__M_BASE_NEAREST, NULL,
                       r, &b))
        return GOALS_OK;
    if (tv != b.y)
        r->score = goals__m_num(p, P_CSI_SCALE) * d * (yl - b.y) / fabs(tv - b.y);
    if (!(tl > b.t)) {
        if (!achieved)
            r->note = "needs two observations, the base and a later one";
        return GOALS_OK;
    }
    const double g = goals__m_cagr(yl, b.y, tl, b.t);
    if (isnan(g)) {
        if (!achieved)
            r->note = "growth rate undefined (base value zero, or values of opposite sign)";
        return GOALS_OK;
    }
    const double T = goals__m_or(in->target_t, goals__m_num(p, P_TARGET_YEAR));
    r->projected = yl * pow(1 + g, T - tl);
    const double ratio = tv != b.y ? (r->projected - b.y) / (tv - b.y) : NAN;
    r->figure = ratio;
    if (achieved)
        return GOALS_OK;
    if (goals__m_meets(b.y, tv, d)) {
        /* Met at the base (or equal to it) and not now: moving away. */
        goals__m_set(r, p, GOALS__ST_REGRESSING, P_CAT_REVERSE);
        r->note = "target met at the base and no longer met: moved away";
    } else if (ratio >= goals__m_num(p, P_MAINTAIN)) {
        goals__m_set(r, p, GOALS__ST_ON_TRACK, P_CAT_MAINTAIN);
    } else if (ratio > goals__m_num(p, P_REVERSE)) {
        goals__m_set(r, p, GOALS__ST_AT_RISK, P_CAT_ACCELERATE);
    } else {
        goals__m_set(r, p, GOALS__ST_REGRESSING, P_CAT_REVERSE);
    }
    return GOALS_OK;
}

const goals__method goals__method_escap = {
    "escap",
    "UN ESCAP progress assessment: current status index and anticipated progress (unweighted growth approximation)",
    params, P_COUNT, run,
};
