/* sdg-build-2022 (generation 1): the 2022 draft of Open SDG's progress
 * measure (open-sdg/sdg-build 749d6d3, tests/ProgressMeasure_test.py),
 * with Eurostat-like no-target thresholds and category names. */
#include "eval/methods/sdg_classic.h"

static const goals__param_desc params[GOALS__SDGC_COUNT] = {
    [GOALS__SDGC_BASE_YEAR] = GOALS__P_YEAR("base_year", 2015, "base year when the target has no baseline; the next observed year if not observed"),
    [GOALS__SDGC_TARGET_YEAR] = GOALS__P_YEAR("target_year", 2030, "target year when the target has no deadline"),
    [GOALS__SDGC_MIN_YEARS] = GOALS__P_NUM("min_years", 1, 0, 1e4, "latest minus base year below this: not assessable"),
    [GOALS__SDGC_M1_HIGH] = GOALS__P_ANY("m1_high", 0.01, "no target: direction-adjusted CAGR above this is substantial progress"),
    [GOALS__SDGC_M1_MED] = GOALS__P_ANY("m1_med", 0, "no target: above this (up to m1_high) is moderate progress"),
    [GOALS__SDGC_M1_LOW] = GOALS__P_ANY("m1_low", -0.01, "no target: from this to m1_med is moderate deterioration, below significant"),
    [GOALS__SDGC_M2_HIGH] = GOALS__P_ANY("m2_high", 0.95, "target: CAGR ratio at or above this is substantial progress"),
    [GOALS__SDGC_M2_MED] = GOALS__P_ANY("m2_med", 0.6, "target: at or above this is moderate progress"),
    [GOALS__SDGC_M2_LOW] = GOALS__P_ANY("m2_low", 0, "target: at or above this is the low category, below deterioration"),
    [GOALS__SDGC_ZERO] = GOALS__P_ANY("zero_value", 0.001, "a target of exactly 0 is replaced by this"),
    [GOALS__SDGC_CAT_ACHIEVED] = GOALS__P_TEXT("cat_achieved", "target_achieved", "category: the latest value meets the target"),
    [GOALS__SDGC_M1_CAT_HIGH] = GOALS__P_TEXT("m1_cat_high", "substantial_progress", "no target: top category"),
    [GOALS__SDGC_M1_CAT_MED] = GOALS__P_TEXT("m1_cat_med", "moderate_progress", "no target: middle category"),
    [GOALS__SDGC_M1_CAT_LOW] = GOALS__P_TEXT("m1_cat_low", "moderate_deterioration", "no target: low band (includes zero growth)"),
    [GOALS__SDGC_M1_CAT_BELOW] = GOALS__P_TEXT("m1_cat_below", "significant_deterioration", "no target: below m1_low"),
    [GOALS__SDGC_M2_CAT_HIGH] = GOALS__P_TEXT("m2_cat_high", "substantial_progress", "target: top category"),
    [GOALS__SDGC_M2_CAT_MED] = GOALS__P_TEXT("m2_cat_med", "moderate_progress", "target: middle category"),
    [GOALS__SDGC_M2_CAT_LOW] = GOALS__P_TEXT("m2_cat_low", "limited_progress", "target: low category (name not confirmed)"),
    [GOALS__SDGC_M2_CAT_BELOW] = GOALS__P_TEXT("m2_cat_below", "deterioration", "target: below the low threshold"),
    [GOALS__SDGC_CAT_NONE] = GOALS__P_TEXT("cat_none", "", "category when not assessable (upstream returns None: empty)"),
};

/* Its no-target low band is a deterioration, so it maps to regressing. */
static const goals__sdgc_style style = { 1, GOALS__ST_REGRESSING };

static int run(const goals__method_input *in, const goals__method_params *p, goals__method_result *r)
{
    return goals__sdgc_run(in, p, r, &style);
}

const goals__method goals__method_sdg_build_2022 = {
    "sdg-build-2022",
    "Open SDG sdg-build progress measure, 2022 draft: Eurostat-like thresholds 1%/0/-1%",
    params, GOALS__SDGC_COUNT, run,
};
