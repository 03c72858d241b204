/* The reader's stream → a small tree of our elements.
 *
 * The tree keeps only what the builders read: elements of the root's
 * namespace (ours for native plans; StratML's, or none for IATI), their unqualified attributes,
 * xml:lang, their own text, and each element's start-tag number so that
 * errors can be placed exactly. Everything lives in one arena. Limits and
 * refusals happen here, as the stream goes by: nesting depth, DOCTYPE,
 * entity references, and libxml2's (and the XSD's) first error. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/quote.h"
#include "xml_glue.h"

#define PROGRESS_STEP ((size_t)4 << 20)

#define NAME_CACHE 64 /* a vocabulary's names, and a few more */

struct goals__xtree {
    goals__arena arena;
    goals__arena names;  /* copies of element and attribute names: never rewound */
    goals__xnode *root;
    goals__xnode *owned; /* nodes whose text is in a buffer of its own */
    /* libxml2 keeps names in its dictionary, one pointer per distinct name
     * for the reader's life: copy each once, not once per element. */
    struct {
        const xmlChar *key;
        const char *copy;
    } cache[NAME_CACHE];
};

const goals__xnode *goals__xtree_root(const goals__xtree *tree)
{
    return tree->root;
}

void goals__xtree_free(goals__xtree *tree)
{
    if (!tree)
        return;
    for (goals__xnode *n = tree->owned; n; n = n->next_owned)
        goals__free((char *)n->text);
    goals__arena_free(&tree->arena);
    goals__arena_free(&tree->names);
    goals__free(tree);
}

static const char *dup_str(goals__xtree *t, const xmlChar *s)
{
    return goals__arena_strdup(&t->arena, s ? (const char *)s : "");
}

/* A name from the reader's dictionary (element, attribute, namespace). */
static const char *dup_name(goals__xtree *t, const xmlChar *s)
{
    if (!s)
        return "";
    size_t h = (size_t)((uintptr_t)s >> 3) % NAME_CACHE;
    if (t->cache[h].key == s)
        return t->cache[h].copy;
    char *copy = goals__arena_strdup(&t->names, (const char *)s);
    if (copy) {
        t->cache[h].key = s;
        t->cache[h].copy = copy;
    }
    return copy;
}

/* Copies the element's attributes: ours (no namespace, or our namespace),
 * and xml:lang. Namespace declarations and other namespaces are left out. */
static int read_attributes(goals__xtree *t, xmlTextReaderPtr r, goals__xnode *n)
{
    int count = xmlTextReaderAttributeCount(r);
    if (count <= 0)
        return GOALS_OK;
    n->attrs = goals__arena_alloc(&t->arena, (size_t)count * sizeof *n->attrs);
    if (!n->attrs)
        return goals__oom();
    while (xmlTextReaderMoveToNextAttribute(r) == 1) {
        if (xmlTextReaderIsNamespaceDecl(r) == 1)
            continue;
        const char *ns = (const char *)xmlTextReaderConstNamespaceUri(r);
        const char *local = (const char *)xmlTextReaderConstLocalName(r);
        if (ns && strcmp(ns, GOALS__XML_NS) == 0) {
            if (local && strcmp(local, "lang") == 0 && !(n->lang = dup_str(t, xmlTextReaderConstValue(r))))
                return goals__oom();
            continue;
        }
        if (ns && strcmp(ns, GOALS__NS) != 0)
            continue;
        if ((size_t)count <= n->nattrs)
            break;
        goals__xattr *a = &n->attrs[n->nattrs];
        if (!(a->name = dup_name(t, xmlTextReaderConstName(r))) ||
            !(a->local = dup_name(t, xmlTextReaderConstLocalName(r))) ||
            !(a->value = dup_str(t, xmlTextReaderConstValue(r))))
            return goals__oom();
        n->nattrs++;
    }
    xmlTextReaderMoveToElement(r);
    return GOALS_OK;
}

static int all_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            return 0;
    return 1;
}

/* Appends a piece of character data to n's text. Pieces are joined in a
 * buffer that doubles, so that many pieces stay linear. White space after
 * a child element is dropped: an element with children is a container (or
 * an error), where only non-blank text matters, and a plan's thousands of
 * indented children would otherwise pile up blanks under the root. */
static int append_text(goals__xtree *t, goals__xnode *n, const xmlChar *value)
{
    const char *v = value ? (const char *)value : "";
    size_t add = strlen(v);
    if (!add || (n->first && all_space(v, add)))
        return GOALS_OK;
    if (n->text_len == 0 && !n->text_cap) {
        /* The usual case, one piece: keep it in the arena. */
        char *s = goals__arena_strndup(&t->arena, v, add);
        if (!s)
            return goals__oom();
        n->text = s;
        n->text_len = add;
        return GOALS_OK;
    }
    if (n->text_len + add + 1 > n->text_cap) {
        size_t cap = n->text_cap ? n->text_cap : 64;
        while (cap < n->text_len + add + 1)
            cap *= 2;
        char *buf = goals__malloc(cap);
        if (!buf)
            return goals__oom();
        memcpy(buf, n->text, n->text_len);
        if (n->text_cap)
            goals__free((char *)n->text);
        else {
            n->next_owned = t->owned; /* freed with the tree */
            t->owned = n;
        }
        n->text = buf;
        n->text_cap = cap;
    }
    char *buf = (char *)n->text;
    memcpy(buf + n->text_len, v, add + 1);
    n->text_len += add;
    return GOALS_OK;
}

typedef struct walk {
    goals__xtree *tree;
    goals__xml *x;
    const goals__doc *doc;
    const goals__load_cfg *cfg;
    goals__locator loc;
    unsigned long ordinal;
    goals__xnode *cur;        /* the open element of ours */
    int skip_depth;           /* >= 0: inside a foreign element at this depth */
    goals__xtree_hook hook;   /* see goals__xtree_read_hooked */
    void *hook_ctx;
    goals__arena_mark child_mark;  /* the arena before the open child of the root */
    goals__xnode *child_prev;      /* the root's last child before it */
    goals__xnode *child_owned;     /* the tree's owned-text list before it */
} walk;

static int fail_at_element(walk *w, int code, const char *message)
{
    unsigned long line, col;
    goals__locate(&w->loc, w->ordinal, NULL, &line, &col);
    return goals__error_at(code, w->doc->name, line, col, "%s", message);
}

/* A child of the root is complete: offer it to the hook, and drop it when
 * the hook used it up. Its memory is the arena's tail since the mark (and
 * text buffers of its own, freed here), unless a new chunk was started. */
static int child_done(walk *w, goals__xnode *n)
{
    if (!w->hook)
        return GOALS_OK;
    int rc = w->hook(w->hook_ctx, n);
    if (rc <= 0)
        return rc;
    goals__xtree *t = w->tree;
    goals__xnode *root = n->parent;
    root->last = w->child_prev;
    if (w->child_prev)
        w->child_prev->next = NULL;
    else
        root->first = NULL;
    while (t->owned != w->child_owned) {
        goals__xnode *o = t->owned;
        t->owned = o->next_owned;
        goals__free((char *)o->text);
    }
    goals__arena_rewind(&t->arena, w->child_mark);
    return GOALS_OK;
}

static int on_element(walk *w)
{
    xmlTextReaderPtr r = w->x->reader;
    int depth = xmlTextReaderDepth(r);
    w->ordinal++;
    if ((unsigned)depth + 1 > w->cfg->max_depth) {
        char msg[96];
        snprintf(msg, sizeof msg, "elements nested deeper than the limit of %u levels", w->cfg->max_depth);
        return fail_at_element(w, GOALS_ELIMIT, msg);
    }
    if (w->skip_depth >= 0)
        return GOALS_OK;
    const char *ns = (const char *)xmlTextReaderConstNamespaceUri(r);
    int empty = xmlTextReaderIsEmptyElement(r) == 1;
    /* The document's vocabulary is the root's: ours for native plans,
     * StratML's or IATI's (no namespace) for imports. */
    const char *own = w->tree->root ? w->tree->root->ns : GOALS__NS;
    if (depth > 0 && (!ns || !*ns) && strcmp(own, GOALS__NS) == 0) {
        /* In a plan, an element in no namespace is neither ours nor an
         * extension (which needs a namespace of its own): refuse it, as the
         * XSD does, rather than drop what may be a misspelt prefix. */
        char msg[256];
        snprintf(msg, sizeof msg, "element '%.60s' is in no namespace: a plan's elements are in " GOALS__NS
                 ", extensions in a namespace of their own", (const char *)xmlTextReaderConstLocalName(r));
        return fail_at_element(w, GOALS_EINVALID, msg);
    }
    if (depth > 0 && strcmp(ns ? ns : "", own) != 0) {
        /* Another vocabulary's element: the extension point. Skip it and
         * all it holds. */
        if (!empty)
            w->skip_depth = depth;
        return GOALS_OK;
    }
    goals__xtree *t = w->tree;
    if (depth == 1) {
        w->child_mark = goals__arena_get_mark(&t->arena);
        w->child_prev = w->cur ? w->cur->last : NULL;
        w->child_owned = t->owned;
    }
    goals__xnode *n = goals__arena_alloc(&t->arena, sizeof *n);
    if (!n || !(n->name = dup_name(t, xmlTextReaderConstLocalName(r))) || !(n->ns = dup_name(t, (const xmlChar *)ns)))
        return goals__oom();
    n->ordinal = w->ordinal;
    n->text = "";
    int rc = read_attributes(t, r, n);
    if (rc)
        return rc;
    if (w->cur) {
        n->parent = w->cur;
        if (w->cur->last)
            w->cur->last->next = n;
        else
            w->cur->first = n;
        w->cur->last = n;
    } else if (!t->root) {
        t->root = n;
    }
    if (!empty)
        w->cur = n;
    else if (depth == 1)
        return child_done(w, n);
    return GOALS_OK;
}

static int on_end(walk *w)
{
    int depth = xmlTextReaderDepth(w->x->reader);
    if (w->skip_depth >= 0) {
        if (depth == w->skip_depth)
            w->skip_depth = -1;
        return GOALS_OK;
    }
    goals__xnode *n = w->cur;
    if (n)
        w->cur = n->parent;
    return n && depth == 1 ? child_done(w, n) : GOALS_OK;
}

int goals__xtree_read(goals__xtree **out, const goals__doc *doc, const goals__load_cfg *cfg)
{
    return goals__xtree_read_hooked(out, doc, cfg, NULL, NULL);
}

int goals__xtree_read_hooked(goals__xtree **out, const goals__doc *doc, const goals__load_cfg *cfg,
                             goals__xtree_hook hook, void *ctx)
{
    *out = NULL;
    xmlSchemaPtr schema = NULL;
    int rc = GOALS_OK;
    if (cfg->flags & GOALS_LOAD_VALIDATE) {
        if ((rc = goals__xml_schema_load(&schema, cfg->schema_dir)))
            return rc;
    }
    goals__xtree *tree = goals__calloc(1, sizeof *tree);
    if (!tree) {
        if (schema)
            xmlSchemaFree(schema);
        return goals__oom();
    }
    goals__arena_init(&tree->arena);
    goals__arena_init(&tree->names);
    goals__xml x;
    if ((rc = goals__xml_open(&x, doc, schema))) {
        goals__xtree_free(tree);
        if (schema)
            xmlSchemaFree(schema);
        return rc;
    }
    walk w = {.tree = tree, .x = &x, .doc = doc, .cfg = cfg, .skip_depth = -1, .hook = hook, .hook_ctx = ctx};
    goals__locator_init(&w.loc, doc->data, doc->size);
    int more;
    size_t reported = 0;
    while (!rc && (more = xmlTextReaderRead(x.reader)) == 1) {
        if (x.err.have) {
            rc = goals__xml_fail(&x, doc->name);
            break;
        }
        /* Parsing takes most of a load: report it too (bytes of the
         * document the parser has taken), every 4 MB. */
        if (cfg->progress && x.pos - reported >= PROGRESS_STEP) {
            reported = x.pos;
            if (cfg->progress(x.pos, x.size, cfg->progress_data)) {
                rc = goals__error_at(GOALS_ERROR, doc->name, 0, 0, "load cancelled");
                break;
            }
        }
        switch (xmlTextReaderNodeType(x.reader)) {
        case XML_READER_TYPE_ELEMENT:
            rc = on_element(&w);
            break;
        case XML_READER_TYPE_END_ELEMENT:
            rc = on_end(&w);
            break;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
            if (w.skip_depth < 0 && w.cur)
                rc = append_text(tree, w.cur, xmlTextReaderConstValue(x.reader));
            break;
        case XML_READER_TYPE_DOCUMENT_TYPE:
            /* goals__prolog_check refuses these first; this catches any the
             * scan could not see (an encoding it does not read). */
            rc = goals__error_at(GOALS_EINVALID, doc->name, (unsigned long)xmlTextReaderGetParserLineNumber(x.reader),
                                 0, "DOCTYPE is not allowed (no DTDs, no entity declarations)");
            break;
        case XML_READER_TYPE_ENTITY_REFERENCE: {
            /* Only declared entities show up as nodes, and there is no
             * DOCTYPE to declare them; refuse rather than expand anyway. */
            const char *name = (const char *)xmlTextReaderConstName(x.reader);
            char q[GOALS__QUOTE_MAX], msg[GOALS__QUOTE_MAX + 64];
            snprintf(msg, sizeof msg, "entity reference '%s' is not allowed",
                     goals__quote(q, name ? name : "", name ? strlen(name) : 0));
            rc = fail_at_element(&w, GOALS_EINVALID, msg);
            break;
        }
        default:
            break; /* comments, processing instructions */
        }
    }
    if (!rc && (more < 0 || x.err.have))
        rc = goals__xml_fail(&x, doc->name);
    if (!rc && !tree->root)
        rc = goals__error_at(GOALS_EPARSE, doc->name, 1, 1, "no root element");
    goals__xml_close(&x);
    if (schema)
        xmlSchemaFree(schema);
    if (rc) {
        goals__xtree_free(tree);
        return rc;
    }
    *out = tree;
    return GOALS_OK;
}

int goals__xml_root(const goals__doc *doc, char *ns, size_t ns_size, char *local, size_t local_size,
                    unsigned long *ordinal)
{
    goals__xml x;
    int rc = goals__xml_open(&x, doc, NULL);
    if (rc)
        return rc;
    int more;
    unsigned long n = 0;
    while ((more = xmlTextReaderRead(x.reader)) == 1 && !x.err.have) {
        int type = xmlTextReaderNodeType(x.reader);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
            rc = goals__error_at(GOALS_EINVALID, doc->name, (unsigned long)xmlTextReaderGetParserLineNumber(x.reader),
                                 0, "DOCTYPE is not allowed (no DTDs, no entity declarations)");
            break;
        }
        if (type == XML_READER_TYPE_ELEMENT) {
            const char *u = (const char *)xmlTextReaderConstNamespaceUri(x.reader);
            const char *l = (const char *)xmlTextReaderConstLocalName(x.reader);
            snprintf(ns, ns_size, "%s", u ? u : "");
            snprintf(local, local_size, "%s", l ? l : "");
            n = 1;
            break;
        }
    }
    if (!rc && !n) {
        if (more < 0 || x.err.have)
            rc = goals__xml_fail(&x, doc->name);
        else
            rc = goals__error_at(GOALS_EPARSE, doc->name, 1, 1, "no root element");
    }
    goals__xml_close(&x);
    *ordinal = n;
    return rc;
}
