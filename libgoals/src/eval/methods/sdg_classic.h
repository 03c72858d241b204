/* Internal to eval/methods/: the engine that sdg-build's two earlier
 * generations share (sdg_build_2022.c, sdg_build_2023.c). They differ only
 * in thresholds, category names and the comparison operators of their
 * no-target branch, which each passes in. */
#ifndef GOALS_EVAL_METHODS_SDG_CLASSIC_H
#define GOALS_EVAL_METHODS_SDG_CLASSIC_H

#include "eval/methods/common.h"

/* Parameter layout both generations use. */
enum {
    GOALS__SDGC_BASE_YEAR, GOALS__SDGC_TARGET_YEAR, GOALS__SDGC_MIN_YEARS,
    GOALS__SDGC_M1_HIGH, GOALS__SDGC_M1_MED, GOALS__SDGC_M1_LOW,
    GOALS__SDGC_M2_HIGH, GOALS__SDGC_M2_MED, GOALS__SDGC_M2_LOW,
    GOALS__SDGC_ZERO,
    GOALS__SDGC_CAT_ACHIEVED,
    GOALS__SDGC_M1_CAT_HIGH, GOALS__SDGC_M1_CAT_MED, GOALS__SDGC_M1_CAT_LOW, GOALS__SDGC_M1_CAT_BELOW,
    GOALS__SDGC_M2_CAT_HIGH, GOALS__SDGC_M2_CAT_MED, GOALS__SDGC_M2_CAT_LOW, GOALS__SDGC_M2_CAT_BELOW,
    GOALS__SDGC_CAT_NONE,
    GOALS__SDGC_COUNT
};

typedef struct goals__sdgc_style {
    /* 2022 draft: no-target bands are (high, inf), (med, high], [low, med],
     * below low; 2023: [high, inf), [med, high), [low, med), below low. */
    int m1_strict_upper;
    /* Common status of the no-target low band: the 2022 draft calls it
     * moderate deterioration (regressing), 2023 limited progress (off_track). */
    goals__status m1_low_status;
} goals__sdgc_style;

int goals__sdgc_run(const goals__method_input *in, const goals__method_params *p,
                    goals__method_result *r, const goals__sdgc_style *style);

#endif
