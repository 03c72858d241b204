/* Internal: parsed units. A unit is a multiplier times a product of base
 * units with integer exponents (万元/亩 = 1e4 · CNY¹ · mu⁻¹). Two units
 * convert when their base-unit products are equal. The grammar and the
 * table of names are in docs/units.md. */
#ifndef GOALS_UNITS_UNIT_INTERNAL_H
#define GOALS_UNITS_UNIT_INTERNAL_H

#include <stddef.h>

#define GOALS__UNIT_MAX_BASES 4
/* Longest canonical base name ("percent"), with its NUL. */
#define GOALS__UNIT_NAME_MAX 8
/* Longest unit text accepted, in bytes (a bound on the work per unit). */
#define GOALS__UNIT_TEXT_MAX 256

typedef struct goals__unit {
    double factor;                 /* multiplier of the product of bases; finite, > 0 */
    unsigned n;                    /* number of bases used */
    struct {
        /* Canonical base name ("CNY", "mu", "percent" …). Held by value, not
         * as a pointer into the table: any three capital letters name a
         * currency, so not every name is in the table. */
        char name[GOALS__UNIT_NAME_MAX];
        int exponent;              /* non-zero */
    } base[GOALS__UNIT_MAX_BASES]; /* sorted by name (strcmp) */
} goals__unit;

/* Parses unit text (NUL-terminated; NULL or "" = dimensionless 1). Returns
 * GOALS_OK or GOALS_EUNIT with a message naming the text (*out untouched). */
int goals__unit_parse(goals__unit *out, const char *text);

/* Whether a and b have the same base units (convert into each other). */
int goals__unit_compatible(const goals__unit *a, const goals__unit *b);

#endif
