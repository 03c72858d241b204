/* Internal: the observation CSV reader (csv.c). The public functions in
 * io.h use the default limits; these entry points take the limits, so that
 * tests can reach them with small inputs. */
#ifndef GOALS_IO_CSV_H
#define GOALS_IO_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "goals/goals.h"

/* The longest field, in bytes after unquoting. A measure id, a period or a
 * number is short; a note may be long, but a megabyte is prose, not data. */
#define GOALS__CSV_MAX_FIELD ((size_t)1 << 20)

typedef struct goals__csv_limits {
    size_t max_field;   /* bytes in one field; 0: GOALS__CSV_MAX_FIELD */
    uint64_t max_bytes; /* the whole input, after decompression; 0: GOALS_DEFAULT_MAX_BYTES */
} goals__csv_limits;

/* As goals_plan_load_observations_file() / _memory(), with limits (NULL: defaults). */
int goals__csv_load_file(goals_plan *plan, const char *path, unsigned flags, const goals__csv_limits *lim);
int goals__csv_load_memory(goals_plan *plan, const void *data, size_t size, const char *name, unsigned flags,
                           const goals__csv_limits *lim);

#endif
