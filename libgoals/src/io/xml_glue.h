/* Internal: libxml2 set up safely, for the readers in src/io/ only.
 *
 * Every document is untrusted. Readers get NONET and BIG_LINES (and NO_XXE
 * where libxml2 has it), never NOENT, DTDLOAD, DTDVALID, HUGE, XINCLUDE,
 * RECOVER, NOERROR or NOWARNING. Errors go to a per-reader handler that
 * keeps the first one with its position; libxml2's global handlers are left
 * alone, and so is its global state (xmlInitParser once, never
 * xmlCleanupParser: the host program may use libxml2 too). */
#ifndef GOALS_IO_XML_GLUE_H
#define GOALS_IO_XML_GLUE_H

#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

#include "io_internal.h"

#define GOALS__XML_OPTIONS_BASE (XML_PARSE_NONET | XML_PARSE_BIG_LINES)
#if LIBXML_VERSION >= 21300
#  define GOALS__XML_OPTIONS (GOALS__XML_OPTIONS_BASE | XML_PARSE_NO_XXE)
#else
#  define GOALS__XML_OPTIONS GOALS__XML_OPTIONS_BASE
#endif

/* The first error libxml2 reported for one reader or schema parser. */
typedef struct goals__xml_error {
    int have;
    int code;                /* GOALS_EPARSE, or GOALS_ESCHEMA for validity errors */
    unsigned long line, col;
    char message[512];
} goals__xml_error;

/* A reader over a document in memory. Keep it in place while open: libxml2
 * holds pointers into it. */
typedef struct goals__xml {
    xmlTextReaderPtr reader;
    const char *data;
    size_t size, pos;
    goals__xml_error err;
} goals__xml;

/* Initialises libxml2 once per process (thread-safe). */
void goals__xml_init(void);
/* Opens a reader on doc, with schema (may be NULL) validating as it reads. */
int goals__xml_open(goals__xml *x, const goals__doc *doc, xmlSchemaPtr schema);
/* Sets the thread's error from what the reader reported (or a generic
 * message at the parser's position) and returns its code. */
int goals__xml_fail(goals__xml *x, const char *name);
void goals__xml_close(goals__xml *x);

/* The structured error handler, for schema parser contexts too. */
#if LIBXML_VERSION >= 21200
void goals__xml_on_error(void *ctx, const xmlError *e);
#else
void goals__xml_on_error(void *ctx, xmlErrorPtr e);
#endif

/* Loads goals-plan-1.xsd from dir, else $GOALS_SCHEMA_DIR, else the
 * installed folder. */
int goals__xml_schema_load(xmlSchemaPtr *out, const char *dir);

#endif
