/*
 * The goals command: shared declarations.
 *
 * The command is a thin program over the public API (<goals/goals.h>) only;
 * nothing here may include a header from libgoals/src/. Each subcommand lives
 * in its own cmd_<name>.c and is listed once in main.c's table.
 */
#ifndef GOALS_CLI_H
#define GOALS_CLI_H

#include <stdio.h>

/* Exit codes shared by every subcommand (DESIGN.md, "Command line"). */
enum {
    CLI_OK = 0,      /* done, everything valid */
    CLI_INVALID = 1, /* bad input: a file that does not load */
    CLI_USAGE = 2    /* bad command line */
};

/* A subcommand. run() gets argv with argv[0] the subcommand's name. */
typedef struct cli_command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
    void (*usage)(FILE *out);
} cli_command;

int cmd_validate(int argc, char **argv);
void cmd_validate_usage(FILE *out);
int cmd_report(int argc, char **argv);
void cmd_report_usage(FILE *out);
int cmd_convert(int argc, char **argv);
void cmd_convert_usage(FILE *out);

/*
 * Matches option @p name at argv[*i], as `NAME VALUE` or `NAME=VALUE`.
 * Returns 1 and sets *value (advancing *i past a separate value) on a match,
 * 0 when argv[*i] is another argument, and -1 (after printing a usage error)
 * when the value is missing.
 */
int cli_option_value(int argc, char **argv, int *i, const char *name, const char **value);

/* Prints a usage error for @p command ("goals validate: …") and a hint to stderr. */
void cli_usage_error(const char *command, const char *fmt, ...);

/*
 * Prints the calling thread's last libgoals error to stderr as
 * `FILE:LINE:COL: message`; when the error names no file, @p path is put in
 * front so that every line says which input failed.
 */
void cli_print_error(const char *path);

/* Prints the loader's warnings on @p plan to stderr, one per line, as
 * `FILE:LINE:COL: warning: message` (FILE is @p path when none is known). */
struct goals_plan;
void cli_print_warnings(const char *path, const struct goals_plan *plan);

#endif /* GOALS_CLI_H */
