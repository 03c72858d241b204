/* The Markdown report: the text report as GitHub-flavoured tables. */
#include "report.h"

static void cell(FILE *out, const char *s)
{
    fputs(" ", out);
    report_md_cell(out, s[0] ? s : "-");
    fputs(" |", out);
}

static void goal_table(const report_ctx *ctx, const goals_goal *goal)
{
    FILE *out = ctx->out;
    const char *title = goals_goal_title(goal, ctx->lang);

    fputs("\n## ", out);
    report_md_cell(out, title[0] ? title : goals_goal_id(goal));
    fprintf(out, " (`%s`): **%s**\n\n", goals_goal_id(goal),
            goals_target_status_name(goals_evaluation_status(ctx->ev, goal)));
    fputs("| ID | Title | Kind | Latest | Target | Deadline | Progress | Status |\n"
          "|:---|:---|:---|:---|:---|:---|---:|:---|\n", out);
    for (size_t k = 0; k < goals_goal_target_count(goal); k++) {
        const goals_target *tg = goals_goal_target_at(goal, k);
        const goals_result *r = goals_evaluation_find_result(ctx->ev, goals_target_id(tg));
        report_target t;

        if (r == NULL)
            continue;
        report_target_get(ctx, r, &t);
        fprintf(out, "| `%s` |", goals_target_id(tg));
        cell(out, t.title);
        cell(out, goals_target_kind_name(goals_target_kind_of(tg)));
        cell(out, t.latest);
        cell(out, t.goal_text);
        cell(out, t.deadline);
        cell(out, t.progress);
        cell(out, t.status_name);
        putc('\n', out);
    }
}

int report_markdown(const report_ctx *ctx)
{
    FILE *out = ctx->out;
    size_t counts[GOALS_STATUS_COUNT];
    size_t total = 0;
    char date[16], score[32];

    goals_date_format(goals_evaluation_as_of(ctx->ev), date, sizeof date);
    report_score_text(score, sizeof score, goals_evaluation_score(ctx->ev, NULL));
    fputs("# ", out);
    report_md_cell(out, goals_plan_title(ctx->plan, ctx->lang)[0] ? goals_plan_title(ctx->plan, ctx->lang)
                                                                 : goals_plan_id(ctx->plan));
    fprintf(out, "\n\nPlan `%s`, as of %s, method `%s`: **%s**, score %s.\n", goals_plan_id(ctx->plan),
            date, goals_evaluation_method(ctx->ev),
            goals_target_status_name(goals_evaluation_status(ctx->ev, NULL)), score);

    fputs("\n## Summary\n\n| Status | Targets |\n|:---|---:|\n", out);
    goals_evaluation_counts(ctx->ev, NULL, counts);
    for (int s = 0; s < GOALS_STATUS_COUNT; s++) {
        goals_target_status st = report_status_order[s];
        if (counts[st] == 0)
            continue;
        total += counts[st];
        fprintf(out, "| %s | %zu |\n", goals_target_status_name(st), counts[st]);
    }
    fprintf(out, "| **total** | %zu |\n| **score** | %s |\n", total, score);

    for (size_t g = 0; g < goals_plan_goal_count(ctx->plan); g++) {
        const goals_goal *goal = goals_plan_goal_at(ctx->plan, g);
        if (report_goal_listed(goal))
            goal_table(ctx, goal);
    }
    return 0;
}
