/* Internal to eval/methods/: helpers the method files share (series
 * look-ups, compound growth, result set-up) and the method descriptors the
 * registry lists. */
#ifndef GOALS_EVAL_METHODS_COMMON_H
#define GOALS_EVAL_METHODS_COMMON_H

#include <math.h>

#include "eval/methods.h"

/* Two times closer than this are the same year: times come from day
 * arithmetic, and a configured base year "2015" must find t = 2015. */
#define GOALS__M_EPS 1e-9

extern const goals__method goals__method_linear;
extern const goals__method goals__method_sdg_build;
extern const goals__method goals__method_sdg_build_2023;
extern const goals__method goals__method_sdg_build_2022;
extern const goals__method goals__method_unsd;
extern const goals__method goals__method_eurostat;
extern const goals__method goals__method_escap;
extern const goals__method goals__method_okr;

/* Parameter descriptors, in the order of each method's index enum. */
#define GOALS__P_NUM(name, def, lo, hi, doc) \
    { name, GOALS__PARAM_NUMBER, def, "", lo, hi, 0, doc }
#define GOALS__P_OPT(name, def, lo, hi, doc) \
    { name, GOALS__PARAM_NUMBER, def, "", lo, hi, 1, doc }
#define GOALS__P_TEXT(name, def, doc) \
    { name, GOALS__PARAM_TEXT, 0.0, def, 0.0, 0.0, 0, doc }
#define GOALS__P_YEAR(name, def, doc) GOALS__P_OPT(name, def, 1.0, 9999.0, doc)
#define GOALS__P_ANY(name, def, doc) GOALS__P_NUM(name, def, -INFINITY, INFINITY, doc)

/* Number of observations that count: those with t <= as_of (all when as_of is NaN). */
size_t goals__m_count_upto(const goals__method_input *in);

/* Index of the first of t[0..m) later than x (beyond GOALS__M_EPS); m when none. */
size_t goals__m_first_after(const double *t, size_t m, double x);

/* How a method picks its base observation when no baseline value is given. */
typedef enum goals__m_base_rule {
    GOALS__M_BASE_AT_OR_AFTER, /* the base year if observed, else the first year after it */
    GOALS__M_BASE_NEAREST      /* the observation nearest the base year; a tie takes the earlier */
} goals__m_base_rule;

typedef struct goals__m_point {
    double t, y;
} goals__m_point;

/* The observations that count (goals__m_count_upto), their number; when
 * there are some, the latest is recorded in r (latest_t, latest_y), else
 * r->note says "no observation" and 0 is returned. */
size_t goals__m_latest(const goals__method_input *in, goals__method_result *r);

/* The base point among the first m observations: the given baseline when
 * in->base_y is set; else by rule around year (NaN: the first
 * observation). Returns 1 when found, with the point in *out and in r
 * (base_t, base_y); 0 when not, with r->note set to none when given. */
int goals__m_base(const goals__method_input *in, size_t m, double year, goals__m_base_rule rule, const char *none,
                  goals__method_result *r, goals__m_point *out);

/* Compound annual growth rate (a/b)^(1/(t1-t2)) - 1; NaN where undefined
 * (b == 0, a/b < 0, t1 == t2, or a non-finite result). */
double goals__m_cagr(double a, double b, double t1, double t2);

/* Whether y meets the target in direction d (y >= target for +1, <= for -1). */
int goals__m_meets(double y, double target, int d);

/* The given value when finite, else the fallback (a parameter default). */
double goals__m_or(double given, double fallback);

/* Resets r: NaN figures, status no_data, no category, the figure names given. */
void goals__m_result_init(goals__method_result *r, const char *figure_name, const char *score_name);

/* Parameter i's number. */
double goals__m_num(const goals__method_params *p, int i);
/* Parameter i's text, or NULL when it is empty. */
const char *goals__m_text(const goals__method_params *p, int i);

/* Sets the status and the category taken from text parameter i (-1: none). */
void goals__m_set(goals__method_result *r, const goals__method_params *p, goals__status st, int cat);

#endif
