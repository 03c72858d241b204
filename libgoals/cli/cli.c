/* Helpers shared by the subcommands: option values and error lines. */
#include "cli.h"

#include <goals/goals.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int cli_option_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    const char *arg = argv[*i];
    size_t len = strlen(name);

    if (strncmp(arg, name, len) != 0)
        return 0;
    if (arg[len] == '=') {
        *value = arg + len + 1;
        return 1;
    }
    if (arg[len] != '\0')
        return 0;
    if (*i + 1 >= argc) {
        cli_usage_error(argv[0], "option %s needs a value", name);
        return -1;
    }
    *i += 1;
    *value = argv[*i];
    return 1;
}

void cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "goals %s: ", command);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'goals help %s'.\n", command);
}

void cli_print_error(const char *path)
{
    const goals_error *err = goals_error_last();
    char small[512];
    char *big = NULL;
    const char *text = small;
    size_t need = goals_error_format(small, sizeof small);

    /* Messages quote the input, so they may be long: never cut them. */
    if (need >= sizeof small && (big = malloc(need + 1)) != NULL) {
        goals_error_format(big, need + 1);
        text = big;
    }
    if (text[0] == '\0')
        text = goals_strerror(err->code);
    if (err->file == NULL && path != NULL)
        fprintf(stderr, "%s: %s\n", path, text);
    else
        fprintf(stderr, "%s\n", text);
    free(big);
}
