/* goals report: load a plan and observations, evaluate it as of a date with a
 * method, and write the result as text, Markdown, JSON, CSV or HTML. */
#include "cli.h"
#include "progress.h"
#include "report/report.h"

#include <goals/goals.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Exit code when --fail-on matched (DESIGN.md, "Command line"). */
#define CLI_FAIL_ON 3

typedef int (*format_fn)(const report_ctx *);

static const struct {
    const char *name;
    format_fn run;
} formats[] = {
    { "text", report_text }, { "markdown", report_markdown }, { "json", report_json },
    { "csv", report_csv },   { "html", report_html },
};

void cmd_report_usage(FILE *out)
{
    fputs("usage: goals report PLAN [--data FILE]... [--as-of DATE] [--method NAME]\n"
          "                    [--param NAME=VALUE]... [--format FORMAT] [--lang LANG]\n"
          "                    [--fail-on STATUS,...] [-o OUT] [--quiet]\n"
          "       goals report --method list\n"
          "\n"
          "Evaluates the targets of PLAN against its observations as of a date and\n"
          "writes a report. Errors go to stderr as FILE:LINE:COL: message.\n"
          "\n"
          "  --data FILE         also read observations from FILE (CSV: measure,period,value\n"
          "                      [,source,note]; plain or gzip); repeatable\n"
          "  --as-of DATE        evaluate as of DATE (YYYY-MM-DD); default: today\n"
          "  --method NAME       the progress method (default linear); 'list' lists them\n"
          "  --param NAME=VALUE  set a parameter of the method; repeatable\n"
          "  --format FORMAT     text (default), markdown, json, csv or html\n"
          "  --lang LANG         titles in language LANG (default: the plan's own)\n"
          "  --fail-on STATUSES  exit 3 when any target has one of these statuses\n"
          "                      (comma-separated: missed,breached,regressing,off_track,\n"
          "                      at_risk,on_track,achieved,pending,no_data)\n"
          "  -o, --output OUT    write the report to OUT (atomically) instead of stdout\n"
          "  -q, --quiet         write nothing to stdout (the report still goes to OUT)\n"
          "  -h, --help          show this help\n"
          "\n"
          "Exit status: 0 done, 1 bad input, 2 usage error, 3 --fail-on matched.\n",
          out);
}

static int list_methods(void)
{
    size_t n = goals_method_count();

    for (size_t i = 0; i < n; i++) {
        const char *name = goals_method_name_at(i);
        const char *desc = goals_method_description(name);
        size_t np = goals_method_param_count(name);

        printf("%s\n    %s\n", name, desc ? desc : "");
        for (size_t k = 0; k < np; k++) {
            const char *def = NULL, *doc = NULL;
            const char *param = goals_method_param_at(name, k, &def, &doc);
            if (param == NULL)
                continue;
            printf("    --param %s=%s", param, def ? def : "");
            if (doc && doc[0])
                printf("  %s", doc);
            putchar('\n');
        }
    }
    return fflush(stdout) == 0 && !ferror(stdout) ? CLI_OK : CLI_INVALID;
}

/* Parses "missed,breached" into a set of statuses; 0, or -1 after a usage error. */
static int parse_fail_on(const char *list, int set[GOALS_STATUS_COUNT])
{
    const char *p = list;

    while (1) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char word[32];
        goals_target_status s;

        if (len == 0 || len >= sizeof word) {
            cli_usage_error("report", "--fail-on: bad status list '%s'", list);
            return -1;
        }
        memcpy(word, p, len);
        word[len] = '\0';
        if (goals_target_status_parse(&s, word) != GOALS_OK) {
            goals_error_clear();
            cli_usage_error("report", "--fail-on: unknown status '%s'", word);
            return -1;
        }
        set[s] = 1;
        if (end == NULL)
            return 0;
        p = end + 1;
    }
}

static int today(int32_t *day)
{
    time_t now = time(NULL);
    struct tm tm;

    if (localtime_r(&now, &tm) == NULL)
        return -1;
    return goals_date_from_ymd(day, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) == GOALS_OK ? 0 : -1;
}

/* Writes the report to @p path through a temporary file in the same folder,
 * renamed over it once complete: a failed run never leaves half a report. */
static int write_file(const char *path, format_fn run, report_ctx *ctx)
{
    size_t len = strlen(path);
    char *tmp = malloc(len + 8);
    mode_t mask;
    int fd, ok;

    if (tmp == NULL) {
        fprintf(stderr, "goals report: out of memory\n");
        return -1;
    }
    memcpy(tmp, path, len);
    memcpy(tmp + len, ".XXXXXX", 8);
    fd = mkstemp(tmp);
    if (fd < 0 || (ctx->out = fdopen(fd, "w")) == NULL) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        free(tmp);
        return -1;
    }
    /* mkstemp makes the file 0600; give it the mode a new file would get. */
    mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    errno = 0;
    ok = run(ctx) == 0;
    ok = fflush(ctx->out) == 0 && !ferror(ctx->out) && ok;
    ok = fsync(fd) == 0 && ok;
    ok = fclose(ctx->out) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        fprintf(stderr, "%s: %s\n", path, errno ? strerror(errno) : "write failed");
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}

static int write_stdout(format_fn run, report_ctx *ctx)
{
    int ok;

    ctx->out = stdout;
    errno = 0;
    ok = run(ctx) == 0;
    ok = fflush(stdout) == 0 && !ferror(stdout) && ok;
    if (!ok) {
        fprintf(stderr, "goals report: writing the report: %s\n", errno ? strerror(errno) : "failed");
        return -1;
    }
    return 0;
}

typedef struct options {
    const char *plan;
    const char **data;
    size_t ndata;
    const char **params;
    size_t nparams;
    const char *as_of;
    const char *method;
    const char *format;
    const char *lang;
    const char *output;
    int quiet;
    int fail_on[GOALS_STATUS_COUNT];
    int any_fail_on;
} options;

/* Parses the command line into @p o. CLI_OK, or CLI_USAGE after a message,
 * or -1 when help was printed. */
static int parse(int argc, char **argv, options *o)
{
    int only_files = 0;

    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *value;
        int r;

        if (only_files || arg[0] != '-' || arg[1] == '\0') {
            if (o->plan != NULL) {
                cli_usage_error(argv[0], "one PLAN only ('%s' and '%s')", o->plan, arg);
                return CLI_USAGE;
            }
            o->plan = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_files = 1;
            continue;
        }
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            cmd_report_usage(stdout);
            return -1;
        }
        if (strcmp(arg, "-q") == 0 || strcmp(arg, "--quiet") == 0) {
            o->quiet = 1;
            continue;
        }
        if ((r = cli_option_value(argc, argv, &i, "--data", &value)) != 0) {
            if (r < 0)
                return CLI_USAGE;
            o->data[o->ndata++] = value;
        } else if ((r = cli_option_value(argc, argv, &i, "--param", &value)) != 0) {
            if (r < 0)
                return CLI_USAGE;
            if (strchr(value, '=') == NULL) {
                cli_usage_error(argv[0], "--param needs NAME=VALUE, not '%s'", value);
                return CLI_USAGE;
            }
            o->params[o->nparams++] = value;
        } else if ((r = cli_option_value(argc, argv, &i, "--fail-on", &value)) != 0) {
            if (r < 0 || parse_fail_on(value, o->fail_on) != 0)
                return CLI_USAGE;
            o->any_fail_on = 1;
        } else if ((r = cli_option_value(argc, argv, &i, "--as-of", &o->as_of)) != 0 ||
                   (r = cli_option_value(argc, argv, &i, "--method", &o->method)) != 0 ||
                   (r = cli_option_value(argc, argv, &i, "--format", &o->format)) != 0 ||
                   (r = cli_option_value(argc, argv, &i, "--lang", &o->lang)) != 0 ||
                   (r = cli_option_value(argc, argv, &i, "--output", &o->output)) != 0 ||
                   (r = cli_option_value(argc, argv, &i, "-o", &o->output)) != 0) {
            if (r < 0)
                return CLI_USAGE;
        } else {
            cli_usage_error(argv[0], "unknown option '%s'", arg);
            return CLI_USAGE;
        }
    }
    return CLI_OK;
}

/* Loads, evaluates and writes; returns the exit code. */
static int report(const options *o, format_fn run, int32_t as_of)
{
    goals_plan *plan = NULL;
    goals_evaluation *ev = NULL;
    goals_eval_options eopts = GOALS_EVAL_OPTIONS_INIT;
    report_units *units = NULL;
    report_ctx ctx;
    int status = CLI_OK;
    int rc;

    goals_load_options lopts = GOALS_LOAD_OPTIONS_INIT;
    cli_progress bar;

    cli_progress_begin(&bar, o->plan, o->quiet); /* a bar on stderr for long loads (issue 8) */
    lopts.progress = cli_progress_update;
    lopts.progress_data = &bar;
    rc = goals_plan_load_file(&plan, o->plan, &lopts);
    cli_progress_end(&bar);
    if (rc != GOALS_OK) {
        cli_print_error(o->plan);
        return CLI_INVALID;
    }
    for (size_t i = 0; i < o->ndata; i++) {
        if (goals_plan_load_observations_file(plan, o->data[i], 0) != GOALS_OK) {
            cli_print_error(o->data[i]);
            goals_plan_free(plan);
            return CLI_INVALID;
        }
    }
    eopts.method = o->method;
    eopts.params = o->params;
    eopts.param_count = o->nparams;
    rc = goals_evaluate(&ev, plan, as_of, &eopts);
    if (rc != GOALS_OK) {
        /* The method named on the command line was checked already: an
         * unknown one now is a target's own (bad input); a bad parameter is
         * the command line's. */
        cli_print_error(rc == GOALS_EINVAL ? NULL : o->plan);
        goals_plan_free(plan);
        return rc == GOALS_EINVAL ? CLI_USAGE : CLI_INVALID;
    }

    memset(&ctx, 0, sizeof ctx);
    if (report_units_build(&units, plan) != 0) {
        fprintf(stderr, "goals report: out of memory\n");
        goals_evaluation_free(ev);
        goals_plan_free(plan);
        return CLI_INVALID;
    }
    ctx.units = units;
    ctx.plan = plan;
    ctx.ev = ev;
    ctx.lang = o->lang;
    /* Colour only for a person at a terminal who has not asked for none
     * (https://no-color.org: any NO_COLOR turns it off). */
    ctx.color = o->output == NULL && isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL &&
                run == report_text;
    if (o->output != NULL) {
        if (write_file(o->output, run, &ctx) != 0)
            status = CLI_INVALID;
    } else if (!o->quiet) {
        if (write_stdout(run, &ctx) != 0)
            status = CLI_INVALID;
    }
    if (status == CLI_OK && o->any_fail_on) {
        size_t n = goals_evaluation_result_count(ev);
        for (size_t i = 0; i < n; i++) {
            if (o->fail_on[goals_result_status(goals_evaluation_result_at(ev, i))]) {
                status = CLI_FAIL_ON;
                break;
            }
        }
    }
    report_units_free(units);
    goals_evaluation_free(ev);
    goals_plan_free(plan);
    return status;
}

int cmd_report(int argc, char **argv)
{
    options o;
    format_fn run = NULL;
    int32_t as_of;
    int rc;

    memset(&o, 0, sizeof o);
    /* Every --data and --param fits in argc slots. */
    o.data = malloc((size_t)argc * sizeof *o.data);
    o.params = malloc((size_t)argc * sizeof *o.params);
    if (o.data == NULL || o.params == NULL) {
        free(o.data);
        free(o.params);
        fprintf(stderr, "goals report: out of memory\n");
        return CLI_INVALID;
    }
    rc = parse(argc, argv, &o);
    if (rc != CLI_OK)
        goto done;
    rc = CLI_USAGE;
    if (o.method != NULL && strcmp(o.method, "list") == 0) {
        rc = list_methods();
        goto done;
    }
    if (o.method != NULL && goals_method_description(o.method) == NULL) {
        cli_usage_error(argv[0], "unknown method '%s' (see 'goals report --method list')", o.method);
        goto done;
    }
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(formats[i].name, o.format ? o.format : "text") == 0)
            run = formats[i].run;
    if (run == NULL) {
        cli_usage_error(argv[0], "unknown format '%s' (text, markdown, json, csv or html)", o.format);
        goto done;
    }
    if (o.plan == NULL) {
        cli_usage_error(argv[0], "no PLAN given");
        goto done;
    }
    if (o.as_of != NULL) {
        if (goals_date_parse(&as_of, o.as_of) != GOALS_OK) {
            goals_error_clear();
            cli_usage_error(argv[0], "--as-of: '%s' is not a date (YYYY-MM-DD)", o.as_of);
            goto done;
        }
    } else if (today(&as_of) != 0) {
        cli_usage_error(argv[0], "cannot tell today's date; give --as-of");
        goto done;
    }
    rc = report(&o, run, as_of);
done:
    free(o.data);
    free(o.params);
    return rc < 0 ? CLI_OK : rc;
}
