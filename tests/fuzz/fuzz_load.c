/* Fuzz target: loading a plan from memory (native XML, plain or gzip; or,
 * built with -DFUZZ_FORMAT=GOALS_FORMAT_STRATML / _IATI, those readers).
 *
 * Beyond "no crash, no leak, no hang", a plan that loads must also
 *   - evaluate (the evaluation only reads it),
 *   - save (or refuse with GOALS_EINVAL, for text XML cannot hold),
 *   - and read back from what was saved as an equal plan (the writer and
 *     the reader agree on every document the reader accepts). */
#include <string.h>

#include "fuzz.h"
#include "goals/goals.h"

#ifndef FUZZ_FORMAT
#define FUZZ_FORMAT GOALS_FORMAT_AUTO
#endif

/* Small enough that a fuzzer-made gzip bomb stops quickly, large enough for any seed. */
#define FUZZ_MAX_BYTES (8u << 20)

static void evaluate(const goals_plan *plan, size_t size)
{
    static const char *const methods[] = {"linear", "sdg-build", "unsd", "eurostat", "escap", "okr"};
    int32_t as_of = 0;
    goals_date_from_ymd(&as_of, 2024 + (int)(size % 4), 6, 30);
    goals_eval_options eo = GOALS_EVAL_OPTIONS_INIT;
    eo.method = methods[size % (sizeof methods / sizeof *methods)];
    goals_evaluation *ev = NULL;
    int rc = goals_evaluate(&ev, plan, as_of, &eo);
    if (rc == GOALS_OK) {
        FUZZ_CHECK(goals_evaluation_result_count(ev) == goals_plan_target_count(plan));
        (void)goals_evaluation_score(ev, NULL);
    } else {
        FUZZ_CHECK(ev == NULL);
    }
    goals_evaluation_free(ev);
}

static void round_trip(const goals_plan *plan)
{
    char *text = NULL;
    size_t n = 0;
    int rc = goals_plan_save_memory(plan, &text, &n, NULL);
    if (rc != GOALS_OK) {
        FUZZ_CHECK(rc == GOALS_EINVAL || rc == GOALS_ENOMEM);
        FUZZ_CHECK(text == NULL);
        return;
    }
    goals_plan *again = NULL;
    rc = goals_plan_load_memory(&again, text, n, NULL);
    if (rc != GOALS_OK) {
        fprintf(stderr, "saved plan does not load back: %s\n%.*s\n", goals_error_last()->message, (int)n, text);
        abort();
    }
    FUZZ_CHECK(goals_plan_equal(plan, again));
    goals_plan_free(again);
    goals_free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    opts.format = FUZZ_FORMAT;
    opts.max_bytes = FUZZ_MAX_BYTES;
    goals_plan *plan = NULL;
    int rc = goals_plan_load_memory(&plan, data, size, &opts);
    if (rc != GOALS_OK) {
        /* A failure leaves no plan and always explains itself. */
        FUZZ_CHECK(plan == NULL);
        FUZZ_CHECK(rc < 0 && goals_error_last()->code == rc);
        FUZZ_CHECK(goals_error_last()->message[0] != '\0');
        return 0;
    }
    evaluate(plan, size);
    round_trip(plan);
    goals_plan_free(plan);
    return 0;
}
