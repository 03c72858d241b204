/* Runs one hostile input in a forked child under resource limits and
 * reports how it ended, so that a test can assert a clear error within
 * bounded time and memory (not merely "did not crash in this process").
 *
 * The child sets RLIMIT_CPU and, in plain builds, RLIMIT_AS (ASan reserves
 * terabytes of shadow address space and valgrind its own, so there the
 * peak resident size, from wait4(), is checked instead). It runs the job,
 * which must free all it allocated, and sends the job's status and the
 * formatted error back through a pipe. */
#ifndef GOALS_TEST_BOUNDED_H
#define GOALS_TEST_BOUNDED_H

#include <stddef.h>

typedef struct bounded_limits {
    unsigned memory_mb; /* address space (plain) or peak RSS (sanitizers) */
    unsigned cpu_s;     /* CPU seconds before SIGXCPU (10 times more under ASan or valgrind) */
} bounded_limits;

typedef struct bounded_outcome {
    int exited;          /* the child returned normally (no signal, exit 0) */
    int status;          /* raw wait status */
    int rc;              /* the job's goals status */
    unsigned long line;  /* goals_error_last()->line after the job */
    char message[1024];  /* goals_error_format() after the job */
    long maxrss_kb;      /* child's peak resident size */
    double seconds;      /* wall time */
} bounded_outcome;

/* The job runs in the child; it returns a goals status and leaves its
 * error (if any) in goals_error_last(). */
typedef int (*bounded_job)(void *arg);

void bounded_run(bounded_outcome *out, bounded_job job, void *arg, bounded_limits lim);

/* Asserts (cmocka) that the child ended normally with status `expected`,
 * a message (for failures), within the limits. */
void bounded_expect(const bounded_outcome *out, int expected, bounded_limits lim);

/* 1 in builds whose address space cannot be limited (ASan, valgrind). */
int bounded_instrumented(void);

#endif
