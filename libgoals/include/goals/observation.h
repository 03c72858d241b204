/**
 * @file observation.h
 * @brief Observations: observed values of a measure, one per period (and dimensions).
 *
 * A measure keeps its observations sorted by period (goals_period_compare()).
 * Measure, period and dimensions identify an observation: a second value for
 * the same key is an error unless #GOALS_OBS_REPLACE is given. Observations
 * without dimensions are the totals that evaluation uses; disaggregated ones
 * (sex=female, a location …) are kept, saved and reported.
 *
 * Observation handles are borrowed from the plan and stay valid until
 * observations of the same measure are added or the plan is freed.
 */
#ifndef GOALS_OBSERVATION_H
#define GOALS_OBSERVATION_H

#include "common.h"
#include "period.h"

#include <math.h> /* NAN, for GOALS_OBSERVATION_INPUT_INIT */

GOALS_BEGIN_DECL

/** Flags for adding observations. */
enum {
    /** A value for an existing key replaces the old one instead of failing. */
    GOALS_OBS_REPLACE = 1u << 0
};

/**
 * All the details of one observation, for goals_measure_add_observation_ex().
 * Every string is copied; any may be NULL.
 */
typedef struct goals_observation_input {
    unsigned version;          /**< #GOALS_OBSERVATION_INPUT_VERSION */
    goals_period period;       /**< The period observed. */
    double value;              /**< The value; NaN when there is only text (an outcome or assessment). */
    const char *unit;          /**< Unit of @c value; NULL or "": the measure's own scale × unit. */
    const char *text;          /**< Outcome or assessment text, or the raw text of a value that could not be read. */
    const char *source;        /**< Where the value was published. */
    const char *note;          /**< A note. */
    const char *const *dimensions; /**< @c dimension_count name/value pairs: name0, value0, name1, value1 … */
    size_t dimension_count;    /**< Number of pairs in @c dimensions. */
    const char *origin;        /**< The file it came from, for messages (NULL: the API). */
    unsigned long origin_line; /**< Its line in @c origin (0: unknown). */
    unsigned flags;            /**< GOALS_OBS_* flags. */
} goals_observation_input;

/** The current version of goals_observation_input. */
#define GOALS_OBSERVATION_INPUT_VERSION 1
/** Initialiser: no value, no text, no dimensions. */
#define GOALS_OBSERVATION_INPUT_INIT { GOALS_OBSERVATION_INPUT_VERSION, {0, 0, GOALS_PERIOD_YEAR}, \
    NAN, NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }

/**
 * Adds one observation of @p value for @p period, in the measure's scale × unit.
 * @param source where it was published (copied; may be NULL).
 * @return #GOALS_OK; #GOALS_EINVAL (derived measure, bad period);
 *         #GOALS_ERANGE (NaN or infinite value); #GOALS_EEXISTS (a value for
 *         that period exists; the message names where it came from);
 *         #GOALS_ENOMEM.
 */
GOALS_API int goals_measure_add_observation(goals_measure *measure, const goals_period *period,
                                            double value, const char *source);

/**
 * Adds one observation with all its details. On failure nothing is added.
 * @return as goals_measure_add_observation(), and #GOALS_EUNIT when @c unit
 *         does not convert; #GOALS_EINVAL also for an unknown @c version or an
 *         observation with neither value nor text.
 */
GOALS_API int goals_measure_add_observations_ex(goals_measure *measure,
                                                const goals_observation_input *inputs, size_t count);

/**
 * Adds @p count observations in one call, from parallel arrays of periods and
 * values in the measure's scale × unit (the bulk path for arrays, numpy and
 * pandas). All or nothing: on failure none is added.
 * @param flags GOALS_OBS_* flags.
 * @return as goals_measure_add_observation(); on a duplicate the message
 *         names the index in the arrays.
 */
GOALS_API int goals_measure_add_observations(goals_measure *measure, size_t count,
                                             const goals_period *periods, const double *values,
                                             unsigned flags);

/** Number of observations of the measure (with and without dimensions). */
GOALS_API size_t goals_measure_observation_count(const goals_measure *measure);
/** The @p index-th observation in period order; NULL when out of range; borrowed. */
GOALS_API const goals_observation *goals_measure_observation_at(const goals_measure *measure, size_t index);
/**
 * The observation without dimensions for exactly @p period (binary search),
 * or NULL; borrowed.
 */
GOALS_API const goals_observation *goals_measure_find_observation(const goals_measure *measure,
                                                                  const goals_period *period);

/** The observation's period. */
GOALS_API goals_period goals_observation_period(const goals_observation *obs);
/** The value in the measure's scale × unit; NaN when the observation has only text. */
GOALS_API double goals_observation_value(const goals_observation *obs);
/** The outcome, assessment or raw text, or NULL; borrowed. */
GOALS_API const char *goals_observation_text(const goals_observation *obs);
/** The source, or NULL; borrowed. */
GOALS_API const char *goals_observation_source(const goals_observation *obs);
/** The note, or NULL; borrowed. */
GOALS_API const char *goals_observation_note(const goals_observation *obs);
/** Number of dimension pairs (0 for a total). */
GOALS_API size_t goals_observation_dimension_count(const goals_observation *obs);
/**
 * The @p index-th dimension's name, and its value through @p value. NULL when
 * out of range; borrowed.
 */
GOALS_API const char *goals_observation_dimension_at(const goals_observation *obs, size_t index,
                                                     const char **value);
/**
 * Where the observation came from: file (NULL for the API) and line (0 when
 * unknown). Either pointer may be NULL.
 */
GOALS_API void goals_observation_origin(const goals_observation *obs, const char **file,
                                        unsigned long *line);

GOALS_END_DECL

#endif /* GOALS_OBSERVATION_H */
