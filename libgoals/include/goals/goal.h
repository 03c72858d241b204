/**
 * @file goal.h
 * @brief Goals: the plan's tree of visions, objectives, priorities, tasks.
 *
 * Goal handles are borrowed from their plan and valid until it is freed.
 */
#ifndef GOALS_GOAL_H
#define GOALS_GOAL_H

#include "common.h"

GOALS_BEGIN_DECL

/**
 * Adds a goal under @p parent (NULL: a top-level goal).
 * @param[out] out the new goal, borrowed from @p plan; may be NULL.
 * @param id unique among the plan's goals and targets (same rules as plan ids); copied.
 * @param kind a free word such as `vision`, `objective`, `priority`, `task`,
 *        `commitment`, `section`; NULL or "" for none; copied.
 * @return #GOALS_OK, #GOALS_EINVAL (bad id, or @p parent not of @p plan),
 *         #GOALS_EEXISTS (id taken) or #GOALS_ENOMEM.
 */
GOALS_API int goals_plan_add_goal(goals_goal **out, goals_plan *plan, goals_goal *parent,
                                  const char *id, const char *kind);

/** The goal's id; borrowed. */
GOALS_API const char *goals_goal_id(const goals_goal *goal);
/** The goal's kind, or "" when none; borrowed. */
GOALS_API const char *goals_goal_kind(const goals_goal *goal);
/** The goal's plan. */
GOALS_API goals_plan *goals_goal_plan(const goals_goal *goal);
/** The parent goal, or NULL for a top-level goal. */
GOALS_API goals_goal *goals_goal_parent(const goals_goal *goal);
/** Number of child goals. */
GOALS_API size_t goals_goal_child_count(const goals_goal *goal);
/** The @p index-th child goal; NULL when out of range. */
GOALS_API goals_goal *goals_goal_child_at(const goals_goal *goal, size_t index);
/** Number of targets attached directly to this goal. */
GOALS_API size_t goals_goal_target_count(const goals_goal *goal);
/** The @p index-th target of this goal; NULL when out of range. */
GOALS_API goals_target *goals_goal_target_at(const goals_goal *goal, size_t index);

/** Sets the title in @p lang (NULL: the plan's default language); copied. @return #GOALS_OK, #GOALS_EINVAL or #GOALS_ENOMEM. */
GOALS_API int goals_goal_set_title(goals_goal *goal, const char *lang, const char *text);
/** The title in @p lang, with the fallbacks of goals_plan_title(); "" when none; borrowed. */
GOALS_API const char *goals_goal_title(const goals_goal *goal, const char *lang);
/** Number of titles. */
GOALS_API size_t goals_goal_title_count(const goals_goal *goal);
/** The @p index-th title and its language ("" = default); NULL when out of range. */
GOALS_API const char *goals_goal_title_at(const goals_goal *goal, size_t index, const char **lang);

/** Sets the owner (a person or body responsible; copied; NULL clears). */
GOALS_API int goals_goal_set_owner(goals_goal *goal, const char *owner);
/** The owner, or NULL; borrowed. */
GOALS_API const char *goals_goal_owner(const goals_goal *goal);

/**
 * Sets the goal's weight in roll-ups (default 1).
 * @return #GOALS_OK, or #GOALS_ERANGE unless 0 <= weight < infinity.
 */
GOALS_API int goals_goal_set_weight(goals_goal *goal, double weight);
/** The goal's weight (1 unless set). */
GOALS_API double goals_goal_weight(const goals_goal *goal);

/**
 * Adds a task (an action, text only) at the end of the goal's tasks, with its
 * text in language @p lang (NULL: the plan's default). Copied.
 * @return #GOALS_OK, #GOALS_EINVAL or #GOALS_ENOMEM.
 */
GOALS_API int goals_goal_add_task(goals_goal *goal, const char *lang, const char *text);
/**
 * Sets the text of task @p index in language @p lang (NULL: default),
 * replacing the text in that language if any. Copied.
 * @return #GOALS_OK, #GOALS_EINVAL (index out of range) or #GOALS_ENOMEM.
 */
GOALS_API int goals_goal_set_task_text(goals_goal *goal, size_t index, const char *lang, const char *text);
/** Number of tasks. */
GOALS_API size_t goals_goal_task_count(const goals_goal *goal);
/** Task @p index in @p lang, with the fallbacks of goals_plan_title(); NULL when out of range; borrowed. */
GOALS_API const char *goals_goal_task(const goals_goal *goal, size_t index, const char *lang);
/** Number of languages task @p index is written in (0 when out of range). */
GOALS_API size_t goals_goal_task_text_count(const goals_goal *goal, size_t index);
/** Text @p i of task @p index and its language ("" = default); NULL when out of range; borrowed. */
GOALS_API const char *goals_goal_task_text_at(const goals_goal *goal, size_t index, size_t i, const char **lang);

GOALS_END_DECL

#endif /* GOALS_GOAL_H */
