/**
 * @file target.h
 * @brief Targets: what a measure should reach, how, and by when.
 *
 * A target belongs to a goal and is set on one measure. Its value may be
 * given in another scale of the measure's unit (`320` in `亿元` on a measure
 * in CNY): the value as given is kept for saving, and the value converted to
 * the measure's `scale × unit` is what evaluation uses.
 * Target handles are borrowed from their plan.
 */
#ifndef GOALS_TARGET_H
#define GOALS_TARGET_H

#include "common.h"
#include "period.h"

GOALS_BEGIN_DECL

/** The kinds of target (DESIGN.md's table). */
typedef enum goals_target_kind {
    GOALS_KIND_REACH = 1,          /**< The value meets the comparator by the deadline. */
    GOALS_KIND_CUMULATIVE = 2,     /**< The sum over the window meets it. */
    GOALS_KIND_CHANGE = 3,         /**< The change from the baseline meets it. */
    GOALS_KIND_AVERAGE_GROWTH = 4, /**< The annual average growth over the window meets it (percent). */
    GOALS_KIND_RELATIVE = 5,       /**< Each period's value compared with another measure's. */
    GOALS_KIND_MAINTAIN = 6,       /**< Every period in the window meets it. */
    GOALS_KIND_STREAK = 7,         /**< N consecutive periods meet it. */
    GOALS_KIND_MILESTONE = 8,      /**< An event happens by the deadline. */
    GOALS_KIND_RANK = 9,           /**< A rank stays within k (op le, value k). */
    GOALS_KIND_QUALITATIVE = 10    /**< Judged, with an assessment text. */
} goals_target_kind;

/** Comparators. */
typedef enum goals_op {
    GOALS_OP_NONE = 0,     /**< No comparator (milestone, qualitative). */
    GOALS_OP_GE = 1,       /**< value >= target */
    GOALS_OP_GT = 2,       /**< value > target */
    GOALS_OP_LE = 3,       /**< value <= target */
    GOALS_OP_LT = 4,       /**< value < target */
    GOALS_OP_EQ = 5,       /**< value == target */
    GOALS_OP_BETWEEN = 6,  /**< low <= value <= high */
    GOALS_OP_INCREASE = 7, /**< a direction alone, no number */
    GOALS_OP_DECREASE = 8  /**< a direction alone, no number */
} goals_op;

/** How binding a target is. */
typedef enum goals_attribute {
    GOALS_ATTR_NONE = 0,     /**< Not stated. */
    GOALS_ATTR_BINDING = 1,  /**< 约束性: binding. */
    GOALS_ATTR_EXPECTED = 2, /**< 预期性: expected, indicative. */
    GOALS_ATTR_STRETCH = 3   /**< 力争: stretch, strive for. */
} goals_attribute;

/** How a change target measures change from its baseline. */
typedef enum goals_change_mode {
    GOALS_CHANGE_ABSOLUTE = 0, /**< latest - baseline, in the measure's unit. */
    GOALS_CHANGE_PERCENT = 1   /**< (latest / baseline - 1) × 100; for rate measures, the compounded rate. */
} goals_change_mode;

/**
 * Adds a target to @p goal, on the measure with id @p measure_id.
 * The new target has no comparator, no value and no deadline yet.
 * @param[out] out the new target, borrowed; may be NULL.
 * @param id unique among the plan's goals and targets; copied.
 * @return #GOALS_OK, #GOALS_EINVAL (bad id or kind), #GOALS_EEXISTS,
 *         #GOALS_ENOTFOUND (no such measure) or #GOALS_ENOMEM.
 */
GOALS_API int goals_goal_add_target(goals_target **out, goals_goal *goal, const char *id,
                                    goals_target_kind kind, const char *measure_id);

/** The target's id; borrowed. */
GOALS_API const char *goals_target_id(const goals_target *target);
/** The goal the target belongs to. */
GOALS_API goals_goal *goals_target_goal(const goals_target *target);
/** The measure the target is set on. */
GOALS_API goals_measure *goals_target_measure(const goals_target *target);
/** The target's kind. */
GOALS_API goals_target_kind goals_target_kind_of(const goals_target *target);

/**
 * Sets the comparator and value(s), in @p unit (NULL or "": the measure's own
 * `scale × unit`). @p high is used only with #GOALS_OP_BETWEEN (low = @p value,
 * low <= high); both are ignored for #GOALS_OP_NONE, INCREASE and DECREASE.
 * For average-growth targets the value is a percentage per year and @p unit
 * must be NULL, "" or "%".
 * @return #GOALS_OK, #GOALS_EINVAL (bad op), #GOALS_ERANGE (NaN, infinite,
 *         or low > high) or #GOALS_EUNIT (the unit does not convert to the
 *         measure's; the message names both).
 */
GOALS_API int goals_target_set_value(goals_target *target, goals_op op, double value,
                                     double high, const char *unit);
/** The comparator. */
GOALS_API goals_op goals_target_op(const goals_target *target);
/** The value (the low end for between) in the measure's scale × unit; NaN when none. */
GOALS_API double goals_target_value(const goals_target *target);
/** The high end for between in the measure's scale × unit; NaN otherwise. */
GOALS_API double goals_target_high(const goals_target *target);
/** The value as given (before conversion); NaN when none. */
GOALS_API double goals_target_given_value(const goals_target *target);
/** The high end as given; NaN unless between. */
GOALS_API double goals_target_given_high(const goals_target *target);
/** The unit the value was given in, or "" for the measure's own; borrowed. */
GOALS_API const char *goals_target_given_unit(const goals_target *target);

/** Sets the deadline (copied). @return #GOALS_OK or #GOALS_EINVAL. */
GOALS_API int goals_target_set_deadline(goals_target *target, const goals_period *deadline);
/** The deadline through @p out. @return 1 when set, 0 when not. */
GOALS_API int goals_target_deadline(const goals_target *target, goals_period *out);

/**
 * Sets the first period of the target's window (for cumulative, maintain,
 * streak and average-growth targets); NULL clears. See docs/evaluation.md
 * for the default window.
 */
GOALS_API int goals_target_set_start(goals_target *target, const goals_period *start);
/** The window's first period through @p out. @return 1 when set, 0 when not. */
GOALS_API int goals_target_start(const goals_target *target, goals_period *out);

/**
 * Sets the baseline: the value @p value of period @p period, in the measure's
 * scale × unit (like an observation). NULL @p period clears it.
 * @return #GOALS_OK or #GOALS_ERANGE (NaN or infinite value).
 */
GOALS_API int goals_target_set_baseline(goals_target *target, const goals_period *period, double value);
/**
 * The baseline: period through @p period, value through @p value (either may
 * be NULL). @return 1 when set, 0 when not.
 */
GOALS_API int goals_target_baseline(const goals_target *target, goals_period *period, double *value);

/**
 * Adds an interim milestone: the value to reach by @p period, in the same unit
 * as the target's value (as given). Milestones are kept in period order;
 * a second one for the same period is #GOALS_EEXISTS.
 */
GOALS_API int goals_target_add_milestone(goals_target *target, const goals_period *period, double value);
/** Number of interim milestones. */
GOALS_API size_t goals_target_milestone_count(const goals_target *target);
/**
 * The @p index-th milestone: its period and value (in the measure's scale ×
 * unit). @return #GOALS_OK or #GOALS_EINVAL (out of range).
 */
GOALS_API int goals_target_milestone_at(const goals_target *target, size_t index,
                                        goals_period *period, double *value);

/**
 * The @p index-th milestone with its value as given (in the target's given
 * unit, before conversion). @return #GOALS_OK or #GOALS_EINVAL (out of range).
 */
GOALS_API int goals_target_milestone_given_at(const goals_target *target, size_t index,
                                              goals_period *period, double *value);

/** Sets the attribute (binding, expected, stretch). @return #GOALS_OK or #GOALS_EINVAL. */
GOALS_API int goals_target_set_attribute(goals_target *target, goals_attribute attribute);
/** The attribute. */
GOALS_API goals_attribute goals_target_attribute(const goals_target *target);

/** Sets how a change target measures change. @return #GOALS_OK or #GOALS_EINVAL. */
GOALS_API int goals_target_set_change_mode(goals_target *target, goals_change_mode mode);
/** How a change target measures change (absolute unless set). */
GOALS_API goals_change_mode goals_target_change_mode(const goals_target *target);

/**
 * Sets the other measure a relative target compares with (by id).
 * @return #GOALS_OK or #GOALS_ENOTFOUND.
 */
GOALS_API int goals_target_set_relative_to(goals_target *target, const char *measure_id);
/** The other measure of a relative target, or NULL. */
GOALS_API goals_measure *goals_target_relative_to(const goals_target *target);

/** Sets how many consecutive periods a streak target needs (>= 1). @return #GOALS_OK or #GOALS_ERANGE. */
GOALS_API int goals_target_set_streak(goals_target *target, unsigned periods);
/** How many consecutive periods a streak target needs (0 when not set). */
GOALS_API unsigned goals_target_streak(const goals_target *target);

/**
 * Names the method that evaluates this target by default (`linear`,
 * `sdg-build` …, see evaluate.h); NULL clears. Copied; not checked here.
 */
GOALS_API int goals_target_set_method(goals_target *target, const char *method);
/** The target's own method, or NULL; borrowed. */
GOALS_API const char *goals_target_method(const goals_target *target);

/** Sets the target's weight in roll-ups (default 1). @return #GOALS_OK or #GOALS_ERANGE. */
GOALS_API int goals_target_set_weight(goals_target *target, double weight);
/** The target's weight. */
GOALS_API double goals_target_weight(const goals_target *target);

/** Sets the target's text (its wording in the plan) in @p lang (NULL: default); copied. */
GOALS_API int goals_target_set_title(goals_target *target, const char *lang, const char *text);
/** The text in @p lang with the fallbacks of goals_plan_title(); "" when none; borrowed. */
GOALS_API const char *goals_target_title(const goals_target *target, const char *lang);
/** Number of texts. */
GOALS_API size_t goals_target_title_count(const goals_target *target);
/** The @p index-th text and its language ("" = default); NULL when out of range. */
GOALS_API const char *goals_target_title_at(const goals_target *target, size_t index, const char **lang);

/** The keyword of a kind (`reach`, `average-growth` …); NULL for an invalid value. Static. */
GOALS_API const char *goals_target_kind_name(goals_target_kind kind);
/** Parses a kind keyword. @return #GOALS_OK or #GOALS_EINVAL. */
GOALS_API int goals_target_kind_parse(goals_target_kind *out, const char *name);
/** The keyword of a comparator (`ge`, `between`, `increase` …; "" for none); NULL if invalid. Static. */
GOALS_API const char *goals_op_name(goals_op op);
/** Parses a comparator keyword. @return #GOALS_OK or #GOALS_EINVAL. */
GOALS_API int goals_op_parse(goals_op *out, const char *name);
/** The keyword of an attribute (`binding`, `expected`, `stretch`; "" for none); NULL if invalid. Static. */
GOALS_API const char *goals_attribute_name(goals_attribute attribute);
/** Parses an attribute keyword. @return #GOALS_OK or #GOALS_EINVAL. */
GOALS_API int goals_attribute_parse(goals_attribute *out, const char *name);

GOALS_END_DECL

#endif /* GOALS_TARGET_H */
