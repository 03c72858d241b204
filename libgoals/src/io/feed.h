/* Internal: the bytes of a document on their way to libxml2.
 *
 * A feed reads the input (a file or memory, plain or gzip) a chunk at a
 * time and checks each chunk before the parser sees it: the prolog (no
 * UTF-16, no DOCTYPE) on the first, the number of attributes per start tag
 * on all of them (libxml2 2.9 checks a tag's attributes pairwise). It also
 * answers where the n-th start tag is, for our own error messages, by
 * reading the input again from its start: positions are needed only when
 * something is wrong, so the parse keeps nothing for them. */
#ifndef GOALS_IO_FEED_H
#define GOALS_IO_FEED_H

#include "io_internal.h"

typedef struct goals__feed goals__feed;

/* A feed over a file (plain or gzip by content). Fails with the error set
 * when the file cannot be opened. */
int goals__feed_open_file(goals__feed **out, const char *path, const goals__load_cfg *cfg);
/* A feed over memory the caller keeps until goals__feed_free. */
int goals__feed_open_memory(goals__feed **out, const void *data, size_t size, const goals__load_cfg *cfg);
void goals__feed_free(goals__feed *f);

/* libxml2's read callback: up to len bytes into buf; the count, 0 at the
 * end, -1 when the input failed or a check refused it (the status says). */
int goals__feed_read(goals__feed *f, char *buf, int len);
/* GOALS_OK, or the first failure of the input or its checks (error set). */
int goals__feed_status(goals__feed *f);
/* 1 when the feed failed by refusing a NUL byte, having given the parser
 * every byte before it, with the NUL's place: an error the parser finds
 * before that place is the document's first. 0 for other failures (input,
 * size, cancellation, the attribute limit: they withhold bytes the parser
 * then misses) and none. */
int goals__feed_refused_at(const goals__feed *f, unsigned long *line, unsigned long *col);

/* Line and column (1-based; columns in characters) of start tag ordinal
 * (1-based, document order), or of its attribute qname when given and
 * present (else of the tag); col may be NULL. Returns 1 when found; 0 when
 * the tag is not (the input cannot be read again, e.g. a pipe), with line
 * set to known_line (the parser's line of the tag, or 0) and col 0. */
int goals__feed_locate(goals__feed *f, unsigned long ordinal, const char *qname, unsigned long known_line,
                       unsigned long *line, unsigned long *col);
/* The document's name, for messages. */
const char *goals__feed_name(const goals__feed *f);

#endif
