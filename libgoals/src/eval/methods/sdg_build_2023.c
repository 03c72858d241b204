/* sdg-build-2023 (generation 2): the progress measure of open-sdg/sdg-build
 * pull request #318 (sdg/ProgressMeasure.py at 6d3d128), wired into
 * OutputOpenSdg but never merged into a release branch. */
#include "eval/methods/sdg_classic.h"

static const goals__param_desc params[GOALS__SDGC_COUNT] = {
    [GOALS__SDGC_BASE_YEAR] = GOALS__P_YEAR("base_year", 2015, "base year when the target has no baseline; the next observed year if not observed"),
    [GOALS__SDGC_TARGET_YEAR] = GOALS__P_YEAR("target_year", 2030, "target year when the target has no deadline"),
    [GOALS__SDGC_MIN_YEARS] = GOALS__P_NUM("min_years", 1, 0, 1e4, "latest minus base year below this: not assessable"),
    [GOALS__SDGC_M1_HIGH] = GOALS__P_ANY("m1_high", 0.015, "no target: direction-adjusted CAGR at or above this is on track"),
    [GOALS__SDGC_M1_MED] = GOALS__P_ANY("m1_med", 0.005, "no target: at or above this needs acceleration"),
    [GOALS__SDGC_M1_LOW] = GOALS__P_ANY("m1_low", 0, "no target: at or above this is limited progress, below deterioration"),
    [GOALS__SDGC_M2_HIGH] = GOALS__P_ANY("m2_high", 0.95, "target: CAGR ratio at or above this is on track"),
    [GOALS__SDGC_M2_MED] = GOALS__P_ANY("m2_med", 0.6, "target: at or above this needs acceleration"),
    [GOALS__SDGC_M2_LOW] = GOALS__P_ANY("m2_low", 0, "target: at or above this is limited progress, below deterioration"),
    [GOALS__SDGC_ZERO] = GOALS__P_ANY("zero_value", 0.001, "a target of exactly 0 is replaced by this"),
    [GOALS__SDGC_CAT_ACHIEVED] = GOALS__P_TEXT("cat_achieved", "target_achieved", "category: the latest value meets the target"),
    [GOALS__SDGC_M1_CAT_HIGH] = GOALS__P_TEXT("m1_cat_high", "on_track", "no target: top category"),
    [GOALS__SDGC_M1_CAT_MED] = GOALS__P_TEXT("m1_cat_med", "progress_needs_acceleration", "no target: middle category"),
    [GOALS__SDGC_M1_CAT_LOW] = GOALS__P_TEXT("m1_cat_low", "limited_progress", "no target: low category"),
    [GOALS__SDGC_M1_CAT_BELOW] = GOALS__P_TEXT("m1_cat_below", "deterioration", "no target: below the low threshold"),
    [GOALS__SDGC_M2_CAT_HIGH] = GOALS__P_TEXT("m2_cat_high", "on_track", "target: top category"),
    [GOALS__SDGC_M2_CAT_MED] = GOALS__P_TEXT("m2_cat_med", "progress_needs_acceleration", "target: middle category"),
    [GOALS__SDGC_M2_CAT_LOW] = GOALS__P_TEXT("m2_cat_low", "limited_progress", "target: low category"),
    [GOALS__SDGC_M2_CAT_BELOW] = GOALS__P_TEXT("m2_cat_below", "deterioration", "target: below the low threshold"),
    [GOALS__SDGC_CAT_NONE] = GOALS__P_TEXT("cat_none", "", "category when not assessable (upstream returns None: empty)"),
};

static const goals__sdgc_style style = { 0, GOALS__ST_OFF_TRACK };

static int run(const goals__method_input *in, const goals__method_params *p, goals__method_result *r)
{
    return goals__sdgc_run(in, p, r, &style);
}

const goals__method goals__method_sdg_build_2023 = {
    "sdg-build-2023",
    "Open SDG sdg-build progress measure, 2023 generation (PR #318): CAGR or CAGR ratio, 4 categories",
    params, GOALS__SDGC_COUNT, run,
};
