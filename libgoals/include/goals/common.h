/**
 * @file common.h
 * @brief Export macros, C++ guards and the opaque handle types of libgoals.
 *
 * Every public header includes this one. Handles are opaque: their layout is
 * private and may change within an ABI version. A handle obtained from a plan
 * (goal, measure, target, observation) is *borrowed*: the plan owns it, and it
 * stays valid until the plan is freed (observation handles: until the plan's
 * observations of that measure change). Only handles returned through an
 * `out` parameter of a `_new`, `_load` or `_evaluate` function are owned by
 * the caller, who releases them with the matching `_free` function.
 */
#ifndef GOALS_COMMON_H
#define GOALS_COMMON_H

#include <stddef.h>
#include <stdint.h>

/** @cond GOALS_INTERNAL */
#if defined(_WIN32) && !defined(GOALS_STATIC)
#  ifdef GOALS_BUILDING
#    define GOALS_API __declspec(dllexport)
#  else
#    define GOALS_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && !defined(GOALS_STATIC)
#  define GOALS_API __attribute__((visibility("default")))
#else
#  define GOALS_API
#endif

#ifdef __cplusplus
#  define GOALS_BEGIN_DECL extern "C" {
#  define GOALS_END_DECL }
#else
#  define GOALS_BEGIN_DECL
#  define GOALS_END_DECL
#endif
/** @endcond */

GOALS_BEGIN_DECL

/** A plan: the root of the model. Owned by the caller; free with goals_plan_free(). */
typedef struct goals_plan goals_plan;
/** A goal (vision, objective, priority, task …) in a plan's goal tree. Borrowed from its plan. */
typedef struct goals_goal goals_goal;
/** A measure (indicator) with its unit and scale. Borrowed from its plan. */
typedef struct goals_measure goals_measure;
/** A target on one measure. Borrowed from its plan. */
typedef struct goals_target goals_target;
/** One observed value of a measure. Borrowed from its plan. */
typedef struct goals_observation goals_observation;

/**
 * Frees memory that libgoals allocated and handed to the caller (strings and
 * buffers documented as "free with goals_free()"). NULL is a no-op.
 */
GOALS_API void goals_free(void *ptr);

GOALS_END_DECL

#endif /* GOALS_COMMON_H */
