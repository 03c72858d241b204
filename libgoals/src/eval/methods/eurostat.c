/* eurostat: the assessment of Eurostat's EU SDG monitoring report. Over a
 * window (5 years short-term, 15 long-term) the observed compound growth
 * rate is compared with the rate the target needs from the window's start
 * (with a quantitative target) or with fixed growth bands (without). The
 * methodological annex could not be read: most of the rules are our
 * reading (docs/methods.md marks each). */
#include "eval/methods/common.h"

#include "goals/error.h"

enum {
    P_WINDOW, P_USE_BASELINE, P_MIN_POINTS, P_TARGET_YEAR,
    P_T_HIGH, P_T_MED, P_T_LOW, P_N_HIGH, P_N_MID, P_N_LOW,
    P_CAT_ACHIEVED, P_CAT_T_HIGH, P_CAT_T_MED, P_CAT_T_LOW, P_CAT_T_AWAY,
    P_CAT_N_HIGH, P_CAT_N_MED, P_CAT_N_AWAY, P_CAT_N_SIG_AWAY, P_CAT_NONE,
    P_COUNT
};

static const goals__param_desc params[P_COUNT] = {
    [P_WINDOW] = GOALS__P_NUM("window", 5, 1, 1e4, "years back from the latest observation: 5 short-term, 15 long-term"),
    [P_USE_BASELINE] = GOALS__P_NUM("use_baseline", 1, 0, 1, "1: a target's baseline, when given, starts the window; 0: always the last `window` years"),
    [P_MIN_POINTS] = GOALS__P_NUM("min_points", 2, 2, 1e6, "observations needed in the window, both ends included"),
    [P_TARGET_YEAR] = GOALS__P_YEAR("target_year", 2030, "target year when the target has no deadline"),
    [P_T_HIGH] = GOALS__P_ANY("t_high", 0.95, "target: rate ratio at or above this is significant progress"),
    [P_T_MED] = GOALS__P_ANY("t_med", 0.6, "target: at or above this is moderate progress"),
    [P_T_LOW] = GOALS__P_ANY("t_low", 0, "target: at or above this is insufficient progress, below it movement away"),
    [P_N_HIGH] = GOALS__P_ANY("n_high", 0.01, "no target: direction-adjusted CAGR above this is significant progress"),
    [P_N_MID] = GOALS__P_ANY("n_mid", 0, "no target: above this (up to n_high) is moderate progress"),
    [P_N_LOW] = GOALS__P_ANY("n_low", -0.01, "no target: from this to n_mid is moderate movement away, below significant"),
    [P_CAT_ACHIEVED] = GOALS__P_TEXT("cat_achieved", "target achieved", "category: the latest value meets the target"),
    [P_CAT_T_HIGH] = GOALS__P_TEXT("cat_t_high", "significant progress towards target", "target: top category"),
    [P_CAT_T_MED] = GOALS__P_TEXT("cat_t_med", "moderate progress towards target", "target: middle category"),
    [P_CAT_T_LOW] = GOALS__P_TEXT("cat_t_low", "insufficient progress towards target", "target: low category"),
    [P_CAT_T_AWAY] = GOALS__P_TEXT("cat_t_away", "movement away from target", "target: below t_low"),
    [P_CAT_N_HIGH] = GOALS__P_TEXT("cat_n_high", "significant progress", "no target: top category"),
    [P_CAT_N_MED] = GOALS__P_TEXT("cat_n_med", "moderate progress", "no target: middle category"),
    [P_CAT_N_AWAY] = GOALS__P_TEXT("cat_n_away", "moderate movement away", "no target: n_low to n_mid"),
    [P_CAT_N_SIG_AWAY] = GOALS__P_TEXT("cat_n_sig_away", "significant movement away", "no target: below n_low"),
    [P_CAT_NONE] = GOALS__P_TEXT("cat_none", "", "category when not assessable"),
};

static int run(const goals__method_input *in, const goals__method_params *p, goals__method_result *r)
{
    const int has_target = !isnan(in->target);
    goals__m_result_init(r, has_target ? "CAGR_a/CAGR_r" : "direction-adjusted CAGR_a", NULL);
    goals__m_set(r, p, GOALS__ST_NO_DATA, P_CAT_NONE);
    const int d = in->direction;

    size_t m = goals__m_latest(in, r);
    if (m == 0)
        return GOALS_OK;
    const double tl = r->latest_t, yl = r->latest_y;
    const int achieved = has_target && goals__m_meets(yl, in->target, d);
    if (achieved)
        goals__m_set(r, p, GOALS__ST_ACHIEVED, P_CAT_ACHIEVED);

    /* The window's start: the target's baseline when asked to use it,
     * else `window` years before the latest observation; the first
     * observation at or after that start when it was not observed. */
    const int use_baseline = goals__m_num(p, P_USE_BASELINE) != 0;
    goals__method_input local = *in;
    if (!use_baseline) {
        local.base_t = NAN;
        local.base_y = NAN;
    }
    const double start = !isnan(local.base_t) ? local.base_t : tl - goals__m_num(p, P_WINDOW);
    goals__m_point b;
    if (!goals__m_base(&local, m, start, GOALS__M_BASE_AT_OR_AFTER, NULL, r, &b))
        return GOALS_OK;
    /* Points in the window: the base, and the observations after it. */
    const size_t points = 1 + (m - goals__m_first_after(in->t, m, b.t));
    if (!(tl > b.t) || (double)points < goals__m_num(p, P_MIN_POINTS)) {
        if (!achieved)
            r->note = "too few observations in the window";
        return GOALS_OK;
    }
    const double ga = goals__m_cagr(yl, b.y, tl, b.t);
    const double T = goals__m_or(in->target_t, goals__m_num(p, P_TARGET_YEAR));
    if (isnan(ga)) {
        if (!achieved)
            r->note = "growth rate undefined (base value zero, or values of opposite sign)";
        return GOALS_OK;
    }
    r->projected = yl * pow(1 + ga, T - tl);

    if (!has_target) {
        const double v = d * ga;
        r->figure = v;
        if (v > goals__m_num(p, P_N_HIGH))
            goals__m_set(r, p, GOALS__ST_ON_TRACK, P_CAT_N_HIGH);
        else if (v > goals__m_num(p, P_N_MID))
            goals__m_set(r, p, GOALS__ST_AT_RISK, P_CAT_N_MED);
        else if (v >= goals__m_num(p, P_N_LOW))
            goals__m_set(r, p, GOALS__ST_REGRESSING, P_CAT_N_AWAY);
        else
            goals__m_set(r, p, GOALS__ST_REGRESSING, P_CAT_N_SIG_AWAY);
        return GOALS_OK;
    }

    /* Rate ratio, written d * CAGR_a / |CAGR_r| so that a target on the
     * wrong side of the window's start (met there) still reads "away"
     * when the value moves the wrong way; equal to CAGR_a / CAGR_r
     * otherwise. */
    const double gr = goals__m_cagr(in->target, b.y, T, b.t);
    if (isnan(gr)) {
        if (!achieved)
            r->note = "required growth rate undefined (target of the other sign, or target year at the window start)";
        return GOALS_OK;
    }
    if (gr == 0) {
        if (!achieved) {
            goals__m_set(r, p, GOALS__ST_REGRESSING, P_CAT_T_AWAY);
            r->note = "target equals the window's first value and is not met: moved away";
        }
        return GOALS_OK;
    }
    const double v = d * ga / fabs(gr);
    r->figure = v;
    if (achieved)
        return GOALS_OK;
    if (v >= goals__m_num(p, P_T_HIGH))
        goals__m_set(r, p, GOALS__ST_ON_TRACK, P_CAT_T_HIGH);
    else if (v >= goals__m_num(p, P_T_MED))
        goals__m_set(r, p, GOALS__ST_AT_RISK, P_CAT_T_MED);
    else if (v >= goals__m_num(p, P_T_LOW))
        goals__m_set(r, p, GOALS__ST_OFF_TRACK, P_CAT_T_LOW);
    else
        goals__m_set(r, p, GOALS__ST_REGRESSING, P_CAT_T_AWAY);
    return GOALS_OK;
}

const goals__method goals__method_eurostat = {
    "eurostat",
    "Eurostat EU SDG monitoring: observed vs required growth over a 5- (or 15-) year window",
    params, P_COUNT, run,
};
