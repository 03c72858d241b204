/* libxml2 glue: one-time initialisation, error capture. */
#include <pthread.h>
#include <string.h>

#include "util/error.h"
#include "xml_glue.h"

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init_libxml(void)
{
    xmlInitParser();
}

void goals__xml_init(void)
{
    pthread_once(&init_once, init_libxml);
}

#if LIBXML_VERSION >= 21200
void goals__xml_on_error(void *ctx, const xmlError *e)
#else
void goals__xml_on_error(void *ctx, xmlErrorPtr e)
#endif
{
    goals__xml_error *err = ctx;
    if (!e || err->have || e->level < XML_ERR_ERROR)
        return; /* keep the first error; warnings do not fail a load */
    err->have = 1;
    err->code = (e->domain == XML_FROM_SCHEMASV || e->domain == XML_FROM_SCHEMASP) ? GOALS_ESCHEMA
                                                                                   : GOALS_EPARSE;
    err->line = e->line > 0 ? (unsigned long)e->line : 0;
    err->col = e->int2 > 0 ? (unsigned long)e->int2 : 0;
    /* libxml2's words (they change between versions: tests never compare
     * them), on one line, without control characters. */
    const char *m = e->message ? e->message : "error";
    size_t n = 0;
    for (; *m && n + 1 < sizeof err->message; m++)
        err->message[n++] = ((unsigned char)*m < 0x20 || *m == 0x7f) ? ' ' : *m;
    while (n > 0 && err->message[n - 1] == ' ')
        n--;
    err->message[n] = '\0';
}

int goals__xml_report(const goals__xml_error *err, const char *name)
{
    return goals__error_at(err->code, name, err->line, err->col, "%s%s",
                           err->code == GOALS_ESCHEMA ? "not valid: " : "not well-formed: ", err->message);
}
