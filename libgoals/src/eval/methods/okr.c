/* okr: OKR grading as Google's re:Work "Grade OKRs" guide and Doerr's
 * "Measure What Matters" describe it: a key result is graded 0.0-1.0 by the
 * share of the way from its starting value to its target; 0.7-1.0 green,
 * 0.4-0.6 yellow, 0.0-0.3 red. The linear share is the common numeric form
 * (the guide's example: three of six features launched grades 0.5). */
#include "eval/methods/common.h"

#include "goals/error.h"

enum {
    P_BASE_YEAR, P_GREEN, P_YELLOW,
    P_CAT_GREEN, P_CAT_YELLOW, P_CAT_RED, P_CAT_NONE,
    P_COUNT
};

static const goals__param_desc params[P_COUNT] = {
    [P_BASE_YEAR] = GOALS__P_YEAR("base_year", NAN, "start when the target has no baseline (none: the first observation)"),
    [P_GREEN] = GOALS__P_NUM("green", 0.7, 0, 1, "grade at or above this is green"),
    [P_YELLOW] = GOALS__P_NUM("yellow", 0.4, 0, 1, "grade at or above this is yellow, below red"),
    [P_CAT_GREEN] = GOALS__P_TEXT("cat_green", "green", "top category"),
    [P_CAT_YELLOW] = GOALS__P_TEXT("cat_yellow", "yellow", "middle category"),
    [P_CAT_RED] = GOALS__P_TEXT("cat_red", "red", "low category"),
    [P_CAT_NONE] = GOALS__P_TEXT("cat_none", "", "category when not assessable"),
};

static int run(const goals__method_input *in, const goals__method_params *p, goals__method_result *r)
{
    goals__m_result_init(r, "grade", "unclamped ratio");
    goals__m_set(r, p, GOALS__ST_NO_DATA, P_CAT_NONE);
    const int d = in->direction;
    if (isnan(in->target)) {
        r->note = "OKR grading needs a target";
        return GOALS_OK;
    }
    size_t m = goals__m_latest(in, r);
    if (m == 0)
        return GOALS_OK;
    const double yl = r->latest_y, tv = in->target;
    goals__m_point b;
    if (!goals__m_base(in, m, goals__m_or(in->base_t, goals__m_num(p, P_BASE_YEAR)), GOALS__M_BASE_AT_OR_AFTER,
                       "no observation at or after the base year", r, &b))
        return GOALS_OK;

    const int met = goals__m_meets(yl, tv, d);
    double grade;
    if (tv == b.y) {
        /* The share is 0/0: a met key result is done, an unmet one is not. */
        grade = met ? 1 : 0;
    } else if (goals__m_meets(b.y, tv, d) && !met) {
        /* The target was met at the start and no longer is: nothing of
         * what was asked holds, whatever the share's sign says. */
        grade = 0;
        r->note = "target met at the start and no longer met";
    } else {
        r->score = (yl - b.y) / (tv - b.y);
        grade = fmin(fmax(r->score, 0), 1);
    }
    r->figure = grade;
    if (grade >= goals__m_num(p, P_GREEN))
        goals__m_set(r, p, GOALS__ST_ON_TRACK, P_CAT_GREEN);
    else if (grade >= goals__m_num(p, P_YELLOW))
        goals__m_set(r, p, GOALS__ST_AT_RISK, P_CAT_YELLOW);
    else
        goals__m_set(r, p, GOALS__ST_OFF_TRACK, P_CAT_RED);
    if (met)
        r->status = GOALS__ST_ACHIEVED;
    return GOALS_OK;
}

const goals__method goals__method_okr = {
    "okr",
    "OKR grading: share of the way from start to target, clamped to 0..1; green/yellow/red",
    params, P_COUNT, run,
};
