/* Internal: quoting untrusted text inside error messages. Messages reach
 * terminals, JSON and Python strings, so what is quoted must be short,
 * printable and valid UTF-8 whatever the input was. */
#ifndef GOALS_UTIL_QUOTE_H
#define GOALS_UTIL_QUOTE_H

#include <stddef.h>

/* Room for a quoted text, with its NUL. */
#define GOALS__QUOTE_MAX 128

/* Writes text[0..len) into buf (GOALS__QUOTE_MAX bytes) for a message:
 * valid UTF-8 is copied, control characters, DEL, backslash and bytes that
 * are not valid UTF-8 become \xHH, and text that would not fit is cut at a
 * character boundary and ends in "...". Returns buf. */
const char *goals__quote(char *buf, const char *text, size_t len);

#endif
