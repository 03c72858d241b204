/* XSD validation glue: finds and parses goals-plan-1.xsd (which imports the
 * xml.xsd beside it, by a relative schemaLocation: nothing is fetched). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/error.h"
#include "xml_glue.h"

#ifndef GOALS_SCHEMA_DIR
#  define GOALS_SCHEMA_DIR "/usr/local/share/libgoals/schema"
#endif

#define SCHEMA_FILE "goals-plan-1.xsd"

int goals__xml_schema_load(xmlSchemaPtr *out, const char *dir)
{
    *out = NULL;
    goals__xml_init();
    /* An explicit folder, then the environment (tests and relocated
     * installs), then the folder the library was installed with. */
    const char *d = dir && *dir ? dir : getenv("GOALS_SCHEMA_DIR");
    if (!d || !*d)
        d = GOALS_SCHEMA_DIR;
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%s", d, SCHEMA_FILE);
    if (n < 0 || (size_t)n >= sizeof path)
        return goals__error(GOALS_EINVAL, "schema folder name is too long");
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        char reason[256];
        if (strerror_r(errno, reason, sizeof reason) != 0)
            strcpy(reason, "unknown error");
        return goals__error_at(GOALS_EIO, path, 0, 0, "cannot read the schema: %s", reason);
    }
    close(fd);
    goals__xml_error err;
    memset(&err, 0, sizeof err);
    xmlSchemaParserCtxtPtr p = xmlSchemaNewParserCtxt(path);
    if (!p)
        return goals__oom();
    xmlSchemaSetParserStructuredErrors(p, goals__xml_on_error, &err);
    xmlSchemaPtr s = xmlSchemaParse(p);
    xmlSchemaFreeParserCtxt(p);
    if (!s)
        return goals__error_at(GOALS_ERROR, path, err.line, err.col, "cannot load the schema: %s",
                               err.have ? err.message : "not a valid XML Schema");
    *out = s;
    return GOALS_OK;
}
