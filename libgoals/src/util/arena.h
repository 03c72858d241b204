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

#endif
