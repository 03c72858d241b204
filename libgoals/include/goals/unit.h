/**
 * @file unit.h
 * @brief Units and scales: parse unit text and convert between units.
 *
 * Unit text is a product or quotient of base units, each with an optional
 * multiplier prefix: `CNY`, `元`, `亿元` (1e8 yuan), `万元/亩`, `%`, `‰`,
 * `count`, `persons`, `t`, `100 million t`, `1e4 CNY`, `km2` … The full
 * grammar and table is in docs/units.md. Two units convert when they have
 * the same base units; the factor is the ratio of their multipliers.
 * The empty string is the dimensionless unit 1.
 */
#ifndef GOALS_UNIT_H
#define GOALS_UNIT_H

#include "common.h"

GOALS_BEGIN_DECL

/**
 * Checks that @p unit is known.
 * @return #GOALS_OK, or #GOALS_EUNIT with a message naming the unit.
 */
GOALS_API int goals_unit_check(const char *unit);

/**
 * The factor that converts a value in unit @p from into unit @p to:
 * `value_in_to = value_in_from * factor`.
 * @return #GOALS_OK, or #GOALS_EUNIT when either unit is unknown or they do
 *         not convert (the message names both), or #GOALS_ERANGE when the
 *         ratio overflows (`1e300 t` to `1e-300 t`); *factor untouched on error.
 */
GOALS_API int goals_unit_factor(double *factor, const char *from, const char *to);

/**
 * Converts @p value from unit @p from into unit @p to. A NaN or infinite
 * @p value passes through.
 * @return as goals_unit_factor(), and #GOALS_ERANGE when a finite value
 *         overflows in conversion; *out untouched on error.
 */
GOALS_API int goals_unit_convert(double *out, double value, const char *from, const char *to);

/**
 * Writes the canonical form of @p unit (multiplier and base units, e.g.
 * `1e8 CNY` for `亿元`) into @p buf, snprintf-style.
 * @param[out] length the length of the full text, excluding the NUL; may be NULL.
 * @return #GOALS_OK or #GOALS_EUNIT.
 */
GOALS_API int goals_unit_canonical(const char *unit, char *buf, size_t size, size_t *length);

GOALS_END_DECL

#endif /* GOALS_UNIT_H */
