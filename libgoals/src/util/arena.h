/* Internal: a bump allocator whose memory lives as long as its owner (a
 * plan). Objects allocated here never move, so handles into it stay valid. */
#ifndef GOALS_UTIL_ARENA_H
#define GOALS_UTIL_ARENA_H

#include <stddef.h>

typedef struct goals__arena_chunk goals__arena_chunk;

typedef struct goals__arena {
    goals__arena_chunk *head;
    size_t used;       /* bytes used in head */
    size_t total;      /* bytes held in all chunks, for memory accounting */
} goals__arena;

void goals__arena_init(goals__arena *a);
void goals__arena_free(goals__arena *a);
/* Zeroed memory aligned for any object; NULL when out of memory. */
void *goals__arena_alloc(goals__arena *a, size_t size);
/* A copy of s[0..n) with a NUL; NULL when out of memory. */
char *goals__arena_strndup(goals__arena *a, const char *s, size_t n);
char *goals__arena_strdup(goals__arena *a, const char *s);

/* A point to roll back to: what was allocated after it can be handed back
 * with goals__arena_rewind() while no new chunk was taken since. (The
 * loader's element tree drops each observation once it is in the plan.) */
typedef struct goals__arena_mark {
    size_t used, total;
} goals__arena_mark;

goals__arena_mark goals__arena_get_mark(const goals__arena *a);
/* Frees back to m when the arena has taken no chunk since; else does
 * nothing (the memory then goes with the arena). Returns 1 when rewound. */
int goals__arena_rewind(goals__arena *a, goals__arena_mark m);

#endif
