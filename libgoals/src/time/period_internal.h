/* Internal period helpers shared by the readers (which have text with a
 * length, not NUL-terminated) and evaluation, and the calendar arithmetic
 * the time/ files share. */
#ifndef GOALS_TIME_PERIOD_INTERNAL_H
#define GOALS_TIME_PERIOD_INTERNAL_H

#include "goals/period.h"

/* The first and last representable days: 0001-01-01 and 9999-12-31. */
#define GOALS__DAY_MIN (-719162)
#define GOALS__DAY_MAX 2932896

/* As goals_period_parse() on text[0..len). On failure returns GOALS_EPERIOD
 * and sets the error message (quoting the text), without a position. */
int goals__period_parse_n(goals_period *out, const char *text, size_t len);
/* As goals_date_parse() on text[0..len). */
int goals__date_parse_n(int32_t *out, const char *text, size_t len);

/* Days in month (1..12) of year (proleptic Gregorian; any year). */
int goals__days_in_month(int year, int month);
/* The day number of a valid year-month-day (no range check). */
int32_t goals__days_from_ymd(int year, int month, int day);
/* The kind a period of exactly these days is written as: YEAR, QUARTER,
 * MONTH or DAY when the days span exactly one, else INTERVAL. Days must be
 * within GOALS__DAY_MIN..GOALS__DAY_MAX and start <= end. */
goals_period_kind goals__period_kind_of(int32_t start, int32_t end);

#endif
