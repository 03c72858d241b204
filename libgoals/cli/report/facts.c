/* The facts of one target as the people-facing formats show them
 * (text, Markdown, HTML): title, latest value, target, deadline, progress. */
#include "report.h"

#include <math.h>
#include <string.h>

void report_period_text(char *buf, const goals_period *p)
{
    if (goals_period_format(p, buf, GOALS_PERIOD_TEXT_MAX) == 0)
        buf[0] = '\0';
}

void report_score_text(char *buf, size_t size, double score)
{
    if (isnan(score))
        snprintf(buf, size, "-");
    else
        snprintf(buf, size, "%.0f%%", score * 100.0); /* no decimal point: locale-free */
}

/* "1e8" for a power of ten, else the exact number. */
static void scale_text(char *buf, double scale)
{
    double k = log10(scale);

    if (k == floor(k) && fabs(k) < 300 && pow(10.0, k) == scale)
        snprintf(buf, REPORT_NUM_MAX, "1e%d", (int)k);
    else
        report_num_exact(buf, scale);
}

const char *report_measure_unit(const goals_measure *m, char *buf, size_t size)
{
    const char *unit = goals_measure_unit(m);
    double scale = goals_measure_scale(m);
    char s[REPORT_NUM_MAX];

    if (scale == 1.0) {
        snprintf(buf, size, "%s", unit);
    } else {
        scale_text(s, scale);
        snprintf(buf, size, "%s%s%s", s, unit[0] ? " " : "", unit);
    }
    return buf;
}

/* Appends a value and its unit: "320亿元", "98%", "5 t". */
static void put_value(char *buf, size_t size, double v, const char *unit)
{
    char num[REPORT_NUM_MAX];
    size_t len = strlen(buf);
    const unsigned char *u = (const unsigned char *)unit;
    /* Units written in CJK (亿元) or as a sign (%) stick to the number. */
    int tight = u[0] == '\0' || u[0] >= 0x80 || u[0] == '%' || u[0] == '/';

    if (len >= size)
        return;
    report_num_human(num, v);
    snprintf(buf + len, size - len, "%s%s%s", num, tight ? "" : " ", unit);
}

static const char *op_sign(goals_op op)
{
    switch (op) {
    case GOALS_OP_GE: return ">= ";
    case GOALS_OP_GT: return "> ";
    case GOALS_OP_LE: return "<= ";
    case GOALS_OP_LT: return "< ";
    case GOALS_OP_EQ: return "= ";
    default: return "";
    }
}

/* The unit label of a target's values: the unit it was given in when that is
 * the measure's own scale × unit under another name (亿元 for 1e8 CNY). */
static const char *target_unit(const report_ctx *ctx, const goals_target *t, const goals_measure *m,
                               char *buf, size_t size)
{
    const char *given = goals_target_given_unit(t);
    const char *name = report_units_name(ctx->units, m);
    double factor = 0;

    report_measure_unit(m, buf, size);
    if (goals_target_kind_of(t) == GOALS_KIND_AVERAGE_GROWTH)
        return "%/yr";
    if (goals_target_kind_of(t) == GOALS_KIND_CHANGE && goals_target_change_mode(t) == GOALS_CHANGE_PERCENT)
        return "%";
    if (goals_target_kind_of(t) == GOALS_KIND_RANK)
        return "";
    if (given[0] != '\0' && goals_unit_factor(&factor, given, buf) == GOALS_OK && factor == 1.0) {
        goals_error_clear();
        return given;
    }
    goals_error_clear();
    return name ? name : buf;
}

static void goal_text(char *buf, size_t size, const goals_target *t, const char *unit)
{
    goals_op op = goals_target_op(t);
    double v = goals_target_value(t);
    size_t len;

    buf[0] = '\0';
    switch (op) {
    case GOALS_OP_BETWEEN:
        put_value(buf, size, v, "");
        len = strlen(buf);
        snprintf(buf + len, size - len, " to ");
        put_value(buf, size, goals_target_high(t), unit);
        break;
    case GOALS_OP_INCREASE:
        snprintf(buf, size, "increase");
        break;
    case GOALS_OP_DECREASE:
        snprintf(buf, size, "decrease");
        break;
    case GOALS_OP_NONE:
        if (goals_target_kind_of(t) == GOALS_KIND_MILESTONE)
            snprintf(buf, size, "event");
        else if (goals_target_kind_of(t) == GOALS_KIND_QUALITATIVE)
            snprintf(buf, size, "judged");
        break;
    default:
        if (isnan(v))
            break;
        snprintf(buf, size, "%s", op_sign(op));
        put_value(buf, size, v, unit);
        break;
    }
    if (goals_target_kind_of(t) == GOALS_KIND_STREAK && goals_target_streak(t) > 0) {
        len = strlen(buf);
        if (len < size)
            snprintf(buf + len, size - len, ", %u in a row", goals_target_streak(t));
    }
}

void report_target_get(const report_ctx *ctx, const goals_result *r, report_target *t)
{
    char unit_buf[64];
    goals_period p;
    double v;
    double progress;

    memset(t, 0, sizeof *t);
    t->result = r;
    t->target = goals_result_target(r);
    t->measure = goals_target_measure(t->target);
    t->status = goals_result_status(r);
    t->status_name = goals_target_status_name(t->status);
    t->measure_name = goals_measure_name(t->measure, ctx->lang);
    t->title = goals_target_title(t->target, ctx->lang);
    if (t->title[0] == '\0')
        t->title = t->measure_name[0] ? t->measure_name : goals_measure_id(t->measure);
    t->unit = target_unit(ctx, t->target, t->measure, unit_buf, sizeof unit_buf);
    /* unit_buf dies with this call: keep labels that point into it here. */
    if (t->unit == unit_buf) {
        snprintf(t->unit_buf, sizeof t->unit_buf, "%s", unit_buf);
        t->unit = t->unit_buf;
    }

    if (goals_result_latest(r, &p, &v)) {
        report_period_text(t->latest, &p);
        if (!isnan(v)) {
            size_t len = strlen(t->latest);
            snprintf(t->latest + len, sizeof t->latest - len, ": ");
            put_value(t->latest, sizeof t->latest, v, t->unit);
        }
    }
    goal_text(t->goal_text, sizeof t->goal_text, t->target, t->unit);
    if (goals_target_deadline(t->target, &p))
        report_period_text(t->deadline, &p);
    progress = goals_result_progress(r);
    if (isfinite(progress) && fabs(progress) < 1e6)
        snprintf(t->progress, sizeof t->progress, "%.0f%%", progress * 100.0 + 0.0);
    if (strcmp(t->progress, "-0%") == 0)
        strcpy(t->progress, "0%");
}

int report_goal_listed(const goals_goal *goal)
{
    return goals_goal_target_count(goal) > 0;
}

const goals_target_status report_status_order[GOALS_STATUS_COUNT] = {
    GOALS_STATUS_MISSED, GOALS_STATUS_BREACHED, GOALS_STATUS_REGRESSING,
    GOALS_STATUS_OFF_TRACK, GOALS_STATUS_AT_RISK, GOALS_STATUS_ON_TRACK,
    GOALS_STATUS_ACHIEVED, GOALS_STATUS_PENDING, GOALS_STATUS_NO_DATA
};
