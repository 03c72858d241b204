/* Internal: the pieces of loading and saving shared inside src/io/.
 *
 * Loading is one pass over a stream, in stages, each in its own file:
 *   source.c   bytes in (file or memory, plain or gzip), chunk by chunk,
 *              under a size cap and the decompression-bomb rule, with
 *              progress reports; nothing holds the whole document;
 *   tagscan.c  raw checks of each chunk before libxml2 sees it (prolog:
 *              no UTF-16, no DOCTYPE; start tags with very many attributes);
 *   feed.c     source → checks → libxml2, and positions on demand;
 *   position.c exact FILE:LINE:COL of the n-th start tag (or an attribute
 *              in it), by reading the input again, only when needed;
 *   options.c  load and save options: versions, defaults, checks;
 *   xml.c      libxml2 set-up: safe options, error capture;
 *   schema.c   the XSD for GOALS_LOAD_VALIDATE;
 *   tree.c     libxml2's SAX2 events → a small element tree of ours
 *              (foreign namespaces dropped, depth capped, DOCTYPE refused),
 *              handing each child of the root to a hook as it ends;
 *   format.c   which reader a document needs (native, StratML, IATI),
 *              decided as the root starts;
 *   native*.c  the tree → a plan, through the public model API only
 *              (measures and observations while the parse goes on);
 *   load.c     the public load functions tying these together.
 * Saving: writer.c (canonical XML into a buffer, buf.c), gzip.c (deflate
 * with a fixed header), atomic.c (temp file, fsync, rename), save.c
 * (public). csv.c reads observation files (through a source) into an
 * existing plan. */
#ifndef GOALS_IO_INTERNAL_H
#define GOALS_IO_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "goals/goals.h"

#define GOALS__NS "urn:libgoals:plan:1"
#define GOALS__XML_NS "http://www.w3.org/XML/1998/namespace"

/* Load options with defaults filled in. */
typedef struct goals__load_cfg {
    unsigned flags;
    goals_format format;
    uint64_t max_bytes;
    unsigned max_depth;
    const char *name;        /* for messages; never NULL after resolve */
    const char *schema_dir;  /* NULL: env GOALS_SCHEMA_DIR, then the installed one */
    goals_progress_cb progress;
    void *progress_data;
} goals__load_cfg;

/* Checks opts (NULL: defaults) and fills cfg. name is the document's name
 * for messages (a path), or NULL for opts->name / "<memory>". */
int goals__load_cfg_resolve(goals__load_cfg *cfg, const goals_load_options *opts, const char *name);

/* Attributes (namespace declarations included) one start tag may have:
 * libxml2 2.9 checks them pairwise. Plans need a dozen. */
#define GOALS__MAX_ATTRIBUTES 256u
/* ------------------------------------------------------------------ tree */

typedef struct goals__xattr {
    const char *name;   /* as written, e.g. "value" */
    const char *local;
    const char *value;
} goals__xattr;

typedef struct goals__xnode goals__xnode;
struct goals__xnode {
    const char *name;          /* local name */
    const char *ns;            /* namespace URI, "" for none */
    unsigned long ordinal;     /* start tag number, for goals__feed_locate */
    unsigned long line;        /* line of its start tag's '<' */
    const char *lang;          /* own xml:lang, or NULL */
    goals__xattr *attrs;       /* unqualified (or our namespace's) attributes */
    size_t nattrs;
    const char *text;          /* its own character data, "" when none */
    size_t text_len;
    size_t text_cap;           /* > 0: text is in a buffer of its own */
    goals__xnode *next_owned;  /* the tree's list of such nodes */
    int done;                  /* already built by the parse's child hook */
    goals__xnode *parent, *first, *last, *next;
};

typedef struct goals__xtree goals__xtree;
typedef struct goals__feed goals__feed;

/* Called, when given, as each child of the root ends (its subtree complete):
 * returns 0 to keep it in the tree, 1 when it was used up (the tree then
 * drops it and reuses its memory: a big plan's observations never pile up
 * in the tree), or a negative status to stop the parse with that error. */
typedef int (*goals__xtree_hook)(void *ctx, goals__xnode *child);

typedef struct goals__xtree_hooks {
    /* Called once, as soon as the root element has started (its attributes
     * read, nothing inside yet), e.g. to decide what the document is and
     * set child and ctx. Returns 0 to go on, 1 to go on without the XSD
     * (not a plan of ours), or a negative status (error set) to stop. */
    int (*root)(void *ctx, struct goals__xtree_hooks *hooks, const goals__xnode *root);
    goals__xtree_hook child;
    void *ctx;
} goals__xtree_hooks;

/* Parses the document the feed gives into a tree, validating against the
 * XSD when cfg asks (see hooks->root). Elements of other namespaces (below
 * the root) are left out with their subtrees; attributes of other
 * namespaces too, except xml:lang. hooks may be NULL. */
int goals__xtree_parse(goals__xtree **out, goals__feed *feed, const goals__load_cfg *cfg, goals__xtree_hooks *hooks);
const goals__xnode *goals__xtree_root(const goals__xtree *tree);
void goals__xtree_free(goals__xtree *tree);

/* ---------------------------------------------------------------- readers */

/* Parses the document, picking its reader (cfg->format, or detection by the
 * root element) as the root starts, and builds the plan. */
int goals__load_dispatch(goals_plan **out, goals__feed *feed, const goals__load_cfg *cfg);

/* ----------------------------------------------------------------- saving */

/* A growing byte buffer; appends after a failed growth are no-ops, and
 * goals__buf_failed() tells. */
typedef struct goals__buf {
    char *data;
    size_t len, cap;
    int failed;
} goals__buf;

void goals__buf_append(goals__buf *b, const char *s, size_t n);
void goals__buf_puts(goals__buf *b, const char *s);
void goals__buf_free(goals__buf *b);

/* Writes plan canonically as UTF-8 XML into b. GOALS_OK, GOALS_ENOMEM, or
 * GOALS_EINVAL for text XML 1.0 cannot hold (control characters, bad UTF-8). */
int goals__write_plan(goals__buf *b, const goals_plan *plan, unsigned flags);
/* Gzips in[0..n) with a fixed header (no name, no time) into out. */
int goals__gzip(goals__buf *out, const char *in, size_t n, int level);
/* Replaces path by data atomically: temp file in the same folder, fsync,
 * rename, fsync of the folder. On failure the temp file is gone and the old
 * file, if any, is untouched; GOALS_EIO names the path and the reason. */
int goals__atomic_write(const char *path, const char *data, size_t size);

#endif
