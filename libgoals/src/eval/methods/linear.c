/* linear: the library's own default. The straight path from the baseline
 * to the target at the deadline says where the value should be by now;
 * the figure is the progress made over the progress that path expects
 * (1 = exactly on the line). By default "now" is the latest observation's
 * time, not the as-of date, so that data published with a lag is not read
 * as falling behind; use_as_of=1 compares at the as-of date instead. */
#include "eval/methods/common.h"

#include "goals/error.h"

enum {
    P_BASE_YEAR, P_TARGET_YEAR, P_ON_TRACK, P_AT_RISK, P_REGRESS_BELOW, P_USE_AS_OF,
    P_CAT_ACHIEVED, P_CAT_ON_TRACK, P_CAT_AT_RISK, P_CAT_OFF_TRACK, P_CAT_REGRESSING, P_CAT_NONE,
    P_COUNT
};

static const goals__param_desc params[P_COUNT] = {
    [P_BASE_YEAR] = GOALS__P_YEAR("base_year", NAN, "start when the target has no baseline (none: the first observation)"),
    [P_TARGET_YEAR] = GOALS__P_YEAR("target_year", NAN, "deadline when the target has none (none: not assessable)"),
    [P_ON_TRACK] = GOALS__P_ANY("on_track", 0.95, "progress over expected progress at or above this: on track"),
    [P_AT_RISK] = GOALS__P_ANY("at_risk", 0.6, "at or above this: at risk; below: off track"),
    [P_REGRESS_BELOW] = GOALS__P_ANY("regress_below", 0, "below this (moving away from the target): regressing"),
    [P_USE_AS_OF] = GOALS__P_NUM("use_as_of", 0, 0, 1, "1: compare with the path at the as-of date; 0: at the latest observation"),
    [P_CAT_ACHIEVED] = GOALS__P_TEXT("cat_achieved", "achieved", "category: the latest value meets the target"),
    [P_CAT_ON_TRACK] = GOALS__P_TEXT("cat_on_track", "on_track", "top category"),
    [P_CAT_AT_RISK] = GOALS__P_TEXT("cat_at_risk", "at_risk", "middle category"),
    [P_CAT_OFF_TRACK] = GOALS__P_TEXT("cat_off_track", "off_track", "low category"),
    [P_CAT_REGRESSING] = GOALS__P_TEXT("cat_regressing", "regressing", "moving away from the target"),
    [P_CAT_NONE] = GOALS__P_TEXT("cat_none", "no_data", "category when not assessable"),
};

/* A direction alone: the sign of the change since the base. */
static void no_target(const goals__method_params *p, int d, goals__m_point b, double tl, double yl,
                      goals__method_result *r)
{
    r->figure_name = "change in the desired direction";
    if (!(tl > b.t)) {
        r->note = "needs an observation after the base";
        return;
    }
    r->figure = d * (yl - b.y);
    if (r->figure > 0)
        goals__m_set(r, p, GOALS__ST_ON_TRACK, P_CAT_ON_TRACK);
    else if (r->figure == 0)
        goals__m_set(r, p, GOALS__ST_OFF_TRACK, P_CAT_OFF_TRACK);
    else
        goals__m_set(r, p, GOALS__ST_REGRESSING, P_CAT_REGRESSING);
}

static int run(const goals__method_input *in, const goals__method_params *p, goals__method_result *r)
{
    goals__m_result_init(r, "progress over expected progress", "progress ratio");
    goals__m_set(r, p, GOALS__ST_NO_DATA, P_CAT_NONE);
    const int d = in->direction;
    size_t m = goals__m_latest(in, r);
    if (m == 0)
        return GOALS_OK;
    const double tl = r->latest_t, yl = r->latest_y, tv = in->target;
    goals__m_point b;
    if (!goals__m_base(in, m, goals__m_or(in->base_t, goals__m_num(p, P_BASE_YEAR)), GOALS__M_BASE_AT_OR_AFTER,
                       "no observation at or after the base year", r, &b))
        return GOALS_OK;
    if (isnan(tv)) {
        no_target(p, d, b, tl, yl, r);
        return GOALS_OK;
    }

    const int achieved = goals__m_meets(yl, tv, d);
    if (achieved)
        goals__m_set(r, p, GOALS__ST_ACHIEVED, P_CAT_ACHIEVED);
    else if (goals__m_meets(b.y, tv, d)) {
        /* Met at the base (or equal to it) and not now: moving away; the
         * path has no length, so there is no figure. */
        goals__m_set(r, p, GOALS__ST_REGRESSING, P_CAT_REGRESSING);
        r->note = "target met at the baseline and no longer met";
        return GOALS_OK;
    }
    if (tv == b.y)
        return GOALS_OK;  /* achieved, and no path to measure along */
    r->score = (yl - b.y) / (tv - b.y);

    const double T = goals__m_or(in->target_t, goals__m_num(p, P_TARGET_YEAR));
    if (!(T > b.t)) {
        if (!achieved)
            r->note = "no deadline after the baseline";
        return GOALS_OK;
    }
    if (!(tl > b.t)) {
        if (!achieved)
            r->note = "needs an observation after the baseline";
        return GOALS_OK;
    }
    double tc = tl;
    if (goals__m_num(p, P_USE_AS_OF) != 0 && !isnan(in->as_of) && in->as_of > tl)
        tc = in->as_of;
    const double f = fmin((tc - b.t) / (T - b.t), 1);
    r->expected = b.y + f * (tv - b.y);
    r->projected = b.y + (yl - b.y) * (T - b.t) / (tl - b.t);
    r->figure = r->score / f;
    if (achieved)
        return GOALS_OK;
    if (r->figure >= goals__m_num(p, P_ON_TRACK))
        goals__m_set(r, p, GOALS__ST_ON_TRACK, P_CAT_ON_TRACK);
    else if (r->figure >= goals__m_num(p, P_AT_RISK))
        goals__m_set(r, p, GOALS__ST_AT_RISK, P_CAT_AT_RISK);
    else if (r->figure >= goals__m_num(p, P_REGRESS_BELOW))
        goals__m_set(r, p, GOALS__ST_OFF_TRACK, P_CAT_OFF_TRACK);
    else
        goals__m_set(r, p, GOALS__ST_REGRESSING, P_CAT_REGRESSING);
    return GOALS_OK;
}

const goals__method goals__method_linear = {
    "linear",
    "straight path from the baseline to the target at the deadline: progress made over progress expected",
    params, P_COUNT, run,
};
