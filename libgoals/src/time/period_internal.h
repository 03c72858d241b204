/* Internal period helpers shared by the readers (which have text with a
 * length, not NUL-terminated) and evaluation. */
#ifndef GOALS_TIME_PERIOD_INTERNAL_H
#define GOALS_TIME_PERIOD_INTERNAL_H

#include "goals/period.h"

/* As goals_period_parse() on text[0..len). On failure returns GOALS_EPERIOD
 * and sets the error message (quoting the text), without a position. */
int goals__period_parse_n(goals_period *out, const char *text, size_t len);
/* As goals_date_parse() on text[0..len). */
int goals__date_parse_n(int32_t *out, const char *text, size_t len);

#endif
