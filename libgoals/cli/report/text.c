/* The text report: a table per goal, aligned by display width, so that
 * Chinese titles (two columns a character) line up on a terminal. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

enum { COL_ID, COL_TITLE, COL_KIND, COL_LATEST, COL_TARGET, COL_DEADLINE, COL_PROGRESS, COL_STATUS, NCOLS };

static const char *const headers[NCOLS] = {
    "ID", "Title", "Kind", "Latest", "Target", "Deadline", "Progress", "Status"
};

/* Long titles are cut to this many columns, with "..." after them. */
#define TITLE_COLS 40

typedef struct row {
    report_target t;
    char title[TITLE_COLS * 4 + 8]; /* a UTF-8 character is at most 4 bytes */
    const char *cells[NCOLS];
} row;

static const char *status_colour(goals_target_status s)
{
    switch (s) {
    case GOALS_STATUS_ACHIEVED: return "\033[32m";     /* green */
    case GOALS_STATUS_ON_TRACK: return "\033[36m";     /* cyan */
    case GOALS_STATUS_AT_RISK: return "\033[33m";      /* yellow */
    case GOALS_STATUS_OFF_TRACK:
    case GOALS_STATUS_REGRESSING: return "\033[31m";   /* red */
    case GOALS_STATUS_BREACHED:
    case GOALS_STATUS_MISSED: return "\033[1;31m";     /* bold red */
    default: return "\033[2m";                         /* dim: pending, no_data */
    }
}

static void put_status(const report_ctx *ctx, goals_target_status s)
{
    if (ctx->color)
        fprintf(ctx->out, "%s%s\033[0m", status_colour(s), goals_target_status_name(s));
    else
        fputs(goals_target_status_name(s), ctx->out);
}

static void pad(FILE *out, size_t have, size_t want)
{
    for (; have < want; have++)
        putc(' ', out);
}

static void cut_title(row *r)
{
    size_t width;
    size_t len;

    if (report_text_width(r->t.title) <= TITLE_COLS) {
        snprintf(r->title, sizeof r->title, "%s", r->t.title);
        return;
    }
    len = report_text_fit(r->t.title, TITLE_COLS - 3, &width);
    snprintf(r->title, sizeof r->title, "%.*s...", (int)len, r->t.title);
}

static void fill_row(const report_ctx *ctx, const goals_result *res, row *r)
{
    report_target_get(ctx, res, &r->t);
    cut_title(r);
    r->cells[COL_ID] = goals_target_id(r->t.target);
    r->cells[COL_TITLE] = r->title;
    r->cells[COL_KIND] = goals_target_kind_name(goals_target_kind_of(r->t.target));
    r->cells[COL_LATEST] = r->t.latest[0] ? r->t.latest : "-";
    r->cells[COL_TARGET] = r->t.goal_text[0] ? r->t.goal_text : "-";
    r->cells[COL_DEADLINE] = r->t.deadline[0] ? r->t.deadline : "-";
    r->cells[COL_PROGRESS] = r->t.progress[0] ? r->t.progress : "-";
    r->cells[COL_STATUS] = r->t.status_name;
}

static void put_row(const report_ctx *ctx, const char *const *cells, const size_t *widths,
                    const row *r)
{
    fputs("  ", ctx->out);
    for (int c = 0; c < NCOLS; c++) {
        size_t w = report_text_width(cells[c]);

        if (c > 0)
            fputs("  ", ctx->out);
        if (c == COL_STATUS) {
            /* The last column: no padding after it. */
            if (r != NULL)
                put_status(ctx, r->t.status);
            else
                fputs(cells[c], ctx->out);
        } else if (c == COL_PROGRESS) {
            pad(ctx->out, w, widths[c]); /* a number: right-aligned */
            fputs(cells[c], ctx->out);
        } else {
            fputs(cells[c], ctx->out);
            pad(ctx->out, w, widths[c]);
        }
    }
    putc('\n', ctx->out);
}

static void summary(const report_ctx *ctx)
{
    size_t counts[GOALS_STATUS_COUNT];
    size_t total = 0;
    char score[32];

    goals_evaluation_counts(ctx->ev, NULL, counts);
    fputs("\nSummary\n", ctx->out);
    for (int s = 0; s < GOALS_STATUS_COUNT; s++) {
        goals_target_status st = report_status_order[s];
        if (counts[st] == 0)
            continue;
        total += counts[st];
        fputs("  ", ctx->out);
        put_status(ctx, st);
        pad(ctx->out, strlen(goals_target_status_name(st)), 12);
        fprintf(ctx->out, "%5zu\n", counts[st]);
    }
    fprintf(ctx->out, "  %-12s%5zu\n", "total", total);
    report_score_text(score, sizeof score, goals_evaluation_score(ctx->ev, NULL));
    fprintf(ctx->out, "  %-12s%5s\n", "score", score);
}

int report_text(const report_ctx *ctx)
{
    size_t n = goals_evaluation_result_count(ctx->ev);
    size_t widths[NCOLS];
    size_t ngoals = goals_plan_goal_count(ctx->plan);
    char date[16];
    char score[32];
    row *rows = NULL;
    size_t next = 0;

    if (n > 0 && (rows = calloc(n, sizeof *rows)) == NULL)
        return -1;
    for (int c = 0; c < NCOLS; c++)
        widths[c] = strlen(headers[c]);
    /* One width per column over the whole report, so that every goal's
     * table has the same columns. */
    for (size_t i = 0; i < n; i++) {
        fill_row(ctx, goals_evaluation_result_at(ctx->ev, i), &rows[i]);
        for (int c = 0; c < NCOLS; c++) {
            size_t w = report_text_width(rows[i].cells[c]);
            if (w > widths[c])
                widths[c] = w;
        }
    }

    goals_date_format(goals_evaluation_as_of(ctx->ev), date, sizeof date);
    report_score_text(score, sizeof score, goals_evaluation_score(ctx->ev, NULL));
    if (goals_plan_title(ctx->plan, ctx->lang)[0] != '\0')
        fprintf(ctx->out, "%s (%s)\n", goals_plan_title(ctx->plan, ctx->lang), goals_plan_id(ctx->plan));
    else
        fprintf(ctx->out, "%s\n", goals_plan_id(ctx->plan));
    fprintf(ctx->out, "As of %s, method %s: ", date, goals_evaluation_method(ctx->ev));
    put_status(ctx, goals_evaluation_status(ctx->ev, NULL));
    fprintf(ctx->out, ", score %s, %zu targets\n", score, n);

    for (size_t g = 0; g < ngoals; g++) {
        const goals_goal *goal = goals_plan_goal_at(ctx->plan, g);
        const char *title = goals_goal_title(goal, ctx->lang);

        if (!report_goal_listed(goal))
            continue;
        fprintf(ctx->out, "\n%s [%s]: ", title[0] ? title : goals_goal_id(goal), goals_goal_id(goal));
        put_status(ctx, goals_evaluation_status(ctx->ev, goal));
        putc('\n', ctx->out);
        put_row(ctx, headers, widths, NULL);
        for (size_t k = 0; k < goals_goal_target_count(goal); k++) {
            const goals_target *t = goals_goal_target_at(goal, k);
            size_t i = next;

            /* Results are in plan order, the order of the goals' targets:
             * the next row is the one; search only if it is not. */
            if (i >= n || rows[i].t.target != t)
                for (i = 0; i < n && rows[i].t.target != t; i++)
                    ;
            if (i < n) {
                put_row(ctx, rows[i].cells, widths, &rows[i]);
                next = i + 1;
            }
        }
    }
    summary(ctx);
    free(rows);
    return 0;
}
