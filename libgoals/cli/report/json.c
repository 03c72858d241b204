/* The JSON report: exactly the object DESIGN.md ("Command line") promises.
 * Undefined figures are null (JSON has no NaN); numbers are the shortest
 * text that reads back exactly; strings are escaped per RFC 8259. */
#include "report.h"

static void key(FILE *out, const char *name)
{
    report_json_string(out, name);
    fputs(": ", out);
}

/* Counts per status: every status, in the order of the enumeration. */
static void counts(FILE *out, const report_ctx *ctx, const goals_goal *goal)
{
    size_t c[GOALS_STATUS_COUNT];

    goals_evaluation_counts(ctx->ev, goal, c);
    putc('{', out);
    for (int s = 0; s < GOALS_STATUS_COUNT; s++) {
        if (s > 0)
            fputs(", ", out);
        key(out, goals_target_status_name((goals_target_status)s));
        fprintf(out, "%zu", c[s]);
    }
    putc('}', out);
}

/* The roll-up of a goal, or of the plan when @p goal is NULL. */
static void rollup(FILE *out, const report_ctx *ctx, const goals_goal *goal)
{
    key(out, "id");
    report_json_string(out, goal ? goals_goal_id(goal) : goals_plan_id(ctx->plan));
    fputs(", ", out);
    key(out, "title");
    report_json_string(out, goal ? goals_goal_title(goal, ctx->lang) : goals_plan_title(ctx->plan, ctx->lang));
    fputs(", ", out);
    key(out, "status");
    report_json_string(out, goals_target_status_name(goals_evaluation_status(ctx->ev, goal)));
    fputs(", ", out);
    key(out, "counts");
    counts(out, ctx, goal);
    fputs(", ", out);
    key(out, "score");
    report_json_number(out, goals_evaluation_score(ctx->ev, goal));
}

static void period_value(FILE *out, int has, const goals_period *p, double v)
{
    char text[GOALS_PERIOD_TEXT_MAX];

    if (!has) {
        fputs("null", out);
        return;
    }
    report_period_text(text, p);
    fputs("{", out);
    key(out, "period");
    report_json_string(out, text);
    fputs(", ", out);
    key(out, "value");
    report_json_number(out, v);
    fputs("}", out);
}

/* A string that is "" for "none" (op, attribute) is null. */
static void name_or_null(FILE *out, const char *name)
{
    report_json_string(out, name && name[0] ? name : NULL);
}

static void target_value(FILE *out, const goals_target *t)
{
    switch (goals_target_op(t)) {
    case GOALS_OP_BETWEEN:
        putc('[', out);
        report_json_number(out, goals_target_value(t));
        fputs(", ", out);
        report_json_number(out, goals_target_high(t));
        putc(']', out);
        break;
    case GOALS_OP_NONE:
    case GOALS_OP_INCREASE:
    case GOALS_OP_DECREASE:
        fputs("null", out);
        break;
    default:
        report_json_number(out, goals_target_value(t));
        break;
    }
}

static void target(FILE *out, const goals_result *r)
{
    const goals_target *t = goals_result_target(r);
    goals_period p;
    double v;
    int observed;
    int has;
    char text[GOALS_PERIOD_TEXT_MAX];
    const goals_goal *goal = goals_target_goal(t);

    fputs("{", out);
    key(out, "id");
    report_json_string(out, goals_target_id(t));
    fputs(", ", out);
    key(out, "goal");
    report_json_string(out, goal ? goals_goal_id(goal) : NULL);
    fputs(", ", out);
    key(out, "measure");
    report_json_string(out, goals_measure_id(goals_target_measure(t)));
    fputs(", ", out);
    key(out, "kind");
    report_json_string(out, goals_target_kind_name(goals_target_kind_of(t)));
    fputs(", ", out);
    key(out, "op");
    name_or_null(out, goals_op_name(goals_target_op(t)));
    fputs(", ", out);
    key(out, "value");
    target_value(out, t);
    fputs(", ", out);
    key(out, "deadline");
    has = goals_target_deadline(t, &p);
    if (has)
        report_period_text(text, &p);
    report_json_string(out, has ? text : NULL);
    fputs(", ", out);
    key(out, "attribute");
    name_or_null(out, goals_attribute_name(goals_target_attribute(t)));
    fputs(", ", out);
    key(out, "violation");
    fputs(goals_result_violation(r) ? "true" : "false", out);
    fputs(", ", out);
    key(out, "status");
    report_json_string(out, goals_target_status_name(goals_result_status(r)));
    fputs(", ", out);
    key(out, "progress");
    report_json_number(out, goals_result_progress(r));
    fputs(", ", out);
    key(out, "required_rate");
    report_json_number(out, goals_result_required_rate(r));
    fputs(", ", out);
    key(out, "actual_rate");
    report_json_number(out, goals_result_actual_rate(r));
    fputs(", ", out);
    key(out, "days_left");
    /* Without a deadline the library says 0; the figure is undefined. */
    if (has)
        fprintf(out, "%lld", (long long)goals_result_days_left(r));
    else
        fputs("null", out);
    fputs(", ", out);
    key(out, "latest");
    has = goals_result_latest(r, &p, &v);
    period_value(out, has, &p, v);
    fputs(", ", out);
    key(out, "baseline");
    has = goals_result_baseline(r, &p, &v, &observed);
    period_value(out, has, &p, v);
    fputs(", ", out);
    key(out, "projected");
    report_json_number(out, goals_result_projected(r));
    fputs(", ", out);
    key(out, "assessment");
    fputs("{", out);
    key(out, "method");
    report_json_string(out, goals_result_method(r));
    fputs(", ", out);
    key(out, "value");
    report_json_number(out, goals_result_assessment_value(r));
    fputs(", ", out);
    key(out, "category");
    report_json_string(out, goals_result_assessment_category(r));
    fputs("}}", out);
}

int report_json(const report_ctx *ctx)
{
    FILE *out = ctx->out;
    size_t n = goals_evaluation_result_count(ctx->ev);
    size_t ngoals = goals_plan_goal_count(ctx->plan);
    char date[16];

    fputs("{\n  ", out);
    key(out, "plan");
    fputs("{", out);
    rollup(out, ctx, NULL);
    fputs("},\n  ", out);
    key(out, "as_of");
    goals_date_format(goals_evaluation_as_of(ctx->ev), date, sizeof date);
    report_json_string(out, date);
    fputs(",\n  ", out);
    key(out, "method");
    report_json_string(out, goals_evaluation_method(ctx->ev));
    fputs(",\n  ", out);
    key(out, "targets");
    fputs("[", out);
    for (size_t i = 0; i < n; i++) {
        fputs(i > 0 ? ",\n    " : "\n    ", out);
        target(out, goals_evaluation_result_at(ctx->ev, i));
    }
    fputs(n > 0 ? "\n  ],\n  " : "],\n  ", out);
    key(out, "goals");
    fputs("[", out);
    for (size_t g = 0; g < ngoals; g++) {
        fputs(g > 0 ? ",\n    {" : "\n    {", out);
        rollup(out, ctx, goals_plan_goal_at(ctx->plan, g));
        fputs("}", out);
    }
    fputs(ngoals > 0 ? "\n  ]\n}\n" : "]\n}\n", out);
    return 0;
}
