/* The HTML report: one self-contained page (inline CSS and SVG, nothing
 * fetched) with a summary, then per goal a table of its targets, each
 * followed by its chart. Every text from the plan is escaped. */
#include "report.h"

#include <math.h>
#include <string.h>

static const char style[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans CJK SC','PingFang SC',"
    "'Microsoft YaHei',sans-serif;margin:0 auto;max-width:1100px;padding:1rem 1.5rem;color:#1f2328;"
    "line-height:1.45}\n"
    "h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin:1.8rem 0 .4rem}\n"
    ".meta{color:#59636e}code{font-size:.9em}\n"
    "table{border-collapse:collapse;width:100%}table.counts{width:auto;min-width:16rem}\n"
    "th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #d1d9e0;vertical-align:top}\n"
    "th{background:#f6f8fa;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}td.nw,td.num{white-space:nowrap}td.title{min-width:12em}\n"
    "tr.chart-row td{border-bottom:2px solid #d1d9e0;padding-bottom:1rem}\n"
    ".measure{color:#59636e;font-size:.85em}\n"
    ".badge{display:inline-block;padding:.05rem .5rem;border-radius:1rem;font-size:.8rem;"
    "font-weight:600;white-space:nowrap;color:#fff;background:#818b98}\n"
    /* fill: for the summary bar's pieces */
    ".s-achieved{background:#1a7f37;fill:#1a7f37}.s-on_track{background:#0969da;fill:#0969da}\n"
    ".s-at_risk{background:#bf8700;fill:#bf8700}.s-off_track{background:#d1242f;fill:#d1242f}\n"
    ".s-regressing{background:#a40e26;fill:#a40e26}.s-breached{background:#82071e;fill:#82071e}\n"
    ".s-missed{background:#5c0011;fill:#5c0011}.s-pending{background:#8c959f;fill:#8c959f}\n"
    ".s-no_data{background:#afb8c1;fill:#afb8c1}\n"
    "svg.chart{width:100%;max-width:640px;height:auto;display:block;font-size:11px}\n"
    "svg.bar{width:100%;height:22px;display:block;margin:.5rem 0}\n"
    "figure{margin:.3rem 0}figcaption{color:#59636e;font-size:.85em}\n"
    ".axis{fill:none;stroke:#57606a;stroke-width:1}.tick{stroke:#57606a}\n"
    ".grid{stroke:#eaeef2;stroke-width:1}\n"
    ".ylabel,.xlabel{fill:#57606a}\n"
    ".series{fill:none;stroke:#0969da;stroke-width:2}\n"
    ".obs{fill:#0969da;stroke:#fff;stroke-width:1}.obs.later{fill:#fff;stroke:#0969da}\n"
    ".other{fill:none;stroke:#8c959f;stroke-width:1.5}.obs-other{fill:#8c959f}"
    ".obs-other.later{fill:#fff;stroke:#8c959f}\n"
    ".tline{stroke:#1a7f37;stroke-width:1.5}.band{fill:#1a7f37;fill-opacity:.12}\n"
    ".base{fill:#1a7f37}\n"
    ".path{fill:none;stroke:#1a7f37;stroke-width:1.5;stroke-dasharray:6 4}\n"
    ".projection{fill:none;stroke:#bf8700;stroke-width:2;stroke-dasharray:2 3}\n"
    ".asof{stroke:#cf222e;stroke-width:1}.asof-label{fill:#cf222e}\n"
    ".deadline{stroke:#57606a;stroke-width:1;stroke-dasharray:3 3}.deadline-label{fill:#57606a}\n"
    ".note{fill:#59636e;font-style:italic}\n"
    ".legend span{margin-right:1rem;white-space:nowrap}\n"
    "footer{margin-top:2rem;color:#59636e;font-size:.85em}\n";

/* A status word for people: on_track -> "on track". */
static void status_badge(FILE *out, goals_target_status s)
{
    const char *name = goals_target_status_name(s);

    fprintf(out, "<span class=\"badge s-%s\">", name);
    for (; *name; name++)
        putc(*name == '_' ? ' ' : *name, out);
    fputs("</span>", out);
}

static void summary(const report_ctx *ctx)
{
    FILE *out = ctx->out;
    size_t counts[GOALS_STATUS_COUNT];
    size_t total = 0;
    double x = 0;
    char score[32];

    goals_evaluation_counts(ctx->ev, NULL, counts);
    for (int s = 0; s < GOALS_STATUS_COUNT; s++)
        total += counts[s];
    report_score_text(score, sizeof score, goals_evaluation_score(ctx->ev, NULL));
    fputs("<section id=\"summary\">\n<h2>Summary</h2>\n<p>Plan status ", out);
    status_badge(out, goals_evaluation_status(ctx->ev, NULL));
    fprintf(out, ", score <strong>%s</strong>, %zu targets.</p>\n", score, total);

    /* One bar cut in proportion to the counts, worst first. */
    if (total > 0) {
        fputs("<svg class=\"bar\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 22\" "
              "preserveAspectRatio=\"none\" role=\"img\" aria-label=\"targets by status\">", out);
        for (int s = 0; s < GOALS_STATUS_COUNT; s++) {
            goals_target_status st = report_status_order[s];
            double w = 1000.0 * (double)counts[st] / (double)total;
            if (counts[st] == 0)
                continue;
            fprintf(out, "<rect class=\"s-%s\" x=\"%ld\" y=\"0\" width=\"%ld\" "
                         "height=\"22\"><title>%s: %zu</title></rect>",
                    goals_target_status_name(st), lround(x), lround(x + w) - lround(x),
                    goals_target_status_name(st), counts[st]);
            x += w;
        }
        fputs("</svg>\n", out);
    }
    fputs("<table class=\"counts\"><thead><tr><th>Status</th><th>Targets</th></tr></thead><tbody>\n", out);
    for (int s = 0; s < GOALS_STATUS_COUNT; s++) {
        goals_target_status st = report_status_order[s];
        if (counts[st] == 0)
            continue;
        fputs("<tr><td>", out);
        status_badge(out, st);
        fprintf(out, "</td><td class=\"num\">%zu</td></tr>\n", counts[st]);
    }
    fputs("</tbody></table>\n</section>\n", out);
}

static void cell(FILE *out, const char *cls, const char *text)
{
    fprintf(out, "<td%s%s%s>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
    report_html_text(out, text[0] ? text : "\xE2\x80\x93"); /* an en dash for nothing */
    fputs("</td>", out);
}

static int target_rows(const report_ctx *ctx, const goals_result *r)
{
    FILE *out = ctx->out;
    report_target t;
    const char *note;

    report_target_get(ctx, r, &t);
    fputs("<tr class=\"target\" id=\"target-", out);
    report_html_text(out, goals_target_id(t.target));
    fputs("\" data-target=\"", out);
    report_html_text(out, goals_target_id(t.target));
    fprintf(out, "\" data-status=\"%s\">", t.status_name);
    cell(out, "nw", goals_target_id(t.target));
    fputs("<td class=\"title\">", out);
    report_html_text(out, t.title);
    if (t.measure_name[0] && strcmp(t.measure_name, t.title) != 0) {
        fputs("<div class=\"measure\">", out);
        report_html_text(out, t.measure_name);
        fputs("</div>", out);
    }
    fputs("</td>", out);
    cell(out, NULL, goals_target_kind_name(goals_target_kind_of(t.target)));
    cell(out, NULL, t.latest);
    cell(out, NULL, t.goal_text);
    cell(out, "nw", t.deadline);
    cell(out, "num", t.progress);
    fputs("<td>", out);
    status_badge(out, t.status);
    fputs("</td></tr>\n<tr class=\"chart-row\" data-target=\"", out);
    report_html_text(out, goals_target_id(t.target));
    fputs("\"><td colspan=\"8\"><figure>", out);
    if (report_chart_svg(out, ctx, &t) != 0)
        return -1;
    note = goals_result_note(r);
    fputs("<figcaption>", out);
    report_html_text(out, goals_result_method(r));
    if (note && note[0]) {
        fputs(": ", out);
        report_html_text(out, note);
    }
    fputs("</figcaption></figure></td></tr>\n", out);
    return 0;
}

static int goal_section(const report_ctx *ctx, const goals_goal *goal)
{
    FILE *out = ctx->out;
    const char *title = goals_goal_title(goal, ctx->lang);
    char score[32];

    report_score_text(score, sizeof score, goals_evaluation_score(ctx->ev, goal));
    fputs("<section class=\"goal\" id=\"goal-", out);
    report_html_text(out, goals_goal_id(goal));
    fputs("\">\n<h2>", out);
    report_html_text(out, title[0] ? title : goals_goal_id(goal));
    fputs(" ", out);
    status_badge(out, goals_evaluation_status(ctx->ev, goal));
    fputs("</h2>\n<p class=\"meta\"><code>", out);
    report_html_text(out, goals_goal_id(goal));
    fprintf(out, "</code>, score %s</p>\n", score);
    fputs("<table class=\"targets\"><thead><tr><th>ID</th><th>Title</th><th>Kind</th><th>Latest</th>"
          "<th>Target</th><th>Deadline</th><th>Progress</th><th>Status</th></tr></thead>\n<tbody>\n", out);
    for (size_t k = 0; k < goals_goal_target_count(goal); k++) {
        const goals_target *tg = goals_goal_target_at(goal, k);
        const goals_result *r = goals_evaluation_find_result(ctx->ev, goals_target_id(tg));
        if (r != NULL && target_rows(ctx, r) != 0)
            return -1;
    }
    fputs("</tbody></table>\n</section>\n", out);
    return 0;
}

int report_html(const report_ctx *ctx)
{
    FILE *out = ctx->out;
    const char *lang = ctx->lang ? ctx->lang : goals_plan_lang(ctx->plan);
    const char *title = goals_plan_title(ctx->plan, ctx->lang);
    char date[16];

    if (title[0] == '\0')
        title = goals_plan_id(ctx->plan);
    goals_date_format(goals_evaluation_as_of(ctx->ev), date, sizeof date);
    fputs("<!DOCTYPE html>\n<html lang=\"", out);
    report_html_text(out, lang[0] ? lang : "und");
    fputs("\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n", out);
    fprintf(out, "<meta name=\"generator\" content=\"goals report (libgoals %s)\">\n<title>",
            goals_version_string());
    report_html_text(out, title);
    fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>", style);
    report_html_text(out, title);
    fputs("</h1>\n<p class=\"meta\">Plan <code>", out);
    report_html_text(out, goals_plan_id(ctx->plan));
    fprintf(out, "</code>, as of <time datetime=\"%s\">%s</time>, method <code>", date, date);
    report_html_text(out, goals_evaluation_method(ctx->ev));
    fputs("</code></p>\n<p class=\"legend meta\"><span>&#9679; observed</span><span>&#8212; target</span>"
          "<span>&#9632; baseline</span><span>- - path from the baseline</span><span>&#183;&#183;&#183; projection</span>"
          "<span>| as of</span></p>\n</header>\n", out);
    summary(ctx);
    for (size_t g = 0; g < goals_plan_goal_count(ctx->plan); g++) {
        const goals_goal *goal = goals_plan_goal_at(ctx->plan, g);
        if (report_goal_listed(goal) && goal_section(ctx, goal) != 0)
            return -1;
    }
    fprintf(out, "<footer>Made by <code>goals report</code>, libgoals %s.</footer>\n</body>\n</html>\n",
            goals_version_string());
    return 0;
}
