/* Test oracles: the loader's former whole-document implementations of
 * positions (the n-th start tag's line and column), the prolog check and
 * the attribute-count scan, kept here after the loader moved to streaming
 * versions (libgoals/src/io/position.c, tagscan.c) so that tests can
 * compare the two on the same bytes. Not part of the library. */
#ifndef GOALS_TESTS_ORACLE_H
#define GOALS_TESTS_ORACLE_H

#include <stddef.h>


/* Finds positions in a document by the ordinal of an element's start tag
 * (1-based, in document order), scanning the raw text. libxml2 keeps no
 * column for nodes and its reader parses ahead of the node it returns, so
 * positions of our own errors come from here. Scanning resumes from the last
 * position when ordinals grow, so locating every element in order is O(n). */
typedef struct oracle_locator {
    const char *data;
    size_t size;
    size_t pos;              /* offset of the next '<' to look at */
    unsigned long ordinal;   /* start tags passed */
    size_t tag;              /* offset of the last start tag passed */
    unsigned long line;      /* line of pos */
    size_t line_start;       /* offset where that line starts */
} oracle_locator;

void oracle_locator_init(oracle_locator *loc, const char *data, size_t size);
/* Line and column (1-based, columns in characters) of element ordinal's '<',
 * or of its attribute qname when qname is non-NULL and present. col may be
 * NULL (only the line is wanted). Returns 0 when not found (line and col
 * are then 0). */
int oracle_locate(oracle_locator *loc, unsigned long ordinal, const char *qname,
                  unsigned long *line, unsigned long *col);
/* Checks the prolog before libxml2 sees anything: refuses UTF-16/32 input and
 * any DOCTYPE (with its position). Sets the error; returns GOALS_OK otherwise. */
int oracle_prolog_check(const char *data, size_t size, const char *name);

/* Refuses (GOALS_ELIMIT, with the tag's position) a document with a start
 * tag of more than GOALS__MAX_ATTRIBUTES attributes, in one linear pass. */
int oracle_attribute_scan(const char *data, size_t size, const char *name);

#endif
