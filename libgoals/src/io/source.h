/* Internal: a document's decompressed bytes as a stream, read in chunks.
 *
 * Files and memory, plain or gzip (told by the magic bytes, never the name),
 * under the load's size cap and decompression-bomb rule, with progress
 * reports and cancellation. Nothing here holds the whole document: a source
 * keeps at most one chunk of input (GOALS__SOURCE_CHUNK) and zlib's state. */
#ifndef GOALS_IO_SOURCE_H
#define GOALS_IO_SOURCE_H

#include <stddef.h>

#include "io_internal.h"

/* Bytes asked of the operating system (or of zlib) at a time. */
#define GOALS__SOURCE_CHUNK (256u * 1024u)

typedef struct goals__source goals__source;

/* A file, plain or gzip by its content, read in chunks. cfg is copied; its
 * name (and the progress data) must outlive the source. Errors: GOALS_EIO
 * (cannot open, a folder, cannot read), GOALS_ELIMIT (a plain file over the
 * cap), GOALS_ENOMEM. */
int goals__source_open_file(goals__source **out, const char *path, const goals__load_cfg *cfg);

/* Memory input: plain bytes are read in place (never copied; the caller's
 * buffer outlives the source); gzip is inflated chunk by chunk. Plain input
 * over the cap is refused here, and its one progress report (size of size)
 * is made here, as it is all there at once. */
int goals__source_open_memory(goals__source **out, const void *data, size_t size, const goals__load_cfg *cfg);

/* Up to cap next bytes into buf: the count, 0 at the end, or a negative
 * status with the thread's error set (and returned again by later calls).
 * Errors: GOALS_EIO, GOALS_EPARSE ("truncated gzip data", "bad gzip data:
 * ..."), GOALS_ELIMIT (cap, bomb), GOALS_ERROR ("load cancelled"),
 * GOALS_ENOMEM. */
ptrdiff_t goals__source_read(goals__source *s, char *buf, size_t cap);

/* Plain memory input only: the whole document in place (so callers can
 * avoid copies); NULL otherwise. Never NULL for plain memory, even empty. */
const char *goals__source_whole(const goals__source *s, size_t *size);

/* A new, independent source over the same bytes from the start, for finding
 * positions after an error: no progress reports; caps still apply. A file
 * that changed since it was opened is GOALS_EIO "changed while loading"; a
 * file that is not a regular file (a pipe) cannot be read again (GOALS_EIO). */
int goals__source_reopen(const goals__source *s, goals__source **out);

/* cfg->name: the document's name for messages. */
const char *goals__source_name(const goals__source *s);

/* NULL is a no-op. */
void goals__source_free(goals__source *s);

#endif
