/* The engine of sdg-build's 2022 draft and 2023 generation (module-level
 * functions of sdg/ProgressMeasure.py before the 2024 classes). The order
 * of checks follows that code: enough data first, then "target achieved"
 * (which returns before any growth rate is computed), then the growth
 * rate or ratio against the thresholds. No sign handling and no limit:
 * those came with generation 3. */
#include "eval/methods/sdg_classic.h"

#include "goals/error.h"

static void band(goals__method_result *r, const goals__method_params *p, double v, double high,
                 double med, double low, int first_cat, int strict_upper, goals__status low_status)
{
    int above_high = strict_upper ? v > high : v >= high;
    int above_med = strict_upper ? v > med : v >= med;
    if (above_high)
        goals__m_set(r, p, GOALS__ST_ON_TRACK, first_cat);
    else if (above_med)
        goals__m_set(r, p, GOALS__ST_AT_RISK, first_cat + 1);
    else if (v >= low)
        goals__m_set(r, p, low_status, first_cat + 2);
    else
        goals__m_set(r, p, GOALS__ST_REGRESSING, first_cat + 3);
}

int goals__sdgc_run(const goals__method_input *in, const goals__method_params *p,
                    goals__method_result *r, const goals__sdgc_style *style)
{
    const int has_target = !isnan(in->target);
    goals__m_result_init(r, has_target ? "CAGR_obs/CAGR_req" : "direction-adjusted CAGR", NULL);
    goals__m_set(r, p, GOALS__ST_NO_DATA, GOALS__SDGC_CAT_NONE);
    const int d = in->direction;

    size_t m = goals__m_latest(in, r);
    if (m == 0)
        return GOALS_OK;
    const double tl = r->latest_t, yl = r->latest_y;
    goals__m_point b;
    if (!goals__m_base(in, m, goals__m_or(in->base_t, goals__m_num(p, GOALS__SDGC_BASE_YEAR)),
                       GOALS__M_BASE_AT_OR_AFTER, "the base year is after the latest observation", r, &b))
        return GOALS_OK;
    if (b.t > tl) {
        r->note = "the base year is after the latest observation";
        return GOALS_OK;
    }
    if (tl - b.t < goals__m_num(p, GOALS__SDGC_MIN_YEARS) || tl == b.t) {
        r->note = "too few observations from the base year on";
        return GOALS_OK;
    }

    if (!has_target) {
        double v = d * goals__m_cagr(yl, b.y, tl, b.t);
        if (isnan(v)) {
            r->note = "growth rate undefined (base value zero, or values of opposite sign)";
            return GOALS_OK;
        }
        r->figure = v;
        band(r, p, v, goals__m_num(p, GOALS__SDGC_M1_HIGH), goals__m_num(p, GOALS__SDGC_M1_MED),
             goals__m_num(p, GOALS__SDGC_M1_LOW), GOALS__SDGC_M1_CAT_HIGH, style->m1_strict_upper,
             style->m1_low_status);
        return GOALS_OK;
    }

    const double target = in->target == 0 ? goals__m_num(p, GOALS__SDGC_ZERO) : in->target;
    if (goals__m_meets(yl, target, d)) {
        goals__m_set(r, p, GOALS__ST_ACHIEVED, GOALS__SDGC_CAT_ACHIEVED);
        return GOALS_OK;
    }
    const double T = goals__m_or(in->target_t, goals__m_num(p, GOALS__SDGC_TARGET_YEAR));
    const double co = goals__m_cagr(yl, b.y, tl, b.t);
    const double cr = goals__m_cagr(target, b.y, T, b.t);
    if (cr == 0 && !isnan(co)) {
        /* Upstream divides by zero here. The target equals the base value
         * and is not met: the value moved the wrong way. */
        goals__m_set(r, p, GOALS__ST_REGRESSING, GOALS__SDGC_M2_CAT_BELOW);
        r->note = "target equals the base value and is not met: moved away";
        return GOALS_OK;
    }
    const double v = co / cr;
    if (isnan(v)) {
        r->note = "growth rate undefined (base value zero, values of opposite sign, or target year at the base year)";
        return GOALS_OK;
    }
    r->figure = v;
    band(r, p, v, goals__m_num(p, GOALS__SDGC_M2_HIGH), goals__m_num(p, GOALS__SDGC_M2_MED),
         goals__m_num(p, GOALS__SDGC_M2_LOW), GOALS__SDGC_M2_CAT_HIGH, 0, GOALS__ST_OFF_TRACK);
    return GOALS_OK;
}
