/**
 * @file measure.h
 * @brief Measures (indicators): unit, scale, frequency, names, derivation.
 *
 * A measure's values are in `scale × unit`: unit `CNY` with scale 1e8 means
 * values in 亿元. Measure handles are borrowed from their plan.
 */
#ifndef GOALS_MEASURE_H
#define GOALS_MEASURE_H

#include "common.h"

GOALS_BEGIN_DECL

/** What the measure's values are. */
typedef enum goals_rate {
    GOALS_RATE_NONE = 0,      /**< Levels (the default): a value is the quantity itself. */
    GOALS_RATE_GROWTH = 1,    /**< Each value is the period's growth in percent over the previous period. */
    GOALS_RATE_REDUCTION = 2  /**< Each value is the period's reduction in percent from the previous period. */
} goals_rate;

/** The way a derived measure is computed from two others, per period. */
typedef enum goals_derivation {
    GOALS_DERIVED_NONE = 0,   /**< Observed, not derived. */
    GOALS_DERIVED_RATIO = 1,  /**< numerator / denominator */
    GOALS_DERIVED_SHARE = 2   /**< numerator / denominator × 100 (a percentage) */
} goals_derivation;

/** The direction in which a measure improves, where known. */
typedef enum goals_direction {
    GOALS_DIRECTION_NONE = 0,     /**< Unknown or irrelevant. */
    GOALS_DIRECTION_INCREASE = 1, /**< Higher is better. */
    GOALS_DIRECTION_DECREASE = 2  /**< Lower is better. */
} goals_direction;

/**
 * Adds a measure.
 * @param[out] out the new measure, borrowed from @p plan; may be NULL.
 * @param id unique among the plan's measures (same rules as plan ids); copied.
 * @param unit unit text (see unit.h); NULL or "" for a dimensionless count; copied.
 * @param scale the multiplier of @p unit the values are in (1 for none);
 *        finite and > 0.
 * @return #GOALS_OK, #GOALS_EINVAL (bad id), #GOALS_EEXISTS, #GOALS_EUNIT
 *         (unknown unit), #GOALS_ERANGE (bad scale) or #GOALS_ENOMEM.
 */
GOALS_API int goals_plan_add_measure(goals_measure **out, goals_plan *plan, const char *id,
                                     const char *unit, double scale);

/** The measure's id; borrowed. */
GOALS_API const char *goals_measure_id(const goals_measure *measure);
/** The measure's plan. */
GOALS_API goals_plan *goals_measure_plan(const goals_measure *measure);
/** The unit text as given, "" for none; borrowed. */
GOALS_API const char *goals_measure_unit(const goals_measure *measure);
/** The scale (1 unless set). */
GOALS_API double goals_measure_scale(const goals_measure *measure);

/** Sets the name in @p lang (NULL: default); copied. @return #GOALS_OK, #GOALS_EINVAL or #GOALS_ENOMEM. */
GOALS_API int goals_measure_set_name(goals_measure *measure, const char *lang, const char *text);
/** The name in @p lang with the fallbacks of goals_plan_title(); "" when none; borrowed. */
GOALS_API const char *goals_measure_name(const goals_measure *measure, const char *lang);
/** Number of names. */
GOALS_API size_t goals_measure_name_count(const goals_measure *measure);
/** The @p index-th name and its language ("" = default); NULL when out of range. */
GOALS_API const char *goals_measure_name_at(const goals_measure *measure, size_t index, const char **lang);

/**
 * Sets the frequency of observation: a word such as `annual`, `quarterly`,
 * `monthly`, `daily`, `event`, `irregular` (copied; NULL clears).
 */
GOALS_API int goals_measure_set_frequency(goals_measure *measure, const char *frequency);
/** The frequency, or "" when none; borrowed. */
GOALS_API const char *goals_measure_frequency(const goals_measure *measure);

/** Sets the definition text (copied; NULL clears). */
GOALS_API int goals_measure_set_definition(goals_measure *measure, const char *definition);
/** The definition, or NULL; borrowed. */
GOALS_API const char *goals_measure_definition(const goals_measure *measure);

/** Sets the scope, e.g. the area or body it covers ("航埠生态工业园"; copied; NULL clears). */
GOALS_API int goals_measure_set_scope(goals_measure *measure, const char *scope);
/** The scope, or NULL; borrowed. */
GOALS_API const char *goals_measure_scope(const goals_measure *measure);

/** Sets what the values are (levels, or per-period growth or reduction rates). @return #GOALS_OK or #GOALS_EINVAL. */
GOALS_API int goals_measure_set_rate(goals_measure *measure, goals_rate rate);
/** What the values are. */
GOALS_API goals_rate goals_measure_rate(const goals_measure *measure);

/** Sets the direction in which the measure improves. @return #GOALS_OK or #GOALS_EINVAL. */
GOALS_API int goals_measure_set_direction(goals_measure *measure, goals_direction direction);
/** The direction in which the measure improves. */
GOALS_API goals_direction goals_measure_direction(const goals_measure *measure);

/**
 * Makes @p measure derived: its value for a period is computed from the
 * values of @p numerator and @p denominator for that same period.
 * Observations may not be added to a derived measure.
 * @return #GOALS_OK, #GOALS_EINVAL (a part is this measure, is of another
 *         plan, or the derivation would form a cycle) or #GOALS_EEXISTS (the
 *         measure already has observations).
 */
GOALS_API int goals_measure_set_derived(goals_measure *measure, goals_derivation how,
                                        goals_measure *numerator, goals_measure *denominator);
/** How the measure is derived (#GOALS_DERIVED_NONE for an observed measure). */
GOALS_API goals_derivation goals_measure_derivation(const goals_measure *measure);
/** The numerator of a derived measure, or NULL. */
GOALS_API goals_measure *goals_measure_numerator(const goals_measure *measure);
/** The denominator of a derived measure, or NULL. */
GOALS_API goals_measure *goals_measure_denominator(const goals_measure *measure);

GOALS_END_DECL

#endif /* GOALS_MEASURE_H */
