/* Internal: every allocation of the library goes through these, so that tests
 * can make the n-th allocation fail (goals__alloc_fail_after) and check that
 * each failure ends in a clean GOALS_ENOMEM with nothing leaked. */
#ifndef GOALS_UTIL_ALLOC_H
#define GOALS_UTIL_ALLOC_H

#include <stddef.h>

void *goals__malloc(size_t size);
void *goals__calloc(size_t n, size_t size);
void *goals__realloc(void *ptr, size_t size);
/* Reallocates an array of n elements of size each, failing (NULL) on overflow. */
void *goals__reallocarray(void *ptr, size_t n, size_t size);
void goals__free(void *ptr);
char *goals__strdup(const char *s);
char *goals__strndup(const char *s, size_t n);

/* Test hook (not exported from the shared library): after n more successful
 * allocations every allocation fails; n < 0 turns failures off. Returns the
 * number of allocations made since the last call. Process-wide, atomic. */
long goals__alloc_fail_after(long n);

#endif
