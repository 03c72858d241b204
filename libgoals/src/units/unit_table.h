/* Internal: the table of unit names (our own; see docs/units.md for why not
 * udunits2). Each name is a multiplier word or a base unit with a factor. */
#ifndef GOALS_UNITS_UNIT_TABLE_H
#define GOALS_UNITS_UNIT_TABLE_H

#include <stddef.h>

enum {
    GOALS__UNIT_MULTIPLIER = 1, /* a scale word (万, million), not a base unit */
    GOALS__UNIT_FOLD = 2        /* ASCII letters match in any case (Million, Persons) */
};

typedef struct goals__unit_name {
    const char *text;  /* as written */
    const char *base;  /* canonical base name; NULL for a multiplier or a count (dimensionless) */
    double factor;     /* value of one of this in the base (or the multiplier's value) */
    unsigned flags;
} goals__unit_name;

/* The entry whose text is exactly s[0..len), or NULL. */
const goals__unit_name *goals__unit_name_exact(const char *s, size_t len);
/* The entry with the longest text that is a prefix of s[0..len) among the
 * names that do not start with an ASCII letter or digit (Chinese names, %,
 * ‰), or NULL. */
const goals__unit_name *goals__unit_name_prefix(const char *s, size_t len);
/* The whole table, for tests and docs. */
const goals__unit_name *goals__unit_names(size_t *count);

#endif
