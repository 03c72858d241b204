/*
 * goals report: the output formats and the helpers they share.
 *
 * cmd_report.c loads and evaluates; each format (text.c, markdown.c,
 * json.c, csv.c, html.c) then writes the evaluation to one stream. Only the
 * public API is used here, as everywhere in the command.
 */
#ifndef GOALS_CLI_REPORT_H
#define GOALS_CLI_REPORT_H

#include <goals/goals.h>

#include <stdio.h>

/* The names of measures' units as the plan writes them (units.c). */
typedef struct report_units report_units;

/* What every format needs. */
typedef struct report_ctx {
    const goals_plan *plan;
    const goals_evaluation *ev;
    const char *lang; /* --lang, or NULL for the plan's own language */
    FILE *out;
    int color;        /* text only: colour the status words */
    const report_units *units; /* may be NULL */
} report_ctx;

/* The formats. Each returns 0, or -1 when out of memory (a write error is
 * left in ferror(out) for the caller to report). */
int report_text(const report_ctx *ctx);
int report_markdown(const report_ctx *ctx);
int report_json(const report_ctx *ctx);
int report_csv(const report_ctx *ctx);
int report_html(const report_ctx *ctx);

/* Makes the table of unit names for @p plan; 0, or -1 when out of memory. */
int report_units_build(report_units **out, const goals_plan *plan);
/* The name of measure @p m's scale × unit that the plan uses, or NULL. */
const char *report_units_name(const report_units *u, const goals_measure *m);
void report_units_free(report_units *u);

/* ---- numbers (number.c): locale-independent, whatever LC_NUMERIC says ---- */

/* Buffer size that holds any number these functions write. */
#define REPORT_NUM_MAX 40

/* The shortest text that reads back as exactly @p v ("0.1", "320", "1e+20");
 * for JSON and CSV. @p v must be finite. */
void report_num_exact(char *buf, double v);
/* A number for people: about 4 significant digits, more for large integers
 * parts ("320", "98.5", "1.235", "12345678.9"). @p v must be finite. */
void report_num_human(char *buf, double v);

/* ---- text width (width.c) ---- */

/* Decodes one UTF-8 character at @p s (not at its NUL) into @p cp; returns its
 * length in bytes (1 for a malformed byte, which decodes as U+FFFD). */
size_t report_utf8_next(const char *s, unsigned long *cp);
/* Columns a character takes on a terminal: 0 (combining, control), 1, or 2
 * (East Asian Wide and Fullwidth). */
int report_char_width(unsigned long cp);
/* Columns a UTF-8 string takes. */
size_t report_text_width(const char *s);
/* The byte length of the longest prefix of @p s that fits in @p cols columns. */
size_t report_text_fit(const char *s, size_t cols, size_t *width);

/* ---- escaping (escape.c) ---- */

/* A JSON string with its quotes (RFC 8259); NULL writes null. */
void report_json_string(FILE *out, const char *s);
/* A JSON number, or null when @p v is NaN or infinite. */
void report_json_number(FILE *out, double v);
/* Text for HTML element content and attribute values (& < > " '). */
void report_html_text(FILE *out, const char *s);
/* One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF. */
void report_csv_field(FILE *out, const char *s);
/* Markdown table cell text: | escaped, line breaks made spaces. */
void report_md_cell(FILE *out, const char *s);

/* ---- facts about one target (facts.c), shared by the formats ---- */

typedef struct report_target {
    const goals_result *result;
    const goals_target *target;
    const goals_measure *measure;
    goals_target_status status;
    const char *status_name;
    const char *title;        /* the target's text, or the measure's name when it has none */
    const char *measure_name;
    const char *unit;         /* unit label of the values, "" for none */
    char unit_buf[64];        /* where unit points when it is made here */
    char latest[96];          /* "2023: 300 亿元", or "" */
    char goal_text[96];       /* ">= 320 亿元", "[2, 3] %", "increase" … */
    char deadline[GOALS_PERIOD_TEXT_MAX]; /* "" without a deadline */
    char progress[16];        /* "45%", or "" when undefined */
} report_target;

/* Gathers the facts of result @p r. */
void report_target_get(const report_ctx *ctx, const goals_result *r, report_target *t);

/* The statuses worst first, as the roll-up orders them, pending and no_data last. */
extern const goals_target_status report_status_order[GOALS_STATUS_COUNT];

/* Whether a goal has targets of its own (the goals the reports list). */
int report_goal_listed(const goals_goal *goal);

/* The unit label of a measure's values: the unit given when its scale is 1
 * ("%", "CNY"), else "1e8 CNY"; @p buf holds at least 64 bytes. */
const char *report_measure_unit(const goals_measure *m, char *buf, size_t size);

/* The plan's score as a percentage text ("62%"), or "-" when undefined. */
void report_score_text(char *buf, size_t size, double score);

/* A period's text, "" for an invalid one. */
void report_period_text(char *buf, const goals_period *p);

/* ---- chart data (series.c) ---- */

typedef struct report_point {
    int32_t day;      /* the last day of the period observed */
    double value;
    goals_period period;
} report_point;

/* The totals of @p m with a value, in period order, derived measures computed
 * from their parts. @p *points is malloc'ed (free() it); NULL with n 0 when
 * there are none. Returns 0, or -1 when out of memory. */
int report_series(const goals_measure *m, report_point **points, size_t *n);

/* ---- SVG chart (chart.c) ---- */

/* Writes one target's chart as an inline <svg>. Returns 0 or -1 (memory). */
int report_chart_svg(FILE *out, const report_ctx *ctx, const report_target *t);

#endif /* GOALS_CLI_REPORT_H */
