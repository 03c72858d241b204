/* Internal: the in-memory plan. Objects live in the plan's arena (they never
 * move, so handles stay valid); growing arrays (children, targets,
 * observations) are separately allocated and freed with the plan.
 * Evaluation (src/eval/) reads these structures directly. */
#ifndef GOALS_MODEL_MODEL_H
#define GOALS_MODEL_MODEL_H

#include "goals/goals.h"
#include "units/unit_internal.h"
#include "util/arena.h"
#include "util/hash.h"

/* A text in one language; lang "" is the plan's default language. */
typedef struct goals__text {
    const char *lang;
    const char *text;
} goals__text;

typedef struct goals__texts {
    goals__text *items;
    size_t count, cap;
    size_t hid; /* past a few languages, its key in the plan's table of languages (texts.c); 0: none */
} goals__texts;

/* Rarely present parts of an observation, kept out of the hot array. */
typedef struct goals__obs_extra {
    const char *text;
    const char *note;
    const char *dim_key;        /* interned "name=value\x1f…", sorted by name; NULL for a total */
    const char **dims;          /* 2 * ndims: name, value … (sorted by name) */
    size_t ndims;
} goals__obs_extra;

/* Where observations came from: shared by every observation with the same
 * source and origin (and no extra), so that a big plan's millions of
 * observations from one file and one publisher cost one of these. */
typedef struct goals__obs_meta {
    const char *source;         /* interned, or NULL */
    const char *origin;         /* interned file name, or NULL (the API) */
    goals__obs_extra *extra;    /* NULL when none; a meta with extra is not shared */
} goals__obs_meta;

/* 32 bytes: observations are most of a big plan's memory. */
struct goals_observation {
    goals_period period;
    uint32_t line;              /* origin line, 0 unknown (saturates) */
    double value;               /* NaN: text only */
    const goals__obs_meta *meta; /* NULL: no source, no origin, no extra */
};

static inline const goals__obs_extra *goals__obs_extra_of(const goals_observation *o)
{
    return o->meta ? o->meta->extra : NULL;
}

/* Whether o is disaggregated (has dimensions): evaluation leaves those out. */
static inline int goals__obs_has_dims(const goals_observation *o)
{
    return o->meta && o->meta->extra && o->meta->extra->dim_key;
}

struct goals_measure {
    goals_plan *plan;
    const char *id;
    const char *unit;           /* as given, "" for none */
    double scale;
    goals__unit parsed;         /* the unit, parsed */
    goals__texts names;
    const char *frequency;      /* "" for none */
    const char *definition;
    const char *scope;
    goals_rate rate;
    goals_direction direction;
    goals_derivation derivation;
    goals_measure *numerator, *denominator;
    goals_observation *obs;     /* sorted by (end, start, dim_key), unless unsorted */
    size_t nobs, obs_cap;
    int unsorted;               /* a deferred plan's: 0 sorted, 1 in arrival order, 2 newest first */
    uint32_t *dslots;           /* in arrival order: index + 1 of each observation, by key, */
    size_t dcap;                /* to find duplicates (observation.c) */
    size_t index;
};

typedef struct goals__milestone {
    goals_period period;
    double given;               /* in the target's given unit */
} goals__milestone;

struct goals_target {
    goals_plan *plan;
    goals_goal *goal;
    const char *id;
    goals_target_kind kind;
    goals_measure *measure;
    goals_op op;
    double given_value, given_high;  /* NaN when none */
    const char *given_unit;          /* "" for the measure's own */
    double factor;                   /* given unit → measure's scale × unit */
    int has_deadline, has_start, has_baseline;
    goals_period deadline, start, baseline_period;
    double baseline_value;           /* in the measure's scale × unit */
    goals__milestone *milestones;
    size_t nmilestones, milestones_cap;
    goals_attribute attribute;
    goals_change_mode change_mode;
    goals_measure *relative_to;
    unsigned streak;
    const char *method;
    double weight;
    goals__texts titles;
    size_t order;                    /* index in plan order */
};

typedef struct goals__task {
    goals__texts texts;
} goals__task;

struct goals_goal {
    goals_plan *plan;
    goals_goal *parent;
    const char *id;
    const char *kind;
    goals__texts titles;
    const char *owner;
    double weight;
    goals_goal **children;
    size_t nchildren, children_cap;
    goals_target **targets;
    size_t ntargets, targets_cap;
    goals__task *tasks;
    size_t ntasks, tasks_cap;
    size_t order;                    /* index in plan order (pre-order) */
    size_t sibling;                  /* index among its parent's children (or the roots) */
};

struct goals_plan {
    goals__arena arena;
    goals__hash goal_ids;            /* goal ids → goal; goals and targets share one id space */
    goals__hash target_ids;          /* target ids → target */
    goals__hash measure_ids;
    goals__hash strings;             /* interned strings (sources, origins, languages, dimension keys) */
    goals__hash obs_metas;           /* "source origin" pointers → shared goals__obs_meta */
    const goals__obs_meta *last_meta; /* the last one shared: consecutive observations mostly repeat it */
    const char *id;
    const char *lang;                /* "" for none */
    goals__texts titles;
    const char *issuer, *source;
    int has_issued, has_horizon;
    int32_t issued;
    goals_period horizon;
    goals_goal **roots;
    size_t nroots, roots_cap;
    goals_goal **goals;              /* all, in plan order */
    size_t ngoals, goals_cap;
    goals_target **targets;          /* all, in plan order */
    size_t ntargets, targets_cap;
    size_t last_target_goal;         /* highest order of a goal that has targets, +1; 0 none */
    goals_measure **measures;
    size_t nmeasures, measures_cap;
    size_t nobs;                     /* observations over all measures */
    int deferred;                    /* a loader's plan: see goals__plan_defer */
    struct goals__text_slot *tslots; /* (texts hid, language) -> index, for texts with many languages */
    size_t tcap, tcount, thid;
    goals_observation *run;          /* deferred: the last observations of run_m, in order, not yet */
    size_t run_n, run_cap;           /* in its array (counted in plan->nobs, not in run_m->nobs): */
    goals_measure *run_m;            /* a measure's array is then allocated once, at its size */
    goals_error *warnings;           /* the loader's warnings (warnings.c), in the arena */
    size_t nwarnings, warnings_cap;
};

/* Grows *items (of *cap elements of size each) to hold at least need. */
int goals__grow(void *items, size_t *cap, size_t need, size_t size);

/* Interns s in the plan (one copy per distinct string). NULL on OOM (error set). */
const char *goals__intern(goals_plan *plan, const char *s);
const char *goals__internn(goals_plan *plan, const char *s, size_t n);
/* Copies s into the plan's arena; NULL in → NULL out; OOM sets the error. */
int goals__plan_strdup(goals_plan *plan, const char **out, const char *s);

/* Whether id is a valid object id. */
int goals__valid_id(const char *id);
/* Checks that id is valid and not yet used by a goal or target (what names the object kind in messages). */
int goals__check_new_id(const goals_plan *plan, const char *what, const char *id);

/* Multilingual texts. */
int goals__texts_set(goals_plan *plan, goals__texts *t, const char *lang, const char *text);
const char *goals__texts_get(const goals_plan *plan, const goals__texts *t, const char *lang);
const char *goals__texts_at(const goals__texts *t, size_t index, const char **lang);
void goals__texts_free(goals__texts *t);
int goals__texts_equal(const goals__texts *a, const goals__texts *b);

/* Plan-order bookkeeping after a goal or target was added out of order. */
void goals__plan_reorder(goals_plan *plan);

/* Loaders add observations one at a time in document order, which may be
 * any order: keeping each measure sorted on every insert would cost O(n) per
 * observation, O(n^2) for a document written newest first. A plan marked
 * deferred (right after goals_plan_new, before anyone else can see it)
 * appends out-of-order observations as they come, finding duplicates (at
 * once, as usual) in a hash table of keys for each such measure;
 * goals__plan_settle sorts each measure once, trims each array to its
 * size, frees the tables and clears the mark. Observations of one measure in
 * order, oldest or newest first, need no table: they gather in the plan's
 * run and go to their measure in one allocation of the right size when
 * another measure's come (newest first, settle reverses them). Documents
 * mostly list a measure's observations together, in order, and a loaded
 * plan then holds 32 bytes per observation, not the slack and the holes of
 * arrays grown one observation at a time. Nothing may read a deferred
 * plan's observations before that. goals_plan_free frees the tables and the
 * run of a plan never settled. */
void goals__plan_defer(goals_plan *plan);
int goals__plan_settle(goals_plan *plan);
void goals__plan_free_deferred(goals_plan *plan);
/* Moves a deferred plan's run (see struct goals_plan) into its measure's
 * array, so that m->obs and m->nobs hold all of it. GOALS_OK or ENOMEM (the
 * run is then kept). */
int goals__plan_flush(goals_plan *plan);

/* Records a warning of the loader (a value kept as text, an id made
 * unique …) on the plan, with its position (file may be NULL; 0 = unknown).
 * Copied into the plan's arena. Past GOALS__WARNINGS_MAX, one last warning
 * says that more were left out. GOALS_OK or GOALS_ENOMEM. */
#define GOALS__WARNINGS_MAX 1000
int goals__plan_add_warning(goals_plan *plan, int code, const char *file, unsigned long line,
                            unsigned long column, const char *message);

#endif
