/* The CSV report: one row per target, the JSON fields flattened (RFC 4180:
 * CRLF line ends, fields quoted when they must be). An undefined figure is
 * an empty field; `between` puts its low end in value and its high end in
 * value_high; latest, baseline and assessment become two or three columns. */
#include "report.h"

#include <math.h>

static const char header[] =
    "id,goal,measure,kind,op,value,value_high,deadline,attribute,violation,status,"
    "progress,required_rate,actual_rate,days_left,latest_period,latest_value,"
    "baseline_period,baseline_value,projected,assessment_method,assessment_value,"
    "assessment_category\r\n";

static void num(FILE *out, double v)
{
    char buf[REPORT_NUM_MAX];

    putc(',', out);
    if (isfinite(v)) {
        report_num_exact(buf, v);
        fputs(buf, out);
    }
}

static void text(FILE *out, const char *s)
{
    putc(',', out);
    report_csv_field(out, s);
}

static void period_value(FILE *out, int has, const goals_period *p, double v)
{
    char buf[GOALS_PERIOD_TEXT_MAX];

    if (!has) {
        fputs(",,", out);
        return;
    }
    report_period_text(buf, p);
    text(out, buf);
    num(out, v);
}

static void row(FILE *out, const goals_result *r)
{
    const goals_target *t = goals_result_target(r);
    const goals_goal *goal = goals_target_goal(t);
    goals_op op = goals_target_op(t);
    goals_period p;
    double v;
    int observed, has_deadline, has;
    char buf[GOALS_PERIOD_TEXT_MAX];

    report_csv_field(out, goals_target_id(t));
    text(out, goal ? goals_goal_id(goal) : "");
    text(out, goals_measure_id(goals_target_measure(t)));
    text(out, goals_target_kind_name(goals_target_kind_of(t)));
    text(out, goals_op_name(op));
    if (op == GOALS_OP_NONE || op == GOALS_OP_INCREASE || op == GOALS_OP_DECREASE) {
        fputs(",,", out);
    } else {
        num(out, goals_target_value(t));
        num(out, op == GOALS_OP_BETWEEN ? goals_target_high(t) : NAN);
    }
    has_deadline = goals_target_deadline(t, &p);
    if (has_deadline)
        report_period_text(buf, &p);
    text(out, has_deadline ? buf : "");
    text(out, goals_attribute_name(goals_target_attribute(t)));
    text(out, goals_result_violation(r) ? "true" : "false");
    text(out, goals_target_status_name(goals_result_status(r)));
    num(out, goals_result_progress(r));
    num(out, goals_result_required_rate(r));
    num(out, goals_result_actual_rate(r));
    if (has_deadline)
        fprintf(out, ",%lld", (long long)goals_result_days_left(r));
    else
        putc(',', out);
    /* Call first, then pass: arguments are evaluated in no set order. */
    has = goals_result_latest(r, &p, &v);
    period_value(out, has, &p, v);
    has = goals_result_baseline(r, &p, &v, &observed);
    period_value(out, has, &p, v);
    num(out, goals_result_projected(r));
    text(out, goals_result_method(r));
    num(out, goals_result_assessment_value(r));
    text(out, goals_result_assessment_category(r));
    fputs("\r\n", out);
}

int report_csv(const report_ctx *ctx)
{
    size_t n = goals_evaluation_result_count(ctx->ev);

    fputs(header, ctx->out);
    for (size_t i = 0; i < n; i++)
        row(ctx->out, goals_evaluation_result_at(ctx->ev, i));
    return 0;
}
