/* Internal: reading the XML standards other publishers use (StratML, IATI)
 * into a plan, through the public model API only.
 *
 * The readers are lenient where publishers are (element order, unknown
 * elements, white space, empty elements, "50,000", "£3,500,000", "N/A",
 * ids that repeat or are not ids) and never lose data silently: what they
 * cannot understand is kept as text and reported as a warning on the plan
 * (goals_plan_warning_at()) with FILE:LINE:COL. docs/import.md is the
 * mapping. The helpers shared by both readers are in common.c. */
#ifndef GOALS_IO_IMPORT_H
#define GOALS_IO_IMPORT_H

#include <stdarg.h>

#include "io/feed.h"
#include "io/io_internal.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/quote.h"

/* The readers, called from goals__load_dispatch() with the document's
 * whole tree (never XSD-validated: most real files fail their own schema). */
int goals__stratml_build(goals_plan **out, const goals__xtree *tree, goals__feed *feed);
int goals__iati_build(goals_plan **out, const goals__xtree *tree, goals__feed *feed);

/* What a reader carries while it builds one plan. */
typedef struct goals__imp {
    goals_plan *plan;
    goals__feed *feed;         /* positions for warnings and errors */
    const char *name;          /* the document's, for messages */
    const goals__xnode *root;
    goals__arena scratch;      /* trimmed texts, ids: freed after the load */
    int oom;                   /* a scratch allocation failed: the load fails at the end */
    char quoted[4][GOALS__QUOTE_MAX];
    unsigned next_quote;
} goals__imp;

/* Sets up im over the document's tree. */
void goals__imp_init(goals__imp *im, const goals__xtree *tree, goals__feed *feed);
/* Frees the scratch; on rc != GOALS_OK (or a scratch allocation
 * that failed) the plan too. Sets *out on success. Returns the final code. */
int goals__imp_close(goals__imp *im, goals_plan **out, int rc);

/* ------------------------------------------------------------- the tree */

/* The first child of n with local name name, or NULL. */
const goals__xnode *goals__imp_child(const goals__xnode *n, const char *name);
/* The next sibling after c with c's name, or NULL. */
const goals__xnode *goals__imp_next(const goals__xnode *c);
/* The value of n's attribute local, or NULL. */
const char *goals__imp_attr(const goals__xnode *n, const char *local);
/* n's text, trimmed of white space (a scratch copy; "" for NULL n). */
const char *goals__imp_text(goals__imp *im, const goals__xnode *n);
/* The trimmed text of n's first child called name ("" when absent). */
const char *goals__imp_child_text(goals__imp *im, const goals__xnode *n, const char *name);
/* The trimmed value of an attribute ("" when absent). */
const char *goals__imp_attr_text(goals__imp *im, const goals__xnode *n, const char *local);
/* A scratch copy of a formatted string. */
const char *goals__imp_printf(goals__imp *im, const char *fmt, ...) GOALS__PRINTF(2, 3);
/* s quoted for a message (one of four rotating buffers). */
const char *goals__imp_q(goals__imp *im, const char *s);
/* The line of element n (for an observation's origin). */
unsigned long goals__imp_line(goals__imp *im, const goals__xnode *n);

/* ------------------------------------------------------------ messages */

/* Records a warning at n (or at its attribute attr when given). */
void goals__imp_warn(goals__imp *im, const goals__xnode *n, const char *attr, const char *fmt, ...)
    GOALS__PRINTF(4, 5);
/* Fails at n with code and message. */
int goals__imp_fail(goals__imp *im, const goals__xnode *n, int code, const char *fmt, ...) GOALS__PRINTF(4, 5);
/* A model call failed (rc): puts its message at n, keeping ENOMEM. */
int goals__imp_model(goals__imp *im, const goals__xnode *n, int rc);

/* -------------------------------------------------------------- values */

/* What a value's text turned out to be. */
typedef enum goals__imp_value {
    IMP_NUMBER = 0,    /* a number (*out set) */
    IMP_EMPTY = 1,     /* nothing: empty, or a placeholder ("N/A", "[To be determined]", "...") */
    IMP_TEXT = 2       /* something else: keep it as text, and warn */
} goals__imp_value;

/* Reads a number the way publishers write them: white space around,
 * thousands separators ("50,000", "1,234.5"), a currency sign or code in
 * front ("£3,500,000", "US$ 12", "USD 12"), a percent sign after. A comma
 * that is not a thousands separator ("1,5") makes it text: guessing a
 * decimal comma could misread by a factor of a thousand. */
goals__imp_value goals__imp_number(const char *s, double *out);
/* The ISO 4217 code of the currency a value is written in ("£3,500,000"
 * → "GBP", "USD 12" → "USD"), or NULL when it names none (or only ¥,
 * which is yen or yuan). code is room for a code read from the text. */
const char *goals__imp_currency(const char *s, char code[4]);
/* Whether s (trimmed) is empty or a placeholder that means "no value". */
int goals__imp_placeholder(const char *s);

/* ------------------------------------------------------------------ ids */

typedef enum goals__imp_space { IMP_GOALS, IMP_MEASURES } goals__imp_space;

/* An id for a new object: wanted made into an id (letters, digits, '-',
 * '_', '.'; others become '-'; a leading digit gets '_'), or fallback when
 * wanted is empty; when that is taken, fallback, then fallback-2, -3 …,
 * with a warning at n naming both. Goals and targets share one id space,
 * measures have their own. A scratch string. */
const char *goals__imp_id(goals__imp *im, goals__imp_space space, const char *wanted, const char *fallback,
                          const goals__xnode *n);
/* s made into an id as above ("" when nothing is left). */
const char *goals__imp_sanitize(goals__imp *im, const char *s);

/* --------------------------------------------------------------- dates */

/* A date written YYYY-MM-DD, also with a time or zone after it
 * ("2020-01-01T00:00:00Z"). 1 and *day when read, 0 when not. */
int goals__imp_date(const char *s, int32_t *day);
/* The period a result with these start and end dates covers (either may be
 * ""): both → the interval (or the year, quarter, month it is exactly);
 * end only → that day; start only → that day, with a warning; end before
 * start → the end day, with a warning; a date that cannot be read is left
 * out with a warning. Returns 1 with *out, 0 when no date was given.
 * Warnings are placed at the start/end elements (or at n). */
int goals__imp_period(goals__imp *im, const goals__xnode *n, const goals__xnode *start_el, const char *start,
                      const goals__xnode *end_el, const char *end, goals_period *out);

/* --------------------------------------------------------- observations */

#define GOALS__IMP_MAX_DIMS 64

/* Name/value pairs for an observation, names made unique ("location",
 * "location 2"), '=' in names replaced by ':'. */
typedef struct goals__imp_dims {
    const char *pairs[2 * GOALS__IMP_MAX_DIMS];
    size_t count;
} goals__imp_dims;

/* Adds name=value (empty name → "dimension"). Past the limit it warns at n. */
void goals__imp_dims_add(goals__imp *im, goals__imp_dims *d, const char *name, const char *value,
                         const goals__xnode *n);
/* "name=value, name=value" for titles and messages (scratch). */
const char *goals__imp_dims_text(goals__imp *im, const goals__imp_dims *d);

/* Adds an observation of m read from element n. A second one with the same
 * period and dimensions is kept too, under an added dimension
 * "duplicate"="2" (then "3" …), with a warning. */
int goals__imp_observe(goals__imp *im, goals_measure *m, const goals__xnode *n, const goals_period *period,
                       double value, const char *text, const char *note, const goals__imp_dims *dims);

#endif
