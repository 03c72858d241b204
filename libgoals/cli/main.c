/* goals: the command-line tool of libgoals. Dispatches to one subcommand. */
#include "cli.h"

#include <goals/goals.h>

#include <string.h>

/* Every subcommand, in the order help lists them. A new command is one
 * cmd_<name>.c file and one line here. */
static const cli_command commands[] = {
    { "validate", "check that plan files load (and match the XSD)", cmd_validate, cmd_validate_usage },
    { "report", "evaluate a plan and write a report", cmd_report, cmd_report_usage },
    { "convert", "convert StratML, IATI or native to a native plan", cmd_convert, cmd_convert_usage },
};

static const size_t command_count = sizeof commands / sizeof commands[0];

static void usage(FILE *out)
{
    fputs("usage: goals COMMAND [OPTIONS] [ARGS]\n"
          "       goals --version\n"
          "       goals --help\n"
          "\n"
          "Commands:\n", out);
    for (size_t i = 0; i < command_count; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "  %-10s %s\n", "help", "show the help of a command");
    fputs("\nRun 'goals help COMMAND' for a command's options. See goals(1).\n", out);
}

static const cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < command_count; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

/* goals help [COMMAND] */
static int help(int argc, char **argv)
{
    const cli_command *cmd;

    if (argc < 2) {
        usage(stdout);
        return CLI_OK;
    }
    cmd = find_command(argv[1]);
    if (cmd == NULL) {
        fprintf(stderr, "goals help: unknown command '%s'\n", argv[1]);
        usage(stderr);
        return CLI_USAGE;
    }
    cmd->usage(stdout);
    return CLI_OK;
}

int main(int argc, char **argv)
{
    const cli_command *cmd;

    if (argc < 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        /* The command's own version, then the library it runs with. */
        printf("goals %s (libgoals %s)\n", GOALS_VERSION_STRING, goals_version_string());
        return CLI_OK;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return help(1, argv + 1);
    if (strcmp(argv[1], "help") == 0)
        return help(argc - 1, argv + 1);

    cmd = find_command(argv[1]);
    if (cmd == NULL) {
        fprintf(stderr, "goals: unknown command '%s'\n", argv[1]);
        usage(stderr);
        return CLI_USAGE;
    }
    return cmd->run(argc - 1, argv + 1);
}
