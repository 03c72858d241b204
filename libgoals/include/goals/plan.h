/**
 * @file plan.h
 * @brief The plan: create, free, describe, and reach its goals, measures and targets.
 *
 * A plan owns everything in it. Reading a plan (any getter, any iteration,
 * any evaluation) is safe from many threads at once; changing it (any
 * `_add_` or `_set_` function) is not safe while another thread reads it.
 *
 * Plan order: goals are listed depth-first in document order (a parent before
 * its children, siblings in the order added); targets in the order of their
 * goals, then the order added; measures in the order added.
 */
#ifndef GOALS_PLAN_H
#define GOALS_PLAN_H

#include "common.h"
#include "period.h"

GOALS_BEGIN_DECL

/**
 * Creates an empty plan.
 * @param[out] out the new plan, owned by the caller (free with goals_plan_free()).
 * @param id the plan's id (copied); a non-empty XML NCName-like token
 *        (letters, digits, `-`, `_`, `.`; not starting with a digit, `-` or `.`).
 * @return #GOALS_OK, #GOALS_EINVAL (bad id) or #GOALS_ENOMEM; *out is NULL on error.
 */
GOALS_API int goals_plan_new(goals_plan **out, const char *id);

/** Frees a plan and everything it owns; every borrowed handle becomes invalid. NULL is a no-op. */
GOALS_API void goals_plan_free(goals_plan *plan);

/** The plan's id; borrowed, valid while the plan lives. */
GOALS_API const char *goals_plan_id(const goals_plan *plan);

/**
 * Sets the plan's default language (a BCP 47 tag such as `zh` or `en`),
 * the language of texts given without one. Copied.
 * @return #GOALS_OK, #GOALS_EINVAL or #GOALS_ENOMEM.
 */
GOALS_API int goals_plan_set_lang(goals_plan *plan, const char *lang);

/** The plan's default language, or "" when none was set; borrowed. */
GOALS_API const char *goals_plan_lang(const goals_plan *plan);

/**
 * Sets the plan's title in language @p lang (NULL: the plan's default
 * language), replacing an earlier title in that language. Both copied.
 * @return #GOALS_OK, #GOALS_EINVAL or #GOALS_ENOMEM.
 */
GOALS_API int goals_plan_set_title(goals_plan *plan, const char *lang, const char *text);

/**
 * The plan's title in @p lang; with NULL, or when there is none in @p lang,
 * the title in the default language, else the first title, else "".
 * Borrowed; valid until the plan's titles change or the plan is freed.
 */
GOALS_API const char *goals_plan_title(const goals_plan *plan, const char *lang);

/** How many titles (languages) the plan has. */
GOALS_API size_t goals_plan_title_count(const goals_plan *plan);

/**
 * The @p index-th title in the order set; its language through @p lang
 * ("" for the default language). Borrowed. NULL when @p index is out of range.
 */
GOALS_API const char *goals_plan_title_at(const goals_plan *plan, size_t index, const char **lang);

/** Sets the issuing body (copied; NULL clears). @return #GOALS_OK or #GOALS_ENOMEM. */
GOALS_API int goals_plan_set_issuer(goals_plan *plan, const char *issuer);
/** The issuing body, or NULL; borrowed. */
GOALS_API const char *goals_plan_issuer(const goals_plan *plan);

/** Sets the date of issue (a day number, see period.h). @return #GOALS_OK or #GOALS_EPERIOD. */
GOALS_API int goals_plan_set_issued(goals_plan *plan, int32_t date);
/** The date of issue through @p date. @return 1 when set, 0 when not. */
GOALS_API int goals_plan_issued(const goals_plan *plan, int32_t *date);

/** Sets the horizon: the period the plan covers (copied). NULL clears. @return #GOALS_OK or #GOALS_EPERIOD. */
GOALS_API int goals_plan_set_horizon(goals_plan *plan, const goals_period *horizon);
/** The horizon through @p horizon. @return 1 when set, 0 when not. */
GOALS_API int goals_plan_horizon(const goals_plan *plan, goals_period *horizon);

/** Sets the reference of the plan's source text (a URL or citation; copied; NULL clears). */
GOALS_API int goals_plan_set_source(goals_plan *plan, const char *source);
/** The source reference, or NULL; borrowed. */
GOALS_API const char *goals_plan_source(const goals_plan *plan);

/** Number of goals in the whole tree. */
GOALS_API size_t goals_plan_goal_count(const goals_plan *plan);
/** The @p index-th goal in plan order (depth-first); borrowed; NULL when out of range. */
GOALS_API goals_goal *goals_plan_goal_at(const goals_plan *plan, size_t index);
/** Number of top-level goals. */
GOALS_API size_t goals_plan_root_count(const goals_plan *plan);
/** The @p index-th top-level goal; borrowed; NULL when out of range. */
GOALS_API goals_goal *goals_plan_root_at(const goals_plan *plan, size_t index);
/** The goal with id @p id (hash lookup), or NULL; borrowed. */
GOALS_API goals_goal *goals_plan_find_goal(const goals_plan *plan, const char *id);

/** Number of measures. */
GOALS_API size_t goals_plan_measure_count(const goals_plan *plan);
/** The @p index-th measure in the order added; borrowed; NULL when out of range. */
GOALS_API goals_measure *goals_plan_measure_at(const goals_plan *plan, size_t index);
/** The measure with id @p id (hash lookup), or NULL; borrowed. */
GOALS_API goals_measure *goals_plan_find_measure(const goals_plan *plan, const char *id);

/** Number of targets in the whole plan. */
GOALS_API size_t goals_plan_target_count(const goals_plan *plan);
/** The @p index-th target in plan order; borrowed; NULL when out of range. */
GOALS_API goals_target *goals_plan_target_at(const goals_plan *plan, size_t index);
/** The target with id @p id (hash lookup), or NULL; borrowed. */
GOALS_API goals_target *goals_plan_find_target(const goals_plan *plan, const char *id);

/** Total number of observations over all measures. */
GOALS_API size_t goals_plan_observation_count(const goals_plan *plan);

/**
 * Compares two plans by content (ids, texts, attributes, tree, measures,
 * targets, observations; not by memory).
 * @return 1 when equal, 0 when not.
 */
GOALS_API int goals_plan_equal(const goals_plan *a, const goals_plan *b);

GOALS_END_DECL

#endif /* GOALS_PLAN_H */
