/* Helpers shared by the unit tests. */
#ifndef GOALS_TEST_SUPPORT_H
#define GOALS_TEST_SUPPORT_H

#include <math.h>
#include <stddef.h>

/* cmocka 1.1 has no double comparison: |a - b| <= tol, printing both on failure. */
#define assert_near(a, b, tol)                                                                  \
    do {                                                                                        \
        double a_ = (a), b_ = (b), t_ = (tol);                                                  \
        if (!(fabs(a_ - b_) <= t_))                                                             \
            fail_msg("%s = %.17g, expected %.17g (tolerance %g)", #a, a_, b_, t_);              \
    } while (0)

/* Reads a whole file into a NUL-terminated buffer (free()); aborts the test on failure. */
char *test_read_file(const char *path, size_t *size);
/* Writes size bytes of data to path (replacing it); aborts the test on failure. */
void test_write_file(const char *path, const void *data, size_t size);
/* data gzipped (one member, at level 1-9) into a malloc'd buffer of *out_size bytes. */
unsigned char *test_gzip_bytes(const void *data, size_t size, int level, size_t *out_size);
/* Makes a fresh empty temporary folder and returns its path (static storage). */
const char *test_tmpdir(void);
/* The current error formatted as FILE:LINE:COL: message (static storage). */
const char *test_error_text(void);

#endif
