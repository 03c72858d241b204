/* Internal: the evaluation driver. evaluate.c runs every target through
 * the rule of its kind (kinds.c), over series built from the model
 * (series.c); trajectory kinds ask a progress method (methods/) for their
 * status. Nothing here does I/O or touches global state. */
#ifndef GOALS_EVAL_EVAL_H
#define GOALS_EVAL_EVAL_H

#include "goals/goals.h"
#include "methods.h"
#include "model/model.h"

#define GOALS__NOTE_MAX 96

struct goals_result {
    const goals_target *target;
    goals_target_status status;
    int violation;
    int has_latest, has_baseline, baseline_observed;
    goals_period latest_period, baseline_period;
    double latest_value, baseline_value;
    double progress, required_rate, actual_rate, projected;
    int64_t days_left;
    const char *method;              /* static name */
    const goals__method_params *params; /* the method's parameter block in the evaluation */
    double assessment_value;
    const char *assessment_category; /* points into the evaluation's parameter blocks */
    char note[GOALS__NOTE_MAX];
};

typedef struct goals__rollup {
    size_t counts[GOALS_STATUS_COUNT];
    double score_sum, weight_sum;    /* weighted, for the score */
} goals__rollup;

struct goals_evaluation {
    const goals_plan *plan;
    int32_t as_of;
    const goals__method *method;     /* the default method */
    goals__method_params *params;    /* one block per registered method, indexed as the registry */
    goals_result *results;           /* plan order */
    goals__rollup *goals;            /* per goal, in plan order */
    goals__rollup total;
};

/* A series of values over periods, sorted by period end, one value per end day. */
typedef struct goals__series {
    goals_period *p;
    double *t;                       /* goals__method_year(p[i].end) */
    double *y;
    size_t n, cap;
} goals__series;

void goals__series_free(goals__series *s);
/* The totals (no dimensions, with a value) of measure m whose period ends on
 * or before last_day; derived measures computed per period from their parts.
 * GOALS_OK or GOALS_ENOMEM. */
int goals__series_build(goals__series *s, const goals_measure *m, int32_t last_day);
/* Appends one point (the caller keeps ends increasing). */
int goals__series_push(goals__series *s, const goals_period *p, double y);

/* Evaluates one target into r (r->target set, the rest zeroed by the caller). */
int goals__eval_target(const goals_evaluation *ev, goals_result *r);

#endif
