/* Internal: numbers read and written the same whatever the host's locale.
 * A Python session or Pandoc may set LC_NUMERIC to a locale whose decimal
 * point is a comma; strtod and printf would follow it. These never do. */
#ifndef GOALS_UTIL_NUMBER_H
#define GOALS_UTIL_NUMBER_H

#include <stddef.h>

/* Parses the whole of s[0..len) as a decimal floating-point number
 * (optional sign, digits, optional fraction, optional exponent; no white
 * space, no hex, no "nan"/"inf" words). As in XML Schema's xs:double,
 * "5." and ".5" are numbers, "." is not. The result is correctly rounded;
 * a value below the smallest subnormal rounds to (signed) zero. Returns
 * GOALS_OK, GOALS_EPARSE (not a number) or GOALS_ERANGE (overflow to
 * infinity); GOALS_ENOMEM only for text of 128 bytes or more when memory
 * runs out. *out is untouched on failure. Sets no error message: the
 * caller knows where the text came from and says so. */
int goals__parse_double(const char *s, size_t len, double *out);

/* Writes v in the shortest decimal form that reads back to exactly v
 * ("0.1", "320", "1e+08" style chosen for shortness, "-0" kept): the fewest
 * significant digits that round-trip, laid out in plain notation ("10000",
 * "0.001") or printf's exponent notation ("1e+08", "1.5e-07", "5e-324"),
 * whichever is shorter, plain on a tie. buf needs GOALS__DOUBLE_MAX bytes.
 * Returns the length written (no NUL counted). v must be finite (NaN and
 * infinities give "nan", "inf", "-inf", which goals__parse_double refuses). */
#define GOALS__DOUBLE_MAX 32
size_t goals__format_double(double v, char *buf);

#endif
