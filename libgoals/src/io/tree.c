/* libxml2's SAX2 events → a small tree of our elements.
 *
 * The tree keeps only what the builders read: elements of the root's
 * namespace (ours for native plans; StratML's, or none for IATI), their
 * unqualified attributes, xml:lang, their own text, and each element's
 * start-tag number and line, so that errors can be placed exactly.
 * Everything lives in one arena. Limits and refusals happen here, as the
 * events go by: nesting depth, DOCTYPE, entity references, and libxml2's
 * (and the XSD's) first error.
 *
 * SAX2 rather than the xmlTextReader: the reader builds (and frees) a node
 * for every element and attribute and copies every value before we copy it
 * again; SAX2 hands over pointers into its input buffer. For a big plan
 * that is most of the difference between libxml2's raw speed and ours. */
/* memrchr: glibc, musl and the BSDs have it; it finds a tag's '<' going
 * back through the parser's buffer at the speed of memchr. */
#define _GNU_SOURCE 1
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "feed.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/quote.h"
#include "xml_glue.h"

/* The text of one element, as libxml2 caps a text node or an attribute
 * value without XML_PARSE_HUGE (which SAX2 alone does not enforce for text
 * that comes in pieces). */
#define GOALS__MAX_TEXT ((size_t)10000000)

#define NAME_CACHE 64 /* a vocabulary's names, and a few more */
#define QNAME_CACHE 16 /* prefixed attributes' names */

struct goals__xtree {
    goals__arena arena;
    goals__arena names;  /* copies of element and attribute names: never rewound */
    goals__xnode *root;
    goals__xnode *owned; /* nodes whose text is in a buffer of its own */
    /* libxml2 keeps names in its dictionary, one pointer per distinct name
     * for the parser's life: copy each once, not once per element. */
    struct {
        const xmlChar *key;
        const char *copy;
    } cache[NAME_CACHE];
    struct {
        const xmlChar *prefix, *local;
        const char *copy;
    } qnames[QNAME_CACHE];
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

/* A name from the parser's dictionary (element, attribute, namespace). */
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

/* "prefix:local", copied once per pair (the parser's dictionary pointers):
 * a big document's prefixed attributes must not each take a copy in the
 * names arena, which is never rewound. */
static const char *dup_qname(goals__xtree *t, const xmlChar *prefix, const xmlChar *local)
{
    size_t h = (size_t)(((uintptr_t)prefix >> 3) ^ ((uintptr_t)local >> 3)) % QNAME_CACHE;
    if (t->qnames[h].prefix == prefix && t->qnames[h].local == local)
        return t->qnames[h].copy;
    char q[256];
    snprintf(q, sizeof q, "%s:%s", (const char *)prefix, (const char *)local);
    char *copy = goals__arena_strdup(&t->names, q);
    if (copy) {
        t->qnames[h].prefix = prefix;
        t->qnames[h].local = local;
        t->qnames[h].copy = copy;
    }
    return copy;
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
static int append_text(goals__xtree *t, goals__xnode *n, const char *v, size_t add)
{
    if (!add || (n->first && all_space(v, add)))
        return GOALS_OK;
    if (add > GOALS__MAX_TEXT - n->text_len)
        return 1; /* the caller reports it, with the element's place */
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
    memcpy(buf + n->text_len, v, add);
    n->text_len += add;
    buf[n->text_len] = '\0';
    return GOALS_OK;
}

/* Everything one parse carries; libxml2's user data. */
typedef struct walk {
    goals__xtree *tree;
    xmlParserCtxtPtr ctxt;
    const goals__load_cfg *cfg;
    const char *name;
    goals__feed *feed;          /* the input, and positions of our own errors */
    goals__xtree_hooks *hooks;
    int rc;                     /* the first error of ours; parsing stops at it */
    goals__xml_error err;       /* libxml2's first error */
    goals__xml_error schema_err; /* the XSD's, kept apart until the format is known */
    int validate;               /* schema errors count (a native plan, validated) */
    const xmlChar *root_uri;    /* the root's namespace, as the parser's dictionary holds it */
    unsigned long ordinal;      /* start tags so far */
    unsigned depth;             /* of the open element */
    goals__xnode *cur;          /* the open element of ours */
    unsigned skip_depth;        /* > 0: inside a foreign element at this depth */
    goals__arena_mark child_mark;  /* the arena before the open child of the root */
    goals__xnode *child_prev;      /* the root's last child before it */
    goals__xnode *child_owned;     /* the tree's owned-text list before it */
} walk;

/* Stops the parse with rc (the error is already set). Not by
 * xmlStopParser: in libxml2 2.9 it frees the input buffer at once, while
 * the parser, and the XSD plug (which sees each event after us), may still
 * read the tag or text there. As after libxml2's own fatal errors, no more
 * events are sent, and the input ends at the next read (feed_read). */
static void stop(walk *w, int rc)
{
    if (!w->rc)
        w->rc = rc;
    w->ctxt->disableSAX = 1;
}

/* Fails at start tag ordinal, whose line the parser gave as known_line. */
static int fail_at_ordinal(walk *w, unsigned long ordinal, unsigned long known_line, int code, const char *message)
{
    unsigned long line, col;
    goals__feed_locate(w->feed, ordinal, NULL, known_line, &line, &col);
    return goals__error_at(code, w->name, line, col, "%s", message);
}

/* The line of the start tag just parsed. SAX2 reports it with the parser
 * at the tag's end ('>' or "/>"), and the tag is still in its buffer: step
 * back to its '<' (attribute values cannot hold one) and take away the
 * line breaks in between. */
static unsigned long start_line(const walk *w)
{
    const xmlParserInput *in = w->ctxt->input;
    long line = in->line;
    const xmlChar *cur = in->cur, *base = in->base;
    if (!cur || !base || cur <= base)
        return line > 0 ? (unsigned long)line : 0;
    const xmlChar *lt = memrchr(base, '<', (size_t)(cur - base));
    if (lt && in->col <= cur - lt) { /* the tag may span lines: count them */
        for (const xmlChar *p = lt; (p = memchr(p, '\n', (size_t)(cur - p))) != NULL; p++)
            line--;
    }
    return line > 0 ? (unsigned long)line : 0;
}

/* A child of the root is complete: offer it to the hook, and drop it when
 * the hook used it up. Its memory is the arena's tail since the mark (and
 * text buffers of its own, freed here), unless a new chunk was started. */
static int child_done(walk *w, goals__xnode *n)
{
    if (!w->hooks || !w->hooks->child)
        return GOALS_OK;
    int rc = w->hooks->child(w->hooks->ctx, n);
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

/* A copy of an attribute value. Without entity substitution (never asked
 * for: see xml_glue.h) SAX2 hands over a '&' that came from "&amp;" or a
 * character reference as "&#38;", for a tree builder to decode; no other
 * reference can be left in a value (there is no DTD to declare one). A
 * value that points into the parser's input buffer was taken as written,
 * with no reference in it (libxml2 builds the others apart): only those
 * built apart need the look. */
static char *copy_value(goals__xtree *t, const xmlParserInput *in, const xmlChar *v, size_t len)
{
    char *s = goals__arena_strndup(&t->arena, (const char *)v, len);
    if (!s || (v >= in->base && v < in->end) || !memchr(s, '&', len))
        return s;
    char *o = s;
    for (const char *i = s; *i;) {
        if (strncmp(i, "&#38;", 5) == 0) {
            *o++ = '&';
            i += 5;
        } else {
            *o++ = *i++;
        }
    }
    *o = '\0';
    return s;
}

static int is_xml_ns(const xmlChar *uri)
{
    return uri && strcmp((const char *)uri, GOALS__XML_NS) == 0;
}

/* Copies the element's attributes: ours (no namespace, or our namespace),
 * and xml:lang. SAX2 gives each as five pointers: local name, prefix, URI,
 * value and the value's end (the value is not NUL-terminated). Namespace
 * declarations come apart and are not attributes here. */
static int read_attributes(goals__xtree *t, const xmlParserInput *in, goals__xnode *n, int count,
                           const xmlChar **a)
{
    if (count <= 0)
        return GOALS_OK;
    n->attrs = goals__arena_alloc(&t->arena, (size_t)count * sizeof *n->attrs);
    if (!n->attrs)
        return goals__oom();
    for (int i = 0; i < count; i++, a += 5) {
        const xmlChar *local = a[0], *prefix = a[1], *uri = a[2];
        size_t len = (size_t)(a[4] - a[3]);
        if (is_xml_ns(uri)) {
            if (strcmp((const char *)local, "lang") == 0 && !n->lang &&
                !(n->lang = copy_value(t, in, a[3], len)))
                return goals__oom();
            continue;
        }
        if (uri && strcmp((const char *)uri, GOALS__NS) != 0)
            continue;
        goals__xattr *x = &n->attrs[n->nattrs];
        x->local = dup_name(t, local);
        if (prefix) {
            /* Written with our namespace's prefix (rare): keep the
             * qualified name for positions ("g:value"). */
            x->name = dup_qname(t, prefix, local);
        } else {
            x->name = x->local;
        }
        if (!x->local || !x->name || !(x->value = copy_value(t, in, a[3], len)))
            return goals__oom();
        n->nattrs++;
    }
    return GOALS_OK;
}

static int on_start(walk *w, const xmlChar *local, const xmlChar *uri, int nattrs, const xmlChar **attrs)
{
    w->ordinal++;
    w->depth++;
    if (w->depth > w->cfg->max_depth) {
        char msg[96];
        snprintf(msg, sizeof msg, "elements nested deeper than the limit of %u levels", w->cfg->max_depth);
        return fail_at_ordinal(w, w->ordinal, start_line(w), GOALS_ELIMIT, msg);
    }
    if (w->skip_depth)
        return GOALS_OK;
    goals__xtree *t = w->tree;
    const char *ns = uri ? (const char *)uri : "";
    if (t->root && (uri != w->root_uri || !uri)) {
        /* The document's vocabulary is the root's: ours for native plans,
         * StratML's or IATI's (no namespace) for imports. */
        const char *own = t->root->ns;
        if (!*ns && strcmp(own, GOALS__NS) == 0) {
            /* In a plan, an element in no namespace is neither ours nor an
             * extension (which needs a namespace of its own): refuse it, as
             * the XSD does, rather than drop what may be a misspelt prefix. */
            char msg[256];
            snprintf(msg, sizeof msg, "element '%.60s' is in no namespace: a plan's elements are in " GOALS__NS
                     ", extensions in a namespace of their own", (const char *)local);
            return fail_at_ordinal(w, w->ordinal, start_line(w), GOALS_EINVALID, msg);
        }
        if (strcmp(ns, own) != 0) {
            /* Another vocabulary's element: the extension point. Skip it
             * and all it holds. */
            w->skip_depth = w->depth;
            return GOALS_OK;
        }
    }
    if (w->depth == 2) {
        w->child_mark = goals__arena_get_mark(&t->arena);
        w->child_prev = w->cur ? w->cur->last : NULL;
        w->child_owned = t->owned;
    }
    goals__xnode *n = goals__arena_alloc(&t->arena, sizeof *n);
    if (!n || !(n->name = dup_name(t, local)) || !(n->ns = dup_name(t, (const xmlChar *)ns)))
        return goals__oom();
    n->ordinal = w->ordinal;
    n->line = start_line(w);
    n->text = "";
    int rc = read_attributes(t, w->ctxt->input, n, nattrs, attrs);
    if (rc)
        return rc;
    if (w->cur) {
        n->parent = w->cur;
        if (w->cur->last)
            w->cur->last->next = n;
        else
            w->cur->first = n;
        w->cur->last = n;
    } else {
        t->root = n;
        w->root_uri = uri; /* the parser's dictionary keeps one copy of each name */
        if (w->hooks && w->hooks->root) {
            rc = w->hooks->root(w->hooks->ctx, w->hooks, n);
            if (rc < 0)
                return rc;
            if (rc > 0)
                w->validate = 0; /* not a plan of ours: the XSD does not apply */
        }
        if (w->validate && w->schema_err.have) {
            w->err = w->schema_err;
            return w->err.code;
        }
    }
    w->cur = n;
    return GOALS_OK;
}

static void sax_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri, int nns,
                      const xmlChar **ns, int nattrs, int ndefaulted, const xmlChar **attrs)
{
    (void)prefix, (void)nns, (void)ns, (void)ndefaulted;
    walk *w = ctx;
    if (w->rc)
        return;
    int rc = on_start(w, local, uri, nattrs, attrs);
    if (rc)
        stop(w, rc);
}

static void sax_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    (void)local, (void)prefix, (void)uri;
    walk *w = ctx;
    if (w->rc)
        return;
    unsigned depth = w->depth--;
    if (w->skip_depth) {
        if (depth == w->skip_depth)
            w->skip_depth = 0;
        return;
    }
    goals__xnode *n = w->cur;
    if (!n)
        return;
    w->cur = n->parent;
    int rc = depth == 2 ? child_done(w, n) : GOALS_OK;
    if (rc)
        stop(w, rc);
}

static void sax_text(void *ctx, const xmlChar *ch, int len)
{
    walk *w = ctx;
    if (w->rc || w->skip_depth || !w->cur || len <= 0)
        return;
    int rc = append_text(w->tree, w->cur, (const char *)ch, (size_t)len);
    if (rc == 1) {
        char msg[96];
        snprintf(msg, sizeof msg, "text longer than the limit of %lu bytes", (unsigned long)GOALS__MAX_TEXT);
        rc = fail_at_ordinal(w, w->cur->ordinal, w->cur->line, GOALS_ELIMIT, msg);
    }
    if (rc)
        stop(w, rc);
}

static void sax_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
    (void)name, (void)external_id, (void)system_id;
    walk *w = ctx;
    /* The feed's prolog check refuses these first, with the exact place;
     * this catches any it could not see (a prolog longer than its window). */
    int line = xmlSAX2GetLineNumber(w->ctxt);
    stop(w, goals__error_at(GOALS_EINVALID, w->name, line > 0 ? (unsigned long)line : 0, 0,
                            "DOCTYPE is not allowed (no DTDs, no entity declarations)"));
}

static void sax_reference(void *ctx, const xmlChar *name)
{
    walk *w = ctx;
    /* Only declared entities reach here, and there is no DOCTYPE to
     * declare them; refuse rather than expand anyway. */
    char q[GOALS__QUOTE_MAX], msg[GOALS__QUOTE_MAX + 64];
    const char *s = name ? (const char *)name : "";
    snprintf(msg, sizeof msg, "entity reference '%s' is not allowed", goals__quote(q, s, strlen(s)));
    stop(w, fail_at_ordinal(w, w->ordinal, 0, GOALS_EINVALID, msg));
}

#if LIBXML_VERSION >= 21200
static void sax_error(void *ctx, const xmlError *e)
#else
static void sax_error(void *ctx, xmlErrorPtr e)
#endif
{
    walk *w = ctx;
    if (!e || e->level < XML_ERR_ERROR || w->rc)
        return;
    /* Once the feed has failed, libxml2's errors are about the input it no
     * longer gets, and the feed's error is the one; but when the feed
     * refused content at a known place, an error libxml2 finds before that
     * place (in bytes it had) comes first in the document. */
    if (goals__feed_status(w->feed)) {
        unsigned long line, col;
        if (!goals__feed_refused_at(w->feed, &line, &col) || e->line <= 0 ||
            ((unsigned long)e->line > line ||
             ((unsigned long)e->line == line && (e->int2 <= 0 || (unsigned long)e->int2 >= col))))
            return;
    }
    int schema = e->domain == XML_FROM_SCHEMASV || e->domain == XML_FROM_SCHEMASP;
    if (schema) {
        if (!w->validate)
            return;
        if (!w->tree->root) { /* before the root's hook has said what it is */
            goals__xml_on_error(&w->schema_err, e);
            return;
        }
    }
    goals__xml_on_error(&w->err, e);
    if (w->err.have)
        stop(w, w->err.code);
}

/* The parser's errors while the XSD is plugged in. The plug's SAX handler
 * (libxml2 2.9) has no serror: without this one the parser's errors would
 * go to the host's global handler, or nowhere, and the load would say only
 * "not well-formed XML" at the last line read. The parser's user data is
 * then the plug: the walk is found through the parser's _private. */
#if LIBXML_VERSION >= 21200
static void sax_error_plugged(void *ctx, const xmlError *e)
#else
static void sax_error_plugged(void *ctx, xmlErrorPtr e)
#endif
{
    (void)ctx;
    const xmlParserCtxt *parser = e ? e->ctxt : NULL;
    if (parser && parser->_private)
        sax_error(parser->_private, e);
}

/* The XSD validator asks where the parser is, for its messages. */
static int schema_locator(void *ctx, const char **file, unsigned long *line)
{
    walk *w = ctx;
    if (file)
        *file = NULL;
    int l = xmlSAX2GetLineNumber(w->ctxt);
    if (line)
        *line = l > 0 ? (unsigned long)l : 0;
    return 0;
}

static int feed_read(void *ctx, char *buf, int len)
{
    walk *w = ctx;
    if (w->rc)
        return 0; /* stopped: the parser ends with what it holds */
    return goals__feed_read(w->feed, buf, len);
}

static int feed_close(void *ctx)
{
    (void)ctx;
    return 0;
}

int goals__xtree_parse(goals__xtree **out, goals__feed *feed, const goals__load_cfg *cfg, goals__xtree_hooks *hooks)
{
    *out = NULL;
    goals__xml_init();
    xmlSchemaPtr schema = NULL;
    xmlSchemaValidCtxtPtr vctxt = NULL;
    xmlSchemaSAXPlugPtr plug = NULL;
    int rc = GOALS_OK;
    goals__xtree *tree = goals__calloc(1, sizeof *tree);
    walk *w = goals__calloc(1, sizeof *w);
    if (!tree || !w) {
        goals__free(tree);
        goals__free(w);
        return goals__oom();
    }
    goals__arena_init(&tree->arena);
    goals__arena_init(&tree->names);
    w->tree = tree;
    w->cfg = cfg;
    w->name = cfg->name;
    w->feed = feed;
    w->hooks = hooks;

    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = sax_start;
    sax.endElementNs = sax_end;
    sax.characters = sax_text;
    sax.ignorableWhitespace = sax_text;
    sax.cdataBlock = sax_text;
    sax.internalSubset = sax_doctype;
    sax.reference = sax_reference;
    sax.serror = sax_error;
    xmlSAXHandlerPtr handler = &sax;
    void *user = w;

    if (cfg->flags & GOALS_LOAD_VALIDATE) {
        if ((rc = goals__xml_schema_load(&schema, cfg->schema_dir)))
            goto done;
        w->validate = 1;
        if (!(vctxt = xmlSchemaNewValidCtxt(schema))) {
            rc = goals__oom();
            goto done;
        }
        xmlSchemaSetValidStructuredErrors(vctxt, sax_error, w);
        if (!(plug = xmlSchemaSAXPlug(vctxt, &handler, &user))) {
            rc = goals__error(GOALS_ERROR, "cannot set up schema validation");
            goto done;
        }
    }
    /* Through read callbacks: libxml2 takes the document a buffer at a
     * time from the feed, which streams it from the file. */
    w->ctxt = xmlCreateIOParserCtxt(handler, user, feed_read, feed_close, w, XML_CHAR_ENCODING_NONE);
    if (!w->ctxt) {
        rc = goals__feed_status(feed) ? goals__feed_status(feed) : goals__oom();
        goto done;
    }
    xmlCtxtUseOptions(w->ctxt, GOALS__XML_OPTIONS);
    if (vctxt) {
        xmlSchemaValidateSetLocator(vctxt, schema_locator, w);
        w->ctxt->_private = w;
        w->ctxt->sax->serror = sax_error_plugged; /* the parser's copy of the plug's handler */
    }
    xmlParseDocument(w->ctxt);
    /* The first failure in the document wins. An error of ours or of
     * libxml2's is about bytes the parser had, so it comes before anything
     * the feed refused (the feed hands over nothing of a chunk it refuses),
     * even when it was found after: libxml2 reads ahead. */
    if ((rc = w->rc)) {
        if (w->err.have && rc == w->err.code)
            rc = goals__xml_report(&w->err, w->name);
        goto done;
    }
    if ((rc = goals__feed_status(feed)))
        goto done;
    if (!w->ctxt->wellFormed) {
        int line = xmlSAX2GetLineNumber(w->ctxt);
        rc = goals__error_at(GOALS_EPARSE, w->name, line > 0 ? (unsigned long)line : 0, 0, "not well-formed XML");
        goto done;
    }
    if (!tree->root)
        rc = goals__error_at(GOALS_EPARSE, w->name, 1, 1, "no root element");
done:
    if (w->ctxt) {
        if (w->ctxt->myDoc) /* SAX2 builds none; a handler left NULL might */
            xmlFreeDoc(w->ctxt->myDoc);
        xmlFreeParserCtxt(w->ctxt);
    }
    if (plug) {
        xmlSchemaSAXUnplug(plug);
        if (rc) {
            /* libxml2 2.9's unplug empties the validator's cache of key
             * matchers, then puts there those of the elements still open
             * (the parse failed), where xmlSchemaFreeValidCtxt leaves them.
             * Plugged and unplugged again, it frees them. */
            xmlSchemaSAXPlugPtr again = xmlSchemaSAXPlug(vctxt, &handler, &user);
            if (again)
                xmlSchemaSAXUnplug(again);
        }
    }
    if (vctxt)
        xmlSchemaFreeValidCtxt(vctxt);
    if (schema)
        xmlSchemaFree(schema);
    goals__free(w);
    if (rc) {
        goals__xtree_free(tree);
        return rc;
    }
    *out = tree;
    return GOALS_OK;
}
