/* goals validate: load each file as a plan and say whether it is valid. */
#include "cli.h"
#include "progress.h"

#include <goals/goals.h>

#include <string.h>

void cmd_validate_usage(FILE *out)
{
    fputs("usage: goals validate [--schema] [--schema-dir DIR] [--quiet] FILE...\n"
          "\n"
          "Loads each plan FILE (plain or gzip-compressed) and reports whether it is\n"
          "valid. Errors go to stderr as FILE:LINE:COL: message.\n"
          "\n"
          "  --schema          also validate against the XML Schema (XSD)\n"
          "  --schema-dir DIR  with --schema, read the XSD from DIR, not the installed one\n"
          "  -q, --quiet       print nothing for valid files\n"
          "  -h, --help        show this help\n"
          "\n"
          "Exit status: 0 when every file is valid, 1 when any is not, 2 on a usage error.\n",
          out);
}

int cmd_validate(int argc, char **argv)
{
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    int quiet = 0;
    int nfiles = 0;
    int only_files = 0;
    int status = CLI_OK;

    /* Options may stand anywhere before "--"; the files are gathered, in
     * order, at the front of argv (argv[1..nfiles]), which is ours to reuse. */
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int r;

        if (only_files || arg[0] != '-' || arg[1] == '\0') {
            argv[1 + nfiles++] = argv[i];
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_files = 1;
            continue;
        }
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            cmd_validate_usage(stdout);
            return CLI_OK;
        }
        if (strcmp(arg, "-q") == 0 || strcmp(arg, "--quiet") == 0) {
            quiet = 1;
            continue;
        }
        if (strcmp(arg, "--schema") == 0) {
            opts.flags |= GOALS_LOAD_VALIDATE;
            continue;
        }
        r = cli_option_value(argc, argv, &i, "--schema-dir", &opts.schema_dir);
        if (r < 0)
            return CLI_USAGE;
        if (r > 0)
            continue;
        cli_usage_error(argv[0], "unknown option '%s'", arg);
        return CLI_USAGE;
    }
    if (nfiles == 0) {
        cli_usage_error(argv[0], "no FILE given");
        return CLI_USAGE;
    }

    for (int i = 1; i <= nfiles; i++) {
        goals_plan *plan = NULL;
        cli_progress bar;
        int rc;

        cli_progress_begin(&bar, argv[i], quiet);
        opts.progress = cli_progress_update;
        opts.progress_data = &bar;
        rc = goals_plan_load_file(&plan, argv[i], &opts);
        cli_progress_end(&bar);
        if (rc != GOALS_OK) {
            cli_print_error(argv[i]);
            status = CLI_INVALID;
            continue;
        }
        cli_print_warnings(argv[i], plan); /* warnings do not make a file invalid */
        if (!quiet)
            printf("%s: valid\n", argv[i]);
        goals_plan_free(plan);
    }
    return status;
}
