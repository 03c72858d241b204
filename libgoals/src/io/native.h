/* Internal: building a plan from the element tree of a native document,
 * shared by native.c (plan, measures, observations) and native_goal.c
 * (goals, targets, tasks). Everything goes through the public model API. */
#ifndef GOALS_IO_NATIVE_H
#define GOALS_IO_NATIVE_H

#include "feed.h"
#include "io_internal.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/quote.h"

typedef struct goals__nb {
    goals_plan *plan;
    goals__feed *feed;        /* the input: its name, and positions for errors */
    const goals__xnode *root;
    char quoted[4][GOALS__QUOTE_MAX];
    unsigned next_quote;
    goals__hash derived;     /* ids of measures declared derived, while reading */
    const char *obs_names[7]; /* the tree's copies of an observation's attribute names, once seen */
    const char *seen_observation; /* the tree's copy of the name "observation", once seen */
} goals__nb;

/* The value of attribute local of n, or NULL. */
const char *goals__nb_attr(const goals__xnode *n, const char *local);
/* s quoted for a message (one of four rotating buffers). */
const char *goals__nb_q(goals__nb *b, const char *s);

/* Fails at n (or at its attribute attr, when given and present) with
 * "<what n is>: <message>", e.g. "target 'a5.t2': unknown measure 'x'". */
int goals__nb_fail(goals__nb *b, const goals__xnode *n, const char *attr, int code, const char *fmt, ...)
    GOALS__PRINTF(5, 6);
/* As goals__nb_fail, describing what but placed at n / attr (an error
 * about what, found in its child n). */
int goals__nb_fail_at(goals__nb *b, const goals__xnode *what, const goals__xnode *n, const char *attr, int code,
                      const char *fmt, ...) GOALS__PRINTF(6, 7);
/* As goals__nb_fail, without the description of n in front. */
int goals__nb_fail_raw(goals__nb *b, const goals__xnode *n, const char *attr, int code, const char *fmt, ...)
    GOALS__PRINTF(5, 6);
/* Puts the model's last error at n / attr (keeping its words and code). */
int goals__nb_model(goals__nb *b, const goals__xnode *n, const char *attr, int rc);

/* Fails on the first attribute of n not in allowed (NULL-terminated). */
int goals__nb_check_attrs(goals__nb *b, const goals__xnode *n, const char *const *allowed);
/* The value of a required attribute, or fails naming it. */
int goals__nb_need(goals__nb *b, const goals__xnode *n, const char *attr, const char **out);
int goals__nb_number(goals__nb *b, const goals__xnode *n, const char *attr, double *out);
int goals__nb_period(goals__nb *b, const goals__xnode *n, const char *attr, goals_period *out);
/* Elements that hold elements: only white space between them. */
int goals__nb_no_text(goals__nb *b, const goals__xnode *n);
/* A child that n may not hold. */
int goals__nb_unknown(goals__nb *b, const goals__xnode *parent, const goals__xnode *child);
/* A title or name: no attributes but xml:lang, no elements inside. */
int goals__nb_text_element(goals__nb *b, const goals__xnode *n);
/* The language of n's text: NULL for the plan's own. */
const char *goals__nb_lang(const goals__nb *b, const goals__xnode *n);

/* What a title belongs to. */
typedef enum goals__nb_owner { NB_PLAN, NB_GOAL, NB_TARGET, NB_MEASURE } goals__nb_owner;
/* Sets the text of title (or name) element n on obj; two in one language fail. */
int goals__nb_title(goals__nb *b, const goals__xnode *n, goals__nb_owner kind, void *obj);

/* The native reader, in three steps around the parse: set up; the child
 * hook (goals__xtree_hooks), which builds measures and their observations
 * as they end; and the rest from the tree once the parse is done (the plan
 * goes to *out). goals__native_abandon frees what a failed load built. */
void goals__native_init(goals__nb *b, goals__feed *feed);
int goals__native_child(void *ctx, goals__xnode *n);
int goals__native_finish(goals_plan **out, goals__nb *b, const goals__xtree *tree);
void goals__native_abandon(goals__nb *b);

/* native_goal.c: a goal element and all it holds, under parent (NULL: top). */
int goals__nb_goal(goals__nb *b, const goals__xnode *n, goals_goal *parent);

#endif
