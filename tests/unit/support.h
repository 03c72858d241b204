/* Helpers shared by the unit tests. */
#ifndef GOALS_TEST_SUPPORT_H
#define GOALS_TEST_SUPPORT_H

#include <stddef.h>

/* Reads a whole file into a NUL-terminated buffer (free()); aborts the test on failure. */
char *test_read_file(const char *path, size_t *size);
/* Makes a fresh empty temporary folder and returns its path (static storage). */
const char *test_tmpdir(void);
/* The current error formatted as FILE:LINE:COL: message (static storage). */
const char *test_error_text(void);

#endif
