/**
 * @file period.h
 * @brief Dates and periods (pure functions, no allocation).
 *
 * A date is a day number: days since 1970-01-01 in the proleptic Gregorian
 * calendar (negative before 1970). A period is a closed interval of days with
 * the kind of text it was written as. Accepted text (contract):
 * `2026` (a year), `2026-Q3` (a quarter), `2026-07` (a month), `2026-07-15`
 * (a day) and `2019-10-01/2020-03-31` (any interval of days, ISO 8601).
 * Years run from 0001 to 9999. "By 2026" means by 2026-12-31, the period's
 * last day.
 */
#ifndef GOALS_PERIOD_H
#define GOALS_PERIOD_H

#include "common.h"

GOALS_BEGIN_DECL

/** How a period was written. */
typedef enum goals_period_kind {
    GOALS_PERIOD_YEAR = 1,     /**< `2026` */
    GOALS_PERIOD_QUARTER = 2,  /**< `2026-Q3` */
    GOALS_PERIOD_MONTH = 3,    /**< `2026-07` */
    GOALS_PERIOD_DAY = 4,      /**< `2026-07-15` */
    GOALS_PERIOD_INTERVAL = 5  /**< `2019-10-01/2020-03-31` */
} goals_period_kind;

/** A closed interval of days. A plain value: copy it freely. */
typedef struct goals_period {
    int32_t start;          /**< First day (days since 1970-01-01). */
    int32_t end;            /**< Last day, inclusive; end >= start. */
    goals_period_kind kind; /**< How it is written. */
} goals_period;

/** Longest text goals_period_format() writes, with its NUL. */
#define GOALS_PERIOD_TEXT_MAX 24

/**
 * Makes the day number of @p year-@p month-@p day.
 * @return #GOALS_OK, or #GOALS_EPERIOD when the date does not exist or the
 *         year is outside 1..9999 (*out untouched).
 */
GOALS_API int goals_date_from_ymd(int32_t *out, int year, int month, int day);

/** Splits a day number into year, month (1-12) and day (1-31). Any pointer may be NULL. */
GOALS_API void goals_date_to_ymd(int32_t date, int *year, int *month, int *day);

/**
 * Parses a date `YYYY-MM-DD` (exactly that form).
 * @return #GOALS_OK, or #GOALS_EPERIOD with an error message naming the text.
 */
GOALS_API int goals_date_parse(int32_t *out, const char *text);

/**
 * Formats a date as `YYYY-MM-DD` into @p buf (at least 11 bytes).
 * @return the number of characters written, excluding the NUL (10), or 0 when
 *         @p size is too small or the date is outside years 1..9999.
 */
GOALS_API size_t goals_date_format(int32_t date, char *buf, size_t size);

/**
 * Parses period text (any of the forms in this file's description).
 * Surrounding white space is not accepted.
 * @return #GOALS_OK, or #GOALS_EPERIOD with an error message that quotes the
 *         text (*out untouched).
 */
GOALS_API int goals_period_parse(goals_period *out, const char *text);

/**
 * Makes a period from its first and last day (kind #GOALS_PERIOD_INTERVAL,
 * or the narrower kind when the days span exactly a year, quarter, month or
 * day, so that formatting gives the canonical text).
 * @return #GOALS_OK, or #GOALS_EPERIOD when end < start or a day is out of range.
 */
GOALS_API int goals_period_from_days(goals_period *out, int32_t start, int32_t end);

/**
 * Formats a period in its canonical text into @p buf, snprintf-style.
 * @return the length of the full text, excluding the NUL; 0 for an invalid period.
 */
GOALS_API size_t goals_period_format(const goals_period *period, char *buf, size_t size);

/**
 * Orders periods by last day, then first day (the order observations are kept in).
 * @return <0, 0 or >0.
 */
GOALS_API int goals_period_compare(const goals_period *a, const goals_period *b);

/** Whether @p date lies within @p period (1) or not (0). */
GOALS_API int goals_period_contains(const goals_period *period, int32_t date);

GOALS_END_DECL

#endif /* GOALS_PERIOD_H */
