/* Which reader a document needs, by its root element and namespace (never
 * by file name): native here, StratML and IATI in src/io/import/. */
#include <string.h>

#include "util/error.h"
#include "util/quote.h"
#include "io_internal.h"
#include "import/import.h"
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

int goals__load_dispatch(goals_plan **out, const goals__doc *doc, const goals__load_cfg *cfg)
{
    int rc = goals__prolog_check(doc->data, doc->size, doc->name);
    if (!rc)
        rc = goals__attribute_scan(doc->data, doc->size, doc->name);
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
        rc = goals__native_load(out, doc, cfg);
        break;
    case GOALS_FORMAT_STRATML:
        rc = goals__stratml_load(out, doc, cfg);
        break;
    case GOALS_FORMAT_IATI:
        rc = goals__iati_load(out, doc, cfg);
        break;
    default:
        return goals__error(GOALS_EINVAL, "unknown input format %d", (int)format);
    }
    /* The readers add observations in document order (goals__plan_defer):
     * sorted once here, before anyone sees the plan. */
    if (!rc && (rc = goals__plan_settle(*out))) {
        goals_plan_free(*out);
        *out = NULL;
    }
    return rc;
}
