/* Fuzz target: period and date text. A period that parses formats to its
 * canonical text, which parses back to the same period; a date likewise. */
#include <string.h>

#include "fuzz.h"
#include "goals/goals.h"

#define MAX_TEXT 256

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[MAX_TEXT + 1];
    if (size > MAX_TEXT)
        size = MAX_TEXT;
    memcpy(text, data, size);
    text[size] = '\0';

    goals_period p, q;
    if (goals_period_parse(&p, text) == GOALS_OK) {
        FUZZ_CHECK(p.start <= p.end);
        char canon[GOALS_PERIOD_TEXT_MAX];
        size_t n = goals_period_format(&p, canon, sizeof canon);
        FUZZ_CHECK(n > 0 && n < sizeof canon);
        FUZZ_CHECK(goals_period_parse(&q, canon) == GOALS_OK);
        FUZZ_CHECK(q.start == p.start && q.end == p.end && q.kind == p.kind);
        FUZZ_CHECK(goals_period_compare(&p, &q) == 0);
        FUZZ_CHECK(goals_period_contains(&p, p.start) && goals_period_contains(&p, p.end));
        goals_period r;
        FUZZ_CHECK(goals_period_from_days(&r, p.start, p.end) == GOALS_OK);
        FUZZ_CHECK(r.start == p.start && r.end == p.end);
    } else {
        FUZZ_CHECK(goals_error_last()->code == GOALS_EPERIOD);
    }

    int32_t d;
    if (goals_date_parse(&d, text) == GOALS_OK) {
        char buf[16];
        FUZZ_CHECK(goals_date_format(d, buf, sizeof buf) == 10);
        FUZZ_CHECK(strcmp(buf, text) == 0);
        int y, m, dd;
        goals_date_to_ymd(d, &y, &m, &dd);
        int32_t again;
        FUZZ_CHECK(goals_date_from_ymd(&again, y, m, dd) == GOALS_OK && again == d);
    }
    return 0;
}
