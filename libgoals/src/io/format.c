/* Which reader a document needs. The native format is read here; StratML
 * and IATI get their readers in src/io/import/ (a later issue): each is one
 * function called from goals__load_dispatch() below. */
#include <string.h>

#include "util/error.h"
#include "util/quote.h"
#include "io_internal.h"

#define STRATML_NS_PREFIX "urn:ISO:std:iso:17469:tech:xsd:"

static goals_format detect(const char *ns, const char *local)
{
    if (strcmp(ns, GOALS__NS) == 0)
        return GOALS_FORMAT_NATIVE;
    if (strncmp(ns, STRATML_NS_PREFIX, strlen(STRATML_NS_PREFIX)) == 0 ||
        (!*ns && (strcmp(local, "StrategicPlan") == 0 || strcmp(local, "PerformancePlanOrReport") == 0)))
        return GOALS_FORMAT_STRATML;
    if (!*ns && (strcmp(local, "iati-activities") == 0 || strcmp(local, "iati-activity") == 0))
        return GOALS_FORMAT_IATI;
    return GOALS_FORMAT_AUTO; /* unknown */
}

static int unsupported(const goals__doc *doc, const char *what)
{
    goals__locator loc;
    unsigned long line, col;
    goals__locator_init(&loc, doc->data, doc->size);
    goals__locate(&loc, 1, NULL, &line, &col);
    return goals__error_at(GOALS_EUNSUPPORTED, doc->name, line, col,
                           "%s documents are recognised but cannot be read yet by this version of libgoals", what);
}

int goals__load_dispatch(goals_plan **out, const goals__doc *doc, const goals__load_cfg *cfg)
{
    int rc = goals__prolog_check(doc->data, doc->size, doc->name);
    if (rc)
        return rc;
    goals_format format = cfg->format;
    if (format == GOALS_FORMAT_AUTO) {
        char ns[512], local[256];
        unsigned long ordinal;
        if ((rc = goals__xml_root(doc, ns, sizeof ns, local, sizeof local, &ordinal)))
            return rc;
        format = detect(ns, local);
        if (format == GOALS_FORMAT_AUTO) {
            goals__locator loc;
            unsigned long line, col;
            char qn[GOALS__QUOTE_MAX], ql[GOALS__QUOTE_MAX];
            goals__locator_init(&loc, doc->data, doc->size);
            goals__locate(&loc, ordinal, NULL, &line, &col);
            if (!*ns && strcmp(local, "plan") == 0)
                return goals__error_at(GOALS_EINVALID, doc->name, line, col,
                                       "root element 'plan' has no namespace (add xmlns=\"" GOALS__NS "\")");
            return goals__error_at(GOALS_EINVALID, doc->name, line, col,
                                   "unknown document type: root element '%s' in namespace '%s' "
                                   "(expected 'plan' in " GOALS__NS ", StratML or IATI)",
                                   goals__quote(ql, local, strlen(local)), goals__quote(qn, ns, strlen(ns)));
        }
    }
    switch (format) {
    case GOALS_FORMAT_NATIVE:
        return goals__native_load(out, doc, cfg);
    case GOALS_FORMAT_STRATML:
        return unsupported(doc, "StratML");
    case GOALS_FORMAT_IATI:
        return unsupported(doc, "IATI");
    default:
        return goals__error(GOALS_EINVAL, "unknown input format %d", (int)format);
    }
}
