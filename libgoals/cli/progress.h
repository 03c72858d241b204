/*
 * Progress bar on stderr for long loads (issue 8).
 *
 * Drawn only when stderr is a terminal, the command was not given --quiet,
 * and the work has run for more than a second; so pipes, CI logs and quick
 * runs never see it. It shows the bytes read of the input with a rate and
 * the time left, and is erased when the work ends.
 */
#ifndef GOALS_CLI_PROGRESS_H
#define GOALS_CLI_PROGRESS_H

#include <stdint.h>
#include <stdio.h>

typedef struct cli_progress {
    FILE *out;          /* stderr, or NULL when no bar may be drawn */
    const char *label;  /* what is being read (a file name) */
    double start;       /* monotonic seconds at cli_progress_begin() */
    double last;        /* when the bar was last drawn */
    double delay;       /* seconds of quiet first: 1, or $GOALS_PROGRESS_DELAY (tests) */
    double round_start; /* when the current round began (reading, then parsing: io.h) */
    uint64_t prev_done; /* the last count seen: a smaller one starts the next round */
    int drawn;          /* a bar is on the line, to erase at the end */
} cli_progress;

/*
 * Starts tracking the reading of @p label. @p quiet (a --quiet option) turns
 * the bar off; so does a stderr that is not a terminal, or TERM=dumb.
 */
void cli_progress_begin(cli_progress *p, const char *label, int quiet);

/*
 * A goals_progress_cb (io.h): pass it as goals_load_options.progress with
 * the cli_progress as progress_data. Never cancels.
 */
int cli_progress_update(uint64_t done, uint64_t total, void *data);

/* Erases the bar, if one was drawn, so that messages start on a clean line. */
void cli_progress_end(cli_progress *p);

/*
 * The bar's text for @p done of @p total bytes (0: unknown) after @p elapsed
 * seconds, fitted into @p width columns; written into @p buf (at least
 * @p width + 1 bytes). Exposed for the tests.
 */
void cli_progress_format(char *buf, size_t size, unsigned width, const char *label, uint64_t done,
                         uint64_t total, double elapsed);

#endif /* GOALS_CLI_PROGRESS_H */
