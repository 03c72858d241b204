/* Which reader a document needs, by its root element and namespace (never
 * by file name), decided as the root starts: native (native.c) or StratML
 * and IATI (src/io/import/). One parse either way. */
#include <string.h>

#include "util/error.h"
#include "util/quote.h"
#include "feed.h"
#include "import/import.h"
#include "io_internal.h"
#include "native.h"
#include "model/model.h"

static int is_stratml_root(const char *local)
{
    return strcmp(local, "StrategicPlan") == 0 || strcmp(local, "PerformancePlanOrReport") == 0;
}

static goals_format detect(const char *ns, const char *local)
{
    /* StratML: ISO Part 1 and Part 2, and the older ANSI namespaces; a
     * StratML root with no namespace is read too (with a warning). */
    static const char *const stratml[] = {"urn:ISO:std:iso:17469:tech:xsd:stratml_core",
                                          "urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport",
                                          "http://www.stratml.net", "http://www.stratml.net/PerformancePlanOrReport",
                                          "", NULL};
    if (strcmp(ns, GOALS__NS) == 0)
        return GOALS_FORMAT_NATIVE;
    for (int i = 0; stratml[i]; i++)
        if (strcmp(ns, stratml[i]) == 0 && is_stratml_root(local))
            return GOALS_FORMAT_STRATML;
    /* IATI activity files have no namespace (2.01 to 2.03). */
    if (!*ns && (strcmp(local, "iati-activities") == 0 || strcmp(local, "iati-activity") == 0))
        return GOALS_FORMAT_IATI;
    return GOALS_FORMAT_AUTO; /* unknown */
}

/* What one load carries while the document is parsed. */
typedef struct loading {
    const goals__load_cfg *cfg;
    goals__feed *feed;
    goals_format format;
    goals__nb nb;       /* the native reader, which builds as the parse goes */
} loading;

static int unknown_root(loading *l, const goals__xnode *root)
{
    unsigned long line, col;
    char qn[GOALS__QUOTE_MAX], ql[GOALS__QUOTE_MAX];
    const char *ns = root->ns, *local = root->name;
    goals__feed_locate(l->feed, root->ordinal, NULL, root->line, &line, &col);
    if (!*ns && strcmp(local, "plan") == 0)
        return goals__error_at(GOALS_EINVALID, l->cfg->name, line, col,
                               "root element 'plan' has no namespace (add xmlns=\"" GOALS__NS "\")");
    return goals__error_at(GOALS_EINVALID, l->cfg->name, line, col,
                           "unknown document type: root element '%s' in namespace '%s' "
                           "(expected 'plan' in " GOALS__NS ", StratML or IATI)",
                           goals__quote(ql, local, strlen(local)), goals__quote(qn, ns, strlen(ns)));
}

/* The root has started: which document is this? A native plan is built
 * while it is parsed (the hook takes each measure and observation as it
 * ends); the imports read the whole tree afterwards. */
static int on_root(void *ctx, goals__xtree_hooks *hooks, const goals__xnode *root)
{
    loading *l = ctx;
    if (l->format == GOALS_FORMAT_AUTO) {
        l->format = detect(root->ns, root->name);
        if (l->format == GOALS_FORMAT_AUTO)
            return unknown_root(l, root);
    }
    if (l->format != GOALS_FORMAT_NATIVE)
        return 1; /* the XSD of GOALS_LOAD_VALIDATE is ours: it would refuse every import */
    hooks->child = goals__native_child;
    hooks->ctx = &l->nb;
    return 0;
}

int goals__load_dispatch(goals_plan **out, goals__feed *feed, const goals__load_cfg *cfg)
{
    *out = NULL;
    loading l;
    memset(&l, 0, sizeof l);
    l.cfg = cfg;
    l.feed = feed;
    l.format = cfg->format;
    if (l.format != GOALS_FORMAT_AUTO && l.format != GOALS_FORMAT_NATIVE && l.format != GOALS_FORMAT_STRATML &&
        l.format != GOALS_FORMAT_IATI)
        return goals__error(GOALS_EINVAL, "unknown input format %d", (int)l.format);
    goals__native_init(&l.nb, feed);
    goals__xtree_hooks hooks = {.root = on_root, .ctx = &l};
    goals__xtree *tree;
    int rc = goals__xtree_parse(&tree, feed, cfg, &hooks);
    if (rc) {
        goals__native_abandon(&l.nb);
        return rc;
    }
    switch (l.format) {
    case GOALS_FORMAT_NATIVE:
        rc = goals__native_finish(out, &l.nb, tree);
        break;
    case GOALS_FORMAT_STRATML:
        goals__native_abandon(&l.nb);
        rc = goals__stratml_build(out, tree, feed);
        break;
    default:
        goals__native_abandon(&l.nb);
        rc = goals__iati_build(out, tree, feed);
        break;
    }
    goals__xtree_free(tree);
    /* The readers add observations in document order (goals__plan_defer):
     * sorted once here, before anyone sees the plan. */
    if (!rc && (rc = goals__plan_settle(*out))) {
        goals_plan_free(*out);
        *out = NULL;
    }
    return rc;
}
