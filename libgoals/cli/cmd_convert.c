/* goals convert: read a plan in any format libgoals reads (native,
 * StratML, IATI) and write it in the native format, plain or gzip. */
#include "cli.h"
#include "progress.h"

#include <goals/goals.h>

#include <string.h>

void cmd_convert_usage(FILE *out)
{
    fputs("usage: goals convert [--from FORMAT] [--gzip] [--quiet] IN -o OUT\n"
          "\n"
          "Reads the plan IN (native, StratML Part 1 or 2, or IATI activities 2.0x,\n"
          "plain or gzip-compressed; the format is detected from the root element)\n"
          "and writes it to OUT in the native format, gzip-compressed when OUT ends\n"
          "in .gz. What the reader had to interpret is printed to stderr as\n"
          "FILE:LINE:COL: warning: message; errors as FILE:LINE:COL: message.\n"
          "\n"
          "  -o, --output OUT  the file to write (required; '-' is not accepted)\n"
          "  --from FORMAT     read IN as auto (the default), native, stratml or iati\n"
          "  --gzip            compress OUT whatever its name\n"
          "  -q, --quiet       do not print warnings\n"
          "  -h, --help        show this help\n"
          "\n"
          "Exit status: 0 written, 1 IN does not load or OUT cannot be written,\n"
          "2 on a usage error.\n",
          out);
}

void cli_print_warnings(const char *path, const goals_plan *plan)
{
    size_t n = goals_plan_warning_count(plan);
    for (size_t i = 0; i < n; i++) {
        const goals_error *w = goals_plan_warning_at(plan, i);
        const char *file = w->file ? w->file : path;
        if (w->line)
            fprintf(stderr, "%s:%lu:%lu: warning: %s\n", file, w->line, w->column, w->message);
        else
            fprintf(stderr, "%s: warning: %s\n", file, w->message);
    }
}

static int parse_format(const char *text, goals_format *out)
{
    static const struct {
        const char *name;
        goals_format format;
    } names[] = {
        {"auto", GOALS_FORMAT_AUTO},
        {"native", GOALS_FORMAT_NATIVE},
        {"stratml", GOALS_FORMAT_STRATML},
        {"iati", GOALS_FORMAT_IATI},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(text, names[i].name) == 0) {
            *out = names[i].format;
            return 1;
        }
    return 0;
}

int cmd_convert(int argc, char **argv)
{
    goals_load_options lopts = GOALS_LOAD_OPTIONS_INIT;
    goals_save_options sopts = GOALS_SAVE_OPTIONS_INIT;
    const char *in = NULL, *out = NULL, *from = NULL;
    int quiet = 0;

    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int r;

        if (arg[0] != '-' || arg[1] == '\0') {
            if (in) {
                cli_usage_error(argv[0], "more than one input: '%s' and '%s'", in, arg);
                return CLI_USAGE;
            }
            in = arg;
            continue;
        }
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            cmd_convert_usage(stdout);
            return CLI_OK;
        }
        if (strcmp(arg, "-q") == 0 || strcmp(arg, "--quiet") == 0) {
            quiet = 1;
            continue;
        }
        if (strcmp(arg, "--gzip") == 0) {
            sopts.flags |= GOALS_SAVE_GZIP;
            continue;
        }
        if ((r = cli_option_value(argc, argv, &i, "-o", &out)) != 0 ||
            (r = cli_option_value(argc, argv, &i, "--output", &out)) != 0) {
            if (r < 0)
                return CLI_USAGE;
            continue;
        }
        if ((r = cli_option_value(argc, argv, &i, "--from", &from)) != 0) {
            if (r < 0)
                return CLI_USAGE;
            if (!parse_format(from, &lopts.format)) {
                cli_usage_error(argv[0], "unknown format '%s' (auto, native, stratml or iati)", from);
                return CLI_USAGE;
            }
            continue;
        }
        cli_usage_error(argv[0], "unknown option '%s'", arg);
        return CLI_USAGE;
    }
    if (!in) {
        cli_usage_error(argv[0], "no input file given");
        return CLI_USAGE;
    }
    if (!out || !*out || strcmp(out, "-") == 0) {
        cli_usage_error(argv[0], out ? "OUT must be a file" : "no output given (-o OUT)");
        return CLI_USAGE;
    }

    goals_plan *plan = NULL;
    cli_progress bar;
    int loaded;

    cli_progress_begin(&bar, in, quiet); /* a bar on stderr for long loads (issue 8) */
    lopts.progress = cli_progress_update;
    lopts.progress_data = &bar;
    loaded = goals_plan_load_file(&plan, in, &lopts);
    cli_progress_end(&bar);
    if (loaded != GOALS_OK) {
        cli_print_error(in);
        return CLI_INVALID;
    }
    if (!quiet)
        cli_print_warnings(in, plan);
    int status = CLI_OK;
    if (goals_plan_save_file(plan, out, &sopts) != GOALS_OK) {
        cli_print_error(out);
        status = CLI_INVALID;
    }
    goals_plan_free(plan);
    return status;
}
