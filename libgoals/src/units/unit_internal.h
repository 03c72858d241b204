/* Internal: parsed units. A unit is a multiplier times a product of base
 * units with integer exponents (万元/亩 = 1e4 · CNY¹ · mu⁻¹). Two units
 * convert when their base-unit products are equal. */
#ifndef GOALS_UNITS_UNIT_INTERNAL_H
#define GOALS_UNITS_UNIT_INTERNAL_H

#include <stddef.h>

#define GOALS__UNIT_MAX_BASES 4

typedef struct goals__unit {
    double factor;                 /* multiplier of the product of bases */
    unsigned n;                    /* number of bases used */
    struct {
        const char *name;          /* static canonical base name ("CNY", "mu", "percent" …) */
        int exponent;              /* non-zero */
    } base[GOALS__UNIT_MAX_BASES]; /* sorted by name */
} goals__unit;

/* Parses unit text (NUL-terminated; NULL or "" = dimensionless 1). Returns
 * GOALS_OK or GOALS_EUNIT with a message naming the text. */
int goals__unit_parse(goals__unit *out, const char *text);

/* Whether a and b have the same base units (convert into each other). */
int goals__unit_compatible(const goals__unit *a, const goals__unit *b);

#endif
