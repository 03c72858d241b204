/* Internal: setting the per-thread error. Every failing path of the library
 * goes through goals__error(), so goals_error_last() always explains the
 * code that was returned. */
#ifndef GOALS_UTIL_ERROR_H
#define GOALS_UTIL_ERROR_H

#include "goals/error.h"

#if defined(__GNUC__)
#  define GOALS__PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#  define GOALS__PRINTF(f, a)
#endif

/* Sets the thread's error (no position) and returns code. */
int goals__error(int code, const char *fmt, ...) GOALS__PRINTF(2, 3);

/* Sets the thread's error at file:line:column and returns code. file may be
 * NULL; line/column 0 mean unknown. */
int goals__error_at(int code, const char *file, unsigned long line, unsigned long column,
                    const char *fmt, ...) GOALS__PRINTF(5, 6);

/* Out of memory: sets a static error (never allocates) and returns GOALS_ENOMEM. */
int goals__oom(void);

/* Adds position to the current error if it has none (used when a lower layer,
 * e.g. period parsing, failed without knowing where in a document it was). */
void goals__error_locate(const char *file, unsigned long line, unsigned long column);

#endif
