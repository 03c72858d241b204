/* The loader's warnings on a plan: what a lenient reader (StratML, IATI)
 * read but had to interpret, kept with its position so that tools can show
 * it the way they show errors. They live in the plan's arena and go with it. */
#include <string.h>

#include "model.h"
#include "util/error.h"

static const goals_error more = {GOALS_ELIMIT, "further warnings left out", NULL, 0, 0};

int goals__plan_add_warning(goals_plan *plan, int code, const char *file, unsigned long line,
                            unsigned long column, const char *message)
{
    if (plan->nwarnings > GOALS__WARNINGS_MAX)
        return GOALS_OK;
    if (plan->nwarnings == plan->warnings_cap) {
        /* Arena memory never moves or frees: copy into a doubled block (the
         * old one stays, at most as much again in all). */
        size_t cap = plan->warnings_cap ? 2 * plan->warnings_cap : 16;
        goals_error *w = goals__arena_alloc(&plan->arena, cap * sizeof *w);
        if (!w)
            return goals__oom();
        if (plan->nwarnings)
            memcpy(w, plan->warnings, plan->nwarnings * sizeof *w);
        plan->warnings = w;
        plan->warnings_cap = cap;
    }
    goals_error *w = &plan->warnings[plan->nwarnings];
    if (plan->nwarnings == GOALS__WARNINGS_MAX) {
        *w = more;
    } else {
        w->code = code;
        w->line = line;
        w->column = column;
        w->file = NULL;
        if (!(w->message = goals__arena_strdup(&plan->arena, message ? message : "")) ||
            (file && !(w->file = goals__intern(plan, file))))
            return goals__oom();
    }
    plan->nwarnings++;
    return GOALS_OK;
}

size_t goals_plan_warning_count(const goals_plan *plan)
{
    return plan ? plan->nwarnings : 0;
}

const goals_error *goals_plan_warning_at(const goals_plan *plan, size_t index)
{
    if (!plan || index >= plan->nwarnings)
        return NULL;
    return &plan->warnings[index];
}
