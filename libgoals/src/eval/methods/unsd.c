/* unsd: the UN Statistics Division's SDG Progress Chart (technical note
 * 2023), as the Eustat Open SDG site transcribes it: with a target, the
 * ratio of the change projected to the target year at the observed growth
 * rate to the change needed; without one, the growth rate itself. Scores
 * 3/2/1 as Eustat writes them. The note itself could not be read: see the
 * confidence marks in docs/methods.md. */
#include "eval/methods/common.h"

#include "goals/error.h"

enum {
    P_BASE_YEAR, P_TARGET_YEAR,
    P_T_HIGH, P_T_MED, P_REGRESS_BELOW, P_N_HIGH, P_N_MED, P_NEAR,
    P_CAT_ACHIEVED, P_CAT_HIGH, P_CAT_MED, P_CAT_LOW, P_CAT_REGRESS, P_CAT_NONE,
    P_COUNT
};

static const goals__param_desc params[P_COUNT] = {
    [P_BASE_YEAR] = GOALS__P_YEAR("base_year", 2015, "base year when the target has no baseline; the nearest observation to it"),
    [P_TARGET_YEAR] = GOALS__P_YEAR("target_year", 2030, "year the projection runs to when the target has no deadline"),
    [P_T_HIGH] = GOALS__P_ANY("t_high", 0.95, "target: CR at or above this is on track (score 3)"),
    [P_T_MED] = GOALS__P_ANY("t_med", 0.10, "target: CR at or above this is fair progress (score 2), below limited (1)"),
    [P_REGRESS_BELOW] = GOALS__P_OPT("regress_below", NAN, -INFINITY, INFINITY, "target: CR below this is deterioration (none: the 3-level scale has no such level; 0 for UNSD's 4-level reading)"),
    [P_N_HIGH] = GOALS__P_ANY("n_high", 0.02, "no target: direction-adjusted CAGR at or above this scores 3"),
    [P_N_MED] = GOALS__P_ANY("n_med", 0.005, "no target: at or above this scores 2, below 1"),
    [P_NEAR] = GOALS__P_NUM("near_target", 0, 0, INFINITY, "a target of 0 or 100 counts as met within this many units (Eustat: 1 percentage point; 0 = off)"),
    [P_CAT_ACHIEVED] = GOALS__P_TEXT("cat_achieved", "target met", "category: the latest value meets the target (score 3)"),
    [P_CAT_HIGH] = GOALS__P_TEXT("cat_high", "on track", "score 3"),
    [P_CAT_MED] = GOALS__P_TEXT("cat_med", "fair progress, acceleration needed", "score 2"),
    [P_CAT_LOW] = GOALS__P_TEXT("cat_low", "limited or no progress", "score 1"),
    [P_CAT_REGRESS] = GOALS__P_TEXT("cat_regress", "deterioration", "score 1, below regress_below"),
    [P_CAT_NONE] = GOALS__P_TEXT("cat_none", "", "category when not assessable"),
};

static int run(const goals__method_input *in, const goals__method_params *p, goals__method_result *r)
{
    const int has_target = !isnan(in->target);
    goals__m_result_init(r, has_target ? "CR" : "CAGR", "score");
    goals__m_set(r, p, GOALS__ST_NO_DATA, P_CAT_NONE);
    const int d = in->direction;

    size_t m = goals__m_latest(in, r);
    if (m == 0)
        return GOALS_OK;
    const double tl = r->latest_t, yl = r->latest_y;
    const double T = goals__m_or(in->target_t, goals__m_num(p, P_TARGET_YEAR));

    /* The latest value meeting the target is achieved whatever the trend,
     * even with one observation (Eustat's exception list). */
    int achieved = 0;
    if (has_target) {
        const double near = goals__m_num(p, P_NEAR);
        achieved = goals__m_meets(yl, in->target, d) ||
                   (near > 0 && (in->target == 0 || in->target == 100) && fabs(yl - in->target) <= near);
        if (achieved) {
            goals__m_set(r, p, GOALS__ST_ACHIEVED, P_CAT_ACHIEVED);
            r->score = 3;
        }
    }

    goals__m_point b;
    if (!goals__m_base(in, m, goals__m_or(in->base_t, goals__m_num(p, P_BASE_YEAR)), GOALS__M_BASE_NEAREST, NULL,
                       r, &b))
        return GOALS_OK;
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
    r->projected = yl * pow(1 + g, T - tl);

    if (!has_target) {
        r->figure = g;
        const double v = d * g;
        if (v >= goals__m_num(p, P_N_HIGH)) {
            goals__m_set(r, p, GOALS__ST_ON_TRACK, P_CAT_HIGH);
            r->score = 3;
        } else if (v >= goals__m_num(p, P_N_MED)) {
            goals__m_set(r, p, GOALS__ST_AT_RISK, P_CAT_MED);
            r->score = 2;
        } else {
            goals__m_set(r, p, GOALS__ST_OFF_TRACK, P_CAT_LOW);
            r->score = 1;
        }
        return GOALS_OK;
    }

    /* CR is direction-free: the target's side of the base gives the sign. */
    const double cr = in->target != b.y ? (r->projected - b.y) / (in->target - b.y) : NAN;
    r->figure = cr;
    if (achieved)
        return GOALS_OK;
    const double regress = goals__m_num(p, P_REGRESS_BELOW);
    const int lowest = !isnan(regress) ? P_CAT_REGRESS : P_CAT_LOW;
    const goals__status lowest_st = !isnan(regress) ? GOALS__ST_REGRESSING : GOALS__ST_OFF_TRACK;
    r->score = 1;
    if (goals__m_meets(b.y, in->target, d)) {
        /* Met at the base, not now (a target equal to the base included):
         * the formula's sign no longer says which way is good. */
        goals__m_set(r, p, lowest_st, lowest);
        r->note = "target met at the base and no longer met: moved away";
    } else if (cr >= goals__m_num(p, P_T_HIGH)) {
        goals__m_set(r, p, GOALS__ST_ON_TRACK, P_CAT_HIGH);
        r->score = 3;
    } else if (cr >= goals__m_num(p, P_T_MED)) {
        goals__m_set(r, p, GOALS__ST_AT_RISK, P_CAT_MED);
        r->score = 2;
    } else if (!isnan(regress) && cr < regress) {
        goals__m_set(r, p, GOALS__ST_REGRESSING, P_CAT_REGRESS);
    } else {
        goals__m_set(r, p, GOALS__ST_OFF_TRACK, P_CAT_LOW);
    }
    return GOALS_OK;
}

const goals__method goals__method_unsd = {
    "unsd",
    "UN SDG Progress Chart (2023 technical note, Eustat reading): projected-to-required change ratio, scores 3/2/1",
    params, P_COUNT, run,
};
