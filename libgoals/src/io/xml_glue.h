/* Internal: libxml2 set up safely, for the parser in src/io/ only.
 *
 * Every document is untrusted. The parser gets NONET and BIG_LINES (and NO_XXE
 * where libxml2 has it), never NOENT, DTDLOAD, DTDVALID, HUGE, XINCLUDE,
 * RECOVER, NOERROR or NOWARNING. Errors go to a per-parse handler that
 * keeps the first one with its position; libxml2's global handlers are left
 * alone, and so is its global state (xmlInitParser once, never
 * xmlCleanupParser: the host program may use libxml2 too). */
#ifndef GOALS_IO_XML_GLUE_H
#define GOALS_IO_XML_GLUE_H

#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlschemas.h>

#include "io_internal.h"

#define GOALS__XML_OPTIONS_BASE (XML_PARSE_NONET | XML_PARSE_BIG_LINES)
#if LIBXML_VERSION >= 21300
#  define GOALS__XML_OPTIONS (GOALS__XML_OPTIONS_BASE | XML_PARSE_NO_XXE)
#else
#  define GOALS__XML_OPTIONS GOALS__XML_OPTIONS_BASE
#endif

/* The first error libxml2 reported for one parse or schema parser. */
typedef struct goals__xml_error {
    int have;
    int code;                /* GOALS_EPARSE, or GOALS_ESCHEMA for validity errors */
    unsigned long line, col;
    char message[512];
} goals__xml_error;

/* Initialises libxml2 once per process (thread-safe). */
void goals__xml_init(void);
/* Sets the thread's error from err (libxml2's words, its position) and
 * returns its code. */
int goals__xml_report(const goals__xml_error *err, const char *name);

/* Keeps the first error of e's level XML_ERR_ERROR or worse in ctx (a
 * goals__xml_error); for schema parser contexts too. */
#if LIBXML_VERSION >= 21200
void goals__xml_on_error(void *ctx, const xmlError *e);
#else
void goals__xml_on_error(void *ctx, xmlErrorPtr e);
#endif

/* Loads goals-plan-1.xsd from dir, else $GOALS_SCHEMA_DIR, else the
 * installed folder. */
int goals__xml_schema_load(xmlSchemaPtr *out, const char *dir);

#endif
