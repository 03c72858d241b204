/*
 * goals.i: the language-neutral SWIG interface of libgoals, shared by the
 * Python (bindings/python/) and Lua (bindings/lua/) modules.
 *
 * A language file sets %module, defines the named typemaps below for its
 * language, then %includes this file:
 *
 *   int GOALS_STATUS            a status return: raise/error on < 0, else return nothing
 *   SWIGTYPE **GOALS_OWNED_OUT  an out handle the caller owns (plan, evaluation)
 *   SWIGTYPE **GOALS_BORROWED_OUT  an out handle borrowed from its plan
 *   const char **GOALS_STR_OUT  an out string (borrowed, copied into the language)
 *   (const char *GOALS_BYTES_IN, size_t GOALS_BYTES_IN_LEN)  bytes in (a document, a CSV)
 *   (char **GOALS_BYTES_OUT, size_t *GOALS_BYTES_OUT_LEN)  bytes to free with goals_free()
 *   GOALS_BLOCKING(name)        a macro: the call may take long (Python releases the GIL)
 *
 * Everything here is C and SWIG directives; nothing names a language.
 */

%{
#include <goals/goals.h>
#include <stdlib.h>
#include <string.h>
%}

%include <stdint.i>
%include <typemaps.i>

#ifndef GOALS_BLOCKING_DEFINED
%define GOALS_BLOCKING(name)
%enddef
#endif

/* ---- Handles ------------------------------------------------------------
 * The plan and the evaluation are owned by the caller: give SWIG a struct so
 * that its proxy frees them. Goals, measures, targets, observations and
 * results are borrowed and stay opaque pointers (no destructor). A language
 * layer must keep the owner alive while a borrowed handle is in use. */
%nodefaultctor goals_plan;
%nodefaultctor goals_evaluation;
struct goals_plan {};
struct goals_evaluation {};
%extend goals_plan {
    ~goals_plan() { goals_plan_free($self); }
}
%extend goals_evaluation {
    ~goals_evaluation() { goals_evaluation_free($self); }
}

/* ---- Out parameters ------------------------------------------------------ */
%apply SWIGTYPE **GOALS_OWNED_OUT { goals_plan **out, goals_evaluation **out };
%apply SWIGTYPE **GOALS_BORROWED_OUT { goals_goal **out, goals_measure **out, goals_target **out };
%apply const char **GOALS_STR_OUT { const char **lang, const char **value, const char **default_text,
                                    const char **doc, const char **file };
%apply double *OUTPUT { double *value, double *factor, double *out };
%apply int *OUTPUT { int *observed, int *year, int *month, int *day };
%apply int32_t *OUTPUT { int32_t *date };
%apply unsigned long *OUTPUT { unsigned long *line };
%apply (const char *GOALS_BYTES_IN, size_t GOALS_BYTES_IN_LEN) { (const char *data, size_t size),
                                                              (const void *data, size_t size) };
%apply (char **GOALS_BYTES_OUT, size_t *GOALS_BYTES_OUT_LEN) { (char **bytes, size_t *length) };

/* ---- Status returns ------------------------------------------------------
 * Every function whose int return is a goals_status. Functions whose int is
 * a yes/no answer (goals_plan_issued, goals_target_deadline …) are not here. */
%apply int GOALS_STATUS {
    int goals_plan_new, int goals_plan_set_lang, int goals_plan_set_title, int goals_plan_set_issuer,
    int goals_plan_set_issued, int goals_plan_set_horizon, int goals_plan_set_source,
    int goals_plan_add_goal, int goals_goal_set_title, int goals_goal_set_owner, int goals_goal_set_weight,
    int goals_goal_add_task, int goals_goal_set_task_text,
    int goals_plan_add_measure, int goals_measure_set_name, int goals_measure_set_frequency,
    int goals_measure_set_definition, int goals_measure_set_scope, int goals_measure_set_rate,
    int goals_measure_set_direction, int goals_measure_set_derived,
    int goals_measure_add_observation,
    int goals_goal_add_target, int goals_target_set_value, int goals_target_set_deadline,
    int goals_target_set_start, int goals_target_set_baseline, int goals_target_add_milestone,
    int goals_target_milestone_at, int goals_target_milestone_given_at, int goals_target_set_attribute, int goals_target_set_change_mode,
    int goals_target_set_relative_to, int goals_target_set_streak, int goals_target_set_method,
    int goals_target_set_weight, int goals_target_set_title,
    int goals_unit_check, int goals_unit_factor, int goals_unit_convert,
    int goals_date_from_ymd, int goals_date_parse, int goals_period_parse, int goals_period_from_days,
    int goals_evaluate, int goals_plan_load_file, int goals_plan_load_memory, int goals_plan_save_file,
    int goals_plan_load_observations_file, int goals_plan_load_observations_memory,
    int goals_bind_load_file, int goals_bind_load_memory, int goals_bind_save_file,
    int goals_bind_save_memory, int goals_bind_evaluate, int goals_bind_load_observations_file,
    int goals_bind_date_parse
};

/* `out` of these is a plain value, not a handle. */
%apply int32_t *OUTPUT { int32_t *out };

/* ---- Not wrapped ---------------------------------------------------------
 * Options structs with callbacks and string members, the raw array and
 * struct-array paths and goals_free: the goals_bind_* helpers below (and the
 * language files' bulk helpers) take their place with plain arguments. */
%ignore goals_free;
/* The proxies free plans and evaluations; a raw call would free them twice. */
%ignore goals_plan_free;
%ignore goals_evaluation_free;
%ignore goals_load_options;
%ignore goals_load_options_init;
%ignore goals_save_options;
%ignore goals_save_options_init;
%ignore goals_eval_options;
%ignore goals_observation_input;
%ignore goals_measure_add_observations_ex;
%ignore goals_measure_add_observations;
%ignore goals_plan_save_memory;
%ignore goals_error_format;
%ignore goals_evaluation_counts;
%ignore goals_target_kind_parse;
%ignore goals_op_parse;
%ignore goals_attribute_parse;
%ignore goals_target_status_parse;
%ignore goals_unit_canonical;
%ignore goals_progress_cb;
%ignore goals_error;
%ignore goals_error_last;
%ignore goals_plan_warning_at;   /* a goals_error: read through goals_bind_warning_* */

GOALS_BLOCKING(goals_bind_load_file)
GOALS_BLOCKING(goals_bind_load_memory)
GOALS_BLOCKING(goals_bind_save_file)
GOALS_BLOCKING(goals_bind_save_memory)
GOALS_BLOCKING(goals_bind_evaluate)
GOALS_BLOCKING(goals_bind_load_observations_file)
GOALS_BLOCKING(goals_plan_load_file)
GOALS_BLOCKING(goals_plan_load_memory)
GOALS_BLOCKING(goals_plan_save_file)
GOALS_BLOCKING(goals_plan_load_observations_file)
GOALS_BLOCKING(goals_plan_load_observations_memory)
GOALS_BLOCKING(goals_evaluate)

%include <goals/common.h>
%include <goals/version.h>
%include <goals/error.h>
%include <goals/period.h>
%include <goals/unit.h>
%include <goals/plan.h>
%include <goals/goal.h>
%include <goals/measure.h>
%include <goals/target.h>
%include <goals/observation.h>
%include <goals/io.h>
%include <goals/evaluate.h>

/* ---- Helpers with plain arguments ----------------------------------------
 * The options structs become arguments; lists become text; counts become
 * one call per status. Compiled into each language's module. */
%inline %{
/** Loads a plan from a file (plain or gzip). flags: GOALS_LOAD_*; schema_dir NULL or "" for the installed XSDs. */
int goals_bind_load_file(goals_plan **out, const char *path, unsigned flags, const char *schema_dir,
                         uint64_t max_bytes, unsigned max_depth)
{
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    opts.flags = flags;
    opts.schema_dir = schema_dir && *schema_dir ? schema_dir : NULL;
    opts.max_bytes = max_bytes;
    opts.max_depth = max_depth;
    return goals_plan_load_file(out, path, &opts);
}

/** Loads a plan from bytes; name (NULL: "<memory>") names them in messages. */
int goals_bind_load_memory(goals_plan **out, const char *data, size_t size, const char *name,
                           unsigned flags, const char *schema_dir, uint64_t max_bytes, unsigned max_depth)
{
    goals_load_options opts = GOALS_LOAD_OPTIONS_INIT;
    opts.flags = flags;
    opts.name = name && *name ? name : NULL;
    opts.schema_dir = schema_dir && *schema_dir ? schema_dir : NULL;
    opts.max_bytes = max_bytes;
    opts.max_depth = max_depth;
    return goals_plan_load_memory(out, data, size, &opts);
}

/** Saves a plan atomically. flags: GOALS_SAVE_*; gzip_level 0 (default) or 1-9. */
int goals_bind_save_file(const goals_plan *plan, const char *path, unsigned flags, int gzip_level)
{
    goals_save_options opts = GOALS_SAVE_OPTIONS_INIT;
    opts.flags = flags;
    opts.gzip_level = gzip_level;
    return goals_plan_save_file(plan, path, &opts);
}

/** Saves a plan into memory (the bytes are handed to the language and freed). */
int goals_bind_save_memory(const goals_plan *plan, unsigned flags, int gzip_level, char **bytes, size_t *length)
{
    goals_save_options opts = GOALS_SAVE_OPTIONS_INIT;
    opts.flags = flags;
    opts.gzip_level = gzip_level;
    return goals_plan_save_memory(plan, bytes, length, &opts);
}

/** Reads an observation CSV file into a plan (all or nothing). */
int goals_bind_load_observations_file(goals_plan *plan, const char *path, unsigned flags)
{
    return goals_plan_load_observations_file(plan, path, flags);
}

/**
 * Evaluates a plan as of a day. method NULL or "": linear. params: NAME=VALUE
 * settings, one per line (NULL or "": none).
 */
int goals_bind_evaluate(goals_evaluation **out, const goals_plan *plan, int32_t as_of,
                        const char *method, const char *params, unsigned flags)
{
    goals_eval_options opts = GOALS_EVAL_OPTIONS_INIT;
    char *copy = NULL;
    const char **list = NULL;
    size_t n = 0;
    int rc;

    *out = NULL;
    opts.method = method && *method ? method : NULL;
    opts.flags = flags;
    if (params && *params) {
        size_t lines = 1, len = strlen(params);
        char *p;
        for (p = (char *)params; *p; p++)
            lines += *p == '\n';
        copy = (char *)malloc(len + 1);
        list = (const char **)malloc(lines * sizeof *list);
        if (!copy || !list) {
            free(copy);
            free((void *)list);
            return GOALS_ENOMEM;
        }
        memcpy(copy, params, len + 1);
        list[n++] = copy;
        for (p = copy; *p; p++)
            if (*p == '\n') {
                *p = '\0';
                list[n++] = p + 1;
            }
        opts.params = list;
        opts.param_count = n;
    }
    rc = goals_evaluate(out, plan, as_of, &opts);
    free(copy);
    free((void *)list);
    return rc;
}

/** How many targets under goal (NULL: the plan) have the status; 0 for a bad status. */
size_t goals_bind_count(const goals_evaluation *ev, const goals_goal *goal, int status)
{
    size_t counts[GOALS_STATUS_COUNT] = {0};
    if (status < 0 || status >= GOALS_STATUS_COUNT || goals_evaluation_counts(ev, goal, counts) != GOALS_OK)
        return 0;
    return counts[status];
}

/** The canonical text of the period (start, end, kind); "" when invalid. The text lives until the next call on this thread. */
const char *goals_bind_period_text(int32_t start, int32_t end, int kind)
{
    static _Thread_local char buf[GOALS_PERIOD_TEXT_MAX];
    goals_period p;
    p.start = start;
    p.end = end;
    p.kind = (goals_period_kind)kind;
    if (goals_period_format(&p, buf, sizeof buf) == 0 || strlen(buf) >= sizeof buf)
        buf[0] = '\0';
    return buf;
}

/** Parses a date YYYY-MM-DD into its day number. */
int goals_bind_date_parse(const char *text, int32_t *out)
{
    return goals_date_parse(out, text);
}

/** The message of the plan's index-th loader warning, or NULL when out of range. */
const char *goals_bind_warning_message(const goals_plan *plan, size_t index)
{
    const goals_error *w = goals_plan_warning_at(plan, index);
    return w ? w->message : NULL;
}
/** The document of the plan's index-th loader warning, or NULL. */
const char *goals_bind_warning_file(const goals_plan *plan, size_t index)
{
    const goals_error *w = goals_plan_warning_at(plan, index);
    return w ? w->file : NULL;
}
/** The line of the plan's index-th loader warning (0: unknown). */
unsigned long goals_bind_warning_line(const goals_plan *plan, size_t index)
{
    const goals_error *w = goals_plan_warning_at(plan, index);
    return w ? w->line : 0;
}
/** The column of the plan's index-th loader warning (0: unknown). */
unsigned long goals_bind_warning_column(const goals_plan *plan, size_t index)
{
    const goals_error *w = goals_plan_warning_at(plan, index);
    return w ? w->column : 0;
}

/** The code of the calling thread's last error (GOALS_OK when none). */
int goals_bind_error_code(void) { return goals_error_last()->code; }
/** The message of the calling thread's last error ("" when none). */
const char *goals_bind_error_message(void) { return goals_error_last()->message; }
/** The document of the calling thread's last error, or NULL. */
const char *goals_bind_error_file(void) { return goals_error_last()->file; }
/** The line of the calling thread's last error (0: unknown). */
unsigned long goals_bind_error_line(void) { return goals_error_last()->line; }
/** The column of the calling thread's last error (0: unknown). */
unsigned long goals_bind_error_column(void) { return goals_error_last()->column; }
%}
