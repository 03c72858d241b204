/* One target's chart as inline SVG: its measure's observations (points and
 * line), the target line (a band for `between`), the path from the baseline
 * to the target, the projection to the deadline, the as-of and deadline
 * lines, and axes with year labels.
 *
 * Values are drawn in the measure's own terms (levels). A target whose
 * figure is not a level (a sum, a change, an average growth) is drawn as the
 * level it implies where that is plain arithmetic (a change from a known
 * baseline, an average growth compounding a level); otherwise the chart shows
 * the observations and says that the target is on another figure. */
#include "report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Geometry of the drawing (viewBox units). */
#define W 640.0
#define H 240.0
#define LEFT 64.0
#define RIGHT 16.0
#define TOP 14.0
#define BOTTOM 30.0

typedef struct chart {
    FILE *out;
    double t0, t1; /* days */
    double v0, v1; /* values */
} chart;

static double px(const chart *c, double day)
{
    return LEFT + (day - c->t0) / (c->t1 - c->t0) * (W - LEFT - RIGHT);
}

static double py(const chart *c, double v)
{
    return H - BOTTOM - (v - c->v0) / (c->v1 - c->v0) * (H - TOP - BOTTOM);
}

/* A coordinate with one decimal, without printf's locale-dependent point. */
static void coord(FILE *out, double x)
{
    long tenths = lround(x * 10.0);

    if (tenths < 0) {
        putc('-', out);
        tenths = -tenths;
    }
    fprintf(out, "%ld.%ld", tenths / 10, tenths % 10);
}

static void point(FILE *out, const chart *c, double day, double v)
{
    coord(out, px(c, day));
    putc(',', out);
    coord(out, py(c, v));
}

static void line(FILE *out, const char *cls, double x1, double y1, double x2, double y2)
{
    fprintf(out, "<path class=\"%s\" d=\"M", cls);
    coord(out, x1);
    putc(',', out);
    coord(out, y1);
    fputs(" L", out);
    coord(out, x2);
    putc(',', out);
    coord(out, y2);
    fputs("\"/>", out);
}

static int32_t year_start(int year)
{
    int32_t d = 0;
    goals_date_from_ymd(&d, year, 1, 1);
    return d;
}

static int year_of(double day)
{
    int y;
    goals_date_to_ymd((int32_t)floor(day), &y, NULL, NULL);
    return y;
}

/* A step of 1, 2 or 5 times a power of ten that cuts @p range into about 4. */
static double nice_step(double range)
{
    double raw = range / 4.0;
    double mag = pow(10.0, floor(log10(raw)));
    double f = raw / mag;

    return (f < 1.5 ? 1.0 : f < 3.5 ? 2.0 : f < 7.5 ? 5.0 : 10.0) * mag;
}

static void axes(const chart *c)
{
    FILE *out = c->out;
    int y0 = year_of(c->t0), y1 = year_of(c->t1);
    int every = (y1 - y0) / 10 + 1;
    double step = nice_step(c->v1 - c->v0);
    char num[REPORT_NUM_MAX];

    /* Value grid and labels. */
    /* At most a dozen lines, whatever rounding does to v += step. */
    int lines = 0;
    for (double v = ceil(c->v0 / step) * step; v <= c->v1 + step * 1e-9 && lines < 12; v += step, lines++) {
        double y = py(c, v);
        line(out, "grid", LEFT, y, W - RIGHT, y);
        report_num_human(num, fabs(v) < step * 1e-9 ? 0.0 : v);
        fputs("<text class=\"ylabel\" x=\"", out);
        coord(out, LEFT - 6);
        fputs("\" y=\"", out);
        coord(out, y + 4);
        fprintf(out, "\" text-anchor=\"end\">%s</text>", num);
    }
    /* Year ticks at each 1 January, labelled in the middle of their year. */
    for (int y = y0; y <= y1; y++) {
        double d = year_start(y);
        double mid = (d + year_start(y + 1 <= 9999 ? y + 1 : y)) / 2.0;
        if (d >= c->t0 && d <= c->t1)
            line(out, "tick", px(c, d), H - BOTTOM, px(c, d), H - BOTTOM + 5);
        if ((y - y0) % every != 0 || d >= c->t1)
            continue;
        if (mid < c->t0 || mid > c->t1)
            mid = d < c->t0 ? c->t0 : d;
        fputs("<text class=\"xlabel\" x=\"", out);
        coord(out, px(c, mid));
        fputs("\" y=\"", out);
        coord(out, H - BOTTOM + 18);
        fprintf(out, "\" text-anchor=\"middle\">%d</text>", y);
    }
    /* The axes themselves. */
    fputs("<path class=\"axis\" d=\"M", out);
    coord(out, LEFT);
    putc(',', out);
    coord(out, TOP);
    fputs(" V", out);
    coord(out, H - BOTTOM);
    fputs(" H", out);
    coord(out, W - RIGHT);
    fputs("\"/>", out);
}

static void vline(const chart *c, const char *cls, double day, const char *label)
{
    FILE *out = c->out;
    double x = px(c, day);

    /* Labels near the right edge go to the left of their line. */
    int left = x > W - RIGHT - 60;

    line(out, cls, x, TOP, x, H - BOTTOM);
    fprintf(out, "<text class=\"%s-label\" x=\"", cls);
    coord(out, left ? x - 3 : x + 3);
    fputs("\" y=\"", out);
    coord(out, strcmp(cls, "deadline") == 0 ? TOP + 22 : TOP + 10); /* apart when close */
    fprintf(out, "\"%s>%s</text>", left ? " text-anchor=\"end\"" : "", label);
}

/* What the chart draws besides the observations, in level terms. */
typedef struct plan_lines {
    int has_target, has_band, has_path, has_projection, path_growth;
    int has_base, has_deadline;
    double target, high;           /* target level (band: low, high) */
    double base_day, base_value;   /* start of the path */
    double end_day;                /* deadline's last day */
    double growth;                 /* % a year, for a compounding path */
    double latest_day, latest_value, projected;
    const char *note;              /* what the chart cannot show, or NULL */
} plan_lines;

static void plan_of(const report_target *rt, plan_lines *pl)
{
    const goals_result *r = rt->result;
    const goals_target *t = rt->target;
    goals_target_kind kind = goals_target_kind_of(t);
    goals_op op = goals_target_op(t);
    int numeric = op >= GOALS_OP_GE && op <= GOALS_OP_BETWEEN;
    int level_measure = goals_measure_rate(rt->measure) == GOALS_RATE_NONE;
    goals_period p;
    double v, projected = goals_result_projected(r);
    int observed, has_base, has_latest, has_deadline;

    memset(pl, 0, sizeof *pl);
    has_base = goals_result_baseline(r, &p, &v, &observed) && isfinite(v);
    pl->has_base = has_base;
    if (has_base) {
        pl->base_day = p.end;
        pl->base_value = v;
    }
    has_latest = goals_result_latest(r, &p, &v) && isfinite(v);
    if (has_latest) {
        pl->latest_day = p.end;
        pl->latest_value = v;
    }
    has_deadline = goals_target_deadline(t, &p);
    pl->has_deadline = has_deadline;
    if (has_deadline)
        pl->end_day = p.end;

    /* Change and average growth report their figures (a change, a rate),
     * not the level they start from: the level is the target's own
     * baseline, else the observation of the baseline period. */
    if (kind == GOALS_KIND_CHANGE || kind == GOALS_KIND_AVERAGE_GROWTH) {
        goals_period bp;
        double bv = NAN;
        const goals_observation *o = NULL;

        if (goals_target_baseline(t, &bp, &bv)) {
            has_base = isfinite(bv);
        } else if (goals_result_baseline(r, &bp, &bv, &observed)) {
            o = goals_measure_find_observation(rt->measure, &bp);
            bv = o ? goals_observation_value(o) : NAN;
            has_base = isfinite(bv);
        } else {
            has_base = 0;
        }
        pl->has_base = has_base;
        if (has_base) {
            pl->base_day = bp.end;
            pl->base_value = bv;
        }
    }

    switch (kind) {
    case GOALS_KIND_REACH:
    case GOALS_KIND_MILESTONE:
    case GOALS_KIND_MAINTAIN:
    case GOALS_KIND_STREAK:
    case GOALS_KIND_RANK:
        if (!numeric)
            break;
        pl->has_target = 1;
        pl->target = goals_target_value(t);
        pl->has_band = op == GOALS_OP_BETWEEN;
        pl->high = goals_target_high(t);
        if (kind == GOALS_KIND_REACH && op != GOALS_OP_BETWEEN) {
            pl->has_path = has_base && has_deadline;
            pl->has_projection = has_latest && has_deadline && isfinite(projected);
            pl->projected = projected;
        }
        break;
    case GOALS_KIND_CHANGE:
        /* A change from a known level is a level: baseline + change, or
         * baseline × (1 + change/100). Rate measures compound: not drawn. */
        if (!numeric || op == GOALS_OP_BETWEEN || !has_base || !level_measure) {
            pl->note = "the target is on the change from the baseline";
            break;
        }
        /* The latest and projected figures are changes too. */
        if (goals_target_change_mode(t) == GOALS_CHANGE_PERCENT) {
            pl->target = pl->base_value * (1 + goals_target_value(t) / 100.0);
            pl->projected = pl->base_value * (1 + projected / 100.0);
            pl->latest_value = pl->base_value * (1 + pl->latest_value / 100.0);
        } else {
            pl->target = pl->base_value + goals_target_value(t);
            pl->projected = pl->base_value + projected;
            pl->latest_value = pl->base_value + pl->latest_value;
        }
        pl->has_target = isfinite(pl->target);
        pl->has_path = pl->has_target && has_deadline;
        pl->has_projection = has_latest && has_deadline && isfinite(pl->projected) &&
                             isfinite(pl->latest_value);
        break;
    case GOALS_KIND_AVERAGE_GROWTH:
        if (!numeric || op == GOALS_OP_BETWEEN) {
            pl->note = "the target is on the average growth";
            break;
        }
        if (!level_measure) {
            /* The values are yearly growth rates: the target rate compares with each. */
            pl->has_target = 1;
            pl->target = goals_target_value(t);
        } else if (has_base && has_deadline) {
            pl->has_path = 1;
            pl->path_growth = 1;
            pl->growth = goals_target_value(t);
            pl->has_target = 1;
            pl->target = pl->base_value * pow(1 + pl->growth / 100.0, (pl->end_day - pl->base_day) / 365.2425);
        } else {
            pl->note = "the target is on the average growth";
        }
        break;
    case GOALS_KIND_CUMULATIVE:
        /* Drawn as the running sum (report_chart_svg makes it), from zero
         * at the window's start. */
        if (!numeric || op == GOALS_OP_BETWEEN) {
            pl->note = "the target is on the sum over the window";
            break;
        }
        pl->has_target = 1;
        pl->target = goals_target_value(t);
        pl->has_base = 1;
        pl->base_value = 0;
        pl->has_path = has_deadline;
        pl->has_projection = has_latest && has_deadline && isfinite(projected);
        pl->projected = projected;
        break;
    case GOALS_KIND_RELATIVE:
        pl->note = "grey: the measure it is compared with";
        break;
    default:
        break;
    }
    if (pl->has_target && !isfinite(pl->target))
        pl->has_target = pl->has_path = 0;
}

/* A cumulative target is drawn as the running sum of the values of the
 * periods in its window (docs/evaluation.md: from the start period, else the
 * day after the baseline, else the plan's horizon; to the deadline), starting
 * from zero on the window's first day. */
static void running_sum(const goals_plan *plan, const goals_target *t, report_point *pts, size_t *n,
                        plan_lines *pl)
{
    goals_period p;
    int has_start = 1;
    int32_t start = 0;
    double sum = 0;
    size_t k = 0;

    if (goals_target_start(t, &p))
        start = p.start;
    else if (goals_target_baseline(t, &p, NULL))
        start = p.end + 1;
    else if (goals_plan_horizon(plan, &p))
        start = p.start;
    else
        has_start = 0;
    for (size_t i = 0; i < *n; i++) {
        if ((has_start && pts[i].period.start < start) || (pl->has_deadline && pts[i].day > pl->end_day))
            continue;
        sum += pts[i].value;
        pts[k] = pts[i];
        pts[k].value = sum;
        k++;
    }
    *n = k;
    pl->base_day = has_start ? start : (k > 0 ? pts[0].period.start : pl->end_day);
    pl->has_base = pl->has_target;
}

/* Widens [lo, hi] to hold v. */
static void widen(double *lo, double *hi, int *any, double v)
{
    if (!isfinite(v))
        return;
    if (!*any || v < *lo)
        *lo = v;
    if (!*any || v > *hi)
        *hi = v;
    *any = 1;
}

static void draw_plan(const chart *c, const plan_lines *pl)
{
    FILE *out = c->out;

    if (pl->has_band) {
        double ytop = py(c, pl->high), ybot = py(c, pl->target);
        fputs("<rect class=\"band\" x=\"", out);
        coord(out, LEFT);
        fputs("\" y=\"", out);
        coord(out, ytop);
        fputs("\" width=\"", out);
        coord(out, W - LEFT - RIGHT);
        fputs("\" height=\"", out);
        coord(out, ybot - ytop);
        fputs("\"/>", out);
        line(out, "tline", LEFT, ytop, W - RIGHT, ytop);
        line(out, "tline", LEFT, ybot, W - RIGHT, ybot);
    } else if (pl->has_target) {
        line(out, "tline", LEFT, py(c, pl->target), W - RIGHT, py(c, pl->target));
    }
    if (pl->has_path && pl->path_growth) {
        /* A compounding path: a polyline of 24 pieces. */
        fputs("<path class=\"path\" d=\"M", out);
        for (int i = 0; i <= 24; i++) {
            double day = pl->base_day + (pl->end_day - pl->base_day) * i / 24.0;
            double v = pl->base_value * pow(1 + pl->growth / 100.0, (day - pl->base_day) / 365.2425);
            if (i > 0)
                fputs(" L", out);
            point(out, c, day, v);
        }
        fputs("\"/>", out);
    } else if (pl->has_path) {
        line(out, "path", px(c, pl->base_day), py(c, pl->base_value), px(c, pl->end_day), py(c, pl->target));
    }
    if (pl->has_path) {
        /* The baseline: a square, where the path starts. */
        fputs("<rect class=\"base\" x=\"", out);
        coord(out, px(c, pl->base_day) - 3.5);
        fputs("\" y=\"", out);
        coord(out, py(c, pl->base_value) - 3.5);
        fputs("\" width=\"7\" height=\"7\"/>", out);
    }
    if (pl->has_projection)
        line(out, "projection", px(c, pl->latest_day), py(c, pl->latest_value), px(c, pl->end_day),
             py(c, pl->projected));
}

static void draw_observations(const chart *c, const report_point *pts, size_t n, int32_t as_of,
                              const char *cls)
{
    FILE *out = c->out;

    if (n == 0)
        return;
    fprintf(out, "<path class=\"%s\" d=\"M", cls);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            fputs(" L", out);
        point(out, c, pts[i].day, pts[i].value);
    }
    fputs("\"/>", out);
    for (size_t i = 0; i < n; i++) {
        char period[GOALS_PERIOD_TEXT_MAX], num[REPORT_NUM_MAX];

        report_period_text(period, &pts[i].period);
        report_num_human(num, pts[i].value);
        /* Observations after the as-of date did not count: drawn hollow. */
        fprintf(out, "<circle class=\"%s%s\" cx=\"", strcmp(cls, "series") == 0 ? "obs" : "obs-other",
                pts[i].day > as_of ? " later" : "");
        coord(out, px(c, pts[i].day));
        fputs("\" cy=\"", out);
        coord(out, py(c, pts[i].value));
        fprintf(out, "\" r=\"3.5\"><title>%s: %s</title></circle>", period, num);
    }
}

int report_chart_svg(FILE *out, const report_ctx *ctx, const report_target *t)
{
    report_point *pts = NULL, *other = NULL;
    size_t n = 0, nother = 0;
    plan_lines pl;
    chart c;
    int32_t as_of = goals_evaluation_as_of(ctx->ev);
    double dlo = as_of, dhi = as_of;
    int any_day = 1, any_value = 0;

    if (report_series(t->measure, &pts, &n) != 0)
        return -1;
    plan_of(t, &pl);
    if (goals_target_kind_of(t->target) == GOALS_KIND_CUMULATIVE)
        running_sum(ctx->plan, t->target, pts, &n, &pl);
    if (goals_target_kind_of(t->target) == GOALS_KIND_RELATIVE && goals_target_relative_to(t->target) &&
        report_series(goals_target_relative_to(t->target), &other, &nother) != 0) {
        free(pts);
        return -1;
    }

    /* The time axis: every date drawn, widened to whole years. */
    for (size_t i = 0; i < n; i++)
        widen(&dlo, &dhi, &any_day, pts[i].day);
    for (size_t i = 0; i < nother; i++)
        widen(&dlo, &dhi, &any_day, other[i].day);
    if (pl.has_deadline)
        widen(&dlo, &dhi, &any_day, pl.end_day);
    if (pl.has_base)
        widen(&dlo, &dhi, &any_day, pl.base_day);
    c.t0 = year_start(year_of(dlo));
    c.t1 = year_of(dhi) < 9999 ? year_start(year_of(dhi) + 1) : dhi + 1;

    /* The value axis: every value drawn, with a margin. */
    c.v0 = c.v1 = 0;
    for (size_t i = 0; i < n; i++)
        widen(&c.v0, &c.v1, &any_value, pts[i].value);
    for (size_t i = 0; i < nother; i++)
        widen(&c.v0, &c.v1, &any_value, other[i].value);
    if (pl.has_target)
        widen(&c.v0, &c.v1, &any_value, pl.target);
    if (pl.has_band)
        widen(&c.v0, &c.v1, &any_value, pl.high);
    if (pl.has_path)
        widen(&c.v0, &c.v1, &any_value, pl.base_value);
    if (pl.has_projection)
        widen(&c.v0, &c.v1, &any_value, pl.projected);
    if (!any_value) {
        c.v0 = 0;
        c.v1 = 1;
    } else if (c.v1 - c.v0 < 1e-12 * (fabs(c.v0) + 1)) {
        double pad = fabs(c.v0) > 0 ? fabs(c.v0) * 0.1 : 1.0;
        c.v0 -= pad;
        c.v1 += pad;
    } else {
        double pad = (c.v1 - c.v0) * 0.08;
        c.v0 -= pad;
        c.v1 += pad;
    }
    c.out = out;

    fprintf(out, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                 "role=\"img\" aria-label=\"", (int)W, (int)H);
    report_html_text(out, t->title);
    fputs("\"><title>", out);
    report_html_text(out, t->title);
    fputs("</title>", out);
    axes(&c);
    draw_plan(&c, &pl);
    if (pl.has_deadline)
        vline(&c, "deadline", pl.end_day, "deadline");
    vline(&c, "asof", as_of, "as of");
    draw_observations(&c, other, nother, as_of, "other");
    draw_observations(&c, pts, n, as_of, "series");
    if (pl.note || n == 0) {
        fputs("<text class=\"note\" x=\"", out);
        coord(out, LEFT + 8);
        fputs("\" y=\"", out);
        coord(out, H - BOTTOM - 8);
        fputs("\">", out);
        report_html_text(out, n == 0 ? "no observations" : pl.note);
        fputs("</text>", out);
    }
    fputs("</svg>", out);
    free(pts);
    free(other);
    return 0;
}
