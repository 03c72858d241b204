/**
 * @file evaluate.h
 * @brief Evaluate a plan's targets against its observations, as of a date.
 *
 * goals_evaluate() reads the observations whose period ended on or before
 * the as-of date and gives, for every target, its latest value, progress,
 * rates, projection and one status; then rolls the statuses up the goal tree.
 * The result is an immutable object owned by the caller.
 *
 * Evaluation only reads the plan: any number of evaluations of one plan may
 * run on many threads at once. The plan must not be changed while one runs,
 * and must outlive the evaluations made from it (results point into it).
 * docs/evaluation.md gives the rule of every target kind and method.
 */
#ifndef GOALS_EVALUATE_H
#define GOALS_EVALUATE_H

#include "common.h"
#include "period.h"

GOALS_BEGIN_DECL

/** An evaluation result. Owned by the caller; free with goals_evaluation_free(). */
typedef struct goals_evaluation goals_evaluation;
/** One target's result, borrowed from its evaluation. */
typedef struct goals_result goals_result;

/** The common statuses (contract: DESIGN.md). */
typedef enum goals_target_status {
    GOALS_STATUS_NO_DATA = 0,    /**< No observation to judge by. */
    GOALS_STATUS_PENDING = 1,    /**< Nothing to judge yet (event before its deadline, window not open …). */
    GOALS_STATUS_ACHIEVED = 2,   /**< The condition holds. */
    GOALS_STATUS_ON_TRACK = 3,   /**< Not met yet, and expected to be met by the deadline. */
    GOALS_STATUS_AT_RISK = 4,    /**< Progress, but too slow. */
    GOALS_STATUS_OFF_TRACK = 5,  /**< Little or no progress. */
    GOALS_STATUS_REGRESSING = 6, /**< Moving away from the target. */
    GOALS_STATUS_BREACHED = 7,   /**< A maintain condition failed in some period. */
    GOALS_STATUS_MISSED = 8      /**< The deadline has passed and it was not met. */
} goals_target_status;

/** Number of statuses (for count arrays). */
#define GOALS_STATUS_COUNT 9

/** The keyword of a status (`achieved`, `on_track` …); NULL when invalid. Static. */
GOALS_API const char *goals_target_status_name(goals_target_status status);
/** Parses a status keyword. @return #GOALS_OK or #GOALS_EINVAL. */
GOALS_API int goals_target_status_parse(goals_target_status *out, const char *name);

/** Options for goals_evaluate(). Initialise with #GOALS_EVAL_OPTIONS_INIT. */
typedef struct goals_eval_options {
    unsigned version;            /**< #GOALS_EVAL_OPTIONS_VERSION */
    const char *method;          /**< Method name (see goals_method_name_at()); NULL: `linear`. */
    const char *const *params;   /**< `NAME=VALUE` strings setting the method's parameters. */
    size_t param_count;          /**< Number of strings in @c params. */
    unsigned flags;              /**< GOALS_EVAL_* flags. */
} goals_eval_options;

/** Flags for goals_eval_options. */
enum {
    /** Use the options' method for every target, even one that names its own. */
    GOALS_EVAL_FORCE_METHOD = 1u << 0
};

#define GOALS_EVAL_OPTIONS_VERSION 1 /**< Current options version. */
/** Initialiser: method `linear`, no parameters. */
#define GOALS_EVAL_OPTIONS_INIT { GOALS_EVAL_OPTIONS_VERSION, NULL, NULL, 0, 0 }

/**
 * Evaluates @p plan as of the day @p as_of (a day number, see period.h).
 * @param[out] out the result, owned by the caller (goals_evaluation_free());
 *        NULL on error. It borrows from @p plan, which must outlive it.
 * @param opts options, or NULL for the defaults.
 * @return #GOALS_OK; #GOALS_ENOTFOUND (unknown method, also one named by a
 *         target); #GOALS_EINVAL (a parameter not NAME=VALUE, or unknown to
 *         the method); #GOALS_EPARSE (a parameter value that is not a
 *         number); #GOALS_ERANGE (a value outside the parameter's range);
 *         #GOALS_ENOMEM.
 */
GOALS_API int goals_evaluate(goals_evaluation **out, const goals_plan *plan, int32_t as_of,
                             const goals_eval_options *opts);

/** Frees an evaluation; its results become invalid. NULL is a no-op. */
GOALS_API void goals_evaluation_free(goals_evaluation *ev);

/** The plan evaluated. */
GOALS_API const goals_plan *goals_evaluation_plan(const goals_evaluation *ev);
/** The as-of day. */
GOALS_API int32_t goals_evaluation_as_of(const goals_evaluation *ev);
/** The default method's name; borrowed. */
GOALS_API const char *goals_evaluation_method(const goals_evaluation *ev);

/** Number of target results (the plan's targets, in plan order). */
GOALS_API size_t goals_evaluation_result_count(const goals_evaluation *ev);
/** The @p index-th result; NULL when out of range; borrowed from @p ev. */
GOALS_API const goals_result *goals_evaluation_result_at(const goals_evaluation *ev, size_t index);
/** The result of the target with id @p id, or NULL; borrowed. */
GOALS_API const goals_result *goals_evaluation_find_result(const goals_evaluation *ev, const char *id);

/**
 * Roll-up: the number of targets per status under @p goal (its whole
 * subtree), or under the whole plan when @p goal is NULL, into @p counts
 * (#GOALS_STATUS_COUNT entries, indexed by status).
 * @return #GOALS_OK, or #GOALS_EINVAL when @p goal is not of the plan.
 */
GOALS_API int goals_evaluation_counts(const goals_evaluation *ev, const goals_goal *goal,
                                      size_t counts[GOALS_STATUS_COUNT]);
/**
 * The status of @p goal (NULL: the plan): the worst among the targets
 * beneath it, in the order missed, breached, regressing, off_track, at_risk,
 * on_track, achieved; pending, then no_data, only when nothing else is there.
 */
GOALS_API goals_target_status goals_evaluation_status(const goals_evaluation *ev, const goals_goal *goal);
/**
 * The weighted score of @p goal (NULL: the plan) in [0, 1]: the mean of its
 * targets' scores (achieved 1, on_track 0.75, at_risk 0.5, off_track 0.25,
 * regressing, breached and missed 0), weighted by target weight and by
 * child-goal weight; pending and no_data targets are left out. NaN when
 * nothing beneath it can be scored.
 */
GOALS_API double goals_evaluation_score(const goals_evaluation *ev, const goals_goal *goal);

/** The target this result is for. */
GOALS_API const goals_target *goals_result_target(const goals_result *r);
/** The status. */
GOALS_API goals_target_status goals_result_status(const goals_result *r);
/** Whether the target is binding and missed or breached (1) or not (0). */
GOALS_API int goals_result_violation(const goals_result *r);
/**
 * The latest observation used: its period and value (in the measure's scale
 * × unit; for cumulative targets the running sum, for change targets the
 * change, as docs/evaluation.md says). @return 1 when there is one, 0 when not.
 */
GOALS_API int goals_result_latest(const goals_result *r, goals_period *period, double *value);
/**
 * The baseline used: its period and value, in the same terms as
 * goals_result_latest() so that progress = (latest - baseline) / (target -
 * baseline): the level for reach, rank and maintain; zero change at the
 * baseline period for change targets (the level it started from is the
 * target's own baseline or the observation of that period); none for
 * cumulative (sums start from zero) and average-growth targets (the latest
 * value is a rate). @p observed tells whether it was taken from the
 * observations (1) or given by the target (0).
 * @return 1 when there is one, 0 when not.
 */
GOALS_API int goals_result_baseline(const goals_result *r, goals_period *period, double *value, int *observed);
/** Progress ratio (latest - baseline) / (target - baseline); NaN when undefined. */
GOALS_API double goals_result_progress(const goals_result *r);
/** The rate needed per year from the latest value to reach the target by the deadline; NaN when undefined. */
GOALS_API double goals_result_required_rate(const goals_result *r);
/** The actual rate per year from the baseline to the latest value; NaN when undefined. */
GOALS_API double goals_result_actual_rate(const goals_result *r);
/** The value projected at the deadline on the current trend; NaN when undefined. */
GOALS_API double goals_result_projected(const goals_result *r);
/** Days from the as-of day to the end of the deadline (negative after it); 0 without a deadline. */
GOALS_API int64_t goals_result_days_left(const goals_result *r);
/** The method that judged this target; borrowed, static. */
GOALS_API const char *goals_result_method(const goals_result *r);
/** The method's own figure (sdg-build's P, Eurostat's ratio …); NaN when none. */
GOALS_API double goals_result_assessment_value(const goals_result *r);
/** The method's own category name (`moderate_progress` …), or NULL; borrowed, static. */
GOALS_API const char *goals_result_assessment_category(const goals_result *r);
/** A short English explanation of the status ("2 of 12 periods so far" …); borrowed, never NULL. */
GOALS_API const char *goals_result_note(const goals_result *r);

/** Number of evaluation methods. */
GOALS_API size_t goals_method_count(void);
/** The @p index-th method's name (`linear`, `sdg-build` …); NULL when out of range. Static. */
GOALS_API const char *goals_method_name_at(size_t index);
/** A one-line description of method @p name; NULL when unknown. Static. */
GOALS_API const char *goals_method_description(const char *name);
/** Number of parameters of method @p name (0 when unknown). */
GOALS_API size_t goals_method_param_count(const char *name);
/**
 * The @p index-th parameter of method @p name: its name (returned), its
 * default as text (a number, or a category name) through @p default_text, and
 * its description through @p doc (either may be NULL). NULL when out of
 * range. The name and doc are static; the default text stays valid until the
 * next call of this function on the same thread.
 */
GOALS_API const char *goals_method_param_at(const char *name, size_t index, const char **default_text,
                                            const char **doc);

GOALS_END_DECL

#endif /* GOALS_EVALUATE_H */
