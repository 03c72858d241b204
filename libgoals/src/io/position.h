/* Internal: FILE:LINE:COL of the n-th start tag (and of an attribute in it),
 * found by reading the document again as a stream.
 *
 * The same answers as the loader's former whole-document locator (kept as
 * a test oracle, tests/unit/oracle.c): start tags counted from 1 in
 * document order; comments, CDATA sections, processing instructions,
 * DOCTYPE and end tags skipped; quoted attribute values may hold '>'; a
 * UTF-8 byte order mark is not a column; columns count characters (UTF-8
 * sequences), as libxml2's do. But the bytes come from a goals__source
 * opened again on first use (goals__source_reopen), through a window that
 * follows the scan, so memory stays bounded by the window (it grows only
 * to hold one tag bigger than itself). Plain memory input is scanned in
 * place, without a window.
 *
 * Asking for ordinals in increasing order costs one pass over the document
 * in all; asking for a smaller one than the last starts again (and opens the
 * source again). Lines and columns are running counts: no line is walked
 * twice, so a document on one long line costs no more than others. */
#ifndef GOALS_IO_POSITION_H
#define GOALS_IO_POSITION_H

#include <stddef.h>
#include <stdint.h>

#include "source.h"

/* The window a scan starts with. */
#define GOALS__POS_WINDOW (256u * 1024u)

typedef struct goals__pos {
    const goals__source *src;
    goals__source *in;       /* src opened again; NULL until first use */
    size_t window;           /* the window's usual size; 0: src is scanned in place */
    char *buf;               /* window storage */
    size_t buf_cap;
    const char *win;         /* the window: buf, or the document in place */
    size_t len;              /* bytes in it */
    uint64_t base;           /* document offset of win[0] */
    int started, eof, failed;
    uint64_t pos;            /* offset of the next '<' to look at */
    unsigned long ordinal;   /* start tags passed */
    unsigned long found;     /* the ordinal whose tag is held in the window, 0: none */
    uint64_t tag, tag_end;   /* that tag: from its '<' to past its '>' */
    unsigned long tag_line, tag_col;
    uint64_t mark;           /* line and col are those of this offset */
    unsigned long line, col;
    int single_byte;         /* columns are bytes (ISO-8859-n …), not UTF-8 sequences */
} goals__pos;

/* Opens nothing yet. */
void goals__pos_init(goals__pos *p, const goals__source *src);
/* The same with a window of window bytes (at least 16) even for plain
 * memory input: tests make it tiny, to go through every refill. 0 is the
 * default (in place for plain memory, else GOALS__POS_WINDOW). */
void goals__pos_init_window(goals__pos *p, const goals__source *src, size_t window);

/* 1 and line/col (1-based, columns in characters) of start tag ordinal's
 * '<', or of its attribute qname (as written, e.g. "xml:lang") when qname
 * is non-NULL and the tag has it; col may be NULL. 0 when not found (line
 * and col are then 0), also when the source cannot be read again: the
 * thread's error is then left as it was, for the caller's own report. */
int goals__pos_locate(goals__pos *p, unsigned long ordinal, const char *qname, unsigned long *line,
                      unsigned long *col);

/* Columns count bytes from now on: the document declared an encoding of
 * one byte a character (libxml2 converts it; its columns count characters). */
void goals__pos_single_byte(goals__pos *p);
void goals__pos_free(goals__pos *p);

#endif
