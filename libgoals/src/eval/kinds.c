/* The rule of every target kind (docs/evaluation.md says them in words).
 * Trajectory kinds (reach, rank, cumulative, change) turn their data into
 * one series and let the progress method judge what is not yet met;
 * window kinds (maintain, streak, relative) and events (milestone,
 * qualitative) have rules of their own. */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "eval.h"
#include "util/error.h"

/* What every rule needs about its target, worked out once. */
typedef struct tctx {
    const goals_evaluation *ev;
    const goals_target *t;
    goals_result *r;
    int32_t as_of;
    int32_t win_start;     /* first day of the window; INT32_MIN when open */
    int32_t deadline;      /* last day of the deadline; INT32_MAX when none */
    int32_t last_day;      /* min(as_of, deadline) */
    int passed;            /* the deadline has passed */
    double lo, hi;         /* target value(s) in the measure's scale × unit */
} tctx;

static goals_target_status from_method(goals__status s)
{
    switch (s) {
    case GOALS__ST_ACHIEVED: return GOALS_STATUS_ACHIEVED;
    case GOALS__ST_ON_TRACK: return GOALS_STATUS_ON_TRACK;
    case GOALS__ST_AT_RISK: return GOALS_STATUS_AT_RISK;
    case GOALS__ST_OFF_TRACK: return GOALS_STATUS_OFF_TRACK;
    case GOALS__ST_REGRESSING: return GOALS_STATUS_REGRESSING;
    case GOALS__ST_MISSED: return GOALS_STATUS_MISSED;
    case GOALS__ST_BREACHED: return GOALS_STATUS_BREACHED;
    case GOALS__ST_PENDING: return GOALS_STATUS_PENDING;
    default: return GOALS_STATUS_NO_DATA;
    }
}

static void note(goals_result *r, const char *fmt, ...) GOALS__PRINTF(2, 3);

static void note(goals_result *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->note, sizeof r->note, fmt, ap);
    va_end(ap);
}

/* Whether v meets the target's comparator. Direction-only comparators
 * compare with the baseline b. */
static int meets(const tctx *c, double v, double b)
{
    if (isnan(v))
        return 0;
    switch (c->t->op) {
    case GOALS_OP_GE: return v >= c->lo;
    case GOALS_OP_GT: return v > c->lo;
    case GOALS_OP_LE: return v <= c->lo;
    case GOALS_OP_LT: return v < c->lo;
    case GOALS_OP_EQ: return fabs(v - c->lo) <= 1e-9 * fmax(1.0, fabs(c->lo));
    case GOALS_OP_BETWEEN: return v >= c->lo && v <= c->hi;
    case GOALS_OP_INCREASE: return !isnan(b) && v > b;
    case GOALS_OP_DECREASE: return !isnan(b) && v < b;
    default: return 0;
    }
}

/* +1 when higher is better, -1 when lower is; for eq and between, towards
 * the target from the baseline (b). */
static int direction(const tctx *c, double b)
{
    switch (c->t->op) {
    case GOALS_OP_GE: case GOALS_OP_GT: case GOALS_OP_INCREASE: return 1;
    case GOALS_OP_LE: case GOALS_OP_LT: case GOALS_OP_DECREASE: return -1;
    default: break;
    }
    double goal = c->t->op == GOALS_OP_BETWEEN && !isnan(b) && b > c->hi ? c->hi : c->lo;
    if (!isnan(b) && !isnan(goal) && goal != b)
        return goal > b ? 1 : -1;
    return c->t->measure->direction == GOALS_DIRECTION_DECREASE ? -1 : 1;
}

/* The value progress is measured against: the nearer bound of a band. */
static double aim(const tctx *c, double b)
{
    if (c->t->op == GOALS_OP_BETWEEN && !isnan(b) && b > c->hi)
        return c->hi;
    return c->lo;
}

/* Whether a missed verdict is final: the deadline has passed and the data
 * reach into the deadline period (published data lag: without a value for
 * 2025, a 2025 target is judged on its trajectory, not called missed). */
static int final(const tctx *c, const goals_period *latest)
{
    return c->passed && latest && latest->end >= c->t->deadline.start;
}

/* Whether per-period rates cover every period of the window up to the
 * latest one: compounding over a gap would count the missing periods as
 * zero growth. Periods are counted at the latest period's length. */
static int rates_complete(const goals__series *w, int32_t from, char *why, size_t size)
{
    if (!w->n)
        return 1;
    const goals_period *last = &w->p[w->n - 1];
    double len = (double)last->end - last->start + 1;
    double expected = floor(((double)last->end - from + 1) / len + 0.5);
    if ((double)w->n >= expected)
        return 1;
    snprintf(why, size, "rates for %zu of %.0f periods of the window: not assessable", w->n, expected);
    return 0;
}

/* Latest observation with end < day (the baseline before a window), or -1. */
static long last_before(const goals__series *s, int32_t day)
{
    long k = -1;
    for (size_t i = 0; i < s->n && s->p[i].end < day; i++)
        k = (long)i;
    return k;
}

static void set_latest(goals_result *r, const goals_period *p, double v)
{
    r->has_latest = 1;
    r->latest_period = *p;
    r->latest_value = v;
}

/* Chooses the baseline: the target's own, else the latest observation before
 * the window, else the first observation. */
static void choose_baseline(const tctx *c, const goals__series *s)
{
    goals_result *r = c->r;
    const goals_target *t = c->t;
    if (t->has_baseline) {
        r->has_baseline = 1;
        r->baseline_observed = 0;
        r->baseline_period = t->baseline_period;
        r->baseline_value = t->baseline_value;
        return;
    }
    long k = c->win_start == INT32_MIN ? -1 : last_before(s, c->win_start);
    if (k < 0 && s->n)
        k = 0;
    if (k >= 0) {
        r->has_baseline = 1;
        r->baseline_observed = 1;
        r->baseline_period = s->p[k];
        r->baseline_value = s->y[k];
    }
}

/* Progress ratio, rates and projection from baseline and latest (linear:
 * units per year). Baseline equal to the target: progress 1 when met, else 0. */
static void figures(const tctx *c, double met)
{
    goals_result *r = c->r;
    if (!r->has_latest)
        return;
    double L = r->latest_value, tL = goals__method_year(r->latest_period.end);
    double tT = c->deadline == INT32_MAX ? NAN : goals__method_year(c->deadline);
    if (r->has_baseline) {
        double B = r->baseline_value, tB = goals__method_year(r->baseline_period.end);
        double T = aim(c, B);
        /* A baseline equal to the target, or already meeting it, leaves no
         * distance to measure: progress is 1 when met, else 0. */
        if (!isnan(T))
            r->progress = T == B || meets(c, B, B) ? (met ? 1.0 : 0.0) : (L - B) / (T - B);
        if (tL > tB)
            r->actual_rate = (L - B) / (tL - tB);
    }
    double T = aim(c, r->has_baseline ? r->baseline_value : NAN);
    if (!isnan(T) && !isnan(tT) && tT > tL)
        r->required_rate = (T - L) / (tT - tL);
    if (!isnan(r->actual_rate) && !isnan(tT))
        r->projected = L + r->actual_rate * (tT - tL);
}

/* Asks the method about a series that has not met its target yet. */
static void judge(const tctx *c, const goals__series *s, double base_t, double base_y, double target)
{
    goals_result *r = c->r;
    const goals__method_params *p = r->params;
    goals__method_input in;
    goals__method_input_init(&in);
    in.t = s->t;
    in.y = s->y;
    in.n = s->n;
    in.as_of = goals__method_year(c->as_of);
    in.base_t = base_t;
    in.base_y = base_y;
    in.target = target;
    in.target_t = c->deadline == INT32_MAX ? NAN : goals__method_year(c->deadline);
    in.direction = direction(c, base_y);
    goals__method_result mr;
    if (goals__method_run(p, &in, &mr) != GOALS_OK) {
        r->status = GOALS_STATUS_NO_DATA;
        note(r, "not assessable: %s", goals_error_last()->message);
        return;
    }
    r->status = from_method(mr.status);
    r->assessment_value = mr.figure;
    r->assessment_category = mr.category;
    if (!isnan(mr.projected))
        r->projected = mr.projected;
    /* Only the comparator decides "achieved" (a method's >= may differ from gt or eq). */
    if (r->status == GOALS_STATUS_ACHIEVED)
        r->status = GOALS_STATUS_ON_TRACK;
    if (mr.note && !r->note[0])
        note(r, "%s", mr.note);
}

/* The trajectory rule shared by reach, rank, cumulative and change, on a
 * series s whose values are what the comparator applies to. */
static int trajectory(const tctx *c, const goals__series *s, double base_t, double base_y)
{
    goals_result *r = c->r;
    if (!s->n) {
        r->status = c->as_of < c->win_start ? GOALS_STATUS_PENDING : GOALS_STATUS_NO_DATA;
        note(r, "%s", r->status == GOALS_STATUS_PENDING ? "the window has not opened" : "no observation yet");
        return GOALS_OK;
    }
    size_t n = s->n;
    set_latest(r, &s->p[n - 1], s->y[n - 1]);
    int met = meets(c, s->y[n - 1], base_y);
    figures(c, met);
    if (met) {
        r->status = GOALS_STATUS_ACHIEVED;
        return GOALS_OK;
    }
    if (final(c, &s->p[n - 1])) {
        r->status = GOALS_STATUS_MISSED;
        note(r, "the deadline has passed");
        return GOALS_OK;
    }
    if (c->passed)
        note(r, "no value for the deadline period yet: judged on the trend");
    double target = c->t->op == GOALS_OP_INCREASE || c->t->op == GOALS_OP_DECREASE ? NAN : aim(c, base_y);
    judge(c, s, base_t, base_y, target);
    return GOALS_OK;
}

static int eval_reach(tctx *c, goals__series *s)
{
    int rc = goals__series_build(s, c->t->measure, c->last_day);
    if (rc)
        return rc;
    choose_baseline(c, s);
    goals_result *r = c->r;
    double bt = r->has_baseline ? goals__method_year(r->baseline_period.end) : NAN;
    double by = r->has_baseline ? r->baseline_value : NAN;
    return trajectory(c, s, bt, by);
}

static int eval_cumulative(tctx *c, goals__series *s, goals__series *w)
{
    int rc = goals__series_build(s, c->t->measure, c->last_day);
    if (rc)
        return rc;
    int32_t from = c->win_start;
    double sum = 0;
    w->n = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (s->p[i].start < from)
            continue;
        sum += s->y[i];
        if ((rc = goals__series_push(w, &s->p[i], sum)))
            return rc;
    }
    double bt = w->n ? goals__method_year(w->p[0].start - 1) : NAN;
    goals_result *r = c->r;
    r->has_baseline = 0;
    rc = trajectory(c, w, bt, 0.0);
    if (w->n) {
        /* Progress of a sum is the share of the target reached. */
        double T = aim(c, 0);
        r->progress = T != 0 ? sum / T : (meets(c, sum, 0) ? 1 : 0);
        double tL = w->t[w->n - 1];
        if (tL > bt)
            r->actual_rate = sum / (tL - bt);
        if (!isnan(r->actual_rate) && c->deadline != INT32_MAX)
            r->projected = sum + r->actual_rate * (goals__method_year(c->deadline) - tL);
    }
    return rc;
}

/* Change from the baseline: absolute or percent for levels; compounded
 * from the per-period rates for growth and reduction measures. */
static int eval_change(tctx *c, goals__series *s, goals__series *w)
{
    const goals_measure *m = c->t->measure;
    int rc = goals__series_build(s, m, c->last_day);
    if (rc)
        return rc;
    goals_result *r = c->r;
    w->n = 0;
    if (m->rate != GOALS_RATE_NONE) {
        int32_t from = c->win_start;
        if (from == INT32_MIN && s->n)
            from = s->p[0].start;
        double prod = 1;
        for (size_t i = 0; i < s->n; i++) {
            if (s->p[i].start < from)
                continue;
            double f = m->rate == GOALS_RATE_GROWTH ? 1 + s->y[i] / 100 : 1 - s->y[i] / 100;
            prod *= f;
            double v = m->rate == GOALS_RATE_GROWTH ? (prod - 1) * 100 : (1 - prod) * 100;
            if ((rc = goals__series_push(w, &s->p[i], v)))
                return rc;
        }
        if (c->t->has_baseline) {
            r->has_baseline = 1;
            r->baseline_period = c->t->baseline_period;
            r->baseline_value = 0;
        }
        double bt = w->n ? goals__method_year(w->p[0].start - 1) : NAN;
        if (!rates_complete(w, from, r->note, sizeof r->note)) {
            r->status = GOALS_STATUS_NO_DATA;
            set_latest(r, &w->p[w->n - 1], w->y[w->n - 1]);
            return GOALS_OK;
        }
        note(r, "compounded from %zu %s rate%s", w->n, m->rate == GOALS_RATE_GROWTH ? "growth" : "reduction",
             w->n == 1 ? "" : "s");
        return trajectory(c, w, bt, 0.0);
    }
    choose_baseline(c, s);
    if (!r->has_baseline) {
        r->status = GOALS_STATUS_NO_DATA;
        note(r, "no baseline");
        return GOALS_OK;
    }
    double B = r->baseline_value;
    int percent = c->t->change_mode == GOALS_CHANGE_PERCENT;
    if (percent && B == 0) {
        r->status = GOALS_STATUS_NO_DATA;
        note(r, "a percent change from a zero baseline is undefined");
        return GOALS_OK;
    }
    for (size_t i = 0; i < s->n; i++) {
        if (s->p[i].end <= r->baseline_period.end)
            continue;
        double v = percent ? (s->y[i] / B - 1) * 100 : s->y[i] - B;
        if ((rc = goals__series_push(w, &s->p[i], v)))
            return rc;
    }
    /* The result reports the change itself, from a baseline of zero change. */
    double bt = goals__method_year(r->baseline_period.end);
    r->baseline_value = 0;
    return trajectory(c, w, bt, 0.0);
}

/* Average annual growth over the window, in percent: the geometric mean of
 * the rates for rate measures, the compound annual growth rate of levels. */
static int eval_average_growth(tctx *c, goals__series *s, goals__series *w)
{
    const goals_measure *m = c->t->measure;
    int rc = goals__series_build(s, m, c->last_day);
    if (rc)
        return rc;
    goals_result *r = c->r;
    w->n = 0;
    double years_total = NAN, start_t = NAN, prod = 1;
    if (m->rate == GOALS_RATE_GROWTH) {
        int32_t from = c->win_start;
        if (from == INT32_MIN && s->n)
            from = s->p[0].start;
        start_t = goals__method_year(from - 1);
        size_t k = 0;
        for (size_t i = 0; i < s->n; i++) {
            if (s->p[i].start < from)
                continue;
            prod *= 1 + s->y[i] / 100;
            k++;
            double avg = prod > 0 ? (pow(prod, 1.0 / (double)k) - 1) * 100 : NAN;
            if (!isnan(avg) && (rc = goals__series_push(w, &s->p[i], avg)))
                return rc;
        }
    } else {
        choose_baseline(c, s);
        if (!r->has_baseline || r->baseline_value <= 0) {
            r->status = GOALS_STATUS_NO_DATA;
            note(r, "%s", r->has_baseline ? "growth from a baseline <= 0 is undefined" : "no baseline");
            return GOALS_OK;
        }
        start_t = goals__method_year(r->baseline_period.end);
        for (size_t i = 0; i < s->n; i++) {
            if (s->t[i] <= start_t || s->y[i] <= 0)
                continue;
            double avg = (pow(s->y[i] / r->baseline_value, 1.0 / (s->t[i] - start_t)) - 1) * 100;
            if ((rc = goals__series_push(w, &s->p[i], avg)))
                return rc;
        }
    }
    r->has_baseline = 0;
    if (!w->n) {
        r->status = c->as_of < c->win_start ? GOALS_STATUS_PENDING : GOALS_STATUS_NO_DATA;
        note(r, "no growth observed in the window yet");
        return GOALS_OK;
    }
    /* With years missing, the mean of the published rates still estimates
     * the average (a gap does not bias it as it biases compounding), but a
     * miss cannot be final. */
    char gap[GOALS__NOTE_MAX] = "";
    int complete = m->rate != GOALS_RATE_GROWTH || c->win_start == INT32_MIN ||
                   rates_complete(w, c->win_start, gap, sizeof gap);
    double a = w->y[w->n - 1], tL = w->t[w->n - 1];
    set_latest(r, &w->p[w->n - 1], a);
    r->actual_rate = a;
    double g = aim(c, NAN);
    if (c->deadline != INT32_MAX)
        years_total = goals__method_year(c->deadline) - start_t;
    double done = tL - start_t;
    /* The growth still needed each year for the average to reach g. */
    if (!isnan(g) && !isnan(years_total) && years_total > done) {
        double need = pow(pow(1 + g / 100, years_total) / pow(1 + a / 100, done), 1 / (years_total - done));
        r->required_rate = (need - 1) * 100;
    }
    if (!isnan(g))
        r->progress = g != 0 ? a / g : (meets(c, a, NAN) ? 1 : 0);
    r->projected = a;
    if (meets(c, a, NAN)) {
        r->status = GOALS_STATUS_ACHIEVED;
        note(r, "average so far over %.4g years", done);
    } else if (complete && final(c, &w->p[w->n - 1])) {
        r->status = GOALS_STATUS_MISSED;
    } else {
        int d = direction(c, NAN);
        /* The latest single period's growth, against what is still needed. */
        double last = NAN;
        if (w->n >= 2 && m->rate != GOALS_RATE_GROWTH)
            last = (pow((1 + w->y[w->n - 1] / 100), done) /
                        pow(1 + w->y[w->n - 2] / 100, w->t[w->n - 2] - start_t) -
                    1) * 100;
        else if (m->rate == GOALS_RATE_GROWTH)
            last = s->y[s->n - 1];
        if (d * a < 0)
            r->status = GOALS_STATUS_REGRESSING;
        else if (!isnan(last) && !isnan(r->required_rate) && d * (last - r->required_rate) >= 0)
            r->status = GOALS_STATUS_AT_RISK;
        else
            r->status = GOALS_STATUS_OFF_TRACK;
    }
    if (!complete)
        note(r, "average of the published years only (%zu of the window's periods so far)", w->n);
    return GOALS_OK;
}

/* Every period of the window so far must meet the comparator. */
static int eval_maintain(tctx *c, goals__series *s)
{
    int rc = goals__series_build(s, c->t->measure, c->last_day);
    if (rc)
        return rc;
    goals_result *r = c->r;
    if (c->as_of < c->win_start) {
        r->status = GOALS_STATUS_PENDING;
        note(r, "the window has not opened");
        return GOALS_OK;
    }
    size_t seen = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (s->p[i].start < c->win_start)
            continue;
        seen++;
        set_latest(r, &s->p[i], s->y[i]);
        if (!meets(c, s->y[i], NAN)) {
            char text[GOALS_PERIOD_TEXT_MAX];
            goals_period_format(&s->p[i], text, sizeof text);
            r->status = GOALS_STATUS_BREACHED;
            note(r, "breached in %s", text);
            return GOALS_OK;
        }
    }
    if (!seen) {
        r->status = GOALS_STATUS_NO_DATA;
        note(r, "no observation in the window");
        return GOALS_OK;
    }
    r->status = GOALS_STATUS_ACHIEVED;
    r->progress = 1;
    note(r, "met in all %zu period%s so far", seen, seen == 1 ? "" : "s");
    return GOALS_OK;
}

/* N consecutive periods meeting the comparator, counted back from the latest. */
static int eval_streak(tctx *c, goals__series *s)
{
    int rc = goals__series_build(s, c->t->measure, c->last_day);
    if (rc)
        return rc;
    goals_result *r = c->r;
    unsigned need = c->t->streak ? c->t->streak : 1;
    if (!s->n) {
        r->status = GOALS_STATUS_NO_DATA;
        note(r, "no observation yet");
        return GOALS_OK;
    }
    size_t n = s->n, run = 0;
    set_latest(r, &s->p[n - 1], s->y[n - 1]);
    while (run < n && meets(c, s->y[n - 1 - run], NAN))
        run++;
    r->progress = (double)run / need;
    note(r, "%zu of %u in a row", run, need);
    if (run >= need) {
        r->status = GOALS_STATUS_ACHIEVED;
        return GOALS_OK;
    }
    if (final(c, &s->p[n - 1])) {
        r->status = GOALS_STATUS_MISSED;
        return GOALS_OK;
    }
    /* Periods still to come before the deadline, at the latest period's length. */
    int64_t len = (int64_t)s->p[n - 1].end - s->p[n - 1].start + 1;
    int64_t left = c->deadline == INT32_MAX
                       ? INT32_MAX
                       : (int64_t)floor((double)((int64_t)c->deadline - s->p[n - 1].end) / (double)len + 0.5);
    if ((int64_t)run + left >= (int64_t)need)
        r->status = run ? GOALS_STATUS_ON_TRACK : GOALS_STATUS_AT_RISK;
    else
        r->status = GOALS_STATUS_OFF_TRACK;
    return GOALS_OK;
}

/* Each period compared with the other measure's value for the same period:
 * value - other must meet the comparator (value = margin, 0 when none). */
static int eval_relative(tctx *c, goals__series *s, goals__series *o)
{
    goals_result *r = c->r;
    if (!c->t->relative_to) {
        r->status = GOALS_STATUS_NO_DATA;
        note(r, "no measure to compare with");
        return GOALS_OK;
    }
    int rc = goals__series_build(s, c->t->measure, c->last_day);
    if (!rc)
        rc = goals__series_build(o, c->t->relative_to, c->last_day);
    if (rc)
        return rc;
    tctx cc = *c;
    if (isnan(cc.lo))
        cc.lo = 0;
    if (isnan(cc.hi))
        cc.hi = 0;
    size_t pairs = 0, ok = 0;
    int last_ok = 0;
    for (size_t i = 0, j = 0; i < s->n && j < o->n;) {
        if (s->p[i].end < o->p[j].end)
            i++;
        else if (s->p[i].end > o->p[j].end)
            j++;
        else {
            if (s->p[i].start >= c->win_start && s->p[i].start == o->p[j].start) {
                pairs++;
                last_ok = meets(&cc, s->y[i] - o->y[j], NAN);
                ok += last_ok;
                set_latest(r, &s->p[i], s->y[i]);
            }
            i++;
            j++;
        }
    }
    if (!pairs) {
        r->status = c->as_of < c->win_start ? GOALS_STATUS_PENDING : GOALS_STATUS_NO_DATA;
        note(r, "no period with both values");
        return GOALS_OK;
    }
    r->progress = (double)ok / (double)pairs;
    note(r, "met in %zu of %zu periods against %s", ok, pairs, c->t->relative_to->id);
    if (ok == pairs)
        r->status = GOALS_STATUS_ACHIEVED;
    else if (final(c, &r->latest_period))
        r->status = GOALS_STATUS_MISSED;
    else
        r->status = last_ok ? GOALS_STATUS_AT_RISK : GOALS_STATUS_OFF_TRACK;
    return GOALS_OK;
}

/* An event: an observation whose value meets the comparator (without one:
 * value >= 1, "it happened"), on or before the deadline. */
static int eval_milestone(tctx *c)
{
    goals_result *r = c->r;
    const goals_measure *m = c->t->measure;
    int numeric = c->t->op != GOALS_OP_NONE && !isnan(c->lo);
    for (size_t i = 0; i < m->nobs; i++) {
        const goals_observation *o = &m->obs[i];
        if (o->period.end > c->as_of)
            break;
        if (goals__obs_has_dims(o) || isnan(o->value))
            continue;
        set_latest(r, &o->period, o->value);
        int happened = numeric ? meets(c, o->value, NAN) : o->value >= 1;
        if (happened) {
            r->progress = 1;
            if (o->period.end <= c->deadline) {
                r->status = GOALS_STATUS_ACHIEVED;
            } else {
                r->status = GOALS_STATUS_MISSED;
                note(r, "happened after the deadline");
            }
            return GOALS_OK;
        }
    }
    r->progress = 0;
    r->status = c->passed ? GOALS_STATUS_MISSED : GOALS_STATUS_PENDING;
    note(r, "%s", c->passed ? "did not happen by the deadline" : "not yet");
    return GOALS_OK;
}

/* The latest assessment decides: a text that is a status word gives that
 * status; else a value is a grade in [0, 1] (>= 1 achieved, >= 0.7 on
 * track, >= 0.4 at risk, else off track); nothing yet is pending. */
static int eval_qualitative(tctx *c)
{
    goals_result *r = c->r;
    const goals_measure *m = c->t->measure;
    const goals_observation *last = NULL;
    for (size_t i = 0; i < m->nobs && m->obs[i].period.end <= c->as_of; i++)
        if (!goals__obs_has_dims(&m->obs[i]))
            last = &m->obs[i];
    if (!last) {
        r->status = GOALS_STATUS_PENDING;
        note(r, "not assessed yet");
        return GOALS_OK;
    }
    set_latest(r, &last->period, last->value);
    const char *text = goals__obs_extra_of(last) ? goals__obs_extra_of(last)->text : NULL;
    goals_target_status st;
    if (text && goals_target_status_parse(&st, text) == GOALS_OK) {
        r->status = st;
    } else if (!isnan(last->value)) {
        double g = last->value;
        r->progress = g;
        r->status = g >= 1 ? GOALS_STATUS_ACHIEVED
                    : g >= 0.7 ? GOALS_STATUS_ON_TRACK
                    : g >= 0.4 ? GOALS_STATUS_AT_RISK
                               : GOALS_STATUS_OFF_TRACK;
    } else {
        r->status = GOALS_STATUS_PENDING;
    }
    if (text)
        note(r, "%s", text);
    goals_error_clear();
    return GOALS_OK;
}

int goals__eval_target(const goals_evaluation *ev, goals_result *r)
{
    const goals_target *t = r->target;
    tctx c = {.ev = ev, .t = t, .r = r, .as_of = ev->as_of};
    c.deadline = t->has_deadline ? t->deadline.end : INT32_MAX;
    if (t->has_start)
        c.win_start = t->start.start;
    else if (t->has_baseline && t->baseline_period.end < INT32_MAX)
        c.win_start = t->baseline_period.end + 1;
    else if (t->plan->has_horizon)
        c.win_start = t->plan->horizon.start;
    else
        c.win_start = INT32_MIN;
    c.last_day = c.as_of < c.deadline ? c.as_of : c.deadline;
    c.passed = c.as_of >= c.deadline;
    c.lo = goals_target_value(t);
    c.hi = goals_target_high(t);
    r->progress = r->required_rate = r->actual_rate = r->projected = NAN;
    r->latest_value = r->baseline_value = r->assessment_value = NAN;
    r->days_left = t->has_deadline ? (int64_t)c.deadline - c.as_of : 0;

    goals__series s = {0}, w = {0};
    int rc;
    switch (t->kind) {
    case GOALS_KIND_REACH:
    case GOALS_KIND_RANK: rc = eval_reach(&c, &s); break;
    case GOALS_KIND_CUMULATIVE: rc = eval_cumulative(&c, &s, &w); break;
    case GOALS_KIND_CHANGE: rc = eval_change(&c, &s, &w); break;
    case GOALS_KIND_AVERAGE_GROWTH: rc = eval_average_growth(&c, &s, &w); break;
    case GOALS_KIND_RELATIVE: rc = eval_relative(&c, &s, &w); break;
    case GOALS_KIND_MAINTAIN: rc = eval_maintain(&c, &s); break;
    case GOALS_KIND_STREAK: rc = eval_streak(&c, &s); break;
    case GOALS_KIND_MILESTONE: rc = eval_milestone(&c); break;
    default: rc = eval_qualitative(&c); break;
    }
    goals__series_free(&s);
    goals__series_free(&w);
    r->violation = t->attribute == GOALS_ATTR_BINDING &&
                   (r->status == GOALS_STATUS_MISSED || r->status == GOALS_STATUS_BREACHED);
    return rc;
}
