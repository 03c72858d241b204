/* Internal: the raw pre-scans of a document, chunk by chunk, for a loader
 * that never holds the whole document (a libxml2 push parser).
 *
 * goals__tagscan_feed refuses start tags with more than
 * GOALS__MAX_ATTRIBUTES attributes (io_internal.h), which libxml2 2.9
 * checks pairwise: one element with 100 000 attributes costs it 20 s.
 * goals__tagscan_prolog refuses wide encodings and any DOCTYPE before the
 * root, looking only at the first bytes. */
#ifndef GOALS_IO_TAGSCAN_H
#define GOALS_IO_TAGSCAN_H

#include <stddef.h>

/* The scan's state between chunks: no allocation, no copy of the input.
 * Fields are private to tagscan.c. */
typedef struct goals__tagscan {
    unsigned long ordinal; /* start tags begun so far */
    unsigned long attrs;   /* '=' outside quotes in a start tag left open at a chunk's end */
    long depth;            /* '[' minus ']' in a DOCTYPE */
    unsigned char state;
    unsigned char run;     /* "<![CDATA[" matched so far, or closing characters seen */
    char quote;            /* the open quote in a start tag or DOCTYPE, or 0 */
} goals__tagscan;

void goals__tagscan_init(goals__tagscan *s);

/* Feeds the next n bytes of the document; chunks may be split anywhere
 * (inside "<!--", inside a quoted value, inside a UTF-8 sequence), and the
 * result does not depend on where. Returns GOALS_OK, or GOALS_ELIMIT when a
 * start tag has more than GOALS__MAX_ATTRIBUTES attributes (namespace
 * declarations included): *ordinal is then that start tag's number
 * (1-based, in document order, counted as the former locator counted them:
 * comments, CDATA sections, PIs, DOCTYPE and end tags skipped), and every
 * later call returns the same. Sets no error: the caller turns the ordinal
 * into FILE:LINE:COL. Input that is not well-formed is scanned in linear
 * time and left to libxml2 to judge. */
int goals__tagscan_feed(goals__tagscan *s, const char *data, size_t n, unsigned long *ordinal);

/* Refuses UTF-16, UTF-32 and EBCDIC input, and an XML declaration naming
 * an encoding whose bytes below 0x80 are not always ASCII (UTF-7,
 * ISO-2022-JP, Shift_JIS ...: GOALS_EUNSUPPORTED, at the name), and a
 * DOCTYPE before the root (GOALS_EINVALID, at its line and column), setting
 * the error. data is the document's first size bytes: at least its first
 * 64 KiB, or all of it. A prolog (comments, PIs) longer than size is taken
 * as it is: a DOCTYPE after it is not seen here. */
int goals__tagscan_prolog(const char *data, size_t size, const char *name);
/* Whether the XML declaration at the start of data names an encoding of
 * one byte a character (ISO-8859-n, windows-125n, KOI8, TIS-620), whose
 * columns are bytes rather than UTF-8 sequences. */
int goals__tagscan_single_byte(const char *data, size_t size);

#endif
