/* libxml2 glue: one-time initialisation, safe readers, error capture. */
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

static int read_cb(void *ctx, char *buf, int len)
{
    goals__xml *x = ctx;
    size_t left = x->size - x->pos;
    size_t n = len > 0 ? (size_t)len : 0;
    if (n > left)
        n = left;
    memcpy(buf, x->data + x->pos, n);
    x->pos += n;
    return (int)n;
}

static int close_cb(void *ctx)
{
    (void)ctx;
    return 0;
}

int goals__xml_open(goals__xml *x, const goals__doc *doc, xmlSchemaPtr schema)
{
    goals__xml_init();
    memset(x, 0, sizeof *x);
    x->data = doc->data;
    x->size = doc->size;
    /* Through callbacks rather than xmlReaderForMemory, whose size is an
     * int: the size cap (4 GiB by default) may be larger. */
    x->reader = xmlReaderForIO(read_cb, close_cb, x, NULL, NULL, GOALS__XML_OPTIONS);
    if (!x->reader)
        return goals__oom();
    xmlTextReaderSetStructuredErrorHandler(x->reader, goals__xml_on_error, &x->err);
    if (schema) {
        if (xmlTextReaderSetSchema(x->reader, schema) != 0) {
            goals__xml_close(x);
            return goals__error(GOALS_ERROR, "cannot set up schema validation");
        }
        /* Again, so that the validation context has it whatever the
         * libxml2 version's order of setting it. */
        xmlTextReaderSetStructuredErrorHandler(x->reader, goals__xml_on_error, &x->err);
    }
    return GOALS_OK;
}

int goals__xml_fail(goals__xml *x, const char *name)
{
    if (x->err.have)
        return goals__error_at(x->err.code, name, x->err.line, x->err.col, "%s%s",
                               x->err.code == GOALS_ESCHEMA ? "not valid: " : "not well-formed: ",
                               x->err.message);
    int line = x->reader ? xmlTextReaderGetParserLineNumber(x->reader) : 0;
    int col = x->reader ? xmlTextReaderGetParserColumnNumber(x->reader) : 0;
    return goals__error_at(GOALS_EPARSE, name, line > 0 ? (unsigned long)line : 0,
                           col > 0 ? (unsigned long)col : 0, "not well-formed XML");
}

void goals__xml_close(goals__xml *x)
{
    if (x->reader)
        xmlFreeTextReader(x->reader);
    x->reader = NULL;
}
