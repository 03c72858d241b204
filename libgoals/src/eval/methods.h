/* Internal: the numeric core of the progress methods (linear, sdg-build in
 * three generations, UN SDG Progress Chart, Eurostat, ESCAP, OKR grading).
 *
 * Every method is a pure function from one series, a base/target choice and
 * a parameter block to one result: the method's own figure, its own
 * category name and a common status. No I/O, no global mutable state, no
 * allocation: any number of threads may run methods at once, sharing
 * parameter blocks read-only. The evaluation driver turns the model's
 * periods into the times used here (goals__method_year()) and maps
 * goals__status onto the public status enum.
 *
 * Per-method rules, defaults and the confidence of each part are in
 * docs/methods.md. */
#ifndef GOALS_EVAL_METHODS_H
#define GOALS_EVAL_METHODS_H

#include <stddef.h>
#include <stdint.h>

/* The common statuses (DESIGN.md). Methods return only the first six; the
 * last three are decided by the driver from deadlines and target kinds. */
typedef enum goals__status {
    GOALS__ST_NO_DATA = 0,   /* not assessable */
    GOALS__ST_ACHIEVED,      /* the method's "target achieved" */
    GOALS__ST_ON_TRACK,      /* its top category */
    GOALS__ST_AT_RISK,       /* its middle category */
    GOALS__ST_OFF_TRACK,     /* its low category */
    GOALS__ST_REGRESSING,    /* deterioration, movement away */
    GOALS__ST_MISSED,
    GOALS__ST_BREACHED,
    GOALS__ST_PENDING
} goals__status;

/* "no_data", "achieved", "on_track" …; NULL for a value outside the enum. */
const char *goals__status_name(goals__status status);

/* Time as used by the methods: a fractional year in which the end of
 * year Y is exactly Y, so an annual observation "2020" (ending 2020-12-31)
 * has t = 2020, as the published methods count years. For a day number
 * (days since 1970-01-01) it returns the end of that day:
 * (Y - 1) + day_of_year / days_in_year. An observation's t is that of its
 * period's last day; the as-of date and the deadline likewise. */
double goals__method_year(int32_t day);

/* One series and the question asked of it. Unset numbers are NaN
 * (goals__method_input_init() sets them so). */
typedef struct goals__method_input {
    const double *t;  /* times (goals__method_year), strictly increasing, finite */
    const double *y;  /* values, finite */
    size_t n;         /* number of observations; 0 is allowed (no data) */
    double as_of;     /* observations with t > as_of are ignored; NaN: none ignored */
    double base_t;    /* the target's baseline time; NaN: the method's default base year */
    double base_y;    /* the target's baseline value; NaN: taken from the series by the
                       * method's rule. When set, base_t must be set too. */
    double target;    /* target value; NaN: a direction alone (no-target variants) */
    double target_t;  /* the deadline; NaN: the method's default target year */
    int direction;    /* +1 increase desired, -1 decrease desired */
} goals__method_input;

void goals__method_input_init(goals__method_input *in);

/* What a method says. Figures that are undefined are NaN. */
typedef struct goals__method_result {
    goals__status status;
    const char *category;     /* the method's own category name, or NULL when it
                               * gives none; points into the parameter block */
    double figure;            /* the method's own figure (CAGR, ratio, grade …) */
    const char *figure_name;  /* static: what the figure is */
    double score;             /* a second figure (sdg-build score, ESCAP current
                               * status index, UNSD 3/2/1 score, OKR unclamped
                               * ratio, linear progress ratio) */
    const char *score_name;   /* static, or NULL when the method has none */
    double base_t, base_y;    /* the base the method used (NaN when none) */
    double latest_t, latest_y;/* the latest observation at or before as_of */
    double projected;         /* the method's value at the target year, when it projects */
    double expected;          /* linear only: the path's value at the comparison time */
    const char *note;         /* static English: why no_data, or which edge rule applied */
} goals__method_result;

/* ---- parameters ---- */

#define GOALS__METHOD_PARAMS_MAX 32
#define GOALS__PARAM_TEXT_MAX 64   /* bytes, NUL included */

typedef enum goals__param_type {
    GOALS__PARAM_NUMBER = 0,
    GOALS__PARAM_TEXT = 1    /* a category name; "" means "no category" (NULL) */
} goals__param_type;

typedef struct goals__param_desc {
    const char *name;        /* NAME in NAME=VALUE */
    goals__param_type type;
    double def;              /* number default; NaN = none */
    const char *def_text;    /* text default */
    double lo, hi;           /* numbers: allowed closed range */
    int optional;            /* numbers: VALUE may be "none" (NaN) */
    const char *doc;         /* one line */
} goals__param_desc;

struct goals__method;

/* A method's parameter values. Plain data: copy it, keep it on the stack,
 * share it read-only between threads. */
typedef struct goals__method_params {
    const struct goals__method *method;
    double num[GOALS__METHOD_PARAMS_MAX];
    char text[GOALS__METHOD_PARAMS_MAX][GOALS__PARAM_TEXT_MAX];
} goals__method_params;

typedef int (*goals__method_fn)(const goals__method_input *in, const goals__method_params *params,
                                goals__method_result *out);

typedef struct goals__method {
    const char *name;         /* contract name: "linear", "sdg-build" … */
    const char *doc;          /* one line */
    const goals__param_desc *params;
    size_t param_count;
    goals__method_fn run;     /* called through goals__method_run() only */
} goals__method;

/* ---- registry ---- */

size_t goals__method_count(void);
/* The i-th method in listing order (linear first); NULL when out of range. */
const goals__method *goals__method_at(size_t i);
/* By contract name; NULL (no error set) when unknown. */
const goals__method *goals__method_find(const char *name);

/* Fills p with m's defaults. */
void goals__method_params_init(goals__method_params *p, const goals__method *m);
/* Index of the parameter NAME of m, or -1. */
int goals__method_param_index(const goals__method *m, const char *name, size_t len);
/* Sets one parameter from text (numbers through util/number.h, so the
 * locale never matters). Returns GOALS_OK, GOALS_ENOTFOUND (no such
 * parameter), GOALS_EPARSE (not a number), GOALS_ERANGE (outside the
 * parameter's range, or text too long); sets the error message naming the
 * parameter and the method. p is unchanged on failure. */
int goals__method_params_set(goals__method_params *p, const char *name, size_t name_len,
                             const char *value, size_t value_len);
/* As goals__method_params_set() on "NAME=VALUE"; GOALS_EINVAL without '='. */
int goals__method_params_assign(goals__method_params *p, const char *assignment);
/* A parameter's default as text ("0.95", "none", or the default name);
 * buf needs GOALS__PARAM_TEXT_MAX bytes. Returns buf. */
const char *goals__param_default_text(const goals__param_desc *d, char *buf);

/* Runs p's method on in. Checks the input (GOALS_EINVAL with a message:
 * unsorted or non-finite times, non-finite values, a direction other than
 * +1/-1, a baseline value without a time) and then always succeeds:
 * "not assessable" is a result (GOALS__ST_NO_DATA), not an error. */
int goals__method_run(const goals__method_params *p, const goals__method_input *in,
                      goals__method_result *out);

#endif
